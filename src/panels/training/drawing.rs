//! Draw your own: a 16 × 16 pad (mouse, pen or finger), classified live by the network, and
//! the drawings added to the training set.

use super::config::SIDE;
use super::evaluation::pct;
use super::send;
use super::pixels::{Pixels, Scale};
use super::state::{Action, TrainState};
use crate::cnn::CLASS_NAMES;
use crate::panels::common::{Select, Toggle};
use crate::text::machine_number;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// The pad, its prediction and the drawn samples. `painting` (a button is down) and `pad` are
/// the caller's hooks, so that they live as long as the panel.
pub fn drawing_card(state: &UseReducerHandle<TrainState>, painting: Rc<RefCell<bool>>, pad: NodeRef) -> Html {
    let click = |a: Action| send::<MouseEvent>(state, a);
    let cell_at = |pad: &NodeRef, e: &PointerEvent| -> Option<(usize, usize)> {
        let el: HtmlElement = pad.cast()?;
        let r = el.get_bounding_client_rect();
        let x = ((f64::from(e.client_x()) - r.left()) / r.width() * SIDE as f64).floor();
        let y = ((f64::from(e.client_y()) - r.top()) / r.height() * SIDE as f64).floor();
        (x >= 0.0 && y >= 0.0 && x < SIDE as f64 && y < SIDE as f64).then_some((y as usize, x as usize))
    };
    let on_down = {
        let s = state.dispatcher();
        let painting = painting.clone();
        let pad = pad.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            if let Some(el) = pad.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *painting.borrow_mut() = true;
            if let Some((y, x)) = cell_at(&pad, &e) {
                s.dispatch(Action::Paint(y, x));
            }
        })
    };
    let on_move = {
        let s = state.dispatcher();
        let painting = painting.clone();
        let pad = pad.clone();
        Callback::from(move |e: PointerEvent| {
            if *painting.borrow() {
                if let Some((y, x)) = cell_at(&pad, &e) {
                    s.dispatch(Action::Paint(y, x));
                }
            }
        })
    };
    let on_up = {
        let painting = painting.clone();
        Callback::from(move |_: PointerEvent| *painting.borrow_mut() = false)
    };
    let class_options: Vec<(String, String)> =
        CLASS_NAMES.iter().enumerate().map(|(i, n)| (i.to_string(), n.to_string())).collect();
    html! {
        <div class="card tr-draw">
            <h2>{"Draw your own"}</h2>
            <p class="muted">{"Draw with the mouse, a pen or a finger; the network classifies it as you draw."}</p>
            <div class="tr-draw-row">
                <div ref={pad.clone()} class="tr-pad" data-testid="training-pad" role="img" aria-label="Drawing pad, 16 by 16"
                    onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                    { for state.drawing.iter().map(|&v| html! { <span class={if v > 0.0 { "on" } else { "" }}></span> }) }
                </div>
                <div class="tr-draw-side">
                    <Toggle label="Eraser" checked={state.erase} testid="training-erase"
                        ontoggle={send(state, Action::SetErase(!state.erase))} />
                    <button type="button" class="small" data-testid="training-clear" onclick={click(Action::ClearDrawing)}>{"Clear"}</button>
                    <Select label="Label" value={state.draw_label.to_string()} options={class_options} testid="training-draw-label"
                        onchange={{ let s = state.dispatcher(); Callback::from(move |v: String| s.dispatch(Action::SetDrawLabel(v.parse().unwrap_or(0)))) }} />
                    <button type="button" class="small" data-testid="training-add-sample" onclick={click(Action::AddDrawing)}>{"Add to the training set"}</button>
                </div>
            </div>
            if let Some(p) = &state.drawn_prediction {
                <p data-testid="training-drawn-class" data-value={p.class.to_string()}>{"The network says: "}<strong>{ CLASS_NAMES[p.class] }</strong></p>
                <table class="tr-table tr-probs" data-testid="training-drawn-probs">
                    <caption class="sr-only">{"Softmax probabilities of the drawing"}</caption>
                    <tbody>{ for p.probs.iter().enumerate().map(|(k, &v)| html! {
                        <tr class={if k == p.class { "best" } else { "" }}><th scope="row">{ CLASS_NAMES[k] }</th>
                            <td data-value={machine_number(v)}>{ pct(v) }</td>
                            <td class="tr-bar-cell"><span class="tr-bar" style={format!("width:{:.1}%", v * 100.0)}></span></td></tr>
                    }) }</tbody>
                </table>
            } else {
                <p class="muted" data-testid="training-drawn-class" data-value="">{"Draw something to see what the network makes of it."}</p>
            }
            if !state.extra.is_empty() {
                <h3>{ format!("Your samples ({})", state.extra.len()) }</h3>
                <ul class="tr-drawn" data-testid="training-drawn-list">
                    { for state.extra.iter().enumerate().map(|(i, d)| html! {
                        <li><Pixels values={Rc::new(d.pixels.clone())} rows={SIDE} cols={SIDE} scale={Scale::Gray(0.0, 1.0)} label={format!("your sample {}, {}", i + 1, CLASS_NAMES[d.label])} />
                            <span>{ CLASS_NAMES[d.label] }</span>
                            <button type="button" class="small" aria-label={format!("Remove your sample {}", i + 1)} onclick={click(Action::RemoveDrawn(i))}>{"✕"}</button></li>
                    }) }
                </ul>
                if state.extra_pending { <p class="muted" role="status">{"Your samples join the training set at the next reset."}</p> }
            }
        </div>
    }
}
