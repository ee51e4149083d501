//! The pooling panel's reducer and deep link, on the host (no browser needed).

use convlab::cnn::{PoolKind, WindowResult};
use convlab::link::Link;
use convlab::panels::pooling::link::{from_link, to_link};
use convlab::panels::pooling::presets::PRESETS;
use convlab::panels::pooling::state::{compute, Action, PoolState};
use convlab::panels::stepping::StepAction;
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: PoolState, actions: &[Action]) -> PoolState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn out(s: &PoolState) -> Vec<Vec<f32>> {
    s.good.output.plane_rows(0)
}

#[test]
fn every_preset_is_valid_in_both_modes() {
    for p in PRESETS {
        let rows: Vec<Vec<f32>> = p.input.iter().map(|r| r.to_vec()).collect();
        for kind in [PoolKind::Max, PoolKind::Average] {
            assert!(compute(&rows, kind, p.size, p.stride).is_ok(), "{}", p.id);
        }
    }
}

#[test]
fn lecture_feature_hand_checked() {
    // Figure 7.8, 3×3 windows at stride 1: max 3 3 3 / 3 3 3 / 3 2 3.
    let s = PoolState::default();
    assert_eq!(out(&s), vec![vec![3.0, 3.0, 3.0], vec![3.0, 3.0, 3.0], vec![3.0, 2.0, 3.0]]);
    assert_eq!(s.total_steps(), 9);
    // Average: the first window sums to 15, 15 / 9.
    let s = reduce(s, &[Action::SetMode(PoolKind::Average)]);
    assert_eq!(s.preset, Some("lecture"), "the mode does not unset the preset");
    match s.good.trace.windows[0].result {
        WindowResult::Average { sum, count, mean } => assert_eq!((sum, count, mean), (15.0, 9, 15.0 / 9.0)),
        r => panic!("{r:?}"),
    }
    // Window (2, 1) sums to 7.
    assert_eq!(s.good.trace.windows[7].result.value(), 7.0 / 9.0);
    // 2×2 at stride 2: 5 − 2 = 3 leaves one row and column out.
    let s = reduce(s, &[Action::SetMode(PoolKind::Max), Action::LoadPreset("lecture-2x2".into())]);
    assert_eq!(out(&s), vec![vec![3.0, 3.0], vec![3.0, 2.0]]);
    assert_eq!((s.good.params.rows.dropped, s.good.params.cols.dropped), (1, 1));
}

#[test]
fn max_ties_mark_the_first_in_reading_order() {
    let s = PoolState::default();
    let w = &s.good.trace.windows[0]; // 3, 3, 2 / 0, 0, 1 / 3, 1, 2
    assert_eq!(w.result, WindowResult::Max { winner: 0, value: 3.0 });
}

#[test]
fn a_bad_cell_keeps_the_text_and_the_last_result() {
    let s = reduce(PoolState::default(), &[Action::EditInput(2, 1, "9".into())]);
    assert_eq!(out(&s)[0][0], 9.0);
    assert_eq!(s.preset, None);
    let s = reduce(s, &[Action::EditInput(2, 1, "nine".into())]);
    assert_eq!(s.input.text(2, 1), "nine");
    assert_eq!(out(&s)[0][0], 9.0);
    assert!(s.input.error_message("Input").unwrap().contains("row 3, column 2"));
}

#[test]
fn a_window_larger_than_the_input_is_explained() {
    let s = reduce(PoolState::default(), &[Action::SetSize(5), Action::Step(StepAction::Last)]);
    assert_eq!(s.total_steps(), 1);
    assert_eq!(s.play.step, 0);
    let s = reduce(s, &[Action::ResizeInput(4, 5)]);
    assert_eq!(s.shape_error.as_deref(), Some("the 5×5 window does not fit a 4×5 input: n − f = 4 − 5 = −1 is negative"));
    assert_eq!(s.good.params.input.h, 5, "the last valid setting is kept");
    let s = reduce(s, &[Action::SetSize(2)]);
    assert_eq!(s.shape_error, None);
    assert_eq!((s.good.params.out_h(), s.good.params.out_w()), (3, 4));
}

#[test]
fn stepping_selecting_and_playing() {
    let s = reduce(PoolState::default(), &[Action::Step(StepAction::Next), Action::Step(StepAction::Next), Action::Step(StepAction::Prev)]);
    assert_eq!(s.play.step, 1);
    let s = reduce(s, &[Action::SelectOutput(2, 1)]);
    assert_eq!(s.play.step, 7);
    let s = reduce(s, &[Action::SelectOutput(5, 5)]);
    assert_eq!(s.play.step, 7, "an out-of-range cell changes nothing");
    let s = reduce(s, &[Action::Step(StepAction::Last), Action::Step(StepAction::TogglePlay)]);
    assert!(s.play.playing);
    assert_eq!(s.play.step, 0, "play at the end starts again");
    let s = reduce(s, &(0..20).map(|_| Action::Step(StepAction::Tick)).collect::<Vec<_>>());
    assert_eq!(s.play.step, 8);
    assert!(!s.play.playing);
    let s = reduce(s, &[Action::SetStride(2)]);
    assert_eq!(s.play.step, 3, "fewer windows clamp the step");
}

#[test]
fn links_round_trip() {
    let s = reduce(
        PoolState::default(),
        &[Action::EditInput(0, 0, "-1.5".into()), Action::SetSize(2), Action::SetStride(3), Action::SetMode(PoolKind::Average), Action::Step(StepAction::Next)],
    );
    let link = to_link(&s);
    assert_eq!(link.to_fragment(), "#/pooling?v=1&input=-1.5,3,2,1,0;0,0,1,3,1;3,1,2,2,3;2,0,0,2,2;2,0,0,0,1&size=2&stride=3&mode=avg&step=1");
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.good, s.good);
    assert_eq!(to_link(&again), link);
}

#[test]
fn preset_links_are_short_and_keep_the_mode() {
    let s = from_link(&Link::parse("#/pooling?preset=halve&mode=avg&step=3"));
    assert!(s.ignored.is_empty());
    assert_eq!(out(&s), vec![vec![3.25, 5.25], vec![2.0, 2.0]]);
    assert_eq!(to_link(&s).to_fragment(), "#/pooling?v=1&preset=halve&mode=avg&step=3");
}

#[test]
fn bad_links_name_every_ignored_key() {
    let s = from_link(&Link::parse("#/pooling?mode=median&size=7&stride=0&input=1,2;3&preset=nope&step=99&zzz=1&v=2"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["mode", "size", "stride", "input", "preset", "step", "zzz", "v"] {
        assert!(keys.contains(&k), "{k} not reported in {keys:?}");
    }
    assert_eq!(s, PoolState { ignored: s.ignored.clone(), ..PoolState::default() }, "defaults are used");
    let s = from_link(&Link::parse("#/pooling?input=1,2;3,4&size=3"));
    assert!(s.ignored.iter().any(|i| i.key == "size" && i.reason.contains("does not fit")), "{:?}", s.ignored);
    assert!(s.ignored.iter().any(|i| i.key == "input"));
    assert_eq!(out(&s), out(&PoolState::default()));
}
