//! The forward loop: filters in lanes, two neighbouring windows sharing each weight load.

use super::super::conv_kernels::Geom;
use super::super::lanes::{padded, F4, LANES};
use super::{window_order, ConvScratch};

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
    let store = |out: &mut [f32], oy: usize, ox: usize, total: [F4; V]| store_position(g, s, k0, oy * g.ow + ox, total, out);
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

/// Adds the biases to the sums of filters `k0 .. k0 + 4V` at output position `at` (row-major)
/// and writes each filter's value to its plane of `out`.
#[inline(always)]
fn store_position<const V: usize>(g: &Geom, s: &ConvScratch, k0: usize, at: usize, total: [F4; V], out: &mut [f32]) {
    let plane = g.oh * g.ow;
    for (v, t) in total.into_iter().enumerate() {
        let first = k0 + v * LANES;
        let values = t.add(F4::load(&s.bias[first..first + LANES])).to_array();
        let live = g.k.min(first + LANES) - first;
        if live == LANES {
            // The common case (filters in whole vectors): four stores a plane apart, one check.
            let block = &mut out[first * plane + at..][..3 * plane + 1];
            for (lane, value) in values.into_iter().enumerate() {
                block[lane * plane] = value;
            }
        } else {
            for (lane, value) in values.into_iter().enumerate().take(live) {
                out[(first + lane) * plane + at] = value;
            }
        }
    }
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

