//! The buttons every panel shares, in the top bar: copy link, lecturer mode, theme; and in
//! lecturer mode the zoom, blank and fullscreen controls and the blank screen itself.

use super::export::{example_json, file_name, link_from_json, MAX_FILE_BYTES};
use super::{ShellAction, ShellHandle, ZOOMS};
use crate::panels::common::current_link;
use gloo::file::callbacks::FileReader;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Offers `text` as a file download (a Blob URL on a temporary link). The URL is returned
/// so the caller can keep it alive until the browser has read it.
fn download(name: &str, text: &str) -> gloo::file::ObjectUrl {
    let blob = gloo::file::Blob::new_with_options(text, Some("application/json"));
    let url = gloo::file::ObjectUrl::from(blob);
    let doc = gloo::utils::document();
    if let Ok(a) = doc.create_element("a").and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().map_err(Into::into)) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    url
}

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
    let import_error = use_state(|| None::<String>);
    let reader = use_mut_ref(|| None::<FileReader>);
    // The last download's URL lives until the next export or until the toolbar goes away.
    let last_url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let onexport = Callback::from(move |_: MouseEvent| {
        let link = current_link();
        *last_url.borrow_mut() = Some(download(&file_name(&link), &example_json(&link)));
    });
    let onimport = {
        let import_error = import_error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value(""); // the same file can be chosen again
            let file = gloo::file::File::from(file);
            if file.size() as usize > MAX_FILE_BYTES {
                import_error.set(Some(format!("“{}” is {} bytes; an example file is at most {MAX_FILE_BYTES}.", file.name(), file.size())));
                return;
            }
            let err = import_error.clone();
            let name = file.name();
            // Owned reader: replacing it (a second import) or leaving cancels the read.
            *reader.borrow_mut() = Some(gloo::file::callbacks::read_as_text(&file, move |text| {
                let result = text.map_err(|e| e.to_string()).and_then(|t| link_from_json(&t));
                match result {
                    Ok(link) => {
                        err.set(None);
                        let _ = gloo::utils::window().location().set_hash(&link.to_fragment());
                    }
                    Err(why) => err.set(Some(format!("“{name}” could not be opened: {why}. Nothing was changed."))),
                }
            }));
        })
    };
    let onpng = {
        let import_error = import_error.clone();
        Callback::from(move |_: MouseEvent| match super::png::figure_png() {
            Ok(url) => {
                let panel = current_link().route.trim_start_matches('/').to_string();
                let doc = gloo::utils::document();
                if let Ok(a) = doc.create_element("a").and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().map_err(Into::into)) {
                    a.set_href(&url);
                    a.set_download(&format!("convlab-{}.png", if panel.is_empty() { "home" } else { &panel }));
                    a.click();
                }
            }
            Err(why) => import_error.set(Some(format!("The PNG could not be made: {why}."))),
        })
    };
    html! {
        <div class="shell-tools" role="toolbar" aria-label="View">
            <button type="button" class="tool" onclick={oncopy} data-testid="copy-link" title="Copy a link to exactly this view">{"Copy link"}</button>
            if let Some(href) = &*copied {
                <span class="copied" role="status" data-testid="copy-link-status">{"Link copied: "}<code>{ href.clone() }</code></span>
            }
            <button type="button" class="tool" onclick={onpng} data-testid="export-png" title="Save the panel's figure as a PNG image">{"PNG"}</button>
            <button type="button" class="tool" onclick={onexport} data-testid="export-example" title="Save this example as a JSON file">{"Export"}</button>
            <label class="tool file-tool" title="Open an example saved with Export">
                {"Import"}
                <input type="file" accept=".json,application/json" class="sr-only" onchange={onimport} data-testid="import-example" />
            </label>
            if let Some(why) = &*import_error {
                <span class="alert inline" role="alert" data-testid="import-error">{ why.clone() }</span>
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
