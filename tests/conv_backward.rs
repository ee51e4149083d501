//! Convolution's backward pass: against central finite differences over random shapes,
//! paddings (also uneven), strides and flips; the weight-gradient trace against the analytic
//! gradient (exactly); a worked example; and the checks on bad input.

use convlab::cnn::{
    conv2d, conv2d_backward, weight_gradient_trace, CnnError, Conv2dParams, Filters, Padding, Shape, Source, Tensor,
};
use proptest::prelude::*;

/// Convolution is linear in each argument, so a large step (a power of two, added exactly)
/// keeps the finite difference free of truncation error; only f32 rounding remains.
const H: f32 = 0.25;

/// L = Σ g · conv(x, k, b), accumulated in f64.
fn loss(x: &Tensor, k: &Filters, b: &[f32], p: &Conv2dParams, g: &[f32]) -> f64 {
    let y = conv2d(x, k, b, p, None).unwrap();
    y.data().iter().zip(g).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum()
}

/// Central differences of `f` at every coordinate of `v`, compared with `analytic`.
fn check(v: &[f32], analytic: &[f32], f: impl Fn(&[f32]) -> f64) -> std::result::Result<(), TestCaseError> {
    prop_assert_eq!(v.len(), analytic.len());
    for i in 0..v.len() {
        let (mut plus, mut minus) = (v.to_vec(), v.to_vec());
        plus[i] += H;
        minus[i] -= H;
        let numeric = (f(&plus) - f(&minus)) / f64::from(plus[i] - minus[i]);
        let a = f64::from(analytic[i]);
        prop_assert!((a - numeric).abs() <= 1e-4 * (1.0 + a.abs()), "index {}: analytic {} numeric {}", i, a, numeric);
    }
    Ok(())
}

type Case = (Tensor, Filters, Vec<f32>, Conv2dParams, Vec<f32>);

fn case() -> impl Strategy<Value = Case> {
    let dims = (1usize..=3, 1usize..=7, 1usize..=7, 1usize..=3, 1usize..=4, 1usize..=4);
    let pads = (0usize..=2, 0usize..=2, 0usize..=2, 0usize..=2, 1usize..=3, any::<bool>());
    (dims, pads)
        .prop_filter_map("kernel fits", |((c, h, w, n, kh, kw), (t, b, l, r, s, flip))| {
            let k = Filters::new(n, c, kh, kw, vec![0.0; n * c * kh * kw]).ok()?;
            let padding = Padding { top: t, bottom: b, left: l, right: r };
            Conv2dParams::new(Shape::new(c, h, w), &k, padding, s, flip).ok()
        })
        .prop_flat_map(|p| {
            let (nx, nk, ny) = (p.input.len(), p.filters * p.input.c * p.kh * p.kw, p.output_shape().len());
            (
                Just(p),
                prop::collection::vec(-1.0f32..1.0, nx),
                prop::collection::vec(-1.0f32..1.0, nk),
                prop::collection::vec(-1.0f32..1.0, p.filters),
                prop::collection::vec(-1.0f32..1.0, ny),
            )
        })
        .prop_map(|(p, xs, ks, bs, g)| {
            let x = Tensor::new(p.input, xs).unwrap();
            let k = Filters::new(p.filters, p.input.c, p.kh, p.kw, ks).unwrap();
            (x, k, bs, p, g)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn gradients_match_finite_differences((x, k, b, p, g) in case()) {
        let go = Tensor::new(p.output_shape(), g.clone()).unwrap();
        let grads = conv2d_backward(&x, &k, &p, &go).unwrap();
        prop_assert_eq!(grads.d_input.shape(), x.shape());
        let (n, c, kh, kw) = (k.count, k.depth, k.kh, k.kw);
        check(x.data(), grads.d_input.data(), |v| loss(&Tensor::new(p.input, v.to_vec()).unwrap(), &k, &b, &p, &g))?;
        check(k.data(), grads.d_filters.data(), |v| loss(&x, &Filters::new(n, c, kh, kw, v.to_vec()).unwrap(), &b, &p, &g))?;
        check(&b, &grads.d_bias, |v| loss(&x, &k, v, &p, &g))?;
    }

    #[test]
    fn weight_traces_sum_to_the_analytic_gradient_exactly((x, k, _b, p, g) in case()) {
        let go = Tensor::new(p.output_shape(), g).unwrap();
        let grads = conv2d_backward(&x, &k, &p, &go).unwrap();
        for f in 0..k.count {
            for c in 0..k.depth {
                for ky in 0..k.kh {
                    for kx in 0..k.kw {
                        let t = weight_gradient_trace(&x, &p, &go, f, c, ky, kx).unwrap();
                        prop_assert_eq!(t.sum, grads.d_filters.get(f, c, ky, kx));
                        prop_assert_eq!(t.terms.len(), p.positions());
                        let (wy, wx) = if p.flip { (k.kh - 1 - ky, k.kw - 1 - kx) } else { (ky, kx) };
                        prop_assert_eq!((t.window_ky, t.window_kx), (wy, wx));
                        for term in &t.terms {
                            prop_assert_eq!(term.g, go.get(f, term.out_y, term.out_x));
                            prop_assert_eq!(term.product, term.x * term.g);
                            match term.source {
                                Source::Input { y, x: col } => {
                                    prop_assert_eq!(term.x, x.get(c, y, col));
                                    prop_assert_eq!(y + p.padding.top, term.out_y * p.stride + wy);
                                    prop_assert_eq!(col + p.padding.left, term.out_x * p.stride + wx);
                                }
                                Source::Padding => prop_assert_eq!(term.x, 0.0),
                            }
                        }
                    }
                }
            }
        }
    }
}

/// x = 1..9 in a 3×3, kernel [[1, 0], [0, −1]], upstream g = [[1, 2], [3, 4]]:
/// dL/dw is the correlation of x with g, dL/dx the full convolution of g with the kernel.
#[test]
fn worked_example() {
    let x = Tensor::from_rows(&[vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0], vec![7.0, 8.0, 9.0]]).unwrap();
    let k = Filters::single(&[vec![1.0, 0.0], vec![0.0, -1.0]]).unwrap();
    let p = Conv2dParams::new(x.shape(), &k, Padding::uniform(0), 1, false).unwrap();
    let g = Tensor::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
    let grads = conv2d_backward(&x, &k, &p, &g).unwrap();
    // dw00 = 1·1 + 2·2 + 4·3 + 5·4 = 37, and so on.
    assert_eq!(grads.d_filters.data(), &[37.0, 47.0, 67.0, 77.0]);
    assert_eq!(grads.d_bias, vec![10.0]);
    assert_eq!(grads.d_input.data(), &[1.0, 2.0, 0.0, 3.0, 3.0, -2.0, 0.0, -3.0, -4.0]);

    let t = weight_gradient_trace(&x, &p, &g, 0, 0, 1, 0).unwrap();
    let products: Vec<f32> = t.terms.iter().map(|t| t.product).collect();
    assert_eq!(products, vec![4.0, 10.0, 21.0, 32.0]);
    assert_eq!(t.sum, 67.0);
    assert_eq!(t.terms[3].source, Source::Input { y: 2, x: 1 });
}

/// With padding, the weights at the border meet padding zeros at some positions.
#[test]
fn padding_terms_are_zero_and_named() {
    let x = Tensor::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
    let k = Filters::single(&vec![vec![1.0; 3]; 3]).unwrap();
    let p = Conv2dParams::new(x.shape(), &k, Padding::uniform(1), 1, false).unwrap();
    let g = Tensor::from_rows(&[vec![1.0, 1.0], vec![1.0, 1.0]]).unwrap();
    let t = weight_gradient_trace(&x, &p, &g, 0, 0, 0, 0).unwrap();
    // The top-left weight meets input (0, 0) only at output (1, 1); elsewhere padding.
    let sources: Vec<Source> = t.terms.iter().map(|t| t.source).collect();
    assert_eq!(sources, vec![Source::Padding, Source::Padding, Source::Padding, Source::Input { y: 0, x: 0 }]);
    assert_eq!(t.sum, 1.0);
    assert_eq!(conv2d_backward(&x, &k, &p, &g).unwrap().d_filters.get(0, 0, 0, 0), 1.0);
}

#[test]
fn bad_input_is_refused_with_messages() {
    let x = Tensor::zeros(Shape::new(2, 4, 4)).unwrap();
    let k = Filters::new(3, 2, 3, 3, vec![0.5; 54]).unwrap();
    let p = Conv2dParams::new(x.shape(), &k, Padding::uniform(0), 1, false).unwrap();
    let good = Tensor::zeros(p.output_shape()).unwrap();

    let wrong = Tensor::zeros(Shape::new(3, 3, 3)).unwrap();
    let e = conv2d_backward(&x, &k, &p, &wrong).unwrap_err();
    assert_eq!(e.to_string(), "convolution backward: expected an upstream gradient of shape 2×2×3, got shape 3×3×3");

    let e = conv2d_backward(&wrong, &k, &p, &good).unwrap_err();
    assert!(matches!(e, CnnError::ShapeMismatch { op: "convolution backward", .. }), "{e}");

    let e = weight_gradient_trace(&x, &p, &good, 3, 0, 0, 0).unwrap_err();
    assert_eq!(e.to_string(), "filter index must be between 0 and 2, got 3");
    assert!(weight_gradient_trace(&x, &p, &good, 0, 2, 0, 0).is_err());
    assert!(weight_gradient_trace(&x, &p, &good, 0, 0, 3, 0).is_err());
    assert!(weight_gradient_trace(&x, &p, &good, 0, 0, 0, 3).is_err());

    // Hand-edited parameters or filters are caught, not followed out of bounds.
    let mut edited = p;
    edited.rows.out = 5;
    assert!(conv2d_backward(&x, &k, &edited, &good).is_err());
    assert!(conv2d(&x, &k, &[0.0; 3], &edited, None).is_err());
    assert!(weight_gradient_trace(&x, &edited, &good, 0, 0, 0, 0).is_err());
    let mut broken = k.clone();
    broken.count = 4;
    assert!(matches!(conv2d_backward(&x, &broken, &p, &good), Err(CnnError::DataLength { .. })));
    let other = Filters::new(3, 2, 2, 2, vec![0.5; 24]).unwrap();
    assert!(conv2d_backward(&x, &other, &p, &good).is_err());
}
