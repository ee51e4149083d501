//! Four f32 lanes: WebAssembly SIMD128 in the browser, plain arrays elsewhere.
//!
//! Both versions do the same IEEE single-precision operations, lane by lane, in the same order
//! (a multiply, then an add: SIMD128 has no fused multiply-add), so what the host tests compute
//! with the array version is bit for bit what the browser computes with SIMD. The fast loops
//! built on this ([`super::conv_fast`]) are therefore checked on the host against the scalar
//! reference loops, exactly.

/// Lanes per vector.
pub(crate) const LANES: usize = 4;

/// `n` rounded up to whole vectors.
pub(crate) fn padded(n: usize) -> usize {
    n.div_ceil(LANES) * LANES
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        f32x4_add, f32x4_extract_lane, f32x4_gt, f32x4_mul, f32x4_ne, f32x4_pmax, f32x4_splat, i32x4_shuffle, v128,
        v128_and, v128_any_true, v128_bitselect, v128_load, v128_store,
    };

    /// Four f32 lanes in one SIMD128 register.
    #[derive(Clone, Copy)]
    pub(crate) struct F4(v128);

    impl F4 {
        #[inline(always)]
        pub fn zero() -> Self {
            F4(f32x4_splat(0.0))
        }
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            F4(f32x4_splat(v))
        }
        /// The first four values of `s` (which must hold at least four).
        #[inline(always)]
        pub fn load(s: &[f32]) -> Self {
            let s = &s[..4];
            // SAFETY: `s` has four f32 (16 bytes); wasm loads need no alignment.
            F4(unsafe { v128_load(s.as_ptr().cast::<v128>()) })
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f32]) {
            let s = &mut s[..4];
            // SAFETY: as in `load`.
            unsafe { v128_store(s.as_mut_ptr().cast::<v128>(), self.0) }
        }
        #[inline(always)]
        pub fn add(self, o: Self) -> Self {
            F4(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn mul(self, o: Self) -> Self {
            F4(f32x4_mul(self.0, o.0))
        }
        /// Per lane `if v > 0 { v } else { 0 }` (pmax(0, v) is exactly that, −0 and NaN included).
        #[inline(always)]
        pub fn relu(self) -> Self {
            F4(f32x4_pmax(f32x4_splat(0.0), self.0))
        }
        /// Per lane `g · (1 if x > 0 else 0)`.
        #[inline(always)]
        pub fn relu_grad(self, x: Self) -> Self {
            let step = v128_and(f32x4_gt(x.0, f32x4_splat(0.0)), f32x4_splat(1.0));
            F4(f32x4_mul(self.0, step))
        }
        /// True when every lane is ±0.
        #[inline(always)]
        pub fn is_zero(self) -> bool {
            !v128_any_true(f32x4_ne(self.0, f32x4_splat(0.0)))
        }
        /// Lanes 0, 2 of `a` then 0, 2 of `b`: the even entries of eight values.
        #[inline(always)]
        pub fn evens(a: Self, b: Self) -> Self {
            F4(i32x4_shuffle::<0, 2, 4, 6>(a.0, b.0))
        }
        /// The odd entries of eight values.
        #[inline(always)]
        pub fn odds(a: Self, b: Self) -> Self {
            F4(i32x4_shuffle::<1, 3, 5, 7>(a.0, b.0))
        }
        /// Per lane: where `v > best`, `v` becomes the best and `tag` its tag.
        #[inline(always)]
        pub fn take_greater(best: Self, tags: Self, v: Self, tag: f32) -> (Self, Self) {
            let m = f32x4_gt(v.0, best.0);
            (F4(v128_bitselect(v.0, best.0, m)), F4(v128_bitselect(f32x4_splat(tag), tags.0, m)))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            [
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use super::{relu1, relu_grad1};

    /// Four f32 lanes as an array: the same arithmetic as the SIMD version, lane by lane.
    #[derive(Clone, Copy)]
    pub(crate) struct F4([f32; 4]);

    impl F4 {
        #[inline(always)]
        pub fn zero() -> Self {
            F4([0.0; 4])
        }
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            F4([v; 4])
        }
        #[inline(always)]
        pub fn load(s: &[f32]) -> Self {
            F4([s[0], s[1], s[2], s[3]])
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f32]) {
            s[..4].copy_from_slice(&self.0);
        }
        #[inline(always)]
        pub fn add(self, o: Self) -> Self {
            F4(std::array::from_fn(|i| self.0[i] + o.0[i]))
        }
        #[inline(always)]
        pub fn mul(self, o: Self) -> Self {
            F4(std::array::from_fn(|i| self.0[i] * o.0[i]))
        }
        #[inline(always)]
        pub fn relu(self) -> Self {
            F4(self.0.map(relu1))
        }
        #[inline(always)]
        pub fn relu_grad(self, x: Self) -> Self {
            F4(std::array::from_fn(|i| relu_grad1(self.0[i], x.0[i])))
        }
        #[inline(always)]
        pub fn is_zero(self) -> bool {
            self.0.iter().all(|&v| v == 0.0)
        }
        #[inline(always)]
        pub fn evens(a: Self, b: Self) -> Self {
            F4([a.0[0], a.0[2], b.0[0], b.0[2]])
        }
        #[inline(always)]
        pub fn odds(a: Self, b: Self) -> Self {
            F4([a.0[1], a.0[3], b.0[1], b.0[3]])
        }
        #[inline(always)]
        pub fn take_greater(best: Self, tags: Self, v: Self, tag: f32) -> (Self, Self) {
            let (mut b, mut t) = (best.0, tags.0);
            for i in 0..4 {
                if v.0[i] > b[i] {
                    (b[i], t[i]) = (v.0[i], tag);
                }
            }
            (F4(b), F4(t))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
    }
}

pub(crate) use imp::F4;

// The scalar ReLU the lanes must equal is the core's own, the one the panels trace.
use super::activation::{relu as relu1, Activation};

/// dL/dx of ReLU for one value: the upstream gradient times the slope the traced backward
/// pass uses (0 at the kink).
#[inline(always)]
fn relu_grad1(g: f32, x: f32) -> f32 {
    g * Activation::Relu.derivative(x)
}

/// `y = relu(x)`, element-wise.
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn relu(x: &[f32], y: &mut [f32]) {
    let (xv, xr) = x.split_at(x.len() / LANES * LANES);
    let (yv, yr) = y.split_at_mut(xv.len());
    for (o, i) in yv.chunks_exact_mut(LANES).zip(xv.chunks_exact(LANES)) {
        F4::load(i).relu().store(o);
    }
    for (o, &i) in yr.iter_mut().zip(xr) {
        *o = relu1(i);
    }
}

/// `gx = gy · relu'(x)`, element-wise.
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn relu_backward(x: &[f32], gy: &[f32], gx: &mut [f32]) {
    let whole = x.len() / LANES * LANES;
    for ((d, g), i) in gx[..whole].chunks_exact_mut(LANES).zip(gy.chunks_exact(LANES)).zip(x.chunks_exact(LANES)) {
        F4::load(g).relu_grad(F4::load(i)).store(d);
    }
    for ((d, &g), &i) in gx[whole..].iter_mut().zip(&gy[whole..]).zip(&x[whole..]) {
        *d = relu_grad1(g, i);
    }
}

/// One row of 2×2, stride-2 max pooling: `upper` and `lower` are two input rows (2·n values
/// each, starting at input index `first`, `row` apart), `y` the n outputs and `winners`, when
/// wanted, their input indices. Four windows at a time, each comparing its cells in row-major
/// order with a strict `>`, so the first maximum wins exactly as in the scalar loop.
pub(crate) fn max_pool_row(upper: &[f32], lower: &[f32], first: usize, row: usize, y: &mut [f32], winners: Option<&mut [usize]>) {
    match winners {
        Some(winners) => pool_row::<true>(upper, lower, first, row, y, winners),
        None => pool_row::<false>(upper, lower, first, row, y, &mut []),
    }
}

#[inline(always)]
fn pool_row<const WINNERS: bool>(upper: &[f32], lower: &[f32], first: usize, row: usize, y: &mut [f32], winners: &mut [usize]) {
    let n = y.len();
    let whole = n / LANES * LANES;
    for ox in (0..whole).step_by(LANES) {
        let (u, l) = (&upper[2 * ox..2 * ox + 8], &lower[2 * ox..2 * ox + 8]);
        let (u0, u1, l0, l1) = (F4::load(&u[..4]), F4::load(&u[4..]), F4::load(&l[..4]), F4::load(&l[4..]));
        let (best, tags) = (F4::evens(u0, u1), F4::zero());
        let (best, tags) = F4::take_greater(best, tags, F4::odds(u0, u1), 1.0);
        let (best, tags) = F4::take_greater(best, tags, F4::evens(l0, l1), 2.0);
        let (best, tags) = F4::take_greater(best, tags, F4::odds(l0, l1), 3.0);
        best.store(&mut y[ox..ox + LANES]);
        if WINNERS {
            for (lane, tag) in tags.to_array().into_iter().enumerate() {
                let i = first + 2 * (ox + lane);
                winners[ox + lane] = i + [0, 1, row, row + 1][tag as usize & 3];
            }
        }
    }
    for ox in whole..n {
        let i = 2 * ox;
        let (mut best, mut winner) = (upper[i], first + i);
        for (v, j) in [(upper[i + 1], first + i + 1), (lower[i], first + i + row), (lower[i + 1], first + i + row + 1)] {
            if v > best {
                best = v;
                winner = j;
            }
        }
        y[ox] = best;
        if WINNERS {
            winners[ox] = winner;
        }
    }
}

/// `y += a · x`, element-wise (each element gets one product, so any width gives the same bits).
#[cfg_attr(feature = "profile", inline(never))]
pub(crate) fn add_scaled(a: f32, x: &[f32], y: &mut [f32]) {
    let whole = x.len().min(y.len()) / LANES * LANES;
    let av = F4::splat(a);
    for (o, i) in y[..whole].chunks_exact_mut(LANES).zip(x[..whole].chunks_exact(LANES)) {
        F4::load(o).add(av.mul(F4::load(i))).store(o);
    }
    for (o, &i) in y[whole..].iter_mut().zip(&x[whole..]) {
        *o += a * i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bits(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    proptest! {
        /// The four-window pooling row against the plain definition: ties (values drawn from a
        /// few levels) must pick the first maximum in row-major order.
        #[test]
        fn max_pool_row_picks_the_first_maximum(levels in proptest::collection::vec(0u8..3, 2..40), first in 0usize..100, row in 50usize..60) {
            let n = levels.len() / 2;
            let v: Vec<f32> = levels.iter().map(|&l| f32::from(l) - 1.0).collect();
            let (upper, lower) = (&v[..n], &v[n..2 * n]);
            let (upper, lower) = (&upper[..n / 2 * 2], &lower[..n / 2 * 2]);
            let outs = n / 2;
            let (mut y, mut w) = (vec![0.0; outs], vec![0usize; outs]);
            max_pool_row(upper, lower, first, row, &mut y, Some(&mut w));
            let mut y_only = vec![0.0; outs];
            max_pool_row(upper, lower, first, row, &mut y_only, None);
            prop_assert_eq!(bits(&y_only), bits(&y));
            for ox in 0..outs {
                let cells = [(upper[2 * ox], 0), (upper[2 * ox + 1], 1), (lower[2 * ox], row), (lower[2 * ox + 1], row + 1)];
                let (mut best, mut at) = cells[0];
                for &(c, o) in &cells[1..] {
                    if c > best {
                        (best, at) = (c, o);
                    }
                }
                prop_assert_eq!(y[ox].to_bits(), best.to_bits());
                prop_assert_eq!(w[ox], first + 2 * ox + at);
            }
        }
    }

    #[test]
    fn relu_lanes_are_the_scalar_relu() {
        let x = [-0.0f32, 0.0, -1.5, 2.5, f32::NAN, -f32::INFINITY, 1e-45, 3.0, -2.0];
        let mut y = [9.0f32; 9];
        relu(&x, &mut y);
        for (a, b) in x.iter().zip(y) {
            assert_eq!(relu1(*a).to_bits(), b.to_bits(), "relu({a})");
        }
        let g = [1.0f32, -1.0, 2.0, -3.0, 4.0, 5.0, -6.0, 7.0, 8.0];
        let mut d = [9.0f32; 9];
        relu_backward(&x, &g, &mut d);
        for ((a, gv), dv) in x.iter().zip(g).zip(d) {
            assert_eq!(relu_grad1(gv, *a).to_bits(), dv.to_bits(), "relu'({a})·{gv}");
        }
    }
}
