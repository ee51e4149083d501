//! “Why convolution”: sparse interactions and parameter sharing on a small traced example,
//! and the parameter counts of a fully connected neuron and a shared kernel for any n, f, c.

use crate::cnn::arch::counting::{fully_connected_neuron_weights, shared_kernel_weights, weight_sharing};
use crate::cnn::{conv2d, CnnError, Conv2dParams, ConvTrace, Filters, PaddingSpec, Source, Tensor};
use crate::link::Ignored;
use std::rc::Rc;
use yew::Reducible;

pub const MAX_N: usize = 1024;
pub const MAX_F: usize = 11;
pub const MAX_C: usize = 64;
/// The side of the small example image for the sparse-interaction demo.
pub const DEMO_N: usize = 7;
/// The largest kernel the demo draws (the counts use any f).
pub const DEMO_MAX_F: usize = 5;

/// The counts the core gives for n, f, c.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub n: usize,
    pub f: usize,
    pub c: usize,
    /// n·n·c
    pub fully_connected: u64,
    /// f·f·c
    pub shared: u64,
    /// fully_connected / shared, rounded down.
    pub ratio: u64,
}

pub fn counts(n: usize, f: usize, c: usize) -> Result<Counts, String> {
    if !(1..=MAX_N).contains(&n) {
        return Err(format!("n = {n} is outside 1–{MAX_N}"));
    }
    if !(1..=MAX_F).contains(&f) {
        return Err(format!("f = {f} is outside 1–{MAX_F}"));
    }
    if !(1..=MAX_C).contains(&c) {
        return Err(format!("c = {c} is outside 1–{MAX_C}"));
    }
    if f > n {
        return Err(format!("an {f}×{f} kernel does not fit a {n}×{n} image"));
    }
    let e = |e: CnnError| e.to_string();
    let ws = weight_sharing(n, n, c, f).map_err(e)?;
    Ok(Counts {
        n,
        f,
        c,
        fully_connected: fully_connected_neuron_weights(n, n, c).map_err(e)?,
        shared: shared_kernel_weights(f, c).map_err(e)?,
        ratio: ws.ratio(),
    })
}

/// The demo: a DEMO_N × DEMO_N gray image, a kernel of min(f, DEMO_MAX_F), valid, stride 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    pub f: usize,
    pub params: Conv2dParams,
    pub trace: ConvTrace,
}

pub fn demo(f: usize) -> Result<Demo, CnnError> {
    let f = f.clamp(1, DEMO_MAX_F);
    let input = Tensor::new(crate::cnn::Shape::new(1, DEMO_N, DEMO_N), (0..DEMO_N * DEMO_N).map(|i| i as f32).collect())?;
    let filters = Filters::new(1, 1, f, f, vec![1.0; f * f])?;
    let params = Conv2dParams::new(input.shape(), &filters, PaddingSpec::Valid.resolve(f, f), 1, false)?;
    let mut trace = ConvTrace::default();
    conv2d(&input, &filters, &[0.0], &params, Some(&mut trace))?;
    Ok(Demo { f, params, trace })
}

impl Demo {
    /// The input cells output (r, c) depends on, from its trace terms.
    pub fn inputs_of(&self, r: usize, c: usize) -> Vec<(usize, usize)> {
        let w = self.params.out_w();
        self.trace.positions.get(r * w + c).map_or_else(Vec::new, |t| {
            t.terms.iter().filter_map(|term| match term.source {
                Source::Input { y, x } => Some((y, x)),
                Source::Padding => None,
            }).collect()
        })
    }

    /// The outputs that input (y, x) affects: every position whose terms read it.
    pub fn outputs_of(&self, y: usize, x: usize) -> Vec<(usize, usize)> {
        self.trace.positions.iter()
            .filter(|t| t.terms.iter().any(|term| term.source == Source::Input { y, x }))
            .map(|t| (t.out_y, t.out_x))
            .collect()
    }

    /// Every multiplication the convolution did (all terms of all positions).
    pub fn weight_uses(&self) -> usize {
        self.trace.positions.iter().map(|t| t.terms.len()).sum()
    }
}

/// What is selected in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Output(usize, usize),
    Input(usize, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParamsState {
    /// Texts as typed.
    pub n: String,
    pub f: String,
    pub c: String,
    pub good: Counts,
    pub demo: Rc<Demo>,
    pub selection: Selection,
    pub error: Option<String>,
    pub ignored: Vec<Ignored>,
}

impl Default for ParamsState {
    fn default() -> Self {
        // The lecture's numbers: a 100×100×1 image (10,000 weights) and a 5×5 kernel (25).
        ParamsState::with(100, 5, 1).expect("the default works")
    }
}

impl ParamsState {
    pub fn with(n: usize, f: usize, c: usize) -> Result<ParamsState, String> {
        let good = counts(n, f, c)?;
        let demo = demo(f).map_err(|e| e.to_string())?;
        Ok(ParamsState { n: n.to_string(), f: f.to_string(), c: c.to_string(), good, demo: Rc::new(demo), selection: Selection::Output(1, 1), error: None, ignored: Vec::new() })
    }

    fn refresh(&mut self) {
        let parse = |name: &str, t: &str| t.trim().parse::<usize>().map_err(|_| format!("{name}: “{}” is not a whole number", crate::text::excerpt(t)));
        let r = parse("n", &self.n).and_then(|n| Ok((n, parse("f", &self.f)?, parse("c", &self.c)?)))
            .and_then(|(n, f, c)| counts(n, f, c));
        match r {
            Ok(k) => {
                if k.f != self.good.f {
                    if let Ok(d) = demo(k.f) {
                        self.demo = Rc::new(d);
                        self.selection = Selection::Output(0, 0);
                    }
                }
                self.good = k;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditN(String),
    EditF(String),
    EditC(String),
    Select(Selection),
    Replace(Box<ParamsState>),
    DismissNotes,
}

impl Reducible for ParamsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::EditN(t) => s.n = t,
            Action::EditF(t) => s.f = t,
            Action::EditC(t) => s.c = t,
            Action::Select(sel) => {
                let p = &s.demo.params;
                let ok = match sel {
                    Selection::Output(r, c) => r < p.out_h() && c < p.out_w(),
                    Selection::Input(y, x) => y < DEMO_N && x < DEMO_N,
                };
                if ok {
                    s.selection = sel;
                }
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
