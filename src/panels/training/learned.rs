//! What the network learned: the first layer's kernels and one sample's feature maps, layer by
//! layer, drawn as small pictures.

use super::pixels::{range, Pixels, Scale};
use crate::cnn::{FeatureMap, LayerValue};
use crate::text::display_number;
use std::rc::Rc;
use yew::prelude::*;

/// Most channels drawn per feature-map layer.
const MAX_CHANNELS_SHOWN: usize = 16;

pub fn kernels_view(kernels: &Option<crate::cnn::LayerParams>, first: Option<&crate::cnn::model::LayerPlan>) -> Html {
    let (Some(k), Some(l)) = (kernels, first) else { return html! {} };
    let crate::cnn::LayerConfig::Conv { filters, kernel, .. } = l.config else { return html! {} };
    let (lo, hi) = range(&k.weights);
    let m = lo.abs().max(hi.abs());
    let size = kernel * kernel;
    html! {
        <>
        <p class="muted">{ format!("The {filters} kernels of the first convolution, {kernel}×{kernel}: red is positive, blue negative (largest |w| = {}).", display_number(m)) }</p>
        <div class="tr-kernels" data-testid="training-kernels" data-value={filters.to_string()}>
            { for (0..filters).map(|f| html! {
                <Pixels values={Rc::new(k.weights[f * size..(f + 1) * size].to_vec())} rows={kernel} cols={kernel} scale={Scale::Diverging(m)}
                    class="tr-kernel" label={format!("kernel {}", f + 1)} />
            }) }
        </div>
        </>
    }
}

pub fn maps_view(maps: &[FeatureMap]) -> Html {
    html! {
        <div class="tr-maps" data-testid="training-maps">
            { for maps.iter().map(|m| match &m.value {
                LayerValue::Map(t) => {
                    let s = t.shape();
                    let (lo, hi) = range(t.data());
                    let plane = s.h * s.w;
                    html! { <div class="tr-map-row"><span class="tr-map-name">{ format!("{} · {}×{}×{}", m.name, s.h, s.w, s.c) }</span>
                        <div class="tr-map-planes">{ for (0..s.c.min(MAX_CHANNELS_SHOWN)).map(|c| html! {
                            <Pixels values={Rc::new(t.data()[c * plane..(c + 1) * plane].to_vec())} rows={s.h} cols={s.w} scale={Scale::Gray(lo, hi)}
                                class="tr-map" label={format!("{}, channel {}", m.name, c + 1)} />
                        }) }
                        if s.c > MAX_CHANNELS_SHOWN { <span class="muted">{ format!("+{} more", s.c - MAX_CHANNELS_SHOWN) }</span> }
                        </div></div> }
                }
                LayerValue::Vector(v) => {
                    let (lo, hi) = range(v);
                    html! { <div class="tr-map-row"><span class="tr-map-name">{ format!("{} · {} values", m.name, v.len()) }</span>
                        <Pixels values={Rc::new(v.clone())} rows={1} cols={v.len()} scale={Scale::Gray(lo, hi)} class="tr-vector" label={m.name.clone()} /></div> }
                }
            }) }
        </div>
    }
}
