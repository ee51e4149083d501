//! One neuron's weighted sum written out term by term, and the parameter count, both read from
//! the core (its `DenseOutputTrace`, its layer and its parameter count).

use crate::cnn::{Dense, DenseOutputTrace};
use crate::text::{display_number, factor, machine_number};
use yew::prelude::*;

/// x₃·w₂,₃ as HTML with subscripts (1-based, as on screen).
fn symbol(i: usize, o: usize) -> Html {
    html! { <span class="sym">{"x"}<sub>{ i + 1 }</sub>{"·w"}<sub>{ format!("{},{}", o + 1, i + 1) }</sub></span> }
}

#[derive(Properties, PartialEq)]
pub struct NeuronSumProps {
    pub trace: DenseOutputTrace,
    pub total: usize,
}

/// y_o = Σ x_i·w_o,i + b_o, symbol over number for every term.
#[function_component(NeuronSum)]
pub fn neuron_sum(p: &NeuronSumProps) -> Html {
    let t = &p.trace;
    let o = t.output;
    let terms = t.terms.iter().enumerate().map(|(k, term)| html! {
        <>
            if k > 0 { <span class="op">{"+"}</span> }
            <span class="term stack" title={format!("input {} times weight {} of neuron {}", term.input + 1, term.input + 1, o + 1)}>
                { symbol(term.input, o) }
                <span><span class="x">{ factor(term.x) }</span><span class="op">{"·"}</span><span class="w">{ factor(term.w) }</span></span>
            </span>
        </>
    });
    let words = format!("Neuron {}: {} products plus bias {} give {}.", o + 1, t.terms.len(), display_number(t.bias), display_number(t.sum));
    html! {
        <div class="arithmetic">
            <h3>{ format!("Neuron {}", o + 1) }<span class="muted">{ format!(" — of {}", p.total) }</span></h3>
            <p class="muted">{"Multiply each input by this neuron's weight for it, add everything up, then add the neuron's bias."}</p>
            <p class="sum-line" data-testid="dense-arithmetic">
                <span class="sym-lhs">{"y"}<sub>{ o + 1 }</sub><span class="op">{" ="}</span></span>
                { for terms }
                <span class="op">{"+"}</span>
                <span class="term stack bias-term" title="bias"><span class="sym">{"b"}<sub>{ o + 1 }</sub></span>{ factor(t.bias) }</span>
                <span class="op">{"="}</span>
                <strong class="result" data-testid="dense-sum" data-value={machine_number(t.sum)}>{ display_number(t.sum) }</strong>
            </p>
            <p class="sr-only" aria-live="polite" data-testid="dense-announce">{ words }</p>
            <details class="terms-table">
                <summary>{"The terms as a table"}</summary>
                <div class="scroll-x">
                <table class="grid compact" data-testid="dense-terms">
                    <caption class="sr-only">{ format!("Terms of neuron {}", o + 1) }</caption>
                    <thead><tr><th scope="col">{"input i"}</th><th scope="col">{"x"}<sub>{"i"}</sub></th>
                        <th scope="col">{"w"}<sub>{ format!("{},i", o + 1) }</sub></th><th scope="col">{"product"}</th></tr></thead>
                    <tbody>
                    { for t.terms.iter().map(|term| html! {
                        <tr>
                            <th scope="row">{ term.input + 1 }</th>
                            <td data-value={machine_number(term.x)}>{ display_number(term.x) }</td>
                            <td data-value={machine_number(term.w)}>{ display_number(term.w) }</td>
                            <td data-value={machine_number(term.product)}>{ display_number(term.product) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </details>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ParamsProps {
    pub layer: Dense,
    /// The core's count of weights plus biases.
    pub params: u64,
}

/// n_in·n_out + n_out with the layer's numbers.
#[function_component(ParamCount)]
pub fn param_count(p: &ParamsProps) -> Html {
    let (n_in, n_out) = (p.layer.inputs(), p.layer.outputs());
    let (nw, nb) = (p.layer.weights().len(), p.layer.bias().len());
    html! {
        <div class="params">
            <h3>{"Parameters to learn"}</h3>
            <p class="sum-line">
                <span>{"n"}<sub>{"in"}</sub>{"·n"}<sub>{"out"}</sub>{" + n"}<sub>{"out"}</sub></span><span class="op">{"="}</span>
                <span>{ format!("{n_in} · {n_out} + {n_out}") }</span><span class="op">{"="}</span>
                <strong class="result" data-testid="dense-params" data-value={p.params.to_string()}>{ p.params }</strong>
            </p>
            <p>{ neurons_sentence(n_out, n_in, nw, nb) }</p>
            <p class="muted">{"That is why an image is not fed straight into a fully connected layer: every neuron would need a weight per pixel — 10,000 for a 100 × 100 gray image, as the lecture counts."}</p>
        </div>
    }
}

/// How many weights and biases the layer has, in grammatical English for any count.
fn neurons_sentence(n_out: usize, n_in: usize, nw: usize, nb: usize) -> String {
    let many = |n: usize, one: &str, more: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {more}") };
    let who = if n_out == 1 { "The one neuron".to_string() } else { format!("Each of the {n_out} neurons") };
    format!(
        "{who} has one weight for {} ({}, the cells of W) and one bias of its own ({}). Training adjusts all of them.",
        if n_in == 1 { "its one input".to_string() } else { format!("each of the {n_in} inputs") },
        many(nw, "weight", "weights"),
        many(nb, "bias", "biases")
    )
}

#[cfg(test)]
mod tests {
    use super::neurons_sentence;

    #[test]
    fn counts_are_grammatical() {
        assert_eq!(
            neurons_sentence(1, 1, 1, 1),
            "The one neuron has one weight for its one input (1 weight, the cells of W) and one bias of its own (1 bias). Training adjusts all of them."
        );
        assert_eq!(
            neurons_sentence(3, 4, 12, 3),
            "Each of the 3 neurons has one weight for each of the 4 inputs (12 weights, the cells of W) and one bias of its own (3 biases). Training adjusts all of them."
        );
    }
}
