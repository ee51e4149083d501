//! Exercises that check themselves: the lecture's exercise kinds, generated from a seed with
//! small integers so they can be done by hand, with their solutions and step-by-step hints
//! taken from the core (`crate::cnn`) and its traces. Pure: no web dependency, so every
//! generator and the grading are tested on the host (`tests/purity.rs`).
//!
//! An [`Exercise`] is data the panel renders without knowing its kind: what is given
//! ([`Given`]), the answer blanks grouped in [`Part`]s, each [`Blank`] with its [`Answer`]
//! (number and precision rule, or a choice) and its hint steps.

pub mod conv;
pub mod draw;
pub mod find_xy;
pub mod grade;
pub mod probs;
pub mod progress;
pub mod sheet;
pub mod small;

pub use grade::{grade, Precision, Verdict};

/// The exercise kinds, in the order the issue lists them. Their ids are link values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Conv,
    ConvRepeat,
    FindXy,
    FindLoss,
    OutputSize,
    Pooling,
    Params,
    OneHot,
    Softmax,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Conv,
        Kind::ConvRepeat,
        Kind::FindXy,
        Kind::FindLoss,
        Kind::OutputSize,
        Kind::Pooling,
        Kind::Params,
        Kind::OneHot,
        Kind::Softmax,
    ];

    /// The link value (`kind=…`); never renamed, links depend on it.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Conv => "conv",
            Kind::ConvRepeat => "conv-repeat",
            Kind::FindXy => "find-xy",
            Kind::FindLoss => "find-loss",
            Kind::OutputSize => "output-size",
            Kind::Pooling => "pooling",
            Kind::Params => "parameters",
            Kind::OneHot => "one-hot",
            Kind::Softmax => "softmax",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Kind::Conv => "Complete the convolution",
            Kind::ConvRepeat => "Repeat with other padding and stride",
            Kind::FindXy => "Find X and Y",
            Kind::FindLoss => "Find X, Y, loss of X and loss of Y",
            Kind::OutputSize => "Output size",
            Kind::Pooling => "Pooling",
            Kind::Params => "Parameter count",
            Kind::OneHot => "One-hot",
            Kind::Softmax => "Softmax",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Mixed into the seed so that one seed gives unrelated exercises of different kinds.
    fn salt(self) -> u32 {
        (Kind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u32 + 1).wrapping_mul(0x9E37_79B9)
    }
}

/// Difficulty: 1 (small, non-negative, no padding) to 3 (negatives, padding, larger sizes).
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=3;

/// A number or an unknown as shown in a given: `text` for people, `value` for machines
/// (`None` for an unknown such as X, so its value is never in the page).
#[derive(Debug, Clone, PartialEq)]
pub struct Val {
    pub text: String,
    pub value: Option<f32>,
}

impl Val {
    pub fn num(v: f32) -> Val {
        Val { text: crate::text::display_number(v), value: Some(v) }
    }

    /// A value rounded for display to `decimals` places (the value itself keeps every digit).
    pub fn rounded(v: f32, decimals: usize) -> Val {
        Val { text: format!("{v:.decimals$}"), value: Some(v) }
    }

    pub fn unknown(name: &str) -> Val {
        Val { text: name.to_string(), value: None }
    }
}

/// What a given looks like.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Matrix(Vec<Vec<Val>>),
    /// A row of values, with a name over each (class names) or none.
    Vector { values: Vec<Val>, names: Vec<String> },
    Scalar(Val),
    Words(String),
}

/// One thing the exercise gives: `id` names it for tests (`data-testid="ex-given-<id>"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub id: &'static str,
    pub label: String,
    pub body: Body,
}

/// What a blank expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A number graded by `precision`. With `alt`, every value between `value` and `alt` is
    /// exact too (a loss computed from X rounded as the rule allows, or from X exactly).
    Number { value: f64, alt: Option<f64>, precision: Precision },
    /// One of `options` (typed or chosen; capitals and spaces around do not matter).
    Choice { options: Vec<&'static str>, correct: usize },
}

impl Answer {
    pub fn exact(v: f32) -> Answer {
        Answer::Number { value: f64::from(v), alt: None, precision: Precision::Exact }
    }

    pub fn decimals(v: f32, d: u8) -> Answer {
        Answer::Number { value: f64::from(v), alt: None, precision: Precision::Decimals(d) }
    }

    /// The solution as shown by "show solution" and on the answer sheet.
    pub fn shown(&self) -> String {
        match self {
            Answer::Number { value, precision, .. } => precision.show(*value),
            Answer::Choice { options, correct } => options.get(*correct).copied().unwrap_or("").to_string(),
        }
    }
}

/// One answer cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Blank {
    /// Unique within the exercise, safe in a test id: `r0c1`, `x`, `loss-x`, `size`.
    pub id: String,
    /// For screen readers and hints: "output row 1, column 2".
    pub label: String,
    pub answer: Answer,
    /// The arithmetic, one step per entry, from the core's trace; the last gives the answer.
    pub hints: Vec<String>,
}

/// How a part's blanks are laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// rows × cols, row-major (a feature map to fill in).
    Grid { rows: usize, cols: usize },
    /// Labelled blanks one after the other (X = …, Y = …).
    List,
}

/// A group of blanks with a heading. A `gated` part is shown once the parts before it are
/// answered (the repeat exercise asks for the output size before the output).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub title: String,
    pub layout: Layout,
    pub blanks: Vec<Blank>,
    pub gated: bool,
}

/// One generated exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub kind: Kind,
    pub level: u8,
    pub seed: u32,
    pub title: String,
    pub intro: Vec<String>,
    pub givens: Vec<Given>,
    pub parts: Vec<Part>,
    /// The precision rule, stated to the student and followed by the grading.
    pub rule: String,
}

impl Exercise {
    /// Every blank in reading order; the panel keeps one typed text per entry.
    pub fn blanks(&self) -> impl Iterator<Item = &Blank> {
        self.parts.iter().flat_map(|p| p.blanks.iter())
    }

    pub fn blank_count(&self) -> usize {
        self.parts.iter().map(|p| p.blanks.len()).sum()
    }

    pub fn given(&self, id: &str) -> Option<&Given> {
        self.givens.iter().find(|g| g.id == id)
    }
}

/// The exercise of `kind` at `level` (clamped to 1–3) for `seed`: the same three numbers
/// always give the same exercise, so a link shares it.
pub fn generate(kind: Kind, level: u8, seed: u32) -> Exercise {
    let level = level.clamp(*LEVELS.start(), *LEVELS.end());
    let mut d = draw::Draw::new(seed ^ kind.salt() ^ (u32::from(level) << 29));
    let (title, intro, givens, parts, rule) = match kind {
        Kind::Conv => conv::complete(&mut d, level),
        Kind::ConvRepeat => conv::repeat(&mut d, level),
        Kind::FindXy => find_xy::find_xy(&mut d, level),
        Kind::FindLoss => probs::find_loss(&mut d, level),
        Kind::Softmax => probs::probabilities(&mut d, level),
        Kind::OutputSize => small::output_size(&mut d, level),
        Kind::Pooling => small::pooling(&mut d, level),
        Kind::Params => small::params(&mut d, level),
        Kind::OneHot => small::one_hot(&mut d, level),
    };
    Exercise { kind, level, seed, title, intro, givens, parts, rule }
}

/// What every generator returns: title, intro paragraphs, givens, parts, precision rule.
pub(crate) type Built = (String, Vec<String>, Vec<Given>, Vec<Part>, String);
