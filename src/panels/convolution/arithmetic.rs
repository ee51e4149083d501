//! The arithmetic of the current kernel position, rendered from the core's trace. (The
//! output-size formula is the shared `components::SizeFormula`.)

use crate::cnn::{relu, PositionTrace, Source};
use crate::text::{display_number, factor, machine_number};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArithmeticProps {
    pub trace: PositionTrace,
    pub relu: bool,
    pub total: usize,
    pub step: usize,
    /// True convolution: the weights in the terms are the flipped kernel's.
    #[prop_or_default]
    pub flip: bool,
    /// Kernel width (to lay the flipped weights out as a grid).
    #[prop_or(1)]
    pub kw: usize,
}

/// Every term x·w of one position, the bias, the sum and (if on) ReLU.
#[function_component(Arithmetic)]
pub fn arithmetic(p: &ArithmeticProps) -> Html {
    let t = &p.trace;
    let activated = relu(t.sum);
    let terms = t.terms.iter().enumerate().map(|(i, term)| {
        let pad = matches!(term.source, Source::Padding);
        let title = match term.source {
            Source::Input { y, x } => format!("input row {}, column {} times kernel row {}, column {}", y + 1, x + 1, term.ky + 1, term.kx + 1),
            Source::Padding => format!("a padding zero times kernel row {}, column {}", term.ky + 1, term.kx + 1),
        };
        html! {
            <>
                if i > 0 { <span class="op">{"+"}</span> }
                <span class={classes!("term", pad.then_some("pad"))} title={title}>
                    <span class="x">{ factor(term.x) }</span><span class="op">{"·"}</span><span class="w">{ factor(term.w) }</span>
                </span>
            </>
        }
    });
    let words = format!(
        "Output row {}, column {}: {} products plus bias {} give {}{}.",
        t.out_y + 1,
        t.out_x + 1,
        t.terms.len(),
        display_number(t.bias),
        display_number(t.sum),
        if p.relu { format!("; ReLU makes it {}", display_number(activated)) } else { String::new() }
    );
    html! {
        <div class="arithmetic">
            <h3>{ format!("Output row {}, column {}", t.out_y + 1, t.out_x + 1) }
                <span class="muted">{ format!(" — position {} of {}", p.step + 1, p.total) }</span></h3>
            <p class="sum-line" data-testid="conv-arithmetic">
                { for terms }
                <span class="op">{"+"}</span><span class="bias-term" title="bias">{ factor(t.bias) }</span>
                <span class="op">{"="}</span>
                <strong class="result" data-testid="conv-sum" data-value={machine_number(t.sum)}>{ display_number(t.sum) }</strong>
                if p.relu {
                    <span class="relu-step">
                        <span class="op">{"→ ReLU: max(0, "}</span>{ display_number(t.sum) }<span class="op">{") ="}</span>
                        <strong class={classes!("result", (t.sum < 0.0).then_some("zeroed"))} data-testid="conv-activated" data-value={machine_number(activated)}>{ display_number(activated) }</strong>
                    </span>
                }
            </p>
            if p.flip {
                { flipped_kernel(t, p.kw) }
            }
            if t.terms.iter().any(|term| term.source == Source::Padding) {
                <p class="legend-line muted"><span class="swatch pad"></span>{" grey terms are padding zeros: they add nothing but still take a place in the window."}</p>
            }
            <p class="sr-only" aria-live="polite" data-testid="conv-announce">{ words }</p>
            <details class="terms-table">
                <summary>{"The terms as a table"}</summary>
                <div class="scroll-x">
                <table class="grid compact" data-testid="conv-terms">
                    <caption class="sr-only">{"Terms of the current position"}</caption>
                    <thead><tr><th scope="col">{"term"}</th><th scope="col">{"input at"}</th><th scope="col">{"x"}</th><th scope="col">{"w"}</th><th scope="col">{"x·w"}</th></tr></thead>
                    <tbody>
                    { for t.terms.iter().enumerate().map(|(i, term)| html! {
                        <tr>
                            <th scope="row">{ i + 1 }</th>
                            <td>{ match term.source { Source::Input { y, x } => format!("({}, {})", y + 1, x + 1), Source::Padding => "padding".into() } }</td>
                            <td data-value={machine_number(term.x)}>{ display_number(term.x) }</td>
                            <td data-value={machine_number(term.w)}>{ display_number(term.w) }</td>
                            <td data-value={machine_number(term.product)}>{ display_number(term.product) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </details>
        </div>
    }
}

/// The weights as they lie over the window when the kernel is flipped, read from the trace's
/// terms (term i sits at window row i / kw, column i % kw; its weight is the flipped one).
fn flipped_kernel(t: &PositionTrace, kw: usize) -> Html {
    use crate::components::{Cell, Grid};
    let kw = kw.max(1);
    let cells: Vec<Vec<Cell>> = t.terms.chunks(kw).map(|row| row.iter().map(|term| {
        let mut c = Cell::value(term.w);
        c.note = Some(format!("kernel row {}, column {}", term.ky + 1, term.kx + 1));
        c
    }).collect()).collect();
    html! {
        <div class="flipped-kernel">
            <p class="legend-line">{"The weights actually used, as they lie over the window: the kernel turned by 180° (its last weight meets the window's first pixel)."}</p>
            <Grid testid="conv-flipped-kernel" caption="Flipped kernel used" hide_caption=true cells={std::rc::Rc::new(cells)} />
        </div>
    }
}
