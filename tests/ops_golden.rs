//! Golden numbers from the lecture (/work/shared/lecture/cnn-lecture.txt), recomputed exactly
//! with python3 (`math.exp`, `math.log2`, `math.log` in f64) and asserted here. Where the
//! lecture prints something else, the comment says what it printed and why it differs.

use convlab::cnn::{
    avg_pool, batch_cross_entropy, cost, cross_entropy, max_pool, one_hot, per_class_losses, pool2d, pool2d_backward,
    softmax, validate_distribution, validate_one_hot, CrossEntropyTrace, DistributionCheck, LogBase, OneHotCheck,
    PoolKind, PoolParams, PoolTrace, Tensor, WindowResult, DISTRIBUTION_TOLERANCE,
};
use std::f64::consts::{LN_10, LOG2_10};

fn close(got: &[f32], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((*g as f64 - w).abs() <= tol, "got {got:?}, want {want:?}");
    }
}

/// Softmax of [3.2, 1.3, 0.2, 0.8] (dog, cat, horse, cheetah). python3:
/// [e/sum(E) for e in E] with E = [exp(3.2), exp(1.3), exp(0.2), exp(0.8)]
/// = 0.7751495, 0.1159380, 0.0385924, 0.0703200.
/// The lecture prints 0.775, 0.116, 0.039, 0.070, which are these values rounded. Its
/// denominators are mistyped, though: they read 2.7183^0.2 twice where the second should be
/// 2.7183^0.8; evaluated as written they would give 0.801, 0.120, 0.040, 0.073.
#[test]
fn softmax_of_the_lecture_animals() {
    let p = softmax(&[3.2, 1.3, 0.2, 0.8], None).unwrap();
    close(&p, &[0.775_149_548_3, 0.115_938_047_6, 0.038_592_423_6, 0.070_319_980_5], 1e-6);
    let rounded: Vec<f32> = p.iter().map(|v| (v * 1000.0).round() / 1000.0).collect();
    assert_eq!(rounded, vec![0.775, 0.116, 0.039, 0.070]);
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
}

/// Softmax of y = [2.0, 1.0, 0.1]. python3: 0.6590011, 0.2424330, 0.0985659.
/// The lecture prints [0.7, 0.2, 0.1], i.e. the exact values rounded to one decimal.
#[test]
fn softmax_of_two_one_point_one() {
    let p = softmax(&[2.0, 1.0, 0.1], None).unwrap();
    close(&p, &[0.659_001_138_9, 0.242_432_970_7, 0.098_565_890_4], 1e-6);
}

const Q: [f32; 5] = [0.1, 0.52, 0.3, 0.08, 0.27];

/// Target [1 0 0 0 0] against prediction [0.1 0.52 0.3 0.08 0.27].
/// python3: -log2(0.1) = 3.3219281 bits, -ln(0.1) = 2.3025851 nats (the lecture: 3.322 and
/// 2.303). Note the "prediction" sums to 1.27, so it is not a distribution (a real softmax
/// output would sum to 1); the loss formula still applies term by term.
#[test]
fn cross_entropy_of_the_lecture_example() {
    let y = one_hot(0, 5).unwrap();
    assert_eq!(y, vec![1.0, 0.0, 0.0, 0.0, 0.0]);
    let mut tr = CrossEntropyTrace::new(LogBase::E);
    let bits = cross_entropy(&y, &Q, LogBase::Two, Some(&mut tr)).unwrap();
    // −log2(0.1) = log2(10) and −ln(0.1) = ln(10).
    assert!((bits as f64 - LOG2_10).abs() < 1e-5, "{bits}");
    assert_eq!(tr.base, LogBase::Two);
    assert_eq!(tr.loss, bits);
    assert_eq!(tr.classes[0].term, bits);
    assert!(tr.classes[1..].iter().all(|c| c.term == 0.0 && c.target == 0.0));
    assert!((tr.classes[1].log as f64 - 0.52f64.log2()).abs() < 1e-6);
    let nats = cross_entropy(&y, &Q, LogBase::E, None).unwrap();
    assert!((nats as f64 - LN_10).abs() < 1e-5, "{nats}");
    assert_eq!(LogBase::Two.unit(), "bits");
    assert_eq!(LogBase::E.unit(), "nats");
    // Not a distribution: the sum is 1.27.
    match validate_distribution(&Q, DISTRIBUTION_TOLERANCE) {
        DistributionCheck::SumNot1 { sum, .. } => assert!((sum - 1.27).abs() < 1e-6),
        other => panic!("expected SumNot1, got {other:?}"),
    }
    assert_eq!(
        validate_distribution(&Q, DISTRIBUTION_TOLERANCE).to_string(),
        "not a distribution: the values add up to 1.27, not 1 (allowed difference 0.001)"
    );
}

/// The lecture's per-class table: the loss if class c were the true one, -log2(q_c).
/// python3: 3.3219281, 0.9434165, 1.7369656, 3.6438562, 1.8889687.
/// The lecture prints 3.322, 0.9434, 1.685, 3.644, 1.889: its 1.685 for -log2(0.3) is wrong
/// (exact 1.7370). Its J = (3.322 + 0.9434 + 1.685 + 3.644 + 1.889)/5 = 2.2967 inherits the
/// error; the exact J is 2.3070270. In nats: 2.3025851, 0.6539265, 1.2039728, 2.5257286,
/// 1.3093333, J = 1.5991093.
#[test]
fn per_class_losses_and_cost() {
    let bits = per_class_losses(&Q, LogBase::Two).unwrap();
    close(&bits, &[LOG2_10, 0.943_416_47, 1.736_965_59, 3.643_856_19, 1.888_968_69], 1e-5);
    let j = cost(&bits).unwrap();
    assert!((j as f64 - 2.307_027_008).abs() < 1e-5, "{j}");
    let nats = per_class_losses(&Q, LogBase::E).unwrap();
    close(&nats, &[LN_10, 0.653_926_47, 1.203_972_80, 2.525_728_64, 1.309_333_32], 1e-5);
    // The same J as a batch: five examples, one per class, all with prediction Q.
    let targets: Vec<Vec<f32>> = (0..5).map(|c| one_hot(c, 5).unwrap()).collect();
    let preds = vec![Q.to_vec(); 5];
    let batch = batch_cross_entropy(&targets, &preds, LogBase::Two).unwrap();
    close(&batch.losses, &[LOG2_10, 0.943_416_47, 1.736_965_59, 3.643_856_19, 1.888_968_69], 1e-5);
    assert!((batch.cost as f64 - 2.307_027_008).abs() < 1e-5);
}

#[test]
fn zero_probability_for_the_true_class_is_infinite_not_nan() {
    let y = [0.0, 1.0, 0.0];
    assert_eq!(cross_entropy(&y, &[0.5, 0.0, 0.5], LogBase::E, None), Ok(f32::INFINITY));
    assert_eq!(cross_entropy(&y, &[0.5, 0.0, 0.5], LogBase::Two, None), Ok(f32::INFINITY));
    // A zero elsewhere contributes 0, and a perfect prediction costs exactly 0.
    assert_eq!(cross_entropy(&y, &[0.0, 1.0, 0.0], LogBase::E, None), Ok(0.0));
    assert_eq!(cost(&[1.0, f32::INFINITY]), Ok(f32::INFINITY));
}

/// The lecture's one-hot examples: [0,0,0,1,0] is valid (class index 3, "position 4 (or 3 in
/// array indexing)"); [0,1,0,1,0] and [1,1,1,1,1] are invalid.
#[test]
fn one_hot_examples_of_the_lecture() {
    assert_eq!(validate_one_hot(&[0.0, 0.0, 0.0, 1.0, 0.0]), OneHotCheck::Valid { class: 3 });
    assert_eq!(one_hot(3, 5).unwrap(), vec![0.0, 0.0, 0.0, 1.0, 0.0]);
    let two = validate_one_hot(&[0.0, 1.0, 0.0, 1.0, 0.0]);
    assert_eq!(two, OneHotCheck::SeveralOnes { positions: vec![1, 3] });
    assert_eq!(two.to_string(), "not one-hot: 2 values are 1 (at indexes 1 and 3), but exactly one value may be 1");
    let all = validate_one_hot(&[1.0; 5]);
    assert_eq!(all, OneHotCheck::SeveralOnes { positions: vec![0, 1, 2, 3, 4] });
    assert!(all.to_string().contains("at indexes 0, 1, 2, 3 and 4"));
    assert_eq!(validate_one_hot(&[0.0; 4]), OneHotCheck::NoOne);
    assert_eq!(validate_one_hot(&[]), OneHotCheck::Empty);
    let half = validate_one_hot(&[0.0, 0.5, 0.5]);
    assert_eq!(half, OneHotCheck::NotBinary { index: 1, value: 0.5 });
    assert_eq!(
        half.to_string(),
        "not one-hot: the value at index 1 is 0.5, but a one-hot vector holds only 0s and a single 1"
    );
    assert_eq!(
        OneHotCheck::Valid { class: 3 }.to_string(),
        "valid one-hot label of class index 3 (position 4 counting from 1)"
    );
    assert_eq!(
        one_hot(5, 5).unwrap_err().to_string(),
        "one-hot: class index 5 does not exist with 5 classes (indexes count from 0, so the largest is 5 − 1)"
    );
    assert!(one_hot(0, 0).is_err());
}

#[test]
fn distribution_checks() {
    let p = softmax(&[3.2, 1.3, 0.2, 0.8], None).unwrap();
    assert!(validate_distribution(&p, DISTRIBUTION_TOLERANCE).is_valid());
    // The lecture's rounded 0.775 + 0.116 + 0.039 + 0.070 = 1.000.
    assert!(validate_distribution(&[0.775, 0.116, 0.039, 0.070], DISTRIBUTION_TOLERANCE).is_valid());
    assert_eq!(
        validate_distribution(&[0.5, -0.25, 0.75], DISTRIBUTION_TOLERANCE),
        DistributionCheck::Negative { index: 1, value: -0.25 }
    );
    assert_eq!(validate_distribution(&[], 0.1), DistributionCheck::Empty);
    assert!(matches!(validate_distribution(&[f32::NAN], 0.1), DistributionCheck::NotFinite { index: 0, .. }));
    assert!(matches!(validate_distribution(&[0.5, 0.5], f32::NAN), DistributionCheck::Valid { .. }));
}

/// Figure 7.8's 5×5 convolved feature.
fn feature() -> Tensor {
    Tensor::from_rows(&[
        vec![3.0, 3.0, 2.0, 1.0, 0.0],
        vec![0.0, 0.0, 1.0, 3.0, 1.0],
        vec![3.0, 1.0, 2.0, 2.0, 3.0],
        vec![2.0, 0.0, 0.0, 2.0, 2.0],
        vec![2.0, 0.0, 0.0, 0.0, 1.0],
    ])
    .unwrap()
}

/// 3×3 pooling, stride 1, over Figure 7.8 gives 3×3 (⌊(5 − 3)/1⌋ + 1 = 3). By hand, window
/// by window: maxima [[3,3,3],[3,3,3],[3,2,3]] (only the window at row 2, column 1, holding
/// 1,2,2 / 0,0,2 / 0,0,0, tops out at 2); sums [[15,15,15],[9,11,16],[10,7,12]], so the
/// averages are those sums / 9.
#[test]
fn three_by_three_pooling_stride_one() {
    let max = max_pool(&feature(), 3, 3, 1).unwrap();
    assert_eq!(max.plane_rows(0), vec![vec![3.0, 3.0, 3.0], vec![3.0, 3.0, 3.0], vec![3.0, 2.0, 3.0]]);
    let avg = avg_pool(&feature(), 3, 3, 1).unwrap();
    let sums = [15.0, 15.0, 15.0, 9.0, 11.0, 16.0, 10.0, 7.0, 12.0];
    let want: Vec<f64> = sums.iter().map(|s| s / 9.0).collect();
    close(avg.data(), &want, 1e-6);

    let params = PoolParams::new(feature().shape(), PoolKind::Average, 3, 3, 1).unwrap();
    let mut tr = PoolTrace::default();
    pool2d(&feature(), &params, Some(&mut tr)).unwrap();
    let w = &tr.windows[7]; // row 2, column 1
    assert_eq!((w.out_y, w.out_x, w.top, w.left, w.cells.len()), (2, 1, 2, 1, 9));
    assert_eq!(w.result, WindowResult::Average { sum: 7.0, count: 9, mean: 7.0 / 9.0 });

    // Max backward with an upstream gradient of ones: each window sends 1 to its first
    // maximum. Position (1,3) wins three windows, (2,0) two; (2,2) wins the window of the 2.
    let params = PoolParams::new(feature().shape(), PoolKind::Max, 3, 3, 1).unwrap();
    let ones = Tensor::new(params.output_shape(), vec![1.0; 9]).unwrap();
    let g = pool2d_backward(&feature(), &params, &ones).unwrap();
    assert_eq!(
        g.plane_rows(0),
        vec![
            vec![1.0, 1.0, 0.0, 0.0, 0.0],
            vec![0.0, 0.0, 0.0, 3.0, 0.0],
            vec![2.0, 0.0, 1.0, 0.0, 1.0],
            vec![0.0; 5],
            vec![0.0; 5],
        ]
    );
}

/// 2×2 pooling with stride 2 (Figure 7.9's setting) over Figure 7.8: ⌊(5 − 2)/2⌋ + 1 = 2, and
/// the last row and column are never covered. Windows 3,3/0,0; 2,1/1,3; 3,1/2,0; 2,2/0,2.
#[test]
fn two_by_two_pooling_stride_two() {
    let params = PoolParams::square(feature().shape(), PoolKind::Max, 2).unwrap();
    assert_eq!((params.rows.out, params.rows.dropped), (2, 1));
    let mut tr = PoolTrace::default();
    let max = pool2d(&feature(), &params, Some(&mut tr)).unwrap();
    assert_eq!(max.plane_rows(0), vec![vec![3.0, 3.0], vec![3.0, 2.0]]);
    // The first window holds 3, 3, 0, 0: a tie, and the first 3 (row-major) wins.
    assert_eq!(tr.windows[0].result, WindowResult::Max { winner: 0, value: 3.0 });
    let avg = avg_pool(&feature(), 2, 2, 2).unwrap();
    assert_eq!(avg.plane_rows(0), vec![vec![1.5, 1.75], vec![1.5, 1.5]]);
    let g = pool2d_backward(&feature(), &params, &Tensor::new(params.output_shape(), vec![1.0; 4]).unwrap()).unwrap();
    assert_eq!(g.get(0, 0, 0), 1.0);
    assert_eq!(g.get(0, 0, 1), 0.0, "ties route the gradient to the first maximum only");
}
