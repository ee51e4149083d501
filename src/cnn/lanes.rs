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
        f32x4_add, f32x4_extract_lane, f32x4_gt, f32x4_mul, f32x4_pmax, f32x4_splat, v128, v128_and, v128_load,
        v128_store,
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
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
    }
}

pub(crate) use imp::F4;

/// ReLU of one value, as every lane computes it.
#[inline(always)]
fn relu1(v: f32) -> f32 {
    if v > 0.0 {
        v
    } else {
        0.0
    }
}

/// dL/dx of ReLU for one value: the upstream gradient times the slope (0 at the kink).
#[inline(always)]
fn relu_grad1(g: f32, x: f32) -> f32 {
    g * if x > 0.0 { 1.0 } else { 0.0 }
}

/// `y = relu(x)`, element-wise.
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
pub(crate) fn relu_backward(x: &[f32], gy: &[f32], gx: &mut [f32]) {
    let whole = x.len() / LANES * LANES;
    for ((d, g), i) in gx[..whole].chunks_exact_mut(LANES).zip(gy.chunks_exact(LANES)).zip(x.chunks_exact(LANES)) {
        F4::load(g).relu_grad(F4::load(i)).store(d);
    }
    for ((d, &g), &i) in gx[whole..].iter_mut().zip(&gy[whole..]).zip(&x[whole..]) {
        *d = relu_grad1(g, i);
    }
}

/// `y += a · x`, element-wise (each element gets one product, so any width gives the same bits).
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
