//! Registers the service worker (static/sw.js) so that the app works offline after the
//! first visit. Relative URL: the app may live under any sub-path.

use wasm_bindgen::JsCast;

pub fn register_service_worker() {
    let navigator = gloo::utils::window().navigator();
    // Not every context has service workers (private modes, http pages): then stay online-only.
    let has_sw = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if has_sw {
        let container: web_sys::ServiceWorkerContainer = navigator.service_worker().unchecked_into();
        let _ = container.register("./sw.js");
    }
}
