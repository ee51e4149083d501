//! Model configurations: the reference plan (shapes, parameters, multiply-adds as
//! `bench-workload.md` counts them), seeded initialisation, and configurations that are
//! refused with the layer and the numbers named.

use convlab::cnn::model::{Flow, MAX_LAYERS};
use convlab::cnn::{
    Activation, CnnError, Dense, Filters, Init, Layer, LayerConfig, LayerValue, LossKind, Model, ModelSpec, PoolKind,
    PoolSpec, ReferenceWeights, Shape,
};

const MAX2: LayerConfig = LayerConfig::Pool(PoolSpec { kind: PoolKind::Max, window: 2, stride: 2 });

#[test]
fn reference_plan_matches_the_workload() {
    let plan = ModelSpec::reference().plan().unwrap();
    let outputs: Vec<Flow> = plan.layers.iter().map(|l| l.output).collect();
    let map = |c, s| Flow::Map(Shape::new(c, s, s));
    assert_eq!(
        outputs,
        vec![map(8, 16), map(8, 16), map(8, 8), map(16, 8), map(16, 8), map(16, 4), Flow::Vector(256), Flow::Vector(5)]
    );
    let params: Vec<usize> = plan.layers.iter().map(|l| l.params()).collect();
    assert_eq!(params, vec![80, 0, 0, 1168, 0, 0, 0, 1285]);
    assert_eq!(plan.total_params(), 2533);
    // "93,440 multiply-adds forward (conv1 18,432, conv2 73,728, dense 1,280)".
    let macs: Vec<usize> = plan.layers.iter().map(|l| l.multiply_adds).filter(|&m| m > 0).collect();
    assert_eq!(macs, vec![18_432, 73_728, 1_280]);
    assert_eq!(plan.total_multiply_adds(), 93_440);
    let names: Vec<&str> = plan.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names[..3], ["conv 3×3×8, pad 1, stride 1", "ReLU", "max pool 2×2, stride 2"]);
}

#[test]
fn glorot_seed_44_reproduces_the_published_weights() {
    let built = ModelSpec::reference().build(Init::REFERENCE).unwrap();
    let reference = Model::reference().unwrap();
    assert_eq!(built.params(), reference.params());
    let w = ReferenceWeights::reference();
    assert_eq!(reference.params()[0].weights, w.conv1_filters().unwrap().data());
    assert_eq!(reference.params()[2].weights, w.dense_out_in().unwrap());
    assert!(reference.params().iter().all(|p| p.bias.iter().all(|&b| b == 0.0)));
}

#[test]
fn he_initialisation_is_seeded_and_bounded() {
    let spec = ModelSpec::reference();
    let a = spec.build(Init::He { seed: 1 }).unwrap();
    assert_eq!(a.params(), spec.build(Init::He { seed: 1 }).unwrap().params());
    assert_ne!(a.params(), spec.build(Init::He { seed: 2 }).unwrap().params());
    for (p, fan_in) in a.params().iter().zip([9.0f32, 72.0, 256.0]) {
        let limit = (6.0 / fan_in).sqrt();
        assert!(p.weights.iter().all(|w| w.abs() <= limit));
        assert!(p.weights.iter().any(|w| w.abs() > 0.9 * limit));
    }
}

#[test]
fn three_pools_on_4x4_collapse_at_layer_3() {
    let spec = ModelSpec {
        input: Shape::new(1, 4, 4),
        layers: vec![MAX2, MAX2, MAX2, LayerConfig::Flatten, LayerConfig::Dense { units: 2 }],
        classes: 2,
        loss: LossKind::CrossEntropy,
    };
    let e = spec.plan().unwrap_err();
    assert_eq!(
        e.to_string(),
        "layer 3 (max pool 2×2, stride 2): kernel 2×2 does not fit a 1×1 input with padding 0: \
         n + 2p − f = 1 + 0 − 2 = -1 is negative"
    );
    let CnnError::Layer { layer, ref reason, .. } = e else { panic!("{e:?}") };
    assert_eq!(layer, 3);
    assert!(matches!(**reason, CnnError::KernelDoesNotFit { n: 1, f: 2, .. }));
    assert_eq!(spec.build(Init::REFERENCE).unwrap_err(), e);
}

#[test]
fn impossible_orders_and_sizes_are_refused() {
    let spec = |layers: Vec<LayerConfig>, classes| ModelSpec {
        input: Shape::new(1, 6, 6),
        layers,
        classes,
        loss: LossKind::Mse,
    };
    let conv = |kernel| LayerConfig::Conv { filters: 2, kernel, padding: 0, stride: 1 };
    let e = spec(vec![conv(7), LayerConfig::Flatten, LayerConfig::Dense { units: 3 }], 3).plan().unwrap_err();
    assert!(e.to_string().starts_with("layer 1 (conv 7×7×2, pad 0, stride 1): kernel 7×7 does not fit"), "{e}");
    let e = spec(vec![LayerConfig::Dense { units: 3 }], 3).plan().unwrap_err();
    assert_eq!(
        e.to_string(),
        "layer 1 (dense 3): dense: expected a flat vector (add a flatten layer before it), got a 6×6×1 map"
    );
    let e = spec(vec![LayerConfig::Flatten, conv(3)], 3).plan().unwrap_err();
    assert!(matches!(e, CnnError::Layer { layer: 2, .. }), "{e}");
    let e = spec(vec![LayerConfig::Flatten, LayerConfig::Dense { units: 4 }], 3).plan().unwrap_err();
    assert_eq!(
        e.to_string(),
        "model output: expected one logit per class, a vector of 3 values (end with dense 3), got a vector of 4 values"
    );
    assert!(spec(vec![LayerConfig::Flatten, LayerConfig::Dense { units: 1 }], 1).plan().is_err());
    assert!(spec(vec![], 3).plan().is_err());
    let mut many = vec![LayerConfig::Activation(Activation::Relu); MAX_LAYERS];
    many.extend([LayerConfig::Flatten, LayerConfig::Dense { units: 3 }]);
    assert!(spec(many, 3).plan().is_err());
    let zero_stride = LayerConfig::Conv { filters: 2, kernel: 3, padding: 0, stride: 0 };
    assert!(spec(vec![zero_stride, LayerConfig::Flatten, LayerConfig::Dense { units: 3 }], 3).plan().is_err());
    let huge = LayerConfig::Conv { filters: 2, kernel: 3, padding: usize::MAX, stride: 1 };
    assert!(spec(vec![huge, LayerConfig::Flatten, LayerConfig::Dense { units: 3 }], 3).plan().is_err());
}

#[test]
fn spec_round_trips_through_json() {
    let spec = ModelSpec::reference();
    let json = serde_json::to_string(&spec).unwrap();
    assert_eq!(serde_json::from_str::<ModelSpec>(&json).unwrap(), spec);
}

#[test]
fn models_from_layers_and_feature_maps() {
    let conv = Layer::Conv {
        filters: Filters::new(2, 1, 3, 3, vec![0.1; 18]).unwrap(),
        bias: vec![0.0, 0.5],
        padding: 1,
        stride: 1,
    };
    let layers = vec![
        conv,
        Layer::Activation(Activation::Tanh),
        Layer::Flatten,
        Layer::Dense(Dense::zeros(2 * 4 * 4, 3).unwrap()),
    ];
    let mut m = Model::from_layers(Shape::new(1, 4, 4), layers, LossKind::CrossEntropy).unwrap();
    assert_eq!(m.spec().classes, 3);
    assert_eq!(m.plan().total_params(), 20 + 99);
    let maps = m.feature_maps(&convlab::cnn::Tensor::zeros(Shape::new(1, 4, 4)).unwrap()).unwrap();
    let LayerValue::Map(t) = &maps[1].value else { panic!() };
    assert_eq!((t.get(0, 0, 0), t.get(1, 2, 2)), (0.0, 0.5));
    let p = m.predict(&convlab::cnn::Tensor::zeros(Shape::new(1, 4, 4)).unwrap()).unwrap();
    assert_eq!(p.probs, vec![1.0 / 3.0; 3]);
    assert_eq!(p.class, 0);

    let rect = Layer::Conv {
        filters: Filters::new(1, 1, 2, 3, vec![0.0; 6]).unwrap(),
        bias: vec![0.0],
        padding: 0,
        stride: 1,
    };
    let layers = vec![rect, Layer::Flatten, Layer::Dense(Dense::zeros(9, 2).unwrap())];
    assert!(matches!(
        Model::from_layers(Shape::new(1, 4, 4), layers, LossKind::Mse),
        Err(CnnError::Layer { layer: 1, .. })
    ));
    let deep = Layer::Conv {
        filters: Filters::new(1, 2, 3, 3, vec![0.0; 18]).unwrap(),
        bias: vec![0.0],
        padding: 0,
        stride: 1,
    };
    let layers = vec![deep, Layer::Flatten, Layer::Dense(Dense::zeros(4, 2).unwrap())];
    assert!(Model::from_layers(Shape::new(1, 4, 4), layers, LossKind::Mse).is_err());
}
