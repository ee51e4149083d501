//! One step of backpropagation in numbers: one sample, one weight of the first convolution,
//! traced by the core from forward pass to weight update.

use crate::cnn::model::Flow;
use crate::cnn::{weight_gradient_trace, Conv2dParams, Dataset, LayerConfig, LossKind, Model, Padding, Prediction, Sgd, Tensor, WeightGradTrace};

/// One step of backpropagation for one sample and one weight of the first convolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Backprop {
    pub sample: usize,
    pub label: usize,
    pub prediction: Prediction,
    pub loss: f32,
    pub loss_kind: LossKind,
    pub trace: WeightGradTrace,
    /// The core's dL/dw at this weight (equals `trace.sum`).
    pub core_gradient: f32,
    pub old: f32,
    pub new: f32,
    pub lr: f32,
    pub out_w: usize,
}

/// Runs one sample forward and backward on a copy of `model` and traces one weight of the
/// first convolution: its gradient as the correlation of the layer's input with the gradient
/// from above, and its plain-SGD update.
pub fn backprop(model: &Model, data: &Dataset, sample: usize, lr: f32, weight: (usize, usize, usize)) -> Result<Backprop, String> {
    let s = data.get(sample).ok_or("no such sample")?;
    let mut m = model.clone();
    m.zero_gradients();
    let prediction = m.predict(&s.image).map_err(|e| e.to_string())?;
    let outcome = m.accumulate_gradients(&s.image, s.label).map_err(|e| e.to_string())?;
    let l = m.plan().layers.first().ok_or("empty model")?.clone();
    let (LayerConfig::Conv { filters, kernel, padding, stride }, Flow::Map(ins), Flow::Map(outs)) = (l.config, l.input, l.output)
    else {
        return Err("the first layer is not a convolution".into());
    };
    let (f, ky, kx) = (weight.0.min(filters - 1), weight.1.min(kernel - 1), weight.2.min(kernel - 1));
    let input = Tensor::new(ins, m.output(0).unwrap_or_default().to_vec()).map_err(|e| e.to_string())?;
    let up = Tensor::new(outs, m.upstream_gradient(1).unwrap_or_default().to_vec()).map_err(|e| e.to_string())?;
    let params = Conv2dParams::from_dims(ins, filters, ins.c, kernel, kernel, Padding::uniform(padding), stride, false)
        .map_err(|e| e.to_string())?;
    let trace = weight_gradient_trace(&input, &params, &up, f, 0, ky, kx).map_err(|e| e.to_string())?;
    let idx = (f * ins.c * kernel + ky) * kernel + kx;
    let old = m.params()[0].weights[idx];
    let core_gradient = m.gradients()[0].weights[idx];
    let mut sgd = Sgd::new(lr, 0.0).map_err(|e| e.to_string())?;
    sgd.step(&mut m);
    let new = m.params()[0].weights[idx];
    Ok(Backprop {
        sample,
        label: s.label,
        prediction,
        loss: outcome.loss,
        loss_kind: m.spec().loss,
        trace,
        core_gradient,
        old,
        new,
        lr,
        out_w: outs.w,
    })
}
