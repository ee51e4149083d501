//! Training in frames: each frame's time budget is filled with pieces of training and of the
//! end-of-epoch evaluations, so the page stays responsive; and single steps.

use super::state::TrainState;
use crate::cnn::TrainStatus;

/// Frame budget for training (or evaluating), in milliseconds: with the re-render that
/// follows, a frame stays well within the 50 ms after which the browser counts a long task.
pub const FRAME_BUDGET_MS: f64 = 8.0;
/// Most samples (trained, or evaluated) in one slice.
pub const MAX_SLICE: usize = 2000;

/// Milliseconds from a monotonic clock with sub-millisecond resolution (`performance.now()`
/// in the browser), so an 8 ms budget can be measured.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        gloo::utils::window().performance().map_or_else(js_sys::Date::now, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

/// The next size of a slice that did `done` units of work (samples trained, or evaluated) in
/// `dt` milliseconds: halfway towards the size that would take [`FRAME_BUDGET_MS`], so one slow
/// frame does not swing it. Judged by the work done, not the size asked for: a slice that
/// stopped early at the end of an epoch says nothing about the size.
pub fn next_slice(size: usize, done: usize, dt: f64) -> usize {
    if done == 0 {
        return size;
    }
    let target = if dt > 0.5 { done as f64 * FRAME_BUDGET_MS / dt } else { (done * 2) as f64 };
    ((size as f64 + target.clamp(1.0, MAX_SLICE as f64)) / 2.0).round().clamp(1.0, MAX_SLICE as f64) as usize
}

/// Below this many milliseconds left in a frame's budget, no further piece of work starts.
const MIN_PIECE_MS: f64 = 0.5;

/// A slice size after a frame that asked for `asked` units of one kind and did `done` in `ms`:
/// judged by the rate when the time was long enough to measure; when it was not, grown only if
/// all that was asked got done (a piece cut short by an epoch's end says nothing about the
/// size); unchanged when the frame did no work of that kind.
pub fn adapted(size: usize, (asked, done, ms): (usize, usize, f64)) -> usize {
    if done == 0 || (ms <= MIN_PIECE_MS && done < asked) {
        size
    } else {
        next_slice(size, done, ms)
    }
}

impl TrainState {
    /// One frame's share of the run: the frame's budget filled with pieces of training and,
    /// when an epoch has just ended, of its test evaluation (the trainer defers it, and it
    /// runs in pieces too: a hundred forward passes on top of a full slice of training took
    /// several frames' time). Pieces follow each other until the budget is spent, so a slice
    /// cut short by an epoch's end no longer leaves the rest of its frame idle. Training and
    /// evaluation each keep their own slice size, adapted to the frame budget; a piece asks for
    /// its share of the time that is left.
    pub(super) fn tick(&mut self) {
        if !self.running || !self.can_train() {
            self.running = false;
            return;
        }
        let start = now_ms();
        let mut trained = 0;
        let mut evaluated = false;
        // (work done, milliseconds) of each kind over the frame: each slice size adapts once per
        // frame, from the whole frame's rate, so neither a short leftover piece nor one slow
        // piece swings it.
        let (mut train_work, mut eval_work) = ((0, 0, 0.0), (0, 0, 0.0));
        let mut t1 = start;
        loop {
            let left = FRAME_BUDGET_MS - (t1 - start);
            if left < MIN_PIECE_MS {
                break;
            }
            let evaluating = self.trainer.borrow().evaluation_pending();
            let full = if evaluating { self.eval_slice } else { self.slice };
            let want = full as f64 * left / FRAME_BUDGET_MS;
            if want < 0.5 && t1 > start {
                // Not even one more sample fits: a frame does at least one piece, no more.
                break;
            }
            let size = (want.round() as usize).clamp(1, full);
            let t0 = now_ms();
            let result = if evaluating {
                self.trainer.borrow_mut().evaluate_pending(size).map(|n| (0, n))
            } else {
                self.trainer.borrow_mut().train_samples(size).map(|r| (r.trained, r.trained))
            };
            t1 = now_ms();
            let (done, work) = result.unwrap_or_else(|e| {
                self.running = false;
                if !matches!(self.status(), TrainStatus::Diverged(_)) {
                    self.run_error = Some(e.to_string());
                }
                (0, 0)
            });
            trained += done;
            let kind = if evaluating { &mut eval_work } else { &mut train_work };
            *kind = (kind.0 + size, kind.1 + work, kind.2 + (t1 - t0));
            if evaluating && !self.trainer.borrow().evaluation_pending() {
                evaluated = true;
            }
            if self.status() == TrainStatus::Finished {
                self.running = false;
            }
            if !self.running || work == 0 {
                break;
            }
        }
        self.slice = adapted(self.slice, train_work);
        self.eval_slice = adapted(self.eval_slice, eval_work);
        // Samples per second over wall time, evaluation included (it is part of the run's
        // cost), measured from one training frame to the next.
        if trained > 0 {
            if let Some(last) = self.last_tick.filter(|&last| t1 > last) {
                let inst = trained as f64 * 1000.0 / (t1 - last);
                self.samples_per_sec =
                    if self.samples_per_sec == 0.0 { inst } else { 0.8 * self.samples_per_sec + 0.2 * inst };
            }
            self.last_tick = Some(t1);
        }
        if !self.running {
            self.last_tick = None;
        }
        self.frames += 1;
        if self.running && self.frames % 4 != 0 && !evaluated {
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
