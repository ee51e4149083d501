//! Properties of convolution and the output-size formula over random shapes.

use convlab::cnn::{axis_plan, conv2d, Conv2dParams, ConvTrace, Filters, Padding, Shape, Source, Tensor};
use proptest::prelude::*;

/// The formula over a whole grid of n, f, p, s, against the definition: the number of
/// window starts 0, s, 2s, … that keep the window inside n + 2p.
#[test]
fn output_size_formula_over_a_grid() {
    for n in 1..=20 {
        for f in 1..=9 {
            for p in 0..=4 {
                for s in 1..=5 {
                    let padded = n + 2 * p;
                    let starts = (0..padded).step_by(s).filter(|&i| i + f <= padded).count();
                    match axis_plan("convolution", n, f, p, p, s) {
                        Ok(a) => {
                            assert_eq!(a.out, starts, "n={n} f={f} p={p} s={s}");
                            assert_eq!(a.out, (n + 2 * p - f) / s + 1);
                            assert_eq!(a.dropped, padded - ((a.out - 1) * s + f));
                        }
                        Err(_) => assert!(f > padded, "n={n} f={f} p={p} s={s} refused wrongly"),
                    }
                }
            }
        }
    }
}

/// A plain reference: pad explicitly, then slide.
fn reference(x: &Tensor, k: &Filters, bias: &[f32], pad: usize, s: usize) -> Vec<f32> {
    let Shape { c, h, w } = x.shape();
    let (ph, pw) = (h + 2 * pad, w + 2 * pad);
    let mut padded = vec![0.0f32; c * ph * pw];
    for ci in 0..c {
        for y in 0..h {
            for xx in 0..w {
                padded[(ci * ph + y + pad) * pw + xx + pad] = x.get(ci, y, xx);
            }
        }
    }
    let (oh, ow) = ((ph - k.kh) / s + 1, (pw - k.kw) / s + 1);
    let mut out = Vec::new();
    // Written as the formula is: f indexes the filter's weights and its bias alike.
    #[allow(clippy::needless_range_loop)]
    for f in 0..k.count {
        for oy in 0..oh {
            for ox in 0..ow {
                let mut acc = 0.0f32;
                for ci in 0..c {
                    let mut part = 0.0f32;
                    for ky in 0..k.kh {
                        for kx in 0..k.kw {
                            part += padded[(ci * ph + oy * s + ky) * pw + ox * s + kx] * k.get(f, ci, ky, kx);
                        }
                    }
                    acc += part;
                }
                out.push(acc + bias[f]);
            }
        }
    }
    out
}

fn case() -> impl Strategy<Value = (Tensor, Filters, Vec<f32>, usize, usize)> {
    (1usize..=3, 1usize..=9, 1usize..=9, 1usize..=3, 1usize..=4, 1usize..=4, 0usize..=3, 1usize..=4)
        .prop_filter("kernel fits", |&(_, h, w, _, kh, kw, p, _)| kh <= h + 2 * p && kw <= w + 2 * p)
        .prop_flat_map(|(c, h, w, n, kh, kw, p, s)| {
            (
                prop::collection::vec(-9i8..=9, c * h * w),
                prop::collection::vec(-3i8..=3, n * c * kh * kw),
                prop::collection::vec(-2i8..=2, n),
                Just((c, h, w, n, kh, kw, p, s)),
            )
        })
        .prop_map(|(xs, ks, bs, (c, h, w, n, kh, kw, p, s))| {
            let f = |v: Vec<i8>| v.into_iter().map(f32::from).collect::<Vec<_>>();
            let x = Tensor::new(Shape::new(c, h, w), f(xs)).unwrap();
            let k = Filters::new(n, c, kh, kw, f(ks)).unwrap();
            (x, k, f(bs), p, s)
        })
}

proptest! {
    #[test]
    fn traced_sums_equal_outputs_and_match_the_reference((x, k, b, p, s) in case()) {
        let params = Conv2dParams::new(x.shape(), &k, Padding::uniform(p), s, false).unwrap();
        let mut trace = ConvTrace::default();
        let y = conv2d(&x, &k, &b, &params, Some(&mut trace)).unwrap();
        prop_assert_eq!(y.shape(), params.output_shape());
        prop_assert_eq!(trace.positions.len(), y.data().len());
        for (pos, &v) in trace.positions.iter().zip(y.data()) {
            prop_assert_eq!(pos.sum, v);
            prop_assert_eq!(pos.channel_sums.iter().sum::<f32>() + pos.bias, v);
            let by_channel: f32 = (0..x.shape().c).map(|c| pos.terms.iter().filter(|t| t.channel == c).map(|t| t.product).sum::<f32>()).sum();
            prop_assert_eq!(by_channel + pos.bias, v);
            for t in &pos.terms {
                prop_assert_eq!(t.product, t.x * t.w);
                if let Source::Input { y, x: col } = t.source { prop_assert_eq!(t.x, x.get(t.channel, y, col)); } else { prop_assert_eq!(t.x, 0.0); }
            }
        }
        // Small integers: every sum is exact in f32, so equality with the reference is exact.
        prop_assert_eq!(y.data().to_vec(), reference(&x, &k, &b, p, s));
        // Tracing must not change the result.
        prop_assert_eq!(conv2d(&x, &k, &b, &params, None).unwrap(), y);
    }

    #[test]
    fn random_settings_never_panic(h in 0usize..80, w in 0usize..80, kh in 0usize..14, kw in 0usize..14, p in 0usize..8, s in 0usize..14) {
        let shape = Shape::new(1, h, w);
        let Ok(x) = Tensor::zeros(shape) else { return Ok(()); };
        let Ok(k) = Filters::new(1, 1, kh, kw, vec![1.0; kh * kw]) else { return Ok(()); };
        match Conv2dParams::new(x.shape(), &k, Padding::uniform(p), s, false) {
            Ok(params) => { conv2d(&x, &k, &[0.0], &params, None).unwrap(); }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
