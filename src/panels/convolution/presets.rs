//! The convolution panel's presets: the lecture's examples and classic textbook figures.

use super::state::PadChoice;

/// A ready-made example.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// One or two sentences shown under the controls when the preset is loaded.
    pub note: &'static str,
    pub input: &'static [&'static [f32]],
    pub kernel: &'static [&'static [f32]],
    pub bias: f32,
    pub padding: PadChoice,
    pub stride: usize,
}

/// The 5×5 input of conv_arithmetic's first figure, which the lecture also pools.
const ARITHMETIC_INPUT: &[&[f32]] = &[
    &[3.0, 3.0, 2.0, 1.0, 0.0],
    &[0.0, 0.0, 1.0, 3.0, 1.0],
    &[3.0, 1.0, 2.0, 2.0, 3.0],
    &[2.0, 0.0, 0.0, 2.0, 2.0],
    &[2.0, 0.0, 0.0, 0.0, 1.0],
];
const ARITHMETIC_KERNEL: &[&[f32]] = &[&[0.0, 1.0, 2.0], &[2.0, 2.0, 0.0], &[0.0, 1.0, 2.0]];

/// Only the top-left 2×2 (105, 102 / 103, 99) is in the lecture; the rest is filled in with
/// plausible gray levels of a smooth patch of photo.
const SHARPEN_INPUT: &[&[f32]] = &[
    &[105.0, 102.0, 100.0, 97.0, 96.0],
    &[103.0, 99.0, 103.0, 101.0, 102.0],
    &[101.0, 98.0, 104.0, 102.0, 100.0],
    &[99.0, 101.0, 106.0, 104.0, 99.0],
    &[104.0, 104.0, 104.0, 100.0, 98.0],
];
const SHARPEN_KERNEL: &[&[f32]] = &[&[0.0, -1.0, 0.0], &[-1.0, 5.0, -1.0], &[0.0, -1.0, 0.0]];

const B: f32 = 10.0;
const VERTICAL_EDGE_INPUT: &[&[f32]] = &[
    &[B, B, B, 0.0, 0.0, 0.0],
    &[B, B, B, 0.0, 0.0, 0.0],
    &[B, B, B, 0.0, 0.0, 0.0],
    &[B, B, B, 0.0, 0.0, 0.0],
    &[B, B, B, 0.0, 0.0, 0.0],
    &[B, B, B, 0.0, 0.0, 0.0],
];
const VERTICAL_EDGE_KERNEL: &[&[f32]] = &[&[1.0, 0.0, -1.0], &[1.0, 0.0, -1.0], &[1.0, 0.0, -1.0]];
const HORIZONTAL_EDGE_INPUT: &[&[f32]] = &[
    &[B, B, B, B, B, B],
    &[B, B, B, B, B, B],
    &[B, B, B, B, B, B],
    &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
];
const HORIZONTAL_EDGE_KERNEL: &[&[f32]] = &[&[1.0, 1.0, 1.0], &[0.0, 0.0, 0.0], &[-1.0, -1.0, -1.0]];

const FLOOR_INPUT: &[&[f32]] = &[
    &[1.0, 2.0, 0.0, 1.0, 3.0, 2.0],
    &[0.0, 1.0, 2.0, 3.0, 1.0, 0.0],
    &[2.0, 1.0, 0.0, 1.0, 2.0, 1.0],
    &[1.0, 0.0, 1.0, 2.0, 0.0, 3.0],
    &[3.0, 2.0, 1.0, 0.0, 1.0, 2.0],
    &[0.0, 1.0, 3.0, 2.0, 1.0, 0.0],
];
const ONES_3X3: &[&[f32]] = &[&[1.0, 1.0, 1.0], &[1.0, 1.0, 1.0], &[1.0, 1.0, 1.0]];

/// Every preset, in the order the preset menu lists them. The first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "arithmetic",
        title: "5×5 input, 3×3 kernel (valid)",
        note: "The first figure of Dumoulin and Visin's convolution-arithmetic guide: no padding, stride 1, so a 5×5 input gives a 3×3 feature map.",
        input: ARITHMETIC_INPUT,
        kernel: ARITHMETIC_KERNEL,
        bias: 0.0,
        padding: PadChoice::Valid,
        stride: 1,
    },
    Preset {
        id: "sharpen",
        title: "Lecture: sharpen kernel, zero padding (first output 320)",
        note: "The lecture's worked example: a sharpen kernel over a zero-padded gray image. Only the top-left values 105, 102, 103 and 99 survive in the lecture; the other pixels are plausible values we filled in.",
        input: SHARPEN_INPUT,
        kernel: SHARPEN_KERNEL,
        bias: 0.0,
        padding: PadChoice::P(1),
        stride: 1,
    },
    Preset {
        id: "vertical-edge",
        title: "Vertical-edge detector",
        note: "Bright on the left, dark on the right. The kernel adds the left column and subtracts the right one, so it answers strongly only where brightness changes from left to right.",
        input: VERTICAL_EDGE_INPUT,
        kernel: VERTICAL_EDGE_KERNEL,
        bias: 0.0,
        padding: PadChoice::Valid,
        stride: 1,
    },
    Preset {
        id: "horizontal-edge",
        title: "Horizontal-edge detector",
        note: "Bright on top, dark below. The same idea turned by 90°: the kernel compares the row above with the row below.",
        input: HORIZONTAL_EDGE_INPUT,
        kernel: HORIZONTAL_EDGE_KERNEL,
        bias: 0.0,
        padding: PadChoice::Valid,
        stride: 1,
    },
    Preset {
        id: "stride2",
        title: "Stride 2 with padding 1",
        note: "The kernel jumps two cells at a time. With one ring of zeros, a 5×5 input gives a 3×3 map.",
        input: ARITHMETIC_INPUT,
        kernel: ARITHMETIC_KERNEL,
        bias: 0.0,
        padding: PadChoice::P(1),
        stride: 2,
    },
    Preset {
        id: "floor",
        title: "When the stride does not fit (the floor)",
        note: "6 − 3 = 3 is not a multiple of the stride 2, so the kernel can take only one step of 2 and the last row and column are never covered.",
        input: FLOOR_INPUT,
        kernel: ONES_3X3,
        bias: 0.0,
        padding: PadChoice::Valid,
        stride: 2,
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
