//! A model's architecture as data ([`ModelSpec`], serde), and the plan computed from it before
//! anything is allocated: every layer's input and output shape, weights, biases and
//! multiply-adds. An impossible configuration is refused with [`CnnError::Layer`], naming the
//! layer and the numbers that collapsed.

use super::super::activation::Activation;
use super::super::conv::Conv2dParams;
use super::super::dense::{MAX_DENSE_INPUTS, MAX_DENSE_OUTPUTS, MAX_DENSE_WEIGHTS};
use super::super::error::{CnnError, Result};
use super::super::onehot::MAX_CLASSES;
use super::super::pool::{PoolKind, PoolParams};
use super::super::shape::Padding;
use super::super::tensor::{check_range, Shape};
use serde::{Deserialize, Serialize};

/// The most layers a model may have.
pub const MAX_LAYERS: usize = 32;

/// The loss at the end of the model, after the softmax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LossKind {
    /// Cross-entropy −ln p_label computed from the logits (natural log, nats); gradient p − y.
    CrossEntropy,
    /// Mean squared error (1/n) Σ (y_i − p_i)² between the one-hot target and the softmax
    /// probabilities.
    Mse,
}

/// A pooling layer: square `window`, moved by `stride`, no padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PoolSpec {
    /// Max or average.
    pub kind: PoolKind,
    /// Window side.
    pub window: usize,
    /// Step between windows.
    pub stride: usize,
}

/// One layer of a configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LayerConfig {
    /// Convolution: `filters` kernels of `kernel`×`kernel`×c_in, `padding` zeros per side,
    /// a bias per filter.
    Conv {
        /// Number of filters (output channels).
        filters: usize,
        /// Kernel side.
        kernel: usize,
        /// Zeros on every side.
        padding: usize,
        /// Step of the kernel.
        stride: usize,
    },
    /// An element-wise activation.
    Activation(Activation),
    /// Max or average pooling.
    Pool(PoolSpec),
    /// A feature map into a vector, in (y, x, channel) order.
    Flatten,
    /// Fully connected layer with `units` outputs and a bias per output.
    Dense {
        /// Number of outputs.
        units: usize,
    },
}

impl LayerConfig {
    /// The layer as shown on screen and in messages, e.g. "conv 3×3×8, pad 1, stride 1".
    pub fn name(&self) -> String {
        match *self {
            LayerConfig::Conv { filters, kernel, padding, stride } => {
                format!("conv {kernel}×{kernel}×{filters}, pad {padding}, stride {stride}")
            }
            LayerConfig::Activation(a) => a.name().to_string(),
            LayerConfig::Pool(p) => {
                let kind = if p.kind == PoolKind::Max { "max" } else { "average" };
                format!("{kind} pool {w}×{w}, stride {s}", w = p.window, s = p.stride)
            }
            LayerConfig::Flatten => "flatten".to_string(),
            LayerConfig::Dense { units } => format!("dense {units}"),
        }
    }
}

/// A whole architecture: input shape, layers, number of classes and loss. The last layer must
/// give one value (logit) per class; the softmax and the loss follow it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ModelSpec {
    /// Shape of one input sample.
    pub input: Shape,
    /// The layers, first to last.
    pub layers: Vec<LayerConfig>,
    /// Number of classes.
    pub classes: usize,
    /// The loss after the softmax.
    pub loss: LossKind,
}

/// What flows between two layers: a feature map or a flat vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flow {
    /// c × h × w feature maps.
    Map(Shape),
    /// A vector of this length.
    Vector(usize),
}

impl Flow {
    /// Number of values.
    pub fn len(&self) -> usize {
        match *self {
            Flow::Map(s) => s.len(),
            Flow::Vector(n) => n,
        }
    }

    /// True when there are no values (never for a planned layer).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Display for Flow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Flow::Map(s) => write!(f, "a {s} map"),
            Flow::Vector(n) => write!(f, "a vector of {n} values"),
        }
    }
}

/// The checked geometry of one layer, as the model's loops use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved {
    Conv(Conv2dParams),
    Activation(Activation),
    Pool(PoolParams),
    Flatten(Shape),
    Dense { inputs: usize, units: usize },
}

/// One row of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerPlan {
    /// Position, counting from 1.
    pub index: usize,
    /// The configuration.
    pub config: LayerConfig,
    /// See [`LayerConfig::name`].
    pub name: String,
    /// What the layer reads.
    pub input: Flow,
    /// What the layer gives.
    pub output: Flow,
    /// Number of weights (0 for layers without parameters).
    pub weights: usize,
    /// Number of biases.
    pub biases: usize,
    /// Multiply-adds of one forward pass (convolution and dense layers only).
    pub multiply_adds: usize,
    pub(crate) resolved: Resolved,
}

impl LayerPlan {
    /// Weights + biases.
    pub fn params(&self) -> usize {
        self.weights + self.biases
    }

    /// True for convolution and dense layers, the ones the optimiser updates.
    pub fn has_params(&self) -> bool {
        self.weights > 0
    }
}

/// The shapes and counts of every layer of a valid [`ModelSpec`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelPlan {
    /// One row per layer.
    pub layers: Vec<LayerPlan>,
}

impl ModelPlan {
    /// All trainable parameters.
    pub fn total_params(&self) -> usize {
        self.layers.iter().map(LayerPlan::params).sum()
    }

    /// Multiply-adds of one forward pass.
    pub fn total_multiply_adds(&self) -> usize {
        self.layers.iter().map(|l| l.multiply_adds).sum()
    }
}

fn refuse(op: &'static str, expected: &str, got: Flow) -> CnnError {
    CnnError::ShapeMismatch { op, expected: expected.to_string(), got: got.to_string() }
}

/// Plans one layer on its input, or says why it cannot be.
fn plan_layer(config: &LayerConfig, input: Flow) -> Result<(Resolved, Flow, usize, usize, usize)> {
    match (*config, input) {
        (LayerConfig::Conv { filters, kernel, padding, stride }, Flow::Map(shape)) => {
            let p = Conv2dParams::from_dims(
                shape,
                filters,
                shape.c,
                kernel,
                kernel,
                Padding::uniform(padding),
                stride,
                false,
            )?;
            let weights = filters * kernel * kernel * shape.c;
            Ok((Resolved::Conv(p), Flow::Map(p.output_shape()), weights, filters, p.positions() * weights))
        }
        (LayerConfig::Activation(a), flow) => Ok((Resolved::Activation(a), flow, 0, 0, 0)),
        (LayerConfig::Pool(s), Flow::Map(shape)) => {
            let p = PoolParams::new(shape, s.kind, s.window, s.window, s.stride)?;
            Ok((Resolved::Pool(p), Flow::Map(p.output_shape()), 0, 0, 0))
        }
        (LayerConfig::Flatten, Flow::Map(shape)) => Ok((Resolved::Flatten(shape), Flow::Vector(shape.len()), 0, 0, 0)),
        (LayerConfig::Dense { units }, Flow::Vector(inputs)) => {
            check_range("dense inputs", inputs, 1, MAX_DENSE_INPUTS)?;
            check_range("dense outputs", units, 1, MAX_DENSE_OUTPUTS)?;
            check_range("dense weight count (inputs × outputs)", inputs * units, 1, MAX_DENSE_WEIGHTS)?;
            Ok((Resolved::Dense { inputs, units }, Flow::Vector(units), inputs * units, units, inputs * units))
        }
        (LayerConfig::Conv { .. }, flow) => {
            Err(refuse("convolution", "a feature map (put it before the flatten)", flow))
        }
        (LayerConfig::Pool(_), flow) => Err(refuse("pooling", "a feature map (put it before the flatten)", flow)),
        (LayerConfig::Flatten, flow) => Err(refuse("flatten", "a feature map (flatten only once)", flow)),
        (LayerConfig::Dense { .. }, flow) => {
            Err(refuse("dense", "a flat vector (add a flatten layer before it)", flow))
        }
    }
}

impl ModelSpec {
    /// The reference workload's network (`bench-workload.md`): conv 3×3×8 pad 1 → ReLU → max
    /// pool 2/2 → conv 3×3×16 pad 1 → ReLU → max pool 2/2 → flatten → dense 5, cross-entropy.
    pub fn reference() -> Self {
        let conv = |filters| LayerConfig::Conv { filters, kernel: 3, padding: 1, stride: 1 };
        let pool = LayerConfig::Pool(PoolSpec { kind: PoolKind::Max, window: 2, stride: 2 });
        let relu = LayerConfig::Activation(Activation::Relu);
        ModelSpec {
            input: Shape::new(1, 16, 16),
            layers: vec![
                conv(8),
                relu,
                pool,
                conv(16),
                relu,
                pool,
                LayerConfig::Flatten,
                LayerConfig::Dense { units: 5 },
            ],
            classes: 5,
            loss: LossKind::CrossEntropy,
        }
    }

    /// Computes and checks every layer's shapes and counts. Refused: an input shape outside
    /// the tensor limits, more than [`MAX_LAYERS`] layers, classes outside 2..=MAX_CLASSES, a
    /// layer whose shapes collapse ([`CnnError::Layer`]), or a last layer that does not give
    /// one value per class.
    pub fn plan(&self) -> Result<ModelPlan> {
        self.input.check()?;
        check_range("number of layers", self.layers.len(), 1, MAX_LAYERS)?;
        check_range("number of classes", self.classes, 2, MAX_CLASSES)?;
        let mut flow = Flow::Map(self.input);
        let mut layers = Vec::with_capacity(self.layers.len());
        for (i, config) in self.layers.iter().enumerate() {
            let name = config.name();
            let (resolved, output, weights, biases, multiply_adds) = plan_layer(config, flow)
                .map_err(|e| CnnError::Layer { layer: i + 1, name: name.clone(), reason: Box::new(e) })?;
            layers.push(LayerPlan {
                index: i + 1,
                config: *config,
                name,
                input: flow,
                output,
                weights,
                biases,
                multiply_adds,
                resolved,
            });
            flow = output;
        }
        if flow != Flow::Vector(self.classes) {
            return Err(CnnError::ShapeMismatch {
                op: "model output",
                expected: format!(
                    "one logit per class, a vector of {} values (end with dense {})",
                    self.classes, self.classes
                ),
                got: flow.to_string(),
            });
        }
        Ok(ModelPlan { layers })
    }
}
