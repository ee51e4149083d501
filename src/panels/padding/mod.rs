//! Panel: the padding & stride explorer (`#/padding`). n, f, p and s are chosen; the core's
//! plan gives the padded input, every kernel position (from a traced convolution), the
//! output size and the cells the floor drops; valid and same are shown side by side.

pub mod link;
pub mod state;

use crate::components::{Cell, CellContent, Grid, SizeFormula};
use crate::panels::cells::frame;
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::convolution::state::{PadChoice, MAX_PAD};
use crate::panels::stepping::{use_stepping, StepAction, StepControls};
use state::{Action, Plan, LECTURE_CASES, MAX_F, MAX_N, MAX_STRIDE};
use std::rc::Rc;
use yew::prelude::*;

/// The padded input: each cell shows how many kernel positions cover it.
fn coverage_grid(plan: &Plan, current: Option<(usize, usize)>) -> (Rc<Vec<Vec<Cell>>>, Rc<Vec<String>>) {
    let p = &plan.params;
    let (pt, pl) = (p.padding.top, p.padding.left);
    let cov = plan.coverage();
    let (ch, cw) = (p.rows.padded - p.rows.dropped, p.cols.padded - p.cols.dropped);
    let cells = cov
        .iter()
        .enumerate()
        .map(|(y, row)| {
            row.iter()
                .enumerate()
                .map(|(x, &k)| {
                    let inside = y >= pt && x >= pl && y - pt < plan.n && x - pl < plan.n;
                    let mut cell = Cell { content: CellContent::Fixed { value: k as f32 }, classes: classes!(), tint: None, note: None };
                    if !inside {
                        cell.classes.push("pad");
                        cell.note = Some(format!("padding zero, under {k} window(s)"));
                    } else {
                        cell.note = Some(format!("input cell under {k} window(s)"));
                    }
                    if y >= ch || x >= cw {
                        cell.classes.push("dropped");
                        cell.note = Some("never covered: the floor in the output-size formula drops it".into());
                    }
                    if let Some((top, left)) = current {
                        frame(&mut cell, y, x, top, left, p.kh, p.kw);
                    }
                    cell
                })
                .collect()
        })
        .collect();
    let labels = (0..p.rows.padded.max(p.cols.padded)).map(|i| if i >= pt && i - pt < plan.n { (i - pt + 1).to_string() } else { "p".into() }).collect();
    (Rc::new(cells), Rc::new(labels))
}

/// One kernel position as a tiny picture of the padded input.
fn thumb(plan: &Plan, i: usize, current: bool, onclick: Callback<MouseEvent>) -> Html {
    let p = &plan.params;
    let t = &plan.trace.positions[i];
    let u = 7;
    let (h, w) = (p.rows.padded, p.cols.padded);
    let (pt, pl) = (p.padding.top, p.padding.left);
    let mut rects = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let inside = y >= pt && x >= pl && y - pt < plan.n && x - pl < plan.n;
            let dropped = y >= h - p.rows.dropped || x >= w - p.cols.dropped;
            let class = if dropped { "t-drop" } else if inside { "t-in" } else { "t-pad" };
            rects.push(html! { <rect class={class} x={(x * u).to_string()} y={(y * u).to_string()} width={(u - 1).to_string()} height={(u - 1).to_string()} /> });
        }
    }
    html! {
        <button type="button" class={classes!("thumb", current.then_some("current"))} onclick={onclick}
            aria-label={format!("Kernel position {}: output row {}, column {}", i + 1, t.out_y + 1, t.out_x + 1)} aria-pressed={current.to_string()}>
            <svg viewBox={format!("-1 -1 {} {}", w * u + 1, h * u + 1)} width={(w * u + 1).to_string()} height={(h * u + 1).to_string()} aria-hidden="true">
                { for rects }
                <rect class="t-win" x={(t.left * u).to_string()} y={(t.top * u).to_string()} width={(p.kw * u - 1).to_string()} height={(p.kh * u - 1).to_string()} />
            </svg>
            <span>{ format!("({}, {})", t.out_y + 1, t.out_x + 1) }</span>
        </button>
    }
}

fn side(title: &str, id: &str, r: &Result<Rc<Plan>, String>) -> Html {
    html! {
        <div class="card compare-card" data-testid={format!("pad-{id}")}>
            <h3>{ title }</h3>
            { match r {
                Ok(plan) => { let p = &plan.params; html! { <>
                    <p>{ format!("p = {}{}: padded {} × {}", p.padding.top, if p.padding.top != p.padding.bottom { format!(" before, {} after", p.padding.bottom) } else { String::new() }, p.rows.padded, p.cols.padded) }</p>
                    <p>{"Output "}<strong data-testid={format!("pad-{id}-size")} data-value={format!("{}x{}", p.out_h(), p.out_w())}>{ format!("{} × {}", p.out_h(), p.out_w()) }</strong></p>
                </> } }
                Err(e) => html! { <p class="muted">{ format!("Impossible here: {e}") }</p> },
            } }
        </div>
    }
}

#[function_component(PaddingPanel)]
pub fn padding_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    use_stepping(state.play, {
        let s = state.dispatcher();
        Callback::from(move |a| s.dispatch(Action::Step(a)))
    });
    let g = &state.good;
    let p = &g.params;
    let step = state.play.step;
    let current = g.trace.positions.get(step).map(|t| (t.top, t.left));
    let (cells, labels) = coverage_grid(g, current);
    let slider = |label: &'static str, id: &'static str, value: usize, max: usize, mk: fn(usize) -> Action| {
        let s = state.dispatcher();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Ok(v) = e.target_unchecked_into::<web_sys::HtmlInputElement>().value().parse::<usize>() {
                s.dispatch(mk(v));
            }
        });
        html! {
            <label class="field slider">
                <span>{ label }{" = "}<strong>{ value }</strong></span>
                <input type="range" min="1" max={max.to_string()} value={value.to_string()} oninput={oninput} data-testid={id} />
            </label>
        }
    };
    let mut pad_options = vec![("valid".to_string(), "valid (p = 0)".to_string())];
    pad_options.extend((1..=MAX_PAD).map(|p| (p.to_string(), format!("p = {p}"))));
    pad_options.push(("same".into(), "same".into()));
    let onpad = {
        let s = state.dispatcher();
        Callback::from(move |v: String| if let Ok(p) = PadChoice::parse(&v) { s.dispatch(Action::SetPadding(p)) })
    };
    let npos = g.trace.positions.len();
    let shown = npos.min(64);
    let thumbs = (0..shown).map(|i| {
        let s = state.dispatcher();
        thumb(g, i, i == step, Callback::from(move |_| s.dispatch(Action::Step(StepAction::Seek(i)))))
    });
    let table = LECTURE_CASES.iter().enumerate().map(|(i, &(what, n, f, pad, st))| {
        let r = state::plan(n, f, pad, st);
        let s = state.dispatcher();
        let (padded, out) = match &r {
            Ok(pl) => (format!("{} × {}", pl.params.rows.padded, pl.params.cols.padded), format!("{} × {}", pl.params.out_h(), pl.params.out_w())),
            Err(e) => ("—".into(), e.to_string()),
        };
        html! {
            <tr>
                <th scope="row">{ what }</th>
                <td>{ format!("{n} × {n}") }</td><td>{ format!("{f} × {f}") }</td><td>{ pad.key() }</td><td>{ st }</td>
                <td>{ padded }</td>
                <td data-testid={format!("pad-case-{i}")} data-value={r.as_ref().map(|pl| format!("{}x{}", pl.params.out_h(), pl.params.out_w())).unwrap_or_default()}>{ out }</td>
                <td><button type="button" class="small" onclick={Callback::from(move |_| s.dispatch(Action::Load(n, f, pad, st)))}>{"Show"}</button></td>
            </tr>
        }
    });
    let error = state.error.clone().map(|e| format!("No output for n = {}, f = {}, padding {}, stride {}: {e}. The figure still shows the last setting that worked.", state.n, state.f, state.padding.key(), state.stride));

    html! {
        <section class="panel pad-panel" aria-labelledby="pad-title">
            <header class="panel-head">
                <h1 id="pad-title">{"Padding and stride"}</h1>
                <p class="lede">{"Choose the image side n, the kernel side f, the padding p and the stride s. The grid is the padded input; each cell says how many kernel positions cover it. Border cells are covered less often than the middle — that is what padding is for — and when the stride does not fit, the floor drops the last cells."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={{ let s = state.dispatcher(); Callback::from(move |_| s.dispatch(Action::DismissNotes)) }} />
            <div class="toolbar" role="group" aria-label="Settings">
                { slider("n", "pad-n", state.n, MAX_N, Action::SetN) }
                { slider("f", "pad-f", state.f, MAX_F, Action::SetF) }
                <Select label="Padding" value={state.padding.key()} options={pad_options} onchange={onpad} testid="pad-padding" />
                { slider("s", "pad-stride", state.stride, MAX_STRIDE, Action::SetStride) }
            </div>
            if let Some(e) = error { <p class="alert" role="alert" data-testid="pad-shape-error">{ e }</p> }
            <div class="stage">
                <figure class="card">
                    <figcaption>{ format!("Input {0} × {0}", g.n) }<span class="muted">{ if p.rows.padded > g.n { format!(" — padded to {} × {}", p.rows.padded, p.cols.padded) } else { " — no padding".into() } }</span></figcaption>
                    <div class="scroll"><Grid testid="pad-grid" caption="Padded input: windows covering each cell" hide_caption=true cells={cells} row_labels={labels.clone()} col_labels={labels} /></div>
                    <p class="legend"><span class="swatch pad"></span>{" padding zero "}<span class="swatch win"></span>{" kernel window "}
                        if p.rows.dropped + p.cols.dropped > 0 { <><span class="swatch dropped"></span>{" never covered"}</> }</p>
                </figure>
                <div class="card">
                    <SizeFormula prefix="pad" rows={p.rows} cols={p.cols} />
                </div>
            </div>
            <StepControls playhead={state.play} total={state.total_steps()} unit="position"
                onstep={{ let s = state.dispatcher(); Callback::from(move |a: StepAction| s.dispatch(Action::Step(a))) }} />
            <h2 class="section-title">{ format!("All {npos} kernel positions") }</h2>
            <div class="thumbs" data-testid="pad-positions" data-value={npos.to_string()}>{ for thumbs }</div>
            if npos > shown { <p class="muted">{ format!("(the first {shown} of {npos} shown)") }</p> }
            <h2 class="section-title">{ format!("Valid and same for n = {}, f = {}, s = {}", state.n, state.f, state.stride) }</h2>
            <div class="compare">
                { side("valid — no padding", "valid", &state.valid) }
                { side("same — pad so the output keeps the size", "same", &state.same) }
            </div>
            <p class="note">{"With stride 1, “same” pads p = (f − 1)/2 on each side (an even f pads one more after than before), so n + 2p − f + 1 = n. With a larger stride the output is about n / s instead: “same” only promises that, not equal sizes."}</p>
            <h2 class="section-title">{"The lecture's cases"}</h2>
            <div class="scroll-x">
            <table class="grid compact cases" data-testid="pad-cases">
                <caption class="sr-only">{"The lecture's cases, computed"}</caption>
                <thead><tr><th scope="col">{"case"}</th><th scope="col">{"n"}</th><th scope="col">{"f"}</th><th scope="col">{"padding"}</th><th scope="col">{"s"}</th><th scope="col">{"padded"}</th><th scope="col">{"output"}</th><th scope="col"><span class="sr-only">{"load"}</span></th></tr></thead>
                <tbody>{ for table }</tbody>
            </table>
            </div>
            <div class="note correction" data-testid="pad-correction">
                <p><strong>{"A word on “valid” and “same”. "}</strong>{"The lecture calls padding a 5×5 image to 7×7 “valid zero padding”, then says it is “also called same padding”. The second name is the right one. In TensorFlow, Keras and PyTorch, "}
                    <em>{"valid"}</em>{" means no padding at all: the kernel visits only positions where it fits inside the image, so 5×5 with a 3×3 kernel gives 3×3. "}
                    <em>{"Same"}</em>{" means padding just enough zeros — here one ring, 5×5 → 7×7 — that the output keeps the input's size, 5×5."}</p>
            </div>
        </section>
    }
}
