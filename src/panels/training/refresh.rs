//! What the lab shows of the current weights, recomputed by the core when asked: the chosen
//! sample's feature maps, the drawing's prediction, the test evaluation and one step of
//! backpropagation.

use super::backprop::backprop;
use super::config::SIDE;
use super::state::TrainState;
use crate::cnn::{Shape, Tensor, TrainStatus};
use std::rc::Rc;

impl TrainState {
    /// Recomputes what is shown from the current weights (`full`: also the test evaluation
    /// and the backprop trace, which are too costly for every frame).
    pub(super) fn refresh(&mut self, full: bool) {
        let mut t = self.trainer.borrow_mut();
        let sample = self.sample.min(t.train_set().len().saturating_sub(1));
        self.sample = sample;
        if let Some(s) = t.train_set().get(sample).cloned() {
            if let Ok(m) = t.model_mut().feature_maps(&s.image) {
                self.maps = Rc::new(m);
            }
        }
        self.drawn_prediction = if self.drawing.iter().any(|&v| v != 0.0) {
            Tensor::new(Shape::new(1, SIDE, SIDE), self.drawing.clone())
                .ok()
                .and_then(|img| t.model_mut().predict(&img).ok())
        } else {
            None
        };
        let diverged = matches!(t.status(), TrainStatus::Diverged(_));
        if full && !diverged {
            // A paused run finishes its epoch's evaluation first (it belongs in the records);
            // right after an epoch that evaluation is of the current weights: no need to redo it.
            let _ = t.evaluate_pending(usize::MAX);
            let at_epoch_end = t.epochs_done() > 0 && t.samples_done() == t.epochs_done() * t.train_set().len();
            let current = t.epochs().last().and_then(|e| e.test.clone()).filter(|_| at_epoch_end);
            self.eval = current.map_or_else(|| t.evaluate_test().ok(), Some).map(Rc::new);
            let lr = t.config().learning_rate;
            self.backprop = backprop(t.model(), t.train_set(), sample, lr, self.weight).ok().map(Rc::new);
        } else if let Some(e) = t.epochs().iter().rev().find_map(|e| e.test.clone()) {
            // The latest evaluation: a frame can finish one and train on past the next epoch's
            // end (a tiny training set), leaving the newest epoch still unevaluated.
            if !diverged {
                self.eval = Some(Rc::new(e));
            }
        }
        drop(t);
        self.version += 1;
    }
}
