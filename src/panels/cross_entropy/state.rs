//! The cross-entropy panel's state and reducer: one example (target and prediction) and a
//! batch of examples, all kept as typed. What is shown comes from the last valid texts, run
//! through the core in bits and in nats.

use super::presets::{self, Preset};
use crate::cnn::{
    batch_cross_entropy, cross_entropy, one_hot, per_class_losses, validate_distribution, validate_one_hot, BatchLoss,
    CrossEntropyTrace, DistributionCheck, LogBase, OneHotCheck, DISTRIBUTION_TOLERANCE,
};
use crate::link::Ignored;
use crate::panels::vector_text::{count, parse_vector, vector_text};
use std::rc::Rc;
use yew::Reducible;

pub const MIN_CLASSES: usize = 2;
pub const MAX_CLASSES: usize = 10;
pub const MAX_EXAMPLES: usize = 12;
const STILL: &str = "The results still use the last valid values.";

/// One example's valid values and everything the core computed from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Single {
    pub target: Vec<f32>,
    /// The true class (the index of the 1).
    pub class: usize,
    pub probs: Vec<f32>,
    pub bits: CrossEntropyTrace,
    pub nats: CrossEntropyTrace,
    /// −log q_k for every k: the loss if class k were the true one.
    pub per_bits: Vec<f32>,
    pub per_nats: Vec<f32>,
    /// Whether the prediction is a probability distribution.
    pub dist: DistributionCheck,
}

/// A valid batch and its losses.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub classes: Vec<usize>,
    pub probs: Vec<Vec<f32>>,
    pub bits: BatchLoss,
    pub nats: BatchLoss,
}

/// A prediction: 2 to 10 numbers.
pub fn parse_probs(text: &str) -> Result<Vec<f32>, String> {
    let q = parse_vector(text)?;
    if !(MIN_CLASSES..=MAX_CLASSES).contains(&q.len()) {
        return Err(format!("it has {}; this panel needs {MIN_CLASSES} to {MAX_CLASSES} classes", count(q.len(), "value")));
    }
    Ok(q)
}

/// A target for `classes` classes: a class index counting from 0 (`2`) or a one-hot vector
/// (`0, 0, 1`). Returns the vector and the class.
pub fn parse_target(text: &str, classes: usize) -> Result<(Vec<f32>, usize), String> {
    let t = text.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        let index: usize = t.parse().map_err(|_| format!("“{}” is too large for a class index", crate::text::excerpt(t)))?;
        return one_hot(index, classes).map(|v| (v, index)).map_err(|e| e.to_string());
    }
    let v = parse_vector(t)?;
    match validate_one_hot(&v) {
        OneHotCheck::Valid { class } if v.len() == classes => Ok((v, class)),
        OneHotCheck::Valid { .. } => Err(format!("it has {} but the prediction has {classes}", count(v.len(), "value"))),
        check => Err(check.to_string()),
    }
}

/// Runs the core on one example, in both units.
pub fn compute_single(target: &str, probs: &str) -> Result<Single, String> {
    let q = parse_probs(probs).map_err(|e| format!("Prediction: {e}"))?;
    let (y, class) = parse_target(target, q.len()).map_err(|e| format!("Target: {e}"))?;
    let mut bits = CrossEntropyTrace::new(LogBase::Two);
    let mut nats = CrossEntropyTrace::new(LogBase::E);
    cross_entropy(&y, &q, LogBase::Two, Some(&mut bits)).map_err(|e| e.to_string())?;
    cross_entropy(&y, &q, LogBase::E, Some(&mut nats)).map_err(|e| e.to_string())?;
    let per_bits = per_class_losses(&q, LogBase::Two).map_err(|e| e.to_string())?;
    let per_nats = per_class_losses(&q, LogBase::E).map_err(|e| e.to_string())?;
    let dist = validate_distribution(&q, DISTRIBUTION_TOLERANCE);
    Ok(Single { target: y, class, probs: q, bits, nats, per_bits, per_nats, dist })
}

/// One example of the batch, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub target: String,
    pub probs: String,
}

/// Runs the core on a batch; every example at fault is named.
pub fn compute_batch(examples: &[Example]) -> Result<Batch, String> {
    if examples.is_empty() {
        return Err("the batch is empty; add at least one example".into());
    }
    let (mut targets, mut classes, mut probs, mut bad) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, ex) in examples.iter().enumerate() {
        let checked = parse_probs(&ex.probs).map_err(|e| format!("prediction: {e}")).and_then(|q| {
            let (y, c) = parse_target(&ex.target, q.len()).map_err(|e| format!("target: {e}"))?;
            // Only to name the example at fault; the losses come from batch_cross_entropy below.
            cross_entropy(&y, &q, LogBase::E, None).map_err(|e| e.to_string())?;
            Ok((y, c, q))
        });
        match checked {
            Ok((y, c, q)) => {
                targets.push(y);
                classes.push(c);
                probs.push(q);
            }
            Err(e) => bad.push(format!("example {}: {e}", i + 1)),
        }
    }
    if !bad.is_empty() {
        return Err(bad.into_iter().take(3).collect::<Vec<_>>().join("; "));
    }
    let bits = batch_cross_entropy(&targets, &probs, LogBase::Two).map_err(|e| e.to_string())?;
    let nats = batch_cross_entropy(&targets, &probs, LogBase::E).map_err(|e| e.to_string())?;
    Ok(Batch { classes, probs, bits, nats })
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CeState {
    pub target: String,
    pub probs: String,
    /// The unit of the headline loss and cost.
    pub base: LogBase,
    pub batch: Vec<Example>,
    pub preset: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    pub good: Rc<Single>,
    pub good_batch: Rc<Batch>,
    /// Why the typed example is not the one shown, if it is not.
    pub error: Option<String>,
    /// Why the typed batch is not the one shown, if it is not.
    pub batch_error: Option<String>,
}

/// Batch rows as texts.
pub fn examples(rows: &[(usize, &[f32])]) -> Vec<Example> {
    rows.iter().map(|(c, q)| Example { target: c.to_string(), probs: vector_text(q) }).collect()
}

impl CeState {
    pub fn from_preset(p: &'static Preset) -> CeState {
        let probs = vector_text(p.probs);
        let batch = examples(p.batch);
        CeState {
            good: Rc::new(compute_single(p.target, &probs).expect("every preset is valid (tested)")),
            good_batch: Rc::new(compute_batch(&batch).expect("every preset's batch is valid (tested)")),
            target: p.target.to_string(),
            probs,
            base: p.base,
            batch,
            preset: Some(p.id),
            ignored: Vec::new(),
            error: None,
            batch_error: None,
        }
    }

    pub(crate) fn refresh(&mut self) {
        match compute_single(&self.target, &self.probs) {
            Ok(s) => (self.good, self.error) = (Rc::new(s), None),
            Err(e) => self.error = Some(format!("{e}. {STILL}")),
        }
        match compute_batch(&self.batch) {
            Ok(b) => (self.good_batch, self.batch_error) = (Rc::new(b), None),
            Err(e) => self.batch_error = Some(format!("Batch: {e}. {STILL}")),
        }
    }

    /// The lecture's printed numbers, while its preset is loaded unchanged.
    pub fn lecture(&self) -> Option<&'static presets::Lecture> {
        presets::find(self.preset?)?.lecture.as_ref()
    }
}

impl Default for CeState {
    fn default() -> Self {
        CeState::from_preset(&presets::PRESETS[0])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditTarget(String),
    EditProbs(String),
    SetBase(LogBase),
    EditExampleTarget(usize, String),
    EditExampleProbs(usize, String),
    AddExample,
    /// Adds the single example above to the batch.
    AddCurrent,
    RemoveExample(usize),
    LoadPreset(String),
    Replace(Box<CeState>),
    DismissNotes,
}

impl Reducible for CeState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let edited = !matches!(action, Action::SetBase(_) | Action::LoadPreset(_) | Action::Replace(_) | Action::DismissNotes);
        match action {
            Action::EditTarget(t) => s.target = t,
            Action::EditProbs(t) => s.probs = t,
            Action::SetBase(b) => s.base = b,
            Action::EditExampleTarget(i, t) => {
                if let Some(ex) = s.batch.get_mut(i) {
                    ex.target = t;
                }
            }
            Action::EditExampleProbs(i, t) => {
                if let Some(ex) = s.batch.get_mut(i) {
                    ex.probs = t;
                }
            }
            Action::AddExample if s.batch.len() < MAX_EXAMPLES => {
                let probs = s.batch.last().map_or_else(|| s.probs.clone(), |e| e.probs.clone());
                s.batch.push(Example { target: "0".into(), probs });
            }
            Action::AddCurrent if s.batch.len() < MAX_EXAMPLES => {
                let g = &s.good;
                s.batch.push(Example { target: g.class.to_string(), probs: vector_text(&g.probs) });
            }
            Action::AddExample | Action::AddCurrent => {}
            Action::RemoveExample(i) => {
                if i < s.batch.len() {
                    s.batch.remove(i);
                }
            }
            Action::LoadPreset(id) => {
                if let Some(p) = presets::find(&id) {
                    s = CeState::from_preset(p);
                }
            }
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
