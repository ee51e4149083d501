//! The pipeline panel's examples: small gray images the two line detectors either answer to or
//! not, and the network's default parameters. All made up for this panel (the lecture's Figure
//! 7.11 shows the structure, not numbers); chosen so the arithmetic can be checked by hand.

/// Side of the input image (fixed, so every later shape is fixed too).
pub const SIDE: usize = 6;
/// Kernel side and number of filters.
pub const K: usize = 3;
pub const FILTERS: usize = 2;
/// Classes of the fully connected layer.
pub const CLASSES: usize = 3;
/// Length of the flattened vector: 2 × 2 positions × 2 channels.
pub const FEATURES: usize = 8;
/// The class names (short: they go into links).
pub const NAMES: [&str; CLASSES] = ["vertical", "horizontal", "none"];

/// Filter 1 answers to a bright vertical line one pixel wide (+2 on it, −1 either side);
/// filter 2 is the same turned by 90°, for horizontal lines.
pub const KERNELS: [[[f32; K]; K]; FILTERS] = [
    [[-1.0, 2.0, -1.0], [-1.0, 2.0, -1.0], [-1.0, 2.0, -1.0]],
    [[-1.0, -1.0, -1.0], [2.0, 2.0, 2.0], [-1.0, -1.0, -1.0]],
];

/// The dense weights, one row per class, over the 8 flattened features. Flatten reads the
/// pooled maps position by position, both channels at each position, so even entries come
/// from filter 1 (vertical) and odd ones from filter 2 (horizontal). "vertical" adds up
/// filter 1's evidence and subtracts filter 2's; "horizontal" the reverse; "none" is
/// lowered by any evidence but starts from a bias of 1.
pub const WEIGHTS: [[f32; 8]; CLASSES] = [
    [0.25, -0.25, 0.25, -0.25, 0.25, -0.25, 0.25, -0.25],
    [-0.25, 0.25, -0.25, 0.25, -0.25, 0.25, -0.25, 0.25],
    [-0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25],
];
pub const BIAS: [f32; CLASSES] = [0.0, 0.0, 1.0];

/// A ready-made input image and its true class.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub image: [[f32; SIDE]; SIDE],
    pub label: usize,
}

const O: f32 = 0.0;
const I: f32 = 1.0;

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "vertical-bar",
        title: "Vertical bar",
        note: "A bright line in column 3. Filter 1 fires along it, filter 2 stays silent, and the network is almost sure: vertical.",
        image: [[O, O, I, O, O, O]; SIDE],
        label: 0,
    },
    Preset {
        id: "horizontal-bar",
        title: "Horizontal bar",
        note: "The same line lying down in row 3: now only filter 2 fires.",
        image: [[O; SIDE], [O; SIDE], [I; SIDE], [O; SIDE], [O; SIDE], [O; SIDE]],
        label: 1,
    },
    Preset {
        id: "noisy-vertical",
        title: "Faint, noisy vertical bar",
        note: "A dimmer vertical line with some speckle: the evidence is weaker, so the network is less sure.",
        // Quarters only, so every sum is exact and no rounding dust (−5.96e−8) appears.
        image: [
            [0.25, O, 0.75, O, O, O],
            [O, 0.25, 0.5, O, O, O],
            [O, O, 0.75, O, 0.25, O],
            [0.25, O, 0.5, O, O, O],
            [O, O, 0.75, O, O, 0.25],
            [O, O, 0.5, 0.25, O, O],
        ],
        label: 0,
    },
    Preset {
        id: "blank",
        title: "Blank image",
        note: "Nothing to see: every feature is 0, so only the biases speak and “none” wins, though not by much.",
        image: [[O; SIDE]; SIDE],
        label: 2,
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// A preset's image as rows.
pub fn image_rows(p: &Preset) -> Vec<Vec<f32>> {
    p.image.iter().map(|r| r.to_vec()).collect()
}

pub fn kernel_rows(k: usize) -> Vec<Vec<f32>> {
    KERNELS[k].iter().map(|r| r.to_vec()).collect()
}

pub fn weight_rows() -> Vec<Vec<f32>> {
    WEIGHTS.iter().map(|r| r.to_vec()).collect()
}
