//! THE KEY TEST: the reference workload (`/work/shared/bench-workload.md`: its data, its
//! initial weights, its epoch permutations, SGD η = 0.01, batch 1, 3 epochs) reaches 100 % test
//! accuracy, with the mean test cross-entropy recorded below, and a second run is bit for bit
//! identical. Also: training in slices gives the same run, and a learning rate of 100 explodes
//! and is stopped with the divergence status instead of panicking.
//!
//! The recorded loss was cross-checked by an independent JavaScript implementation of the
//! workload (node 20, f64 arithmetic, Keras NHWC layouts): after epochs 1, 2, 3 its mean test
//! cross-entropy is 0.207729211, 0.0344661741, 0.00657643003 with test accuracy 0.99, 1, 1; the
//! core (f32) gives 0.207729116, 0.034466092, 0.006576426.

use convlab::cnn::data::reference_data;
use convlab::cnn::model::EXPLODING_WEIGHT;
use convlab::cnn::{CnnError, LayerParams, Model, TrainConfig, TrainStatus, Trainer};
use std::time::Instant;

/// Mean test cross-entropy (nats) after the 3 epochs of the reference run.
const REFERENCE_TEST_LOSS: f32 = 0.006_576_426;

fn run() -> Trainer {
    let mut t = Trainer::reference().unwrap();
    t.run_to_end().unwrap();
    t
}

fn weight_bits(m: &Model) -> Vec<u32> {
    m.params().iter().flat_map(|p| p.weights.iter().chain(&p.bias)).map(|v| v.to_bits()).collect()
}

#[test]
fn reference_run_reaches_full_accuracy_and_repeats_bit_for_bit() {
    let start = Instant::now();
    let a = run();
    let elapsed = start.elapsed();
    assert_eq!(*a.status(), TrainStatus::Finished);
    assert_eq!(a.samples_done(), 1500);
    assert_eq!(a.epochs().len(), 3);
    for e in a.epochs() {
        let t = e.test.as_ref().unwrap();
        println!(
            "epoch {}: train loss {:.6}, train accuracy {:.3}; test loss {:.9}, test accuracy {:.2}",
            e.epoch, e.train_loss, e.train_accuracy, t.mean_loss, t.accuracy
        );
    }
    let last = a.epochs()[2].test.clone().unwrap();
    println!(
        "reference run: test accuracy {:.2}, mean test cross-entropy {:.9} nats, {elapsed:?}",
        last.accuracy, last.mean_loss
    );
    assert_eq!(last.accuracy, 1.0);
    assert_eq!(last.correct, 100);
    assert!((last.mean_loss - REFERENCE_TEST_LOSS).abs() < 1e-6, "mean test loss {}", last.mean_loss);
    // The independent f64 implementation agrees to a few parts in 10⁶ at every epoch.
    let js = [0.207_729_211, 0.034_466_174_1, 0.006_576_430_03];
    for (e, want) in a.epochs().iter().zip(js) {
        let got = e.test.as_ref().unwrap().mean_loss as f64;
        assert!((got - want).abs() < 1e-5 * want.max(0.01) * 10.0, "epoch {}: {got} vs {want}", e.epoch);
    }
    // Per-class accuracy and the confusion matrix: 20 test images per class, all right.
    assert!(last.per_class_accuracy.iter().all(|&a| a == Some(1.0)));
    for (c, row) in last.confusion.iter().enumerate() {
        assert_eq!(row[c], 20);
    }

    let b = run();
    assert_eq!(weight_bits(a.model()), weight_bits(b.model()), "a second run must be bit for bit identical");
    assert_eq!(a.steps(), b.steps());
    assert_eq!(a.epochs(), b.epochs());
}

#[test]
fn training_in_slices_is_the_same_run() {
    let mut whole = Trainer::reference().unwrap();
    whole.train_samples(620).unwrap();
    let mut sliced = Trainer::reference().unwrap();
    assert_eq!(*sliced.status(), TrainStatus::Ready);
    let mut done = 0;
    for n in [1, 7, 0, 13, 99].iter().cycle() {
        let n = (*n).min(620 - done);
        let r = sliced.train_samples(n).unwrap();
        assert_eq!(r.trained, n);
        done += n;
        if done == 620 {
            break;
        }
    }
    assert_eq!(*sliced.status(), TrainStatus::Training);
    assert_eq!(sliced.epochs_done(), 1);
    assert_eq!(weight_bits(whole.model()), weight_bits(sliced.model()));
    assert_eq!(whole.steps(), sliced.steps());
    // The vanishing-gradient plot has a norm per parametric layer after an update.
    let norms = sliced.gradient_norms();
    assert_eq!(norms.iter().map(|n| n.layer).collect::<Vec<_>>(), vec![1, 4, 8]);
    assert!(norms.iter().all(|n| n.weights.is_finite() && n.weights >= 0.0));
}

/// The panel's way: slices that stop at each epoch's end, and the test evaluation spread over
/// later calls in chunks. Same weights, steps and epoch records (test results included) as the
/// whole run, bit for bit.
#[test]
fn deferred_evaluation_in_chunks_is_the_same_run() {
    let whole = run();
    let mut t = Trainer::reference().unwrap();
    t.defer_evaluation(true);
    let (mut slices, mut chunks) = (0, 0);
    for (n, e) in [37usize, 250, 1, 499].iter().cycle().zip([7usize, 1, 30, 100].iter().cycle()) {
        if *t.status() == TrainStatus::Finished {
            break;
        }
        if t.evaluation_pending() {
            // Stopped at the end of an epoch: its record waits for its test result.
            assert!(t.epochs().last().unwrap().test.is_none());
            assert_eq!(t.samples_done(), t.epochs_done() * 500);
            let did = t.evaluate_pending(*e).unwrap();
            assert!(did > 0 && did <= *e);
            chunks += 1;
        } else {
            let r = t.train_samples(*n).unwrap();
            assert!(r.trained <= *n);
            slices += 1;
        }
        assert!(slices + chunks < 10_000, "the run does not end");
    }
    assert!(chunks > 3 * 3, "the evaluations were spread over {chunks} calls");
    assert_eq!(t.evaluate_pending(5).unwrap(), 0);
    assert_eq!(weight_bits(whole.model()), weight_bits(t.model()));
    assert_eq!(whole.steps(), t.steps());
    assert_eq!(whole.epochs(), t.epochs());
    // Training on while an evaluation is pending finishes it first: nothing is lost.
    let mut u = Trainer::reference().unwrap();
    u.defer_evaluation(true);
    u.train_samples(500).unwrap();
    assert!(u.evaluation_pending());
    u.evaluate_pending(10).unwrap();
    u.run_to_end().unwrap();
    assert_eq!(*u.status(), TrainStatus::Finished);
    assert_eq!(whole.epochs(), u.epochs());
}

#[test]
fn a_huge_learning_rate_explodes_and_is_stopped() {
    let data = reference_data().unwrap();
    let config = TrainConfig { learning_rate: 100.0, ..TrainConfig::reference() };
    let mut t = Trainer::new(Model::reference().unwrap(), data.train, data.test, config).unwrap();
    let err = t.run_to_end().unwrap_err();
    println!("{err}");
    let CnnError::Diverged { epoch, sample, ref what, value, learning_rate } = err else { panic!("{err:?}") };
    // The stable softmax keeps the loss finite: the ReLUs die and the weights explode instead
    // (the second update sends them to about 7·10⁵), which the trainer treats like NaN.
    assert!(!value.is_finite() || value.abs() > EXPLODING_WEIGHT, "{value}");
    assert_eq!((epoch, sample, what.as_str(), learning_rate), (1, 2, "weights of layer 1", 100.0));
    assert!(err.to_string().contains("lower the learning rate"));
    let TrainStatus::Diverged(d) = t.status().clone() else { panic!("{:?}", t.status()) };
    assert_eq!(d.error(), err);
    assert!(t.samples_done() < 1500);
    // Training stays stopped, and still does not panic.
    assert_eq!(t.train_samples(10).unwrap_err(), err);
    assert_eq!(t.step().unwrap_err(), err);
}

#[test]
fn settings_are_checked() {
    let data = reference_data().unwrap();
    let bad = |config: TrainConfig| {
        Trainer::new(Model::reference().unwrap(), data.train.clone(), data.test.clone(), config).unwrap_err()
    };
    let e = bad(TrainConfig { learning_rate: 0.0, ..TrainConfig::reference() });
    assert_eq!(e.to_string(), "learning rate must be a finite number greater than 0, got 0");
    assert!(matches!(
        bad(TrainConfig { learning_rate: f32::NAN, ..TrainConfig::reference() }),
        CnnError::Hyperparameter { .. }
    ));
    assert!(matches!(bad(TrainConfig { momentum: 1.0, ..TrainConfig::reference() }), CnnError::Hyperparameter { .. }));
    assert!(matches!(bad(TrainConfig { batch_size: 0, ..TrainConfig::reference() }), CnnError::OutOfRange { .. }));
    assert!(matches!(bad(TrainConfig { epochs: 0, ..TrainConfig::reference() }), CnnError::OutOfRange { .. }));
    let e = Trainer::new(Model::reference().unwrap(), Default::default(), data.test.clone(), TrainConfig::reference())
        .unwrap_err();
    assert_eq!(e, CnnError::Empty { op: "training set" });
}

#[test]
fn an_infinite_loss_is_stopped_too() {
    // Dense weights so large that the logits overflow to ±∞: the loss is NaN at the first sample.
    let mut params = Model::reference().unwrap().params();
    params[2].weights.iter_mut().for_each(|w| *w = if *w > 0.0 { 3e38 } else { -3e38 });
    let model = Model::from_params(Model::reference().unwrap().spec(), params.clone()).unwrap();
    let data = reference_data().unwrap();
    let mut t = Trainer::new(model, data.train, data.test, TrainConfig::reference()).unwrap();
    let err = t.step().unwrap_err();
    let CnnError::Diverged { sample, ref what, value, .. } = err else { panic!("{err:?}") };
    assert_eq!((sample, what.as_str()), (1, "loss"));
    assert!(value.is_nan(), "{value}");
    assert!(t.steps()[0].loss.is_nan());
    assert!(matches!(t.status(), TrainStatus::Diverged(_)));
    // No update was made from the NaN.
    assert_eq!(t.model().params(), params as Vec<LayerParams>);
}
