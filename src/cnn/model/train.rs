//! Training: the SGD optimiser, and the settings and records of a [`Trainer`](super::Trainer),
//! which runs epochs in slices of any size so a UI can train a few samples per animation frame.
//!
//! Each epoch visits the training set in the order of the next permutation of an
//! [`EpochShuffler`](super::super::EpochShuffler); gradients are summed over `batch_size`
//! samples (the last batch of an epoch may be smaller) and the optimiser steps with their mean.
//! After every sample the loss is checked, after every update the weights: NaN or ∞ (or a
//! weight beyond ±[`EXPLODING_WEIGHT`]) stops training with [`TrainStatus::Diverged`] and
//! [`CnnError::Diverged`], which explains that the learning rate is too high. Nothing here
//! panics on any input.
//!
//! Why a bound on the weights as well: the loss is computed stably from the logits, so a ReLU
//! network whose learning rate is far too high does not always reach NaN. With η = 100 the
//! reference network's second update throws its weights to about 7·10⁵, every ReLU dies, and
//! the loss stays at a finite ~100 nats for ever. Initial weights are below 1 and a healthy run
//! keeps them within a few units, so a weight beyond 10⁴ is as sure a sign of explosion as NaN.

use super::super::data::SHUFFLE_SEED;
use super::super::error::{CnnError, Result};
use super::eval::Evaluation;
use super::Model;
use serde::{Deserialize, Serialize};

/// A weight larger than this in magnitude means training exploded (see the module docs).
pub const EXPLODING_WEIGHT: f32 = 1.0e4;

/// The largest batch size and number of epochs a [`TrainConfig`] accepts.
const MAX_BATCH: usize = 100_000;
const MAX_EPOCHS: usize = 100_000;

/// The L2 norms of one layer's mean gradient at the last optimiser step (for the
/// vanishing-gradient plot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradNorm {
    /// The layer's position, counting from 1.
    pub layer: usize,
    /// The layer's name.
    pub name: String,
    /// ‖∂L/∂W‖₂.
    pub weights: f32,
    /// ‖∂L/∂b‖₂.
    pub bias: f32,
}

fn check_learning_rate(value: f32) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(CnnError::Hyperparameter { what: "learning rate", rule: "a finite number greater than 0", value })
    }
}

fn check_momentum(value: f32) -> Result<()> {
    if (0.0..1.0).contains(&value) {
        Ok(())
    } else {
        Err(CnnError::Hyperparameter { what: "momentum", rule: "at least 0 and below 1", value })
    }
}

/// Stochastic gradient descent: w ← w − η·g with g the mean gradient of the pending samples;
/// with momentum μ > 0, v ← μ·v + g and w ← w − η·v.
#[derive(Debug, Clone, PartialEq)]
pub struct Sgd {
    learning_rate: f32,
    momentum: f32,
    /// Per layer, the velocity of the weights then of the biases (allocated at the first step).
    velocity: Vec<(Vec<f32>, Vec<f32>)>,
}

impl Sgd {
    /// An optimiser; the learning rate must be finite and positive, the momentum in [0, 1).
    pub fn new(learning_rate: f32, momentum: f32) -> Result<Self> {
        check_learning_rate(learning_rate)?;
        check_momentum(momentum)?;
        Ok(Sgd { learning_rate, momentum, velocity: Vec::new() })
    }

    /// η.
    pub fn learning_rate(&self) -> f32 {
        self.learning_rate
    }

    /// Changes η (checked like [`Sgd::new`]).
    pub fn set_learning_rate(&mut self, learning_rate: f32) -> Result<()> {
        check_learning_rate(learning_rate)?;
        self.learning_rate = learning_rate;
        Ok(())
    }

    /// μ.
    pub fn momentum(&self) -> f32 {
        self.momentum
    }

    /// Updates `model` with the mean of its pending gradients, records the gradient norms
    /// ([`Model::gradient_norms`]) and clears the pending gradients. Returns how many samples
    /// were averaged (0: nothing was pending, nothing changed).
    pub fn step(&mut self, model: &mut Model) -> usize {
        let n = model.ws.pending;
        if n == 0 {
            return 0;
        }
        let shapes_match = self.velocity.len() == model.layers.len()
            && self
                .velocity
                .iter()
                .zip(model.ws.dw.iter().zip(&model.ws.db))
                .all(|(v, (w, b))| v.0.len() == w.len() && v.1.len() == b.len());
        if self.momentum > 0.0 && !shapes_match {
            self.velocity =
                model.ws.dw.iter().zip(&model.ws.db).map(|(w, b)| (vec![0.0; w.len()], vec![0.0; b.len()])).collect();
        }
        let (lr, mu, count) = (self.learning_rate, self.momentum, n as f32);
        let mut norms = model.ws.norms.iter_mut();
        for (i, layer) in model.layers.iter_mut().enumerate() {
            let Some((w, b)) = layer.params_mut() else { continue };
            let vel = self.velocity.get_mut(i).filter(|_| mu > 0.0);
            let (vw, vb) = match vel {
                Some((vw, vb)) => (Some(&mut vw[..]), Some(&mut vb[..])),
                None => (None, None),
            };
            let nw = update(w, &model.ws.dw[i], vw, lr, mu, count);
            let nb = update(b, &model.ws.db[i], vb, lr, mu, count);
            if let Some(norm) = norms.next() {
                norm.weights = nw.sqrt() as f32;
                norm.bias = nb.sqrt() as f32;
            }
        }
        model.zero_gradients();
        n
    }
}

/// Applies one update to `w` from the summed gradient `g` of `count` samples; returns the
/// squared L2 norm of the mean gradient.
fn update(w: &mut [f32], g: &[f32], velocity: Option<&mut [f32]>, lr: f32, mu: f32, count: f32) -> f64 {
    let mut sq = 0.0f64;
    match velocity {
        Some(v) => {
            for ((w, &g), v) in w.iter_mut().zip(g).zip(v) {
                let mean = g / count;
                sq += f64::from(mean) * f64::from(mean);
                *v = mu * *v + mean;
                *w -= lr * *v;
            }
        }
        None => {
            for (w, &g) in w.iter_mut().zip(g) {
                let mean = g / count;
                sq += f64::from(mean) * f64::from(mean);
                *w -= lr * mean;
            }
        }
    }
    sq
}

impl Model {
    /// The gradient norms of every convolution and dense layer at the last optimiser step
    /// (zeros before the first).
    pub fn gradient_norms(&self) -> &[GradNorm] {
        &self.ws.norms
    }
}

/// Settings of a training run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// η, finite and > 0.
    pub learning_rate: f32,
    /// μ in [0, 1); 0 is plain SGD.
    pub momentum: f32,
    /// Samples per update, ≥ 1.
    pub batch_size: usize,
    /// Passes over the training set, ≥ 1.
    pub epochs: usize,
    /// Seed of the epoch permutations.
    pub shuffle_seed: u32,
    /// Evaluate on the test set after every epoch.
    pub evaluate_each_epoch: bool,
}

impl TrainConfig {
    /// The reference workload's settings: η = 0.01, no momentum, batch 1, 3 epochs, seed 43.
    pub fn reference() -> Self {
        TrainConfig {
            learning_rate: 0.01,
            momentum: 0.0,
            batch_size: 1,
            epochs: 3,
            shuffle_seed: SHUFFLE_SEED,
            evaluate_each_epoch: true,
        }
    }

    /// Checks every setting, naming the one at fault.
    pub fn check(&self) -> Result<()> {
        check_learning_rate(self.learning_rate)?;
        check_momentum(self.momentum)?;
        super::super::tensor::check_range("batch size", self.batch_size, 1, MAX_BATCH)?;
        super::super::tensor::check_range("epochs", self.epochs, 1, MAX_EPOCHS)
    }
}

/// Where and how training blew up: a loss that became NaN or ∞, or a weight that became NaN,
/// ∞ or larger than [`EXPLODING_WEIGHT`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    /// Epoch, counting from 1.
    pub epoch: usize,
    /// Sample of the whole run, counting from 1.
    pub sample: usize,
    /// "loss" or "weights of layer i".
    pub what: String,
    /// The offending value (NaN, ±∞, or a weight beyond ±[`EXPLODING_WEIGHT`]).
    pub value: f32,
    /// The learning rate in use.
    pub learning_rate: f32,
}

impl Divergence {
    /// The error that explains it.
    pub fn error(&self) -> CnnError {
        let Divergence { epoch, sample, ref what, value, learning_rate } = *self;
        CnnError::Diverged { epoch, sample, what: what.clone(), value, learning_rate }
    }
}

/// Where a training run stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TrainStatus {
    /// Nothing trained yet.
    Ready,
    /// Some samples trained, epochs remain.
    Training,
    /// All epochs done.
    Finished,
    /// Stopped on NaN/∞; further training is refused.
    Diverged(Divergence),
}

/// One trained sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    /// Sample of the whole run, counting from 1.
    pub step: usize,
    /// Epoch, counting from 1.
    pub epoch: usize,
    /// Index of the sample in the training set.
    pub index: usize,
    /// Its loss before the update (may be NaN or ∞ for the sample that diverged).
    pub loss: f32,
    /// Whether it was classified correctly before the update.
    pub correct: bool,
}

/// One finished epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// Epoch, counting from 1.
    pub epoch: usize,
    /// Mean training loss of its samples (each measured before its update).
    pub train_loss: f32,
    /// Fraction of its samples classified correctly (before their update).
    pub train_accuracy: f32,
    /// Test evaluation after the epoch, if enabled and there is a test set.
    pub test: Option<Evaluation>,
}

/// What one call of [`Trainer::train_samples`](super::Trainer::train_samples) did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SliceReport {
    /// Samples trained.
    pub trained: usize,
    /// Optimiser steps taken.
    pub updates: usize,
    /// Epochs that ended during the slice.
    pub epochs_finished: usize,
    /// The status afterwards.
    pub status: TrainStatus,
}
