//! Panel: cross-entropy (`#/cross-entropy`). A one-hot target and a prediction give a loss,
//! written out term by term in bits and in nats; the lecture's per-class table; and the cost
//! J of a batch. Every number comes from the core's traces.

mod batch;
pub mod link;
pub mod presets;
pub mod state;
mod working;

use crate::cnn::LogBase;
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::vector_text::vector_shown;
use crate::text::{display_number, machine_number};
use batch::BatchCard;
use state::{Action, MAX_CLASSES};
use web_sys::HtmlInputElement;
use working::{PerClass, UnitCard};
use yew::prelude::*;

#[function_component(CrossEntropyPanel)]
pub fn cross_entropy_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let dispatch = {
        let s = state.dispatcher();
        Callback::from(move |a: Action| s.dispatch(a))
    };
    let text = |f: fn(String) -> Action| {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| d.emit(f(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let g = &state.good;
    let lecture = state.lecture();
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let base_options = vec![("2".to_string(), "bits (log₂)".to_string()), ("e".to_string(), "nats (ln)".to_string())];
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);
    let main = if state.base == LogBase::Two { &g.bits } else { &g.nats };
    let q_true = g.probs[g.class];
    let target_bad = state.error.as_deref().is_some_and(|e| e.starts_with("Target"));
    let probs_bad = state.error.is_some() && !target_bad;

    html! {
        <section class="panel ce" aria-labelledby="ce-title">
            <header class="panel-head">
                <h1 id="ce-title">{"Cross-entropy: how wrong was the prediction?"}</h1>
                <p class="lede">{"The target y says which class is true (a one-hot vector: 1 for the true class, 0 elsewhere). The prediction q gives each class a probability. The loss L = −Σ y·log q adds up −log q over the classes, weighted by y — so with a one-hot target it is simply −log of the probability given to the true class. Near 1 costs almost nothing; near 0 costs a lot."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={Callback::from({ let d = dispatch.clone(); move |_| d.emit(Action::DismissNotes) })} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="ce-preset"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| if !v.is_empty() { d.emit(Action::LoadPreset(v)) } })} />
                <Select label="Unit of the loss" value={link::base_key(state.base).to_string()} options={base_options} testid="ce-base"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| d.emit(Action::SetBase(if v == "e" { LogBase::E } else { LogBase::Two })) })} />
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            <div class="card ce-inputs">
                <div class="fields">
                    <label class="field wide">
                        <span>{"Target y — a class index counting from 0 (like 0) or a one-hot vector (like 1, 0, 0)"}</span>
                        <input type="text" value={state.target.clone()} oninput={text(Action::EditTarget)} data-testid="ce-target"
                            spellcheck="false" autocomplete="off" aria-invalid={target_bad.then_some("true")} />
                    </label>
                    <label class="field wide">
                        <span>{ format!("Prediction q — 2 to {MAX_CLASSES} probabilities, separated by commas or spaces") }</span>
                        <input type="text" value={state.probs.clone()} oninput={text(Action::EditProbs)} data-testid="ce-probs"
                            spellcheck="false" autocomplete="off" aria-invalid={probs_bad.then_some("true")} />
                    </label>
                </div>
                if let Some(e) = state.error.clone() { <p class="alert" role="alert" data-testid="ce-input-error">{ e }</p> }
                <div class="scroll-x">
                <table class="vec-table horizontal" data-testid="ce-vectors">
                    <caption class="sr-only">{"Target and prediction, class by class"}</caption>
                    <thead><tr><th scope="col">{"class"}</th>{ for (0..g.probs.len()).map(|k| html! { <th scope="col" class={classes!((k == g.class).then_some("top"))}>{ k + 1 }</th> }) }</tr></thead>
                    <tbody>
                        <tr><th scope="row">{"target y"}</th>{ for g.target.iter().map(|&y| crate::panels::common::num_cell(y)) }</tr>
                        <tr><th scope="row">{"prediction q"}</th>{ for g.probs.iter().map(|&q| crate::panels::common::num_cell(q)) }</tr>
                    </tbody>
                </table>
                </div>
                <p class="legend">{ format!("The true class is class {} (index {}): target {}.", g.class + 1, g.class, vector_shown(&g.target)) }</p>
                <p class={classes!("note", (!g.dist.is_valid()).then_some("warn"))} role="status" data-testid="ce-distribution" data-value={if g.dist.is_valid() { "valid" } else { "invalid" }}>
                    { format!("The prediction is {}.", g.dist) }
                    if !g.dist.is_valid() { {" A softmax output always adds up to 1, so this vector cannot have come from a softmax. The loss can still be computed: it only reads the probability given to the true class."} }
                </p>
            </div>
            <p class="headline">{"Loss L = "}<strong class="result" data-testid="ce-loss" data-value={machine_number(main.loss)}>{ display_number(main.loss) }</strong>
                { format!(" {}", state.base.unit()) }<span class="muted">{ format!(" (= −log of q = {} for the true class)", display_number(q_true)) }</span></p>
            if main.loss.is_infinite() {
                <p class="note warn" role="status" data-testid="ce-infinite-note">{"The loss is infinite (∞). The model gave the true class probability 0, and log 0 is −∞: the logarithm falls without limit as its argument approaches 0. So −log 0 = ∞ — the model was certain of something false, and cross-entropy punishes that without bound. Real networks never output an exact 0 from a softmax, which is one reason softmax and cross-entropy go together."}</p>
            }
            <div class="explain ce-units">
                <UnitCard trace={g.bits.clone()} chosen={state.base == LogBase::Two} lecture={lecture.map(|l| l.loss_bits)} />
                <UnitCard trace={g.nats.clone()} chosen={state.base == LogBase::E} lecture={lecture.map(|l| l.loss_nats)} />
            </div>
            <p class="muted units-note">{"Bits and nats measure the same thing on different scales, like inches and centimetres: log₂ x = ln x / ln 2, so a loss in bits is always about 1.4427 times the loss in nats. Terms whose target is 0 count as 0, even where q is 0."}</p>
            <div class="card"><PerClass good={g.clone()} lecture={lecture} /></div>
            <div class="card"><BatchCard examples={state.batch.clone()} good={state.good_batch.clone()} base={state.base} lecture={lecture}
                error={state.batch_error.clone()} ondo={dispatch.clone()} /></div>
        </section>
    }
}
