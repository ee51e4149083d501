//! What the architectures panel derives from the core's architectures: lookup by id, totals,
//! the flat list of layers, and numbers written for reading (thousands, 1.2 M).

use super::state::{ARCH_IDS, MAX_INPUT};
use crate::cnn::arch::{self, Architecture, LayerOp, LayerSpec, ShapeTable};
use crate::cnn::{CnnError, Shape};

/// The architecture with this id, if the panel offers it.
pub fn find_arch(id: &str) -> Option<Architecture> {
    if ARCH_IDS.contains(&id) {
        arch::by_id(id)
    } else {
        None
    }
}

/// The panel's id for a string, as a `'static` id.
pub fn static_id(id: &str) -> Option<&'static str> {
    ARCH_IDS.iter().copied().find(|a| *a == id)
}

/// A whole number for people: 61100840 → "61,100,840".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A count in a few characters, for the bars: 61,100,840 → "61.1 M".
pub fn compact(n: u64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];
    let v = n as f64;
    for (scale, unit) in UNITS {
        if v >= scale {
            let x = v / scale;
            let s = if x >= 100.0 { format!("{x:.0}") } else if x >= 10.0 { format!("{x:.1}") } else { format!("{x:.2}") };
            return format!("{} {unit}", s.trim_end_matches('0').trim_end_matches('.'));
        }
    }
    n.to_string()
}

/// The layer specifications in the order of the core's table rows (a block, then its
/// branches or its main path and shortcut, depth first), so row `i` is `flat_specs(..)[i]`.
pub fn flat_specs(layers: &[LayerSpec]) -> Vec<&LayerSpec> {
    fn walk<'a>(layers: &'a [LayerSpec], out: &mut Vec<&'a LayerSpec>) {
        for l in layers {
            out.push(l);
            match &l.op {
                LayerOp::Inception { branches } => branches.iter().for_each(|b| walk(b, out)),
                LayerOp::Residual { main, shortcut, .. } => {
                    walk(main, out);
                    walk(shortcut, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(layers, &mut out);
    out
}

/// Depth as the papers count it: layers with weights (convolution, dense) on the longest
/// path — branches of an inception module side by side count once, the deepest one; a
/// residual shortcut is not on the longest path. LeNet-5 5, AlexNet 8, VGG-16 16,
/// GoogLeNet 22, ResNet-18 18, ResNet-50 50.
pub fn weight_depth(layers: &[LayerSpec]) -> usize {
    layers
        .iter()
        .map(|l| match &l.op {
            LayerOp::Conv { .. } | LayerOp::Dense { .. } => 1,
            LayerOp::Inception { branches } => branches.iter().map(|b| weight_depth(b)).max().unwrap_or(0),
            LayerOp::Residual { main, shortcut, .. } => weight_depth(main).max(weight_depth(shortcut)),
            _ => 0,
        })
        .sum()
}

/// True for rows that change neither the shape nor the parameter count (activations,
/// dropout, local response normalisation): hidden unless asked for.
pub fn is_passive(op: &LayerOp) -> bool {
    matches!(op, LayerOp::Relu | LayerOp::Tanh | LayerOp::Dropout | LayerOp::LocalResponseNorm)
}

/// One architecture's headline numbers at the input it was designed for.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub id: &'static str,
    pub name: &'static str,
    pub year: u16,
    pub input: Shape,
    pub params: Option<u64>,
    pub macs: Option<u64>,
    pub depth: usize,
}

/// The headline numbers of an architecture (default input, no overrides).
pub fn stats(a: &Architecture) -> Stats {
    let t = a.table().ok();
    Stats {
        id: a.id,
        name: a.name,
        year: a.year,
        input: a.input,
        params: t.as_ref().and_then(|t| t.total_params),
        macs: t.as_ref().and_then(|t| t.total_macs),
        depth: weight_depth(&a.layers),
    }
}

/// Runs the core on a square input of `side` with the given stride overrides.
pub fn compute(a: &Architecture, side: usize, strides: &[(String, usize)]) -> Result<ShapeTable, CnnError> {
    let overrides: Vec<(&str, usize)> = strides.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    a.table_with(Shape::new(a.input.c, side, side), &overrides)
}

/// Parses the input side as typed.
pub fn parse_side(text: &str) -> Result<usize, String> {
    crate::link::parse_count(text, 1, MAX_INPUT).map_err(|e| format!("{e}; use a whole number of pixels from 1 to {MAX_INPUT}"))
}
