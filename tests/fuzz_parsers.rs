//! Fuzzing on the host: every parser of links and typed text gets arbitrary strings and must
//! answer with a value or a typed error, never a panic. 10,000 cases per property.

use convlab::link::{parse_count, parse_matrix, Link};
use convlab::text::{display_number, machine_number, parse_number};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 10_000, ..ProptestConfig::default() }
}

/// Strings biased towards what breaks parsers: numbers at the edges, separators, unicode.
fn nasty() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "NaN", "nan", "inf", "-inf", "1e309", "-1e309", "1e-45", "-0", "0", ".5", "5.", "−1", "1e30", "1e31",
        ",", ";", "|", "&", "=", "?", "#", "%", "%2C", "%zz", "%E2%88%92", " ", "", "😀", "١٢", "\u{0}", "e", "+", "-",
        "/convolution", "input", "kernel", "step", "preset", "sharpen", "9999999999999999999999",
    ]);
    prop_oneof![
        prop::collection::vec(atoms, 0..24).prop_map(|v| v.concat()),
        any::<String>(),
        "[0-9,;|.eE+-]{0,200}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn numbers_parse_or_say_why(s in nasty()) {
        match parse_number(&s) {
            Ok(v) => {
                prop_assert!(v.is_finite());
                prop_assert!(!display_number(v).is_empty());
                prop_assert_eq!(machine_number(v).parse::<f32>().unwrap(), v);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn matrices_parse_or_say_why(s in nasty()) {
        match parse_matrix(&s) {
            Ok(rows) => {
                prop_assert!(!rows.is_empty());
                let w = rows[0].len();
                prop_assert!(rows.iter().all(|r| r.len() == w && r.iter().all(|v| v.is_finite())));
            }
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }

    #[test]
    fn counts_parse_or_say_why(s in nasty(), min in 0usize..5, span in 0usize..20) {
        match parse_count(&s, min, min + span) {
            Ok(v) => prop_assert!((min..=min + span).contains(&v)),
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }

    #[test]
    fn links_parse_and_round_trip(s in nasty()) {
        let link = Link::parse(&s);
        let again = Link::parse(&link.to_fragment());
        prop_assert_eq!(again, link);
    }

    #[test]
    fn the_convolution_panel_opens_any_link(q in nasty(), key in prop::sample::select(vec!["input", "kernel", "bias", "padding", "stride", "relu", "step", "preset", "v", "zzz"])) {
        let link = Link::parse(&format!("#/convolution?{key}={q}"));
        let state = convlab::panels::convolution::link::from_link(&link);
        prop_assert!(state.total_steps() > 0);
        prop_assert!(state.step < state.total_steps());
    }
}

/// Huge inputs are refused quickly instead of being parsed.
#[test]
fn huge_inputs() {
    let long = "1,".repeat(1_000_000);
    assert!(parse_matrix(&long).is_err());
    assert!(parse_number(&"9".repeat(10_000)).is_err());
    let link = Link::parse(&format!("#/convolution?input={long}"));
    let state = convlab::panels::convolution::link::from_link(&link);
    assert_eq!(state.ignored[0].key, "input");
}
