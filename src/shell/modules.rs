//! ConvLab reaches the browser as one wasm module per group of panels (Cargo.toml's
//! `group-*` features), so that a visit downloads only the group of the panel it opens. A
//! module's router still knows every panel: for one it does not hold, it shows the panel's
//! title at once and asks the page's loader (index.html) to hand the page to the module
//! that holds it.

use crate::panels;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The loader's hand-over: resolves once the other module shows the panel (or the reader
    /// has moved on), rejects if that module cannot be loaded.
    #[wasm_bindgen(catch, js_namespace = convlabModules, js_name = open)]
    fn open_module(panel: &str) -> Result<js_sys::Promise, JsValue>;
}

#[derive(Properties, PartialEq)]
pub struct ElsewhereProps {
    pub name: &'static str,
}

/// The panel's heading while its module loads, or why it could not, with a button to try again.
#[function_component(Elsewhere)]
pub fn elsewhere(p: &ElsewhereProps) -> Html {
    let failed = use_state(|| None::<String>);
    let tries = use_state(|| 0_u32);
    {
        let failed = failed.clone();
        use_effect_with((p.name, *tries), move |&(name, _)| {
            failed.set(None);
            // A later panel or try replaces this one: its answer must not land on that one.
            let current = Rc::new(Cell::new(true));
            let still = current.clone();
            yew::platform::spawn_local(async move {
                let opened = match open_module(name) {
                    Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.map(drop),
                    Err(e) => Err(e),
                };
                if let (Err(e), true) = (opened, still.get()) {
                    failed.set(Some(reason(&e)));
                }
            });
            move || current.set(false)
        });
    }
    let retry = {
        let tries = tries.clone();
        Callback::from(move |_: MouseEvent| tries.set(*tries + 1))
    };
    let info = panels::find(p.name);
    html! {
        <section class="panel" aria-busy={failed.is_none().then_some("true")}>
            <header class="panel-head">
                <h1>{ info.map_or("", |i| i.title) }</h1>
                <p class="lede">{ info.map_or("", |i| i.blurb) }</p>
            </header>
            if let Some(why) = &*failed {
                <div class="alert" role="alert" data-testid="module-error">
                    <p>{ format!("This panel could not be loaded ({why}). Check the connection, or reload the page if ConvLab has been updated since it was opened; the link keeps the panel's settings.") }</p>
                    <button type="button" class="tool" onclick={retry} data-testid="module-retry">{"Try again"}</button>
                </div>
            } else {
                <p class="note" role="status" data-testid="module-loading">{"Loading this panel…"}</p>
            }
        </section>
    }
}

/// A rejection's message, whatever JavaScript threw.
fn reason(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the page's loader is missing".to_string())
}
