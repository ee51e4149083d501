//! The exercises panel's deep link. One exercise: `#/exercises?kind=conv&level=2&seed=123`
//! (the whole class opens the same exercise). A worksheet:
//! `#/exercises?sheet=1&kinds=conv,pooling&n=6&level=2&seed=5`. Reading never fails.

use super::state::{default_sheet, parse_kinds, ExState, DEFAULT_SEED};
use crate::exercises::sheet::MAX_SHEET;
use crate::exercises::{Kind, LEVELS};
use crate::link::{parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};

pub const ROUTE: &str = "/exercises";
const KEYS: &[&str] = &["v", "kind", "level", "seed", "sheet", "kinds", "n"];

/// The panel state a link describes, with every key that had to be ignored.
pub fn from_link(link: &Link) -> ExState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let kind = match link.get("kind") {
        None => Kind::Conv,
        Some(id) => Kind::from_id(id).unwrap_or_else(|| {
            let ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
            ignore(&mut ignored, "kind", format!("there is no exercise kind “{}”; the kinds are {}", id.chars().take(24).collect::<String>(), ids.join(", ")));
            Kind::Conv
        }),
    };
    let level = match link.get("level").map(|t| parse_count(t, *LEVELS.start() as usize, *LEVELS.end() as usize)) {
        None => 1,
        Some(Ok(l)) => l as u8,
        Some(Err(e)) => {
            ignore(&mut ignored, "level", format!("{e}; levels are 1 to 3"));
            1
        }
    };
    let seed = match link.get("seed").map(|t| t.trim().parse::<u32>()) {
        None => DEFAULT_SEED,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            ignore(&mut ignored, "seed", "a seed is a whole number from 0 to 4294967295");
            DEFAULT_SEED
        }
    };
    let mut s = ExState::new(kind, level, seed);
    match link.get("sheet") {
        Some("1") => {
            let mut sheet = default_sheet(seed, s.level);
            if let Some(t) = link.get("kinds") {
                match parse_kinds(t) {
                    Ok(k) => sheet.kinds = k,
                    Err(e) => ignore(&mut ignored, "kinds", e),
                }
            }
            if let Some(t) = link.get("n") {
                match parse_count(t, 1, MAX_SHEET) {
                    Ok(n) => sheet.n = n,
                    Err(e) => ignore(&mut ignored, "n", format!("{e}; a sheet holds 1 to {MAX_SHEET} exercises")),
                }
            }
            s.sheet = Some(sheet);
        }
        Some("0") | None => {
            for k in ["kinds", "n"] {
                if link.get(k).is_some() {
                    ignore(&mut ignored, k, "it belongs to a worksheet (sheet=1)");
                }
            }
        }
        Some(other) => ignore(&mut ignored, "sheet", format!("“{}” is neither 1 (worksheet) nor 0", other.chars().take(24).collect::<String>())),
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces what is shown.
pub fn to_link(s: &ExState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    match &s.sheet {
        Some(sh) => {
            l.push("sheet", "1");
            l.push("kinds", sh.kinds.iter().map(|k| k.id()).collect::<Vec<_>>().join(","));
            l.push("n", sh.n.to_string());
            l.push("level", sh.level.to_string());
            l.push("seed", sh.seed.to_string());
        }
        None => {
            l.push("kind", s.kind.id());
            l.push("level", s.level.to_string());
            l.push("seed", s.seed.to_string());
        }
    }
    l
}
