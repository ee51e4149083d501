//! A bank of filters and the checks that keep its shape honest.

use super::super::error::{CnnError, Result};
use super::super::tensor::{check_range, Tensor, MAX_CHANNELS};
use super::MAX_KERNEL;
use serde::{Deserialize, Serialize};

/// A bank of filters: `count` filters, each `depth` × `kh` × `kw`, stored filter-major,
/// then channel, then row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Number of filters (output channels).
    pub count: usize,
    /// Channels of each filter; must equal the input's channels.
    pub depth: usize,
    /// Kernel height.
    pub kh: usize,
    /// Kernel width.
    pub kw: usize,
    data: Vec<f32>,
}

impl Filters {
    /// Filters from their sizes and values (filter-major, then channel, then row-major);
    /// sizes are checked against the core's limits and the data length against the sizes.
    pub fn new(count: usize, depth: usize, kh: usize, kw: usize, data: Vec<f32>) -> Result<Self> {
        check_range("filter count", count, 1, MAX_CHANNELS)?;
        check_range("kernel depth", depth, 1, MAX_CHANNELS)?;
        check_range("kernel height", kh, 1, MAX_KERNEL)?;
        check_range("kernel width", kw, 1, MAX_KERNEL)?;
        let expected = count * depth * kh * kw;
        if data.len() != expected {
            return Err(CnnError::DataLength {
                what: "filters",
                shape: format!("{count} × {kh}×{kw}×{depth}"),
                expected,
                got: data.len(),
            });
        }
        Ok(Filters { count, depth, kh, kw, data })
    }

    /// One filter of one channel from rows: the common case of a single gray kernel.
    pub fn single(rows: &[Vec<f32>]) -> Result<Self> {
        let t = Tensor::from_rows(rows)?;
        let s = t.shape();
        Self::new(1, 1, s.h, s.w, t.data().to_vec())
    }

    /// The weight of filter `k`, channel `c`, row `y`, column `x`.
    pub fn get(&self, k: usize, c: usize, y: usize, x: usize) -> f32 {
        self.data[((k * self.depth + c) * self.kh + y) * self.kw + x]
    }

    /// All weights in storage order.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// All weights for in-place updates (an SGD step); the length cannot change through a slice.
    pub fn data_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }

    /// A bank of `count` filters of `depth` × `kh` × `kw`, all zero (for gradients).
    pub fn zeros(count: usize, depth: usize, kh: usize, kw: usize) -> Result<Self> {
        check_range("filter count", count, 1, MAX_CHANNELS)?;
        check_range("kernel depth", depth, 1, MAX_CHANNELS)?;
        check_range("kernel height", kh, 1, MAX_KERNEL)?;
        check_range("kernel width", kw, 1, MAX_KERNEL)?;
        Self::new(count, depth, kh, kw, vec![0.0; count * depth * kh * kw])
    }

    /// Checks that the (public) dimensions still agree with the data and the limits, as
    /// [`Filters::new`] did: a deserialized or edited bank may not.
    pub fn check(&self) -> Result<()> {
        check_range("filter count", self.count, 1, MAX_CHANNELS)?;
        check_range("kernel depth", self.depth, 1, MAX_CHANNELS)?;
        check_range("kernel height", self.kh, 1, MAX_KERNEL)?;
        check_range("kernel width", self.kw, 1, MAX_KERNEL)?;
        let expected = self.count * self.depth * self.kh * self.kw;
        if self.data.len() != expected {
            return Err(CnnError::DataLength {
                what: "filters",
                shape: format!("{} × {}×{}×{}", self.count, self.kh, self.kw, self.depth),
                expected,
                got: self.data.len(),
            });
        }
        Ok(())
    }
}
