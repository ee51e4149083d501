//! What a convolution is before it touches data: shapes, padding, stride and the output-size
//! formula per axis.

use super::super::error::{CnnError, Result};
use super::super::shape::{axis_plan, AxisPlan, Padding};
use super::super::tensor::{check_range, Shape, MAX_CHANNELS, MAX_SIDE};
use super::{Filters, MAX_KERNEL};
use serde::{Deserialize, Serialize};

/// Everything about one convolution that can be known before touching the data:
/// the shapes, the padding, the stride and what the output-size formula gives per axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conv2dParams {
    /// Shape of the input.
    pub input: Shape,
    /// Number of filters, hence output channels.
    pub filters: usize,
    /// Kernel height.
    pub kh: usize,
    /// Kernel width.
    pub kw: usize,
    /// Zeros added on each side.
    pub padding: Padding,
    /// Step between kernel positions, the same along rows and columns.
    pub stride: usize,
    /// True convolution: the kernel is flipped in both axes before sliding.
    pub flip: bool,
    /// The output-size formula applied to the rows.
    pub rows: AxisPlan,
    /// The output-size formula applied to the columns.
    pub cols: AxisPlan,
}

impl Conv2dParams {
    /// Checks every shape first, so that the loops that follow cannot go out of bounds.
    pub fn new(input: Shape, filters: &Filters, padding: Padding, stride: usize, flip: bool) -> Result<Self> {
        filters.check()?;
        Self::from_dims(input, filters.count, filters.depth, filters.kh, filters.kw, padding, stride, flip)
    }

    /// Like [`Conv2dParams::new`], from the filter bank's dimensions alone (`count` filters of
    /// `depth` × `kh` × `kw`), so a configuration can be checked before any weight exists.
    #[allow(clippy::too_many_arguments)]
    pub fn from_dims(
        input: Shape,
        count: usize,
        depth: usize,
        kh: usize,
        kw: usize,
        padding: Padding,
        stride: usize,
        flip: bool,
    ) -> Result<Self> {
        input.check()?;
        check_range("filter count", count, 1, MAX_CHANNELS)?;
        check_range("kernel height", kh, 1, MAX_KERNEL)?;
        check_range("kernel width", kw, 1, MAX_KERNEL)?;
        if depth != input.c {
            return Err(CnnError::DepthMismatch { kernel_c: depth, input_c: input.c });
        }
        check_range("stride", stride, 1, MAX_KERNEL).map_err(|e| match stride {
            0 => CnnError::ZeroStride { op: "convolution" },
            _ => e,
        })?;
        for side in [padding.top, padding.bottom, padding.left, padding.right] {
            // Beyond MAX_SIDE zeros per side the output could not fit a tensor anyway.
            check_range("padding", side, 0, MAX_SIDE)?;
        }
        let (ph, pw) = (padding.top + padding.bottom, padding.left + padding.right);
        if kh > input.h + ph || kw > input.w + pw {
            let (n, two_p, f) = if kh > input.h + ph {
                (input.h, ph, kh)
            } else {
                (input.w, pw, kw)
            };
            return Err(CnnError::KernelDoesNotFit {
                kh,
                kw,
                h: input.h,
                w: input.w,
                pad: padding.to_string(),
                n,
                two_p,
                f,
                diff: (n + two_p) as i64 - f as i64,
            });
        }
        let rows = axis_plan("convolution", input.h, kh, padding.top, padding.bottom, stride)?;
        let cols = axis_plan("convolution", input.w, kw, padding.left, padding.right, stride)?;
        let params = Conv2dParams { input, filters: count, kh, kw, padding, stride, flip, rows, cols };
        // Heavy padding can make the output larger than the input: it must fit a tensor too.
        params.output_shape().check()?;
        Ok(params)
    }

    /// Output height.
    pub fn out_h(&self) -> usize {
        self.rows.out
    }

    /// Output width.
    pub fn out_w(&self) -> usize {
        self.cols.out
    }

    /// Output shape: filters × out_h × out_w.
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.filters, self.out_h(), self.out_w())
    }

    /// Number of kernel positions per filter (the steps of the panel's animation).
    pub fn positions(&self) -> usize {
        self.out_h() * self.out_w()
    }
}
