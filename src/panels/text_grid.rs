//! A matrix as the user typed it: one string per cell, kept verbatim so that nothing typed is
//! ever lost, with parsing that says which cells are not numbers.

use crate::text::{display_number, parse_number, NumberError};

/// Rows × columns of cell texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextGrid {
    cells: Vec<Vec<String>>,
}

/// A cell that is not a number: (row, column, why).
pub type CellError = (usize, usize, NumberError);

impl TextGrid {
    /// Texts for the given numbers, written as people write them (ASCII minus, so they can
    /// be edited and typed back).
    pub fn from_values(rows: &[Vec<f32>]) -> TextGrid {
        let cells = rows
            .iter()
            .map(|r| r.iter().map(|&v| display_number(v).replace('−', "-")).collect())
            .collect();
        TextGrid { cells }
    }

    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn cols(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }

    pub fn text(&self, r: usize, c: usize) -> &str {
        self.cells.get(r).and_then(|row| row.get(c)).map_or("", String::as_str)
    }

    /// Replaces one cell's text; out-of-range cells are ignored (a stale event after a resize).
    pub fn set(&mut self, r: usize, c: usize, text: String) {
        if let Some(cell) = self.cells.get_mut(r).and_then(|row| row.get_mut(c)) {
            *cell = text;
        }
    }

    /// Grows or shrinks to rows × cols, keeping every text that still fits; new cells are "0".
    pub fn resize(&mut self, rows: usize, cols: usize) {
        self.cells.resize_with(rows, Vec::new);
        for row in &mut self.cells {
            row.resize_with(cols, || "0".to_string());
        }
    }

    /// The parse result of one cell.
    pub fn parse_cell(&self, r: usize, c: usize) -> Result<f32, NumberError> {
        parse_number(self.text(r, c))
    }

    /// All values, or every cell that is not a number as (row, col, why).
    pub fn values(&self) -> Result<Vec<Vec<f32>>, Vec<CellError>> {
        let mut errors = Vec::new();
        let mut rows = Vec::with_capacity(self.rows());
        for (r, row) in self.cells.iter().enumerate() {
            let mut values = Vec::with_capacity(row.len());
            for (c, text) in row.iter().enumerate() {
                match parse_number(text) {
                    Ok(v) => values.push(v),
                    Err(e) => errors.push((r, c, e)),
                }
            }
            rows.push(values);
        }
        if errors.is_empty() {
            Ok(rows)
        } else {
            Err(errors)
        }
    }

    /// A sentence for the alert under a grid: the first bad cells, by row and column.
    pub fn error_message(&self, name: &str) -> Option<String> {
        let errors = self.values().err()?;
        let first: Vec<String> = errors
            .iter()
            .take(3)
            .map(|(r, c, e)| format!("row {}, column {}: {e}", r + 1, c + 1))
            .collect();
        let more = errors.len().saturating_sub(3);
        let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        Some(format!(
            "{name}: {}{tail}. The results still use the last valid values.",
            first.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resize_keeps_what_fits() {
        let mut g = TextGrid::from_values(&[vec![1.0, -2.0], vec![3.0, 0.5]]);
        g.set(0, 0, "abc".into());
        g.resize(3, 1);
        assert_eq!((g.rows(), g.cols()), (3, 1));
        assert_eq!(g.text(0, 0), "abc");
        assert_eq!(g.text(2, 0), "0");
        g.resize(3, 2);
        assert_eq!(g.text(1, 1), "0");
    }

    #[test]
    fn errors_name_the_cell() {
        let mut g = TextGrid::from_values(&[vec![1.0, 2.0]]);
        g.set(0, 1, "x".into());
        assert_eq!(
            g.error_message("Input").unwrap(),
            "Input: row 1, column 2: “x” is not a number. The results still use the last valid values."
        );
        g.set(5, 5, "ignored".into());
        assert_eq!(g.values().unwrap_err().len(), 1);
    }
}
