//! The pooling panel's state and reducer. Cell texts are kept exactly as typed; what the panel
//! shows comes from the last valid setting, run through the core's `pool2d` with a trace.

use super::presets::{self, Preset};
use crate::cnn::{pool2d, PoolKind, PoolParams, PoolTrace, Tensor};
use crate::link::Ignored;
use crate::panels::stepping::{Playhead, StepAction};
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;
use yew::Reducible;

/// Largest input side the panel offers.
pub const MAX_INPUT: usize = 16;
/// Window sides offered.
pub const MIN_SIZE: usize = 2;
pub const MAX_SIZE: usize = 5;
/// Largest stride offered.
pub const MAX_STRIDE: usize = 3;

/// The link and menu value of a pooling kind.
pub fn mode_key(k: PoolKind) -> &'static str {
    match k {
        PoolKind::Max => "max",
        PoolKind::Average => "avg",
    }
}

/// Reads `max` / `avg` (also `average`).
pub fn parse_mode(s: &str) -> Result<PoolKind, String> {
    match s {
        "max" => Ok(PoolKind::Max),
        "avg" | "average" => Ok(PoolKind::Average),
        _ => Err(format!("“{}” is not max or avg", s.chars().take(24).collect::<String>())),
    }
}

/// A valid setting and what the core computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub input: Tensor,
    pub params: PoolParams,
    pub output: Tensor,
    pub trace: PoolTrace,
}

/// Runs the core on a setting; a window that does not fit is explained with the formula.
pub fn compute(input: &[Vec<f32>], kind: PoolKind, size: usize, stride: usize) -> Result<Computed, String> {
    let input = Tensor::from_rows(input).map_err(|e| e.to_string())?;
    let sh = input.shape();
    if size > sh.h || size > sh.w {
        let n = sh.h.min(sh.w);
        return Err(format!(
            "the {size}×{size} window does not fit a {}×{} input: n − f = {n} − {size} = −{} is negative",
            sh.h, sh.w, size - n
        ));
    }
    let params = PoolParams::new(sh, kind, size, size, stride).map_err(|e| e.to_string())?;
    let mut trace = PoolTrace::default();
    let output = pool2d(&input, &params, Some(&mut trace)).map_err(|e| e.to_string())?;
    Ok(Computed { input, params, output, trace })
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolState {
    pub input: TextGrid,
    pub mode: PoolKind,
    pub size: usize,
    pub stride: usize,
    pub play: Playhead,
    /// The preset loaded, until the input, window or stride changes.
    pub preset: Option<&'static str>,
    /// Keys of the opening link that could not be used.
    pub ignored: Vec<Ignored>,
    /// The last valid setting's results.
    pub good: Rc<Computed>,
    /// Why the current setting is not the one shown, if it is not.
    pub shape_error: Option<String>,
}

fn rows(m: &[&[f32]]) -> Vec<Vec<f32>> {
    m.iter().map(|r| r.to_vec()).collect()
}

impl PoolState {
    pub fn from_preset(p: &'static Preset, mode: PoolKind) -> PoolState {
        let good = compute(&rows(p.input), mode, p.size, p.stride).expect("every preset is a valid setting (tested)");
        PoolState {
            input: TextGrid::from_values(&rows(p.input)),
            mode,
            size: p.size,
            stride: p.stride,
            play: Playhead::default(),
            preset: Some(p.id),
            ignored: Vec::new(),
            good: Rc::new(good),
            shape_error: None,
        }
    }

    /// Number of windows (the stepper's length).
    pub fn total_steps(&self) -> usize {
        self.good.trace.windows.len().max(1)
    }

    /// Re-reads the texts and runs the core when they form a valid setting.
    pub(crate) fn refresh(&mut self) {
        let Ok(input) = self.input.values() else {
            return; // the cells say what is wrong; keep the last good result
        };
        match compute(&input, self.mode, self.size, self.stride) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.shape_error = None;
                self.play.clamp(self.total_steps());
            }
            Err(e) => self.shape_error = Some(e),
        }
    }
}

impl Default for PoolState {
    fn default() -> Self {
        PoolState::from_preset(&presets::PRESETS[0], PoolKind::Max)
    }
}

/// What the user (or the timer) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditInput(usize, usize, String),
    ResizeInput(usize, usize),
    SetMode(PoolKind),
    SetSize(usize),
    SetStride(usize),
    LoadPreset(String),
    Step(StepAction),
    /// Jump to the window that produced output (row, col).
    SelectOutput(usize, usize),
    /// A new state from a link (the address changed).
    Replace(Box<PoolState>),
    DismissNotes,
}

impl Reducible for PoolState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut changed = true;
        let mut keeps_preset = false;
        match action {
            Action::EditInput(r, c, t) => s.input.set(r, c, t),
            Action::ResizeInput(r, c) => s.input.resize(r.clamp(1, MAX_INPUT), c.clamp(1, MAX_INPUT)),
            Action::SetMode(m) => (s.mode, keeps_preset) = (m, true),
            Action::SetSize(k) => s.size = k.clamp(MIN_SIZE, MAX_SIZE),
            Action::SetStride(st) => s.stride = st.clamp(1, MAX_STRIDE),
            Action::LoadPreset(id) => {
                changed = false;
                if let Some(p) = presets::find(&id) {
                    let speed = s.play.speed;
                    s = PoolState::from_preset(p, s.mode);
                    s.play.speed = speed;
                }
            }
            Action::Step(a) => {
                changed = false;
                s.play.apply(a, s.total_steps());
            }
            Action::SelectOutput(r, c) => {
                changed = false;
                let p = &s.good.params;
                if r < p.out_h() && c < p.out_w() {
                    s.play.select(r * p.out_w() + c, s.total_steps());
                }
            }
            Action::Replace(new) => (s, changed) = (*new, false),
            Action::DismissNotes => (s.ignored, changed) = (Vec::new(), false),
        }
        if changed {
            if !keeps_preset {
                s.preset = None;
            }
            s.refresh();
        }
        Rc::new(s)
    }
}
