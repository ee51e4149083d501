//! Grading one typed answer: the precision rule an exercise states, and the verdict the cell
//! shows at once (right / wrong, never the answer itself). Anything typed is graded as text,
//! so nothing a student types can fail here: what is not a number is "not a number yet".

use super::Answer;
use crate::text::{display_number, parse_number, NumberError};

/// How close a number must be to count as right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// The exact value (integers, or quarters such as 2.25); any equal form counts:
    /// 2.25, 2.250, +2.25, 9/4.
    Exact,
    /// `d` decimals: right when within half a unit of the d-th decimal of the exact value
    /// (0.005 for two decimals), so both the rounded 0.78 and the longer 0.7753 count for
    /// 0.77532, and 0.77 does not.
    Decimals(u8),
}

/// Room for the binary representation of what was typed (0.1 is not exactly 0.1 in f32):
/// far below any difference a student can make at the stated precision.
const FLOAT_ROOM: f64 = 1e-6;

impl Precision {
    /// The largest distance from the exact value that is still right.
    pub fn tolerance(self, exact: f64) -> f64 {
        match self {
            Precision::Exact => FLOAT_ROOM * exact.abs().max(1.0),
            Precision::Decimals(d) => 0.5 * 10f64.powi(-i32::from(d)) + FLOAT_ROOM,
        }
    }

    /// The value as the rule writes it: exact values in full, others to `d` decimals.
    pub fn show(self, v: f64) -> String {
        match self {
            Precision::Exact => display_number(v as f32).replace('−', "-"),
            Precision::Decimals(d) => {
                let s = format!("{v:.*}", usize::from(d));
                // −0.00 reads oddly; a loss or probability that rounds to zero is 0.00.
                if s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') { s.trim_start_matches('-').to_string() } else { s }
            }
        }
    }

    /// The rule in words, as the exercise states it.
    pub fn describe(self) -> String {
        match self {
            Precision::Exact => "exact: the exact value, in any form (3, 3.0 and 6/2 are the same answer; so are 2.25 and 9/4)".into(),
            Precision::Decimals(d) => {
                let half = format!("0.{}5", "0".repeat(usize::from(d)));
                format!("{d} decimals: an answer is right when it is within {half} of the exact value (rounded or with more digits, both count)")
            }
        }
    }
}

/// What a cell shows about its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing typed yet.
    Empty,
    /// Typed, but not (yet) a number or one of the choices; the message says why.
    Unreadable(String),
    Right,
    Wrong,
}

impl Verdict {
    pub fn is_right(&self) -> bool {
        *self == Verdict::Right
    }

    /// A short word for the cell (its `data-verdict`).
    pub fn id(&self) -> &'static str {
        match self {
            Verdict::Empty => "empty",
            Verdict::Unreadable(_) => "unreadable",
            Verdict::Right => "right",
            Verdict::Wrong => "wrong",
        }
    }
}

/// A typed number: what `parse_number` reads, or a fraction a/b of two such numbers.
pub fn read_number(text: &str) -> Result<f64, String> {
    let why = |e: NumberError| match e {
        NumberError::NotANumber(t) => format!("“{t}” is not a number yet"),
        NumberError::Empty => "a fraction needs a number on both sides of the /".into(),
        e => e.to_string(),
    };
    match text.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (parse_number(a).map_err(why)?, parse_number(b).map_err(why)?);
            if b == 0.0 {
                return Err("a fraction with 0 below the line is not a number".into());
            }
            Ok(f64::from(a) / f64::from(b))
        }
        None => parse_number(text).map(f64::from).map_err(why),
    }
}

/// Grades `text` against `answer`.
pub fn grade(answer: &Answer, text: &str) -> Verdict {
    if text.trim().is_empty() {
        return Verdict::Empty;
    }
    match answer {
        Answer::Choice { options, correct } => {
            let typed = text.trim().to_lowercase();
            match options.iter().position(|o| o.to_lowercase() == typed) {
                Some(i) if i == *correct => Verdict::Right,
                Some(_) => Verdict::Wrong,
                None => Verdict::Unreadable(format!("choose one of: {}", options.join(", "))),
            }
        }
        Answer::Number { value, alt, precision } => match read_number(text) {
            Err(e) => Verdict::Unreadable(e),
            Ok(a) => {
                let other = alt.unwrap_or(*value);
                let (lo, hi) = (value.min(other), value.max(other));
                let tol = precision.tolerance(if a < lo { lo } else { hi });
                if a >= lo - tol && a <= hi + tol {
                    Verdict::Right
                } else {
                    Verdict::Wrong
                }
            }
        },
    }
}
