//! Initial weights: Glorot-uniform and He-uniform from a seeded [`Mulberry32`] stream, the
//! reference workload's published initial weights (seed 44), and conversions from the
//! published layouts to the core's.
//!
//! Published layouts (Keras/TF.js order, as `/work/shared/bench-workload.md` draws them):
//! - convolution kernel `[kh][kw][c_in][c_out]` (HWIO): index `((y·kw + x)·c_in + c)·c_out + k`;
//! - dense kernel `[n_in][n_out]`: index `i·n_out + o`, where for the workload the 256
//!   inputs are the flattened 4×4×16 map in (y, x, channel) order.
//!
//! Core layouts: [`Filters`] is filter-major, then channel, then row-major
//! (`((k·depth + c)·kh + y)·kw + x`); dense weights are out × in, row-major (`o·n_in + i`).

use super::conv::Filters;
use super::data::NUM_CLASSES;
use super::error::{CnnError, Result};
use super::rng::Mulberry32;
use super::tensor::check_range;
use serde::{Deserialize, Serialize};

/// Seed of the reference workload's initial weights.
pub const WEIGHT_SEED: u32 = 44;
/// The most values one initialiser call draws (a guard against absurd allocations).
pub const MAX_INIT_VALUES: usize = 1 << 24;

/// Glorot (Xavier) uniform limit √(6 / (fan_in + fan_out)); refused when both fans are 0.
pub fn glorot_limit(fan_in: usize, fan_out: usize) -> Result<f64> {
    let sum = fan_in.checked_add(fan_out).ok_or(CnnError::Overflow { what: "fan_in + fan_out" })?;
    check_range("fan_in + fan_out", sum, 1, usize::MAX)?;
    Ok((6.0 / sum as f64).sqrt())
}

/// He (Kaiming) uniform limit √(6 / fan_in); refused when fan_in is 0.
pub fn he_limit(fan_in: usize) -> Result<f64> {
    check_range("fan_in", fan_in, 1, usize::MAX)?;
    Ok((6.0 / fan_in as f64).sqrt())
}

/// `count` values `(r·2 − 1)·limit`, computed in f64 and stored as f32, continuing `rng`.
fn draw(rng: &mut Mulberry32, count: usize, limit: f64) -> Result<Vec<f32>> {
    check_range("number of weights", count, 0, MAX_INIT_VALUES)?;
    Ok((0..count).map(|_| rng.symmetric(limit) as f32).collect())
}

/// `count` Glorot-uniform values drawn from an existing stream (so several tensors can share
/// one stream, as the workload's three kernels do).
pub fn glorot_uniform_from(rng: &mut Mulberry32, count: usize, fan_in: usize, fan_out: usize) -> Result<Vec<f32>> {
    draw(rng, count, glorot_limit(fan_in, fan_out)?)
}

/// `count` Glorot-uniform values, uniform in [−limit, limit) with limit √(6/(fan_in+fan_out)),
/// from a fresh stream of `seed`.
pub fn glorot_uniform(seed: u32, count: usize, fan_in: usize, fan_out: usize) -> Result<Vec<f32>> {
    glorot_uniform_from(&mut Mulberry32::new(seed), count, fan_in, fan_out)
}

/// `count` He-uniform values drawn from an existing stream.
pub fn he_uniform_from(rng: &mut Mulberry32, count: usize, fan_in: usize) -> Result<Vec<f32>> {
    draw(rng, count, he_limit(fan_in)?)
}

/// `count` He-uniform values, uniform in [−limit, limit) with limit √(6/fan_in) (suited to
/// ReLU layers), from a fresh stream of `seed`.
pub fn he_uniform(seed: u32, count: usize, fan_in: usize) -> Result<Vec<f32>> {
    he_uniform_from(&mut Mulberry32::new(seed), count, fan_in)
}

/// Fans of a convolution kernel as Keras counts them: (kh·kw·c_in, kh·kw·c_out).
pub fn conv_fans(kh: usize, kw: usize, c_in: usize, c_out: usize) -> Result<(usize, usize)> {
    let field = kh.checked_mul(kw).ok_or(CnnError::Overflow { what: "kernel area" })?;
    let fan_in = field.checked_mul(c_in).ok_or(CnnError::Overflow { what: "fan_in" })?;
    let fan_out = field.checked_mul(c_out).ok_or(CnnError::Overflow { what: "fan_out" })?;
    Ok((fan_in, fan_out))
}

fn product(what: &'static str, dims: &[usize]) -> Result<usize> {
    dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d).ok_or(CnnError::Overflow { what }))
}

fn check_len(what: &'static str, shape: String, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(CnnError::DataLength { what, shape, expected, got })
    }
}

/// Converts a published convolution kernel `[kh][kw][c_in][c_out]` into the core's
/// [`Filters`] (c_out filters of depth c_in).
pub fn filters_from_hwio(data: &[f32], kh: usize, kw: usize, c_in: usize, c_out: usize) -> Result<Filters> {
    let n = product("kernel size", &[kh, kw, c_in, c_out])?;
    check_len("kernel [kh][kw][c_in][c_out]", format!("[{kh}][{kw}][{c_in}][{c_out}]"), n, data.len())?;
    let mut out = vec![0.0; n];
    for y in 0..kh {
        for x in 0..kw {
            for c in 0..c_in {
                for k in 0..c_out {
                    out[((k * c_in + c) * kh + y) * kw + x] = data[((y * kw + x) * c_in + c) * c_out + k];
                }
            }
        }
    }
    Filters::new(c_out, c_in, kh, kw, out)
}

/// The inverse of [`filters_from_hwio`]: the core's filters in `[kh][kw][c_in][c_out]` order.
/// Refused if the filters' dimensions no longer match their data.
pub fn filters_to_hwio(filters: &Filters) -> Result<Vec<f32>> {
    let (kh, kw, c_in, c_out) = (filters.kh, filters.kw, filters.depth, filters.count);
    let n = product("kernel size", &[kh, kw, c_in, c_out])?;
    check_len("filters", format!("{c_out} × {kh}×{kw}×{c_in}"), n, filters.data().len())?;
    let mut out = vec![0.0; n];
    for k in 0..c_out {
        for c in 0..c_in {
            for y in 0..kh {
                for x in 0..kw {
                    out[((y * kw + x) * c_in + c) * c_out + k] = filters.get(k, c, y, x);
                }
            }
        }
    }
    Ok(out)
}

/// Transposes a published dense kernel `[n_in][n_out]` into out × in, row-major, keeping the
/// order of the inputs.
pub fn dense_in_out_to_out_in(data: &[f32], n_in: usize, n_out: usize) -> Result<Vec<f32>> {
    let n = product("dense size", &[n_in, n_out])?;
    check_len("dense kernel [n_in][n_out]", format!("[{n_in}][{n_out}]"), n, data.len())?;
    let mut out = vec![0.0; n];
    for i in 0..n_in {
        for o in 0..n_out {
            out[o * n_in + i] = data[i * n_out + o];
        }
    }
    Ok(out)
}

/// Like [`dense_in_out_to_out_in`], for a dense layer whose inputs are an h×w×c map flattened
/// in (y, x, channel) order (Keras), re-ordering the inputs to the core's channel-major
/// (channel, y, x) flattening: out × (c·h·w), row-major.
pub fn dense_hwc_to_out_chw(data: &[f32], h: usize, w: usize, c: usize, n_out: usize) -> Result<Vec<f32>> {
    let n_in = product("dense size", &[h, w, c])?;
    let transposed = dense_in_out_to_out_in(data, n_in, n_out)?;
    let mut out = vec![0.0; transposed.len()];
    for o in 0..n_out {
        for y in 0..h {
            for x in 0..w {
                for ch in 0..c {
                    out[o * n_in + (ch * h + y) * w + x] = transposed[o * n_in + (y * w + x) * c + ch];
                }
            }
        }
    }
    Ok(out)
}

/// The reference network's initial kernels in their published layouts (biases are all 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceWeights {
    /// conv1, `[3][3][1][8]` (72 values).
    pub conv1: Vec<f32>,
    /// conv2, `[3][3][8][16]` (1,152 values).
    pub conv2: Vec<f32>,
    /// dense, `[256][5]` (1,280 values); inputs in (y, x, channel) order of the 4×4×16 map.
    pub dense: Vec<f32>,
}

/// conv1 of the workload: kh, kw, c_in, c_out.
pub const CONV1_DIMS: [usize; 4] = [3, 3, 1, 8];
/// conv2 of the workload: kh, kw, c_in, c_out.
pub const CONV2_DIMS: [usize; 4] = [3, 3, 8, 16];
/// The map the dense layer reads: h, w, c (4·4·16 = 256 inputs).
pub const DENSE_INPUT_DIMS: [usize; 3] = [4, 4, 16];

impl ReferenceWeights {
    /// Draws the three kernels from one stream of `seed`, in the order conv1, conv2, dense,
    /// each `(r·2 − 1)·limit` with fans 9/72, 72/144 and 256/5.
    pub fn generate(seed: u32) -> Self {
        let mut rng = Mulberry32::new(seed);
        let mut kernel = |count: usize, fan_in: usize, fan_out: usize| -> Vec<f32> {
            let limit = (6.0 / (fan_in + fan_out) as f64).sqrt();
            (0..count).map(|_| rng.symmetric(limit) as f32).collect()
        };
        let conv1 = kernel(72, 9, 72);
        let conv2 = kernel(1152, 72, 144);
        let dense = kernel(1280, 256, NUM_CLASSES);
        ReferenceWeights { conv1, conv2, dense }
    }

    /// The workload's weights: seed 44.
    pub fn reference() -> Self {
        Self::generate(WEIGHT_SEED)
    }

    /// conv1 as core [`Filters`]: 8 filters of 1×3×3.
    pub fn conv1_filters(&self) -> Result<Filters> {
        let [kh, kw, ci, co] = CONV1_DIMS;
        filters_from_hwio(&self.conv1, kh, kw, ci, co)
    }

    /// conv2 as core [`Filters`]: 16 filters of 8×3×3.
    pub fn conv2_filters(&self) -> Result<Filters> {
        let [kh, kw, ci, co] = CONV2_DIMS;
        filters_from_hwio(&self.conv2, kh, kw, ci, co)
    }

    /// The dense kernel as 5 × 256, row-major, inputs still in the published (y, x, channel)
    /// order.
    pub fn dense_out_in(&self) -> Result<Vec<f32>> {
        dense_in_out_to_out_in(&self.dense, 256, NUM_CLASSES)
    }

    /// The dense kernel as 5 × 256, row-major, inputs re-ordered to channel-major
    /// (channel, y, x): use this when the flatten before the dense layer walks the tensor in
    /// the core's c×h×w storage order.
    pub fn dense_out_in_chw(&self) -> Result<Vec<f32>> {
        let [h, w, c] = DENSE_INPUT_DIMS;
        dense_hwc_to_out_chw(&self.dense, h, w, c, NUM_CLASSES)
    }
}

#[cfg(test)]
// Reference values are pasted with all the digits the scripts printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    /// Independent reference, node 20:
    ///
    /// ```js
    /// function mulberry32(a){ /* as in rng.rs */ }
    /// const rw=mulberry32(44);
    /// function glorot(n,fi,fo){const l=Math.sqrt(6/(fi+fo));const a=new Float32Array(n);
    ///   for(let i=0;i<n;i++)a[i]=(rw()*2-1)*l;return a;}
    /// const c1=glorot(72,9,72),c2=glorot(1152,72,144),dn=glorot(1280,256,5);
    /// // c1[0..4]: 0.182993338 -0.185227886 -0.226915166 0.163821697
    /// // c2[0..3]: 0.125462726 -0.120779887 0.125422463
    /// // dn[0..3]: 0.0557178222 0.0482928641 -0.0810156241; dn[1279]: -0.0136118606
    /// // c1[((1*3+2)*1+0)*8+5] = 0.238749027      (ky=1, kx=2, c=0, k=5)
    /// // c2[((2*3+0)*8+3)*16+7] = -0.00281915208  (ky=2, kx=0, c=3, k=7)
    /// // dn[100*5+3] = 0.00508254487              (input 100, output 3)
    /// ```
    #[test]
    fn reference_weights_match_independent_javascript() {
        let w = ReferenceWeights::reference();
        assert_eq!((w.conv1.len(), w.conv2.len(), w.dense.len()), (72, 1152, 1280));
        assert_eq!(w.conv1[..4], [0.182_993_338, -0.185_227_886, -0.226_915_166, 0.163_821_697]);
        assert_eq!(w.conv2[..3], [0.125_462_726, -0.120_779_887, 0.125_422_463]);
        assert_eq!(w.dense[..3], [0.055_717_822_2, 0.048_292_864_1, -0.081_015_624_1]);
        assert_eq!(w.dense[1279], -0.013_611_860_6);

        // The same values through the core layouts.
        assert_eq!(w.conv1_filters().unwrap().get(5, 0, 1, 2), 0.238_749_027);
        assert_eq!(w.conv2_filters().unwrap().get(7, 3, 2, 0), -0.002_819_152_08);
        assert_eq!(w.dense_out_in().unwrap()[3 * 256 + 100], 0.005_082_544_87);
        // Input 100 in (y, x, c) order is y = 1, x = 2, c = 4 → channel-major index 4·16 + 1·4 + 2.
        assert_eq!(w.dense_out_in_chw().unwrap()[3 * 256 + 4 * 16 + 6], 0.005_082_544_87);
    }

    #[test]
    fn glorot_limits_are_respected() {
        let w = ReferenceWeights::reference();
        for (values, fi, fo) in [(&w.conv1, 9, 72), (&w.conv2, 72, 144), (&w.dense, 256, 5)] {
            let limit = glorot_limit(fi, fo).unwrap() as f32;
            assert!(values.iter().all(|v| v.abs() <= limit));
            // The draws use most of the range.
            let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
            assert!(max > 0.9 * limit);
        }
        assert_eq!(conv_fans(3, 3, 1, 8).unwrap(), (9, 72));
        assert_eq!(conv_fans(3, 3, 8, 16).unwrap(), (72, 144));
    }

    #[test]
    fn generic_initialisers_continue_one_stream() {
        let mut rng = Mulberry32::new(WEIGHT_SEED);
        let a = glorot_uniform_from(&mut rng, 72, 9, 72).unwrap();
        let b = glorot_uniform_from(&mut rng, 1152, 72, 144).unwrap();
        let w = ReferenceWeights::reference();
        assert_eq!((a, b), (w.conv1.clone(), w.conv2.clone()));
        assert_eq!(glorot_uniform(WEIGHT_SEED, 72, 9, 72).unwrap(), w.conv1);

        let he = he_uniform(1, 1000, 24).unwrap();
        let limit = he_limit(24).unwrap() as f32;
        assert_eq!(limit, 0.5);
        assert!(he.iter().all(|v| v.abs() <= limit));
        assert_eq!(he, he_uniform(1, 1000, 24).unwrap());
    }

    #[test]
    fn initialiser_inputs_are_checked() {
        assert!(glorot_limit(0, 0).is_err());
        assert!(glorot_limit(usize::MAX, 1).is_err());
        assert!(he_limit(0).is_err());
        assert!(he_uniform(1, MAX_INIT_VALUES + 1, 3).is_err());
        assert!(glorot_uniform(1, usize::MAX, 3, 3).is_err());
        assert_eq!(he_uniform(1, 0, 3).unwrap(), Vec::<f32>::new());
        assert!(conv_fans(usize::MAX, 2, 1, 1).is_err());
    }

    #[test]
    fn layout_conversions_round_trip_and_check_lengths() {
        let data: Vec<f32> = (0..72).map(|i| i as f32).collect();
        let f = filters_from_hwio(&data, 3, 3, 2, 4).unwrap();
        // [y=1][x=2][c=1][k=3] = ((1·3 + 2)·2 + 1)·4 + 3 = 47
        assert_eq!(f.get(3, 1, 1, 2), 47.0);
        assert_eq!(filters_to_hwio(&f).unwrap(), data);
        let mut broken = f.clone();
        broken.count = 5;
        assert!(filters_to_hwio(&broken).is_err());

        let e = filters_from_hwio(&data, 3, 3, 2, 5).unwrap_err();
        assert_eq!(e.to_string(), "kernel [kh][kw][c_in][c_out]: shape [3][3][2][5] needs 90 values, got 72");
        assert!(filters_from_hwio(&data, usize::MAX, 3, 2, 4).is_err());

        let d: Vec<f32> = (0..6).map(|i| i as f32).collect(); // [3][2]
        assert_eq!(dense_in_out_to_out_in(&d, 3, 2).unwrap(), vec![0.0, 2.0, 4.0, 1.0, 3.0, 5.0]);
        assert!(dense_in_out_to_out_in(&d, 4, 2).is_err());
        assert!(dense_hwc_to_out_chw(&d, usize::MAX, 2, 2, 2).is_err());
        // 1×2×3 map, one output: (y, x, c) order 0..6 → channel-major c0: x0,x1 = 0,3; c1: 1,4; c2: 2,5.
        assert_eq!(dense_hwc_to_out_chw(&d, 1, 2, 3, 1).unwrap(), vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    }
}
