//! The softmax panel's deep link: `#/softmax?preset=…` or `?logits=3.2,1.3&names=dog,cat`,
//! with `temperature=…`. Reading never fails: what cannot be used is named.

use super::presets;
use super::state::{clamp_temperature, compute, SoftmaxState, MAX_CLASSES, MIN_CLASSES, T_MAX, T_MIN};
use crate::link::{Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};
use crate::panels::vector_text::{count, name_problem, vector_link};
use crate::text::{machine_number, parse_number, excerpt};
use std::rc::Rc;

pub const ROUTE: &str = "/softmax";
const KEYS: &[&str] = &["v", "preset", "logits", "names", "temperature"];

fn logits_within(text: &str) -> Result<Vec<f32>, String> {
    let mut v = Vec::new();
    for (i, t) in text.split(',').enumerate() {
        v.push(parse_number(t).map_err(|e| format!("value {}: {e}", i + 1))?);
    }
    if !(MIN_CLASSES..=MAX_CLASSES).contains(&v.len()) {
        return Err(format!("it has {}; this panel needs {MIN_CLASSES} to {MAX_CLASSES} classes", count(v.len(), "value")));
    }
    Ok(v)
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> SoftmaxState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = SoftmaxState::default();
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = SoftmaxState::from_preset(p),
            None => ignore(&mut ignored, "preset", format!("there is no preset “{}”", excerpt(id))),
        }
    }
    if let Some(t) = link.get("logits") {
        match logits_within(t) {
            Ok(v) => {
                s.logits = v.iter().map(|&z| machine_number(z)).collect();
                s.names = (1..=v.len()).map(|i| format!("class {i}")).collect();
                s.preset = None;
            }
            Err(e) => ignore(&mut ignored, "logits", e),
        }
    }
    if let Some(t) = link.get("names") {
        let names: Vec<String> = t.split(',').map(|n| n.trim().to_string()).collect();
        if names.len() != s.logits.len() {
            ignore(&mut ignored, "names", format!("it has {} but there are {}", count(names.len(), "name"), count(s.logits.len(), "score")));
        } else if let Some(p) = names.iter().find_map(|n| name_problem(n)) {
            ignore(&mut ignored, "names", p);
        } else {
            s.names = names;
            s.preset = None;
        }
    }
    if let Some(t) = link.get("temperature") {
        match parse_number(t) {
            Ok(v) if (T_MIN..=T_MAX).contains(&v) => s.temperature = clamp_temperature(v),
            Ok(v) => ignore(&mut ignored, "temperature", format!("{} is outside {T_MIN}–{T_MAX}", machine_number(v))),
            Err(e) => ignore(&mut ignored, "temperature", e.to_string()),
        }
    }
    let logits = s.parsed_logits().unwrap_or_default();
    match compute(&s.names, &logits, s.temperature) {
        Ok(c) => s.good = Rc::new(c),
        Err(e) => {
            ignore(&mut ignored, "logits", e);
            s = SoftmaxState::default();
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces what is shown (the last valid scores, not half-typed text).
pub fn to_link(s: &SoftmaxState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let g = &s.good;
    if let Some(p) = s.preset {
        l.push("preset", p);
    } else {
        l.push("logits", vector_link(&g.trace.logits));
        l.push("names", g.names.join(","));
    }
    if g.trace.temperature != 1.0 {
        l.push("temperature", machine_number(g.trace.temperature));
    }
    l
}
