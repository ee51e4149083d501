//! The lecture's counting formulas: receptive field of a stack, parameters of one
//! convolution or dense layer, and why weight sharing matters (a fully connected neuron on a
//! 100×100×1 image needs 10,000 weights, a shared 5×5 kernel needs 25).

use crate::error::{CnnError, Result};
use serde::{Deserialize, Serialize};

fn mul(what: &'static str, a: u64, b: u64) -> Result<u64> {
    a.checked_mul(b).ok_or(CnnError::Overflow { what })
}

fn plus(what: &'static str, a: u64, b: u64) -> Result<u64> {
    a.checked_add(b).ok_or(CnnError::Overflow { what })
}

/// How much of the input one unit sees after a stack of layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceptiveField {
    /// Side of the input region one output unit depends on.
    pub size: u64,
    /// Distance in input pixels between neighbouring output units (the product of strides).
    pub jump: u64,
}

/// The receptive field after layers given as (kernel, stride), input side first:
/// r₀ = 1, j₀ = 1; each layer r ← r + (k − 1)·j, j ← j·s. An empty stack sees one pixel.
/// A kernel or stride of 0 is refused.
pub fn receptive_field(layers: &[(usize, usize)]) -> Result<ReceptiveField> {
    let mut rf = ReceptiveField { size: 1, jump: 1 };
    for &(k, s) in layers {
        if k == 0 {
            return Err(CnnError::OutOfRange { what: "kernel size", value: 0, min: 1, max: usize::MAX });
        }
        if s == 0 {
            return Err(CnnError::ZeroStride { op: "receptive field" });
        }
        rf.size = plus("receptive field", rf.size, mul("receptive field", (k - 1) as u64, rf.jump)?)?;
        rf.jump = mul("receptive field jump", rf.jump, s as u64)?;
    }
    Ok(rf)
}

/// Parameters of a convolution with c_out filters of f×f×c_in and one bias each:
/// (f·f·c_in + 1)·c_out.
pub fn conv_layer_params(f: usize, c_in: usize, c_out: usize) -> Result<u64> {
    let per_filter = plus(
        "convolution parameters",
        mul("convolution parameters", mul("convolution parameters", f as u64, f as u64)?, c_in as u64)?,
        1,
    )?;
    mul("convolution parameters", per_filter, c_out as u64)
}

/// Parameters of a dense layer with biases: (n_in + 1)·n_out.
pub fn dense_layer_params(n_in: usize, n_out: usize) -> Result<u64> {
    mul("dense parameters", plus("dense parameters", n_in as u64, 1)?, n_out as u64)
}

/// Weights of one fully connected neuron looking at a whole h×w×c image: h·w·c.
pub fn fully_connected_neuron_weights(h: usize, w: usize, c: usize) -> Result<u64> {
    mul("fully connected weights", mul("fully connected weights", h as u64, w as u64)?, c as u64)
}

/// Weights of one f×f kernel over c channels, shared by every position: f·f·c.
pub fn shared_kernel_weights(f: usize, c: usize) -> Result<u64> {
    mul("kernel weights", mul("kernel weights", f as u64, f as u64)?, c as u64)
}

/// The lecture's comparison for one image and one kernel size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightSharing {
    /// Weights of one fully connected neuron on the whole image.
    pub fully_connected: u64,
    /// Weights of one shared kernel.
    pub shared_kernel: u64,
}

impl WeightSharing {
    /// How many times fewer weights the shared kernel needs (rounded down; 0 if the kernel
    /// has no weights).
    pub fn ratio(&self) -> u64 {
        self.fully_connected.checked_div(self.shared_kernel).unwrap_or(0)
    }
}

/// Compares a fully connected neuron on an h×w×c image with a shared f×f×c kernel.
pub fn weight_sharing(h: usize, w: usize, c: usize, f: usize) -> Result<WeightSharing> {
    Ok(WeightSharing {
        fully_connected: fully_connected_neuron_weights(h, w, c)?,
        shared_kernel: shared_kernel_weights(f, c)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The lecture: a neuron fully connected to a 100×100×1 image needs 10,000 weights; a
    // 5×5 kernel shared over all positions needs 25.
    #[test]
    fn lecture_weight_sharing() {
        assert_eq!(fully_connected_neuron_weights(100, 100, 1), Ok(10_000));
        assert_eq!(shared_kernel_weights(5, 1), Ok(25));
        let c = weight_sharing(100, 100, 1, 5).unwrap();
        assert_eq!((c.fully_connected, c.shared_kernel, c.ratio()), (10_000, 25, 400));
        assert_eq!(WeightSharing { fully_connected: 5, shared_kernel: 0 }.ratio(), 0);
    }

    #[test]
    fn layer_parameter_formulas() {
        // AlexNet's (torchvision) conv1: (11·11·3 + 1)·64 = 23,296; VGG's first conv 1,792.
        assert_eq!(conv_layer_params(11, 3, 64), Ok(23_296));
        assert_eq!(conv_layer_params(3, 3, 64), Ok(1_792));
        // The reference workload: conv1 80, conv2 1,168, dense (256 + 1)·5 = 1,285.
        assert_eq!(conv_layer_params(3, 1, 8), Ok(80));
        assert_eq!(conv_layer_params(3, 8, 16), Ok(1_168));
        assert_eq!(dense_layer_params(256, 5), Ok(1_285));
        assert_eq!(dense_layer_params(4096, 1000), Ok(4_097_000));
        assert!(conv_layer_params(usize::MAX, usize::MAX, 2).is_err());
        assert!(dense_layer_params(usize::MAX, usize::MAX).is_err());
        assert!(fully_connected_neuron_weights(usize::MAX, usize::MAX, 2).is_err());
        assert!(shared_kernel_weights(usize::MAX, 2).is_err());
    }

    #[test]
    fn receptive_fields() {
        // Two 3×3 convolutions see 5×5, three see 7×7 (VGG's argument).
        assert_eq!(receptive_field(&[(3, 1), (3, 1)]).unwrap().size, 5);
        assert_eq!(receptive_field(&[(3, 1), (3, 1), (3, 1)]).unwrap().size, 7);
        // conv 3 → pool 2/2 → conv 3: 1 + 2 + 1 + 2·2 = 8, jump 2.
        assert_eq!(receptive_field(&[(3, 1), (2, 2), (3, 1)]), Ok(ReceptiveField { size: 8, jump: 2 }));
        // AlexNet (torchvision) up to pool5: 195 pixels, jump 32.
        let alex = [(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1), (3, 1), (3, 2)];
        assert_eq!(receptive_field(&alex), Ok(ReceptiveField { size: 195, jump: 32 }));
        assert_eq!(receptive_field(&[]), Ok(ReceptiveField { size: 1, jump: 1 }));
        assert_eq!(receptive_field(&[(3, 0)]), Err(CnnError::ZeroStride { op: "receptive field" }));
        assert!(receptive_field(&[(0, 1)]).is_err());
        assert!(receptive_field(&[(2, usize::MAX); 4]).is_err());
    }
}
