//! The one-hot panel's reducer and deep link, on the host.

use convlab::cnn::OneHotCheck;
use convlab::link::Link;
use convlab::panels::one_hot::link::{from_link, to_link};
use convlab::panels::one_hot::presets::PRESETS;
use convlab::panels::one_hot::state::{check, Action, OneHotState};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: OneHotState, actions: &[Action]) -> OneHotState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

#[test]
fn every_preset_is_valid() {
    for p in PRESETS {
        let s = OneHotState::from_preset(p);
        assert_eq!((&s.categories_error, &s.samples_error, &s.vector_error), (&None, &None, &None), "{}", p.id);
        assert_eq!(s.good.samples.len(), p.samples.len(), "{}", p.id);
    }
}

#[test]
fn the_lectures_colour_table() {
    let s = OneHotState::default();
    let rows: Vec<Vec<f32>> = s.good.vectors.clone();
    let (r, y, g) = (vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0], vec![0.0, 0.0, 1.0]);
    assert_eq!(rows, vec![r.clone(), r, y.clone(), g, y]);
}

#[test]
fn the_lectures_ten_people() {
    let s = reduce(OneHotState::default(), &[Action::LoadPreset("people".into())]);
    assert_eq!(s.good.samples.len(), 10);
    let count = |k: usize| s.good.samples.iter().filter(|(_, j)| *j == k).count();
    assert_eq!((count(0), count(1), count(2), count(3)), (3, 4, 1, 2));
    assert_eq!(s.good.vectors[4], vec![1.0, 0.0, 0.0, 0.0]);
}

#[test]
fn the_lectures_three_vectors() {
    assert_eq!(check("[0,0,0,1,0]").unwrap().check, OneHotCheck::Valid { class: 3 });
    assert_eq!(
        check("[0,0,0,1,0]").unwrap().check.to_string(),
        "valid one-hot label of class index 3 (position 4 counting from 1)"
    );
    assert_eq!(check("0 1 0 1 0").unwrap().check, OneHotCheck::SeveralOnes { positions: vec![1, 3] });
    assert_eq!(check("1,1,1,1,1").unwrap().check, OneHotCheck::SeveralOnes { positions: vec![0, 1, 2, 3, 4] });
    assert!(matches!(check("0, 0.5, 0").unwrap().check, OneHotCheck::NotBinary { index: 1, .. }));
    assert_eq!(check("0,0").unwrap().check, OneHotCheck::NoOne);
    assert!(check("").is_err());
}

#[test]
fn bad_lists_are_named_and_the_last_table_kept() {
    let good = OneHotState::default().good;
    let s = reduce(OneHotState::default(), &[Action::EditCategories(" , ".into())]);
    assert_eq!(s.categories, " , ");
    assert!(s.categories_error.as_ref().unwrap().starts_with("Categories: the list is empty"));
    assert_eq!(s.good, good);
    let s = reduce(s, &[Action::EditCategories("red, yellow, Red".into())]);
    assert!(s.categories_error.as_ref().unwrap().contains("“Red” is listed twice (as category 1 and 3)"), "{:?}", s.categories_error);
    let s = reduce(s, &[Action::EditCategories("red, yellow, green".into()), Action::EditSamples("Red, Blue, green, Pink".into())]);
    assert_eq!(s.categories_error, None);
    assert_eq!(
        s.samples_error.as_deref(),
        Some("Samples: “Blue” (sample 2), “Pink” (sample 4) are not among the categories (red, yellow, green). The table still shows the last valid list.")
    );
    assert_eq!(s.good, good);
    let s = reduce(s, &[Action::EditSamples("".into())]);
    assert!(s.samples_error.as_ref().unwrap().contains("the list is empty"));
    let s = reduce(s, &[Action::EditSamples("GREEN".into())]);
    assert_eq!(s.good.vectors, vec![vec![0.0, 0.0, 1.0]]);
}

#[test]
fn a_vector_that_is_not_numbers_keeps_the_last_verdict() {
    let s = reduce(OneHotState::default(), &[Action::EditVector("0, 1, zero".into())]);
    assert_eq!(s.vector, "0, 1, zero");
    assert_eq!(s.preset, Some("colours"), "checking a vector keeps the example");
    assert!(s.vector_error.as_ref().unwrap().contains("value 3: “zero” is not a number"));
    assert_eq!(s.good_check.check, OneHotCheck::Valid { class: 3 });
}

#[test]
fn links_round_trip() {
    let s = reduce(
        OneHotState::default(),
        &[Action::EditCategories("cat, dog, bird house".into()), Action::EditSamples("dog, Bird House".into()), Action::EditVector("[0 0 1]".into())],
    );
    let link = to_link(&s);
    assert_eq!(link.to_fragment(), "#/one-hot?v=1&categories=cat,dog,bird%20house&samples=dog,Bird%20House&vector=0,0,1");
    let again = from_link(&Link::parse(&link.to_fragment()));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!((&again.good, &again.good_check), (&s.good, &s.good_check));
    let p = reduce(OneHotState::default(), &[Action::LoadPreset("people".into()), Action::EditVector("1,0,0,0".into())]);
    assert_eq!(to_link(&p).to_fragment(), "#/one-hot?v=1&preset=people&vector=1,0,0,0");
    assert_eq!(to_link(&OneHotState::default()).to_fragment(), "#/one-hot?v=1&preset=colours");
}

#[test]
fn bad_links_name_each_key_and_keep_defaults() {
    let s = from_link(&Link::parse("#/one-hot?categories=a,A&samples=x&vector=1,q&preset=nope&extra=1"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["categories", "samples", "vector", "preset", "extra"] {
        assert!(keys.contains(&k), "{k} not named in {keys:?}");
    }
    assert_eq!(s.good, OneHotState::default().good);
    let s = from_link(&Link::parse("#/one-hot?categories=up,down"));
    assert!(s.ignored.is_empty());
    assert_eq!(s.good.vectors, vec![vec![1.0, 0.0], vec![0.0, 1.0]], "without samples, one per category");
}
