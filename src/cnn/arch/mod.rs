//! Famous architectures as data: layer specifications from which the output shape of every
//! layer (by the output-size formula of [`axis_plan`]), its parameter count (weights +
//! biases) and its multiply-adds are computed, layer by layer.
//!
//! Specifications are arithmetic only: a 224×224×3 input allocates nothing, so the tensor
//! limit [`MAX_SIDE`](super::MAX_SIDE) does not apply; [`MAX_SPEC_SIDE`] bounds them instead.
//!
//! A student can change the input size and override the stride of any convolution or
//! pooling layer. Propagation never stops at the first problem: every layer gets a row with
//! either its output shape or the error that explains why the shape collapsed, and later
//! layers say which layer failed ([`CnnError::UpstreamFailed`]).
//!
//! Counting conventions (those of torchvision and of the papers' tables):
//! - parameters: convolution `k·k·c_in·c_out` (+ `c_out` biases), dense `n_in·n_out`
//!   (+ `n_out`), batch norm `2·c` (γ and β; running statistics are buffers, not parameters);
//! - multiply-adds: convolution `out_h·out_w·c_out·k·k·c_in`, dense `n_in·n_out`; biases,
//!   batch norm, activations, pooling and residual additions are not counted.

pub mod catalog;
pub mod counting;
pub mod googlenet;
mod layer;
pub mod resnet;
mod propagate;

pub use catalog::{alexnet, by_id, catalog, convlab_reference, lenet5, vgg16, zfnet};
pub use counting::{
    conv_layer_params, dense_layer_params, fully_connected_neuron_weights, receptive_field, shared_kernel_weights,
    weight_sharing, ReceptiveField, WeightSharing,
};
pub use googlenet::googlenet;
pub use layer::{LayerOp, LayerSpec, Rounding};
pub use propagate::propagate;
use propagate::propagate_named;
pub use resnet::{resnet18, resnet50};

use super::error::{CnnError, Result};
pub use super::pool::PoolKind;
use super::shape::{axis_plan, AxisPlan};
use super::tensor::{check_range, Shape};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest input height or width a specification accepts.
pub const MAX_SPEC_SIDE: usize = 4096;
/// The largest number of input channels a specification accepts.
pub const MAX_SPEC_CHANNELS: usize = 4096;

/// A published parameter count to compare the computed total with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCount {
    /// Parameters (weights + biases, and batch-norm γ, β).
    pub params: u64,
    /// Where the number is published.
    pub source: &'static str,
}

/// An architecture: its history, the variant implemented, its default input and its layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Architecture {
    /// Short identifier, e.g. `"resnet18"`.
    pub id: &'static str,
    /// Display name, e.g. `"ResNet-18"`.
    pub name: &'static str,
    /// Year of publication.
    pub year: u16,
    /// Title of the paper.
    pub title: &'static str,
    /// Authors of the paper.
    pub authors: &'static str,
    /// Where the paper appeared.
    pub venue: &'static str,
    /// Exactly which variant these layers describe, and how it differs from the paper.
    pub variant: &'static str,
    /// The input the architecture was designed for.
    pub input: Shape,
    /// The layers in order.
    pub layers: Vec<LayerSpec>,
    /// The published total for this variant, if there is one.
    pub published: Option<PublishedCount>,
}

impl Architecture {
    /// The table for the default input and strides.
    pub fn table(&self) -> Result<ShapeTable> {
        self.table_with(self.input, &[])
    }

    /// The table for another input and stride overrides `(layer name, stride)`. Fails only
    /// when the input is outside 1..=[`MAX_SPEC_SIDE`] (sides) or 1..=[`MAX_SPEC_CHANNELS`]
    /// (channels), or an override names no convolution or pooling layer; every other problem
    /// is reported in the row of the layer where it happens.
    pub fn table_with(&self, input: Shape, strides: &[(&str, usize)]) -> Result<ShapeTable> {
        propagate_named(self.name, &self.layers, input, strides)
    }

    /// Names of the layers whose stride can be overridden, in order.
    pub fn strided_layers(&self) -> Vec<&str> {
        let mut out = Vec::new();
        collect_strided(&self.layers, &mut out);
        out
    }
}

fn collect_strided<'a>(layers: &'a [LayerSpec], out: &mut Vec<&'a str>) {
    for l in layers {
        match &l.op {
            LayerOp::Conv { .. } | LayerOp::Pool { .. } => out.push(&l.name),
            LayerOp::Inception { branches } => branches.iter().for_each(|b| collect_strided(b, out)),
            LayerOp::Residual { main, shortcut, .. } => {
                collect_strided(main, out);
                collect_strided(shortcut, out);
            }
            _ => {}
        }
    }
}

/// One row of a [`ShapeTable`]: a layer, or a block whose rows follow it one level deeper.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerRow {
    /// The layer's name.
    pub name: String,
    /// Nesting level: 0 for top-level layers, 1 inside a block, and so on.
    pub depth: usize,
    /// Inside a block, which path: "branch 1", …, or "main" / "shortcut".
    pub group: Option<String>,
    /// One-line description with the effective stride.
    pub description: String,
    /// True for inception and residual blocks (their counts are subtotals of their rows).
    pub is_block: bool,
    /// The input shape, if the layers before gave one.
    pub input: Option<Shape>,
    /// The output shape, or why there is none: the layer's own error, or
    /// [`CnnError::UpstreamFailed`] naming the layer that failed before it.
    pub output: Result<Shape>,
    /// Weights + biases (a block: the sum over its layers); `None` when unknown.
    pub params: Option<u64>,
    /// Multiply-adds of one forward pass (a block: the sum); `None` when unknown.
    pub macs: Option<u64>,
    /// The stride used, for convolution and pooling layers.
    pub stride: Option<usize>,
    /// True when the stride comes from an override.
    pub stride_overridden: bool,
    /// The formula's numbers for rows and columns, for convolution and pooling layers that
    /// succeeded (a ceil-rounded pool shows its implicit extra padding in `pad_after`).
    pub plan: Option<(AxisPlan, AxisPlan)>,
}

impl LayerRow {
    /// True when this row's own layer failed (not merely a layer before it).
    pub fn is_failure(&self) -> bool {
        matches!(&self.output, Err(e) if !matches!(e, CnnError::UpstreamFailed { .. }))
    }
}

/// Every layer's shape, parameters and multiply-adds for one input.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeTable {
    /// The input shape.
    pub input: Shape,
    /// One row per layer, blocks followed by their contents, in order.
    pub rows: Vec<LayerRow>,
    /// The network's output shape, or why there is none.
    pub output: Result<Shape>,
    /// Total parameters; `None` if any layer's count is unknown.
    pub total_params: Option<u64>,
    /// Total multiply-adds; `None` if any layer's count is unknown.
    pub total_macs: Option<u64>,
}

impl ShapeTable {
    /// The row of the layer called `name`.
    pub fn row(&self, name: &str) -> Option<&LayerRow> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// The first row whose own layer failed.
    pub fn first_failure(&self) -> Option<&LayerRow> {
        self.rows.iter().find(|r| r.is_failure())
    }
}

#[cfg(test)]
mod tests;
