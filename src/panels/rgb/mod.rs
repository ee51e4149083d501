//! Panel: colour images and bias (`#/rgb`). A 3-channel image is convolved with one to three
//! 3-deep kernels; each position's three per-channel partial sums, their total and the bias
//! are read from the core's trace (`channel_sums`), filter by filter.

pub mod link;
pub mod presets;
pub mod state;

use crate::cnn::{PositionTrace, Source};
use crate::components::{Cell, CellContent, Grid, SizeFormula};
use crate::panels::cells::{edit_cell, frame, tint};
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use crate::panels::convolution::state::{PadChoice, MAX_PAD};
use crate::panels::stepping::{use_stepping, StepAction, StepControls};
use crate::text::{display_number, factor, machine_number};
use state::{Action, RgbState, CHANNELS, CHANNEL_NAMES, MAX_FILTERS, MAX_KSIDE, MAX_SIDE, MAX_STRIDE, MIN_SIDE};
use std::rc::Rc;
use yew::prelude::*;

/// One input plane with its padding, the current window framed (padded coordinates).
fn plane_cells(s: &RgbState, c: usize, window: Option<(usize, usize)>) -> (Rc<Vec<Vec<Cell>>>, Rc<Vec<String>>) {
    let g = &s.good;
    let p = &g.params;
    let (pt, pl) = (p.padding.top, p.padding.left);
    let text = &s.input[c];
    let (rows, cols) = (text.rows(), text.cols());
    let (h, w) = (p.rows.padded.max(rows + pt), p.cols.padded.max(cols + pl));
    let all = g.input.data();
    let cells = (0..h)
        .map(|py| {
            (0..w)
                .map(|px| {
                    let inside = py >= pt && px >= pl && py - pt < rows && px - pl < cols;
                    let mut cell = if inside {
                        edit_cell(text.text(py - pt, px - pl), text.parse_cell(py - pt, px - pl), all)
                    } else {
                        Cell { content: CellContent::Fixed { value: 0.0 }, classes: classes!("pad"), tint: None, note: Some("zero padding".into()) }
                    };
                    if let Some((top, left)) = window {
                        frame(&mut cell, py, px, top, left, p.kh, p.kw);
                    }
                    cell
                })
                .collect()
        })
        .collect();
    let labels = (0..h.max(w)).map(|i| if i >= pt && i - pt < rows { (i - pt + 1).to_string() } else { "p".into() }).collect();
    (Rc::new(cells), Rc::new(labels))
}

/// The image as colour swatches (SVG), padding dashed, the current window outlined.
fn colour_image(s: &RgbState, window: Option<(usize, usize)>) -> Html {
    let g = &s.good;
    let p = &g.params;
    let sh = g.input.shape();
    let (lo, hi) = g.input.data().iter().fold((0.0f32, f32::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let level = |v: f32| (((v - lo) / (hi - lo)).clamp(0.0, 1.0) * 255.0).round() as u8;
    let (ph, pw) = (p.rows.padded, p.cols.padded);
    let (pt, pl) = (p.padding.top, p.padding.left);
    let u = 30;
    let px = |colour: [u8; 3]| format!("rgb({},{},{})", colour[0], colour[1], colour[2]);
    let mut rects = Vec::new();
    for y in 0..sh.h {
        for x in 0..sh.w {
            let rgb = [level(g.input.get(0, y, x)), level(g.input.get(1.min(sh.c - 1), y, x)), level(g.input.get(2.min(sh.c - 1), y, x))];
            let title = format!("row {}, column {}: red {}, green {}, blue {}", y + 1, x + 1,
                display_number(g.input.get(0, y, x)), display_number(g.input.get(1.min(sh.c - 1), y, x)), display_number(g.input.get(2.min(sh.c - 1), y, x)));
            rects.push(html! { <rect x={((x + pl) * u).to_string()} y={((y + pt) * u).to_string()} width={u.to_string()} height={u.to_string()} fill={px(rgb)}><title>{ title }</title></rect> });
        }
    }
    let win = window.map(|(top, left)| html! {
        <rect class="rgb-win" x={(left * u).to_string()} y={(top * u).to_string()} width={(p.kw * u).to_string()} height={(p.kh * u).to_string()} />
    });
    html! {
        // Drawn at the planes' cell size (CSS, from --cols), so a pixel of the picture is as
        // large as its numbers in the planes beside it.
        <svg class="rgb-image" viewBox={format!("-2 -2 {} {}", pw * u + 4, ph * u + 4)} width={(pw * u + 4).to_string()} height={(ph * u + 4).to_string()}
            style={format!("--cols: {pw}")}
            role="img" aria-label={format!("The {}×{} colour image{}", sh.h, sh.w, if ph > sh.h { ", with its padding" } else { "" })} data-testid="rgb-image">
            if ph > sh.h || pw > sh.w { <rect class="rgb-pad" x="0" y="0" width={(pw * u).to_string()} height={(ph * u).to_string()} /> }
            { for rects }
            { for win }
        </svg>
    }
}

/// The current position's arithmetic: per-channel terms and partial sums, then the total.
fn arithmetic(t: &PositionTrace, filters: usize, step: usize, total: usize) -> Html {
    let channels = t.channel_sums.len();
    let lines = (0..channels).map(|c| {
        let name = CHANNEL_NAMES.get(c).copied().unwrap_or("channel");
        let terms = t.terms.iter().filter(|term| term.channel == c).enumerate().map(|(i, term)| {
            let pad = matches!(term.source, Source::Padding);
            html! { <>
                if i > 0 { <span class="op">{"+"}</span> }
                <span class={classes!("term", pad.then_some("pad"))}><span class="x">{ factor(term.x) }</span><span class="op">{"·"}</span><span class="w">{ factor(term.w) }</span></span>
            </> }
        });
        html! {
            <p class={classes!("sum-line", "channel-line", format!("ch-{name}"))}>
                <span class="ch-name">{ format!("{name}:") }</span>
                { for terms }
                <span class="op">{"="}</span>
                <strong data-testid={format!("rgb-partial-{c}")} data-value={machine_number(t.channel_sums[c])}>{ display_number(t.channel_sums[c]) }</strong>
            </p>
        }
    });
    let names: Vec<String> = (0..channels).map(|c| CHANNEL_NAMES.get(c).copied().unwrap_or("channel").to_string()).collect();
    html! {
        <div class="arithmetic">
            <h3>{ if filters > 1 { format!("Filter {}, output row {}, column {}", t.filter + 1, t.out_y + 1, t.out_x + 1) } else { format!("Output row {}, column {}", t.out_y + 1, t.out_x + 1) } }
                <span class="muted">{ format!(" — step {} of {}", step + 1, total) }</span></h3>
            { for lines }
            <p class="sum-line total-line" data-testid="rgb-total-line">
                { for t.channel_sums.iter().enumerate().map(|(c, v)| html! { <>
                    if c > 0 { <span class="op">{"+"}</span> }
                    <span class={classes!("partial", format!("ch-{}", names[c]))} title={format!("{} partial sum", names[c])}>{ factor(*v) }</span>
                </> }) }
                <span class="op">{"+"}</span><span class="bias-term" title="bias">{ factor(t.bias) }</span>
                <span class="op">{"="}</span>
                <strong class="result" data-testid="rgb-sum" data-value={machine_number(t.sum)}>{ display_number(t.sum) }</strong>
            </p>
            <p class="muted small">{ format!("{} partial sums (one per channel) plus the bias give one number of the feature map.", names.join(" + ")) }</p>
            <p class="sr-only" aria-live="polite">{ format!("Partial sums {}, bias {}, total {}.", t.channel_sums.iter().map(|v| display_number(*v)).collect::<Vec<_>>().join(", "), display_number(t.bias), display_number(t.sum)) }</p>
        </div>
    }
}

#[function_component(RgbPanel)]
pub fn rgb_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    use_stepping(state.play, {
        let s = state.dispatcher();
        Callback::from(move |a| s.dispatch(Action::Step(a)))
    });
    let sel = |f: fn(String) -> Option<Action>| {
        let s = state.dispatcher();
        Callback::from(move |v: String| if let Some(a) = f(v) { s.dispatch(a) })
    };
    let g = &state.good;
    let p = &g.params;
    let step = state.play.step;
    let current = g.trace.positions.get(step).cloned();
    let window = current.as_ref().map(|t| (t.top, t.left));
    let opts = |lo: usize, hi: usize| (lo..=hi).map(|i| (i.to_string(), i.to_string())).collect::<Vec<_>>();
    let mut pad_options = vec![("valid".to_string(), "valid (p = 0)".to_string())];
    pad_options.extend((1..=MAX_PAD).map(|p| (p.to_string(), format!("p = {p}"))));
    pad_options.push(("same".into(), "same".into()));
    let preset_options: Vec<(String, String)> = std::iter::once((String::new(), "— custom —".to_string()))
        .chain(presets::PRESETS.iter().map(|p| (p.id.to_string(), p.title.to_string())))
        .collect();
    let preset_note = state.preset.and_then(presets::find).map(|p| p.note);

    // Messages: the first bad text of each kind, named by place.
    let input_error = state.input.iter().enumerate().find_map(|(c, g)| g.error_message(&format!("Input, {} channel", CHANNEL_NAMES[c])));
    let kernel_error = state.kernels.iter().enumerate().find_map(|(k, f)| {
        f.iter().enumerate().find_map(|(c, g)| g.error_message(&format!("Filter {}, channel {}", k + 1, c + 1)))
    });
    let bias_error = state.bias.iter().enumerate().find_map(|(k, b)| {
        crate::text::parse_number(b).err().map(|e| format!("Bias of filter {}: {e}. The results still use the last valid bias.", k + 1))
    });
    let shape_error = state.shape_error.clone().map(|e| format!("This setting is refused: {e}. The results still use the last valid setting."));

    // The output stack: one map per filter.
    let (oh, ow) = (p.out_h(), p.out_w());
    let all_out = g.output.data();
    let maps = (0..p.filters).map(|k| {
        let cells: Vec<Vec<Cell>> = (0..oh).map(|r| (0..ow).map(|c| {
            let i = (k * oh + r) * ow + c;
            let v = g.output.get(k, r, c);
            let mut cell = Cell::value(v);
            cell.content = CellContent::Value { value: v, shown: i <= step };
            cell.tint = Some(tint(v, all_out));
            if i == step { cell.classes.push("current"); }
            cell
        }).collect()).collect();
        let s = state.dispatcher();
        html! {
            <figure class="card map-card">
                <figcaption>{ format!("Feature map {} ({} × {})", k + 1, oh, ow) }</figcaption>
                <div class="scroll"><Grid testid={format!("rgb-output-{k}")} caption={format!("Feature map {}", k + 1)} hide_caption=true cells={Rc::new(cells)}
                    onselect={Callback::from(move |(r, c)| s.dispatch(Action::SelectOutput(k, r, c)))} /></div>
            </figure>
        }
    });

    let planes = (0..CHANNELS).map(|c| {
        let (cells, labels) = plane_cells(&state, c, window);
        let s = state.dispatcher();
        let name = CHANNEL_NAMES[c];
        html! {
            <figure class={classes!("card", "plane-card", format!("ch-{name}"))}>
                <figcaption><span class={classes!("ch-dot", format!("ch-{name}"))}></span>{ format!("{} plane", capital(name)) }</figcaption>
                <div class="scroll"><Grid testid={format!("rgb-input-{c}")} caption={format!("Input {name}")} hide_caption=true cells={cells}
                    row_labels={labels.clone()} col_labels={labels}
                    onedit={Callback::from(move |(r, col, t)| s.dispatch(Action::EditInput(c, r, col, t)))} /></div>
            </figure>
        }
    });

    let kernels = state.kernels.iter().enumerate().map(|(k, f)| {
        let used = current.as_ref().is_some_and(|t| t.filter == k);
        let grids = f.iter().enumerate().map(|(c, tg)| {
            let all = g.filters.data();
            let cells: Vec<Vec<Cell>> = (0..tg.rows()).map(|r| (0..tg.cols()).map(|col| edit_cell(tg.text(r, col), tg.parse_cell(r, col), all)).collect()).collect();
            let s = state.dispatcher();
            let name = CHANNEL_NAMES.get(c).copied().unwrap_or("channel");
            html! {
                <div class={classes!("kernel-plane", format!("ch-{name}"))}>
                    <p class="plane-label"><span class={classes!("ch-dot", format!("ch-{name}"))}></span>{ format!("channel {} ({name})", c + 1) }</p>
                    <Grid testid={format!("rgb-kernel-{k}-{c}")} caption={format!("Filter {} channel {}", k + 1, c + 1)} hide_caption=true cells={Rc::new(cells)}
                        onedit={Callback::from(move |(r, col, t)| s.dispatch(Action::EditKernel(k, c, r, col, t)))} />
                </div>
            }
        });
        let onbias = {
            let s = state.dispatcher();
            Callback::from(move |e: InputEvent| s.dispatch(Action::EditBias(k, e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
        };
        let bad = state.bias.get(k).is_some_and(|b| crate::text::parse_number(b).is_err());
        html! {
            <figure class={classes!("card", "filter-card", used.then_some("in-use"))}>
                <figcaption>{ format!("Filter {} — {} × {} × {}", k + 1, state.kside(), state.kside(), f.len()) }</figcaption>
                <div class="filter-planes">{ for grids }</div>
                <label class="field bias">
                    <span>{"Bias"}</span>
                    <input type="text" inputmode="decimal" value={state.bias.get(k).cloned().unwrap_or_default()} oninput={onbias}
                        data-testid={format!("rgb-bias-{k}")} aria-invalid={bad.then_some("true")} class={classes!(bad.then_some("invalid"))} />
                </label>
            </figure>
        }
    });

    html! {
        <section class="panel rgb" aria-labelledby="rgb-title">
            <header class="panel-head">
                <h1 id="rgb-title">{"Colour images and bias"}</h1>
                <p class="lede">{"A colour image is three planes of numbers — red, green and blue — stacked into an n × n × 3 block. A kernel for it is a 3 × 3 × 3 block too: one 3 × 3 slice per channel. At each position every slice makes its own partial sum over its channel; the three partial sums and the bias add up to one number of the feature map."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={{ let s = state.dispatcher(); Callback::from(move |_| s.dispatch(Action::DismissNotes)) }} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Example" value={state.preset.unwrap_or("").to_string()} options={preset_options} testid="rgb-preset"
                    onchange={sel(|v| (!v.is_empty()).then_some(Action::LoadPreset(v)))} />
                <Select label="Image n × n × 3" value={state.side().to_string()} options={opts(MIN_SIDE, MAX_SIDE)} testid="rgb-side"
                    onchange={sel(|v| v.parse().ok().map(Action::SetSide))} />
                <Select label="Kernel f × f" value={state.kside().to_string()} options={opts(1, MAX_KSIDE)} testid="rgb-kside"
                    onchange={sel(|v| v.parse().ok().map(Action::SetKernelSide))} />
                <Select label="Kernel depth" value={state.depth().to_string()} options={opts(1, CHANNELS)} testid="rgb-depth"
                    onchange={sel(|v| v.parse().ok().map(Action::SetDepth))} />
                <Select label="Filters" value={state.kernels.len().to_string()} options={opts(1, MAX_FILTERS)} testid="rgb-filters"
                    onchange={sel(|v| v.parse().ok().map(Action::SetFilters))} />
                <Select label="Padding" value={state.padding.key()} options={pad_options} testid="rgb-padding"
                    onchange={sel(|v| PadChoice::parse(&v).ok().map(Action::SetPadding))} />
                <Select label="Stride" value={state.stride.to_string()} options={opts(1, MAX_STRIDE)} testid="rgb-stride"
                    onchange={sel(|v| v.parse().ok().map(Action::SetStride))} />
            </div>
            if let Some(n) = preset_note { <p class="preset-note">{ n }</p> }
            { for [("rgb-input-error", input_error), ("rgb-kernel-error", kernel_error), ("rgb-bias-error", bias_error), ("rgb-shape-error", shape_error)]
                .into_iter().filter_map(|(id, m)| m.map(|m| html! { <p class="alert" role="alert" data-testid={id}>{ m }</p> })) }
            { crate::panels::overflow::overflow_html(crate::panels::overflow::conv_values(&state.good.trace), "rgb") }
            <div class="stage rgb-stage">
                <figure class="card image-card">
                    <figcaption>{ format!("Colour image {} × {} × 3", p.input.h, p.input.w) }</figcaption>
                    { colour_image(&state, window) }
                    <p class="legend muted small">{"Colours scaled: the lowest value is dark, the highest full intensity."}</p>
                </figure>
                { for planes }
            </div>
            <div class="stage rgb-stage">{ for kernels }</div>
            <p class="note depth-note" data-testid="rgb-depth-note">{"Why the kernel must be as deep as the input: each slice of the kernel multiplies one channel of the window, so a 3-channel image needs 3 slices — a 2-deep kernel would leave the blue channel with no weights, a 4-deep one would have a slice with no channel. Try “Kernel depth” 2: the core refuses it."}</p>
            <StepControls playhead={state.play} total={state.total_steps()} unit="step"
                onstep={{ let s = state.dispatcher(); Callback::from(move |a: StepAction| s.dispatch(Action::Step(a))) }} />
            <div class="explain">
                <div class="card">
                    if let Some(t) = current { { arithmetic(&t, p.filters, step, state.total_steps()) } }
                </div>
                <div class="card">
                    <SizeFormula prefix="rgb" rows={p.rows} cols={p.cols} />
                    <p data-testid="rgb-output-shape" data-value={format!("{}x{}x{}", oh, ow, p.filters)}>
                        { format!("{} filter{} → output {} × {} × {}: one feature map per filter, stacked.", p.filters, if p.filters == 1 { "" } else { "s" }, oh, ow, p.filters) }</p>
                </div>
            </div>
            <div class="stage rgb-stage maps">{ for maps }</div>
            <p class="legend muted">{"Click a cell of a feature map to see how it was computed."}</p>
        </section>
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
