//! The arithmetic behind one feature-map pixel, all read from the core's traces: the gray
//! values under the kernel, the products and their sum (the convolution panel's widget), the
//! gray conversion of the window's centre pixel, and the pooling window it falls into.

use super::picture::{Features, Picture};
use crate::cnn::{GrayPixel, GRAY_WEIGHTS};
use crate::components::{Cell, Formula, Grid, Math};
use crate::panels::convolution::arithmetic::Arithmetic;
use crate::panels::pooling::window::Window;
use crate::text::{display_number, machine_number};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub picture: Rc<Picture>,
    pub features: Rc<Features>,
    pub step: usize,
}

/// gray = 0.299·R + 0.587·G + 0.114·B, with the weights the core uses.
pub fn gray_formula() -> Math {
    let letters = ["R", "G", "B"];
    let mut items = vec![Math::ident("gray"), Math::op("=")];
    for (i, (w, l)) in GRAY_WEIGHTS.iter().zip(letters).enumerate() {
        if i > 0 {
            items.push(Math::op("+"));
        }
        items.extend([Math::Num(*w), Math::op("·"), Math::ident(l)]);
    }
    Math::row(items)
}

/// The same formula with one pixel's numbers, from its trace entry.
fn gray_numbers(p: &GrayPixel) -> Math {
    let mut items = Vec::new();
    for (i, (w, v)) in GRAY_WEIGHTS.iter().zip(p.rgb).enumerate() {
        if i > 0 {
            items.push(Math::op("+"));
        }
        items.extend([Math::Num(*w), Math::op("·"), Math::Num(v)]);
    }
    items.extend([Math::op("="), Math::mark(Math::Num(p.gray))]);
    Math::row(items)
}

#[function_component(Detail)]
pub fn detail(p: &DetailProps) -> Html {
    let f = &p.features;
    let (oh, ow) = f.size();
    let Some(t) = f.trace.positions.get(p.step) else { return html! {} };
    let (y, x) = (t.out_y, t.out_x);
    let value = f.conv.get(0, y, x);
    let shown = f.shown.get(0, y, x);
    let (kh, kw) = (f.params.kh, f.params.kw);
    let window: Vec<Vec<Cell>> = t.terms.chunks(kw.max(1)).map(|row| row.iter().map(|term| Cell::value(term.x)).collect()).collect();
    let centre = p.picture.gray_trace.pixels.get((t.top + kh / 2) * p.picture.width + t.left + kw / 2).copied();
    let pooled = f.pool.as_ref().map(|pool| {
        let (py, px) = (y / 2, x / 2);
        let inside = py < pool.params.out_h() && px < pool.params.out_w();
        let all = Rc::new(f.shown.data().to_vec());
        let total = pool.params.out_h() * pool.params.out_w();
        match pool.trace.windows.get(py * pool.params.out_w() + px).filter(|_| inside) {
            Some(w) => html! { <Window trace={w.clone()} kw={2} all={all} step={py * pool.params.out_w() + px} total={total} /> },
            None => html! { <p class="muted">{"No pooling window reaches this pixel: the last row or column of an odd-sized map is dropped (⌊n / 2⌋ windows)."}</p> },
        }
    });
    html! {
        <div class="img-detail">
            <h2>{ format!("Feature-map pixel: row {}, column {}", y + 1, x + 1) }</h2>
            <p>
                {"Value "}<strong data-testid="img-pixel-value" data-value={machine_number(value)}>{ display_number(value) }</strong>
                if f.relu { {", after ReLU "}<strong data-testid="img-pixel-shown" data-value={machine_number(shown)}>{ display_number(shown) }</strong> }
                <span class="muted">{ format!(" — one of {} × {} = {} pixels; its window starts at row {}, column {} of the gray picture.", oh, ow, oh * ow, t.top + 1, t.left + 1) }</span>
            </p>
            <div class="window-row">
                <div>
                    <p class="small muted">{ format!("Gray values under the {kh} × {kw} kernel") }</p>
                    <Grid testid="img-window" caption="Gray values under the kernel" hide_caption=true cells={Rc::new(window)} />
                </div>
                <div class="grow">
                    <Arithmetic trace={t.clone()} relu={f.relu} total={oh * ow} step={p.step} kw={kw} />
                </div>
            </div>
            if let Some(c) = centre {
                <div class="gray-step">
                    <p class="small">{ format!("Each of those gray values came from a colour pixel. The one under the kernel's centre (row {}, column {}) had R = {}, G = {}, B = {}:",
                        c.y + 1, c.x + 1, display_number(c.rgb[0]), display_number(c.rgb[1]), display_number(c.rgb[2])) }</p>
                    <Formula math={gray_numbers(&c)} testid="img-gray-numbers" />
                </div>
            }
            if let Some(h) = pooled {
                <div class="pool-step"><h3 class="sr-only">{"Pooling"}</h3>{ h }</div>
            }
        </div>
    }
}
