//! One-hot labels and the checks a student's typed vector gets: is it a one-hot label
//! (exactly one 1, every other value 0)? Is it a probability distribution (no negative
//! value, sum 1 within a tolerance)? Each check answers with a typed verdict whose message
//! names the values at fault.
//!
//! Indexes count from 0, as arrays do: the lecture's `[0,0,0,1,0]` is class index 3 (the 4th
//! position).

use super::error::{CnnError, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest number of classes [`one_hot`] builds a vector for.
pub const MAX_CLASSES: usize = 4096;

/// How far from 1 the sum of a distribution may be and still count as 1: rounded displays
/// (0.775 + 0.116 + 0.039 + 0.070 = 1.000) and f32 rounding both stay well inside it.
pub const DISTRIBUTION_TOLERANCE: f32 = 1e-3;

/// The one-hot vector of class `index` among `classes` classes: all zeros but a 1 at `index`.
pub fn one_hot(index: usize, classes: usize) -> Result<Vec<f32>> {
    if classes == 0 || classes > MAX_CLASSES {
        return Err(CnnError::OutOfRange { what: "number of classes", value: classes, min: 1, max: MAX_CLASSES });
    }
    if index >= classes {
        return Err(CnnError::ClassIndex { index, classes });
    }
    let mut v = vec![0.0; classes];
    v[index] = 1.0;
    Ok(v)
}

/// The verdict on a would-be one-hot vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OneHotCheck {
    /// Exactly one 1 and zeros elsewhere: the label of class `class`.
    Valid {
        /// The class index whose position holds the 1.
        class: usize,
    },
    /// No values at all.
    Empty,
    /// A value that is neither 0 nor 1 (the first one found).
    NotBinary {
        /// Where.
        index: usize,
        /// What was found there.
        value: f32,
    },
    /// Only zeros.
    NoOne,
    /// More than one 1, at these positions.
    SeveralOnes {
        /// Every index holding a 1.
        positions: Vec<usize>,
    },
}

impl OneHotCheck {
    /// True for [`OneHotCheck::Valid`].
    pub fn is_valid(&self) -> bool {
        matches!(self, OneHotCheck::Valid { .. })
    }
}

fn list(positions: &[usize]) -> String {
    let s: Vec<String> = positions.iter().map(usize::to_string).collect();
    match s.len() {
        0 | 1 => s.concat(),
        n => format!("{} and {}", s[..n - 1].join(", "), s[n - 1]),
    }
}

/// A value as a student typed it: at most 6 decimals, no trailing zeros (1.2700001 → 1.27);
/// tiny values keep all their digits so that 1e-9 does not read as 0.
fn num(x: f32) -> String {
    if !x.is_finite() || x.abs() < 1e-4 {
        return x.to_string();
    }
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

impl fmt::Display for OneHotCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OneHotCheck::Valid { class } => {
                write!(f, "valid one-hot label of class index {class} (position {} counting from 1)", class + 1)
            }
            OneHotCheck::Empty => f.write_str("not one-hot: the vector is empty; it needs one value per class"),
            OneHotCheck::NotBinary { index, value } => write!(
                f,
                "not one-hot: the value at index {index} is {}, but a one-hot vector holds only 0s and a single 1",
                num(*value)
            ),
            OneHotCheck::NoOne => {
                f.write_str("not one-hot: every value is 0, so no class is chosen; exactly one value must be 1")
            }
            OneHotCheck::SeveralOnes { positions } => write!(
                f,
                "not one-hot: {} values are 1 (at indexes {}), but exactly one value may be 1",
                positions.len(),
                list(positions)
            ),
        }
    }
}

/// Checks whether `v` is a one-hot label. A value that is not exactly 0 or 1 is reported
/// first; then a vector without a 1, or with several.
pub fn validate_one_hot(v: &[f32]) -> OneHotCheck {
    if v.is_empty() {
        return OneHotCheck::Empty;
    }
    if let Some((index, &value)) = v.iter().enumerate().find(|(_, &x)| x != 0.0 && x != 1.0) {
        return OneHotCheck::NotBinary { index, value };
    }
    let positions: Vec<usize> = v.iter().enumerate().filter(|(_, &x)| x == 1.0).map(|(i, _)| i).collect();
    match positions.as_slice() {
        [] => OneHotCheck::NoOne,
        [class] => OneHotCheck::Valid { class: *class },
        _ => OneHotCheck::SeveralOnes { positions },
    }
}

/// The verdict on a would-be probability distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DistributionCheck {
    /// No negative value and the sum is 1 within the tolerance.
    Valid {
        /// The sum of the values.
        sum: f32,
    },
    /// No values at all.
    Empty,
    /// NaN or ±∞ at `index` (the first one found).
    NotFinite {
        /// Where.
        index: usize,
        /// What was found there.
        value: f32,
    },
    /// A negative value (the first one found).
    Negative {
        /// Where.
        index: usize,
        /// What was found there.
        value: f32,
    },
    /// The values add up to `sum`, not 1.
    SumNot1 {
        /// The sum of the values.
        sum: f32,
        /// The allowed difference from 1 that was exceeded.
        tolerance: f32,
    },
}

impl DistributionCheck {
    /// True for [`DistributionCheck::Valid`].
    pub fn is_valid(&self) -> bool {
        matches!(self, DistributionCheck::Valid { .. })
    }
}

impl fmt::Display for DistributionCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DistributionCheck::Valid { sum } => write!(f, "a valid probability distribution (sum {})", num(*sum)),
            DistributionCheck::Empty => f.write_str("not a distribution: the vector is empty"),
            DistributionCheck::NotFinite { index, value } => {
                write!(f, "not a distribution: the value at index {index} is {}, not a finite number", num(*value))
            }
            DistributionCheck::Negative { index, value } => {
                write!(
                    f,
                    "not a distribution: the value at index {index} is {}, and a probability cannot be negative",
                    num(*value)
                )
            }
            DistributionCheck::SumNot1 { sum, tolerance } => {
                write!(
                    f,
                    "not a distribution: the values add up to {}, not 1 (allowed difference {tolerance})",
                    num(*sum)
                )
            }
        }
    }
}

/// Checks whether `v` is a probability distribution: every value finite and ≥ 0, and the
/// sum within `tolerance` of 1 (see [`DISTRIBUTION_TOLERANCE`]). A negative tolerance counts
/// as its absolute value; NaN falls back to [`DISTRIBUTION_TOLERANCE`].
pub fn validate_distribution(v: &[f32], tolerance: f32) -> DistributionCheck {
    let tolerance = if tolerance.is_nan() { DISTRIBUTION_TOLERANCE } else { tolerance.abs() };
    if v.is_empty() {
        return DistributionCheck::Empty;
    }
    if let Some((index, &value)) = v.iter().enumerate().find(|(_, x)| !x.is_finite()) {
        return DistributionCheck::NotFinite { index, value };
    }
    if let Some((index, &value)) = v.iter().enumerate().find(|(_, &x)| x < 0.0) {
        return DistributionCheck::Negative { index, value };
    }
    let sum: f32 = v.iter().sum();
    if (sum - 1.0).abs() <= tolerance {
        DistributionCheck::Valid { sum }
    } else {
        DistributionCheck::SumNot1 { sum, tolerance }
    }
}
