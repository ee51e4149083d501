//! The block diagram: one box per shape-changing top-level layer, left to right, drawn as
//! inline SVG. A box's height grows with log₂ of its output side and its width with log₂ of
//! its channels, so the funnel from a wide, thin image to a narrow, deep stack is visible.
//! An inception module is a frame with its branches as parallel lanes; a residual block is a
//! frame with its main path inside and the shortcut as an arc over it into ⊕.

use super::state::{flat_specs, Action, ArchState};
use super::table::shape_text;
use crate::cnn::arch::{LayerOp, LayerRow, LayerSpec};
use crate::cnn::{CnnError, Shape};
use yew::prelude::*;

const TOP: f64 = 28.0;
const GAP: f64 = 10.0;
const CHAR: f64 = 6.6;
const BLOCK_PAD: f64 = 4.0;

/// Box height for an output side (log₂ scale).
pub fn box_height(side: usize) -> f64 {
    8.0 + 11.0 * (side.max(1) as f64).log2()
}

/// Box width for a channel count (log₂ scale).
pub fn box_width(channels: usize) -> f64 {
    5.0 + 4.0 * (channels.max(1) as f64).log2()
}

fn class_of(op: &LayerOp) -> &'static str {
    match op {
        LayerOp::Conv { .. } => "k-conv",
        LayerOp::Pool { .. } | LayerOp::GlobalAvgPool | LayerOp::AdaptiveAvgPool { .. } => "k-pool",
        LayerOp::Dense { .. } => "k-dense",
        _ => "k-other",
    }
}

/// Layers drawn: those that change the shape or hold weights (not activations, dropout,
/// normalisation).
fn drawn(op: &LayerOp) -> bool {
    !matches!(op, LayerOp::Relu | LayerOp::Tanh | LayerOp::Dropout | LayerOp::LocalResponseNorm | LayerOp::BatchNorm)
}

#[derive(Debug, Clone, PartialEq)]
struct Mini {
    w: f64,
    h: f64,
    class: &'static str,
    name: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Inner {
    Plain,
    Lanes(Vec<Vec<Mini>>),
    Residual { main: Vec<Mini>, projection: bool },
}

#[derive(Debug, Clone, PartialEq)]
struct Item {
    name: String,
    title: String,
    shape: Option<Shape>,
    status: &'static str,
    class: &'static str,
    w: f64,
    h: f64,
    inner: Inner,
    selected: bool,
}

fn status_of(row: &LayerRow) -> &'static str {
    match &row.output {
        Ok(_) => "ok",
        Err(CnnError::UpstreamFailed { failed }) if row.is_block && failed.starts_with(&format!("{}.", row.name)) => "collapsed",
        Err(CnnError::UpstreamFailed { .. }) => "not-computable",
        Err(_) => "collapsed",
    }
}

/// The mini boxes of one path inside a block: its convolutions and pools.
fn minis(rows: &[(&LayerRow, &LayerSpec)], scale: f64, lane: Option<f64>) -> Vec<Mini> {
    rows.iter()
        .filter(|(_, l)| matches!(l.op, LayerOp::Conv { .. } | LayerOp::Pool { .. }))
        .map(|(r, l)| {
            let (w, h) = match &r.output {
                Ok(o) => (box_width(o.c) * scale, lane.unwrap_or(box_height(o.h) * 0.85)),
                Err(_) => (8.0, lane.unwrap_or(16.0)),
            };
            Mini { w: w.max(3.0), h: h.max(3.0), class: if r.output.is_ok() { class_of(&l.op) } else { "k-fail" }, name: r.name.clone() }
        })
        .collect()
}

fn items(s: &ArchState) -> Vec<Item> {
    let rows = &s.table.rows;
    let specs = flat_specs(&s.arch.layers);
    let input = s.table.input;
    let mut out = vec![Item {
        name: "input".into(),
        title: format!("input {}", shape_text(&input).0),
        shape: Some(input),
        status: "ok",
        class: "k-input",
        w: box_width(input.c),
        h: box_height(input.h),
        inner: Inner::Plain,
        selected: false,
    }];
    let selected = s.selected.as_deref().unwrap_or("");
    for (i, (row, spec)) in rows.iter().zip(specs.iter()).enumerate() {
        if row.depth != 0 || !drawn(&spec.op) {
            continue;
        }
        let status = status_of(row);
        let shape = row.output.as_ref().ok().copied();
        let (mut w, mut h) = shape.map_or((22.0, 30.0), |o| (box_width(o.c), box_height(o.h)));
        let inside: Vec<(&LayerRow, &LayerSpec)> =
            rows[i + 1..].iter().zip(specs[i + 1..].iter().copied()).take_while(|(r, _)| r.depth > 0).collect();
        let inner = match &spec.op {
            LayerOp::Inception { branches } => {
                let n = branches.len().max(1) as f64;
                h = h.max(6.0 * n + 2.0 * BLOCK_PAD);
                let lane_h = ((h - 2.0 * BLOCK_PAD - 2.0 * (n - 1.0)) / n).max(3.0);
                let lanes: Vec<Vec<Mini>> = (1..=branches.len())
                    .map(|b| {
                        let g = format!("branch {b}");
                        let path: Vec<(&LayerRow, &LayerSpec)> =
                            inside.iter().copied().filter(|(r, _)| r.depth == 1 && r.group.as_deref() == Some(g.as_str())).collect();
                        minis(&path, 0.55, Some(lane_h))
                    })
                    .collect();
                let widest = lanes.iter().map(|l| l.iter().map(|m| m.w + 2.0).sum::<f64>()).fold(0.0, f64::max);
                w = widest + 2.0 * BLOCK_PAD + 6.0;
                Inner::Lanes(lanes)
            }
            LayerOp::Residual { shortcut, .. } => {
                let path: Vec<(&LayerRow, &LayerSpec)> =
                    inside.iter().copied().filter(|(r, _)| r.depth == 1 && r.group.as_deref() == Some("main")).collect();
                let main = minis(&path, 0.6, None);
                w = main.iter().map(|m| m.w + 3.0).sum::<f64>() + 2.0 * BLOCK_PAD - 3.0;
                h = main.iter().map(|m| m.h).fold(h * 0.6, f64::max) + 2.0 * BLOCK_PAD;
                Inner::Residual { main, projection: !shortcut.is_empty() }
            }
            _ => Inner::Plain,
        };
        let sel = selected == row.name || selected.starts_with(&format!("{}.", row.name));
        let shape_label = shape.map_or_else(|| if status == "collapsed" { "collapses".to_string() } else { "?".to_string() }, |o| shape_text(&o).0);
        out.push(Item {
            name: row.name.clone(),
            title: format!("{}: {} → {}", row.name, row.description, shape_label),
            shape,
            status,
            class: match status {
                "collapsed" => "k-fail",
                "not-computable" => "k-na",
                _ if row.is_block => "k-block",
                _ => class_of(&spec.op),
            },
            w: w.max(4.0),
            h: h.max(4.0),
            inner,
            selected: sel,
        });
    }
    out
}

fn label(item: &Item) -> String {
    match (item.shape, item.status) {
        (Some(o), _) => shape_text(&o).0,
        (None, "collapsed") => "collapses".into(),
        _ => "?".into(),
    }
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn draw_inner(item: &Item, x: f64, top: f64) -> Html {
    match &item.inner {
        Inner::Plain => html! {},
        Inner::Lanes(lanes) => {
            let n = lanes.len().max(1) as f64;
            let lane_h = ((item.h - 2.0 * BLOCK_PAD - 2.0 * (n - 1.0)) / n).max(3.0);
            let mut parts = Vec::new();
            for (li, lane) in lanes.iter().enumerate() {
                let y = top + BLOCK_PAD + li as f64 * (lane_h + 2.0);
                let mut cx = x + BLOCK_PAD;
                for m in lane {
                    parts.push(html! { <rect class={classes!("ad-mini", m.class)} x={f(cx)} y={f(y)} width={f(m.w)} height={f(lane_h)} rx="1"><title>{ m.name.clone() }</title></rect> });
                    cx += m.w + 2.0;
                }
            }
            // The concatenation: a bar on the right edge that every lane runs into.
            let bx = x + item.w - BLOCK_PAD - 3.0;
            parts.push(html! { <rect class="ad-concat" x={f(bx)} y={f(top + BLOCK_PAD)} width="3" height={f(item.h - 2.0 * BLOCK_PAD)} /> });
            html! { <>{ for parts }</> }
        }
        Inner::Residual { main, projection } => {
            let mid = top + item.h / 2.0;
            let mut cx = x + BLOCK_PAD;
            let mut parts = Vec::new();
            for m in main {
                parts.push(html! { <rect class={classes!("ad-mini", m.class)} x={f(cx)} y={f(mid - m.h / 2.0)} width={f(m.w)} height={f(m.h)} rx="1"><title>{ m.name.clone() }</title></rect> });
                cx += m.w + 3.0;
            }
            let (x0, x1) = (x + 2.0, x + item.w - 2.0);
            let arc = format!("M{} {} C{} {} {} {} {} {}", f(x0), f(top), f(x0), f(top - 22.0), f(x1), f(top - 22.0), f(x1), f(top - 5.0));
            let xm = (x0 + x1) / 2.0;
            parts.push(html! { <path class={classes!("ad-skip", (!projection).then_some("identity"))} d={arc} /> });
            if *projection {
                parts.push(html! { <rect class="ad-proj" x={f(xm - 3.5)} y={f(top - 20.0)} width="7" height="7"><title>{"1×1 projection shortcut"}</title></rect> });
            }
            parts.push(html! { <g class="ad-plus"><circle cx={f(x1)} cy={f(top)} r="5" /><path d={format!("M{} {} h6 M{} {} v6", f(x1 - 3.0), f(top), f(x1), f(top - 3.0))} /></g> });
            html! { <>{ for parts }</> }
        }
    }
}

/// Labels run down to the right at this angle (degrees), so neighbours never overlap.
const LABEL_ANGLE: f64 = 38.0;

pub fn diagram(s: &ArchState, dispatch: &UseReducerDispatcher<ArchState>) -> Html {
    let items = items(s);
    let max_h = items.iter().map(|i| i.h).fold(20.0, f64::max);
    let mid = TOP + max_h / 2.0;
    let label_y = TOP + max_h + 10.0;
    let (sin, cos) = LABEL_ANGLE.to_radians().sin_cos();
    let label_len = |i: &Item| (i.name.chars().count() + label(i).chars().count() + 2) as f64 * CHAR;
    let longest = items.iter().map(label_len).fold(0.0, f64::max);
    let height = label_y + longest * sin + 14.0;
    let mut x = 6.0;
    let mut prev_right: Option<f64> = None;
    let mut parts = Vec::new();
    let mut connectors = Vec::new();
    let mut right = 0.0f64;
    for item in &items {
        let slot = item.w.max(16.0);
        let bx = x + (slot - item.w) / 2.0;
        let top = mid - item.h / 2.0;
        if let Some(pr) = prev_right {
            connectors.push(html! { <line class="ad-flow" x1={f(pr)} y1={f(mid)} x2={f(bx)} y2={f(mid)} /> });
        }
        prev_right = Some(bx + item.w);
        let cx = x + slot / 2.0;
        right = right.max(cx + label_len(item) * cos);
        let onclick = (item.name != "input").then(|| {
            let d = dispatch.clone();
            let name = item.name.clone();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::Select(name.clone())))
        });
        parts.push(html! {
            <g class={classes!("ad-item", item.status, item.selected.then_some("sel"), onclick.is_some().then_some("clickable"))}
                data-diagram-layer={item.name.clone()} data-status={item.status} onclick={onclick}>
                <title>{ item.title.clone() }</title>
                <rect class={classes!("ad-box", item.class)} x={f(bx)} y={f(top)} width={f(item.w)} height={f(item.h)} rx="2" />
                { draw_inner(item, bx, top) }
                if item.status == "collapsed" {
                    <path class="ad-cross" d={format!("M{} {} L{} {} M{} {} L{} {}", f(bx), f(top), f(bx + item.w), f(top + item.h), f(bx + item.w), f(top), f(bx), f(top + item.h))} />
                }
                <text class="ad-label" x={f(cx - 3.0)} y={f(label_y)} transform={format!("rotate({LABEL_ANGLE} {} {})", f(cx - 3.0), f(label_y))}>
                    <tspan class="ad-name">{ item.name.clone() }</tspan>
                    <tspan class={classes!("ad-shape", item.status)} dx="6">{ label(item) }</tspan>
                </text>
            </g>
        });
        x += slot + GAP;
    }
    let width = right.max(x) + 6.0;
    let summary = format!(
        "Block diagram of {}: {} boxes from the {} input to the {} output.",
        s.arch.name,
        items.len(),
        shape_text(&s.table.input).0,
        s.table.output.as_ref().map(|o| shape_text(o).0).unwrap_or_else(|_| "(not computable)".into())
    );
    html! {
        <svg class="arch-svg" data-testid="arch-diagram" role="img" aria-label={summary} viewBox={format!("0 0 {} {}", f(width), f(height))}
            width={f(width)} height={f(height)}
            style={format!("min-width:{}px;max-width:{}px", f(width * 0.8), f(width * 1.15))}>
            { for connectors }
            { for parts }
        </svg>
    }
}
