//! The convolution panel's reducer and deep link, on the host (no browser needed).

use convlab::link::Link;
use convlab::panels::convolution::link::{from_link, to_link};
use convlab::panels::convolution::presets::PRESETS;
use convlab::panels::convolution::state::{compute, Action, ConvState, PadChoice};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: ConvState, actions: &[Action]) -> ConvState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

#[test]
fn every_preset_is_valid() {
    for p in PRESETS {
        let rows = |m: &[&[f32]]| m.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
        assert!(compute(&rows(p.input), &rows(p.kernel), p.bias, p.padding, p.stride).is_ok(), "{}", p.id);
    }
}

#[test]
fn a_bad_cell_keeps_the_last_valid_result_and_the_text() {
    let s = reduce(ConvState::default(), &[Action::EditInput(0, 1, "5".into())]);
    assert_eq!(s.good.output.get(0, 0, 0), 14.0); // 12 + (5 − 3)·1
    let s = reduce(s, &[Action::EditInput(0, 1, "abc".into())]);
    assert_eq!(s.input.text(0, 1), "abc");
    assert_eq!(s.good.output.get(0, 0, 0), 14.0);
    assert!(s.input.error_message("Input").is_some());
    assert_eq!(s.preset, None);
}

#[test]
fn kernel_too_large_is_reported_and_the_last_result_kept() {
    let s = reduce(ConvState::default(), &[Action::ResizeInput(2, 2)]);
    assert_eq!(
        s.shape_error.as_deref(),
        Some("kernel 3×3 does not fit a 2×2 input with padding 0: n + 2p − f = 2 + 0 − 3 = -1 is negative")
    );
    assert_eq!(s.good.params.out_h(), 3);
    let s = reduce(s, &[Action::SetPadding(PadChoice::Same)]);
    assert_eq!(s.shape_error, None);
    assert_eq!((s.good.params.out_h(), s.good.params.out_w()), (2, 2));
}

#[test]
fn stepping_selecting_and_playing() {
    let s = reduce(ConvState::default(), &[Action::Next, Action::Next, Action::Prev]);
    assert_eq!(s.step, 1);
    let s = reduce(s, &[Action::SelectOutput(2, 1)]);
    assert_eq!(s.step, 7);
    let s = reduce(s, &[Action::SelectOutput(9, 9)]);
    assert_eq!(s.step, 7, "an out-of-range cell changes nothing");
    let s = reduce(s, &[Action::Last, Action::TogglePlay]);
    assert!(s.playing);
    assert_eq!(s.step, 0, "play at the end starts again");
    let s = reduce(s, &(0..20).map(|_| Action::Tick).collect::<Vec<_>>());
    assert_eq!(s.step, 8);
    assert!(!s.playing, "playing stops at the last position");
}

#[test]
fn shrinking_clamps_the_step() {
    let s = reduce(ConvState::default(), &[Action::Last, Action::SetStride(2)]);
    assert_eq!(s.total_steps(), 4);
    assert_eq!(s.step, 3);
}

#[test]
fn links_round_trip() {
    let s = reduce(
        ConvState::default(),
        &[Action::EditKernel(0, 0, "-1.5".into()), Action::SetPadding(PadChoice::P(2)), Action::SetStride(3), Action::ToggleRelu, Action::Next],
    );
    let link = to_link(&s);
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.good.output, s.good.output);
    assert_eq!((again.step, again.relu, again.padding), (1, true, PadChoice::P(2)));
    assert_eq!(to_link(&again), link);
}

#[test]
fn preset_links_are_short() {
    let s = from_link(&Link::parse("#/convolution?preset=sharpen&step=2"));
    assert_eq!(s.good.output.get(0, 0, 0), 320.0);
    assert_eq!(to_link(&s).to_fragment(), "#/convolution?v=1&preset=sharpen&step=2");
}

#[test]
fn bad_links_name_every_ignored_key() {
    let s = from_link(&Link::parse("#/convolution?stride=0&padding=9&input=1,2;3&kernel=&relu=maybe&step=99&zzz=1&v=7"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["stride", "padding", "input", "kernel", "relu", "step", "zzz", "v"] {
        assert!(keys.contains(&k), "{k} not reported in {keys:?}");
    }
    assert_eq!(s.good.output.get(0, 0, 0), 12.0, "defaults are used");
    let s = from_link(&Link::parse("#/convolution?input=1,2;3,4&kernel=1,1,1;1,1,1;1,1,1"));
    assert!(s.ignored.iter().any(|i| i.key == "kernel" && i.reason.contains("does not fit")));
    let big = format!("#/convolution?input={}", vec!["1"; 17].join(","));
    assert_eq!(from_link(&Link::parse(&big)).ignored[0].reason, "it is 1×17; this panel allows 1×1 to 16×16");
}
