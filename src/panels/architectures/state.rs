//! The architectures panel's state and reducer. The core (`crate::cnn::arch`) computes every
//! shape, parameter count and multiply-add; this file only keeps what the user chose (the
//! architecture, the input side as typed, stride overrides, the selected layer, the
//! comparison) and the last table the core returned, so a typo never blanks the table.

pub use super::facts::{compact, compute, find_arch, flat_specs, is_passive, parse_side, static_id, stats, thousands, weight_depth, Stats};
use crate::cnn::arch::{self, Architecture, LayerSpec, ShapeTable};
use crate::cnn::{CnnError, Shape};
use crate::link::Ignored;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::Reducible;

/// The architectures the panel offers, oldest first (the core's ids).
pub const ARCH_IDS: &[&str] = &["lenet5", "alexnet", "zfnet", "vgg16", "googlenet", "resnet18", "resnet50"];
/// The architecture shown when nothing is chosen.
pub const DEFAULT_ARCH: &str = "lenet5";
/// Largest input side the panel accepts (the core allows more; beyond this nothing new is learnt).
pub const MAX_INPUT: usize = 1024;
/// Largest stride a student can give a layer.
pub const MAX_STRIDE: usize = 8;

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchState {
    pub arch: Rc<Architecture>,
    /// The input side as typed (the input is square).
    pub input_text: String,
    /// The side of the table shown (the last valid one).
    pub side: usize,
    pub input_error: Option<String>,
    /// Stride overrides `(layer, stride)`, in the order they were made.
    pub strides: Vec<(String, usize)>,
    /// The layer the stride control acts on.
    pub stride_target: String,
    /// The layer whose working is shown.
    pub selected: Option<String>,
    /// The architecture compared with this one.
    pub compare: Option<&'static str>,
    /// Blocks (inception, residual) whose layers are listed.
    pub expanded: BTreeSet<String>,
    /// Whether activation, dropout and normalisation rows are listed.
    pub show_all: bool,
    /// The last valid table.
    pub table: Rc<ShapeTable>,
    /// Headline numbers of the shown architecture and of the compared one.
    pub own: Rc<Stats>,
    pub other: Option<Rc<Stats>>,
    pub ignored: Vec<Ignored>,
}

impl ArchState {
    /// The architecture `a` at its own input, nothing changed.
    pub fn for_arch(a: Architecture) -> ArchState {
        let side = a.input.h;
        let table = a.table().unwrap_or_else(|e| empty_table(a.input, e));
        let target = a.strided_layers().first().map(|s| s.to_string()).unwrap_or_default();
        let own = Rc::new(stats(&a));
        ArchState {
            arch: Rc::new(a),
            input_text: side.to_string(),
            side,
            input_error: None,
            strides: Vec::new(),
            stride_target: target,
            selected: None,
            compare: None,
            expanded: BTreeSet::new(),
            show_all: false,
            table: Rc::new(table),
            own,
            other: None,
            ignored: Vec::new(),
        }
    }

    /// True while the input or a stride differs from the published network.
    pub fn is_changed(&self) -> bool {
        self.side != self.arch.input.h || !self.strides.is_empty()
    }

    /// The effective stride of a strided layer (override or the architecture's own).
    pub fn stride_of(&self, layer: &str) -> Option<usize> {
        self.strides
            .iter()
            .find(|(n, _)| n == layer)
            .map(|(_, s)| *s)
            .or_else(|| flat_specs(&self.arch.layers).into_iter().find(|l| l.name == layer).and_then(LayerSpec::stride))
    }

    /// The architecture's own stride of a layer.
    pub fn default_stride(&self, layer: &str) -> Option<usize> {
        flat_specs(&self.arch.layers).into_iter().find(|l| l.name == layer).and_then(LayerSpec::stride)
    }

    /// The index of the block row that contains row `i`, if any.
    pub fn parent_of(&self, i: usize) -> Option<usize> {
        let depth = self.table.rows.get(i)?.depth;
        if depth == 0 {
            return None;
        }
        self.table.rows[..i].iter().rposition(|r| r.depth + 1 == depth && r.is_block)
    }

    /// Opens every block around the layer `name`, so its row is listed.
    pub fn reveal(&mut self, name: &str) {
        let Some(mut i) = self.table.rows.iter().position(|r| r.name == name) else { return };
        while let Some(p) = self.parent_of(i) {
            self.expanded.insert(self.table.rows[p].name.clone());
            i = p;
        }
    }

    /// Re-runs the core after a change of input or strides. A failure of the whole table
    /// (it cannot happen with validated values) keeps the last table and says why.
    pub(crate) fn refresh(&mut self) {
        match compute(&self.arch, self.side, &self.strides) {
            Ok(t) => self.table = Rc::new(t),
            Err(e) => self.input_error = Some(format!("{e}. The table still shows the last valid setting.")),
        }
        // A block holding a collapsed layer opens, so the marked row is in sight.
        let failed: Vec<String> = self.table.rows.iter().filter(|r| r.is_failure()).map(|r| r.name.clone()).collect();
        for name in failed {
            self.reveal(&name);
        }
        if let Some(sel) = &self.selected {
            if self.table.row(sel).is_none() {
                self.selected = None;
            }
        }
    }

    fn set_compare(&mut self, id: Option<&'static str>) {
        self.compare = id.filter(|c| *c != self.arch.id);
        self.other = self.compare.and_then(find_arch).map(|a| Rc::new(stats(&a)));
    }
}

/// A table with no rows, for the impossible case of a default input the core refuses.
fn empty_table(input: Shape, e: CnnError) -> ShapeTable {
    ShapeTable { input, rows: Vec::new(), output: Err(e), total_params: None, total_macs: None }
}

impl Default for ArchState {
    fn default() -> Self {
        ArchState::for_arch(arch::lenet5())
    }
}

/// What the user did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetArch(String),
    EditInput(String),
    ResetInput,
    SetStrideTarget(String),
    /// Give a layer this stride (its own stride removes the override).
    SetStride(String, usize),
    ClearStride(String),
    ClearStrides,
    /// Show a layer's working; selecting the selected layer again hides it.
    Select(String),
    Deselect,
    ToggleBlock(String),
    ExpandAll(bool),
    ToggleShowAll,
    SetCompare(String),
    Replace(Box<ArchState>),
    DismissNotes,
}

impl Reducible for ArchState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetArch(id) => {
                if let Some(a) = find_arch(&id).filter(|a| a.id != s.arch.id) {
                    let (compare, show_all) = (s.compare, s.show_all);
                    s = ArchState { show_all, ..ArchState::for_arch(a) };
                    s.set_compare(compare);
                }
            }
            Action::EditInput(text) => {
                match parse_side(&text) {
                    Ok(side) => {
                        s.side = side;
                        s.input_error = None;
                        s.refresh();
                    }
                    Err(e) => s.input_error = Some(format!("Input size: {e}. The table still uses {0}×{0}.", s.side)),
                }
                s.input_text = text;
            }
            Action::ResetInput => {
                s.side = s.arch.input.h;
                s.input_text = s.side.to_string();
                s.input_error = None;
                s.refresh();
            }
            Action::SetStrideTarget(layer) => {
                if s.default_stride(&layer).is_some() {
                    s.stride_target = layer;
                }
            }
            Action::SetStride(layer, stride) => {
                if let Some(own) = s.default_stride(&layer) {
                    let stride = stride.clamp(1, MAX_STRIDE);
                    s.strides.retain(|(n, _)| *n != layer);
                    if stride != own {
                        s.strides.push((layer.clone(), stride));
                    }
                    s.stride_target = layer;
                    s.refresh();
                }
            }
            Action::ClearStride(layer) => {
                s.strides.retain(|(n, _)| *n != layer);
                s.refresh();
            }
            Action::ClearStrides => {
                s.strides.clear();
                s.refresh();
            }
            Action::Select(name) => {
                if s.selected.as_deref() == Some(name.as_str()) {
                    s.selected = None;
                } else if s.table.row(&name).is_some() {
                    if s.default_stride(&name).is_some() {
                        s.stride_target = name.clone();
                    }
                    s.reveal(&name);
                    s.selected = Some(name);
                }
            }
            Action::Deselect => s.selected = None,
            Action::ToggleBlock(name) => {
                if !s.expanded.remove(&name) && s.table.row(&name).is_some_and(|r| r.is_block) {
                    s.expanded.insert(name);
                }
            }
            Action::ExpandAll(open) => {
                s.expanded = if open { s.table.rows.iter().filter(|r| r.is_block).map(|r| r.name.clone()).collect() } else { BTreeSet::new() };
                if !open {
                    if let Some(sel) = s.selected.clone() {
                        s.reveal(&sel);
                    }
                }
            }
            Action::ToggleShowAll => s.show_all = !s.show_all,
            Action::SetCompare(id) => s.set_compare(static_id(&id)),
            Action::Replace(new) => s = *new,
            Action::DismissNotes => s.ignored.clear(),
        }
        Rc::new(s)
    }
}

/// Applies a comparison chosen by id (used by the link reader).
pub(crate) fn with_compare(mut s: ArchState, id: &'static str) -> ArchState {
    s.set_compare(Some(id));
    s
}
