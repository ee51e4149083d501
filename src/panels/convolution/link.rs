//! The convolution panel's deep link: `#/convolution?preset=…&input=…&kernel=…&bias=…&
//! padding=…&stride=…&relu=…&flip=…&step=…`. Reading never fails: what cannot be used is named.

use super::presets;
use super::state::{compute_with, ConvState, PadChoice, MAX_INPUT, MAX_KERNEL, MAX_STRIDE};
use crate::link::{format_matrix, parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, matrix_within};
use crate::panels::text_grid::TextGrid;
use crate::text::{machine_number, parse_number, excerpt};
use std::rc::Rc;

pub const ROUTE: &str = "/convolution";
const KEYS: &[&str] = &["v", "preset", "input", "kernel", "bias", "padding", "stride", "relu", "flip", "step"];

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> ConvState {
    let mut ignored = Vec::new();
    crate::panels::link_keys::unknown_keys(link, KEYS, &mut ignored);
    let mut s = ConvState::default();
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = ConvState::from_preset(p),
            None => ignore(&mut ignored, "preset", format!("there is no preset “{}”", excerpt(id))),
        }
    }
    let defaults = s.clone();
    let mut custom = false;
    if let Some(t) = link.get("input") {
        match matrix_within(t, MAX_INPUT, MAX_INPUT) {
            Ok(m) => (s.input, custom) = (TextGrid::from_values(&m), true),
            Err(e) => ignore(&mut ignored, "input", e),
        }
    }
    if let Some(t) = link.get("kernel") {
        match matrix_within(t, MAX_KERNEL, MAX_KERNEL) {
            Ok(m) => (s.kernel, custom) = (TextGrid::from_values(&m), true),
            Err(e) => ignore(&mut ignored, "kernel", e),
        }
    }
    if let Some(t) = link.get("bias") {
        match parse_number(t) {
            Ok(b) => (s.bias, custom) = (machine_number(b), true),
            Err(e) => ignore(&mut ignored, "bias", e.to_string()),
        }
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
    if let Some(t) = link.get("relu") {
        match t {
            "1" | "true" | "on" => s.relu = true,
            "0" | "false" | "off" => s.relu = false,
            _ => ignore(&mut ignored, "relu", format!("“{}” is not 0 or 1", excerpt(t))),
        }
    }
    if let Some(t) = link.get("flip") {
        match t {
            "1" | "true" | "on" => s.flip = true,
            "0" | "false" | "off" => s.flip = false,
            _ => ignore(&mut ignored, "flip", format!("“{}” is not 0 or 1", excerpt(t))),
        }
    }
    if s.flip && !custom {
        s.refresh(); // the preset (or default) convolved with the flipped kernel
    }
    if custom {
        let values = (s.input.values(), s.kernel.values(), parse_number(&s.bias));
        if let (Ok(i), Ok(k), Ok(b)) = values {
            match compute_with(&i, &k, b, s.padding, s.stride, s.flip) {
                Ok(c) => {
                    s.good = Rc::new(c);
                    s.preset = None;
                }
                Err(e) => {
                    let keys = ["input", "kernel", "padding", "stride"].iter().filter(|k| link.get(k).is_some());
                    for k in keys {
                        ignore(&mut ignored, k, format!("together they do not work: {e}"));
                    }
                    let (relu, flip) = (s.relu, s.flip);
                    s = ConvState { relu, flip, ..defaults };
                    if flip {
                        s.refresh();
                    }
                }
            }
        }
    }
    if let Some(t) = link.get("step") {
        match parse_count(t, 0, s.total_steps() - 1) {
            Ok(v) => s.step = v,
            Err(e) => ignore(&mut ignored, "step", format!("{e} (steps are counted from 0)")),
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces the state shown (the last valid setting, not half-typed text).
pub fn to_link(s: &ConvState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    if let Some(p) = s.preset {
        l.push("preset", p);
    } else {
        let g = &s.good;
        l.push("input", format_matrix(&g.input.plane_rows(0)));
        let k = &g.filters;
        let rows: Vec<Vec<f32>> = k.data().chunks(k.kw).map(<[f32]>::to_vec).collect();
        l.push("kernel", format_matrix(&rows));
        l.push("bias", machine_number(g.bias));
        l.push("padding", g.padding.key());
        l.push("stride", g.params.stride.to_string());
    }
    if s.relu {
        l.push("relu", "1");
    }
    if s.flip {
        l.push("flip", "1");
    }
    if s.step > 0 {
        l.push("step", s.step.to_string());
    }
    l
}
