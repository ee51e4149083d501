//! The layer table: one row per layer the core computed (blocks folded until opened), with
//! kernel/stride/padding, output shape, parameters and multiply-adds, and the selected
//! layer's working in a row right under it.

use super::detail::detail;
use super::state::{flat_specs, is_passive, thousands, Action, ArchState};
use crate::cnn::arch::{LayerOp, LayerRow, LayerSpec, Rounding};
use crate::cnn::{CnnError, PoolKind};
use yew::prelude::*;

/// A short word for what the layer does.
pub fn kind(op: &LayerOp) -> String {
    match op {
        LayerOp::Conv { bias: true, .. } => "conv".into(),
        LayerOp::Conv { bias: false, .. } => "conv, no bias".into(),
        LayerOp::Pool { kind: PoolKind::Max, .. } => "max pool".into(),
        LayerOp::Pool { kind: PoolKind::Average, .. } => "avg pool".into(),
        LayerOp::Dense { units, .. } => format!("dense → {units}"),
        LayerOp::BatchNorm => "batch norm".into(),
        LayerOp::Relu => "ReLU".into(),
        LayerOp::Tanh => "tanh".into(),
        LayerOp::LocalResponseNorm => "local resp. norm".into(),
        LayerOp::Dropout => "dropout".into(),
        LayerOp::Flatten => "flatten".into(),
        LayerOp::GlobalAvgPool => "global avg pool".into(),
        LayerOp::AdaptiveAvgPool { side } => format!("adaptive avg → {side}×{side}"),
        LayerOp::Inception { branches } => format!("inception, {} branches", branches.len()),
        LayerOp::Residual { shortcut, .. } if shortcut.is_empty() => "residual, identity".into(),
        LayerOp::Residual { .. } => "residual, projection".into(),
    }
}

/// "5×5 / 1 / 0" for convolution and pooling (with the effective stride), else None.
pub fn kernel_text(op: &LayerOp, stride: Option<usize>) -> Option<(String, String)> {
    let s = stride?;
    match *op {
        LayerOp::Conv { kernel, padding, .. } => Some((format!("{kernel}×{kernel} / {s} / {padding}"), format!("{kernel}/{s}/{padding}"))),
        LayerOp::Pool { kernel, padding, rounding, .. } => {
            let ceil = if rounding == Rounding::Ceil { " ⌈⌉" } else { "" };
            Some((format!("{kernel}×{kernel} / {s} / {padding}{ceil}"), format!("{kernel}/{s}/{padding}")))
        }
        _ => None,
    }
}

/// The shape as people read it (h×w×c) and as machines do ("hxwxc").
pub fn shape_text(s: &crate::cnn::Shape) -> (String, String) {
    (format!("{}×{}×{}", s.h, s.w, s.c), format!("{}x{}x{}", s.h, s.w, s.c))
}

/// The row's name without its block's prefix ("inception3a.branch2.0.conv" → "branch2.0.conv").
fn short<'a>(row: &'a LayerRow, parent: Option<&LayerRow>) -> &'a str {
    parent
        .and_then(|p| row.name.strip_prefix(p.name.as_str()))
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(&row.name)
}

/// Which rows are listed: top-level rows and rows of opened blocks; passive rows only on
/// request (the selected row and a collapsed one always).
pub fn visible_rows(s: &ArchState) -> Vec<bool> {
    let rows = &s.table.rows;
    let specs = flat_specs(&s.arch.layers);
    (0..rows.len())
        .map(|i| {
            let selected = s.selected.as_deref() == Some(rows[i].name.as_str());
            let mut ancestors_open = true;
            let mut p = s.parent_of(i);
            while let Some(j) = p {
                ancestors_open &= s.expanded.contains(&rows[j].name);
                p = s.parent_of(j);
            }
            let passive = specs.get(i).is_some_and(|l| is_passive(&l.op));
            ancestors_open && (selected || s.show_all || !passive || rows[i].is_failure())
        })
        .collect()
}

/// Number of rows inside block `i` (all depths).
fn inner_count(rows: &[LayerRow], i: usize) -> usize {
    let d = rows[i].depth;
    rows[i + 1..].iter().take_while(|r| r.depth > d).count()
}

pub fn layer_table(s: &ArchState, dispatch: &UseReducerDispatcher<ArchState>) -> Html {
    let rows = &s.table.rows;
    let specs: Vec<&LayerSpec> = flat_specs(&s.arch.layers);
    let visible = visible_rows(s);
    let mut last_group: Vec<Option<&str>> = Vec::new();
    let mut body = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        // Group captions ("branch 2", "shortcut") on the first listed row of each path.
        last_group.truncate(row.depth + 1);
        last_group.resize(row.depth + 1, None);
        let group_start = row.group.is_some() && last_group[row.depth] != row.group.as_deref();
        last_group[row.depth] = row.group.as_deref();
        if !visible.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(spec) = specs.get(i) else { continue };
        let parent = s.parent_of(i).map(|p| &rows[p]);
        body.push(table_row(s, dispatch, row, spec, parent, group_start, i));
        if s.selected.as_deref() == Some(row.name.as_str()) {
            body.push(html! {
                <tr key={format!("detail:{}", row.name)} class="detail-row" data-testid="arch-layer-detail" data-layer-detail={row.name.clone()}>
                    <td colspan="6"><div class="arch-detail">{ detail(s, dispatch, row, spec, inner_count(rows, i)) }</div></td>
                </tr>
            });
        }
    }
    let (tp, tm) = (s.table.total_params, s.table.total_macs);
    let total = |v: Option<u64>| v.map_or("not computable".to_string(), thousands);
    html! {
        <table class="arch-table" data-testid="arch-table">
            <caption class="sr-only">{ format!("Layers of {}: output shape, parameters and multiply-adds", s.arch.name) }</caption>
            <thead><tr>
                <th scope="col">{"Layer"}</th>
                <th scope="col">{"Type"}</th>
                <th scope="col"><abbr title="kernel f×f / stride s / padding p">{"f×f / s / p"}</abbr></th>
                <th scope="col">{"Output h×w×c"}</th>
                <th scope="col" class="num">{"Parameters"}</th>
                <th scope="col" class="num">{"Multiply-adds"}</th>
            </tr></thead>
            <tbody>{ for body }</tbody>
            <tfoot><tr>
                <th scope="row" colspan="3">{"Total"}</th>
                <td data-value={s.table.output.as_ref().map(|o| shape_text(o).1).unwrap_or_else(|_| "nan".into())}>
                    { s.table.output.as_ref().map(|o| shape_text(o).0).unwrap_or_else(|_| "—".into()) }</td>
                <td class="num" data-value={tp.map_or("nan".into(), |v| v.to_string())}>{ total(tp) }</td>
                <td class="num" data-value={tm.map_or("nan".into(), |v| v.to_string())}>{ total(tm) }</td>
            </tr></tfoot>
        </table>
    }
}

fn table_row(
    s: &ArchState,
    dispatch: &UseReducerDispatcher<ArchState>,
    row: &LayerRow,
    spec: &LayerSpec,
    parent: Option<&LayerRow>,
    group_start: bool,
    index: usize,
) -> Html {
    let selected = s.selected.as_deref() == Some(row.name.as_str());
    let (status, out_text, out_value) = match &row.output {
        Ok(shape) => {
            let (t, v) = shape_text(shape);
            ("ok", html! { { t } }, v)
        }
        Err(e @ CnnError::UpstreamFailed { failed }) if row.is_block && !failed.is_empty() && failed.starts_with(&format!("{}.", row.name)) => {
            ("collapsed", html! { <span class="why" title={e.to_string()}>{ format!("collapses inside ({})", short_name(failed, &row.name)) }</span> }, "collapsed".into())
        }
        Err(CnnError::UpstreamFailed { failed }) => (
            "not-computable",
            html! { <span class="why">{ format!("not computable — {failed} failed") }</span> },
            "not-computable".into(),
        ),
        Err(e) => ("collapsed", html! { <><strong>{"collapses: "}</strong><span class="why">{ e.to_string() }</span></> }, "collapsed".into()),
    };
    let num = |v: Option<u64>| match v {
        Some(v) => html! { <td class="num" data-value={v.to_string()}>{ thousands(v) }</td> },
        None => html! { <td class="num muted" data-value="nan">{"—"}</td> },
    };
    let kernel = kernel_text(&spec.op, row.stride);
    let onselect = {
        let d = dispatch.clone();
        let name = row.name.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Select(name.clone())))
    };
    let toggle = row.is_block.then(|| {
        let d = dispatch.clone();
        let name = row.name.clone();
        let open = s.expanded.contains(&row.name);
        let n = inner_count(&s.table.rows, index);
        html! {
            <button type="button" class="fold" aria-expanded={open.to_string()} data-testid="arch-fold"
                aria-label={format!("{} the {n} layers inside {}", if open { "Hide" } else { "Show" }, row.name)}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleBlock(name.clone())))}>
                { if open { "▾" } else { "▸" } }
            </button>
        }
    });
    let stride_note = row.stride_overridden.then(|| {
        let own = s.default_stride(&row.name).unwrap_or(0);
        html! { <span class="overridden" title={format!("stride changed from {own}")}>{ format!(" (was {own})") }</span> }
    });
    html! {
        <tr key={row.name.clone()} class={classes!(status, selected.then_some("selected"), row.is_block.then_some("block"), row.stride_overridden.then_some("changed"))}
            data-layer={row.name.clone()} data-status={status} style={format!("--depth:{}", row.depth)}>
            <th scope="row" class="name" data-value={row.name.clone()}>
                if group_start { <span class="group">{ row.group.clone().unwrap_or_default() }</span> }
                { for toggle }
                <button type="button" class="layer-btn" aria-pressed={selected.to_string()} onclick={onselect}
                    title={format!("{} — show how it is computed", row.description)}>{ short(row, parent) }</button>
            </th>
            <td class="kind">{ kind(&spec.op) }</td>
            <td class="ksp" data-value={kernel.as_ref().map(|k| k.1.clone()).unwrap_or_default()}>
                { kernel.map(|k| k.0).unwrap_or_default() }{ for stride_note }
            </td>
            <td class="shape" data-value={out_value}>{ out_text }</td>
            { num(row.params) }
            { num(row.macs) }
        </tr>
    }
}

fn short_name<'a>(failed: &'a str, block: &str) -> &'a str {
    failed.strip_prefix(block).and_then(|r| r.strip_prefix('.')).unwrap_or(failed)
}
