//! The training lab's examples from the lecture: the homework's reference network, and the
//! vanishing and exploding gradients.

use super::config::Config;

/// An example from the lecture.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub config: fn() -> Config,
}

fn vanishing() -> Config {
    // Eight sigmoid convolutions: σ' ≤ 1/4, so the gradient shrinks on its way down.
    Config { filters: 4, activation: crate::cnn::Activation::Sigmoid, lr: 0.1, epochs: 2, depth: 8, ..Config::reference() }
}

fn exploding() -> Config {
    // η = 100: the core's docs show the reference network's weights reach ~7·10⁵ at the
    // second update.
    Config { lr: 100.0, ..Config::reference() }
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "reference",
        title: "Homework reference network",
        note: "conv 3×3×8 → ReLU → max pool → conv 3×3×16 → ReLU → max pool → dense 5, η = 0.01, batch 1, 3 epochs (the reference workload).",
        config: Config::reference,
    },
    Preset {
        id: "vanishing",
        title: "Vanishing gradients: 8 sigmoid layers",
        note: "Eight convolutions, each followed by a sigmoid. The sigmoid's slope is at most 1/4, so the gradient shrinks layer by layer on its way back: watch the early layers' bars in the gradient-norm chart.",
        config: vanishing,
    },
    Preset {
        id: "exploding",
        title: "Exploding: learning rate 100",
        note: "The reference network with η = 100. The first updates throw the weights far away and training diverges; the lab stops it by itself.",
        config: exploding,
    },
];

pub fn find_preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
