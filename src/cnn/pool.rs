//! Max and average pooling over kh × kw windows with a stride, channel by channel, without
//! padding: the output size is the lecture's ⌊(n − f)/s⌋ + 1 per axis (computed by
//! [`axis_plan`]), and rows or columns that no window reaches are dropped.
//!
//! The trace lists, for every window, the values it covered with their input positions and
//! then either the winner (max) or the sum, count and mean (average).

use super::error::{CnnError, Result};
use super::shape::{axis_plan, AxisPlan};
use super::tensor::{check_range, Shape, Tensor, MAX_SIDE};
use serde::{Deserialize, Serialize};

/// Which value summarises a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PoolKind {
    /// The largest value. On ties the first maximum in row-major window order wins.
    Max,
    /// The mean of all values of the window.
    Average,
}

impl PoolKind {
    /// The name shown on screen.
    pub fn name(self) -> &'static str {
        match self {
            PoolKind::Max => "max pooling",
            PoolKind::Average => "average pooling",
        }
    }
}

/// A checked pooling configuration: input shape, window, stride and what the output-size
/// formula gives per axis. The output has as many channels as the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolParams {
    /// The input shape.
    pub input: Shape,
    /// Max or average.
    pub kind: PoolKind,
    /// Window height.
    pub kh: usize,
    /// Window width.
    pub kw: usize,
    /// Step between windows, the same along rows and columns.
    pub stride: usize,
    /// The output-size formula along the rows (no padding).
    pub rows: AxisPlan,
    /// The output-size formula along the columns (no padding).
    pub cols: AxisPlan,
}

impl PoolParams {
    /// Checks the shape (1..=MAX_SIDE per side), the window (1..=MAX_SIDE per side, and it
    /// must fit the input) and the stride (1..=MAX_SIDE), so the loops cannot go out of bounds.
    pub fn new(input: Shape, kind: PoolKind, kh: usize, kw: usize, stride: usize) -> Result<Self> {
        input.check()?;
        check_range("pooling window height", kh, 1, MAX_SIDE)?;
        check_range("pooling window width", kw, 1, MAX_SIDE)?;
        check_range("stride", stride, 1, MAX_SIDE).map_err(|e| match stride {
            0 => CnnError::ZeroStride { op: "pooling" },
            _ => e,
        })?;
        if kh > input.h || kw > input.w {
            let (n, f) = if kh > input.h { (input.h, kh) } else { (input.w, kw) };
            return Err(CnnError::KernelDoesNotFit {
                kh,
                kw,
                h: input.h,
                w: input.w,
                pad: "0".into(),
                n,
                two_p: 0,
                f,
                diff: n as i64 - f as i64,
            });
        }
        let rows = axis_plan("pooling", input.h, kh, 0, 0, stride)?;
        let cols = axis_plan("pooling", input.w, kw, 0, 0, stride)?;
        Ok(PoolParams { input, kind, kh, kw, stride, rows, cols })
    }

    /// A square window of side `k` with stride `k`, the usual non-overlapping pooling
    /// (2×2 stride 2 halves each side).
    pub fn square(input: Shape, kind: PoolKind, k: usize) -> Result<Self> {
        Self::new(input, kind, k, k, k)
    }

    /// Output height.
    pub fn out_h(&self) -> usize {
        self.rows.out
    }

    /// Output width.
    pub fn out_w(&self) -> usize {
        self.cols.out
    }

    /// Output shape: same channels, pooled height and width.
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.input.c, self.out_h(), self.out_w())
    }
}

/// One value a window covered, at row `y`, column `x` of the input.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PoolCell {
    /// Input row.
    pub y: usize,
    /// Input column.
    pub x: usize,
    /// The value there.
    pub value: f32,
}

/// How a window's values became one output value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum WindowResult {
    /// `cells[winner]` holds the maximum (the first one on ties).
    Max {
        /// Index into the window's cells.
        winner: usize,
        /// The maximum: the output value.
        value: f32,
    },
    /// The sum of the cells, how many there were and sum / count.
    Average {
        /// Σ cells, added in row-major window order.
        sum: f32,
        /// Number of cells, kh · kw.
        count: usize,
        /// sum / count: the output value.
        mean: f32,
    },
}

impl WindowResult {
    /// The output value this window produced.
    pub fn value(&self) -> f32 {
        match *self {
            WindowResult::Max { value, .. } => value,
            WindowResult::Average { mean, .. } => mean,
        }
    }
}

/// The record of one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowTrace {
    /// The channel pooled (the output keeps the input's channels).
    pub channel: usize,
    /// Output row.
    pub out_y: usize,
    /// Output column.
    pub out_x: usize,
    /// Top row of the window in the input.
    pub top: usize,
    /// Left column of the window in the input.
    pub left: usize,
    /// The covered values in row-major window order.
    pub cells: Vec<PoolCell>,
    /// How the cells became the output value.
    pub result: WindowResult,
}

/// A pooling's full record, channel-major then row-major:
/// `windows[c * out_h * out_w + oy * out_w + ox]` explains `output[c][oy][ox]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PoolTrace {
    /// One record per output value.
    pub windows: Vec<WindowTrace>,
}

/// The fields of `PoolParams` are public, so they are checked again here: only a
/// configuration `PoolParams::new` would build is used, and the input must match it.
fn check_input(input: &Tensor, params: &PoolParams, op: &'static str) -> Result<()> {
    let fresh = PoolParams::new(params.input, params.kind, params.kh, params.kw, params.stride)?;
    if fresh != *params {
        return Err(CnnError::ShapeMismatch {
            op,
            expected: format!("output plans {}×{} for this input, window and stride", fresh.out_h(), fresh.out_w()),
            got: format!("{}×{}", params.out_h(), params.out_w()),
        });
    }
    if input.shape() != params.input {
        return Err(CnnError::ShapeMismatch {
            op,
            expected: format!("an input of shape {}", params.input),
            got: format!("shape {}", input.shape()),
        });
    }
    Ok(())
}

/// Pools `input` window by window; with `trace`, the same loop records every window.
pub fn pool2d(input: &Tensor, params: &PoolParams, mut trace: Option<&mut PoolTrace>) -> Result<Tensor> {
    check_input(input, params, "pooling")?;
    let (oh, ow, s) = (params.out_h(), params.out_w(), params.stride);
    let mut out = Tensor::zeros(params.output_shape())?;
    if let Some(t) = trace.as_deref_mut() {
        t.windows.clear();
        t.windows.reserve(params.input.c * oh * ow);
    }
    for c in 0..params.input.c {
        for oy in 0..oh {
            for ox in 0..ow {
                let (top, left) = (oy * s, ox * s);
                let mut cells = Vec::new();
                let (mut best, mut winner, mut sum, mut count) = (f32::NEG_INFINITY, 0, 0.0f32, 0usize);
                for ky in 0..params.kh {
                    for kx in 0..params.kw {
                        let (y, x) = (top + ky, left + kx);
                        let value = input.get(c, y, x);
                        // Strict '>' keeps the first maximum on ties.
                        if count == 0 || value > best {
                            best = value;
                            winner = count;
                        }
                        sum += value;
                        count += 1;
                        if trace.is_some() {
                            cells.push(PoolCell { y, x, value });
                        }
                    }
                }
                let result = match params.kind {
                    PoolKind::Max => WindowResult::Max { winner, value: best },
                    PoolKind::Average => WindowResult::Average { sum, count, mean: sum / count as f32 },
                };
                out.set(c, oy, ox, result.value());
                if let Some(t) = trace.as_deref_mut() {
                    t.windows.push(WindowTrace { channel: c, out_y: oy, out_x: ox, top, left, cells, result });
                }
            }
        }
    }
    Ok(out)
}

/// The gradient with respect to the input, given the gradient of the output.
///
/// Max pooling routes each output gradient to its window's winner (the first maximum in
/// row-major order on ties, as the forward pass chose); average pooling spreads it evenly,
/// grad / count, over the window. Where windows overlap (stride < window) the contributions
/// add up.
pub fn pool2d_backward(input: &Tensor, params: &PoolParams, grad_out: &Tensor) -> Result<Tensor> {
    check_input(input, params, "pooling backward")?;
    if grad_out.shape() != params.output_shape() {
        return Err(CnnError::ShapeMismatch {
            op: "pooling backward",
            expected: format!("an upstream gradient of shape {}", params.output_shape()),
            got: format!("shape {}", grad_out.shape()),
        });
    }
    let mut grad = Tensor::zeros(params.input)?;
    let (oh, ow, s) = (params.out_h(), params.out_w(), params.stride);
    let count = (params.kh * params.kw) as f32;
    for c in 0..params.input.c {
        for oy in 0..oh {
            for ox in 0..ow {
                let g = grad_out.get(c, oy, ox);
                let (top, left) = (oy * s, ox * s);
                let mut best: Option<(f32, usize, usize)> = None;
                for y in top..top + params.kh {
                    for x in left..left + params.kw {
                        match params.kind {
                            PoolKind::Average => grad.set(c, y, x, grad.get(c, y, x) + g / count),
                            PoolKind::Max => {
                                let v = input.get(c, y, x);
                                if best.is_none_or(|(b, _, _)| v > b) {
                                    best = Some((v, y, x));
                                }
                            }
                        }
                    }
                }
                if let Some((_, y, x)) = best {
                    grad.set(c, y, x, grad.get(c, y, x) + g);
                }
            }
        }
    }
    Ok(grad)
}

/// Max pooling without a trace: `kh × kw` windows moved by `stride`.
pub fn max_pool(input: &Tensor, kh: usize, kw: usize, stride: usize) -> Result<Tensor> {
    pool2d(input, &PoolParams::new(input.shape(), PoolKind::Max, kh, kw, stride)?, None)
}

/// Average pooling without a trace: `kh × kw` windows moved by `stride`.
pub fn avg_pool(input: &Tensor, kh: usize, kw: usize, stride: usize) -> Result<Tensor> {
    pool2d(input, &PoolParams::new(input.shape(), PoolKind::Average, kh, kw, stride)?, None)
}
