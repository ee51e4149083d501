//! The softmax panel's state and reducer. Names and scores are kept exactly as typed; what
//! the panel shows comes from the last valid scores, run through the core's softmax.

use super::presets::{self, Preset};
use crate::cnn::{softmax_with_temperature, SoftmaxTrace};
use crate::link::Ignored;
use crate::panels::vector_text::name_problem;
use crate::text::{machine_number, parse_number};
use std::rc::Rc;
use yew::Reducible;

pub const MIN_CLASSES: usize = 2;
pub const MAX_CLASSES: usize = 10;
/// The temperatures a link may give.
pub const T_MIN: f32 = 0.1;
pub const T_MAX: f32 = 10.0;
/// The slider's stops: T = 1 in the middle, as many stops below as above.
pub const TEMPERATURES: [f32; 21] =
    [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0];

/// The slider stop nearest to `t` (by ratio, so 0.1 and 10 are as far from 1).
pub fn nearest_stop(t: f32) -> usize {
    let far = |x: f32| (x / t).ln().abs();
    (0..TEMPERATURES.len()).min_by(|&a, &b| far(TEMPERATURES[a]).total_cmp(&far(TEMPERATURES[b]))).unwrap_or(10)
}

/// Valid scores and what the core made of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The class names shown (an empty name becomes "class k").
    pub names: Vec<String>,
    pub trace: SoftmaxTrace,
}

/// Runs the core's softmax; the names are only carried along.
pub fn compute(names: &[String], logits: &[f32], temperature: f32) -> Result<Computed, String> {
    let mut trace = SoftmaxTrace::default();
    softmax_with_temperature(logits, temperature, Some(&mut trace)).map_err(|e| e.to_string())?;
    let names = names.iter().enumerate().map(|(i, n)| shown_name(i, n)).collect();
    Ok(Computed { names, trace })
}

/// The name to show for class `i`: what was typed, or "class i+1" when it is blank.
pub fn shown_name(i: usize, typed: &str) -> String {
    let t = typed.trim();
    if t.is_empty() { format!("class {}", i + 1) } else { t.to_string() }
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxState {
    /// Class names as typed.
    pub names: Vec<String>,
    /// Scores as typed.
    pub logits: Vec<String>,
    pub temperature: f32,
    pub preset: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    /// The last valid scores' results.
    pub good: Rc<Computed>,
    /// A refusal by the core (should not happen once the texts parse), if any.
    pub core_error: Option<String>,
}

impl SoftmaxState {
    pub fn from_preset(p: &'static Preset) -> SoftmaxState {
        let names: Vec<String> = p.names.iter().map(|n| n.to_string()).collect();
        let good = compute(&names, p.logits, 1.0).expect("every preset is valid (tested)");
        SoftmaxState {
            logits: p.logits.iter().map(|&z| machine_number(z)).collect(),
            names,
            temperature: 1.0,
            preset: Some(p.id),
            ignored: Vec::new(),
            good: Rc::new(good),
            core_error: None,
        }
    }

    /// The typed scores, or a message naming every score that is not a number.
    pub fn parsed_logits(&self) -> Result<Vec<f32>, String> {
        let mut bad = Vec::new();
        let mut values = Vec::new();
        for (i, t) in self.logits.iter().enumerate() {
            match parse_number(t) {
                Ok(v) => values.push(v),
                Err(e) => bad.push(format!("score of {}: {e}", shown_name(i, self.names.get(i).map_or("", String::as_str)))),
            }
        }
        if bad.is_empty() { Ok(values) } else { Err(bad.join("; ")) }
    }

    /// Why the typed scores are not used, for the alert.
    pub fn logits_error(&self) -> Option<String> {
        self.parsed_logits().err().map(|e| format!("Scores: {e}. The results still use the last valid scores."))
    }

    /// Why the typed names are not used, for the alert.
    pub fn names_error(&self) -> Option<String> {
        let bad: Vec<String> = self.names.iter().filter_map(|n| name_problem(n.trim())).collect();
        (!bad.is_empty()).then(|| format!("Class names: {}. The results still use the last valid names.", bad.join("; ")))
    }

    /// Re-reads the texts and runs the core when they are valid.
    pub(crate) fn refresh(&mut self) {
        let Ok(logits) = self.parsed_logits() else { return };
        if self.names_error().is_some() {
            return;
        }
        match compute(&self.names, &logits, self.temperature) {
            Ok(c) => {
                self.good = Rc::new(c);
                self.core_error = None;
            }
            Err(e) => self.core_error = Some(format!("{e}. The results still use the last valid scores.")),
        }
    }

    /// The preset's lecture values apply: the preset is loaded and T = 1, as in the lecture.
    pub fn lecture(&self) -> Option<&'static presets::Lecture> {
        let p = presets::find(self.preset?)?;
        if self.temperature == 1.0 { p.lecture.as_ref() } else { None }
    }
}

impl Default for SoftmaxState {
    fn default() -> Self {
        SoftmaxState::from_preset(&presets::PRESETS[0])
    }
}

/// Keeps a temperature inside T_MIN..=T_MAX (1 for anything that is not a number).
pub fn clamp_temperature(t: f32) -> f32 {
    if t.is_finite() { t.clamp(T_MIN, T_MAX) } else { 1.0 }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditName(usize, String),
    EditLogit(usize, String),
    SetClasses(usize),
    SetTemperature(f32),
    LoadPreset(String),
    Replace(Box<SoftmaxState>),
    DismissNotes,
}

impl Reducible for SoftmaxState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let edited = matches!(action, Action::EditName(..) | Action::EditLogit(..) | Action::SetClasses(_));
        match action {
            Action::EditName(i, t) => {
                if let Some(n) = s.names.get_mut(i) {
                    *n = t;
                }
            }
            Action::EditLogit(i, t) => {
                if let Some(z) = s.logits.get_mut(i) {
                    *z = t;
                }
            }
            Action::SetClasses(n) => {
                let n = n.clamp(MIN_CLASSES, MAX_CLASSES);
                let old = s.names.len();
                s.names.resize_with(n, String::new);
                for (i, name) in s.names.iter_mut().enumerate().skip(old) {
                    *name = format!("class {}", i + 1);
                }
                s.logits.resize_with(n, || "0".to_string());
            }
            Action::SetTemperature(t) => {
                s.temperature = clamp_temperature(t);
                s.refresh();
            }
            Action::LoadPreset(id) => {
                // T goes back to 1, as in the lecture: a preset is a fresh start.
                if let Some(p) = presets::find(&id) {
                    s = SoftmaxState::from_preset(p);
                }
            }
            Action::Replace(new) => s = *new,
            Action::DismissNotes => s.ignored.clear(),
        }
        if edited {
            s.preset = None;
            s.refresh();
        }
        Rc::new(s)
    }
}
