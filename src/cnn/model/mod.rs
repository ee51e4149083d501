//! A sequential CNN that trains: layers (convolution, activation, pooling, flatten, dense),
//! then softmax and a loss ([`LossKind`]).
//!
//! - [`ModelSpec`] describes an architecture as data (serde); [`ModelSpec::plan`] computes and
//!   checks every layer's shapes and parameter counts before anything is built, and
//!   [`ModelSpec::build`] builds a [`Model`] with seeded Glorot or He initialisation
//!   ([`Init`]); [`Model::from_params`] takes explicit weights; [`Model::reference`] is the
//!   reference workload's network with its published initial weights.
//! - [`Model`] runs forward ([`Model::predict`], [`Model::feature_maps`]) and backward
//!   ([`Model::accumulate_gradients`]) on buffers allocated once, so a training step
//!   allocates nothing.
//! - [`Sgd`] updates w ← w − η·∂L/∂w (optionally with momentum) from the gradients averaged
//!   over a mini-batch; [`Trainer`] runs epochs in slices of any size for the UI, with
//!   metrics, test evaluation and NaN/∞ detection.
//! - [`evaluate`] gives accuracy, mean loss, confusion matrix and per-class accuracy.
//! - [`Model::to_json`] / [`Model::from_json`] save and load spec + weights.

mod build;
mod eval;
mod io;
mod layer;
mod pass;
mod spec;
mod train;
mod trainer;

pub use build::Init;
pub use eval::{evaluate, EvalProgress, Evaluation};
pub use io::{ModelFile, MODEL_FORMAT, MODEL_VERSION};
pub use layer::{Layer, LayerParams};
pub use pass::{FeatureMap, LayerValue, Prediction, SampleOutcome};
pub use spec::{Flow, LayerConfig, LayerPlan, LossKind, ModelPlan, ModelSpec, PoolSpec, MAX_LAYERS};
pub use train::{
    Divergence, EpochRecord, GradNorm, Sgd, SliceReport, StepRecord, TrainConfig, TrainStatus, EXPLODING_WEIGHT,
};
pub use trainer::Trainer;

use super::conv::Filters;
use super::conv_fast::ConvScratch;
use super::conv_kernels::Geom;
use super::dense::Dense;
use super::error::{CnnError, Result};
use super::tensor::Shape;
use spec::Resolved;

/// A built model: its spec, its plan, its layers with weights, and its working buffers.
#[derive(Debug, Clone)]
pub struct Model {
    spec: ModelSpec,
    plan: ModelPlan,
    layers: Vec<Layer>,
    ws: Workspace,
}

/// Buffers allocated once per model, reused by every pass.
#[derive(Debug, Clone)]
struct Workspace {
    /// `acts[0]` is the input, `acts[i + 1]` the output of layer i.
    acts: Vec<Vec<f32>>,
    /// `grads[i]` is dL/d`acts[i]` (`grads[0]` stays empty: the input needs none).
    grads: Vec<Vec<f32>>,
    /// Per layer, the winner of each max-pooling window.
    argmax: Vec<Vec<usize>>,
    /// Softmax of the last logits.
    probs: Vec<f32>,
    /// Per layer, the summed weight and bias gradients of the pending samples.
    dw: Vec<Vec<f32>>,
    db: Vec<Vec<f32>>,
    /// Samples whose gradients are summed in `dw`, `db`.
    pending: usize,
    /// Gradient norms of the last optimiser step, one per parametric layer.
    norms: Vec<GradNorm>,
    /// Per layer, the lane-layout buffers of a convolution (empty for other layers).
    conv: Vec<ConvScratch>,
}

impl Workspace {
    fn new(plan: &ModelPlan, input: Shape) -> Self {
        let mut acts = vec![vec![0.0; input.len()]];
        let mut grads = vec![Vec::new()];
        let (mut argmax, mut dw, mut db, mut norms) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut conv = Vec::new();
        for l in &plan.layers {
            acts.push(vec![0.0; l.output.len()]);
            grads.push(vec![0.0; l.output.len()]);
            let pooled = matches!(l.resolved, Resolved::Pool(_));
            conv.push(match &l.resolved {
                Resolved::Conv(p) => ConvScratch::new(&Geom::of(p)),
                _ => ConvScratch::default(),
            });
            argmax.push(vec![0usize; if pooled { l.output.len() } else { 0 }]);
            dw.push(vec![0.0; l.weights]);
            db.push(vec![0.0; l.biases]);
            if l.has_params() {
                norms.push(GradNorm { layer: l.index, name: l.name.clone(), weights: 0.0, bias: 0.0 });
            }
        }
        let classes = plan.layers.last().map_or(0, |l| l.output.len());
        Workspace { acts, grads, argmax, probs: vec![0.0; classes], dw, db, pending: 0, norms, conv }
    }
}

fn layer_error(plan: &LayerPlan, reason: CnnError) -> CnnError {
    CnnError::Layer { layer: plan.index, name: plan.name.clone(), reason: Box::new(reason) }
}

fn check_len(plan: &LayerPlan, what: &'static str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(CnnError::ParamCount { layer: plan.index, name: plan.name.clone(), what, expected, got })
    }
}

impl Model {
    /// A model of `spec` with explicit weights: one [`LayerParams`] per convolution or dense
    /// layer, in order, in the core layouts. Refused when the spec is invalid, when the
    /// number of entries or any length differs from the plan, or when a value is not finite.
    pub fn from_params(spec: &ModelSpec, params: Vec<LayerParams>) -> Result<Model> {
        let plan = spec.plan()?;
        let expected = plan.layers.iter().filter(|l| l.has_params()).count();
        if params.len() != expected {
            return Err(CnnError::LengthMismatch {
                op: "model weights",
                what: "the list of layer weights (one per convolution or dense layer)",
                expected,
                got: params.len(),
            });
        }
        let mut params = params.into_iter();
        let mut layers = Vec::with_capacity(plan.layers.len());
        for l in &plan.layers {
            let layer = match (l.resolved, l.config) {
                (Resolved::Conv(p), LayerConfig::Conv { padding, stride, .. }) => {
                    let LayerParams { weights, bias } = params.next().unwrap_or_default();
                    check_len(l, "weights", l.weights, weights.len())?;
                    check_len(l, "biases", l.biases, bias.len())?;
                    let filters =
                        Filters::new(p.filters, p.input.c, p.kh, p.kw, weights).map_err(|e| layer_error(l, e))?;
                    Layer::Conv { filters, bias, padding, stride }
                }
                (Resolved::Dense { inputs, units }, _) => {
                    let LayerParams { weights, bias } = params.next().unwrap_or_default();
                    check_len(l, "weights", l.weights, weights.len())?;
                    check_len(l, "biases", l.biases, bias.len())?;
                    Layer::Dense(Dense::new(inputs, units, weights, bias).map_err(|e| layer_error(l, e))?)
                }
                (Resolved::Activation(a), _) => Layer::Activation(a),
                (Resolved::Pool(_), LayerConfig::Pool(s)) => Layer::Pool(s),
                (Resolved::Flatten(_), _) => Layer::Flatten,
                _ => return Err(layer_error(l, CnnError::Empty { op: "model layer" })),
            };
            if let Some(value) = layer.params().and_then(|(w, b)| w.iter().chain(b).copied().find(|v| !v.is_finite())) {
                return Err(layer_error(l, CnnError::NotFinite { what: "weight", value }));
            }
            layers.push(layer);
        }
        let ws = Workspace::new(&plan, spec.input);
        Ok(Model { spec: spec.clone(), plan, layers, ws })
    }

    /// A model from layers that already hold their weights. The number of classes is the
    /// last dense layer's output count. Refused like [`Model::from_params`], and for a
    /// non-square kernel.
    pub fn from_layers(input: Shape, layers: Vec<Layer>, loss: LossKind) -> Result<Model> {
        let classes = layers.iter().rev().find_map(|l| if let Layer::Dense(d) = l { Some(d.outputs()) } else { None });
        let spec = ModelSpec {
            input,
            layers: layers.iter().map(Layer::config).collect(),
            classes: classes.unwrap_or(0),
            loss,
        };
        let plan = spec.plan()?;
        for (l, layer) in plan.layers.iter().zip(&layers) {
            if let (Layer::Conv { filters, .. }, Flow::Map(input)) = (layer, l.input) {
                if filters.kw != filters.kh || filters.depth != input.c {
                    let reason = CnnError::ShapeMismatch {
                        op: "convolution",
                        expected: format!("square kernels as deep as the input ({} channels)", input.c),
                        got: format!("kernels of {}×{}×{}", filters.kh, filters.kw, filters.depth),
                    };
                    return Err(layer_error(l, reason));
                }
            }
        }
        let params = layers
            .iter()
            .filter_map(|l| l.params().map(|(w, b)| LayerParams { weights: w.to_vec(), bias: b.to_vec() }))
            .collect();
        Model::from_params(&spec, params)
    }

    /// The architecture.
    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// Shapes and counts per layer.
    pub fn plan(&self) -> &ModelPlan {
        &self.plan
    }

    /// The layers with their weights.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// A copy of every convolution and dense layer's weights and biases, in order.
    pub fn params(&self) -> Vec<LayerParams> {
        self.layers
            .iter()
            .filter_map(|l| l.params().map(|(w, b)| LayerParams { weights: w.to_vec(), bias: b.to_vec() }))
            .collect()
    }

    /// Replaces all weights, with the checks of [`Model::from_params`]; on error the model is
    /// unchanged. Pending gradients are dropped.
    pub fn set_params(&mut self, params: Vec<LayerParams>) -> Result<()> {
        *self = Model::from_params(&self.spec, params)?;
        Ok(())
    }

    /// The first weight or bias that is NaN or infinite, as (layer index from 1, value).
    pub fn first_non_finite(&self) -> Option<(usize, f32)> {
        self.first_weight_beyond(f32::INFINITY)
    }

    /// The first weight or bias that is NaN, infinite or larger than `limit` in magnitude, as
    /// (layer index from 1, value).
    pub fn first_weight_beyond(&self, limit: f32) -> Option<(usize, f32)> {
        self.layers.iter().zip(&self.plan.layers).find_map(|(layer, l)| {
            let (w, b) = layer.params()?;
            w.iter().chain(b).copied().find(|v| !v.is_finite() || v.abs() > limit).map(|v| (l.index, v))
        })
    }
}
