//! Backpropagation through a convolution: given dL/dy for every output value, the gradients
//! with respect to the input, the filters and the biases.
//!
//! For y\[k\]\[oy\]\[ox\] = b\[k\] + Σ_c Σ_(i,j) x_pad\[c\]\[oy·s + i\]\[ox·s + j\] · w\[k\]\[c\]\[i\]\[j\]:
//! - dL/dw\[k\]\[c\]\[i\]\[j\] = Σ_(oy,ox) g\[k\]\[oy\]\[ox\] · x_pad\[c\]\[oy·s + i\]\[ox·s + j\]: the
//!   correlation of the layer's input with the upstream gradient (padding zeros add nothing);
//! - dL/db\[k\] = Σ_(oy,ox) g\[k\]\[oy\]\[ox\];
//! - dL/dx: every output value sends g · w back to each input value its window used.
//!
//! With `flip` (true convolution) the window cell (i, j) uses the weight (kh−1−i, kw−1−j), and
//! the gradient goes to that weight.
//!
//! [`weight_gradient_trace`] lists, for one weight, every product x · g of that sum, in the
//! order [`conv2d_backward`] adds them, so its `sum` is exactly the analytic gradient.

use super::conv::{Conv2dParams, Filters, Source};
use super::conv_kernels::{backward, Geom};
use super::error::{CnnError, Result};
use super::tensor::{check_range, Tensor};
use serde::{Deserialize, Serialize};

/// The gradients of a convolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConvGrads {
    /// dL/dx, the shape of the input.
    pub d_input: Tensor,
    /// dL/dw, in the layout of the filters (filter, channel, row, column).
    pub d_filters: Filters,
    /// dL/db, one per filter.
    pub d_bias: Vec<f32>,
}

/// Checks that `params` is what [`Conv2dParams::from_dims`] builds for its own fields (they are
/// public and may have been edited), so the loops cannot go out of bounds.
fn check_params(params: &Conv2dParams, op: &'static str) -> Result<()> {
    let p = params;
    let fresh = Conv2dParams::from_dims(p.input, p.filters, p.input.c, p.kh, p.kw, p.padding, p.stride, p.flip)?;
    if fresh != *p {
        return Err(CnnError::ShapeMismatch {
            op,
            expected: format!(
                "output plans {}×{} for this input, kernel, padding and stride",
                fresh.out_h(),
                fresh.out_w()
            ),
            got: format!("{}×{}", p.out_h(), p.out_w()),
        });
    }
    Ok(())
}

fn check_shapes(input: &Tensor, params: &Conv2dParams, grad_out: &Tensor, op: &'static str) -> Result<()> {
    check_params(params, op)?;
    if input.shape() != params.input {
        return Err(CnnError::ShapeMismatch {
            op,
            expected: format!("an input of shape {}", params.input),
            got: format!("shape {}", input.shape()),
        });
    }
    if grad_out.shape() != params.output_shape() {
        return Err(CnnError::ShapeMismatch {
            op,
            expected: format!("an upstream gradient of shape {}", params.output_shape()),
            got: format!("shape {}", grad_out.shape()),
        });
    }
    Ok(())
}

/// The gradients of [`conv2d`](super::conv2d) with respect to its input, filters and biases,
/// given the input it read and the gradient `grad_out` of its output. Handles padding, stride,
/// many channels and filters, and `params.flip`.
pub fn conv2d_backward(
    input: &Tensor,
    filters: &Filters,
    params: &Conv2dParams,
    grad_out: &Tensor,
) -> Result<ConvGrads> {
    let op = "convolution backward";
    filters.check()?;
    check_shapes(input, params, grad_out, op)?;
    if (filters.count, filters.depth, filters.kh, filters.kw) != (params.filters, params.input.c, params.kh, params.kw)
    {
        return Err(CnnError::ShapeMismatch {
            op,
            expected: format!("{} filters of {}×{}×{}", params.filters, params.kh, params.kw, params.input.c),
            got: format!("{} filters of {}×{}×{}", filters.count, filters.kh, filters.kw, filters.depth),
        });
    }
    let mut d_input = vec![0.0f32; params.input.len()];
    let mut d_filters = Filters::zeros(filters.count, filters.depth, filters.kh, filters.kw)?;
    let mut d_bias = vec![0.0f32; filters.count];
    let geom = Geom::of(params);
    backward(
        &geom,
        input.data(),
        filters.data(),
        grad_out.data(),
        Some(&mut d_input),
        d_filters.data_mut(),
        &mut d_bias,
    );
    Ok(ConvGrads { d_input: Tensor::new(params.input, d_input)?, d_filters, d_bias })
}

/// One product of a weight's gradient: the input value the weight met at output (out_y,
/// out_x) times the upstream gradient there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WeightGradTerm {
    /// Output row.
    pub out_y: usize,
    /// Output column.
    pub out_x: usize,
    /// Where the input value came from: a real input position or a padding zero.
    pub source: Source,
    /// The input value x (0 for padding).
    pub x: f32,
    /// The upstream gradient g = dL/dy at (out_y, out_x) of the weight's filter.
    pub g: f32,
    /// x · g.
    pub product: f32,
}

/// How dL/dw of one weight came about: one term per output position of its filter, in
/// row-major output order, and their sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightGradTrace {
    /// The filter k.
    pub filter: usize,
    /// The channel c.
    pub channel: usize,
    /// The weight's row in the kernel.
    pub ky: usize,
    /// The weight's column in the kernel.
    pub kx: usize,
    /// The window cell that reads this weight: (ky, kx), or (kh−1−ky, kw−1−kx) when flipped.
    pub window_ky: usize,
    /// See `window_ky`.
    pub window_kx: usize,
    /// The terms, output row-major.
    pub terms: Vec<WeightGradTerm>,
    /// Σ products in term order: exactly `d_filters` at this weight.
    pub sum: f32,
}

/// The gradient of weight (`filter`, `channel`, `ky`, `kx`) as the correlation of the layer
/// input with the upstream gradient, term by term. The weights themselves are not needed:
/// dL/dw depends only on what the weight multiplied and on the gradient that came back.
pub fn weight_gradient_trace(
    input: &Tensor,
    params: &Conv2dParams,
    grad_out: &Tensor,
    filter: usize,
    channel: usize,
    ky: usize,
    kx: usize,
) -> Result<WeightGradTrace> {
    check_shapes(input, params, grad_out, "weight gradient trace")?;
    check_range("filter index", filter, 0, params.filters - 1)?;
    check_range("channel index", channel, 0, params.input.c - 1)?;
    check_range("kernel row", ky, 0, params.kh - 1)?;
    check_range("kernel column", kx, 0, params.kw - 1)?;
    let (window_ky, window_kx) = if params.flip { (params.kh - 1 - ky, params.kw - 1 - kx) } else { (ky, kx) };
    let (pt, pl, s) = (params.padding.top, params.padding.left, params.stride);
    let (h, w) = (params.input.h, params.input.w);
    let mut terms = Vec::with_capacity(params.positions());
    let mut sum = 0.0f32;
    for out_y in 0..params.out_h() {
        for out_x in 0..params.out_w() {
            let (py, px) = (out_y * s + window_ky, out_x * s + window_kx);
            let inside = py >= pt && px >= pl && py - pt < h && px - pl < w;
            let (source, x) = if inside {
                (Source::Input { y: py - pt, x: px - pl }, input.get(channel, py - pt, px - pl))
            } else {
                (Source::Padding, 0.0)
            };
            let g = grad_out.get(filter, out_y, out_x);
            let product = x * g;
            sum += product;
            terms.push(WeightGradTerm { out_y, out_x, source, x, g, product });
        }
    }
    Ok(WeightGradTrace { filter, channel, ky, kx, window_ky, window_kx, terms, sum })
}
