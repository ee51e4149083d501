//! The cross-entropy panel's deep link: `#/cross-entropy?target=0&probs=0.1,0.52,0.3&base=2&
//! batch=0.1,0.9;0.6,0.4&batch-targets=0,1` (or `preset=…`). Reading never fails: what cannot
//! be used is named, and defaults are kept for it.

use super::presets;
use super::state::{compute_batch, compute_single, parse_probs, parse_target, CeState, Example, MAX_EXAMPLES};
use crate::cnn::LogBase;
use crate::text::excerpt;
use crate::link::{Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};
use crate::panels::vector_text::{count, vector_link, vector_text};
use std::rc::Rc;

pub const ROUTE: &str = "/cross-entropy";
const KEYS: &[&str] = &["v", "preset", "target", "probs", "base", "batch", "batch-targets"];

/// `2` or `e`, as links write the base.
pub fn base_key(b: LogBase) -> &'static str {
    match b {
        LogBase::Two => "2",
        LogBase::E => "e",
    }
}

fn single_from(link: &Link, s: &mut CeState, ignored: &mut Vec<crate::link::Ignored>) {
    let (lt, lp) = (link.get("target"), link.get("probs"));
    let mut probs = s.probs.clone();
    if let Some(t) = lp {
        match parse_probs(t) {
            Ok(q) => probs = vector_text(&q),
            Err(e) => ignore(ignored, "probs", e),
        }
    }
    let n = parse_probs(&probs).map_or(0, |q| q.len());
    let mut target = s.target.clone();
    match lt.map(|t| (t, parse_target(t, n))) {
        Some((t, Ok(_))) => target = t.to_string(),
        Some((_, Err(e))) => ignore(ignored, "target", e),
        None => {}
    }
    if parse_target(&target, n).is_err() {
        target = "0".into(); // the default target does not fit the prediction from the link
    }
    if lt.is_none() && lp.is_none() {
        return;
    }
    match compute_single(&target, &probs) {
        Ok(g) => {
            (s.target, s.probs, s.good) = (target, probs, Rc::new(g));
            s.preset = None;
        }
        Err(e) => {
            let keys: Vec<&str> = ["target", "probs"].into_iter().filter(|k| link.get(k).is_some() && !ignored.iter().any(|i| i.key == *k)).collect();
            for k in keys {
                ignore(ignored, k, e.clone());
            }
        }
    }
}

fn batch_from(link: &Link, s: &mut CeState, ignored: &mut Vec<crate::link::Ignored>) {
    match (link.get("batch"), link.get("batch-targets")) {
        (None, None) => {}
        (Some(_), None) => ignore(ignored, "batch", "it needs “batch-targets” too (one class index per example)"),
        (None, Some(_)) => ignore(ignored, "batch-targets", "it needs “batch” too (one prediction per example)"),
        (Some(b), Some(t)) => {
            let rows: Vec<&str> = b.split(';').collect();
            let targets: Vec<&str> = t.split(',').collect();
            if rows.len() != targets.len() || rows.len() > MAX_EXAMPLES {
                let why = format!("“batch” has {} and “batch-targets” {}; they must match, with at most {MAX_EXAMPLES}",
                    count(rows.len(), "example"), count(targets.len(), "class"));
                ignore(ignored, "batch", why.clone());
                ignore(ignored, "batch-targets", why);
                return;
            }
            let batch: Vec<Example> = rows.iter().zip(&targets).map(|(q, t)| Example { target: t.to_string(), probs: q.replace(',', ", ") }).collect();
            match compute_batch(&batch) {
                Ok(g) => {
                    (s.batch, s.good_batch) = (batch, Rc::new(g));
                    s.preset = None;
                }
                Err(e) => {
                    ignore(ignored, "batch", e.clone());
                    ignore(ignored, "batch-targets", e);
                }
            }
        }
    }
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> CeState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = CeState::default();
    if let Some(id) = link.get("preset") {
        match presets::find(id) {
            Some(p) => s = CeState::from_preset(p),
            None => ignore(&mut ignored, "preset", format!("there is no preset “{}”", excerpt(id))),
        }
    }
    single_from(link, &mut s, &mut ignored);
    batch_from(link, &mut s, &mut ignored);
    match link.get("base") {
        Some("2") => s.base = LogBase::Two,
        Some("e") => s.base = LogBase::E,
        Some(b) => ignore(&mut ignored, "base", format!("“{}” is not 2 or e", b.chars().take(12).collect::<String>())),
        None => {}
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces what is shown (the last valid values, not half-typed text).
pub fn to_link(s: &CeState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    if let Some(p) = s.preset {
        l.push("preset", p);
    } else {
        let (g, b) = (&s.good, &s.good_batch);
        l.push("target", g.class.to_string());
        l.push("probs", vector_link(&g.probs));
        l.push("batch", b.probs.iter().map(|q| vector_link(q)).collect::<Vec<_>>().join(";"));
        l.push("batch-targets", b.classes.iter().map(usize::to_string).collect::<Vec<_>>().join(","));
    }
    l.push("base", base_key(s.base));
    l
}
