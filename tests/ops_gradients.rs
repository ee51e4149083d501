//! Every backward pass against central finite differences: for a random upstream gradient g,
//! the scalar L = Σ g · output is differentiated numerically, (L(x + h) − L(x − h)) / 2h with
//! L accumulated in f64, and compared with the analytic gradient under a relative tolerance
//! that f32 rounding cannot break. Kinks (ReLU at 0, ties in max pooling) are kept away.

use convlab::cnn::{
    activate, activate_backward, cross_entropy_from_logits, cross_entropy_from_logits_grad, dense, dense_backward,
    flatten, flatten_backward, mse, mse_grad, pool2d, pool2d_backward, softmax_backward_with_temperature,
    softmax_with_temperature, to_gray, to_gray_backward, Activation, Dense, LogBase, PoolKind, PoolParams, Shape,
    Tensor,
};
use proptest::prelude::*;

const H: f32 = 1e-2;

fn dot(g: &[f32], y: &[f32]) -> f64 {
    g.iter().zip(y).map(|(&a, &b)| a as f64 * b as f64).sum()
}

/// Checks `analytic` against central differences of `f` around `x`.
fn check(x: &[f32], analytic: &[f32], f: impl Fn(&[f32]) -> f64) -> std::result::Result<(), TestCaseError> {
    prop_assert_eq!(x.len(), analytic.len());
    for i in 0..x.len() {
        let (mut plus, mut minus) = (x.to_vec(), x.to_vec());
        plus[i] += H;
        minus[i] -= H;
        let step = plus[i] as f64 - minus[i] as f64;
        let numeric = (f(&plus) - f(&minus)) / step;
        let a = analytic[i] as f64;
        prop_assert!(
            (a - numeric).abs() <= 5e-3 * (1.0 + a.abs().max(numeric.abs())),
            "index {}: analytic {} numeric {}",
            i,
            a,
            numeric
        );
    }
    Ok(())
}

fn shaped(shape: Shape, d: &[f32]) -> Tensor {
    Tensor::new(shape, d.to_vec()).unwrap()
}

/// Values of distinct size, at least 0.1 apart, in random order: no ties, no kinks within H.
fn distinct(n: usize) -> impl Strategy<Value = Vec<f32>> {
    Just((0..n).map(|i| i as f32 * 0.1 - n as f32 * 0.05 + 0.025).collect::<Vec<f32>>()).prop_shuffle()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn activations(x in distinct(12), g in prop::collection::vec(-2.0f32..2.0, 12), which in 0usize..3) {
        let act = [Activation::Relu, Activation::Sigmoid, Activation::Tanh][which];
        let shape = Shape::new(1, 3, 4);
        let an = activate_backward(&shaped(shape, &x), act, &shaped(shape, &g)).unwrap();
        check(&x, an.data(), |v| dot(&g, activate(&shaped(shape, v), act, None).unwrap().data()))?;
    }

    #[test]
    fn pooling(x in distinct(2 * 5 * 6), g in prop::collection::vec(-2.0f32..2.0, 60), kh in 1usize..4, kw in 1usize..4, s in 1usize..3, avg in any::<bool>()) {
        let kind = if avg { PoolKind::Average } else { PoolKind::Max };
        let shape = Shape::new(2, 5, 6);
        let p = PoolParams::new(shape, kind, kh, kw, s).unwrap();
        let g = &g[..p.output_shape().len()];
        let go = shaped(p.output_shape(), g);
        let an = pool2d_backward(&shaped(shape, &x), &p, &go).unwrap();
        check(&x, an.data(), |v| dot(g, pool2d(&shaped(shape, v), &p, None).unwrap().data()))?;
    }

    #[test]
    fn dense_layer(x in prop::collection::vec(-2.0f32..2.0, 5), w in prop::collection::vec(-1.0f32..1.0, 15), b in prop::collection::vec(-1.0f32..1.0, 3), g in prop::collection::vec(-2.0f32..2.0, 3)) {
        let layer = Dense::new(5, 3, w.clone(), b.clone()).unwrap();
        let grads = dense_backward(&layer, &x, &g).unwrap();
        check(&x, &grads.dx, |v| dot(&g, &dense(&layer, v, None).unwrap()))?;
        check(&w, &grads.dw, |v| dot(&g, &dense(&Dense::new(5, 3, v.to_vec(), b.clone()).unwrap(), &x, None).unwrap()))?;
        check(&b, &grads.db, |v| dot(&g, &dense(&Dense::new(5, 3, w.clone(), v.to_vec()).unwrap(), &x, None).unwrap()))?;
    }

    #[test]
    fn softmax_jvp(z in prop::collection::vec(-4.0f32..4.0, 1..7), g in prop::collection::vec(-2.0f32..2.0, 7), t in 0.5f32..3.0) {
        let g = &g[..z.len()];
        let p = softmax_with_temperature(&z, t, None).unwrap();
        let an = softmax_backward_with_temperature(&p, g, t).unwrap();
        check(&z, &an, |v| dot(g, &softmax_with_temperature(v, t, None).unwrap()))?;
    }

    #[test]
    fn cross_entropy_from_logits_is_p_minus_y(z in prop::collection::vec(-4.0f32..4.0, 2..7), y in prop::collection::vec(0.0f32..1.0, 7), bits in any::<bool>()) {
        let base = if bits { LogBase::Two } else { LogBase::E };
        let y = &y[..z.len()];
        let an = cross_entropy_from_logits_grad(y, &z, base).unwrap();
        check(&z, &an, |v| cross_entropy_from_logits(y, v, base, None).unwrap() as f64)?;
    }

    #[test]
    fn mean_squared_error(t in prop::collection::vec(-2.0f32..2.0, 1..8), p in prop::collection::vec(-2.0f32..2.0, 8)) {
        let p = &p[..t.len()];
        let an = mse_grad(&t, p).unwrap();
        check(p, &an, |v| mse(&t, v, None).unwrap() as f64)?;
    }

    #[test]
    fn gray_and_flatten(x in prop::collection::vec(-2.0f32..2.0, 3 * 2 * 3), g in prop::collection::vec(-2.0f32..2.0, 18)) {
        let shape = Shape::new(3, 2, 3);
        let gg = &g[..6];
        let an = to_gray_backward(&shaped(Shape::new(1, 2, 3), gg)).unwrap();
        check(&x, an.data(), |v| dot(gg, to_gray(&shaped(shape, v), None).unwrap().data()))?;
        let an = flatten_backward(&g, shape).unwrap();
        check(&x, an.data(), |v| dot(&g, &flatten(&shaped(shape, v), None).unwrap()))?;
    }
}

/// p − y in nats for a one-hot target, written out: logits [3.2, 1.3, 0.2, 0.8], class 0.
#[test]
fn p_minus_y_on_the_lecture_logits() {
    let g = cross_entropy_from_logits_grad(&[1.0, 0.0, 0.0, 0.0], &[3.2, 1.3, 0.2, 0.8], LogBase::E).unwrap();
    let want = [0.775_149_5 - 1.0, 0.115_938_05, 0.038_592_42, 0.070_319_98];
    assert!(g.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-6), "{g:?}");
}
