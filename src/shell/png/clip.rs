//! What a figure's scroll boxes hide stays hidden in its PNG: a list that scrolls in a short
//! box on screen must not be painted at full length over what follows it. Every element that
//! clips its overflow (a scroll box, an `overflow: hidden` card, an outer `<svg>`) cuts what
//! is inside it down to its padding box, and the cuts of its ancestors add up.

use js_sys::{Array, Map};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// A rectangle in page coordinates: left, top, right, bottom.
pub type Rect = [f64; 4];

pub struct Clips {
    root: Element,
    /// Element → its contents' clip (an array of four numbers, or null for none), so each
    /// element's style is read once however deep the figure.
    memo: Map,
    /// Element → its opacity times its ancestors' (a faded disabled button, its icon too).
    fades: Map,
}

fn intersect(a: Option<Rect>, b: Option<Rect>) -> Option<Rect> {
    match (a, b) {
        (Some(a), Some(b)) => Some([a[0].max(b[0]), a[1].max(b[1]), a[2].min(b[2]), a[3].min(b[3])]),
        (a, b) => a.or(b),
    }
}

/// The padding box of `el` if it clips its overflow.
fn own_clip(el: &Element) -> Option<Rect> {
    let st = gloo::utils::window().get_computed_style(el).ok().flatten()?;
    let clips = |p: &str| st.get_property_value(p).map(|v| v != "visible").unwrap_or(false);
    if !clips("overflow-x") && !clips("overflow-y") {
        return None;
    }
    let r = el.get_bounding_client_rect();
    let (left, top) = (r.left() + f64::from(el.client_left()), r.top() + f64::from(el.client_top()));
    // An outer <svg> reports no client size: its box is its bounding rectangle.
    let (w, h) = match (el.client_width(), el.client_height()) {
        (0, 0) => (r.width(), r.height()),
        (w, h) => (f64::from(w), f64::from(h)),
    };
    Some([left, top, left + w, top + h])
}

impl Clips {
    pub fn new(root: &Element) -> Clips {
        Clips { root: root.clone(), memo: Map::new(), fades: Map::new() }
    }

    /// Where the contents of `el` show: inside every clipping box from `el` up to the figure.
    pub fn inner(&self, el: &Element) -> Option<Rect> {
        let key: &JsValue = el.as_ref();
        if self.memo.has(key) {
            let v = self.memo.get(key);
            return v.dyn_ref::<Array>().map(|a| [0, 1, 2, 3].map(|i| a.get(i).as_f64().unwrap_or(0.0)));
        }
        let outer = self.outer(el);
        let clip = intersect(outer, own_clip(el));
        let value = clip.map_or(JsValue::NULL, |c| c.iter().map(|&v| JsValue::from_f64(v)).collect::<Array>().into());
        self.memo.set(key, &value);
        clip
    }

    /// How opaque `el` is drawn: its `opacity` times every ancestor's up to the figure.
    pub fn opacity(&self, el: &Element) -> f64 {
        let key: &JsValue = el.as_ref();
        if let Some(v) = self.fades.get(key).as_f64() {
            return v;
        }
        let own = gloo::utils::window()
            .get_computed_style(el)
            .ok()
            .flatten()
            .and_then(|st| st.get_property_value("opacity").ok())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(1.0);
        let above = if el.is_same_node(Some(self.root.as_ref())) { 1.0 } else { el.parent_element().map_or(1.0, |p| self.opacity(&p)) };
        let value = own * above;
        self.fades.set(key, &JsValue::from_f64(value));
        value
    }

    /// Where `el` itself shows: inside the clipping boxes around it.
    pub fn outer(&self, el: &Element) -> Option<Rect> {
        if el.is_same_node(Some(self.root.as_ref())) {
            return None;
        }
        el.parent_element().and_then(|p| self.inner(&p))
    }
}
