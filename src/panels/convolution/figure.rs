//! Builds the three grids of the convolution panel (padded input, kernel, feature map) from
//! the state and the core's trace. Nothing here computes a convolution: positions, windows
//! and values all come from `Computed`.

use super::state::ConvState;
use crate::cnn::relu;
use crate::components::{Cell, CellContent, Cells, Labels};
use crate::panels::cells::{edit_cell, tint};
use std::rc::Rc;
use yew::classes;

/// The padded input: real cells editable, padding zeros fixed, the current window framed and
/// the rows/columns the floor drops hatched. Returns the cells and the row/column labels.
pub fn padded_input(s: &ConvState) -> (Cells, Labels, Labels) {
    let g = &s.good;
    let p = &g.params;
    let (pt, pl) = (p.padding.top, p.padding.left);
    let (ph, pw) = (p.rows.padded, p.cols.padded);
    let (covered_h, covered_w) = (ph - p.rows.dropped, pw - p.cols.dropped);
    let window = g.trace.positions.get(s.step).map(|t| (t.top, t.left));
    let all = g.input.data();
    // While the user edits, the grid follows the texts; the frame follows the last valid setting.
    let (rows, cols) = (s.input.rows(), s.input.cols());
    let shown_h = ph.max(rows + pt);
    let shown_w = pw.max(cols + pl);
    let mut cells = Vec::with_capacity(shown_h);
    for py in 0..shown_h {
        let mut row = Vec::with_capacity(shown_w);
        for px in 0..shown_w {
            let inside = py >= pt && px >= pl && py - pt < rows && px - pl < cols;
            let mut cell = if inside {
                let (r, c) = (py - pt, px - pl);
                edit_cell(s.input.text(r, c), s.input.parse_cell(r, c), all)
            } else {
                Cell { content: CellContent::Fixed { value: 0.0 }, classes: classes!("pad"), tint: None, note: Some("zero padding".into()) }
            };
            if let Some((top, left)) = window {
                let (in_y, in_x) = (py >= top && py < top + p.kh, px >= left && px < left + p.kw);
                if in_y && in_x {
                    cell.classes.push("win");
                    if py == top { cell.classes.push("wt"); }
                    if py == top + p.kh - 1 { cell.classes.push("wb"); }
                    if px == left { cell.classes.push("wl"); }
                    if px == left + p.kw - 1 { cell.classes.push("wr"); }
                }
            }
            if py >= covered_h || px >= covered_w {
                cell.classes.push("dropped");
                cell.note = Some("never covered: the floor in the output-size formula drops it".into());
            }
            row.push(cell);
        }
        cells.push(row);
    }
    let label = |i: usize, before: usize, n: usize| if i >= before && i - before < n { (i - before + 1).to_string() } else { "p".into() };
    let row_labels = (0..shown_h).map(|i| label(i, pt, rows)).collect();
    let col_labels = (0..shown_w).map(|i| label(i, pl, cols)).collect();
    (Rc::new(cells), Rc::new(row_labels), Rc::new(col_labels))
}

/// The kernel, editable; the weight in use for the current term is not singled out, the whole
/// kernel is in use at every position.
pub fn kernel(s: &ConvState) -> Rc<Vec<Vec<Cell>>> {
    let all = s.good.filters.data();
    let cells = (0..s.kernel.rows())
        .map(|r| (0..s.kernel.cols()).map(|c| edit_cell(s.kernel.text(r, c), s.kernel.parse_cell(r, c), all)).collect())
        .collect();
    Rc::new(cells)
}

/// The feature map: values up to the current step shown, the current one lit, later ones
/// blank; with ReLU on, negatives shown as 0 and marked.
pub fn output(s: &ConvState) -> Rc<Vec<Vec<Cell>>> {
    let g = &s.good;
    let w = g.params.out_w();
    let raw = g.output.plane_rows(0);
    let shown_all: Vec<f32> = g.output.data().iter().map(|&v| if s.relu { relu(v) } else { v }).collect();
    let cells = raw
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, &v)| {
                    let i = r * w + c;
                    let shown_v = if s.relu { relu(v) } else { v };
                    let mut cell = Cell::value(shown_v);
                    cell.content = CellContent::Value { value: shown_v, shown: i <= s.step };
                    cell.tint = Some(tint(shown_v, &shown_all));
                    if i == s.step {
                        cell.classes.push("current");
                    }
                    if s.relu && v < 0.0 {
                        cell.classes.push("zeroed");
                        cell.note = Some(format!("ReLU turned {} into 0", crate::text::display_number(v)));
                    }
                    cell
                })
                .collect()
        })
        .collect();
    Rc::new(cells)
}
