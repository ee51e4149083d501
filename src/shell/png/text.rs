//! Text in a PNG export: where the browser laid each line out, in its computed font.

use super::{px, visible};
use web_sys::CanvasRenderingContext2d;

/// One line of a text node as the browser wrapped it.
pub struct Line {
    pub left: f64,
    pub top: f64,
    pub middle: f64,
    pub text: String,
}

/// The lines a text node was broken into: each word's box, from a DOM range over it, says
/// which line it is on (a wrapped caption must not be painted as one long line).
pub fn laid_out_lines(range: &web_sys::Range, node: &web_sys::Node, text: &str) -> Vec<Line> {
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

/// The canvas font for computed style `st` (in italics if `italic`, whatever it says).
pub fn css_font(st: &web_sys::CssStyleDeclaration, italic: bool) -> String {
    let get = |p: &str| st.get_property_value(p).unwrap_or_default();
    let style = if italic { "italic".to_string() } else { get("font-style") };
    format!("{} {} {} {}", style, get("font-weight"), get("font-size"), get("font-family"))
}

/// Paints `text` in the font, colour and capitals of `st`, its middle at `y`, aligned at `x`
/// ("left", "center" or "right").
pub fn paint_text(ctx: &CanvasRenderingContext2d, st: &web_sys::CssStyleDeclaration, text: &str, x: f64, y: f64, align: &str, italic: bool) {
    let get = |p: &str| st.get_property_value(p).unwrap_or_default();
    ctx.set_font(&css_font(st, italic));
    ctx.set_fill_style_str(&get("color"));
    ctx.set_text_baseline("middle");
    ctx.set_text_align(align);
    // The browser's own case mapping: Rust's would add its Unicode tables to the download.
    let js = js_sys::JsString::from(text);
    let text: String = match get("text-transform").as_str() {
        "uppercase" => js.to_upper_case().into(),
        "lowercase" => js.to_lower_case().into(),
        _ => text.to_string(),
    };
    let _ = ctx.fill_text(&text, x, y);
    // Struck-through values (a ReLU's zeroed cells) and links keep their lines.
    let lines = get("text-decoration-line");
    if lines.contains("line-through") || lines.contains("underline") {
        let size = px(st, "font-size");
        let width = ctx.measure_text(&text).map(|m| m.width()).unwrap_or(0.0);
        let left = match align { "center" => x - width / 2.0, "right" => x - width, _ => x };
        let colour = Some(get("text-decoration-color")).filter(|c| visible(c)).unwrap_or_else(|| get("color"));
        ctx.set_stroke_style_str(&colour);
        ctx.set_line_width((size / 14.0).max(1.0));
        ctx.begin_path();
        for (line, at) in [("line-through", y), ("underline", y + size * 0.45)] {
            if lines.contains(line) {
                ctx.move_to(left, at);
                ctx.line_to(left + width, at);
            }
        }
        ctx.stroke();
    }
}
