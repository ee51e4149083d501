//! Lecturer mode's keys: what a presentation clicker sends (PageDown / PageUp), the arrows,
//! B (blank), F (fullscreen), Esc (leave). The panel's own stepper handles its steps; at a
//! panel's last step the clicker moves on to the next panel in the lecture's order.

use super::{ShellAction, ShellHandle};
use crate::components::stepper::current_position;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// The panels in the order the lecture teaches them.
pub const LECTURE_ORDER: &[&str] = &[
    "convolution", "padding", "rgb", "parameters", "pooling", "flatten", "dense", "softmax",
    "cross-entropy", "one-hot", "pipeline", "training", "architectures",
];

/// The panel before or after `name` in lecture order.
pub fn neighbour(name: &str, forward: bool) -> Option<&'static str> {
    let here = LECTURE_ORDER.iter().position(|p| *p == name)?;
    if forward {
        LECTURE_ORDER.get(here + 1).copied()
    } else {
        LECTURE_ORDER[..here].last().copied()
    }
}

fn current_panel() -> String {
    let link = crate::panels::common::current_link();
    link.route.trim_start_matches('/').to_string()
}

fn go(name: &str) {
    let _ = gloo::utils::window().location().set_hash(&format!("#/{name}"));
}

fn toggle_fullscreen() {
    let doc = gloo::utils::document();
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        let _ = root.request_fullscreen();
    }
}

/// Installs the lecturer keys for as long as the shell lives.
#[hook]
pub fn use_lecturer_keys(shell: ShellHandle) {
    let deps = (shell.lecturer, shell.blank);
    use_effect_with(deps, move |&(lecturer, _)| {
        let listener = lecturer.then(|| {
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                if e.alt_key() || e.ctrl_key() || e.meta_key() {
                    return;
                }
                let tag = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()).map(|el| el.tag_name()).unwrap_or_default();
                if matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
                    return;
                }
                match e.key().as_str() {
                    "b" | "B" | "." => shell.dispatch(ShellAction::ToggleBlank),
                    "f" | "F" => toggle_fullscreen(),
                    "Escape" => {
                        if shell.blank {
                            shell.dispatch(ShellAction::Unblank);
                        } else {
                            shell.dispatch(ShellAction::SetLecturer(false));
                        }
                    }
                    key @ ("PageDown" | "ArrowRight" | "PageUp" | "ArrowLeft") => {
                        let forward = matches!(key, "PageDown" | "ArrowRight");
                        // The panel's stepper moves first; only past its ends do we change panel.
                        let at_end = match current_position() {
                            Some((step, total)) => if forward { step + 1 >= total } else { step == 0 },
                            None => true,
                        };
                        if at_end {
                            if let Some(next) = neighbour(&current_panel(), forward) {
                                e.prevent_default();
                                go(next);
                            }
                        }
                    }
                    _ => {}
                }
            })
        });
        move || drop(listener)
    });
}
