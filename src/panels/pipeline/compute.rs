//! The pipeline's arithmetic, from the last valid texts: the core run stage by stage (each with
//! its trace): conv2d → ReLU → max pooling → flatten → dense → softmax → cross-entropy.

use super::presets::{self, K};
use crate::cnn::{
    activate, conv2d, cross_entropy, dense, flatten, one_hot, pool2d, softmax, Activation, ActivationTrace, Conv2dParams,
    ConvTrace, CrossEntropyTrace, Dense, DenseTrace, Filters, FlattenTrace, LogBase, PaddingSpec, PoolKind, PoolParams,
    PoolTrace, SoftmaxTrace, Tensor,
};

/// The stages of the network, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Input,
    Conv,
    Relu,
    Pool,
    Flatten,
    Dense,
    Softmax,
    Loss,
}

pub const STAGES: [Stage; 8] =
    [Stage::Input, Stage::Conv, Stage::Relu, Stage::Pool, Stage::Flatten, Stage::Dense, Stage::Softmax, Stage::Loss];

impl Stage {
    /// The name used in links (`stage=pool`) and test ids.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Input => "input",
            Stage::Conv => "conv",
            Stage::Relu => "relu",
            Stage::Pool => "pool",
            Stage::Flatten => "flatten",
            Stage::Dense => "dense",
            Stage::Softmax => "softmax",
            Stage::Loss => "loss",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Stage::Input => "Input image",
            Stage::Conv => "Convolution",
            Stage::Relu => "ReLU",
            Stage::Pool => "Max pooling 2×2",
            Stage::Flatten => "Flatten",
            Stage::Dense => "Fully connected",
            Stage::Softmax => "Softmax",
            Stage::Loss => "Cross-entropy loss",
        }
    }

    pub fn index(self) -> usize {
        STAGES.iter().position(|&s| s == self).unwrap_or(0)
    }

    pub fn at(i: usize) -> Stage {
        STAGES[i.min(STAGES.len() - 1)]
    }

    /// A stage from a link: its name or its index (0–7).
    pub fn parse(s: &str) -> Result<Stage, String> {
        if let Some(st) = STAGES.iter().find(|st| st.key() == s) {
            return Ok(*st);
        }
        match s.parse::<usize>() {
            Ok(i) if i < STAGES.len() => Ok(STAGES[i]),
            _ => Err(format!(
                "“{}” is not a stage; use {} (or 0–{})",
                s.chars().take(24).collect::<String>(),
                STAGES.iter().map(|s| s.key()).collect::<Vec<_>>().join(", "),
                STAGES.len() - 1
            )),
        }
    }
}

/// Everything the core computed from one valid setting.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub input: Tensor,
    pub filters: Filters,
    pub conv_params: Conv2dParams,
    pub conv: Tensor,
    pub conv_trace: ConvTrace,
    pub relu: Tensor,
    pub relu_trace: ActivationTrace,
    pub pool_params: PoolParams,
    pub pool: Tensor,
    pub pool_trace: PoolTrace,
    pub flat: Vec<f32>,
    pub flat_trace: FlattenTrace,
    pub layer: Dense,
    pub logits: Vec<f32>,
    pub dense_trace: DenseTrace,
    pub probs: Vec<f32>,
    pub softmax_trace: SoftmaxTrace,
    pub label: usize,
    pub target: Vec<f32>,
    pub loss: f32,
    pub ce_trace: CrossEntropyTrace,
}

impl Computed {
    /// The output of a stage, in the core's data order (channel, row, column for tensors).
    pub fn values(&self, s: Stage) -> &[f32] {
        match s {
            Stage::Input => self.input.data(),
            Stage::Conv => self.conv.data(),
            Stage::Relu => self.relu.data(),
            Stage::Pool => self.pool.data(),
            Stage::Flatten => &self.flat,
            Stage::Dense => &self.logits,
            Stage::Softmax => &self.probs,
            Stage::Loss => &self.target,
        }
    }

    /// The shape of a stage's output as (height, width, channels); vectors are n × 1 × 1.
    pub fn shape(&self, s: Stage) -> (usize, usize, usize) {
        let t = |t: &Tensor| (t.shape().h, t.shape().w, t.shape().c);
        match s {
            Stage::Input => t(&self.input),
            Stage::Conv => t(&self.conv),
            Stage::Relu => t(&self.relu),
            Stage::Pool => t(&self.pool),
            Stage::Flatten => (self.flat.len(), 1, 1),
            Stage::Dense => (self.logits.len(), 1, 1),
            Stage::Softmax => (self.probs.len(), 1, 1),
            Stage::Loss => (1, 1, 1),
        }
    }

    /// The shape as written on screen and in `data-value`: `6x6x1`, `8` (a vector), `1` (a
    /// scalar).
    pub fn shape_key(&self, s: Stage) -> String {
        match s {
            Stage::Flatten | Stage::Dense | Stage::Softmax => self.shape(s).0.to_string(),
            Stage::Loss => "1".into(),
            _ => {
                let (h, w, c) = self.shape(s);
                format!("{h}x{w}x{c}")
            }
        }
    }

    /// The cell a stage's detail shows when none was chosen: the largest value (the strongest
    /// response, the top class); for the loss, the true class.
    pub fn default_cell(&self, s: Stage) -> usize {
        if s == Stage::Loss {
            return self.label;
        }
        let v = self.values(s);
        v.iter().enumerate().fold(0, |best, (i, &x)| if x > v[best] { i } else { best })
    }
}

/// Runs the whole network on a setting. Shapes are fixed (6×6 input, two 3×3 filters, 3
/// classes), so the only failures are values the core refuses (say, logits that overflow).
pub fn compute(image: &[Vec<f32>], kernels: &[Vec<Vec<f32>>], weights: &[Vec<f32>], bias: &[f32], label: usize) -> Result<Computed, String> {
    let e = |e: crate::cnn::CnnError| e.to_string();
    let input = Tensor::from_rows(image).map_err(e)?;
    let data: Vec<f32> = kernels.iter().flat_map(|k| k.iter().flatten().copied()).collect();
    let filters = Filters::new(kernels.len(), 1, K, K, data).map_err(e)?;
    let conv_params = Conv2dParams::new(input.shape(), &filters, PaddingSpec::Valid.resolve(K, K), 1, false).map_err(e)?;
    let mut conv_trace = ConvTrace::default();
    let conv = conv2d(&input, &filters, &vec![0.0; filters.count], &conv_params, Some(&mut conv_trace)).map_err(e)?;
    let mut relu_trace = ActivationTrace::new(Activation::Relu);
    let relu = activate(&conv, Activation::Relu, Some(&mut relu_trace)).map_err(e)?;
    let pool_params = PoolParams::new(relu.shape(), PoolKind::Max, 2, 2, 2).map_err(e)?;
    let mut pool_trace = PoolTrace::default();
    let pool = pool2d(&relu, &pool_params, Some(&mut pool_trace)).map_err(e)?;
    let mut flat_trace = FlattenTrace::default();
    let flat = flatten(&pool, Some(&mut flat_trace)).map_err(e)?;
    let w: Vec<f32> = weights.iter().flatten().copied().collect();
    let layer = Dense::new(flat.len(), weights.len(), w, bias.to_vec()).map_err(e)?;
    let mut dense_trace = DenseTrace::default();
    let logits = dense(&layer, &flat, Some(&mut dense_trace)).map_err(e)?;
    let mut softmax_trace = SoftmaxTrace::default();
    let probs = softmax(&logits, Some(&mut softmax_trace)).map_err(|err| match err {
        crate::cnn::CnnError::NotFinite { .. } => format!(
            "{err}: the numbers grew too large for 32-bit floats (the largest is about 3.4 × 10³⁸) on their way \
             through the network, so softmax has nothing to work with; smaller pixels or weights keep them finite"
        ),
        other => other.to_string(),
    })?;
    let target = one_hot(label, probs.len()).map_err(e)?;
    let mut ce_trace = CrossEntropyTrace::new(LogBase::Two);
    let loss = cross_entropy(&target, &probs, LogBase::Two, Some(&mut ce_trace)).map_err(e)?;
    Ok(Computed {
        input, filters, conv_params, conv, conv_trace, relu, relu_trace, pool_params, pool, pool_trace, flat, flat_trace,
        layer, logits, dense_trace, probs, softmax_trace, label, target, loss, ce_trace,
    })
}

/// Why the loss is ∞, when it is: softmax gave the true class a probability that rounds to 0
/// in 32-bit numbers (the scores are far apart), and −log 0 is ∞.
pub fn infinite_loss_note(g: &Computed) -> Option<String> {
    g.loss.is_infinite().then(|| {
        format!(
            "The loss is infinite (∞): the scores are so far apart that softmax gave the true class “{}” a probability \
             of exactly 0 in 32-bit numbers, and −log 0 is ∞. Cross-entropy punishes a confident mistake without bound.",
            presets::NAMES.get(g.label).copied().unwrap_or("?")
        )
    })
}
