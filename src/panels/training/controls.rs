//! The settings of the network and of its training, as menus. Any change rebuilds the run
//! from fresh weights (the reducer decides; an impossible network is refused there).

use super::config::{
    activation_key, loss_key, parse_activation, parse_loss, Config, PoolChoice, BATCH_CHOICES, KERNEL_CHOICES, LR_CHOICES,
    MAX_FILTERS, MOMENTUM_CHOICES,
};
use super::presets::PRESETS;
use super::state::{Action, TrainState};
use crate::panels::common::Select;
use yew::prelude::*;

fn opts<T: ToString + PartialEq + Copy>(choices: &[T], current: T) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = choices.iter().map(|c| (c.to_string(), c.to_string())).collect();
    if !choices.contains(&current) {
        v.push((current.to_string(), current.to_string()));
    }
    v
}

/// The menus of the network and training settings, with the example chooser first.
pub fn config_toolbar(state: &UseReducerHandle<TrainState>) -> Html {
    let set = |f: fn(&mut Config, &str) -> bool| {
        let s = state.dispatcher();
        let c = state.config;
        Callback::from(move |v: String| {
            let mut c = c;
            if f(&mut c, &v) {
                s.dispatch(Action::SetConfig(c))
            }
        })
    };
    let c = state.config;
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let on_preset = {
        let s = state.dispatcher();
        Callback::from(move |v: String| if !v.is_empty() { s.dispatch(Action::LoadPreset(v)) })
    };
    html! {
    <div class="toolbar tr-config" role="group" aria-label="Network and training settings">
        <Select label="Example" value={state.preset.unwrap_or(if c == Config::reference() { "reference" } else { "" }).to_string()} options={preset_options} testid="training-preset" onchange={on_preset} />
        <Select label="Filters" value={c.filters.to_string()} testid="training-filters"
            options={(1..=MAX_FILTERS).map(|i| (i.to_string(), format!("{i} then {}", 2 * i))).collect::<Vec<_>>()}
            onchange={set(|c, v| v.parse().map(|n| c.filters = n).is_ok())} />
        <Select label="Kernel" value={c.kernel.to_string()} testid="training-kernel"
            options={KERNEL_CHOICES.iter().map(|k| (k.to_string(), format!("{k}×{k}"))).collect::<Vec<_>>()}
            onchange={set(|c, v| v.parse().map(|n| c.kernel = n).is_ok())} />
        <Select label="Pooling" value={c.pool.key().to_string()} testid="training-pool"
            options={vec![("max".into(), "max 2×2".into()), ("avg".into(), "average 2×2".into()), ("none".into(), "none".into())]}
            onchange={set(|c, v| PoolChoice::parse(v).map(|p| c.pool = p).is_ok())} />
        <Select label="Activation" value={activation_key(c.activation).to_string()} testid="training-activation"
            options={vec![("relu".into(), "ReLU".into()), ("sigmoid".into(), "sigmoid".into()), ("tanh".into(), "tanh".into())]}
            onchange={set(|c, v| parse_activation(v).map(|a| c.activation = a).is_ok())} />
        <Select label="Loss" value={loss_key(c.loss).to_string()} testid="training-loss"
            options={vec![("ce".into(), "cross-entropy".into()), ("mse".into(), "mean squared error".into())]}
            onchange={set(|c, v| parse_loss(v).map(|l| c.loss = l).is_ok())} />
        <Select label="Learning rate η" value={c.lr.to_string()} testid="training-lr" options={opts(LR_CHOICES, c.lr)}
            onchange={set(|c, v| v.parse().map(|n| c.lr = n).is_ok())} />
        <Select label="Momentum" value={c.momentum.to_string()} testid="training-momentum" options={opts(MOMENTUM_CHOICES, c.momentum)}
            onchange={set(|c, v| v.parse().map(|n| c.momentum = n).is_ok())} />
        <Select label="Batch" value={c.batch.to_string()} testid="training-batch" options={opts(BATCH_CHOICES, c.batch)}
            onchange={set(|c, v| v.parse().map(|n| c.batch = n).is_ok())} />
        <Select label="Epochs" value={c.epochs.to_string()} testid="training-epochs" options={opts(&[1usize, 2, 3, 5, 10, 20], c.epochs)}
            onchange={set(|c, v| v.parse().map(|n| c.epochs = n).is_ok())} />
        <Select label="Weight seed" value={c.seed.to_string()} testid="training-seed" options={opts(&[1u32, 2, 3, 7, 42, 44], c.seed)}
            onchange={set(|c, v| v.parse().map(|n| c.seed = n).is_ok())} />
    </div>
    }
}
