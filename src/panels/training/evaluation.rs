//! How the network does: the test set's accuracy and confusion matrix, and the gradient norm of
//! every layer with weights (vanishing and exploding gradients).

use super::state::TrainState;
use crate::cnn::CLASS_NAMES;
use crate::text::{display_number, machine_number};
use yew::prelude::*;

pub fn pct(v: f32) -> String {
    format!("{:.1}%", v * 100.0)
}

pub fn confusion_view(state: &TrainState) -> Html {
    let Some(e) = &state.eval else {
        return html! { <p class="muted">{"No evaluation yet."}</p> };
    };
    html! {
        <>
        <p data-testid="training-test-accuracy" data-value={machine_number(e.accuracy)}>
            { format!("Accuracy {} ({} of {}), mean loss ", pct(e.accuracy), e.correct, e.count) }{ display_number(e.mean_loss) }</p>
        <div class="scroll" tabindex="0" role="region" aria-label="Confusion matrix"><table class="tr-table tr-confusion" data-testid="training-confusion">
            <caption>{"Rows: the true class; columns: what the network predicted."}</caption>
            <thead><tr><th scope="col">{"true \\ predicted"}</th>
                { for CLASS_NAMES.iter().map(|n| html! { <th scope="col">{ *n }</th> }) }
                <th scope="col">{"class accuracy"}</th></tr></thead>
            <tbody>{ for e.confusion.iter().enumerate().map(|(r, row)| html! {
                <tr><th scope="row">{ CLASS_NAMES[r] }</th>
                    { for row.iter().enumerate().map(|(c, &n)| html! { <td class={if r == c { "diag" } else if n > 0 { "off" } else { "" }} data-value={n.to_string()}>{ n }</td> }) }
                    { match e.per_class_accuracy[r] {
                        Some(a) => html! { <td data-value={machine_number(a)}>{ pct(a) }</td> },
                        None => html! { <td data-value="nan">{"—"}</td> },
                    } }
                </tr>
            }) }</tbody>
        </table></div>
        </>
    }
}

pub fn norms_view(norms: &[crate::cnn::model::GradNorm]) -> Html {
    let max = norms.iter().map(|n| n.weights).filter(|v| v.is_finite()).fold(0.0f32, f32::max);
    if max <= 0.0 {
        return html! { <p class="muted" data-testid="training-gradnorms">{"Take a step to see the gradient norms ‖∂L/∂W‖ of every layer with weights."}</p> };
    }
    // A log scale: six decades from the largest.
    let width = |v: f32| if v > 0.0 && v.is_finite() { ((v / max).log10() / 6.0 + 1.0).clamp(0.01, 1.0) * 100.0 } else { 0.0 };
    html! {
        <>
        <p class="muted">{"Bars on a log scale (each tenth of the width is a factor of 10 less). Layers near the input come first: if their bars are tiny, they barely learn — the gradient vanished on its way back."}</p>
        <table class="tr-table tr-norms" data-testid="training-gradnorms">
            <tbody>{ for norms.iter().map(|n| html! {
                <tr><th scope="row">{ format!("{}. {}", n.layer, n.name) }</th>
                    <td data-value={machine_number(n.weights)}>{ display_number(n.weights) }</td>
                    <td class="tr-bar-cell"><span class="tr-bar" style={format!("width:{:.1}%", width(n.weights))}></span></td></tr>
            }) }</tbody>
        </table>
        </>
    }
}
