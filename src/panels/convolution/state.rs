//! The convolution panel's state and reducer. Cell texts are kept exactly as typed; the
//! numbers the panel shows come from the last setting that was valid, so a typo never wipes
//! out the picture, and the message says what is wrong.

use super::presets::{self, Preset};
use crate::cnn::{conv2d, CnnError, Conv2dParams, ConvTrace, Filters, PaddingSpec, Tensor};
use crate::components::DEFAULT_SPEED;
use crate::link::Ignored;
use crate::panels::text_grid::TextGrid;
use crate::text::parse_number;
use std::rc::Rc;
use yew::Reducible;

/// Largest input side the panel offers.
pub const MAX_INPUT: usize = 16;
/// Largest kernel side the panel offers.
pub const MAX_KERNEL: usize = 7;
/// Largest explicit padding and stride offered.
pub const MAX_PAD: usize = 3;
pub const MAX_STRIDE: usize = 4;

/// Padding as the panel offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PadChoice {
    Valid,
    Same,
    P(usize),
}

impl PadChoice {
    pub fn spec(self) -> PaddingSpec {
        match self {
            PadChoice::Valid | PadChoice::P(0) => PaddingSpec::Valid,
            PadChoice::Same => PaddingSpec::Same,
            PadChoice::P(p) => PaddingSpec::Explicit(p),
        }
    }

    /// The value used in links and in the padding menu.
    pub fn key(self) -> String {
        match self {
            PadChoice::Valid | PadChoice::P(0) => "valid".into(),
            PadChoice::Same => "same".into(),
            PadChoice::P(p) => p.to_string(),
        }
    }

    pub fn parse(s: &str) -> Result<PadChoice, String> {
        match s {
            "valid" | "0" => Ok(PadChoice::Valid),
            "same" => Ok(PadChoice::Same),
            _ => crate::link::parse_count(s, 0, MAX_PAD)
                .map(PadChoice::P)
                .map_err(|e| format!("{e}; use valid, same or 0–{MAX_PAD}")),
        }
    }
}

/// A valid setting and everything the core computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub input: Tensor,
    pub filters: Filters,
    pub bias: f32,
    /// The padding as chosen (the resolved sizes are in `params`).
    pub padding: PadChoice,
    pub params: Conv2dParams,
    pub output: Tensor,
    pub trace: ConvTrace,
}

/// Runs the core on a setting (cross-correlation, as CNNs compute it).
pub fn compute(input: &[Vec<f32>], kernel: &[Vec<f32>], bias: f32, padding: PadChoice, stride: usize) -> Result<Computed, CnnError> {
    compute_with(input, kernel, bias, padding, stride, false)
}

/// Runs the core on a setting; with `flip`, true convolution (the kernel turned by 180°).
pub fn compute_with(input: &[Vec<f32>], kernel: &[Vec<f32>], bias: f32, padding: PadChoice, stride: usize, flip: bool) -> Result<Computed, CnnError> {
    let input = Tensor::from_rows(input)?;
    let filters = Filters::single(kernel)?;
    let pad = padding.spec().resolve(filters.kh, filters.kw);
    let params = Conv2dParams::new(input.shape(), &filters, pad, stride, flip)?;
    let mut trace = ConvTrace::default();
    let output = conv2d(&input, &filters, &[bias], &params, Some(&mut trace))?;
    Ok(Computed { input, filters, bias, padding, params, output, trace })
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvState {
    pub input: TextGrid,
    pub kernel: TextGrid,
    pub bias: String,
    pub padding: PadChoice,
    pub stride: usize,
    pub relu: bool,
    /// True convolution (kernel flipped) instead of cross-correlation.
    pub flip: bool,
    pub step: usize,
    pub playing: bool,
    pub speed: usize,
    /// The preset loaded, until the user changes something.
    pub preset: Option<&'static str>,
    /// Keys of the opening link that could not be used.
    pub ignored: Vec<Ignored>,
    /// The last valid setting's results: what the grids and the arithmetic show.
    pub good: Rc<Computed>,
    /// Why the current setting is not the one shown (kernel too large, …), if it is not.
    pub shape_error: Option<String>,
}

impl ConvState {
    pub fn from_preset(p: &'static Preset) -> ConvState {
        let rows = |m: &[&[f32]]| m.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
        let good = compute(&rows(p.input), &rows(p.kernel), p.bias, p.padding, p.stride)
            .expect("every preset is a valid setting (tested)");
        ConvState {
            input: TextGrid::from_values(&rows(p.input)),
            kernel: TextGrid::from_values(&rows(p.kernel)),
            bias: crate::text::display_number(p.bias).replace('−', "-"),
            padding: p.padding,
            stride: p.stride,
            relu: false,
            flip: false,
            step: 0,
            playing: false,
            speed: DEFAULT_SPEED,
            preset: Some(p.id),
            ignored: Vec::new(),
            good: Rc::new(good),
            shape_error: None,
        }
    }

    /// Number of kernel positions (the stepper's length).
    pub fn total_steps(&self) -> usize {
        self.good.params.positions()
    }

    /// Re-reads the texts and runs the core when they form a valid setting.
    pub(crate) fn refresh(&mut self) {
        let (Ok(input), Ok(kernel), Ok(bias)) = (self.input.values(), self.kernel.values(), parse_number(&self.bias)) else {
            return; // cell messages come from the texts themselves; keep the last good state
        };
        match compute_with(&input, &kernel, bias, self.padding, self.stride, self.flip) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.shape_error = None;
                self.step = self.step.min(self.total_steps() - 1);
            }
            Err(e) => self.shape_error = Some(e.to_string()),
        }
    }
}

impl Default for ConvState {
    fn default() -> Self {
        ConvState::from_preset(&presets::PRESETS[0])
    }
}

/// What the user (or a timer) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditInput(usize, usize, String),
    EditKernel(usize, usize, String),
    EditBias(String),
    ResizeInput(usize, usize),
    ResizeKernel(usize, usize),
    SetPadding(PadChoice),
    SetStride(usize),
    ToggleRelu,
    /// Switches between cross-correlation and true convolution (flipped kernel).
    ToggleFlip,
    LoadPreset(String),
    First,
    Prev,
    Next,
    Last,
    Seek(usize),
    /// Jump to the kernel position that produced output (row, col).
    SelectOutput(usize, usize),
    TogglePlay,
    Tick,
    SetSpeed(usize),
    /// A new state from a link (the address changed).
    Replace(Box<ConvState>),
    DismissNotes,
}

impl From<crate::panels::common::StepKey> for Action {
    fn from(k: crate::panels::common::StepKey) -> Action {
        use crate::panels::common::StepKey;
        match k {
            StepKey::First => Action::First,
            StepKey::Prev => Action::Prev,
            StepKey::Next => Action::Next,
            StepKey::Last => Action::Last,
            StepKey::Toggle => Action::TogglePlay,
        }
    }
}

impl Reducible for ConvState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let last = s.total_steps().saturating_sub(1);
        let edited = matches!(
            action,
            Action::EditInput(..) | Action::EditKernel(..) | Action::EditBias(_) | Action::ResizeInput(..)
                | Action::ResizeKernel(..) | Action::SetPadding(_) | Action::SetStride(_)
        );
        match action {
            Action::EditInput(r, c, t) => s.input.set(r, c, t),
            Action::EditKernel(r, c, t) => s.kernel.set(r, c, t),
            Action::EditBias(t) => s.bias = t,
            Action::ResizeInput(r, c) => s.input.resize(r.clamp(1, MAX_INPUT), c.clamp(1, MAX_INPUT)),
            Action::ResizeKernel(r, c) => s.kernel.resize(r.clamp(1, MAX_KERNEL), c.clamp(1, MAX_KERNEL)),
            Action::SetPadding(p) => s.padding = p,
            Action::SetStride(st) => s.stride = st.clamp(1, MAX_STRIDE),
            Action::ToggleRelu => s.relu = !s.relu,
            Action::ToggleFlip => {
                // Like ReLU, a view of the same numbers: the preset (if any) stays loaded.
                s.flip = !s.flip;
                s.refresh();
            }
            Action::LoadPreset(id) => {
                if let Some(p) = presets::find(&id) {
                    let (relu, flip, speed) = (s.relu, s.flip, s.speed);
                    s = ConvState { relu, flip, speed, ..ConvState::from_preset(p) };
                    if flip {
                        s.refresh();
                    }
                }
            }
            Action::First => s.step = 0,
            Action::Prev => s.step = s.step.saturating_sub(1),
            Action::Next => s.step = (s.step + 1).min(last),
            Action::Last => s.step = last,
            Action::Seek(i) => s.step = i.min(last),
            Action::SelectOutput(r, c) => {
                let p = &s.good.params;
                if r < p.out_h() && c < p.out_w() {
                    s.step = r * p.out_w() + c;
                    s.playing = false;
                }
            }
            Action::TogglePlay => {
                s.playing = !s.playing;
                if s.playing && s.step >= last {
                    s.step = 0;
                }
            }
            Action::Tick => {
                if s.step < last {
                    s.step += 1;
                }
                if s.step >= last {
                    s.playing = false;
                }
            }
            Action::SetSpeed(i) => s.speed = i.min(crate::components::SPEEDS.len() - 1),
            Action::Replace(new) => s = *new,
            Action::DismissNotes => s.ignored.clear(),
        }
        if edited {
            s.preset = None;
            s.refresh();
        }
        Rc::new(s)
    }
}
