//! Propagation: an input's shape carried through a list of layer specifications, every layer
//! getting a row with its output shape, parameters and multiply-adds, or the reason it
//! collapsed (later layers then name the layer that failed).

use super::layer::describe;
use super::*;

/// Propagates `input` through any list of layers (an architecture of one's own), with stride
/// overrides as in [`Architecture::table_with`].
pub fn propagate(layers: &[LayerSpec], input: Shape, strides: &[(&str, usize)]) -> Result<ShapeTable> {
    propagate_named("the network", layers, input, strides)
}

pub(super) fn propagate_named(arch: &str, layers: &[LayerSpec], input: Shape, strides: &[(&str, usize)]) -> Result<ShapeTable> {
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
