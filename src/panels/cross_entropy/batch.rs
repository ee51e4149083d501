//! The batch: an editable list of examples, each one's loss, and the cost J — their mean —
//! written out, all from the core's `batch_cross_entropy`.

use super::presets::Lecture;
use super::state::{Action, Batch, Example, MAX_EXAMPLES};
use super::working::lecture_check;
use crate::cnn::{BatchLoss, LogBase};
use crate::components::{Formula, Math};
use crate::text::{display_number, machine_number};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BatchProps {
    pub examples: Vec<Example>,
    pub good: Rc<Batch>,
    pub base: LogBase,
    pub lecture: Option<&'static Lecture>,
    pub error: Option<String>,
    pub ondo: Callback<Action>,
}

fn cost_line(b: &BatchLoss, unit: &str) -> Math {
    let mut sum = Vec::new();
    for (i, &l) in b.losses.iter().enumerate() {
        if i > 0 {
            sum.push(Math::op("+"));
        }
        sum.push(Math::Num(l));
    }
    Math::row(vec![
        Math::ident("J"),
        Math::op("="),
        Math::frac(Math::row(sum), Math::Int(b.losses.len() as i64)),
        Math::op("="),
        Math::mark(Math::Num(b.cost)),
        Math::Text(format!("\u{a0}{unit}")),
    ])
}

#[function_component(BatchCard)]
pub fn batch_card(p: &BatchProps) -> Html {
    let g = &p.good;
    let (main, main_unit) = match p.base {
        LogBase::Two => (&g.bits, "bits"),
        LogBase::E => (&g.nats, "nats"),
    };
    let edit = |i: usize, probs: bool| {
        let cb = p.ondo.clone();
        Callback::from(move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit(if probs { Action::EditExampleProbs(i, t) } else { Action::EditExampleTarget(i, t) })
        })
    };
    let click = |a: Action| {
        let cb = p.ondo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let full = p.examples.len() >= MAX_EXAMPLES;
    let loss = |v: Option<&f32>| match v {
        Some(&l) => crate::panels::common::num_cell(l),
        None => html! { <td class="num pending"></td> },
    };
    html! {
        <div class="batch">
            <h2>{"Many examples: the cost J"}</h2>
            <p>{"Training looks at many examples at once. Each gets its own loss; the cost J is their mean — add the losses up and divide by how many there are. Training tries to bring J down toward 0."}</p>
            <div class="scroll-x">
            <table class="vec-table batch-table" data-testid="ce-batch">
                <caption class="sr-only">{"The examples of the batch and their losses"}</caption>
                <thead><tr>
                    <th scope="col">{"#"}</th><th scope="col">{"true class (index)"}</th><th scope="col">{"prediction q"}</th>
                    <th scope="col">{"loss (bits)"}</th><th scope="col">{"loss (nats)"}</th><th scope="col"><span class="sr-only">{"remove"}</span></th>
                </tr></thead>
                <tbody>
                { for p.examples.iter().enumerate().map(|(i, ex)| html! {
                    <tr>
                        <th scope="row">{ i + 1 }</th>
                        <td><input type="text" class="target-input" value={ex.target.clone()} spellcheck="false" autocomplete="off"
                            aria-label={format!("True class of example {}", i + 1)} oninput={edit(i, false)} /></td>
                        <td><input type="text" class="probs-input" value={ex.probs.clone()} spellcheck="false" autocomplete="off"
                            aria-label={format!("Prediction of example {}", i + 1)} oninput={edit(i, true)} /></td>
                        { loss(g.bits.losses.get(i)) }
                        { loss(g.nats.losses.get(i)) }
                        <td><button type="button" class="small" aria-label={format!("Remove example {}", i + 1)} onclick={click(Action::RemoveExample(i))}>{"Remove"}</button></td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            if let Some(e) = p.error.clone() { <p class="alert" role="alert" data-testid="ce-batch-error">{ e }</p> }
            <div class="button-row">
                <button type="button" class="small" disabled={full} onclick={click(Action::AddExample)} data-testid="ce-add-example">{"Add an example"}</button>
                <button type="button" class="small" disabled={full} onclick={click(Action::AddCurrent)} data-testid="ce-add-current">{"Add the example above"}</button>
                if full { <span class="muted">{ format!("At most {MAX_EXAMPLES} examples.") }</span> }
            </div>
            <div class="formula-lines"><Formula math={cost_line(main, main_unit)} /></div>
            <p class="unit-result">{"Cost J = "}
                <strong class="result" data-testid="ce-cost" data-value={machine_number(main.cost)}>{ display_number(main.cost) }</strong>{ format!(" {main_unit}") }
                <span class="muted">{" — in bits "}</span><span data-testid="ce-cost-bits" data-value={machine_number(g.bits.cost)}>{ display_number(g.bits.cost) }</span>
                <span class="muted">{", in nats "}</span><span data-testid="ce-cost-nats" data-value={machine_number(g.nats.cost)}>{ display_number(g.nats.cost) }</span></p>
            if main.cost.is_infinite() {
                <p class="note" role="status">{"One example has an infinite loss, so the mean is infinite too: a single confident mistake outweighs any number of good predictions."}</p>
            }
            if let Some(l) = p.lecture {
                <p class="lecture-line">{ lecture_check(g.bits.cost, l.cost) }{" (in bits)"}</p>
                <p class="note" data-testid="ce-cost-note">{ l.cost_note }</p>
            }
        </div>
    }
}
