//! When a result shows "∞" or "undefined", the page says why. Cells accept numbers up to ±1e30,
//! and the product of two such numbers is beyond what the 32-bit floats of the core can hold:
//! the honest display is ∞ (and ∞ − ∞ is undefined), with a sentence under the figure.

use crate::cnn::{ConvTrace, DenseTrace};
use yew::prelude::*;

/// The largest finite 32-bit float, as people read it.
const F32_MAX_SHOWN: &str = "about 3.4 × 10³⁸";

/// Why some of `values` are not finite numbers, or None when all of them are.
pub fn overflow_note(values: impl IntoIterator<Item = f32>) -> Option<String> {
    let (mut inf, mut nan) = (false, false);
    for v in values {
        inf |= v.is_infinite();
        nan |= v.is_nan();
    }
    let too_large = format!(
        "∞ marks a result too large to hold: the network computes with 32-bit numbers, whose largest is {F32_MAX_SHOWN}, \
         and a product of two numbers near 10³⁰ overflows that."
    );
    let no_value = "“undefined” marks a result with no value at all: the sum met ∞ − ∞ (or 0 · ∞), which has no answer, \
                    and everything computed from it is undefined too.";
    let fix = "Smaller inputs or weights give finite results.";
    match (inf, nan) {
        (false, false) => None,
        (true, false) => Some(format!("{too_large} {fix}")),
        (false, true) => Some(format!("{no_value} {fix}")),
        (true, true) => Some(format!("{too_large} {no_value} {fix}")),
    }
}

/// The note as a polite status under a figure (`<prefix>-overflow-note`), or nothing.
pub fn overflow_html(values: impl IntoIterator<Item = f32>, prefix: &str) -> Html {
    match overflow_note(values) {
        Some(text) => html! { <p class="note" role="status" data-testid={format!("{prefix}-overflow-note")}>{ text }</p> },
        None => html! {},
    }
}

/// Every number a convolution's working shows: each product, channel sum and total.
pub fn conv_values(t: &ConvTrace) -> impl Iterator<Item = f32> + '_ {
    t.positions.iter().flat_map(|p| p.terms.iter().map(|t| t.product).chain(p.channel_sums.iter().copied()).chain([p.sum]))
}

/// Every number a dense layer's working shows: each product and each output.
pub fn dense_values(t: &DenseTrace) -> impl Iterator<Item = f32> + '_ {
    t.outputs.iter().flat_map(|o| o.terms.iter().map(|t| t.product).chain([o.sum]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_why_only_when_needed() {
        assert_eq!(overflow_note([1.0, -2.0, 0.0, 1e-40]), None);
        let inf = overflow_note([1.0, f32::INFINITY]).unwrap();
        assert!(inf.contains("too large") && !inf.contains("undefined"), "{inf}");
        let nan = overflow_note([f32::NAN]).unwrap();
        assert!(nan.contains("∞ − ∞") && !nan.contains("NaN"), "{nan}");
        assert!(overflow_note([f32::NEG_INFINITY, f32::NAN]).unwrap().contains("too large"));
    }
}
