//! Losses: cross-entropy H(y, q) = −Σ_c y_c · log q_c in bits (log₂) or nats (ln), from
//! probabilities or, stably, from logits; the cost J = mean loss over examples; and the mean
//! squared error. With a one-hot target only the true class's term is non-zero.
//!
//! Conventions: a term whose target is 0 is 0 (the limit of 0 · log q as q → 0), so a
//! predicted 0 elsewhere does no harm; a predicted 0 for a class with target > 0 makes the
//! loss `f32::INFINITY`, never NaN.

use super::error::{CnnError, Result};
use super::softmax::{log_softmax, softmax};
use serde::{Deserialize, Serialize};

/// The logarithm's base, which fixes the unit of the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LogBase {
    /// log₂: the loss is in bits.
    Two,
    /// ln: the loss is in nats.
    E,
}

impl LogBase {
    /// log of `x` in this base.
    pub fn log(self, x: f32) -> f32 {
        match self {
            LogBase::Two => x.log2(),
            LogBase::E => x.ln(),
        }
    }

    /// Converts a natural log (nats) to this base.
    pub fn from_ln(self, ln: f32) -> f32 {
        match self {
            LogBase::Two => ln / std::f32::consts::LN_2,
            LogBase::E => ln,
        }
    }

    /// The unit of a loss in this base: "bits" or "nats".
    pub fn unit(self) -> &'static str {
        match self {
            LogBase::Two => "bits",
            LogBase::E => "nats",
        }
    }
}

/// One class of a cross-entropy: y_c, q_c, log q_c and the term −y_c · log q_c.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClassTerm {
    /// The class index c.
    pub class: usize,
    /// y_c.
    pub target: f32,
    /// q_c.
    pub prediction: f32,
    /// log q_c in the trace's base (−∞ when q_c = 0).
    pub log: f32,
    /// −y_c · log q_c, or 0 when y_c = 0.
    pub term: f32,
}

/// The record of one cross-entropy: a term per class and their sum, the loss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossEntropyTrace {
    /// The base of the logarithms (bits or nats).
    pub base: LogBase,
    /// One term per class.
    pub classes: Vec<ClassTerm>,
    /// Σ terms in class order: exactly the returned loss.
    pub loss: f32,
}

impl CrossEntropyTrace {
    /// An empty trace to pass to a cross-entropy function.
    pub fn new(base: LogBase) -> Self {
        CrossEntropyTrace { base, classes: Vec::new(), loss: 0.0 }
    }
}

fn check_pair(op: &'static str, target: &[f32], other: &[f32], other_what: &'static str) -> Result<()> {
    if target.is_empty() {
        return Err(CnnError::Empty { op });
    }
    if other.len() != target.len() {
        return Err(CnnError::LengthMismatch { op, what: other_what, expected: target.len(), got: other.len() });
    }
    Ok(())
}

fn check_probabilities(op: &'static str, what: &'static str, values: &[f32]) -> Result<()> {
    match values.iter().position(|v| !(0.0..=1.0).contains(v)) {
        Some(index) => Err(CnnError::NotAProbability { op, what, index, value: values[index] }),
        None => Ok(()),
    }
}

/// The one loop of both cross-entropies: `logs[c]` is log q_c in `base`.
fn ce_terms(target: &[f32], preds: &[f32], logs: &[f32], base: LogBase, trace: Option<&mut CrossEntropyTrace>) -> f32 {
    let mut loss = 0.0f32;
    let mut classes = Vec::new();
    for (class, ((&y, &q), &log)) in target.iter().zip(preds).zip(logs).enumerate() {
        // "+ 0.0" turns −0.0 (from y · log 1 = 0) into +0.0 so the screen never shows "−0".
        let term = if y == 0.0 { 0.0 } else { -(y * log) + 0.0 };
        loss += term;
        if trace.is_some() {
            classes.push(ClassTerm { class, target: y, prediction: q, log, term });
        }
    }
    if let Some(t) = trace {
        *t = CrossEntropyTrace { base, classes, loss };
    }
    loss
}

/// Cross-entropy −Σ y_c · log q_c of the prediction `prediction` (probabilities, each from 0
/// to 1; they need not sum to 1) against `target` (each from 0 to 1, usually one-hot).
pub fn cross_entropy(
    target: &[f32],
    prediction: &[f32],
    base: LogBase,
    trace: Option<&mut CrossEntropyTrace>,
) -> Result<f32> {
    check_pair("cross-entropy", target, prediction, "the prediction")?;
    check_probabilities("cross-entropy", "target", target)?;
    check_probabilities("cross-entropy", "prediction", prediction)?;
    let logs: Vec<f32> = prediction.iter().map(|&q| base.log(q)).collect();
    Ok(ce_terms(target, prediction, &logs, base, trace))
}

/// Cross-entropy of softmax(`logits`) against `target`, using log-softmax so that it stays
/// finite where a probability underflows to 0. The trace's predictions are e^(ln q_c).
pub fn cross_entropy_from_logits(
    target: &[f32],
    logits: &[f32],
    base: LogBase,
    trace: Option<&mut CrossEntropyTrace>,
) -> Result<f32> {
    check_pair("cross-entropy from logits", target, logits, "the logits")?;
    check_probabilities("cross-entropy from logits", "target", target)?;
    let ln = log_softmax(logits)?;
    let preds: Vec<f32> = ln.iter().map(|&l| l.exp()).collect();
    let logs: Vec<f32> = ln.iter().map(|&l| base.from_ln(l)).collect();
    Ok(ce_terms(target, &preds, &logs, base, trace))
}

/// The gradient of [`cross_entropy_from_logits`] with respect to the logits:
/// (Σy · p − y) / ln b, which for a target summing to 1 in nats is the familiar p − y
/// (divided by ln 2 in bits).
pub fn cross_entropy_from_logits_grad(target: &[f32], logits: &[f32], base: LogBase) -> Result<Vec<f32>> {
    check_pair("cross-entropy gradient", target, logits, "the logits")?;
    check_probabilities("cross-entropy gradient", "target", target)?;
    let p = softmax(logits, None)?;
    let total: f32 = target.iter().sum();
    Ok(p.iter().zip(target).map(|(&pk, &yk)| base.from_ln(total * pk - yk)).collect())
}

/// −log q_c for every class c: the loss each class would give if it were the true one (the
/// lecture's per-class table).
pub fn per_class_losses(prediction: &[f32], base: LogBase) -> Result<Vec<f32>> {
    if prediction.is_empty() {
        return Err(CnnError::Empty { op: "per-class losses" });
    }
    check_probabilities("per-class losses", "prediction", prediction)?;
    Ok(prediction.iter().map(|&q| -base.log(q) + 0.0).collect())
}

/// The cost J = (1/N) Σ losses, the mean loss over N examples.
pub fn cost(losses: &[f32]) -> Result<f32> {
    if losses.is_empty() {
        return Err(CnnError::Empty { op: "cost" });
    }
    Ok(losses.iter().sum::<f32>() / losses.len() as f32)
}

/// The losses of a batch and their mean J.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchLoss {
    /// One cross-entropy per example.
    pub losses: Vec<f32>,
    /// J, the mean of `losses`.
    pub cost: f32,
}

/// Cross-entropy of every example (`targets[i]` against `predictions[i]`, probabilities)
/// and the cost J.
pub fn batch_cross_entropy(targets: &[Vec<f32>], predictions: &[Vec<f32>], base: LogBase) -> Result<BatchLoss> {
    if targets.is_empty() {
        return Err(CnnError::Empty { op: "batch cross-entropy" });
    }
    if predictions.len() != targets.len() {
        return Err(CnnError::LengthMismatch {
            op: "batch cross-entropy",
            what: "the list of predictions",
            expected: targets.len(),
            got: predictions.len(),
        });
    }
    let losses =
        targets.iter().zip(predictions).map(|(t, p)| cross_entropy(t, p, base, None)).collect::<Result<Vec<f32>>>()?;
    let cost = cost(&losses)?;
    Ok(BatchLoss { losses, cost })
}

/// One element of a mean squared error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MseTerm {
    /// Position i.
    pub index: usize,
    /// t_i.
    pub target: f32,
    /// p_i.
    pub prediction: f32,
    /// target − prediction (the lecture's "Error = target output − calculated output").
    pub error: f32,
    /// error².
    pub squared: f32,
}

/// The record of one MSE: the terms, their sum and the mean.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MseTrace {
    /// One term per element.
    pub terms: Vec<MseTerm>,
    /// Σ squared, added in index order.
    pub sum: f32,
    /// sum / n: exactly the returned loss.
    pub mean: f32,
}

fn check_finite(what: &'static str, values: &[f32]) -> Result<()> {
    match values.iter().find(|v| !v.is_finite()) {
        Some(&value) => Err(CnnError::NotFinite { what, value }),
        None => Ok(()),
    }
}

fn check_mse(op: &'static str, target: &[f32], prediction: &[f32]) -> Result<()> {
    check_pair(op, target, prediction, "the prediction")?;
    check_finite("MSE target", target)?;
    check_finite("MSE prediction", prediction)
}

/// Mean squared error (1/n) Σ (t_i − p_i)², without the factor ½ some texts use.
pub fn mse(target: &[f32], prediction: &[f32], trace: Option<&mut MseTrace>) -> Result<f32> {
    check_mse("MSE", target, prediction)?;
    let mut sum = 0.0f32;
    let mut terms = Vec::new();
    for (index, (&t, &p)) in target.iter().zip(prediction).enumerate() {
        let error = t - p;
        let squared = error * error;
        sum += squared;
        if trace.is_some() {
            terms.push(MseTerm { index, target: t, prediction: p, error, squared });
        }
    }
    let mean = sum / target.len() as f32;
    if let Some(tr) = trace {
        *tr = MseTrace { terms, sum, mean };
    }
    Ok(mean)
}

/// The gradient of [`mse`] with respect to the prediction: 2 (p_i − t_i) / n.
pub fn mse_grad(target: &[f32], prediction: &[f32]) -> Result<Vec<f32>> {
    check_mse("MSE gradient", target, prediction)?;
    let n = target.len() as f32;
    Ok(target.iter().zip(prediction).map(|(&t, &p)| 2.0 * (p - t) / n).collect())
}
