//! The layers of a model with their weights, and each layer's forward and backward loop on
//! plain slices (the model's preallocated buffers).
//!
//! Every loop adds in the order of the corresponding traced operation ([`conv2d`],
//! [`pool2d`], [`flatten`], [`dense`], [`activate`]), so a model's feature maps are bit for bit
//! what those operations (and the panels that draw their traces) compute.
//!
//! [`conv2d`]: super::super::conv2d
//! [`pool2d`]: super::super::pool2d
//! [`flatten`]: super::super::flatten
//! [`dense`]: super::super::dense
//! [`activate`]: super::super::activate

use super::super::activation::Activation;
use super::super::conv::Filters;
use super::super::conv_fast::{self, ConvScratch};
use super::super::conv_kernels::Geom;
use super::super::dense::Dense;
use super::super::lanes;
use super::super::pool::PoolKind;
use super::spec::{LayerConfig, PoolSpec, Resolved};
use serde::{Deserialize, Serialize};

/// One layer of a model, with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Layer {
    /// Convolution (cross-correlation, as CNNs compute it) with a bias per filter.
    Conv {
        /// The kernels, filter-major (see [`Filters`]).
        filters: Filters,
        /// One bias per filter.
        bias: Vec<f32>,
        /// Zeros on every side.
        padding: usize,
        /// Step of the kernel.
        stride: usize,
    },
    /// An element-wise activation.
    Activation(Activation),
    /// Max or average pooling.
    Pool(PoolSpec),
    /// Feature maps into a vector, (y, x, channel) order.
    Flatten,
    /// Fully connected layer (weights out × in).
    Dense(Dense),
}

impl Layer {
    /// The configuration this layer realises.
    pub fn config(&self) -> LayerConfig {
        match self {
            Layer::Conv { filters, padding, stride, .. } => {
                LayerConfig::Conv { filters: filters.count, kernel: filters.kh, padding: *padding, stride: *stride }
            }
            Layer::Activation(a) => LayerConfig::Activation(*a),
            Layer::Pool(p) => LayerConfig::Pool(*p),
            Layer::Flatten => LayerConfig::Flatten,
            Layer::Dense(d) => LayerConfig::Dense { units: d.outputs() },
        }
    }

    /// Weights and biases (core layouts), or `None` for a layer without parameters.
    pub fn params(&self) -> Option<(&[f32], &[f32])> {
        match self {
            Layer::Conv { filters, bias, .. } => Some((filters.data(), bias)),
            Layer::Dense(d) => Some((d.weights(), d.bias())),
            _ => None,
        }
    }

    /// Mutable weights and biases; their lengths cannot change through slices.
    pub(crate) fn params_mut(&mut self) -> Option<(&mut [f32], &mut [f32])> {
        match self {
            Layer::Conv { filters, bias, .. } => Some((filters.data_mut(), bias)),
            Layer::Dense(d) => Some(d.params_mut()),
            _ => None,
        }
    }
}

/// The weights and biases of one convolution or dense layer, in the core layouts: filters
/// filter-major then channel then row-major; dense out × in, row-major.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LayerParams {
    /// The weights.
    pub weights: Vec<f32>,
    /// The biases.
    pub bias: Vec<f32>,
}

/// Runs one layer: `y` from `x`. For max pooling `argmax`, when given, receives the input index
/// of each window's winner (the first maximum in row-major window order, as [`pool2d`] picks
/// it); only a backward pass needs them, so inference skips that work.
///
/// [`pool2d`]: super::super::pool2d
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn forward(
    layer: &Layer,
    res: &Resolved,
    x: &[f32],
    y: &mut [f32],
    argmax: Option<&mut [usize]>,
    scratch: &mut ConvScratch,
) {
    match (layer, res) {
        (Layer::Conv { filters, bias, .. }, Resolved::Conv(p)) => {
            conv_fast::forward(&Geom::of(p), scratch, x, filters.data(), bias, y)
        }
        (Layer::Dense(d), _) => dense_forward(d, x, y),
        (_, Resolved::Activation(Activation::Relu)) => lanes::relu(x, y),
        (_, Resolved::Activation(a)) => {
            for (o, &v) in y.iter_mut().zip(x) {
                *o = a.apply(v);
            }
        }
        (_, Resolved::Flatten(s)) => {
            let mut i = 0;
            for yy in 0..s.h {
                for xx in 0..s.w {
                    for c in 0..s.c {
                        y[i] = x[(c * s.h + yy) * s.w + xx];
                        i += 1;
                    }
                }
            }
        }
        (_, Resolved::Pool(p)) if p.kind == PoolKind::Max && (p.kh, p.kw, p.stride) == (2, 2, 2) => {
            max_pool_2x2(p.input.c, p.input.h, p.input.w, x, y, argmax)
        }
        (_, Resolved::Pool(p)) => {
            let mut argmax = argmax;
            let (h, w, oh, ow, s) = (p.input.h, p.input.w, p.out_h(), p.out_w(), p.stride);
            for c in 0..p.input.c {
                for oy in 0..oh {
                    for ox in 0..ow {
                        let o = (c * oh + oy) * ow + ox;
                        let (mut best, mut winner, mut sum) = (f32::NEG_INFINITY, usize::MAX, 0.0f32);
                        for ky in 0..p.kh {
                            for kx in 0..p.kw {
                                let i = (c * h + oy * s + ky) * w + ox * s + kx;
                                // Strict '>' keeps the first maximum on ties.
                                if winner == usize::MAX || x[i] > best {
                                    best = x[i];
                                    winner = i;
                                }
                                sum += x[i];
                            }
                        }
                        if let Some(argmax) = argmax.as_deref_mut() {
                            argmax[o] = winner;
                        }
                        y[o] = match p.kind {
                            PoolKind::Max => best,
                            PoolKind::Average => sum / (p.kh * p.kw) as f32,
                        };
                    }
                }
            }
        }
        // A layer always matches its plan: the model builds both together.
        _ => {}
    }
}

/// y = W·x + b with W out × in: up to eight rows at a time, so their sums are in flight
/// together, each still adding its terms in input order (bit for bit [`dense`](super::super::dense)).
#[cfg_attr(feature = "profile", inline(never))]
fn dense_forward(d: &Dense, x: &[f32], y: &mut [f32]) {
    let mut first = 0;
    while first < y.len() {
        first += match y.len() - first {
            8.. => dense_rows::<8>(d, x, first, y),
            7 => dense_rows::<7>(d, x, first, y),
            6 => dense_rows::<6>(d, x, first, y),
            5 => dense_rows::<5>(d, x, first, y),
            4 => dense_rows::<4>(d, x, first, y),
            3 => dense_rows::<3>(d, x, first, y),
            2 => dense_rows::<2>(d, x, first, y),
            _ => dense_rows::<1>(d, x, first, y),
        };
    }
}

/// Rows `first .. first + R` of [`dense_forward`]; returns R.
#[inline(always)]
fn dense_rows<const R: usize>(d: &Dense, x: &[f32], first: usize, y: &mut [f32]) -> usize {
    let n = d.inputs();
    let (x, block) = (&x[..n], &d.weights()[first * n..(first + R) * n]);
    let rows: [&[f32]; R] = std::array::from_fn(|r| &block[r * n..][..n]);
    let mut acc = [0.0f32; R];
    for (i, &xv) in x.iter().enumerate() {
        for (a, row) in acc.iter_mut().zip(rows) {
            *a += xv * row[i];
        }
    }
    for ((out, a), b) in y[first..first + R].iter_mut().zip(acc).zip(&d.bias()[first..first + R]) {
        *out = a + b;
    }
    R
}

/// The common 2×2 max pooling with stride 2, without the general loop's index arithmetic:
/// the same comparisons in the same order (row-major window, first maximum wins).
#[cfg_attr(feature = "profile", inline(never))]
fn max_pool_2x2(c: usize, h: usize, w: usize, x: &[f32], y: &mut [f32], mut argmax: Option<&mut [usize]>) {
    let (oh, ow) = (h / 2, w / 2);
    for (r, ys) in y.chunks_exact_mut(ow).enumerate().take(c * oh) {
        let (ch, oy) = (r / oh, r % oh);
        let top = (ch * h + 2 * oy) * w;
        let (upper, lower) = (&x[top..top + 2 * ow], &x[top + w..top + w + 2 * ow]);
        let wins = argmax.as_deref_mut().map(|a| &mut a[r * ow..(r + 1) * ow]);
        lanes::max_pool_row(upper, lower, top, w, ys, wins);
    }
}

/// Backpropagates through one layer: adds the parameter gradients of this sample to `dw` and
/// `db` and, when `gx` is given, writes dL/dx there (the first layer needs none).
#[allow(clippy::too_many_arguments)]
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn backward(
    layer: &Layer,
    res: &Resolved,
    x: &[f32],
    gy: &[f32],
    gx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    argmax: &[usize],
    scratch: &mut ConvScratch,
) {
    match (layer, res) {
        (Layer::Conv { filters, .. }, Resolved::Conv(p)) => {
            let mut gx = gx;
            if let Some(g) = gx.as_deref_mut() {
                g.fill(0.0);
            }
            conv_fast::backward(&Geom::of(p), scratch, x, filters.data(), gy, gx, dw, db);
        }
        (Layer::Dense(d), _) => {
            let n = d.inputs();
            for ((b, row), &g) in db.iter_mut().zip(dw.chunks_exact_mut(n)).zip(gy) {
                *b += g;
                lanes::add_scaled(g, x, row);
            }
            if let Some(gx) = gx {
                gx.fill(0.0);
                for (row, &g) in d.weights().chunks_exact(n).zip(gy) {
                    lanes::add_scaled(g, row, gx);
                }
            }
        }
        (_, Resolved::Activation(Activation::Relu)) => {
            if let Some(gx) = gx {
                lanes::relu_backward(x, gy, gx);
            }
        }
        (_, Resolved::Activation(a)) => {
            if let Some(gx) = gx {
                for ((d, &g), &v) in gx.iter_mut().zip(gy).zip(x) {
                    *d = g * a.derivative(v);
                }
            }
        }
        (_, Resolved::Flatten(s)) => {
            if let Some(gx) = gx {
                let mut i = 0;
                for yy in 0..s.h {
                    for xx in 0..s.w {
                        for c in 0..s.c {
                            gx[(c * s.h + yy) * s.w + xx] = gy[i];
                            i += 1;
                        }
                    }
                }
            }
        }
        (_, Resolved::Pool(p)) => {
            let Some(gx) = gx else { return };
            gx.fill(0.0);
            let (h, w, oh, ow, s) = (p.input.h, p.input.w, p.out_h(), p.out_w(), p.stride);
            let count = (p.kh * p.kw) as f32;
            for c in 0..p.input.c {
                for oy in 0..oh {
                    for ox in 0..ow {
                        let o = (c * oh + oy) * ow + ox;
                        match p.kind {
                            PoolKind::Max => gx[argmax[o]] += gy[o],
                            PoolKind::Average => {
                                for ky in 0..p.kh {
                                    for kx in 0..p.kw {
                                        gx[(c * h + oy * s + ky) * w + ox * s + kx] += gy[o] / count;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::dense::{dense, Dense};
    use super::dense_forward;
    use proptest::prelude::*;

    proptest! {
        /// Blocks of up to eight rows and any remainder give bit for bit the traced `dense`.
        #[test]
        fn dense_blocks_are_the_reference(n_in in 1usize..40, n_out in 1usize..21, seed in any::<u32>()) {
            let mut rng = super::super::super::rng::Mulberry32::new(seed);
            let mut draw = |n: usize| (0..n).map(|_| (rng.next_f64() * 4.0 - 2.0) as f32).collect::<Vec<f32>>();
            let layer = Dense::new(n_in, n_out, draw(n_in * n_out), draw(n_out)).unwrap();
            let x = draw(n_in);
            let want = dense(&layer, &x, None).unwrap();
            let mut got = vec![0.0; n_out];
            dense_forward(&layer, &x, &mut got);
            let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<u32>>();
            prop_assert_eq!(bits(&got), bits(&want));
        }
    }
}
