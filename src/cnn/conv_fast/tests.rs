//! The fast loops against the scalar reference loops, bit for bit, on random geometries
//! (channels and filters that fill no whole vector, strides, uneven padding, flipping) and
//! random values, with upstream gradients that are often exactly 0 as below a max pooling.
use super::super::conv::{Conv2dParams, Filters};
use super::super::conv_kernels::{self, Geom};
use super::super::shape::Padding;
use super::super::tensor::Shape;
use super::{backward, forward, ConvScratch};
use proptest::prelude::*;

fn geometry() -> impl Strategy<Value = Geom> {
    shaped(1usize..11, 1usize..5)
}

/// A usual first layer: one channel, a 3×3 kernel (its own loop in the backward pass).
fn first_layer() -> impl Strategy<Value = Geom> {
    shaped(1usize..2, 3usize..4)
}

fn shaped(channels: std::ops::Range<usize>, side: std::ops::Range<usize>) -> impl Strategy<Value = Geom> {
    (channels, 1usize..10, 1usize..10, 1usize..11, side, 1usize..4, 0usize..3, 0usize..3, any::<bool>())
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

    #[test]
    fn first_layer_gradients_equal_the_scalar_reference(g in first_layer(), seed in any::<u64>()) {
        let (xlen, wlen, olen) = (g.c * g.h * g.w, g.k * g.filter_len(), g.k * g.oh * g.ow);
        let (x, w) = (values(xlen, seed, false), values(wlen, seed + 1, false));
        let gout = values(olen, seed + 3, true);
        let (dw0, db0) = (values(wlen, seed + 4, false), values(g.k, seed + 5, false));
        let mut scratch = ConvScratch::new(&g);
        let (mut dw_f, mut db_f, mut dw_s, mut db_s) = (dw0.clone(), db0.clone(), dw0, db0);
        backward(&g, &mut scratch, &x, &w, &gout, None, &mut dw_f, &mut db_f);
        conv_kernels::backward(&g, &x, &w, &gout, None, &mut dw_s, &mut db_s);
        prop_assert_eq!(bits(&dw_f), bits(&dw_s));
        prop_assert_eq!(bits(&db_f), bits(&db_s));
    }
}
