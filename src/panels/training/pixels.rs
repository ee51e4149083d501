//! Small images drawn on a `<canvas>`: samples, kernels and feature maps.

use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// How values become colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Black (lo) to white (hi).
    Gray(f32, f32),
    /// Blue (−m) through white (0) to red (+m).
    Diverging(f32),
}

#[derive(Properties, PartialEq)]
pub struct PixelsProps {
    pub values: Rc<Vec<f32>>,
    pub rows: usize,
    pub cols: usize,
    pub scale: Scale,
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The colour of one value.
pub fn colour(v: f32, scale: Scale) -> String {
    if !v.is_finite() {
        return "#f0f".into();
    }
    match scale {
        Scale::Gray(lo, hi) => {
            let t = if hi > lo { ((v - lo) / (hi - lo)).clamp(0.0, 1.0) } else { 0.5 };
            let g = (t * 255.0).round() as u8;
            format!("rgb({g},{g},{g})")
        }
        Scale::Diverging(m) => {
            let t = if m > 0.0 { (v / m).clamp(-1.0, 1.0) } else { 0.0 };
            let k = ((1.0 - t.abs()) * 255.0).round() as u8;
            if t >= 0.0 {
                format!("rgb(220,{k},{k})")
            } else {
                format!("rgb({k},{k},230)")
            }
        }
    }
}

/// The range of a slice (for `Scale::Gray`), or the largest magnitude (for `Diverging`).
pub fn range(values: &[f32]) -> (f32, f32) {
    let lo = values.iter().copied().filter(|v| v.is_finite()).fold(f32::INFINITY, f32::min);
    let hi = values.iter().copied().filter(|v| v.is_finite()).fold(f32::NEG_INFINITY, f32::max);
    if lo.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

#[function_component(Pixels)]
pub fn pixels(p: &PixelsProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let (values, rows, cols, scale) = (p.values.clone(), p.rows, p.cols, p.scale);
        use_effect_with((values, rows, cols, scale), move |(values, rows, cols, scale)| {
            if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                if let Some(ctx) = canvas
                    .get_context("2d")
                    .ok()
                    .flatten()
                    .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
                {
                    for y in 0..*rows {
                        for x in 0..*cols {
                            let v = values.get(y * cols + x).copied().unwrap_or(0.0);
                            ctx.set_fill_style_str(&colour(v, *scale));
                            ctx.fill_rect(x as f64, y as f64, 1.0, 1.0);
                        }
                    }
                }
            }
        });
    }
    html! {
        <canvas ref={node} class={classes!("tr-px", p.class.clone())} width={p.cols.to_string()} height={p.rows.to_string()}
            role="img" aria-label={p.label.clone()} data-testid={p.testid.clone()}></canvas>
    }
}
