//! The browser entry point: install the panic banner, then render the app.

#[cfg(target_arch = "wasm32")]
mod bench_api;

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        std::panic::set_hook(Box::new(panic_banner));
        convlab::shell::offline::register_service_worker();
        yew::Renderer::<convlab::app::App>::new().render();
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
