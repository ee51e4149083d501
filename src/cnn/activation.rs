//! Element-wise activations: ReLU (the detector stage of the lecture), the logistic sigmoid
//! and tanh, on tensors and on plain vectors, with their backward pass.
//!
//! The trace lists, for every element in data order (channel-major, then row-major for a
//! tensor), the value that went in and the value that came out.

use super::error::{CnnError, Result};
use super::tensor::{Shape, Tensor};
use serde::{Deserialize, Serialize};

/// ReLU: max(0, x), the detector stage. A NaN input gives 0.
pub fn relu(x: f32) -> f32 {
    // Not `x.max(0.0)`: this form is +0 for −0 and 0 for NaN on every platform, and it is the
    // very expression the model's vectorised loop uses, so both agree bit for bit.
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

/// The logistic sigmoid 1 / (1 + e^(−x)), computed so that no intermediate overflows:
/// for x < 0 it uses e^x / (1 + e^x).
pub fn sigmoid(x: f32) -> f32 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// The hyperbolic tangent (e^x − e^(−x)) / (e^x + e^(−x)).
pub fn tanh(x: f32) -> f32 {
    x.tanh()
}

/// Which element-wise function to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Activation {
    /// max(0, x).
    Relu,
    /// 1 / (1 + e^(−x)).
    Sigmoid,
    /// tanh(x).
    Tanh,
}

impl Activation {
    /// The activation's value at `x`.
    pub fn apply(self, x: f32) -> f32 {
        match self {
            Activation::Relu => relu(x),
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => tanh(x),
        }
    }

    /// The derivative at input `x`. For ReLU the derivative at exactly 0 is taken as 0
    /// (the kink has no derivative; 0 is the usual choice and what the backward pass uses).
    pub fn derivative(self, x: f32) -> f32 {
        match self {
            Activation::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => {
                let s = sigmoid(x);
                s * (1.0 - s)
            }
            Activation::Tanh => {
                let t = x.tanh();
                1.0 - t * t
            }
        }
    }

    /// The name shown on screen.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "ReLU",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
        }
    }
}

impl std::fmt::Display for Activation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One element of an activation: the value in and the value out.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ActivationStep {
    /// Position in data order; for a tensor of shape c×h×w this is (c·h + y)·w + x
    /// (see [`unravel`]).
    pub index: usize,
    /// The value that went in.
    pub input: f32,
    /// The value that came out.
    pub output: f32,
}

/// The record of one activation call: one step per element, in data order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivationTrace {
    /// The function applied.
    pub activation: Activation,
    /// One step per element, in data order.
    pub steps: Vec<ActivationStep>,
}

impl ActivationTrace {
    /// An empty trace to pass to [`activate`] or [`activate_vec`].
    pub fn new(activation: Activation) -> Self {
        ActivationTrace { activation, steps: Vec::new() }
    }
}

/// The (channel, row, column) of data index `index` in a tensor of `shape`, or `None` when
/// the index lies outside it.
pub fn unravel(shape: Shape, index: usize) -> Option<(usize, usize, usize)> {
    let plane = shape.h.checked_mul(shape.w)?;
    if index >= plane.checked_mul(shape.c)? {
        return None;
    }
    Some((index / plane, (index % plane) / shape.w, index % shape.w))
}

/// The one loop of every activation: computes and, if asked, records.
fn activate_values(values: &[f32], act: Activation, mut trace: Option<&mut ActivationTrace>) -> Vec<f32> {
    if let Some(t) = trace.as_deref_mut() {
        t.activation = act;
        t.steps.clear();
        t.steps.reserve(values.len());
    }
    let mut out = Vec::with_capacity(values.len());
    for (index, &input) in values.iter().enumerate() {
        let output = act.apply(input);
        out.push(output);
        if let Some(t) = trace.as_deref_mut() {
            t.steps.push(ActivationStep { index, input, output });
        }
    }
    out
}

/// Applies `act` to every value of `input`. Never fails for a valid tensor; the `Result`
/// keeps the signature of every other operation.
pub fn activate(input: &Tensor, act: Activation, trace: Option<&mut ActivationTrace>) -> Result<Tensor> {
    Tensor::new(input.shape(), activate_values(input.data(), act, trace))
}

/// Applies `act` to every value of a vector (for example a dense layer's output).
pub fn activate_vec(input: &[f32], act: Activation, trace: Option<&mut ActivationTrace>) -> Result<Vec<f32>> {
    Ok(activate_values(input, act, trace))
}

/// The gradient with respect to the input vector: `grad_out[i] · act'(input[i])`.
pub fn activate_vec_backward(input: &[f32], act: Activation, grad_out: &[f32]) -> Result<Vec<f32>> {
    if grad_out.len() != input.len() {
        return Err(CnnError::LengthMismatch {
            op: "activation backward",
            what: "the upstream gradient",
            expected: input.len(),
            got: grad_out.len(),
        });
    }
    Ok(input.iter().zip(grad_out).map(|(&x, &g)| g * act.derivative(x)).collect())
}

/// The gradient with respect to the input tensor, given the gradient of the output
/// (`grad_out`, same shape as `input`).
pub fn activate_backward(input: &Tensor, act: Activation, grad_out: &Tensor) -> Result<Tensor> {
    if grad_out.shape() != input.shape() {
        return Err(CnnError::ShapeMismatch {
            op: "activation backward",
            expected: format!("an upstream gradient of shape {}", input.shape()),
            got: format!("shape {}", grad_out.shape()),
        });
    }
    Tensor::new(input.shape(), activate_vec_backward(input.data(), act, grad_out.data())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relu_sigmoid_tanh_values() {
        assert_eq!(relu(-2.0), 0.0);
        assert_eq!(relu(3.5), 3.5);
        assert_eq!(sigmoid(0.0), 0.5);
        assert!((sigmoid(2.0) - 0.880_797_1).abs() < 1e-6);
        assert!(sigmoid(-1000.0) == 0.0 && sigmoid(1000.0) == 1.0);
        assert!((tanh(1.0) - 0.761_594_2).abs() < 1e-6);
    }

    #[test]
    fn trace_lists_in_and_out() {
        let t = Tensor::from_rows(&[vec![-1.0, 2.0], vec![0.0, -3.0]]).unwrap();
        let mut tr = ActivationTrace::new(Activation::Tanh);
        let out = activate(&t, Activation::Relu, Some(&mut tr)).unwrap();
        assert_eq!(out.data(), &[0.0, 2.0, 0.0, 0.0]);
        assert_eq!(tr.activation, Activation::Relu);
        assert_eq!(tr.steps[1], ActivationStep { index: 1, input: 2.0, output: 2.0 });
        assert_eq!(unravel(t.shape(), 3), Some((0, 1, 1)));
        assert_eq!(unravel(t.shape(), 4), None);
    }

    #[test]
    fn backward_checks_lengths() {
        let e = activate_vec_backward(&[1.0, 2.0], Activation::Relu, &[1.0]).unwrap_err();
        assert_eq!(e.to_string(), "activation backward: the upstream gradient has 1 values but 2 are needed");
        let g = activate_vec_backward(&[-1.0, 0.0, 2.0], Activation::Relu, &[5.0, 5.0, 5.0]).unwrap();
        assert_eq!(g, vec![0.0, 0.0, 5.0]);
    }
}
