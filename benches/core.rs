//! Benchmarks of the CNN core on the reference workload (`/work/shared/bench-workload.md`):
//! convolution forward and backward at the sizes of the reference network's two layers, one
//! training epoch (500 samples, SGD batch 1), and single-sample inference.
//!
//! Run with `CARGO_TARGET_DIR=/work/target-core cargo bench --bench core`. Never part of
//! `cargo test`.

use convlab::cnn::data::reference_data;
use convlab::cnn::{
    conv2d, conv2d_backward, Conv2dParams, Filters, Model, Mulberry32, Padding, Shape, Tensor, TrainConfig, Trainer,
};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;

fn random(n: usize, rng: &mut Mulberry32) -> Vec<f32> {
    (0..n).map(|_| rng.symmetric(1.0) as f32).collect()
}

/// Input, filters, biases, parameters and an upstream gradient for one reference layer.
fn layer(c: usize, side: usize, filters: usize) -> (Tensor, Filters, Vec<f32>, Conv2dParams, Tensor) {
    let mut rng = Mulberry32::new(7);
    let input = Tensor::new(Shape::new(c, side, side), random(c * side * side, &mut rng)).expect("input");
    let f = Filters::new(filters, c, 3, 3, random(filters * c * 9, &mut rng)).expect("filters");
    let bias = random(filters, &mut rng);
    let params = Conv2dParams::new(input.shape(), &f, Padding::uniform(1), 1, false).expect("params");
    let g = Tensor::new(params.output_shape(), random(params.output_shape().len(), &mut rng)).expect("gradient");
    (input, f, bias, params, g)
}

fn convolution(c: &mut Criterion) {
    for (name, (ch, side, filters)) in [("conv1 16×16×1→8", (1, 16, 8)), ("conv2 8×8×8→16", (8, 8, 16))] {
        let (x, f, b, p, g) = layer(ch, side, filters);
        c.bench_function(&format!("{name} forward"), |bench| {
            bench.iter(|| conv2d(black_box(&x), black_box(&f), black_box(&b), &p, None).expect("forward"))
        });
        c.bench_function(&format!("{name} backward"), |bench| {
            bench.iter(|| conv2d_backward(black_box(&x), black_box(&f), &p, black_box(&g)).expect("backward"))
        });
    }
}

fn training(c: &mut Criterion) {
    let data = reference_data().expect("data");
    let config = TrainConfig { epochs: 1, evaluate_each_epoch: false, ..TrainConfig::reference() };
    let mut group = c.benchmark_group("reference workload");
    group.sample_size(10);
    group.bench_function("train one epoch (500 samples, batch 1)", |bench| {
        bench.iter_batched(
            || {
                Trainer::new(Model::reference().expect("model"), data.train.clone(), data.test.clone(), config)
                    .expect("trainer")
            },
            |mut t| t.run_to_end().expect("epoch"),
            BatchSize::LargeInput,
        )
    });
    group.finish();
    let mut model = Model::reference().expect("model");
    let image = &data.test.samples()[0].image;
    c.bench_function("inference (one sample)", |bench| {
        bench.iter(|| model.predict(black_box(image)).expect("predict"))
    });
}

criterion_group!(benches, convolution, training);
criterion_main!(benches);
