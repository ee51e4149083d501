//! The colour panel (`#/rgb`): reducer, link round trip and hand-checked numbers.

use convlab::link::Link;
use convlab::panels::rgb::link::{from_link, to_link};
use convlab::panels::rgb::presets::PRESETS;
use convlab::panels::rgb::state::{Action, RgbState};
use convlab::panels::stepping::StepAction;
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: RgbState, actions: &[Action]) -> RgbState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

#[test]
fn every_preset_loads() {
    for p in PRESETS {
        let s = reduce(RgbState::default(), &[Action::LoadPreset(p.id.into())]);
        assert_eq!(s.preset, Some(p.id));
        assert_eq!(s.good.input.shape().c, 3);
    }
}

#[test]
fn lecture_preset_partial_sums_by_hand() {
    let s = RgbState::default();
    let t = &s.good.trace.positions[0];
    // Red window 0,1,2;1,2,2;2,2,1 · kernel 1,0,-1;0,1,0;-1,0,1 = −2 + 2 − 2 + 1 = −1.
    // Green window 1,0,0;0,1,1;2,0,1 · 0,1,0;1,−1,1;0,1,0 = −1 + 1 = 0.
    // Blue window 2,2,1;1,0,0;0,1,2 · −1,0,0;0,0,1;1,−1,0 = −2 − 1 = −3.
    assert_eq!(t.channel_sums, vec![-1.0, 0.0, -3.0]);
    assert_eq!(t.bias, 1.0); // the lecture's bias 1
    assert_eq!(t.sum, -3.0); // −1 + 0 − 3 + 1
    assert_eq!(s.good.output.shape().h, 3);
    assert_eq!(s.total_steps(), 9);
}

#[test]
fn photo_preset_same_padding_keeps_4x4() {
    let s = reduce(RgbState::default(), &[Action::LoadPreset("photo4".into())]);
    assert_eq!((s.good.params.out_h(), s.good.params.out_w()), (4, 4));
    // Red 220 minus blue 30 plus bias 1 at the top-left pixel.
    assert_eq!(s.good.output.get(0, 0, 0), 191.0);
}

#[test]
fn two_filters_stack_two_maps_and_step_through_both() {
    let s = reduce(RgbState::default(), &[Action::LoadPreset("two-filters".into())]);
    assert_eq!(s.good.output.shape().c, 2);
    assert_eq!(s.total_steps(), 18);
    // Filter 2 (red minus blue, bias 0) at the top-left: red window sums to 13, blue to 9.
    let t = &s.good.trace.positions[9];
    assert_eq!(t.filter, 1);
    assert_eq!(t.channel_sums, vec![13.0, 0.0, -9.0]);
    assert_eq!(t.sum, 4.0);
    let s = reduce(s, &[Action::SelectOutput(1, 2, 2)]);
    assert_eq!(s.play.step, 17);
    let s = reduce(s, &[Action::Step(StepAction::First), Action::Step(StepAction::Next)]);
    assert_eq!(s.play.step, 1);
}

#[test]
fn depth_mismatch_is_refused_with_the_cores_message_and_the_last_result_kept() {
    let s = reduce(RgbState::default(), &[Action::SetDepth(2)]);
    let e = s.shape_error.clone().expect("a 2-deep kernel on 3 channels is refused");
    assert!(e.contains("the kernel has depth 2 but the input has 3 channels"), "{e}");
    assert_eq!(s.good.trace.positions[0].sum, -3.0);
    let s = reduce(s, &[Action::SetDepth(3)]);
    assert_eq!(s.shape_error, None);
}

#[test]
fn bad_text_is_kept_and_the_last_result_stays() {
    let s = reduce(RgbState::default(), &[Action::EditInput(2, 0, 0, "x".into())]);
    assert_eq!(s.input[2].text(0, 0), "x");
    assert_eq!(s.good.trace.positions[0].sum, -3.0);
    let s = reduce(s, &[Action::EditBias(0, "2".into())]);
    assert_eq!(s.good.trace.positions[0].sum, -3.0); // still the input's bad cell
    let s = reduce(s, &[Action::EditInput(2, 0, 0, "3".into())]);
    // Blue (1,1) weight −1: 3 instead of 2 lowers blue to −4; bias 2: −1 + 0 − 4 + 2 = −3.
    assert_eq!(s.good.trace.positions[0].channel_sums[2], -4.0);
    assert_eq!(s.good.trace.positions[0].sum, -3.0);
    assert_eq!(s.preset, None);
}

#[test]
fn links_round_trip() {
    let s = reduce(RgbState::default(), &[Action::LoadPreset("two-filters".into()), Action::EditBias(1, "-2".into()), Action::Step(StepAction::Seek(4))]);
    let l = to_link(&s);
    assert!(l.get("kernel").unwrap().contains("||"));
    assert_eq!(l.get("bias"), Some("1,-2"));
    let back = from_link(&Link::parse(&l.to_fragment()));
    assert!(back.ignored.is_empty(), "{:?}", back.ignored);
    assert_eq!(back.good, s.good);
    assert_eq!(back.play.step, 4);
    let p = from_link(&Link::parse("#/rgb?v=1&preset=photo4&step=3"));
    assert_eq!(p.preset, Some("photo4"));
    assert_eq!(to_link(&p).to_fragment(), "#/rgb?v=1&preset=photo4&step=3");
}

#[test]
fn a_custom_link_by_hand() {
    // 2×2×3 image, one 1×1×3 kernel (weights 1, 10, 100), bias 0.5.
    let s = from_link(&Link::parse("#/rgb?input=1,2;3,4|0,0;0,1|1,0;0,0&kernel=1|10|100&bias=0.5"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    // Top-left: 1·1 + 0·10 + 1·100 + 0.5 = 101.5; bottom-right: 4 + 10 + 0 + 0.5 = 14.5.
    assert_eq!(s.good.output.get(0, 0, 0), 101.5);
    assert_eq!(s.good.output.get(0, 1, 1), 14.5);
}

#[test]
fn bad_links_name_the_key_and_open_defaults() {
    let s = from_link(&Link::parse("#/rgb?input=1,2;3,4|5,6;7,8&stride=9&bogus=1"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    assert!(keys.contains(&"input") && keys.contains(&"stride") && keys.contains(&"bogus"), "{keys:?}");
    assert_eq!(s.good.trace.positions[0].sum, -3.0);
    // A 2-deep kernel on a 3-channel image: the core's message, defaults shown.
    let s = from_link(&Link::parse("#/rgb?kernel=1|1"));
    assert_eq!(s.ignored.len(), 1);
    assert!(s.ignored[0].reason.contains("depth 2"), "{}", s.ignored[0].reason);
    assert_eq!(s.preset, Some("lecture"));
    // Bias count must match the filters.
    let s = from_link(&Link::parse("#/rgb?bias=1,2"));
    assert_eq!(s.ignored[0].key, "bias");
}
