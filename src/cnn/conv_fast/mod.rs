//! The convolution loops the model trains with: [`conv_kernels`](super::conv_kernels)'s
//! arithmetic, four lanes at a time (`lanes::F4`: SIMD128 in the browser).
//!
//! Vectorising across independent results keeps each result's own order of additions, so these
//! loops give bit for bit what the scalar reference loops (and the traced [`conv2d`]) give:
//! - forward: the lanes are four filters. For one output position, every filter sums its
//!   channel's terms in window order from 0, adds the channel sums in channel order, then the
//!   bias — each lane exactly as the scalar loop does for its filter.
//! - backward: the lanes are four input channels. Upstream gradients that are exactly 0 are
//!   skipped, as in the scalar loop; below a max pooling and a ReLU that is most of them, so
//!   skipping beats vectorising across filters here. A weight gradient still sums its products
//!   in output row-major order, and an input gradient in filter, then output, then window order.
//! - a first layer's backward pass (no dL/dx wanted): the lanes are four filters again, since a
//!   first layer often has a single channel.
//!
//! The weights are rearranged into lane order at every pass (a few thousand copies against
//! tens of thousands of multiply-adds), so no cache of them can go stale after an update.
//!
//! [`conv2d`]: super::conv2d
//!
//! Files: [`forward`] and [`backward`] (the loops); here the buffers and layouts they share.

mod backward;
mod forward;
#[cfg(test)]
mod tests;

pub(crate) use backward::backward;
pub(crate) use forward::forward;

use super::conv_kernels::Geom;
use super::lanes::padded;

/// The working buffers of one convolution, sized once for its geometry.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConvScratch {
    /// Weights with filters in lanes: `[channel][window row][window column][filter]`.
    pub(super) by_filter: Vec<f32>,
    /// Biases, padded to whole vectors.
    pub(super) bias: Vec<f32>,
    /// Weights with channels in lanes: `[filter][window row][window column][channel]`.
    pub(super) by_channel: Vec<f32>,
    /// Their pending gradients, in the same layout.
    pub(super) grad_by_channel: Vec<f32>,
    /// The input with channels in lanes: `[y][x][channel]`.
    pub(super) x_by_pixel: Vec<f32>,
    /// dL/dx in the same layout.
    pub(super) dx_by_pixel: Vec<f32>,
    /// The upstream gradient with filters in lanes: `[y][x][filter]` (first layer only).
    pub(super) g_by_pixel: Vec<f32>,
    /// Pending weight gradients in the `by_filter` layout, and the biases' (first layer only).
    pub(super) grad_by_filter: Vec<f32>,
    pub(super) grad_bias: Vec<f32>,
}

impl ConvScratch {
    /// Buffers for geometry `g`.
    pub fn new(g: &Geom) -> Self {
        let (kp, cp, window) = (padded(g.k), padded(g.c), g.kh * g.kw);
        ConvScratch {
            by_filter: vec![0.0; g.c * window * kp],
            bias: vec![0.0; kp],
            by_channel: vec![0.0; g.k * window * cp],
            grad_by_channel: vec![0.0; g.k * window * cp],
            x_by_pixel: vec![0.0; g.h * g.w * cp],
            dx_by_pixel: vec![0.0; g.h * g.w * cp],
            g_by_pixel: vec![0.0; g.oh * g.ow * kp],
            grad_by_filter: vec![0.0; g.c * window * kp],
            grad_bias: vec![0.0; kp],
        }
    }
}

/// Where value `j` of a filter in the core layout (channel, kernel row, kernel column) sits in
/// window order (channel, window row, window column): the same place, unless the kernel is
/// flipped.
#[inline]
pub(super) fn window_order(g: &Geom, j: usize) -> usize {
    if !g.flip {
        return j;
    }
    let window = g.kh * g.kw;
    let (c, ky, kx) = (j / window, j % window / g.kw, j % g.kw);
    (c * g.kh + g.cell(ky, g.kh)) * g.kw + g.cell(kx, g.kw)
}

/// A c×h×w input-sized map into the pixel-major layout.
pub(super) fn to_pixel_major(g: &Geom, map: &[f32], by_pixel: &mut [f32]) {
    let cp = padded(g.c);
    for (c, plane) in map.chunks_exact(g.h * g.w).enumerate() {
        for (p, &v) in plane.iter().enumerate() {
            by_pixel[p * cp + c] = v;
        }
    }
}

/// The inverse of [`to_pixel_major`].
pub(super) fn from_pixel_major(g: &Geom, by_pixel: &[f32], map: &mut [f32]) {
    let cp = padded(g.c);
    for (c, plane) in map.chunks_exact_mut(g.h * g.w).enumerate() {
        for (p, v) in plane.iter_mut().enumerate() {
            *v = by_pixel[p * cp + c];
        }
    }
}

