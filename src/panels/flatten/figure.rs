//! The flatten panel's grids: each channel (editable), the entry number every cell goes to,
//! and the vector, all read from the core's `FlattenTrace`.

use super::state::{Computed, FlattenState};
use crate::cnn::FlattenStep;
use crate::components::{Cell, CellContent};
use crate::panels::cells::{edit_cells, value_cell};
use std::rc::Rc;

/// Marks a cell whose vector index is before, at or after the current step.
fn mark(cell: &mut Cell, index: Option<usize>, step: usize) {
    match index {
        Some(i) if i == step => cell.classes.push("current"),
        Some(i) if i < step => cell.classes.push("done"),
        _ => {}
    }
}

/// Channel `ch`, editable; cells already moved into the vector are marked, the one moving now
/// is lit. While the size changes, the grid follows the texts.
pub fn channel(s: &FlattenState, ch: usize) -> Rc<Vec<Vec<Cell>>> {
    let g = &s.good;
    let Some(text) = s.channels.get(ch) else { return Rc::default() };
    let mut cells = edit_cells(text, g.tensor.data());
    for (y, row) in cells.iter_mut().enumerate() {
        for (x, cell) in row.iter_mut().enumerate() {
            let index = g.index_of(ch, y, x);
            mark(cell, index, s.play.step);
            cell.note = index.map(|i| format!("goes to entry {} of the vector", i + 1));
        }
    }
    Rc::new(cells)
}

/// For channel `ch`, the entry number (counting from 1) each cell goes to.
pub fn order(g: &Computed, ch: usize, step: usize) -> Rc<Vec<Vec<Cell>>> {
    let sh = g.tensor.shape();
    let cells = (0..sh.h)
        .map(|y| {
            (0..sh.w)
                .map(|x| {
                    let index = g.index_of(ch, y, x);
                    let number = index.map_or(f32::NAN, |i| (i + 1) as f32);
                    let mut cell = Cell { content: CellContent::Fixed { value: number }, classes: yew::classes!("order"), tint: None, note: None };
                    mark(&mut cell, index, step);
                    cell
                })
                .collect()
        })
        .collect();
    Rc::new(cells)
}

/// The vector as a column: entries up to the current step shown, the current one lit.
pub fn vector(s: &FlattenState) -> Rc<Vec<Vec<Cell>>> {
    let g = &s.good;
    let cells = g
        .trace
        .steps
        .iter()
        .map(|st| {
            let mut cell = value_cell(st.value, st.index <= s.play.step, &g.vector);
            if st.index == s.play.step {
                cell.classes.push("current");
            }
            let from = st.from;
            cell.note = Some(format!("from row {}, column {}, channel {}", from.y + 1, from.x + 1, from.c + 1));
            vec![cell]
        })
        .collect();
    Rc::new(cells)
}

/// Another reading order, for comparison: channel by channel when there are several channels
/// (as PyTorch flattens), column by column when there is one. The entries are the core's,
/// only put in that other order. Returns the order's name, a short label and the entries.
pub fn other_order(g: &Computed) -> (&'static str, &'static str, Vec<FlattenStep>) {
    let mut steps = g.trace.steps.clone();
    let several = g.tensor.shape().c > 1;
    if several {
        steps.sort_by_key(|s| (s.from.c, s.from.y, s.from.x));
    } else {
        steps.sort_by_key(|s| (s.from.x, s.from.y));
    }
    if several {
        ("channel by channel (PyTorch's order)", "by channel", steps)
    } else {
        ("column by column", "by column", steps)
    }
}
