//! Numbers at the edges, through each panel's link reader and state: ±1e30, denormals, all
//! zeros, all-equal and huge logits, and the typed `inf` / `NaN`. What a panel shows is either
//! a finite, correct number, or ∞ / "undefined" with the panel's explanation; never a bare
//! "NaN". `e2e/edges.test.mjs` checks the rendered pages of the same links.

use convlab::cnn::CnnError;
use convlab::link::Link;
use convlab::panels;
use convlab::panels::overflow::{conv_values, dense_values, overflow_note};
use convlab::text::{display_number, parse_number};

/// True when `text` has `word` as a whole word ("inf", but not "infinite").
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| w == word)
}

fn link(s: &str) -> Link {
    Link::parse(s)
}

fn fill(r: usize, c: usize, v: &str) -> String {
    vec![vec![v; c].join(","); r].join(";")
}

/// The numbers as people see them: no "NaN", no "inf" (∞ and "undefined" are the words).
fn assert_shown_well(what: &str, values: impl IntoIterator<Item = f32>) {
    for v in values {
        let shown = display_number(v);
        assert!(!shown.contains("NaN") && !shown.contains("nan") && !shown.contains("inf"), "{what}: {v} shown as {shown}");
    }
}

/// ∞ or "undefined" somewhere means the explanation is there too.
fn assert_explained(what: &str, values: Vec<f32>) {
    assert_shown_well(what, values.iter().copied());
    if values.iter().any(|v| !v.is_finite()) {
        let note = overflow_note(values.iter().copied()).unwrap_or_else(|| panic!("{what}: ∞ or undefined without a note"));
        assert!(!note.contains("NaN"), "{note}");
    }
}

#[test]
fn convolution_overflow_is_shown_as_infinity_and_explained() {
    let s = panels::convolution::link::from_link(&link(&format!("#/convolution?input={}&kernel={}", fill(3, 3, "1e30"), fill(2, 2, "1e30"))));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    let values: Vec<f32> = conv_values(&s.good.trace).collect();
    assert!(values.iter().all(|v| *v == f32::INFINITY));
    assert_eq!(display_number(s.good.output.data()[0]), "∞");
    assert!(overflow_note(values.iter().copied()).unwrap().contains("too large"));
    assert_explained("conv ∞", values);

    // 1e30·1e30 − 1e30·1e30 = ∞ − ∞: undefined, and the note says why.
    let s = panels::convolution::link::from_link(&link("#/convolution?input=1e30,-1e30;1e30,-1e30&kernel=1e30,1e30;1e30,1e30"));
    let out = s.good.output.data()[0];
    assert!(out.is_nan());
    assert_eq!(display_number(out), "undefined");
    let values: Vec<f32> = conv_values(&s.good.trace).collect();
    assert!(overflow_note(values.iter().copied()).unwrap().contains("∞ − ∞"));
    assert_explained("conv ∞ − ∞", values);
}

#[test]
fn convolution_denormals_zeros_and_negatives_stay_finite() {
    // 1e-310 is below the smallest 32-bit float: it reads as 0. 1e-40 is a 32-bit denormal.
    assert_eq!(parse_number("1e-310"), Ok(0.0));
    let s = panels::convolution::link::from_link(&link(&format!("#/convolution?input={}&kernel=1e-40,1;1,1e-40&bias=1e-40", fill(4, 4, "1e-310"))));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert!(s.good.output.data().iter().all(|v| *v == 1e-40));
    assert_eq!(display_number(1e-40), "1.000e-40");
    assert_eq!(overflow_note(conv_values(&s.good.trace)), None);

    let s = panels::convolution::link::from_link(&link(&format!("#/convolution?input={}&kernel={}&bias=0&relu=1", fill(4, 4, "0"), fill(3, 3, "0"))));
    assert!(s.good.output.data().iter().all(|v| *v == 0.0));
    assert_eq!(overflow_note(conv_values(&s.good.trace)), None);

    // −1e30 · 1 − 1e30 = −2e30: large but finite.
    let s = panels::convolution::link::from_link(&link(&format!("#/convolution?input={}&kernel=1&bias=-1e30", fill(3, 3, "-1e30"))));
    assert!(s.good.output.data().iter().all(|v| *v == -2e30));
    assert_eq!(display_number(-2e30), "−2.000e30");
}

#[test]
fn typed_inf_and_nan_are_refused_with_a_reason() {
    for t in ["inf", "-inf", "NaN", "nan", "infinity", "1e39", "1e31"] {
        let e = parse_number(t).unwrap_err().to_string();
        assert!(e.contains("not a number") || e.contains("not a finite") || e.contains("too large"), "{t}: {e}");
    }
    let s = panels::convolution::link::from_link(&link("#/convolution?input=inf,1;2,3&kernel=NaN&bias=inf"));
    let keys: Vec<&str> = s.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["input", "kernel", "bias"]);
    assert_explained("conv defaults", conv_values(&s.good.trace).collect());
}

#[test]
fn rgb_overflow_is_explained() {
    let planes = |v: &str| vec![fill(2, 2, v); 3].join("|");
    let s = panels::rgb::link::from_link(&link(&format!("#/rgb?input={}&kernel=1e30|1e30|1e30", planes("1e30"))));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    let values: Vec<f32> = conv_values(&s.good.trace).collect();
    assert!(values.iter().any(|v| v.is_infinite()));
    assert_explained("rgb", values);
    let s = panels::rgb::link::from_link(&link(&format!("#/rgb?input={}&kernel=0|0|0&bias=0", planes("0"))));
    assert_eq!(overflow_note(conv_values(&s.good.trace)), None);
}

#[test]
fn pooling_of_extremes_is_finite() {
    let s = panels::pooling::link::from_link(&link(&format!("#/pooling?input={}&mode=avg&size=5", fill(5, 5, "1e30"))));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    let avg = s.good.output.data()[0];
    assert!(avg.is_finite() && (avg / 1e30 - 1.0).abs() < 1e-5, "{avg}");
    let s = panels::pooling::link::from_link(&link("#/pooling?input=1e30,-1e30;-1e30,1e30&mode=avg&size=2"));
    assert_eq!(s.good.output.data(), [0.0]);
    let s = panels::pooling::link::from_link(&link("#/pooling?input=1e-40,1e-45;0,-1e-40&mode=max&size=2"));
    assert_eq!(s.good.output.data(), [1e-40]);
    assert_shown_well("pool", s.good.output.data().iter().copied());
}

#[test]
fn flatten_passes_extremes_through() {
    let s = panels::flatten::link::from_link(&link("#/flatten?input=1e30,-1e30;1e-310,0|0,0;0,1e-40"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.good.vector.len(), 8);
    assert!(s.good.vector.contains(&1e30) && s.good.vector.contains(&-1e30) && s.good.vector.contains(&1e-40));
    assert_shown_well("flatten", s.good.vector.iter().copied());
}

#[test]
fn dense_overflow_is_explained() {
    let s = panels::dense::link::from_link(&link("#/dense?input=1e30,1e30&weights=1e30,1e30;1e30,-1e30&bias=0,0"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.good.y[0], f32::INFINITY);
    assert!(s.good.y[1].is_nan());
    let note = overflow_note(dense_values(&s.good.trace)).unwrap();
    assert!(note.contains("too large") && note.contains("∞ − ∞"), "{note}");
    assert_explained("dense", dense_values(&s.good.trace).collect());
    let s = panels::dense::link::from_link(&link("#/dense?input=0,0,0&weights=0,0,0&bias=0"));
    assert_eq!(s.good.y, [0.0]);
}

#[test]
fn softmax_of_extreme_and_equal_scores() {
    let probs = |q: &str| panels::softmax::link::from_link(&link(&format!("#/softmax?{q}"))).good.trace.probs.clone();
    assert_eq!(probs("logits=1e30,-1e30,0"), [1.0, 0.0, 0.0]);
    assert_eq!(probs("logits=1e30,1e30"), [0.5, 0.5]);
    for p in probs("logits=-1e30,-1e30,-1e30") {
        assert!((p - 1.0 / 3.0).abs() < 1e-7);
    }
    assert_eq!(probs("logits=0,0,0,0"), [0.25; 4]);
    assert_eq!(probs("logits=5,5,5,5,5"), [0.2; 5]);
    assert_eq!(probs("logits=1e-310,0"), [0.5, 0.5]);
    assert_eq!(probs("logits=1e30,-1e30&temperature=0.1"), [1.0, 0.0]);
    let p = probs("logits=1000,999,-1000&temperature=0.1");
    assert!(p.iter().all(|v| v.is_finite()) && (p.iter().sum::<f32>() - 1.0).abs() < 1e-6, "{p:?}");
    let s = panels::softmax::link::from_link(&link("#/softmax?logits=inf,NaN"));
    assert_eq!(s.ignored[0].key, "logits");
    assert_shown_well("softmax", s.good.trace.probs.iter().copied());
}

#[test]
fn cross_entropy_at_zero_tiny_and_unnormalised_probabilities() {
    let s = panels::cross_entropy::link::from_link(&link("#/cross-entropy?target=0&probs=1e-40,1"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    // −log₂ 1e-40 = 40 · log₂ 10 ≈ 132.877: large, finite.
    assert!((s.good.bits.loss - 132.877).abs() < 0.05, "{}", s.good.bits.loss);
    let s = panels::cross_entropy::link::from_link(&link("#/cross-entropy?target=0&probs=0,1"));
    assert_eq!(s.good.bits.loss, f32::INFINITY);
    assert_eq!(display_number(s.good.bits.loss), "∞"); // the panel's ce-infinite-note explains it
    let s = panels::cross_entropy::link::from_link(&link("#/cross-entropy?target=0&probs=1e-310,1"));
    assert_eq!(s.good.bits.loss, f32::INFINITY, "1e-310 reads as 0");
    let s = panels::cross_entropy::link::from_link(&link("#/cross-entropy?target=0&probs=0,0,0"));
    assert!(s.ignored.is_empty() || s.ignored.iter().all(|i| !i.reason.contains("NaN")), "{:?}", s.ignored);
    assert_shown_well("ce zeros", s.good.bits.classes.iter().map(|c| c.term));
    let s = panels::cross_entropy::link::from_link(&link("#/cross-entropy?target=0&probs=NaN,1"));
    assert_eq!(s.ignored[0].key, "probs");
}

#[test]
fn one_hot_check_of_extremes() {
    for v in ["1e30,0,0", "0,0,0", "1e-310,1,0", "NaN,1,0"] {
        let s = panels::one_hot::link::from_link(&link(&format!("#/one-hot?vector={v}")));
        for text in s.ignored.iter().map(|i| i.to_string()).chain(s.vector_error.clone()) {
            assert!(!text.contains("NaN") || text.contains("“NaN”"), "{v}: {text}");
        }
        assert_shown_well("one-hot", s.good_check.vector.iter().copied());
    }
}

#[test]
fn pipeline_overflow_is_refused_or_explained() {
    // Pixels and weights of 1e30: the scores overflow before softmax; the link is refused, saying why.
    let q = format!("#/pipeline?input={}&kernel={}|{}&stage=loss", fill(6, 6, "1e30"), fill(3, 3, "1e30"), fill(3, 3, "-1e30"));
    let s = panels::pipeline::link::from_link(&link(&q));
    let why = s.ignored.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
    assert!(why.contains("too large") && why.contains("∞") && !has_word(&why, "inf"), "{why}");
    // Pixels of −1e30: every stage stays finite (the filters' weights add up to 0), but the
    // scores end up ±1.5e23 apart, softmax gives the true class exactly 0 and the loss is ∞:
    // explained as −log 0, not as an overflow.
    let s = panels::pipeline::link::from_link(&link(&format!("#/pipeline?input={}&label=0&stage=loss", fill(6, 6, "-1e30"))));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    let g = &s.good;
    assert!(g.logits.iter().all(|v| v.is_finite()));
    assert_eq!(overflow_note(conv_values(&g.conv_trace).chain(dense_values(&g.dense_trace))), None);
    assert_eq!(g.loss, f32::INFINITY);
    let note = panels::pipeline::state::infinite_loss_note(g).unwrap();
    assert!(note.contains("−log 0") && note.contains("“vertical”"), "{note}");
    assert_eq!(panels::pipeline::state::infinite_loss_note(&panels::pipeline::link::from_link(&link("#/pipeline")).good), None);
    // A blank image and zero weights: every class 1/3, loss log₂ 3.
    let s = panels::pipeline::link::from_link(&link(&format!("#/pipeline?input={}&weights={}&bias=0,0,0", fill(6, 6, "0"), fill(3, 8, "0"))));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert!((s.good.loss - 3f32.log2()).abs() < 1e-5, "{}", s.good.loss);
}

#[test]
fn core_messages_name_non_finite_values_in_words() {
    let cases = [
        CnnError::NotFinite { what: "softmax logit", value: f32::NAN },
        CnnError::NotFinite { what: "softmax logit", value: f32::NEG_INFINITY },
        CnnError::NotAProbability { op: "cross-entropy", what: "prediction", index: 0, value: f32::NAN },
        CnnError::Temperature { value: f32::INFINITY },
        CnnError::Diverged { epoch: 1, sample: 3, what: "loss".into(), value: f32::NAN, learning_rate: 1000.0 },
    ];
    for e in cases {
        let m = e.to_string();
        assert!(!has_word(&m, "NaN") && !has_word(&m, "inf"), "{m}");
        assert!(m.contains("undefined (not a number)") || m.contains('∞'), "{m}");
    }
}

#[test]
fn training_that_diverges_says_so_in_words() {
    use panels::training::state::Action;
    let mut s = panels::training::link::from_link(&link("#/training?preset=exploding"));
    s.apply(Action::Start);
    for _ in 0..400 {
        if !s.running {
            break;
        }
        s.apply(Action::Tick);
    }
    assert!(!s.running, "η = 100 diverges and stops");
    let summary = s.summary();
    assert!(!has_word(&summary, "NaN") && !has_word(&summary, "inf"), "{summary}");
}
