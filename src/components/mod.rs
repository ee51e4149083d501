//! Reusable widgets: the matrix grid, the stepper and the MathML formula renderer.

pub mod grid;
pub mod mathml;
pub mod stepper;

pub use grid::{Cell, CellContent, Grid};
pub use mathml::{Formula, Math};
pub use stepper::{Stepper, DEFAULT_SPEED, SPEEDS};
