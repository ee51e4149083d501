//! Machinery every panel shares: small form controls, the link notes, and hooks for the
//! animation timer, the stepping keys and keeping the address in step with the state.

use crate::components::stepper::interval_ms;
use crate::link::{Ignored, Link};
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The link the page was opened with (or navigated to).
pub fn current_link() -> Link {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    Link::parse(&hash)
}

/// A step intent from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKey {
    First,
    Prev,
    Next,
    Last,
    Toggle,
}

impl StepKey {
    /// The intent for a key, or None for keys the stepper does not use.
    pub fn from_key(key: &str) -> Option<StepKey> {
        match key {
            "ArrowRight" | "PageDown" => Some(StepKey::Next),
            "ArrowLeft" | "PageUp" => Some(StepKey::Prev),
            "Home" => Some(StepKey::First),
            "End" => Some(StepKey::Last),
            " " | "Spacebar" => Some(StepKey::Toggle),
            _ => None,
        }
    }
}

/// Steps on ← → Home End and plays on Space, unless the user is typing or on a control
/// that uses the key itself.
#[hook]
pub fn use_step_keys(onkey: Callback<StepKey>) {
    use_effect_with((), move |_| {
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
            if e.alt_key() || e.ctrl_key() || e.meta_key() || e.default_prevented() {
                return;
            }
            let tag = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()).map(|el| el.tag_name()).unwrap_or_default();
            let key = e.key();
            let typing = matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA");
            let own_space = matches!(tag.as_str(), "BUTTON" | "SUMMARY" | "A") && (key == " " || key == "Enter");
            if typing || own_space {
                return;
            }
            if let Some(k) = StepKey::from_key(&key) {
                e.prevent_default();
                onkey.emit(k);
            }
        });
        move || drop(listener)
    });
}

/// While `playing`, emits `ontick` at the chosen speed. The interval is an owned handle:
/// pausing, changing speed or leaving the panel drops it, which cancels it.
#[hook]
pub fn use_step_timer(playing: bool, speed: usize, ontick: Callback<()>) {
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let handle = playing.then(|| Interval::new(interval_ms(speed), move || ontick.emit(())));
        move || drop(handle)
    });
}

/// Writes the state's link into the address (replaceState: no history entry per keystroke)
/// and calls `onexternal` when the user puts a different link for this panel into it.
#[hook]
pub fn use_link_sync(link: Link, route: &'static str, onexternal: Callback<Link>) {
    let written = use_mut_ref(String::new);
    let fragment = link.to_fragment();
    {
        let written = written.clone();
        use_effect_with(fragment, move |fragment| {
            let window = gloo::utils::window();
            let here = window.location().hash().unwrap_or_default();
            // Only while this panel's route is showing: a navigation away must not be undone.
            if Link::parse(&here).route == route && here != *fragment {
                if let Ok(history) = window.history() {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
                }
            }
            *written.borrow_mut() = fragment.clone();
        });
    }
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            let hash = gloo::utils::window().location().hash().unwrap_or_default();
            let link = Link::parse(&hash);
            if link.route == route && hash != *written.borrow() {
                onexternal.emit(link);
            }
        });
        move || drop(listener)
    });
}

/// A panel's state, read from the address when the panel opens, written back on every change
/// (`use_link_sync`), and replaced through `replace` when the user puts a different link for
/// this panel into the address. Every linked panel starts with this one line.
#[hook]
pub fn use_linked_reducer<S>(
    from_link: fn(&Link) -> S,
    to_link: fn(&S) -> Link,
    route: &'static str,
    replace: fn(Box<S>) -> S::Action,
) -> UseReducerHandle<S>
where
    S: Reducible + 'static,
{
    let state = use_reducer(move || from_link(&current_link()));
    let dispatcher = state.dispatcher();
    use_link_sync(to_link(&state), route, Callback::from(move |l: Link| dispatcher.dispatch(replace(Box::new(from_link(&l))))));
    state
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub label: AttrValue,
    pub value: String,
    /// (value, text shown)
    pub options: Vec<(String, String)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A labelled drop-down.
#[function_component(Select)]
pub fn select(p: &SelectProps) -> Html {
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    html! {
        <label class="field">
            <span>{ p.label.clone() }</span>
            <select onchange={onchange} data-testid={p.testid.clone()}>
                { for p.options.iter().map(|(v, t)| html! { <option value={v.clone()} selected={*v == p.value}>{ t.clone() }</option> }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct ToggleProps {
    pub label: AttrValue,
    pub checked: bool,
    pub ontoggle: Callback<()>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A labelled switch (a checkbox underneath, so it works with Space and screen readers).
#[function_component(Toggle)]
pub fn toggle(p: &ToggleProps) -> Html {
    let cb = p.ontoggle.clone();
    let onchange = Callback::from(move |e: Event| {
        let _ = e.target_unchecked_into::<HtmlInputElement>();
        cb.emit(())
    });
    html! {
        <label class="field toggle">
            <input type="checkbox" role="switch" checked={p.checked} onchange={onchange} data-testid={p.testid.clone()} />
            <span>{ p.label.clone() }</span>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct LinkNotesProps {
    pub notes: Vec<Ignored>,
    pub ondismiss: Callback<()>,
}

/// Says which keys of the opening link were ignored, and why.
#[function_component(LinkNotes)]
pub fn link_notes(p: &LinkNotesProps) -> Html {
    if p.notes.is_empty() {
        return html! {};
    }
    let cb = p.ondismiss.clone();
    html! {
        <div class="link-notes" role="status" data-testid="link-error">
            <p><strong>{"Part of the link could not be used; defaults were taken instead."}</strong></p>
            <ul>{ for p.notes.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }</ul>
            <button type="button" class="small" onclick={Callback::from(move |_| cb.emit(()))}>{"Dismiss"}</button>
        </div>
    }
}

/// A table cell holding a number: shown for people, `data-value` for machines, and the trimmed
/// decimals kept as invisible padding (`data-pad`, drawn by CSS) so a column lines up at the
/// decimal point.
pub fn num_cell(v: f32) -> Html {
    let shown = crate::text::display_number(v);
    html! { <td class="num" data-value={crate::text::machine_number(v)} data-pad={crate::text::missing_decimals(&shown)}>{ shown }</td> }
}
