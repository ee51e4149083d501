//! Training in slices: one slice per animation frame, sized to a time budget, so the page
//! stays responsive; and single steps.

use super::state::TrainState;
use crate::cnn::TrainStatus;

/// Frame budget for training, in milliseconds.
pub const FRAME_BUDGET_MS: f64 = 8.0;
/// Most samples trained in one frame.
pub const MAX_SLICE: usize = 2000;

/// Milliseconds from a monotonic clock.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

impl TrainState {
    /// Trains one frame's slice and adapts the slice to the frame budget.
    pub(super) fn tick(&mut self) {
        if !self.running || !self.can_train() {
            self.running = false;
            return;
        }
        let t0 = now_ms();
        let result = self.trainer.borrow_mut().train_samples(self.slice);
        let t1 = now_ms();
        let trained = match result {
            Ok(r) => {
                if r.status == TrainStatus::Finished {
                    self.running = false;
                }
                r.trained
            }
            Err(e) => {
                self.running = false;
                if !matches!(self.status(), TrainStatus::Diverged(_)) {
                    self.run_error = Some(e.to_string());
                }
                0
            }
        };
        let dt = t1 - t0;
        let target = if dt > 0.5 {
            (self.slice as f64 * FRAME_BUDGET_MS / dt).clamp(1.0, MAX_SLICE as f64)
        } else {
            (self.slice * 2) as f64
        };
        // Move halfway towards the target so one slow frame does not swing the size.
        self.slice = ((self.slice as f64 + target) / 2.0).round().clamp(1.0, MAX_SLICE as f64) as usize;
        if let Some(last) = self.last_tick {
            let wall = t1 - last;
            if wall > 0.0 && trained > 0 {
                let inst = trained as f64 * 1000.0 / wall;
                self.samples_per_sec =
                    if self.samples_per_sec == 0.0 { inst } else { 0.8 * self.samples_per_sec + 0.2 * inst };
            }
        }
        self.last_tick = if self.running { Some(t1) } else { None };
        self.frames += 1;
        if self.running && self.frames % 4 != 0 {
            // Feature maps and the drawing's prediction every 4th frame: the plot every frame.
            self.version += 1;
        } else {
            self.refresh(!self.running);
        }
    }

    pub(super) fn step(&mut self) {
        if !self.can_train() {
            return;
        }
        self.running = false;
        if let Err(e) = self.trainer.borrow_mut().step() {
            if !matches!(self.status(), TrainStatus::Diverged(_)) {
                self.run_error = Some(e.to_string());
            }
        }
        self.refresh(true);
    }
}
