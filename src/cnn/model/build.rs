//! Building a model with seeded initial weights, and the reference workload's model.
//!
//! Initialisation draws every kernel from **one** [`Mulberry32`] stream of the seed, layer by
//! layer, each in the published Keras layout (convolution `[kh][kw][c_in][c_out]`, dense
//! `[n_in][n_out]`), then converts it to the core layout; biases start at 0. This is exactly how
//! the reference workload's weights are drawn, so Glorot with seed 44 on
//! [`ModelSpec::reference`] reproduces [`ReferenceWeights::reference`].

use super::super::error::Result;
use super::super::init::{
    conv_fans, dense_in_out_to_out_in, filters_from_hwio, glorot_uniform_from, he_uniform_from, ReferenceWeights,
    WEIGHT_SEED,
};
use super::super::rng::Mulberry32;
use super::layer::LayerParams;
use super::spec::{ModelSpec, Resolved};
use super::Model;
use serde::{Deserialize, Serialize};

/// How the initial weights are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Init {
    /// Glorot (Xavier) uniform, limit √(6 / (fan_in + fan_out)), suited to tanh and sigmoid.
    Glorot {
        /// Seed of the stream.
        seed: u32,
    },
    /// He (Kaiming) uniform, limit √(6 / fan_in), suited to ReLU.
    He {
        /// Seed of the stream.
        seed: u32,
    },
}

impl Init {
    /// The reference workload's initialisation: Glorot uniform, seed 44.
    pub const REFERENCE: Init = Init::Glorot { seed: WEIGHT_SEED };

    fn seed(self) -> u32 {
        match self {
            Init::Glorot { seed } | Init::He { seed } => seed,
        }
    }

    fn draw(self, rng: &mut Mulberry32, count: usize, fan_in: usize, fan_out: usize) -> Result<Vec<f32>> {
        match self {
            Init::Glorot { .. } => glorot_uniform_from(rng, count, fan_in, fan_out),
            Init::He { .. } => he_uniform_from(rng, count, fan_in),
        }
    }
}

impl ModelSpec {
    /// Plans the spec (refusing an impossible one, see [`ModelSpec::plan`]) and builds a model
    /// whose kernels are drawn by `init` and whose biases are 0.
    pub fn build(&self, init: Init) -> Result<Model> {
        let plan = self.plan()?;
        let mut rng = Mulberry32::new(init.seed());
        let mut params = Vec::new();
        for l in &plan.layers {
            match l.resolved {
                Resolved::Conv(p) => {
                    let (c_in, c_out) = (p.input.c, p.filters);
                    let (fan_in, fan_out) = conv_fans(p.kh, p.kw, c_in, c_out)?;
                    let hwio = init.draw(&mut rng, l.weights, fan_in, fan_out)?;
                    let filters = filters_from_hwio(&hwio, p.kh, p.kw, c_in, c_out)?;
                    params.push(LayerParams { weights: filters.data().to_vec(), bias: vec![0.0; l.biases] });
                }
                Resolved::Dense { inputs, units } => {
                    let in_out = init.draw(&mut rng, l.weights, inputs, units)?;
                    let weights = dense_in_out_to_out_in(&in_out, inputs, units)?;
                    params.push(LayerParams { weights, bias: vec![0.0; l.biases] });
                }
                _ => {}
            }
        }
        Model::from_params(self, params)
    }
}

impl Model {
    /// The reference workload's network ([`ModelSpec::reference`]) with its published initial
    /// weights ([`ReferenceWeights::reference`], converted to the core layouts; the flatten is
    /// in (y, x, channel) order, so the dense kernel is a plain transpose of `[256][5]`).
    pub fn reference() -> Result<Model> {
        let w = ReferenceWeights::reference();
        let params = vec![
            LayerParams { weights: w.conv1_filters()?.data().to_vec(), bias: vec![0.0; 8] },
            LayerParams { weights: w.conv2_filters()?.data().to_vec(), bias: vec![0.0; 16] },
            LayerParams { weights: w.dense_out_in()?, bias: vec![0.0; 5] },
        ];
        Model::from_params(&ModelSpec::reference(), params)
    }
}
