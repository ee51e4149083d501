//! The softmax panel's examples: the lecture's two, with the values it printed, and two that
//! show what the max-subtraction and equal scores do.

/// What the lecture printed for an example's probabilities.
#[derive(Debug, PartialEq)]
pub struct Lecture {
    /// The probabilities as printed, in class order.
    pub printed: &'static [&'static str],
    /// How many decimals the lecture kept.
    pub decimals: usize,
    /// What differs between the lecture and the exact computation, in a sentence or two.
    pub note: &'static str,
}

/// A ready-made example.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub names: &'static [&'static str],
    pub logits: &'static [f32],
    pub lecture: Option<Lecture>,
}

/// Every preset, in menu order; the first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "animals",
        title: "Lecture: dog, cat, horse, cheetah",
        note: "The lecture's four-class example: the last layer scored an image 3.2 for dog, 1.3 for cat, 0.2 for horse and 0.8 for cheetah.",
        names: &["dog", "cat", "horse", "cheetah"],
        logits: &[3.2, 1.3, 0.2, 0.8],
        lecture: Some(Lecture {
            printed: &["0.775", "0.116", "0.039", "0.070"],
            decimals: 3,
            note: "In its second form of each fraction the lecture writes 2.7183^0.2 twice in the denominator; the last term should be 2.7183^0.8 (the cheetah's score). Its results were computed with the right denominator and rounded to 3 decimals. It also rounds e to 2.7183; the app uses e at full precision.",
        }),
    },
    Preset {
        id: "three",
        title: "Lecture: [2.0, 1.0, 0.1]",
        note: "The lecture's second example: three scores y = [2.0, 1.0, 0.1].",
        names: &["first", "second", "third"],
        logits: &[2.0, 1.0, 0.1],
        lecture: Some(Lecture {
            printed: &["0.7", "0.2", "0.1"],
            decimals: 1,
            note: "The lecture prints [0.7, 0.2, 0.1]: the exact probabilities rounded to one decimal. Rounded that much they still add up to 1; the table shows the exact values beside them.",
        }),
    },
    Preset {
        id: "huge",
        title: "Huge scores (±1000)",
        note: "Scores of the order of ±1000. Only the differences between scores matter: cat and dog differ by 1, exactly as scores 1 and 0 would, and car is hopelessly far behind.",
        names: &["cat", "dog", "car"],
        logits: &[1000.0, 999.0, -1000.0],
        lecture: None,
    },
    Preset {
        id: "equal",
        title: "Equal scores",
        note: "When every score is the same, every exponential is the same and each class gets 1/n of the probability, whatever the temperature.",
        names: &["A", "B", "C", "D"],
        logits: &[0.5, 0.5, 0.5, 0.5],
        lecture: None,
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
