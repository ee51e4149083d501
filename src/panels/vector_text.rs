//! Vectors and name lists as students type or paste them: `0.1, 0.52, 0.3`, the lecture's
//! `[1 0 0 0 0]`, or one value per line. Parsing never panics and names the value at fault.

use crate::text::{display_number, machine_number, parse_number};

/// The most values one typed vector may hold.
pub const MAX_VALUES: usize = 64;
/// The longest name (of a class or category) accepted.
pub const MAX_NAME: usize = 30;

fn items(text: &str) -> Vec<&str> {
    let t = text.trim().trim_start_matches(['[', '(']).trim_end_matches([']', ')']);
    t.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|s| !s.is_empty()).collect()
}

/// The numbers of a typed vector (separated by commas, semicolons, spaces or new lines, with
/// or without brackets), or why not.
pub fn parse_vector(text: &str) -> Result<Vec<f32>, String> {
    let parts = items(text);
    if parts.is_empty() {
        return Err("the list is empty; type numbers separated by commas or spaces".into());
    }
    if parts.len() > MAX_VALUES {
        return Err(format!("it has {} values; at most {MAX_VALUES} are allowed", parts.len()));
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| parse_number(p).map_err(|e| format!("value {}: {e}", i + 1)))
        .collect()
}

/// A vector as text to edit: `0.1, 0.52, 0.3`, each value exact (and with an ASCII minus,
/// so it can be typed back).
pub fn vector_text(v: &[f32]) -> String {
    v.iter().map(|&x| machine_number(x)).collect::<Vec<_>>().join(", ")
}

/// A vector for a link: `0.1,0.52,0.3`, each value exact.
pub fn vector_link(v: &[f32]) -> String {
    v.iter().map(|&x| machine_number(x)).collect::<Vec<_>>().join(",")
}

/// A vector as the lecture writes it: `[1 0 0 0 0]`.
pub fn vector_shown(v: &[f32]) -> String {
    format!("[{}]", v.iter().map(|&x| display_number(x)).collect::<Vec<_>>().join(" "))
}

/// The names of a typed list (separated by commas, semicolons or new lines), trimmed, empty
/// entries skipped (a trailing comma while typing is not a mistake).
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Why a single name cannot be used, if it cannot.
pub fn name_problem(name: &str) -> Option<String> {
    if name.contains(',') {
        Some(format!("“{}” contains a comma, which separates names", crate::text::excerpt(name)))
    } else if name.chars().count() > MAX_NAME {
        let short: String = name.chars().take(12).collect();
        Some(format!("“{short}…” is longer than {MAX_NAME} characters"))
    } else {
        None
    }
}

/// "1 value" / "3 values".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_students_write_vectors() {
        assert_eq!(parse_vector("[1 0 0 0 0]"), Ok(vec![1.0, 0.0, 0.0, 0.0, 0.0]));
        assert_eq!(parse_vector("0.1, 0.52,0.3"), Ok(vec![0.1, 0.52, 0.3]));
        assert_eq!(parse_vector("−1\n2"), Ok(vec![-1.0, 2.0]));
        assert_eq!(parse_vector(" [ ] ").unwrap_err(), "the list is empty; type numbers separated by commas or spaces");
        assert_eq!(parse_vector("1, x").unwrap_err(), "value 2: “x” is not a number");
        assert_eq!(vector_text(&[-0.5, 2.0]), "-0.5, 2");
        assert_eq!(vector_link(&[0.1, 1.0]), "0.1,1");
        assert_eq!(vector_shown(&[1.0, 0.0]), "[1 0]");
    }

    #[test]
    fn names() {
        assert_eq!(split_names(" red, yellow ,\ngreen,"), vec!["red", "yellow", "green"]);
        assert!(name_problem("a very long name that goes on and on").is_some());
        assert_eq!(name_problem("dog"), None);
        // A pasted page is quoted briefly, never in full.
        assert!(name_problem(&"1,".repeat(800)).unwrap().chars().count() < 80);
        assert_eq!(count(1, "value"), "1 value");
    }
}
