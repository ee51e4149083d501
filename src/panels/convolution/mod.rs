//! Panel 1: convolution, step by step (`#/convolution`). A kernel slides over a padded gray
//! input; every position's terms x·w, bias and sum are read from the core's trace.

pub mod arithmetic;
mod figure;
pub mod link;
pub mod presets;
pub mod state;

use crate::components::{Grid, SizeFormula, Stepper};
use crate::panels::common::{use_linked_reducer, use_step_keys, use_step_timer, LinkNotes, Select, Toggle};
use arithmetic::Arithmetic;
use state::{Action, PadChoice, MAX_INPUT, MAX_KERNEL, MAX_PAD, MAX_STRIDE};
use yew::prelude::*;

#[function_component(ConvolutionPanel)]
pub fn convolution_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let d = |a: Action| {
        let s = state.dispatcher();
        move || s.dispatch(a.clone())
    };
    use_step_timer(state.playing, state.speed, {
        let s = state.dispatcher();
        Callback::from(move |_| s.dispatch(Action::Tick))
    });
    use_step_keys({
        let s = state.dispatcher();
        Callback::from(move |k| s.dispatch(Action::from(k)))
    });

    let cb = |f: fn(String) -> Option<Action>| {
        let s = state.dispatcher();
        Callback::from(move |v: String| if let Some(a) = f(v) { s.dispatch(a) })
    };
    let g = &state.good;
    let p = &g.params;
    let (cells, row_labels, col_labels) = figure::padded_input(&state);
    let sizes: Vec<(String, String)> = (1..=MAX_INPUT).map(|i| (i.to_string(), i.to_string())).collect();
    let ksizes: Vec<(String, String)> = (1..=MAX_KERNEL).map(|i| (i.to_string(), i.to_string())).collect();
    let (ir, ic, kr, kc) = (state.input.rows(), state.input.cols(), state.kernel.rows(), state.kernel.cols());
    let resize = |kernel: bool, rows: bool| {
        let s = state.dispatcher();
        let (r0, c0) = if kernel { (kr, kc) } else { (ir, ic) };
        Callback::from(move |v: String| {
            let n = v.parse().unwrap_or(1);
            let (r, c) = if rows { (n, c0) } else { (r0, n) };
            s.dispatch(if kernel { Action::ResizeKernel(r, c) } else { Action::ResizeInput(r, c) })
        })
    };
    let mut pad_options = vec![("valid".to_string(), "valid (p = 0)".to_string())];
    pad_options.extend((1..=MAX_PAD).map(|p| (p.to_string(), format!("p = {p}"))));
    pad_options.push(("same".into(), "same".into()));
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);
    let current = g.trace.positions.get(state.step).cloned();
    let input_error = state.input.error_message("Input");
    let kernel_error = state.kernel.error_message("Kernel");
    let bias_error = crate::text::parse_number(&state.bias).err().map(|e| format!("Bias: {e}. The results still use the last valid bias."));
    let onbias = {
        let s = state.dispatcher();
        Callback::from(move |e: InputEvent| s.dispatch(Action::EditBias(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
    };

    html! {
        <section class="panel conv" aria-labelledby="conv-title">
            <header class="panel-head">
                <h1 id="conv-title">{"Convolution, step by step"}</h1>
                <p class="lede">{"A small grid of weights — the kernel — slides over the image. At each position it multiplies the pixels under it by its weights, adds the products and a bias, and writes that one number into the feature map. Step through it, edit any number, and watch every result follow."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={Callback::from({ let f = d(Action::DismissNotes); move |_| f() })} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="conv-preset"
                    onchange={cb(|v| (!v.is_empty()).then_some(Action::LoadPreset(v)))} />
                <fieldset class="size">
                    <legend>{"Input"}</legend>
                    <Select label="rows" value={ir.to_string()} options={sizes.clone()} onchange={resize(false, true)} testid="conv-input-rows" />
                    <span aria-hidden="true">{"×"}</span>
                    <Select label="columns" value={ic.to_string()} options={sizes} onchange={resize(false, false)} testid="conv-input-cols" />
                </fieldset>
                <fieldset class="size">
                    <legend>{"Kernel"}</legend>
                    <Select label="rows" value={kr.to_string()} options={ksizes.clone()} onchange={resize(true, true)} testid="conv-kernel-rows" />
                    <span aria-hidden="true">{"×"}</span>
                    <Select label="columns" value={kc.to_string()} options={ksizes} onchange={resize(true, false)} testid="conv-kernel-cols" />
                </fieldset>
                <Select label="Padding" value={state.padding.key()} options={pad_options} testid="conv-padding"
                    onchange={cb(|v| PadChoice::parse(&v).ok().map(Action::SetPadding))} />
                <Select label="Stride" value={state.stride.to_string()} testid="conv-stride"
                    options={(1..=MAX_STRIDE).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>()}
                    onchange={cb(|v| v.parse().ok().map(Action::SetStride))} />
                <label class="field bias">
                    <span>{"Bias"}</span>
                    <input type="text" inputmode="decimal" value={state.bias.clone()} oninput={onbias} data-testid="conv-bias"
                        aria-invalid={bias_error.is_some().then_some("true")} class={classes!(bias_error.is_some().then_some("invalid"))} />
                </label>
                <Toggle label="ReLU" checked={state.relu} ontoggle={Callback::from({ let f = d(Action::ToggleRelu); move |_| f() })} testid="conv-relu" />
                <Toggle label="Flip kernel (true convolution)" checked={state.flip} ontoggle={Callback::from({ let f = d(Action::ToggleFlip); move |_| f() })} testid="conv-flip" />
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            <p class="flip-note" data-testid="conv-mode" data-value={if state.flip { "convolution" } else { "cross-correlation" }}>
                if state.flip {
                    <strong>{"True convolution: "}</strong>{"the kernel is turned by 180° before it slides, as in signal processing and mathematics. "}
                } else {
                    <strong>{"Cross-correlation: "}</strong>{"the kernel slides as written — what CNNs compute. "}
                }
                {"Frameworks call both “convolution” because the weights are learned: a network that needed the flipped kernel would simply learn the flipped weights, so the flip changes nothing that matters for training."}
            </p>
            { for [("conv-input-error", input_error), ("conv-kernel-error", kernel_error), ("conv-bias-error", bias_error), ("conv-shape-error", state.shape_error.clone().map(|e| format!("{e}. The results still use the last valid setting.")))]
                .into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            { crate::panels::overflow::overflow_html(crate::panels::overflow::conv_values(&g.trace), "conv") }
            <div class="stage">
                <figure class="card">
                    <figcaption>{ format!("Input {} × {}", p.input.h, p.input.w) }
                        <span class="muted">{ if p.padding == Default::default() { " — no padding".to_string() } else { format!(" — padded to {} × {}", p.rows.padded, p.cols.padded) } }</span></figcaption>
                    <div class="scroll"><Grid testid="conv-input" caption="Input" hide_caption=true cells={cells}
                        row_labels={row_labels} col_labels={col_labels} class={classes!("input-grid")}
                        onedit={Callback::from({ let s = state.dispatcher(); move |(r, c, t)| s.dispatch(Action::EditInput(r, c, t)) })} /></div>
                    <p class="legend">if p.rows.padded > p.input.h || p.cols.padded > p.input.w { <span class="swatch pad"></span>{"padding zero "} }<span class="swatch win"></span>{"kernel window "}
                        if p.rows.dropped + p.cols.dropped > 0 { <><span class="swatch dropped"></span>{"never covered"}</> }</p>
                </figure>
                <figure class="card kernel-card">
                    <figcaption>{ format!("Kernel {} × {}", p.kh, p.kw) }</figcaption>
                    <div class="scroll"><Grid testid="conv-kernel" caption="Kernel" hide_caption=true cells={figure::kernel(&state)}
                        onedit={Callback::from({ let s = state.dispatcher(); move |(r, c, t)| s.dispatch(Action::EditKernel(r, c, t)) })} /></div>
                </figure>
                <figure class="card">
                    <figcaption>{ format!("Feature map {} × {}", p.out_h(), p.out_w()) }
                        if state.relu { <span class="muted">{" after ReLU"}</span> }</figcaption>
                    <div class="scroll"><Grid testid="conv-output" caption="Feature map" hide_caption=true cells={figure::output(&state)}
                        onselect={Callback::from({ let s = state.dispatcher(); move |(r, c)| s.dispatch(Action::SelectOutput(r, c)) })} /></div>
                    <p class="legend muted">{"Click a cell to see how it was computed."}</p>
                </figure>
            </div>
            <Stepper step={state.step} total={state.total_steps()} playing={state.playing} speed={state.speed}
                onfirst={Callback::from({ let f = d(Action::First); move |_| f() })}
                onprev={Callback::from({ let f = d(Action::Prev); move |_| f() })}
                ontoggle={Callback::from({ let f = d(Action::TogglePlay); move |_| f() })}
                onnext={Callback::from({ let f = d(Action::Next); move |_| f() })}
                onlast={Callback::from({ let f = d(Action::Last); move |_| f() })}
                onseek={Callback::from({ let s = state.dispatcher(); move |i| s.dispatch(Action::Seek(i)) })}
                onspeed={Callback::from({ let s = state.dispatcher(); move |i| s.dispatch(Action::SetSpeed(i)) })} />
            <div class="explain">
                <div class="card">
                    if let Some(t) = current { <Arithmetic trace={t} relu={state.relu} total={state.total_steps()} step={state.step} flip={g.params.flip} kw={p.kw} /> }
                </div>
                <div class="card">
                    <SizeFormula prefix="conv" rows={p.rows} cols={p.cols} />
                </div>
            </div>
        </section>
    }
}
