//! The training lab's state, reducer and link, on the host.

use convlab::cnn::TrainStatus;
use convlab::link::Link;
use convlab::panels::training::link::{from_link, to_link};
use convlab::panels::training::config::{Config, PoolChoice};
use convlab::panels::training::state::{Action, IoNote, TrainState};

fn open(fragment: &str) -> TrainState {
    from_link(&Link::parse(fragment))
}

fn run(s: &mut TrainState, max_ticks: usize) {
    s.apply(Action::Start);
    for _ in 0..max_ticks {
        if !s.running {
            break;
        }
        s.apply(Action::Tick);
    }
}

#[test]
fn default_is_the_reference_network() {
    let s = open("#/training");
    assert!(s.ignored.is_empty());
    assert_eq!(s.config, Config::reference());
    // conv1 3·3·8+8 = 80, conv2 3·3·8·16+16 = 1168, dense 256·5+5 = 1285.
    assert_eq!(s.plan.total_params(), 2533);
    let shapes: Vec<String> = s.plan.layers.iter().map(|l| convlab::panels::training::report::flow_text(&l.output)).collect();
    assert_eq!(shapes, ["16×16×8", "16×16×8", "8×8×8", "8×8×16", "8×8×16", "4×4×16", "256", "5"]);
    assert_eq!(s.status(), TrainStatus::Ready);
    assert!(s.eval.is_some());
    assert_eq!(s.maps.len(), 9);
}

#[test]
fn link_round_trip_and_bad_keys() {
    let s = open("#/training?filters=4&kernel=5&pool=avg&activation=tanh&lr=0.03&batch=8&epochs=2&momentum=0.9&loss=mse&seed=7");
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.config.filters, 4);
    assert_eq!(s.config.pool, PoolChoice::Avg);
    assert_eq!(s.config.lr, 0.03);
    let l = to_link(&s);
    let again = from_link(&l);
    assert_eq!(again.config, s.config);
    assert!(l.to_fragment().contains("v=1"));
    let bad = open("#/training?filters=99&lr=-1&pool=foo&momentum=1&seed=x&preset=nope&colour=red&v=9");
    let keys: Vec<&str> = bad.ignored.iter().map(|i| i.key.as_str()).collect();
    for k in ["filters", "lr", "pool", "momentum", "seed", "preset", "colour", "v"] {
        assert!(keys.contains(&k), "{k} not reported in {keys:?}");
    }
    assert_eq!(bad.config, Config::reference());
    let p = open("#/training?preset=exploding");
    assert_eq!(p.config.lr, 100.0);
    assert!(to_link(&p).to_fragment().contains("preset=exploding"));
}

#[test]
fn collapsing_shapes_are_refused_with_the_reason() {
    let mut s = open("#/training");
    s.apply(Action::Step);
    assert_eq!(s.trainer.borrow().samples_done(), 1);
    s.apply(Action::SetConfig(Config { kernel: 11, ..s.config }));
    let e = s.config_error.clone().expect("refused");
    assert!(e.contains("layer"), "{e}");
    assert!(!s.can_train());
    // The last valid run is kept.
    assert_eq!(s.trainer.borrow().samples_done(), 1);
    assert_eq!(s.built.kernel, 3);
    s.apply(Action::Start);
    assert!(!s.running);
    let opened = open("#/training?kernel=9");
    assert!(opened.config_error.is_some());
    s.apply(Action::SetConfig(Config { kernel: 5, ..s.config }));
    assert!(s.config_error.is_none());
    assert_eq!(s.trainer.borrow().samples_done(), 0);
}

#[test]
fn step_and_backprop_in_numbers() {
    let mut s = open("#/training");
    s.apply(Action::ChooseSample(3));
    s.apply(Action::ChooseWeight(2, 0, 1));
    let b = s.backprop.clone().expect("trace");
    assert_eq!((b.trace.filter, b.trace.ky, b.trace.kx), (2, 0, 1));
    assert_eq!(b.trace.terms.len(), 256);
    assert!((b.trace.sum - b.core_gradient).abs() <= 1e-6 * (1.0 + b.core_gradient.abs()));
    assert!((b.new - (b.old - b.lr * b.trace.sum)).abs() < 1e-6);
    let total: f32 = b.prediction.probs.iter().sum();
    assert!((total - 1.0).abs() < 1e-5);
    assert!((b.loss + b.prediction.probs[b.label].ln()).abs() < 1e-4);
    s.apply(Action::Step);
    assert_eq!(s.trainer.borrow().samples_done(), 1);
    assert_eq!(s.status(), TrainStatus::Training);
}

#[test]
fn trains_in_slices_to_the_end() {
    let mut s = open("#/training?epochs=1");
    run(&mut s, 100_000);
    assert_eq!(s.status(), TrainStatus::Finished);
    assert!(!s.running);
    assert!(s.slice >= 1);
    let e = s.eval.clone().unwrap();
    assert!(e.accuracy > 0.6, "accuracy {}", e.accuracy);
    let summary = s.summary();
    assert!(summary.contains("Accuracy per class"), "{summary}");
    assert!(summary.contains("vertical bar"));
    s.apply(Action::Reset);
    assert_eq!(s.trainer.borrow().samples_done(), 0);
}

#[test]
fn pause_and_resume() {
    let mut s = open("#/training");
    s.apply(Action::Start);
    s.apply(Action::Tick);
    s.apply(Action::Pause);
    assert!(!s.running);
    let done = s.trainer.borrow().samples_done();
    assert!(done > 0);
    s.apply(Action::Tick);
    assert_eq!(s.trainer.borrow().samples_done(), done);
    s.apply(Action::Start);
    s.apply(Action::Tick);
    assert!(s.trainer.borrow().samples_done() > done);
}

#[test]
fn exploding_preset_stops_by_itself() {
    let mut s = open("#/training");
    s.apply(Action::LoadPreset("exploding".into()));
    run(&mut s, 10_000);
    assert!(matches!(s.status(), TrainStatus::Diverged(_)), "{:?}", s.status());
    assert!(!s.running);
    assert!(!s.can_train());
    s.apply(Action::LowerRate);
    assert_eq!(s.config.lr, 10.0);
    assert_eq!(s.status(), TrainStatus::Ready);
}

#[test]
fn vanishing_preset_shrinks_early_gradients() {
    let mut s = open("#/training?preset=vanishing");
    assert!(s.config_error.is_none());
    for _ in 0..5 {
        s.apply(Action::Step);
    }
    let norms = s.trainer.borrow().gradient_norms().to_vec();
    assert_eq!(norms.len(), 9);
    let first = norms[0].weights;
    let last_conv = norms[7].weights;
    assert!(first * 10.0 < last_conv, "first {first}, last conv {last_conv}");
}

#[test]
fn drawing_is_classified_and_joins_the_training_set() {
    let mut s = open("#/training");
    assert!(s.drawn_prediction.is_none());
    for x in 3..13 {
        s.apply(Action::Paint(7, x));
    }
    let p = s.drawn_prediction.clone().expect("prediction");
    assert!((p.probs.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    s.apply(Action::SetDrawLabel(0));
    s.apply(Action::AddDrawing);
    assert_eq!(s.extra.len(), 1);
    assert!(s.extra_pending);
    s.apply(Action::Reset);
    assert_eq!(s.trainer.borrow().train_set().len(), 501);
    s.apply(Action::SetErase(true));
    for x in 3..14 {
        s.apply(Action::Paint(7, x));
    }
    assert!(s.drawn_prediction.is_none());
    s.apply(Action::RemoveDrawn(0));
    assert!(s.extra.is_empty());
}

#[test]
fn export_and_import() {
    let mut s = open("#/training");
    for _ in 0..20 {
        s.apply(Action::Step);
    }
    let json = s.export().unwrap();
    let mut fresh = open("#/training");
    fresh.apply(Action::Import(json.clone()));
    assert!(matches!(fresh.io, Some(IoNote::Ok(_))), "{:?}", fresh.io);
    assert_eq!(fresh.trainer.borrow().model().params(), s.trainer.borrow().model().params());
    let before = fresh.trainer.borrow().model().params();
    fresh.apply(Action::Import("{ not json".into()));
    assert!(matches!(&fresh.io, Some(IoNote::Error(m)) if m.contains("JSON")), "{:?}", fresh.io);
    assert_eq!(fresh.trainer.borrow().model().params(), before);
    let mut other = open("#/training?filters=4");
    other.apply(Action::Import(json));
    assert!(matches!(other.io, Some(IoNote::Error(_))));
}

#[test]
fn a_link_pasted_while_open_names_what_it_ignored() {
    // The address changes while the panel is showing: the refusal must reach the page too.
    let mut s = open("#/training");
    let (c, p, ignored) = convlab::panels::training::link::config_from_link(&Link::parse("#/training?filters=17&epochs=51"));
    s.apply(Action::Replace(Box::new(c), p, ignored));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["filters", "epochs"]);
    assert_eq!(s.config.filters, Config::reference().filters);
    s.apply(Action::DismissNotes);
    assert!(s.ignored.is_empty());
}

#[test]
fn an_epochs_evaluation_runs_in_pieces_that_share_frames_and_gives_the_same_result() {
    let config = Config { epochs: 5, ..Config::reference() };
    let mut s = TrainState::new(config, None);
    s.apply(Action::Start);
    let (mut ticks, mut shared) = (0, 0);
    while s.running && ticks < 100_000 {
        let before = s.trainer.borrow().samples_done();
        let epochs_before = s.trainer.borrow().epochs().iter().filter(|e| e.test.is_some()).count();
        s.apply(Action::Tick);
        ticks += 1;
        let evaluated = s.trainer.borrow().epochs().iter().filter(|e| e.test.is_some()).count() > epochs_before;
        if evaluated && s.trainer.borrow().samples_done() > before {
            shared += 1;
        }
    }
    assert_eq!(s.status(), TrainStatus::Finished);
    // An epoch that ends in the middle of a frame is evaluated, and the next one started, in
    // the time that frame has left (at least once in five epochs, on however slow a machine:
    // a slice rarely ends exactly at its budget).
    assert!(shared >= 1, "no frame both trained and finished an evaluation in {ticks} frames");
    // The same run with the evaluation done inline (run_to_end): identical records.
    let whole = TrainState::new(config, None);
    whole.trainer.borrow_mut().run_to_end().unwrap();
    assert_eq!(s.trainer.borrow().epochs(), whole.trainer.borrow().epochs());
    assert_eq!(s.trainer.borrow().steps(), whole.trainer.borrow().steps());
    // The last epoch's evaluation is shown without being computed again.
    assert_eq!(s.eval.as_deref(), whole.trainer.borrow().epochs()[4].test.as_ref());
}

#[test]
fn slices_follow_the_frame_budget() {
    use convlab::panels::training::run::{next_slice, FRAME_BUDGET_MS, MAX_SLICE};
    // 100 samples in 16 ms: 50 fit the budget; halfway from 100 is 75.
    assert_eq!(FRAME_BUDGET_MS, 8.0);
    assert_eq!(next_slice(100, 100, 16.0), 75);
    // A slice cut short by an epoch's end (10 of 100 done in 1 ms) is judged by its rate.
    assert_eq!(next_slice(100, 10, 1.0), 90);
    assert_eq!(next_slice(100, 0, 0.0), 100);
    assert_eq!(next_slice(1, 1, 0.1), 2);
    assert_eq!(next_slice(MAX_SLICE, MAX_SLICE, 0.1), MAX_SLICE);
    assert_eq!(next_slice(1, 1, 1000.0), 1);
}

#[test]
fn a_frame_adapts_each_slice_once_from_its_whole_rate() {
    use convlab::panels::training::run::adapted;
    // No work of that kind this frame: unchanged.
    assert_eq!(adapted(100, (0, 0, 0.0)), 100);
    // Too quick to time, and cut short (an epoch ended after 10 of 100): says nothing.
    assert_eq!(adapted(100, (100, 10, 0.3)), 100);
    // Too quick to time but all done: grows halfway towards twice as much.
    assert_eq!(adapted(100, (100, 100, 0.3)), 150);
    // Timed: 100 in 16 ms, so 50 fit the 8 ms budget; halfway from 100 is 75.
    assert_eq!(adapted(100, (100, 100, 16.0)), 75);
    // Pieces add up: 30 + 30 asked, 60 done in 4 ms, so 120 fit; halfway from 60 is 90.
    assert_eq!(adapted(60, (60, 60, 4.0)), 90);
}
