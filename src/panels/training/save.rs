//! Save and share: the model as a JSON download and upload, the loss curve as a PNG, and the
//! summary for the homework report.

use super::browser;
use super::state::{Action, IoNote, TrainState};
use web_sys::{HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

pub fn save_card(state: &UseReducerHandle<TrainState>, plot_canvas: &NodeRef) -> Html {
    let on_export = {
        let s = state.clone();
        Callback::from(move |_| {
            let note = match s.export() {
                Ok(json) => match browser::download_text("convlab-model.json", &json, "application/json") {
                    Ok(()) => IoNote::Ok("Model saved as convlab-model.json.".into()),
                    Err(_) => IoNote::Error("The browser refused the download.".into()),
                },
                Err(e) => IoNote::Error(format!("The model cannot be saved: {e}. Reset and train again.")),
            };
            s.dispatch(Action::IoNote(note));
        })
    };
    let on_import = {
        let s = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let s = s.clone();
            browser::read_chosen_file(&input, move |r| match r {
                Ok(text) => s.dispatch(Action::Import(text)),
                Err(e) => s.dispatch(Action::IoNote(IoNote::Error(format!("The file was not loaded, nothing changed: {e}.")))),
            });
        })
    };
    let on_png = {
        let node = plot_canvas.clone();
        let s = state.dispatcher();
        Callback::from(move |_| {
            if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                if browser::download_png(&canvas, "convlab-loss-curve.png").is_err() {
                    s.dispatch(Action::IoNote(IoNote::Error("The browser refused the download.".into())));
                }
            }
        })
    };
    html! {
    <div class="card tr-save">
        <h2>{"Save and share"}</h2>
        <div class="tr-buttons">
            <button type="button" data-testid="training-export" onclick={on_export}>{"Export model (JSON)"}</button>
            <label class="tr-file"><span>{"Import model"}</span>
                <input type="file" accept=".json,application/json" data-testid="training-import" onchange={on_import} /></label>
            <button type="button" data-testid="training-png" onclick={on_png}>{"Loss curve as PNG"}</button>
        </div>
        { match &state.io {
            Some(IoNote::Ok(m)) => html! { <p class="note" role="status" data-testid="training-io-status">{ m.clone() }</p> },
            Some(IoNote::Error(m)) => html! { <p class="alert" role="alert" data-testid="training-io-error">{ m.clone() }</p> },
            None => html! {},
        } }
        <p class="muted">{"The address bar holds this configuration (not the weights): copy it to share the setup."}</p>
        <label class="field wide"><span>{"Summary for your report"}</span>
            <textarea class="tr-summary" readonly=true rows="14" data-testid="training-summary" value={state.summary()} /></label>
    </div>
    }
}
