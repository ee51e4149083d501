//! The current example as a JSON file, and back: the file holds the panel and its link
//! settings, so importing it opens exactly the same view, in this or a later version.

use crate::link::Link;
use crate::panels;
use serde_json::{json, Map, Value};

/// The format written into every example file.
pub const FORMAT: &str = "convlab-example";
const VERSION: u64 = 1;
/// Example files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// The example a link describes, as pretty JSON.
pub fn example_json(link: &Link) -> String {
    let panel = link.route.trim_start_matches('/');
    let settings: Map<String, Value> = link
        .pairs
        .iter()
        .filter(|(k, _)| !crate::link::GLOBAL_KEYS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let value = json!({ "format": FORMAT, "version": VERSION, "panel": panel, "settings": settings });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// File name for the download, e.g. `convlab-convolution.json`.
pub fn file_name(link: &Link) -> String {
    let panel = link.route.trim_start_matches('/');
    format!("convlab-{}.json", if panel.is_empty() { "home" } else { panel })
}

/// The link an example file describes, or a sentence saying what is wrong with the file.
pub fn link_from_json(text: &str) -> Result<Link, String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!("the file has {} bytes; an example file is far smaller (at most {MAX_FILE_BYTES})", text.len()));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| format!("the file is not JSON ({e})"))?;
    let obj = value.as_object().ok_or("the file holds JSON, but not a ConvLab example (no object at the top)")?;
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(format!("the file is not a ConvLab example (its \"format\" is not \"{FORMAT}\")"));
    }
    match obj.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) => return Err(format!("the file is version {v}; this ConvLab reads version {VERSION}")),
        None => return Err("the file has no version number".into()),
    }
    let panel = obj.get("panel").and_then(Value::as_str).ok_or("the file names no panel")?;
    if panels::find(panel).is_none() {
        let shown: String = panel.chars().take(40).collect();
        return Err(format!("the file is for a panel called “{shown}”, which this ConvLab does not have"));
    }
    let mut link = Link { route: format!("/{panel}"), pairs: Vec::new() };
    if let Some(settings) = obj.get("settings") {
        let settings = settings.as_object().ok_or("the file's \"settings\" are not a list of keys and values")?;
        for (k, v) in settings {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => (if *b { "1" } else { "0" }).to_string(),
                _ => return Err(format!("the setting “{}” is not a number or text", crate::text::excerpt(k))),
            };
            link.push(k, text);
        }
    }
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let link = Link::parse("#/convolution?v=1&preset=sharpen&step=3&lecture=1");
        let back = link_from_json(&example_json(&link)).unwrap();
        assert_eq!(back.route, "/convolution");
        assert_eq!(back.get("preset"), Some("sharpen"));
        assert_eq!(back.get("step"), Some("3"));
        assert_eq!(back.get("lecture"), None, "lecturer mode is the viewer's, not the example's");
        assert_eq!(file_name(&link), "convlab-convolution.json");
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert!(link_from_json("nope").unwrap_err().starts_with("the file is not JSON"));
        assert!(link_from_json("[1]").unwrap_err().contains("not a ConvLab example"));
        assert!(link_from_json(r#"{"format":"other"}"#).unwrap_err().contains("format"));
        let v2 = r#"{"format":"convlab-example","version":2,"panel":"convolution"}"#;
        assert_eq!(link_from_json(v2).unwrap_err(), "the file is version 2; this ConvLab reads version 1");
        let unknown = r#"{"format":"convlab-example","version":1,"panel":"<script>"}"#;
        assert!(link_from_json(unknown).unwrap_err().contains("does not have"));
        let nested = r#"{"format":"convlab-example","version":1,"panel":"convolution","settings":{"input":[1]}}"#;
        assert!(link_from_json(nested).unwrap_err().contains("“input”"));
        let numbers = r#"{"format":"convlab-example","version":1,"panel":"convolution","settings":{"stride":2,"relu":true}}"#;
        let l = link_from_json(numbers).unwrap();
        assert_eq!((l.get("stride"), l.get("relu")), (Some("2"), Some("1")));
    }
}
