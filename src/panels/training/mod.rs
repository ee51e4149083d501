//! The training lab (`#/training`): the five-class homework trained live. The configuration
//! and its shapes, a live plot, what was learned (kernels, feature maps, confusion matrix, the
//! student's own drawing classified), one step of backpropagation in numbers, vanishing and
//! exploding gradients, and saving and sharing. Training runs in slices that fit one frame.

mod browser;
pub mod link;
mod pixels;
pub mod plot;
pub mod state;

use crate::cnn::{FeatureMap, LayerValue, LossKind, TrainStatus, CLASS_NAMES};
use crate::cnn::conv::Source;
use crate::panels::common::{current_link, use_link_sync, LinkNotes, Select, Toggle};
use crate::text::{display_number, machine_number};
use gloo::timers::callback::Interval;
use pixels::{range, Pixels, Scale};
use plot::{plot_data, TrainingPlot};
use state::{
    activation_key, loss_key, parse_activation, parse_loss, Action, Config, IoNote, PoolChoice, TrainState,
    BATCH_CHOICES, KERNEL_CHOICES, LR_CHOICES, MAX_FILTERS, MOMENTUM_CHOICES, PRESETS, SIDE,
};
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement};
use yew::prelude::*;

fn opts<T: ToString + PartialEq + Copy>(choices: &[T], current: T) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = choices.iter().map(|c| (c.to_string(), c.to_string())).collect();
    if !choices.contains(&current) {
        v.push((current.to_string(), current.to_string()));
    }
    v
}

fn pct(v: f32) -> String {
    format!("{:.1}%", v * 100.0)
}

/// How many gallery samples per class.
const GALLERY: usize = 4;
/// Most channels drawn per feature-map layer.
const MAX_CHANNELS_SHOWN: usize = 16;

#[function_component(TrainingPanel)]
pub fn training_panel() -> Html {
    let state = use_reducer(|| link::from_link(&current_link()));
    let plot_canvas = use_node_ref();
    use_link_sync(link::to_link(&state), link::ROUTE, {
        let s = state.dispatcher();
        Callback::from(move |l: crate::link::Link| {
            let (c, p, ignored) = link::config_from_link(&l);
            s.dispatch(Action::Replace(Box::new(c), p, ignored))
        })
    });
    {
        // One slice per frame while running; the owned handle is dropped on pause or leaving.
        let s = state.dispatcher();
        use_effect_with(state.running, move |&running| {
            let handle = running.then(|| Interval::new(16, move || s.dispatch(Action::Tick)));
            move || drop(handle)
        });
    }
    let dispatch = |a: Action| {
        let s = state.dispatcher();
        Callback::from(move |_| s.dispatch(a.clone()))
    };
    let click = |a: Action| {
        let s = state.dispatcher();
        Callback::from(move |_: MouseEvent| s.dispatch(a.clone()))
    };
    let set = |f: fn(&mut Config, &str) -> bool| {
        let s = state.dispatcher();
        let c = state.config;
        Callback::from(move |v: String| {
            let mut c = c;
            if f(&mut c, &v) {
                s.dispatch(Action::SetConfig(c))
            }
        })
    };
    let c = state.config;
    let t = state.trainer.borrow();
    let status = t.status().clone();
    let (done, total, epochs_done) = (t.samples_done(), t.total_samples(), t.epochs_done());
    let per_epoch = t.train_set().len();
    let data = Rc::new(plot_data(t.steps(), t.epochs(), total, per_epoch));
    let norms = t.gradient_norms().to_vec();
    let kernels = t.model().params().first().cloned();
    let first_conv = t.model().plan().layers.first().cloned();
    let gallery: Vec<(usize, Rc<Vec<f32>>, usize)> = (0..CLASS_NAMES.len())
        .flat_map(|class| {
            t.train_set()
                .samples()
                .iter()
                .enumerate()
                .filter(move |(_, s)| s.label == class)
                .take(GALLERY)
                .map(|(i, s)| (i, Rc::new(s.image.data().to_vec()), s.label))
                .collect::<Vec<_>>()
        })
        .collect();
    let chosen_label = t.train_set().get(state.sample).map(|s| s.label).unwrap_or(0);
    drop(t);

    let ondismiss = dispatch(Action::DismissNotes);
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let preset_note = state.preset.and_then(state::find_preset).map(|p| p.note);
    let on_preset = {
        let s = state.dispatcher();
        Callback::from(move |v: String| if !v.is_empty() { s.dispatch(Action::LoadPreset(v)) })
    };

    let running = state.running;
    let can_train = state.can_train();
    let diverged = match &status {
        TrainStatus::Diverged(d) => Some(d.clone()),
        _ => None,
    };
    let start_label = match (&status, done) {
        (TrainStatus::Finished, _) => "Finished",
        (_, 0) => "Start",
        _ => "Resume",
    };
    let progress = if total > 0 { done as f64 / total as f64 } else { 0.0 };
    let epoch_now = (epochs_done + 1).min(state.built.epochs);
    let in_epoch = done - epochs_done * per_epoch.max(1);

    // Export, import, PNG.
    let on_export = {
        let s = state.clone();
        Callback::from(move |_| {
            let note = match s.export() {
                Ok(json) => match browser::download_text("convlab-model.json", &json, "application/json") {
                    Ok(()) => IoNote::Ok("Model saved as convlab-model.json.".into()),
                    Err(_) => IoNote::Error("The browser refused the download.".into()),
                },
                Err(e) => IoNote::Error(format!("The model cannot be saved: {e}. Reset and train again.")),
            };
            s.dispatch(Action::IoNote(note));
        })
    };
    let on_import = {
        let s = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let s = s.clone();
            browser::read_chosen_file(&input, move |r| match r {
                Ok(text) => s.dispatch(Action::Import(text)),
                Err(e) => s.dispatch(Action::IoNote(IoNote::Error(format!("The file was not loaded, nothing changed: {e}.")))),
            });
        })
    };
    let on_png = {
        let node = plot_canvas.clone();
        let s = state.dispatcher();
        Callback::from(move |_| {
            if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                if browser::download_png(&canvas, "convlab-loss-curve.png").is_err() {
                    s.dispatch(Action::IoNote(IoNote::Error("The browser refused the download.".into())));
                }
            }
        })
    };

    // Drawing pad: pointer events (mouse, pen and touch alike).
    let painting = use_mut_ref(|| false);
    let pad = use_node_ref();
    let cell_at = |pad: &NodeRef, e: &PointerEvent| -> Option<(usize, usize)> {
        let el: HtmlElement = pad.cast()?;
        let r = el.get_bounding_client_rect();
        let x = ((f64::from(e.client_x()) - r.left()) / r.width() * SIDE as f64).floor();
        let y = ((f64::from(e.client_y()) - r.top()) / r.height() * SIDE as f64).floor();
        (x >= 0.0 && y >= 0.0 && x < SIDE as f64 && y < SIDE as f64).then_some((y as usize, x as usize))
    };
    let on_down = {
        let s = state.dispatcher();
        let painting = painting.clone();
        let pad = pad.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            if let Some(el) = pad.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *painting.borrow_mut() = true;
            if let Some((y, x)) = cell_at(&pad, &e) {
                s.dispatch(Action::Paint(y, x));
            }
        })
    };
    let on_move = {
        let s = state.dispatcher();
        let painting = painting.clone();
        let pad = pad.clone();
        Callback::from(move |e: PointerEvent| {
            if *painting.borrow() {
                if let Some((y, x)) = cell_at(&pad, &e) {
                    s.dispatch(Action::Paint(y, x));
                }
            }
        })
    };
    let on_up = {
        let painting = painting.clone();
        Callback::from(move |_: PointerEvent| *painting.borrow_mut() = false)
    };
    let class_options: Vec<(String, String)> =
        CLASS_NAMES.iter().enumerate().map(|(i, n)| (i.to_string(), n.to_string())).collect();

    let plan_rows = state.plan.layers.iter().map(|l| {
        let out = state::flow_text(&l.output);
        html! { <tr>
            <th scope="row">{ l.index }</th><td class="tr-name">{ l.name.clone() }</td>
            <td data-value={out.clone()}>{ out.clone() }</td>
            <td data-value={l.params().to_string()}>{ l.params() }</td>
        </tr> }
    });

    let errors = [
        ("training-config-error", state.config_error.as_ref().map(|e| format!(
            "This configuration cannot be built, so it was not applied: {e}. Choose a smaller kernel, keep the pooling, or fewer layers; the table shows the last configuration that works."))),
        ("training-run-error", state.run_error.clone()),
    ];

    html! {
        <section class="panel training" aria-labelledby="training-title">
            <header class="panel-head">
                <h1 id="training-title">{"Training lab"}</h1>
                <p class="lede">{"The homework: a small CNN learns to tell five shapes apart — horizontal bar, vertical bar, diagonal, square and plus — from 500 noisy 16×16 images, and is tested on 100 it never saw. Change the network, train it live, and look inside."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} {ondismiss} />

            <div class="toolbar tr-config" role="group" aria-label="Network and training settings">
                <Select label="Example" value={state.preset.unwrap_or(if c == Config::reference() { "reference" } else { "" }).to_string()} options={preset_options} testid="training-preset" onchange={on_preset} />
                <Select label="Filters" value={c.filters.to_string()} testid="training-filters"
                    options={(1..=MAX_FILTERS).map(|i| (i.to_string(), format!("{i} then {}", 2 * i))).collect::<Vec<_>>()}
                    onchange={set(|c, v| v.parse().map(|n| c.filters = n).is_ok())} />
                <Select label="Kernel" value={c.kernel.to_string()} testid="training-kernel"
                    options={KERNEL_CHOICES.iter().map(|k| (k.to_string(), format!("{k}×{k}"))).collect::<Vec<_>>()}
                    onchange={set(|c, v| v.parse().map(|n| c.kernel = n).is_ok())} />
                <Select label="Pooling" value={c.pool.key().to_string()} testid="training-pool"
                    options={vec![("max".into(), "max 2×2".into()), ("avg".into(), "average 2×2".into()), ("none".into(), "none".into())]}
                    onchange={set(|c, v| PoolChoice::parse(v).map(|p| c.pool = p).is_ok())} />
                <Select label="Activation" value={activation_key(c.activation).to_string()} testid="training-activation"
                    options={vec![("relu".into(), "ReLU".into()), ("sigmoid".into(), "sigmoid".into()), ("tanh".into(), "tanh".into())]}
                    onchange={set(|c, v| parse_activation(v).map(|a| c.activation = a).is_ok())} />
                <Select label="Loss" value={loss_key(c.loss).to_string()} testid="training-loss"
                    options={vec![("ce".into(), "cross-entropy".into()), ("mse".into(), "mean squared error".into())]}
                    onchange={set(|c, v| parse_loss(v).map(|l| c.loss = l).is_ok())} />
                <Select label="Learning rate η" value={c.lr.to_string()} testid="training-lr" options={opts(LR_CHOICES, c.lr)}
                    onchange={set(|c, v| v.parse().map(|n| c.lr = n).is_ok())} />
                <Select label="Momentum" value={c.momentum.to_string()} testid="training-momentum" options={opts(MOMENTUM_CHOICES, c.momentum)}
                    onchange={set(|c, v| v.parse().map(|n| c.momentum = n).is_ok())} />
                <Select label="Batch" value={c.batch.to_string()} testid="training-batch" options={opts(BATCH_CHOICES, c.batch)}
                    onchange={set(|c, v| v.parse().map(|n| c.batch = n).is_ok())} />
                <Select label="Epochs" value={c.epochs.to_string()} testid="training-epochs" options={opts(&[1usize, 2, 3, 5, 10, 20], c.epochs)}
                    onchange={set(|c, v| v.parse().map(|n| c.epochs = n).is_ok())} />
                <Select label="Weight seed" value={c.seed.to_string()} testid="training-seed" options={opts(&[1u32, 2, 3, 7, 42, 44], c.seed)}
                    onchange={set(|c, v| v.parse().map(|n| c.seed = n).is_ok())} />
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            <p class="muted tr-hint">{"Changing a setting starts the run again from fresh weights."}</p>
            { for errors.into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }

            <div class="tr-top">
                <div class="card tr-plan">
                    <h2>{"The network, layer by layer"}</h2>
                    <div class="scroll" tabindex="0" role="region" aria-label="Layers of the network"><table class="tr-table" data-testid="training-plan">
                        <thead><tr><th scope="col">{"#"}</th><th scope="col">{"layer"}</th><th scope="col">{"output h×w×c"}</th><th scope="col">{"parameters"}</th></tr></thead>
                        <tbody>
                            <tr><th scope="row">{"0"}</th><td class="tr-name">{"input"}</td><td data-value="16×16×1">{"16×16×1"}</td><td data-value="0">{"0"}</td></tr>
                            { for plan_rows }
                        </tbody>
                        <tfoot><tr><th scope="row" colspan="3">{"total parameters"}</th>
                            <td data-testid="training-total-params" data-value={state.plan.total_params().to_string()}>{ state.plan.total_params() }</td></tr></tfoot>
                    </table></div>
                </div>
                <div class="card tr-live">
                    <div class="tr-buttons" role="group" aria-label="Training controls">
                        if running {
                            <button type="button" class="primary" data-testid="training-pause" onclick={click(Action::Pause)}>{"Pause"}</button>
                        } else {
                            <button type="button" class="primary" data-testid="training-start" disabled={!can_train} onclick={click(Action::Start)}>{ start_label }</button>
                        }
                        <button type="button" data-testid="training-step" disabled={!can_train || running} onclick={click(Action::Step)}>{"Step one sample"}</button>
                        <button type="button" data-testid="training-reset" onclick={click(Action::Reset)}>{"Reset"}</button>
                    </div>
                    <div class="tr-progress">
                        <progress max="1" value={progress.to_string()} aria-label="Training progress"></progress>
                        <p data-testid="training-progress" data-value={done.to_string()} aria-live="off">
                            { format!("Epoch {epoch_now} of {} · sample {in_epoch} of {per_epoch} · {done} of {total} samples", state.built.epochs) }
                            <span class="muted" data-testid="training-sps" data-value={format!("{:.0}", state.samples_per_sec)}>
                                { if running { format!(" · {:.0} samples/s", state.samples_per_sec) } else { String::new() } }</span>
                        </p>
                        <p class="muted" role="status" data-testid="training-status">{ match &status {
                            TrainStatus::Ready => "Ready: fresh weights, nothing trained yet.".to_string(),
                            TrainStatus::Training if running => "Training…".to_string(),
                            TrainStatus::Training => "Paused.".to_string(),
                            TrainStatus::Finished => "Finished: every epoch is done. Reset to train again.".to_string(),
                            TrainStatus::Diverged(_) => "Stopped: training diverged.".to_string(),
                        } }</p>
                    </div>
                    if let Some(d) = diverged {
                        <div class="alert tr-diverged" role="alert" data-testid="training-diverged-error">
                            <p><strong>{"Training diverged and was stopped. "}</strong>{ d.error().to_string() }</p>
                            <p>{ format!("With η = {} each update overshoots: the step w ← w − η·∂L/∂w is so long that the weights fly off instead of going down the slope. To recover, lower the learning rate (try η = {}) — the run starts again from fresh weights — or pick a preset.", d.learning_rate, d.learning_rate / 10.0) }</p>
                            <button type="button" data-testid="training-lower-rate" onclick={click(Action::LowerRate)}>{ format!("Lower η to {} and reset", d.learning_rate / 10.0) }</button>
                        </div>
                    }
                    <TrainingPlot data={data} canvas={plot_canvas.clone()} />
                </div>
            </div>

            <div class="tr-grid">
                <div class="card">
                    <h2>{"The data"}</h2>
                    <p class="muted">{"A few training samples per class. Click one to follow it through the network below."}</p>
                    <div class="tr-gallery" data-testid="training-gallery">
                        { for CLASS_NAMES.iter().enumerate().map(|(class, name)| html! {
                            <div class="tr-class">
                                <span class="tr-class-name">{ *name }</span>
                                { for gallery.iter().filter(|g| g.2 == class).map(|(i, px, _)| {
                                    let i = *i;
                                    html! { <button type="button" class="tr-sample" aria-pressed={(i == state.sample).to_string()}
                                        title={format!("training sample {i}")} onclick={click(Action::ChooseSample(i))}>
                                        <Pixels values={px.clone()} rows={SIDE} cols={SIDE} scale={Scale::Gray(0.0, 1.0)} label={format!("{name}, training sample {i}")} />
                                    </button> }
                                }) }
                            </div>
                        }) }
                    </div>
                </div>
                <div class="card tr-draw">
                    <h2>{"Draw your own"}</h2>
                    <p class="muted">{"Draw with the mouse, a pen or a finger; the network classifies it as you draw."}</p>
                    <div class="tr-draw-row">
                        <div ref={pad.clone()} class="tr-pad" data-testid="training-pad" role="img" aria-label="Drawing pad, 16 by 16"
                            onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                            { for state.drawing.iter().map(|&v| html! { <span class={if v > 0.0 { "on" } else { "" }}></span> }) }
                        </div>
                        <div class="tr-draw-side">
                            <Toggle label="Eraser" checked={state.erase} testid="training-erase"
                                ontoggle={dispatch(Action::SetErase(!state.erase))} />
                            <button type="button" class="small" data-testid="training-clear" onclick={click(Action::ClearDrawing)}>{"Clear"}</button>
                            <Select label="Label" value={state.draw_label.to_string()} options={class_options} testid="training-draw-label"
                                onchange={{ let s = state.dispatcher(); Callback::from(move |v: String| s.dispatch(Action::SetDrawLabel(v.parse().unwrap_or(0)))) }} />
                            <button type="button" class="small" data-testid="training-add-sample" onclick={click(Action::AddDrawing)}>{"Add to the training set"}</button>
                        </div>
                    </div>
                    if let Some(p) = &state.drawn_prediction {
                        <p data-testid="training-drawn-class" data-value={p.class.to_string()}>{"The network says: "}<strong>{ CLASS_NAMES[p.class] }</strong></p>
                        <table class="tr-table tr-probs" data-testid="training-drawn-probs">
                            <caption class="sr-only">{"Softmax probabilities of the drawing"}</caption>
                            <tbody>{ for p.probs.iter().enumerate().map(|(k, &v)| html! {
                                <tr class={if k == p.class { "best" } else { "" }}><th scope="row">{ CLASS_NAMES[k] }</th>
                                    <td data-value={machine_number(v)}>{ pct(v) }</td>
                                    <td class="tr-bar-cell"><span class="tr-bar" style={format!("width:{:.1}%", v * 100.0)}></span></td></tr>
                            }) }</tbody>
                        </table>
                    } else {
                        <p class="muted" data-testid="training-drawn-class" data-value="">{"Draw something to see what the network makes of it."}</p>
                    }
                    if !state.extra.is_empty() {
                        <h3>{ format!("Your samples ({})", state.extra.len()) }</h3>
                        <ul class="tr-drawn" data-testid="training-drawn-list">
                            { for state.extra.iter().enumerate().map(|(i, d)| html! {
                                <li><Pixels values={Rc::new(d.pixels.clone())} rows={SIDE} cols={SIDE} scale={Scale::Gray(0.0, 1.0)} label={format!("your sample {}, {}", i + 1, CLASS_NAMES[d.label])} />
                                    <span>{ CLASS_NAMES[d.label] }</span>
                                    <button type="button" class="small" aria-label={format!("Remove your sample {}", i + 1)} onclick={click(Action::RemoveDrawn(i))}>{"✕"}</button></li>
                            }) }
                        </ul>
                        if state.extra_pending { <p class="muted" role="status">{"Your samples join the training set at the next reset."}</p> }
                    }
                </div>
            </div>

            <div class="tr-grid">
                <div class="card">
                    <h2>{"What the first layer learned"}</h2>
                    { kernels_view(&kernels, first_conv.as_ref()) }
                    <h2>{ format!("Feature maps of training sample {} ({})", state.sample, CLASS_NAMES[chosen_label]) }</h2>
                    { maps_view(&state.maps) }
                </div>
                <div class="card">
                    <h2>{"Test set: confusion matrix"}</h2>
                    { confusion_view(&state) }
                    <h2>{"Gradient norm per layer"}</h2>
                    { norms_view(&norms) }
                </div>
            </div>

            { backprop_view(&state, state.dispatcher()) }

            <div class="card tr-save">
                <h2>{"Save and share"}</h2>
                <div class="tr-buttons">
                    <button type="button" data-testid="training-export" onclick={on_export}>{"Export model (JSON)"}</button>
                    <label class="tr-file"><span>{"Import model"}</span>
                        <input type="file" accept=".json,application/json" data-testid="training-import" onchange={on_import} /></label>
                    <button type="button" data-testid="training-png" onclick={on_png}>{"Loss curve as PNG"}</button>
                </div>
                { match &state.io {
                    Some(IoNote::Ok(m)) => html! { <p class="note" role="status" data-testid="training-io-status">{ m.clone() }</p> },
                    Some(IoNote::Error(m)) => html! { <p class="alert" role="alert" data-testid="training-io-error">{ m.clone() }</p> },
                    None => html! {},
                } }
                <p class="muted">{"The address bar holds this configuration (not the weights): copy it to share the setup."}</p>
                <label class="field wide"><span>{"Summary for your report"}</span>
                    <textarea class="tr-summary" readonly=true rows="14" data-testid="training-summary" value={state.summary()} /></label>
            </div>
        </section>
    }
}

fn kernels_view(kernels: &Option<crate::cnn::LayerParams>, first: Option<&crate::cnn::model::LayerPlan>) -> Html {
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

fn maps_view(maps: &[FeatureMap]) -> Html {
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

fn confusion_view(state: &TrainState) -> Html {
    let Some(e) = &state.eval else {
        return html! { <p class="muted">{"No evaluation yet."}</p> };
    };
    html! {
        <>
        <p data-testid="training-test-accuracy" data-value={machine_number(e.accuracy)}>
            { format!("Accuracy {} ({} of {}), mean loss ", pct(e.accuracy), e.correct, e.count) }{ display_number(e.mean_loss) }</p>
        <div class="scroll" tabindex="0" role="region" aria-label="Confusion matrix"><table class="tr-table tr-confusion" data-testid="training-confusion">
            <caption>{"Rows: the true class; columns: what the network predicted."}</caption>
            <thead><tr><th scope="col">{"true \\ predicted"}</th>
                { for CLASS_NAMES.iter().map(|n| html! { <th scope="col">{ *n }</th> }) }
                <th scope="col">{"class accuracy"}</th></tr></thead>
            <tbody>{ for e.confusion.iter().enumerate().map(|(r, row)| html! {
                <tr><th scope="row">{ CLASS_NAMES[r] }</th>
                    { for row.iter().enumerate().map(|(c, &n)| html! { <td class={if r == c { "diag" } else if n > 0 { "off" } else { "" }} data-value={n.to_string()}>{ n }</td> }) }
                    { match e.per_class_accuracy[r] {
                        Some(a) => html! { <td data-value={machine_number(a)}>{ pct(a) }</td> },
                        None => html! { <td data-value="nan">{"—"}</td> },
                    } }
                </tr>
            }) }</tbody>
        </table></div>
        </>
    }
}

fn norms_view(norms: &[crate::cnn::model::GradNorm]) -> Html {
    let max = norms.iter().map(|n| n.weights).filter(|v| v.is_finite()).fold(0.0f32, f32::max);
    if max <= 0.0 {
        return html! { <p class="muted" data-testid="training-gradnorms">{"Take a step to see the gradient norms ‖∂L/∂W‖ of every layer with weights."}</p> };
    }
    // A log scale: six decades from the largest.
    let width = |v: f32| if v > 0.0 && v.is_finite() { ((v / max).log10() / 6.0 + 1.0).clamp(0.01, 1.0) * 100.0 } else { 0.0 };
    html! {
        <>
        <p class="muted">{"Bars on a log scale (each tenth of the width is a factor of 10 less). Layers near the input come first: if their bars are tiny, they barely learn — the gradient vanished on its way back."}</p>
        <table class="tr-table tr-norms" data-testid="training-gradnorms">
            <tbody>{ for norms.iter().map(|n| html! {
                <tr><th scope="row">{ format!("{}. {}", n.layer, n.name) }</th>
                    <td data-value={machine_number(n.weights)}>{ display_number(n.weights) }</td>
                    <td class="tr-bar-cell"><span class="tr-bar" style={format!("width:{:.1}%", width(n.weights))}></span></td></tr>
            }) }</tbody>
        </table>
        </>
    }
}

fn backprop_view(state: &TrainState, d: UseReducerDispatcher<TrainState>) -> Html {
    let Some(b) = &state.backprop else {
        return html! {};
    };
    let (f, ky, kx) = (b.trace.filter, b.trace.ky, b.trace.kx);
    let filters = match state.plan.layers.first().map(|l| l.config) {
        Some(crate::cnn::LayerConfig::Conv { filters, kernel, .. }) => (filters, kernel),
        _ => (1, 1),
    };
    let choose = |which: usize| {
        let d = d.clone();
        let w = state.weight;
        Callback::from(move |v: String| {
            let n: usize = v.parse().unwrap_or(0);
            let (mut f, mut y, mut x) = w;
            match which {
                0 => f = n,
                1 => y = n,
                _ => x = n,
            }
            d.dispatch(Action::ChooseWeight(f, y, x));
        })
    };
    let nz = b.trace.terms.iter().filter(|t| t.product != 0.0).count();
    let loss_name = if b.loss_kind == LossKind::CrossEntropy { "cross-entropy −ln p_label" } else { "mean squared error" };
    html! {
        <div class="card tr-bp" data-testid="training-backprop">
            <h2>{"One step of backpropagation, in numbers"}</h2>
            <p class="muted">{ format!("Training sample {} ({}), with the current weights. Choose a sample in the gallery and a weight of the first convolution:", b.sample, CLASS_NAMES[b.label]) }</p>
            <div class="toolbar">
                <Select label="Filter" value={f.to_string()} testid="training-bp-filter" options={(0..filters.0).map(|i| (i.to_string(), (i + 1).to_string())).collect::<Vec<_>>()} onchange={choose(0)} />
                <Select label="Row" value={ky.to_string()} testid="training-bp-row" options={(0..filters.1).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>()} onchange={choose(1)} />
                <Select label="Column" value={kx.to_string()} testid="training-bp-col" options={(0..filters.1).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>()} onchange={choose(2)} />
            </div>
            <ol class="tr-bp-steps">
                <li><strong>{"Forward pass. "}</strong>{"The probabilities the network gives this sample:"}
                    <table class="tr-table tr-probs" data-testid="training-bp-probs"><tbody>
                        { for b.prediction.probs.iter().enumerate().map(|(k, &v)| html! {
                            <tr class={if k == b.label { "best" } else { "" }}><th scope="row">{ CLASS_NAMES[k] }{ if k == b.label { " (true)" } else { "" } }</th>
                                <td data-value={machine_number(v)}>{ display_number(v) }</td></tr>
                        }) }
                    </tbody></table></li>
                <li><strong>{"Loss. "}</strong>{ format!("The {loss_name}: L = ") }
                    <span data-testid="training-bp-loss" data-value={machine_number(b.loss)}>{ display_number(b.loss) }</span></li>
                <li><strong>{"Backward pass. "}</strong>
                    { format!("The gradient of weight w[{}][{ky}][{kx}] (filter {}, row {ky}, column {kx}) is the correlation of the layer's input x with the gradient g = ∂L/∂y arriving from above at the layer's output: ∂L/∂w = Σ over every output position (i, j) of x[i+{ky}−1][j+{kx}−1] · g[i][j]. Here are all {} terms ({nz} are not zero; padding contributes 0):", f + 1, f + 1, b.trace.terms.len()) }
                    <div class="tr-terms" data-testid="training-bp-terms" tabindex="0" role="region" aria-label="Every term of the weight gradient">
                        { for b.trace.terms.iter().map(|t| {
                            let src = match t.source { Source::Input { y, x } => format!("x[{y}][{x}]"), Source::Padding => "pad".to_string() };
                            html! { <span class={if t.product != 0.0 { "nz" } else { "" }} data-value={machine_number(t.product)}>
                                { format!("{src}·g[{}][{}] = {}·{} = {}", t.out_y, t.out_x, display_number(t.x), display_number(t.g), display_number(t.product)) }</span> }
                        }) }
                    </div>
                    <p>{"Sum: ∂L/∂w = "}<strong data-testid="training-bp-grad" data-value={machine_number(b.trace.sum)}>{ display_number(b.trace.sum) }</strong>
                        <span class="muted">{ format!(" (the core's backward pass gives {})", display_number(b.core_gradient)) }</span></p></li>
                <li><strong>{"Weight update. "}</strong>
                    <span data-testid="training-bp-update" data-value={machine_number(b.new)}>
                        { format!("w ← w − η·∂L/∂w = {} − {}·{} = {}", display_number(b.old), b.lr, display_number(b.trace.sum), display_number(b.new)) }</span>
                    <p class="note" role="note">{"The lecture writes “old weight + learning rate × gradient”. The gradient points uphill — where the loss grows fastest — so to make the loss smaller we step the other way: gradient descent subtracts η times the gradient (equivalently, it adds η times the negative gradient)."}</p>
                    if state.built.batch > 1 || state.built.momentum > 0.0 {
                        <p class="muted">{"This is one plain step for this one sample; your run averages the gradients of a batch and may add momentum before updating."}</p>
                    }
                </li>
            </ol>
        </div>
    }
}

