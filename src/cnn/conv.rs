//! 2-D convolution as CNNs compute it (cross-correlation, or true convolution with the
//! kernel flipped), with many input channels, many filters, a bias per filter, padding and
//! stride. The loop that computes the output can also record, position by position, every
//! term x·w, each channel's partial sum, the bias and the total: that record is the trace
//! the panels draw, so what the student reads is what the core computed.

use super::error::{CnnError, Result};
use super::shape::{axis_plan, AxisPlan, Padding};
use super::tensor::{check_range, Shape, Tensor, MAX_CHANNELS, MAX_SIDE};
use serde::{Deserialize, Serialize};

/// The largest kernel side the core accepts.
pub const MAX_KERNEL: usize = 11;

/// A bank of filters: `count` filters, each `depth` × `kh` × `kw`, stored filter-major,
/// then channel, then row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Number of filters (output channels).
    pub count: usize,
    /// Channels of each filter; must equal the input's channels.
    pub depth: usize,
    /// Kernel height.
    pub kh: usize,
    /// Kernel width.
    pub kw: usize,
    data: Vec<f32>,
}

impl Filters {
    /// Filters from their sizes and values (filter-major, then channel, then row-major);
    /// sizes are checked against the core's limits and the data length against the sizes.
    pub fn new(count: usize, depth: usize, kh: usize, kw: usize, data: Vec<f32>) -> Result<Self> {
        check_range("filter count", count, 1, MAX_CHANNELS)?;
        check_range("kernel depth", depth, 1, MAX_CHANNELS)?;
        check_range("kernel height", kh, 1, MAX_KERNEL)?;
        check_range("kernel width", kw, 1, MAX_KERNEL)?;
        let expected = count * depth * kh * kw;
        if data.len() != expected {
            return Err(CnnError::DataLength {
                what: "filters",
                shape: format!("{count} × {kh}×{kw}×{depth}"),
                expected,
                got: data.len(),
            });
        }
        Ok(Filters { count, depth, kh, kw, data })
    }

    /// One filter of one channel from rows: the common case of a single gray kernel.
    pub fn single(rows: &[Vec<f32>]) -> Result<Self> {
        let t = Tensor::from_rows(rows)?;
        let s = t.shape();
        Self::new(1, 1, s.h, s.w, t.data().to_vec())
    }

    /// The weight of filter `k`, channel `c`, row `y`, column `x`.
    pub fn get(&self, k: usize, c: usize, y: usize, x: usize) -> f32 {
        self.data[((k * self.depth + c) * self.kh + y) * self.kw + x]
    }

    /// All weights in storage order.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// All weights for in-place updates (an SGD step); the length cannot change through a slice.
    pub fn data_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }

    /// A bank of `count` filters of `depth` × `kh` × `kw`, all zero (for gradients).
    pub fn zeros(count: usize, depth: usize, kh: usize, kw: usize) -> Result<Self> {
        check_range("filter count", count, 1, MAX_CHANNELS)?;
        check_range("kernel depth", depth, 1, MAX_CHANNELS)?;
        check_range("kernel height", kh, 1, MAX_KERNEL)?;
        check_range("kernel width", kw, 1, MAX_KERNEL)?;
        Self::new(count, depth, kh, kw, vec![0.0; count * depth * kh * kw])
    }

    /// Checks that the (public) dimensions still agree with the data and the limits, as
    /// [`Filters::new`] did: a deserialized or edited bank may not.
    pub fn check(&self) -> Result<()> {
        check_range("filter count", self.count, 1, MAX_CHANNELS)?;
        check_range("kernel depth", self.depth, 1, MAX_CHANNELS)?;
        check_range("kernel height", self.kh, 1, MAX_KERNEL)?;
        check_range("kernel width", self.kw, 1, MAX_KERNEL)?;
        let expected = self.count * self.depth * self.kh * self.kw;
        if self.data.len() != expected {
            return Err(CnnError::DataLength {
                what: "filters",
                shape: format!("{} × {}×{}×{}", self.count, self.kh, self.kw, self.depth),
                expected,
                got: self.data.len(),
            });
        }
        Ok(())
    }
}

/// Everything about one convolution that can be known before touching the data:
/// the shapes, the padding, the stride and what the output-size formula gives per axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conv2dParams {
    /// Shape of the input.
    pub input: Shape,
    /// Number of filters, hence output channels.
    pub filters: usize,
    /// Kernel height.
    pub kh: usize,
    /// Kernel width.
    pub kw: usize,
    /// Zeros added on each side.
    pub padding: Padding,
    /// Step between kernel positions, the same along rows and columns.
    pub stride: usize,
    /// True convolution: the kernel is flipped in both axes before sliding.
    pub flip: bool,
    /// The output-size formula applied to the rows.
    pub rows: AxisPlan,
    /// The output-size formula applied to the columns.
    pub cols: AxisPlan,
}

impl Conv2dParams {
    /// Checks every shape first, so that the loops that follow cannot go out of bounds.
    pub fn new(input: Shape, filters: &Filters, padding: Padding, stride: usize, flip: bool) -> Result<Self> {
        filters.check()?;
        Self::from_dims(input, filters.count, filters.depth, filters.kh, filters.kw, padding, stride, flip)
    }

    /// Like [`Conv2dParams::new`], from the filter bank's dimensions alone (`count` filters of
    /// `depth` × `kh` × `kw`), so a configuration can be checked before any weight exists.
    #[allow(clippy::too_many_arguments)]
    pub fn from_dims(
        input: Shape,
        count: usize,
        depth: usize,
        kh: usize,
        kw: usize,
        padding: Padding,
        stride: usize,
        flip: bool,
    ) -> Result<Self> {
        input.check()?;
        check_range("filter count", count, 1, MAX_CHANNELS)?;
        check_range("kernel height", kh, 1, MAX_KERNEL)?;
        check_range("kernel width", kw, 1, MAX_KERNEL)?;
        if depth != input.c {
            return Err(CnnError::DepthMismatch { kernel_c: depth, input_c: input.c });
        }
        check_range("stride", stride, 1, MAX_KERNEL).map_err(|e| match stride {
            0 => CnnError::ZeroStride { op: "convolution" },
            _ => e,
        })?;
        for side in [padding.top, padding.bottom, padding.left, padding.right] {
            // Beyond MAX_SIDE zeros per side the output could not fit a tensor anyway.
            check_range("padding", side, 0, MAX_SIDE)?;
        }
        let (ph, pw) = (padding.top + padding.bottom, padding.left + padding.right);
        if kh > input.h + ph || kw > input.w + pw {
            let (n, two_p, f) = if kh > input.h + ph {
                (input.h, ph, kh)
            } else {
                (input.w, pw, kw)
            };
            return Err(CnnError::KernelDoesNotFit {
                kh,
                kw,
                h: input.h,
                w: input.w,
                pad: padding.to_string(),
                n,
                two_p,
                f,
                diff: (n + two_p) as i64 - f as i64,
            });
        }
        let rows = axis_plan("convolution", input.h, kh, padding.top, padding.bottom, stride)?;
        let cols = axis_plan("convolution", input.w, kw, padding.left, padding.right, stride)?;
        let params = Conv2dParams { input, filters: count, kh, kw, padding, stride, flip, rows, cols };
        // Heavy padding can make the output larger than the input: it must fit a tensor too.
        params.output_shape().check()?;
        Ok(params)
    }

    /// Output height.
    pub fn out_h(&self) -> usize {
        self.rows.out
    }

    /// Output width.
    pub fn out_w(&self) -> usize {
        self.cols.out
    }

    /// Output shape: filters × out_h × out_w.
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.filters, self.out_h(), self.out_w())
    }

    /// Number of kernel positions per filter (the steps of the panel's animation).
    pub fn positions(&self) -> usize {
        self.out_h() * self.out_w()
    }
}

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

/// Convolves `input` with `filters`, adding `bias[k]` to filter k's map. With `trace`, the
/// same loop records how each output value came about.
pub fn conv2d(
    input: &Tensor,
    filters: &Filters,
    bias: &[f32],
    params: &Conv2dParams,
    mut trace: Option<&mut ConvTrace>,
) -> Result<Tensor> {
    filters.check()?;
    // The fields of `Conv2dParams` are public: only a configuration `from_dims` builds is used.
    let p = params;
    if Conv2dParams::from_dims(p.input, p.filters, p.input.c, p.kh, p.kw, p.padding, p.stride, p.flip)? != *p {
        return Err(CnnError::ShapeMismatch {
            op: "convolution",
            expected: "the output plan Conv2dParams::new computes".into(),
            got: format!("an edited plan of {}×{}", p.out_h(), p.out_w()),
        });
    }
    if input.shape() != params.input || filters.count != params.filters || filters.kh != params.kh || filters.kw != params.kw {
        return Err(CnnError::ShapeMismatch {
            op: "convolution",
            expected: format!("input {} and {} filters of {}×{}", params.input, params.filters, params.kh, params.kw),
            got: format!("input {} and {} filters of {}×{}", input.shape(), filters.count, filters.kh, filters.kw),
        });
    }
    if bias.len() != filters.count {
        return Err(CnnError::ShapeMismatch {
            op: "convolution bias",
            expected: format!("one bias per filter ({})", filters.count),
            got: format!("{} biases", bias.len()),
        });
    }
    let (oh, ow, s) = (params.out_h(), params.out_w(), params.stride);
    let Shape { c: depth, h, w } = params.input;
    let (pt, pl) = (params.padding.top, params.padding.left);
    let mut out = Tensor::zeros(params.output_shape())?;
    if let Some(t) = trace.as_deref_mut() {
        t.positions.clear();
        t.positions.reserve(filters.count * oh * ow);
    }
    for k in 0..filters.count {
        for oy in 0..oh {
            for ox in 0..ow {
                let (top, left) = (oy * s, ox * s);
                let mut channel_sums = Vec::with_capacity(depth);
                let mut terms = Vec::new();
                for c in 0..depth {
                    let mut acc = 0.0f32;
                    for ky in 0..params.kh {
                        for kx in 0..params.kw {
                            // Padded coordinates; subtracting the padding maps back to the input.
                            let (py, px) = (top + ky, left + kx);
                            let inside = py >= pt && px >= pl && py - pt < h && px - pl < w;
                            let (src, xv) = if inside {
                                (Source::Input { y: py - pt, x: px - pl }, input.get(c, py - pt, px - pl))
                            } else {
                                (Source::Padding, 0.0)
                            };
                            let (wy, wx) = if params.flip { (params.kh - 1 - ky, params.kw - 1 - kx) } else { (ky, kx) };
                            let wv = filters.get(k, c, wy, wx);
                            let product = xv * wv;
                            acc += product;
                            if trace.is_some() {
                                terms.push(Term { channel: c, ky: wy, kx: wx, source: src, x: xv, w: wv, product });
                            }
                        }
                    }
                    channel_sums.push(acc);
                }
                let sum = channel_sums.iter().sum::<f32>() + bias[k];
                out.set(k, oy, ox, sum);
                if let Some(t) = trace.as_deref_mut() {
                    t.positions.push(PositionTrace {
                        filter: k,
                        out_y: oy,
                        out_x: ox,
                        top,
                        left,
                        terms,
                        channel_sums,
                        bias: bias[k],
                        sum,
                    });
                }
            }
        }
    }
    Ok(out)
}
