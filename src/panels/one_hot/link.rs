//! The one-hot panel's deep link: `#/one-hot?categories=red,yellow,green&samples=Red,Green&
//! vector=0,0,1` (or `preset=…`). Reading never fails: what cannot be used is named.

use super::presets;
use super::state::{check, parse_categories, parse_samples, OneHotState};
use crate::text::excerpt;
use crate::link::{Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};
use crate::panels::vector_text::{vector_link, vector_text};

pub const ROUTE: &str = "/one-hot";
const KEYS: &[&str] = &["v", "preset", "categories", "samples", "vector"];

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> OneHotState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = OneHotState::default();
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = OneHotState::from_preset(p),
            None => ignore(&mut ignored, "preset", format!("there is no preset “{}”", excerpt(id))),
        }
    }
    if let Some(t) = link.get("categories") {
        match parse_categories(t) {
            Ok(c) => {
                s.categories = c.join(", ");
                s.preset = None;
                if parse_samples(&s.samples, &c).is_err() {
                    s.samples = s.categories.clone(); // one sample per category, until samples say otherwise
                }
            }
            Err(e) => ignore(&mut ignored, "categories", e),
        }
    }
    if let Some(t) = link.get("samples") {
        let cats = parse_categories(&s.categories).unwrap_or_default();
        match parse_samples(t, &cats) {
            Ok(v) => {
                s.samples = v.into_iter().map(|(n, _)| n).collect::<Vec<_>>().join(", ");
                s.preset = None;
            }
            Err(e) => ignore(&mut ignored, "samples", e),
        }
    }
    if let Some(t) = link.get("vector") {
        match check(t) {
            Ok(c) => s.vector = vector_text(&c.vector),
            Err(e) => ignore(&mut ignored, "vector", e),
        }
    }
    s.refresh();
    s.ignored = ignored;
    s
}

/// The link that reproduces what is shown (the last valid lists and vector).
pub fn to_link(s: &OneHotState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let vector = vector_link(&s.good_check.vector);
    match s.preset.and_then(presets::find) {
        Some(p) => {
            l.push("preset", p.id);
            if check(p.vector).map(|c| vector_link(&c.vector)).ok().as_deref() != Some(vector.as_str()) {
                l.push("vector", vector);
            }
        }
        None => {
            l.push("categories", s.good.categories.join(","));
            l.push("samples", s.good.samples.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(","));
            l.push("vector", vector);
        }
    }
    l
}
