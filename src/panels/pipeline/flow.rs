//! The stage cards of the flow: every tensor the core computed, as grids (vectors as one-column
//! tables), the current stage's chosen cell marked and the cells it was computed from framed.

use super::presets::NAMES;
use super::state::{Action, PipeState, Stage, STAGES};
use crate::cnn::Tensor;
use crate::components::{Cell, Grid};
use crate::panels::cells::{edit_cells, frame, value_cell};
use crate::text::display_number;
use std::rc::Rc;
use yew::prelude::*;

/// (channel, row, column) of a data-order index.
fn at(t: &Tensor, i: usize) -> (usize, usize, usize) {
    let s = t.shape();
    let plane = s.h * s.w;
    (i / plane, (i % plane) / s.w, i % s.w)
}

/// Where to draw a frame: (channel, top, left, height, width) in a stage's output.
type Frame = (usize, usize, usize, usize, usize);

/// The cells of the previous stage that the chosen cell was computed from, if it is a block.
fn source_frame(s: &PipeState) -> Option<(Stage, Frame)> {
    let g = &s.good;
    let cell = s.cell();
    match s.stage() {
        Stage::Conv => {
            let (_, y, x) = at(&g.conv, cell);
            Some((Stage::Input, (0, y, x, g.filters.kh, g.filters.kw)))
        }
        Stage::Relu => {
            let (k, y, x) = at(&g.relu, cell);
            Some((Stage::Conv, (k, y, x, 1, 1)))
        }
        Stage::Pool => {
            let w = &g.pool_trace.windows[cell.min(g.pool_trace.windows.len() - 1)];
            Some((Stage::Relu, (w.channel, w.top, w.left, 2, 2)))
        }
        Stage::Flatten => {
            let st = g.flat_trace.steps[cell.min(g.flat_trace.steps.len() - 1)];
            Some((Stage::Pool, (st.from.c, st.from.y, st.from.x, 1, 1)))
        }
        // Every feature feeds every score; every score feeds every probability.
        Stage::Dense => Some((Stage::Flatten, (0, 0, 0, g.flat.len(), 1))),
        Stage::Softmax => Some((Stage::Dense, (0, 0, 0, g.logits.len(), 1))),
        // The loss reads one probability: the true class's.
        Stage::Loss => Some((Stage::Softmax, (0, g.label, 0, 1, 1))),
        Stage::Input => None,
    }
}

/// One channel of a computed tensor as value cells (clickable through the grid).
fn map_cells(s: &PipeState, stage: Stage, t: &Tensor, c: usize, frame_at: Option<Frame>) -> Rc<Vec<Vec<Cell>>> {
    let sh = t.shape();
    let all = t.data();
    let chosen = (s.stage() == stage).then(|| s.cell());
    let rows = (0..sh.h)
        .map(|y| {
            (0..sh.w)
                .map(|x| {
                    let v = t.get(c, y, x);
                    let mut cell = value_cell(v, true, all);
                    if chosen == Some((c * sh.h + y) * sh.w + x) {
                        cell.classes.push("current");
                    }
                    if let Some((_, top, left, h, w)) = frame_at.filter(|f| f.0 == c) {
                        frame(&mut cell, y, x, top, left, h, w);
                    }
                    cell
                })
                .collect()
        })
        .collect();
    Rc::new(rows)
}

/// A vector as a one-column grid.
fn vector_cells(s: &PipeState, stage: Stage, v: &[f32], frame_at: Option<Frame>) -> Rc<Vec<Vec<Cell>>> {
    let chosen = (s.stage() == stage).then(|| s.cell());
    Rc::new(
        v.iter()
            .enumerate()
            .map(|(i, &x)| {
                let mut cell = value_cell(x, true, v);
                if chosen == Some(i) {
                    cell.classes.push("current");
                }
                if let Some((_, top, _, h, _)) = frame_at {
                    frame(&mut cell, i, 0, top, 0, h, 1);
                }
                vec![cell]
            })
            .collect(),
    )
}

fn labels(v: impl IntoIterator<Item = String>) -> Rc<Vec<String>> {
    Rc::new(v.into_iter().collect())
}

#[derive(Properties, PartialEq)]
pub struct FlowProps {
    pub state: Rc<PipeState>,
    pub dispatch: Callback<Action>,
}

#[function_component(Flow)]
pub fn flow(p: &FlowProps) -> Html {
    let s = &p.state;
    let g = &s.good;
    let here = s.play.step;
    let frame_in = source_frame(s);
    let frame_for = |st: Stage| frame_in.filter(|(fs, _)| *fs == st).map(|(_, f)| f);
    let flow_ref = use_node_ref();
    {
        // Keep the current stage in view when the flow scrolls sideways (desktop).
        let flow_ref = flow_ref.clone();
        use_effect_with(here, move |_| {
            use wasm_bindgen::JsCast;
            if let Some(flow) = flow_ref.cast::<web_sys::HtmlElement>() {
                if let Some(card) = flow.query_selector(".pipe-stage.is-current").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let (fw, cw) = (flow.client_width(), card.offset_width());
                    if flow.scroll_width() > fw {
                        flow.set_scroll_left((card.offset_left() - (fw - cw) / 2).max(0));
                    }
                }
            }
        });
    }
    // A click on a cell of channel `c` of a stage with `h`×`w` maps.
    let pick = |stage: Stage, c: usize, h: usize, w: usize| {
        let d = p.dispatch.clone();
        Callback::from(move |(r, x): (usize, usize)| d.emit(Action::SelectCell(stage.index(), (c * h + r) * w + x)))
    };
    let pick_vec = |stage: Stage| {
        let d = p.dispatch.clone();
        Callback::from(move |(r, _): (usize, usize)| d.emit(Action::SelectCell(stage.index(), r)))
    };
    let maps = |stage: Stage, t: &Tensor, what: &str| {
        let sh = t.shape();
        html! {
            <div class="pipe-maps">
            { for (0..sh.c).map(|c| html! {
                <div class="pipe-map">
                    <p class="channel-label">{ format!("{what} {}", c + 1) }</p>
                    <Grid testid={format!("pipe-{}-{}", stage.key(), c + 1)} caption={format!("{} map {}", stage.title(), c + 1)} hide_caption=true
                        cells={map_cells(s, stage, t, c, frame_for(stage))} onselect={pick(stage, c, sh.h, sh.w)} />
                </div>
            }) }
            </div>
        }
    };
    let body = |stage: Stage| -> Html {
        match stage {
            Stage::Input => {
                let mut cells = edit_cells(&s.input, g.input.data());
                if let Some((_, top, left, h, w)) = frame_for(Stage::Input) {
                    for (y, row) in cells.iter_mut().enumerate() {
                        for (x, cell) in row.iter_mut().enumerate() {
                            frame(cell, y, x, top, left, h, w);
                        }
                    }
                }
                let d = p.dispatch.clone();
                html! {
                    <Grid testid="pipe-input" caption="Input image" hide_caption=true cells={Rc::new(cells)}
                        onedit={Callback::from(move |(r, c, t)| d.emit(Action::EditInput(r, c, t)))} />
                }
            }
            Stage::Conv => {
                let sh = g.conv.shape();
                html! {
                    <div class="pipe-maps">
                    { for (0..sh.c).map(|k| {
                        let d = p.dispatch.clone();
                        let kg = &s.kernels[k];
                        html! {
                            <div class="pipe-filter">
                                <div class="pipe-map">
                                    <p class="channel-label">{ format!("filter {}", k + 1) }</p>
                                    <Grid testid={format!("pipe-kernel-{}", k + 1)} caption={format!("Filter {}", k + 1)} hide_caption=true class="pipe-kernel"
                                        cells={Rc::new(edit_cells(kg, g.filters.data()))}
                                        onedit={Callback::from(move |(r, c, t)| d.emit(Action::EditKernel(k, r, c, t)))} />
                                </div>
                                <span class="pipe-arrow" aria-hidden="true">{"→"}</span>
                                <div class="pipe-map">
                                    <p class="channel-label">{ format!("map {}", k + 1) }</p>
                                    <Grid testid={format!("pipe-conv-{}", k + 1)} caption={format!("Convolution map {}", k + 1)} hide_caption=true
                                        cells={map_cells(s, Stage::Conv, &g.conv, k, frame_for(Stage::Conv))} onselect={pick(Stage::Conv, k, sh.h, sh.w)} />
                                </div>
                            </div>
                        }
                    }) }
                    </div>
                }
            }
            Stage::Relu => maps(Stage::Relu, &g.relu, "map"),
            Stage::Pool => maps(Stage::Pool, &g.pool, "map"),
            Stage::Flatten => html! {
                <Grid testid="pipe-flatten" caption="Flattened vector" hide_caption=true class="pipe-vec"
                    cells={vector_cells(s, Stage::Flatten, &g.flat, frame_for(Stage::Flatten))} col_labels={labels(["x".to_string()])}
                    onselect={pick_vec(Stage::Flatten)} />
            },
            Stage::Dense => html! {
                <Grid testid="pipe-dense" caption="Scores (logits)" hide_caption=true class="pipe-vec"
                    cells={vector_cells(s, Stage::Dense, &g.logits, frame_for(Stage::Dense))} col_labels={labels(["z".to_string()])}
                    row_labels={labels(NAMES.iter().map(|n| n.to_string()))} onselect={pick_vec(Stage::Dense)} />
            },
            Stage::Softmax => {
                let top = g.probs.iter().enumerate().fold(0, |b, (i, &q)| if q > g.probs[b] { i } else { b });
                html! {
                    <>
                        <Grid testid="pipe-softmax" caption="Probabilities" hide_caption=true class="pipe-vec"
                            cells={vector_cells(s, Stage::Softmax, &g.probs, frame_for(Stage::Softmax))} col_labels={labels(["p".to_string()])}
                            row_labels={labels(NAMES.iter().map(|n| n.to_string()))} onselect={pick_vec(Stage::Softmax)} />
                        <p class="pipe-guess" data-testid="pipe-prediction" data-value={NAMES[top]}>{"guess: "}<strong>{ NAMES[top] }</strong></p>
                    </>
                }
            }
            Stage::Loss => {
                let cells: Vec<Vec<Cell>> = g.target.iter().enumerate().map(|(i, &y)| {
                    let mut c = value_cell(y, true, &g.target);
                    if s.stage() == Stage::Loss && i == s.cell() {
                        c.classes.push("current");
                    }
                    vec![c]
                }).collect();
                html! {
                    <>
                        <p class="channel-label">{"one-hot target"}</p>
                        <Grid testid="pipe-target" caption="One-hot target" hide_caption=true class="pipe-vec" cells={Rc::new(cells)}
                            col_labels={labels(["y".to_string()])} row_labels={labels(NAMES.iter().map(|n| n.to_string()))}
                            onselect={pick_vec(Stage::Loss)} />
                        <p class="pipe-loss">{"L = "}<strong data-testid="pipe-loss" data-value={crate::text::machine_number(g.loss)}>{ display_number(g.loss) }</strong>{" bits"}</p>
                    </>
                }
            }
        }
    };
    html! {
        <ol class="pipe-flow" ref={flow_ref} aria-label="The network, stage by stage" data-testid="pipe-flow">
        { for STAGES.iter().enumerate().map(|(i, &stage)| {
            let state_class = if i == here { "is-current" } else if i > here { "is-later" } else { "is-done" };
            let d = p.dispatch.clone();
            let (h, w, c) = g.shape(stage);
            let shape_text = match stage {
                Stage::Flatten | Stage::Dense | Stage::Softmax => format!("{h}"),
                Stage::Loss => "1 number".into(),
                _ => format!("{h}×{w}×{c}"),
            };
            html! {
                <li class={classes!("pipe-stage", state_class)} data-testid={format!("pipe-stage-{}", stage.key())} aria-current={(i == here).then_some("step")}>
                    <button type="button" class="pipe-head" aria-pressed={(i == here).to_string()} data-testid={format!("pipe-open-{}", stage.key())}
                        onclick={Callback::from(move |_| d.emit(Action::SelectStage(i)))}>
                        <span class="pipe-num">{ i + 1 }</span>
                        <span class="pipe-name">{ stage.title() }</span>
                        <span class="pipe-shape" data-testid={format!("pipe-shape-{}", stage.key())} data-value={g.shape_key(stage)}>{ shape_text }</span>
                    </button>
                    <div class="pipe-body">{ body(stage) }</div>
                </li>
            }
        }) }
        </ol>
    }
}
