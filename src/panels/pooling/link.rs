//! The pooling panel's deep link: `#/pooling?preset=…&input=…&mode=max|avg&size=…&stride=…&
//! step=…`. Reading never fails: what cannot be used is named.

use super::presets;
use super::state::{compute, mode_key, parse_mode, PoolState, MAX_INPUT, MAX_SIZE, MAX_STRIDE, MIN_SIZE};
use crate::text::excerpt;
use crate::link::{format_matrix, parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, matrix_within, unknown_keys};
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;

pub const ROUTE: &str = "/pooling";
const KEYS: &[&str] = &["v", "preset", "input", "mode", "size", "stride", "step"];

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> PoolState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut mode = crate::cnn::PoolKind::Max;
    if let Some(t) = link.get("mode") {
        match parse_mode(t) {
            Ok(m) => mode = m,
            Err(e) => ignore(&mut ignored, "mode", e),
        }
    }
    let mut s = PoolState::from_preset(&presets::PRESETS[0], mode);
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = PoolState::from_preset(p, mode),
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
    if let Some(t) = link.get("size") {
        match parse_count(t, MIN_SIZE, MAX_SIZE) {
            Ok(v) => (s.size, custom) = (v, true),
            Err(e) => ignore(&mut ignored, "size", e),
        }
    }
    if let Some(t) = link.get("stride") {
        match parse_count(t, 1, MAX_STRIDE) {
            Ok(v) => (s.stride, custom) = (v, true),
            Err(e) => ignore(&mut ignored, "stride", e),
        }
    }
    if custom {
        if let Ok(input) = s.input.values() {
            match compute(&input, mode, s.size, s.stride) {
                Ok(c) => (s.good, s.preset) = (Rc::new(c), None),
                Err(e) => {
                    for k in ["input", "size", "stride"].iter().filter(|k| link.get(k).is_some()) {
                        ignore(&mut ignored, k, format!("together they do not work: {e}"));
                    }
                    s = defaults;
                }
            }
        }
    }
    if let Some(t) = link.get("step") {
        match parse_count(t, 0, s.total_steps() - 1) {
            Ok(v) => s.play.step = v,
            Err(e) => ignore(&mut ignored, "step", format!("{e} (steps are counted from 0)")),
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces the state shown (the last valid setting, not half-typed text).
pub fn to_link(s: &PoolState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let g = &s.good;
    if let Some(p) = s.preset {
        l.push("preset", p);
    } else {
        l.push("input", format_matrix(&g.input.plane_rows(0)));
        l.push("size", g.params.kh.to_string());
        l.push("stride", g.params.stride.to_string());
    }
    l.push("mode", mode_key(g.params.kind));
    if s.play.step > 0 {
        l.push("step", s.play.step.to_string());
    }
    l
}
