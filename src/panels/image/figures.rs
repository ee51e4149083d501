//! The pictures side by side (colour, gray, kernel, feature map, pooled map), the selected
//! pixel's arithmetic, and the feature map as a table of numbers on request.

use super::detail::{gray_formula, Detail};
use super::raster::{range, shade, Raster};
use super::state::{source_name, Action, ImageState};
use crate::cnn::PoolKind;
use crate::components::{Cell, Formula, Grid};
use crate::panels::cells::edit_cells;
use crate::text::{display_number, machine_number};
use std::rc::Rc;
use yew::prelude::*;

/// A min–max shaded map as RGBA, with the range used.
fn shaded(values: &[f32]) -> (Rc<Vec<u8>>, f32, f32) {
    let (lo, hi) = range(values);
    (Rc::new(shade(values, lo, hi)), lo, hi)
}

pub fn figures(state: &UseReducerHandle<ImageState>) -> Html {
    let (Some(pic), Some(f)) = (state.picture.clone(), state.features.clone()) else {
        return html! {};
    };
    let (oh, ow) = f.size();
    let (y, x) = (state.step / ow.max(1), state.step % ow.max(1));
    let (kh, kw) = (f.params.kh, f.params.kw);
    let colour = Rc::new(pic.rgba.clone());
    let gray = Rc::new(shade(pic.gray.data(), 0.0, 255.0));
    let (map, lo, hi) = shaded(f.shown.data());
    let kernel_values: Vec<f32> = f.filters.data().to_vec();
    let onedit = {
        let s = state.dispatcher();
        Callback::from(move |(r, c, t)| s.dispatch(Action::EditKernel(r, c, t)))
    };
    let onpick = {
        let s = state.dispatcher();
        Callback::from(move |(r, c)| s.dispatch(Action::Select(r, c)))
    };
    let onmove = {
        let s = state.dispatcher();
        Callback::from(move |(dy, dx)| s.dispatch(Action::Move(dy, dx)))
    };
    let pooled = f.pool.as_ref().map(|p| {
        let (img, plo, phi) = shaded(p.output.data());
        let (ph, pw) = (p.params.out_h(), p.params.out_w());
        let onpick = {
            let s = state.dispatcher();
            Callback::from(move |(r, c)| s.dispatch(Action::SelectPooled(r, c)))
        };
        let onmove = {
            let s = state.dispatcher();
            Callback::from(move |(dy, dx): (i32, i32)| s.dispatch(Action::Move(2 * dy, 2 * dx)))
        };
        let kind = if p.params.kind == PoolKind::Max { "max" } else { "average" };
        let mark = (y / 2 < ph && x / 2 < pw).then_some((y / 2, x / 2, 1, 1));
        html! {
            <figure class="card">
                <figcaption>{ format!("{kind} pooling → {ph} × {pw}") }</figcaption>
                <Raster rgba={img} width={pw} height={ph} testid="img-pooled" mark={mark} onpick={onpick} onmove={onmove}
                    label={format!("Pooled map, {ph} by {pw} pixels")} />
                <p class="scale-note small muted">{ format!("Each 2 × 2 block gives its {}. Black {}, white {}.", if kind == "max" { "largest value" } else { "mean" }, display_number(plo), display_number(phi)) }</p>
            </figure>
        }
    });
    let (w0, h0) = pic.original;
    html! {
        <>
            <div class="stage img-stage">
                <figure class="card">
                    <figcaption data-testid="img-size" data-value={format!("{}x{}", pic.width, pic.height)}>
                        { format!("Colour, {} × {}", pic.width, pic.height) }
                        if (w0, h0) != (pic.width, pic.height) { <span class="muted">{ format!(" (shrunk from {w0} × {h0})") }</span> }
                    </figcaption>
                    <Raster rgba={colour} width={pic.width} height={pic.height} testid="img-colour"
                        label={format!("{}, in colour, {} by {} pixels", source_name(&pic.source), pic.width, pic.height)} />
                    <p class="scale-note small muted" data-testid="img-source">{ source_name(&pic.source) }</p>
                </figure>
                <figure class="card">
                    <figcaption>{"Gray, 0 (black) to 255 (white)"}</figcaption>
                    <Raster rgba={gray} width={pic.width} height={pic.height} testid="img-gray" mark={Some((y, x, kh, kw))}
                        label={format!("The picture in gray, {} by {} pixels", pic.width, pic.height)} />
                    <div class="small"><Formula math={gray_formula()} testid="img-gray-formula" /></div>
                    <p class="scale-note small muted">{"Green counts most because our eyes are most sensitive to it (ITU-R BT.601 weights)."}</p>
                </figure>
                <figure class="card kernel-card">
                    <figcaption>{ format!("Kernel {kh} × {kw}") }</figcaption>
                    <div class="scroll"><Grid testid="img-kernel" caption="Kernel" hide_caption=true
                        cells={Rc::new(edit_cells(&state.kernel, &kernel_values))} onedit={onedit} /></div>
                    <p class="scale-note small muted">{"Type any weights; valid, stride 1, bias 0."}</p>
                </figure>
                <figure class="card">
                    <figcaption>{ format!("Feature map {oh} × {ow}") }if f.relu { <span class="muted">{" after ReLU"}</span> }</figcaption>
                    <Raster rgba={map} width={ow} height={oh} testid="img-map" mark={Some((y, x, 1, 1))} onpick={onpick} onmove={onmove}
                        label={format!("Feature map, {oh} by {ow} pixels")} />
                    <p class="scale-note small muted">
                        {"Shades: black is the smallest value ("}<span data-testid="img-map-min" data-value={machine_number(lo)}>{ display_number(lo) }</span>
                        {"), white the largest ("}<span data-testid="img-map-max" data-value={machine_number(hi)}>{ display_number(hi) }</span>
                        {"), linear in between (min–max normalisation). Click a pixel, or focus the map and use the arrow keys."}
                    </p>
                </figure>
                { for pooled }
            </div>
            <div class="card">
                <Detail picture={pic.clone()} features={f.clone()} step={state.step} />
            </div>
            <NumbersTable values={Rc::new(f.shown.plane_rows(0))} relu={f.relu} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NumbersProps {
    values: Rc<Vec<Vec<f32>>>,
    relu: bool,
}

/// The feature map as a table of numbers. Thousands of cells cost time on every render, so the
/// table is only built while it is open.
#[function_component(NumbersTable)]
fn numbers_table(p: &NumbersProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open")))
    };
    let cells = (*open).then(|| Rc::new(p.values.iter().map(|r| r.iter().map(|&v| Cell::value(v)).collect()).collect::<Vec<Vec<Cell>>>()));
    html! {
        <details class="card numbers" ontoggle={ontoggle}>
            <summary>{ if p.relu { "The feature map (after ReLU) as numbers" } else { "The feature map as numbers" } }</summary>
            if let Some(c) = cells {
                <div class="scroll"><Grid testid="img-feature-table" caption="Feature map values" hide_caption=true cells={c} /></div>
            }
        </details>
    }
}
