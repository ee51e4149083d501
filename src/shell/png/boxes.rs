//! One element's own paint in a PNG export: its background, borders, sharp box shadows,
//! outline, canvas picture, SVG shape, MathML fraction bar and form field value.

use super::text::paint_text;
use super::{px, svg, visible};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// One element's own paint: background, borders, outline, canvas picture, SVG shape,
/// fraction bar, and the value shown in a form field.
pub fn paint_element(ctx: &CanvasRenderingContext2d, el: &Element, st: &web_sys::CssStyleDeclaration, ox: f64, oy: f64) {
    // SVG shapes first: a line's box can be zero pixels wide.
    if svg::is_svg(el) {
        svg::paint_shape(ctx, el, st, ox, oy);
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
            dashes(ctx, &line, width);
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
            ctx.stroke();
            dashes(ctx, "solid", width);
        }
    }
    // Frames drawn as sharp box shadows: the kernel window's cells, the current stage.
    for shadow in box_shadows(&st.get_property_value("box-shadow").unwrap_or_default()) {
        paint_shadow(ctx, &shadow, (x, y, w, h));
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
        if input.type_() == "range" {
            paint_range(ctx, input, st, (x, y, w, h));
        }
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

/// A dashed or dotted border's pattern, scaled to its width; solid for anything else.
fn dashes(ctx: &CanvasRenderingContext2d, style: &str, width: f64) {
    let pattern: &[f64] = match style {
        "dashed" => &[3.0, 3.0],
        "dotted" => &[1.0, 1.0],
        _ => &[],
    };
    super::line_dash(ctx, &pattern.iter().map(|d| d * width).collect::<Vec<_>>());
}

/// A slider as the browser draws one: a track, filled up to the value in the accent colour,
/// and a round thumb there.
fn paint_range(ctx: &CanvasRenderingContext2d, input: &HtmlInputElement, st: &web_sys::CssStyleDeclaration, (x, y, w, h): (f64, f64, f64, f64)) {
    let num = |v: String, default: f64| v.parse::<f64>().unwrap_or(default);
    let (min, max) = (num(input.min(), 0.0), num(input.max(), 100.0));
    let at = if max > min { ((input.value_as_number() - min) / (max - min)).clamp(0.0, 1.0) } else { 0.0 };
    let accent = st.get_property_value("accent-color").unwrap_or_default();
    let accent = if visible(&accent) && accent != "auto" { accent } else { st.get_property_value("color").unwrap_or_default() };
    let (left, right, mid, r) = (x + h / 2.0, x + w - h / 2.0, y + h / 2.0, (h / 2.0 - 1.0).clamp(3.0, 8.0));
    let thumb = left + (right - left) * at;
    ctx.set_line_width(4.0);
    ctx.set_line_cap("round");
    for (from, to, colour) in [(thumb, right, "rgb(200, 204, 212)"), (left, thumb, accent.as_str())] {
        ctx.set_stroke_style_str(colour);
        ctx.begin_path();
        ctx.move_to(from, mid);
        ctx.line_to(to, mid);
        ctx.stroke();
    }
    ctx.set_line_cap("butt");
    ctx.set_fill_style_str(&accent);
    ctx.begin_path();
    let _ = ctx.arc(thumb, mid, r, 0.0, std::f64::consts::TAU);
    ctx.fill();
}

/// One `box-shadow` without blur (the only kind a frame is made of): colour, offsets, spread.
struct Shadow {
    colour: String,
    dx: f64,
    dy: f64,
    spread: f64,
    inset: bool,
}

/// The sharp shadows of a computed `box-shadow` ("rgb(…) 0px 0px 0px 2px inset, …"); blurred
/// ones are left out.
fn box_shadows(value: &str) -> Vec<Shadow> {
    let mut shadows = Vec::new();
    let (mut depth, mut start) = (0, 0);
    let mut parts = Vec::new();
    for (i, ch) in value.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    for part in parts {
        let part = part.trim();
        if part.is_empty() || part == "none" {
            continue;
        }
        // The colour is everything up to its closing parenthesis (or its first word).
        let split = part.find(')').map_or_else(|| part.find(' ').unwrap_or(part.len()), |i| i + 1);
        let (colour, rest) = part.split_at(split);
        let words: Vec<&str> = rest.split_whitespace().collect();
        let lengths: Vec<f64> = words.iter().filter_map(|w| w.strip_suffix("px").and_then(|v| v.parse().ok())).collect();
        let (dx, dy, blur, spread) = (lengths.first().copied().unwrap_or(0.0), lengths.get(1).copied().unwrap_or(0.0), lengths.get(2).copied().unwrap_or(0.0), lengths.get(3).copied().unwrap_or(0.0));
        if blur == 0.0 && visible(colour.trim()) {
            shadows.push(Shadow { colour: colour.trim().to_string(), dx, dy, spread, inset: words.contains(&"inset") });
        }
    }
    shadows
}

/// Paints a sharp shadow: the ring between the box and the box moved by the offsets and
/// grown (outside) or shrunk (inset) by the spread.
fn paint_shadow(ctx: &CanvasRenderingContext2d, s: &Shadow, (x, y, w, h): (f64, f64, f64, f64)) {
    let grow = if s.inset { -s.spread } else { s.spread };
    let (sx, sy, sw, sh) = (x + s.dx - grow, y + s.dy - grow, w + 2.0 * grow, h + 2.0 * grow);
    ctx.save();
    ctx.begin_path();
    if s.inset {
        // Inside the box, outside the shrunk one.
        ctx.rect(x, y, w, h);
        ctx.clip();
        ctx.begin_path();
        ctx.rect(x - 1e4, y - 1e4, w + 2e4, h + 2e4);
        ctx.rect(sx, sy, sw.max(0.0), sh.max(0.0));
    } else {
        ctx.rect(sx, sy, sw, sh);
        ctx.rect(x, y, w, h);
    }
    ctx.set_fill_style_str(&s.colour);
    ctx.fill_with_canvas_winding_rule(web_sys::CanvasWindingRule::Evenodd);
    ctx.restore();
}

#[cfg(test)]
mod tests {
    use super::box_shadows;

    #[test]
    fn sharp_shadows_are_read_and_blurred_ones_left_out() {
        let s = box_shadows("oklab(0.7 0.1 0.1 / 0.55) 0px 0px 0px 2px inset");
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].colour.as_str(), s[0].dx, s[0].dy, s[0].spread, s[0].inset), ("oklab(0.7 0.1 0.1 / 0.55)", 0.0, 0.0, 2.0, true));
        let s = box_shadows("rgb(196, 64, 0) 4px 0px 0px 0px inset, rgb(37, 99, 235) 0px 0px 0px 2px");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].dx, s[0].spread, s[0].inset), (4.0, 0.0, true));
        assert_eq!((s[1].colour.as_str(), s[1].spread, s[1].inset), ("rgb(37, 99, 235)", 2.0, false));
        assert!(box_shadows("rgba(0, 0, 0, 0.12) 0px -2px 8px 0px").is_empty());
        assert!(box_shadows("none").is_empty());
        assert!(box_shadows("rgba(0, 0, 0, 0) 0px 0px 0px 2px").is_empty());
    }
}
