//! The cross-entropy panel's reducer and deep link, on the host.
// The lecture prints log₂ 10 = 3.3219 bits and ln 10 = 2.3026 nats; the tests check its figures.
#![allow(clippy::approx_constant)]

use convlab::cnn::LogBase;
use convlab::link::Link;
use convlab::panels::cross_entropy::link::{from_link, to_link};
use convlab::panels::cross_entropy::presets::PRESETS;
use convlab::panels::cross_entropy::state::{compute_batch, compute_single, examples, parse_target, Action, CeState};
use convlab::panels::vector_text::vector_text;
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: CeState, actions: &[Action]) -> CeState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 1e-4
}

/// `printed` is `exact` rounded to as many decimals as it has.
fn agrees(exact: f32, printed: &str) -> bool {
    let d = printed.split('.').nth(1).map_or(0, str::len);
    format!("{exact:.d$}") == printed
}

#[test]
fn every_preset_is_valid() {
    for p in PRESETS {
        assert!(compute_single(p.target, &vector_text(p.probs)).is_ok(), "{}", p.id);
        assert!(compute_batch(&examples(p.batch)).is_ok(), "{}", p.id);
    }
}

#[test]
fn the_lectures_example_and_where_its_printed_numbers_differ() {
    let s = CeState::default();
    let g = &s.good;
    assert_eq!(g.class, 0);
    assert!(near(g.bits.loss, 3.3219) && near(g.nats.loss, 2.3026), "{} {}", g.bits.loss, g.nats.loss);
    let l = s.lecture().unwrap();
    assert!(agrees(g.bits.loss, l.loss_bits) && agrees(g.nats.loss, l.loss_nats));
    let wrong: Vec<usize> = (0..5).filter(|&k| !agrees(g.per_bits[k], l.per_class[k])).collect();
    assert_eq!(wrong, vec![2], "only class 3 (1.685 for −log₂ 0.3) is misprinted");
    assert_eq!(format!("{:.3}", g.per_bits[2]), "1.737");
    assert!(l.per_class_note.contains("1.737"));
    let b = &s.good_batch;
    assert!(near(b.bits.cost, 2.3070), "{}", b.bits.cost);
    assert!(!agrees(b.bits.cost, l.cost), "the lecture's J = 2.2967 differs");
    assert_eq!(g.dist.to_string(), "not a distribution: the values add up to 1.27, not 1 (allowed difference 0.001)");
}

#[test]
fn targets_as_index_or_vector() {
    assert_eq!(parse_target("2", 3), Ok((vec![0.0, 0.0, 1.0], 2)));
    assert_eq!(parse_target("[0 1 0]", 3), Ok((vec![0.0, 1.0, 0.0], 1)));
    assert!(parse_target("3", 3).unwrap_err().contains("class index 3 does not exist with 3 classes"));
    assert_eq!(parse_target("0,1", 3).unwrap_err(), "it has 2 values but the prediction has 3");
    assert!(parse_target("1,1,0", 3).unwrap_err().contains("2 values are 1"));
    assert!(parse_target("0.5,0.5,0", 3).unwrap_err().contains("not one-hot"));
    assert!(parse_target("", 3).unwrap_err().contains("empty"));
}

#[test]
fn bad_input_keeps_the_text_and_the_last_result() {
    let s = reduce(CeState::default(), &[Action::EditProbs("0.5, 0.25, x".into())]);
    assert_eq!(s.probs, "0.5, 0.25, x");
    assert_eq!(s.good, CeState::default().good);
    assert_eq!(s.error.as_deref(), Some("Prediction: value 3: “x” is not a number. The results still use the last valid values."));
    let s = reduce(s, &[Action::EditProbs("0.5, -0.25, 0.75".into()), Action::EditTarget("1".into())]);
    assert!(s.error.as_ref().unwrap().contains("prediction[1] = -0.25 is not a probability"), "{:?}", s.error);
    let s = reduce(s, &[Action::EditProbs("0.5".into())]);
    assert!(s.error.as_ref().unwrap().contains("1 value; this panel needs 2 to 10"));
    let s = reduce(s, &[Action::EditProbs("0.5, 0.5".into()), Action::EditTarget("0,0,1".into())]);
    assert_eq!(s.error.as_deref(), Some("Target: it has 3 values but the prediction has 2. The results still use the last valid values."));
}

#[test]
fn zero_for_the_true_class_is_an_infinite_loss() {
    let s = reduce(CeState::default(), &[Action::LoadPreset("zero".into())]);
    assert_eq!(s.good.bits.loss, f32::INFINITY);
    assert_eq!(s.good.nats.loss, f32::INFINITY);
    assert_eq!(s.good_batch.nats.cost, f32::INFINITY);
    assert!(s.good.nats.loss.is_finite() || !s.good.nats.loss.is_nan());
    let s = reduce(s, &[Action::EditTarget("1".into())]);
    assert!(near(s.good.nats.loss, 0.5108));
}

#[test]
fn batch_edits() {
    let s = reduce(CeState::default(), &(0..5).map(|_| Action::RemoveExample(0)).collect::<Vec<_>>());
    assert!(s.batch.is_empty());
    assert_eq!(s.batch_error.as_deref(), Some("Batch: the batch is empty; add at least one example. The results still use the last valid values."));
    assert_eq!(s.good_batch.bits.losses.len(), 1, "the last valid batch (one example) stays");
    let s = reduce(s, &[Action::AddCurrent, Action::AddExample, Action::EditExampleTarget(1, "1".into())]);
    assert_eq!(s.batch_error, None);
    assert_eq!(s.good_batch.classes, vec![0, 1]);
    assert!(near(s.good_batch.bits.cost, (3.3219 + 0.9434) / 2.0));
    let s = reduce(s, &[Action::EditExampleProbs(0, "1, 2".into()), Action::EditExampleTarget(1, "9".into())]);
    let e = s.batch_error.unwrap();
    assert!(e.contains("example 1: cross-entropy: prediction[1] = 2 is not a probability") && e.contains("example 2: target:"), "{e}");
    let s = reduce(CeState::default(), &(0..20).map(|_| Action::AddExample).collect::<Vec<_>>());
    assert_eq!(s.batch.len(), 12);
}

#[test]
fn base_is_a_view_choice_that_keeps_the_preset() {
    let s = reduce(CeState::default(), &[Action::SetBase(LogBase::E)]);
    assert_eq!(s.preset, Some("lecture"));
    assert_eq!(to_link(&s).to_fragment(), "#/cross-entropy?v=1&preset=lecture&base=e");
}

#[test]
fn links_round_trip() {
    let s = reduce(
        CeState::default(),
        &[Action::EditProbs("0.2 0.7 0.1".into()), Action::EditTarget("[0 1 0]".into()), Action::RemoveExample(4), Action::EditExampleProbs(0, "0.6, 0.4".into())],
    );
    let link = to_link(&s);
    assert_eq!(
        link.to_fragment(),
        "#/cross-entropy?v=1&target=1&probs=0.2,0.7,0.1&batch=0.6,0.4;0.1,0.52,0.3,0.08,0.27;0.1,0.52,0.3,0.08,0.27;0.1,0.52,0.3,0.08,0.27&batch-targets=0,1,2,3&base=2"
    );
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!((&again.good, &again.good_batch), (&s.good, &s.good_batch));
    assert_eq!(to_link(&again), link);
}

#[test]
fn bad_links_name_each_key_and_keep_defaults() {
    let s = from_link(&Link::parse("#/cross-entropy?probs=0.5,x&target=7&base=10&batch=0.5,0.5&nope=1"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["probs", "target", "base", "batch", "nope"] {
        assert!(keys.contains(&k), "{k} not named in {keys:?}");
    }
    assert_eq!(s.good, CeState::default().good);
    let s = from_link(&Link::parse("#/cross-entropy?probs=0.3,0.7"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.good.class, 0, "the default target does not fit 2 classes, so index 0 is used");
    let s = from_link(&Link::parse("#/cross-entropy?probs=0.3,1.7&target=1"));
    assert!(s.ignored.iter().any(|i| i.key == "probs" && i.reason.contains("not a probability")), "{:?}", s.ignored);
    let s = from_link(&Link::parse("#/cross-entropy?batch=0.5,0.5;0.2,0.8&batch-targets=0"));
    assert_eq!(s.ignored.len(), 2);
    assert_eq!(s.good_batch, CeState::default().good_batch);
}
