//! The pipeline panel's state and reducer. The texts the user typed are kept verbatim; every
//! number shown comes from the last valid setting, run through the core by [`compute`].

pub use super::compute::{compute, infinite_loss_note, Computed, Stage, STAGES};
use super::presets::{self, Preset, CLASSES, FILTERS, SIDE};
use crate::link::Ignored;
use crate::panels::stepping::{Playhead, StepAction};
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;
use yew::Reducible;

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PipeState {
    pub input: TextGrid,
    pub kernels: Vec<TextGrid>,
    pub weights: TextGrid,
    /// The biases, as one row.
    pub bias: TextGrid,
    pub label: usize,
    /// The stage being taught (the stepper's step).
    pub play: Playhead,
    /// The cell of the current stage whose arithmetic is shown (None: the stage's default).
    pub cell: Option<usize>,
    /// The example image loaded, until the image is edited.
    pub preset: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    pub good: Rc<Computed>,
    /// Why the current texts are not what is shown, when the core refused them.
    pub compute_error: Option<String>,
}

impl PipeState {
    pub fn from_preset(p: &'static Preset) -> PipeState {
        let image = presets::image_rows(p);
        let kernels: Vec<Vec<Vec<f32>>> = (0..FILTERS).map(presets::kernel_rows).collect();
        let good = compute(&image, &kernels, &presets::weight_rows(), &presets::BIAS, p.label).expect("every preset runs (tested)");
        PipeState {
            input: TextGrid::from_values(&image),
            kernels: kernels.iter().map(|k| TextGrid::from_values(k)).collect(),
            weights: TextGrid::from_values(&presets::weight_rows()),
            bias: TextGrid::from_values(&[presets::BIAS.to_vec()]),
            label: p.label,
            play: Playhead::default(),
            cell: None,
            preset: Some(p.id),
            ignored: Vec::new(),
            good: Rc::new(good),
            compute_error: None,
        }
    }

    pub fn stage(&self) -> Stage {
        Stage::at(self.play.step)
    }

    /// The cell whose arithmetic is shown.
    pub fn cell(&self) -> usize {
        let n = self.good.values(self.stage()).len();
        self.cell.filter(|&c| c < n).unwrap_or_else(|| self.good.default_cell(self.stage()))
    }

    /// Every typed value, or None while some text is not a number.
    #[allow(clippy::type_complexity)]
    pub fn typed(&self) -> Option<(Vec<Vec<f32>>, Vec<Vec<Vec<f32>>>, Vec<Vec<f32>>, Vec<f32>)> {
        let image = self.input.values().ok()?;
        let kernels = self.kernels.iter().map(|k| k.values().ok()).collect::<Option<Vec<_>>>()?;
        let weights = self.weights.values().ok()?;
        let bias = self.bias.values().ok()?.concat();
        Some((image, kernels, weights, bias))
    }

    /// Re-reads the texts and runs the network when they are all numbers.
    pub fn refresh(&mut self) {
        let Some((image, kernels, weights, bias)) = self.typed() else { return };
        match compute(&image, &kernels, &weights, &bias, self.label) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.compute_error = None;
            }
            Err(e) => self.compute_error = Some(e),
        }
    }

    /// True when the image is the preset's, unchanged.
    pub fn image_is_preset(&self) -> bool {
        self.preset.and_then(presets::find).is_some_and(|p| self.good.input.plane_rows(0) == presets::image_rows(p))
    }
}

impl Default for PipeState {
    fn default() -> Self {
        PipeState::from_preset(&presets::PRESETS[0])
    }
}

/// What the user (or the timer) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditInput(usize, usize, String),
    EditKernel(usize, usize, usize, String),
    EditWeight(usize, usize, String),
    EditBias(usize, String),
    SetLabel(usize),
    LoadPreset(String),
    /// Restores the default kernels, weights and biases.
    ResetParams,
    Step(StepAction),
    /// Opens a stage's arithmetic (a click on its heading).
    SelectStage(usize),
    /// Opens the arithmetic of one cell of a stage (data-order index).
    SelectCell(usize, usize),
    Replace(Box<PipeState>),
    DismissNotes,
}

impl Reducible for PipeState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let total = STAGES.len();
        let stage_before = s.play.step;
        match action {
            Action::EditInput(r, c, t) => {
                s.input.set(r, c, t);
                s.preset = None;
                s.refresh();
            }
            Action::EditKernel(k, r, c, t) => {
                if let Some(g) = s.kernels.get_mut(k) {
                    g.set(r, c, t);
                }
                s.refresh();
            }
            Action::EditWeight(r, c, t) => {
                s.weights.set(r, c, t);
                s.refresh();
            }
            Action::EditBias(i, t) => {
                s.bias.set(0, i, t);
                s.refresh();
            }
            Action::SetLabel(l) if l < CLASSES => {
                s.label = l;
                s.refresh();
            }
            Action::SetLabel(_) => {}
            Action::LoadPreset(id) => {
                if let Some(p) = presets::find(&id) {
                    s.input = TextGrid::from_values(&presets::image_rows(p));
                    s.label = p.label;
                    s.preset = Some(p.id);
                    s.refresh();
                }
            }
            Action::ResetParams => {
                s.kernels = (0..FILTERS).map(|k| TextGrid::from_values(&presets::kernel_rows(k))).collect();
                s.weights = TextGrid::from_values(&presets::weight_rows());
                s.bias = TextGrid::from_values(&[presets::BIAS.to_vec()]);
                s.refresh();
            }
            // A new stage shows its own default cell.
            Action::Step(a) => {
                s.play.apply(a, total);
                if s.play.step != stage_before {
                    s.cell = None;
                }
            }
            Action::SelectStage(i) => {
                s.play.select(i, total);
                if s.play.step != stage_before {
                    s.cell = None;
                }
            }
            Action::SelectCell(i, c) => {
                s.play.select(i, total);
                s.cell = Some(c);
            }
            Action::Replace(new) => s = *new,
            Action::DismissNotes => s.ignored.clear(),
        }
        Rc::new(s)
    }
}

/// The side of the input (for messages and tests).
pub const INPUT_SIDE: usize = SIDE;
