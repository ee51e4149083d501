//! The flatten panel's deep link: `#/flatten?input=1,2;3,4|5,6;7,8&step=…` (channels by `|`).
//! Reading never fails: what cannot be used is named.

use super::state::{FlattenState, MAX_CHANNELS, MAX_SIDE};
use crate::link::{format_matrix, parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, matrix_within, unknown_keys};

pub const ROUTE: &str = "/flatten";
const KEYS: &[&str] = &["v", "input", "step"];

/// One matrix per channel, all the same size, within the panel's limits.
pub fn parse_stack(text: &str) -> Result<Vec<Vec<Vec<f32>>>, String> {
    let parts: Vec<&str> = text.split('|').collect();
    if parts.len() > MAX_CHANNELS {
        return Err(format!("it has {} channels; this panel allows 1 to {MAX_CHANNELS}", parts.len()));
    }
    let mut planes = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let m = matrix_within(part, MAX_SIDE, MAX_SIDE).map_err(|e| if parts.len() > 1 { format!("channel {}: {e}", i + 1) } else { e })?;
        planes.push(m);
    }
    let size = |m: &Vec<Vec<f32>>| (m.len(), m.first().map_or(0, Vec::len));
    if let Some((i, m)) = planes.iter().enumerate().find(|(_, m)| size(m) != size(&planes[0])) {
        let ((r, c), (r0, c0)) = (size(m), size(&planes[0]));
        return Err(format!("channel {} is {r}×{c} but channel 1 is {r0}×{c0}; every channel needs the same size", i + 1));
    }
    Ok(planes)
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> FlattenState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = FlattenState::default();
    if let Some(t) = link.get("input") {
        match parse_stack(t).and_then(|p| FlattenState::from_planes(&p)) {
            Ok(new) => s = new,
            Err(e) => ignore(&mut ignored, "input", e),
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

/// The link that reproduces the stack shown (the last valid one, not half-typed text).
pub fn to_link(s: &FlattenState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let t = &s.good.tensor;
    let planes: Vec<String> = (0..t.shape().c).map(|c| format_matrix(&t.plane_rows(c))).collect();
    l.push("input", planes.join("|"));
    if s.play.step > 0 {
        l.push("step", s.play.step.to_string());
    }
    l
}
