//! The architectures panel's deep link: `#/architectures?arch=…&input=…&stride=conv1:4,…&
//! layer=…&compare=…`. Reading never fails: what cannot be used is named.

use super::state::{find_arch, parse_side, static_id, with_compare, ArchState, ARCH_IDS, MAX_STRIDE};
use crate::link::{parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};

pub const ROUTE: &str = "/architectures";
const KEYS: &[&str] = &["v", "arch", "input", "stride", "layer", "compare"];
/// More overrides than this in one link are refused (every strided layer of GoogLeNet, 70, fits).
const MAX_OVERRIDES: usize = 128;

fn ids() -> String {
    ARCH_IDS.join(", ")
}

/// Reads `conv1:4,pool1:3` against the architecture shown: every pair names a convolution or
/// pooling layer of it and a stride from 1 to `MAX_STRIDE`. Bad pairs are named, good ones kept.
fn parse_strides(text: &str, s: &ArchState, problems: &mut Vec<String>) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let pairs: Vec<&str> = text.split(',').filter(|p| !p.trim().is_empty()).collect();
    if pairs.len() > MAX_OVERRIDES {
        problems.push(format!("it has {} overrides; at most {MAX_OVERRIDES} are read", pairs.len()));
        return out;
    }
    if pairs.is_empty() {
        problems.push("it is empty; write layer:stride, e.g. conv1:4".into());
    }
    for pair in pairs {
        let shown: String = pair.chars().take(40).collect();
        let Some((name, stride)) = pair.split_once(':') else {
            problems.push(format!("“{shown}” is not layer:stride (e.g. conv1:4)"));
            continue;
        };
        let name = name.trim();
        let Some(own) = s.default_stride(name) else {
            let name: String = name.chars().take(40).collect();
            problems.push(format!("{} has no convolution or pooling layer called “{name}”", s.arch.name));
            continue;
        };
        match parse_count(stride, 1, MAX_STRIDE) {
            Ok(v) => {
                out.retain(|(n, _)| n != name);
                if v != own {
                    out.push((name.to_string(), v));
                }
            }
            Err(e) => problems.push(format!("{name}: {e} (strides go from 1 to {MAX_STRIDE})")),
        }
    }
    out
}

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> ArchState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = ArchState::default();
    if let Some(id) = link.get("arch") {
        match find_arch(id) {
            Some(a) => s = ArchState::for_arch(a),
            None => {
                let id: String = id.chars().take(40).collect();
                ignore(&mut ignored, "arch", format!("there is no architecture “{}”; use one of {}", crate::text::excerpt(&id), ids()))
            }
        }
    }
    if let Some(t) = link.get("input") {
        match parse_side(t) {
            Ok(side) => {
                s.side = side;
                s.input_text = side.to_string();
            }
            Err(e) => ignore(&mut ignored, "input", e),
        }
    }
    if let Some(t) = link.get("stride") {
        let mut problems = Vec::new();
        s.strides = parse_strides(t, &s, &mut problems);
        for p in problems {
            ignore(&mut ignored, "stride", p);
        }
        if let Some((last, _)) = s.strides.last() {
            s.stride_target = last.clone();
        }
    }
    s.refresh();
    if let Some(name) = link.get("layer") {
        if s.table.row(name).is_some() {
            if s.default_stride(name).is_some() {
                s.stride_target = name.to_string();
            }
            s.reveal(name);
            s.selected = Some(name.to_string());
        } else {
            let name: String = name.chars().take(40).collect();
            ignore(&mut ignored, "layer", format!("{} has no layer called “{}”", s.arch.name, crate::text::excerpt(&name)));
        }
    }
    if let Some(id) = link.get("compare") {
        match static_id(id) {
            Some(c) if c == s.arch.id => ignore(&mut ignored, "compare", format!("“{c}” is the architecture shown; compare it with another")),
            Some(c) => s = with_compare(s, c),
            None => {
                let id: String = id.chars().take(40).collect();
                ignore(&mut ignored, "compare", format!("there is no architecture “{}”; use one of {}", crate::text::excerpt(&id), ids()))
            }
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces the state shown (the last valid input, not half-typed text).
pub fn to_link(s: &ArchState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    l.push("arch", s.arch.id);
    if s.side != s.arch.input.h {
        l.push("input", s.side.to_string());
    }
    if !s.strides.is_empty() {
        l.push("stride", s.strides.iter().map(|(n, v)| format!("{n}:{v}")).collect::<Vec<_>>().join(","));
    }
    if let Some(sel) = &s.selected {
        l.push("layer", sel.clone());
    }
    if let Some(c) = s.compare {
        l.push("compare", c);
    }
    l
}
