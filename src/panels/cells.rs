//! Helpers for building `components::Grid` cells: the heat-map tint, editable cells from typed
//! texts, and the frame drawn around a window of cells.

use crate::components::{Cell, CellContent};
use crate::panels::text_grid::TextGrid;
use crate::text::NumberError;
use yew::classes;

/// The heat-map tint of a value: for values that are all ≥ 0 (an image), min → 0 and max → 1
/// so that small differences between pixels show; with negatives, a diverging −1..1 around 0.
pub fn tint(v: f32, values: &[f32]) -> f32 {
    let (lo, hi) = values.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(l, h), &x| (l.min(x), h.max(x)));
    if lo >= 0.0 && hi > lo {
        0.12 + 0.88 * (v - lo) / (hi - lo)
    } else {
        v / scale(values)
    }
}

/// Largest |v| of a set of values (1 when all are zero).
fn scale(values: &[f32]) -> f32 {
    let m = values.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    if m > 0.0 && m.is_finite() { m } else { 1.0 }
}

/// An editable cell for a typed text: marked when it is not a number, tinted against `all`.
pub fn edit_cell(text: &str, parsed: Result<f32, NumberError>, all: &[f32]) -> Cell {
    let (value, error) = match parsed {
        Ok(v) => (v, None),
        Err(e) => (f32::NAN, Some(e.to_string())),
    };
    let tint = error.is_none().then(|| tint(value, all));
    Cell { content: CellContent::Edit { text: text.to_string(), error, value }, classes: classes!(), tint, note: None }
}

/// Every cell of a text grid as an editable cell, tinted against `all` (the last valid values).
pub fn edit_cells(g: &TextGrid, all: &[f32]) -> Vec<Vec<Cell>> {
    (0..g.rows()).map(|r| (0..g.cols()).map(|c| edit_cell(g.text(r, c), g.parse_cell(r, c), all)).collect()).collect()
}

/// A computed value, blank until `shown`.
pub fn value_cell(value: f32, shown: bool, all: &[f32]) -> Cell {
    let mut cell = Cell::value(value);
    cell.content = CellContent::Value { value, shown };
    cell.tint = Some(tint(value, all));
    cell
}

/// Frames cell (r, c) when it lies in the `h` × `w` block whose top-left is (top, left).
pub fn frame(cell: &mut Cell, r: usize, c: usize, top: usize, left: usize, h: usize, w: usize) {
    if r >= top && r < top + h && c >= left && c < left + w {
        cell.classes.push("win");
        if r == top { cell.classes.push("wt"); }
        if r == top + h - 1 { cell.classes.push("wb"); }
        if c == left { cell.classes.push("wl"); }
        if c == left + w - 1 { cell.classes.push("wr"); }
    }
}

/// Like `TextGrid::error_message`, with the bad cells named by `place(row, col)` (“entry 3”,
/// “neuron 2, input 4”) instead of by row and column.
pub fn error_message_with(g: &TextGrid, name: &str, place: impl Fn(usize, usize) -> String) -> Option<String> {
    let errors = g.values().err()?;
    let first: Vec<String> = errors.iter().take(3).map(|(r, c, e)| format!("{}: {e}", place(*r, *c))).collect();
    let more = errors.len().saturating_sub(3);
    let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
    Some(format!("{name}: {}{tail}. The results still use the last valid values.", first.join("; ")))
}
