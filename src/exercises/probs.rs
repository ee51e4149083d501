//! Softmax and cross-entropy exercises: probabilities from logits, and the lecture's "find X,
//! Y, loss of X and loss of Y" — a softmax output with two unknown probabilities, then the
//! loss each would give as the true class (the lecture's per-class table). Solutions and
//! hints come from the core's `softmax` and `cross_entropy` traces.

use super::draw::{num, Draw};
use super::{Answer, Blank, Body, Built, Given, Layout, Part, Precision, Val};
use crate::cnn::{cross_entropy, one_hot, per_class_losses, softmax, CrossEntropyTrace, LogBase, SoftmaxTrace};

/// The lecture's four animals, and one more for five classes.
const CLASSES: [&str; 5] = ["dog", "cat", "horse", "cheetah", "bird"];

/// Logits per level: whole numbers for three classes; one decimal (as the lecture's 3.2,
/// 1.3, 0.2, 0.8) for four; negatives too for five. The spread stays at most 3 so that no
/// probability is too small to write with the stated decimals.
fn draw_logits(d: &mut Draw, level: u8) -> Vec<f32> {
    let (k, lo, hi, scale) = match level {
        1 => (3, 0, 3, 1.0),
        2 => (4, 0, 30, 10.0),
        _ => (5, -15, 15, 10.0),
    };
    loop {
        let z: Vec<f32> = (0..k).map(|_| d.int(lo, hi) as f32 / scale).collect();
        let (min, max) = z.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        // Not all equal (the answer would be 1/k everywhere) and a spread of at most 3.
        if max > min && max - min <= 3.0 {
            return z;
        }
    }
}

fn decimals(level: u8) -> u8 {
    if level == 3 { 3 } else { 2 }
}

/// The softmax of one class, step by step from the trace.
fn softmax_hints(t: &SoftmaxTrace, i: usize, name: &str) -> Vec<String> {
    let list = |v: &[f32]| v.iter().map(|&x| num(x)).collect::<Vec<_>>().join(", ");
    vec![
        format!("Subtract the largest logit, {}, from every logit (the result does not change, and the powers stay small): {}.", num(t.max), list(&t.shifted)),
        format!("Raise e to each: {}.", list(&t.exps)),
        format!("Add them up: {} = {}.", t.exps.iter().map(|&e| num(e)).collect::<Vec<_>>().join(" + "), num(t.sum)),
        format!("p({name}) = {} / {} = {}.", num(t.exps[i]), num(t.sum), num(t.probs[i])),
    ]
}

fn vector(values: Vec<Val>, names: &[&str]) -> Body {
    Body::Vector { values, names: names.iter().map(|s| s.to_string()).collect() }
}

/// Kind 9: softmax probabilities from logits.
pub fn probabilities(d: &mut Draw, level: u8) -> Built {
    let z = draw_logits(d, level);
    let names = &CLASSES[..z.len()];
    let mut t = SoftmaxTrace::default();
    let p = softmax(&z, Some(&mut t)).expect("a few small finite logits");
    let dec = decimals(level);
    let blanks = names
        .iter()
        .enumerate()
        .map(|(i, n)| Blank { id: format!("p{i}"), label: format!("p({n})"), answer: Answer::decimals(p[i], dec), hints: softmax_hints(&t, i, n) })
        .collect();
    let givens = vec![Given { id: "logits", label: "logits z".into(), body: vector(z.iter().map(|&v| Val::num(v)).collect(), names) }];
    let intro = vec!["Turn the scores (logits) into probabilities with softmax: p_i = e^(z_i) / Σ_j e^(z_j), with e = 2.7183. The probabilities add up to 1.".into()];
    let parts = vec![Part { title: "The probabilities".into(), layout: Layout::List, blanks, gated: false }];
    (format!("Softmax of {} scores", z.len()), intro, givens, parts, Precision::Decimals(dec).describe())
}

fn base_text(b: LogBase) -> &'static str {
    match b {
        LogBase::Two => "log₂ (the loss in bits)",
        LogBase::E => "ln = log_e (the loss in nats)",
    }
}

fn log_name(b: LogBase) -> &'static str {
    match b {
        LogBase::Two => "log₂",
        LogBase::E => "ln",
    }
}

/// Kind 4: find X, Y, the loss of X and the loss of Y.
pub fn find_loss(d: &mut Draw, level: u8) -> Built {
    let dec = decimals(level);
    let z = draw_logits(d, level);
    let k = z.len();
    let names = &CLASSES[..k];
    let ix = d.index(k);
    let iy = (ix + 1 + d.index(k - 1)) % k;
    let base = if d.coin() { LogBase::Two } else { LogBase::E };
    let mut t = SoftmaxTrace::default();
    let p = softmax(&z, Some(&mut t)).expect("a few small finite logits");
    let shown: Vec<Val> = (0..k)
        .map(|i| match i {
            i if i == ix => Val::unknown("X"),
            i if i == iy => Val::unknown("Y"),
            i => Val::rounded(p[i], 3),
        })
        .collect();
    let mut blanks = Vec::new();
    for (i, id, name) in [(ix, "x", "X"), (iy, "y", "Y")] {
        blanks.push(Blank { id: id.into(), label: name.into(), answer: Answer::decimals(p[i], dec), hints: softmax_hints(&t, i, names[i]) });
    }
    for (i, id, name) in [(ix, "loss-x", "X"), (iy, "loss-y", "Y")] {
        blanks.push(loss_blank(&p, i, id, name, names[i], base, dec));
    }
    let givens = vec![
        Given { id: "logits", label: "logits z".into(), body: vector(z.iter().map(|&v| Val::num(v)).collect(), names) },
        Given { id: "probs", label: "softmax output q".into(), body: vector(shown, names) },
        Given { id: "base", label: "logarithm".into(), body: Body::Words(base_text(base).into()) },
    ];
    let intro = vec![
        "The last layer gave the scores z; softmax turned them into the probabilities q, two of which are unknown: X and Y. Find X and Y from the scores (p_i = e^(z_i) / Σ_j e^(z_j)).".into(),
        format!("Then find the loss of X and the loss of Y: the cross-entropy −Σ p(x)·{}(q(x)) when the one-hot label says X's class (or Y's) is the true one.", log_name(base)),
    ];
    let rule = format!(
        "{}. For the losses, the loss of X computed from X rounded to {dec} decimals and from the exact X both count.",
        Precision::Decimals(dec).describe()
    );
    let parts = vec![
        Part { title: "X and Y".into(), layout: Layout::List, blanks: blanks[..2].to_vec(), gated: false },
        Part { title: "Their losses".into(), layout: Layout::List, blanks: blanks[2..].to_vec(), gated: false },
    ];
    (format!("Find X, Y, loss of X and loss of Y ({})", base.unit()), intro, givens, parts, rule)
}

/// The loss of class `i` as the true class, from the core's cross-entropy trace; the value
/// from the rounded probability is accepted too.
fn loss_blank(p: &[f32], i: usize, id: &str, name: &str, class: &str, base: LogBase, dec: u8) -> Blank {
    let target = one_hot(i, p.len()).expect("a class of the vector");
    let mut t = CrossEntropyTrace::new(base);
    let loss = cross_entropy(&target, p, base, Some(&mut t)).expect("probabilities from softmax");
    let scale = 10f32.powi(i32::from(dec));
    let rounded = (p[i] * scale).round() / scale;
    let from_rounded = per_class_losses(&[rounded], base).ok().and_then(|v| v.first().copied()).unwrap_or(loss);
    let label: Vec<&str> = target.iter().map(|&v| if v == 1.0 { "1" } else { "0" }).collect();
    let term = t.classes.get(i).map_or(loss, |c| c.term);
    let log = t.classes.get(i).map_or(0.0, |c| c.log);
    let hints = vec![
        format!("If {class} is the true class, the one-hot label is [{}]: every term but {class}'s is 0, so the loss is −1·{}({name}).", label.join(" "), log_name(base)),
        format!("{}({}) = {}, so the loss is {} {}.", log_name(base), num(p[i]), num(log), num(term), base.unit()),
    ];
    Blank {
        id: id.into(),
        label: format!("loss of {name}"),
        answer: Answer::Number { value: f64::from(loss), alt: Some(f64::from(from_rounded)), precision: Precision::Decimals(dec) },
        hints,
    }
}
