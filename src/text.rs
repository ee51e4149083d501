//! Turning what people type (in a cell, in a link) into numbers and back, without ever
//! panicking. Lives outside `cnn` because it is about input, not about networks.

use thiserror::Error;

/// Why a piece of text is not a usable number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    #[error("the cell is empty")]
    Empty,
    #[error("“{0}” is not a number")]
    NotANumber(String),
    #[error("“{0}” is not a finite number")]
    NotFinite(String),
    #[error("“{0}” is too large (the limit is ±1e30)")]
    TooLarge(String),
    #[error("“{0}” is several values; a cell takes one number")]
    Several(String),
}

/// Magnitudes above this are refused: they would overflow to ∞ after a few products.
pub const MAX_MAGNITUDE: f32 = 1e30;
/// Text longer than this is refused outright instead of being parsed.
const MAX_TEXT: usize = 64;

/// Parses one number as a person types it: `3`, `-1`, `−1` (a typographic minus), `.5`,
/// `0,5` is *not* accepted (the comma separates values in links), `1e3`, surrounding spaces.
pub fn parse_number(text: &str) -> Result<f32, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let shown: String = trimmed.chars().take(24).collect();
    let shown = if trimmed.chars().count() > 24 { shown + "…" } else { shown };
    // A row or matrix pasted into one cell: say so, rather than just "not a number".
    if trimmed.contains([',', ';', '\t', '\n', ' ']) {
        return Err(NumberError::Several(shown));
    }
    if trimmed.len() > MAX_TEXT {
        return Err(NumberError::NotANumber(shown));
    }
    let normal = trimmed.replace('−', "-");
    // Rust also parses "inf" and "NaN"; a cell needs a real number, so those are refused.
    let looks_numeric = normal.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !looks_numeric {
        return Err(NumberError::NotANumber(shown));
    }
    match normal.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err(NumberError::NotFinite(shown)),
        Ok(v) if v.abs() > MAX_MAGNITUDE as f64 => Err(NumberError::TooLarge(shown)),
        Ok(v) => Ok(v as f32),
        Err(_) => Err(NumberError::NotANumber(shown)),
    }
}

/// Text the user typed, quoted in a message: at most 24 characters, then "…". A pasted page
/// of text must not turn into a message wider than the page.
pub fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(24).collect();
    if chars.next().is_some() { head + "…" } else { head }
}

/// A number for people: at most four decimals, no trailing zeros, a real minus sign, and
/// words instead of NaN.
pub fn display_number(v: f32) -> String {
    if v.is_nan() {
        return "undefined".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "−∞".into() };
    }
    let abs = v.abs();
    let body = if abs != 0.0 && !(1e-4..1e7).contains(&abs) {
        format!("{abs:.3e}")
    } else {
        let s = format!("{abs:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    };
    if body == "0" {
        // −0 and tiny negatives that round to zero are shown as plain 0.
        return body;
    }
    if v < 0.0 {
        format!("−{body}")
    } else {
        body
    }
}

/// A value written as a factor or term of a sum: negatives in parentheses, as one writes them
/// by hand ("2·(−1)", not "2·−1").
pub fn factor(v: f32) -> String {
    let s = display_number(v);
    if s.starts_with('−') { format!("({s})") } else { s }
}

/// The decimals `display_number` trimmed, for lining up a column of numbers at the decimal
/// point: "1.737" lacks "0", "2" lacks ".0000". None for words and exponent forms.
pub fn missing_decimals(shown: &str) -> Option<String> {
    let digits = shown.trim_start_matches('−');
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let pad = match digits.split_once('.') {
        Some((_, frac)) => "0".repeat(4usize.saturating_sub(frac.len())),
        None => ".0000".to_string(),
    };
    (!pad.is_empty()).then_some(pad)
}

/// A number for machines (`data-value` and links): the shortest text that reads back as the
/// same f32, with `inf`, `-inf` and `nan` spelled as the deep-link contract says.
pub fn machine_number(v: f32) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_decimals_line_up_columns() {
        assert_eq!(missing_decimals("1.737").as_deref(), Some("0"));
        assert_eq!(missing_decimals("3.3219"), None);
        assert_eq!(missing_decimals("2").as_deref(), Some(".0000"));
        assert_eq!(missing_decimals("−0.25").as_deref(), Some("00"));
        assert_eq!(missing_decimals("1.000e-5"), None);
        assert_eq!(missing_decimals("∞"), None);
        assert_eq!(missing_decimals("undefined"), None);
    }

    #[test]
    fn factors_put_negatives_in_parentheses() {
        assert_eq!(factor(-0.0011), "(−0.0011)");
        assert_eq!(factor(0.0339), "0.0339");
        assert_eq!(factor(-1e-9), "(−1.000e-9)");
        assert_eq!(factor(-0.00001), "(−1.000e-5)");
        // −0 is shown as 0: no sign, so no parentheses.
        assert_eq!(factor(-0.0), "0");
        assert_eq!(factor(f32::NEG_INFINITY), "(−∞)");
    }

    #[test]
    fn accepts_equivalent_forms() {
        assert_eq!(parse_number(" .5 "), Ok(0.5));
        assert_eq!(parse_number("0.5"), Ok(0.5));
        assert_eq!(parse_number("−1"), Ok(-1.0));
        assert_eq!(parse_number("+2"), Ok(2.0));
        assert_eq!(parse_number("1e3"), Ok(1000.0));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert_eq!(parse_number("abc"), Err(NumberError::NotANumber("abc".into())));
        assert_eq!(parse_number("NaN"), Err(NumberError::NotANumber("NaN".into())));
        assert_eq!(parse_number("inf"), Err(NumberError::NotANumber("inf".into())));
        assert_eq!(parse_number("1e309"), Err(NumberError::NotFinite("1e309".into())));
        assert_eq!(parse_number("1e31"), Err(NumberError::TooLarge("1e31".into())));
        assert_eq!(parse_number("1..2"), Err(NumberError::NotANumber("1..2".into())));
        assert_eq!(parse_number("1,2;3,4"), Err(NumberError::Several("1,2;3,4".into())));
        let pasted = "1,".repeat(800);
        assert_eq!(parse_number(&pasted).unwrap_err().to_string(), "“1,1,1,1,1,1,1,1,1,1,1,1,…” is several values; a cell takes one number");
    }

    #[test]
    fn displays_for_people() {
        assert_eq!(display_number(320.0), "320");
        assert_eq!(display_number(-3.0), "−3");
        assert_eq!(display_number(0.1 + 0.2), "0.3");
        assert_eq!(display_number(-0.0), "0");
        assert_eq!(display_number(f32::INFINITY), "∞");
        assert_eq!(display_number(f32::NAN), "undefined");
        assert_eq!(display_number(1e30), "1.000e30");
    }

    #[test]
    fn machine_numbers_round_trip() {
        for v in [0.1f32, -2.5, 320.0, 1e-7, 3.4e38] {
            assert_eq!(machine_number(v).parse::<f32>().unwrap(), v);
        }
        assert_eq!(machine_number(f32::NEG_INFINITY), "-inf");
    }
}
