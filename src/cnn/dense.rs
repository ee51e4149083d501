//! The fully connected (dense) layer y = W·x + b, and its backward pass.
//!
//! # Layout
//! W is stored **out × in, row-major**: the weights of output `o` are the contiguous row
//! `weights[o · inputs .. (o + 1) · inputs]`, so `W[o][i] = weights[o · inputs + i]`.
//! (Keras stores the transpose, in × out; convert when loading such weights.)
//!
//! The trace lists, for each output, every term x_i · w_i, the bias and the sum.

use super::error::{CnnError, Result};
use super::tensor::{check_range, MAX_CHANNELS, MAX_SIDE};
use serde::{Deserialize, Serialize};

/// The largest input length: a whole tensor of the largest shape, flattened.
pub const MAX_DENSE_INPUTS: usize = MAX_SIDE * MAX_SIDE * MAX_CHANNELS;
/// The largest number of outputs (neurons).
pub const MAX_DENSE_OUTPUTS: usize = 4096;
/// The largest number of weights (inputs × outputs) a layer may hold.
pub const MAX_DENSE_WEIGHTS: usize = 1 << 24;

/// A fully connected layer: `outputs` neurons, each reading all `inputs` values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dense {
    inputs: usize,
    outputs: usize,
    /// out × in, row-major.
    weights: Vec<f32>,
    bias: Vec<f32>,
}

fn check_sizes(inputs: usize, outputs: usize) -> Result<()> {
    check_range("dense inputs", inputs, 1, MAX_DENSE_INPUTS)?;
    check_range("dense outputs", outputs, 1, MAX_DENSE_OUTPUTS)?;
    check_range("dense weight count (inputs × outputs)", inputs * outputs, 1, MAX_DENSE_WEIGHTS)
}

impl Dense {
    /// A layer from its weights (out × in, row-major: `inputs · outputs` values) and one
    /// bias per output.
    pub fn new(inputs: usize, outputs: usize, weights: Vec<f32>, bias: Vec<f32>) -> Result<Self> {
        check_sizes(inputs, outputs)?;
        if weights.len() != inputs * outputs {
            return Err(CnnError::DataLength {
                what: "dense weights",
                shape: format!("{outputs} outputs × {inputs} inputs"),
                expected: inputs * outputs,
                got: weights.len(),
            });
        }
        if bias.len() != outputs {
            return Err(CnnError::LengthMismatch { op: "dense", what: "the bias", expected: outputs, got: bias.len() });
        }
        Ok(Dense { inputs, outputs, weights, bias })
    }

    /// A layer whose weights and biases are all zero.
    pub fn zeros(inputs: usize, outputs: usize) -> Result<Self> {
        check_sizes(inputs, outputs)?;
        Ok(Dense { inputs, outputs, weights: vec![0.0; inputs * outputs], bias: vec![0.0; outputs] })
    }

    /// Input length.
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// Output length.
    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// The weight from input `i` to output `o`, or `None` outside the layer.
    pub fn weight(&self, o: usize, i: usize) -> Option<f32> {
        if o < self.outputs && i < self.inputs {
            Some(self.weights[o * self.inputs + i])
        } else {
            None
        }
    }

    /// All weights, out × in, row-major.
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// The biases, one per output.
    pub fn bias(&self) -> &[f32] {
        &self.bias
    }

    /// Weights (out × in) and biases for in-place updates (e.g. an SGD step); their lengths
    /// cannot change through a slice.
    pub fn params_mut(&mut self) -> (&mut [f32], &mut [f32]) {
        (&mut self.weights, &mut self.bias)
    }
}

/// One product x_i · w_i of an output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DenseTerm {
    /// The input index i.
    pub input: usize,
    /// x_i.
    pub x: f32,
    /// `W[o][i]`.
    pub w: f32,
    /// `x[i] · W[o][i]`.
    pub product: f32,
}

/// The arithmetic of one output: its terms in input order, the bias and Σ terms + bias.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenseOutputTrace {
    /// The output index o.
    pub output: usize,
    /// The terms in input order, added in that order.
    pub terms: Vec<DenseTerm>,
    /// `b[o]`.
    pub bias: f32,
    /// Exactly the output value.
    pub sum: f32,
}

/// A dense layer's record: `outputs[o]` explains output `o`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DenseTrace {
    /// One record per output.
    pub outputs: Vec<DenseOutputTrace>,
}

/// Checks the input length, and the layer itself again (a deserialized layer skipped `new`).
fn check_input(layer: &Dense, x: &[f32], op: &'static str) -> Result<()> {
    check_sizes(layer.inputs, layer.outputs)?;
    if layer.weights.len() != layer.inputs * layer.outputs || layer.bias.len() != layer.outputs {
        return Err(CnnError::DataLength {
            what: "dense layer",
            shape: format!("{} outputs × {} inputs", layer.outputs, layer.inputs),
            expected: layer.inputs * layer.outputs + layer.outputs,
            got: layer.weights.len() + layer.bias.len(),
        });
    }
    if x.len() != layer.inputs {
        return Err(CnnError::LengthMismatch { op, what: "the input vector", expected: layer.inputs, got: x.len() });
    }
    Ok(())
}

/// y = W·x + b. With `trace`, the same loop records every term of every output.
pub fn dense(layer: &Dense, x: &[f32], mut trace: Option<&mut DenseTrace>) -> Result<Vec<f32>> {
    check_input(layer, x, "dense")?;
    if let Some(t) = trace.as_deref_mut() {
        t.outputs.clear();
        t.outputs.reserve(layer.outputs);
    }
    let mut out = Vec::with_capacity(layer.outputs);
    for (o, row) in layer.weights.chunks_exact(layer.inputs).enumerate() {
        let mut acc = 0.0f32;
        let mut terms = Vec::new();
        for (i, (&xv, &w)) in x.iter().zip(row).enumerate() {
            let product = xv * w;
            acc += product;
            if trace.is_some() {
                terms.push(DenseTerm { input: i, x: xv, w, product });
            }
        }
        let bias = layer.bias[o];
        let sum = acc + bias;
        out.push(sum);
        if let Some(t) = trace.as_deref_mut() {
            t.outputs.push(DenseOutputTrace { output: o, terms, bias, sum });
        }
    }
    Ok(out)
}

/// The gradients of a dense layer given the gradient `g` of its output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenseGrads {
    /// dL/dW, out × in like the weights: `dW[o][i] = g[o] · x[i]`.
    pub dw: Vec<f32>,
    /// dL/db = g.
    pub db: Vec<f32>,
    /// dL/dx = Wᵀ·g: `dx[i] = Σ_o W[o][i] · g[o]`.
    pub dx: Vec<f32>,
}

/// Backward pass for the input `x` that produced the output whose gradient is `grad_out`.
pub fn dense_backward(layer: &Dense, x: &[f32], grad_out: &[f32]) -> Result<DenseGrads> {
    check_input(layer, x, "dense backward")?;
    if grad_out.len() != layer.outputs {
        return Err(CnnError::LengthMismatch {
            op: "dense backward",
            what: "the upstream gradient",
            expected: layer.outputs,
            got: grad_out.len(),
        });
    }
    let mut dw = Vec::with_capacity(layer.weights.len());
    let mut dx = vec![0.0f32; layer.inputs];
    for (row, &g) in layer.weights.chunks_exact(layer.inputs).zip(grad_out) {
        for ((&xv, &w), d) in x.iter().zip(row).zip(dx.iter_mut()) {
            dw.push(g * xv);
            *d += w * g;
        }
    }
    Ok(DenseGrads { dw, db: grad_out.to_vec(), dx })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_trace_and_backward() {
        // W = [[1, 2, 3], [-1, 0, 1]], b = [0.5, -1], x = [1, 2, 3]:
        // y0 = 1 + 4 + 9 + 0.5 = 14.5, y1 = -1 + 0 + 3 - 1 = 1.
        let layer = Dense::new(3, 2, vec![1.0, 2.0, 3.0, -1.0, 0.0, 1.0], vec![0.5, -1.0]).unwrap();
        let mut tr = DenseTrace::default();
        let y = dense(&layer, &[1.0, 2.0, 3.0], Some(&mut tr)).unwrap();
        assert_eq!(y, vec![14.5, 1.0]);
        assert_eq!(tr.outputs[0].terms[2], DenseTerm { input: 2, x: 3.0, w: 3.0, product: 9.0 });
        assert_eq!(tr.outputs[1].sum, 1.0);
        let g = dense_backward(&layer, &[1.0, 2.0, 3.0], &[1.0, 2.0]).unwrap();
        assert_eq!(g.dw, vec![1.0, 2.0, 3.0, 2.0, 4.0, 6.0]);
        assert_eq!(g.db, vec![1.0, 2.0]);
        assert_eq!(g.dx, vec![-1.0, 2.0, 5.0]);
        assert_eq!(layer.weight(1, 0), Some(-1.0));
        assert_eq!(layer.weight(2, 0), None);
    }

    #[test]
    fn sizes_are_checked() {
        assert!(Dense::zeros(0, 3).is_err());
        assert!(Dense::zeros(MAX_DENSE_INPUTS, MAX_DENSE_OUTPUTS).is_err());
        let layer = Dense::zeros(2, 2).unwrap();
        let e = dense(&layer, &[1.0], None).unwrap_err();
        assert_eq!(e.to_string(), "dense: the input vector has 1 values but 2 are needed");
        assert!(Dense::new(2, 1, vec![1.0, 2.0], vec![]).is_err());
    }
}
