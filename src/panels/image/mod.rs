//! Panel: your own image (`#/image`). A bundled or uploaded picture, decoded by the browser and
//! shrunk to at most 64 × 64, becomes gray (BT.601), is convolved with a chosen kernel, and
//! optionally goes through ReLU and 2 × 2 pooling; any feature-map pixel shows its arithmetic.

pub mod bundled;
mod decode;
mod detail;
mod figures;
pub mod kernels;
pub mod link;
pub mod picture;
mod raster;
pub mod state;

pub use raster::{range, shade};

use crate::cnn::PoolKind;
use crate::panels::common::{use_linked_reducer, LinkNotes, Select, Toggle};
use bundled::IMAGES;
use kernels::KERNELS;
use state::{check_file, preset, Action, KernelChoice, Source, MAX_KERNEL};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Fetches the bundled picture the state asks for, and reads files the user chooses; each new
/// request drops (cancels) the one before.
#[hook]
fn use_picture_loader(state: &UseReducerHandle<state::ImageState>) -> Callback<Event> {
    let loader = use_mut_ref(|| None::<decode::Loader>);
    let done = {
        let d = state.dispatcher();
        move |r: Result<picture::Decoded, String>| d.dispatch(r.map_or_else(Action::LoadFailed, |p| Action::Loaded(Box::new(p))))
    };
    {
        let (loader, done, d) = (loader.clone(), done.clone(), state.dispatcher());
        use_effect_with(state.wanted_bundled(), move |want| {
            if let Some(b) = want.and_then(|i| IMAGES.get(i).map(|b| (i, b))) {
                match decode::start(b.1.path.to_string(), false, Source::Bundled(b.0), done) {
                    Ok(l) => *loader.borrow_mut() = Some(l),
                    Err(m) => d.dispatch(Action::LoadFailed(m)),
                }
            }
        });
    }
    let d = state.dispatcher();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value(""); // the same file can be chosen again
        let name = file.name();
        if let Err(m) = check_file(&name, &file.type_(), file.size()) {
            d.dispatch(Action::LoadFailed(m));
            return;
        }
        let started = decode::blob_url(&file).and_then(|url| decode::start(url, true, Source::Upload(name), done.clone()));
        match started {
            Ok(l) => {
                *loader.borrow_mut() = Some(l);
                d.dispatch(Action::Uploading);
            }
            Err(m) => d.dispatch(Action::LoadFailed(m)),
        }
    })
}

#[function_component(ImagePanel)]
pub fn image_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let onupload = use_picture_loader(&state);
    let send = |a: Action| {
        let s = state.dispatcher();
        Callback::from(move |_| s.dispatch(a.clone()))
    };
    let cb = |f: fn(String) -> Option<Action>| {
        let s = state.dispatcher();
        Callback::from(move |v: String| if let Some(a) = f(v) { s.dispatch(a) })
    };

    let mut picture_options: Vec<(String, String)> = IMAGES.iter().enumerate().map(|(i, b)| (i.to_string(), b.title.to_string())).collect();
    let picture_value = match &state.source {
        Source::Bundled(i) => i.to_string(),
        Source::Upload(name) => {
            picture_options.push(("upload".into(), format!("Your picture: {name}")));
            "upload".into()
        }
    };
    let kernel_options: Vec<(String, String)> = KERNELS
        .iter()
        .map(|k| (k.id.to_string(), k.title.to_string()))
        .chain(std::iter::once(("custom".to_string(), "Custom (type your own)".to_string())))
        .collect();
    let kernel_value = preset(state.choice).map_or("custom", |k| k.id).to_string();
    let sizes: Vec<(String, String)> = (1..=MAX_KERNEL).map(|i| (i.to_string(), i.to_string())).collect();
    let (kr, kc) = (state.kernel.rows(), state.kernel.cols());
    let resize = |rows: bool| {
        let s = state.dispatcher();
        Callback::from(move |v: String| {
            let n = v.parse().unwrap_or(3);
            s.dispatch(if rows { Action::ResizeKernel(n, kc) } else { Action::ResizeKernel(kr, n) })
        })
    };
    let pool_value = match state.pool {
        None => "off",
        Some(PoolKind::Max) => "max",
        Some(PoolKind::Average) => "avg",
    };
    let dismiss = {
        let s = state.dispatcher();
        Callback::from(move |_: MouseEvent| s.dispatch(Action::DismissLoadError))
    };
    let kernel_error = state.kernel.error_message("Kernel");
    let messages = [
        ("img-upload-error", state.load_error.clone()),
        ("img-kernel-error", kernel_error),
        ("img-shape-error", state.shape_error.clone()),
    ];
    let note = match state.choice {
        KernelChoice::Preset(i) => KERNELS[i].note,
        KernelChoice::Custom => "Your own weights: each output pixel is the sum of the gray values under the kernel, each times its weight.",
    };

    html! {
        <section class="panel image" aria-labelledby="img-title">
            <header class="panel-head">
                <h1 id="img-title">{"Your own image"}</h1>
                <p class="lede">{"Take a real picture, turn it gray, and slide a kernel over it: the feature map is a new picture that lights up wherever the kernel finds what it looks for. Choose a picture or upload your own, change the kernel, and click any pixel of the feature map to see the sum behind it."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={send(Action::DismissNotes)} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Picture" value={picture_value} options={picture_options} testid="img-picture"
                    onchange={cb(|v| v.parse().ok().map(Action::Pick))} />
                <label class="field upload">
                    <span>{"Or upload one"}</span>
                    <input type="file" accept="image/*" onchange={onupload} data-testid="img-upload" />
                </label>
                <Select label="Kernel" value={kernel_value} options={kernel_options} testid="img-kernel-choice"
                    onchange={cb(|v| Some(Action::SetKernel(v)))} />
                <fieldset class="size">
                    <legend>{"Kernel size"}</legend>
                    <Select label="rows" value={kr.to_string()} options={sizes.clone()} onchange={resize(true)} testid="img-kernel-rows" />
                    <span aria-hidden="true">{"×"}</span>
                    <Select label="columns" value={kc.to_string()} options={sizes} onchange={resize(false)} testid="img-kernel-cols" />
                </fieldset>
                <Toggle label="ReLU" checked={state.relu} ontoggle={send(Action::ToggleRelu)} testid="img-relu" />
                <Select label="Pooling" value={pool_value.to_string()} testid="img-pool"
                    options={vec![("off".into(), "off".into()), ("max".into(), "max 2 × 2".into()), ("avg".into(), "average 2 × 2".into())]}
                    onchange={cb(|v| Some(Action::SetPool(match v.as_str() { "max" => Some(PoolKind::Max), "avg" => Some(PoolKind::Average), _ => None })))} />
            </div>
            { for messages.into_iter().filter_map(|(id, m)| m.map(|m| html! {
                <p class="alert" role="alert" data-testid={id}>{ m }
                    if id == "img-upload-error" { {" "}<button type="button" class="small" onclick={dismiss.clone()}>{"Dismiss"}</button> }
                </p>
            })) }
            if state.loading { <p class="muted" role="status" data-testid="img-loading">{"Decoding the picture…"}</p> }
            if let Source::Upload(_) = state.source {
                <p class="preset-note" data-testid="img-upload-note">{"Your picture stays in this browser tab: the browser decoded it on your computer and nothing was sent anywhere. It cannot be part of a link, so the address keeps only the kernel and the switches — whoever opens it sees one of the bundled pictures instead."}</p>
            }
            <p class="preset-note">{ note }</p>
            { figures::figures(&state) }
            <details class="card licence">
                <summary>{"About the bundled pictures"}</summary>
                <p class="small">{"The house, checkerboard, ball and letters were drawn for ConvLab, pixel by pixel, by a small script; they are free to use for anything (CC0). Each is shrunk to at most 64 × 64 pixels before the core sees it, like an upload."}</p>
            </details>
        </section>
    }
}
