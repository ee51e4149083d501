//! The pictures that come with the app (static/images, made for ConvLab, CC0; drawn by
//! scripts/make_images.py). Their sizes are listed here so that a link's `step` can be
//! checked before the picture has loaded.

/// A bundled picture.
#[derive(Debug, PartialEq)]
pub struct Bundled {
    /// The name used in links (`image=house`); never renamed.
    pub id: &'static str,
    pub title: &'static str,
    /// The file, relative to the app's root.
    pub path: &'static str,
    /// Width and height of the file, before downscaling.
    pub width: usize,
    pub height: usize,
}

pub const IMAGES: &[Bundled] = &[
    Bundled { id: "house", title: "House", path: "images/house.png", width: 128, height: 96 },
    Bundled { id: "checkerboard", title: "Checkerboard", path: "images/checkerboard.png", width: 96, height: 96 },
    Bundled { id: "ball", title: "Shaded ball", path: "images/ball.png", width: 128, height: 128 },
    Bundled { id: "letters", title: "Letters CNN", path: "images/letters.png", width: 160, height: 64 },
];

/// The picture with this link name.
pub fn find(id: &str) -> Option<usize> {
    IMAGES.iter().position(|b| b.id == id)
}

/// The size a picture is drawn at: unchanged when both sides are at most `max`, otherwise
/// scaled down so the longer side is `max`, keeping the aspect ratio (rounded, at least 1).
pub fn fit(width: usize, height: usize, max: usize) -> (usize, usize) {
    if width <= max && height <= max {
        return (width, height);
    }
    // In u64: a browser may report sides whose product with `max` overflows a 32-bit usize.
    let scaled = |short: usize, long: usize| ((short as u64 * max as u64 + long as u64 / 2) / long as u64).max(1) as usize;
    if width >= height {
        (max, scaled(height, width))
    } else {
        (scaled(width, height), max)
    }
}
