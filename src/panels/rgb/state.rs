//! The colour panel's state and reducer: three input planes, one to three kernels (each as
//! deep as the kernel-depth setting) with a bias each. Texts are kept as typed; the numbers
//! shown come from the last valid setting, computed once per change by the core.

use super::presets::{self, Preset};
use crate::cnn::{conv2d, CnnError, Conv2dParams, ConvTrace, Filters, Tensor};
use crate::link::Ignored;
use crate::panels::convolution::state::PadChoice;
use crate::panels::stepping::{Playhead, StepAction};
use crate::panels::text_grid::TextGrid;
use crate::text::{display_number, parse_number};
use std::rc::Rc;
use yew::Reducible;

/// Input sides offered (square images).
pub const MIN_SIDE: usize = 2;
pub const MAX_SIDE: usize = 8;
/// Kernel sides offered.
pub const MAX_KSIDE: usize = 5;
/// Input channels (R, G, B) and the most kernel depth / filters offered.
pub const CHANNELS: usize = 3;
pub const MAX_FILTERS: usize = 3;
pub const MAX_STRIDE: usize = 3;
pub const CHANNEL_NAMES: [&str; 3] = ["red", "green", "blue"];

/// A valid setting and what the core computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub input: Tensor,
    pub filters: Filters,
    pub bias: Vec<f32>,
    pub padding: PadChoice,
    pub params: Conv2dParams,
    pub output: Tensor,
    pub trace: ConvTrace,
}

/// Runs the core: `planes` are the input channels, `kernels[k][c]` filter k's channel c.
pub fn compute(planes: &[Vec<Vec<f32>>], kernels: &[Vec<Vec<Vec<f32>>>], bias: &[f32], padding: PadChoice, stride: usize) -> Result<Computed, CnnError> {
    let input = Tensor::from_planes(planes)?;
    let first = kernels.first().ok_or(CnnError::OutOfRange { what: "filter count", value: 0, min: 1, max: MAX_FILTERS })?;
    let shape = Tensor::from_planes(first)?.shape();
    let mut data = Vec::new();
    for (k, kernel) in kernels.iter().enumerate() {
        let t = Tensor::from_planes(kernel)?;
        if t.shape() != shape {
            return Err(CnnError::ShapeMismatch {
                op: "filters",
                expected: format!("filter {} to be {}×{}×{} like filter 1", k + 1, shape.h, shape.w, shape.c),
                got: format!("{}×{}×{}", t.shape().h, t.shape().w, t.shape().c),
            });
        }
        data.extend_from_slice(t.data());
    }
    let filters = Filters::new(kernels.len(), shape.c, shape.h, shape.w, data)?;
    let pad = padding.spec().resolve(filters.kh, filters.kw);
    let params = Conv2dParams::new(input.shape(), &filters, pad, stride, false)?;
    let mut trace = ConvTrace::default();
    let output = conv2d(&input, &filters, bias, &params, Some(&mut trace))?;
    Ok(Computed { input, filters, bias: bias.to_vec(), padding, params, output, trace })
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RgbState {
    /// The three input planes (R, G, B) as typed.
    pub input: Vec<TextGrid>,
    /// kernels[k][c]: filter k, channel c, as typed.
    pub kernels: Vec<Vec<TextGrid>>,
    /// One bias per filter, as typed.
    pub bias: Vec<String>,
    pub padding: PadChoice,
    pub stride: usize,
    pub play: Playhead,
    pub preset: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    pub good: Rc<Computed>,
    /// Why the current setting is not the one shown (depth mismatch, kernel too large…).
    pub shape_error: Option<String>,
}

fn rows(m: &[&[f32]]) -> Vec<Vec<f32>> {
    m.iter().map(|r| r.to_vec()).collect()
}

fn bias_text(b: f32) -> String {
    display_number(b).replace('−', "-")
}

impl RgbState {
    pub fn from_preset(p: &'static Preset) -> RgbState {
        let planes: Vec<Vec<Vec<f32>>> = p.input.iter().map(|m| rows(m)).collect();
        let kernels: Vec<Vec<Vec<Vec<f32>>>> = p.kernels.iter().map(|k| k.iter().map(|m| rows(m)).collect()).collect();
        let good = compute(&planes, &kernels, p.bias, p.padding, p.stride).expect("every preset is valid (tested)");
        RgbState {
            input: planes.iter().map(|m| TextGrid::from_values(m)).collect(),
            kernels: kernels.iter().map(|k| k.iter().map(|m| TextGrid::from_values(m)).collect()).collect(),
            bias: p.bias.iter().map(|&b| bias_text(b)).collect(),
            padding: p.padding,
            stride: p.stride,
            play: Playhead::default(),
            preset: Some(p.id),
            ignored: Vec::new(),
            good: Rc::new(good),
            shape_error: None,
        }
    }

    /// Steps: every position of every filter (filter-major, as the trace).
    pub fn total_steps(&self) -> usize {
        self.good.trace.positions.len().max(1)
    }

    pub fn side(&self) -> usize {
        self.input.first().map_or(0, TextGrid::rows)
    }

    pub fn kside(&self) -> usize {
        self.kernels.first().and_then(|k| k.first()).map_or(0, TextGrid::rows)
    }

    pub fn depth(&self) -> usize {
        self.kernels.first().map_or(0, Vec::len)
    }

    /// The typed values, or None while any text is not a number.
    #[allow(clippy::type_complexity)]
    pub fn values(&self) -> Option<(Vec<Vec<Vec<f32>>>, Vec<Vec<Vec<Vec<f32>>>>, Vec<f32>)> {
        let planes = self.input.iter().map(|g| g.values().ok()).collect::<Option<Vec<_>>>()?;
        let kernels = self.kernels.iter().map(|k| k.iter().map(|g| g.values().ok()).collect::<Option<Vec<_>>>()).collect::<Option<Vec<_>>>()?;
        let bias = self.bias.iter().map(|b| parse_number(b).ok()).collect::<Option<Vec<_>>>()?;
        Some((planes, kernels, bias))
    }

    /// Re-reads the texts and runs the core when they are all numbers.
    pub(crate) fn refresh(&mut self) {
        let Some((planes, kernels, bias)) = self.values() else { return };
        match compute(&planes, &kernels, &bias, self.padding, self.stride) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.shape_error = None;
                self.play.clamp(self.total_steps());
            }
            Err(e) => self.shape_error = Some(e.to_string()),
        }
    }
}

impl Default for RgbState {
    fn default() -> Self {
        RgbState::from_preset(&presets::PRESETS[0])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// (channel, row, col, text)
    EditInput(usize, usize, usize, String),
    /// (filter, channel, row, col, text)
    EditKernel(usize, usize, usize, usize, String),
    EditBias(usize, String),
    /// Input side n (n × n × 3).
    SetSide(usize),
    /// Kernel side f.
    SetKernelSide(usize),
    /// Kernel depth (1–3): anything but 3 is refused by the core.
    SetDepth(usize),
    SetFilters(usize),
    SetPadding(PadChoice),
    SetStride(usize),
    LoadPreset(String),
    Step(StepAction),
    /// Show the position that produced output (filter, row, col).
    SelectOutput(usize, usize, usize),
    Replace(Box<RgbState>),
    DismissNotes,
}

impl Reducible for RgbState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let total = s.total_steps();
        let mut edited = true;
        match action {
            Action::EditInput(c, r, col, t) => {
                if let Some(g) = s.input.get_mut(c) {
                    g.set(r, col, t)
                }
            }
            Action::EditKernel(k, c, r, col, t) => {
                if let Some(g) = s.kernels.get_mut(k).and_then(|f| f.get_mut(c)) {
                    g.set(r, col, t)
                }
            }
            Action::EditBias(k, t) => {
                if let Some(b) = s.bias.get_mut(k) {
                    *b = t
                }
            }
            Action::SetSide(n) => {
                let n = n.clamp(MIN_SIDE, MAX_SIDE);
                s.input.iter_mut().for_each(|g| g.resize(n, n));
            }
            Action::SetKernelSide(f) => {
                let f = f.clamp(1, MAX_KSIDE);
                s.kernels.iter_mut().flatten().for_each(|g| g.resize(f, f));
            }
            Action::SetDepth(d) => {
                let (d, f) = (d.clamp(1, CHANNELS), s.kside());
                for k in &mut s.kernels {
                    k.resize_with(d, || TextGrid::from_values(&vec![vec![0.0; f]; f]));
                }
            }
            Action::SetFilters(n) => {
                let (n, d, f) = (n.clamp(1, MAX_FILTERS), s.depth(), s.kside());
                s.kernels.resize_with(n, || vec![TextGrid::from_values(&vec![vec![0.0; f]; f]); d]);
                s.bias.resize_with(n, || "0".into());
            }
            Action::SetPadding(p) => s.padding = p,
            Action::SetStride(st) => s.stride = st.clamp(1, MAX_STRIDE),
            Action::LoadPreset(id) => {
                edited = false;
                if let Some(p) = presets::find(&id) {
                    let speed = s.play.speed;
                    s = RgbState::from_preset(p);
                    s.play.speed = speed;
                }
            }
            Action::Step(a) => {
                edited = false;
                s.play.apply(a, total);
            }
            Action::SelectOutput(k, r, c) => {
                edited = false;
                let p = &s.good.params;
                if k < p.filters && r < p.out_h() && c < p.out_w() {
                    s.play.select((k * p.out_h() + r) * p.out_w() + c, total);
                }
            }
            Action::Replace(new) => {
                edited = false;
                s = *new;
            }
            Action::DismissNotes => {
                edited = false;
                s.ignored.clear();
            }
        }
        if edited {
            s.preset = None;
            s.refresh();
        }
        Rc::new(s)
    }
}
