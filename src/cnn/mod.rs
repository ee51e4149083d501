//! The pure CNN core of ConvLab: tensors, operations and shape arithmetic, with no web
//! dependency, so that everything the app shows can be tested on the host.
//!
//! # Traces
//! Operations take an optional trace. When given, the very loop that computes the output
//! records how each output value came about (for convolution: every term x·w, each channel's
//! partial sum, the bias and the total). Panels render traces and never redo the arithmetic,
//! so a number on screen is always the number the core computed. Tests check that every
//! traced sum equals the output value it explains.
//!
//! # Map
//! - Data: [`tensor`] (channels × height × width, channel-major then row-major), [`shape`]
//!   (the output-size formula ⌊(n + 2p − f)/s⌋ + 1, padding, uncovered rows), [`error`] (one
//!   typed error whose messages name the values at fault).
//! - Forward and backward, each with a trace: [`conv`] / [`conv_backward`] (filters stored
//!   filter-major, then channel, then row-major), [`activation`], [`pool`], [`flatten`]
//!   (order (y, x, channel), as the reference workload), [`dense`] (weights out × in),
//!   [`softmax`] (stable: the max is subtracted first), [`loss`], [`onehot`], [`gray`].
//! - Learning: [`model`] (a sequential model built from a spec, SGD with momentum, training in
//!   slices, evaluation, JSON files), [`init`], [`data`] and [`rng`] (the reference five-class
//!   workload, bit-exact to its specification).
//! - Architectures: [`arch`] (LeNet-5 to ResNet-50, shapes and parameters layer by layer).
//!
//! No function here panics on input a user can produce: sizes beyond the limits
//! ([`MAX_SIDE`], [`MAX_CHANNELS`], [`MAX_KERNEL`]) are refused with an error.

#![warn(missing_docs)]

pub mod activation;
pub mod arch;
pub mod conv;
pub mod conv_backward;
mod conv_fast;
mod conv_kernels;
pub mod data;
pub mod dense;
pub mod error;
pub mod flatten;
pub mod gray;
pub mod init;
mod lanes;
pub mod loss;
pub mod model;
pub mod onehot;
pub mod pool;
pub mod rng;
pub mod shape;
pub mod softmax;
pub mod tensor;

pub use activation::{activate, activate_backward, activate_vec, activate_vec_backward, relu, sigmoid, tanh, unravel, Activation, ActivationStep, ActivationTrace};
pub use arch::{Architecture, LayerOp, LayerRow, LayerSpec, ShapeTable};
pub use conv::{conv2d, Conv2dParams, ConvTrace, Filters, PositionTrace, Source, Term, MAX_KERNEL};
pub use conv_backward::{conv2d_backward, weight_gradient_trace, ConvGrads, WeightGradTerm, WeightGradTrace};
pub use data::{Dataset, EpochShuffler, Sample, CLASS_NAMES, NUM_CLASSES};
pub use dense::{dense, dense_backward, Dense, DenseGrads, DenseOutputTrace, DenseTerm, DenseTrace};
pub use error::{CnnError, Result};
pub use flatten::{flat_index, flatten, flatten_backward, flatten_map, unflatten, FlatPos, FlattenStep, FlattenTrace};
pub use gray::{from_rgba, to_gray, to_gray_backward, GrayPixel, GrayTrace, GRAY_B, GRAY_G, GRAY_R, GRAY_WEIGHTS};
pub use init::{glorot_uniform, he_uniform, ReferenceWeights};
pub use loss::{
    batch_cross_entropy, cost, cross_entropy, cross_entropy_from_logits, cross_entropy_from_logits_grad, mse, mse_grad,
    per_class_losses, BatchLoss, ClassTerm, CrossEntropyTrace, LogBase, MseTerm, MseTrace,
};
pub use model::{
    evaluate, Evaluation, FeatureMap, Init, Layer, LayerConfig, LayerParams, LayerValue, LossKind, Model, ModelFile, ModelPlan,
    ModelSpec, PoolSpec, Prediction, SampleOutcome, Sgd, TrainConfig, TrainStatus, Trainer,
};
pub use onehot::{one_hot, validate_distribution, validate_one_hot, DistributionCheck, OneHotCheck, DISTRIBUTION_TOLERANCE, MAX_CLASSES};
pub use pool::{avg_pool, max_pool, pool2d, pool2d_backward, PoolCell, PoolKind, PoolParams, PoolTrace, WindowResult, WindowTrace};
pub use rng::Mulberry32;
pub use shape::{axis_plan, output_len, AxisPlan, Padding, PaddingSpec};
pub use softmax::{log_softmax, softmax, softmax_backward, softmax_backward_with_temperature, softmax_with_temperature, SoftmaxTrace};
pub use tensor::{Shape, Tensor, MAX_CHANNELS, MAX_SIDE};
