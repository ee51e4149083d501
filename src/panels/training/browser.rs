//! Browser pieces: downloads (Blob + object URL, or a data URL) and reading a chosen file.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, FileReader, HtmlAnchorElement, HtmlCanvasElement, HtmlInputElement, Url};

/// The largest model file read (a trained reference model is about 60 kB).
pub const MAX_FILE_BYTES: f64 = 5_000_000.0;

fn click_download(name: &str, href: &str) -> Result<(), JsValue> {
    let a: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Offers `text` as a file download.
pub fn download_text(name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    click_download(name, &url)?;
    gloo::timers::callback::Timeout::new(2_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Offers a canvas as a PNG download.
pub fn download_png(canvas: &HtmlCanvasElement, name: &str) -> Result<(), JsValue> {
    let url = canvas.to_data_url()?;
    click_download(name, &url)
}

/// Reads the first file chosen in `input` as text and calls `done` with it (or with a message
/// saying why it could not be read). The input is cleared so the same file can be chosen again.
pub fn read_chosen_file(input: &HtmlInputElement, done: impl FnOnce(Result<String, String>) + 'static) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
    input.set_value("");
    if file.size() > MAX_FILE_BYTES {
        done(Err(format!("the file is {:.1} MB; a model file is far smaller", file.size() / 1e6)));
        return;
    }
    let Ok(reader) = FileReader::new() else {
        done(Err("this browser cannot read files".into()));
        return;
    };
    let r = reader.clone();
    // Freed when it runs (not kept for good with `forget`).
    let onload = Closure::once_into_js(move |_: web_sys::ProgressEvent| {
        match r.result().ok().and_then(|v| v.as_string()) {
            Some(text) => done(Ok(text)),
            None => done(Err("the file could not be read as text".into())),
        }
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        web_sys::console::warn_1(&"the file could not be read".into());
    }
}
