//! The fully connected panel's reducer and deep link, on the host (no browser needed).

use convlab::link::Link;
use convlab::panels::dense::link::{from_link, to_link};
use convlab::panels::dense::state::{compute, Action, DenseState};
use convlab::panels::stepping::StepAction;
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: DenseState, actions: &[Action]) -> DenseState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

#[test]
fn default_example_hand_checked() {
    // x = 3, 3, 3, 2. y1 = 1.5 − 3 + 0.75 + 2 + 1 = 2.25; y2 = 3 + 0 − 1.5 + 1 − 1 = 1.5;
    // y3 = −1.5 + 1.5 + 3 + 0 + 0.5 = 3.5. Parameters 4·3 + 3 = 15.
    let s = DenseState::default();
    assert_eq!(s.good.y, vec![2.25, 1.5, 3.5]);
    assert_eq!(s.good.params, 15);
    let t = &s.good.trace.outputs[0];
    assert_eq!(t.terms.iter().map(|t| t.product).collect::<Vec<_>>(), vec![1.5, -3.0, 0.75, 2.0]);
    assert_eq!((t.bias, t.sum), (1.0, 2.25));
}

#[test]
fn edits_follow_and_bad_text_is_kept() {
    let s = reduce(DenseState::default(), &[Action::EditWeight(1, 1, "2".into()), Action::EditBias(2, "-0.5".into())]);
    assert_eq!(s.good.y, vec![2.25, 7.5, 2.5]);
    let s = reduce(s, &[Action::EditInput(0, "x".into())]);
    assert_eq!(s.input.text(0, 0), "x");
    assert_eq!(s.good.y, vec![2.25, 7.5, 2.5]);
    assert!(s.input.error_message("x").is_some());
}

#[test]
fn resizing_keeps_the_shapes_in_step() {
    let s = reduce(DenseState::default(), &[Action::SetInputs(6), Action::SetOutputs(5)]);
    assert_eq!((s.good.layer.inputs(), s.good.layer.outputs()), (6, 5));
    assert_eq!(s.good.params, 35);
    assert_eq!(s.good.y, vec![2.25, 1.5, 3.5, 0.0, 0.0], "new weights and biases start at 0");
    let s = reduce(s, &[Action::SetInputs(99), Action::SetOutputs(0)]);
    assert_eq!((s.good.layer.inputs(), s.good.layer.outputs()), (16, 1));
}

#[test]
fn stepping_and_selecting_neurons() {
    let s = reduce(DenseState::default(), &[Action::Step(StepAction::Next), Action::Step(StepAction::Next), Action::Step(StepAction::Next)]);
    assert_eq!(s.play.step, 2);
    let s = reduce(s, &[Action::SelectOutput(0)]);
    assert_eq!(s.play.step, 0);
    let s = reduce(s, &[Action::SelectOutput(7)]);
    assert_eq!(s.play.step, 0);
    let s = reduce(s, &[Action::Step(StepAction::Last), Action::SetOutputs(2)]);
    assert_eq!(s.play.step, 1);
}

#[test]
fn mismatched_sizes_are_explained() {
    let e = compute(&[1.0, 2.0], &[vec![1.0, 2.0, 3.0]], &[0.0]).unwrap_err();
    assert_eq!(e, "neuron 1 has 3 weights but the input has 2 values; each neuron needs one weight per input");
    let e = compute(&[1.0], &[vec![1.0]], &[0.0, 1.0]).unwrap_err();
    assert_eq!(e, "there are 2 biases for 1 neurons; each neuron needs exactly one");
}

#[test]
fn links_round_trip() {
    let s = reduce(DenseState::default(), &[Action::SetOutputs(2), Action::EditWeight(0, 3, "-0.125".into()), Action::Step(StepAction::Next)]);
    let link = to_link(&s);
    assert_eq!(link.to_fragment(), "#/dense?v=1&input=3,3,3,2&weights=0.5,-1,0.25,-0.125;1,0,-0.5,0.5&bias=1,-1&step=1");
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.good, s.good);
    assert_eq!(to_link(&again), link);
}

#[test]
fn missing_keys_adapt_to_the_given_ones() {
    let s = from_link(&Link::parse("#/dense?input=1,2"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.good.y, vec![1.0 * 0.5 - 2.0 + 1.0, 1.0 - 1.0, -0.5 + 1.0 + 0.5]);
    let s = from_link(&Link::parse("#/dense?input=1;2;3&weights=1,1,1"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.good.y, vec![7.0], "a column input is accepted; the bias adapts to one neuron");
}

#[test]
fn bad_links_name_every_ignored_key() {
    let s = from_link(&Link::parse("#/dense?input=1,,2&weights=1,2;3&bias=a&step=5&relu=1&v=0"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["input", "weights", "bias", "step", "relu", "v"] {
        assert!(keys.contains(&k), "{k} not reported in {keys:?}");
    }
    assert_eq!(s.good, DenseState::default().good);
    let s = from_link(&Link::parse("#/dense?input=1,2,3&weights=1,2;3,4"));
    assert!(s.ignored.iter().any(|i| i.key == "weights" && i.reason.contains("one weight per input")), "{:?}", s.ignored);
    assert_eq!(s.good, DenseState::default().good);
    let s = from_link(&Link::parse("#/dense?input=1,2,3&weights=1,2;3,4&bias=x"));
    let reasons: Vec<String> = s.ignored.iter().map(ToString::to_string).collect();
    assert_eq!(reasons.len(), 3, "each key once: {reasons:?}");
    assert!(reasons.contains(&"“bias” was ignored: value 1: “x” is not a number".to_string()), "{reasons:?}");
    let long = format!("#/dense?input={}", vec!["1"; 17].join(","));
    assert_eq!(from_link(&Link::parse(&long)).ignored[0].reason, "it has 17 values; this panel allows 1 to 16");
}
