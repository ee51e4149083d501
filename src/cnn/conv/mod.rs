//! 2-D convolution as CNNs compute it (cross-correlation, or true convolution with the
//! kernel flipped), with many input channels, many filters, a bias per filter, padding and
//! stride. The loop that computes the output can also record, position by position, every
//! term x·w, each channel's partial sum, the bias and the total: that record is the trace
//! the panels draw, so what the student reads is what the core computed.

use super::error::{CnnError, Result};
use super::tensor::{Shape, Tensor};

/// The largest kernel side the core accepts.
pub const MAX_KERNEL: usize = 11;

mod filters;
mod params;
mod trace;

pub use filters::Filters;
pub use params::Conv2dParams;
pub use trace::{ConvTrace, PositionTrace, Source, Term};

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
    // The reference loop reads like the formula: k is the filter, and also names it in the trace.
    #[allow(clippy::needless_range_loop)]
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
