//! Properties of the operations after convolution over random inputs: every traced sum is
//! the output it explains, softmax is a finite distribution even for logits ±1000, pooling
//! agrees with a naive loop, and no input a user can produce makes anything panic.

use convlab::cnn::{
    activate, cross_entropy, cross_entropy_from_logits, dense, dense_backward, flat_index, flatten, mse, one_hot,
    pool2d, softmax, softmax_with_temperature, to_gray, unflatten, unravel, validate_distribution, validate_one_hot,
    Activation, ActivationTrace, CrossEntropyTrace, Dense, DenseTrace, FlattenTrace, GrayTrace, LogBase, MseTrace,
    PoolKind, PoolParams, PoolTrace, Shape, SoftmaxTrace, Tensor, WindowResult, MAX_SIDE,
};
use proptest::prelude::*;

fn tensor(max_c: usize, max_side: usize) -> impl Strategy<Value = Tensor> {
    (1..=max_c, 1..=max_side, 1..=max_side).prop_flat_map(|(c, h, w)| {
        prop::collection::vec(-10.0f32..10.0, c * h * w).prop_map(move |d| Tensor::new(Shape::new(c, h, w), d).unwrap())
    })
}

/// Pooling by the definition: for each output cell, scan its window directly.
fn naive_pool(x: &Tensor, kind: PoolKind, kh: usize, kw: usize, s: usize) -> Vec<f32> {
    let Shape { c, h, w } = x.shape();
    let mut out = Vec::new();
    for ch in 0..c {
        let mut top = 0;
        while top + kh <= h {
            let mut left = 0;
            while left + kw <= w {
                let vals: Vec<f32> = (top..top + kh)
                    .flat_map(|y| (left..left + kw).map(move |xx| (y, xx)))
                    .map(|(y, xx)| x.get(ch, y, xx))
                    .collect();
                out.push(match kind {
                    PoolKind::Max => vals.iter().copied().fold(f32::NEG_INFINITY, f32::max),
                    PoolKind::Average => vals.iter().sum::<f32>() / vals.len() as f32,
                });
                left += s;
            }
            top += s;
        }
    }
    out
}

proptest! {
    #[test]
    fn pooling_matches_naive_loop_and_trace(x in tensor(3, 9), kh in 1usize..5, kw in 1usize..5, s in 1usize..4, avg in any::<bool>()) {
        let kind = if avg { PoolKind::Average } else { PoolKind::Max };
        let shape = x.shape();
        let (kh, kw) = (kh.min(shape.h), kw.min(shape.w));
        let params = PoolParams::new(shape, kind, kh, kw, s).unwrap();
        let mut tr = PoolTrace::default();
        let out = pool2d(&x, &params, Some(&mut tr)).unwrap();
        prop_assert_eq!(out.data(), &naive_pool(&x, kind, kh, kw, s)[..]);
        prop_assert_eq!(tr.windows.len(), out.data().len());
        for (win, &v) in tr.windows.iter().zip(out.data()) {
            prop_assert_eq!(win.cells.len(), kh * kw);
            for cell in &win.cells {
                prop_assert_eq!(cell.value, x.get(win.channel, cell.y, cell.x));
            }
            match win.result {
                WindowResult::Max { winner, value } => {
                    prop_assert_eq!(value, v);
                    prop_assert_eq!(win.cells[winner].value, v);
                    prop_assert!(win.cells[..winner].iter().all(|c| c.value < v), "first maximum wins");
                }
                WindowResult::Average { sum, count, mean } => {
                    prop_assert_eq!(mean, v);
                    prop_assert_eq!(sum, win.cells.iter().map(|c| c.value).sum::<f32>());
                    prop_assert_eq!(mean, sum / count as f32);
                }
            }
        }
    }

    #[test]
    fn softmax_is_a_finite_distribution(logits in prop::collection::vec(-1000.0f32..=1000.0, 1..40), t in 0.01f32..100.0) {
        for p in [softmax(&logits, None).unwrap(), softmax_with_temperature(&logits, t, None).unwrap()] {
            prop_assert!(p.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
            prop_assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        }
        let mut tr = SoftmaxTrace::default();
        let p = softmax_with_temperature(&logits, t, Some(&mut tr)).unwrap();
        prop_assert_eq!(&tr.probs, &p);
        prop_assert_eq!(tr.sum, tr.exps.iter().sum::<f32>());
        prop_assert!(tr.sum >= 1.0 && tr.sum.is_finite());
        for (i, &e) in tr.exps.iter().enumerate() {
            prop_assert_eq!(p[i], e / tr.sum);
        }
        let y = one_hot(0, logits.len()).unwrap();
        let l = cross_entropy_from_logits(&y, &logits, LogBase::E, None).unwrap();
        prop_assert!(l.is_finite() && l >= 0.0);
    }

    #[test]
    fn extreme_logits_stay_finite(signs in prop::collection::vec(any::<bool>(), 1..20)) {
        let logits: Vec<f32> = signs.iter().map(|&b| if b { 1000.0 } else { -1000.0 }).collect();
        let p = softmax(&logits, None).unwrap();
        prop_assert!(p.iter().all(|v| v.is_finite()));
        prop_assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn dense_trace_sums_are_outputs(inputs in 1usize..12, outputs in 1usize..6, seed in prop::collection::vec(-3.0f32..3.0, 100)) {
        let w: Vec<f32> = (0..inputs * outputs).map(|i| seed[i % 100] * (1.0 + i as f32 * 0.01)).collect();
        let b: Vec<f32> = (0..outputs).map(|o| seed[(o * 7) % 100]).collect();
        let x: Vec<f32> = (0..inputs).map(|i| seed[(i * 13 + 5) % 100]).collect();
        let layer = Dense::new(inputs, outputs, w, b).unwrap();
        let mut tr = DenseTrace::default();
        let y = dense(&layer, &x, Some(&mut tr)).unwrap();
        for (o, t) in tr.outputs.iter().enumerate() {
            let mut acc = 0.0f32;
            for term in &t.terms {
                prop_assert_eq!(term.product, term.x * term.w);
                acc += term.product;
            }
            prop_assert_eq!(acc + t.bias, t.sum);
            prop_assert_eq!(t.sum, y[o]);
        }
    }

    #[test]
    fn elementwise_traces_are_outputs(x in tensor(3, 6), which in 0usize..3) {
        let act = [Activation::Relu, Activation::Sigmoid, Activation::Tanh][which];
        let mut tr = ActivationTrace::new(act);
        let out = activate(&x, act, Some(&mut tr)).unwrap();
        for (i, s) in tr.steps.iter().enumerate() {
            prop_assert_eq!((s.index, s.input, s.output), (i, x.data()[i], out.data()[i]));
        }
        let mut ft = FlattenTrace::default();
        let v = flatten(&x, Some(&mut ft)).unwrap();
        prop_assert_eq!(&unflatten(&v, x.shape()).unwrap(), &x);
        for s in &ft.steps {
            prop_assert_eq!(v[s.index], x.get(s.from.c, s.from.y, s.from.x));
        }
        if x.shape().c == 3 {
            let mut gt = GrayTrace::default();
            let g = to_gray(&x, Some(&mut gt)).unwrap();
            for p in &gt.pixels {
                prop_assert_eq!(p.terms[0] + p.terms[1] + p.terms[2], p.gray);
                prop_assert_eq!(p.gray, g.get(0, p.y, p.x));
            }
        } else {
            prop_assert!(to_gray(&x, None).is_err());
        }
    }

    #[test]
    fn loss_traces_are_losses(q in prop::collection::vec(0.0f32..=1.0, 1..10), cls in 0usize..10) {
        let y = one_hot(cls % q.len(), q.len()).unwrap();
        let mut tr = CrossEntropyTrace::new(LogBase::Two);
        let l = cross_entropy(&y, &q, LogBase::Two, Some(&mut tr)).unwrap();
        prop_assert!(!l.is_nan() && l >= 0.0);
        prop_assert_eq!(tr.loss, l);
        prop_assert_eq!(tr.classes.iter().map(|c| c.term).sum::<f32>(), l);
        let mut mt = MseTrace::default();
        let m = mse(&y, &q, Some(&mut mt)).unwrap();
        prop_assert_eq!(mt.mean, m);
        prop_assert_eq!(mt.terms.iter().map(|t| t.squared).sum::<f32>(), mt.sum);
    }

    /// Any shape, window and stride, zero and oversize included: an answer, never a panic,
    /// and an error exactly when something is out of range or the window does not fit.
    #[test]
    fn pooling_never_panics(c in 0usize..70, h in 0usize..70, w in 0usize..70, kh in 0usize..70, kw in 0usize..70, s in 0usize..70) {
        let shape = Shape::new(c, h, w);
        let fine = shape.check().is_ok() && (1..=h).contains(&kh) && (1..=w).contains(&kw) && (1..=MAX_SIDE).contains(&s);
        for kind in [PoolKind::Max, PoolKind::Average] {
            let p = PoolParams::new(shape, kind, kh, kw, s);
            prop_assert_eq!(p.is_ok(), fine, "{:?}", p);
            if let Ok(p) = p {
                if c * h * w <= 4096 {
                    let x = Tensor::zeros(shape).unwrap();
                    prop_assert_eq!(pool2d(&x, &p, None).unwrap().shape(), p.output_shape());
                }
            }
        }
    }

    #[test]
    fn vectors_never_panic(a in prop::collection::vec(prop::num::f32::ANY, 0..8), b in prop::collection::vec(prop::num::f32::ANY, 0..8), n in 0usize..10, t in prop::num::f32::ANY) {
        let _ = softmax(&a, None);
        let _ = softmax_with_temperature(&a, t, None);
        if let Ok(l) = cross_entropy(&a, &b, LogBase::E, None) {
            prop_assert!(!l.is_nan());
        }
        if let Ok(l) = cross_entropy_from_logits(&a, &b, LogBase::Two, None) {
            prop_assert!(!l.is_nan());
        }
        let _ = mse(&a, &b, None);
        let _ = one_hot(n, b.len());
        let _ = validate_one_hot(&a).to_string();
        let _ = validate_distribution(&a, t).to_string();
        let _ = Dense::new(n, b.len(), a.clone(), b.clone()).and_then(|d| dense(&d, &b, None));
        let _ = Dense::zeros(n * 100_000, n * 1000);
        let _ = unflatten(&a, Shape::new(n, 2, n));
    }

    #[test]
    fn index_helpers_never_panic(c in any::<usize>(), h in any::<usize>(), w in any::<usize>(), i in any::<usize>()) {
        let shape = Shape::new(c, h, w);
        if let Some((cc, y, x)) = unravel(shape, i) {
            prop_assert!(cc < c && y < h && x < w);
        }
        let _ = flat_index(shape, i % 7, i % 5, i % 3);
    }
}

/// Public fields and serde let a caller hand in configurations `new` would refuse: errors.
#[test]
fn tampered_configurations_are_errors() {
    let x = Tensor::zeros(Shape::new(1, 4, 4)).unwrap();
    let mut p = PoolParams::new(x.shape(), PoolKind::Max, 2, 2, 2).unwrap();
    p.kh = 9;
    assert!(pool2d(&x, &p, None).is_err());
    let mut p = PoolParams::new(x.shape(), PoolKind::Max, 2, 2, 2).unwrap();
    p.rows.out = 7;
    assert!(pool2d(&x, &p, None).is_err());
    let bad: Dense = serde_json::from_str(r#"{"inputs":0,"outputs":2,"weights":[],"bias":[1.0]}"#).unwrap();
    assert!(dense(&bad, &[], None).is_err());
    let bad: Dense = serde_json::from_str(r#"{"inputs":2,"outputs":2,"weights":[1.0],"bias":[1.0]}"#).unwrap();
    assert!(dense(&bad, &[1.0, 2.0], None).is_err());
    assert!(dense_backward(&bad, &[1.0, 2.0], &[1.0, 1.0]).is_err());
}
