//! Reusable widgets: the matrix grid, the stepper, the MathML formula renderer, the
//! output-size formula and the plot canvas.

pub mod grid;
pub mod mathml;
pub mod plot_canvas;
pub mod size_formula;
pub mod stepper;

pub use grid::{Cell, CellContent, Cells, Grid, Labels};
pub use mathml::{Formula, Math};
pub use size_formula::SizeFormula;
pub use stepper::{Stepper, DEFAULT_SPEED, SPEEDS};
