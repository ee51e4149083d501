//! The record of a traced convolution: every term, partial sum, bias and total.

use serde::{Deserialize, Serialize};

/// Where a term's input value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A real input value at (row, column) of the unpadded input.
    Input {
        /// Row in the unpadded input.
        y: usize,
        /// Column in the unpadded input.
        x: usize,
    },
    /// A zero the padding added.
    Padding,
}

/// One product x·w of a kernel position.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Input channel of the term.
    pub channel: usize,
    /// The kernel cell whose weight was used (after flipping, if flipped).
    pub ky: usize,
    /// Kernel column of the weight used.
    pub kx: usize,
    /// Where the input value came from.
    pub source: Source,
    /// The input value (0 for padding).
    pub x: f32,
    /// The weight.
    pub w: f32,
    /// x·w, exactly as added into the sum.
    pub product: f32,
}

/// The arithmetic of one output value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionTrace {
    /// Filter (output channel) of this output value.
    pub filter: usize,
    /// Output row.
    pub out_y: usize,
    /// Output column.
    pub out_x: usize,
    /// Top-left corner of the window in padded coordinates.
    pub top: usize,
    /// Left column of the window in padded coordinates.
    pub left: usize,
    /// Terms in the order they were added: channel, then kernel row, then kernel column.
    pub terms: Vec<Term>,
    /// The sum of each channel's terms (one entry for gray input, three for RGB).
    pub channel_sums: Vec<f32>,
    /// The filter's bias.
    pub bias: f32,
    /// Σ channel_sums + bias: exactly the output value.
    pub sum: f32,
}

/// A convolution's full record: one `PositionTrace` per output value, filter-major then
/// row-major, so `positions[k * out_h * out_w + oy * out_w + ox]` explains `output[k][oy][ox]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConvTrace {
    /// One entry per output value, in output order.
    pub positions: Vec<PositionTrace>,
}
