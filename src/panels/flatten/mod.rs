//! Flatten, entry by entry (`#/flatten`): one feature map or a stack of them unrolled into
//! the column vector a fully connected layer reads, in the core's (row, column, channel)
//! order, read from its `FlattenTrace`.

mod figure;
pub mod link;
pub mod presets;
pub mod state;

use crate::components::Grid;
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::stepping::{use_stepping, StepAction, StepControls};
use crate::text::{display_number, machine_number};
use state::{Action, MAX_CHANNELS, MAX_SIDE};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Keeps the current entry of the (scrolling) vector in view.
#[hook]
fn use_follow_current(step: usize) {
    use_effect_with(step, |&step| {
        let doc = gloo::utils::document();
        let found = (doc.query_selector(".vector-scroll").ok().flatten(), doc.query_selector(".vector-scroll td.current").ok().flatten());
        if let (Some(b), Some(c)) = found {
            if let (Ok(b), Ok(c)) = (b.dyn_into::<web_sys::HtmlElement>(), c.dyn_into::<web_sys::HtmlElement>()) {
                // The cell's top inside the scroll box, through any offset parents in between.
                let (mut top, mut parent) = (c.offset_top(), c.offset_parent());
                while let Some(p) = parent.and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok()).filter(|p| *p != b) {
                    top += p.offset_top();
                    parent = p.offset_parent();
                }
                let (st, h) = (b.scroll_top(), b.client_height());
                if step == 0 {
                    b.set_scroll_top(0); // the header too
                } else if top < st || top + c.offset_height() > st + h {
                    b.set_scroll_top(top - h / 2);
                }
            }
        }
    });
}

#[function_component(FlattenPanel)]
pub fn flatten_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let onstep = {
        let s = state.dispatcher();
        Callback::from(move |a: StepAction| s.dispatch(Action::Step(a)))
    };
    use_stepping(state.play, onstep.clone());
    use_follow_current(state.play.step);
    let g = &state.good;
    let sh = g.tensor.shape();
    let (rows, cols, chans) = (state.rows(), state.cols(), state.channels.len());
    let select = |f: Rc<dyn Fn(usize) -> Action>| {
        let s = state.dispatcher();
        Callback::from(move |v: String| s.dispatch(f(v.parse().unwrap_or(1))))
    };
    let counts = |max: usize| (1..=max).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>();
    let several = chans > 1;
    let input_error: Vec<String> = state
        .channels
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.error_message(&if several { format!("Channel {}", i + 1) } else { "Input".into() }))
        .collect();
    let errors = [
        ("flatten-input-error", (!input_error.is_empty()).then(|| input_error.join(" "))),
        ("flatten-shape-error", state.shape_error.clone().map(|e| format!("{e}. The vector still shows the last valid maps."))),
    ];
    let current = g.trace.steps.get(state.play.step).copied();
    let (other_name, other_label, other) = figure::other_order(g);
    let ondismiss = {
        let s = state.dispatcher();
        Callback::from(move |_| s.dispatch(Action::DismissNotes))
    };
    let where_ = |st: &crate::cnn::FlattenStep| {
        let f = st.from;
        if sh.c > 1 { format!("row {}, column {}, channel {}", f.y + 1, f.x + 1, f.c + 1) } else { format!("row {}, column {}", f.y + 1, f.x + 1) }
    };

    html! {
        <section class="panel flat" aria-labelledby="flat-title">
            <header class="panel-head">
                <h1 id="flat-title">{"Flatten: from maps to a vector"}</h1>
                <p class="lede">{"A fully connected layer reads one long list of numbers, not a grid. Flattening lays the feature maps out as a column vector: nothing is computed, every value only gets a place in the line. Step through to see which cell goes where, and in which order."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} {ondismiss} />
            <div class="toolbar" role="group" aria-label="Settings">
                <div class="field examples" role="group" aria-label="Examples">
                    <span>{"Examples"}</span>
                    <div class="button-row">
                    { for presets::EXAMPLES.iter().map(|e| {
                        let s = state.dispatcher();
                        let pressed = state.example == Some(e.id);
                        html! { <button type="button" class="small" aria-pressed={pressed.to_string()} data-testid={format!("flatten-example-{}", e.id)}
                            onclick={Callback::from(move |_| s.dispatch(Action::LoadExample(e.id.into())))}>{ e.title }</button> }
                    }) }
                    </div>
                </div>
                <Select label="Rows" value={rows.to_string()} options={counts(MAX_SIDE)} testid="flatten-rows" onchange={select(Rc::new(move |n| Action::Resize(n, cols)))} />
                <Select label="Columns" value={cols.to_string()} options={counts(MAX_SIDE)} testid="flatten-cols" onchange={select(Rc::new(move |n| Action::Resize(rows, n)))} />
                <Select label="Channels" value={chans.to_string()} options={counts(MAX_CHANNELS)} testid="flatten-channels" onchange={select(Rc::new(Action::SetChannels))} />
            </div>
            { for errors.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            <div class="stage">
                <figure class="card">
                    <figcaption>{ format!("Feature map{} {} × {} × {}", if sh.c > 1 { "s" } else { "" }, sh.h, sh.w, sh.c) }</figcaption>
                    <div class="channels">
                    { for (0..chans).map(|ch| html! {
                        <div class="channel">
                            if several { <p class="channel-label">{ format!("Channel {}", ch + 1) }</p> }
                            <div class="scroll"><Grid testid={format!("flatten-input-{}", ch + 1)} caption={format!("Channel {}", ch + 1)} hide_caption=true
                                cells={figure::channel(&state, ch)}
                                onedit={Callback::from({ let s = state.dispatcher(); move |(r, c, t)| s.dispatch(Action::Edit(ch, r, c, t)) })} /></div>
                        </div>
                    }) }
                    </div>
                    <p class="legend"><span class="key"><span class="swatch done"></span>{"already in the vector"}</span><span class="key"><span class="swatch win"></span>{"moving now"}</span></p>
                </figure>
                <figure class="card">
                    <figcaption>{"Where each cell goes"}<span class="muted">{" (entry number)"}</span></figcaption>
                    <div class="channels">
                    { for (0..sh.c).map(|ch| html! {
                        <div class="channel">
                            if sh.c > 1 { <p class="channel-label">{ format!("Channel {}", ch + 1) }</p> }
                            <div class="scroll"><Grid testid={format!("flatten-order-{}", ch + 1)} caption={format!("Entry numbers, channel {}", ch + 1)} hide_caption=true
                                cells={figure::order(g, ch, state.play.step)} /></div>
                        </div>
                    }) }
                    </div>
                </figure>
                <figure class="card">
                    <figcaption>{ format!("Vector {} × 1", g.vector.len()) }</figcaption>
                    <div class="scroll vector-scroll"><Grid testid="flatten-vector" caption="Flattened vector" hide_caption=true cells={figure::vector(&state)}
                        col_labels={Rc::new(vec!["value".to_string()])}
                        onselect={Callback::from({ let s = state.dispatcher(); move |(r, _)| s.dispatch(Action::SelectEntry(r)) })} /></div>
                    <p class="legend muted">{"Click an entry to see its cell."}</p>
                </figure>
            </div>
            <StepControls playhead={state.play} total={state.total_steps()} unit="entry" {onstep} />
            <div class="explain">
                <div class="card">
                    if let Some(st) = current {
                        <h3>{ format!("Entry {} of {}", st.index + 1, g.vector.len()) }</h3>
                        <p class="sum-line" data-testid="flatten-current" data-value={machine_number(st.value)}>
                            <span>{ format!("from {}", where_(&st)) }</span><span class="op">{"→"}</span>
                            <strong class="result">{ display_number(st.value) }</strong></p>
                        <p class="sr-only" aria-live="polite">{ format!("Entry {} is {}, from {}.", st.index + 1, display_number(st.value), where_(&st)) }</p>
                    }
                    <p><strong>{"The order: row, column, channel."}</strong>{" Rows are read from the top, each row from left to right, and at every pixel all its channels are taken before moving on (the “channels last” order of Keras and TensorFlow). With one channel this is plain reading order, as in the lecture's Figure 7.10."}</p>
                    <p class="muted">{"Counting from 0, the value at channel c, row y, column x of an h × w × C stack lands at index (y·w + x)·C + c."}</p>
                </div>
                <div class="card">
                    <h3>{"Why the order matters"}</h3>
                    <p>{"The fully connected layer after this gives every entry its own weight: weight 5 always multiplies entry 5. Any order works, but it must never change between training and use. Read the same maps "}{ other_name }{" and the marked entries would come from other cells, so trained weights would meet the wrong numbers."}</p>
                    <div class="scroll-x">
                    <table class="grid compact order-compare" data-testid="flatten-compare">
                        <caption class="sr-only">{"The vector in two orders"}</caption>
                        <thead><tr><th scope="col">{"entry"}</th>{ for (1..=g.vector.len()).map(|i| html! { <th scope="col">{ i }</th> }) }</tr></thead>
                        <tbody>
                            <tr><th scope="row">{"this panel"}</th>
                                { for g.trace.steps.iter().map(|st| html! { <td data-value={machine_number(st.value)}>{ display_number(st.value) }</td> }) }</tr>
                            <tr><th scope="row">{ other_label }</th>
                                { for other.iter().zip(&g.trace.steps).map(|(o, st)| html! {
                                    <td class={classes!((o.from != st.from).then_some("differs"))} data-value={machine_number(o.value)}
                                        title={format!("from {}", where_(o))}>{ display_number(o.value) }</td> }) }</tr>
                        </tbody>
                    </table>
                    </div>
                </div>
            </div>
        </section>
    }
}
