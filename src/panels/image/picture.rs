//! A picture as the core sees it, and everything the core computes from it: gray conversion,
//! convolution, ReLU and pooling, each with its trace. The browser only decodes and
//! downscales (see `decode.rs`); every number shown comes from here.

use super::state::Source;
use crate::cnn::pool::PoolParams;
use crate::cnn::{
    activate, conv2d, from_rgba, pool2d, to_gray, Activation, CnnError, Conv2dParams, ConvTrace, Filters, GrayTrace, PaddingSpec,
    PoolKind, PoolTrace, Tensor,
};

/// The largest side a picture is drawn at before it reaches the core.
pub const SIDE: usize = crate::cnn::MAX_SIDE;

/// Pixels the browser decoded and drew at most `SIDE` × `SIDE`, with where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub source: Source,
    /// Width and height of the file before downscaling.
    pub original: (usize, usize),
    pub width: usize,
    pub height: usize,
    /// RGBA, row-major, 4 bytes per pixel, alpha already composited onto white.
    pub rgba: Vec<u8>,
}

/// A loaded picture: its pixels, the RGB tensor (0–255) and its gray version with the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub source: Source,
    pub original: (usize, usize),
    pub width: usize,
    pub height: usize,
    /// The colour pixels as decoded (drawn as the "colour" image).
    pub rgba: Vec<u8>,
    pub gray: Tensor,
    pub gray_trace: GrayTrace,
}

impl Picture {
    /// Runs the core's conversion; refuses pixel data that does not match its size.
    pub fn new(d: Decoded) -> Result<Picture, CnnError> {
        let rgb = from_rgba(d.width, d.height, &d.rgba)?;
        let mut gray_trace = GrayTrace::default();
        let gray = to_gray(&rgb, Some(&mut gray_trace))?;
        Ok(Picture { source: d.source, original: d.original, width: d.width, height: d.height, rgba: d.rgba, gray, gray_trace })
    }
}

/// The pooled map: 2 × 2 windows, stride 2, over the (activated) feature map.
#[derive(Debug, Clone, PartialEq)]
pub struct Pooled {
    pub params: PoolParams,
    pub output: Tensor,
    pub trace: PoolTrace,
}

/// Convolution (valid, stride 1, bias 0), optionally ReLU, optionally pooling.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    pub filters: Filters,
    pub params: Conv2dParams,
    /// The feature map before ReLU.
    pub conv: Tensor,
    pub trace: ConvTrace,
    /// The feature map as shown: after ReLU when it is on, else the same as `conv`.
    pub shown: Tensor,
    pub relu: bool,
    pub pool: Option<Pooled>,
}

impl Features {
    /// The kernel's weights as rows.
    pub fn kernel_rows(&self) -> Vec<Vec<f32>> {
        self.filters.data().chunks(self.filters.kw).map(<[f32]>::to_vec).collect()
    }

    /// Output height and width of the convolution.
    pub fn size(&self) -> (usize, usize) {
        (self.params.out_h(), self.params.out_w())
    }
}

/// Everything the core computes from a gray picture and a kernel.
pub fn features(picture: &Picture, kernel: &[Vec<f32>], relu: bool, pool: Option<PoolKind>) -> Result<Features, CnnError> {
    let filters = Filters::single(kernel)?;
    let pad = PaddingSpec::Valid.resolve(filters.kh, filters.kw);
    let params = Conv2dParams::new(picture.gray.shape(), &filters, pad, 1, false)?;
    let mut trace = ConvTrace::default();
    let conv = conv2d(&picture.gray, &filters, &[0.0], &params, Some(&mut trace))?;
    let shown = if relu { activate(&conv, Activation::Relu, None)? } else { conv.clone() };
    let pool = match pool {
        Some(kind) => {
            let params = PoolParams::square(shown.shape(), kind, 2)?;
            let mut trace = PoolTrace::default();
            let output = pool2d(&shown, &params, Some(&mut trace))?;
            Some(Pooled { params, output, trace })
        }
        None => None,
    };
    Ok(Features { filters, params, conv, trace, shown, relu, pool })
}

/// The feature map's size for an `h` × `w` picture and a `kh` × `kw` kernel, asked of the core
/// before any pixel has loaded (a link's `step` is checked against it).
pub fn output_size(h: usize, w: usize, kh: usize, kw: usize) -> Result<(usize, usize), CnnError> {
    let p = Conv2dParams::from_dims(crate::cnn::Shape::new(1, h, w), 1, 1, kh, kw, PaddingSpec::Valid.resolve(kh, kw), 1, false)?;
    Ok((p.out_h(), p.out_w()))
}
