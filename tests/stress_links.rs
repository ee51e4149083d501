//! Stress sizes on the host: every panel's link reader accepts its largest input as it is,
//! refuses one size beyond by naming the key, and never quotes a pasted page of text back in
//! full (a message must stay a sentence). `e2e/stress.test.mjs` checks the same in a browser.

use convlab::link::{Ignored, Link};
use convlab::panels;

fn mat(r: usize, c: usize) -> String {
    (0..r).map(|i| (0..c).map(|j| ((i * 7 + j * 3) % 11) as i32 - 5).map(|v| v.to_string()).collect::<Vec<_>>().join(",")).collect::<Vec<_>>().join(";")
}
fn vec_of(n: usize, f: impl Fn(usize) -> String) -> String {
    (0..n).map(f).collect::<Vec<_>>().join(",")
}
fn planes(k: usize, r: usize, c: usize) -> String {
    vec![mat(r, c); k].join("|")
}
fn probs(n: usize) -> String {
    vec_of(n, |_| format!("{}", 1.0 / n as f32))
}

/// The ignored keys of a panel's link, by route name.
fn ignored(route: &str, query: &str) -> Vec<Ignored> {
    let link = Link::parse(&format!("#/{route}?v=1&{query}"));
    match route {
        "convolution" => panels::convolution::link::from_link(&link).ignored,
        "padding" => panels::padding::link::from_link(&link).ignored,
        "rgb" => panels::rgb::link::from_link(&link).ignored,
        "parameters" => panels::parameters::link::from_link(&link).ignored,
        "stages" => panels::stages::from_link(&link).ignored,
        "pooling" => panels::pooling::link::from_link(&link).ignored,
        "flatten" => panels::flatten::link::from_link(&link).ignored,
        "dense" => panels::dense::link::from_link(&link).ignored,
        "softmax" => panels::softmax::link::from_link(&link).ignored,
        "cross-entropy" => panels::cross_entropy::link::from_link(&link).ignored,
        "one-hot" => panels::one_hot::link::from_link(&link).ignored,
        "pipeline" => panels::pipeline::link::from_link(&link).ignored,
        "training" => panels::training::link::config_from_link(&link).2,
        "architectures" => panels::architectures::link::from_link(&link).ignored,
        "exercises" => panels::exercises::link::from_link(&link).ignored,
        "image" => panels::image::link::from_link(&link).ignored,
        other => panic!("no link reader listed for {other}: add it here"),
    }
}

/// A route, its largest link, and links one beyond with the key each must name.
type Limit = (&'static str, String, Vec<(String, &'static str)>);

/// Every panel's limits. Mirrors the browser test's table.
fn limits() -> Vec<Limit> {
    let filters = |n: usize, side: usize| vec![planes(3, side, side); n].join("||");
    vec![
        ("convolution", format!("input={}&kernel={}&padding=3&stride=1", mat(16, 16), mat(7, 7)),
            vec![(format!("input={}", mat(17, 17)), "input"), (format!("kernel={}", mat(8, 8)), "kernel"), ("stride=5".into(), "stride"), ("padding=4".into(), "padding")]),
        ("padding", "n=12&f=7&padding=3&stride=1".into(), vec![("n=13".into(), "n"), ("f=8".into(), "f"), ("stride=5".into(), "stride")]),
        ("rgb", format!("input={}&kernel={}&bias=1,2,3&padding=3&stride=1", planes(3, 8, 8), filters(3, 5)),
            vec![(format!("input={}", planes(3, 9, 9)), "input"), (format!("kernel={}", filters(4, 1)), "kernel"), ("stride=4".into(), "stride")]),
        ("parameters", "n=1024&f=11&c=64".into(), vec![("n=1025".into(), "n"), ("f=12".into(), "f"), ("c=65".into(), "c")]),
        ("stages", "kernel=horizontal&pool=avg".into(), vec![("kernel=huge".into(), "kernel")]),
        ("pooling", format!("input={}&size=2&stride=1", mat(16, 16)), vec![(format!("input={}", mat(17, 17)), "input"), ("size=6".into(), "size"), ("stride=4".into(), "stride")]),
        ("flatten", format!("input={}", planes(4, 8, 8)), vec![(format!("input={}", planes(5, 2, 2)), "input"), (format!("input={}", mat(9, 9)), "input")]),
        ("dense", format!("input={}&weights={}&bias={}", vec_of(16, |i| i.to_string()), mat(8, 16), vec_of(8, |i| i.to_string())),
            vec![(format!("input={}", vec_of(17, |i| i.to_string())), "input"), (format!("weights={}", mat(9, 3)), "weights")]),
        ("softmax", format!("logits={}", vec_of(10, |i| i.to_string())), vec![(format!("logits={}", vec_of(11, |i| i.to_string())), "logits")]),
        ("cross-entropy", format!("target=3&probs={}&batch={}&batch-targets={}", probs(10), vec![probs(10); 12].join(";"), vec_of(12, |i| (i % 10).to_string())),
            vec![(format!("probs={}", probs(11)), "probs"), (format!("batch={}&batch-targets={}", vec!["0.5,0.5"; 13].join(";"), vec_of(13, |_| "0".into())), "batch")]),
        ("one-hot", format!("categories={}&samples={}", vec_of(12, |i| format!("c{i}")), vec_of(40, |i| format!("c{}", i % 12))),
            vec![(format!("categories={}", vec_of(13, |i| format!("c{i}"))), "categories"), (format!("categories=a,b&samples={}", vec_of(41, |_| "a".into())), "samples")]),
        ("pipeline", format!("input={}&stage=loss", mat(6, 6)), vec![(format!("input={}", mat(7, 7)), "input")]),
        ("training", "filters=16&kernel=7&batch=500&epochs=50".into(), vec![("filters=17".into(), "filters"), ("epochs=51".into(), "epochs"), ("batch=501".into(), "batch")]),
        ("architectures", "arch=resnet50&input=1024&compare=vgg16".into(), vec![("input=1025".into(), "input"), ("stride=conv1:9".into(), "stride")]),
        ("image", format!("image=house&kernel={}&relu=1&pool=max", mat(7, 7)),
            vec![(format!("kernel={}", mat(8, 8)), "kernel"), ("step=99999".into(), "step")]),
        ("exercises", "sheet=1&kinds=conv,pooling,softmax&n=24&level=3&seed=4294967295".into(),
            vec![("sheet=1&n=25".into(), "n"), ("level=4".into(), "level"), ("seed=4294967296".into(), "seed")]),
    ]
}

#[test]
fn every_panel_accepts_its_largest_link_and_names_one_beyond() {
    let routes: Vec<&str> = panels::PANELS.iter().map(|p| p.name).collect();
    let table = limits();
    for route in &routes {
        assert!(table.iter().any(|(r, ..)| r == route), "{route}: add its limits to this table");
    }
    for (route, max, beyond) in table {
        let at_max = ignored(route, &max);
        assert!(at_max.is_empty(), "{route}: the largest link was not taken as it is: {at_max:?}");
        for (query, key) in beyond {
            let got = ignored(route, &query);
            assert!(got.iter().any(|i| i.key == key), "{route}: {}… must name “{key}”, got {got:?}", &query[..query.len().min(40)]);
        }
    }
}

#[test]
fn messages_quote_a_pasted_page_briefly() {
    // Every key any panel reads, given a long value of each kind a paste could bring.
    let keys = [
        "preset", "input", "kernel", "bias", "padding", "stride", "relu", "flip", "step", "n", "f", "c", "pool", "mode", "size",
        "weights", "logits", "names", "temperature", "target", "probs", "base", "batch", "batch-targets", "categories",
        "samples", "vector", "label", "stage", "filters", "activation", "lr", "epochs", "momentum", "loss", "seed", "arch",
        "layer", "compare", "v", "junk",
    ];
    let values = ["x".repeat(3000), "9".repeat(3000), mat(40, 40), "a:b,".repeat(500), "%E2%88%92".repeat(300)];
    let routes: Vec<&str> = panels::PANELS.iter().map(|p| p.name).collect();
    let long_key = "k".repeat(3000);
    for route in routes {
        for key in keys.iter().copied().chain([long_key.as_str()]) {
            for value in &values {
                for i in ignored(route, &format!("{key}={value}")) {
                    let text = i.to_string();
                    assert!(text.chars().count() <= 400, "{route} {key}: a {}-character message: {}…", text.chars().count(), &text[..200]);
                }
            }
        }
    }
}
