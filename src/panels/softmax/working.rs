//! The softmax written out: the general formula in its stable form, the sum of the
//! exponentials and each probability with the trace's numbers put in; and the lecture's
//! printed values beside the exact ones.

use super::presets::Lecture;
use super::state::Computed;
use crate::components::{Formula, Math};
use crate::text::display_number;
use std::rc::Rc;
use yew::prelude::*;

/// A number, in parentheses when negative (as it is written after a minus sign).
fn paren(v: f32) -> Math {
    if v < 0.0 { Math::row(vec![Math::op("("), Math::Num(v), Math::op(")")]) } else { Math::Num(v) }
}

fn e_to(x: Math) -> Math {
    Math::sup(Math::ident("e"), x)
}

/// The exponent (z − m)/T with class i's numbers, without "/1" when T = 1.
fn exponent(c: &Computed, i: usize) -> Math {
    let t = &c.trace;
    let diff = vec![Math::Num(t.logits[i]), Math::op("−"), paren(t.max)];
    if t.temperature == 1.0 {
        Math::row(diff)
    } else {
        Math::row(vec![Math::op("("), Math::row(diff), Math::op(")"), Math::op("/"), Math::Num(t.temperature)])
    }
}

fn general(t1: bool) -> Math {
    let over_t = |m: Math| if t1 { m } else { Math::row(vec![Math::op("("), m, Math::op(")"), Math::op("/"), Math::ident("T")]) };
    let zi = Math::sub(Math::ident("z"), Math::ident("i"));
    let zj = Math::sub(Math::ident("z"), Math::ident("j"));
    let shifted = |z: Math| over_t(Math::row(vec![z, Math::op("−"), Math::ident("m")]));
    let plain = |z: Math| if t1 { z } else { Math::row(vec![z, Math::op("/"), Math::ident("T")]) };
    let sum = |body: Math| Math::row(vec![Math::sub(Math::op("Σ"), Math::ident("j")), body]);
    Math::row(vec![
        Math::sub(Math::ident("p"), Math::ident("i")),
        Math::op("="),
        Math::frac(e_to(plain(zi.clone())), sum(e_to(plain(zj.clone())))),
        Math::op("="),
        Math::frac(e_to(shifted(zi)), sum(e_to(shifted(zj)))),
    ])
}

/// Σ as the exponentials of the shifted scores, then as their values and the total: each a
/// list of pieces (one per class) that wrap on a narrow screen.
fn sum_lines(c: &Computed) -> (Vec<Math>, Vec<Math>) {
    let t = &c.trace;
    // "+" as text: an <mo> first in its row would be drawn as a sign, not as a plus.
    let piece = |i: usize, first: Vec<Math>, m: Math| {
        let mut items = if i == 0 { first } else { vec![Math::Text("\u{a0}+\u{a0}".into())] };
        items.push(m);
        Math::row(items)
    };
    let powers = t.shifted.iter().enumerate().map(|(i, &x)| piece(i, vec![Math::op("Σ"), Math::op("=")], e_to(Math::Num(x)))).collect();
    let mut values: Vec<Math> = t.exps.iter().enumerate().map(|(i, &e)| piece(i, vec![Math::op("=")], Math::Num(e))).collect();
    values.push(Math::row(vec![Math::op("="), Math::mark(Math::Num(t.sum))]));
    (powers, values)
}

/// p_i written out, in two halves that sit side by side or wrap on a narrow screen.
fn class_line(c: &Computed, i: usize) -> (Math, Math) {
    let t = &c.trace;
    let first = Math::row(vec![
        Math::sub(Math::ident("p"), Math::Text(c.names[i].clone())),
        Math::op("="),
        Math::frac(e_to(exponent(c, i)), Math::op("Σ")),
        Math::op("="),
        Math::frac(e_to(Math::Num(t.shifted[i])), Math::Num(t.sum)),
    ]);
    let second = Math::row(vec![
        Math::op("="),
        Math::frac(Math::Num(t.exps[i]), Math::Num(t.sum)),
        Math::op("="),
        Math::mark(Math::Num(t.probs[i])),
    ]);
    (first, second)
}

#[derive(Properties, PartialEq)]
pub struct WorkingProps {
    pub good: Rc<Computed>,
}

#[function_component(Working)]
pub fn working(p: &WorkingProps) -> Html {
    let c = &p.good;
    let t = &c.trace;
    let (first, second) = sum_lines(c);
    let top = t.logits.iter().position(|&z| z == t.max).map(|i| c.names[i].clone()).unwrap_or_default();
    html! {
        <div class="working" data-testid="softmax-working">
            <h2>{"The working"}</h2>
            <div class="formula-lines"><Formula math={general(t.temperature == 1.0)} /></div>
            <p>{ format!("m = {} is the largest score ({top}). Subtracting it from every score changes no probability — e", display_number(t.max)) }
                <sup>{"−m"}</sup>{" multiplies the top and the bottom of each fraction alike — but it makes the largest exponent 0 and every other one negative, so no exponential can overflow."}</p>
            <p class="formula-label">{"The sum of the exponentials:"}</p>
            <div class="formula-lines left">{ for [first, second].into_iter().map(|parts| html! {
                <div class="wrap-line tight">{ for parts.into_iter().map(|m| html! { <Formula math={m} block=false /> }) }</div>
            }) }</div>
            <p class="formula-label">{"Each probability is its exponential divided by the sum:"}</p>
            <div class="formula-lines left">{ for (0..t.probs.len()).map(|i| {
                let (a, b) = class_line(c, i);
                html! { <div class="wrap-line"><Formula math={a} block=false /><Formula math={b} block=false /></div> }
            }) }</div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub good: Rc<Computed>,
    pub lecture: &'static Lecture,
}

/// The lecture's printed probabilities beside the exact ones.
#[function_component(Compare)]
pub fn compare(p: &CompareProps) -> Html {
    let t = &p.good.trace;
    let d = p.lecture.decimals;
    html! {
        <div class="compare">
            <h2>{"The lecture's numbers"}</h2>
            <div class="scroll-x">
            <table class="vec-table" data-testid="softmax-lecture">
                <caption class="sr-only">{"The lecture's printed probabilities beside the exact ones"}</caption>
                <thead><tr><th scope="col">{"class"}</th><th scope="col">{"exact"}</th><th scope="col">{"lecture"}</th><th scope="col">{ format!("check (rounded to {d} decimal{})", if d == 1 { "" } else { "s" }) }</th></tr></thead>
                <tbody>
                { for p.lecture.printed.iter().enumerate().filter(|(i, _)| *i < t.probs.len()).map(|(i, printed)| {
                    let same = format!("{:.*}", d, t.probs[i]) == *printed;
                    html! {
                        <tr>
                            <th scope="row">{ p.good.names[i].clone() }</th>
                            { crate::panels::common::num_cell(t.probs[i]) }
                            <td class="num" data-value={printed.to_string()}>{ *printed }</td>
                            <td class={classes!("verdict", if same { "ok" } else { "bad" })} data-value={if same { "same" } else { "differs" }}>{ if same { "same" } else { "differs" } }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            <p class="note" data-testid="softmax-lecture-note">{ p.lecture.note }</p>
        </div>
    }
}
