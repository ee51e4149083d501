//! The pipeline panel (#/pipeline) on the host: the stage shapes, hand-checked values, the
//! reducer, the deep link (round trip and bad links) and the links to the other panels.

use convlab::cnn::relu;
use convlab::link::Link;
use convlab::panels::pipeline::detail::panel_link;
use convlab::panels::pipeline::link::{from_link, to_link};
use convlab::panels::pipeline::presets::{find, PRESETS};
use convlab::panels::pipeline::state::{Action, PipeState, Stage, STAGES};
use convlab::panels::stepping::StepAction;
use convlab::panels::{convolution, cross_entropy, dense, flatten, pooling, softmax};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: PipeState, actions: &[Action]) -> PipeState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn open(fragment: &str) -> PipeState {
    from_link(&Link::parse(fragment))
}

fn ignored_keys(s: &PipeState) -> Vec<String> {
    s.ignored.iter().map(|i| i.key.clone()).collect()
}

fn near(a: f32, b: f32) {
    assert!((a - b).abs() < 1e-5, "{a} ≠ {b}");
}

#[test]
fn every_stage_has_the_lectures_shape() {
    for p in PRESETS {
        let s = PipeState::from_preset(p);
        let shapes: Vec<String> = STAGES.iter().map(|&st| s.good.shape_key(st)).collect();
        // 6×6 image, 3×3 valid convolution: 6 − 3 + 1 = 4, two filters → 4×4×2; ReLU keeps the
        // shape; 2×2 pooling at stride 2 halves it → 2×2×2; flatten 2·2·2 = 8; 3 classes.
        assert_eq!(shapes, ["6x6x1", "4x4x2", "4x4x2", "2x2x2", "8", "3", "3", "1"], "{}", p.id);
        let total: f32 = s.good.probs.iter().sum();
        near(total, 1.0);
    }
}

#[test]
fn vertical_bar_by_hand() {
    let s = PipeState::from_preset(find("vertical-bar").unwrap());
    let g = &s.good;
    // Filter 1 (−1 2 −1 in every row) over the bright column 3: the window centred on it gives
    // 3 rows × 2 = 6; the windows beside it see it under a −1: 3 × −1 = −3; the last one misses it.
    assert_eq!(g.conv.plane_rows(0), vec![vec![-3.0, 6.0, -3.0, 0.0]; 4]);
    // Filter 2 sees −1 + 2 − 1 = 0 down every column of the bar.
    assert_eq!(g.conv.plane_rows(1), vec![vec![0.0; 4]; 4]);
    assert_eq!(g.relu.plane_rows(0), vec![vec![0.0, 6.0, 0.0, 0.0]; 4]);
    assert_eq!(g.pool.plane_rows(0), vec![vec![6.0, 0.0]; 2]);
    // Flatten goes position by position, both channels at each: 6, 0, 0, 0, 6, 0, 0, 0.
    assert_eq!(g.flat, vec![6.0, 0.0, 0.0, 0.0, 6.0, 0.0, 0.0, 0.0]);
    // vertical = 0.25·12 = 3, horizontal = −0.25·12 = −3, none = −0.25·12 + 1 = −2.
    assert_eq!(g.logits, vec![3.0, -3.0, -2.0]);
    // p(vertical) = 1 / (1 + e^−6 + e^−5) ≈ 0.990867; loss = −log₂ of it ≈ 0.013236 bits.
    near(g.probs[0], 0.990_867);
    near(g.loss, 0.013_236);
    // The trace behind conv map 1, row 1, column 2 has 9 products adding up to 6.
    let t = &g.conv_trace.positions[1];
    assert_eq!((t.terms.len(), t.sum), (9, 6.0));
    assert_eq!(g.relu_trace.steps[0].input, -3.0);
    assert_eq!(g.relu_trace.steps[0].output, relu(-3.0));
}

#[test]
fn blank_image_leaves_only_the_biases() {
    let s = PipeState::from_preset(find("blank").unwrap());
    // Logits 0, 0, 1: softmax 1/(2+e), 1/(2+e), e/(2+e).
    let e = std::f32::consts::E;
    assert_eq!(s.good.logits, vec![0.0, 0.0, 1.0]);
    near(s.good.probs[2], e / (2.0 + e));
    near(s.good.loss, -(e / (2.0 + e)).log2());
}

#[test]
fn a_typo_keeps_the_text_and_the_last_result() {
    let s = PipeState::default();
    let before = s.good.clone();
    let s = reduce(s, &[Action::EditInput(0, 0, "abc".into())]);
    assert_eq!(s.input.text(0, 0), "abc");
    assert_eq!(s.good, before);
    assert!(s.input.error_message("Image").unwrap().contains("row 1, column 1"));
    let s = reduce(s, &[Action::EditInput(0, 0, "1".into())]);
    assert_ne!(s.good, before);
    assert_eq!(s.preset, None);
    assert_eq!(s.good.input.get(0, 0, 0), 1.0);
    // Overflowing logits are refused by softmax: a message, and the last valid values stay.
    let s = reduce(s, &[Action::EditWeight(0, 0, "1e30".into()), Action::EditWeight(0, 4, "1e30".into())]);
    let _ = s.compute_error.as_ref(); // 6·1e30 is finite in f32; either way nothing panics
    let s = reduce(s, &[Action::EditBias(1, "x".into())]);
    assert_eq!(s.bias.text(0, 1), "x");
}

#[test]
fn label_kernels_and_stepping() {
    let s = PipeState::default();
    let s = reduce(s, &[Action::SetLabel(1)]);
    // The wrong label costs a lot: −log₂ p(horizontal).
    near(s.good.loss, -s.good.probs[1].log2());
    assert!(s.good.loss > 8.0);
    let s = reduce(s, &[Action::EditKernel(0, 1, 1, "4".into())]);
    // Centre weight 4 instead of 2: the bar's window gives 2 + 4 + 2 = 8.
    assert_eq!(s.good.conv.get(0, 0, 1), 8.0);
    let s = reduce(s, &[Action::Step(StepAction::Next), Action::Step(StepAction::Next)]);
    assert_eq!(s.stage(), Stage::Relu);
    let s = reduce(s, &[Action::Step(StepAction::Last)]);
    assert_eq!(s.stage(), Stage::Loss);
    assert_eq!(s.cell(), 1); // the loss stage points at the true class
    let s = reduce(s, &[Action::SelectCell(3, 5)]);
    assert_eq!((s.stage(), s.cell()), (Stage::Pool, 5));
    let s = reduce(s, &[Action::SelectStage(1)]);
    // A new stage shows its default: the strongest response (map 1, row 1, column 2).
    assert_eq!((s.stage(), s.cell()), (Stage::Conv, 1));
    let s = reduce(s, &[Action::ResetParams]);
    assert_eq!(s.good.conv.get(0, 0, 1), 6.0);
}

#[test]
fn link_round_trip() {
    let s = PipeState::default();
    assert_eq!(to_link(&s).to_fragment(), "#/pipeline?v=1&preset=vertical-bar&label=0");
    let s = reduce(s, &[
        Action::LoadPreset("horizontal-bar".into()),
        Action::EditKernel(1, 0, 0, "-2".into()),
        Action::EditWeight(2, 7, "0.5".into()),
        Action::EditBias(0, "0.1".into()),
        Action::SetLabel(2),
        Action::Step(StepAction::Seek(6)),
    ]);
    let frag = to_link(&s).to_fragment();
    assert!(frag.contains("preset=horizontal-bar") && frag.contains("kernel=") && frag.contains("weights=") && frag.contains("bias=0.1,0,1"));
    assert!(frag.ends_with("label=2&stage=softmax"), "{frag}");
    let back = open(&frag);
    assert!(back.ignored.is_empty(), "{:?}", back.ignored);
    assert_eq!(back.good, s.good);
    assert_eq!(back.stage(), Stage::Softmax);
    assert_eq!(to_link(&back).to_fragment(), frag);
    // An edited image travels as a matrix.
    let s = reduce(PipeState::default(), &[Action::EditInput(5, 5, "0.5".into())]);
    let frag = to_link(&s).to_fragment();
    assert!(frag.contains("input=0,0,1,0,0,0;"), "{frag}");
    assert_eq!(open(&frag).good, s.good);
    // Stage by index and label by name are read too.
    let s = open("#/pipeline?preset=blank&stage=3&label=horizontal");
    assert_eq!((s.stage(), s.label), (Stage::Pool, 1));
}

#[test]
fn bad_links_open_defaults_and_name_the_key() {
    let s = open("#/pipeline?input=1,2;3,4&kernel=1,2,3;4,5,6;7,8,9&weights=1,x&bias=1,2&label=7&stage=softmaxx&preset=zebra&bogus=1&v=9");
    let keys = ignored_keys(&s);
    for k in ["input", "kernel", "weights", "bias", "label", "stage", "preset", "bogus", "v"] {
        assert!(keys.contains(&k.to_string()), "{k} not named in {keys:?}");
    }
    assert_eq!(s.good, PipeState::default().good);
    assert_eq!(s.stage(), Stage::Input);
    let reason = |k: &str| s.ignored.iter().find(|i| i.key == k).unwrap().reason.clone();
    assert_eq!(reason("input"), "it is 2×2; this network needs 6×6");
    assert!(reason("kernel").contains("1 filter"));
    // The lecturer's shell key is known everywhere.
    assert!(open("#/pipeline?lecture=1").ignored.is_empty());
    // Never panics on junk.
    for junk in ["#/pipeline?input=;;;", "#/pipeline?kernel=|||", "#/pipeline?stage=", "#/pipeline?label=-1", "#/pipeline?weights=1e999"] {
        let s = open(junk);
        assert!(!s.ignored.is_empty(), "{junk}");
    }
}

#[test]
fn stage_links_land_on_the_same_numbers() {
    let s = PipeState::from_preset(find("noisy-vertical").unwrap());
    let g = &s.good;
    // Convolution: map 2 (filter 2), row 3, column 4 → data index 16 + 2·4 + 3 = 27.
    let (l, _) = panel_link(g, Stage::Conv, 27);
    let c = convolution::link::from_link(&l);
    assert!(c.ignored.is_empty(), "{:?}", c.ignored);
    assert_eq!(c.step, 11);
    assert_eq!(c.good.output.data()[11], g.conv.data()[27]);
    let (l, _) = panel_link(g, Stage::Relu, 27);
    let c = convolution::link::from_link(&l);
    assert!(c.relu && c.ignored.is_empty());
    assert_eq!(relu(c.good.output.data()[c.step]), g.relu.data()[27]);
    // Pooling: map 1, window 3.
    let (l, _) = panel_link(g, Stage::Pool, 3);
    let p = pooling::link::from_link(&l);
    assert!(p.ignored.is_empty(), "{:?}", p.ignored);
    assert_eq!(p.good.output.data()[p.play.step], g.pool.data()[3]);
    let (l, _) = panel_link(g, Stage::Flatten, 5);
    let f = flatten::link::from_link(&l);
    assert!(f.ignored.is_empty(), "{:?}", f.ignored);
    assert_eq!(f.good.vector, g.flat);
    assert_eq!(f.play.step, 5);
    let (l, _) = panel_link(g, Stage::Dense, 2);
    let d = dense::link::from_link(&l);
    assert!(d.ignored.is_empty(), "{:?}", d.ignored);
    assert_eq!(d.good.y, g.logits);
    let (l, _) = panel_link(g, Stage::Softmax, 0);
    let m = softmax::link::from_link(&l);
    assert!(m.ignored.is_empty(), "{:?}", m.ignored);
    assert_eq!(m.good.trace.probs, g.probs);
    let (l, _) = panel_link(g, Stage::Loss, 0);
    let ce = cross_entropy::link::from_link(&l);
    assert!(ce.ignored.is_empty(), "{:?}", ce.ignored);
    assert_eq!(ce.good.bits.loss, g.loss);
}
