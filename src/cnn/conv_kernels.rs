//! The convolution loops on plain slices, shared by [`conv2d_backward`](super::conv2d_backward)
//! and the model's training loop (which calls them on preallocated buffers, so a training
//! step allocates nothing).
//!
//! The forward loop adds in exactly the order of [`conv2d`](super::conv2d): per output value,
//! each channel's terms in kernel row-major order, then the channel sums in channel order, then
//! the bias. Zeros of the padding are skipped: adding the product 0·w to a sum that started at
//! +0 changes nothing, so the results are bit for bit those of `conv2d`.
//!
//! The backward loop visits output values filter-major then row-major and, for each, the
//! window in channel, row, column order. A weight's gradient therefore sums its products in
//! output row-major order, the order [`weight_gradient_trace`](super::weight_gradient_trace)
//! lists them. Output gradients that are exactly 0 (most of them below a max pooling) are
//! skipped; for finite inputs that changes no bit either.

use super::conv::Conv2dParams;

/// Everything the loops need, in plain numbers; built only from checked [`Conv2dParams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Geom {
    /// Input channels, height, width.
    pub c: usize,
    pub h: usize,
    pub w: usize,
    /// Number of filters.
    pub k: usize,
    /// Kernel height and width.
    pub kh: usize,
    pub kw: usize,
    /// Stride.
    pub s: usize,
    /// Zeros above and left of the input.
    pub pt: usize,
    pub pl: usize,
    /// Output height and width.
    pub oh: usize,
    pub ow: usize,
    /// True convolution (kernel flipped in both axes).
    pub flip: bool,
}

impl Geom {
    /// The geometry of checked parameters.
    pub fn of(p: &Conv2dParams) -> Self {
        Geom {
            c: p.input.c,
            h: p.input.h,
            w: p.input.w,
            k: p.filters,
            kh: p.kh,
            kw: p.kw,
            s: p.stride,
            pt: p.padding.top,
            pl: p.padding.left,
            oh: p.out_h(),
            ow: p.out_w(),
            flip: p.flip,
        }
    }

    /// Values of one filter (depth × kh × kw).
    pub fn filter_len(&self) -> usize {
        self.c * self.kh * self.kw
    }

    /// The window cells `start..end` along one axis that lie on the input rather than the
    /// padding, for a window starting at padded coordinate `start`.
    pub(crate) fn inside(start: usize, pad: usize, n: usize, f: usize) -> (usize, usize) {
        let first = pad.saturating_sub(start);
        let last = (n + pad).saturating_sub(start).min(f);
        (first, last.max(first))
    }

    /// The weight row (or column) used at window cell `i`, after flipping if flipped.
    pub(crate) fn cell(&self, i: usize, f: usize) -> usize {
        if self.flip {
            f - 1 - i
        } else {
            i
        }
    }
}

/// The scalar reference for [`conv_fast::forward`](super::conv_fast::forward) (tested equal bit
/// for bit); the traced [`conv2d`](super::conv2d) has the same order of additions.
#[cfg_attr(not(test), allow(dead_code))]
/// `out = conv(x, w) + bias`, with `x` (c×h×w), `w` (filters, core layout), `bias` (one per
/// filter) and `out` (k×oh×ow) of the geometry's sizes.
pub(crate) fn forward(g: &Geom, x: &[f32], w: &[f32], bias: &[f32], out: &mut [f32]) {
    let (plane, ksz, flen) = (g.h * g.w, g.kh * g.kw, g.filter_len());
    for k in 0..g.k {
        let wk = &w[k * flen..(k + 1) * flen];
        for oy in 0..g.oh {
            let top = oy * g.s;
            let (y0, y1) = Geom::inside(top, g.pt, g.h, g.kh);
            for ox in 0..g.ow {
                let left = ox * g.s;
                let (x0, x1) = Geom::inside(left, g.pl, g.w, g.kw);
                let mut total = 0.0f32;
                for c in 0..g.c {
                    let (xc, wc) = (&x[c * plane..(c + 1) * plane], &wk[c * ksz..(c + 1) * ksz]);
                    let mut acc = 0.0f32;
                    for ky in y0..y1 {
                        let xrow = &xc[(top + ky - g.pt) * g.w..][..g.w];
                        let wrow = &wc[g.cell(ky, g.kh) * g.kw..][..g.kw];
                        for kx in x0..x1 {
                            acc += xrow[left + kx - g.pl] * wrow[g.cell(kx, g.kw)];
                        }
                    }
                    total += acc;
                }
                out[(k * g.oh + oy) * g.ow + ox] = total + bias[k];
            }
        }
    }
}

/// Adds this sample's gradients to `dw` (filters, core layout) and `db` (one per filter) and,
/// when given, to `dx` (c×h×w; pass zeros for a fresh gradient), for the upstream gradient
/// `gout` (k×oh×ow).
pub(crate) fn backward(
    g: &Geom,
    x: &[f32],
    w: &[f32],
    gout: &[f32],
    mut dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
) {
    let (plane, ksz, flen) = (g.h * g.w, g.kh * g.kw, g.filter_len());
    for k in 0..g.k {
        let wk = &w[k * flen..(k + 1) * flen];
        let dwk = &mut dw[k * flen..(k + 1) * flen];
        for oy in 0..g.oh {
            let top = oy * g.s;
            let (y0, y1) = Geom::inside(top, g.pt, g.h, g.kh);
            for ox in 0..g.ow {
                let go = gout[(k * g.oh + oy) * g.ow + ox];
                db[k] += go;
                if go == 0.0 {
                    continue;
                }
                let left = ox * g.s;
                let (x0, x1) = Geom::inside(left, g.pl, g.w, g.kw);
                for c in 0..g.c {
                    let xc = &x[c * plane..(c + 1) * plane];
                    for ky in y0..y1 {
                        let iy = top + ky - g.pt;
                        let wi = c * ksz + g.cell(ky, g.kh) * g.kw;
                        for kx in x0..x1 {
                            let ix = left + kx - g.pl;
                            let wj = wi + g.cell(kx, g.kw);
                            dwk[wj] += go * xc[iy * g.w + ix];
                            if let Some(d) = dx.as_deref_mut() {
                                d[c * plane + iy * g.w + ix] += go * wk[wj];
                            }
                        }
                    }
                }
            }
        }
    }
}
