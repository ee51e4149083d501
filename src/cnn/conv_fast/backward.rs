//! The backward loops: channels in lanes (with dL/dx), or filters in lanes for a first layer.

use super::super::conv_kernels::Geom;
use super::super::lanes::{padded, F4, LANES};
use super::{from_pixel_major, to_pixel_major, window_order, ConvScratch};

/// Adds this sample's gradients to `dw`, `db` and (when given) `dx`, as
/// [`conv_kernels::backward`](super::conv_kernels::backward).
#[allow(clippy::too_many_arguments)]
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
    let (kp, flen, positions) = (padded(g.k), g.filter_len(), g.oh * g.ow);
    for (k, (map, (grads, &b))) in gout.chunks_exact(positions).zip(dw.chunks_exact(flen).zip(db.iter())).enumerate() {
        for (p, &v) in map.iter().enumerate() {
            s.g_by_pixel[p * kp + k] = v;
        }
        for (j, &d) in grads.iter().enumerate() {
            s.grad_by_filter[window_order(g, j) * kp + k] = d;
        }
        s.grad_bias[k] = b;
    }
    if (g.c, g.kh, g.kw) == (1, 3, 3) {
        for k0 in (0..kp).step_by(LANES) {
            one_channel_3x3(g, s, x, k0);
        }
    } else {
        any_window(g, s, x);
    }
    for (k, (grads, b)) in dw.chunks_exact_mut(flen).zip(db.iter_mut()).enumerate() {
        for (j, d) in grads.iter_mut().enumerate() {
            *d = s.grad_by_filter[window_order(g, j) * kp + k];
        }
        *b = s.grad_bias[k];
    }
}

/// [`weights_only`] for one gray channel under a 3×3 kernel (the usual first layer), filters
/// `k0 .. k0 + 4`: the nine weight-gradient vectors and the bias vector stay in registers for
/// the whole sweep instead of going to memory and back at every position. The terms, their
/// order and the skipped ones are those of the general loop.
#[cfg_attr(feature = "profile", inline(never))]
fn one_channel_3x3(g: &Geom, s: &mut ConvScratch, x: &[f32], k0: usize) {
    let kp = padded(g.k);
    let mut acc: [F4; 9] = std::array::from_fn(|j| F4::load(&s.grad_by_filter[j * kp + k0..]));
    let mut bias = F4::load(&s.grad_bias[k0..]);
    for oy in 0..g.oh {
        let top = oy * g.s;
        let (y0, y1) = Geom::inside(top, g.pt, g.h, 3);
        for ox in 0..g.ow {
            let at = (oy * g.ow + ox) * kp + k0;
            let gv = F4::load(&s.g_by_pixel[at..at + LANES]);
            bias = bias.add(gv);
            if gv.is_zero() {
                continue;
            }
            let left = ox * g.s;
            let (x0, x1) = Geom::inside(left, g.pl, g.w, 3);
            // Constant cell indices (the loops unroll), so `acc` never leaves the registers.
            for ky in 0..3 {
                if ky < y0 || ky >= y1 {
                    continue;
                }
                let xrow = &x[(top + ky - g.pt) * g.w..][..g.w];
                for kx in 0..3 {
                    if kx >= x0 && kx < x1 {
                        let j = ky * 3 + kx;
                        acc[j] = acc[j].add(F4::splat(xrow[left + kx - g.pl]).mul(gv));
                    }
                }
            }
        }
    }
    for (j, a) in acc.into_iter().enumerate() {
        a.store(&mut s.grad_by_filter[j * kp + k0..]);
    }
    bias.store(&mut s.grad_bias[k0..]);
}

/// [`weights_only`] for any channels and window: the gradient vectors in memory.
#[cfg_attr(feature = "profile", inline(never))]
fn any_window(g: &Geom, s: &mut ConvScratch, x: &[f32]) {
    let (kp, plane) = (padded(g.k), g.h * g.w);
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

