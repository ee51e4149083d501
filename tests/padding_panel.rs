//! The padding & stride explorer (`#/padding`): plans, positions, the lecture's cases, links.

use convlab::link::Link;
use convlab::panels::convolution::state::PadChoice;
use convlab::panels::padding::link::{from_link, to_link};
use convlab::panels::padding::state::{plan, Action, PaddingState, LECTURE_CASES};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: PaddingState, actions: &[Action]) -> PaddingState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn out(p: &convlab::panels::padding::state::Plan) -> (usize, usize) {
    (p.params.out_h(), p.params.out_w())
}

#[test]
fn the_lectures_cases() {
    let outs: Vec<(usize, usize)> = LECTURE_CASES.iter().map(|&(_, n, f, p, s)| out(&plan(n, f, p, s).unwrap())).collect();
    // ⌊(5 − 3)/1⌋ + 1 = 3; ⌊(4 + 2 − 3)/1⌋ + 1 = 4; ⌊(5 + 2 − 3)/1⌋ + 1 = 5 from a 7×7 padded input;
    // ⌊(5 − 3)/2⌋ + 1 = 2; ⌊(5 + 2 − 3)/2⌋ + 1 = 3.
    assert_eq!(outs, vec![(3, 3), (4, 4), (5, 5), (2, 2), (3, 3)]);
    let same = plan(5, 3, PadChoice::Same, 1).unwrap();
    assert_eq!(same.params.rows.padded, 7);
}

#[test]
fn positions_and_coverage_come_from_the_trace() {
    let s = PaddingState::default(); // 5×5, 3×3, valid, stride 1
    assert_eq!(s.good.trace.positions.len(), 9);
    let c = s.good.coverage();
    // The centre is under all 9 windows, a corner under 1, an edge middle under 3.
    assert_eq!((c[2][2], c[0][0], c[0][2]), (9, 1, 3));
}

#[test]
fn the_floor_drops_cells_and_valid_vs_same_side_by_side() {
    let s = reduce(PaddingState::default(), &[Action::SetN(6), Action::SetStride(2)]);
    // ⌊(6 − 3)/2⌋ + 1 = 2, remainder 1: the last row and column are dropped.
    assert_eq!(out(&s.good), (2, 2));
    assert_eq!(s.good.params.rows.dropped, 1);
    assert_eq!(out(s.valid.as_ref().unwrap()), (2, 2));
    // Same pads 1: ⌊(6 + 2 − 3)/2⌋ + 1 = 3.
    assert_eq!(out(s.same.as_ref().unwrap()), (3, 3));
}

#[test]
fn an_empty_output_is_an_error_and_the_last_plan_stays() {
    let s = reduce(PaddingState::default(), &[Action::SetN(2)]);
    let e = s.error.clone().expect("a 3×3 kernel does not fit 2×2 without padding");
    assert!(e.contains("does not fit"), "{e}");
    assert_eq!(s.n, 2); // what was chosen stays chosen
    assert_eq!(s.good.n, 5);
    let s = reduce(s, &[Action::SetPadding(PadChoice::Same)]);
    assert_eq!(s.error, None);
    assert_eq!(out(&s.good), (2, 2));
}

#[test]
fn links_round_trip_and_bad_keys() {
    let s = reduce(PaddingState::default(), &[Action::Load(7, 4, PadChoice::Same, 2)]);
    let l = to_link(&s);
    assert_eq!(l.to_fragment(), "#/padding?v=1&n=7&f=4&padding=same&stride=2");
    let back = from_link(&l);
    assert_eq!(back.good, s.good);
    let bad = from_link(&Link::parse("#/padding?n=99&f=x&stride=2&what=1"));
    let keys: Vec<&str> = bad.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, vec!["what", "n", "f"]);
    assert_eq!(bad.stride, 2);
    let empty = from_link(&Link::parse("#/padding?n=2&f=5"));
    assert!(empty.ignored.iter().any(|i| i.key == "f" && i.reason.contains("do not work")));
    assert_eq!(empty.good.n, 5);
}
