//! Flattening a c × h × w tensor into the column vector a fully connected layer reads, and
//! the inverse that carries gradients back.
//!
//! # Order
//! The vector lists values in **(y, x, channel)** order: row by row, within a row column by
//! column, and at each pixel all its channels; so value (c, y, x) lands at index
//! `(y · w + x) · c_total + c`. This is the "channels last" order of Keras and TensorFlow,
//! and the one the reference workload (`bench-workload.md`: "flatten (4·4·16 = 256, in
//! (y, x, channel) order)") fixes, so its dense weights load unchanged. For one channel it
//! is plain row-major order, as in the lecture's Figure 7.10 (a 3×3 feature into a 9×1
//! vector).

use super::error::{CnnError, Result};
use super::tensor::{Shape, Tensor};
use serde::{Deserialize, Serialize};

/// Where one vector entry came from: channel `c`, row `y`, column `x` of the tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FlatPos {
    /// Channel.
    pub c: usize,
    /// Row.
    pub y: usize,
    /// Column.
    pub x: usize,
}

/// One entry of a flattening: vector index, its tensor position and the value moved.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FlattenStep {
    /// Index in the vector.
    pub index: usize,
    /// Position in the tensor.
    pub from: FlatPos,
    /// The value moved.
    pub value: f32,
}

/// The record of one flattening, in vector order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FlattenTrace {
    /// The shape flattened (`None` until the trace is filled).
    pub shape: Option<Shape>,
    /// One step per vector entry, in vector order.
    pub steps: Vec<FlattenStep>,
}

/// The vector index of tensor position (c, y, x) in (y, x, channel) order, or `None` when
/// the position lies outside `shape`.
pub fn flat_index(shape: Shape, c: usize, y: usize, x: usize) -> Option<usize> {
    if c < shape.c && y < shape.h && x < shape.w {
        // Checked: a hand-made Shape may be far larger than any tensor.
        y.checked_mul(shape.w)?.checked_add(x)?.checked_mul(shape.c)?.checked_add(c)
    } else {
        None
    }
}

/// For each vector index, in order, the tensor position it comes from (for the panel that
/// animates flattening). Refuses shapes outside the core's limits.
pub fn flatten_map(shape: Shape) -> Result<Vec<FlatPos>> {
    shape.check()?;
    let mut map = Vec::with_capacity(shape.len());
    for y in 0..shape.h {
        for x in 0..shape.w {
            for c in 0..shape.c {
                map.push(FlatPos { c, y, x });
            }
        }
    }
    Ok(map)
}

/// Flattens `input` into a vector in (y, x, channel) order. With `trace`, the same loop
/// records where every entry came from. Never fails for a valid tensor; the `Result` keeps
/// the signature of every other operation.
pub fn flatten(input: &Tensor, mut trace: Option<&mut FlattenTrace>) -> Result<Vec<f32>> {
    let shape = input.shape();
    if let Some(t) = trace.as_deref_mut() {
        t.shape = Some(shape);
        t.steps.clear();
        t.steps.reserve(shape.len());
    }
    let mut out = Vec::with_capacity(shape.len());
    for y in 0..shape.h {
        for x in 0..shape.w {
            for c in 0..shape.c {
                let value = input.get(c, y, x);
                if let Some(t) = trace.as_deref_mut() {
                    t.steps.push(FlattenStep { index: out.len(), from: FlatPos { c, y, x }, value });
                }
                out.push(value);
            }
        }
    }
    Ok(out)
}

/// The inverse of [`flatten`]: puts a (y, x, channel)-ordered vector back into a tensor of
/// `shape`. This is also flatten's backward pass: the gradient of the vector, unflattened,
/// is the gradient of the tensor.
pub fn unflatten(values: &[f32], shape: Shape) -> Result<Tensor> {
    shape.check()?;
    if values.len() != shape.len() {
        return Err(CnnError::DataLength {
            what: "unflatten",
            shape: shape.to_string(),
            expected: shape.len(),
            got: values.len(),
        });
    }
    let mut t = Tensor::zeros(shape)?;
    let mut i = 0;
    for y in 0..shape.h {
        for x in 0..shape.w {
            for c in 0..shape.c {
                t.set(c, y, x, values[i]);
                i += 1;
            }
        }
    }
    Ok(t)
}

/// Flatten's backward pass, by name: the same as [`unflatten`].
pub fn flatten_backward(grad_out: &[f32], shape: Shape) -> Result<Tensor> {
    unflatten(grad_out, shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_y_x_channel() {
        // Two channels of 2×2: channel 0 holds 1..4, channel 1 holds 10..40.
        let t = Tensor::from_planes(&[vec![vec![1.0, 2.0], vec![3.0, 4.0]], vec![vec![10.0, 20.0], vec![30.0, 40.0]]])
            .unwrap();
        let mut tr = FlattenTrace::default();
        let v = flatten(&t, Some(&mut tr)).unwrap();
        assert_eq!(v, vec![1.0, 10.0, 2.0, 20.0, 3.0, 30.0, 4.0, 40.0]);
        assert_eq!(tr.steps[3], FlattenStep { index: 3, from: FlatPos { c: 1, y: 0, x: 1 }, value: 20.0 });
        assert_eq!(flat_index(t.shape(), 1, 0, 1), Some(3));
        assert_eq!(flat_index(t.shape(), 2, 0, 0), None);
        let map = flatten_map(t.shape()).unwrap();
        assert!(map.iter().enumerate().all(|(i, p)| flat_index(t.shape(), p.c, p.y, p.x) == Some(i)));
        assert_eq!(unflatten(&v, t.shape()).unwrap(), t);
    }

    #[test]
    fn unflatten_checks_length() {
        let e = unflatten(&[1.0; 5], Shape::new(1, 2, 3)).unwrap_err();
        assert_eq!(e.to_string(), "unflatten: shape 2×3×1 needs 6 values, got 5");
        assert!(flatten_map(Shape::new(0, 2, 2)).is_err());
    }
}
