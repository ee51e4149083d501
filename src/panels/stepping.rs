//! Step-through state shared by panels that animate one step at a time: the playhead (step,
//! playing, speed), its reducer, the hook that wires the timer and the keys, and the stepper
//! bound to it.

use crate::components::{Stepper, DEFAULT_SPEED, SPEEDS};
use crate::panels::common::{use_step_keys, use_step_timer, StepKey};
use yew::prelude::*;

/// Which step is shown, whether it is playing and how fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Playhead {
    pub step: usize,
    pub playing: bool,
    /// An index into `components::SPEEDS`.
    pub speed: usize,
}

impl Default for Playhead {
    fn default() -> Self {
        Playhead { step: 0, playing: false, speed: DEFAULT_SPEED }
    }
}

/// A stepping intent (from the buttons, the keys, the slider or the timer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAction {
    First,
    Prev,
    Next,
    Last,
    Seek(usize),
    TogglePlay,
    Tick,
    SetSpeed(usize),
}

impl From<StepKey> for StepAction {
    fn from(k: StepKey) -> StepAction {
        match k {
            StepKey::First => StepAction::First,
            StepKey::Prev => StepAction::Prev,
            StepKey::Next => StepAction::Next,
            StepKey::Last => StepAction::Last,
            StepKey::Toggle => StepAction::TogglePlay,
        }
    }
}

impl Playhead {
    /// Applies an intent for `total` steps (at least one is assumed).
    pub fn apply(&mut self, a: StepAction, total: usize) {
        let last = total.saturating_sub(1);
        match a {
            StepAction::First => self.step = 0,
            StepAction::Prev => self.step = self.step.saturating_sub(1),
            StepAction::Next => self.step = (self.step + 1).min(last),
            StepAction::Last => self.step = last,
            StepAction::Seek(i) => self.step = i.min(last),
            StepAction::TogglePlay => {
                self.playing = !self.playing;
                if self.playing && self.step >= last {
                    self.step = 0;
                }
            }
            StepAction::Tick => {
                if self.step < last {
                    self.step += 1;
                }
                if self.step >= last {
                    self.playing = false;
                }
            }
            StepAction::SetSpeed(i) => self.speed = i.min(SPEEDS.len() - 1),
        }
    }

    /// Jumps to `step` (a click on a result) and stops playing.
    pub fn select(&mut self, step: usize, total: usize) {
        if step < total {
            self.step = step;
            self.playing = false;
        }
    }

    /// Keeps the step inside `total` steps after the number of steps changed.
    pub fn clamp(&mut self, total: usize) {
        self.step = self.step.min(total.saturating_sub(1));
    }
}

/// Plays the playhead on its timer and steps it with ← → Home End and Space.
#[hook]
pub fn use_stepping(playhead: Playhead, onstep: Callback<StepAction>) {
    use_step_timer(playhead.playing, playhead.speed, {
        let cb = onstep.clone();
        Callback::from(move |_| cb.emit(StepAction::Tick))
    });
    use_step_keys(Callback::from(move |k: StepKey| onstep.emit(k.into())));
}

#[derive(Properties, PartialEq)]
pub struct StepControlsProps {
    pub playhead: Playhead,
    pub total: usize,
    /// What one step is called ("window", "entry", "neuron").
    pub unit: AttrValue,
    pub onstep: Callback<StepAction>,
}

/// The shared `Stepper`, bound to a playhead.
#[function_component(StepControls)]
pub fn step_controls(p: &StepControlsProps) -> Html {
    let emit = |a: StepAction| {
        let cb = p.onstep.clone();
        Callback::from(move |_| cb.emit(a))
    };
    let seek = {
        let cb = p.onstep.clone();
        Callback::from(move |i| cb.emit(StepAction::Seek(i)))
    };
    let speed = {
        let cb = p.onstep.clone();
        Callback::from(move |i| cb.emit(StepAction::SetSpeed(i)))
    };
    let h = p.playhead;
    html! {
        <Stepper step={h.step} total={p.total} playing={h.playing} speed={h.speed} unit={p.unit.clone()}
            onfirst={emit(StepAction::First)} onprev={emit(StepAction::Prev)} ontoggle={emit(StepAction::TogglePlay)}
            onnext={emit(StepAction::Next)} onlast={emit(StepAction::Last)} onseek={seek} onspeed={speed} />
    }
}
