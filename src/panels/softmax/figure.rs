//! The softmax panel's three tables: the scores as typed (with the class names), the
//! exponentials with their sum, and the probabilities as numbers and bars. Every number
//! comes from the core's trace.

use super::state::{shown_name, Action, Computed};
use crate::panels::vector_text::name_problem;
use crate::text::{display_number, machine_number, parse_number};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScoresProps {
    pub names: Vec<String>,
    pub logits: Vec<String>,
    pub onedit: Callback<Action>,
}

/// Names and scores, both editable; a score that is not a number is marked and kept.
#[function_component(Scores)]
pub fn scores(p: &ScoresProps) -> Html {
    let edit = |i: usize, name: bool| {
        let cb = p.onedit.clone();
        Callback::from(move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit(if name { Action::EditName(i, t) } else { Action::EditLogit(i, t) })
        })
    };
    html! {
        <table class="vec-table" data-testid="softmax-logits">
            <caption class="sr-only">{"Class names and their scores"}</caption>
            <thead><tr><th scope="col">{"class"}</th><th scope="col">{"score z"}</th></tr></thead>
            <tbody>
            { for p.logits.iter().enumerate().map(|(i, z)| {
                let name = p.names.get(i).cloned().unwrap_or_default();
                let name_bad = name_problem(name.trim());
                let name_invalid = name_bad.is_some();
                let parsed = parse_number(z);
                let z_bad = parsed.as_ref().err().map(ToString::to_string);
                html! {
                    <tr>
                        <th scope="row">
                            <input type="text" class={classes!("name-input", name_invalid.then_some("invalid"))} value={name.clone()}
                                aria-label={format!("Name of class {}", i + 1)} aria-invalid={name_invalid.then_some("true")}
                                title={name_bad} spellcheck="false" autocomplete="off" oninput={edit(i, true)} />
                        </th>
                        <td class={classes!("cell", "edit", z_bad.is_some().then_some("invalid"))}
                            data-value={parsed.map_or_else(|_| "nan".to_string(), machine_number)} title={z_bad.clone()}>
                            <input type="text" spellcheck="false" autocomplete="off" value={z.clone()}
                                aria-label={format!("Score of {}", shown_name(i, &name))} aria-invalid={z_bad.is_some().then_some("true")}
                                oninput={edit(i, false)} />
                        </td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub good: std::rc::Rc<Computed>,
}

/// e^((z − m)/T) for every class (the exponent shown beside the name), and their sum.
#[function_component(Exps)]
pub fn exps(p: &ResultProps) -> Html {
    let t = &p.good.trace;
    html! {
        <>
            <table class="vec-table" data-testid="softmax-exps">
                <caption class="sr-only">{"The exponential of each shifted score"}</caption>
                <thead><tr><th scope="col">{"class"}</th><th scope="col">{"exponent"}</th><th scope="col">{"e"}<sup>{"exponent"}</sup></th></tr></thead>
                <tbody>
                { for t.exps.iter().enumerate().map(|(i, &e)| html! {
                    <tr>
                        <th scope="row">{ p.good.names[i].clone() }</th>
                        <th class="expo" data-value={machine_number(t.shifted[i])}>{ display_number(t.shifted[i]) }</th>
                        { crate::panels::common::num_cell(e) }
                    </tr>
                }) }
                </tbody>
            </table>
            <p class="sum-result">{"Sum Σ = "}
                <strong class="result" data-testid="softmax-sum" data-value={machine_number(t.sum)}>{ display_number(t.sum) }</strong></p>
        </>
    }
}

/// Each probability as a number and as a bar; the most likely class is marked.
#[function_component(Probs)]
pub fn probs(p: &ResultProps) -> Html {
    let t = &p.good.trace;
    html! {
        <table class="vec-table probs" data-testid="softmax-probs">
            <caption class="sr-only">{"Probabilities"}</caption>
            <thead><tr><th scope="col">{"class"}</th><th scope="col">{"probability p"}</th></tr></thead>
            <tbody>
            { for t.probs.iter().enumerate().map(|(i, &q)| {
                let top = t.logits[i] == t.max;
                html! {
                    <tr class={classes!(top.then_some("top"))}>
                        <th scope="row">{ p.good.names[i].clone() }</th>
                        <td class="bar-cell" data-value={machine_number(q)}>
                            <span class="bar-track" aria-hidden="true"><span class="bar" style={format!("width:{}%", q * 100.0)}></span></span>
                            <span class="num">{ display_number(q) }</span>
                        </td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}
