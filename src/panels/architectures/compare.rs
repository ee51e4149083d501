//! Two architectures side by side, each at the input it was designed for: parameters,
//! multiply-adds and depth in a table and in a small bar chart on log scales.

use super::notes::short_name;
use super::state::{thousands, Stats};
use super::table::shape_text;
use yew::prelude::*;

const W: f64 = 380.0;
const LEFT: f64 = 74.0;
const RIGHT: f64 = 356.0;
const BAR: f64 = 18.0;

/// Tick labels for powers of ten: 1, 10, 100, 1k, … 100G.
fn power_label(p: i32) -> String {
    let unit = ["", "k", "M", "G", "T"];
    let (q, r) = (p.div_euclid(3), p.rem_euclid(3));
    let lead = 10u64.pow(r as u32);
    match unit.get(q as usize) {
        Some(u) => format!("{lead}{u}"),
        None => format!("1e{p}"),
    }
}

/// The decades a log axis spans for these values: from the power of ten at or below the
/// smallest to the one above the largest (at least one decade).
pub fn decades(values: &[u64]) -> (i32, i32) {
    let logs: Vec<f64> = values.iter().filter(|&&v| v > 0).map(|&v| (v as f64).log10()).collect();
    if logs.is_empty() {
        return (0, 1);
    }
    let lo = logs.iter().cloned().fold(f64::INFINITY, f64::min).floor() as i32;
    let hi = (logs.iter().cloned().fold(f64::NEG_INFINITY, f64::max).floor() as i32 + 1).max(lo + 1);
    (lo.max(0), hi)
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn metric_chart(title: &str, a: (&str, Option<u64>), b: (&str, Option<u64>), y0: f64) -> (Html, f64) {
    let values: Vec<u64> = [a.1, b.1].into_iter().flatten().collect();
    let (lo, hi) = decades(&values);
    let span = (hi - lo) as f64;
    let xof = |v: u64| LEFT + ((v.max(1) as f64).log10() - lo as f64).max(0.0) / span * (RIGHT - LEFT);
    let mut parts = vec![html! { <text class="ac-metric" x="0" y={f(y0 + 12.0)}>{ title.to_string() }</text> }];
    let bars_top = y0 + 18.0;
    let axis_y = bars_top + 2.0 * BAR + 6.0;
    for p in lo..=hi {
        let x = LEFT + (p - lo) as f64 / span * (RIGHT - LEFT);
        parts.push(html! { <>
            <line class="ac-grid" x1={f(x)} y1={f(bars_top - 2.0)} x2={f(x)} y2={f(axis_y)} />
            <text class="ac-tick" x={f(x)} y={f(axis_y + 11.0)} text-anchor="middle">{ power_label(p) }</text>
        </> });
    }
    for (i, (name, v)) in [a, b].into_iter().enumerate() {
        let y = bars_top + i as f64 * (BAR + 3.0);
        let cls = if i == 0 { "ac-a" } else { "ac-b" };
        parts.push(html! { <text class="ac-who" x={f(LEFT - 4.0)} y={f(y + BAR * 0.7)} text-anchor="end">{ name.to_string() }</text> });
        match v {
            Some(v) => {
                let end = xof(v);
                let text = thousands(v);
                let inside = end - LEFT > text.len() as f64 * 6.4 + 8.0;
                parts.push(html! { <>
                    <rect class={classes!("ac-bar", cls)} x={f(LEFT)} y={f(y)} width={f((end - LEFT).max(1.0))} height={f(BAR)} rx="2" />
                    if inside {
                        <text class="ac-on" x={f(end - 4.0)} y={f(y + BAR * 0.7)} text-anchor="end">{ text }</text>
                    } else {
                        <text class="ac-after" x={f(end + 4.0)} y={f(y + BAR * 0.7)}>{ text }</text>
                    }
                </> });
            }
            None => parts.push(html! { <text class="ac-after" x={f(LEFT + 4.0)} y={f(y + BAR * 0.7)}>{"not computable"}</text> }),
        }
    }
    (html! { <>{ for parts }</> }, axis_y + 26.0 - y0)
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub a: std::rc::Rc<Stats>,
    pub b: std::rc::Rc<Stats>,
}

#[function_component(Compare)]
pub fn compare(p: &CompareProps) -> Html {
    let (a, b) = (&*p.a, &*p.b);
    let (na, nb) = (short_name(a.id), short_name(b.id));
    let mut y = 0.0;
    let mut charts = Vec::new();
    for (title, va, vb) in [
        ("Parameters", a.params, b.params),
        ("Multiply-adds per image", a.macs, b.macs),
        ("Depth (layers with weights)", Some(a.depth as u64), Some(b.depth as u64)),
    ] {
        let (h, dy) = metric_chart(title, (na, va), (nb, vb), y);
        charts.push(h);
        y += dy;
    }
    let cell = |testid: String, v: Option<u64>| match v {
        Some(v) => html! { <td class="num" data-testid={testid} data-value={v.to_string()}>{ thousands(v) }</td> },
        None => html! { <td class="num" data-testid={testid} data-value="nan">{"not computable"}</td> },
    };
    let rows = [("params", "Parameters", a.params, b.params), ("macs", "Multiply-adds", a.macs, b.macs), ("depth", "Depth (weight layers)", Some(a.depth as u64), Some(b.depth as u64))];
    html! {
        <div class="compare-body">
            <div class="scroll">
                <table class="arch-compare" data-testid="arch-compare">
                    <caption class="sr-only">{ format!("{na} and {nb} side by side") }</caption>
                    <thead><tr><th scope="col"></th><th scope="col">{ na }</th><th scope="col">{ nb }</th></tr></thead>
                    <tbody>
                        <tr><th scope="row">{"Year"}</th><td class="num" data-value={a.year.to_string()}>{ a.year }</td><td class="num" data-value={b.year.to_string()}>{ b.year }</td></tr>
                        <tr><th scope="row">{"Input"}</th><td class="num" data-value={shape_text(&a.input).1}>{ shape_text(&a.input).0 }</td><td class="num" data-value={shape_text(&b.input).1}>{ shape_text(&b.input).0 }</td></tr>
                        { for rows.into_iter().map(|(key, label, va, vb)| html! {
                            <tr><th scope="row">{ label }</th>{ cell(format!("arch-compare-{key}-a"), va) }{ cell(format!("arch-compare-{key}-b"), vb) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <figure class="compare-chart">
                <svg viewBox={format!("0 0 {W} {}", f(y))} role="img" data-testid="arch-compare-chart"
                    aria-label={format!("Bar chart on logarithmic scales comparing {na} and {nb}; the numbers are in the table.")}>
                    { for charts }
                </svg>
                <figcaption class="muted small">{"Logarithmic scales: each gridline is ten times the one before, so equal steps are equal ratios (k = thousand, M = million, G = billion). Each network at the input it was designed for."}</figcaption>
            </figure>
        </div>
    }
}
