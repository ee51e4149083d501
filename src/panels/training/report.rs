//! Saving and sharing: the model as JSON (out and in) and a plain-text summary for the
//! homework report.

use super::state::{trainer_for, IoNote, TrainState};
use crate::cnn::model::Flow;
use crate::cnn::{LossKind, Model, TrainStatus, CLASS_NAMES};
use std::cell::RefCell;
use std::rc::Rc;

impl TrainState {

    pub(super) fn import(&mut self, text: &str) {
        let spec = self.built.spec();
        match Model::from_json_matching(text, &spec) {
            Ok(model) => match trainer_for(model, &self.built, &self.base, &self.extra) {
                Ok(t) => {
                    self.trainer = Rc::new(RefCell::new(t));
                    self.running = false;
                    self.last_tick = None;
                    self.io = Some(IoNote::Ok(
                        "Model loaded: its weights replace the current ones; training starts again from them.".into(),
                    ));
                    self.refresh(true);
                }
                Err(e) => self.io = Some(IoNote::Error(format!("The model could not be loaded: {e}"))),
            },
            Err(e) => {
                self.io = Some(IoNote::Error(format!(
                    "The file was not loaded, nothing changed: {e}. A model loads only into the configuration it was trained with."
                )))
            }
        }
    }

    /// The model as JSON, or why it cannot be saved.
    pub fn export(&self) -> Result<String, String> {
        self.trainer.borrow().model().to_json().map_err(|e| e.to_string())
    }

    /// A summary for the homework report.
    pub fn summary(&self) -> String {
        let c = &self.built;
        let t = self.trainer.borrow();
        let mut s = String::from("ConvLab training lab — five-class 16×16 shapes\n\nNetwork:\n");
        for l in &self.plan.layers {
            s.push_str(&format!("  {}. {} → {} ({} parameters)\n", l.index, l.name, flow_text(&l.output), l.params()));
        }
        s.push_str(&format!("  total parameters: {}\n\n", self.plan.total_params()));
        s.push_str(&format!(
            "Training: learning rate {}, momentum {}, batch {}, epochs {}, loss {}, weight seed {}, {} training samples ({} drawn), {} test samples\n",
            c.lr,
            c.momentum,
            c.batch,
            c.epochs,
            if c.loss == LossKind::CrossEntropy { "cross-entropy" } else { "MSE" },
            c.seed,
            t.train_set().len(),
            self.extra.len(),
            t.test_set().len()
        ));
        s.push_str(&format!("Progress: {} of {} samples, {} epochs finished\n", t.samples_done(), t.total_samples(), t.epochs_done()));
        if let TrainStatus::Diverged(d) = t.status() {
            s.push_str(&format!("Training diverged: {}\n", d.error()));
        }
        for e in t.epochs() {
            s.push_str(&format!(
                "  epoch {}: training loss {:.4}, training accuracy {:.1}%",
                e.epoch,
                e.train_loss,
                e.train_accuracy * 100.0
            ));
            if let Some(te) = &e.test {
                s.push_str(&format!(", test loss {:.4}, test accuracy {:.1}%", te.mean_loss, te.accuracy * 100.0));
            }
            s.push('\n');
        }
        if let Some(e) = &self.eval {
            s.push_str(&format!(
                "\nTest set now: accuracy {:.1}% ({} of {}), mean loss {:.4}\nAccuracy per class:\n",
                e.accuracy * 100.0,
                e.correct,
                e.count,
                e.mean_loss
            ));
            for (name, a) in CLASS_NAMES.iter().zip(&e.per_class_accuracy) {
                match a {
                    Some(a) => s.push_str(&format!("  {name}: {:.1}%\n", a * 100.0)),
                    None => s.push_str(&format!("  {name}: no samples\n")),
                }
            }
        }
        s
    }
}

pub fn flow_text(f: &Flow) -> String {
    match f {
        Flow::Map(s) => format!("{}×{}×{}", s.h, s.w, s.c),
        Flow::Vector(n) => format!("{n}"),
    }
}
