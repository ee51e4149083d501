//! The fully connected panel's deep link: `#/dense?input=3,3,3,2&weights=…;…&bias=…&step=…`.
//! A key left out adapts to the others (missing weights and biases are kept where they fit
//! and filled with 0). Reading never fails: what cannot be used is named.

use super::presets;
use super::state::{DenseState, MAX_IN, MAX_OUT};
use crate::link::{format_matrix, parse_count, Ignored, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, matrix_within, unknown_keys, vector_within};

pub const ROUTE: &str = "/dense";
const KEYS: &[&str] = &["v", "input", "weights", "bias", "step"];

/// `m` cut or filled with zeros to `rows` × `cols`.
fn fit(m: &[Vec<f32>], rows: usize, cols: usize) -> Vec<Vec<f32>> {
    (0..rows).map(|r| (0..cols).map(|c| m.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0.0)).collect()).collect()
}

/// The value of `key` read by `parse`, or None (and the key named) when it is bad.
fn read(link: &Link, key: &str, ignored: &mut Vec<Ignored>, parse: impl Fn(&str) -> Result<Vec<Vec<f32>>, String>) -> Option<Vec<Vec<f32>>> {
    link.get(key).and_then(|t| parse(t).map_err(|e| ignore(ignored, key, e)).ok())
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> DenseState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let x = read(link, "input", &mut ignored, |t| vector_within(t, MAX_IN).map(|v| vec![v]));
    let w = read(link, "weights", &mut ignored, |t| matrix_within(t, MAX_OUT, MAX_IN));
    let b = read(link, "bias", &mut ignored, |t| vector_within(t, MAX_OUT).map(|v| vec![v]));
    let mut s = DenseState::default();
    let (x_given, w_given, b_given) = (x.is_some(), w.is_some(), b.is_some());
    if x_given || w_given || b_given {
        let x = x.map_or_else(|| presets::INPUT.to_vec(), |m| m.concat());
        let default_w: Vec<Vec<f32>> = presets::WEIGHTS.iter().map(|r| r.to_vec()).collect();
        let w = w.unwrap_or_else(|| fit(&default_w, default_w.len(), x.len()));
        let b = b.map_or_else(|| fit(&[presets::BIAS.to_vec()], 1, w.len()).concat(), |m| m.concat());
        match DenseState::new(&x, &w, &b) {
            Ok(new) => s = new,
            Err(e) => {
                let used = [("input", x_given), ("weights", w_given), ("bias", b_given)];
                for (k, _) in used.iter().filter(|(_, given)| *given) {
                    ignore(&mut ignored, k, format!("together they do not work: {e}"));
                }
            }
        }
    }
    if let Some(t) = link.get("step") {
        match parse_count(t, 0, s.total_steps() - 1) {
            Ok(v) => s.play.step = v,
            Err(e) => ignore(&mut ignored, "step", format!("{e} (neurons are counted from 0)")),
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces the layer shown (the last valid one, not half-typed text).
pub fn to_link(s: &DenseState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let g = &s.good;
    let n_in = g.layer.inputs();
    let rows: Vec<Vec<f32>> = g.layer.weights().chunks(n_in).map(<[f32]>::to_vec).collect();
    l.push("input", format_matrix(std::slice::from_ref(&g.x)));
    l.push("weights", format_matrix(&rows));
    l.push("bias", format_matrix(&[g.layer.bias().to_vec()]));
    if s.play.step > 0 {
        l.push("step", s.play.step.to_string());
    }
    l
}
