//! The kernels offered on the image panel: classic 3×3 filters of image processing. The
//! weights are small whole numbers (or, for the blur, sixteenths) so every product can be
//! checked by hand.

/// A named kernel.
#[derive(Debug, PartialEq)]
pub struct KernelPreset {
    /// The name used in links (`kernel=edge`); never renamed.
    pub id: &'static str,
    pub title: &'static str,
    /// What the kernel does to a picture, in a sentence.
    pub note: &'static str,
    pub rows: &'static [&'static [f32]],
}

pub const KERNELS: &[KernelPreset] = &[
    KernelPreset {
        id: "edge",
        title: "Edges (all directions)",
        note: "The centre counts 8 times, each neighbour −1: where the window is flat the weights cancel to 0, and where the centre differs from its surroundings the result is large — outlines light up in every direction.",
        rows: &[&[-1.0, -1.0, -1.0], &[-1.0, 8.0, -1.0], &[-1.0, -1.0, -1.0]],
    },
    KernelPreset {
        id: "vertical-edge",
        title: "Vertical edges",
        note: "Left column minus right column: positive where bright is left of dark, negative the other way round, 0 on flat areas.",
        rows: &[&[1.0, 0.0, -1.0], &[1.0, 0.0, -1.0], &[1.0, 0.0, -1.0]],
    },
    KernelPreset {
        id: "horizontal-edge",
        title: "Horizontal edges",
        note: "Top row minus bottom row: positive where bright lies above dark.",
        rows: &[&[1.0, 1.0, 1.0], &[0.0, 0.0, 0.0], &[-1.0, -1.0, -1.0]],
    },
    KernelPreset {
        id: "sharpen",
        title: "Sharpen",
        note: "The lecture's sharpen kernel: five times the centre minus its four neighbours. Flat areas keep their value (5 − 4 = 1), differences are exaggerated.",
        rows: &[&[0.0, -1.0, 0.0], &[-1.0, 5.0, -1.0], &[0.0, -1.0, 0.0]],
    },
    KernelPreset {
        id: "blur",
        title: "Blur",
        note: "A weighted average (the weights add up to 1): the centre counts most, the corners least. Each pixel becomes a mix of its neighbourhood, so edges soften.",
        rows: &[&[0.0625, 0.125, 0.0625], &[0.125, 0.25, 0.125], &[0.0625, 0.125, 0.0625]],
    },
    KernelPreset {
        id: "emboss",
        title: "Emboss",
        note: "Bottom-right minus top-left, plus the centre: edges facing one way turn bright, the other way dark, as if the picture were lit from the side.",
        rows: &[&[-2.0, -1.0, 0.0], &[-1.0, 1.0, 1.0], &[0.0, 1.0, 2.0]],
    },
    KernelPreset {
        id: "identity",
        title: "Identity",
        note: "A single 1 in the centre: every output is the pixel under the centre, so the feature map is the gray picture itself, one pixel smaller on each side.",
        rows: &[&[0.0, 0.0, 0.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0]],
    },
];

/// The kernel with this link name.
pub fn find(id: &str) -> Option<usize> {
    KERNELS.iter().position(|k| k.id == id)
}

/// A kernel's weights as rows.
pub fn rows(i: usize) -> Vec<Vec<f32>> {
    KERNELS.get(i).map_or_else(|| vec![vec![1.0]], |k| k.rows.iter().map(|r| r.to_vec()).collect())
}

/// The preset whose weights are exactly these, if any (so a typed kernel that equals a
/// preset is linked by its name).
pub fn matching(rows: &[Vec<f32>]) -> Option<usize> {
    KERNELS.iter().position(|k| k.rows.len() == rows.len() && k.rows.iter().zip(rows).all(|(a, b)| *a == b.as_slice()))
}
