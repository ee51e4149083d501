//! The fully connected panel's grids: x (a row, lined up with the columns of W), W with the
//! current neuron's row framed, b and y, built from the state and the core's results.

use super::state::DenseState;
use crate::components::Cell;
use crate::panels::cells::{edit_cells, frame, value_cell};
use std::rc::Rc;

/// x, editable, as one row.
pub fn input(s: &DenseState) -> Rc<Vec<Vec<Cell>>> {
    Rc::new(edit_cells(&s.input, &s.good.x))
}

/// W, editable, the current neuron's row framed.
pub fn weights(s: &DenseState) -> Rc<Vec<Vec<Cell>>> {
    let mut cells = edit_cells(&s.weights, s.good.layer.weights());
    let cols = s.weights.cols();
    for (r, row) in cells.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            frame(cell, r, c, s.play.step, 0, 1, cols);
        }
    }
    Rc::new(cells)
}

/// b, editable, as a column; the current neuron's bias framed.
pub fn bias(s: &DenseState) -> Rc<Vec<Vec<Cell>>> {
    let mut cells = edit_cells(&s.bias, s.good.layer.bias());
    for (r, row) in cells.iter_mut().enumerate() {
        for cell in row.iter_mut() {
            frame(cell, r, 0, s.play.step, 0, 1, 1);
        }
    }
    Rc::new(cells)
}

/// y as a column: neurons up to the current one shown, the current one lit.
pub fn output(s: &DenseState) -> Rc<Vec<Vec<Cell>>> {
    let y = &s.good.y;
    let cells = y
        .iter()
        .enumerate()
        .map(|(o, &v)| {
            let mut cell = value_cell(v, o <= s.play.step, y);
            if o == s.play.step {
                cell.classes.push("current");
            }
            vec![cell]
        })
        .collect();
    Rc::new(cells)
}

