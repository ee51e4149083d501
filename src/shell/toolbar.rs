//! The buttons every panel shares, in the top bar: copy link, lecturer mode, theme; and in
//! lecturer mode the zoom, blank and fullscreen controls and the blank screen itself.

use super::{ShellAction, ShellHandle, ZOOMS};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub shell: ShellHandle,
}

fn copy_to_clipboard(text: &str) -> bool {
    let clipboard = gloo::utils::window().navigator().clipboard();
    // A rejected promise (no permission) is reported by the browser, not by us; the link is
    // also shown in the status so it can be copied by hand.
    let _ = clipboard.write_text(text);
    true
}

#[function_component(Toolbar)]
pub fn toolbar(p: &ToolbarProps) -> Html {
    let shell = &p.shell;
    let copied = use_state(|| None::<String>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let oncopy = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let href = gloo::utils::window().location().href().unwrap_or_default();
            copy_to_clipboard(&href);
            copied.set(Some(href));
            let reset = copied.clone();
            // Owned handle: replacing or dropping it cancels the previous reset.
            *timer.borrow_mut() = Some(Timeout::new(4000, move || reset.set(None)));
        })
    };
    let act = |a: fn() -> ShellAction| {
        let s = shell.clone();
        Callback::from(move |_: MouseEvent| s.dispatch(a()))
    };
    let lecturer = shell.lecturer;
    html! {
        <div class="shell-tools" role="toolbar" aria-label="View">
            <button type="button" class="tool" onclick={oncopy} data-testid="copy-link" title="Copy a link to exactly this view">{"Copy link"}</button>
            if let Some(href) = &*copied {
                <span class="copied" role="status" data-testid="copy-link-status">{"Link copied: "}<code>{ href.clone() }</code></span>
            }
            if lecturer {
                <button type="button" class="tool" onclick={act(|| ShellAction::ZoomOut)} aria-label="Smaller text" disabled={shell.zoom == 0}>{"A−"}</button>
                <span class="zoom" data-testid="zoom" data-value={ZOOMS[shell.zoom].to_string()}>{ format!("{}%", (ZOOMS[shell.zoom] * 100.0).round()) }</span>
                <button type="button" class="tool" onclick={act(|| ShellAction::ZoomIn)} aria-label="Larger text" disabled={shell.zoom + 1 == ZOOMS.len()}>{"A+"}</button>
                <button type="button" class="tool" onclick={act(|| ShellAction::ToggleBlank)} title="Blank the screen (B)">{"Blank"}</button>
            }
            <button type="button" class={classes!("tool", lecturer.then_some("on"))} aria-pressed={lecturer.to_string()} data-testid="lecturer-toggle"
                onclick={{ let s = shell.clone(); Callback::from(move |_: MouseEvent| s.dispatch(ShellAction::SetLecturer(!lecturer))) }}
                title="Projector view: large type, high contrast, clicker keys (PageDown/PageUp, B, F, Esc)">
                { if lecturer { "Leave lecturer mode" } else { "Lecturer mode" } }
            </button>
            <button type="button" class="tool" onclick={act(|| ShellAction::CycleTheme)} data-testid="theme-toggle">{ shell.theme.label() }</button>
        </div>
    }
}

/// The blank screen of lecturer mode (B): everything hidden until B, Esc or a click.
#[function_component(BlankScreen)]
pub fn blank_screen(p: &ToolbarProps) -> Html {
    if !p.shell.blank {
        return html! {};
    }
    let s = p.shell.clone();
    html! {
        <div class="blank-screen" data-testid="blank-screen" onclick={Callback::from(move |_: MouseEvent| s.dispatch(ShellAction::Unblank))}>
            <span class="sr-only" role="status">{"Screen blanked. Press B or Escape to show it again."}</span>
        </div>
    }
}
