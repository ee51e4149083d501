//! The dataset against independent reference scripts.
// Reference values are pasted with all the digits the scripts printed.
#![allow(clippy::excessive_precision)]

use super::*;

/// Independent reference, node 20 (Float32Array stores f64 → f32 like `as f32`):
///
/// ```js
/// function mulberry32(a){return function(){a|=0;a=a+0x6D2B79F5|0;
///   let t=Math.imul(a^a>>>15,1|a);t=t+Math.imul(t^t>>>7,61|t)^t;
///   return((t^t>>>14)>>>0)/4294967296;};}
/// function shape(c,x,y,dx,dy){const u=x-dx,v=y-dy;
///   const h=(v>=7&&v<=8&&u>=3&&u<=12),vv=(u>=7&&u<=8&&v>=3&&v<=12);
///   if(c===0)return h;if(c===1)return vv;
///   if(c===2)return u>=3&&u<=12&&v>=3&&v<=12&&(u-v===0||u-v===1);
///   if(c===3)return u>=5&&u<=10&&v>=5&&v<=10;return h||vv;}
/// const rd=mulberry32(42);const imgs=[];
/// for(let i=0;i<600;i++){const lab=(i<500?i:i-500)%5;
///   const dx=Math.floor(rd()*5)-2,dy=Math.floor(rd()*5)-2;const px=new Float32Array(256);
///   for(let y=0;y<16;y++)for(let x=0;x<16;x++){const n=(rd()*2-1)*0.1;
///     px[y*16+x]=(shape(lab,x,y,dx,dy)?1:0)+n;}
///   imgs.push({lab,dx,dy,px});}
/// for (const k of [0,1,3,502]) { const im=imgs[k]; console.log(k, im.lab, im.dx, im.dy,
///   im.px[0].toPrecision(9), im.px[8*16+7].toPrecision(9), im.px[7*16+8].toPrecision(9)); }
/// let s=0; for(const im of imgs) for(const v of im.px) s+=v; console.log(s);
/// // 0 0 1 0 0.0704931617 1.09870410 1.02705276
/// // 1 1 -2 2 -0.0886530131 0.00101504195 -0.0933686271
/// // 3 3 0 0 -0.0967206359 1.01967287 1.05950177
/// // 502 2 2 -1 -0.0640719235 0.00245629810 -0.0433259606   (test image 2)
/// // 15736.282860126908
/// ```
#[test]
fn pixels_match_independent_javascript() {
    let d = reference_data().unwrap();
    let px = |s: &Sample, y, x| s.image.get(0, y, x);
    let cases: [(&Sample, f32, f32, f32); 4] = [
        (&d.train.samples()[0], 0.070_493_161_7, 1.098_704_10, 1.027_052_76),
        (&d.train.samples()[1], -0.088_653_013_1, 0.001_015_041_95, -0.093_368_627_1),
        (&d.train.samples()[3], -0.096_720_635_9, 1.019_672_87, 1.059_501_77),
        (&d.test.samples()[2], -0.064_071_923_5, 0.002_456_298_10, -0.043_325_960_6),
    ];
    for (s, p0, p87, p78) in cases {
        assert_eq!(px(s, 0, 0), p0);
        assert_eq!(px(s, 8, 7), p87);
        assert_eq!(px(s, 7, 8), p78);
    }
    // Summed in f64 in the same order as the script.
    let sum: f64 = d
        .train
        .samples()
        .iter()
        .chain(d.test.samples())
        .flat_map(|s| s.image.data().iter().map(|&v| f64::from(v)))
        .sum();
    assert_eq!(sum, 15_736.282_860_126_908);
}

#[test]
fn generation_is_deterministic_and_seed_dependent() {
    let a = reference_data().unwrap();
    let b = reference_data().unwrap();
    assert_eq!(a, b);
    let c = synthetic(41, TRAIN_COUNT, TEST_COUNT).unwrap();
    assert_ne!(a.train.samples()[0], c.train.samples()[0]);
}

#[test]
fn label_counts_are_balanced() {
    let d = reference_data().unwrap();
    assert_eq!(d.train.len(), 500);
    assert_eq!(d.test.len(), 100);
    assert_eq!(d.train.label_counts(), [100; 5]);
    assert_eq!(d.test.label_counts(), [20; 5]);
    for (i, s) in d.train.samples().iter().enumerate() {
        assert_eq!(s.label, i % 5);
        assert_eq!(s.image.shape(), IMAGE_SHAPE);
    }
}

#[test]
fn noise_is_bounded_and_unclipped() {
    let d = reference_data().unwrap();
    let (mut below_zero, mut above_one) = (false, false);
    for s in d.train.samples() {
        for &v in s.image.data() {
            assert!((-0.1..=1.1).contains(&v));
            below_zero |= v < 0.0;
            above_one |= v > 1.0;
        }
    }
    assert!(below_zero && above_one, "values outside [0, 1] are kept, not clipped");
}

#[test]
fn clean_shapes_follow_the_table() {
    let count = |c| clean_image(c, 0, 0).unwrap().data().iter().filter(|&&v| v == 1.0).count();
    assert_eq!(count(0), 20); // 2 rows × 10 columns
    assert_eq!(count(1), 20);
    assert_eq!(count(2), 19); // u − v = 0 (10 cells) or 1 (9 cells inside 3..=12)
    assert_eq!(count(3), 36);
    assert_eq!(count(4), 36); // 20 + 20 − 4 shared
    let shifted = clean_image(0, 2, -2).unwrap();
    assert_eq!(shifted.get(0, 5, 5), 1.0); // v = 7, u = 3
    assert_eq!(shifted.get(0, 5, 4), 0.0);
    assert!(clean_image(5, 0, 0).is_err());
}

/// node: `const rp=mulberry32(43); function perm(){const p=[...Array(500).keys()];
/// for(let i=499;i>=1;i--){const j=Math.floor(rp()*(i+1));[p[i],p[j]]=[p[j],p[i]];}
/// return p;}` — first 8 of three successive calls:
/// [275,253,363,131,348,105,10,385], [485,58,306,342,293,168,393,218],
/// [78,136,358,463,324,148,50,13].
#[test]
fn epoch_permutations_match_javascript_and_are_permutations() {
    let mut s = EpochShuffler::reference();
    let expected: [[usize; 8]; 3] = [
        [275, 253, 363, 131, 348, 105, 10, 385],
        [485, 58, 306, 342, 293, 168, 393, 218],
        [78, 136, 358, 463, 324, 148, 50, 13],
    ];
    for e in expected {
        let p = s.next_epoch();
        assert_eq!(p[..8], e);
        let mut sorted = p.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..500).collect::<Vec<_>>());
    }
    let mut rng = Mulberry32::new(SHUFFLE_SEED);
    assert_eq!(permutation(&mut rng, 500).unwrap()[..8], expected[0]);
    assert_eq!(permutation(&mut rng, 0).unwrap(), Vec::<usize>::new());
    assert_eq!(permutation(&mut rng, 1).unwrap(), vec![0]);
    assert!(permutation(&mut rng, MAX_GENERATED + 1).is_err());
    assert!(EpochShuffler::new(1, usize::MAX).is_err());
}

#[test]
fn push_validates_shape_label_and_values() {
    let mut d = Dataset::new();
    let img = clean_image(3, 0, 0).unwrap();
    d.push(img.clone(), 3).unwrap();
    assert_eq!(d.label_counts(), [0, 0, 0, 1, 0]);
    assert_eq!(d.get(0).unwrap().class_name(), "square");

    let e = d.push(img.clone(), 5).unwrap_err();
    assert_eq!(e.to_string(), "label must be between 0 and 4, got 5");

    let wrong = Tensor::zeros(Shape::new(1, 8, 16)).unwrap();
    let e = d.push(wrong, 0).unwrap_err();
    assert_eq!(e.to_string(), "dataset sample: expected an image of 16×16×1 (16×16, one channel), got 8×16×1");

    let rgb = Tensor::zeros(Shape::new(3, 16, 16)).unwrap();
    assert!(matches!(d.push(rgb, 0), Err(CnnError::ShapeMismatch { .. })));

    let mut nan = vec![0.0; 256];
    nan[17] = f32::NAN;
    let nan = Tensor::new(IMAGE_SHAPE, nan).unwrap();
    assert!(matches!(d.push(nan, 1), Err(CnnError::NotFinite { .. })));
    assert_eq!(d.len(), 1);

    assert!(Sample::new(img, 9).is_err());
    assert!(d.remove(3).is_none());
    assert_eq!(d.remove(0).unwrap().label, 3);
    assert!(d.is_empty());
}

#[test]
fn generation_limits_are_errors() {
    assert!(synthetic(1, MAX_GENERATED + 1, 0).is_err());
    let small = synthetic(42, 5, 0).unwrap();
    let full = reference_data().unwrap();
    assert_eq!(small.train.samples(), &full.train.samples()[..5]);
}

#[test]
fn class_names_in_label_order() {
    assert_eq!(CLASS_NAMES, ["horizontal bar", "vertical bar", "diagonal", "square", "plus"]);
}
