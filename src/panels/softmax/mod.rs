//! Panel: softmax (`#/softmax`). Scores become probabilities: each exponential, their sum
//! and each quotient, from the core's trace, in its stable form (the largest score
//! subtracted first), with a temperature slider and the lecture's examples.

mod figure;
pub mod link;
pub mod presets;
pub mod state;
mod working;

use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::text::display_number;
use figure::{Exps, Probs, Scores};
use state::{nearest_stop, Action, MAX_CLASSES, MIN_CLASSES, TEMPERATURES};
use web_sys::HtmlInputElement;
use working::{Compare, Working};
use yew::prelude::*;

fn temperature_words(t: f32) -> &'static str {
    if t == 1.0 {
        "T = 1 is the plain softmax."
    } else if t < 1.0 {
        "T below 1 divides the scores by a small number, which stretches the gaps between them: the largest score takes even more of the probability."
    } else {
        "T above 1 shrinks the gaps between the scores: the probabilities move toward equal shares."
    }
}

#[function_component(SoftmaxPanel)]
pub fn softmax_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let dispatch = {
        let s = state.dispatcher();
        Callback::from(move |a: Action| s.dispatch(a))
    };
    let g = &state.good;
    let t = g.trace.temperature;
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let class_options: Vec<(String, String)> = (MIN_CLASSES..=MAX_CLASSES).map(|n| (n.to_string(), n.to_string())).collect();
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);
    let stop = nearest_stop(state.temperature);
    let ontemp = {
        let s = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            if let Ok(i) = e.target_unchecked_into::<HtmlInputElement>().value().parse::<usize>() {
                s.dispatch(Action::SetTemperature(TEMPERATURES[i.min(TEMPERATURES.len() - 1)]));
            }
        })
    };
    let reset_t = {
        let s = state.dispatcher();
        Callback::from(move |_: MouseEvent| s.dispatch(Action::SetTemperature(1.0)))
    };
    // Where the textbook formula e^(z/T) / Σ e^(z/T) breaks down: e^x overflows f32 above x ≈ 88.7
    // and rounds to 0 below x ≈ −103.
    let max = g.trace.max;
    let naive = if t == 1.0 { "e^z" } else { "e^(z/T)" };
    let huge_note = if max >= 88.0 * t {
        Some(format!("These scores are huge. Computed directly, {naive} for the largest score z = {} is far beyond the largest number a 32-bit float can hold (about 3.4 × 10^38), so the textbook formula would give ∞ / ∞, which is undefined.", display_number(max)))
    } else if max <= -104.0 * t {
        Some(format!("These scores are very negative. Computed directly, {naive} even for the largest score z = {} is so small that it rounds to 0, so the textbook formula would give 0 / 0, which is undefined.", display_number(max)))
    } else {
        None
    };
    let alerts = [
        ("softmax-logits-error", state.logits_error()),
        ("softmax-names-error", state.names_error()),
        ("softmax-error", state.core_error.clone()),
    ];

    html! {
        <section class="panel softmax" aria-labelledby="softmax-title">
            <header class="panel-head">
                <h1 id="softmax-title">{"Softmax: from scores to probabilities"}</h1>
                <p class="lede">{"The last layer of a classifier gives one score per class — any real numbers, called logits. Softmax turns them into probabilities: it takes e to the power of each score (so every result is positive), then divides each by their sum (so together they make 1). A higher score always gets a higher probability. Edit any name or score and watch each step follow."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={Callback::from({ let d = dispatch.clone(); move |_| d.emit(Action::DismissNotes) })} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="softmax-preset"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| if !v.is_empty() { d.emit(Action::LoadPreset(v)) } })} />
                <Select label="Classes" value={state.logits.len().to_string()} options={class_options} testid="softmax-classes"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| if let Ok(n) = v.parse() { d.emit(Action::SetClasses(n)) } })} />
                <div class="field temperature">
                    <label for="softmax-t">{"Temperature T"}</label>
                    <span class="temp-row">
                        <input id="softmax-t" type="range" min="0" max={(TEMPERATURES.len() - 1).to_string()} step="1" value={stop.to_string()}
                            oninput={ontemp} aria-valuetext={format!("T = {}", display_number(state.temperature))} data-testid="softmax-temperature" />
                        <output for="softmax-t" data-testid="softmax-t-value" data-value={crate::text::machine_number(t)}>{ format!("T = {}", display_number(state.temperature)) }</output>
                        <button type="button" class="small" onclick={reset_t} disabled={state.temperature == 1.0}>{"Back to T = 1"}</button>
                    </span>
                </div>
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            { for alerts.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            if let Some(n) = huge_note {
                <p class="note" role="status" data-testid="softmax-overflow-note">
                    { n }{" Subtracting the largest score m first keeps every exponent at 0 or below: the largest exponential is exactly 1, so the sum is at least 1 and nothing overflows. A very negative exponent gives an exponential that rounds to 0, which is the right answer to the digits shown."}
                </p>
            }
            <div class="stage sm-stage">
                <figure class="card">
                    <figcaption>{"1 · Scores z"}</figcaption>
                    <Scores names={state.names.clone()} logits={state.logits.clone()} onedit={dispatch.clone()} />
                    <p class="legend muted">{ format!("Largest score m = {}", display_number(g.trace.max)) }</p>
                </figure>
                <figure class="card">
                    <figcaption>{"2 · Exponentials"}</figcaption>
                    <p class="legend muted">{ if t == 1.0 { "exponent = z − m".to_string() } else { format!("exponent = (z − m) / {}", display_number(t)) } }</p>
                    <Exps good={g.clone()} />
                </figure>
                <figure class="card grow">
                    <figcaption>{"3 · Probabilities p = exponential / Σ"}</figcaption>
                    <Probs good={g.clone()} />
                    <p class="legend muted">{ temperature_words(t) }</p>
                </figure>
            </div>
            <div class="explain sm-explain">
                <div class="card"><Working good={g.clone()} /></div>
                if let Some(lecture) = state.lecture() {
                    <div class="card"><Compare good={g.clone()} lecture={lecture} /></div>
                }
            </div>
        </section>
    }
}
