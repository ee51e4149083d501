//! “Why convolution” (`#/parameters`): counts, sparse interactions, sharing, links.

use convlab::link::Link;
use convlab::panels::parameters::link::{from_link, to_link};
use convlab::panels::parameters::state::{counts, Action, ParamsState, Selection};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: ParamsState, actions: &[Action]) -> ParamsState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

#[test]
fn the_lectures_numbers() {
    let s = ParamsState::default();
    // 100·100·1 = 10,000 weights; 5·5·1 = 25; 10,000 / 25 = 400.
    assert_eq!((s.good.fully_connected, s.good.shared, s.good.ratio), (10_000, 25, 400));
    // A colour image: 32·32·3 = 3,072; 3·3·3 = 27; 3,072 / 27 = 113 (rounded down).
    let k = counts(32, 3, 3).unwrap();
    assert_eq!((k.fully_connected, k.shared, k.ratio), (3072, 27, 113));
}

#[test]
fn sparse_interactions_from_the_trace() {
    let s = ParamsState::default(); // demo 7×7 with a 5×5 kernel → 3×3 output
    let d = &s.demo;
    assert_eq!(d.params.out_h(), 3);
    assert_eq!(d.inputs_of(0, 0).len(), 25);
    // The corner input is read only by output (1,1); the centre (3,3) by all 9 outputs.
    assert_eq!(d.outputs_of(0, 0), vec![(0, 0)]);
    assert_eq!(d.outputs_of(3, 3).len(), 9);
    // 9 positions × 25 terms = 225 uses of the same 25 weights.
    assert_eq!(d.weight_uses(), 225);
}

#[test]
fn editing_and_bad_input() {
    let s = reduce(ParamsState::default(), &[Action::EditF("3".into())]);
    assert_eq!(s.good.shared, 9);
    assert_eq!(s.demo.f, 3);
    assert_eq!(s.demo.params.out_h(), 5);
    let s = reduce(s, &[Action::EditN("abc".into())]);
    assert!(s.error.as_deref().unwrap().contains("“abc” is not a whole number"));
    assert_eq!(s.n, "abc");
    assert_eq!(s.good.n, 100);
    let s = reduce(s, &[Action::EditN("2".into())]);
    assert!(s.error.as_deref().unwrap().contains("does not fit"));
    let s = reduce(s, &[Action::EditN("64".into()), Action::Select(Selection::Input(6, 6))]);
    assert_eq!(s.error, None);
    assert_eq!(s.good.fully_connected, 4096);
    assert_eq!(s.selection, Selection::Input(6, 6));
}

#[test]
fn links() {
    let s = from_link(&Link::parse("#/parameters?v=1&n=32&f=3&c=3"));
    assert!(s.ignored.is_empty());
    assert_eq!(s.good.shared, 27);
    assert_eq!(to_link(&s).to_fragment(), "#/parameters?v=1&n=32&f=3&c=3");
    let bad = from_link(&Link::parse("#/parameters?n=0&f=99&c=3&x=1"));
    let keys: Vec<&str> = bad.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, vec!["x", "n", "f"]);
    assert_eq!(bad.good.c, 3);
}
