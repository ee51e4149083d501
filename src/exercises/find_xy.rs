//! The lecture's "find X and Y": two entries of the kernel or of the input are unknown, the
//! convolution's output is given. The generator keeps only cases whose linear system has
//! exactly one solution, and writes the equations and their solution from the core's trace.

use super::conv::{run, setting_givens, EXACT};
use super::draw::{matrix_given, num, term, Draw};
use super::{Answer, Blank, Body, Built, Given, Layout, Part, Val};
use crate::cnn::{PositionTrace, Source};

/// One linear equation a·X + b·Y = rhs from one output cell, and how it was written.
struct Equation {
    a: f64,
    b: f64,
    rhs: f64,
    text: String,
}

fn coef_text(c: f64, name: &str) -> String {
    if c == 1.0 {
        name.to_string()
    } else if c == -1.0 {
        format!("−{name}")
    } else {
        format!("{}·{name}", num(c as f32))
    }
}

/// The equation of output cell `pt`: every product that holds X or Y stays symbolic, the
/// known products and the bias go to the right-hand side.
fn equation(pt: &PositionTrace, out: f32, is_x: &dyn Fn(&crate::cnn::Term) -> Option<f64>, is_y: &dyn Fn(&crate::cnn::Term) -> Option<f64>) -> Equation {
    let (mut a, mut b, mut known) = (0.0f64, 0.0f64, 0.0f64);
    let mut written = Vec::new();
    for t in &pt.terms {
        if let Some(c) = is_x(t) {
            a += c;
            written.push(format!("{}·X", term(c as f32)));
        } else if let Some(c) = is_y(t) {
            b += c;
            written.push(format!("{}·Y", term(c as f32)));
        } else {
            known += f64::from(t.product);
            written.push(format!("{}·{}", term(t.x), term(t.w)));
        }
    }
    let bias = f64::from(pt.bias);
    let rhs = f64::from(out) - known - bias;
    let lhs = match (a != 0.0, b != 0.0) {
        (true, true) => format!("{} + {}", coef_text(a, "X"), coef_text(b, "Y")).replace("+ −", "− "),
        (true, false) => coef_text(a, "X"),
        _ => coef_text(b, "Y"),
    };
    let bias_text = if bias != 0.0 { format!(" + {}", term(pt.bias)) } else { String::new() };
    let text = format!(
        "Output row {}, column {}: {}{bias_text} = {}, so {lhs} = {} − {} = {}.",
        pt.out_y + 1,
        pt.out_x + 1,
        written.join(" + "),
        num(out),
        num(out),
        term((known + bias) as f32),
        num(rhs as f32)
    );
    Equation { a, b, rhs, text }
}

/// Two equations that determine X and Y, simplest first: one with X alone and one with Y
/// alone if there are, else any pair whose determinant is not 0. None: X and Y are not
/// determined by these outputs.
fn choose(eqs: &[Equation]) -> Option<(usize, usize)> {
    let only_x = eqs.iter().position(|e| e.a != 0.0 && e.b == 0.0);
    let only_y = eqs.iter().position(|e| e.a == 0.0 && e.b != 0.0);
    if let (Some(i), Some(j)) = (only_x, only_y) {
        return Some((i, j));
    }
    let single = only_x.or(only_y);
    for i in 0..eqs.len() {
        for j in 0..eqs.len() {
            let det = eqs[i].a * eqs[j].b - eqs[j].a * eqs[i].b;
            if i != j && det != 0.0 && single.is_none_or(|s| s == i) {
                return Some((i, j));
            }
        }
    }
    None
}

/// Solves the pair with the steps a student would write: (x, y, the two steps, and which
/// step finds X — 0 or 1; the other finds Y).
fn solve(e1: &Equation, e2: &Equation) -> (f64, f64, [String; 2], usize) {
    let det = e1.a * e2.b - e2.a * e1.b;
    let x = (e1.rhs * e2.b - e2.rhs * e1.b) / det;
    let y = (e1.a * e2.rhs - e2.a * e1.rhs) / det;
    let n = |v: f64| num(v as f32);
    if e1.a == 0.0 {
        // The first equation holds Y alone: Y first, then X from the second.
        let sy = format!("The first equation holds Y alone: Y = {} / {} = {}.", n(e1.rhs), term(e1.b as f32), n(y));
        let sx = format!("Put Y = {} into the second: {}·X = {} − {}·{} = {}, so X = {}.", n(y), n(e2.a), n(e2.rhs), term(e2.b as f32), term(y as f32), n(e2.rhs - e2.b * y), n(x));
        return (x, y, [sy, sx], 1);
    }
    let sx = if e1.b == 0.0 {
        format!("The first equation holds X alone: X = {} / {} = {}.", n(e1.rhs), term(e1.a as f32), n(x))
    } else {
        format!(
            "Eliminate Y: multiply the first equation by {} and the second by {}, and subtract: ({}·{} − {}·{})·X = {}·{} − {}·{}, so X = {} / {} = {}.",
            term(e2.b as f32), term(e1.b as f32), n(e1.a), term(e2.b as f32), term(e2.a as f32), term(e1.b as f32),
            n(e1.rhs), term(e2.b as f32), term(e2.rhs as f32), term(e1.b as f32),
            n(e1.rhs * e2.b - e2.rhs * e1.b), term(det as f32), n(x)
        )
    };
    let sy = if e2.a == 0.0 {
        format!("The second equation holds Y alone: Y = {} / {} = {}.", n(e2.rhs), term(e2.b as f32), n(y))
    } else {
        format!("Put X = {} into the second: {}·Y = {} − {}·{} = {}, so Y = {}.", n(x), n(e2.b), n(e2.rhs), term(e2.a as f32), term(x as f32), n(e2.rhs - e2.a * x), n(y))
    };
    (x, y, [sx, sy], 0)
}

fn with_unknowns(m: &[Vec<f32>], px: (usize, usize), py: (usize, usize)) -> Vec<Vec<Val>> {
    let mut rows: Vec<Vec<Val>> = m.iter().map(|r| r.iter().map(|&v| Val::num(v)).collect()).collect();
    rows[px.0][px.1] = Val::unknown("X");
    rows[py.0][py.1] = Val::unknown("Y");
    rows
}

/// Kind 3: find X and Y, two unknown entries of the kernel or of the input.
pub fn find_xy(d: &mut Draw, level: u8) -> Built {
    for _ in 0..64 {
        if let Some(b) = try_find_xy(d, level) {
            return b;
        }
    }
    // Not reached for any seed the tests try; a fixed, solvable case keeps the promise anyway.
    try_find_xy(&mut Draw::new(1), 1).expect("seed 1 at level 1 is solvable")
}

fn try_find_xy(d: &mut Draw, level: u8) -> Option<Built> {
    let (n, f, lo, hi, wlo, whi) = match level {
        1 => (3, 2, 0, 3, 0, 3),
        2 => (4, d.pick(&[2, 3]), 0, 4, -1, 3),
        _ => (4, 3, -2, 3, -2, 2),
    };
    let in_kernel = level == 1 || d.coin();
    let mut input = d.matrix(n, n, lo, hi);
    let mut kernel = d.nonzero_matrix(f, f, wlo, whi);
    let bias = if level == 3 { d.int(-2, 2) as f32 } else { 0.0 };
    let side = if in_kernel { f } else { n };
    let px = (d.index(side), d.index(side));
    let py = (d.index(side), d.index(side));
    if px == py {
        return None;
    }
    // The unknowns are drawn from a range that includes negatives from level 2 on.
    let (x, y) = (d.int(if level == 1 { 1 } else { -2 }, 5) as f32, d.int(if level == 1 { 1 } else { -2 }, 5) as f32);
    let target = if in_kernel { &mut kernel } else { &mut input };
    target[px.0][px.1] = x;
    target[py.0][py.1] = y;
    let r = run(&input, &kernel, bias, 0, 1).ok()?;
    let at = |t: &crate::cnn::Term, p: (usize, usize)| -> Option<f64> {
        if in_kernel {
            ((t.ky, t.kx) == p).then_some(f64::from(t.x))
        } else {
            match t.source {
                Source::Input { y, x } if (y, x) == p => Some(f64::from(t.w)),
                _ => None,
            }
        }
    };
    let eqs: Vec<Equation> = r.trace.positions.iter().map(|pt| equation(pt, r.out[pt.out_y][pt.out_x], &|t| at(t, px), &|t| at(t, py))).collect();
    let (i, j) = choose(&eqs)?;
    let (sx, sy, [s1, s2], x_step) = solve(&eqs[i], &eqs[j]);
    if (sx - f64::from(x)).abs() > 1e-6 || (sy - f64::from(y)).abs() > 1e-6 {
        return None;
    }
    let steps = vec![eqs[i].text.clone(), eqs[j].text.clone(), s1, s2];
    let (hints_x, hints_y) = if x_step == 0 { (steps[..3].to_vec(), steps) } else { (steps.clone(), steps[..3].to_vec()) };
    let plain = |m: &[Vec<f32>]| Body::Matrix(m.iter().map(|r| r.iter().map(|&v| Val::num(v)).collect()).collect());
    let (ig, kg) = if in_kernel {
        (plain(&input), Body::Matrix(with_unknowns(&kernel, px, py)))
    } else {
        (Body::Matrix(with_unknowns(&input, px, py)), plain(&kernel))
    };
    let mut givens = vec![
        Given { id: "input", label: "input".into(), body: ig },
        Given { id: "kernel", label: "kernel".into(), body: kg },
    ];
    givens.extend(setting_givens(bias, 0, 1));
    givens.push(matrix_given("output", "output", &r.out));
    let where_ = if in_kernel { "kernel" } else { "input" };
    let intro = vec![format!(
        "Two entries of the {where_} are unknown, X and Y. The output of the convolution (padding 0, stride 1{}) is given. Write an equation for an output cell whose window covers X or Y, then a second one, and solve them."
    , if bias != 0.0 { ", with the bias" } else { "" })];
    let blank = |id: &str, name: &str, v: f32, hints: Vec<String>| Blank { id: id.into(), label: name.into(), answer: Answer::exact(v), hints };
    let parts = vec![Part {
        title: "The unknowns".into(),
        layout: Layout::List,
        blanks: vec![blank("x", "X", x, hints_x), blank("y", "Y", y, hints_y)],
        gated: false,
    }];
    Some((format!("Find X and Y in the {where_}"), intro, givens, parts, EXACT.describe()))
}

