//! The core must stay pure: no web stack in `src/cnn`, so it builds and tests on the host
//! and could be reused anywhere.

use std::fs;
use std::path::Path;

const FORBIDDEN: &[&str] = &["yew", "web_sys", "js_sys", "gloo", "plotters", "plotters_canvas", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/cnn exists") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn cnn_core_has_no_web_dependencies() {
    assert_pure("src/cnn");
}

/// The exercise generators and their grading are pure too: tested on the host like the core.
#[test]
fn exercises_have_no_web_dependencies() {
    assert_pure("src/exercises");
}

fn assert_pure(dir: &str) {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    assert!(files.len() >= 4, "found only {files:?}");
    let mut hits = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for krate in FORBIDDEN {
                let used = code.contains(&format!("{krate}::")) || code.trim_start().starts_with(&format!("use {krate}"))
                    || code.contains(&format!("extern crate {krate}"));
                if used {
                    hits.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(hits.is_empty(), "{dir} must not use the web stack:\n{}", hits.join("\n"));
}

#[test]
fn core_is_not_named_core() {
    assert!(!Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/core")).exists());
}
