//! Evaluating a model on a dataset: accuracy, mean loss, confusion matrix and per-class
//! accuracy.

use super::super::data::Dataset;
use super::super::error::{CnnError, Result};
use super::Model;
use serde::{Deserialize, Serialize};

/// How a model did on a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Number of samples.
    pub count: usize,
    /// Samples whose predicted class is the label.
    pub correct: usize,
    /// correct / count.
    pub accuracy: f32,
    /// The mean loss (summed in f64), in the model's loss (nats for cross-entropy).
    pub mean_loss: f32,
    /// `confusion[true][predicted]`: how many samples of class `true` were predicted as
    /// `predicted`.
    pub confusion: Vec<Vec<usize>>,
    /// Per class, the fraction of its samples predicted correctly (`None` for a class with no
    /// samples).
    pub per_class_accuracy: Vec<Option<f32>>,
}

/// An evaluation under way: the counts so far, fed a few samples at a time, so that a UI can
/// spread one evaluation over several frames. Samples are taken in dataset order and the loss
/// is summed in that order whatever the chunk sizes, so the result is the same bit for bit as
/// [`evaluate`]'s (which is this, fed everything at once).
#[derive(Debug, Clone, PartialEq)]
pub struct EvalProgress {
    /// Samples evaluated so far (the next one to evaluate).
    next: usize,
    correct: usize,
    loss_sum: f64,
    confusion: Vec<Vec<usize>>,
}

impl EvalProgress {
    /// A fresh evaluation for a model with `classes` classes.
    pub fn new(classes: usize) -> Self {
        EvalProgress { next: 0, correct: 0, loss_sum: 0.0, confusion: vec![vec![0usize; classes]; classes] }
    }

    /// Samples evaluated so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Evaluates up to `n` more samples of `data` (forward only) and returns how many it did.
    /// Refused for an image of the wrong shape or a label the model has no class for.
    pub fn advance(&mut self, model: &mut Model, data: &Dataset, n: usize) -> Result<usize> {
        let rest = data.samples().get(self.next..).unwrap_or_default();
        let classes = self.confusion.len();
        let mut count = 0;
        for s in rest.iter().take(n) {
            let o = model.evaluate_sample(&s.image, s.label)?;
            let row = self.confusion.get_mut(s.label).ok_or(CnnError::OutOfRange {
                what: "label",
                value: s.label,
                min: 0,
                max: classes.saturating_sub(1),
            })?;
            if let Some(cell) = row.get_mut(o.predicted) {
                *cell += 1;
            }
            self.loss_sum += f64::from(o.loss);
            self.correct += usize::from(o.correct);
            self.next += 1;
            count += 1;
        }
        Ok(count)
    }

    /// True once every sample of `data` has been evaluated.
    pub fn is_complete(&self, data: &Dataset) -> bool {
        self.next >= data.len()
    }

    /// The result, once every sample of `data` has been evaluated (refused for an empty dataset
    /// or an evaluation still under way).
    pub fn finish(self, data: &Dataset) -> Result<Evaluation> {
        if data.is_empty() {
            return Err(CnnError::Empty { op: "evaluation" });
        }
        if !self.is_complete(data) {
            return Err(CnnError::ShapeMismatch {
                op: "evaluation",
                expected: format!("all {} samples evaluated", data.len()),
                got: format!("{} so far", self.next),
            });
        }
        let per_class_accuracy = self
            .confusion
            .iter()
            .enumerate()
            .map(|(c, row)| {
                let total: usize = row.iter().sum();
                (total > 0).then(|| row[c] as f32 / total as f32)
            })
            .collect();
        Ok(Evaluation {
            count: data.len(),
            correct: self.correct,
            accuracy: self.correct as f32 / data.len() as f32,
            mean_loss: (self.loss_sum / data.len() as f64) as f32,
            confusion: self.confusion,
            per_class_accuracy,
        })
    }
}

/// Runs every sample of `data` through `model` (forward only). Refused for an empty dataset, an
/// image of the wrong shape or a label the model has no class for.
pub fn evaluate(model: &mut Model, data: &Dataset) -> Result<Evaluation> {
    if data.is_empty() {
        return Err(CnnError::Empty { op: "evaluation" });
    }
    let mut progress = EvalProgress::new(model.spec().classes);
    progress.advance(model, data, data.len())?;
    progress.finish(data)
}

impl Model {
    /// See [`evaluate`].
    pub fn evaluate(&mut self, data: &Dataset) -> Result<Evaluation> {
        evaluate(self, data)
    }
}
