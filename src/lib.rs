//! ConvLab: an interactive lab for learning convolutional neural networks.
//!
//! - [`cnn`]: the pure core (no web dependencies): every operation and its trace.
//! - [`components`]: reusable widgets (matrix grid, stepper, MathML formulas).
//! - [`panels`]: one teaching panel per folder or file.
//! - [`app`]: the shell and the routing; [`shell`]: theme, lecturer mode, offline.

pub mod app;
pub use convlab_cnn as cnn;
pub mod components;
pub mod exercises;
pub mod link;
pub mod panels;
pub mod shell;
pub mod text;
