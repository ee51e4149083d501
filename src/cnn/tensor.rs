//! A dense f32 tensor in channels × height × width order (channel-major, then row-major),
//! the layout every operation and trace of the core uses.

use super::error::{CnnError, Result};
use serde::{Deserialize, Serialize};

/// The largest height or width the core accepts; larger inputs are refused with a message
/// instead of risking an allocation the browser cannot make.
pub const MAX_SIDE: usize = 64;
/// The largest number of channels (or filters) a tensor may have.
pub const MAX_CHANNELS: usize = 64;

/// Channels × height × width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shape {
    /// Channels.
    pub c: usize,
    /// Height (rows).
    pub h: usize,
    /// Width (columns).
    pub w: usize,
}

impl Shape {
    /// A shape of c channels of h × w.
    pub const fn new(c: usize, h: usize, w: usize) -> Self {
        Shape { c, h, w }
    }

    /// Number of values a tensor of this shape holds.
    pub const fn len(&self) -> usize {
        self.c * self.h * self.w
    }

    /// True when the shape holds no value.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks the shape against the core's limits (1..=MAX_SIDE per side, 1..=MAX_CHANNELS).
    pub fn check(&self) -> Result<()> {
        check_range("height", self.h, 1, MAX_SIDE)?;
        check_range("width", self.w, 1, MAX_SIDE)?;
        check_range("channels", self.c, 1, MAX_CHANNELS)
    }
}

impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}×{}×{}", self.h, self.w, self.c)
    }
}

pub(crate) fn check_range(what: &'static str, value: usize, min: usize, max: usize) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(CnnError::OutOfRange { what, value, min, max })
    }
}

/// An f32 tensor of shape channels × height × width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tensor {
    shape: Shape,
    data: Vec<f32>,
}

impl Tensor {
    /// A tensor from its shape and its values in channel-major, row-major order.
    pub fn new(shape: Shape, data: Vec<f32>) -> Result<Self> {
        shape.check()?;
        if data.len() != shape.len() {
            return Err(CnnError::DataLength {
                what: "tensor",
                shape: shape.to_string(),
                expected: shape.len(),
                got: data.len(),
            });
        }
        Ok(Tensor { shape, data })
    }

    /// A tensor of zeros.
    pub fn zeros(shape: Shape) -> Result<Self> {
        shape.check()?;
        Ok(Tensor { shape, data: vec![0.0; shape.len()] })
    }

    /// A one-channel tensor from rows of equal length.
    pub fn from_rows(rows: &[Vec<f32>]) -> Result<Self> {
        Self::from_planes(&[rows.to_vec()])
    }

    /// A tensor from one matrix (rows) per channel; all planes must have the same size.
    pub fn from_planes(planes: &[Vec<Vec<f32>>]) -> Result<Self> {
        let first = planes.first().ok_or(CnnError::OutOfRange {
            what: "channels",
            value: 0,
            min: 1,
            max: MAX_CHANNELS,
        })?;
        let h = first.len();
        let w = first.first().map_or(0, Vec::len);
        let shape = Shape::new(planes.len(), h, w);
        shape.check()?;
        let mut data = Vec::with_capacity(shape.len());
        for (c, plane) in planes.iter().enumerate() {
            if plane.len() != h {
                return Err(CnnError::ShapeMismatch {
                    op: "channels",
                    expected: format!("channel {} to have {h} rows like channel 1", c + 1),
                    got: format!("{} rows", plane.len()),
                });
            }
            for (r, row) in plane.iter().enumerate() {
                if row.len() != w {
                    return Err(CnnError::RaggedRows { row: r + 1, expected: w, got: row.len() });
                }
                data.extend_from_slice(row);
            }
        }
        Ok(Tensor { shape, data })
    }

    /// The tensor's shape.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// All values, channel-major then row-major.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// The value at channel `c`, row `y`, column `x`. Panics only on an out-of-bounds index,
    /// which is a programming error, never a user's.
    pub fn get(&self, c: usize, y: usize, x: usize) -> f32 {
        self.data[self.index(c, y, x)]
    }

    /// Sets the value at channel `c`, row `y`, column `x` (same bounds as `get`).
    pub fn set(&mut self, c: usize, y: usize, x: usize, v: f32) {
        let i = self.index(c, y, x);
        self.data[i] = v;
    }

    fn index(&self, c: usize, y: usize, x: usize) -> usize {
        assert!(c < self.shape.c && y < self.shape.h && x < self.shape.w, "index out of bounds");
        (c * self.shape.h + y) * self.shape.w + x
    }

    /// One channel as rows, for display.
    pub fn plane_rows(&self, c: usize) -> Vec<Vec<f32>> {
        let Shape { h, w, .. } = self.shape;
        let plane = &self.data[c * h * w..(c + 1) * h * w];
        plane.chunks(w).map(<[f32]>::to_vec).collect()
    }

    /// Applies `f` to every value (used for ReLU and friends).
    pub fn map(&self, f: impl Fn(f32) -> f32) -> Tensor {
        Tensor { shape: self.shape, data: self.data.iter().map(|&v| f(v)).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_rows_is_row_major() {
        let t = Tensor::from_rows(&[vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]).unwrap();
        assert_eq!(t.shape(), Shape::new(1, 2, 3));
        assert_eq!(t.get(0, 1, 0), 4.0);
        assert_eq!(t.plane_rows(0)[0], vec![1.0, 2.0, 3.0]);
    }

    #[test]
    fn ragged_rows_name_the_row() {
        let e = Tensor::from_rows(&[vec![1.0, 2.0], vec![3.0]]).unwrap_err();
        assert_eq!(e.to_string(), "row 2 has 1 values but row 1 has 2; every row needs the same length");
    }

    #[test]
    fn oversize_is_refused() {
        let e = Tensor::zeros(Shape::new(1, 65, 3)).unwrap_err();
        assert_eq!(e.to_string(), "height must be between 1 and 64, got 65");
    }
}
