//! The browser's part: decode a picture (a bundled file, or a file the user chose, through a
//! blob: URL) with an `<img>`, draw it at most 64 × 64 onto a canvas that is never shown, and
//! read the RGBA bytes back. No image crate: the browser already decodes every common format.

use super::bundled::fit;
use super::picture::{Decoded, SIDE};
use super::state::Source;
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url};

/// A decoding in progress. Dropping it cancels it (its listeners go) and frees the blob: URL,
/// so a newer choice always wins over a slower older one.
pub struct Loader {
    _img: HtmlImageElement,
    _listeners: [EventListener; 2],
    blob_url: Option<String>,
}

impl Drop for Loader {
    fn drop(&mut self) {
        if let Some(url) = &self.blob_url {
            let _ = Url::revoke_object_url(url);
        }
    }
}

/// Starts decoding `src`; `done` gets the pixels or a message saying what went wrong.
/// `blob_url` says that `src` is an object URL this loader owns (revoked when it is dropped).
pub fn start(src: String, blob_url: bool, source: Source, done: impl FnOnce(Result<Decoded, String>) + 'static) -> Result<Loader, String> {
    let img = HtmlImageElement::new().map_err(|_| "this browser cannot create an image".to_string())?;
    let done = Rc::new(RefCell::new(Some(done)));
    let name = super::state::source_name(&source);
    let on_load = {
        let (done, img, name) = (done.clone(), img.clone(), name.clone());
        EventListener::once(&img.clone(), "load", move |_| {
            if let Some(f) = done.borrow_mut().take() {
                f(pixels(&img, source).map_err(|e| format!("{name} could not be read: {e}. The picture shown stays.")));
            }
        })
    };
    let on_error = {
        let done = done.clone();
        EventListener::once(&img, "error", move |_| {
            if let Some(f) = done.borrow_mut().take() {
                f(Err(format!("{name} could not be decoded: the file is damaged or not a picture the browser can read. The picture shown stays.")));
            }
        })
    };
    img.set_src(&src);
    Ok(Loader { _img: img, _listeners: [on_load, on_error], blob_url: blob_url.then_some(src) })
}

/// Draws the decoded `<img>` at most `SIDE` × `SIDE` (aspect kept) on white and reads it back.
fn pixels(img: &HtmlImageElement, source: Source) -> Result<Decoded, String> {
    let (w0, h0) = (img.natural_width() as usize, img.natural_height() as usize);
    if w0 == 0 || h0 == 0 {
        return Err("it has no width or height".into());
    }
    let (w, h) = fit(w0, h0, SIDE);
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no canvas")?;
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into().ok()).ok_or("no 2-D canvas")?;
    // Transparent parts become white, as on a page; smoothing averages the pixels that fall
    // into one when a large picture is shrunk ("high" is not in web-sys, hence Reflect).
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    ctx.set_image_smoothing_enabled(true);
    let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
    ctx.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, w as f64, h as f64)
        .map_err(|_| "the browser could not draw it")?;
    let data = ctx.get_image_data(0.0, 0.0, w as f64, h as f64).map_err(|_| "its pixels could not be read")?;
    Ok(Decoded { source, original: (w0, h0), width: w, height: h, rgba: data.data().0 })
}

/// A blob: URL for a file the user chose.
pub fn blob_url(file: &web_sys::File) -> Result<String, String> {
    Url::create_object_url_with_blob(file).map_err(|_| "the browser could not open the file".to_string())
}
