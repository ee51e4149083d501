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

/// Runs every sample of `data` through `model` (forward only). Refused for an empty dataset, an
/// image of the wrong shape or a label the model has no class for.
pub fn evaluate(model: &mut Model, data: &Dataset) -> Result<Evaluation> {
    if data.is_empty() {
        return Err(CnnError::Empty { op: "evaluation" });
    }
    let classes = model.spec().classes;
    let mut confusion = vec![vec![0usize; classes]; classes];
    let (mut correct, mut loss_sum) = (0usize, 0.0f64);
    for s in data.samples() {
        let o = model.evaluate_sample(&s.image, s.label)?;
        loss_sum += f64::from(o.loss);
        correct += usize::from(o.correct);
        confusion[s.label][o.predicted] += 1;
    }
    let per_class_accuracy = confusion
        .iter()
        .enumerate()
        .map(|(c, row)| {
            let total: usize = row.iter().sum();
            (total > 0).then(|| row[c] as f32 / total as f32)
        })
        .collect();
    Ok(Evaluation {
        count: data.len(),
        correct,
        accuracy: correct as f32 / data.len() as f32,
        mean_loss: (loss_sum / data.len() as f64) as f32,
        confusion,
        per_class_accuracy,
    })
}

impl Model {
    /// See [`evaluate`].
    pub fn evaluate(&mut self, data: &Dataset) -> Result<Evaluation> {
        evaluate(self, data)
    }
}
