//! SVG in a PNG export: the figures' bar charts, thumbnails, diagrams and the colour picture
//! are SVG shapes, which have no boxes or borders for `png.rs` to copy. Each shape is traced
//! again on the canvas in its own user units, through the transform the browser maps them to
//! the screen with, and filled and stroked in the style the page computed for it (so colours
//! that come from the stylesheet, such as a theme's, come out as shown).

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, CssStyleDeclaration, Element, Path2d, SvgGraphicsElement, SvgTextContentElement};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub fn is_svg(el: &Element) -> bool {
    el.namespace_uri().as_deref() == Some(SVG_NS)
}

/// The element's user space on screen, as the canvas transform (a, b, c, d, e, f).
fn screen_transform(el: &Element) -> Option<[f64; 6]> {
    let m = el.dyn_ref::<SvgGraphicsElement>()?.get_screen_ctm()?;
    Some([m.a(), m.b(), m.c(), m.d(), m.e(), m.f()].map(f64::from))
}

/// How many screen pixels one user unit of this element takes (1 outside a scaled SVG).
fn user_unit(el: &Element) -> f64 {
    screen_transform(el).map_or(1.0, |m| (m[0] * m[0] + m[1] * m[1]).sqrt()).max(1e-6)
}

/// The shape's outline in its own user units; None for anything that is not a basic shape.
fn outline(el: &Element) -> Option<Path2d> {
    let num = |a: &str| el.get_attribute(a).and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok()).unwrap_or(0.0);
    let points = || {
        let v: Vec<f64> = el.get_attribute("points").unwrap_or_default().split([' ', ',']).filter_map(|s| s.parse().ok()).collect();
        v.chunks_exact(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
    };
    let shape = el.local_name();
    if shape == "path" {
        return Path2d::new_with_path_string(&el.get_attribute("d")?).ok();
    }
    let path = Path2d::new().ok()?;
    match shape.as_str() {
        "rect" => path.rect(num("x"), num("y"), num("width"), num("height")),
        "circle" => path.arc(num("cx"), num("cy"), num("r"), 0.0, std::f64::consts::TAU).ok()?,
        "ellipse" => path.ellipse(num("cx"), num("cy"), num("rx"), num("ry"), 0.0, 0.0, std::f64::consts::TAU).ok()?,
        "line" => {
            path.move_to(num("x1"), num("y1"));
            path.line_to(num("x2"), num("y2"));
        }
        shape @ ("polyline" | "polygon") => {
            for (i, (x, y)) in points().into_iter().enumerate() {
                if i == 0 { path.move_to(x, y) } else { path.line_to(x, y) }
            }
            if shape == "polygon" {
                path.close_path();
            }
        }
        _ => return None,
    }
    Some(path)
}

fn paintable(colour: &str) -> bool {
    colour != "none" && !colour.starts_with("url(") && super::visible(colour)
}

/// Paints one SVG shape onto the export canvas, whose origin is at page point (ox, oy).
pub fn paint_shape(ctx: &CanvasRenderingContext2d, el: &Element, st: &CssStyleDeclaration, ox: f64, oy: f64) {
    let (Some(path), Some(m)) = (outline(el), screen_transform(el)) else { return };
    let get = |p: &str| st.get_property_value(p).unwrap_or_default();
    let opacity = |p: &str| get(p).trim().parse::<f64>().unwrap_or(1.0);
    // The element's opacity (and its ancestors') is already the canvas's global alpha.
    let alpha = ctx.global_alpha();
    ctx.save();
    let _ = ctx.translate(-ox, -oy);
    let _ = ctx.transform(m[0], m[1], m[2], m[3], m[4], m[5]);
    let fill = get("fill");
    if paintable(&fill) && el.local_name() != "line" {
        ctx.set_global_alpha(alpha * opacity("fill-opacity"));
        ctx.set_fill_style_str(&fill);
        ctx.fill_with_path_2d(&path);
    }
    let stroke = get("stroke");
    let width = super::px(st, "stroke-width");
    if paintable(&stroke) && width > 0.0 {
        // A non-scaling stroke is as wide on screen as its width says, whatever the zoom.
        let unit = if get("vector-effect").trim() == "non-scaling-stroke" { user_unit(el) } else { 1.0 };
        ctx.set_global_alpha(alpha * opacity("stroke-opacity"));
        ctx.set_stroke_style_str(&stroke);
        ctx.set_line_width(width / unit);
        let dashes: Vec<f64> = get("stroke-dasharray").split([' ', ',']).filter_map(|s| s.trim_end_matches("px").parse().ok()).map(|d: f64| d / unit).collect();
        super::line_dash(ctx, &dashes);
        ctx.stroke_with_path(&path);
    }
    ctx.restore();
}

/// Paints the text of an SVG `text` or `tspan` where the browser placed its first character
/// (after `text-anchor`, `dx` and any rotation), in the element's own user units, font and
/// `fill`.
pub fn paint_text(ctx: &CanvasRenderingContext2d, owner: &Element, st: &CssStyleDeclaration, text: &str, ox: f64, oy: f64) {
    let Some(content) = owner.dyn_ref::<SvgTextContentElement>() else { return };
    let (Ok(start), Some(m)) = (content.get_start_position_of_char(0), screen_transform(owner)) else { return };
    let get = |p: &str| st.get_property_value(p).unwrap_or_default();
    ctx.save();
    let _ = ctx.translate(-ox, -oy);
    let _ = ctx.transform(m[0], m[1], m[2], m[3], m[4], m[5]);
    ctx.set_font(&super::text::css_font(st, false));
    ctx.set_fill_style_str(&get("fill"));
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
    let _ = ctx.fill_text(text.trim(), f64::from(start.x()), f64::from(start.y()));
    ctx.restore();
}
