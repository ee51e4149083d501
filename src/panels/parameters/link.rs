//! The “why convolution” link: `#/parameters?v=1&n=100&f=5&c=1`.

use super::state::{ParamsState, MAX_C, MAX_F, MAX_N};
use crate::link::{parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};

pub const ROUTE: &str = "/parameters";
const KEYS: &[&str] = &["v", "n", "f", "c"];

pub fn from_link(link: &Link) -> ParamsState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let d = ParamsState::default();
    let mut get = |key: &str, max: usize, default: usize| match link.get(key).map(|t| parse_count(t, 1, max)) {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            ignore(&mut ignored, key, e);
            default
        }
        None => default,
    };
    let (n, f, c) = (get("n", MAX_N, d.good.n), get("f", MAX_F, d.good.f), get("c", MAX_C, d.good.c));
    let mut s = match ParamsState::with(n, f, c) {
        Ok(s) => s,
        Err(e) => {
            for k in ["n", "f", "c"].iter().filter(|k| link.get(k).is_some()) {
                ignore(&mut ignored, k, format!("together they do not work: {e}"));
            }
            d
        }
    };
    s.ignored = ignored;
    s
}

pub fn to_link(s: &ParamsState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    l.push("n", s.good.n.to_string());
    l.push("f", s.good.f.to_string());
    l.push("c", s.good.c.to_string());
    l
}
