//! Convolution against numbers worked out by hand or published with a figure.

use convlab::cnn::{conv2d, Conv2dParams, ConvTrace, Filters, Padding, PaddingSpec, Source, Tensor};

fn rows(m: &[&[f32]]) -> Vec<Vec<f32>> {
    m.iter().map(|r| r.to_vec()).collect()
}

fn run(input: &[&[f32]], kernel: &[&[f32]], bias: f32, pad: Padding, stride: usize, flip: bool) -> (Tensor, ConvTrace) {
    let x = Tensor::from_rows(&rows(input)).unwrap();
    let k = Filters::single(&rows(kernel)).unwrap();
    let p = Conv2dParams::new(x.shape(), &k, pad, stride, flip).unwrap();
    let mut trace = ConvTrace::default();
    let y = conv2d(&x, &k, &[bias], &p, Some(&mut trace)).unwrap();
    (y, trace)
}

const ARITH: &[&[f32]] = &[
    &[3.0, 3.0, 2.0, 1.0, 0.0],
    &[0.0, 0.0, 1.0, 3.0, 1.0],
    &[3.0, 1.0, 2.0, 2.0, 3.0],
    &[2.0, 0.0, 0.0, 2.0, 2.0],
    &[2.0, 0.0, 0.0, 0.0, 1.0],
];
const ARITH_K: &[&[f32]] = &[&[0.0, 1.0, 2.0], &[2.0, 2.0, 0.0], &[0.0, 1.0, 2.0]];

// Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016), Figure 1.1:
// the output printed there is 12 12 17 / 10 17 19 / 9 6 14. First value by hand:
// 3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 0+3+4+0+0+0+0+1+4 = 12.
#[test]
fn conv_arithmetic_figure_1_1() {
    let (y, _) = run(ARITH, ARITH_K, 0.0, Padding::uniform(0), 1, false);
    assert_eq!(y.plane_rows(0), vec![vec![12.0, 12.0, 17.0], vec![10.0, 17.0, 19.0], vec![9.0, 6.0, 14.0]]);
}

// The lecture's zero-padded sharpen example: 0·0 + 0·(−1) + 0·0 + 0·(−1) + 105·5 + 102·(−1)
// + 0·0 + 103·(−1) + 99·0 = 525 − 102 − 103 = 320 (printed in the lecture as 320).
#[test]
fn lecture_sharpen_first_output_is_320() {
    let input: &[&[f32]] = &[&[105.0, 102.0, 100.0], &[103.0, 99.0, 103.0], &[101.0, 98.0, 104.0]];
    let k: &[&[f32]] = &[&[0.0, -1.0, 0.0], &[-1.0, 5.0, -1.0], &[0.0, -1.0, 0.0]];
    let (y, trace) = run(input, k, 0.0, Padding::uniform(1), 1, false);
    assert_eq!(y.get(0, 0, 0), 320.0);
    let first = &trace.positions[0];
    let padding_terms = first.terms.iter().filter(|t| t.source == Source::Padding).count();
    assert_eq!(padding_terms, 5); // the top row and the left column of the window
    let products: Vec<f32> = first.terms.iter().map(|t| t.product).collect();
    assert_eq!(products, vec![0.0, 0.0, 0.0, 0.0, 525.0, -102.0, 0.0, -103.0, 0.0]);
}

// conv_arithmetic Figure 2.3 setting (5×5, 3×3, padding 1, stride 2 → 3×3). Values by hand
// for the centre: rows 2–4, columns 2–4 of ARITH (1-based) under the kernel:
// 0·0+1·1+3·2 + 1·2+2·2+2·0 + 0·0+0·1+2·2 = 0+1+6+2+4+0+0+0+4 = 17.
#[test]
fn stride_two_with_padding() {
    let (y, _) = run(ARITH, ARITH_K, 0.0, Padding::uniform(1), 2, false);
    assert_eq!(y.shape().h, 3);
    assert_eq!(y.get(0, 1, 1), 17.0);
    // Top-left window covers padded rows 0–2, cols 0–2: only input (1,1),(1,2),(2,1),(2,2)
    // are real: 3·2 + 3·0 + 0·1 + 0·2 = 6.
    assert_eq!(y.get(0, 0, 0), 6.0);
}

// Bias is added once per output: 12 + 1 = 13.
#[test]
fn bias_is_added_once() {
    let (y, t) = run(ARITH, ARITH_K, 1.0, Padding::uniform(0), 1, false);
    assert_eq!(y.get(0, 0, 0), 13.0);
    assert_eq!(t.positions[0].bias, 1.0);
    assert_eq!(t.positions[0].channel_sums, vec![12.0]);
}

// True convolution flips the kernel: with [[1,2],[3,4]] on [[1,0],[0,0]] cross-correlation
// gives 1·1 = 1 and convolution gives 1·4 = 4.
#[test]
fn flipping_the_kernel() {
    let x: &[&[f32]] = &[&[1.0, 0.0], &[0.0, 0.0]];
    let k: &[&[f32]] = &[&[1.0, 2.0], &[3.0, 4.0]];
    assert_eq!(run(x, k, 0.0, Padding::uniform(0), 1, false).0.get(0, 0, 0), 1.0);
    assert_eq!(run(x, k, 0.0, Padding::uniform(0), 1, true).0.get(0, 0, 0), 4.0);
}

// Vertical edge (Ng's classic): 10s left, 0s right, kernel [1,0,−1]×3 → 0 30 30 0 per row.
#[test]
fn vertical_edge_detector() {
    let x: Vec<Vec<f32>> = (0..6).map(|_| vec![10.0, 10.0, 10.0, 0.0, 0.0, 0.0]).collect();
    let x = Tensor::from_rows(&x).unwrap();
    let k = Filters::single(&[vec![1.0, 0.0, -1.0], vec![1.0, 0.0, -1.0], vec![1.0, 0.0, -1.0]]).unwrap();
    let p = Conv2dParams::new(x.shape(), &k, Padding::uniform(0), 1, false).unwrap();
    let y = conv2d(&x, &k, &[0.0], &p, None).unwrap();
    for r in y.plane_rows(0) {
        assert_eq!(r, vec![0.0, 30.0, 30.0, 0.0]);
    }
}

// 'same' keeps the size at stride 1 for odd and even kernels.
#[test]
fn same_padding_keeps_size() {
    for (kh, kw) in [(3, 3), (2, 2), (4, 1), (5, 3)] {
        let x = Tensor::zeros(convlab::cnn::Shape::new(1, 7, 6)).unwrap();
        let k = Filters::new(1, 1, kh, kw, vec![1.0; kh * kw]).unwrap();
        let p = Conv2dParams::new(x.shape(), &k, PaddingSpec::Same.resolve(kh, kw), 1, false).unwrap();
        assert_eq!((p.out_h(), p.out_w()), (7, 6), "kernel {kh}×{kw}");
    }
}

// RGB: three channels and a bias of 1 (the lecture's Figure 7.5 setting). With all-ones
// input and kernel each channel sums 9, so the output is 9+9+9+1 = 28.
#[test]
fn rgb_channels_sum_then_bias() {
    let x = Tensor::new(convlab::cnn::Shape::new(3, 5, 5), vec![1.0; 75]).unwrap();
    let k = Filters::new(1, 3, 3, 3, vec![1.0; 27]).unwrap();
    let p = Conv2dParams::new(x.shape(), &k, Padding::uniform(0), 1, false).unwrap();
    let mut t = ConvTrace::default();
    let y = conv2d(&x, &k, &[1.0], &p, Some(&mut t)).unwrap();
    assert_eq!(y.get(0, 0, 0), 28.0);
    assert_eq!(t.positions[0].channel_sums, vec![9.0, 9.0, 9.0]);
}

#[test]
fn errors_name_the_values() {
    let x = Tensor::zeros(convlab::cnn::Shape::new(1, 3, 3)).unwrap();
    let k = Filters::new(1, 1, 5, 5, vec![0.0; 25]).unwrap();
    let e = Conv2dParams::new(x.shape(), &k, Padding::uniform(0), 1, false).unwrap_err();
    assert_eq!(e.to_string(), "kernel 5×5 does not fit a 3×3 input with padding 0: n + 2p − f = 3 + 0 − 5 = -2 is negative");
    let e = Conv2dParams::new(x.shape(), &Filters::new(1, 1, 3, 3, vec![0.0; 9]).unwrap(), Padding::uniform(0), 0, false).unwrap_err();
    assert_eq!(e.to_string(), "convolution: stride must be at least 1, got 0 (the window would never move)");
    let rgb = Filters::new(1, 3, 3, 3, vec![0.0; 27]).unwrap();
    let e = Conv2dParams::new(x.shape(), &rgb, Padding::uniform(0), 1, false).unwrap_err();
    assert_eq!(e.to_string(), "the kernel has depth 3 but the input has 1 channels; a kernel must be as deep as its input");
}
