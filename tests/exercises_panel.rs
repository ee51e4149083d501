//! The exercises panel's reducer and deep link, on the host.

use convlab::exercises::progress::Record;
use convlab::exercises::{Answer, Kind, Verdict};
use convlab::link::Link;
use convlab::panels::exercises::link::{from_link, to_link};
use convlab::panels::exercises::state::{Action, ExState};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: ExState, actions: &[Action]) -> ExState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn solutions(s: &ExState) -> Vec<String> {
    s.ex.blanks().map(|b| b.answer.shown()).collect()
}

#[test]
fn typing_grades_and_solving_is_remembered() {
    let s = ExState::new(Kind::Conv, 1, 9);
    let sols = solutions(&s);
    let wrong = match s.ex.blanks().next().unwrap().answer {
        Answer::Number { value, .. } => format!("{}", value + 2.0),
        _ => unreachable!(),
    };
    let s = reduce(s, &[Action::Type(0, wrong), Action::Commit(0), Action::Commit(0)]);
    assert_eq!(s.verdict(0), Verdict::Wrong);
    assert_eq!(s.attempts, 2, "each commit of a wrong answer counts");
    assert!(s.touched && !s.solved);
    let actions: Vec<Action> = sols.iter().enumerate().map(|(i, t)| Action::Type(i, t.clone())).collect();
    let s = reduce(s, &actions);
    assert!(s.solved);
    assert_eq!(s.right_count(), sols.len());
    // Solved stays solved even if a cell is changed afterwards; right answers do not count as attempts.
    let s = reduce(s, &[Action::Commit(0), Action::Type(0, "x".into())]);
    assert!(s.solved);
    assert_eq!(s.attempts, 2);
    assert_eq!(s.answers[0], "x", "text is kept as typed");
    assert!(matches!(s.verdict(0), Verdict::Unreadable(_)));
}

#[test]
fn hints_go_step_by_step_to_the_first_unsolved_blank() {
    let s = ExState::new(Kind::Pooling, 1, 3);
    let steps = s.ex.blanks().next().unwrap().hints.len();
    let s = reduce(s, &[Action::Hint, Action::Hint, Action::Hint, Action::Hint]);
    assert_eq!(s.hint_for, Some(0));
    assert_eq!(s.hints[0], steps, "no more steps than there are");
    let first = solutions(&s)[0].clone();
    let s = reduce(s, &[Action::Type(0, first), Action::Hint]);
    assert_eq!((s.hint_for, s.hints[1]), (Some(1), 1));
}

#[test]
fn revealing_is_not_solving_and_gated_parts_open() {
    let s = ExState::new(Kind::ConvRepeat, 2, 5);
    assert!(s.part_open(0) && !s.part_open(1));
    let size = solutions(&s)[0].clone();
    let opened = reduce(s.clone(), &[Action::Type(0, size)]);
    assert!(opened.part_open(1));
    let shown = reduce(s, &[Action::ShowSolution]);
    assert!(shown.part_open(1) && shown.revealed);
    let all: Vec<Action> = solutions(&shown).into_iter().enumerate().map(|(i, t)| Action::Type(i, t)).collect();
    assert!(!reduce(shown, &all).solved, "answers typed after the solution was shown do not count as solved");
}

#[test]
fn restore_brings_back_a_record_of_the_same_shape() {
    let s = ExState::new(Kind::Softmax, 1, 2);
    let n = s.answers.len();
    let r = Record { answers: vec!["0.5".into(); n], attempts: 3, solved: false, revealed: true, hints: 2, t: 0 };
    let s = reduce(s, &[Action::Restore(r.clone())]);
    assert_eq!(s.answers, r.answers);
    assert_eq!((s.attempts, s.revealed, s.hints_taken, s.touched), (3, true, 2, false));
    let short = Record { answers: vec!["1".into()], attempts: 1, ..Record::default() };
    let s = reduce(s, &[Action::Restore(short)]);
    assert_eq!(s.answers.len(), n, "answers of another shape are not forced in");
}

#[test]
fn kind_level_and_seed_make_a_new_exercise_and_bad_seeds_are_named() {
    let s = reduce(ExState::new(Kind::Conv, 1, 1), &[Action::SetKind("find-xy".into()), Action::SetLevel("3".into()), Action::EditSeed("42".into())]);
    assert_eq!((s.kind, s.level, s.seed), (Kind::FindXy, 3, 42));
    let s = reduce(s, &[Action::EditSeed("4x".into())]);
    assert_eq!((s.seed, s.seed_text.as_str()), (42, "4x"));
    assert!(s.seed_error.as_deref().unwrap().contains("“4x” is not a whole number"));
    let s = reduce(s, &[Action::SetKind("nope".into()), Action::SetLevel("7".into())]);
    assert_eq!((s.kind, s.level), (Kind::FindXy, 3));
}

#[test]
fn links_round_trip_and_bad_keys_are_named() {
    for f in ["#/exercises?v=1&kind=find-loss&level=2&seed=77", "#/exercises?v=1&sheet=1&kinds=conv,pooling&n=6&level=2&seed=5"] {
        let s = from_link(&Link::parse(f));
        assert!(s.ignored.is_empty(), "{f}: {:?}", s.ignored);
        assert_eq!(to_link(&s).to_fragment(), f);
    }
    let s = from_link(&Link::parse("#/exercises?kind=x&level=0&seed=-1&sheet=2&n=3&zzz=1"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["kind", "level", "seed", "sheet", "zzz"] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    assert_eq!((s.kind, s.level, s.seed), (Kind::Conv, 1, 1));
    let s = from_link(&Link::parse("#/exercises?sheet=1&kinds=conv,nope&n=99"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["kinds", "n"]);
    assert_eq!(s.sheet.unwrap().kinds.len(), Kind::ALL.len());
}

#[test]
fn the_sheet_keeps_one_kind_at_least_and_bounds_its_size() {
    let s = reduce(ExState::new(Kind::Conv, 1, 1), &[Action::OpenSheet]);
    let mut actions: Vec<Action> = Kind::ALL.iter().map(|&k| Action::SheetToggleKind(k)).collect();
    actions.push(Action::SheetCount("500".into()));
    let s = reduce(s, &actions);
    let sheet = s.sheet.clone().unwrap();
    assert_eq!(sheet.kinds, vec![Kind::Softmax]);
    assert_eq!(sheet.n, 24);
    assert_eq!(sheet.exercises().len(), 24);
    assert!(reduce(s, &[Action::CloseSheet]).sheet.is_none());
}
