//! One step of backpropagation shown in numbers: forward pass, loss, every term of one weight's
//! gradient, and the update, all from the core's trace (`backprop.rs`).

use super::state::{Action, TrainState};
use crate::cnn::conv::Source;
use crate::cnn::{LossKind, CLASS_NAMES};
use crate::panels::common::Select;
use crate::text::{display_number, factor, machine_number};
use yew::prelude::*;

pub fn backprop_view(state: &TrainState, d: UseReducerDispatcher<TrainState>) -> Html {
    let Some(b) = &state.backprop else {
        return html! {};
    };
    let (f, ky, kx) = (b.trace.filter, b.trace.ky, b.trace.kx);
    let filters = match state.plan.layers.first().map(|l| l.config) {
        Some(crate::cnn::LayerConfig::Conv { filters, kernel, .. }) => (filters, kernel),
        _ => (1, 1),
    };
    let choose = |which: usize| {
        let d = d.clone();
        let w = state.weight;
        Callback::from(move |v: String| {
            let n: usize = v.parse().unwrap_or(0);
            let (mut f, mut y, mut x) = w;
            match which {
                0 => f = n,
                1 => y = n,
                _ => x = n,
            }
            d.dispatch(Action::ChooseWeight(f, y, x));
        })
    };
    let nz = b.trace.terms.iter().filter(|t| t.product != 0.0).count();
    let loss_name = if b.loss_kind == LossKind::CrossEntropy { "cross-entropy −ln p_label" } else { "mean squared error" };
    html! {
        <div class="card tr-bp" data-testid="training-backprop">
            <h2>{"One step of backpropagation, in numbers"}</h2>
            <p class="muted">{ format!("Training sample {} ({}), with the current weights. Choose a sample in the gallery and a weight of the first convolution:", b.sample, CLASS_NAMES[b.label]) }</p>
            <div class="toolbar">
                <Select label="Filter" value={f.to_string()} testid="training-bp-filter" options={(0..filters.0).map(|i| (i.to_string(), (i + 1).to_string())).collect::<Vec<_>>()} onchange={choose(0)} />
                <Select label="Row" value={ky.to_string()} testid="training-bp-row" options={(0..filters.1).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>()} onchange={choose(1)} />
                <Select label="Column" value={kx.to_string()} testid="training-bp-col" options={(0..filters.1).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>()} onchange={choose(2)} />
            </div>
            <ol class="tr-bp-steps">
                <li><strong>{"Forward pass. "}</strong>{"The probabilities the network gives this sample:"}
                    <table class="tr-table tr-probs" data-testid="training-bp-probs"><tbody>
                        { for b.prediction.probs.iter().enumerate().map(|(k, &v)| html! {
                            <tr class={if k == b.label { "best" } else { "" }}><th scope="row">{ CLASS_NAMES[k] }{ if k == b.label { " (true)" } else { "" } }</th>
                                <td data-value={machine_number(v)}>{ display_number(v) }</td></tr>
                        }) }
                    </tbody></table></li>
                <li><strong>{"Loss. "}</strong>{ format!("The {loss_name}: L = ") }
                    <span data-testid="training-bp-loss" data-value={machine_number(b.loss)}>{ display_number(b.loss) }</span></li>
                <li><strong>{"Backward pass. "}</strong>
                    { format!("The gradient of weight w[{}][{ky}][{kx}] (filter {}, row {ky}, column {kx}) is the correlation of the layer's input x with the gradient g = ∂L/∂y arriving from above at the layer's output: ∂L/∂w = Σ over every output position (i, j) of x[i+{ky}−1][j+{kx}−1] · g[i][j]. Here are all {} terms ({nz} are not zero; padding contributes 0):", f + 1, f + 1, b.trace.terms.len()) }
                    <div class="tr-terms" data-testid="training-bp-terms" tabindex="0" role="region" aria-label="Every term of the weight gradient">
                        { for b.trace.terms.iter().map(|t| {
                            let src = match t.source { Source::Input { y, x } => format!("x[{y}][{x}]"), Source::Padding => "pad".to_string() };
                            html! { <span class={if t.product != 0.0 { "nz" } else { "" }} data-value={machine_number(t.product)}>
                                { format!("{src}·g[{}][{}] = {}·{} = {}", t.out_y, t.out_x, factor(t.x), factor(t.g), display_number(t.product)) }</span> }
                        }) }
                    </div>
                    <p>{"Sum: ∂L/∂w = "}<strong data-testid="training-bp-grad" data-value={machine_number(b.trace.sum)}>{ display_number(b.trace.sum) }</strong>
                        <span class="muted">{ format!(" (the core's backward pass gives {})", display_number(b.core_gradient)) }</span></p></li>
                <li><strong>{"Weight update. "}</strong>
                    <span data-testid="training-bp-update" data-value={machine_number(b.new)}>
                        { format!("w ← w − η·∂L/∂w = {} − {}·{} = {}", display_number(b.old), b.lr, factor(b.trace.sum), display_number(b.new)) }</span>
                    <p class="note" role="note">{"The lecture writes “old weight + learning rate × gradient”. The gradient points uphill — where the loss grows fastest — so to make the loss smaller we step the other way: gradient descent subtracts η times the gradient (equivalently, it adds η times the negative gradient)."}</p>
                    if state.built.batch > 1 || state.built.momentum > 0.0 {
                        <p class="muted">{"This is one plain step for this one sample; your run averages the gradients of a batch and may add momentum before updating."}</p>
                    }
                </li>
            </ol>
        </div>
    }
}
