//! Every generated exercise: reproducible from its seed, its solution equal to what the core
//! computes from the givens alone (recomputed here, not through the generator), its shown
//! solution accepted by its own grading, and never degenerate.

use convlab::cnn::{
    self, arch, conv2d, cross_entropy, one_hot, output_len, pool2d, softmax, validate_one_hot, Conv2dParams, Filters, LogBase,
    Padding, PoolKind, PoolParams, Shape, Tensor,
};
use convlab::exercises::{generate, grade, Answer, Body, Exercise, Kind, Verdict};
use proptest::prelude::*;
use std::collections::HashSet;

fn matrix(ex: &Exercise, id: &str) -> Vec<Vec<f32>> {
    match &ex.given(id).unwrap_or_else(|| panic!("{} has no given {id}", ex.title)).body {
        Body::Matrix(m) => m.iter().map(|r| r.iter().map(|v| v.value.unwrap_or(f32::NAN)).collect()).collect(),
        b => panic!("{id} is not a matrix: {b:?}"),
    }
}

fn scalar(ex: &Exercise, id: &str) -> f32 {
    match &ex.given(id).unwrap_or_else(|| panic!("{} has no given {id}", ex.title)).body {
        Body::Scalar(v) => v.value.unwrap(),
        b => panic!("{id} is not a scalar: {b:?}"),
    }
}

fn words<'a>(ex: &'a Exercise, id: &str) -> &'a str {
    match &ex.given(id).unwrap().body {
        Body::Words(w) => w,
        b => panic!("{id} is not words: {b:?}"),
    }
}

fn vector(ex: &Exercise, id: &str) -> Vec<Option<f32>> {
    match &ex.given(id).unwrap().body {
        Body::Vector { values, .. } => values.iter().map(|v| v.value).collect(),
        b => panic!("{id} is not a vector: {b:?}"),
    }
}

fn answer(ex: &Exercise, id: &str) -> f64 {
    let b = ex.blanks().find(|b| b.id == id).unwrap_or_else(|| panic!("{} has no blank {id}", ex.title));
    match b.answer {
        Answer::Number { value, .. } => value,
        _ => panic!("{id} is a choice"),
    }
}

fn conv(input: &[Vec<f32>], kernel: &[Vec<f32>], bias: f32, p: usize, s: usize) -> Vec<Vec<f32>> {
    let t = Tensor::from_rows(input).unwrap();
    let f = Filters::single(kernel).unwrap();
    let params = Conv2dParams::new(t.shape(), &f, Padding::uniform(p), s, false).unwrap();
    conv2d(&t, &f, &[bias], &params, None).unwrap().plane_rows(0)
}

fn grid_answers(ex: &Exercise, rows: usize, cols: usize) -> Vec<Vec<f32>> {
    (0..rows).map(|r| (0..cols).map(|c| answer(ex, &format!("r{r}c{c}")) as f32).collect()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-5 * b.abs().max(1.0)
}

/// The solution, recomputed with the core from what the exercise shows.
fn check_solution(ex: &Exercise) {
    match ex.kind {
        Kind::Conv | Kind::ConvRepeat => {
            let (p, s) = (scalar(ex, "padding") as usize, scalar(ex, "stride") as usize);
            let out = conv(&matrix(ex, "input"), &matrix(ex, "kernel"), scalar(ex, "bias"), p, s);
            assert_eq!(grid_answers(ex, out.len(), out[0].len()), out, "{}", ex.title);
            assert_eq!(ex.blanks().filter(|b| b.id.starts_with('r')).count(), out.len() * out[0].len());
            if ex.kind == Kind::ConvRepeat {
                let n = matrix(ex, "input").len();
                let f = matrix(ex, "kernel").len();
                assert_eq!(answer(ex, "size") as usize, output_len(n, f, p, s).unwrap());
            }
        }
        Kind::FindXy => {
            let (x, y) = (answer(ex, "x") as f32, answer(ex, "y") as f32);
            let unknowns = ["input", "kernel"].iter().map(|id| matrix(ex, id).concat().iter().filter(|v| v.is_nan()).count()).sum::<usize>();
            assert_eq!(unknowns, 2, "two unknowns");
            let bias = scalar(ex, "bias");
            let out = conv(&solved(ex, "input", x, y), &solved(ex, "kernel", x, y), bias, 0, 1);
            assert_eq!(out, matrix(ex, "output"), "X = {x}, Y = {y} do not reproduce the output of {}", ex.title);
            check_unique(ex, bias);
        }
        Kind::FindLoss => {
            let logits: Vec<f32> = vector(ex, "logits").into_iter().map(Option::unwrap).collect();
            let p = softmax(&logits, None).unwrap();
            let q = vector(ex, "probs");
            let unknown: Vec<usize> = (0..q.len()).filter(|&i| q[i].is_none()).collect();
            assert_eq!(unknown.len(), 2);
            let base = if words(ex, "base").contains("bits") { LogBase::Two } else { LogBase::E };
            let (x, y) = (answer(ex, "x"), answer(ex, "y"));
            let ux = unknown.iter().copied().find(|&i| close(f64::from(p[i]), x)).expect("X is a softmax probability");
            let uy = unknown.iter().copied().find(|&i| i != ux && close(f64::from(p[i]), y)).expect("Y is the other");
            for (i, id) in [(ux, "loss-x"), (uy, "loss-y")] {
                let l = cross_entropy(&one_hot(i, p.len()).unwrap(), &p, base, None).unwrap();
                assert!(close(answer(ex, id), f64::from(l)), "{id}");
                assert!(l.is_finite() && l > 0.0);
            }
            for (i, v) in q.iter().enumerate() {
                if let Some(v) = v {
                    assert!((v - p[i]).abs() < 1e-6);
                }
            }
        }
        Kind::Softmax => {
            let logits: Vec<f32> = vector(ex, "logits").into_iter().map(Option::unwrap).collect();
            let p = softmax(&logits, None).unwrap();
            for (i, &pi) in p.iter().enumerate() {
                assert!(close(answer(ex, &format!("p{i}")), f64::from(pi)));
            }
        }
        Kind::OutputSize => {
            let [n, f, p, s] = ["n", "f", "padding", "stride"].map(|k| scalar(ex, k) as usize);
            assert_eq!(answer(ex, "size") as usize, output_len(n, f, p, s).unwrap());
            if ex.level > 1 {
                let a = cnn::axis_plan("convolution", n, f, p, p, s).unwrap();
                assert_eq!(answer(ex, "dropped") as usize, a.dropped);
            }
        }
        Kind::Pooling => {
            let map = matrix(ex, "input");
            let kind = if words(ex, "mode") == "max pooling" { PoolKind::Max } else { PoolKind::Average };
            let (k, s) = (scalar(ex, "size") as usize, scalar(ex, "stride") as usize);
            let params = PoolParams::new(Shape::new(1, map.len(), map.len()), kind, k, k, s).unwrap();
            let out = pool2d(&Tensor::from_rows(&map).unwrap(), &params, None).unwrap().plane_rows(0);
            assert_eq!(grid_answers(ex, out.len(), out[0].len()), out);
        }
        Kind::Params => {
            let total = answer(ex, "total") as u64;
            let expect = if ex.given("f").is_some() {
                let (f, c, k) = (scalar(ex, "f") as usize, scalar(ex, "c-in") as usize, scalar(ex, "filters") as usize);
                arch::conv_layer_params(f, c, k).unwrap()
            } else {
                let n_out = scalar(ex, "outputs") as usize;
                let n_in = match ex.given("inputs") {
                    Some(_) => scalar(ex, "inputs") as usize,
                    None => words(ex, "map").split('×').map(|t| t.parse::<usize>().unwrap()).product(),
                };
                arch::dense_layer_params(n_in, n_out).unwrap()
            };
            assert_eq!(total, expect);
            assert!(answer(ex, "weights") < total as f64);
        }
        Kind::OneHot => {
            let cats: Vec<&str> = words(ex, "categories").split(", ").collect();
            if ex.given("sample").is_some() {
                let i = cats.iter().position(|c| *c == words(ex, "sample")).unwrap();
                let v = one_hot(i, cats.len()).unwrap();
                for (j, &vj) in v.iter().enumerate() {
                    assert_eq!(answer(ex, &format!("v{j}")) as f32, vj);
                }
            } else {
                let v: Vec<f32> = vector(ex, "vector").into_iter().map(Option::unwrap).collect();
                assert_eq!(v.len(), cats.len());
                let b = ex.blanks().next().unwrap();
                let Answer::Choice { correct, .. } = b.answer else { panic!("a choice") };
                assert_eq!(correct == 0, validate_one_hot(&v).is_valid());
            }
        }
    }
}

/// A matrix given with X and Y put in.
fn solved(ex: &Exercise, id: &str, x: f32, y: f32) -> Vec<Vec<f32>> {
    match &ex.given(id).unwrap().body {
        Body::Matrix(m) => m
            .iter()
            .map(|r| {
                r.iter()
                    .map(|v| match (v.value, v.text.as_str()) {
                        (Some(n), _) => n,
                        (None, "X") => x,
                        (None, t) => {
                            assert_eq!(t, "Y");
                            y
                        }
                    })
                    .collect()
            })
            .collect(),
        b => panic!("{id} is not a matrix: {b:?}"),
    }
}

/// X and Y are determined: the outputs change independently with X and with Y (the
/// coefficient columns, found by differences, are not parallel).
fn check_unique(ex: &Exercise, bias: f32) {
    let at = |x: f32, y: f32| conv(&solved(ex, "input", x, y), &solved(ex, "kernel", x, y), bias, 0, 1).concat();
    let base = at(0.0, 0.0);
    let a: Vec<f32> = at(1.0, 0.0).iter().zip(&base).map(|(u, b)| u - b).collect();
    let b: Vec<f32> = at(0.0, 1.0).iter().zip(&base).map(|(u, v)| u - v).collect();
    let rank2 = (0..a.len()).any(|i| (0..a.len()).any(|j| a[i] * b[j] - a[j] * b[i] != 0.0));
    assert!(rank2, "X and Y are not determined in {}: {a:?} {b:?}", ex.title);
}

/// Structure every exercise keeps: something to answer, ids unique, hints for every blank,
/// finite answers, the shown solution accepted and a clearly different number refused.
fn check_shape(ex: &Exercise) {
    assert!(ex.blank_count() > 0 && ex.parts.iter().all(|p| !p.blanks.is_empty()), "{}: no blanks", ex.title);
    let ids: HashSet<&str> = ex.blanks().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), ex.blank_count(), "{}: blank ids repeat", ex.title);
    assert!(!ex.rule.is_empty() && !ex.intro.is_empty());
    for b in ex.blanks() {
        assert!(!b.hints.is_empty(), "{}: {} has no hint", ex.title, b.id);
        assert_eq!(grade(&b.answer, &b.answer.shown()), Verdict::Right, "{}: {} shown as {}", ex.title, b.id, b.answer.shown());
        if let Answer::Number { value, .. } = b.answer {
            assert!(value.is_finite(), "{}: {} is {value}", ex.title, b.id);
            assert_eq!(grade(&b.answer, &format!("{}", value + 1.0)), Verdict::Wrong);
        }
    }
}

fn check(kind: Kind, level: u8, seed: u32) {
    let ex = generate(kind, level, seed);
    assert_eq!(ex, generate(kind, level, seed), "reproducible");
    check_shape(&ex);
    check_solution(&ex);
}

#[test]
fn every_kind_and_level_for_the_first_seeds() {
    for kind in Kind::ALL {
        for level in 1..=3 {
            for seed in 0..150 {
                check(kind, level, seed);
            }
        }
    }
}

#[test]
fn seeds_differ_and_kinds_round_trip() {
    for kind in Kind::ALL {
        assert_eq!(Kind::from_id(kind.id()), Some(kind));
        let distinct: HashSet<String> = (0..20).map(|s| format!("{:?}", generate(kind, 2, s).givens)).collect();
        assert!(distinct.len() > 5, "{kind:?} gives only {} different exercises in 20 seeds", distinct.len());
    }
    // Levels out of range are clamped, not refused.
    assert_eq!(generate(Kind::Conv, 0, 5).level, 1);
    assert_eq!(generate(Kind::Conv, 9, 5).level, 3);
}

#[test]
fn the_repeat_asks_for_the_size_first() {
    let ex = generate(Kind::ConvRepeat, 2, 7);
    assert_eq!(ex.parts[0].blanks[0].id, "size");
    assert!(!ex.parts[0].gated && ex.parts[1].gated);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn any_seed_gives_a_sound_exercise(k in 0usize..9, level in 1u8..=3, seed in any::<u32>()) {
        check(Kind::ALL[k], level, seed);
    }
}
