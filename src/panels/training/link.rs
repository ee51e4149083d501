//! The training lab's deep link: the configuration, not the weights.
//! `#/training?v=1&preset=…&filters=…&kernel=…&pool=max|avg|none&activation=relu|sigmoid|tanh&
//! lr=…&batch=…&epochs=…&momentum=…&loss=ce|mse&seed=…`. Reading never fails.

use super::config::{activation_key, loss_key, parse_activation, parse_loss, short, Config, PoolChoice, MAX_BATCH, MAX_EPOCHS, MAX_FILTERS, MAX_LR};
use super::presets::find_preset;
use super::state::TrainState;
use crate::link::{parse_count, Link, LINK_VERSION};
use crate::panels::link_keys::{ignore, unknown_keys};
use crate::text::parse_number;

pub const ROUTE: &str = "/training";
const KEYS: &[&str] =
    &["v", "preset", "filters", "kernel", "pool", "activation", "lr", "batch", "epochs", "momentum", "loss", "seed"];

/// The configuration a link describes, the preset it names, and every key it had to ignore.
pub fn config_from_link(link: &Link) -> (Config, Option<&'static str>, Vec<crate::link::Ignored>) {
    let mut ig = Vec::new();
    unknown_keys(link, KEYS, &mut ig);
    let mut c = Config::reference();
    let mut preset = None;
    if let Some(id) = link.get("preset") {
        match find_preset(id) {
            Some(p) => (c, preset) = ((p.config)(), Some(p.id)),
            None => ignore(&mut ig, "preset", format!("there is no preset “{}”", short(id))),
        }
    }
    let count = |ig: &mut Vec<_>, key: &str, min: usize, max: usize, v: &mut usize| {
        if let Some(t) = link.get(key) {
            match parse_count(t, min, max) {
                Ok(n) => *v = n,
                Err(e) => ignore(ig, key, e),
            }
        }
    };
    count(&mut ig, "filters", 1, MAX_FILTERS, &mut c.filters);
    count(&mut ig, "kernel", 1, 11, &mut c.kernel);
    count(&mut ig, "batch", 1, MAX_BATCH, &mut c.batch);
    count(&mut ig, "epochs", 1, MAX_EPOCHS, &mut c.epochs);
    if let Some(t) = link.get("pool") {
        match PoolChoice::parse(t) {
            Ok(p) => c.pool = p,
            Err(e) => ignore(&mut ig, "pool", e),
        }
    }
    if let Some(t) = link.get("activation") {
        match parse_activation(t) {
            Ok(a) => c.activation = a,
            Err(e) => ignore(&mut ig, "activation", e),
        }
    }
    if let Some(t) = link.get("loss") {
        match parse_loss(t) {
            Ok(l) => c.loss = l,
            Err(e) => ignore(&mut ig, "loss", e),
        }
    }
    if let Some(t) = link.get("lr") {
        match parse_number(t) {
            Ok(v) if v > 0.0 && v <= MAX_LR => c.lr = v,
            Ok(v) => ignore(&mut ig, "lr", format!("{v} is not above 0 and at most {MAX_LR}")),
            Err(e) => ignore(&mut ig, "lr", e.to_string()),
        }
    }
    if let Some(t) = link.get("momentum") {
        match parse_number(t) {
            Ok(v) if (0.0..1.0).contains(&v) => c.momentum = v,
            Ok(v) => ignore(&mut ig, "momentum", format!("{v} is not at least 0 and below 1")),
            Err(e) => ignore(&mut ig, "momentum", e.to_string()),
        }
    }
    if let Some(t) = link.get("seed") {
        match t.trim().parse::<u32>() {
            Ok(v) => c.seed = v,
            Err(_) => ignore(&mut ig, "seed", format!("“{}” is not a whole number from 0 to 4294967295", short(t))),
        }
    }
    (c, preset, ig)
}

/// The panel state a link describes. An impossible configuration opens with the refusal shown.
pub fn from_link(link: &Link) -> TrainState {
    let (c, preset, ignored) = config_from_link(link);
    let mut s = TrainState::new(c, preset);
    s.ignored = ignored;
    s
}

/// The link of the configuration chosen (always every key, so the link says it all).
pub fn to_link(s: &TrainState) -> Link {
    let c = &s.config;
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    if let Some(p) = s.preset {
        l.push("preset", p);
    }
    l.push("filters", c.filters.to_string());
    l.push("kernel", c.kernel.to_string());
    l.push("pool", c.pool.key());
    l.push("activation", activation_key(c.activation));
    l.push("lr", c.lr.to_string());
    l.push("batch", c.batch.to_string());
    l.push("epochs", c.epochs.to_string());
    l.push("momentum", c.momentum.to_string());
    l.push("loss", loss_key(c.loss));
    l.push("seed", c.seed.to_string());
    l
}
