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
pub mod resnet;

pub use catalog::{alexnet, by_id, catalog, convlab_reference, lenet5, vgg16, zfnet};
pub use counting::{
    conv_layer_params, dense_layer_params, fully_connected_neuron_weights, receptive_field, shared_kernel_weights,
    weight_sharing, ReceptiveField, WeightSharing,
};
pub use googlenet::googlenet;
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

fn describe(op: &LayerOp, stride: Option<usize>) -> String {
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

/// Propagates `input` through any list of layers (an architecture of one's own), with stride
/// overrides as in [`Architecture::table_with`].
pub fn propagate(layers: &[LayerSpec], input: Shape, strides: &[(&str, usize)]) -> Result<ShapeTable> {
    propagate_named("the network", layers, input, strides)
}

fn propagate_named(arch: &str, layers: &[LayerSpec], input: Shape, strides: &[(&str, usize)]) -> Result<ShapeTable> {
    check_range("input height", input.h, 1, MAX_SPEC_SIDE)?;
    check_range("input width", input.w, 1, MAX_SPEC_SIDE)?;
    check_range("input channels", input.c, 1, MAX_SPEC_CHANNELS)?;
    let mut known = Vec::new();
    collect_strided(layers, &mut known);
    let mut overrides = BTreeMap::new();
    for &(layer, stride) in strides {
        if !known.contains(&layer) {
            return Err(CnnError::UnknownLayer { arch: arch.to_string(), layer: layer.to_string() });
        }
        overrides.insert(layer, stride);
    }
    let mut ctx = Ctx { overrides, rows: Vec::new() };
    let out = ctx.seq(layers, Ok(input), 0, None);
    let output = match out.shape {
        Ok(s) => Ok(s),
        Err(failed) => Err(CnnError::UpstreamFailed { failed }),
    };
    Ok(ShapeTable { input, rows: ctx.rows, output, total_params: out.params, total_macs: out.macs })
}

/// What flows between layers: a shape, or the name of the layer that failed.
type Flow = std::result::Result<Shape, String>;

/// The result of a layer or a sequence: what flows on, and the counts.
struct Outcome {
    shape: Flow,
    params: Option<u64>,
    macs: Option<u64>,
}

fn add(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    a?.checked_add(b?)
}

fn mul(what: &'static str, factors: &[usize]) -> Result<u64> {
    factors.iter().try_fold(1u64, |acc, &f| acc.checked_mul(f as u64).ok_or(CnnError::Overflow { what }))
}

fn mul_usize(what: &'static str, factors: &[usize]) -> Result<usize> {
    factors.iter().try_fold(1usize, |acc, &f| acc.checked_mul(f).ok_or(CnnError::Overflow { what }))
}

struct Ctx<'a> {
    overrides: BTreeMap<&'a str, usize>,
    rows: Vec<LayerRow>,
}

/// A leaf layer's computed output.
struct Leaf {
    shape: Shape,
    macs: u64,
    plan: Option<(AxisPlan, AxisPlan)>,
}

impl Ctx<'_> {
    fn seq(&mut self, layers: &[LayerSpec], input: Flow, depth: usize, group: Option<&str>) -> Outcome {
        let mut acc = Outcome { shape: input, params: Some(0), macs: Some(0) };
        for l in layers {
            let o = self.layer(l, acc.shape.clone(), depth, group);
            acc = Outcome { shape: o.shape, params: add(acc.params, o.params), macs: add(acc.macs, o.macs) };
        }
        acc
    }

    fn layer(&mut self, l: &LayerSpec, input: Flow, depth: usize, group: Option<&str>) -> Outcome {
        let overridden = self.overrides.get(l.name.as_str()).copied();
        let stride = overridden.or(l.stride());
        let index = self.rows.len();
        self.rows.push(LayerRow {
            name: l.name.clone(),
            depth,
            group: group.map(str::to_string),
            description: describe(&l.op, stride),
            is_block: l.is_block(),
            input: input.as_ref().ok().copied(),
            output: Err(CnnError::UpstreamFailed { failed: String::new() }),
            params: None,
            macs: None,
            stride,
            stride_overridden: overridden.is_some(),
            plan: None,
        });
        let (output, params, macs, plan, flow) = match (&l.op, &input) {
            (LayerOp::Inception { branches }, _) => {
                let (out, params, macs) = self.inception(&l.name, branches, input.clone(), depth);
                let flow = flow_of(&l.name, &out);
                (out, params, macs, None, flow)
            }
            (LayerOp::Residual { main, shortcut, .. }, _) => {
                let (out, params, macs) = self.residual(&l.name, main, shortcut, input.clone(), depth);
                let flow = flow_of(&l.name, &out);
                (out, params, macs, None, flow)
            }
            (_, Err(failed)) => {
                (Err(CnnError::UpstreamFailed { failed: failed.clone() }), None, None, None, Err(failed.clone()))
            }
            (op, Ok(shape)) => {
                let params = leaf_params(op, *shape);
                let leaf = params.clone().and_then(|_| leaf_shape(op, *shape, stride.unwrap_or(1)));
                match leaf {
                    Ok(leaf) => (Ok(leaf.shape), params.ok(), Some(leaf.macs), leaf.plan, Ok(leaf.shape)),
                    Err(e) => (Err(e), params.ok(), None, None, Err(l.name.clone())),
                }
            }
        };
        let row = &mut self.rows[index];
        row.output = output;
        row.params = params;
        row.macs = macs;
        row.plan = plan;
        Outcome { shape: flow, params, macs }
    }

    fn inception(
        &mut self,
        name: &str,
        branches: &[Vec<LayerSpec>],
        input: Flow,
        depth: usize,
    ) -> (Result<Shape>, Option<u64>, Option<u64>) {
        let outs: Vec<Outcome> = branches
            .iter()
            .enumerate()
            .map(|(i, b)| self.seq(b, input.clone(), depth + 1, Some(&format!("branch {}", i + 1))))
            .collect();
        let params = outs.iter().try_fold(0, |a, o| add(Some(a), o.params));
        let macs = outs.iter().try_fold(0, |a, o| add(Some(a), o.macs));
        let shapes = match outs.iter().map(|o| o.shape.clone()).collect::<std::result::Result<Vec<Shape>, String>>() {
            Ok(shapes) => shapes,
            Err(failed) => return (Err(CnnError::UpstreamFailed { failed }), params, macs),
        };
        let Some(first) = shapes.first().copied() else {
            return (
                Err(CnnError::BranchMismatch {
                    op: "inception",
                    block: name.to_string(),
                    detail: "needs at least one branch".into(),
                }),
                params,
                macs,
            );
        };
        if let Some((i, s)) = shapes.iter().enumerate().find(|(_, s)| (s.h, s.w) != (first.h, first.w)) {
            return (
                Err(CnnError::BranchMismatch {
                    op: "inception",
                    block: name.to_string(),
                    detail: format!(
                        "branch 1 gives {}×{} but branch {} gives {}×{}; branches are concatenated, \
                         so their heights and widths must match",
                        first.h,
                        first.w,
                        i + 1,
                        s.h,
                        s.w
                    ),
                }),
                params,
                macs,
            );
        }
        let channels = shapes
            .iter()
            .try_fold(0usize, |a, s| a.checked_add(s.c))
            .ok_or(CnnError::Overflow { what: "inception channels" });
        (channels.map(|c| Shape::new(c, first.h, first.w)), params, macs)
    }

    fn residual(
        &mut self,
        name: &str,
        main: &[LayerSpec],
        shortcut: &[LayerSpec],
        input: Flow,
        depth: usize,
    ) -> (Result<Shape>, Option<u64>, Option<u64>) {
        let m = self.seq(main, input.clone(), depth + 1, Some("main"));
        let s = self.seq(shortcut, input, depth + 1, Some("shortcut"));
        let params = add(m.params, s.params);
        let macs = add(m.macs, s.macs);
        let out = match (m.shape, s.shape) {
            (Err(failed), _) | (_, Err(failed)) => Err(CnnError::UpstreamFailed { failed }),
            (Ok(a), Ok(b)) if a == b => Ok(a),
            (Ok(a), Ok(b)) => Err(CnnError::BranchMismatch {
                op: "residual",
                block: name.to_string(),
                detail: format!(
                    "the main path gives {a} but the {} gives {b}; they must match to be added",
                    if shortcut.is_empty() { "identity shortcut" } else { "shortcut" }
                ),
            }),
        };
        (out, params, macs)
    }
}

/// What flows on after a block: its shape, or the failing layer (the block itself when the
/// block's own check failed, else the inner layer that failed).
fn flow_of(block: &str, out: &Result<Shape>) -> Flow {
    match out {
        Ok(s) => Ok(*s),
        Err(CnnError::UpstreamFailed { failed }) => Err(failed.clone()),
        Err(_) => Err(block.to_string()),
    }
}

/// Parameters of a leaf layer for a given input (only the channels matter, except for dense).
fn leaf_params(op: &LayerOp, input: Shape) -> Result<u64> {
    match *op {
        LayerOp::Conv { filters, kernel, bias, .. } => {
            let w = mul("convolution parameters", &[kernel, kernel, input.c, filters])?;
            w.checked_add(if bias { filters as u64 } else { 0 })
                .ok_or(CnnError::Overflow { what: "convolution parameters" })
        }
        LayerOp::Dense { units, bias } => {
            let n_in = flat_inputs(input)?;
            let w = mul("dense parameters", &[n_in, units])?;
            w.checked_add(if bias { units as u64 } else { 0 }).ok_or(CnnError::Overflow { what: "dense parameters" })
        }
        LayerOp::BatchNorm => mul("batch norm parameters", &[2, input.c]),
        _ => Ok(0),
    }
}

/// A dense layer needs a flat input c×1×1; its number of inputs is c.
fn flat_inputs(input: Shape) -> Result<usize> {
    if input.h == 1 && input.w == 1 {
        Ok(input.c)
    } else {
        Err(CnnError::ShapeMismatch {
            op: "dense",
            expected: "a flat input (1×1×n): add a flatten or global pooling before it".into(),
            got: input.to_string(),
        })
    }
}

fn pool_axis(n: usize, f: usize, p: usize, s: usize, rounding: Rounding) -> Result<AxisPlan> {
    let floor = axis_plan("pooling", n, f, p, p, s)?;
    match rounding {
        Rounding::Floor => Ok(floor),
        Rounding::Ceil => {
            let mut out = floor.numerator().div_ceil(s) + 1;
            if (out - 1).saturating_mul(s) >= n.saturating_add(p) {
                out -= 1;
            }
            let reach = (out - 1).saturating_mul(s).saturating_add(f);
            let extra = reach.saturating_sub(floor.padded);
            if extra == 0 {
                Ok(floor)
            } else {
                axis_plan("pooling", n, f, p, p.saturating_add(extra), s)
            }
        }
    }
}

fn positive(what: &'static str, v: usize) -> Result<()> {
    check_range(what, v, 1, usize::MAX)
}

/// Output shape and multiply-adds of a leaf layer.
fn leaf_shape(op: &LayerOp, input: Shape, stride: usize) -> Result<Leaf> {
    let same = |shape| Ok(Leaf { shape, macs: 0, plan: None });
    match *op {
        LayerOp::Conv { filters, kernel, padding, .. } => {
            positive("number of filters", filters)?;
            let rows = axis_plan("convolution", input.h, kernel, padding, padding, stride)?;
            let cols = axis_plan("convolution", input.w, kernel, padding, padding, stride)?;
            let macs = mul("convolution multiply-adds", &[rows.out, cols.out, filters, kernel, kernel, input.c])?;
            Ok(Leaf { shape: Shape::new(filters, rows.out, cols.out), macs, plan: Some((rows, cols)) })
        }
        LayerOp::Pool { kernel, padding, rounding, .. } => {
            let rows = pool_axis(input.h, kernel, padding, stride, rounding)?;
            let cols = pool_axis(input.w, kernel, padding, stride, rounding)?;
            Ok(Leaf { shape: Shape::new(input.c, rows.out, cols.out), macs: 0, plan: Some((rows, cols)) })
        }
        LayerOp::Dense { units, .. } => {
            positive("number of units", units)?;
            let n_in = flat_inputs(input)?;
            let macs = mul("dense multiply-adds", &[n_in, units])?;
            Ok(Leaf { shape: Shape::new(units, 1, 1), macs, plan: None })
        }
        LayerOp::BatchNorm | LayerOp::Relu | LayerOp::Tanh | LayerOp::LocalResponseNorm | LayerOp::Dropout => {
            same(input)
        }
        LayerOp::Flatten => same(Shape::new(mul_usize("flatten length", &[input.c, input.h, input.w])?, 1, 1)),
        LayerOp::GlobalAvgPool => same(Shape::new(input.c, 1, 1)),
        LayerOp::AdaptiveAvgPool { side } => {
            positive("adaptive pooling output side", side)?;
            same(Shape::new(input.c, side, side))
        }
        // Blocks are handled by `Ctx`; reaching here would be a bug, reported, not panicked.
        LayerOp::Inception { .. } | LayerOp::Residual { .. } => {
            Err(CnnError::ShapeMismatch { op: "layer table", expected: "a single layer".into(), got: "a block".into() })
        }
    }
}

#[cfg(test)]
mod tests;
