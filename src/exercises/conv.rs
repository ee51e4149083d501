//! The lecture's convolution exercises: complete the convolution; repeat it with other
//! padding and stride (starting with the output size); find the unknowns X and Y of an input
//! or a kernel from the outputs. Every output and every hint comes from the core's
//! `conv2d` and its trace.

use super::draw::{matrix_given, num, scalar_given, term, words_given, Draw};
use super::{Answer, Blank, Built, Given, Layout, Part, Precision};
use crate::cnn::{axis_plan, conv2d, AxisPlan, Conv2dParams, ConvTrace, Filters, Padding, PositionTrace, Tensor};

/// One convolution as the core computed it.
pub struct ConvRun {
    pub out: Vec<Vec<f32>>,
    pub trace: ConvTrace,
    pub params: Conv2dParams,
}

/// A one-channel convolution (cross-correlation, as CNNs compute it) with the core.
pub fn run(input: &[Vec<f32>], kernel: &[Vec<f32>], bias: f32, p: usize, s: usize) -> crate::cnn::Result<ConvRun> {
    let t = Tensor::from_rows(input)?;
    let f = Filters::single(kernel)?;
    let params = Conv2dParams::new(t.shape(), &f, Padding::uniform(p), s, false)?;
    let mut trace = ConvTrace::default();
    let out = conv2d(&t, &f, &[bias], &params, Some(&mut trace))?.plane_rows(0);
    Ok(ConvRun { out, trace, params })
}

const INTRO: &str = "Slide the kernel over the input as a CNN does (no flipping): at each position multiply every value under the kernel by the weight on top of it, add the products, then add the bias. Padding p surrounds the input with p rings of zeros; stride s moves the kernel s cells at a time, right and then down.";

/// The arithmetic of one output cell, step by step.
fn cell_hints(pt: &PositionTrace, params: &Conv2dParams) -> Vec<String> {
    let padded = if params.padding.top > 0 { " of the padded input (its zeros count)" } else { " of the input" };
    let mut h = vec![format!(
        "The {}×{} window for this cell has its top-left corner at row {}, column {}{padded}, counting from 1.",
        params.kh,
        params.kw,
        pt.top + 1,
        pt.left + 1
    )];
    let pairs: Vec<String> = pt.terms.iter().map(|t| format!("{}·{}", term(t.x), term(t.w))).collect();
    h.push(format!("Value times weight, cell by cell: {}.", pairs.join(" + ")));
    let products: Vec<String> = pt.terms.iter().map(|t| term(t.product)).collect();
    let s = pt.channel_sums.iter().sum::<f32>();
    h.push(format!("The products: {} = {}.", products.join(" + "), num(s)));
    if pt.bias == 0.0 {
        h.push(format!("The bias is 0, so the cell is {}.", num(pt.sum)));
    } else {
        h.push(format!("Add the bias: {} + {} = {}.", num(s), term(pt.bias), num(pt.sum)));
    }
    h
}

/// The output as a grid of blanks, each with its hints.
fn output_part(title: &str, r: &ConvRun, gated: bool) -> Part {
    let (rows, cols) = (r.params.out_h(), r.params.out_w());
    let blanks = r
        .trace
        .positions
        .iter()
        .map(|pt| Blank {
            id: format!("r{}c{}", pt.out_y, pt.out_x),
            label: format!("output row {}, column {}", pt.out_y + 1, pt.out_x + 1),
            answer: Answer::exact(r.out[pt.out_y][pt.out_x]),
            hints: cell_hints(pt, &r.params),
        })
        .collect();
    Part { title: title.into(), layout: Layout::Grid { rows, cols }, blanks, gated }
}

/// The output-size formula ⌊(n + 2p − f)/s⌋ + 1, step by step, from the core's plan.
pub fn size_hints(a: &AxisPlan) -> Vec<String> {
    let p = a.pad_before;
    let mut h = vec![format!("n + 2p − f = {} + 2·{p} − {} = {}.", a.n, a.f, a.numerator())];
    let q = a.numerator() / a.s;
    h.push(if a.s == 1 {
        format!("Divide by the stride 1: {q}.")
    } else if a.remainder() == 0 {
        format!("Divide by the stride: {} / {} = {q}.", a.numerator(), a.s)
    } else {
        format!(
            "Divide by the stride and round down: ⌊{} / {}⌋ = {q} (the remainder {} is dropped: the last {} of the padded input no window reaches).",
            a.numerator(),
            a.s,
            a.remainder(),
            if a.dropped == 1 { "row".to_string() } else { format!("{} rows", a.dropped) }
        )
    });
    h.push(format!("Add 1: {q} + 1 = {}.", a.out));
    h
}

pub(crate) fn setting_givens(bias: f32, p: usize, s: usize) -> Vec<Given> {
    vec![scalar_given("bias", "bias b", bias), scalar_given("padding", "padding p", p as f32), scalar_given("stride", "stride s", s as f32)]
}

pub(crate) const EXACT: Precision = Precision::Exact;

/// The base settings of a convolution exercise per level: input, kernel, bias, p, s.
fn draw_conv(d: &mut Draw, level: u8) -> (Vec<Vec<f32>>, Vec<Vec<f32>>, f32, usize, usize) {
    match level {
        1 => (d.matrix(4, 4, 0, 3), d.nonzero_matrix(2, 2, 0, 2), 0.0, 0, 1),
        2 => (d.matrix(5, 5, 0, 4), d.nonzero_matrix(3, 3, -1, 1), d.int(-2, 2) as f32, 0, d.pick(&[1, 2])),
        _ => {
            // Each gives a 2×2 to 4×4 output; 6 with stride 2 lets the floor drop a row.
            let (n, p, s) = d.pick(&[(5, 1, 2), (6, 1, 2), (4, 1, 1), (6, 0, 2)]);
            (d.matrix(n, n, -3, 3), d.nonzero_matrix(3, 3, -2, 2), d.int(-3, 3) as f32, p, s)
        }
    }
}

/// Kind 1: complete the convolution.
pub fn complete(d: &mut Draw, level: u8) -> Built {
    let (input, kernel, bias, p, s) = draw_conv(d, level);
    let r = run(&input, &kernel, bias, p, s).expect("the settings of every level fit");
    let mut givens = vec![matrix_given("input", "input", &input), matrix_given("kernel", "kernel", &kernel)];
    givens.extend(setting_givens(bias, p, s));
    let title = format!("Complete the convolution ({}×{} output)", r.params.out_h(), r.params.out_w());
    (title, vec![INTRO.into()], givens, vec![output_part("The output", &r, false)], EXACT.describe())
}

/// Kind 2: the same input and kernel again with other padding and stride, size first.
pub fn repeat(d: &mut Draw, level: u8) -> Built {
    let (n, f, lo, hi, wlo, whi) = match level {
        1 => (3, 3, 0, 3, 0, 2),
        2 => (4, 3, 0, 3, -1, 1),
        _ => (5, 3, -2, 3, -1, 2),
    };
    let input = d.matrix(n, n, lo, hi);
    let kernel = d.nonzero_matrix(f, f, wlo, whi);
    let bias = if level == 1 { 0.0 } else { d.int(-2, 2) as f32 };
    let (p0, s0) = if level == 3 { (0, 2) } else { (0, 1) };
    let (p, s) = if level == 3 { d.pick(&[(1, 1), (1, 2), (2, 2)]) } else { (1, 1) };
    let first = run(&input, &kernel, bias, p0, s0).expect("the first settings fit");
    let r = run(&input, &kernel, bias, p, s).expect("the repeat's settings fit");
    let mut givens = vec![matrix_given("input", "input", &input), matrix_given("kernel", "kernel", &kernel)];
    givens.push(words_given("first", "the first time", format!("padding {p0}, stride {s0} gave this output:")));
    givens.push(matrix_given("first-output", "first output", &first.out));
    givens.extend(setting_givens(bias, p, s));
    let size = Blank {
        id: "size".into(),
        label: "output side (rows = columns)".into(),
        answer: Answer::exact(r.params.out_h() as f32),
        hints: size_hints(&r.params.rows),
    };
    let parts = vec![
        Part { title: "First, the output size".into(), layout: Layout::List, blanks: vec![size], gated: false },
        output_part("Now the output", &r, true),
    ];
    let intro = vec![
        format!("Repeat the convolution with stride {s} and zero padding p = {p}: the input gets {p} ring{} of zeros first.", if p == 1 { "" } else { "s" }),
        "Start with the output size from ⌊(n + 2p − f)/s⌋ + 1; the output cells appear once it is right.".into(),
    ];
    (format!("Repeat with padding {p} and stride {s}"), intro, givens, parts, EXACT.describe())
}

/// The plan of one axis for the output-size exercise (re-exported for `small`).
pub fn plan(n: usize, f: usize, p: usize, s: usize) -> crate::cnn::Result<AxisPlan> {
    axis_plan("convolution", n, f, p, p, s)
}
