//! The current window of the pooling panel: its values, and the max (with the winner) or the
//! sum and the division (average), all read from the core's `WindowTrace`.

use super::figure;
use crate::cnn::{WindowResult, WindowTrace};
use crate::components::Grid;
use crate::text::{display_number, factor, machine_number};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WindowProps {
    pub trace: WindowTrace,
    pub kw: usize,
    /// Every input value (for the tint of the window grid).
    pub all: Rc<Vec<f32>>,
    pub step: usize,
    pub total: usize,
}

#[function_component(Window)]
pub fn window(p: &WindowProps) -> Html {
    let t = &p.trace;
    let values = t.cells.iter().map(|c| c.value);
    let at = |i: usize| t.cells.get(i).map_or(String::new(), |c| format!("input row {}, column {}", c.y + 1, c.x + 1));
    let (line, words, explain) = match t.result {
        WindowResult::Max { winner, value } => {
            let ties = t.cells.iter().filter(|c| c.value == value).count();
            let items = values.enumerate().map(|(i, v)| html! {
                <>
                    if i > 0 { <span class="op comma">{","}</span> }
                    <span class={classes!("term", (i == winner).then_some("winner"))} title={at(i)}>{ factor(v) }</span>
                </>
            });
            let line = html! {
                <>
                    <span class="op">{"max("}</span>{ for items }<span class="op">{") ="}</span>
                    <strong class="result" data-testid="pool-result" data-value={machine_number(value)}>{ display_number(value) }</strong>
                </>
            };
            let mut explain = format!("The output keeps only the largest value of the window, {} at {}.", display_number(value), at(winner));
            if ties > 1 {
                explain.push_str(&format!(
                    " It appears {ties} times here; the output is the same whichever is taken, and the first one reading row by row is marked."
                ));
            }
            let words = format!("Window {} of {}: the largest of {} values is {}.", p.step + 1, p.total, t.cells.len(), display_number(value));
            (line, words, explain)
        }
        WindowResult::Average { sum, count, mean } => {
            let items = values.enumerate().map(|(i, v)| html! {
                <>
                    if i > 0 { <span class="op">{"+"}</span> }
                    <span class="term" title={at(i)}>{ factor(v) }</span>
                </>
            });
            let line = html! {
                <>
                    <span class="op">{"("}</span>{ for items }<span class="op">{") ÷"}</span>
                    <span>{ count }</span><span class="op">{"="}</span>
                    <span data-testid="pool-sum" data-value={machine_number(sum)}>{ display_number(sum) }</span>
                    <span class="op">{"÷"}</span>
                    <span data-testid="pool-count" data-value={count.to_string()}>{ count }</span>
                    <span class="op">{"="}</span>
                    <strong class="result" data-testid="pool-result" data-value={machine_number(mean)}>{ display_number(mean) }</strong>
                </>
            };
            let explain = format!("The output is the mean of all {count} values: add them up, then divide by how many there are.");
            let words = format!("Window {} of {}: {} values add up to {}; divided by {count} that is {}.", p.step + 1, p.total, count, display_number(sum), display_number(mean));
            (line, words, explain)
        }
    };
    html! {
        <div class="arithmetic pool-window">
            <h3>{ format!("Window for output row {}, column {}", t.out_y + 1, t.out_x + 1) }
                <span class="muted">{ format!(" — window {} of {}", p.step + 1, p.total) }</span></h3>
            <div class="window-row">
                <Grid testid="pool-window" caption="Values in the window" hide_caption=true cells={figure::window(t, p.kw, &p.all)} />
                <div>
                    <p class="sum-line" data-testid="pool-arithmetic">{ line }</p>
                    <p class="muted">{ explain }</p>
                </div>
            </div>
            <p class="sr-only" aria-live="polite" data-testid="pool-announce">{ words }</p>
        </div>
    }
}
