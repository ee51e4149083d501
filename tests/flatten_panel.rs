//! The flatten panel's reducer and deep link, on the host (no browser needed).

use convlab::cnn::FlatPos;
use convlab::link::Link;
use convlab::panels::flatten::link::{from_link, parse_stack, to_link};
use convlab::panels::flatten::presets::EXAMPLES;
use convlab::panels::flatten::state::{compute, planes_of, Action, FlattenState};
use convlab::panels::stepping::StepAction;
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: FlattenState, actions: &[Action]) -> FlattenState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

#[test]
fn every_example_is_valid() {
    for e in EXAMPLES {
        assert!(compute(&planes_of(e)).is_ok(), "{}", e.id);
    }
}

#[test]
fn one_map_is_read_row_by_row() {
    let s = FlattenState::default();
    assert_eq!(s.good.vector, (1..=9).map(|v| v as f32).collect::<Vec<_>>());
    assert_eq!(s.total_steps(), 9);
    assert_eq!(s.good.trace.steps[5].from, FlatPos { c: 0, y: 1, x: 2 });
    assert_eq!(s.good.index_of(0, 2, 0), Some(6));
}

#[test]
fn channels_are_interleaved_pixel_by_pixel() {
    let s = reduce(FlattenState::default(), &[Action::LoadExample("two-channels".into())]);
    assert_eq!(s.good.vector, vec![1.0, 10.0, 2.0, 20.0, 3.0, 30.0, 4.0, 40.0]);
    assert_eq!(s.example, Some("two-channels"));
    assert_eq!(s.good.index_of(1, 0, 1), Some(3));
}

#[test]
fn editing_resizing_and_adding_channels() {
    let s = reduce(FlattenState::default(), &[Action::Edit(0, 0, 1, "-7".into())]);
    assert_eq!(s.good.vector[1], -7.0);
    assert_eq!(s.example, None);
    let s = reduce(s, &[Action::Edit(0, 0, 1, "seven".into())]);
    assert_eq!(s.channels[0].text(0, 1), "seven");
    assert_eq!(s.good.vector[1], -7.0, "the last valid vector stays");
    let s = reduce(s, &[Action::Edit(0, 0, 1, "7".into()), Action::SetChannels(2), Action::Resize(2, 3)]);
    assert_eq!(s.good.tensor.shape().c, 2);
    assert_eq!(s.good.vector, vec![1.0, 0.0, 7.0, 0.0, 3.0, 0.0, 4.0, 0.0, 5.0, 0.0, 6.0, 0.0]);
    let s = reduce(s, &[Action::SetChannels(9), Action::Resize(20, 0)]);
    assert_eq!((s.channels.len(), s.rows(), s.cols()), (4, 8, 1), "sizes are clamped");
}

#[test]
fn stepping_and_selecting_entries() {
    let s = reduce(FlattenState::default(), &[Action::Step(StepAction::Last)]);
    assert_eq!(s.play.step, 8);
    let s = reduce(s, &[Action::SelectEntry(3)]);
    assert_eq!(s.play.step, 3);
    let s = reduce(s, &[Action::SelectEntry(30)]);
    assert_eq!(s.play.step, 3);
    let s = reduce(s, &[Action::Step(StepAction::Last), Action::Resize(2, 2)]);
    assert_eq!(s.play.step, 3, "a smaller map clamps the step");
}

#[test]
fn links_round_trip() {
    let s = reduce(FlattenState::default(), &[Action::LoadExample("rgb".into()), Action::Edit(2, 1, 1, "0.5".into()), Action::Step(StepAction::Next)]);
    let link = to_link(&s);
    assert_eq!(link.to_fragment(), "#/flatten?v=1&input=255,0;0,128|0,255;0,128|0,0;255,0.5&step=1");
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.good, s.good);
    assert_eq!(to_link(&again), link);
}

#[test]
fn bad_links_name_every_ignored_key() {
    let s = from_link(&Link::parse("#/flatten?input=1,2|3&step=-1&mode=max&v=9"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["input", "step", "mode", "v"] {
        assert!(keys.contains(&k), "{k} not reported in {keys:?}");
    }
    assert_eq!(s.good, FlattenState::default().good);
    assert_eq!(parse_stack("1,2|3").unwrap_err(), "channel 2 is 1×1 but channel 1 is 1×2; every channel needs the same size");
    assert_eq!(parse_stack("1|2|3|4|5").unwrap_err(), "it has 5 channels; this panel allows 1 to 4");
    assert_eq!(parse_stack("1,x").unwrap_err(), "row 1, column 2: “x” is not a number");
    assert_eq!(parse_stack(&["1"; 9].join(",")).unwrap_err(), "it is 1×9; this panel allows 1×1 to 8×8");
    let s = from_link(&Link::parse("#/flatten?input=1,2;3,4&step=4"));
    assert_eq!(s.good.vector, vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(s.ignored[0].key, "step");
}
