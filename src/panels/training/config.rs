//! The training lab's configuration: the network and its training settings as plain data, the
//! menus' choices and limits, and the link words for pooling, activation and loss.

use crate::cnn::{Activation, LayerConfig, LossKind, ModelPlan, ModelSpec, PoolKind, PoolSpec, Shape, TrainConfig, CLASS_NAMES};

/// Side of the images (and of the drawing pad).
pub const SIDE: usize = 16;
/// The shuffling seed of the reference workload (kept fixed: `seed` is the weights' seed).
pub const SHUFFLE_SEED: u32 = 43;

/// Pooling after the first two convolutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolChoice {
    Max,
    Avg,
    None,
}

impl PoolChoice {
    pub fn key(self) -> &'static str {
        match self {
            PoolChoice::Max => "max",
            PoolChoice::Avg => "avg",
            PoolChoice::None => "none",
        }
    }
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "max" => Ok(PoolChoice::Max),
            "avg" | "average" => Ok(PoolChoice::Avg),
            "none" => Ok(PoolChoice::None),
            _ => Err(format!("“{}” is not max, avg or none", short(s))),
        }
    }
}

pub fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

pub fn activation_key(a: Activation) -> &'static str {
    match a {
        Activation::Relu => "relu",
        Activation::Sigmoid => "sigmoid",
        Activation::Tanh => "tanh",
    }
}

pub fn parse_activation(s: &str) -> Result<Activation, String> {
    match s {
        "relu" => Ok(Activation::Relu),
        "sigmoid" => Ok(Activation::Sigmoid),
        "tanh" => Ok(Activation::Tanh),
        _ => Err(format!("“{}” is not relu, sigmoid or tanh", short(s))),
    }
}

pub fn loss_key(l: LossKind) -> &'static str {
    match l {
        LossKind::CrossEntropy => "ce",
        LossKind::Mse => "mse",
    }
}

pub fn parse_loss(s: &str) -> Result<LossKind, String> {
    match s {
        "ce" | "cross-entropy" => Ok(LossKind::CrossEntropy),
        "mse" => Ok(LossKind::Mse),
        _ => Err(format!("“{}” is not ce or mse", short(s))),
    }
}

/// A network and its training settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Filters of the first convolution (the later ones have twice as many).
    pub filters: usize,
    /// Kernel side of every convolution (padding 1, stride 1 as in the reference).
    pub kernel: usize,
    pub pool: PoolChoice,
    pub activation: Activation,
    pub lr: f32,
    pub batch: usize,
    pub epochs: usize,
    pub momentum: f32,
    pub loss: LossKind,
    /// Seed of the Glorot initial weights (44 is the reference's).
    pub seed: u32,
    /// Number of convolution blocks (2; the vanishing-gradient preset stacks more).
    pub depth: usize,
}

impl Config {
    /// The reference workload (`bench-workload.md`).
    pub fn reference() -> Self {
        Config {
            filters: 8,
            kernel: 3,
            pool: PoolChoice::Max,
            activation: Activation::Relu,
            lr: 0.01,
            batch: 1,
            epochs: 3,
            momentum: 0.0,
            loss: LossKind::CrossEntropy,
            seed: 44,
            depth: 2,
        }
    }

    /// The architecture: `depth` × (conv k×k pad 1 → activation [→ pool after the first two])
    /// → flatten → dense 5.
    pub fn spec(&self) -> ModelSpec {
        let mut layers = Vec::new();
        for i in 0..self.depth {
            let filters = if i == 0 { self.filters } else { self.filters * 2 };
            layers.push(LayerConfig::Conv { filters, kernel: self.kernel, padding: 1, stride: 1 });
            layers.push(LayerConfig::Activation(self.activation));
            if i < 2 {
                let kind = match self.pool {
                    PoolChoice::Max => Some(PoolKind::Max),
                    PoolChoice::Avg => Some(PoolKind::Average),
                    PoolChoice::None => None,
                };
                if let Some(kind) = kind {
                    layers.push(LayerConfig::Pool(PoolSpec { kind, window: 2, stride: 2 }));
                }
            }
        }
        layers.push(LayerConfig::Flatten);
        layers.push(LayerConfig::Dense { units: CLASS_NAMES.len() });
        ModelSpec { input: Shape::new(1, SIDE, SIDE), layers, classes: CLASS_NAMES.len(), loss: self.loss }
    }

    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            learning_rate: self.lr,
            momentum: self.momentum,
            batch_size: self.batch,
            epochs: self.epochs,
            shuffle_seed: SHUFFLE_SEED,
            evaluate_each_epoch: true,
        }
    }

    /// Every layer's shapes, or why the configuration cannot be built.
    pub fn plan(&self) -> Result<ModelPlan, String> {
        self.spec().plan().map_err(|e| e.to_string())
    }
}

/// Values offered in the menus (a link may give others; they are added to the menu).
pub const LR_CHOICES: &[f32] = &[0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0];
pub const MOMENTUM_CHOICES: &[f32] = &[0.0, 0.5, 0.9, 0.99];
pub const BATCH_CHOICES: &[usize] = &[1, 2, 4, 8, 16, 32, 64, 100];
pub const KERNEL_CHOICES: &[usize] = &[1, 3, 5, 7, 9, 11];
pub const MAX_FILTERS: usize = 16;
pub const MAX_EPOCHS: usize = 50;
pub const MAX_BATCH: usize = 500;
pub const MAX_LR: f32 = 1000.0;
