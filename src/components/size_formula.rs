//! The output-size formula ⌊(n + 2p − f)/s⌋ + 1 with the numbers of the current setting put
//! in, for rows and columns, rendered from the core's `AxisPlan`s. Shared by the convolution
//! panel (with padding, a kernel) and the pooling panel (no padding, a window).

use crate::cnn::AxisPlan;
use crate::components::{Formula, Math};
use yew::prelude::*;

/// The formula for one axis as two lines: the formula with the numbers put in, then the
/// working down to the result. Without `padding` the 2p term is left out: ⌊(n − f)/s⌋ + 1.
fn axis_formula(a: &AxisPlan, padding: bool) -> (Math, Math) {
    let (pad_sym, pad_num) = if !padding {
        (vec![], vec![])
    } else if a.pad_before == a.pad_after {
        (vec![Math::Int(2), Math::ident("p"), Math::op("−")], vec![Math::Int(2), Math::op("·"), Math::Int(a.pad_before as i64), Math::op("−")])
    } else {
        (
            vec![Math::sub(Math::ident("p"), Math::Text("before".into())), Math::op("+"), Math::sub(Math::ident("p"), Math::Text("after".into())), Math::op("−")],
            vec![Math::Int(a.pad_before as i64), Math::op("+"), Math::Int(a.pad_after as i64), Math::op("−")],
        )
    };
    let plus = |v: Vec<Math>| if v.is_empty() { vec![Math::op("−")] } else { [vec![Math::op("+")], v].concat() };
    let symbolic = Math::row([vec![Math::ident("n")], plus(pad_sym), vec![Math::ident("f")]].concat());
    let numeric = Math::row([vec![Math::Int(a.n as i64)], plus(pad_num), vec![Math::Int(a.f as i64)]].concat());
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

fn formula_lines(a: &AxisPlan, padding: bool, testid: Option<String>) -> Html {
    let (first, second) = axis_formula(a, padding);
    html! {
        <div class="formula-lines" data-testid={testid}>
            <Formula math={first} />
            <Formula math={second} />
        </div>
    }
}

fn dropped_sentence(a: &AxisPlan, what: &str, padding: bool, mover: &str) -> Option<String> {
    (a.dropped > 0).then(|| {
        let lost = match (a.dropped, what) {
            (1, "rows and columns") => "the last row and column".to_string(),
            (1, "rows") => "the last row".to_string(),
            (1, _) => "the last column".to_string(),
            (n, _) => format!("the last {n} {what}"),
        };
        let (expr, input) = if padding { ("n + 2p − f", "the padded input") } else { ("n − f", "the input") };
        format!(
            "For the {what}: {expr} = {} is not a multiple of the stride {}, so the floor throws away the remainder {} — {lost} of {input} never come under the {mover} (hatched).",
            a.numerator(), a.s, a.remainder()
        )
    })
}

#[derive(Properties, PartialEq)]
pub struct SizeFormulaProps {
    /// The panel's testid prefix: gives `<prefix>-size-formula`, `<prefix>-output-size` and
    /// `<prefix>-dropped-note`.
    pub prefix: AttrValue,
    pub rows: AxisPlan,
    pub cols: AxisPlan,
    /// Whether the operation pads (convolution) or not (pooling: the 2p term is left out).
    #[prop_or(true)]
    pub padding: bool,
    /// What slides over the input, in the notes ("kernel", "window").
    #[prop_or(AttrValue::Static("kernel"))]
    pub mover: AttrValue,
}

/// The output-size formula for rows and columns (once when they agree).
#[function_component(SizeFormula)]
pub fn size_formula(p: &SizeFormulaProps) -> Html {
    let same = p.rows == p.cols;
    let id = |what: &str| format!("{}-{what}", p.prefix);
    let note = |a: &AxisPlan, what: &str| dropped_sentence(a, what, p.padding, &p.mover);
    let notes: Vec<String> = if same {
        note(&p.rows, "rows and columns").into_iter().collect()
    } else {
        [note(&p.rows, "rows"), note(&p.cols, "columns")].into_iter().flatten().collect()
    };
    html! {
        <div class="size-formula">
            if same {
                <p class="formula-label">{"Output size (rows and columns):"}</p>
                { formula_lines(&p.rows, p.padding, Some(id("size-formula"))) }
            } else {
                <p class="formula-label">{"Rows:"}</p>
                { formula_lines(&p.rows, p.padding, Some(id("size-formula"))) }
                <p class="formula-label">{"Columns:"}</p>
                { formula_lines(&p.cols, p.padding, None) }
            }
            <p>{"Output: "}
                <strong data-testid={id("output-size")} data-value={format!("{}x{}", p.rows.out, p.cols.out)}>{ format!("{} × {}", p.rows.out, p.cols.out) }</strong>
                if p.padding { <span class="muted">{ format!(" (padded input {} × {})", p.rows.padded, p.cols.padded) }</span> }
            </p>
            { for notes.into_iter().map(|n| html! { <p class="note" role="status" data-testid={id("dropped-note")}>{ n }</p> }) }
        </div>
    }
}
