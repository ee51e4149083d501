//! The arithmetic of one cell of the current stage, rendered from that stage's trace, and the
//! link that opens the stage's own panel on the same numbers (built with that panel's keys).

use super::presets::NAMES;
use super::state::{Computed, Stage};
use crate::cnn::{Tensor, WindowResult};
use crate::link::{format_matrix, Link, LINK_VERSION};
use crate::panels::vector_text::vector_link;
use crate::text::{display_number, factor, machine_number};
use yew::prelude::*;

fn link(route: &str, pairs: &[(&str, String)]) -> Link {
    let mut l = Link { route: format!("/{route}"), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    for (k, v) in pairs {
        l.push(k, v.clone());
    }
    l
}

fn kernel_text(g: &Computed, k: usize) -> String {
    let f = &g.filters;
    let rows: Vec<Vec<f32>> = (0..f.kh).map(|y| (0..f.kw).map(|x| f.get(k, 0, y, x)).collect()).collect();
    format_matrix(&rows)
}

fn plane(t: &Tensor, c: usize) -> String {
    format_matrix(&t.plane_rows(c))
}

/// The full panel's link for a cell of a stage, and the name of that panel.
pub fn panel_link(g: &Computed, stage: Stage, cell: usize) -> (Link, &'static str) {
    let conv = |k: usize, pos: usize, relu: bool| {
        let mut pairs = vec![
            ("input", plane(&g.input, 0)),
            ("kernel", kernel_text(g, k)),
            ("bias", "0".to_string()),
            ("padding", "valid".to_string()),
            ("stride", "1".to_string()),
        ];
        if relu {
            pairs.push(("relu", "1".into()));
        }
        if pos > 0 {
            pairs.push(("step", pos.to_string()));
        }
        (link("convolution", &pairs), "Convolution")
    };
    let per_map = |t: &Tensor| t.shape().h * t.shape().w;
    match stage {
        Stage::Input => conv(0, 0, false),
        Stage::Conv => conv(cell / per_map(&g.conv), cell % per_map(&g.conv), false),
        Stage::Relu => conv(cell / per_map(&g.relu), cell % per_map(&g.relu), true),
        Stage::Pool => {
            let (c, pos) = (cell / per_map(&g.pool), cell % per_map(&g.pool));
            let mut pairs = vec![("input", plane(&g.relu, c)), ("size", "2".into()), ("stride", "2".into()), ("mode", "max".into())];
            if pos > 0 {
                pairs.push(("step", pos.to_string()));
            }
            (link("pooling", &pairs), "Pooling")
        }
        Stage::Flatten => {
            let planes: Vec<String> = (0..g.pool.shape().c).map(|c| plane(&g.pool, c)).collect();
            let mut pairs = vec![("input", planes.join("|"))];
            if cell > 0 {
                pairs.push(("step", cell.to_string()));
            }
            (link("flatten", &pairs), "Flatten")
        }
        Stage::Dense => {
            let n = g.layer.inputs();
            let rows: Vec<Vec<f32>> = g.layer.weights().chunks(n).map(<[f32]>::to_vec).collect();
            let mut pairs = vec![("input", vector_link(&g.flat)), ("weights", format_matrix(&rows)), ("bias", vector_link(g.layer.bias()))];
            if cell > 0 {
                pairs.push(("step", cell.to_string()));
            }
            (link("dense", &pairs), "Fully connected")
        }
        Stage::Softmax => (link("softmax", &[("logits", vector_link(&g.logits)), ("names", NAMES.join(","))]), "Softmax"),
        Stage::Loss => (
            link("cross-entropy", &[("target", g.label.to_string()), ("probs", vector_link(&g.probs)), ("base", "2".into())]),
            "Cross-entropy",
        ),
    }
}

fn result(v: f32) -> Html {
    html! { <strong class="result" data-testid="pipe-detail-result" data-value={machine_number(v)}>{ display_number(v) }</strong> }
}

fn op(s: &'static str) -> Html {
    html! { <span class="op">{ s }</span> }
}

/// (heading, the worked line, a sentence in words).
fn working(g: &Computed, stage: Stage, cell: usize) -> (String, Html, String) {
    let at = |t: &Tensor, i: usize| {
        let s = t.shape();
        let plane = s.h * s.w;
        (i / plane, (i % plane) / s.w, i % s.w)
    };
    match stage {
        Stage::Input => {
            let (_, y, x) = at(&g.input, cell);
            let v = g.input.data()[cell];
            (
                format!("Pixel row {}, column {}", y + 1, x + 1),
                html! { <>{ format!("pixel ({}, {}) ", y + 1, x + 1) }{ op("=") }{ result(v) }</> },
                "The network sees only numbers: here 0 is black and 1 is white. Edit a pixel and watch every later stage change.".into(),
            )
        }
        Stage::Conv => {
            let (k, y, x) = at(&g.conv, cell);
            let t = &g.conv_trace.positions[cell];
            let terms = t.terms.iter().enumerate().map(|(i, term)| html! {
                <>
                    if i > 0 { { op("+") } }
                    <span class="term"><span class="x">{ factor(term.x) }</span>{ op("·") }<span class="w">{ factor(term.w) }</span></span>
                </>
            });
            (
                format!("Filter {}, row {}, column {}", k + 1, y + 1, x + 1),
                html! { <>{ for terms }{ op("+") }<span class="bias-term" title="bias">{ factor(t.bias) }</span>{ op("=") }{ result(t.sum) }</> },
                format!(
                    "Filter {} lies on the framed 3×3 patch of the image; each pixel x is multiplied by the weight w over it and the {} products are added (the bias is 0).",
                    k + 1,
                    t.terms.len()
                ),
            )
        }
        Stage::Relu => {
            let (k, y, x) = at(&g.relu, cell);
            let st = g.relu_trace.steps[cell];
            (
                format!("Map {}, row {}, column {}", k + 1, y + 1, x + 1),
                html! { <>{ op("max(0, ") }{ display_number(st.input) }{ op(") =") }{ result(st.output) }</> },
                if st.input < 0.0 {
                    "A negative response means “not this pattern”; ReLU replaces it with 0.".into()
                } else {
                    "A response of 0 or more passes through ReLU unchanged.".into()
                },
            )
        }
        Stage::Pool => {
            let (k, y, x) = at(&g.pool, cell);
            let w = &g.pool_trace.windows[cell];
            let winner = match w.result {
                WindowResult::Max { winner, .. } => winner,
                WindowResult::Average { .. } => usize::MAX,
            };
            let items = w.cells.iter().enumerate().map(|(i, c)| html! {
                <>
                    if i > 0 { <span class="op comma">{","}</span> }
                    <span class={classes!("term", (i == winner).then_some("winner"))}>{ factor(c.value) }</span>
                </>
            });
            (
                format!("Map {}, row {}, column {}", k + 1, y + 1, x + 1),
                html! { <>{ op("max(") }{ for items }{ op(") =") }{ result(w.result.value()) }</> },
                "The 2×2 window (framed in the ReLU maps) keeps only its largest value; the map halves in each direction.".into(),
            )
        }
        Stage::Flatten => {
            let st = g.flat_trace.steps[cell];
            (
                format!("Entry {}", cell + 1),
                html! { <>{ format!("entry {} = map {}, row {}, column {} ", cell + 1, st.from.c + 1, st.from.y + 1, st.from.x + 1) }{ op("=") }{ result(st.value) }</> },
                "Flatten copies the pooled maps into one list, position by position and both maps at each position; nothing is computed.".into(),
            )
        }
        Stage::Dense => {
            let t = &g.dense_trace.outputs[cell];
            let terms = t.terms.iter().enumerate().map(|(i, term)| html! {
                <>
                    if i > 0 { { op("+") } }
                    <span class="term"><span class="x">{ factor(term.x) }</span>{ op("·") }<span class="w">{ factor(term.w) }</span></span>
                </>
            });
            (
                format!("Score of “{}”", NAMES.get(cell).unwrap_or(&"?")),
                html! { <>{ for terms }{ op("+") }<span class="bias-term" title="bias">{ factor(t.bias) }</span>{ op("=") }{ result(t.sum) }</> },
                format!("Every one of the {} features x is weighted by this class's row of W, then its bias is added.", t.terms.len()),
            )
        }
        Stage::Softmax => {
            let t = &g.softmax_trace;
            let exps = t.exps.iter().enumerate().map(|(i, &e)| html! {
                <>{ if i > 0 { op("+") } else { html! {} } }<span class="term">{ display_number(e) }</span></>
            });
            (
                format!("Probability of “{}”", NAMES.get(cell).unwrap_or(&"?")),
                html! {
                    <>
                        <span class="term">{ format!("e^({} − {})", display_number(t.logits[cell]), factor(t.max)) }</span>{ op("=") }
                        <span class="term">{ display_number(t.exps[cell]) }</span>{ op("÷ (") }{ for exps }{ op(") =") }
                        { display_number(t.exps[cell]) }{ op("÷") }{ display_number(t.sum) }{ op("=") }{ result(t.probs[cell]) }
                    </>
                },
                format!("Each score is exponentiated (after subtracting the largest, {}, which changes nothing but keeps the numbers small) and divided by the sum, so the three add up to 1.", display_number(t.max)),
            )
        }
        Stage::Loss => {
            let t = &g.ce_trace;
            let terms = t.classes.iter().enumerate().map(|(i, c)| html! {
                <>
                    if i > 0 { { op("+") } }
                    <span class={classes!("term", (c.target != 0.0).then_some("winner"))}>{ format!("{}·log₂ {}", display_number(c.target), display_number(c.prediction)) }</span>
                </>
            });
            let q = g.probs[g.label];
            (
                format!("Loss against the true class “{}”", NAMES.get(g.label).unwrap_or(&"?")),
                html! { <>{ op("L = −(") }{ for terms }{ op(") = −log₂") }{ display_number(q) }{ op("=") }{ result(t.loss) }{ op(" bits") }</> },
                "The one-hot target keeps a single term: the loss is −log₂ of the probability given to the true class — near 0 when the network is sure and right, large when it is wrong.".into(),
            )
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub good: std::rc::Rc<Computed>,
    pub stage: Stage,
    pub cell: usize,
}

#[function_component(Detail)]
pub fn detail(p: &DetailProps) -> Html {
    let g = &p.good;
    let n = g.values(p.stage).len();
    let cell = if p.cell < n { p.cell } else { 0 };
    let (heading, line, words) = working(g, p.stage, cell);
    let (l, panel) = panel_link(g, p.stage, cell);
    html! {
        <section class="card pipe-detail arithmetic" aria-labelledby="pipe-detail-title" data-testid="pipe-detail" data-stage={p.stage.key()}>
            <h2 id="pipe-detail-title">{ format!("{} — ", p.stage.title()) }<span class="muted">{ heading }</span></h2>
            <p class="sum-line" data-testid="pipe-detail-line">{ line }</p>
            <p class="pipe-words">{ words }</p>
            <p class="pipe-more">
                <a href={l.to_fragment()} data-testid="pipe-detail-link">{ format!("Open the {panel} panel with these numbers →") }</a>
                if p.stage != Stage::Input { <span class="muted">{" Click any cell of this stage to see its own working."}</span> }
            </p>
        </section>
    }
}
