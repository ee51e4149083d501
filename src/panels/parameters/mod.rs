//! Panel: why convolution (`#/parameters`). Sparse interactions (which inputs an output reads,
//! which outputs an input reaches — from the conv trace's terms), parameter sharing (the same
//! f·f weights at every position, counted from the trace) and the parameter counts of a fully
//! connected neuron and a shared kernel (from the core's counting functions).

pub mod link;
pub mod state;

use crate::components::{Cell, CellContent, Grid};
use crate::panels::common::{use_linked_reducer, LinkNotes};
use state::{Action, Selection, DEMO_N};
use std::rc::Rc;
use yew::prelude::*;

/// Thousands separated by commas, as the lecture writes 10,000.
pub fn grouped(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// 10^k as a short axis label: 1, 10, 100, 1k … 100M, then 10⁹ ….
pub fn decade(k: u32) -> String {
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let unit = ["", "k", "M"];
    match k {
        0..=8 => format!("{}{}", 10u64.pow(k % 3), unit[(k / 3) as usize]),
        _ => format!("10{}", k.to_string().chars().map(|d| SUPERSCRIPT[d as usize - '0' as usize]).collect::<String>()),
    }
}

fn bar_chart(fc: u64, shared: u64) -> Html {
    let rows = [("Fully connected", "one neuron: n·n·c", fc, "bar-fc"), ("Shared kernel", "f·f·c + 1 bias", shared + 1, "bar-shared")];
    let max = fc.max(shared + 1).max(10) as f64;
    let top = max.log10().ceil().max(1.0);
    let (x0, w) = (112.0, 200.0);
    let x = |v: f64| x0 + w * (v.max(1.0).log10() / top);
    // A line at every power of ten; labels only as often as they fit (about 36 units apart).
    let label_every = (36.0 / (w / top)).ceil().max(1.0) as i32;
    let ticks = (0..=top as i32).map(|k| {
        let tx = x(10f64.powi(k));
        // Counted down from the top, so the largest decade is always labelled.
        let label = ((top as i32 - k) % label_every == 0).then(|| decade(k as u32));
        html! { <g class="tick"><line x1={tx.to_string()} x2={tx.to_string()} y1="8" y2="82" />
            if let Some(l) = label { <text x={tx.to_string()} y="96" text-anchor="middle">{ l }</text> }</g> }
    });
    let bars = rows.iter().enumerate().map(|(i, (label, formula, v, class))| {
        let y = 14 + i * 36;
        let end = x(*v as f64);
        html! {
            <g class={*class}>
                <text x="0" y={(y + 10).to_string()} class="bar-label">{ *label }</text>
                <text x="0" y={(y + 24).to_string()} class="bar-formula">{ *formula }</text>
                <rect x={x0.to_string()} y={y.to_string()} width={(end - x0).max(2.0).to_string()} height="22" rx="3" />
                <text x={(end + 4.0).min(318.0).to_string()} y={(y + 16).to_string()} class="bar-value" text-anchor={if end > 262.0 { "end" } else { "start" }}
                    dx={if end > 262.0 { "-8" } else { "0" }}>{ grouped(*v) }</text>
            </g>
        }
    });
    html! {
        <svg class="bars" viewBox="0 0 330 104" role="img" data-testid="pm-chart"
            aria-label={format!("Bar chart, logarithmic scale: fully connected {} weights, shared kernel {} parameters", grouped(fc), grouped(shared + 1))}>
            { for ticks }
            { for bars }
        </svg>
    }
}

#[function_component(ParametersPanel)]
pub fn parameters_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let k = state.good;
    let demo = &state.demo;
    let p = &demo.params;
    let (oh, ow) = (p.out_h(), p.out_w());
    let (lit_in, lit_out) = match state.selection {
        Selection::Output(r, c) => (demo.inputs_of(r, c), vec![(r, c)]),
        Selection::Input(y, x) => (vec![(y, x)], demo.outputs_of(y, x)),
    };
    let reach: Vec<Vec<usize>> = (0..DEMO_N).map(|y| (0..DEMO_N).map(|x| demo.outputs_of(y, x).len()).collect()).collect();
    let input_cells: Vec<Vec<Cell>> = (0..DEMO_N).map(|y| (0..DEMO_N).map(|x| {
        let mut c = Cell::value(reach[y][x] as f32);
        c.content = CellContent::Value { value: reach[y][x] as f32, shown: true };
        c.note = Some(format!("this input reaches {} output(s)", reach[y][x]));
        if lit_in.contains(&(y, x)) { c.classes.push(if matches!(state.selection, Selection::Input(..)) { "picked" } else { "lit" }); }
        c
    }).collect()).collect();
    let output_cells: Vec<Vec<Cell>> = (0..oh).map(|r| (0..ow).map(|c| {
        let n = demo.trace.positions[r * ow + c].terms.len() as f32;
        let mut cell = Cell::value(n);
        cell.note = Some(format!("this output reads {n} inputs"));
        if lit_out.contains(&(r, c)) { cell.classes.push(if matches!(state.selection, Selection::Output(..)) { "picked" } else { "lit" }); }
        cell
    }).collect()).collect();
    let sentence = match state.selection {
        Selection::Output(r, c) => format!("Output ({}, {}) depends on only {} of the {} inputs — the {}×{} window under it.", r + 1, c + 1, lit_in.len(), DEMO_N * DEMO_N, demo.f, demo.f),
        Selection::Input(y, x) => format!("Input ({}, {}) affects {} of the {} outputs — a corner pixel reaches fewer than a central one.", y + 1, x + 1, lit_out.len(), oh * ow),
    };
    let count = match state.selection { Selection::Output(..) => lit_in.len(), Selection::Input(..) => lit_out.len() };
    let edit = |mk: fn(String) -> Action| {
        let s = state.dispatcher();
        Callback::from(move |e: InputEvent| s.dispatch(mk(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
    };
    let field = |label: &'static str, id: &'static str, value: &str, mk: fn(String) -> Action| html! {
        <label class="field num">
            <span>{ label }</span>
            <input type="text" inputmode="numeric" value={value.to_string()} oninput={edit(mk)} data-testid={id}
                aria-invalid={state.error.is_some().then_some("true")} />
        </label>
    };
    let uses = demo.weight_uses();
    let positions = demo.trace.positions.len();
    let ff = demo.f * demo.f;

    html! {
        <section class="panel params" aria-labelledby="pm-title">
            <header class="panel-head">
                <h1 id="pm-title">{"Why convolution"}</h1>
                <p class="lede">{"Two ideas make convolution cheap. Sparse interactions: each output looks only at a small window of the input. Parameter sharing: the same few weights are used at every position. Together they need far fewer parameters than a fully connected layer."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={{ let s = state.dispatcher(); Callback::from(move |_| s.dispatch(Action::DismissNotes)) }} />
            <div class="toolbar" role="group" aria-label="Image and kernel">
                { field("Image side n", "pm-n", &state.n, Action::EditN) }
                { field("Kernel side f", "pm-f", &state.f, Action::EditF) }
                { field("Channels c", "pm-c", &state.c, Action::EditC) }
            </div>
            if let Some(e) = &state.error { <p class="alert" role="alert" data-testid="pm-input-error">{ format!("{e}. The counts still show n = {}, f = {}, c = {}.", k.n, k.f, k.c) }</p> }

            <h2 class="section-title">{"Parameters: one neuron on the whole image vs one shared kernel"}</h2>
            <div class="stage">
                <div class="card counts">
                    <p>{ format!("A fully connected neuron on an {0}×{0}×{1} image needs one weight per input value: n·n·c = {0}·{0}·{1} = ", k.n, k.c) }
                        <strong data-testid="pm-fc" data-value={k.fully_connected.to_string()}>{ grouped(k.fully_connected) }</strong>{" weights."}</p>
                    <p>{ format!("A shared {0}×{0}×{1} kernel needs f·f·c = {0}·{0}·{1} = ", k.f, k.c) }
                        <strong data-testid="pm-shared" data-value={k.shared.to_string()}>{ grouped(k.shared) }</strong>
                        { format!(" weights, plus 1 bias: {} parameters, wherever it is placed.", grouped(k.shared + 1)) }</p>
                    <p>{"That is "}<strong data-testid="pm-ratio" data-value={k.ratio.to_string()}>{ grouped(k.ratio) }</strong>{" times fewer weights (rounded down)."}</p>
                </div>
                <div class="card chart-card">
                    { bar_chart(k.fully_connected, k.shared) }
                    <p class="muted small">{"Logarithmic scale: each grid line is 10 times the one before."}</p>
                </div>
            </div>

            <h2 class="section-title">{"Sparse interactions"}</h2>
            <p>{ format!("A {0}×{0} image and a {1}×{1} kernel (no padding, stride 1). Click an output to see the only inputs it depends on; click an input to see every output it affects. The numbers count them: each input shows how many outputs it reaches, each output how many inputs it reads.", DEMO_N, demo.f) }
                if k.f > demo.f { <span class="muted">{ format!(" (The demo draws kernels up to 5×5; the counts above use f = {}.)", k.f) }</span> }</p>
            <div class="stage">
                <figure class="card">
                    <figcaption>{ format!("Input {0} × {0}", DEMO_N) }</figcaption>
                    <div class="scroll"><Grid testid="pm-input" caption="Input" hide_caption=true cells={Rc::new(input_cells)}
                        onselect={{ let s = state.dispatcher(); Callback::from(move |(r, c)| s.dispatch(Action::Select(Selection::Input(r, c)))) }} /></div>
                </figure>
                <figure class="card">
                    <figcaption>{ format!("Output {} × {}", oh, ow) }</figcaption>
                    <div class="scroll"><Grid testid="pm-output" caption="Output" hide_caption=true cells={Rc::new(output_cells)}
                        onselect={{ let s = state.dispatcher(); Callback::from(move |(r, c)| s.dispatch(Action::Select(Selection::Output(r, c)))) }} /></div>
                </figure>
            </div>
            <p class="note" role="status" data-testid="pm-sparse" data-value={count.to_string()}>{ sentence }</p>

            <h2 class="section-title">{"Parameter sharing"}</h2>
            <p data-testid="pm-sharing" data-value={uses.to_string()}>
                { format!("In this demo the kernel sits at {positions} positions and does {ff} multiplications at each: {uses} uses of a weight in all — but they are the same {ff} weights every time. A layer that gave every position its own {ff} weights would need {uses}.") }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decade_labels_are_short() {
        let labels: Vec<String> = (0..=11).map(super::decade).collect();
        assert_eq!(labels, ["1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M", "10⁹", "10¹⁰", "10¹¹"]);
    }
}
