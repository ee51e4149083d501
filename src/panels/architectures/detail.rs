//! The working of one layer: its output size by ⌊(n + 2p − f)/s⌋ + 1 with its numbers (the
//! core's `AxisPlan`s), its parameter count and its multiply-adds written out. Every result
//! is the core's; the factors are the layer's own numbers.

use super::state::{thousands, Action, ArchState, MAX_STRIDE};
use super::table::shape_text;
use crate::cnn::arch::{LayerOp, LayerRow, LayerSpec, Rounding};
use crate::cnn::CnnError;
use crate::components::{Formula, Math, SizeFormula};
use crate::panels::common::Select;
use yew::prelude::*;

fn int(v: usize) -> Math {
    Math::Int(v as i64)
}
fn op(s: &str) -> Math {
    Math::op(s)
}
fn id(s: &str) -> Math {
    Math::ident(s)
}
fn sub(a: &str, b: &str) -> Math {
    Math::sub(Math::ident(a), Math::Text(b.into()))
}
/// The result, grouped in thousands and marked.
fn result(v: u64) -> Math {
    Math::mark(Math::Text(thousands(v)))
}

/// Two lines: `what = symbolic`, then `= numbers = result` (the result on the numbers' line,
/// so its "=" is spaced and placed like the others).
fn lines(testid: &'static str, value: Option<u64>, what: &str, symbolic: Vec<Math>, numeric: Vec<Math>) -> Html {
    let Some(v) = value else { return html! {} };
    let first = Math::row([vec![Math::Text(what.into()), op("=")], symbolic].concat());
    let second = Math::row([vec![op("=")], numeric, vec![op("="), result(v)]].concat());
    html! {
        <div class="formula-lines" data-testid={testid} data-value={v.to_string()}>
            <Formula math={first} />
            <Formula math={second} />
        </div>
    }
}

fn params_formula(row: &LayerRow, spec: &LayerSpec, inner: usize) -> Html {
    let Some(input) = row.input else { return html! {} };
    let c_in = input.c;
    let p = row.params;
    match spec.op {
        LayerOp::Conv { filters, kernel: f, bias: true, .. } => lines(
            "arch-param-formula",
            p,
            "parameters",
            vec![op("("), id("f"), op("·"), id("f"), op("·"), sub("c", "in"), op("+"), int(1), op(")"), op("·"), sub("c", "out")],
            vec![op("("), int(f), op("·"), int(f), op("·"), int(c_in), op("+"), int(1), op(")"), op("·"), int(filters)],
        ),
        LayerOp::Conv { filters, kernel: f, bias: false, .. } => html! { <>
            { lines("arch-param-formula", p, "parameters",
                vec![id("f"), op("·"), id("f"), op("·"), sub("c", "in"), op("·"), sub("c", "out")],
                vec![int(f), op("·"), int(f), op("·"), int(c_in), op("·"), int(filters)]) }
            <p class="muted small">{"No biases: the batch norm that follows adds a β per channel, which does their job."}</p>
        </> },
        LayerOp::Dense { units, bias: true } => lines(
            "arch-param-formula",
            p,
            "parameters",
            vec![op("("), sub("n", "in"), op("+"), int(1), op(")"), op("·"), sub("n", "out")],
            vec![op("("), int(c_in), op("+"), int(1), op(")"), op("·"), int(units)],
        ),
        LayerOp::Dense { units, bias: false } => lines(
            "arch-param-formula",
            p,
            "parameters",
            vec![sub("n", "in"), op("·"), sub("n", "out")],
            vec![int(c_in), op("·"), int(units)],
        ),
        LayerOp::BatchNorm => html! { <>
            { lines("arch-param-formula", p, "parameters", vec![int(2), op("·"), id("c")], vec![int(2), op("·"), int(c_in)]) }
            <p class="muted small">{"A scale γ and a shift β per channel; the running mean and variance are statistics, not parameters."}</p>
        </> },
        LayerOp::Inception { .. } | LayerOp::Residual { .. } => html! {
            <p data-testid="arch-param-formula" data-value={p.map(|v| v.to_string()).unwrap_or_else(|| "nan".into())}>
                { format!("Parameters: the sum over the {inner} layers inside = ") }
                <strong>{ p.map_or("not computable".into(), thousands) }</strong>
            </p>
        },
        _ => html! { <p data-testid="arch-param-formula" data-value="0">{"No parameters: nothing in this layer is learnt."}</p> },
    }
}

fn macs_formula(row: &LayerRow, spec: &LayerSpec) -> Html {
    let (Some(input), Ok(out)) = (row.input, &row.output) else { return html! {} };
    match spec.op {
        LayerOp::Conv { filters, kernel: f, .. } => html! { <>
            { lines("arch-macs-formula", row.macs, "multiply-adds",
                vec![sub("h", "out"), op("·"), sub("w", "out"), op("·"), sub("c", "out"), op("·"), id("f"), op("·"), id("f"), op("·"), sub("c", "in")],
                vec![int(out.h), op("·"), int(out.w), op("·"), int(filters), op("·"), int(f), op("·"), int(f), op("·"), int(input.c)]) }
            <p class="muted small">{"Every output value is a sum of f·f·c_in products: one multiply-add each."}</p>
        </> },
        LayerOp::Dense { units, .. } => lines(
            "arch-macs-formula",
            row.macs,
            "multiply-adds",
            vec![sub("n", "in"), op("·"), sub("n", "out")],
            vec![int(input.c), op("·"), int(units)],
        ),
        LayerOp::Inception { .. } | LayerOp::Residual { .. } => html! {
            <p data-testid="arch-macs-formula" data-value={row.macs.map(|v| v.to_string()).unwrap_or_else(|| "nan".into())}>
                {"Multiply-adds: the sum over the layers inside = "}<strong>{ row.macs.map_or("not computable".into(), thousands) }</strong>
            </p>
        },
        _ => html! { <p class="muted">{"Multiply-adds: none counted (pooling, activations, normalisation and additions are cheap next to convolutions)."}</p> },
    }
}

/// What a layer without a size formula does to the shape.
fn shape_sentence(spec: &LayerSpec, row: &LayerRow) -> Option<String> {
    let (Some(i), Ok(o)) = (row.input, &row.output) else { return None };
    let (it, ot) = (shape_text(&i).0, shape_text(o).0);
    Some(match spec.op {
        LayerOp::Dense { units, .. } => format!("Every one of the {} inputs is connected to each of the {units} outputs: {it} → {ot}.", thousands(i.c as u64)),
        LayerOp::Flatten => format!("The {} × {} × {} values are laid out in one vector: {it} → {ot}.", i.h, i.w, i.c),
        LayerOp::GlobalAvgPool => format!("Each channel's {}×{} map is averaged to one number: {it} → {ot}.", i.h, i.w),
        LayerOp::AdaptiveAvgPool { side } => format!(
            "Whatever the input size, the maps are averaged down (or repeated up) to {side}×{side}, so the classifier after it always gets the same number of inputs: {it} → {ot}."
        ),
        LayerOp::Inception { ref branches } => format!(
            "The {} branches all see the same {it} input and keep its height and width; their outputs are stacked along the channels: {ot}.",
            branches.len()
        ),
        LayerOp::Residual { ref shortcut, .. } => format!(
            "The main path and the {} both turn {it} into {ot}, and the two are added element by element.",
            if shortcut.is_empty() { "identity shortcut" } else { "1×1 projection shortcut" }
        ),
        _ => format!("The shape does not change: {it} → {ot}."),
    })
}

/// The detail shown under the selected row.
pub fn detail(s: &ArchState, dispatch: &UseReducerDispatcher<ArchState>, row: &LayerRow, spec: &LayerSpec, inner: usize) -> Html {
    let io = match (&row.input, &row.output) {
        (Some(i), Ok(o)) => format!("{} → {}", shape_text(i).0, shape_text(o).0),
        (Some(i), Err(_)) => format!("{} → ?", shape_text(i).0),
        (None, _) => "no input shape".into(),
    };
    let problem = match &row.output {
        Err(CnnError::UpstreamFailed { failed }) if !failed.is_empty() => Some((
            false,
            format!("Not computable: layer “{failed}” before it has no valid output, so this layer gets no input shape."),
        )),
        Err(e) => Some((true, format!("This layer collapses: {e}."))),
        Ok(_) => None,
    };
    let is_pool = matches!(spec.op, LayerOp::Pool { .. });
    let ceil = match (&spec.op, &row.plan) {
        (LayerOp::Pool { rounding: Rounding::Ceil, .. }, Some((r, c))) if r.pad_after > r.pad_before || c.pad_after > c.pad_before => Some(
            "This pool rounds up (Caffe's rule, PyTorch's ceil_mode): ⌈(n + 2p − f)/s⌉ + 1. That is the same as the floor formula with an extra zero row and column at the bottom and right (p_after), so one more window fits.",
        ),
        (LayerOp::Pool { rounding: Rounding::Ceil, .. }, Some(_)) => Some("This pool rounds up (ceil mode), but here n + 2p − f is a multiple of s, so rounding up and down agree."),
        _ => None,
    };
    let stride_select = row.stride.map(|st| {
        let d = dispatch.clone();
        let name = row.name.clone();
        let own = s.default_stride(&row.name).unwrap_or(st);
        let options: Vec<(String, String)> =
            (1..=MAX_STRIDE).map(|i| (i.to_string(), if i == own { format!("{i} (its own)") } else { i.to_string() })).collect();
        html! {
            <div class="what-if">
                <Select label={format!("What if {} had stride", row.name)} value={st.to_string()} options={options} testid="arch-layer-stride"
                    onchange={Callback::from(move |v: String| if let Ok(v) = v.parse() { d.dispatch(Action::SetStride(name.clone(), v)) })} />
            </div>
        }
    });
    let close = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Deselect))
    };
    html! {
        <>
            <div class="detail-head">
                <h3>{ row.name.clone() }<span class="muted">{ format!(" — {}", row.description) }</span></h3>
                <button type="button" class="small" onclick={close} aria-label={format!("Close the working of {}", row.name)}>{"Close"}</button>
            </div>
            <p class="io" data-testid="arch-layer-io">{ io }</p>
            if let Some((own, text)) = problem {
                <p class={classes!(if own { "alert" } else { "note" })} role={if own { "alert" } else { "status" }} data-testid="arch-layer-error">{ text }</p>
            }
            <div class="detail-grid">
                if let Some((rows, cols)) = row.plan {
                    <div class="card-lite">
                        <SizeFormula prefix="arch" rows={rows} cols={cols} mover={if is_pool { "window" } else { "kernel" }} />
                        if let Some(c) = ceil { <p class="muted small">{ c }</p> }
                        { for stride_select }
                    </div>
                } else {
                    if let Some(t) = shape_sentence(spec, row) { <div class="card-lite"><p>{ t }</p>{ for stride_select }</div> }
                    else if stride_select.is_some() { <div class="card-lite">{ for stride_select }</div> }
                }
                <div class="card-lite">
                    { params_formula(row, spec, inner) }
                    { macs_formula(row, spec) }
                </div>
            </div>
        </>
    }
}
