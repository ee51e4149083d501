//! The fully connected panel's state and reducer: the input vector, the weights (one row per
//! output neuron) and the biases, kept as typed; the last valid setting run through the core's
//! `dense` with a trace.

use super::presets;
use crate::cnn::arch::counting::dense_layer_params;
use crate::cnn::{dense, Dense, DenseTrace};
use crate::link::Ignored;
use crate::panels::stepping::{Playhead, StepAction};
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;
use yew::Reducible;

/// Largest input length offered.
pub const MAX_IN: usize = 16;
/// Largest number of output neurons offered.
pub const MAX_OUT: usize = 8;

/// A valid setting and what the core computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub layer: Dense,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub trace: DenseTrace,
    /// Weights plus biases, as the core counts them.
    pub params: u64,
}

/// Runs the core on x, W (out × in, one row per neuron) and b.
pub fn compute(x: &[f32], w: &[Vec<f32>], b: &[f32]) -> Result<Computed, String> {
    let (n_in, n_out) = (x.len(), w.len());
    if let Some((o, row)) = w.iter().enumerate().find(|(_, r)| r.len() != n_in) {
        return Err(format!("neuron {} has {} weights but the input has {n_in} values; each neuron needs one weight per input", o + 1, row.len()));
    }
    if b.len() != n_out {
        return Err(format!("there are {} biases for {n_out} neurons; each neuron needs exactly one", b.len()));
    }
    let layer = Dense::new(n_in, n_out, w.concat(), b.to_vec()).map_err(|e| e.to_string())?;
    let mut trace = DenseTrace::default();
    let y = dense(&layer, x, Some(&mut trace)).map_err(|e| e.to_string())?;
    let params = dense_layer_params(n_in, n_out).map_err(|e| e.to_string())?;
    Ok(Computed { layer, x: x.to_vec(), y, trace, params })
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DenseState {
    /// x, one row.
    pub input: TextGrid,
    /// W, one row per output neuron.
    pub weights: TextGrid,
    /// b, one row per output neuron (a column).
    pub bias: TextGrid,
    /// The neuron shown.
    pub play: Playhead,
    pub ignored: Vec<Ignored>,
    pub good: Rc<Computed>,
    pub shape_error: Option<String>,
}

/// A column of values as rows of one.
pub fn column(v: &[f32]) -> Vec<Vec<f32>> {
    v.iter().map(|&x| vec![x]).collect()
}

impl DenseState {
    /// The state for a valid setting.
    pub fn new(x: &[f32], w: &[Vec<f32>], b: &[f32]) -> Result<DenseState, String> {
        let good = compute(x, w, b)?;
        Ok(DenseState {
            input: TextGrid::from_values(&[x.to_vec()]),
            weights: TextGrid::from_values(w),
            bias: TextGrid::from_values(&column(b)),
            play: Playhead::default(),
            ignored: Vec::new(),
            good: Rc::new(good),
            shape_error: None,
        })
    }

    /// Number of output neurons (the stepper's length).
    pub fn total_steps(&self) -> usize {
        self.good.y.len().max(1)
    }

    fn refresh(&mut self) {
        let (Ok(x), Ok(w), Ok(b)) = (self.input.values(), self.weights.values(), self.bias.values()) else {
            return; // the cells say what is wrong; keep the last good result
        };
        let (x, b): (Vec<f32>, Vec<f32>) = (x.concat(), b.concat());
        match compute(&x, &w, &b) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.shape_error = None;
                self.play.clamp(self.total_steps());
            }
            Err(e) => self.shape_error = Some(e),
        }
    }
}

impl Default for DenseState {
    fn default() -> Self {
        let w: Vec<Vec<f32>> = presets::WEIGHTS.iter().map(|r| r.to_vec()).collect();
        DenseState::new(presets::INPUT, &w, presets::BIAS).expect("the default example is valid (tested)")
    }
}

/// What the user (or the timer) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditInput(usize, String),
    /// (neuron, input, text)
    EditWeight(usize, usize, String),
    EditBias(usize, String),
    /// A new input length: x and every row of W follow.
    SetInputs(usize),
    /// A new number of neurons: W and b follow.
    SetOutputs(usize),
    Step(StepAction),
    SelectOutput(usize),
    Replace(Box<DenseState>),
    DismissNotes,
}

impl Reducible for DenseState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut changed = true;
        match action {
            Action::EditInput(i, t) => s.input.set(0, i, t),
            Action::EditWeight(o, i, t) => s.weights.set(o, i, t),
            Action::EditBias(o, t) => s.bias.set(o, 0, t),
            Action::SetInputs(n) => {
                let n = n.clamp(1, MAX_IN);
                s.input.resize(1, n);
                s.weights.resize(s.weights.rows(), n);
            }
            Action::SetOutputs(n) => {
                let n = n.clamp(1, MAX_OUT);
                s.weights.resize(n, s.input.cols());
                s.bias.resize(n, 1);
            }
            Action::Step(a) => {
                changed = false;
                s.play.apply(a, s.total_steps());
            }
            Action::SelectOutput(o) => {
                changed = false;
                s.play.select(o, s.good.y.len());
            }
            Action::Replace(new) => (s, changed) = (*new, false),
            Action::DismissNotes => (s.ignored, changed) = (Vec::new(), false),
        }
        if changed {
            s.refresh();
        }
        Rc::new(s)
    }
}
