//! A plotters backend for a canvas that measures text with the canvas itself.
//!
//! plotters' own text measuring for the web appends a `<span>` to the page and reads its
//! `offsetHeight`, once per tick label, caption and legend entry: every call forces the
//! browser to lay out the whole page again. While the training lab trains live, that was a
//! tenth of the main thread's time. `measureText` on the canvas gives the same answer
//! without touching the page's layout. Everything else is `plotters_canvas`'s drawing.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct PlotCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl PlotCanvas {
    pub fn new(canvas: HtmlCanvasElement) -> Option<PlotCanvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(PlotCanvas { inner: CanvasBackend::with_canvas_object(canvas)?, context })
    }

    /// Width and height in pixels of `text` in the font CanvasBackend draws it with (the same
    /// CSS font string), the height being the font's ascent plus descent, as a line of it
    /// takes in the page.
    pub fn text_size(&self, text: &str, style: &impl BackendTextStyle) -> (u32, u32) {
        self.context.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        match self.context.measure_text(text) {
            Ok(m) => {
                let h = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
                let h = if h > 0.0 { h } else { style.size() * 1.15 };
                (m.width().ceil() as u32, h.ceil() as u32)
            }
            Err(_) => ((style.size() * 0.6 * text.chars().count() as f64) as u32, (style.size() * 1.15) as u32),
        }
    }
}

/// CanvasBackend's error type (the crate does not export it by name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

impl DrawingBackend for PlotCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        Ok(self.text_size(text, style))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
