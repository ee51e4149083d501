//! The pipeline panel's deep link: `#/pipeline?preset=vertical-bar&label=0&stage=pool`, or
//! `input=…` (a 6×6 matrix), `kernel=…|…` (two 3×3 filters), `weights=…` (3×8), `bias=…` (3
//! values). Reading never fails: what cannot be used is named and its default kept.

use super::presets::{self, CLASSES, FEATURES, FILTERS, K, NAMES, SIDE};
use super::state::{compute, PipeState, Stage};
use crate::link::{format_matrix, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, matrix_within, unknown_keys, vector_within};
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;

pub const ROUTE: &str = "/pipeline";
const KEYS: &[&str] = &["v", "preset", "input", "kernel", "weights", "bias", "label", "stage"];

/// A matrix of exactly `rows` × `cols`.
fn exact(text: &str, rows: usize, cols: usize) -> Result<Vec<Vec<f32>>, String> {
    let m = matrix_within(text, rows.max(16), cols.max(16))?;
    let (r, c) = (m.len(), m.first().map_or(0, Vec::len));
    if (r, c) != (rows, cols) {
        return Err(format!("it is {r}×{c}; this network needs {rows}×{cols}"));
    }
    Ok(m)
}

/// The filters of a link: exactly two 3×3 matrices separated by `|`.
pub fn parse_kernels(text: &str) -> Result<Vec<Vec<Vec<f32>>>, String> {
    let parts: Vec<&str> = text.split('|').collect();
    if parts.len() != FILTERS {
        return Err(format!("it has {} filter(s); this network has {FILTERS}, separated by |", parts.len()));
    }
    parts.iter().enumerate().map(|(i, p)| exact(p, K, K).map_err(|e| format!("filter {}: {e}", i + 1))).collect()
}

/// A class from a link: its index (0–2) or its name.
pub fn parse_label(text: &str) -> Result<usize, String> {
    if let Some(i) = NAMES.iter().position(|n| *n == text) {
        return Ok(i);
    }
    match text.parse::<usize>() {
        Ok(i) if i < CLASSES => Ok(i),
        _ => Err(format!(
            "“{}” is not a class; use 0–{} ({})",
            text.chars().take(24).collect::<String>(),
            CLASSES - 1,
            NAMES.join(", ")
        )),
    }
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> PipeState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = PipeState::default();
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = PipeState::from_preset(p),
            None => ignore(&mut ignored, "preset", format!("there is no example “{}”", id.chars().take(24).collect::<String>())),
        }
    }
    let defaults = s.clone();
    let mut given = Vec::new();
    if let Some(t) = link.get("input") {
        match exact(t, SIDE, SIDE) {
            Ok(m) => (s.input, s.preset) = (TextGrid::from_values(&m), None),
            Err(e) => ignore(&mut ignored, "input", e),
        }
        given.push("input");
    }
    if let Some(t) = link.get("kernel") {
        match parse_kernels(t) {
            Ok(ks) => s.kernels = ks.iter().map(|k| TextGrid::from_values(k)).collect(),
            Err(e) => ignore(&mut ignored, "kernel", e),
        }
        given.push("kernel");
    }
    if let Some(t) = link.get("weights") {
        match exact(t, CLASSES, FEATURES) {
            Ok(m) => s.weights = TextGrid::from_values(&m),
            Err(e) => ignore(&mut ignored, "weights", e),
        }
        given.push("weights");
    }
    if let Some(t) = link.get("bias") {
        match vector_within(t, CLASSES).and_then(|v| if v.len() == CLASSES { Ok(v) } else { Err(format!("it has {} value(s); this network has {CLASSES} classes", v.len())) }) {
            Ok(v) => s.bias = TextGrid::from_values(&[v]),
            Err(e) => ignore(&mut ignored, "bias", e),
        }
        given.push("bias");
    }
    if let Some(t) = link.get("label") {
        match parse_label(t) {
            Ok(l) => s.label = l,
            Err(e) => ignore(&mut ignored, "label", e),
        }
    }
    if let Some((image, kernels, weights, bias)) = s.typed() {
        match compute(&image, &kernels, &weights, &bias, s.label) {
            Ok(c) => s.good = Rc::new(c),
            Err(e) => {
                let fresh: Vec<&str> = given.iter().copied().filter(|k| !ignored.iter().any(|i| i.key == *k)).collect();
                for k in fresh {
                    ignore(&mut ignored, k, format!("together they do not work: {e}"));
                }
                let label = s.label;
                s = defaults;
                s.label = label;
                s.refresh();
            }
        }
    }
    if let Some(t) = link.get("stage") {
        match Stage::parse(t) {
            Ok(st) => s.play.step = st.index(),
            Err(e) => ignore(&mut ignored, "stage", e),
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces what is shown (the last valid setting, not half-typed text).
pub fn to_link(s: &PipeState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let g = &s.good;
    match s.preset.filter(|_| s.image_is_preset()) {
        Some(p) => l.push("preset", p),
        None => l.push("input", format_matrix(&g.input.plane_rows(0))),
    }
    let kernels: Vec<Vec<Vec<f32>>> = (0..g.filters.count)
        .map(|k| (0..K).map(|y| (0..K).map(|x| g.filters.get(k, 0, y, x)).collect()).collect())
        .collect();
    if (0..FILTERS).any(|k| kernels.get(k) != Some(&presets::kernel_rows(k))) {
        l.push("kernel", kernels.iter().map(|k| format_matrix(k)).collect::<Vec<_>>().join("|"));
    }
    let n = g.layer.inputs();
    let rows: Vec<Vec<f32>> = g.layer.weights().chunks(n).map(<[f32]>::to_vec).collect();
    if rows != presets::weight_rows() {
        l.push("weights", format_matrix(&rows));
    }
    if g.layer.bias() != presets::BIAS {
        l.push("bias", format_matrix(&[g.layer.bias().to_vec()]));
    }
    l.push("label", g.label.to_string());
    if s.play.step > 0 {
        l.push("stage", s.stage().key());
    }
    l
}
