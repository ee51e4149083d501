//! The padding & stride explorer's state: n, f, padding and stride, and what the core's
//! `Conv2dParams` and a traced convolution say about them (plan, positions, coverage).

use crate::cnn::{conv2d, CnnError, Conv2dParams, ConvTrace, Filters, Shape, Tensor};
use crate::link::Ignored;
use crate::panels::convolution::state::PadChoice;
use crate::panels::stepping::{Playhead, StepAction};
use std::rc::Rc;
use yew::Reducible;

pub const MAX_N: usize = 12;
pub const MAX_F: usize = 7;
pub const MAX_STRIDE: usize = 4;

/// A valid setting and the core's plan and trace for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub n: usize,
    pub f: usize,
    pub padding: PadChoice,
    pub params: Conv2dParams,
    /// A traced convolution of an n×n input with an f×f kernel: its positions are the
    /// kernel's positions (the values are not the point here, the windows are).
    pub trace: ConvTrace,
}

/// The core's plan for an n×n input, an f×f kernel, a padding and a stride.
pub fn plan(n: usize, f: usize, padding: PadChoice, stride: usize) -> Result<Plan, CnnError> {
    let pad = padding.spec().resolve(f, f);
    let input = Tensor::zeros(Shape::new(1, n, n))?;
    let filters = Filters::new(1, 1, f, f, vec![1.0; f * f])?;
    let params = Conv2dParams::new(input.shape(), &filters, pad, stride, false)?;
    let mut trace = ConvTrace::default();
    conv2d(&input, &filters, &[0.0], &params, Some(&mut trace))?;
    Ok(Plan { n, f, padding, params, trace })
}

/// Valid and same padding for the same n, f and stride.
#[allow(clippy::type_complexity)]
fn compare(n: usize, f: usize, stride: usize) -> (Result<Rc<Plan>, String>, Result<Rc<Plan>, String>) {
    let one = |p| plan(n, f, p, stride).map(Rc::new).map_err(|e| e.to_string());
    (one(PadChoice::Valid), one(PadChoice::Same))
}

/// The lecture's own cases: (what the lecture shows, n, f, padding, stride).
pub const LECTURE_CASES: &[(&str, usize, usize, PadChoice, usize)] = &[
    ("Fig. 7.3: 5×5 image, 3×3 kernel, no padding", 5, 3, PadChoice::Valid, 1),
    ("Fig. 7.4: 4×4 image, zero padding, 3×3 kernel", 4, 3, PadChoice::P(1), 1),
    ("Fig. 7.7: 5×5 padded to 7×7, 3×3 kernel (the lecture's “valid zero padding” — really same)", 5, 3, PadChoice::Same, 1),
    ("Fig. 7.6: stride 2, 5×5 image, 3×3 kernel, no padding", 5, 3, PadChoice::Valid, 2),
    ("Stride 2 with one ring of zeros", 5, 3, PadChoice::P(1), 2),
];

impl Plan {
    /// How many kernel positions cover each cell of the padded input (row-major, padded size).
    pub fn coverage(&self) -> Vec<Vec<usize>> {
        let p = &self.params;
        let mut c = vec![vec![0; p.cols.padded]; p.rows.padded];
        for t in &self.trace.positions {
            for row in c.iter_mut().skip(t.top).take(p.kh) {
                for v in row.iter_mut().skip(t.left).take(p.kw) {
                    *v += 1;
                }
            }
        }
        c
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaddingState {
    pub n: usize,
    pub f: usize,
    pub padding: PadChoice,
    pub stride: usize,
    pub play: Playhead,
    pub ignored: Vec<Ignored>,
    /// The last valid plan (what the figure shows).
    pub good: Rc<Plan>,
    /// Why the current setting has no output (or is refused), if it does not work.
    pub error: Option<String>,
    /// The same n, f and stride with valid and with same padding, side by side.
    pub valid: Result<Rc<Plan>, String>,
    pub same: Result<Rc<Plan>, String>,
}

impl Default for PaddingState {
    fn default() -> Self {
        // The lecture's first case: 5×5 input, 3×3 kernel, no padding, stride 1.
        PaddingState::with(5, 3, PadChoice::Valid, 1).expect("the default works")
    }
}

impl PaddingState {
    pub fn with(n: usize, f: usize, padding: PadChoice, stride: usize) -> Result<PaddingState, CnnError> {
        let good = plan(n, f, padding, stride)?;
        let (valid, same) = compare(n, f, stride);
        Ok(PaddingState { n, f, padding, stride, play: Playhead::default(), ignored: Vec::new(), good: Rc::new(good), error: None, valid, same })
    }

    pub fn total_steps(&self) -> usize {
        self.good.trace.positions.len().max(1)
    }

    fn refresh(&mut self) {
        (self.valid, self.same) = compare(self.n, self.f, self.stride);
        match plan(self.n, self.f, self.padding, self.stride) {
            Ok(p) => {
                self.good = Rc::new(p);
                self.error = None;
                self.play.clamp(self.total_steps());
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetN(usize),
    SetF(usize),
    SetPadding(PadChoice),
    SetStride(usize),
    /// Load a whole setting (a row of the lecture's table).
    Load(usize, usize, PadChoice, usize),
    Step(StepAction),
    Replace(Box<PaddingState>),
    DismissNotes,
}

impl Reducible for PaddingState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let total = s.total_steps();
        match action {
            Action::SetN(n) => s.n = n.clamp(1, MAX_N),
            Action::SetF(f) => s.f = f.clamp(1, MAX_F),
            Action::SetPadding(p) => s.padding = p,
            Action::SetStride(st) => s.stride = st.clamp(1, MAX_STRIDE),
            Action::Load(n, f, p, st) => {
                (s.n, s.f, s.padding, s.stride) = (n.clamp(1, MAX_N), f.clamp(1, MAX_F), p, st.clamp(1, MAX_STRIDE));
                s.play.step = 0;
            }
            Action::Step(a) => {
                s.play.apply(a, total);
                return Rc::new(s);
            }
            Action::Replace(new) => return Rc::new(*new),
            Action::DismissNotes => {
                s.ignored.clear();
                return Rc::new(s);
            }
        }
        s.refresh();
        Rc::new(s)
    }
}
