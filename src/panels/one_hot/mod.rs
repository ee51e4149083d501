//! Panel: one-hot encoding (`#/one-hot`). Categories typed by the user, each sample's vector
//! built live by the core, and a checker that says whether a typed vector is one-hot and why.

pub mod link;
pub mod presets;
pub mod state;

use crate::cnn::OneHotCheck;
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::vector_text::vector_shown;
use crate::text::{display_number, machine_number};
use state::{Action, Checked, Computed};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The lecture's three vectors, offered as one-click tries.
const TRIES: [&str; 3] = ["0, 0, 0, 1, 0", "0, 1, 0, 1, 0", "1, 1, 1, 1, 1"];

fn table(g: &Computed) -> Html {
    html! {
        <table class="vec-table onehot-table" data-testid="one-hot-table">
            <caption class="sr-only">{"Each sample's one-hot vector: one column per category"}</caption>
            <thead><tr>
                <th scope="col">{"sample"}</th><th scope="col">{"index"}</th>
                { for g.categories.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }
            </tr></thead>
            <tbody>
            { for g.samples.iter().zip(&g.vectors).map(|((name, k), v)| html! {
                <tr>
                    <th scope="row">{ name.clone() }</th>
                    <th class="num muted">{ *k }</th>
                    { for v.iter().map(|&x| html! { <td class={classes!("num", "bit", (x == 1.0).then_some("one"))} data-value={machine_number(x)}>{ display_number(x) }</td> }) }
                </tr>
            }) }
            </tbody>
            <tfoot><tr>
                <th scope="row">{"how many"}</th><th></th>
                { for (0..g.categories.len()).map(|k| html! { <td class="num bit muted">{ g.samples.iter().filter(|(_, j)| *j == k).count() }</td> }) }
            </tr></tfoot>
        </table>
    }
}

fn verdict(c: &Checked, categories: &[String]) -> Html {
    let valid = c.check.is_valid();
    let n = categories.len();
    let fit = match &c.check {
        OneHotCheck::Valid { class } if c.vector.len() == n => format!(" With your {n} categories it stands for “{}”.", categories[*class]),
        OneHotCheck::Valid { .. } => format!(
            " It is a label for {} classes, though; your categories have {n}, so their labels have {n} values.",
            c.vector.len()
        ),
        _ => " A one-hot vector has exactly one 1 and a 0 everywhere else: the 1 marks the one category, the 0s say “not this one”.".to_string(),
    };
    html! {
        <p class={classes!("verdict-box", if valid { "ok" } else { "bad" })} role="status" data-testid="one-hot-verdict"
            data-value={if valid { "valid" } else { "invalid" }}>
            <strong>{ vector_shown(&c.vector) }</strong>{" — "}{ c.check.to_string() }{"."}{ fit }
        </p>
    }
}

#[function_component(OneHotPanel)]
pub fn one_hot_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let dispatch = {
        let s = state.dispatcher();
        Callback::from(move |a: Action| s.dispatch(a))
    };
    let text = |f: fn(String) -> Action| {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| d.emit(f(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);
    let g = &state.good;
    let alert = |id: &'static str, m: Option<String>| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> });

    html! {
        <section class="panel onehot" aria-labelledby="onehot-title">
            <header class="panel-head">
                <h1 id="onehot-title">{"One-hot encoding"}</h1>
                <p class="lede">{"A network computes with numbers, not words. One-hot encoding turns a category into a vector with one place per category: a 1 in the place of its own category and 0 everywhere else. The network's target for an image of class k is exactly this vector, and its softmax output is compared with it."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={Callback::from({ let d = dispatch.clone(); move |_| d.emit(Action::DismissNotes) })} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="one-hot-preset"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| if !v.is_empty() { d.emit(Action::LoadPreset(v)) } })} />
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            <div class="card fields">
                <label class="field wide">
                    <span>{"Categories, separated by commas"}</span>
                    <input type="text" value={state.categories.clone()} oninput={text(Action::EditCategories)} data-testid="one-hot-categories"
                        spellcheck="false" autocomplete="off" aria-invalid={state.categories_error.is_some().then_some("true")} />
                </label>
                <label class="field wide">
                    <span>{"Samples, separated by commas (capitals do not matter)"}</span>
                    <input type="text" value={state.samples.clone()} oninput={text(Action::EditSamples)} data-testid="one-hot-samples"
                        spellcheck="false" autocomplete="off" aria-invalid={state.samples_error.is_some().then_some("true")} />
                </label>
            </div>
            { for alert("one-hot-categories-error", state.categories_error.clone()) }
            { for alert("one-hot-samples-error", state.samples_error.clone()) }
            <div class="stage oh-stage">
                <figure class="card">
                    <figcaption>{ format!("{} samples, {} categories", g.samples.len(), g.categories.len()) }</figcaption>
                    <div class="scroll">{ table(g) }</div>
                    <p class="legend muted">{ format!("Each row has exactly one 1. Indexes count from 0, as arrays do: “{}” is index 0, so its 1 is in the first place.", g.categories.first().cloned().unwrap_or_default()) }</p>
                </figure>
                <div class="card checker">
                    <h2>{"Is this a one-hot vector?"}</h2>
                    <label class="field wide">
                        <span>{"Type or paste a vector, e.g. [0,0,0,1,0] or 0 0 0 1 0"}</span>
                        <input type="text" value={state.vector.clone()} oninput={text(Action::EditVector)} data-testid="one-hot-vector"
                            spellcheck="false" autocomplete="off" aria-invalid={state.vector_error.is_some().then_some("true")} />
                    </label>
                    <div class="button-row">
                        <span class="muted">{"The lecture's vectors:"}</span>
                        { for TRIES.iter().map(|t| {
                            let d = dispatch.clone();
                            html! { <button type="button" class="small mono" onclick={Callback::from(move |_| d.emit(Action::EditVector(t.to_string())))}>{ format!("[{}]", t.replace(' ', "")) }</button> }
                        }) }
                    </div>
                    { for alert("one-hot-vector-error", state.vector_error.clone()) }
                    { verdict(&state.good_check, &g.categories) }
                </div>
            </div>
        </section>
    }
}
