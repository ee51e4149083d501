//! The browser entry point of every module (one per group of panels, see Cargo.toml): the
//! page's loader (index.html) calls `mount` to show this module's app and `unmount` before it
//! hands the page to another module.

#[cfg(target_arch = "wasm32")]
#[cfg(feature = "bench")]
mod bench_api;

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        std::panic::set_hook(Box::new(panic_banner));
        convlab::shell::offline::register_service_worker();
    }
}

#[cfg(target_arch = "wasm32")]
mod handoff {
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use yew::AppHandle;

    thread_local! {
        static APP: RefCell<Option<AppHandle<convlab::app::App>>> = const { RefCell::new(None) };
    }

    /// Renders the app into `root` (a running one is unmounted first).
    #[wasm_bindgen]
    pub fn mount(root: web_sys::Element) {
        unmount();
        let handle = yew::Renderer::<convlab::app::App>::with_root(root).render();
        APP.with(|app| *app.borrow_mut() = Some(handle));
    }

    /// Removes the app from the page; its listeners and timers go with it (they are owned
    /// handles), so a module that is not shown takes no time (its memory stays, for the
    /// next time its panels are opened).
    #[wasm_bindgen]
    pub fn unmount() {
        if let Some(handle) = APP.with(|app| app.borrow_mut().take()) {
            handle.destroy();
        }
    }
}

/// No user input should ever reach this. If something does, say so on the page (a panic
/// stops the whole app) and log it, which also fails every browser test.
#[cfg(target_arch = "wasm32")]
fn panic_banner(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    web_sys::console::error_1(&format!("ConvLab panic: {message}").into());
    let doc = gloo::utils::document();
    if let Ok(banner) = doc.create_element("div") {
        banner.set_class_name("panic-banner");
        let _ = banner.set_attribute("role", "alert");
        let _ = banner.set_attribute("data-testid", "panic-error");
        banner.set_text_content(Some(&format!(
            "ConvLab stopped because of an internal error. Please reload the page. Details: {message}"
        )));
        if let Some(body) = doc.body() {
            let _ = body.prepend_with_node_1(&banner);
        }
    }
}
