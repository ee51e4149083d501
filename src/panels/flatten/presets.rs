//! Examples for the flatten panel (loaded by buttons; a link carries the values themselves).

/// A ready-made feature map or stack of maps.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    /// One matrix per channel.
    pub channels: &'static [&'static [&'static [f32]]],
}

/// Every example, in the order the buttons list them. The first is the default.
pub const EXAMPLES: &[Example] = &[
    // The lecture's Figure 7.10 flattens a 3×3 feature into a 9×1 vector; its values are not
    // in the text, so 1…9 make the reading order plain to see.
    Example {
        id: "figure",
        title: "3×3 map (lecture Figure 7.10)",
        channels: &[&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0], &[7.0, 8.0, 9.0]]],
    },
    // Two channels whose values differ by a factor of 10, so the interleaving shows.
    Example {
        id: "two-channels",
        title: "Two 2×2 channels",
        channels: &[&[&[1.0, 2.0], &[3.0, 4.0]], &[&[10.0, 20.0], &[30.0, 40.0]]],
    },
    // A tiny colour image: each pixel's red, green and blue stay together in the vector.
    Example {
        id: "rgb",
        title: "A 2×2 colour image (3 channels)",
        channels: &[
            &[&[255.0, 0.0], &[0.0, 128.0]],
            &[&[0.0, 255.0], &[0.0, 128.0]],
            &[&[0.0, 0.0], &[255.0, 128.0]],
        ],
    },
];

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
