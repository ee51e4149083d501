//! The one error type of the core. Every message names the operation and the values at
//! fault, because a student reads it on screen and must be able to act on it.

use thiserror::Error;

/// Everything that can go wrong in `src/cnn`, with the numbers that made it go wrong.
///
/// The fields of each variant are the values its message names (shown in the `#[error]`
/// text right above it), so they carry no separate docs.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CnnError {
    /// The kernel is larger than the (padded) input along one axis.
    #[error(
        "kernel {kh}×{kw} does not fit a {h}×{w} input with padding {pad}: \
         n + 2p − f = {n} + {two_p} − {f} = {diff} is negative"
    )]
    KernelDoesNotFit {
        kh: usize,
        kw: usize,
        h: usize,
        w: usize,
        pad: String,
        n: usize,
        two_p: usize,
        f: usize,
        diff: i64,
    },
    /// A stride of zero would never move the window.
    #[error("{op}: stride must be at least 1, got 0 (the window would never move)")]
    ZeroStride { op: &'static str },
    /// A size that is outside what the operation supports.
    #[error("{what} must be between {min} and {max}, got {value}")]
    OutOfRange { what: &'static str, value: usize, min: usize, max: usize },
    /// Two shapes that had to agree did not.
    #[error("{op}: expected {expected}, got {got}")]
    ShapeMismatch { op: &'static str, expected: String, got: String },
    /// The data does not have as many values as the shape says.
    #[error("{what}: shape {shape} needs {expected} values, got {got}")]
    DataLength { what: &'static str, shape: String, expected: usize, got: usize },
    /// The kernel's depth must equal the input's depth.
    #[error(
        "the kernel has depth {kernel_c} but the input has {input_c} channels; \
         a kernel must be as deep as its input"
    )]
    DepthMismatch { kernel_c: usize, input_c: usize },
    /// Rows of a matrix had different lengths.
    #[error("row {row} has {got} values but row 1 has {expected}; every row needs the same length")]
    RaggedRows { row: usize, expected: usize, got: usize },
    /// A value that must be finite was not.
    #[error("{what}: value {} is not a finite number", shown(.value))]
    NotFinite { what: &'static str, value: f32 },
    /// A count (parameters, multiply-adds, sizes) too large for the integer type.
    #[error("{what}: the count is too large to compute (integer overflow)")]
    Overflow { what: &'static str },
    /// A layer has no input shape because an earlier layer failed.
    #[error("no input shape: layer \"{failed}\" before this one failed")]
    UpstreamFailed { failed: String },
    /// A stride override names no convolution or pooling layer of the architecture.
    #[error("stride override: {arch} has no convolution or pooling layer named \"{layer}\"")]
    UnknownLayer { arch: String, layer: String },
    /// The branches of an inception block or the two paths of a residual block disagree.
    #[error("{op} \"{block}\": {detail}")]
    BranchMismatch { op: &'static str, block: String, detail: String },
    /// An operation got an empty vector where it needs at least one value.
    #[error("{op}: the input is empty; it needs at least one value")]
    Empty { op: &'static str },
    /// Two vectors that must have the same length do not.
    #[error("{op}: {what} has {got} values but {expected} are needed")]
    LengthMismatch { op: &'static str, what: &'static str, expected: usize, got: usize },
    /// A value that must be a probability (finite, from 0 to 1) is not.
    #[error("{op}: {what}[{index}] = {} is not a probability (it must be a finite number from 0 to 1)", shown(.value))]
    NotAProbability { op: &'static str, what: &'static str, index: usize, value: f32 },
    /// A class index that does not exist for the number of classes.
    #[error(
        "one-hot: class index {index} does not exist with {classes} classes \
         (indexes count from 0, so the largest is {classes} − 1)"
    )]
    ClassIndex { index: usize, classes: usize },
    /// A softmax temperature that is zero, negative or not finite.
    #[error("softmax: temperature must be a finite number greater than 0, got {}", shown(.value))]
    Temperature { value: f32 },
    /// An input with the wrong number of channels.
    #[error("{op}: expected an input with {expected} channels, got {got}")]
    ChannelCount { op: &'static str, expected: usize, got: usize },
    /// A layer of a model configuration is impossible; `reason` says why, with the numbers.
    #[error("layer {layer} ({name}): {reason}")]
    Layer {
        /// The layer's position, counting from 1.
        layer: usize,
        /// The layer as the student wrote it, e.g. "max pool 2×2, stride 2".
        name: String,
        /// What went wrong in that layer.
        reason: Box<CnnError>,
    },
    /// A training setting outside what makes sense (learning rate, momentum, …).
    #[error("{what} must be {rule}, got {}", shown(.value))]
    Hyperparameter {
        /// The setting, e.g. "learning rate".
        what: &'static str,
        /// What it must be, e.g. "a finite number greater than 0".
        rule: &'static str,
        /// The value given.
        value: f32,
    },
    /// Training produced NaN, infinity or exploding weights and was stopped.
    #[error(
        "training stopped in epoch {epoch}, sample {sample}: the {what} became {}, so the training exploded (it \
         stops at a value that is not a number, infinite or beyond ±10000). With learning rate {learning_rate} each update overshoots and the weights \
         grow without bound; lower the learning rate and start again from fresh weights",
        shown(.value)
    )]
    Diverged {
        /// Epoch, counting from 1.
        epoch: usize,
        /// Sample of the whole run, counting from 1.
        sample: usize,
        /// "loss" or "weights of layer i".
        what: String,
        /// The value that gave it away.
        value: f32,
        /// The learning rate in use.
        learning_rate: f32,
    },
    /// A saved model could not be read: not JSON, not a model file, or not this format.
    #[error("model file: {detail}")]
    ModelFile {
        /// What is wrong, with the parser's position when it has one.
        detail: String,
    },
    /// A saved model's weights do not fit the architecture it describes.
    #[error("model file: layer {layer} ({name}) needs {expected} {what}, the file has {got}")]
    ParamCount {
        /// The layer's position, counting from 1.
        layer: usize,
        /// The layer's name.
        name: String,
        /// "weights" or "biases".
        what: &'static str,
        /// How many the spec needs.
        expected: usize,
        /// How many the file has.
        got: usize,
    },
    /// A saved model describes a different architecture from the one expected.
    #[error("model file: it describes {got}, but {expected} was expected")]
    SpecMismatch {
        /// The expected architecture, in one line.
        expected: String,
        /// The file's architecture, in one line.
        got: String,
    },
}

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, CnnError>;

/// A value as a message shows it: ∞ and −∞ by their sign, NaN as "undefined (not a number)",
/// since a student reads these and "NaN" or "inf" alone would be jargon.
fn shown(v: &f32) -> String {
    if v.is_nan() {
        "undefined (not a number)".into()
    } else if v.is_infinite() {
        if *v > 0.0 { "∞".into() } else { "−∞".into() }
    } else {
        format!("{v}")
    }
}
