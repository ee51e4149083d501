//! The loss written out term by term (once in bits, once in nats) and the lecture's per-class
//! table, all from the core's traces.

use super::presets::Lecture;
use super::state::Single;
use crate::cnn::{one_hot, CrossEntropyTrace, LogBase};
use crate::components::{Formula, Math};
use crate::panels::vector_text::vector_shown;
use crate::text::{display_number, machine_number};
use std::rc::Rc;
use yew::prelude::*;

/// True when `printed` is `exact` rounded to as many decimals as `printed` has.
pub fn agrees(exact: f32, printed: &str) -> bool {
    let decimals = printed.split('.').nth(1).map_or(0, str::len);
    format!("{exact:.decimals$}") == printed
}

/// The lecture's value and whether it agrees, as a short phrase.
pub fn lecture_check(exact: f32, printed: &str) -> Html {
    let ok = agrees(exact, printed);
    html! {
        <span class={classes!("verdict", if ok { "ok" } else { "bad" })} data-value={if ok { "same" } else { "differs" }}>
            { if ok { format!("lecture: {printed} (the same, rounded)") } else { format!("lecture: {printed} — differs from the exact {}", display_number(exact)) } }
        </span>
    }
}

fn log(base: LogBase) -> Math {
    match base {
        LogBase::Two => Math::sub(Math::ident("log"), Math::Int(2)),
        LogBase::E => Math::ident("ln"),
    }
}

fn paren(v: f32) -> Math {
    if v < 0.0 { Math::row(vec![Math::op("("), Math::Num(v), Math::op(")")]) } else { Math::Num(v) }
}

/// The general formula, then the numbers put in and the terms, each as a list of pieces (one
/// per class) that wrap on a narrow card.
fn lines(tr: &CrossEntropyTrace) -> (Math, Vec<Math>, Vec<Math>) {
    let b = tr.base;
    let general = Math::row(vec![
        Math::ident("L"),
        Math::op("="),
        Math::op("−"),
        Math::sub(Math::op("Σ"), Math::ident("c")),
        Math::sub(Math::ident("y"), Math::ident("c")),
        Math::op("·"),
        log(b),
        Math::op("("),
        Math::sub(Math::ident("q"), Math::ident("c")),
        Math::op(")"),
    ]);
    let (mut put, mut terms) = (Vec::new(), Vec::new());
    let last = tr.classes.len().saturating_sub(1);
    for (i, c) in tr.classes.iter().enumerate() {
        // A piece after the first starts with a "+" in text: an <mo> first in its row would be
        // drawn as a sign (+0), not as a plus between terms.
        let plus = || Math::Text("\u{a0}+\u{a0}".into());
        let mut p = if i == 0 { vec![Math::op("="), Math::op("−"), Math::op("(")] } else { vec![plus()] };
        p.extend([Math::Num(c.target), Math::op("·"), log(b), Math::op("("), Math::Num(c.prediction), Math::op(")")]);
        let mut t = if i == 0 { vec![Math::op("=")] } else { vec![plus()] };
        if c.target == 0.0 {
            t.push(Math::Num(c.term));
        } else {
            t.extend([Math::op("−"), Math::Num(c.target), Math::op("·"), paren(c.log)]);
        }
        if i == last {
            p.push(Math::op(")"));
            t.extend([Math::op("="), Math::mark(Math::Num(tr.loss)), Math::Text(format!("\u{a0}{}", b.unit()))]);
        }
        put.push(Math::row(p));
        terms.push(Math::row(t));
    }
    (general, put, terms)
}

#[derive(Properties, PartialEq)]
pub struct UnitProps {
    pub trace: CrossEntropyTrace,
    pub chosen: bool,
    pub lecture: Option<&'static str>,
}

/// The loss in one unit: the formula, the numbers put in, each term, the result.
#[function_component(UnitCard)]
pub fn unit_card(p: &UnitProps) -> Html {
    let tr = &p.trace;
    let (general, put, terms) = lines(tr);
    let (title, id) = match tr.base {
        LogBase::Two => ("In bits (log₂)", "ce-loss-bits"),
        LogBase::E => ("In nats (ln = logₑ)", "ce-loss-nats"),
    };
    html! {
        <div class={classes!("card", "unit-card", p.chosen.then_some("chosen"))}>
            <h2>{ title } if p.chosen { <span class="badge">{"chosen unit"}</span> }</h2>
            <div class="formula-lines left">
                <div><Formula math={general} block=false /></div>
                { for [put, terms].into_iter().map(|parts| html! {
                    <div class="wrap-line">{ for parts.into_iter().map(|m| html! { <Formula math={m} block=false /> }) }</div>
                }) }
            </div>
            <p class="unit-result">{"L = "}<strong class="result" data-testid={id} data-value={machine_number(tr.loss)}>{ display_number(tr.loss) }</strong>
                { format!(" {}", tr.base.unit()) }</p>
            if let Some(l) = p.lecture { <p class="lecture-line">{ lecture_check(tr.loss, l) }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PerClassProps {
    pub good: Rc<Single>,
    pub lecture: Option<&'static Lecture>,
}

/// The lecture's table: the loss if each class in turn were the true one.
#[function_component(PerClass)]
pub fn per_class(p: &PerClassProps) -> Html {
    let g = &p.good;
    let n = g.probs.len();
    html! {
        <div class="per-class">
            <h2>{"If the true class were k…"}</h2>
            <p>{"With a one-hot target only one term survives, so the loss is just −log of the probability the model gave the true class. Here is that loss for every class in turn, with the same prediction: a class the model thought likely would cost little, an unlikely one a lot."}</p>
            <div class="scroll-x">
            <table class="vec-table" data-testid="ce-per-class">
                <caption class="sr-only">{"If the true class were k, the loss would be −log q_k"}</caption>
                <thead><tr>
                    <th scope="col">{"true class k"}</th><th scope="col" class="onehot-col">{"target y"}</th><th scope="col">{"q"}<sub>{"k"}</sub></th>
                    <th scope="col">{"−log₂ q"}<sub>{"k"}</sub>{" (bits)"}</th><th scope="col">{"−ln q"}<sub>{"k"}</sub>{" (nats)"}</th>
                    if p.lecture.is_some() { <th scope="col">{"lecture (bits)"}</th> }
                </tr></thead>
                <tbody>
                { for (0..n).map(|k| {
                    let onehot = one_hot(k, n).unwrap_or_default();
                    let printed = p.lecture.and_then(|l| l.per_class.get(k).copied());
                    html! {
                        <tr class={classes!((k == g.class).then_some("top"))}>
                            <th scope="row" class="nowrap">{ format!("class {}", k + 1) }
                                if k == g.class { <span class="tag">{"true"}</span> }</th>
                            <th class="mono nowrap onehot-col">{ vector_shown(&onehot) }</th>
                            { crate::panels::common::num_cell(g.probs[k]) }
                            { crate::panels::common::num_cell(g.per_bits[k]) }
                            { crate::panels::common::num_cell(g.per_nats[k]) }
                            if p.lecture.is_some() {
                                <td class={classes!("num", printed.map(|v| if agrees(g.per_bits[k], v) { "ok" } else { "bad" }))} data-value={printed.unwrap_or("")}>
                                    { printed.unwrap_or("") }
                                </td>
                            }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            if let Some(l) = p.lecture { <p class="note" data-testid="ce-per-class-note">{ l.per_class_note }</p> }
        </div>
    }
}
