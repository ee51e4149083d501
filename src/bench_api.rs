//! The benchmark's handle on the core (`make bench`, see README "Performance"): the reference
//! workload run by the very [`Trainer`] the training lab uses, driven from JavaScript so that
//! ConvLab and the other libraries are timed by the same code in the same browser.
//!
//! It lives in the binary, not the library, because only the binary's exports reach the page
//! (as `window.wasmBindings.BenchSession`).

use convlab::cnn::data::reference_data;
use convlab::cnn::{Dataset, Model, TrainConfig, Trainer};
use wasm_bindgen::prelude::*;

/// A reference training run and its test set.
#[wasm_bindgen]
pub struct BenchSession {
    trainer: Trainer,
    test: Dataset,
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// The reference run, without the per-epoch test evaluation (the peers do none either).
fn reference_trainer() -> Result<(Trainer, Dataset), JsError> {
    let data = reference_data().map_err(js_error)?;
    let config = TrainConfig { evaluate_each_epoch: false, ..TrainConfig::reference() };
    let test = data.test.clone();
    let trainer = Trainer::new(Model::reference().map_err(js_error)?, data.train, data.test, config).map_err(js_error)?;
    Ok((trainer, test))
}

#[wasm_bindgen]
impl BenchSession {
    /// The reference model at its published initial weights, and the reference data.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<BenchSession, JsError> {
        let (trainer, test) = reference_trainer()?;
        Ok(BenchSession { trainer, test })
    }

    /// Trains `samples` samples on a throw-away copy, to warm the engine up.
    pub fn warm_up(&self, samples: usize) -> Result<usize, JsError> {
        let (mut scratch, _) = reference_trainer()?;
        Ok(scratch.train_samples(samples).map_err(js_error)?.trained)
    }

    /// Trains up to `samples` more samples of the reference run; returns how many it trained.
    pub fn train(&mut self, samples: usize) -> Result<usize, JsError> {
        Ok(self.trainer.train_samples(samples).map_err(js_error)?.trained)
    }

    /// The predicted class of test image `index` (one forward pass, no allocation).
    pub fn infer(&mut self, index: usize) -> Result<usize, JsError> {
        let sample = self.test.samples().get(index).ok_or_else(|| js_error(format!("no test image {index}")))?;
        self.trainer.model_mut().classify(&sample.image).map_err(js_error)
    }

    /// Test accuracy of the model as trained so far.
    pub fn test_accuracy(&mut self) -> Result<f32, JsError> {
        Ok(self.trainer.evaluate_test().map_err(js_error)?.accuracy)
    }

    /// Mean test cross-entropy (nats) of the model as trained so far.
    pub fn test_loss(&mut self) -> Result<f32, JsError> {
        Ok(self.trainer.evaluate_test().map_err(js_error)?.mean_loss)
    }
}
