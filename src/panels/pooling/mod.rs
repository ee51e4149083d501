//! Pooling, window by window (`#/pooling`): max or average pooling of an editable feature
//! map; every window's values and its winner (max) or sum and division (average) are read
//! from the core's `PoolTrace`.

mod figure;
pub mod link;
pub mod presets;
pub mod state;
pub mod window;

use crate::cnn::PoolKind;
use crate::components::{Grid, SizeFormula};
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::stepping::{use_stepping, StepAction, StepControls};
use state::{mode_key, parse_mode, Action, MAX_INPUT, MAX_SIZE, MAX_STRIDE, MIN_SIZE};
use std::rc::Rc;
use window::Window;
use yew::prelude::*;

fn options(range: std::ops::RangeInclusive<usize>, text: impl Fn(usize) -> String) -> Vec<(String, String)> {
    range.map(|i| (i.to_string(), text(i))).collect()
}

#[function_component(PoolingPanel)]
pub fn pooling_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let onstep = {
        let s = state.dispatcher();
        Callback::from(move |a: StepAction| s.dispatch(Action::Step(a)))
    };
    use_stepping(state.play, onstep.clone());
    let cb = |f: fn(String) -> Option<Action>| {
        let s = state.dispatcher();
        Callback::from(move |v: String| if let Some(a) = f(v) { s.dispatch(a) })
    };
    let g = &state.good;
    let p = &g.params;
    let (ir, ic) = (state.input.rows(), state.input.cols());
    let resize = |rows: bool| {
        let s = state.dispatcher();
        Callback::from(move |v: String| {
            let n = v.parse().unwrap_or(1);
            s.dispatch(if rows { Action::ResizeInput(n, ic) } else { Action::ResizeInput(ir, n) })
        })
    };
    let sizes = options(1..=MAX_INPUT, |i| i.to_string());
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);
    let mode_options = vec![("max".to_string(), "max pooling".to_string()), ("avg".to_string(), "average pooling".to_string())];
    let errors = [
        ("pool-input-error", state.input.error_message("Input")),
        ("pool-shape-error", state.shape_error.clone().map(|e| format!("{e}. The results still use the last valid setting."))),
    ];
    let current = g.trace.windows.get(state.play.step).cloned();
    let all = Rc::new(g.input.data().to_vec());
    let is_max = p.kind == PoolKind::Max;
    let ondismiss = {
        let s = state.dispatcher();
        Callback::from(move |_| s.dispatch(Action::DismissNotes))
    };

    html! {
        <section class="panel pool" aria-labelledby="pool-title">
            <header class="panel-head">
                <h1 id="pool-title">{"Pooling, window by window"}</h1>
                <p class="lede">{"Pooling makes a feature map smaller. A window slides over the map and replaces each patch with one number: the largest value in it (max pooling) or the average of its values (average pooling). Nothing is learned here — there are no weights — pooling only summarises what the convolution found."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} {ondismiss} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="pool-preset"
                    onchange={cb(|v| (!v.is_empty()).then_some(Action::LoadPreset(v)))} />
                <Select label="Pooling" value={mode_key(state.mode)} options={mode_options} testid="pool-mode"
                    onchange={cb(|v| parse_mode(&v).ok().map(Action::SetMode))} />
                <fieldset class="size">
                    <legend>{"Input"}</legend>
                    <Select label="rows" value={ir.to_string()} options={sizes.clone()} onchange={resize(true)} testid="pool-input-rows" />
                    <span aria-hidden="true">{"×"}</span>
                    <Select label="columns" value={ic.to_string()} options={sizes} onchange={resize(false)} testid="pool-input-cols" />
                </fieldset>
                <Select label="Window" value={state.size.to_string()} testid="pool-size"
                    options={options(MIN_SIZE..=MAX_SIZE, |i| format!("{i} × {i}"))}
                    onchange={cb(|v| v.parse().ok().map(Action::SetSize))} />
                <Select label="Stride" value={state.stride.to_string()} testid="pool-stride"
                    options={options(1..=MAX_STRIDE, |i| i.to_string())}
                    onchange={cb(|v| v.parse().ok().map(Action::SetStride))} />
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            { for errors.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            <div class="stage">
                <figure class="card">
                    <figcaption>{ format!("Feature map {} × {}", p.input.h, p.input.w) }</figcaption>
                    <div class="scroll"><Grid testid="pool-input" caption="Input" hide_caption=true cells={figure::input(&state)}
                        onedit={Callback::from({ let s = state.dispatcher(); move |(r, c, t)| s.dispatch(Action::EditInput(r, c, t)) })} /></div>
                    <p class="legend"><span class="key"><span class="swatch win"></span>{"window"}</span>
                        if is_max { <span class="key"><span class="swatch winner"></span>{"largest value"}</span> }
                        if p.rows.dropped + p.cols.dropped > 0 { <span class="key"><span class="swatch dropped"></span>{"never in a window"}</span> }</p>
                </figure>
                <figure class="card">
                    <figcaption>{ format!("Pooled {} × {}", p.out_h(), p.out_w()) }
                        <span class="muted">{ format!(" — {}, {}×{} window, stride {}", p.kind.name(), p.kh, p.kw, p.stride) }</span></figcaption>
                    <div class="scroll"><Grid testid="pool-output" caption="Pooled output" hide_caption=true cells={figure::output(&state)}
                        onselect={Callback::from({ let s = state.dispatcher(); move |(r, c)| s.dispatch(Action::SelectOutput(r, c)) })} /></div>
                    <p class="legend muted">{"Click a cell to see its window."}</p>
                </figure>
            </div>
            <StepControls playhead={state.play} total={state.total_steps()} unit="window" {onstep} />
            <div class="explain">
                <div class="card">
                    if let Some(t) = current { <Window trace={t} kw={p.kw} {all} step={state.play.step} total={state.total_steps()} /> }
                </div>
                <div class="card">
                    <SizeFormula prefix="pool" rows={p.rows} cols={p.cols} padding={false} mover="window" />
                    <p class="muted">{"The same formula as for convolution, with no padding: f is the window's side and s the stride. With stride 1 the windows overlap; with the stride equal to the window they tile the map."}</p>
                </div>
            </div>
        </section>
    }
}
