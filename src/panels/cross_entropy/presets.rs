//! The cross-entropy panel's examples: the lecture's five-class example (with the numbers it
//! printed), a real softmax output, a confident mistake and a perfect prediction.

use crate::cnn::LogBase;

/// What the lecture printed for its example, all in bits except `loss_nats`.
#[derive(Debug, PartialEq)]
pub struct Lecture {
    pub loss_bits: &'static str,
    pub loss_nats: &'static str,
    /// "If the true class were k": one printed value per class.
    pub per_class: &'static [&'static str],
    pub cost: &'static str,
    pub per_class_note: &'static str,
    pub cost_note: &'static str,
}

/// A ready-made example: one target and prediction, and a batch of (class index, prediction).
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub target: &'static str,
    pub probs: &'static [f32],
    pub base: LogBase,
    pub batch: &'static [(usize, &'static [f32])],
    pub lecture: Option<Lecture>,
}

const LECTURE_Q: &[f32] = &[0.1, 0.52, 0.3, 0.08, 0.27];
/// The lecture's rounded softmax output for dog, cat, horse, cheetah (see the softmax panel).
const ANIMALS_Q: &[f32] = &[0.775, 0.116, 0.039, 0.070];

/// Every preset, in menu order; the first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "lecture",
        title: "Lecture: [1 0 0 0 0] vs [0.1 0.52 0.3 0.08 0.27]",
        note: "The lecture's example: five classes, the true class is the first, and the model gave it only 0.1. Its cost J treats the five rows of the per-class table as five examples — the same prediction, with the true class 1, 2, 3, 4 and 5 in turn.",
        target: "1, 0, 0, 0, 0",
        probs: LECTURE_Q,
        base: LogBase::Two,
        batch: &[(0, LECTURE_Q), (1, LECTURE_Q), (2, LECTURE_Q), (3, LECTURE_Q), (4, LECTURE_Q)],
        lecture: Some(Lecture {
            loss_bits: "3.322",
            loss_nats: "2.303",
            per_class: &["3.322", "0.9434", "1.685", "3.644", "1.889"],
            cost: "2.2967",
            per_class_note: "For class 3 the lecture prints −log₂(0.3) = 1.685; the logarithm gives 1.737. Its other values are the exact ones rounded.",
            cost_note: "The lecture's J = 2.2967 is the mean of its printed values, 1.685 included. With the exact value for class 3 the mean is the one computed here.",
        }),
    },
    Preset {
        id: "softmax",
        title: "A real softmax output (dog, cat, horse, cheetah)",
        note: "The softmax panel's lecture example, rounded as the lecture prints it: the image is a dog, and the model gave dog 0.775. These four values do add up to 1.",
        target: "0",
        probs: ANIMALS_Q,
        base: LogBase::Two,
        batch: &[(0, ANIMALS_Q), (1, ANIMALS_Q), (3, ANIMALS_Q)],
        lecture: None,
    },
    Preset {
        id: "zero",
        title: "A confident mistake: q = 0 for the true class",
        note: "The true class is the first, but the model gave it probability 0. The loss is infinite, and so is the mean of any batch that contains this example.",
        target: "0",
        probs: &[0.0, 0.6, 0.4],
        base: LogBase::E,
        batch: &[(0, &[0.0, 0.6, 0.4]), (1, &[0.0, 0.6, 0.4])],
        lecture: None,
    },
    Preset {
        id: "perfect",
        title: "A perfect prediction",
        note: "The model gave the true class probability 1: log 1 = 0, so the loss is 0 — the smallest a cross-entropy can be.",
        target: "2",
        probs: &[0.0, 0.0, 1.0],
        base: LogBase::Two,
        batch: &[(2, &[0.0, 0.0, 1.0]), (0, &[0.5, 0.25, 0.25])],
        lecture: None,
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
