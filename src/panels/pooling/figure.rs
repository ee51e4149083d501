//! The pooling panel's grids (input, output, the current window), built from the state and the
//! core's trace. Nothing here pools: windows, winners and values all come from `Computed`.

use super::state::PoolState;
use crate::cnn::{WindowResult, WindowTrace};
use crate::components::Cell;
use crate::panels::cells::{edit_cells, frame, value_cell};
use std::rc::Rc;

/// The input cell (row, column) that won the window, for max pooling.
fn winner_at(w: &WindowTrace) -> Option<(usize, usize)> {
    match w.result {
        WindowResult::Max { winner, .. } => w.cells.get(winner).map(|c| (c.y, c.x)),
        WindowResult::Average { .. } => None,
    }
}

/// The input, editable, with the current window framed, its winner marked and the rows and
/// columns no window reaches hatched. While sizes change, the grid follows the texts.
pub fn input(s: &PoolState) -> Rc<Vec<Vec<Cell>>> {
    let g = &s.good;
    let p = &g.params;
    let (covered_h, covered_w) = (p.rows.n - p.rows.dropped, p.cols.n - p.cols.dropped);
    let window = g.trace.windows.get(s.play.step);
    let winner = window.and_then(winner_at);
    let mut cells = edit_cells(&s.input, g.input.data());
    for (r, row) in cells.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if let Some(w) = window {
                frame(cell, r, c, w.top, w.left, p.kh, p.kw);
            }
            if winner == Some((r, c)) {
                cell.classes.push("winner");
                cell.note = Some("the largest value of this window".into());
            }
            if (r >= covered_h || c >= covered_w) && r < p.rows.n && c < p.cols.n {
                cell.classes.push("dropped");
                cell.note = Some("never in a window: the floor in the output-size formula drops it".into());
            }
        }
    }
    Rc::new(cells)
}

/// The output: values up to the current window shown, the current one lit, later ones blank.
pub fn output(s: &PoolState) -> Rc<Vec<Vec<Cell>>> {
    let g = &s.good;
    let all = g.output.data();
    let cells = g
        .output
        .plane_rows(0)
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, &v)| {
                    let i = r * g.params.out_w() + c;
                    let mut cell = value_cell(v, i <= s.play.step, all);
                    if i == s.play.step {
                        cell.classes.push("current");
                    }
                    cell
                })
                .collect()
        })
        .collect();
    Rc::new(cells)
}

/// The current window's values as a small grid, its winner marked (max pooling).
pub fn window(w: &WindowTrace, kw: usize, all: &[f32]) -> Rc<Vec<Vec<Cell>>> {
    let winner = winner_at(w);
    let cells = w
        .cells
        .chunks(kw.max(1))
        .map(|row| {
            row.iter()
                .map(|pc| {
                    let mut cell = value_cell(pc.value, true, all);
                    if winner == Some((pc.y, pc.x)) {
                        cell.classes.push("winner");
                    }
                    cell
                })
                .collect()
        })
        .collect();
    Rc::new(cells)
}
