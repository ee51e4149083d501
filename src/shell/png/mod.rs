//! A panel's main figure as a PNG, drawn in the browser: every box with a background or a
//! border and every piece of text inside the figure is painted onto a canvas at its place on
//! screen, in its own colours and font. No library and no HTML-in-SVG: what the figures are
//! made of (tables of numbers, text, coloured boxes, SVG shapes) is all it needs.

mod boxes;
mod clip;
mod svg;
mod text;

use boxes::paint_element;
use clip::{Clips, Rect};
use text::{laid_out_lines, paint_text};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

/// The element a PNG export shows: `[data-figure]` if the panel marks one, else its stage of
/// grids, else the whole panel.
pub fn main_figure() -> Option<Element> {
    let doc = gloo::utils::document();
    ["main [data-figure]", "main .stage", "main section"]
        .iter()
        .find_map(|sel| doc.query_selector(sel).ok().flatten())
}

fn style(el: &Element) -> Option<web_sys::CssStyleDeclaration> {
    gloo::utils::window().get_computed_style(el).ok().flatten()
}

/// Whether a computed colour paints anything: not empty, not transparent, and not an
/// `rgba(…, 0)` (an `rgb(255, 128, 0)` ends the same way and is orange).
fn visible(color: &str) -> bool {
    !color.is_empty() && color != "transparent" && !(color.starts_with("rgba(") && color.ends_with(", 0)"))
}

/// Inside a closed `<details>` (its summary aside): not shown, so not painted, though the
/// browser still gives its text a place.
fn folded(el: &Element) -> bool {
    el.closest("details:not([open]) > :not(summary)").ok().flatten().is_some()
}

/// The blank border around an exported figure, in CSS pixels, so nothing touches the edge.
const MARGIN: f64 = 16.0;

/// Paints `root` onto a new canvas (at up to 2× for sharp projection) and returns it.
pub fn render(root: &Element) -> Result<HtmlCanvasElement, String> {
    let doc = gloo::utils::document();
    let origin = root.get_bounding_client_rect();
    let scale = gloo::utils::window().device_pixel_ratio().clamp(1.0, 2.0);
    let canvas: HtmlCanvasElement = doc.create_element("canvas").map_err(|_| "no canvas")?.unchecked_into();
    canvas.set_width(((origin.width() + 2.0 * MARGIN) * scale).ceil() as u32);
    canvas.set_height(((origin.height() + 2.0 * MARGIN) * scale).ceil() as u32);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("this browser gives no 2-D canvas")?
        .unchecked_into();
    let _ = ctx.scale(scale, scale);
    let page_bg = doc.body().and_then(|b| style(&b)).and_then(|s| s.get_property_value("background-color").ok()).unwrap_or_default();
    ctx.set_fill_style_str(if visible(&page_bg) { &page_bg } else { "#ffffff" });
    ctx.fill_rect(0.0, 0.0, origin.width() + 2.0 * MARGIN, origin.height() + 2.0 * MARGIN);
    let (ox, oy) = (origin.left() - MARGIN, origin.top() - MARGIN);

    let clips = Clips::new(root);
    // Boxes first (in document order, so nested boxes paint over their parents)…
    let all = root.query_selector_all("*").map_err(|_| "cannot list the figure")?;
    let mut elements = vec![root.clone()];
    elements.extend((0..all.length()).filter_map(|i| all.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()));
    for el in &elements {
        let Some(st) = style(el) else { continue };
        if st.get_property_value("visibility").ok().as_deref() == Some("hidden") || st.get_property_value("display").ok().as_deref() == Some("none") || folded(el) {
            continue;
        }
        ctx.set_global_alpha(clips.opacity(el));
        clipped(&ctx, clips.outer(el), ox, oy, || paint_element(&ctx, el, &st, ox, oy));
    }
    // …then every piece of text, where the browser laid it out.
    let walker = doc.create_tree_walker_with_what_to_show(root, 4).map_err(|_| "cannot walk the figure")?; // SHOW_TEXT
    while let Ok(Some(node)) = walker.next_node() {
        let text = node.text_content().unwrap_or_default();
        if text.trim().is_empty() {
            continue;
        }
        let Some(parent) = node.parent_element() else { continue };
        let Some(st) = style(&parent) else { continue };
        if parent.closest(".sr-only").ok().flatten().is_some() || folded(&parent) {
            continue;
        }
        ctx.set_global_alpha(clips.opacity(&parent));
        clipped(&ctx, clips.inner(&parent), ox, oy, || {
            if svg::is_svg(&parent) {
                svg::paint_text(&ctx, &parent, &st, &text, ox, oy);
                return;
            }
            // MathML draws a one-letter identifier in italics without saying so in its style.
            let italic = parent.local_name() == "mi" && text.trim().chars().count() == 1;
            let Ok(range) = doc.create_range() else { return };
            for line in laid_out_lines(&range, &node, &text) {
                paint_text(&ctx, &st, &line.text, line.left - ox, line.middle - oy, "left", italic);
            }
        });
    }
    ctx.set_global_alpha(1.0);
    Ok(canvas)
}

/// Runs `paint` with the canvas cut to `clip` (page coordinates), if there is one.
fn clipped(ctx: &CanvasRenderingContext2d, clip: Option<Rect>, ox: f64, oy: f64, paint: impl FnOnce()) {
    let Some([l, t, r, b]) = clip else { return paint() };
    if r <= l || b <= t {
        return; // scrolled wholly out of view
    }
    ctx.save();
    ctx.begin_path();
    ctx.rect(l - ox, t - oy, r - l, b - t);
    ctx.clip();
    paint();
    ctx.restore();
}

/// Sets the canvas's dash pattern (empty: solid).
fn line_dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) {
    let _ = ctx.set_line_dash(&pattern.iter().map(|&d| wasm_bindgen::JsValue::from_f64(d)).collect::<js_sys::Array>());
}

fn px(st: &web_sys::CssStyleDeclaration, property: &str) -> f64 {
    st.get_property_value(property).ok().and_then(|v| v.trim_end_matches("px").parse().ok()).unwrap_or(0.0)
}

/// The figure as a PNG data URL, named for its panel.
pub fn figure_png() -> Result<String, String> {
    let fig = main_figure().ok_or("this page has no figure to export")?;
    let canvas = render(&fig)?;
    canvas.to_data_url_with_type("image/png").map_err(|_| "the browser refused to encode the PNG".to_string())
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn only_transparent_colours_are_skipped() {
        for c in ["rgb(255, 128, 0)", "rgb(0, 0, 0)", "rgb(255, 0, 0)", "rgba(37, 99, 235, 0.5)", "#fff"] {
            assert!(visible(c), "{c}");
        }
        for c in ["", "transparent", "rgba(0, 0, 0, 0)", "rgba(255, 255, 255, 0)"] {
            assert!(!visible(c), "{c}");
        }
    }
}
