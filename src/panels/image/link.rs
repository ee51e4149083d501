//! The image panel's deep link: `#/image?v=1&image=house&kernel=edge&relu=1&pool=max&step=…`.
//! `kernel` is a preset's name or a matrix. An uploaded picture never goes into a link (it
//! stays on the user's computer): the link then keeps only the kernel and the switches.

use super::bundled::{self, IMAGES};
use super::kernels::{self, KERNELS};
use super::picture::{output_size, SIDE};
use super::state::{ImageState, KernelChoice, Source, MAX_KERNEL};
use crate::cnn::PoolKind;
use crate::link::{format_matrix, parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, matrix_within, unknown_keys};
use crate::text::excerpt;
use crate::panels::text_grid::TextGrid;

pub const ROUTE: &str = "/image";
const KEYS: &[&str] = &["v", "image", "kernel", "relu", "pool", "step"];

/// The panel state a link describes (the picture itself loads afterwards), with every key
/// that had to be ignored.
pub fn from_link(link: &Link) -> ImageState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let mut s = ImageState::default();
    if let Some(id) = link.get("image") {
        match bundled::find(id) {
            Some(i) => s.source = Source::Bundled(i),
            None => {
                let names: Vec<&str> = IMAGES.iter().map(|b| b.id).collect();
                ignore(&mut ignored, "image", format!("there is no picture “{}”; use {}", excerpt(id), names.join(", ")));
            }
        }
    }
    if let Some(t) = link.get("kernel") {
        if let Some(i) = kernels::find(t) {
            (s.choice, s.kernel) = (KernelChoice::Preset(i), TextGrid::from_values(&kernels::rows(i)));
        } else {
            match matrix_within(t, MAX_KERNEL, MAX_KERNEL) {
                Ok(m) => {
                    s.choice = kernels::matching(&m).map_or(KernelChoice::Custom, KernelChoice::Preset);
                    s.kernel = TextGrid::from_values(&m);
                }
                Err(e) => {
                    let names: Vec<&str> = KERNELS.iter().map(|k| k.id).collect();
                    ignore(&mut ignored, "kernel", format!("“{}” is neither a kernel name ({}) nor a usable matrix: {e}", excerpt(t), names.join(", ")));
                }
            }
        }
    }
    match link.get("relu") {
        Some("1" | "true" | "on") => s.relu = true,
        Some("0" | "false" | "off") | None => {}
        Some(t) => ignore(&mut ignored, "relu", format!("“{}” is not 0 or 1", excerpt(t))),
    }
    match link.get("pool") {
        Some("max") => s.pool = Some(PoolKind::Max),
        Some("avg") => s.pool = Some(PoolKind::Average),
        Some("off" | "none") | None => {}
        Some(t) => ignore(&mut ignored, "pool", format!("“{}” is not max, avg or off", excerpt(t))),
    }
    // The bundled pictures' sizes are known, so the step is checked before any pixel loads.
    let b = match s.source {
        Source::Bundled(i) => &IMAGES[i],
        Source::Upload(_) => &IMAGES[0], // never: a link names bundled pictures only
    };
    let (w, h) = bundled::fit(b.width, b.height, SIDE);
    let (kh, kw) = (s.kernel.rows(), s.kernel.cols());
    match output_size(h, w, kh, kw) {
        Ok((oh, ow)) => {
            if let Some(t) = link.get("step") {
                match parse_count(t, 0, oh * ow - 1) {
                    Ok(v) => s.step = v,
                    Err(e) => ignore(&mut ignored, "step", format!("{e} (the feature map is {oh} × {ow}; pixels are counted from 0, row by row)")),
                }
            }
        }
        Err(e) => {
            ignore(&mut ignored, "kernel", format!("it does not fit the picture: {e}"));
            (s.choice, s.kernel) = (KernelChoice::Preset(0), TextGrid::from_values(&kernels::rows(0)));
        }
    }
    s.ignored = ignored;
    s
}

/// The link that reproduces the state shown: the picture (when it is a bundled one), the last
/// valid kernel (by name when it is a preset), ReLU, pooling and the pixel explained.
pub fn to_link(s: &ImageState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    let bundled = match &s.source {
        Source::Bundled(i) => IMAGES.get(*i).map(|b| b.id),
        Source::Upload(_) => None,
    };
    if let Some(id) = bundled {
        l.push("image", id);
    }
    let rows = s.features.as_ref().map(|f| f.kernel_rows()).or_else(|| s.kernel.values().ok());
    match (s.choice, rows) {
        (KernelChoice::Preset(i), _) if s.shape_error.is_none() => l.push("kernel", KERNELS[i].id),
        (_, Some(rows)) => l.push("kernel", kernels::matching(&rows).map_or_else(|| format_matrix(&rows), |i| KERNELS[i].id.to_string())),
        (_, None) => {}
    }
    if s.relu {
        l.push("relu", "1");
    }
    match s.pool {
        Some(PoolKind::Max) => l.push("pool", "max"),
        Some(PoolKind::Average) => l.push("pool", "avg"),
        None => {}
    }
    // A pixel of an uploaded picture means nothing without the picture.
    if s.step > 0 && bundled.is_some() {
        l.push("step", s.step.to_string());
    }
    l
}
