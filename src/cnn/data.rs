//! The five-class 16×16 dataset of the reference workload (`/work/shared/bench-workload.md`),
//! the per-epoch visiting orders, and a [`Dataset`] that also takes samples a student draws.
//!
//! Generation (seed 42, one [`Mulberry32`] stream): 500 training images with label `i % 5`,
//! then 100 test images with label `i % 5`. For each image `dx = ⌊r·5⌋ − 2`, then
//! `dy = ⌊r·5⌋ − 2`, then for each pixel in row-major order `noise = (r·2 − 1)·0.1` and
//! `pixel = shape(x, y) + noise`, computed in f64 and stored as f32, without clipping.

use super::error::{CnnError, Result};
use super::rng::Mulberry32;
use super::tensor::{check_range, Shape, Tensor};
use serde::{Deserialize, Serialize};

/// Number of classes of the workload.
pub const NUM_CLASSES: usize = 5;
/// Names of the classes, indexed by label.
pub const CLASS_NAMES: [&str; NUM_CLASSES] = ["horizontal bar", "vertical bar", "diagonal", "square", "plus"];
/// Height and width of every image.
pub const IMAGE_SIDE: usize = 16;
/// The shape of every sample: one channel of 16×16.
pub const IMAGE_SHAPE: Shape = Shape::new(1, IMAGE_SIDE, IMAGE_SIDE);
/// Seed of the data stream.
pub const DATA_SEED: u32 = 42;
/// Seed of the stream of epoch permutations.
pub const SHUFFLE_SEED: u32 = 43;
/// Training images of the reference workload.
pub const TRAIN_COUNT: usize = 500;
/// Test images of the reference workload.
pub const TEST_COUNT: usize = 100;
/// Amplitude of the uniform pixel noise.
pub const NOISE: f64 = 0.1;
/// The largest number of images [`synthetic`] generates per split, and the longest
/// permutation [`permutation`] builds.
pub const MAX_GENERATED: usize = 100_000;

/// One labelled image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The image, 1×16×16.
    pub image: Tensor,
    /// The class, 0..5 (see [`CLASS_NAMES`]).
    pub label: usize,
}

impl Sample {
    /// A sample, refused unless the image is 1×16×16 with finite values and the label < 5.
    pub fn new(image: Tensor, label: usize) -> Result<Self> {
        validate(&image, label)?;
        Ok(Sample { image, label })
    }

    /// The class name of the label ("?" for a label out of range, which [`Sample::new`]
    /// never creates).
    pub fn class_name(&self) -> &'static str {
        CLASS_NAMES.get(self.label).copied().unwrap_or("?")
    }
}

fn validate(image: &Tensor, label: usize) -> Result<()> {
    if image.shape() != IMAGE_SHAPE {
        return Err(CnnError::ShapeMismatch {
            op: "dataset sample",
            expected: format!("an image of {IMAGE_SHAPE} (16×16, one channel)"),
            got: format!("{}", image.shape()),
        });
    }
    if label >= NUM_CLASSES {
        return Err(CnnError::OutOfRange { what: "label", value: label, min: 0, max: NUM_CLASSES - 1 });
    }
    if let Some(&v) = image.data().iter().find(|v| !v.is_finite()) {
        return Err(CnnError::NotFinite { what: "dataset sample pixel", value: v });
    }
    Ok(())
}

/// An ordered collection of samples: a generated split, possibly with user-drawn samples added.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dataset {
    samples: Vec<Sample>,
}

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Self {
        Dataset::default()
    }

    /// Appends an image with its label; refused (and the dataset left unchanged) unless the
    /// image is 1×16×16 with finite values and the label is below 5.
    pub fn push(&mut self, image: Tensor, label: usize) -> Result<()> {
        validate(&image, label)?;
        self.samples.push(Sample { image, label });
        Ok(())
    }

    /// Appends a sample, with the same checks as [`Dataset::push`].
    pub fn push_sample(&mut self, sample: Sample) -> Result<()> {
        self.push(sample.image, sample.label)
    }

    /// Removes and returns the sample at `index`, or `None` if there is none.
    pub fn remove(&mut self, index: usize) -> Option<Sample> {
        (index < self.samples.len()).then(|| self.samples.remove(index))
    }

    /// All samples in order.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// The sample at `index`, if any.
    pub fn get(&self, index: usize) -> Option<&Sample> {
        self.samples.get(index)
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// How many samples each class has, indexed by label.
    pub fn label_counts(&self) -> [usize; NUM_CLASSES] {
        let mut counts = [0; NUM_CLASSES];
        for s in &self.samples {
            if let Some(c) = counts.get_mut(s.label) {
                *c += 1;
            }
        }
        counts
    }
}

/// The two splits of a generated dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyntheticData {
    /// Training samples, labels `i % 5`.
    pub train: Dataset,
    /// Test samples, drawn after the training ones from the same stream, labels `i % 5`.
    pub test: Dataset,
}

/// Whether the clean shape of `class` covers the point (u, v) = (x − dx, y − dy):
/// the table of the workload. A class ≥ 5 is refused.
pub fn class_covers(class: usize, u: i64, v: i64) -> Result<bool> {
    let horizontal = (7..=8).contains(&v) && (3..=12).contains(&u);
    let vertical = (7..=8).contains(&u) && (3..=12).contains(&v);
    Ok(match class {
        0 => horizontal,
        1 => vertical,
        2 => (3..=12).contains(&u) && (3..=12).contains(&v) && (u - v == 0 || u - v == 1),
        3 => (5..=10).contains(&u) && (5..=10).contains(&v),
        4 => horizontal || vertical,
        _ => return Err(CnnError::OutOfRange { what: "class", value: class, min: 0, max: NUM_CLASSES - 1 }),
    })
}

/// The clean (noise-free) image of `class` shifted by (dx, dy): 1 on the shape, 0 elsewhere.
pub fn clean_image(class: usize, dx: i64, dy: i64) -> Result<Tensor> {
    let mut data = Vec::with_capacity(IMAGE_SHAPE.len());
    for y in 0..IMAGE_SIDE as i64 {
        for x in 0..IMAGE_SIDE as i64 {
            data.push(if class_covers(class, x - dx, y - dy)? { 1.0 } else { 0.0 });
        }
    }
    Tensor::new(IMAGE_SHAPE, data)
}

/// Draws one image of `class` from the stream: dx, dy, then 256 noisy pixels.
fn draw_image(rng: &mut Mulberry32, class: usize) -> Result<Tensor> {
    let dx = rng.below(5) as i64 - 2;
    let dy = rng.below(5) as i64 - 2;
    let mut data = Vec::with_capacity(IMAGE_SHAPE.len());
    for y in 0..IMAGE_SIDE as i64 {
        for x in 0..IMAGE_SIDE as i64 {
            let noise = rng.symmetric(NOISE);
            let shape = if class_covers(class, x - dx, y - dy)? { 1.0 } else { 0.0 };
            data.push((shape + noise) as f32);
        }
    }
    Tensor::new(IMAGE_SHAPE, data)
}

/// Generates `train` then `test` images from one stream of `seed`, labels `i % 5` within
/// each split. Each split is limited to [`MAX_GENERATED`] images.
pub fn synthetic(seed: u32, train: usize, test: usize) -> Result<SyntheticData> {
    check_range("training images", train, 0, MAX_GENERATED)?;
    check_range("test images", test, 0, MAX_GENERATED)?;
    let mut rng = Mulberry32::new(seed);
    let mut split = |n: usize| -> Result<Dataset> {
        let mut samples = Vec::with_capacity(n);
        for i in 0..n {
            let label = i % NUM_CLASSES;
            samples.push(Sample { image: draw_image(&mut rng, label)?, label });
        }
        Ok(Dataset { samples })
    };
    let train = split(train)?;
    let test = split(test)?;
    Ok(SyntheticData { train, test })
}

/// The reference workload's data: seed 42, 500 training and 100 test images.
pub fn reference_data() -> Result<SyntheticData> {
    synthetic(DATA_SEED, TRAIN_COUNT, TEST_COUNT)
}

/// One Fisher–Yates permutation of 0..n drawn from `rng`: start from `[0, 1, …, n−1]`; for i
/// from n−1 down to 1, j = ⌊r·(i+1)⌋, swap `p[i]` and `p[j]`. Lengths above [`MAX_GENERATED`]
/// are refused.
pub fn permutation(rng: &mut Mulberry32, n: usize) -> Result<Vec<usize>> {
    check_range("permutation length", n, 0, MAX_GENERATED)?;
    Ok(fisher_yates(rng, n))
}

/// Fisher–Yates without the length check; callers bound `n`.
fn fisher_yates(rng: &mut Mulberry32, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.below(i + 1);
        p.swap(i, j);
    }
    p
}

/// The visiting orders of successive epochs: the e-th call returns the e-th permutation of
/// one stream (seed 43 for the workload), so epochs differ but runs repeat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochShuffler {
    rng: Mulberry32,
    n: usize,
}

impl EpochShuffler {
    /// A shuffler of 0..n from `seed`; n is limited to [`MAX_GENERATED`].
    pub fn new(seed: u32, n: usize) -> Result<Self> {
        check_range("permutation length", n, 0, MAX_GENERATED)?;
        Ok(EpochShuffler { rng: Mulberry32::new(seed), n })
    }

    /// The reference workload's shuffler: seed 43 over the 500 training samples.
    pub fn reference() -> Self {
        EpochShuffler { rng: Mulberry32::new(SHUFFLE_SEED), n: TRAIN_COUNT }
    }

    /// How many indices each permutation holds.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when the permutations are empty.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The next epoch's order.
    pub fn next_epoch(&mut self) -> Vec<usize> {
        fisher_yates(&mut self.rng, self.n)
    }
}

#[cfg(test)]
// Reference values are pasted with all the digits the scripts printed.
#[allow(clippy::excessive_precision)]
mod tests {
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
}
