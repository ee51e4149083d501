//! The colour panel's deep link: `#/rgb?v=1&preset=…&input=R|G|B&kernel=…&bias=…&padding=…&
//! stride=…&step=…`. Planes are matrices `1,2;3,4` separated by `|`; filters are separated by
//! `||`, each filter's channels by `|` (`kernel=1;…|…|…||…|…|…` is two 3-deep filters); `bias`
//! is one number per filter, separated by `,`. Reading never fails: what cannot be used is named.

use super::presets;
use super::state::{compute, RgbState, CHANNELS, MAX_FILTERS, MAX_KSIDE, MAX_SIDE, MAX_STRIDE, MIN_SIDE};
use crate::link::{format_matrix, parse_count, Link, LINK_VERSION};
use crate::panels::convolution::state::PadChoice;
use crate::panels::link_keys::{ignore, matrix_within, unknown_keys, vector_within};
use crate::panels::text_grid::TextGrid;
use crate::text::{machine_number, excerpt};
use std::rc::Rc;

pub const ROUTE: &str = "/rgb";
const KEYS: &[&str] = &["v", "preset", "input", "kernel", "bias", "padding", "stride", "step"];

/// Square planes of equal size, separated by `|`.
fn planes(text: &str, max: usize) -> Result<Vec<Vec<Vec<f32>>>, String> {
    let planes = text
        .split('|')
        .enumerate()
        .map(|(i, t)| matrix_within(t, max, max).map_err(|e| format!("channel {}: {e}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    let (h, w) = (planes[0].len(), planes[0][0].len());
    if h != w {
        return Err(format!("channel 1 is {h}×{w}; this panel uses square images"));
    }
    if let Some(i) = planes.iter().position(|p| p.len() != h || p[0].len() != w) {
        return Err(format!("channel {} is {}×{} but channel 1 is {h}×{w}", i + 1, planes[i].len(), planes[i][0].len()));
    }
    Ok(planes)
}

/// The input: exactly three square planes of MIN_SIDE..=MAX_SIDE.
pub fn parse_input(text: &str) -> Result<Vec<Vec<Vec<f32>>>, String> {
    let p = planes(text, MAX_SIDE)?;
    if p.len() != CHANNELS {
        return Err(format!("it has {} channels; a colour image has 3 (red|green|blue)", p.len()));
    }
    if p[0].len() < MIN_SIDE {
        return Err(format!("the image is {0}×{0}; this panel allows {MIN_SIDE}×{MIN_SIDE} to {MAX_SIDE}×{MAX_SIDE}", p[0].len()));
    }
    Ok(p)
}

/// Filters separated by `||`, channels by `|`: 1–3 filters, each 1–3 deep, all alike.
pub fn parse_kernels(text: &str) -> Result<Vec<Vec<Vec<Vec<f32>>>>, String> {
    let filters = text
        .split("||")
        .enumerate()
        .map(|(i, t)| planes(t, MAX_KSIDE).map_err(|e| format!("filter {}: {e}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    if filters.len() > MAX_FILTERS {
        return Err(format!("it has {} filters; this panel allows 1 to {MAX_FILTERS}", filters.len()));
    }
    let (d, f) = (filters[0].len(), filters[0][0].len());
    if d > CHANNELS {
        return Err(format!("filter 1 is {d} deep; this panel allows 1 to {CHANNELS}"));
    }
    if let Some(i) = filters.iter().position(|k| k.len() != d || k[0].len() != f) {
        return Err(format!("filter {} is {2}×{2}×{1} but filter 1 is {f}×{f}×{d}", i + 1, filters[i].len(), filters[i][0].len()));
    }
    Ok(filters)
}

fn write_planes(t: &crate::cnn::Tensor) -> String {
    (0..t.shape().c).map(|c| format_matrix(&t.plane_rows(c))).collect::<Vec<_>>().join("|")
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> RgbState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = RgbState::default();
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = RgbState::from_preset(p),
            None => ignore(&mut ignored, "preset", format!("there is no preset “{}”", excerpt(id))),
        }
    }
    let defaults = s.clone();
    let mut custom = false;
    if let Some(t) = link.get("input") {
        match parse_input(t) {
            Ok(p) => (s.input, custom) = (p.iter().map(|m| TextGrid::from_values(m)).collect(), true),
            Err(e) => ignore(&mut ignored, "input", e),
        }
    }
    let mut kernel_given = false;
    if let Some(t) = link.get("kernel") {
        match parse_kernels(t) {
            Ok(k) => {
                s.kernels = k.iter().map(|f| f.iter().map(|m| TextGrid::from_values(m)).collect()).collect();
                (custom, kernel_given) = (true, true);
            }
            Err(e) => ignore(&mut ignored, "kernel", e),
        }
    }
    let n = s.kernels.len();
    match link.get("bias") {
        Some(t) => match vector_within(t, MAX_FILTERS) {
            Ok(b) if b.len() == n => (s.bias, custom) = (b.iter().map(|&v| machine_number(v)).collect(), true),
            Ok(b) => {
                ignore(&mut ignored, "bias", format!("it has {} values for {n} filters; one bias per filter", b.len()));
                s.bias.resize_with(n, || "0".into());
            }
            Err(e) => {
                ignore(&mut ignored, "bias", e);
                s.bias.resize_with(n, || "0".into());
            }
        },
        None if kernel_given => s.bias.resize_with(n, || "0".into()),
        None => {}
    }
    if let Some(t) = link.get("padding") {
        match PadChoice::parse(t) {
            Ok(p) => (s.padding, custom) = (p, true),
            Err(e) => ignore(&mut ignored, "padding", e),
        }
    }
    if let Some(t) = link.get("stride") {
        match parse_count(t, 1, MAX_STRIDE) {
            Ok(v) => (s.stride, custom) = (v, true),
            Err(e) => ignore(&mut ignored, "stride", e),
        }
    }
    if custom {
        if let Some((p, k, b)) = s.values() {
            match compute(&p, &k, &b, s.padding, s.stride) {
                Ok(c) => {
                    s.good = Rc::new(c);
                    s.preset = None;
                }
                Err(e) => {
                    for k in ["input", "kernel", "bias", "padding", "stride"].iter().filter(|k| link.get(k).is_some()) {
                        if !ignored.iter().any(|i| i.key == *k) {
                            ignore(&mut ignored, k, format!("together they do not work: {e}"));
                        }
                    }
                    s = defaults;
                }
            }
        }
    }
    if let Some(t) = link.get("step") {
        match parse_count(t, 0, s.total_steps() - 1) {
            Ok(v) => s.play.step = v,
            Err(e) => ignore(&mut ignored, "step", format!("{e} (steps are counted from 0, filter by filter)")),
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces the state shown (the last valid setting).
pub fn to_link(s: &RgbState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    if let Some(p) = s.preset {
        l.push("preset", p);
    } else {
        let g = &s.good;
        l.push("input", write_planes(&g.input));
        let f = &g.filters;
        let per = f.depth * f.kh * f.kw;
        let kernels: Vec<String> = f
            .data()
            .chunks(per)
            .map(|k| k.chunks(f.kh * f.kw).map(|p| format_matrix(&p.chunks(f.kw).map(<[f32]>::to_vec).collect::<Vec<_>>())).collect::<Vec<_>>().join("|"))
            .collect();
        l.push("kernel", kernels.join("||"));
        l.push("bias", g.bias.iter().map(|&b| machine_number(b)).collect::<Vec<_>>().join(","));
        l.push("padding", g.padding.key());
        l.push("stride", g.params.stride.to_string());
    }
    if s.play.step > 0 {
        l.push("step", s.play.step.to_string());
    }
    l
}
