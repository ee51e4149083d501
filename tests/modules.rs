//! The browser gets one wasm module per group of panels (Cargo.toml's `group-*` features,
//! index.html's rust links, static/loader.js). A panel left out of every group, or put in two,
//! or a group without its module, would break links silently: these tests keep them in step.

use convlab::panels::PANELS;

const CARGO: &str = include_str!("../Cargo.toml");
const INDEX: &str = include_str!("../index.html");

/// `(group, panels)` from Cargo.toml's `group-<name> = ["panel-…", …]` lines, in order.
fn groups() -> Vec<(String, Vec<String>)> {
    CARGO
        .lines()
        .filter_map(|line| line.strip_prefix("group-"))
        .filter_map(|rest| {
            let (name, list) = rest.split_once(" = [")?;
            let panels = list.split(']').next()?.split(',').filter_map(|p| p.trim().trim_matches('"').strip_prefix("panel-")).map(String::from).collect();
            Some((name.to_string(), panels))
        })
        .collect()
}

#[test]
fn every_panel_is_in_exactly_one_group() {
    let groups = groups();
    assert_eq!(groups.len(), 5, "{groups:?}");
    for p in PANELS {
        let holders: Vec<&str> = groups.iter().filter(|(_, ps)| ps.iter().any(|n| n == p.name)).map(|(g, _)| g.as_str()).collect();
        assert_eq!(holders.len(), 1, "panel {} is in groups {holders:?}", p.name);
    }
    let listed: usize = groups.iter().map(|(_, ps)| ps.len()).sum();
    assert_eq!(listed, PANELS.len(), "a group names a panel that PANELS does not have");
}

#[test]
fn the_start_page_group_holds_the_first_panel() {
    // The loader starts the first group for the start page; the lecture begins there.
    assert_eq!(groups()[0].1.first().map(String::as_str), Some(PANELS[0].name));
}

#[test]
fn every_group_has_its_binary_and_its_module_in_index_html() {
    for (group, _) in groups() {
        let bin = format!("name = \"convlab-{group}\"");
        assert!(CARGO.contains(&bin), "Cargo.toml lacks the [[bin]] convlab-{group}");
        let features = format!("required-features = [\"group-{group}\"]");
        assert!(CARGO.contains(&features), "the bin convlab-{group} must require group-{group}");
        let link = format!("data-bin=\"convlab-{group}\" data-cargo-no-default-features data-cargo-features=\"group-{group}\"");
        assert!(INDEX.contains(&link), "index.html lacks the module of group {group}");
    }
}

#[test]
fn every_panel_has_a_view_in_the_whole_build() {
    // Host builds have every panel (default features); the browser's modules split them.
    for p in PANELS {
        assert!(convlab::panels::view(p.name).is_some(), "{} has no view", p.name);
    }
}
