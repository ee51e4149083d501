//! Colour to gray, as the lecture's networks do before training ("the colour images are
//! converted into gray images to reduce the computation complexity"): the luma of ITU-R
//! BT.601, gray = 0.299·R + 0.587·G + 0.114·B, pixel by pixel.
//!
//! The trace lists, for every pixel, R, G, B, the three weighted terms and the gray value.

use super::error::{CnnError, Result};
use super::tensor::{Shape, Tensor};
use serde::{Deserialize, Serialize};

/// BT.601 weight of the red channel.
pub const GRAY_R: f32 = 0.299;
/// BT.601 weight of the green channel.
pub const GRAY_G: f32 = 0.587;
/// BT.601 weight of the blue channel.
pub const GRAY_B: f32 = 0.114;
/// The three weights in channel order R, G, B (they add up to 1).
pub const GRAY_WEIGHTS: [f32; 3] = [GRAY_R, GRAY_G, GRAY_B];

/// One pixel's conversion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GrayPixel {
    /// Row.
    pub y: usize,
    /// Column.
    pub x: usize,
    /// R, G, B as read.
    pub rgb: [f32; 3],
    /// 0.299·R, 0.587·G, 0.114·B.
    pub terms: [f32; 3],
    /// The sum of the terms: exactly the output value.
    pub gray: f32,
}

/// The record of one conversion, row-major.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GrayTrace {
    /// One entry per pixel, row-major.
    pub pixels: Vec<GrayPixel>,
}

fn check_rgb(shape: Shape, op: &'static str) -> Result<()> {
    if shape.c != 3 {
        return Err(CnnError::ChannelCount { op, expected: 3, got: shape.c });
    }
    Ok(())
}

/// Converts an RGB tensor (3 channels: R, G, B) to a one-channel gray tensor of the same
/// height and width. Any other channel count is an error. With `trace`, the same loop
/// records every pixel.
pub fn to_gray(input: &Tensor, mut trace: Option<&mut GrayTrace>) -> Result<Tensor> {
    let shape = input.shape();
    check_rgb(shape, "gray conversion")?;
    let mut out = Tensor::zeros(Shape::new(1, shape.h, shape.w))?;
    if let Some(t) = trace.as_deref_mut() {
        t.pixels.clear();
        t.pixels.reserve(shape.h * shape.w);
    }
    for y in 0..shape.h {
        for x in 0..shape.w {
            let rgb = [input.get(0, y, x), input.get(1, y, x), input.get(2, y, x)];
            let terms = [GRAY_R * rgb[0], GRAY_G * rgb[1], GRAY_B * rgb[2]];
            let gray = terms[0] + terms[1] + terms[2];
            out.set(0, y, x, gray);
            if let Some(t) = trace.as_deref_mut() {
                t.pixels.push(GrayPixel { y, x, rgb, terms, gray });
            }
        }
    }
    Ok(out)
}

/// An RGB tensor (3 channels, values 0–255) from 8-bit RGBA pixels, row-major, four bytes per
/// pixel, as a browser canvas hands them out. Alpha is dropped: the caller composites the
/// picture onto an opaque background first, so what is left is the colour one sees. The size
/// is checked against the core's limits and the byte count against the size.
pub fn from_rgba(width: usize, height: usize, rgba: &[u8]) -> Result<Tensor> {
    let shape = Shape::new(3, height, width);
    shape.check()?;
    let expected = width * height * 4;
    if rgba.len() != expected {
        return Err(CnnError::DataLength { what: "RGBA pixels", shape: format!("{height}×{width}×4"), expected, got: rgba.len() });
    }
    let plane = width * height;
    let mut data = vec![0.0f32; 3 * plane];
    for (i, px) in rgba.chunks_exact(4).enumerate() {
        for c in 0..3 {
            data[c * plane + i] = f32::from(px[c]);
        }
    }
    Tensor::new(shape, data)
}

/// The gradient with respect to the RGB input, given the gradient of the gray output
/// (one channel, same height and width): channel c receives weight_c · g.
pub fn to_gray_backward(grad_out: &Tensor) -> Result<Tensor> {
    let s = grad_out.shape();
    if s.c != 1 {
        return Err(CnnError::ChannelCount { op: "gray conversion backward", expected: 1, got: s.c });
    }
    let mut grad = Tensor::zeros(Shape::new(3, s.h, s.w))?;
    for (c, &w) in GRAY_WEIGHTS.iter().enumerate() {
        for y in 0..s.h {
            for x in 0..s.w {
                grad.set(c, y, x, w * grad_out.get(0, y, x));
            }
        }
    }
    Ok(grad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pure_colours_give_their_weights() {
        let t = Tensor::from_planes(&[vec![vec![1.0, 0.0]], vec![vec![0.0, 1.0]], vec![vec![0.0, 0.0]]]).unwrap();
        let mut tr = GrayTrace::default();
        let g = to_gray(&t, Some(&mut tr)).unwrap();
        assert_eq!(g.data(), &[0.299, 0.587]);
        assert_eq!(tr.pixels[1].terms, [0.0, 0.587, 0.0]);
        // White stays white (up to f32 rounding).
        let white = Tensor::from_planes(&[vec![vec![1.0]], vec![vec![1.0]], vec![vec![1.0]]]).unwrap();
        assert!((to_gray(&white, None).unwrap().data()[0] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn rgba_bytes_become_three_planes() {
        let t = from_rgba(2, 1, &[255, 0, 10, 255, 1, 2, 3, 0]).unwrap();
        assert_eq!(t.shape(), Shape::new(3, 1, 2));
        assert_eq!(t.data(), &[255.0, 1.0, 0.0, 2.0, 10.0, 3.0]);
        let e = from_rgba(2, 2, &[0; 12]).unwrap_err();
        assert!(e.to_string().contains("16") && e.to_string().contains("12"), "{e}");
        assert!(from_rgba(65, 1, &[0; 260]).is_err());
        assert!(from_rgba(0, 1, &[]).is_err());
    }

    #[test]
    fn wrong_channel_count_is_an_error() {
        let t = Tensor::from_rows(&[vec![1.0]]).unwrap();
        let e = to_gray(&t, None).unwrap_err();
        assert_eq!(e.to_string(), "gray conversion: expected an input with 3 channels, got 1");
        let back = to_gray_backward(&Tensor::from_rows(&[vec![2.0]]).unwrap()).unwrap();
        assert_eq!(back.data(), &[0.598, 1.174, 0.228]);
    }
}
