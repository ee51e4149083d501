//! Softmax p_i = e^(z_i/T) / Σ_j e^(z_j/T), computed stably by first subtracting the largest
//! logit m: p_i = e^((z_i − m)/T) / Σ_j e^((z_j − m)/T). Every shifted exponent is ≤ 0, so no
//! exponential overflows, the largest one is exactly 1 and the sum is at least 1: the result
//! is finite and sums to 1 (up to rounding) for any finite logits, ±1000 included.
//!
//! The trace records the logits, the max subtracted, each shifted exponent and exponential,
//! their sum and each probability.

use super::error::{CnnError, Result};
use serde::{Deserialize, Serialize};

/// The record of one softmax.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SoftmaxTrace {
    /// The input z.
    pub logits: Vec<f32>,
    /// T (1 for the plain softmax).
    pub temperature: f32,
    /// The largest logit m, subtracted from each logit.
    pub max: f32,
    /// (z_i − m) / T.
    pub shifted: Vec<f32>,
    /// e^((z_i − m) / T).
    pub exps: Vec<f32>,
    /// Σ exps, added in index order.
    pub sum: f32,
    /// `exps[i] / sum`: exactly the output.
    pub probs: Vec<f32>,
}

fn check_logits(logits: &[f32], op: &'static str) -> Result<f32> {
    if logits.is_empty() {
        return Err(CnnError::Empty { op });
    }
    let mut max = f32::NEG_INFINITY;
    for &z in logits {
        if !z.is_finite() {
            return Err(CnnError::NotFinite { what: "softmax logit", value: z });
        }
        max = max.max(z);
    }
    Ok(max)
}

fn check_temperature(t: f32) -> Result<()> {
    if t.is_finite() && t > 0.0 {
        Ok(())
    } else {
        Err(CnnError::Temperature { value: t })
    }
}

/// Softmax with temperature T: larger T flattens the distribution, smaller T sharpens it.
/// T must be finite and greater than 0. With `trace`, the same loop records every step.
pub fn softmax_with_temperature(
    logits: &[f32],
    temperature: f32,
    trace: Option<&mut SoftmaxTrace>,
) -> Result<Vec<f32>> {
    check_temperature(temperature)?;
    let max = check_logits(logits, "softmax")?;
    let mut shifted = Vec::with_capacity(logits.len());
    let mut exps = Vec::with_capacity(logits.len());
    let mut sum = 0.0f32;
    for &z in logits {
        let s = (z - max) / temperature;
        let e = s.exp();
        sum += e;
        shifted.push(s);
        exps.push(e);
    }
    let probs: Vec<f32> = exps.iter().map(|&e| e / sum).collect();
    if let Some(t) = trace {
        *t = SoftmaxTrace { logits: logits.to_vec(), temperature, max, shifted, exps, sum, probs: probs.clone() };
    }
    Ok(probs)
}

/// Softmax (temperature 1) of `logits`.
pub fn softmax(logits: &[f32], trace: Option<&mut SoftmaxTrace>) -> Result<Vec<f32>> {
    softmax_with_temperature(logits, 1.0, trace)
}

/// ln softmax: ln p_i = (z_i − m) − ln Σ_j e^(z_j − m). It stays finite where p_i itself
/// underflows to 0 (for logits ±1000 it gives −2000), as long as no two logits differ by
/// more than f32::MAX. Used by the cross-entropy from logits.
pub fn log_softmax(logits: &[f32]) -> Result<Vec<f32>> {
    let max = check_logits(logits, "log-softmax")?;
    let sum: f32 = logits.iter().map(|&z| (z - max).exp()).sum();
    let log_sum = sum.ln();
    Ok(logits.iter().map(|&z| (z - max) - log_sum).collect())
}

/// Softmax's backward pass as a Jacobian-vector product: given the probabilities `probs`
/// the forward pass returned and the gradient `grad_out` of the loss with respect to them,
/// dL/dz_i = p_i · (g_i − Σ_j p_j g_j) / T.
pub fn softmax_backward_with_temperature(probs: &[f32], grad_out: &[f32], temperature: f32) -> Result<Vec<f32>> {
    check_temperature(temperature)?;
    if probs.is_empty() {
        return Err(CnnError::Empty { op: "softmax backward" });
    }
    if grad_out.len() != probs.len() {
        return Err(CnnError::LengthMismatch {
            op: "softmax backward",
            what: "the upstream gradient",
            expected: probs.len(),
            got: grad_out.len(),
        });
    }
    let dot: f32 = probs.iter().zip(grad_out).map(|(&p, &g)| p * g).sum();
    Ok(probs.iter().zip(grad_out).map(|(&p, &g)| p * (g - dot) / temperature).collect())
}

/// Softmax's backward pass at temperature 1; see [`softmax_backward_with_temperature`].
pub fn softmax_backward(probs: &[f32], grad_out: &[f32]) -> Result<Vec<f32>> {
    softmax_backward_with_temperature(probs, grad_out, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_matches_output() {
        let mut tr = SoftmaxTrace::default();
        let p = softmax_with_temperature(&[1.0, 3.0, 2.0], 2.0, Some(&mut tr)).unwrap();
        assert_eq!(tr.max, 3.0);
        assert_eq!(tr.shifted, vec![-1.0, 0.0, -0.5]);
        assert_eq!(tr.exps[1], 1.0);
        assert_eq!(tr.probs, p);
        assert_eq!(tr.sum, tr.exps[0] + tr.exps[1] + tr.exps[2]);
    }

    #[test]
    fn refuses_bad_input() {
        assert_eq!(softmax(&[], None), Err(CnnError::Empty { op: "softmax" }));
        assert_eq!(softmax(&[1.0, f32::NAN], None).unwrap_err().to_string().split(':').next(), Some("softmax logit"));
        let e = softmax_with_temperature(&[1.0], 0.0, None).unwrap_err();
        assert_eq!(e.to_string(), "softmax: temperature must be a finite number greater than 0, got 0");
    }

    #[test]
    fn extreme_logits_stay_finite() {
        let p = softmax(&[1000.0, -1000.0, 0.0], None).unwrap();
        assert_eq!(p, vec![1.0, 0.0, 0.0]);
        let l = log_softmax(&[1000.0, -1000.0]).unwrap();
        assert_eq!(l, vec![0.0, -2000.0]);
    }
}
