//! A printable worksheet: N exercises of chosen kinds from one seed, each exercise with a
//! seed of its own so that it can also be opened (and checked) on its own.

use super::{generate, Exercise, Kind};
use crate::cnn::Mulberry32;

/// The most exercises one sheet holds.
pub const MAX_SHEET: usize = 24;

/// What a worksheet link asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSpec {
    pub kinds: Vec<Kind>,
    pub n: usize,
    pub seed: u32,
    pub level: u8,
}

impl SheetSpec {
    /// The kind and seed of exercise `i` (0-based): kinds in turn, seeds drawn from the
    /// sheet's seed, so the same link prints the same sheet.
    pub fn item(&self, i: usize) -> (Kind, u32) {
        let kind = self.kinds.get(i % self.kinds.len().max(1)).copied().unwrap_or(Kind::Conv);
        let mut r = Mulberry32::new(self.seed ^ (i as u32).wrapping_mul(0x85EB_CA6B));
        (kind, r.next_u32() % 1_000_000)
    }

    /// Every exercise of the sheet, in order.
    pub fn exercises(&self) -> Vec<Exercise> {
        (0..self.n.min(MAX_SHEET))
            .map(|i| {
                let (kind, seed) = self.item(i);
                generate(kind, self.level, seed)
            })
            .collect()
    }
}
