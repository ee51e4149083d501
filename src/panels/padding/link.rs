//! The padding explorer's link: `#/padding?v=1&n=5&f=3&padding=same&stride=1`.

use super::state::{PaddingState, MAX_F, MAX_N, MAX_STRIDE};
use crate::link::{parse_count, Link, LINK_VERSION};
use crate::panels::convolution::state::PadChoice;
use crate::panels::link_keys::{ignore, unknown_keys};

pub const ROUTE: &str = "/padding";
const KEYS: &[&str] = &["v", "n", "f", "padding", "stride"];

pub fn from_link(link: &Link) -> PaddingState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let d = PaddingState::default();
    let mut count = |key: &str, lo: usize, hi: usize, default: usize| match link.get(key).map(|t| parse_count(t, lo, hi)) {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            ignore(&mut ignored, key, e);
            default
        }
        None => default,
    };
    let (n, f, stride) = (count("n", 1, MAX_N, d.n), count("f", 1, MAX_F, d.f), count("stride", 1, MAX_STRIDE, d.stride));
    let padding = match link.get("padding").map(PadChoice::parse) {
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            ignore(&mut ignored, "padding", e);
            d.padding
        }
        None => d.padding,
    };
    let mut s = match PaddingState::with(n, f, padding, stride) {
        Ok(s) => s,
        Err(e) => {
            for k in ["n", "f", "padding", "stride"].iter().filter(|k| link.get(k).is_some()) {
                ignore(&mut ignored, k, format!("together they do not work: {e}"));
            }
            d
        }
    };
    s.ignored = ignored;
    s
}

pub fn to_link(s: &PaddingState) -> Link {
    let g = &s.good;
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    l.push("n", g.n.to_string());
    l.push("f", g.f.to_string());
    l.push("padding", g.padding.key());
    l.push("stride", g.params.stride.to_string());
    l
}
