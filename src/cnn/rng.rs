//! mulberry32: the small, seedable random-number generator of the reference workload
//! (`/work/shared/bench-workload.md`). Written with u32 wrapping arithmetic so that it draws
//! bit for bit the same numbers as the JavaScript original, which the peer libraries use:
//!
//! ```text
//! a = a + 0x6D2B79F5
//! t = imul(a ^ (a >>> 15), 1 | a)
//! t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t
//! return ((t ^ (t >>> 14)) >>> 0) / 4294967296
//! ```

use serde::{Deserialize, Serialize};

/// One mulberry32 stream. Each seed starts its own stream; every draw advances it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mulberry32 {
    state: u32,
}

impl Mulberry32 {
    /// A stream starting from `seed`.
    pub const fn new(seed: u32) -> Self {
        Mulberry32 { state: seed }
    }

    /// The current 32-bit state (the seed before the first draw).
    pub const fn state(&self) -> u32 {
        self.state
    }

    /// The next raw 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        self.state = self.state.wrapping_add(0x6D2B_79F5);
        let a = self.state;
        let mut t = (a ^ (a >> 15)).wrapping_mul(1 | a);
        t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
        t ^ (t >> 14)
    }

    /// The next draw r, an f64 in [0, 1): the raw output divided by 2³².
    pub fn next_f64(&mut self) -> f64 {
        f64::from(self.next_u32()) / 4_294_967_296.0
    }

    /// ⌊r·n⌋ for the next draw r: an index in 0..n (0 when n is 0), as the workload's
    /// `floor(r·5)` and Fisher–Yates `floor(r·(i+1))` compute it.
    pub fn below(&mut self, n: usize) -> usize {
        // r < 1, so r·n < n; the float product is exact enough for any n below 2^53 and the
        // `min` guards the conversion at the edges.
        let v = (self.next_f64() * n as f64).floor() as usize;
        v.min(n.saturating_sub(1))
    }

    /// (r·2 − 1)·scale for the next draw r: uniform in [−scale, scale), the form both the
    /// noise and the initial weights of the workload use.
    pub fn symmetric(&mut self, scale: f64) -> f64 {
        (self.next_f64() * 2.0 - 1.0) * scale
    }
}

#[cfg(test)]
// Reference values are pasted with all the digits the scripts printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    // Golden values from an independent JavaScript implementation (node 20):
    //
    //   function mulberry32(a){return function(){a|=0;a=a+0x6D2B79F5|0;
    //     let t=Math.imul(a^a>>>15,1|a);t=t+Math.imul(t^t>>>7,61|t)^t;
    //     return((t^t>>>14)>>>0)/4294967296;};}
    //   const r=mulberry32(42); for(let i=0;i<5;i++) console.log(r().toPrecision(17));
    //   const r0=mulberry32(0); for(let i=0;i<3;i++) console.log(r0().toPrecision(17));
    #[test]
    fn seed_42_matches_javascript() {
        let mut r = Mulberry32::new(42);
        let expected = [
            0.601_103_751_920_163_63,
            0.448_290_558_997_541_67,
            0.852_465_793_490_409_85,
            0.669_734_041_439_369_32,
            0.174_813_898_745_924_23,
        ];
        for e in expected {
            assert_eq!(r.next_f64(), e);
        }
    }

    #[test]
    fn seed_0_matches_javascript() {
        let mut r = Mulberry32::new(0);
        for e in [0.266_429_208_684_712_65, 0.000_329_745_700_582_861_90, 0.223_272_027_447_819_71] {
            assert_eq!(r.next_f64(), e);
        }
    }

    #[test]
    fn draws_stay_in_unit_interval_and_below_stays_in_range() {
        let mut r = Mulberry32::new(7);
        for _ in 0..10_000 {
            let v = r.next_f64();
            assert!((0.0..1.0).contains(&v));
        }
        for n in [0usize, 1, 2, 5, 500] {
            for _ in 0..1_000 {
                let i = r.below(n);
                assert!(i < n.max(1));
            }
        }
        // u32::MAX / 2³² is the largest draw and still below 1.
        assert!(f64::from(u32::MAX) / 4_294_967_296.0 < 1.0);
    }

    #[test]
    fn streams_are_reproducible() {
        let mut a = Mulberry32::new(123);
        let mut b = Mulberry32::new(123);
        for _ in 0..100 {
            assert_eq!(a.next_u32(), b.next_u32());
        }
        assert_eq!(a.state(), b.state());
    }
}
