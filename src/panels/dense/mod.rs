//! Fully connected, neuron by neuron (`#/dense`): y = W·x + b for an editable vector, weight
//! matrix and bias; each neuron's weighted sum is written out from the core's `DenseTrace`.

mod figure;
pub mod link;
pub mod presets;
pub mod state;
mod sum;

use crate::components::Grid;
use crate::panels::cells::error_message_with;
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::stepping::{use_stepping, StepAction, StepControls};
use state::{Action, MAX_IN, MAX_OUT};
use std::rc::Rc;
use sum::{NeuronSum, ParamCount};
use yew::prelude::*;

#[function_component(DensePanel)]
pub fn dense_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let onstep = {
        let s = state.dispatcher();
        Callback::from(move |a: StepAction| s.dispatch(Action::Step(a)))
    };
    use_stepping(state.play, onstep.clone());
    let g = &state.good;
    let counts = |max: usize| (1..=max).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>();
    let select = |f: fn(usize) -> Action| {
        let s = state.dispatcher();
        Callback::from(move |v: String| s.dispatch(f(v.parse().unwrap_or(1))))
    };
    let errors = [
        ("dense-input-error", error_message_with(&state.input, "Input x", |_, c| format!("entry {}", c + 1))),
        ("dense-weights-error", error_message_with(&state.weights, "Weights W", |r, c| format!("neuron {}, input {}", r + 1, c + 1))),
        ("dense-bias-error", error_message_with(&state.bias, "Bias b", |r, _| format!("neuron {}", r + 1))),
        ("dense-shape-error", state.shape_error.clone().map(|e| format!("{e}. The results still use the last valid layer."))),
    ];
    let current = g.trace.outputs.get(state.play.step).cloned();
    let ondismiss = {
        let s = state.dispatcher();
        Callback::from(move |_| s.dispatch(Action::DismissNotes))
    };
    let (n_in, n_out) = (state.input.cols(), state.weights.rows());
    let edit = |f: fn(usize, usize, String) -> Action| {
        let s = state.dispatcher();
        Callback::from(move |(r, c, t): (usize, usize, String)| s.dispatch(f(r, c, t)))
    };

    html! {
        <section class="panel fc" aria-labelledby="fc-title">
            <header class="panel-head">
                <h1 id="fc-title">{"Fully connected layer"}</h1>
                <p class="lede">{"Every neuron of a fully connected layer looks at every entry of the flattened vector x. It has its own weight for each entry — one row of the weight matrix W — and its own bias. Its output is the weighted sum plus the bias: y = W·x + b. Pick a neuron to see its sum written out; edit any number and watch it follow."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} {ondismiss} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Inputs (length of x)" value={n_in.to_string()} options={counts(MAX_IN)} testid="dense-inputs" onchange={select(Action::SetInputs)} />
                <Select label="Neurons (outputs)" value={n_out.to_string()} options={counts(MAX_OUT)} testid="dense-outputs" onchange={select(Action::SetOutputs)} />
            </div>
            { for errors.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            { crate::panels::overflow::overflow_html(crate::panels::overflow::dense_values(&state.good.trace), "dense") }
            <div class="card fc-figure">
                <figure class="fc-x">
                    <figcaption>{ format!("Input x ({} values)", g.x.len()) }<span class="muted">{" — written as a row, so each value sits above its column of weights"}</span></figcaption>
                    <div class="scroll"><Grid testid="dense-input" caption="Input x" hide_caption=true cells={figure::input(&state)}
                        row_labels={Rc::new(vec!["x".to_string()])}
                        onedit={edit(|_, c, t| Action::EditInput(c, t))} /></div>
                </figure>
                <div class="fc-row">
                    <figure>
                        <figcaption>{ format!("Weights W ({} × {})", g.layer.outputs(), g.layer.inputs()) }</figcaption>
                        <div class="scroll"><Grid testid="dense-weights" caption="Weights W" hide_caption=true cells={figure::weights(&state)}
                            onedit={edit(Action::EditWeight)} /></div>
                        <p class="legend muted">{"One row per neuron: row k holds neuron k's weights."}</p>
                    </figure>
                    <span class="fc-op" aria-hidden="true">{"· x +"}</span>
                    <figure>
                        <figcaption>{"Bias b"}</figcaption>
                        <Grid testid="dense-bias" caption="Bias b" hide_caption=true cells={figure::bias(&state)}
                            col_labels={Rc::new(vec!["b".to_string()])} onedit={edit(|r, _, t| Action::EditBias(r, t))} />
                    </figure>
                    <span class="fc-op" aria-hidden="true">{"="}</span>
                    <figure>
                        <figcaption>{"Output y"}</figcaption>
                        <Grid testid="dense-output" caption="Output y" hide_caption=true cells={figure::output(&state)}
                            col_labels={Rc::new(vec!["y".to_string()])}
                            onselect={Callback::from({ let s = state.dispatcher(); move |(r, _)| s.dispatch(Action::SelectOutput(r)) })} />
                    </figure>
                </div>
                <p class="legend muted">{"Click a neuron's output to see its weighted sum."}</p>
            </div>
            <StepControls playhead={state.play} total={state.total_steps()} unit="neuron" {onstep} />
            <div class="explain">
                <div class="card">
                    if let Some(t) = current { <NeuronSum trace={t} total={state.total_steps()} /> }
                </div>
                <div class="card">
                    <ParamCount layer={g.layer.clone()} params={g.params} />
                </div>
            </div>
        </section>
    }
}
