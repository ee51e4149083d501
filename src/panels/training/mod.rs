//! The training lab (`#/training`): the five-class homework trained live. The configuration
//! and its shapes, a live plot, what was learned (kernels, feature maps, confusion matrix, the
//! student's own drawing classified), one step of backpropagation in numbers, vanishing and
//! exploding gradients, and saving and sharing. Training runs in slices that fit one frame.

mod backprop;
mod backprop_view;
mod browser;
pub mod config;
mod controls;
mod drawing;
mod evaluation;
mod gallery;
mod learned;
pub mod link;
mod pixels;
pub mod plot;
pub mod presets;
mod refresh;
pub mod report;
pub mod run;
mod save;
pub mod state;

use crate::cnn::{TrainStatus, CLASS_NAMES};
use crate::panels::common::{current_link, use_link_sync, LinkNotes};
use backprop_view::backprop_view;
use evaluation::{confusion_view, norms_view};
use gloo::timers::callback::Interval;
use learned::{kernels_view, maps_view};
use plot::{plot_data, TrainingPlot};
use state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// A callback, for any event, that sends `a` to the panel's reducer.
pub(super) fn send<E: 'static>(state: &UseReducerHandle<state::TrainState>, a: Action) -> Callback<E> {
    let s = state.dispatcher();
    Callback::from(move |_: E| s.dispatch(a.clone()))
}

/// Where and how a run diverged, after "Training diverged and was stopped" (the advice follows
/// in its own paragraph, so the core's one-sentence message is not repeated here).
fn diverged_at(d: &crate::cnn::model::Divergence) -> String {
    let value = if d.value.is_nan() { "undefined (not a number)".to_string() } else if d.value.is_finite() { format!("{}", d.value) } else { crate::text::display_number(d.value) };
    format!(
        " in epoch {}, sample {}: the {} became {value}. The lab stops a run as soon as a loss or a weight is not a number, infinite or beyond ±{}.",
        d.epoch,
        d.sample,
        d.what,
        crate::cnn::model::EXPLODING_WEIGHT
    )
}

#[function_component(TrainingPanel)]
pub fn training_panel() -> Html {
    let state = use_reducer(|| link::from_link(&current_link()));
    let plot_canvas = use_node_ref();
    use_link_sync(link::to_link(&state), link::ROUTE, {
        let s = state.dispatcher();
        Callback::from(move |l: crate::link::Link| {
            let (c, p, ignored) = link::config_from_link(&l);
            s.dispatch(Action::Replace(Box::new(c), p, ignored))
        })
    });
    {
        // One slice per frame while running; the owned handle is dropped on pause or leaving.
        let s = state.dispatcher();
        use_effect_with(state.running, move |&running| {
            let handle = running.then(|| Interval::new(16, move || s.dispatch(Action::Tick)));
            move || drop(handle)
        });
    }
    let click = |a: Action| send::<MouseEvent>(&state, a);
    let t = state.trainer.borrow();
    let status = t.status().clone();
    let (done, total, epochs_done) = (t.samples_done(), t.total_samples(), t.epochs_done());
    let per_epoch = t.train_set().len();
    let data = Rc::new(plot_data(t.steps(), t.epochs(), total, per_epoch));
    let norms = t.gradient_norms().to_vec();
    let kernels = t.model().params().first().cloned();
    let first_conv = t.model().plan().layers.first().cloned();
    let chosen_label = t.train_set().get(state.sample).map(|s| s.label).unwrap_or(0);
    drop(t);

    let ondismiss = send(&state, Action::DismissNotes);
    let preset_note = state.preset.and_then(presets::find_preset).map(|p| p.note);

    let running = state.running;
    let can_train = state.can_train();
    let diverged = match &status {
        TrainStatus::Diverged(d) => Some(d.clone()),
        _ => None,
    };
    let start_label = match (&status, done) {
        (TrainStatus::Finished, _) => "Finished",
        (_, 0) => "Start",
        _ => "Resume",
    };
    let progress = if total > 0 { done as f64 / total as f64 } else { 0.0 };
    let epoch_now = (epochs_done + 1).min(state.built.epochs);
    let in_epoch = done - epochs_done * per_epoch.max(1);

    // The drawing pad's hooks live here, with the panel (drawing.rs renders the card).
    let painting = use_mut_ref(|| false);
    let pad = use_node_ref();

    let plan_rows = state.plan.layers.iter().map(|l| {
        let out = report::flow_text(&l.output);
        html! { <tr>
            <th scope="row">{ l.index }</th><td class="tr-name">{ l.name.clone() }</td>
            <td data-value={out.clone()}>{ out.clone() }</td>
            <td data-value={l.params().to_string()}>{ l.params() }</td>
        </tr> }
    });

    let errors = [
        ("training-config-error", state.config_error.as_ref().map(|e| format!(
            "This configuration cannot be built, so it was not applied: {e}. Choose a smaller kernel, keep the pooling, or fewer layers; the table shows the last configuration that works."))),
        ("training-run-error", state.run_error.clone()),
    ];

    html! {
        <section class="panel training" aria-labelledby="training-title">
            <header class="panel-head">
                <h1 id="training-title">{"Training lab"}</h1>
                <p class="lede">{"The homework: a small CNN learns to tell five shapes apart — horizontal bar, vertical bar, diagonal, square and plus — from 500 noisy 16×16 images, and is tested on 100 it never saw. Change the network, train it live, and look inside."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} {ondismiss} />

            { controls::config_toolbar(&state) }
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            <p class="muted tr-hint">{"Changing a setting starts the run again from fresh weights."}</p>
            { for errors.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }

            <div class="tr-top">
                <div class="card tr-plan">
                    <h2>{"The network, layer by layer"}</h2>
                    <div class="scroll" tabindex="0" role="region" aria-label="Layers of the network"><table class="tr-table" data-testid="training-plan">
                        <thead><tr><th scope="col">{"#"}</th><th scope="col">{"layer"}</th><th scope="col">{"output h×w×c"}</th><th scope="col">{"parameters"}</th></tr></thead>
                        <tbody>
                            <tr><th scope="row">{"0"}</th><td class="tr-name">{"input"}</td><td data-value="16×16×1">{"16×16×1"}</td><td data-value="0">{"0"}</td></tr>
                            { for plan_rows }
                        </tbody>
                        <tfoot><tr><th scope="row" colspan="3">{"total parameters"}</th>
                            <td data-testid="training-total-params" data-value={state.plan.total_params().to_string()}>{ state.plan.total_params() }</td></tr></tfoot>
                    </table></div>
                </div>
                <div class="card tr-live">
                    <div class="tr-buttons" role="group" aria-label="Training controls">
                        if running {
                            <button type="button" class="primary" data-testid="training-pause" onclick={click(Action::Pause)}>{"Pause"}</button>
                        } else {
                            <button type="button" class="primary" data-testid="training-start" disabled={!can_train} onclick={click(Action::Start)}>{ start_label }</button>
                        }
                        <button type="button" data-testid="training-step" disabled={!can_train || running} onclick={click(Action::Step)}>{"Step one sample"}</button>
                        <button type="button" data-testid="training-reset" onclick={click(Action::Reset)}>{"Reset"}</button>
                    </div>
                    <div class="tr-progress">
                        <progress max="1" value={progress.to_string()} aria-label="Training progress"></progress>
                        <p data-testid="training-progress" data-value={done.to_string()} aria-live="off">
                            { format!("Epoch {epoch_now} of {} · sample {in_epoch} of {per_epoch} · {done} of {total} samples", state.built.epochs) }
                            <span class="muted" data-testid="training-sps" data-value={format!("{:.0}", state.samples_per_sec)}>
                                { if running { format!(" · {:.0} samples/s", state.samples_per_sec) } else { String::new() } }</span>
                        </p>
                        <p class="muted" role="status" data-testid="training-status">{ match &status {
                            TrainStatus::Ready => "Ready: fresh weights, nothing trained yet.".to_string(),
                            TrainStatus::Training if running => "Training…".to_string(),
                            TrainStatus::Training => "Paused.".to_string(),
                            TrainStatus::Finished => "Finished: every epoch is done. Reset to train again.".to_string(),
                            TrainStatus::Diverged(_) => "Stopped: training diverged.".to_string(),
                        } }</p>
                    </div>
                    if let Some(d) = diverged {
                        <div class="alert tr-diverged" role="alert" data-testid="training-diverged-error">
                            <p><strong>{"Training diverged and was stopped"}</strong>{ diverged_at(&d) }</p>
                            <p>{ format!("With η = {} each update overshoots: the step w ← w − η·∂L/∂w is so long that the weights fly off instead of going down the slope. To recover, lower the learning rate (try η = {}) — the run starts again from fresh weights — or pick a preset.", d.learning_rate, d.learning_rate / 10.0) }</p>
                            <button type="button" data-testid="training-lower-rate" onclick={click(Action::LowerRate)}>{ format!("Lower η to {} and reset", d.learning_rate / 10.0) }</button>
                        </div>
                    }
                    <TrainingPlot data={data} canvas={plot_canvas.clone()} />
                </div>
            </div>

            <div class="tr-grid">
                { gallery::gallery_card(&state) }
                { drawing::drawing_card(&state, painting, pad) }
            </div>

            <div class="tr-grid">
                <div class="card">
                    <h2>{"What the first layer learned"}</h2>
                    { kernels_view(&kernels, first_conv.as_ref()) }
                    <h2>{ format!("Feature maps of training sample {} ({})", state.sample, CLASS_NAMES[chosen_label]) }</h2>
                    { maps_view(&state.maps) }
                </div>
                <div class="card">
                    <h2>{"Test set: confusion matrix"}</h2>
                    { confusion_view(&state) }
                    <h2>{"Gradient norm per layer"}</h2>
                    { norms_view(&norms) }
                </div>
            </div>

            { backprop_view(&state, state.dispatcher()) }

            { save::save_card(&state, &plot_canvas) }
        </section>
    }
}
