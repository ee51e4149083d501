//! The fully connected panel's starting example.
//!
//! The input is the lecture's 5×5 feature (Figure 7.8) after 2×2 max pooling at stride 2
//! (3 3 / 3 2, see the pooling panel's `lecture-2x2` preset), flattened: 3, 3, 3, 2. The
//! weights and biases are small made-up numbers, chosen so every product is exact:
//! y = (2.25, 1.5, 3.5), with 4·3 + 3 = 15 parameters.

pub const INPUT: &[f32] = &[3.0, 3.0, 3.0, 2.0];
/// One row per output neuron (out × in, the core's layout).
pub const WEIGHTS: &[&[f32]] = &[&[0.5, -1.0, 0.25, 1.0], &[1.0, 0.0, -0.5, 0.5], &[-0.5, 0.5, 1.0, 0.0]];
pub const BIAS: &[f32] = &[1.0, -1.0, 0.5];
