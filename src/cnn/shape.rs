//! Shape arithmetic: the output-size formula ⌊(n + 2p − f)/s⌋ + 1, padding (valid, same,
//! explicit, per side) and the rows or columns that no window covers when s does not divide.

use super::error::{CnnError, Result};
use serde::{Deserialize, Serialize};

/// Zeros added on each side of the input, in rows (top, bottom) and columns (left, right).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Padding {
    /// Rows of zeros above.
    pub top: usize,
    /// Rows of zeros below.
    pub bottom: usize,
    /// Columns of zeros on the left.
    pub left: usize,
    /// Columns of zeros on the right.
    pub right: usize,
}

impl Padding {
    /// The same padding p on all four sides.
    pub const fn uniform(p: usize) -> Self {
        Padding { top: p, bottom: p, left: p, right: p }
    }

    /// True when all four sides are equal, so the lecture's single "p" describes it.
    pub fn is_uniform(&self) -> bool {
        self.top == self.bottom && self.left == self.right && self.top == self.left
    }
}

impl std::fmt::Display for Padding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_uniform() {
            write!(f, "{}", self.top)
        } else {
            write!(f, "top {} bottom {} left {} right {}", self.top, self.bottom, self.left, self.right)
        }
    }
}

/// How a user asks for padding: none, enough to keep the size at stride 1, or p zeros per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaddingSpec {
    /// No padding: the kernel only visits positions where it lies wholly inside the input.
    Valid,
    /// Enough zeros that stride 1 keeps the input size. For an even kernel the extra zero goes
    /// to the bottom and right, as TensorFlow and Keras do.
    Same,
    /// p zeros on every side.
    Explicit(usize),
}

impl PaddingSpec {
    /// The concrete padding for a kernel of kh × kw.
    pub fn resolve(self, kh: usize, kw: usize) -> Padding {
        match self {
            PaddingSpec::Valid => Padding::uniform(0),
            PaddingSpec::Explicit(p) => Padding::uniform(p),
            PaddingSpec::Same => {
                let (top, bottom) = same_split(kh);
                let (left, right) = same_split(kw);
                Padding { top, bottom, left, right }
            }
        }
    }
}

/// Splits the f − 1 zeros that 'same' needs into (before, after).
fn same_split(f: usize) -> (usize, usize) {
    let total = f.saturating_sub(1);
    (total / 2, total - total / 2)
}

/// What the formula says about one axis (rows or columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisPlan {
    /// Input length n.
    pub n: usize,
    /// Kernel (or window) length f.
    pub f: usize,
    /// Zeros before (top or left).
    pub pad_before: usize,
    /// Zeros after (bottom or right).
    pub pad_after: usize,
    /// Stride s.
    pub s: usize,
    /// Output length ⌊(n + p_before + p_after − f)/s⌋ + 1.
    pub out: usize,
    /// Length of the padded input.
    pub padded: usize,
    /// How many trailing padded rows/columns no window reaches (the floor at work).
    pub dropped: usize,
}

impl AxisPlan {
    /// n + p_before + p_after − f: the numerator of the formula.
    pub fn numerator(&self) -> usize {
        self.padded - self.f
    }

    /// The remainder that the floor throws away; zero when s divides the numerator.
    pub fn remainder(&self) -> usize {
        self.numerator() % self.s
    }
}

/// Applies the output-size formula to one axis, or explains why it cannot.
///
/// `op` names the operation in messages ("convolution", "pooling").
pub fn axis_plan(op: &'static str, n: usize, f: usize, pad_before: usize, pad_after: usize, s: usize) -> Result<AxisPlan> {
    if s == 0 {
        return Err(CnnError::ZeroStride { op });
    }
    if f == 0 {
        return Err(CnnError::OutOfRange { what: "kernel size", value: 0, min: 1, max: usize::MAX });
    }
    let padded = n + pad_before + pad_after;
    if f > padded {
        let pad = if pad_before == pad_after {
            pad_before.to_string()
        } else {
            format!("{pad_before}+{pad_after}")
        };
        return Err(CnnError::KernelDoesNotFit {
            kh: f,
            kw: f,
            h: n,
            w: n,
            pad,
            n,
            two_p: pad_before + pad_after,
            f,
            diff: padded as i64 - f as i64,
        });
    }
    let out = (padded - f) / s + 1;
    let covered = (out - 1) * s + f;
    Ok(AxisPlan { n, f, pad_before, pad_after, s, out, padded, dropped: padded - covered })
}

/// The output length alone: ⌊(n + 2p − f)/s⌋ + 1.
pub fn output_len(n: usize, f: usize, p: usize, s: usize) -> Result<usize> {
    axis_plan("convolution", n, f, p, p, s).map(|a| a.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The lecture's cases: 5×5 with 3×3 valid → 3; padded to 7×7 (p = 1) → 5; stride 2 → 2.
    #[test]
    fn lecture_output_sizes() {
        assert_eq!(output_len(5, 3, 0, 1), Ok(3));
        assert_eq!(output_len(5, 3, 1, 1), Ok(5));
        assert_eq!(output_len(5, 3, 0, 2), Ok(2));
        assert_eq!(output_len(5, 3, 1, 2), Ok(3));
    }

    // 6 + 0 − 3 = 3 is not divisible by 2: the floor gives 2 and the last row is never covered.
    #[test]
    fn floor_drops_uncovered_rows() {
        let a = axis_plan("convolution", 6, 3, 0, 0, 2).unwrap();
        assert_eq!((a.out, a.dropped, a.remainder()), (2, 1, 1));
    }

    #[test]
    fn same_padding_for_odd_and_even_kernels() {
        assert_eq!(PaddingSpec::Same.resolve(3, 5), Padding { top: 1, bottom: 1, left: 2, right: 2 });
        assert_eq!(PaddingSpec::Same.resolve(4, 2), Padding { top: 1, bottom: 2, left: 0, right: 1 });
    }

    #[test]
    fn too_large_kernel_names_the_numbers() {
        let e = axis_plan("convolution", 3, 5, 0, 0, 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "kernel 5×5 does not fit a 3×3 input with padding 0: n + 2p − f = 3 + 0 − 5 = -2 is negative"
        );
    }

    #[test]
    fn zero_stride_is_an_error() {
        assert_eq!(output_len(5, 3, 0, 0), Err(CnnError::ZeroStride { op: "convolution" }));
    }
}
