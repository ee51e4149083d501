//! Drawing small integers from a seed (the core's mulberry32), plus the little conversions
//! every generator needs to turn numbers into givens.

use super::{Body, Given, Val};
use crate::cnn::Mulberry32;

/// A seeded stream of the small choices a generator makes.
#[derive(Debug, Clone)]
pub struct Draw(Mulberry32);

impl Draw {
    pub fn new(seed: u32) -> Draw {
        Draw(Mulberry32::new(seed))
    }

    /// An integer in lo..=hi.
    pub fn int(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.0.below((hi - lo + 1).max(1) as usize) as i32
    }

    pub fn index(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.0.below(xs.len())]
    }

    pub fn coin(&mut self) -> bool {
        self.0.below(2) == 1
    }

    /// rows × cols integers in lo..=hi, as f32 (what the core computes with).
    pub fn matrix(&mut self, rows: usize, cols: usize, lo: i32, hi: i32) -> Vec<Vec<f32>> {
        (0..rows).map(|_| (0..cols).map(|_| self.int(lo, hi) as f32).collect()).collect()
    }

    /// Like `matrix`, redrawn until not every value is 0 (an all-zero kernel teaches nothing).
    pub fn nonzero_matrix(&mut self, rows: usize, cols: usize, lo: i32, hi: i32) -> Vec<Vec<f32>> {
        for _ in 0..32 {
            let m = self.matrix(rows, cols, lo, hi);
            if m.iter().flatten().any(|&v| v != 0.0) {
                return m;
            }
        }
        let mut m = vec![vec![0.0; cols]; rows];
        m[0][0] = 1.0;
        m
    }
}

pub fn matrix_given(id: &'static str, label: impl Into<String>, m: &[Vec<f32>]) -> Given {
    Given { id, label: label.into(), body: Body::Matrix(m.iter().map(|r| r.iter().map(|&v| Val::num(v)).collect()).collect()) }
}

pub fn scalar_given(id: &'static str, label: impl Into<String>, v: f32) -> Given {
    Given { id, label: label.into(), body: Body::Scalar(Val::num(v)) }
}

pub fn words_given(id: &'static str, label: impl Into<String>, text: impl Into<String>) -> Given {
    Given { id, label: label.into(), body: Body::Words(text.into()) }
}

/// A number for hint text: the display form with an ASCII minus, in brackets when negative
/// so that "2·(−1)" reads right.
pub fn term(v: f32) -> String {
    let s = crate::text::display_number(v);
    if v < 0.0 && s != "0" {
        format!("({s})")
    } else {
        s
    }
}

pub fn num(v: f32) -> String {
    crate::text::display_number(v)
}
