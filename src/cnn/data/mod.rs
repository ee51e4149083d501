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
mod tests;
