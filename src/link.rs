//! Deep links: `#/<panel>?key=value&…`, with matrices written `1,2;3,4` (rows by `;`, values
//! by `,`) and channels by `|`, as `shared/deep-links.md` specifies. Parsing never panics;
//! every refusal says which key was ignored and why, so the panel can tell the user.

use crate::text::{machine_number, parse_number};

/// The link format version written into every link, so later releases can read old links.
pub const LINK_VERSION: &str = "1";

/// Keys the shell reads on every panel (lecturer mode); panels accept them silently.
pub const GLOBAL_KEYS: &[&str] = &["lecture"];

/// The most values a link may carry in one matrix; longer ones are refused, not parsed.
const MAX_VALUES: usize = 64 * 64 * 3;

/// A link's route and its key/value pairs, in the order they appeared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    pub route: String,
    pub pairs: Vec<(String, String)>,
}

impl Link {
    /// Splits a fragment such as `#/convolution?stride=2&padding=same`.
    pub fn parse(fragment: &str) -> Link {
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        let (route, query) = f.split_once('?').unwrap_or((f, ""));
        let pairs = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        Link { route: route.to_string(), pairs }
    }

    /// The last value given for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Builds `#/route?k=v&…`; values are escaped only where they would break the link.
    pub fn to_fragment(&self) -> String {
        let mut s = format!("#{}", self.route);
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(&percent_encode(k));
            s.push('=');
            s.push_str(&percent_encode(v));
        }
        s
    }

    pub fn push(&mut self, key: &str, value: impl Into<String>) {
        self.pairs.push((key.to_string(), value.into()));
    }
}

/// A key that a link gave but the panel could not use, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub key: String,
    pub reason: String,
}

impl std::fmt::Display for Ignored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "“{}” was ignored: {}", self.key, self.reason)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-._~,;|:".contains(&b);
        if safe {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Parses `1,2;3,4` into rows. Refuses ragged rows, empty cells and non-numbers, naming the
/// row and column at fault.
pub fn parse_matrix(s: &str) -> Result<Vec<Vec<f32>>, String> {
    if s.len() > MAX_VALUES * 24 {
        return Err("the matrix is far too long".into());
    }
    let mut rows = Vec::new();
    for (r, row) in s.split(';').enumerate() {
        let mut values = Vec::new();
        for (c, cell) in row.split(',').enumerate() {
            let v = parse_number(cell).map_err(|e| format!("row {}, column {}: {e}", r + 1, c + 1))?;
            values.push(v);
        }
        if let Some(first) = rows.first().map(Vec::len) {
            if values.len() != first {
                return Err(format!("row {} has {} values but row 1 has {first}", r + 1, values.len()));
            }
        }
        rows.push(values);
        if rows.len() * rows[0].len() > MAX_VALUES {
            return Err("the matrix has too many values".into());
        }
    }
    Ok(rows)
}

/// Writes rows as `1,2;3,4`.
pub fn format_matrix(rows: &[Vec<f32>]) -> String {
    rows.iter()
        .map(|r| r.iter().map(|&v| machine_number(v)).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join(";")
}

/// Parses a whole number in `min..=max`, or says why not.
pub fn parse_count(s: &str, min: usize, max: usize) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        Ok(v) => Err(format!("{v} is outside {min}–{max}")),
        Err(_) => Err(format!("“{}” is not a whole number", s.chars().take(24).collect::<String>())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_route_and_pairs() {
        let l = Link::parse("#/convolution?input=1,2;3,4&stride=2&x");
        assert_eq!(l.route, "/convolution");
        assert_eq!(l.get("input"), Some("1,2;3,4"));
        assert_eq!(l.get("stride"), Some("2"));
        assert_eq!(l.get("x"), Some(""));
        assert_eq!(l.get("missing"), None);
    }

    #[test]
    fn round_trips_through_text() {
        let mut l = Link { route: "/convolution".into(), pairs: vec![] };
        l.push("input", "1,-2;3,4");
        l.push("note", "a b&c");
        let again = Link::parse(&l.to_fragment());
        assert_eq!(again, l);
        assert_eq!(l.to_fragment(), "#/convolution?input=1,-2;3,4&note=a%20b%26c");
    }

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(percent_decode("%2C%3b"), ",;");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E2%88%92"), "−");
    }

    #[test]
    fn matrices() {
        assert_eq!(parse_matrix("1,2;3,4"), Ok(vec![vec![1.0, 2.0], vec![3.0, 4.0]]));
        assert_eq!(parse_matrix("1,2;3").unwrap_err(), "row 2 has 1 values but row 1 has 2");
        assert_eq!(parse_matrix("1,x").unwrap_err(), "row 1, column 2: “x” is not a number");
        assert_eq!(format_matrix(&[vec![1.0, -0.5], vec![3.0, 4.0]]), "1,-0.5;3,4");
    }
}
