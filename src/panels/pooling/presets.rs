//! The pooling panel's presets. Each fixes the input, the window and the stride; max or
//! average is chosen separately and kept when a preset is loaded.

/// A ready-made example.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// One or two sentences shown under the controls when the preset is loaded.
    pub note: &'static str,
    pub input: &'static [&'static [f32]],
    /// The window's side (windows are square).
    pub size: usize,
    pub stride: usize,
}

/// The lecture's 5×5 "convolved feature" of Figure 7.8 (it is also the input of Dumoulin and
/// Visin's convolution-arithmetic figures, whose pooling figures give 3 3 3 / 3 3 3 / 3 2 3
/// for max and 1.7 1.7 1.7 / 1.0 1.2 1.8 / 1.1 0.8 1.3 for average).
const LECTURE_FEATURE: &[&[f32]] = &[
    &[3.0, 3.0, 2.0, 1.0, 0.0],
    &[0.0, 0.0, 1.0, 3.0, 1.0],
    &[3.0, 1.0, 2.0, 2.0, 3.0],
    &[2.0, 0.0, 0.0, 2.0, 2.0],
    &[2.0, 0.0, 0.0, 0.0, 1.0],
];

/// The 4×4 max-pooling example of the CS231n course notes (max 6 8 / 3 4).
const HALVE_INPUT: &[&[f32]] = &[
    &[1.0, 1.0, 2.0, 4.0],
    &[5.0, 6.0, 7.0, 8.0],
    &[3.0, 2.0, 1.0, 0.0],
    &[1.0, 2.0, 3.0, 4.0],
];

/// Every preset, in menu order. The first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "lecture",
        title: "Lecture Fig. 7.8: 3×3 windows, stride 1",
        note: "The lecture's Figure 7.8: a 3×3 window moves one cell at a time over the 5×5 convolved feature. The windows overlap, so one value can win several windows; the output is 3×3.",
        input: LECTURE_FEATURE,
        size: 3,
        stride: 1,
    },
    Preset {
        id: "lecture-2x2",
        title: "Lecture feature: 2×2, stride 2",
        note: "Stride 2, as in the lecture's Figure 7.9: the windows no longer overlap. 5 − 2 = 3 is not a multiple of 2, so the last row and column never fall in a window and are lost.",
        input: LECTURE_FEATURE,
        size: 2,
        stride: 2,
    },
    Preset {
        id: "halve",
        title: "4×4 map: 2×2, stride 2 (halves it)",
        note: "The usual pooling layer: every value falls in exactly one window and each side is halved, 4×4 to 2×2 (the example of Stanford's CS231n notes).",
        input: HALVE_INPUT,
        size: 2,
        stride: 2,
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
