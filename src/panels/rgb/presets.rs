//! The colour panel's examples. The lecture's Figures 7.2 (a 4×4×3 image) and 7.5 (a 5×5×3
//! image, a 3×3×3 kernel, bias 1) are pictures whose numbers the lecture's text does not
//! keep, so the values here are ours; the shapes, the stride 1 and the bias 1 are the lecture's.

use crate::panels::convolution::state::PadChoice;

type Plane = &'static [&'static [f32]];

/// A ready-made example: 3 input planes (R, G, B), one or more 3-deep kernels with a bias each.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub input: &'static [Plane],
    /// filters × channels × rows × columns.
    pub kernels: &'static [&'static [Plane]],
    pub bias: &'static [f32],
    pub padding: PadChoice,
    pub stride: usize,
}

const R5: Plane = &[&[0.0, 1.0, 2.0, 1.0, 0.0], &[1.0, 2.0, 2.0, 0.0, 1.0], &[2.0, 2.0, 1.0, 0.0, 0.0], &[1.0, 0.0, 0.0, 1.0, 2.0], &[0.0, 1.0, 2.0, 2.0, 1.0]];
const G5: Plane = &[&[1.0, 0.0, 0.0, 2.0, 2.0], &[0.0, 1.0, 1.0, 2.0, 1.0], &[2.0, 0.0, 1.0, 1.0, 0.0], &[1.0, 1.0, 0.0, 2.0, 0.0], &[2.0, 0.0, 1.0, 0.0, 1.0]];
const B5: Plane = &[&[2.0, 2.0, 1.0, 0.0, 0.0], &[1.0, 0.0, 0.0, 1.0, 2.0], &[0.0, 1.0, 2.0, 2.0, 1.0], &[2.0, 1.0, 0.0, 0.0, 1.0], &[1.0, 2.0, 1.0, 0.0, 0.0]];
const K_R: Plane = &[&[1.0, 0.0, -1.0], &[0.0, 1.0, 0.0], &[-1.0, 0.0, 1.0]];
const K_G: Plane = &[&[0.0, 1.0, 0.0], &[1.0, -1.0, 1.0], &[0.0, 1.0, 0.0]];
const K_B: Plane = &[&[-1.0, 0.0, 0.0], &[0.0, 0.0, 1.0], &[1.0, -1.0, 0.0]];
const LECTURE_KERNEL: &[Plane] = &[K_R, K_G, K_B];
const ONES: Plane = &[&[1.0, 1.0, 1.0], &[1.0, 1.0, 1.0], &[1.0, 1.0, 1.0]];
const ZEROS: Plane = &[&[0.0, 0.0, 0.0], &[0.0, 0.0, 0.0], &[0.0, 0.0, 0.0]];
const MINUS: Plane = &[&[-1.0, -1.0, -1.0], &[-1.0, -1.0, -1.0], &[-1.0, -1.0, -1.0]];
/// Red minus blue, summed over the window: large where the patch is reddish.
const REDNESS: &[Plane] = &[ONES, ZEROS, MINUS];

// A 4×4 photo-like patch in 0–255: a red square top-left, a blue corner bottom-right.
const R4: Plane = &[&[220.0, 200.0, 60.0, 20.0], &[210.0, 190.0, 70.0, 30.0], &[80.0, 60.0, 40.0, 20.0], &[30.0, 20.0, 10.0, 0.0]];
const G4: Plane = &[&[40.0, 50.0, 160.0, 180.0], &[30.0, 60.0, 170.0, 150.0], &[90.0, 100.0, 80.0, 60.0], &[40.0, 50.0, 40.0, 30.0]];
const B4: Plane = &[&[30.0, 40.0, 50.0, 40.0], &[20.0, 40.0, 60.0, 70.0], &[60.0, 90.0, 180.0, 200.0], &[50.0, 80.0, 210.0, 240.0]];
const CENTRE: Plane = &[&[0.0, 0.0, 0.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0]];
const AVG_R: Plane = CENTRE;
const AVG_G: Plane = ZEROS;
const AVG_B: Plane = &[&[0.0, 0.0, 0.0], &[0.0, -1.0, 0.0], &[0.0, 0.0, 0.0]];
const PIXEL_REDNESS: &[Plane] = &[AVG_R, AVG_G, AVG_B];

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "lecture",
        title: "Lecture Fig. 7.5: 5×5×3 image, 3×3×3 kernel, bias 1",
        note: "As in the lecture's Figure 7.5: a 5×5×3 input, one 3×3×3 kernel, stride 1, bias 1, no padding, so one 3×3 feature map. (The figure's own numbers are not in the lecture's text; these are ours.)",
        input: &[R5, G5, B5],
        kernels: &[LECTURE_KERNEL],
        bias: &[1.0],
        padding: PadChoice::Valid,
        stride: 1,
    },
    Preset {
        id: "photo4",
        title: "Lecture Fig. 7.2: a 4×4×3 colour patch, “same” padding",
        note: "A 4×4×3 image like the lecture's Figure 7.2 (values 0–255). The kernel takes each pixel's red minus its blue, so the map is high on the red square and negative on the blue corner; “same” padding keeps it 4×4.",
        input: &[R4, G4, B4],
        kernels: &[PIXEL_REDNESS],
        bias: &[1.0],
        padding: PadChoice::Same,
        stride: 1,
    },
    Preset {
        id: "two-filters",
        title: "Two filters: a stack of two feature maps",
        note: "Two 3×3×3 kernels over the same 5×5×3 image, each with its own bias: each gives one 3×3 map, and the two maps stack into a 3×3×2 output — the depth of a layer's output is its number of filters.",
        input: &[R5, G5, B5],
        kernels: &[LECTURE_KERNEL, REDNESS],
        bias: &[1.0, 0.0],
        padding: PadChoice::Valid,
        stride: 1,
    },
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
