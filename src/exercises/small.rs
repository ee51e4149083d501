//! The short exercises: output size (with the floor), pooling, parameter counts and one-hot.
//! Each solution comes from the core (`axis_plan`, `pool2d` and its trace, the counting
//! formulas of `arch`, `one_hot` / `validate_one_hot`).

use super::conv::{plan, size_hints};
use super::draw::{matrix_given, num, scalar_given, term, words_given, Draw};
use super::{Answer, Blank, Body, Built, Given, Layout, Part, Precision, Val};
use crate::cnn::arch::{conv_layer_params, dense_layer_params, fully_connected_neuron_weights, shared_kernel_weights};
use crate::cnn::{one_hot as encode, pool2d, validate_one_hot, PoolKind, PoolParams, PoolTrace, Shape, Tensor, CLASS_NAMES};

fn exact_blank(id: &str, label: &str, v: f32, hints: Vec<String>) -> Blank {
    Blank { id: id.into(), label: label.into(), answer: Answer::exact(v), hints }
}

fn list_part(title: &str, blanks: Vec<Blank>) -> Vec<Part> {
    vec![Part { title: title.into(), layout: Layout::List, blanks, gated: false }]
}

/// Kind 5: the output size ⌊(n + 2p − f)/s⌋ + 1; from level 2 on, the floor is asked about too.
pub fn output_size(d: &mut Draw, level: u8) -> Built {
    // Level 2 and 3 want the floor to matter in two draws out of three.
    let want_floor = level > 1 && d.index(3) > 0;
    let mut last = None;
    for _ in 0..64 {
        let (n, f, p, s) = match level {
            1 => (d.int(4, 10) as usize, d.pick(&[1, 2, 3, 5]), d.pick(&[0, 1]), 1),
            2 => (d.int(5, 12) as usize, d.pick(&[2, 3, 5]), d.index(3), d.pick(&[1, 2])),
            _ => (d.pick(&[7, 28, 31, 32, 64, 224, 227]), d.pick(&[3, 5, 7, 11]), d.index(4), d.pick(&[2, 3, 4])),
        };
        if let Ok(a) = plan(n, f, p, s) {
            last = Some(a);
            if !want_floor || a.remainder() != 0 {
                break;
            }
        }
    }
    let a = last.unwrap_or_else(|| plan(5, 3, 0, 1).expect("the lecture's 5×5, 3×3 case fits"));
    let givens = vec![
        scalar_given("n", "input side n", a.n as f32),
        scalar_given("f", "kernel side f", a.f as f32),
        scalar_given("padding", "padding p", a.pad_before as f32),
        scalar_given("stride", "stride s", a.s as f32),
    ];
    let mut blanks = vec![exact_blank("size", "output side", a.out as f32, size_hints(&a))];
    if level > 1 {
        let covered = (a.out - 1) * a.s + a.f;
        blanks.push(exact_blank(
            "dropped",
            "rows of the padded input no window reaches",
            a.dropped as f32,
            vec![
                format!("The padded input has n + 2p = {} rows.", a.padded),
                format!("The windows cover (out − 1)·s + f = ({} − 1)·{} + {} = {covered} rows from the top.", a.out, a.s, a.f),
                format!("{} − {covered} = {} {} never reached.", a.padded, a.dropped, if a.dropped == 1 { "row is" } else { "rows are" }),
            ],
        ));
    }
    let intro = vec![format!(
        "A {n}×{n} input, a {f}×{f} kernel, padding {p} and stride {s}. How large is the output? Use ⌊(n + 2p − f)/s⌋ + 1; the floor ⌊ ⌋ rounds down.",
        n = a.n, f = a.f, p = a.pad_before, s = a.s
    )];
    ("Output size".into(), intro, givens, list_part("The output", blanks), Precision::Exact.describe())
}

/// Kind 6: max or average pooling over a small feature map.
pub fn pooling(d: &mut Draw, level: u8) -> Built {
    let (n, k, s, kind, lo, hi) = match level {
        1 => (4, 2, 2, PoolKind::Max, 0, 9),
        2 => d.pick(&[(4, 2, 2, PoolKind::Average, 0, 9), (5, 3, 1, PoolKind::Max, 0, 9)]),
        _ => d.pick(&[(5, 3, 1, PoolKind::Average, -5, 9), (5, 2, 2, PoolKind::Max, -5, 9), (6, 3, 3, PoolKind::Average, -5, 9)]),
    };
    let map = d.matrix(n, n, lo, hi);
    let t = Tensor::from_rows(&map).expect("a small square map");
    let params = PoolParams::new(Shape::new(1, n, n), kind, k, k, s).expect("the window fits");
    let mut trace = PoolTrace::default();
    let out = pool2d(&t, &params, Some(&mut trace)).expect("checked parameters").plane_rows(0);
    // Averages of 2×2 windows are exact quarters; of 3×3, ninths, asked to 2 decimals.
    let precision = if kind == PoolKind::Average && k * k != 4 { Precision::Decimals(2) } else { Precision::Exact };
    let blanks = trace
        .windows
        .iter()
        .map(|w| {
            let values: Vec<String> = w.cells.iter().map(|c| num(c.value)).collect();
            let mut hints = vec![format!(
                "The window for this cell covers rows {}–{} and columns {}–{} of the map: {}.",
                w.top + 1, w.top + k, w.left + 1, w.left + k, values.join(", ")
            )];
            match w.result {
                crate::cnn::WindowResult::Max { value, .. } => hints.push(format!("The largest of them is {}.", num(value))),
                crate::cnn::WindowResult::Average { sum, count, mean } => {
                    let terms: Vec<String> = w.cells.iter().map(|c| term(c.value)).collect();
                    hints.push(format!("Their sum: {} = {}.", terms.join(" + "), num(sum)));
                    hints.push(format!("Divide by the {count} values: {} / {count} = {}.", num(sum), num(mean)));
                }
            }
            Blank {
                id: format!("r{}c{}", w.out_y, w.out_x),
                label: format!("output row {}, column {}", w.out_y + 1, w.out_x + 1),
                answer: Answer::Number { value: f64::from(out[w.out_y][w.out_x]), alt: None, precision },
                hints,
            }
        })
        .collect();
    let name = kind.name();
    let givens = vec![
        matrix_given("input", "feature map", &map),
        words_given("mode", "pooling", name),
        scalar_given("size", "window side", k as f32),
        scalar_given("stride", "stride s", s as f32),
    ];
    let intro = vec![format!(
        "Pool the feature map with {k}×{k} windows and stride {s}: each output cell is the {} of the values its window covers. Windows move {s} cells at a time, right and then down; a window that would stick out is not used.",
        if kind == PoolKind::Max { "largest" } else { "average" }
    )];
    let parts = vec![Part { title: "The pooled map".into(), layout: Layout::Grid { rows: params.out_h(), cols: params.out_w() }, blanks, gated: false }];
    (format!("{} pooling", if kind == PoolKind::Max { "Max" } else { "Average" }), intro, givens, parts, precision.describe())
}

/// Kind 7: the parameters of a convolution layer or a fully connected layer.
pub fn params(d: &mut Draw, level: u8) -> Built {
    if d.coin() {
        let (f, c_in, c_out) = match level {
            1 => (d.pick(&[3, 5]), 1, d.pick(&[2, 4, 6, 8])),
            2 => (d.pick(&[3, 5]), 3, d.pick(&[8, 16, 32])),
            _ => (d.pick(&[3, 5, 7, 11]), d.pick(&[3, 16, 32, 64]), d.pick(&[16, 32, 64, 96, 128])),
        };
        let per = shared_kernel_weights(f, c_in).expect("small sizes") as f32;
        let weights = per * c_out as f32;
        let total = conv_layer_params(f, c_in, c_out).expect("small sizes") as f32;
        let side = d.pick(&[28, 32, 64, 224]);
        let mut givens = vec![
            scalar_given("f", "kernel side f", f as f32),
            scalar_given("c-in", "input channels", c_in as f32),
            scalar_given("filters", "filters", c_out as f32),
        ];
        let mut intro = vec![format!("A convolution layer has {c_out} filters of {f}×{f}×{c_in} (kernel side {f}, {c_in} input channel{}), each with one bias.", if c_in == 1 { "" } else { "s" })];
        if level == 3 {
            givens.insert(0, words_given("image", "input image", format!("{side}×{side}×{c_in}")));
            intro.push("The image size is given too: does it matter?".into());
        }
        let w_hints = vec![format!("One filter has f·f·c = {f}·{f}·{c_in} = {} weights.", num(per)), format!("{c_out} filters: {}·{c_out} = {} weights.", num(per), num(weights))];
        let t_hints = [w_hints.clone(), vec![format!("Plus one bias per filter: {} + {c_out} = {}.", num(weights), num(total))]].concat();
        let blanks = vec![exact_blank("weights", "weights", weights, w_hints), exact_blank("total", "parameters (weights and biases)", total, t_hints)];
        ("Parameters of a convolution layer".into(), intro, givens, list_part("The count", blanks), Precision::Exact.describe())
    } else {
        let (shape, n_in, n_out) = match level {
            1 => (None, d.int(2, 10) as usize, d.int(2, 5) as usize),
            2 => (None, d.pick(&[64, 120, 128, 256]), d.pick(&[3, 5, 10, 84])),
            _ => {
                let (h, w, c) = d.pick(&[(7, 7, 16), (5, 5, 16), (4, 4, 32), (6, 6, 8)]);
                let n = fully_connected_neuron_weights(h, w, c).expect("small sizes") as usize;
                (Some((h, w, c)), n, d.pick(&[5, 10, 84, 120]))
            }
        };
        let total = dense_layer_params(n_in, n_out).expect("small sizes") as f32;
        let weights = total - n_out as f32;
        let mut w_hints = vec![format!("Every one of the {n_out} neurons has a weight for each of the {n_in} inputs: {n_in}·{n_out} = {}.", num(weights))];
        let mut givens = vec![scalar_given("outputs", "output neurons", n_out as f32)];
        let intro = match shape {
            Some((h, w, c)) => {
                w_hints.insert(0, format!("Flattening {h}×{w}×{c} gives {h}·{w}·{c} = {n_in} inputs."));
                givens.insert(0, words_given("map", "feature map", format!("{h}×{w}×{c}")));
                vec![format!("A {h}×{w}×{c} feature map is flattened and fed to a fully connected layer of {n_out} neurons, each with a bias.")]
            }
            None => {
                givens.insert(0, scalar_given("inputs", "inputs", n_in as f32));
                vec![format!("A fully connected layer takes {n_in} inputs and has {n_out} neurons, each with a bias.")]
            }
        };
        let t_hints = [w_hints.clone(), vec![format!("Plus one bias per neuron: {} + {n_out} = {}.", num(weights), num(total))]].concat();
        let blanks = vec![exact_blank("weights", "weights", weights, w_hints), exact_blank("total", "parameters (weights and biases)", total, t_hints)];
        ("Parameters of a fully connected layer".into(), intro, givens, list_part("The count", blanks), Precision::Exact.describe())
    }
}

const SETS: [&[&str]; 4] = [&["red", "yellow", "green", "blue", "white"], &["dog", "cat", "horse", "cheetah", "bird"], &CLASS_NAMES, &["male", "female", "gender-neutral", "other"]];

/// Kind 8: build a one-hot vector, or say whether a vector is one-hot.
pub fn one_hot(d: &mut Draw, level: u8) -> Built {
    let set = d.pick(&SETS);
    let k = (level as usize + 2).min(set.len());
    let cats = &set[..k];
    let cat_list = cats.join(", ");
    let given = words_given("categories", "categories, in order", cat_list.clone());
    if d.coin() {
        let class = d.index(k);
        let v = encode(class, k).expect("a class among the categories");
        let blanks = cats
            .iter()
            .enumerate()
            .map(|(i, c)| {
                exact_blank(&format!("v{i}"), c, v[i], vec![
                    format!("The vector has one place per category, in the order given: {cat_list}."),
                    format!("“{}” is category {} (index {class} counting from 0): its place holds 1, every other place 0.", cats[class], class + 1),
                    format!("So the place for “{c}” holds {}.", num(v[i])),
                ])
            })
            .collect();
        let intro = vec![format!("Write the one-hot vector of a sample of category “{}”: one value per category.", cats[class])];
        let givens = vec![given, words_given("sample", "the sample", cats[class])];
        return ("Build a one-hot vector".into(), intro, givens, list_part("The vector", blanks), Precision::Exact.describe());
    }
    let mut v = vec![0.0f32; k];
    match d.index(5) {
        0 | 1 => v[d.index(k)] = 1.0,
        2 => {
            let i = d.index(k);
            v[i] = 1.0;
            v[(i + 1 + d.index(k - 1)) % k] = 1.0;
        }
        3 => {}
        _ => v[d.index(k)] = d.pick(&[2.0, 0.5]),
    }
    let check = validate_one_hot(&v);
    let correct = if check.is_valid() { 0 } else { 1 };
    let hints = vec!["A one-hot vector has exactly one 1, and 0 in every other place.".into(), format!("This one: {check}.")];
    let blank = Blank { id: "valid".into(), label: "is it one-hot?".into(), answer: Answer::Choice { options: vec!["valid", "not valid"], correct }, hints };
    let givens = vec![given, Given { id: "vector", label: "the vector".into(), body: Body::Vector { values: v.iter().map(|&x| Val::num(x)).collect(), names: Vec::new() } }];
    let intro = vec!["Is this vector a valid one-hot label for these categories?".into()];
    ("Is it one-hot?".into(), intro, givens, list_part("Your verdict", vec![blank]), "choose valid or not valid".into())
}
