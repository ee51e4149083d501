//! The softmax panel's reducer and deep link, on the host.

use convlab::link::Link;
use convlab::panels::softmax::link::{from_link, to_link};
use convlab::panels::softmax::presets::PRESETS;
use convlab::panels::softmax::state::{compute, nearest_stop, Action, SoftmaxState, TEMPERATURES};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: SoftmaxState, actions: &[Action]) -> SoftmaxState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn close(a: &[f32], b: &[f32], tol: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn every_preset_is_valid_and_its_lecture_values_are_the_rounded_exact_ones() {
    for p in PRESETS {
        let names: Vec<String> = p.names.iter().map(|n| n.to_string()).collect();
        let c = compute(&names, p.logits, 1.0).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert_eq!(p.names.len(), p.logits.len(), "{}", p.id);
        if let Some(l) = &p.lecture {
            assert_eq!(l.printed.len(), p.logits.len(), "{}", p.id);
            for (q, printed) in c.trace.probs.iter().zip(l.printed) {
                assert_eq!(format!("{q:.*}", l.decimals), *printed, "{}", p.id);
            }
        }
    }
}

#[test]
fn default_is_the_lectures_four_animals() {
    let s = SoftmaxState::default();
    let t = &s.good.trace;
    assert_eq!(s.good.names, ["dog", "cat", "horse", "cheetah"]);
    assert!(close(&t.probs, &[0.7752, 0.1159, 0.0386, 0.0703], 1e-4), "{:?}", t.probs);
    assert_eq!(t.max, 3.2);
    assert_eq!(t.exps[0], 1.0);
    assert!((t.sum - 1.2901).abs() < 1e-4);
    assert!(s.lecture().is_some());
}

#[test]
fn a_bad_score_keeps_the_text_and_the_last_result() {
    let s = reduce(SoftmaxState::default(), &[Action::EditLogit(1, "2".into())]);
    let good = s.good.clone();
    assert_eq!(s.preset, None);
    assert_eq!(good.trace.logits, vec![3.2, 2.0, 0.2, 0.8]);
    let s = reduce(s, &[Action::EditLogit(1, "two".into())]);
    assert_eq!(s.logits[1], "two");
    assert_eq!(s.good, good);
    assert_eq!(s.logits_error().unwrap(), "Scores: score of cat: “two” is not a number. The results still use the last valid scores.");
    let s = reduce(s, &[Action::EditLogit(1, "".into()), Action::EditName(0, "a,b".into())]);
    assert!(s.logits_error().unwrap().contains("the cell is empty"));
    assert!(s.names_error().unwrap().contains("contains a comma"));
}

#[test]
fn classes_grow_and_shrink_between_2_and_10() {
    let s = reduce(SoftmaxState::default(), &[Action::SetClasses(6)]);
    assert_eq!(s.names[5], "class 6");
    assert_eq!(s.logits[4], "0");
    assert_eq!(s.good.trace.probs.len(), 6);
    let s = reduce(s, &[Action::SetClasses(1)]);
    assert_eq!(s.good.trace.probs.len(), 2);
    let s = reduce(s, &[Action::SetClasses(50)]);
    assert_eq!(s.logits.len(), 10);
    let s = reduce(s, &[Action::EditName(2, "  ".into())]);
    assert_eq!(s.good.names[2], "class 3", "a blank name is shown as its number");
}

#[test]
fn temperature_flattens_and_sharpens_and_keeps_the_preset() {
    let s = reduce(SoftmaxState::default(), &[Action::SetTemperature(2.0)]);
    assert_eq!(s.preset, Some("animals"));
    assert_eq!(s.good.trace.temperature, 2.0);
    assert!(s.good.trace.probs[0] < 0.7752);
    assert!(s.lecture().is_none(), "the lecture's numbers are for T = 1");
    let s = reduce(s, &[Action::SetTemperature(0.5)]);
    assert!(s.good.trace.probs[0] > 0.95);
    let s = reduce(s, &[Action::SetTemperature(1e9), Action::LoadPreset("three".into())]);
    assert_eq!(s.temperature, 1.0, "a preset starts at T = 1");
    let s = reduce(s, &[Action::SetTemperature(1e9)]);
    assert_eq!(s.temperature, 10.0);
    assert_eq!(TEMPERATURES[nearest_stop(1.0)], 1.0);
    assert_eq!(TEMPERATURES[nearest_stop(0.33)], 0.3);
    assert_eq!(nearest_stop(10.0), TEMPERATURES.len() - 1);
}

#[test]
fn huge_scores_stay_finite() {
    let s = reduce(SoftmaxState::default(), &[Action::LoadPreset("huge".into())]);
    let t = &s.good.trace;
    assert!(close(&t.probs, &[0.7311, 0.2689, 0.0], 1e-4), "{:?}", t.probs);
    assert_eq!(t.shifted, vec![0.0, -1.0, -2000.0]);
    let s = reduce(s, &[Action::EditLogit(0, "-1000".into()), Action::EditLogit(1, "-1000".into())]);
    assert!(close(&s.good.trace.probs, &[1.0 / 3.0; 3], 1e-6));
}

#[test]
fn links_round_trip() {
    let s = reduce(
        SoftmaxState::default(),
        &[Action::SetClasses(3), Action::EditLogit(2, "-1.25".into()), Action::EditName(1, "kitten".into()), Action::SetTemperature(0.25)],
    );
    let link = to_link(&s);
    assert_eq!(link.to_fragment(), "#/softmax?v=1&logits=3.2,1.3,-1.25&names=dog,kitten,horse&temperature=0.25");
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.good, s.good);
    assert_eq!(to_link(&again), link);
    let p = from_link(&Link::parse("#/softmax?v=1&preset=three"));
    assert_eq!(p.preset, Some("three"));
    assert_eq!(to_link(&p).to_fragment(), "#/softmax?v=1&preset=three");
}

#[test]
fn bad_links_name_each_key_and_keep_defaults() {
    let s = from_link(&Link::parse("#/softmax?logits=1,x&temperature=0&preset=nope&bogus=1&v=7"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["logits", "temperature", "preset", "bogus", "v"] {
        assert!(keys.contains(&k), "{k} not named in {keys:?}");
    }
    assert_eq!(s.good, SoftmaxState::default().good);
    let s = from_link(&Link::parse("#/softmax?logits=1,2,3,4,5,6,7,8,9,10,11"));
    assert!(s.ignored[0].reason.contains("2 to 10 classes"), "{:?}", s.ignored);
    let s = from_link(&Link::parse("#/softmax?logits=1,2&names=a,b,c"));
    assert_eq!(s.ignored[0].key, "names");
    assert_eq!(s.good.names, ["class 1", "class 2"]);
    let s = from_link(&Link::parse("#/softmax?logits=1000,-1000&names=%3Cb%3E,y"));
    assert_eq!(s.good.names[0], "<b>", "names are text, never markup");
    assert_eq!(s.good.trace.probs, vec![1.0, 0.0]);
}
