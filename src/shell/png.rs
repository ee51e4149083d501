//! A panel's main figure as a PNG, drawn in the browser: every box with a background or a
//! border and every piece of text inside the figure is painted onto a canvas at its place on
//! screen, in its own colours and font. No library and no HTML-in-SVG: what the figures are
//! made of (tables of numbers, text, coloured boxes, and SVG shapes: `png_svg.rs`) is all it
//! needs.

use super::png_svg;
use wasm_bindgen::JsCast;
use super::png_clip::{Clips, Rect};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

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
pub(super) fn visible(color: &str) -> bool {
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
        clipped(&ctx, clips.inner(&parent), ox, oy, || {
            if png_svg::is_svg(&parent) {
                png_svg::paint_text(&ctx, &parent, &st, &text, ox, oy);
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

fn px(st: &web_sys::CssStyleDeclaration, property: &str) -> f64 {
    st.get_property_value(property).ok().and_then(|v| v.trim_end_matches("px").parse().ok()).unwrap_or(0.0)
}

/// One element's own paint: background, borders, outline, canvas picture, SVG shape,
/// fraction bar, and the value shown in a form field.
fn paint_element(ctx: &CanvasRenderingContext2d, el: &Element, st: &web_sys::CssStyleDeclaration, ox: f64, oy: f64) {
    // SVG shapes first: a line's box can be zero pixels wide.
    if png_svg::is_svg(el) {
        png_svg::paint_shape(ctx, el, st, ox, oy);
    }
    let r = el.get_bounding_client_rect();
    if r.width() < 1.0 || r.height() < 1.0 {
        return;
    }
    let (x, y, w, h) = (r.left() - ox, r.top() - oy, r.width(), r.height());
    let bg = st.get_property_value("background-color").unwrap_or_default();
    if visible(&bg) {
        ctx.set_fill_style_str(&bg);
        ctx.fill_rect(x, y, w, h);
    }
    for (side, (x0, y0, x1, y1)) in [("top", (x, y, x + w, y)), ("bottom", (x, y + h, x + w, y + h)), ("left", (x, y, x, y + h)), ("right", (x + w, y, x + w, y + h))] {
        let width = px(st, &format!("border-{side}-width"));
        let color = st.get_property_value(&format!("border-{side}-color")).unwrap_or_default();
        let line = st.get_property_value(&format!("border-{side}-style")).unwrap_or_default();
        if width > 0.0 && visible(&color) && line != "none" {
            ctx.set_stroke_style_str(&color);
            ctx.set_line_width(width);
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
            ctx.stroke();
        }
    }
    // Outlines mark the current cell; draw them inset, as the stylesheet does.
    let outline = px(st, "outline-width");
    let outline_color = st.get_property_value("outline-color").unwrap_or_default();
    if outline > 0.0 && st.get_property_value("outline-style").ok().as_deref() != Some("none") && visible(&outline_color) {
        ctx.set_stroke_style_str(&outline_color);
        ctx.set_line_width(outline);
        ctx.stroke_rect(x + outline / 2.0, y + outline / 2.0, w - outline, h - outline);
    }
    // Pictures drawn on a canvas (an image, a feature map) are copied as they are, without
    // smoothing, as the stylesheet shows them.
    if let Some(picture) = el.dyn_ref::<HtmlCanvasElement>() {
        if picture.width() > 0 && picture.height() > 0 {
            ctx.set_image_smoothing_enabled(false);
            let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(picture, x, y, w, h);
        }
    }
    // A MathML fraction's bar is drawn by the browser, not as a box: between the
    // numerator's bottom and the denominator's top, as wide as the fraction.
    if el.local_name() == "mfrac" {
        if let (Some(num), Some(den)) = (el.first_element_child(), el.last_element_child()) {
            let (n, d) = (num.get_bounding_client_rect(), den.get_bounding_client_rect());
            let mid = (n.bottom() + d.top()) / 2.0 - oy;
            ctx.set_stroke_style_str(&st.get_property_value("color").unwrap_or_default());
            ctx.set_line_width(1.0);
            ctx.begin_path();
            ctx.move_to(x, mid);
            ctx.line_to(x + w, mid);
            ctx.stroke();
        }
    }
    // Form fields show values that are no text nodes: a drop-down's chosen option, a text
    // field's value where its alignment puts it, a text area's lines.
    let (pad_l, pad_r, pad_t) = (px(st, "padding-left") + px(st, "border-left-width"), px(st, "padding-right") + px(st, "border-right-width"), px(st, "padding-top") + px(st, "border-top-width"));
    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        if let Some(option) = select.selected_options().item(0) {
            paint_text(ctx, st, &option.text_content().unwrap_or_default(), x + pad_l, y + h / 2.0, "left", false);
        }
    }
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        if matches!(input.type_().as_str(), "text" | "number" | "search" | "") {
            let value = input.value();
            match st.get_property_value("text-align").unwrap_or_default().as_str() {
                "center" => paint_text(ctx, st, &value, x + w / 2.0, y + h / 2.0, "center", false),
                "right" | "end" => paint_text(ctx, st, &value, x + w - pad_r, y + h / 2.0, "right", false),
                _ => paint_text(ctx, st, &value, x + pad_l, y + h / 2.0, "left", false),
            }
        }
    }
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        let size = px(st, "font-size");
        let line_height = match px(st, "line-height") { v if v > 0.0 => v, _ => size * 1.2 };
        ctx.save();
        ctx.begin_path();
        ctx.rect(x, y, w, h);
        ctx.clip();
        for (i, line) in area.value().lines().enumerate() {
            paint_text(ctx, st, line, x + pad_l, y + pad_t + (i as f64 + 0.5) * line_height, "left", false);
        }
        ctx.restore();
    }
}

/// One line of a text node as the browser wrapped it.
struct Line {
    left: f64,
    top: f64,
    middle: f64,
    text: String,
}

/// The lines a text node was broken into: each word's box, from a DOM range over it, says
/// which line it is on (a wrapped caption must not be painted as one long line).
fn laid_out_lines(range: &web_sys::Range, node: &web_sys::Node, text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    // Range offsets count UTF-16 units.
    let (mut at, mut word_start, mut word) = (0u32, 0u32, String::new());
    let mut words = Vec::new();
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_whitespace() {
            if !word.is_empty() {
                words.push((word_start, at, std::mem::take(&mut word)));
            }
        } else {
            if word.is_empty() {
                word_start = at;
            }
            word.push(ch);
        }
        at += ch.len_utf16() as u32;
    }
    for (start, end, word) in words {
        if range.set_start(node, start.min(at)).is_err() || range.set_end(node, end.min(at)).is_err() {
            continue;
        }
        let r = range.get_bounding_client_rect();
        if r.width() < 0.5 || r.height() < 0.5 {
            continue;
        }
        match lines.last_mut() {
            Some(line) if (line.top - r.top()).abs() < r.height() / 2.0 => {
                line.text.push(' ');
                line.text.push_str(&word);
            }
            _ => lines.push(Line { left: r.left(), top: r.top(), middle: r.top() + r.height() / 2.0, text: word }),
        }
    }
    lines
}

/// Paints `text` in the font, colour and capitals of `st`, its middle at `y`, aligned at `x`
/// ("left", "center" or "right").
fn paint_text(ctx: &CanvasRenderingContext2d, st: &web_sys::CssStyleDeclaration, text: &str, x: f64, y: f64, align: &str, italic: bool) {
    let get = |p: &str| st.get_property_value(p).unwrap_or_default();
    let style = if italic { "italic".to_string() } else { get("font-style") };
    ctx.set_font(&format!("{} {} {} {}", style, get("font-weight"), get("font-size"), get("font-family")));
    ctx.set_fill_style_str(&get("color"));
    ctx.set_text_baseline("middle");
    ctx.set_text_align(align);
    let text = match get("text-transform").as_str() {
        "uppercase" => text.to_uppercase(),
        "lowercase" => text.to_lowercase(),
        _ => text.to_string(),
    };
    let _ = ctx.fill_text(&text, x, y);
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
