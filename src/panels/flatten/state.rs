//! The flatten panel's state and reducer: one text grid per channel, kept as typed, and the
//! last valid stack run through the core's `flatten` with a trace.

use super::presets::{self, Example};
use crate::cnn::{flatten, FlatPos, FlattenTrace, Tensor};
use crate::link::Ignored;
use crate::panels::stepping::{Playhead, StepAction};
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;
use yew::Reducible;

/// Largest side of a map the panel offers.
pub const MAX_SIDE: usize = 8;
/// Largest number of channels offered.
pub const MAX_CHANNELS: usize = 4;

/// A valid stack and what the core made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub tensor: Tensor,
    pub vector: Vec<f32>,
    pub trace: FlattenTrace,
}

impl Computed {
    /// The vector index the core put tensor position (c, y, x) at, read from the trace.
    pub fn index_of(&self, c: usize, y: usize, x: usize) -> Option<usize> {
        self.trace.steps.iter().find(|s| s.from == FlatPos { c, y, x }).map(|s| s.index)
    }
}

/// Runs the core on one matrix per channel.
pub fn compute(planes: &[Vec<Vec<f32>>]) -> Result<Computed, String> {
    let tensor = Tensor::from_planes(planes).map_err(|e| e.to_string())?;
    let mut trace = FlattenTrace::default();
    let vector = flatten(&tensor, Some(&mut trace)).map_err(|e| e.to_string())?;
    Ok(Computed { tensor, vector, trace })
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FlattenState {
    /// One text grid per channel, all the same size.
    pub channels: Vec<TextGrid>,
    pub play: Playhead,
    /// The example loaded, until something is edited.
    pub example: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    /// The last valid stack's results.
    pub good: Rc<Computed>,
    pub shape_error: Option<String>,
}

/// An example's channels as rows of values.
pub fn planes_of(e: &Example) -> Vec<Vec<Vec<f32>>> {
    e.channels.iter().map(|m| m.iter().map(|r| r.to_vec()).collect()).collect()
}

impl FlattenState {
    /// The state for a valid stack (None when the core refuses it).
    pub fn from_planes(planes: &[Vec<Vec<f32>>]) -> Result<FlattenState, String> {
        let good = compute(planes)?;
        Ok(FlattenState {
            channels: planes.iter().map(|p| TextGrid::from_values(p)).collect(),
            play: Playhead::default(),
            example: None,
            ignored: Vec::new(),
            good: Rc::new(good),
            shape_error: None,
        })
    }

    pub fn from_example(e: &'static Example) -> FlattenState {
        let s = FlattenState::from_planes(&planes_of(e)).expect("every example is valid (tested)");
        FlattenState { example: Some(e.id), ..s }
    }

    /// Number of vector entries (the stepper's length).
    pub fn total_steps(&self) -> usize {
        self.good.vector.len().max(1)
    }

    pub fn rows(&self) -> usize {
        self.channels.first().map_or(1, TextGrid::rows)
    }

    pub fn cols(&self) -> usize {
        self.channels.first().map_or(1, TextGrid::cols)
    }

    /// Re-reads the texts and runs the core when every cell is a number.
    fn refresh(&mut self) {
        let Ok(planes) = self.channels.iter().map(TextGrid::values).collect::<Result<Vec<_>, _>>() else {
            return; // the cells say what is wrong; keep the last good result
        };
        match compute(&planes) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.shape_error = None;
                self.play.clamp(self.total_steps());
            }
            Err(e) => self.shape_error = Some(e),
        }
    }
}

impl Default for FlattenState {
    fn default() -> Self {
        FlattenState::from_example(&presets::EXAMPLES[0])
    }
}

/// What the user (or the timer) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// (channel, row, column, text)
    Edit(usize, usize, usize, String),
    Resize(usize, usize),
    SetChannels(usize),
    LoadExample(String),
    Step(StepAction),
    /// Jump to vector entry i.
    SelectEntry(usize),
    Replace(Box<FlattenState>),
    DismissNotes,
}

impl Reducible for FlattenState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut changed = true;
        match action {
            Action::Edit(ch, r, c, t) => {
                if let Some(g) = s.channels.get_mut(ch) {
                    g.set(r, c, t);
                }
            }
            Action::Resize(r, c) => {
                let (r, c) = (r.clamp(1, MAX_SIDE), c.clamp(1, MAX_SIDE));
                s.channels.iter_mut().for_each(|g| g.resize(r, c));
            }
            Action::SetChannels(n) => {
                let (r, c) = (s.rows(), s.cols());
                s.channels.resize_with(n.clamp(1, MAX_CHANNELS), || TextGrid::from_values(&vec![vec![0.0; c]; r]));
            }
            Action::LoadExample(id) => {
                changed = false;
                if let Some(e) = presets::find(&id) {
                    let speed = s.play.speed;
                    s = FlattenState::from_example(e);
                    s.play.speed = speed;
                }
            }
            Action::Step(a) => {
                changed = false;
                s.play.apply(a, s.total_steps());
            }
            Action::SelectEntry(i) => {
                changed = false;
                s.play.select(i, s.good.vector.len());
            }
            Action::Replace(new) => (s, changed) = (*new, false),
            Action::DismissNotes => (s.ignored, changed) = (Vec::new(), false),
        }
        if changed {
            s.example = None;
            s.refresh();
        }
        Rc::new(s)
    }
}
