//! Grading follows the stated precision rule exactly, accepts equivalent forms, and takes
//! anything typed without failing; progress survives its JSON round trip.

use convlab::exercises::progress::{key, Book, Record, MAX_RECORDS};
use convlab::exercises::{grade, Answer, Kind, Precision, Verdict};
use proptest::prelude::*;

fn g(a: &Answer, t: &str) -> &'static str {
    grade(a, t).id()
}

#[test]
fn exact_answers_accept_equal_forms_only() {
    let a = Answer::exact(2.25);
    for t in ["2.25", "2.250", " +2.25 ", "9/4", "4.5/2", "2.25e0"] {
        assert_eq!(g(&a, t), "right", "{t}");
    }
    for t in ["2.2", "2.26", "2", "9/5"] {
        assert_eq!(g(&a, t), "wrong", "{t}");
    }
    let half = Answer::exact(0.5);
    assert_eq!(g(&half, ".5"), "right");
    assert_eq!(g(&half, "0.5"), "right");
    assert_eq!(g(&half, "1/2"), "right");
    let neg = Answer::exact(-3.0);
    assert_eq!(g(&neg, "−3"), "right", "a typographic minus");
    assert_eq!(g(&neg, "-3.0"), "right");
    assert_eq!(g(&neg, "3"), "wrong");
}

#[test]
fn two_decimals_means_within_half_a_hundredth() {
    let a = Answer::decimals(0.775_3, 2);
    for t in ["0.78", ".78", "0.775", "0.7753", "0.7703", "0.7803"] {
        assert_eq!(g(&a, t), "right", "{t}");
    }
    for t in ["0.77", "0.79", "0.7702", "0.7804", "78"] {
        assert_eq!(g(&a, t), "wrong", "{t}");
    }
    let three = Answer::decimals(0.116_1, 3);
    assert_eq!(g(&three, "0.116"), "right");
    assert_eq!(g(&three, "0.12"), "wrong", "two decimals are not enough when three are asked");
    assert_eq!(Precision::Decimals(2).show(0.7753), "0.78");
    assert_eq!(Precision::Decimals(3).show(-0.0001), "0.000");
    assert!(Precision::Decimals(2).describe().contains("within 0.005"));
    assert!(Precision::Decimals(3).describe().contains("within 0.0005"));
}

#[test]
fn a_loss_from_the_rounded_probability_counts_too() {
    // X = 0.1161 exactly; rounded to 2 decimals 0.12: −log₂ 0.1161 = 3.106, −log₂ 0.12 = 3.059.
    let a = Answer::Number { value: 3.106, alt: Some(3.059), precision: Precision::Decimals(2) };
    for t in ["3.11", "3.06", "3.08", "3.055"] {
        assert_eq!(g(&a, t), "right", "{t}");
    }
    for t in ["3.05", "3.12"] {
        assert_eq!(g(&a, t), "wrong", "{t}");
    }
}

#[test]
fn anything_typed_is_graded_never_lost() {
    let a = Answer::exact(7.0);
    assert_eq!(grade(&a, ""), Verdict::Empty);
    assert_eq!(grade(&a, "   "), Verdict::Empty);
    match grade(&a, "seven") {
        Verdict::Unreadable(m) => assert!(m.contains("is not a number yet"), "{m}"),
        v => panic!("{v:?}"),
    }
    for t in ["1/0", "3/", "/", "NaN", "inf", "1e400", "0,5", "😀", "<b>7</b>", "7.", "--7"] {
        assert!(matches!(grade(&a, t), Verdict::Unreadable(_) | Verdict::Wrong | Verdict::Right), "{t}");
    }
    assert_eq!(g(&a, "7."), "right");
    let c = Answer::Choice { options: vec!["valid", "not valid"], correct: 1 };
    assert_eq!(g(&c, " Not Valid "), "right");
    assert_eq!(g(&c, "valid"), "wrong");
    assert_eq!(g(&c, "maybe"), "unreadable");
}

proptest! {
    #[test]
    fn grading_never_panics(text in ".{0,80}", v in -1e6f64..1e6) {
        let a = Answer::Number { value: v, alt: None, precision: Precision::Decimals(2) };
        let _ = grade(&a, &text);
        let _ = grade(&Answer::exact(v as f32), &text);
    }

    #[test]
    fn a_stored_book_reads_back(attempts in 0u32..1000, text in ".{0,100}") {
        let mut b = Book::default();
        b.put(&key(Kind::Pooling, 2, 9), Record { answers: vec![text, "3".into()], attempts, solved: true, ..Record::default() });
        let again = Book::from_json(&b.to_json());
        prop_assert_eq!(again, b);
    }
}

#[test]
fn the_book_forgets_the_oldest_and_survives_junk() {
    let mut b = Book::default();
    for seed in 0..(MAX_RECORDS as u32 + 10) {
        b.put(&key(Kind::Conv, 1, seed), Record { attempts: 1, ..Record::default() });
    }
    assert_eq!(b.records.len(), MAX_RECORDS);
    assert!(b.get(&key(Kind::Conv, 1, 0)).is_none(), "the oldest went first");
    assert!(b.get(&key(Kind::Conv, 1, MAX_RECORDS as u32 + 9)).is_some());
    assert_eq!(Book::from_json("not json"), Book::default());
    assert_eq!(Book::from_json("{\"records\": 5}"), Book::default());
    let long = "9".repeat(500);
    b.put("x", Record { answers: vec![long], ..Record::default() });
    assert_eq!(b.get("x").unwrap().answers[0].len(), 64);
}

#[test]
fn the_summary_counts_per_kind() {
    let mut b = Book::default();
    b.put(&key(Kind::Softmax, 1, 1), Record { answers: vec!["0.5".into()], attempts: 2, solved: true, ..Record::default() });
    b.put(&key(Kind::Softmax, 2, 1), Record { attempts: 1, ..Record::default() });
    b.put(&key(Kind::Softmax, 3, 1), Record::default()); // untouched: not counted
    let s = b.summary().into_iter().find(|s| s.kind == Kind::Softmax).unwrap();
    assert_eq!((s.tried, s.solved, s.attempts), (2, 1, 3));
    // "conv" must not count "conv-repeat".
    b.put(&key(Kind::ConvRepeat, 1, 1), Record { attempts: 1, ..Record::default() });
    assert_eq!(b.summary()[0].tried, 0);
}
