//! The architectures the lecture names, computed (`#/architectures`): LeNet-5, AlexNet, ZFNet,
//! VGG-16, GoogLeNet, ResNet-18 and ResNet-50 layer by layer — output shapes, parameters and
//! multiply-adds from the core's `arch` tables — with a block diagram, each layer's working,
//! "what if" changes of the input size and of strides, and a comparison of two networks.

mod compare;
mod detail;
mod facts;
mod diagram;
pub mod link;
pub mod notes;
pub mod state;
pub mod table;

use crate::panels::common::{use_linked_reducer, LinkNotes, Select, Toggle};
use state::{thousands, Action, ARCH_IDS, MAX_INPUT, MAX_STRIDE};
use table::shape_text;
use yew::prelude::*;

#[function_component(ArchitecturesPanel)]
pub fn architectures_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let dispatch = state.dispatcher();
    let on = |f: fn(String) -> Option<Action>| {
        let s = state.dispatcher();
        Callback::from(move |v: String| if let Some(a) = f(v) { s.dispatch(a) })
    };
    let click = |a: Action| {
        let s = state.dispatcher();
        Callback::from(move |_: MouseEvent| s.dispatch(a.clone()))
    };
    let a = &state.arch;
    let t = &state.table;

    let arch_options: Vec<(String, String)> = ARCH_IDS
        .iter()
        .filter_map(|id| state::find_arch(id).map(|x| (id.to_string(), format!("{} ({})", x.name, x.year))))
        .collect();
    let compare_options: Vec<(String, String)> = std::iter::once((String::new(), "— none —".to_string()))
        .chain(ARCH_IDS.iter().filter(|id| **id != a.id).map(|id| (id.to_string(), notes::short_name(id).to_string())))
        .collect();
    let strided: Vec<(String, String)> = a.strided_layers().into_iter().map(|n| (n.to_string(), n.to_string())).collect();
    let target_stride = state.stride_of(&state.stride_target).unwrap_or(1);
    let own_stride = state.default_stride(&state.stride_target).unwrap_or(1);
    let stride_options: Vec<(String, String)> =
        (1..=MAX_STRIDE).map(|i| (i.to_string(), if i == own_stride { format!("{i} (its own)") } else { i.to_string() })).collect();
    let oninput = {
        let s = state.dispatcher();
        Callback::from(move |e: InputEvent| s.dispatch(Action::EditInput(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
    };
    let onstride = {
        let s = state.dispatcher();
        let target = state.stride_target.clone();
        Callback::from(move |v: String| if let Ok(v) = v.parse() { s.dispatch(Action::SetStride(target.clone(), v)) })
    };
    let first_failure = t.first_failure();
    let published = a.published;
    let default_side = a.input.h;
    let changed = state.is_changed();
    let n = |v: Option<u64>| v.map_or("not computable".to_string(), thousands);
    let data = |v: Option<u64>| v.map_or("nan".to_string(), |v| v.to_string());

    html! {
        <section class="panel arch" aria-labelledby="arch-title">
            <header class="panel-head">
                <h1 id="arch-title">{"Architectures, computed"}</h1>
                <p class="lede">{"The networks the lecture names, layer by layer: every output shape by ⌊(n + 2p − f)/s⌋ + 1, every parameter (weights and biases) and every multiply-add, computed here — not copied from a table. Click a layer to see its working; change the input size or a stride and watch the shapes follow, or collapse."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={Callback::from({ let d = dispatch.clone(); move |_| d.dispatch(Action::DismissNotes) })} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Architecture" value={a.id.to_string()} options={arch_options} testid="arch-select"
                    onchange={on(|v| Some(Action::SetArch(v)))} />
                <div class="field input-side">
                    <label for="arch-input-field" title={format!("A whole number from 1 to {MAX_INPUT}")}>{ format!("Input side (default {default_side})") }</label>
                    <span class="inline">
                        <input id="arch-input-field" type="text" inputmode="numeric" value={state.input_text.clone()} oninput={oninput}
                            data-testid="arch-input" aria-invalid={state.input_error.is_some().then_some("true")}
                            aria-describedby={state.input_error.is_some().then_some("arch-input-error")}
                            class={classes!(state.input_error.is_some().then_some("invalid"))} size="5" />
                        <span class="muted">{ format!("× {} × {}", state.side, a.input.c) }</span>
                        if state.side != default_side || state.input_error.is_some() {
                            <button type="button" class="small" onclick={click(Action::ResetInput)} data-testid="arch-input-reset">{ format!("Back to {default_side}") }</button>
                        }
                    </span>
                </div>
                <fieldset class="size stride-what-if">
                    <legend>{"What if a layer had another stride?"}</legend>
                    <Select label="Layer" value={state.stride_target.clone()} options={strided} testid="arch-stride-layer"
                        onchange={on(|v| Some(Action::SetStrideTarget(v)))} />
                    <Select label="Stride" value={target_stride.to_string()} options={stride_options} testid="arch-stride" onchange={onstride} />
                </fieldset>
                <Toggle label="Show activation & dropout rows" checked={state.show_all} ontoggle={Callback::from({ let d = dispatch.clone(); move |_| d.dispatch(Action::ToggleShowAll) })} testid="arch-show-all" />
            </div>
            if let Some(e) = &state.input_error {
                <p class="alert" role="alert" id="arch-input-error" data-testid="arch-input-error">{ e.clone() }</p>
            }
            if changed {
                <div class="what-if-note note" role="status" data-testid="arch-changes">
                    <span>{"Changed from the published network: "}</span>
                    if state.side != default_side { <span class="chip">{ format!("input {0}×{0} (was {1}×{1})", state.side, default_side) }</span> }
                    { for state.strides.iter().map(|(layer, st)| {
                        let own = state.default_stride(layer).unwrap_or(0);
                        html! { <span class="chip">{ format!("{layer}: stride {st} (was {own}) ") }
                            <button type="button" class="chip-x" aria-label={format!("Give {layer} its own stride {own} again")} onclick={click(Action::ClearStride(layer.clone()))}>{"×"}</button></span> }
                    }) }
                    if state.strides.len() > 1 { <button type="button" class="small" onclick={click(Action::ClearStrides)}>{"All strides back"}</button> }
                </div>
            }
            if let Some(f) = first_failure {
                <p class="alert" role="alert" data-testid="arch-collapse-error" data-layer={f.name.clone()}>
                    <strong>{ format!("The shapes collapse at {}: ", f.name) }</strong>
                    { f.output.as_ref().err().map(|e| e.to_string()).unwrap_or_default() }
                    { ". Every layer after it is marked not computable, and so are the totals." }
                </p>
            }
            <div class="arch-top">
                <article class="card about" data-testid="arch-about">
                    <h2>{ a.name }<span class="muted">{ format!(" · {}", a.year) }</span></h2>
                    <p class="cite" data-testid="arch-paper">{ format!("{}. “{}”. {}.", a.authors, a.title, a.venue) }</p>
                    <p>{ notes::introduced(a.id) }</p>
                    <details class="variant">
                        <summary>{"Which variant is computed here"}</summary>
                        <p data-testid="arch-variant">{ a.variant }</p>
                    </details>
                    <p class="published" data-testid="arch-published" data-value={published.map(|p| p.params.to_string()).unwrap_or_default()}>
                        if let Some(p) = published {
                            {"Published total: "}<strong>{ thousands(p.params) }</strong>{ format!(" parameters ({}). ", p.source) }
                            if !changed && t.total_params == Some(p.params) {
                                <span class="ok">{"Computed here: the same. ✓"}</span>
                            } else if changed {
                                <span>{ format!("With your changes: {}.", n(t.total_params)) }</span>
                            } else {
                                <span>{ format!("Computed here: {}.", n(t.total_params)) }</span>
                            }
                        } else {
                            {"No published total exists for exactly this variant; the variant note above says how it relates to the paper's figures."}
                        }
                    </p>
                </article>
                <dl class="card totals">
                    <div><dt>{"Parameters"}</dt><dd data-testid="arch-total-params" data-value={data(t.total_params)}>{ n(t.total_params) }</dd></div>
                    <div><dt>{"Multiply-adds"}</dt><dd data-testid="arch-total-macs" data-value={data(t.total_macs)}>{ n(t.total_macs) }</dd></div>
                    <div><dt>{"Depth (weight layers)"}</dt><dd data-testid="arch-depth" data-value={state.own.depth.to_string()}>{ state.own.depth }</dd></div>
                    <div><dt>{"Input → output"}</dt><dd data-testid="arch-output" data-value={t.output.as_ref().map(|o| shape_text(o).1).unwrap_or_else(|_| "nan".into())}>
                        { format!("{} → {}", shape_text(&t.input).0, t.output.as_ref().map(|o| shape_text(o).0).unwrap_or_else(|_| "not computable".into())) }</dd></div>
                </dl>
            </div>
            <figure class="card diagram-card">
                <figcaption>{"Block diagram"}<span class="muted">{" — box height grows with log₂ of the side, width with log₂ of the channels; click a box to see its working"}</span></figcaption>
                <div class="scroll diagram-scroll">{ diagram::diagram(&state, &dispatch) }</div>
                <ul class="arch-legend">
                    <li><span class="swatch k-input"></span>{"input"}</li>
                    <li><span class="swatch k-conv"></span>{"convolution"}</li>
                    <li><span class="swatch k-pool"></span>{"pooling"}</li>
                    <li><span class="swatch k-dense"></span>{"dense"}</li>
                    <li><span class="swatch k-other"></span>{"flatten"}</li>
                    if t.rows.iter().any(|r| r.is_block) {
                        <li><span class="swatch k-block"></span>{"block — inception: its branches as lanes, concatenated; residual: its main path inside, the arc is the shortcut into ⊕ (a square on it: 1×1 projection)"}</li>
                    }
                    <li><span class="swatch k-fail"></span>{"collapsed"}</li>
                    if first_failure.is_some() { <li><span class="swatch k-na"></span>{"not computable"}</li> }
                </ul>
            </figure>
            <section class="card table-card" aria-labelledby="arch-table-title">
                <div class="table-head">
                    <h2 id="arch-table-title">{ format!("Layers of {}", a.name) }</h2>
                    if t.rows.iter().any(|r| r.is_block) {
                        <span class="buttons">
                            <button type="button" class="small" onclick={click(Action::ExpandAll(true))} data-testid="arch-expand-all">{"Open all blocks"}</button>
                            <button type="button" class="small" onclick={click(Action::ExpandAll(false))}>{"Fold all blocks"}</button>
                        </span>
                    }
                </div>
                <p class="muted small">{"f×f / s / p: kernel or window, stride, padding (⌈⌉: the pool rounds up). Parameters are weights + biases (and batch norm's γ, β); multiply-adds are those of one image's forward pass."}</p>
                <div class="scroll table-scroll" tabindex="0" role="region" aria-label={format!("Layer table of {}, scrolls sideways", a.name)}>
                    { table::layer_table(&state, &dispatch) }
                </div>
            </section>
            <section class="card compare" aria-labelledby="arch-compare-title">
                <h2 id="arch-compare-title">{"Compare"}</h2>
                <Select label={format!("Compare {} with", notes::short_name(a.id))} value={state.compare.unwrap_or("").to_string()} options={compare_options}
                    testid="arch-compare-select" onchange={on(|v| Some(Action::SetCompare(v)))} />
                if let Some(other) = &state.other {
                    <compare::Compare a={state.own.clone()} b={other.clone()} />
                } else {
                    <p class="muted">{"Pick a second architecture to set parameters, multiply-adds and depth side by side."}</p>
                }
            </section>
        </section>
    }
}
