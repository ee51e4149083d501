//! The convolution loops the model trains with: [`conv_kernels`](super::conv_kernels)'s
//! arithmetic, four lanes at a time ([`F4`]: SIMD128 in the browser).
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
//!
//! The weights are rearranged into lane order at every pass (a few thousand copies against
//! tens of thousands of multiply-adds), so no cache of them can go stale after an update.
//!
//! [`conv2d`]: super::conv2d

use super::conv_kernels::Geom;
use super::lanes::{padded, F4, LANES};

/// The working buffers of one convolution, sized once for its geometry.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConvScratch {
    /// Weights with filters in lanes: `[channel][window row][window column][filter]`.
    by_filter: Vec<f32>,
    /// Biases, padded to whole vectors.
    bias: Vec<f32>,
    /// Weights with channels in lanes: `[filter][window row][window column][channel]`.
    by_channel: Vec<f32>,
    /// Their pending gradients, in the same layout.
    grad_by_channel: Vec<f32>,
    /// The input with channels in lanes: `[y][x][channel]`.
    x_by_pixel: Vec<f32>,
    /// dL/dx in the same layout.
    dx_by_pixel: Vec<f32>,
    /// The upstream gradient with filters in lanes: `[y][x][filter]` (first layer only).
    g_by_pixel: Vec<f32>,
    /// Pending weight gradients in the `by_filter` layout, and the biases' (first layer only).
    grad_by_filter: Vec<f32>,
    grad_bias: Vec<f32>,
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
fn window_order(g: &Geom, j: usize) -> usize {
    if !g.flip {
        return j;
    }
    let window = g.kh * g.kw;
    let (c, ky, kx) = (j / window, j % window / g.kw, j % g.kw);
    (c * g.kh + g.cell(ky, g.kh)) * g.kw + g.cell(kx, g.kw)
}

/// `out = conv(x, w) + bias`, as [`conv_kernels::forward`](super::conv_kernels::forward).
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn forward(g: &Geom, s: &mut ConvScratch, x: &[f32], w: &[f32], bias: &[f32], out: &mut [f32]) {
    let kp = padded(g.k);
    for (k, filter) in w.chunks_exact(g.filter_len()).enumerate() {
        for (j, &v) in filter.iter().enumerate() {
            s.by_filter[window_order(g, j) * kp + k] = v;
        }
    }
    s.bias[..g.k].copy_from_slice(bias);
    let mut k0 = 0;
    while k0 < kp {
        // Up to four vectors of filters per sweep: their sums stay in registers.
        let step = match (kp - k0) / LANES {
            4.. => forward_block::<4>(g, s, k0, x, out),
            2 | 3 => forward_block::<2>(g, s, k0, x, out),
            _ => forward_block::<1>(g, s, k0, x, out),
        };
        k0 += step;
    }
}

/// Filters `k0 .. k0 + 4V` over every output position; returns how many filters that was.
/// Two neighbouring positions whose windows lie on the same input columns share each weight
/// load (the common case away from the borders).
#[cfg_attr(feature = "profile", inline(never))]
fn forward_block<const V: usize>(g: &Geom, s: &ConvScratch, k0: usize, x: &[f32], out: &mut [f32]) -> usize {
    let store = |out: &mut [f32], oy: usize, ox: usize, total: [F4; V]| {
        for (v, t) in total.into_iter().enumerate() {
            let first = k0 + v * LANES;
            let values = t.add(F4::load(&s.bias[first..first + LANES])).to_array();
            for (k, value) in (first..g.k.min(first + LANES)).zip(values) {
                out[(k * g.oh + oy) * g.ow + ox] = value;
            }
        }
    };
    for oy in 0..g.oh {
        let top = oy * g.s;
        let (y0, y1) = Geom::inside(top, g.pt, g.h, g.kh);
        let mut ox = 0;
        while ox < g.ow {
            let left = ox * g.s;
            let cols = Geom::inside(left, g.pl, g.w, g.kw);
            if ox + 1 < g.ow && Geom::inside(left + g.s, g.pl, g.w, g.kw) == cols {
                let [a, b] = window_sums::<V, 2>(g, s, k0, x, top, (y0, y1), [left, left + g.s], cols);
                store(out, oy, ox, a);
                store(out, oy, ox + 1, b);
                ox += 2;
            } else {
                let [a] = window_sums::<V, 1>(g, s, k0, x, top, (y0, y1), [left], cols);
                store(out, oy, ox, a);
                ox += 1;
            }
        }
    }
    V * LANES
}

/// The sums (before the bias) of filters `k0 .. k0 + 4V` at `P` positions in one output row,
/// whose windows start at columns `lefts` and cover the same window cells (`rows`, `cols`).
/// Each lane adds exactly as the scalar loop: a channel's terms in window order from 0, then the
/// channel sums in channel order.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn window_sums<const V: usize, const P: usize>(
    g: &Geom,
    s: &ConvScratch,
    k0: usize,
    x: &[f32],
    top: usize,
    (y0, y1): (usize, usize),
    lefts: [usize; P],
    (x0, x1): (usize, usize),
) -> [[F4; V]; P] {
    let (kp, plane) = (padded(g.k), g.h * g.w);
    let mut total = [[F4::zero(); V]; P];
    // A window wholly on the padding sums nothing (and its column range would not slice).
    if x0 >= x1 {
        return total;
    }
    for c in 0..g.c {
        let xc = &x[c * plane..(c + 1) * plane];
        let mut acc = [[F4::zero(); V]; P];
        for ky in y0..y1 {
            let xrow = &xc[(top + ky - g.pt) * g.w..][..g.w];
            let wrow = &s.by_filter[((c * g.kh + ky) * g.kw + x0) * kp..((c * g.kh + ky) * g.kw + x1) * kp];
            for (kx, wv) in (x0..x1).zip(wrow.chunks_exact(kp)) {
                // Closed ranges: the loads below need no bounds checks of their own.
                let wv = &wv[k0..k0 + V * LANES];
                let w: [F4; V] = std::array::from_fn(|v| F4::load(&wv[v * LANES..v * LANES + LANES]));
                for (p, a) in acc.iter_mut().enumerate() {
                    let xs = F4::splat(xrow[lefts[p] + kx - g.pl]);
                    for (av, wv) in a.iter_mut().zip(w) {
                        *av = av.add(xs.mul(wv));
                    }
                }
            }
        }
        for (t, a) in total.iter_mut().zip(acc) {
            for (tv, av) in t.iter_mut().zip(a) {
                *tv = tv.add(av);
            }
        }
    }
    total
}

/// Adds this sample's gradients to `dw`, `db` and (when given) `dx`, as
/// [`conv_kernels::backward`](super::conv_kernels::backward).
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn backward(
    g: &Geom,
    s: &mut ConvScratch,
    x: &[f32],
    w: &[f32],
    gout: &[f32],
    dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
) {
    let Some(dx) = dx else {
        return weights_only(g, s, x, gout, dw, db);
    };
    let cp = padded(g.c);
    to_pixel_major(g, x, &mut s.x_by_pixel);
    let window = g.kh * g.kw;
    for (k, (filter, grads)) in w.chunks_exact(g.filter_len()).zip(dw.chunks_exact(g.filter_len())).enumerate() {
        for (c, (fc, gc)) in filter.chunks_exact(window).zip(grads.chunks_exact(window)).enumerate() {
            for (t, (&v, &d)) in fc.iter().zip(gc).enumerate() {
                let cell = window_order(g, c * window + t) - c * window;
                s.by_channel[(k * window + cell) * cp + c] = v;
                s.grad_by_channel[(k * window + cell) * cp + c] = d;
            }
        }
    }
    to_pixel_major(g, dx, &mut s.dx_by_pixel);
    match cp / LANES {
        1 => sweep::<true, 1>(g, s, gout, db),
        2 => sweep::<true, 2>(g, s, gout, db),
        _ => sweep::<true, 0>(g, s, gout, db),
    }
    from_pixel_major(g, &s.dx_by_pixel, dx);
    for (k, grads) in dw.chunks_exact_mut(g.filter_len()).enumerate() {
        for (c, gc) in grads.chunks_exact_mut(window).enumerate() {
            for (t, d) in gc.iter_mut().enumerate() {
                let cell = window_order(g, c * window + t) - c * window;
                *d = s.grad_by_channel[(k * window + cell) * cp + c];
            }
        }
    }
}

/// The first layer's backward pass: weight and bias gradients only, with filters in lanes (a
/// first layer often has one channel, which would fill a quarter of a channel vector).
/// Positions where all four filters' upstream gradients are 0 are skipped; elsewhere a lane
/// whose gradient is 0 adds 0·x, which changes no bit because the model's input is finite and
/// a sum that started at +0 is never −0. Each weight still sums over output positions in
/// row-major order, like the scalar loop.
#[cfg_attr(feature = "profile", inline(never))]
fn weights_only(g: &Geom, s: &mut ConvScratch, x: &[f32], gout: &[f32], dw: &mut [f32], db: &mut [f32]) {
    let (kp, flen, plane, positions) = (padded(g.k), g.filter_len(), g.h * g.w, g.oh * g.ow);
    for (k, (map, (grads, &b))) in gout.chunks_exact(positions).zip(dw.chunks_exact(flen).zip(db.iter())).enumerate() {
        for (p, &v) in map.iter().enumerate() {
            s.g_by_pixel[p * kp + k] = v;
        }
        for (j, &d) in grads.iter().enumerate() {
            s.grad_by_filter[window_order(g, j) * kp + k] = d;
        }
        s.grad_bias[k] = b;
    }
    for oy in 0..g.oh {
        let top = oy * g.s;
        let (y0, y1) = Geom::inside(top, g.pt, g.h, g.kh);
        for ox in 0..g.ow {
            let left = ox * g.s;
            let (x0, x1) = Geom::inside(left, g.pl, g.w, g.kw);
            let at = (oy * g.ow + ox) * kp;
            for k0 in (0..kp).step_by(LANES) {
                let gv = F4::load(&s.g_by_pixel[at + k0..at + k0 + LANES]);
                let bias = &mut s.grad_bias[k0..k0 + LANES];
                F4::load(bias).add(gv).store(bias);
                if gv.is_zero() {
                    continue;
                }
                for c in 0..g.c {
                    for ky in y0..y1 {
                        let xrow = &x[c * plane + (top + ky - g.pt) * g.w..][..g.w];
                        for kx in x0..x1 {
                            let xs = F4::splat(xrow[left + kx - g.pl]);
                            let o = ((c * g.kh + ky) * g.kw + kx) * kp + k0;
                            let d = &mut s.grad_by_filter[o..o + LANES];
                            F4::load(d).add(xs.mul(gv)).store(d);
                        }
                    }
                }
            }
        }
    }
    for (k, (grads, b)) in dw.chunks_exact_mut(flen).zip(db.iter_mut()).enumerate() {
        for (j, d) in grads.iter_mut().enumerate() {
            *d = s.grad_by_filter[window_order(g, j) * kp + k];
        }
        *b = s.grad_bias[k];
    }
}

/// A c×h×w input-sized map into the pixel-major layout.
fn to_pixel_major(g: &Geom, map: &[f32], by_pixel: &mut [f32]) {
    let cp = padded(g.c);
    for (c, plane) in map.chunks_exact(g.h * g.w).enumerate() {
        for (p, &v) in plane.iter().enumerate() {
            by_pixel[p * cp + c] = v;
        }
    }
}

/// The inverse of [`to_pixel_major`].
fn from_pixel_major(g: &Geom, by_pixel: &[f32], map: &mut [f32]) {
    let cp = padded(g.c);
    for (c, plane) in map.chunks_exact_mut(g.h * g.w).enumerate() {
        for (p, v) in plane.iter_mut().enumerate() {
            *v = by_pixel[p * cp + c];
        }
    }
}

/// The backward loop proper on the lane layouts; `DX` says whether dL/dx is wanted, `CV` is
/// the number of channel vectors when it is known at compile time (1 or 2: the loops over
/// them unroll), or 0 for any number.
#[cfg_attr(feature = "profile", inline(never))]
fn sweep<const DX: bool, const CV: usize>(g: &Geom, s: &mut ConvScratch, gout: &[f32], db: &mut [f32]) {
    let cp = if CV > 0 { CV * LANES } else { padded(g.c) };
    for k in 0..g.k {
        for oy in 0..g.oh {
            let top = oy * g.s;
            let (y0, y1) = Geom::inside(top, g.pt, g.h, g.kh);
            for ox in 0..g.ow {
                let go = gout[(k * g.oh + oy) * g.ow + ox];
                db[k] += go;
                if go == 0.0 {
                    continue;
                }
                let gs = F4::splat(go);
                let left = ox * g.s;
                let (x0, x1) = Geom::inside(left, g.pl, g.w, g.kw);
                for ky in y0..y1 {
                    let iy = top + ky - g.pt;
                    for kx in x0..x1 {
                        let xo = (iy * g.w + left + kx - g.pl) * cp;
                        let wo = ((k * g.kh + ky) * g.kw + kx) * cp;
                        let xs = &s.x_by_pixel[xo..xo + cp];
                        let grads = &mut s.grad_by_channel[wo..wo + cp];
                        for (gw, xv) in grads.chunks_exact_mut(LANES).zip(xs.chunks_exact(LANES)) {
                            F4::load(gw).add(gs.mul(F4::load(xv))).store(gw);
                        }
                        if DX {
                            let ws = &s.by_channel[wo..wo + cp];
                            let dxs = &mut s.dx_by_pixel[xo..xo + cp];
                            for (d, wv) in dxs.chunks_exact_mut(LANES).zip(ws.chunks_exact(LANES)) {
                                F4::load(d).add(gs.mul(F4::load(wv))).store(d);
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The fast loops against the scalar reference loops, bit for bit, on random geometries
    //! (channels and filters that fill no whole vector, strides, uneven padding, flipping) and
    //! random values, with upstream gradients that are often exactly 0 as below a max pooling.
    use super::super::conv::{Conv2dParams, Filters};
    use super::super::conv_kernels;
    use super::super::shape::Padding;
    use super::super::tensor::Shape;
    use super::*;
    use proptest::prelude::*;

    fn geometry() -> impl Strategy<Value = Geom> {
        (1usize..11, 1usize..10, 1usize..10, 1usize..11, 1usize..5, 1usize..4, 0usize..3, 0usize..3, any::<bool>())
            .prop_filter_map("kernel must fit", |(c, h, w, k, f, s, pt, pl, flip)| {
                let input = Shape::new(c, h, w);
                let filters = Filters::new(k, c, f, f, vec![0.0; k * c * f * f]).ok()?;
                let padding = Padding { top: pt, bottom: pl, left: pl, right: pt };
                let p = Conv2dParams::new(input, &filters, padding, s, flip).ok()?;
                Some(Geom::of(&p))
            })
    }

    fn values(n: usize, seed: u64, zeros: bool) -> Vec<f32> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let r = (state >> 11) as f32 / (1u64 << 53) as f32;
                if zeros && state % 3 != 0 {
                    0.0
                } else {
                    r * 4.0 - 2.0
                }
            })
            .collect()
    }

    fn bits(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn fast_loops_equal_the_scalar_reference(g in geometry(), seed in any::<u64>()) {
            let (xlen, wlen, olen) = (g.c * g.h * g.w, g.k * g.filter_len(), g.k * g.oh * g.ow);
            let (x, w, b) = (values(xlen, seed, false), values(wlen, seed + 1, false), values(g.k, seed + 2, false));
            let mut scratch = ConvScratch::new(&g);
            let (mut fast, mut slow) = (vec![0.0; olen], vec![0.0; olen]);
            forward(&g, &mut scratch, &x, &w, &b, &mut fast);
            conv_kernels::forward(&g, &x, &w, &b, &mut slow);
            prop_assert_eq!(bits(&fast), bits(&slow));

            let gout = values(olen, seed + 3, true);
            // Gradients already pending from an earlier sample of the batch, and a dL/dx to add to.
            let (dw0, db0, dx0) = (values(wlen, seed + 4, false), values(g.k, seed + 5, false), values(xlen, seed + 6, false));
            let (mut dw_f, mut db_f, mut dx_f) = (dw0.clone(), db0.clone(), dx0.clone());
            let (mut dw_s, mut db_s, mut dx_s) = (dw0, db0, dx0);
            backward(&g, &mut scratch, &x, &w, &gout, Some(&mut dx_f), &mut dw_f, &mut db_f);
            conv_kernels::backward(&g, &x, &w, &gout, Some(&mut dx_s), &mut dw_s, &mut db_s);
            prop_assert_eq!(bits(&dw_f), bits(&dw_s));
            prop_assert_eq!(bits(&db_f), bits(&db_s));
            prop_assert_eq!(bits(&dx_f), bits(&dx_s));

            // A first layer: no dL/dx, filters in lanes.
            let (mut dw_f, mut db_f) = (dw_s.clone(), db_s.clone());
            backward(&g, &mut scratch, &x, &w, &gout, None, &mut dw_f, &mut db_f);
            conv_kernels::backward(&g, &x, &w, &gout, None, &mut dw_s, &mut db_s);
            prop_assert_eq!(bits(&dw_f), bits(&dw_s));
            prop_assert_eq!(bits(&db_f), bits(&db_s));
        }
    }
}
