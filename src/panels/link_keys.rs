//! Small helpers for panels' `from_link`: naming ignored keys and reading bounded matrices.

use crate::link::{parse_matrix, Ignored, Link, GLOBAL_KEYS, LINK_VERSION};
use crate::text::{excerpt, parse_number};

/// Records that `key` was ignored, and why.
pub fn ignore(ignored: &mut Vec<Ignored>, key: &str, reason: impl Into<String>) {
    ignored.push(Ignored { key: key.into(), reason: reason.into() });
}

/// Names every key the panel does not know (once each; the shell's own keys such as
/// `lecture` are known everywhere), and a link version it cannot read.
pub fn unknown_keys(link: &Link, keys: &[&str], ignored: &mut Vec<Ignored>) {
    for (k, _) in &link.pairs {
        if !keys.contains(&k.as_str()) && !GLOBAL_KEYS.contains(&k.as_str()) && !ignored.iter().any(|i| &i.key == k) {
            ignore(ignored, &excerpt(k), "this panel has no such setting");
        }
    }
    if let Some(v) = link.get("v").filter(|v| *v != LINK_VERSION) {
        ignore(ignored, "v", format!("link version {} is unknown; read as version {LINK_VERSION}", excerpt(v)));
    }
}

/// A matrix of 1×1 to `max_rows` × `max_cols` values.
pub fn matrix_within(text: &str, max_rows: usize, max_cols: usize) -> Result<Vec<Vec<f32>>, String> {
    let m = parse_matrix(text)?;
    let (r, c) = (m.len(), m.first().map_or(0, Vec::len));
    if r > max_rows || c > max_cols {
        return Err(format!("it is {r}×{c}; this panel allows 1×1 to {max_rows}×{max_cols}"));
    }
    Ok(m)
}

/// A vector of 1 to `max` values, written `1,2,3` (a column `1;2;3` is accepted too).
pub fn vector_within(text: &str, max: usize) -> Result<Vec<f32>, String> {
    if text.len() > 24 * max + 64 {
        return Err("the vector is far too long".into());
    }
    let sep = match (text.contains(','), text.contains(';')) {
        (true, true) => return Err("it is a matrix; a vector needs one row, values separated by commas".into()),
        (false, true) => ';',
        _ => ',',
    };
    let v = text
        .split(sep)
        .enumerate()
        .map(|(i, t)| parse_number(t).map_err(|e| format!("value {}: {e}", i + 1)))
        .collect::<Result<Vec<f32>, String>>()?;
    if v.len() > max {
        return Err(format!("it has {} values; this panel allows 1 to {max}", v.len()));
    }
    Ok(v)
}
