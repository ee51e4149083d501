//! The stepper: first / previous / play-pause / next / last, a scrub slider and a speed
//! choice. It owns no state: the panel's reducer does, and the stepper reports intents.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Animation speeds offered, in steps per second.
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];
/// The speed a panel starts with (an index into `SPEEDS`).
pub const DEFAULT_SPEED: usize = 2;

/// Milliseconds between two steps at speed index `i`.
pub fn interval_ms(i: usize) -> u32 {
    let sps = SPEEDS.get(i).copied().unwrap_or(SPEEDS[DEFAULT_SPEED]);
    (1000.0 / sps) as u32
}

// Icons as SVG paths on a 16×16 grid: fonts differ too much in which media symbols they have.
const FIRST: &str = "M3 3h2v10H3zM13 3v10L6 8z";
const PREV: &str = "M12 3v10L5 8z";
const PLAY: &str = "M4 2.5v11L13.5 8z";
const PAUSE: &str = "M4 3h3v10H4zM9 3h3v10H9z";
const NEXT: &str = "M4 3v10l7-5z";
const LAST: &str = "M11 3h2v10h-2zM3 3v10l7-5z";

fn icon(path: &'static str) -> Html {
    html! { <svg class="icon-svg" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path d={path} fill="currentColor" /></svg> }
}

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    pub step: usize,
    pub total: usize,
    pub playing: bool,
    pub speed: usize,
    /// What one step is called ("position", "window").
    #[prop_or(AttrValue::Static("position"))]
    pub unit: AttrValue,
    pub onfirst: Callback<()>,
    pub onprev: Callback<()>,
    pub ontoggle: Callback<()>,
    pub onnext: Callback<()>,
    pub onlast: Callback<()>,
    pub onseek: Callback<usize>,
    pub onspeed: Callback<usize>,
}

thread_local! {
    /// The step shown by the stepper on screen, if any: the lecturer's clicker moves through a
    /// panel's steps before it moves on to the next panel.
    static POSITION: std::cell::Cell<Option<(usize, usize)>> = const { std::cell::Cell::new(None) };
}

/// (step, total) of the stepper on screen, or None when the panel has none.
pub fn current_position() -> Option<(usize, usize)> {
    POSITION.with(|p| p.get())
}

#[function_component(Stepper)]
pub fn stepper(p: &StepperProps) -> Html {
    use_effect_with((p.step, p.total), |&(step, total)| {
        POSITION.with(|c| c.set(Some((step, total))));
        || POSITION.with(|c| c.set(None))
    });
    let last = p.total.saturating_sub(1);
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onseek = {
        let cb = p.onseek.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(v) = e.target_unchecked_into::<HtmlInputElement>().value().parse::<usize>() {
                cb.emit(v);
            }
        })
    };
    let onspeed = {
        let cb = p.onspeed.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<usize>() {
                cb.emit(v);
            }
        })
    };
    let (play_label, play_icon) = if p.playing { ("Pause", icon(PAUSE)) } else { ("Play", icon(PLAY)) };
    html! {
        <div class="stepper" role="group" aria-label="Step through the computation">
            <button type="button" class="icon" onclick={click(&p.onfirst)} disabled={p.step == 0} aria-label="First step" title="First (Home)">{ icon(FIRST) }</button>
            <button type="button" class="icon" onclick={click(&p.onprev)} disabled={p.step == 0} aria-label="Previous step" title="Previous (←)">{ icon(PREV) }</button>
            <button type="button" class="icon play" onclick={click(&p.ontoggle)} aria-label={play_label} aria-pressed={p.playing.to_string()} title={format!("{play_label} (Space)")} data-testid="stepper-play">{ play_icon }</button>
            <button type="button" class="icon" onclick={click(&p.onnext)} disabled={p.step >= last} aria-label="Next step" title="Next (→)">{ icon(NEXT) }</button>
            <button type="button" class="icon" onclick={click(&p.onlast)} disabled={p.step >= last} aria-label="Last step" title="Last (End)">{ icon(LAST) }</button>
            <label class="scrub">
                <span class="sr-only">{ format!("{} number", p.unit) }</span>
                <input type="range" min="0" max={last.to_string()} value={p.step.to_string()} oninput={onseek}
                    aria-valuetext={format!("{} {} of {}", p.unit, p.step + 1, p.total)} data-testid="stepper-scrub" />
            </label>
            <span class="step-count" data-testid="stepper-count" data-value={p.step.to_string()}>
                { format!("{} {} / {}", p.unit, p.step + 1, p.total) }
            </span>
            <label class="speed">
                <span>{"Speed"}</span>
                <select onchange={onspeed} aria-label="Animation speed">
                    { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == p.speed}>{ format!("{s}×/s") }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
