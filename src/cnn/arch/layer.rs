//! One layer of a specification: what it does ([`LayerOp`]), its name and stride, and the
//! one-line description the tables show.

use super::PoolKind;
use serde::{Deserialize, Serialize};

/// How a pooling layer rounds ⌊(n + 2p − f)/s⌋ + 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rounding {
    /// The formula as is: trailing rows no window covers are dropped.
    Floor,
    /// ⌈(n + 2p − f)/s⌉ + 1 (Caffe, and PyTorch's `ceil_mode=True`): one more window covers
    /// the leftover rows, as if zeros were added at the bottom and right; a window that would
    /// start past the input and its left padding is dropped again, as PyTorch does.
    Ceil,
}

/// What a layer does. Spatial operations use square kernels and equal padding on all sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LayerOp {
    /// Convolution with `filters` kernels of `kernel`×`kernel`×c_in.
    Conv {
        /// Number of filters (output channels).
        filters: usize,
        /// Kernel side f.
        kernel: usize,
        /// Stride s.
        stride: usize,
        /// Zeros p on each side.
        padding: usize,
        /// Whether each filter has a bias.
        bias: bool,
    },
    /// Max or average pooling; no parameters.
    Pool {
        /// Max or average.
        kind: PoolKind,
        /// Window side f.
        kernel: usize,
        /// Stride s.
        stride: usize,
        /// Padding p on each side.
        padding: usize,
        /// Floor (the formula) or ceil (Caffe, `ceil_mode`).
        rounding: Rounding,
    },
    /// Fully connected layer on a flat input (c×1×1).
    Dense {
        /// Number of outputs.
        units: usize,
        /// Whether each output has a bias.
        bias: bool,
    },
    /// Batch normalisation: γ and β per channel.
    BatchNorm,
    /// ReLU.
    Relu,
    /// tanh (LeNet-5's squashing function); no parameters.
    Tanh,
    /// Local response normalisation (AlexNet, ZFNet); no parameters.
    LocalResponseNorm,
    /// Dropout; no parameters and no effect on shapes.
    Dropout,
    /// c×h×w → (c·h·w)×1×1.
    Flatten,
    /// The mean of each channel: c×h×w → c×1×1.
    GlobalAvgPool,
    /// Average pooling to a fixed `side`×`side` output whatever the input size (torchvision's
    /// `AdaptiveAvgPool2d`), which keeps the classifier's input size fixed.
    AdaptiveAvgPool {
        /// Output height and width.
        side: usize,
    },
    /// Parallel branches on the same input, concatenated along channels; an empty branch
    /// passes the input through. All branches must give the same height and width.
    Inception {
        /// The branches, each a sequence of layers.
        branches: Vec<Vec<LayerSpec>>,
    },
    /// `main(x) + shortcut(x)`, then ReLU if `relu_after`; an empty shortcut is the identity.
    /// Both paths must give the same shape.
    Residual {
        /// The main path.
        main: Vec<LayerSpec>,
        /// The shortcut (empty: identity).
        shortcut: Vec<LayerSpec>,
        /// Whether a ReLU follows the addition.
        relu_after: bool,
    },
}

/// One named layer. Names are unique within an architecture and follow torchvision's module
/// names where there is one, so stride overrides can address them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerSpec {
    /// The layer's name, e.g. `"conv1"` or `"layer2.0.conv1"`.
    pub name: String,
    /// What it does.
    pub op: LayerOp,
}

impl LayerSpec {
    /// A layer from its name and operation.
    pub fn new(name: impl Into<String>, op: LayerOp) -> Self {
        LayerSpec { name: name.into(), op }
    }

    /// Convolution with biases.
    pub fn conv(name: impl Into<String>, filters: usize, kernel: usize, stride: usize, padding: usize) -> Self {
        Self::new(name, LayerOp::Conv { filters, kernel, stride, padding, bias: true })
    }

    /// Convolution without biases (followed by batch norm, whose β plays that role).
    pub fn conv_no_bias(name: impl Into<String>, filters: usize, kernel: usize, stride: usize, padding: usize) -> Self {
        Self::new(name, LayerOp::Conv { filters, kernel, stride, padding, bias: false })
    }

    /// Max pooling, floor rounding.
    pub fn max_pool(name: impl Into<String>, kernel: usize, stride: usize, padding: usize) -> Self {
        Self::new(name, LayerOp::Pool { kind: PoolKind::Max, kernel, stride, padding, rounding: Rounding::Floor })
    }

    /// Average pooling, floor rounding.
    pub fn avg_pool(name: impl Into<String>, kernel: usize, stride: usize, padding: usize) -> Self {
        Self::new(name, LayerOp::Pool { kind: PoolKind::Average, kernel, stride, padding, rounding: Rounding::Floor })
    }

    /// The same layer with ceil rounding, if it is a pooling layer (unchanged otherwise).
    pub fn ceil(mut self) -> Self {
        if let LayerOp::Pool { rounding, .. } = &mut self.op {
            *rounding = Rounding::Ceil;
        }
        self
    }

    /// Fully connected layer with biases.
    pub fn dense(name: impl Into<String>, units: usize) -> Self {
        Self::new(name, LayerOp::Dense { units, bias: true })
    }

    /// Batch normalisation.
    pub fn batch_norm(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::BatchNorm)
    }

    /// ReLU.
    pub fn relu(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::Relu)
    }

    /// tanh.
    pub fn tanh(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::Tanh)
    }

    /// Local response normalisation.
    pub fn lrn(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::LocalResponseNorm)
    }

    /// Dropout.
    pub fn dropout(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::Dropout)
    }

    /// Flatten.
    pub fn flatten(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::Flatten)
    }

    /// Global average pooling.
    pub fn global_avg_pool(name: impl Into<String>) -> Self {
        Self::new(name, LayerOp::GlobalAvgPool)
    }

    /// Adaptive average pooling to `side`×`side`.
    pub fn adaptive_avg_pool(name: impl Into<String>, side: usize) -> Self {
        Self::new(name, LayerOp::AdaptiveAvgPool { side })
    }

    /// Parallel branches concatenated along channels.
    pub fn inception(name: impl Into<String>, branches: Vec<Vec<LayerSpec>>) -> Self {
        Self::new(name, LayerOp::Inception { branches })
    }

    /// `main(x) + shortcut(x)` followed by ReLU (an empty shortcut is the identity).
    pub fn residual(name: impl Into<String>, main: Vec<LayerSpec>, shortcut: Vec<LayerSpec>) -> Self {
        Self::new(name, LayerOp::Residual { main, shortcut, relu_after: true })
    }

    /// The stride of a convolution or pooling layer; `None` for other layers.
    pub fn stride(&self) -> Option<usize> {
        match self.op {
            LayerOp::Conv { stride, .. } | LayerOp::Pool { stride, .. } => Some(stride),
            _ => None,
        }
    }

    /// True for layers that contain other layers (inception and residual blocks).
    pub fn is_block(&self) -> bool {
        matches!(self.op, LayerOp::Inception { .. } | LayerOp::Residual { .. })
    }

    /// A one-line description for tables, e.g. "conv 3×3, 64 filters, stride 1, pad 1".
    pub fn description(&self) -> String {
        describe(&self.op, self.stride())
    }
}

pub(super) fn describe(op: &LayerOp, stride: Option<usize>) -> String {
    let s = stride.unwrap_or(1);
    match op {
        LayerOp::Conv { filters, kernel, padding, bias, .. } => format!(
            "conv {kernel}×{kernel}, {filters} filters, stride {s}, pad {padding}{}",
            if *bias { "" } else { ", no bias" }
        ),
        LayerOp::Pool { kind, kernel, padding, rounding, .. } => format!(
            "{} pool {kernel}×{kernel}, stride {s}, pad {padding}{}",
            match kind {
                PoolKind::Max => "max",
                PoolKind::Average => "avg",
            },
            match rounding {
                Rounding::Floor => "",
                Rounding::Ceil => ", ceil",
            }
        ),
        LayerOp::Dense { units, bias } => {
            format!("dense, {units} units{}", if *bias { "" } else { ", no bias" })
        }
        LayerOp::BatchNorm => "batch norm (γ, β per channel)".into(),
        LayerOp::Relu => "ReLU".into(),
        LayerOp::Tanh => "tanh".into(),
        LayerOp::LocalResponseNorm => "local response norm".into(),
        LayerOp::Dropout => "dropout".into(),
        LayerOp::Flatten => "flatten".into(),
        LayerOp::GlobalAvgPool => "global average pool".into(),
        LayerOp::AdaptiveAvgPool { side } => format!("adaptive avg pool to {side}×{side}"),
        LayerOp::Inception { branches } => format!("inception: {} branches, concatenated", branches.len()),
        LayerOp::Residual { shortcut, relu_after, .. } => format!(
            "residual: main + {}{}",
            if shortcut.is_empty() { "identity" } else { "projection shortcut" },
            if *relu_after { ", then ReLU" } else { "" }
        ),
    }
}
