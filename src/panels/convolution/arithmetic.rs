//! The arithmetic of the current kernel position, and the output-size formula with the
//! current numbers: both rendered from the core's trace and shape plan.

use crate::cnn::{relu, AxisPlan, PositionTrace, Source};
use crate::components::{Formula, Math};
use crate::text::{display_number, machine_number};
use yew::prelude::*;

/// A value in a sum: negatives in parentheses, as one writes them by hand.
fn factor(v: f32) -> String {
    let s = display_number(v);
    if v < 0.0 { format!("({s})") } else { s }
}

#[derive(Properties, PartialEq)]
pub struct ArithmeticProps {
    pub trace: PositionTrace,
    pub relu: bool,
    pub total: usize,
    pub step: usize,
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
            <p class="legend-line muted"><span class="swatch pad"></span>{" grey terms are padding zeros: they add nothing but still take a place in the window."}</p>
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

/// ⌊(n + 2p − f)/s⌋ + 1 with the numbers of one axis substituted, as two lines: the
/// formula with the numbers put in, then the working down to the result.
fn axis_formula(a: &AxisPlan) -> (Math, Math) {
    let uniform = a.pad_before == a.pad_after;
    let (pad_sym, pad_num) = if uniform {
        (vec![Math::Int(2), Math::ident("p")], vec![Math::Int(2), Math::op("·"), Math::Int(a.pad_before as i64)])
    } else {
        (
            vec![Math::sub(Math::ident("p"), Math::Text("before".into())), Math::op("+"), Math::sub(Math::ident("p"), Math::Text("after".into()))],
            vec![Math::Int(a.pad_before as i64), Math::op("+"), Math::Int(a.pad_after as i64)],
        )
    };
    let symbolic = Math::row(
        [vec![Math::ident("n"), Math::op("+")], pad_sym, vec![Math::op("−"), Math::ident("f")]].concat(),
    );
    let numeric = Math::row(
        [vec![Math::Int(a.n as i64), Math::op("+")], pad_num, vec![Math::op("−"), Math::Int(a.f as i64)]].concat(),
    );
    let s = |v: usize| Math::Int(v as i64);
    let first = Math::row(vec![
        Math::floor(Math::frac(symbolic, Math::ident("s"))),
        Math::op("+"),
        Math::Int(1),
        Math::op("="),
        Math::floor(Math::frac(numeric, s(a.s))),
        Math::op("+"),
        Math::Int(1),
    ]);
    let second = Math::row(vec![
        Math::op("="),
        Math::floor(Math::frac(s(a.numerator()), s(a.s))),
        Math::op("+"),
        Math::Int(1),
        Math::op("="),
        s(a.numerator() / a.s),
        Math::op("+"),
        Math::Int(1),
        Math::op("="),
        Math::mark(s(a.out)),
    ]);
    (first, second)
}

fn formula_lines(a: &AxisPlan, testid: Option<&'static str>) -> Html {
    let (first, second) = axis_formula(a);
    html! {
        <div class="formula-lines" data-testid={testid}>
            <Formula math={first} />
            <Formula math={second} />
        </div>
    }
}

fn dropped_sentence(a: &AxisPlan, what: &str) -> Option<String> {
    (a.dropped > 0).then(|| {
        format!(
            "For the {what}: n + 2p − f = {} is not a multiple of the stride {}, so the floor throws away the remainder {} — the last {} {what} of the padded input are never under the kernel (hatched).",
            a.numerator(), a.s, a.remainder(), a.dropped
        )
    })
}

#[derive(Properties, PartialEq)]
pub struct SizeFormulaProps {
    pub rows: AxisPlan,
    pub cols: AxisPlan,
}

/// The output-size formula for rows and columns (once when they agree).
#[function_component(SizeFormula)]
pub fn size_formula(p: &SizeFormulaProps) -> Html {
    let same = p.rows == p.cols;
    let notes: Vec<String> = if same {
        dropped_sentence(&p.rows, "rows and columns").into_iter().collect()
    } else {
        [dropped_sentence(&p.rows, "rows"), dropped_sentence(&p.cols, "columns")].into_iter().flatten().collect()
    };
    html! {
        <div class="size-formula">
            if same {
                <p class="formula-label">{"Output size (rows and columns):"}</p>
                { formula_lines(&p.rows, Some("conv-size-formula")) }
            } else {
                <p class="formula-label">{"Rows:"}</p>
                { formula_lines(&p.rows, Some("conv-size-formula")) }
                <p class="formula-label">{"Columns:"}</p>
                { formula_lines(&p.cols, None) }
            }
            <p>{"Output: "}
                <strong data-testid="conv-output-size" data-value={format!("{}x{}", p.rows.out, p.cols.out)}>{ format!("{} × {}", p.rows.out, p.cols.out) }</strong>
                <span class="muted">{ format!(" (padded input {} × {})", p.rows.padded, p.cols.padded) }</span>
            </p>
            { for notes.into_iter().map(|n| html! { <p class="note" role="status" data-testid="conv-dropped-note">{ n }</p> }) }
        </div>
    }
}
