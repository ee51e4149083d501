//! Whole-model gradients against central finite differences of the loss, the model's forward
//! pass against the traced operations (bit for bit), and the optimiser's arithmetic (batch
//! averaging, momentum, gradient norms).

use convlab::cnn::{
    activate, conv2d, cross_entropy_from_logits, dense, flatten, pool2d, Activation, Conv2dParams, Dense, Filters,
    Init, LayerConfig, LayerParams, LayerValue, LogBase, LossKind, Model, ModelSpec, Mulberry32, Padding, PoolKind,
    PoolParams, PoolSpec, Sgd, Shape, Tensor,
};

fn random_tensor(shape: Shape, seed: u32) -> Tensor {
    let mut rng = Mulberry32::new(seed);
    Tensor::new(shape, (0..shape.len()).map(|_| rng.symmetric(1.0) as f32).collect()).unwrap()
}

/// A small network with every kind of layer, smooth activations and overlapping average
/// pooling, so finite differences meet no kink.
fn tiny_spec(loss: LossKind) -> ModelSpec {
    ModelSpec {
        input: Shape::new(2, 5, 5),
        layers: vec![
            LayerConfig::Conv { filters: 3, kernel: 3, padding: 1, stride: 1 },
            LayerConfig::Activation(Activation::Tanh),
            LayerConfig::Pool(PoolSpec { kind: PoolKind::Average, window: 2, stride: 1 }),
            LayerConfig::Conv { filters: 2, kernel: 2, padding: 1, stride: 2 },
            LayerConfig::Activation(Activation::Sigmoid),
            LayerConfig::Flatten,
            LayerConfig::Dense { units: 4 },
        ],
        classes: 4,
        loss,
    }
}

/// Compares every parameter's analytic gradient with (L(θ + h) − L(θ − h)) / 2h.
fn gradient_check(model: &Model, input: &Tensor, label: usize, h: f32, tol: f64) {
    let mut m = model.clone();
    m.accumulate_gradients(input, label).unwrap();
    let analytic = m.gradients();
    let params = model.params();
    let loss_at = |params: Vec<LayerParams>| -> f64 {
        let mut m = Model::from_params(model.spec(), params).unwrap();
        f64::from(m.evaluate_sample(input, label).unwrap().loss)
    };
    let mut checked = 0;
    for (l, (p, g)) in params.iter().zip(&analytic).enumerate() {
        for (is_bias, (values, grads)) in [(false, (&p.weights, &g.weights)), (true, (&p.bias, &g.bias))] {
            assert_eq!(values.len(), grads.len());
            for (i, &grad) in grads.iter().enumerate() {
                let shifted = |delta: f32| {
                    let mut q = params.clone();
                    if is_bias {
                        q[l].bias[i] += delta;
                    } else {
                        q[l].weights[i] += delta;
                    }
                    q
                };
                let numeric = (loss_at(shifted(h)) - loss_at(shifted(-h))) / (2.0 * f64::from(h));
                let a = f64::from(grad);
                assert!(
                    (a - numeric).abs() <= tol * (1.0 + a.abs().max(numeric.abs())),
                    "layer {l} {} {i}: analytic {a} numeric {numeric}",
                    if is_bias { "bias" } else { "weight" }
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, model.plan().total_params());
}

/// Random biases too, so that every path of the network is exercised.
fn with_random_biases(model: Model, seed: u32) -> Model {
    let mut rng = Mulberry32::new(seed);
    let mut params = model.params();
    for p in &mut params {
        p.bias.iter_mut().for_each(|b| *b = rng.symmetric(0.5) as f32);
    }
    Model::from_params(model.spec(), params).unwrap()
}

#[test]
fn tiny_network_gradients_match_finite_differences() {
    for (loss, seed) in [(LossKind::CrossEntropy, 3), (LossKind::Mse, 5)] {
        let model = with_random_biases(tiny_spec(loss).build(Init::He { seed }).unwrap(), seed + 1);
        let x = random_tensor(Shape::new(2, 5, 5), seed + 2);
        for label in [0, 2] {
            gradient_check(&model, &x, label, 1e-2, 2e-3);
        }
    }
}

/// The reference network (ReLU, max pooling) on one training image: kinks are possible in
/// principle, but with this sample and step none is crossed.
#[test]
fn reference_network_gradients_match_finite_differences() {
    let model = with_random_biases(Model::reference().unwrap(), 9);
    let data = convlab::cnn::data::reference_data().unwrap();
    let s = &data.train.samples()[3];
    gradient_check(&model, &s.image, s.label, 1e-3, 1e-2);
}

/// The model's loops add in the order of the traced operations, so its feature maps equal
/// theirs bit for bit, and its loss is `cross_entropy_from_logits`.
#[test]
fn forward_pass_equals_the_traced_operations() {
    let mut model = with_random_biases(Model::reference().unwrap(), 11);
    let data = convlab::cnn::data::reference_data().unwrap();
    let s = &data.test.samples()[7];
    let maps = model.feature_maps(&s.image).unwrap();
    assert_eq!(maps.len(), 9);
    assert_eq!(maps[0].value, LayerValue::Map(s.image.clone()));

    let params = model.params();
    let filters = |i: usize, count, depth| Filters::new(count, depth, 3, 3, params[i].weights.clone()).unwrap();
    let (f1, f2) = (filters(0, 8, 1), filters(1, 16, 8));
    let conv = |x: &Tensor, f: &Filters, b: &[f32]| {
        let p = Conv2dParams::new(x.shape(), f, Padding::uniform(1), 1, false).unwrap();
        conv2d(x, f, b, &p, None).unwrap()
    };
    let pool = |x: &Tensor| pool2d(x, &PoolParams::square(x.shape(), PoolKind::Max, 2).unwrap(), None).unwrap();
    let relu = |x: &Tensor| activate(x, Activation::Relu, None).unwrap();
    let a1 = conv(&s.image, &f1, &params[0].bias);
    let a2 = relu(&a1);
    let a3 = pool(&a2);
    let a4 = conv(&a3, &f2, &params[1].bias);
    let a5 = relu(&a4);
    let a6 = pool(&a5);
    let flat = flatten(&a6, None).unwrap();
    let logits =
        dense(&Dense::new(256, 5, params[2].weights.clone(), params[2].bias.clone()).unwrap(), &flat, None).unwrap();
    for (got, want) in maps[1..7].iter().zip([a1, a2, a3, a4, a5, a6]) {
        assert_eq!(got.value, LayerValue::Map(want), "{}", got.name);
    }
    assert_eq!(maps[7].value, LayerValue::Vector(flat));
    assert_eq!(maps[8].value, LayerValue::Vector(logits.clone()));
    assert_eq!(maps[8].name, "dense 5");

    let target: Vec<f32> = (0..5).map(|c| if c == s.label { 1.0 } else { 0.0 }).collect();
    let outcome = model.evaluate_sample(&s.image, s.label).unwrap();
    assert_eq!(outcome.loss, cross_entropy_from_logits(&target, &logits, LogBase::E, None).unwrap());
    let prediction = model.predict(&s.image).unwrap();
    assert_eq!(prediction.logits, logits);
    assert_eq!(prediction.probs, convlab::cnn::softmax(&logits, None).unwrap());
    assert_eq!(outcome.predicted, prediction.class);
    assert_eq!(model.output(8), Some(&logits[..]));
    assert_eq!(model.output(9), None);
}

#[test]
fn a_batch_averages_its_gradients() {
    let data = convlab::cnn::data::reference_data().unwrap();
    let (a, b) = (&data.train.samples()[0], &data.train.samples()[1]);
    let base = Model::reference().unwrap();
    let grad = |s: &convlab::cnn::Sample| {
        let mut m = base.clone();
        m.accumulate_gradients(&s.image, s.label).unwrap();
        m.gradients()
    };
    let (ga, gb) = (grad(a), grad(b));
    let mut m = base.clone();
    m.accumulate_gradients(&a.image, a.label).unwrap();
    m.accumulate_gradients(&b.image, b.label).unwrap();
    assert_eq!(m.pending_samples(), 2);
    let mut sgd = Sgd::new(0.5, 0.0).unwrap();
    assert_eq!(sgd.step(&mut m), 2);
    assert_eq!(m.pending_samples(), 0);
    assert!(m.gradients().iter().all(|g| g.weights.iter().chain(&g.bias).all(|&v| v == 0.0)));
    for (l, ((new, old), (ga, gb))) in m.params().iter().zip(base.params()).zip(ga.iter().zip(&gb)).enumerate() {
        let pairs = new.weights.iter().zip(&old.weights).zip(ga.weights.iter().zip(&gb.weights));
        for (i, ((&n, &o), (&x, &y))) in pairs.enumerate() {
            let want = o - 0.5 * (x + y) / 2.0;
            assert!((n - want).abs() <= 1e-6 * (1.0 + want.abs()), "layer {l} weight {i}: {n} vs {want}");
        }
        // The recorded norm is that of the mean gradient.
        let norm =
            ga.weights.iter().zip(&gb.weights).map(|(x, y)| f64::from((x + y) / 2.0).powi(2)).sum::<f64>().sqrt();
        assert!((f64::from(m.gradient_norms()[l].weights) - norm).abs() <= 1e-5 * (1.0 + norm));
    }
    // Nothing pending: a step changes nothing.
    let before = m.params();
    assert_eq!(sgd.step(&mut m), 0);
    assert_eq!(m.params(), before);
}

#[test]
fn momentum_accumulates_velocity() {
    let data = convlab::cnn::data::reference_data().unwrap();
    let (a, b) = (&data.train.samples()[0], &data.train.samples()[1]);
    let (lr, mu) = (0.1f32, 0.9f32);
    let mut m = Model::reference().unwrap();
    let mut sgd = Sgd::new(lr, mu).unwrap();
    let w0 = m.params();
    m.accumulate_gradients(&a.image, a.label).unwrap();
    let g1 = m.gradients();
    sgd.step(&mut m);
    let w1 = m.params();
    m.accumulate_gradients(&b.image, b.label).unwrap();
    let g2 = m.gradients();
    sgd.step(&mut m);
    let w2 = m.params();
    for l in 0..3 {
        for i in 0..w0[l].weights.len() {
            // v1 = g1, w1 = w0 − η·v1; v2 = μ·v1 + g2, w2 = w1 − η·v2: the same operations, so exact.
            assert_eq!(w1[l].weights[i], w0[l].weights[i] - lr * g1[l].weights[i]);
            let v2 = mu * g1[l].weights[i] + g2[l].weights[i];
            assert_eq!(w2[l].weights[i], w1[l].weights[i] - lr * v2);
        }
    }
}

#[test]
fn bad_inputs_are_refused() {
    let mut m = Model::reference().unwrap();
    let wrong = Tensor::zeros(Shape::new(1, 8, 8)).unwrap();
    let e = m.predict(&wrong).unwrap_err();
    assert_eq!(e.to_string(), "model input: expected an input of shape 16×16×1, got shape 8×8×1");
    let mut nan = vec![0.0; 256];
    nan[5] = f32::NAN;
    let nan = Tensor::new(Shape::new(1, 16, 16), nan).unwrap();
    assert!(m.accumulate_gradients(&nan, 0).is_err());
    let ok = Tensor::zeros(Shape::new(1, 16, 16)).unwrap();
    let e = m.accumulate_gradients(&ok, 5).unwrap_err();
    assert_eq!(e.to_string(), "label must be between 0 and 4, got 5");
    assert_eq!(m.pending_samples(), 0);
    assert!(Sgd::new(-1.0, 0.0).is_err());
    assert!(Sgd::new(0.1, -0.5).is_err());
    assert!(m.evaluate(&Default::default()).is_err());
}
