//! The [`Trainer`]: a model, its optimiser, the data and the run's history, advanced one
//! sample, a few samples or a whole run at a time.

use super::super::data::{reference_data, Dataset, EpochShuffler};
use super::super::error::{CnnError, Result};
use super::eval::{evaluate, EvalProgress, Evaluation};
use super::train::{
    Divergence, EpochRecord, GradNorm, Sgd, SliceReport, StepRecord, TrainConfig, TrainStatus, EXPLODING_WEIGHT,
};
use super::Model;

/// A training run in progress. Build it with [`Trainer::new`] (or [`Trainer::reference`]),
/// then call [`Trainer::train_samples`] as often as convenient: the run is the same whatever
/// the slice sizes, bit for bit.
///
/// The test evaluation at the end of each epoch is a hundred forward passes or more: too much
/// for one animation frame. With [`Trainer::defer_evaluation`] it is not run inside
/// `train_samples`: a slice stops at the end of such an epoch, and the evaluation is done by
/// [`Trainer::evaluate_pending`], a few samples per call, before training goes on. Nothing
/// changes the weights in between, so the records are the same bit for bit.
#[derive(Debug, Clone)]
pub struct Trainer {
    model: Model,
    sgd: Sgd,
    config: TrainConfig,
    train: Dataset,
    test: Dataset,
    shuffler: EpochShuffler,
    /// The current epoch's visiting order.
    order: Vec<usize>,
    /// Epochs finished.
    epoch: usize,
    /// Samples done in the current epoch.
    pos: usize,
    status: TrainStatus,
    steps: Vec<StepRecord>,
    epochs: Vec<EpochRecord>,
    epoch_loss: f64,
    epoch_correct: usize,
    /// End-of-epoch evaluations are left to `evaluate_pending`.
    deferred: bool,
    /// The evaluation of the epoch just finished, when deferred and not yet complete.
    pending: Option<EvalProgress>,
}

/// Refuses samples the model cannot read, so that training itself cannot fail on them.
fn check_data(model: &Model, data: &Dataset, what: &'static str) -> Result<()> {
    let spec = model.spec();
    for s in data.samples() {
        if s.image.shape() != spec.input {
            return Err(CnnError::ShapeMismatch {
                op: what,
                expected: format!("images of shape {}, the model's input", spec.input),
                got: format!("an image of shape {}", s.image.shape()),
            });
        }
        if s.label >= spec.classes {
            return Err(CnnError::OutOfRange { what: "label", value: s.label, min: 0, max: spec.classes - 1 });
        }
    }
    Ok(())
}

impl Trainer {
    /// A run of `model` on `train` (not empty), evaluated on `test` (may be empty) after each
    /// epoch. Refused when a setting is invalid or a sample does not fit the model.
    pub fn new(model: Model, train: Dataset, test: Dataset, config: TrainConfig) -> Result<Trainer> {
        config.check()?;
        if train.is_empty() {
            return Err(CnnError::Empty { op: "training set" });
        }
        check_data(&model, &train, "training set")?;
        check_data(&model, &test, "test set")?;
        let shuffler = EpochShuffler::new(config.shuffle_seed, train.len())?;
        let sgd = Sgd::new(config.learning_rate, config.momentum)?;
        let steps = Vec::with_capacity(config.epochs.saturating_mul(train.len()).min(1 << 20));
        Ok(Trainer {
            model,
            sgd,
            config,
            train,
            test,
            shuffler,
            order: Vec::new(),
            epoch: 0,
            pos: 0,
            status: TrainStatus::Ready,
            steps,
            epochs: Vec::with_capacity(config.epochs.min(1 << 10)),
            epoch_loss: 0.0,
            epoch_correct: 0,
            deferred: false,
            pending: None,
        })
    }

    /// The reference workload: [`Model::reference`], the reference data, η = 0.01, batch 1,
    /// 3 epochs in the order of `EpochShuffler::reference()`.
    pub fn reference() -> Result<Trainer> {
        let data = reference_data()?;
        Trainer::new(Model::reference()?, data.train, data.test, TrainConfig::reference())
    }

    /// Trains up to `n` samples (stopping early at the end of the last epoch) and reports what
    /// happened. When the loss becomes NaN or ∞, or a weight NaN, ∞ or larger in magnitude
    /// than [`EXPLODING_WEIGHT`], training stops for good: the
    /// status becomes [`TrainStatus::Diverged`] and this call, like every later one, returns
    /// [`CnnError::Diverged`].
    pub fn train_samples(&mut self, n: usize) -> Result<SliceReport> {
        let mut report = SliceReport { trained: 0, updates: 0, epochs_finished: 0, status: self.status.clone() };
        match &self.status {
            TrainStatus::Diverged(d) => return Err(d.error()),
            TrainStatus::Finished => return Ok(report),
            _ => {}
        }
        // The last epoch's weights must be evaluated before they change.
        self.evaluate_pending(usize::MAX)?;
        while report.trained < n && self.epoch < self.config.epochs && self.pending.is_none() {
            if self.pos == 0 {
                self.order = self.shuffler.next_epoch();
            }
            let index = self.order[self.pos];
            let sample = &self.train.samples()[index];
            let outcome = self.model.accumulate_gradients(&sample.image, sample.label)?;
            self.pos += 1;
            report.trained += 1;
            let step = self.steps.len() + 1;
            self.steps.push(StepRecord {
                step,
                epoch: self.epoch + 1,
                index,
                loss: outcome.loss,
                correct: outcome.correct,
            });
            if !outcome.loss.is_finite() {
                return Err(self.diverge("loss".into(), outcome.loss));
            }
            self.epoch_loss += f64::from(outcome.loss);
            self.epoch_correct += usize::from(outcome.correct);
            let epoch_done = self.pos == self.train.len();
            if self.model.pending_samples() >= self.config.batch_size || epoch_done {
                self.sgd.step(&mut self.model);
                report.updates += 1;
                if let Some((layer, value)) = self.model.first_weight_beyond(EXPLODING_WEIGHT) {
                    return Err(self.diverge(format!("weights of layer {layer}"), value));
                }
            }
            if epoch_done {
                self.finish_epoch()?;
                report.epochs_finished += 1;
            }
        }
        if self.epoch >= self.config.epochs && self.pending.is_none() {
            self.status = TrainStatus::Finished;
        } else if report.trained > 0 {
            self.status = TrainStatus::Training;
        }
        report.status = self.status.clone();
        Ok(report)
    }

    /// Trains one sample; see [`Trainer::train_samples`].
    pub fn step(&mut self) -> Result<SliceReport> {
        self.train_samples(1)
    }

    /// Trains every remaining sample of every remaining epoch, with their test evaluations
    /// (done inline here even when deferred: there is no frame to share).
    pub fn run_to_end(&mut self) -> Result<SliceReport> {
        let deferred = std::mem::replace(&mut self.deferred, false);
        let report = self.train_samples(usize::MAX);
        self.deferred = deferred;
        report
    }

    fn diverge(&mut self, what: String, value: f32) -> CnnError {
        let d = Divergence {
            epoch: self.epoch + 1,
            sample: self.steps.len(),
            what,
            value,
            learning_rate: self.sgd.learning_rate(),
        };
        let e = d.error();
        self.status = TrainStatus::Diverged(d);
        e
    }

    fn finish_epoch(&mut self) -> Result<()> {
        let count = self.train.len() as f64;
        let due = self.config.evaluate_each_epoch && !self.test.is_empty();
        let test = if due && !self.deferred { Some(evaluate(&mut self.model, &self.test)?) } else { None };
        if due && self.deferred {
            self.pending = Some(EvalProgress::new(self.model.spec().classes));
        }
        self.epochs.push(EpochRecord {
            epoch: self.epoch + 1,
            train_loss: (self.epoch_loss / count) as f32,
            train_accuracy: (self.epoch_correct as f64 / count) as f32,
            test,
        });
        self.epoch += 1;
        self.pos = 0;
        self.epoch_loss = 0.0;
        self.epoch_correct = 0;
        Ok(())
    }

    /// Leaves the end-of-epoch test evaluations to [`Trainer::evaluate_pending`] (`true`) or runs
    /// them inside [`Trainer::train_samples`] (`false`, the default). Either way the run and its
    /// records are the same.
    pub fn defer_evaluation(&mut self, deferred: bool) {
        self.deferred = deferred;
    }

    /// True when an epoch has finished and its test evaluation is still to be done (deferred).
    pub fn evaluation_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Evaluates up to `n` test samples of the pending end-of-epoch evaluation and returns how
    /// many it did (0 when none is pending). With the last one the epoch's record gets its test
    /// result, and training can go on (or the run is finished).
    pub fn evaluate_pending(&mut self, n: usize) -> Result<usize> {
        let Some(progress) = self.pending.as_mut() else { return Ok(0) };
        let done = progress.advance(&mut self.model, &self.test, n)?;
        if let Some(complete) = self.pending.take_if(|p| p.is_complete(&self.test)) {
            let evaluation = complete.finish(&self.test)?;
            if let Some(record) = self.epochs.last_mut() {
                record.test = Some(evaluation);
            }
            if self.epoch >= self.config.epochs {
                self.status = TrainStatus::Finished;
            }
        }
        Ok(done)
    }

    /// Evaluates the model on the test set now (refused if it is empty).
    pub fn evaluate_test(&mut self) -> Result<Evaluation> {
        evaluate(&mut self.model, &self.test)
    }

    /// Evaluates the model on the training set now.
    pub fn evaluate_train(&mut self) -> Result<Evaluation> {
        evaluate(&mut self.model, &self.train)
    }

    /// Changes η for the following updates (checked: finite and > 0).
    pub fn set_learning_rate(&mut self, learning_rate: f32) -> Result<()> {
        self.sgd.set_learning_rate(learning_rate)?;
        self.config.learning_rate = learning_rate;
        Ok(())
    }

    /// The model being trained.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The model, for forward passes such as [`Model::feature_maps`]. Forward passes do not
    /// disturb training; pending gradients are kept.
    pub fn model_mut(&mut self) -> &mut Model {
        &mut self.model
    }

    /// The trained model.
    pub fn into_model(self) -> Model {
        self.model
    }

    /// The settings.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Where the run stands.
    pub fn status(&self) -> &TrainStatus {
        &self.status
    }

    /// One record per trained sample, in order (the training-loss curve).
    pub fn steps(&self) -> &[StepRecord] {
        &self.steps
    }

    /// One record per finished epoch (with the test evaluation).
    pub fn epochs(&self) -> &[EpochRecord] {
        &self.epochs
    }

    /// Epochs finished.
    pub fn epochs_done(&self) -> usize {
        self.epoch
    }

    /// Samples trained so far, over all epochs.
    pub fn samples_done(&self) -> usize {
        self.steps.len()
    }

    /// Samples of the whole run: epochs × training-set size.
    pub fn total_samples(&self) -> usize {
        self.config.epochs.saturating_mul(self.train.len())
    }

    /// Gradient norms of the last update, per convolution and dense layer.
    pub fn gradient_norms(&self) -> &[GradNorm] {
        self.model.gradient_norms()
    }

    /// The training set.
    pub fn train_set(&self) -> &Dataset {
        &self.train
    }

    /// The test set.
    pub fn test_set(&self) -> &Dataset {
        &self.test
    }
}
