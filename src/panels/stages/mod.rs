//! Panel: the stages of a convolutional layer (`#/stages`): convolution → detector (ReLU) →
//! pooling, one input flowing through. Every number comes from the core's traces: the conv
//! trace, the activation trace (value in, value out) and the pool trace (windows, winners).

use crate::cnn::{activate, conv2d, pool2d, Activation, ActivationTrace, CnnError, Conv2dParams, ConvTrace, Filters, PaddingSpec, PoolKind, PoolTrace, Tensor, WindowResult};
use crate::cnn::pool::PoolParams;
use crate::components::{Cell, Grid};
use crate::link::{Ignored, Link, LINK_VERSION};
use crate::panels::cells::tint;
use crate::panels::common::{current_link, use_link_sync, LinkNotes, Select};
use crate::panels::link_keys::{ignore, unknown_keys};
use crate::text::display_number;
use std::rc::Rc;
use yew::prelude::*;

pub const ROUTE: &str = "/stages";
const KEYS: &[&str] = &["v", "kernel", "pool"];

/// Kernels offered: (id, name, weights). The input is the convolution panel's bright-left /
/// dark-right image with a bright patch added at the bottom right, so both signs appear.
pub const KERNELS: &[(&str, &str, [[f32; 3]; 3])] = &[
    ("vertical", "Vertical edge (bright → dark)", [[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0]]),
    ("dark-to-bright", "Vertical edge (dark → bright)", [[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]]),
    ("horizontal", "Horizontal edge", [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -1.0]]),
];

const INPUT: [[f32; 6]; 6] = [
    [9.0, 9.0, 9.0, 0.0, 0.0, 0.0],
    [9.0, 9.0, 9.0, 0.0, 0.0, 0.0],
    [9.0, 9.0, 9.0, 0.0, 0.0, 0.0],
    [9.0, 9.0, 9.0, 0.0, 0.0, 9.0],
    [9.0, 9.0, 9.0, 0.0, 9.0, 9.0],
    [9.0, 9.0, 9.0, 0.0, 9.0, 9.0],
];

/// The three stages' results and traces.
#[derive(Debug, Clone, PartialEq)]
pub struct Stages {
    pub input: Tensor,
    pub conv: Tensor,
    pub conv_trace: ConvTrace,
    pub detector: Tensor,
    pub relu_trace: ActivationTrace,
    pub pooled: Tensor,
    pub pool_trace: PoolTrace,
}

pub fn run(kernel: &[[f32; 3]; 3], kind: PoolKind) -> Result<Stages, CnnError> {
    let input = Tensor::from_rows(&INPUT.iter().map(|r| r.to_vec()).collect::<Vec<_>>())?;
    let filters = Filters::single(&kernel.iter().map(|r| r.to_vec()).collect::<Vec<_>>())?;
    let params = Conv2dParams::new(input.shape(), &filters, PaddingSpec::Valid.resolve(3, 3), 1, false)?;
    let mut conv_trace = ConvTrace::default();
    let conv = conv2d(&input, &filters, &[0.0], &params, Some(&mut conv_trace))?;
    let mut relu_trace = ActivationTrace::new(Activation::Relu);
    let detector = activate(&conv, Activation::Relu, Some(&mut relu_trace))?;
    let pp = PoolParams::new(detector.shape(), kind, 2, 2, 2)?;
    let mut pool_trace = PoolTrace::default();
    let pooled = pool2d(&detector, &pp, Some(&mut pool_trace))?;
    Ok(Stages { input, conv, conv_trace, detector, relu_trace, pooled, pool_trace })
}

#[derive(Debug, Clone, PartialEq)]
pub struct StagesState {
    pub kernel: usize,
    pub kind: PoolKind,
    pub good: Rc<Stages>,
    pub ignored: Vec<Ignored>,
}

impl StagesState {
    pub fn new(kernel: usize, kind: PoolKind) -> StagesState {
        let k = kernel.min(KERNELS.len() - 1);
        let good = run(&KERNELS[k].2, kind).expect("the fixed input and kernels work (tested)");
        StagesState { kernel: k, kind, good: Rc::new(good), ignored: Vec::new() }
    }
}

impl Default for StagesState {
    fn default() -> Self {
        StagesState::new(1, PoolKind::Max)
    }
}

pub fn from_link(link: &Link) -> StagesState {
    let mut ignored = Vec::new();
    unknown_keys(link, KEYS, &mut ignored);
    let d = StagesState::default();
    let kernel = match link.get("kernel") {
        Some(id) => KERNELS.iter().position(|k| k.0 == id).unwrap_or_else(|| {
            ignore(&mut ignored, "kernel", format!("there is no kernel “{}”; use vertical, dark-to-bright or horizontal", crate::text::excerpt(id)));
            d.kernel
        }),
        None => d.kernel,
    };
    let kind = match link.get("pool") {
        Some("max") => PoolKind::Max,
        Some("avg") => PoolKind::Average,
        Some(t) => {
            ignore(&mut ignored, "pool", format!("“{}” is not max or avg", crate::text::excerpt(t)));
            d.kind
        }
        None => d.kind,
    };
    let mut s = StagesState::new(kernel, kind);
    s.ignored = ignored;
    s
}

pub fn to_link(s: &StagesState) -> Link {
    let mut l = Link { route: ROUTE.into(), pairs: Vec::new() };
    l.push("v", LINK_VERSION);
    l.push("kernel", KERNELS[s.kernel].0);
    l.push("pool", if s.kind == PoolKind::Max { "max" } else { "avg" });
    l
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetKernel(usize),
    SetPool(PoolKind),
    Replace(Box<StagesState>),
    DismissNotes,
}

impl Reducible for StagesState {
    type Action = Action;
    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        Rc::new(match a {
            Action::SetKernel(k) => StagesState::new(k, self.kind),
            Action::SetPool(kind) => StagesState::new(self.kernel, kind),
            Action::Replace(s) => *s,
            Action::DismissNotes => StagesState { ignored: Vec::new(), ..(*self).clone() },
        })
    }
}

fn cells(t: &Tensor, mark: impl Fn(usize, usize, &mut Cell)) -> Rc<Vec<Vec<Cell>>> {
    let all = t.data();
    Rc::new(t.plane_rows(0).iter().enumerate().map(|(r, row)| row.iter().enumerate().map(|(c, &v)| {
        let mut cell = Cell::value(v);
        cell.tint = Some(tint(v, all));
        mark(r, c, &mut cell);
        cell
    }).collect()).collect())
}

#[function_component(StagesPanel)]
pub fn stages_panel() -> Html {
    let state = use_reducer(|| from_link(&current_link()));
    use_link_sync(to_link(&state), ROUTE, {
        let s = state.dispatcher();
        Callback::from(move |l: Link| s.dispatch(Action::Replace(Box::new(from_link(&l)))))
    });
    let g = &state.good;
    let w = g.conv.shape().w;
    // Negatives the detector turned into 0, from the activation trace.
    let zeroed: Vec<(usize, usize, f32)> = g.relu_trace.steps.iter().filter(|s| s.input < 0.0).map(|s| (s.index / w, s.index % w, s.input)).collect();
    let conv_cells = cells(&g.conv, |r, c, cell| {
        if zeroed.iter().any(|z| (z.0, z.1) == (r, c)) { cell.classes.push("neg"); }
    });
    let det_cells = cells(&g.detector, |r, c, cell| {
        if let Some(z) = zeroed.iter().find(|z| (z.0, z.1) == (r, c)) {
            cell.classes.push("zeroed");
            cell.note = Some(format!("ReLU turned {} into 0", display_number(z.2)));
        }
    });
    let winners: Vec<(usize, usize)> = g.pool_trace.windows.iter().filter_map(|win| match win.result {
        WindowResult::Max { winner, .. } => win.cells.get(winner).map(|c| (c.y, c.x)),
        WindowResult::Average { .. } => None,
    }).collect();
    let det_cells = {
        let mut v = (*det_cells).clone();
        for (y, x) in &winners { if let Some(c) = v.get_mut(*y).and_then(|r| r.get_mut(*x)) { c.classes.push("winner"); } }
        Rc::new(v)
    };
    let kernel_options: Vec<(String, String)> = KERNELS.iter().enumerate().map(|(i, k)| (i.to_string(), k.1.to_string())).collect();
    let onkernel = { let s = state.dispatcher(); Callback::from(move |v: String| if let Ok(i) = v.parse() { s.dispatch(Action::SetKernel(i)) }) };
    let onpool = { let s = state.dispatcher(); Callback::from(move |v: String| s.dispatch(Action::SetPool(if v == "avg" { PoolKind::Average } else { PoolKind::Max }))) };
    let k = &KERNELS[state.kernel].2;
    let kcells = Rc::new(k.iter().map(|r| r.iter().map(|&v| { let mut c = Cell::value(v); c.tint = Some(v); c }).collect()).collect::<Vec<Vec<Cell>>>());
    let (ch, cw) = (g.conv.shape().h, g.conv.shape().w);
    html! {
        <section class="panel stages" aria-labelledby="st-title">
            <header class="panel-head">
                <h1 id="st-title">{"The stages of a convolutional layer"}</h1>
                <p class="lede">{"A convolutional layer is three stages in a row: the convolution computes a feature map, the detector stage (ReLU) keeps the positive answers and turns every negative one into 0, and pooling summarises each 2 × 2 block into one number. Follow one image through."}</p>
            </header>
            <LinkNotes notes={state.ignored.clone()} ondismiss={{ let s = state.dispatcher(); Callback::from(move |_| s.dispatch(Action::DismissNotes)) }} />
            <div class="toolbar" role="group" aria-label="Settings">
                <Select label="Kernel" value={state.kernel.to_string()} options={kernel_options} onchange={onkernel} testid="st-kernel" />
                <Select label="Pooling" value={if state.kind == PoolKind::Max { "max" } else { "avg" }.to_string()}
                    options={vec![("max".into(), "max 2 × 2, stride 2".into()), ("avg".into(), "average 2 × 2, stride 2".into())]} onchange={onpool} testid="st-pool" />
            </div>
            <ol class="stage-flow">
                <li class="card">
                    <h2>{"0. Input 6 × 6"}</h2>
                    <div class="scroll"><Grid testid="st-input" caption="Input" hide_caption=true cells={cells(&g.input, |_, _, _| {})} /></div>
                    <p class="small muted">{"Bright (9) on the left, dark (0) in a column, a bright patch at the bottom right."}</p>
                </li>
                <li class="card">
                    <h2>{ format!("1. Convolution → {ch} × {cw}") }</h2>
                    <div class="flow-row">
                        <div><p class="small muted">{"kernel"}</p><Grid testid="st-kernel-grid" caption="Kernel" hide_caption=true cells={kcells} /></div>
                        <div class="scroll"><Grid testid="st-conv" caption="Feature map" hide_caption=true cells={conv_cells} /></div>
                    </div>
                    <p class="small">{ format!("Valid, stride 1: each number is the sum of the 9 products under the kernel. {} of the {} answers are negative (marked): the kernel found the opposite of what it looks for.", zeroed.len(), ch * cw) }</p>
                </li>
                <li class="card">
                    <h2>{"2. Detector: ReLU"}</h2>
                    <div class="scroll"><Grid testid="st-relu" caption="After ReLU" hide_caption=true cells={det_cells} /></div>
                    <p class="small" data-testid="st-zeroed" data-value={zeroed.len().to_string()}>{ format!("max(0, x) for every value: {} negative value{} became 0 (struck through); the positive ones pass unchanged.", zeroed.len(), if zeroed.len() == 1 { "" } else { "s" }) }
                        if state.kind == PoolKind::Max && !winners.is_empty() { {" Framed: the winner of each pooling window."} }</p>
                </li>
                <li class="card">
                    <h2>{ format!("3. Pooling → {} × {}", g.pooled.shape().h, g.pooled.shape().w) }</h2>
                    <div class="scroll"><Grid testid="st-pool-output" caption="Pooled" hide_caption=true cells={cells(&g.pooled, |_, _, _| {})} /></div>
                    <p class="small">{ if state.kind == PoolKind::Max { "Each 2 × 2 block gives its largest value: a feature found anywhere in the block is kept, its exact position is not." } else { "Each 2 × 2 block gives its mean." } }</p>
                </li>
            </ol>
        </section>
    }
}
