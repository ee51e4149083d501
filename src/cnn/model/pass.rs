//! The forward and backward passes of a [`Model`], the softmax and the loss, on the model's
//! preallocated buffers.
//!
//! The cross-entropy is computed from the logits as [`cross_entropy_from_logits`] does (natural
//! log): −((z_label − m) − ln Σ_j e^(z_j − m)) with m the largest logit, and its gradient is
//! p − y. The MSE is (1/n) Σ (y_i − p_i)² on the softmax probabilities, backpropagated through
//! the softmax. Non-finite logits are not an error here: the loss becomes NaN or ∞, which the
//! [`Trainer`](super::Trainer) reports as divergence.
//!
//! [`cross_entropy_from_logits`]: super::super::cross_entropy_from_logits

use super::super::error::{CnnError, Result};
use super::super::tensor::Tensor;
use super::layer;
use super::spec::{Flow, LossKind};
use super::Model;
use serde::{Deserialize, Serialize};

/// The result of one sample: its loss, the predicted class (first largest logit) and whether
/// it is the label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SampleOutcome {
    /// The loss of this sample.
    pub loss: f32,
    /// The predicted class.
    pub predicted: usize,
    /// `predicted == label`.
    pub correct: bool,
}

/// What the model says about one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The last layer's outputs.
    pub logits: Vec<f32>,
    /// softmax(logits).
    pub probs: Vec<f32>,
    /// The first class with the largest logit.
    pub class: usize,
}

/// A layer's output values, as a tensor of feature maps or a flat vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LayerValue {
    /// Feature maps, c × h × w.
    Map(Tensor),
    /// A flat vector.
    Vector(Vec<f32>),
}

/// The values at one point of the model for one input: index 0 is the input itself, index i
/// the output of layer i.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureMap {
    /// 0 for the input, else the layer's position counting from 1.
    pub layer: usize,
    /// "input" or the layer's name.
    pub name: String,
    /// The values.
    pub value: LayerValue,
}

/// The first index of the largest value (0 for an empty slice; NaN never wins).
fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

impl Model {
    fn load_input(&mut self, input: &Tensor) -> Result<()> {
        if input.shape() != self.spec.input {
            return Err(CnnError::ShapeMismatch {
                op: "model input",
                expected: format!("an input of shape {}", self.spec.input),
                got: format!("shape {}", input.shape()),
            });
        }
        if let Some(&value) = input.data().iter().find(|v| !v.is_finite()) {
            return Err(CnnError::NotFinite { what: "model input", value });
        }
        self.ws.acts[0].copy_from_slice(input.data());
        Ok(())
    }

    fn check_label(&self, label: usize) -> Result<()> {
        if label < self.spec.classes {
            Ok(())
        } else {
            Err(CnnError::OutOfRange { what: "label", value: label, min: 0, max: self.spec.classes - 1 })
        }
    }

    /// The forward pass; `for_backward` also records the pooling winners the backward pass
    /// routes gradients through.
    fn run_forward(&mut self, for_backward: bool) {
        let ws = &mut self.ws;
        for (i, (layer, plan)) in self.layers.iter().zip(&self.plan.layers).enumerate() {
            let (before, after) = ws.acts.split_at_mut(i + 1);
            let winners = for_backward.then_some(ws.argmax[i].as_mut_slice());
            layer::forward(layer, &plan.resolved, &before[i], &mut after[0], winners, &mut ws.conv[i]);
        }
    }

    /// Softmax of the logits into `probs`; the loss against `label`, and (with `grad`) its
    /// gradient with respect to the logits into the last gradient buffer.
    fn run_loss(&mut self, label: usize, grad: bool) -> SampleOutcome {
        let ws = &mut self.ws;
        let n = self.layers.len();
        let logits = &ws.acts[n];
        let max = logits.iter().fold(f32::NEG_INFINITY, |m, &z| m.max(z));
        let mut sum = 0.0f32;
        for (p, &z) in ws.probs.iter_mut().zip(logits) {
            *p = (z - max).exp();
            sum += *p;
        }
        for p in ws.probs.iter_mut() {
            *p /= sum;
        }
        let classes = ws.probs.len() as f32;
        let loss = match self.spec.loss {
            LossKind::CrossEntropy => -((logits[label] - max) - sum.ln()) + 0.0,
            LossKind::Mse => {
                let mut s = 0.0f32;
                for (k, &p) in ws.probs.iter().enumerate() {
                    let e = if k == label { 1.0 } else { 0.0 } - p;
                    s += e * e;
                }
                s / classes
            }
        };
        if grad {
            let g = &mut ws.grads[n];
            match self.spec.loss {
                LossKind::CrossEntropy => {
                    for (k, (d, &p)) in g.iter_mut().zip(&ws.probs).enumerate() {
                        *d = if k == label { p - 1.0 } else { p };
                    }
                }
                LossKind::Mse => {
                    // dL/dp_k = 2(p_k − y_k)/n, then through the softmax: p_k (g_k − Σ_j p_j g_j).
                    let dp = |k: usize, p: f32| 2.0 * (p - if k == label { 1.0 } else { 0.0 }) / classes;
                    let dot: f32 = ws.probs.iter().enumerate().map(|(k, &p)| p * dp(k, p)).sum();
                    for (k, (d, &p)) in g.iter_mut().zip(&ws.probs).enumerate() {
                        *d = p * (dp(k, p) - dot);
                    }
                }
            }
        }
        let predicted = argmax(logits);
        SampleOutcome { loss, predicted, correct: predicted == label }
    }

    fn run_backward(&mut self) {
        let ws = &mut self.ws;
        for i in (0..self.layers.len()).rev() {
            let (lower, upper) = ws.grads.split_at_mut(i + 1);
            let gx = if i == 0 { None } else { Some(&mut lower[i][..]) };
            let (layer, plan) = (&self.layers[i], &self.plan.layers[i]);
            layer::backward(
                layer,
                &plan.resolved,
                &ws.acts[i],
                &upper[0],
                gx,
                &mut ws.dw[i],
                &mut ws.db[i],
                &ws.argmax[i],
                &mut ws.conv[i],
            );
        }
        ws.pending += 1;
    }

    /// Runs the model on `input` (its shape must be the spec's input shape, its values finite).
    pub fn predict(&mut self, input: &Tensor) -> Result<Prediction> {
        self.load_input(input)?;
        self.run_forward(false);
        self.run_loss(0, false);
        let logits = self.ws.acts[self.layers.len()].clone();
        Ok(Prediction { class: argmax(&logits), logits, probs: self.ws.probs.clone() })
    }

    /// The predicted class of `input` (the first largest logit), allocating nothing: what the
    /// benchmark times as single-sample inference.
    pub fn classify(&mut self, input: &Tensor) -> Result<usize> {
        self.load_input(input)?;
        self.run_forward(false);
        Ok(argmax(&self.ws.acts[self.layers.len()]))
    }

    /// Forward pass and loss against `label`, without gradients.
    pub fn evaluate_sample(&mut self, input: &Tensor, label: usize) -> Result<SampleOutcome> {
        self.check_label(label)?;
        self.load_input(input)?;
        self.run_forward(false);
        Ok(self.run_loss(label, false))
    }

    /// Forward pass, loss and backward pass: adds this sample's gradients to the pending sums
    /// that the next optimiser step averages. Allocates nothing. When the loss is not finite
    /// no gradient is added (and the outcome's loss shows it).
    pub fn accumulate_gradients(&mut self, input: &Tensor, label: usize) -> Result<SampleOutcome> {
        self.check_label(label)?;
        self.load_input(input)?;
        self.run_forward(true);
        let outcome = self.run_loss(label, true);
        if outcome.loss.is_finite() {
            self.run_backward();
        }
        Ok(outcome)
    }

    /// How many samples' gradients are pending.
    pub fn pending_samples(&self) -> usize {
        self.ws.pending
    }

    /// The pending gradient sums, one [`LayerParams`](super::LayerParams) per convolution or dense layer (after a
    /// single sample: that sample's gradient).
    pub fn gradients(&self) -> Vec<super::LayerParams> {
        self.plan
            .layers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.has_params())
            .map(|(i, _)| super::LayerParams { weights: self.ws.dw[i].clone(), bias: self.ws.db[i].clone() })
            .collect()
    }

    /// Drops the pending gradients.
    pub fn zero_gradients(&mut self) {
        self.ws.dw.iter_mut().chain(self.ws.db.iter_mut()).for_each(|g| g.fill(0.0));
        self.ws.pending = 0;
    }

    /// The values at layer `layer` (0 = input) left by the last pass, or `None` past the end.
    pub fn output(&self, layer: usize) -> Option<&[f32]> {
        self.ws.acts.get(layer).map(Vec::as_slice)
    }

    /// dL/d(output of layer `layer`, counting from 1) left by the last
    /// [`Model::accumulate_gradients`]: the gradient arriving at that layer from above (for the
    /// backprop-in-numbers view). `None` for 0 or past the end.
    pub fn upstream_gradient(&self, layer: usize) -> Option<&[f32]> {
        (layer > 0).then(|| self.ws.grads.get(layer).map(Vec::as_slice)).flatten()
    }

    /// Runs `input` through the model and returns the values at every layer, input first:
    /// the feature maps of one chosen sample, for display.
    pub fn feature_maps(&mut self, input: &Tensor) -> Result<Vec<FeatureMap>> {
        self.load_input(input)?;
        self.run_forward(false);
        let mut out = vec![FeatureMap { layer: 0, name: "input".into(), value: LayerValue::Map(input.clone()) }];
        for (l, values) in self.plan.layers.iter().zip(&self.ws.acts[1..]) {
            let value = match l.output {
                Flow::Map(shape) => LayerValue::Map(Tensor::new(shape, values.clone())?),
                Flow::Vector(_) => LayerValue::Vector(values.clone()),
            };
            out.push(FeatureMap { layer: l.index, name: l.name.clone(), value });
        }
        Ok(out)
    }
}
