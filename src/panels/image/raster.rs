//! A picture drawn pixel for pixel on a canvas (scaled up by CSS, without smoothing), with a
//! frame over the selected pixels. Maps that can be explored take a click or the arrow keys.

use std::rc::Rc;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

/// RGBA bytes for values shaded from black (`lo`) to white (`hi`), linearly: min–max
/// normalisation. When all values are equal the picture is mid-gray.
pub fn shade(values: &[f32], lo: f32, hi: f32) -> Vec<u8> {
    values
        .iter()
        .flat_map(|&v| {
            let t = if hi > lo && v.is_finite() { ((v - lo) / (hi - lo)).clamp(0.0, 1.0) } else { 0.5 };
            let g = (t * 255.0).round() as u8;
            [g, g, g, 255]
        })
        .collect()
}

/// The smallest and largest finite value ((0, 0) when there is none).
pub fn range(values: &[f32]) -> (f32, f32) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f32::INFINITY, f32::min);
    let hi = finite.fold(f32::NEG_INFINITY, f32::max);
    if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) }
}

/// A block of pixels to frame: top row, left column, height, width.
pub type Mark = (usize, usize, usize, usize);

#[derive(Properties, PartialEq)]
pub struct RasterProps {
    /// RGBA, row-major, `width` × `height` pixels.
    pub rgba: Rc<Vec<u8>>,
    pub width: usize,
    pub height: usize,
    /// What the picture shows, for screen readers.
    pub label: AttrValue,
    pub testid: AttrValue,
    #[prop_or_default]
    pub mark: Option<Mark>,
    /// A click on pixel (row, column).
    #[prop_or_default]
    pub onpick: Option<Callback<(usize, usize)>>,
    /// An arrow key: (rows, columns) to move the selection by.
    #[prop_or_default]
    pub onmove: Option<Callback<(i32, i32)>>,
}

fn draw(canvas: &HtmlCanvasElement, rgba: &[u8], w: usize, h: usize) -> Option<()> {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w as u32, h as u32).ok()?;
    ctx.put_image_data(&data, 0.0, 0.0).ok()
}

#[function_component(Raster)]
pub fn raster(p: &RasterProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with((p.rgba.clone(), p.width, p.height), move |(rgba, w, h)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                if rgba.len() == w * h * 4 && draw(&c, rgba, *w, *h).is_none() {
                    web_sys::console::warn_1(&"a picture could not be drawn".into());
                }
            }
        });
    }
    let (w, h) = (p.width.max(1), p.height.max(1));
    let pct = |v: usize, of: usize| format!("{:.4}%", v as f64 * 100.0 / of as f64);
    let frame = p.mark.map(|(top, left, mh, mw)| {
        let style = format!("top:{};left:{};height:{};width:{}", pct(top, h), pct(left, w), pct(mh, h), pct(mw, w));
        html! { <span class="raster-mark" style={style} aria-hidden="true"></span> }
    });
    let onclick = p.onpick.clone().map(|cb| {
        let canvas = canvas.clone();
        Callback::from(move |e: MouseEvent| {
            // Yew delegates events, so `current_target` is not the picture: measure it by ref
            // (the canvas itself, inside the frame's border).
            let Some(el) = canvas.cast::<web_sys::Element>() else { return };
            let r = el.get_bounding_client_rect();
            if r.width() <= 0.0 || r.height() <= 0.0 {
                return;
            }
            let x = ((f64::from(e.client_x()) - r.left()) / r.width() * w as f64).floor();
            let y = ((f64::from(e.client_y()) - r.top()) / r.height() * h as f64).floor();
            cb.emit((y.clamp(0.0, h as f64 - 1.0) as usize, x.clamp(0.0, w as f64 - 1.0) as usize));
        })
    });
    let onkeydown = p.onmove.clone().map(|cb| {
        Callback::from(move |e: KeyboardEvent| {
            let d = match e.key().as_str() {
                "ArrowUp" => (-1, 0),
                "ArrowDown" => (1, 0),
                "ArrowLeft" => (0, -1),
                "ArrowRight" => (0, 1),
                _ => return,
            };
            e.prevent_default();
            cb.emit(d);
        })
    });
    let active = p.onpick.is_some();
    html! {
        <div class={classes!("raster", active.then_some("pickable"))} onclick={onclick} onkeydown={onkeydown}
            tabindex={active.then_some("0")} role={active.then_some("group")}
            aria-label={active.then(|| format!("{}. Click a pixel, or use the arrow keys, to see its arithmetic.", p.label))}>
            <canvas ref={canvas} width={w.to_string()} height={h.to_string()} role="img" aria-label={p.label.clone()}
                data-testid={p.testid.clone()} data-width={w.to_string()} data-height={h.to_string()}></canvas>
            { for frame }
        </div>
    }
}
