//! The one-hot panel's examples: the lecture's colours and its four-category people example,
//! and the five classes of the homework's images.

use crate::cnn::CLASS_NAMES;

/// A ready-made example.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub categories: &'static [&'static str],
    pub samples: &'static [&'static str],
    /// The vector to check.
    pub vector: &'static str,
}

/// Every preset, in menu order; the first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "colours",
        title: "Lecture: red, yellow, green",
        note: "The lecture's colour table: five samples, three colours, one column per colour.",
        categories: &["red", "yellow", "green"],
        samples: &["Red", "Red", "Yellow", "Green", "Yellow"],
        vector: "0, 0, 0, 1, 0",
    },
    Preset {
        id: "people",
        title: "Lecture: male, female, gender-neutral, other",
        note: "The lecture's four categories and the ten people met on the street: 4 female, 3 male, 1 gender-neutral and 2 other. The lecture's printed array has only 9 rows — one of the three male rows is missing, and its “// male” comment sits one row too early, on the fourth female row. All 10 are encoded here.",
        categories: &["male", "female", "gender-neutral", "other"],
        samples: &["female", "female", "female", "female", "male", "male", "male", "gender-neutral", "other", "other"],
        vector: "0, 1, 0, 1",
    },
    Preset {
        id: "homework",
        title: "The homework's five image classes",
        note: "The five classes of the homework's images. The lecture's [0,0,0,1,0] is a valid label for a five-class dataset: its 1 is at index 3 (counting from 0, as arrays do), which is the 4th position.",
        categories: &CLASS_NAMES,
        samples: &["square", "plus", "diagonal", "horizontal bar", "vertical bar", "square"],
        vector: "0, 0, 0, 1, 0",
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
