//! The convolution panel's kernel flip (cross-correlation vs true convolution), on the host.

use convlab::link::Link;
use convlab::panels::convolution::link::{from_link, to_link};
use convlab::panels::convolution::state::{Action, ConvState};
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
fn flip_uses_the_kernel_turned_by_180_degrees() {
    let s = reduce(ConvState::default(), &[Action::ToggleFlip]);
    assert!(s.flip && s.good.params.flip);
    assert_eq!(s.preset, Some("arithmetic")); // a view of the same example, not an edit
    // Kernel 0,1,2;2,2,0;0,1,2 flipped is 2,1,0;0,2,2;2,1,0. Top-left window 3,3,2;0,0,1;3,1,2:
    // 3·2 + 3·1 + 2·0 + 0·0 + 0·2 + 1·2 + 3·2 + 1·1 + 2·0 = 18 (cross-correlation gives 12).
    assert_eq!(s.good.output.get(0, 0, 0), 18.0);
    let used: Vec<f32> = s.good.trace.positions[0].terms.iter().map(|t| t.w).collect();
    assert_eq!(used, vec![2.0, 1.0, 0.0, 0.0, 2.0, 2.0, 2.0, 1.0, 0.0]);
    // The first term's weight is the kernel's last cell (row 3, column 3).
    assert_eq!((s.good.trace.positions[0].terms[0].ky, s.good.trace.positions[0].terms[0].kx), (2, 2));
    let back = reduce(s, &[Action::ToggleFlip]);
    assert!(!back.flip);
    assert_eq!(back.good.output.get(0, 0, 0), 12.0);
}

#[test]
fn a_symmetric_kernel_gives_the_same_map_either_way() {
    let plain = reduce(ConvState::default(), &[Action::LoadPreset("sharpen".into())]);
    let flipped = reduce(plain.clone(), &[Action::ToggleFlip]);
    assert_eq!(plain.good.output, flipped.good.output); // the sharpen kernel is symmetric
    assert_eq!(flipped.good.output.get(0, 0, 0), 320.0);
}

#[test]
fn flip_survives_presets_and_edits() {
    let s = reduce(ConvState::default(), &[Action::ToggleFlip, Action::LoadPreset("vertical-edge".into())]);
    assert!(s.flip);
    // Vertical edge kernel 1,0,-1 per row flipped is -1,0,1: window at column 2 (10,10,0 ×3)
    // gives 3·(−10 + 0) = −30 instead of +30.
    assert_eq!(s.good.output.get(0, 0, 1), -30.0);
    let s = reduce(s, &[Action::EditBias("1".into())]);
    assert!(s.flip);
    assert_eq!(s.good.output.get(0, 0, 1), -29.0);
}

#[test]
fn flip_link_round_trip() {
    let s = from_link(&Link::parse("#/convolution?v=1&preset=arithmetic&flip=1&step=0"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert!(s.flip);
    assert_eq!(s.preset, Some("arithmetic"));
    assert_eq!(s.good.output.get(0, 0, 0), 18.0);
    let l = to_link(&s);
    assert_eq!(l.get("flip"), Some("1"));
    assert_eq!(from_link(&l), s);
    let custom = from_link(&Link::parse("#/convolution?input=1,2;3,4&kernel=1,0;0,0&flip=1"));
    // The flipped 1,0;0,0 is 0,0;0,1: it picks the window's bottom-right value, 4.
    assert_eq!(custom.good.output.get(0, 0, 0), 4.0);
    assert_eq!(from_link(&to_link(&custom)), custom);
    let off = to_link(&ConvState::default());
    assert_eq!(off.get("flip"), None);
}

#[test]
fn a_bad_flip_value_is_named() {
    let s = from_link(&Link::parse("#/convolution?flip=maybe"));
    assert!(!s.flip);
    assert_eq!(s.ignored.len(), 1);
    assert_eq!(s.ignored[0].key, "flip");
    assert_eq!(s.good.output.get(0, 0, 0), 12.0);
}
