//! Small images drawn on a `<canvas>`: samples, kernels and feature maps.

use std::rc::Rc;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
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

/// The colour of one value, as red, green, blue.
pub fn colour(v: f32, scale: Scale) -> [u8; 3] {
    if !v.is_finite() {
        return [255, 0, 255];
    }
    match scale {
        Scale::Gray(lo, hi) => {
            let t = if hi > lo { ((v - lo) / (hi - lo)).clamp(0.0, 1.0) } else { 0.5 };
            let g = (t * 255.0).round() as u8;
            [g, g, g]
        }
        Scale::Diverging(m) => {
            let t = if m > 0.0 { (v / m).clamp(-1.0, 1.0) } else { 0.0 };
            let k = ((1.0 - t.abs()) * 255.0).round() as u8;
            if t >= 0.0 {
                [220, k, k]
            } else {
                [k, k, 230]
            }
        }
    }
}

/// RGBA bytes for `rows` × `cols` values (missing values are drawn as 0).
pub fn rgba(values: &[f32], rows: usize, cols: usize, scale: Scale) -> Vec<u8> {
    (0..rows * cols)
        .flat_map(|i| {
            let [r, g, b] = colour(values.get(i).copied().unwrap_or(0.0), scale);
            [r, g, b, 255]
        })
        .collect()
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
                // One putImageData per picture: a fill per pixel (thousands for the feature maps,
                // redrawn every few frames while training) cost whole milliseconds.
                let bytes = rgba(values, *rows, *cols, *scale);
                let drawn = canvas
                    .get_context("2d")
                    .ok()
                    .flatten()
                    .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
                    .zip(ImageData::new_with_u8_clamped_array_and_sh(Clamped(&bytes), *cols as u32, *rows as u32).ok())
                    .map(|(ctx, data)| ctx.put_image_data(&data, 0.0, 0.0));
                if !matches!(drawn, Some(Ok(()))) && *rows * *cols > 0 {
                    web_sys::console::warn_1(&"a picture could not be drawn".into());
                }
            }
        });
    }
    html! {
        <canvas ref={node} class={classes!("tr-px", p.class.clone())} width={p.cols.to_string()} height={p.rows.to_string()}
            role="img" aria-label={p.label.clone()} data-testid={p.testid.clone()}></canvas>
    }
}
