//! The whole network (`#/pipeline`): the lecture's complete structure (Figure 7.11) in one
//! view. A 6×6 image goes through convolution (two 3×3 filters), ReLU, 2×2 max pooling,
//! flatten, a fully connected layer with three classes, softmax and the cross-entropy loss
//! against a one-hot label. Every number comes from the core, stage by stage, with its trace.

mod compute;
pub mod detail;
mod flow;
pub mod link;
pub mod presets;
pub mod state;

use crate::components::{Cell, Grid};
use crate::panels::cells::{edit_cells, error_message_with};
use crate::panels::common::{current_link, use_link_sync, LinkNotes, Select};
use crate::panels::stepping::{use_stepping, StepAction, StepControls};
use detail::Detail;
use flow::Flow;
use presets::NAMES;
use state::{Action, STAGES};
use std::rc::Rc;
use yew::prelude::*;

/// One sentence per stage for the teacher's walk from left to right.
fn stage_note(i: usize) -> &'static str {
    [
        "A 6×6 gray image is just 36 numbers. Edit any pixel: every stage after it is recomputed.",
        "Each 3×3 filter slides over the image (no padding, stride 1): 6 − 3 + 1 = 4, so each filter gives a 4×4 map. Two filters, two maps.",
        "ReLU keeps positive responses and turns negative ones into 0: “this pattern is not here”.",
        "2×2 max pooling keeps the strongest response of each 2×2 block: the maps halve to 2×2, still 2 channels.",
        "Flatten lays the 2×2×2 maps out as one list of 8 numbers, ready for a fully connected layer.",
        "Each class has a row of 8 weights and a bias: its score is a weighted sum of all 8 features.",
        "Softmax turns the three scores into probabilities that add up to 1; the largest is the network's guess.",
        "Cross-entropy compares the probabilities with the one-hot true class: −log₂ of the probability the true class got.",
    ][i.min(7)]
}

#[function_component(PipelinePanel)]
pub fn pipeline_panel() -> Html {
    let state = use_reducer(|| link::from_link(&current_link()));
    let dispatch = {
        let s = state.dispatcher();
        Callback::from(move |a: Action| s.dispatch(a))
    };
    let onstep = {
        let d = dispatch.clone();
        Callback::from(move |a: StepAction| d.emit(Action::Step(a)))
    };
    use_stepping(state.play, onstep.clone());
    use_link_sync(link::to_link(&state), link::ROUTE, {
        let d = dispatch.clone();
        Callback::from(move |l: crate::link::Link| d.emit(Action::Replace(Box::new(link::from_link(&l)))))
    });
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— your own image —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let label_options: Vec<(String, String)> = NAMES.iter().enumerate().map(|(i, n)| (i.to_string(), n.to_string())).collect();
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);
    let names = |r: usize| NAMES.get(r).copied().unwrap_or("?");
    let kernel_errors: Vec<String> = state.kernels.iter().enumerate().filter_map(|(k, g)| g.error_message(&format!("Filter {}", k + 1))).collect();
    let errors = [
        ("pipe-input-error", state.input.error_message("Image")),
        ("pipe-kernel-error", (!kernel_errors.is_empty()).then(|| kernel_errors.join(" "))),
        ("pipe-weights-error", error_message_with(&state.weights, "Weights", |r, c| format!("class {}, feature {}", names(r), c + 1))),
        ("pipe-bias-error", error_message_with(&state.bias, "Biases", |_, c| format!("class {}", names(c)))),
        ("pipe-compute-error", state.compute_error.clone().map(|e| format!("The network cannot run on these values: {e}. The stages still show the last valid values."))),
    ];
    let g = &state.good;
    let here = state.play.step;
    let stage = state.stage();
    let ondismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::DismissNotes))
    };
    // The biases as a column beside W (the texts are one row).
    let bias_cells: Vec<Vec<Cell>> = edit_cells(&state.bias, g.layer.bias()).into_iter().flatten().map(|c| vec![c]).collect();
    let name_labels = Rc::new(NAMES.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    html! {
        <section class="panel pipe" aria-labelledby="pipe-title">
            <header class="panel-head">
                <h1 id="pipe-title">{"The whole network"}</h1>
                <p class="lede">{"The lecture's complete CNN in one picture: image → convolution → ReLU → pooling → flatten → fully connected → softmax → loss. Each box shows the numbers that leave that stage and their shape. Click a box (or a cell in it) to see how it was computed; step through with the buttons or ← →."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} {ondismiss} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example image" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="pipe-preset"
                    onchange={{ let d = dispatch.clone(); Callback::from(move |v: String| if !v.is_empty() { d.emit(Action::LoadPreset(v)) }) }} />
                <Select label="True class (label)" value={state.label.to_string()} options={label_options} testid="pipe-label"
                    onchange={{ let d = dispatch.clone(); Callback::from(move |v: String| if let Ok(l) = v.parse() { d.emit(Action::SetLabel(l)) }) }} />
                <button type="button" class="small" data-testid="pipe-reset" onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(Action::ResetParams)) }}>
                    {"Reset filters and weights"}</button>
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            { for errors.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            { crate::panels::overflow::overflow_html(pipeline_values(&state.good), "pipe") }
            if let Some(note) = state::infinite_loss_note(&state.good) {
                <p class="note" role="status" data-testid="pipe-infinite-note">{ note }</p>
            }
            <Flow state={Rc::new((*state).clone())} dispatch={dispatch.clone()} />
            <StepControls playhead={state.play} total={STAGES.len()} unit="stage" {onstep} />
            <p class="pipe-now" aria-live="polite" data-testid="pipe-now" data-value={stage.key()}>
                <strong>{ format!("Stage {} of {}: {}. ", here + 1, STAGES.len(), stage.title()) }</strong>{ stage_note(here) }</p>
            <Detail good={Rc::clone(g)} {stage} cell={state.cell()} />
            <section class="card pipe-params" aria-labelledby="pipe-params-title">
                <h2 id="pipe-params-title">{"Fully connected layer: weights W and biases b"}</h2>
                <p class="muted">{"One row per class, one column per flattened feature. In a trained network these come from training; here they are set by hand so the numbers stay readable — edit them, or the filters above, and watch the prediction move."}</p>
                <div class="pipe-wb">
                    <div class="scroll">
                        <Grid testid="pipe-weights" caption="Weights W" cells={Rc::new(edit_cells(&state.weights, g.layer.weights()))}
                            row_labels={Rc::clone(&name_labels)}
                            onedit={{ let d = dispatch.clone(); Callback::from(move |(r, c, t)| d.emit(Action::EditWeight(r, c, t))) }} />
                    </div>
                    <div class="scroll">
                        <Grid testid="pipe-bias" caption="Biases b" cells={Rc::new(bias_cells)} row_labels={name_labels}
                            col_labels={Rc::new(vec!["b".to_string()])}
                            onedit={{ let d = dispatch.clone(); Callback::from(move |(r, _c, t)| d.emit(Action::EditBias(r, t))) }} />
                    </div>
                </div>
            </section>
        </section>
    }
}

/// The numbers the network's arithmetic produces, up to the scores (for the note on ∞ and
/// "undefined"; an infinite loss has its own note, since −log 0 is not an overflow).
fn pipeline_values(g: &state::Computed) -> Vec<f32> {
    use crate::panels::overflow::{conv_values, dense_values};
    let stages = STAGES.iter().take_while(|s| s.key() != "softmax").flat_map(|&s| g.values(s).iter().copied());
    stages.chain(conv_values(&g.conv_trace)).chain(dense_values(&g.dense_trace)).collect()
}
