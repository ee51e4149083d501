//! The training lab's state and reducer. The configuration is data ([`Config`]); the run itself
//! is the core's [`Trainer`], shared behind an `Rc<RefCell<…>>` so a frame's slice of training
//! does not copy the model. Everything shown (plan, records, evaluation, feature maps,
//! predictions, the backprop trace) comes from the core; the reducer only decides when to ask.

use crate::cnn::data::reference_data;
use crate::cnn::{
    weight_gradient_trace, Activation, Conv2dParams, Dataset, Evaluation, FeatureMap, Init, LayerConfig,
    LossKind, Model, ModelPlan, ModelSpec, Padding, PoolKind, PoolSpec, Prediction, Sgd, Shape, Tensor,
    TrainConfig, TrainStatus, Trainer, WeightGradTrace, CLASS_NAMES,
};
use crate::cnn::model::Flow;
use crate::link::Ignored;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// Side of the images (and of the drawing pad).
pub const SIDE: usize = 16;
/// The shuffling seed of the reference workload (kept fixed: `seed` is the weights' seed).
pub const SHUFFLE_SEED: u32 = 43;
/// Frame budget for training, in milliseconds.
pub const FRAME_BUDGET_MS: f64 = 8.0;
/// Most samples trained in one frame.
pub const MAX_SLICE: usize = 2000;

/// Pooling after the first two convolutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolChoice {
    Max,
    Avg,
    None,
}

impl PoolChoice {
    pub fn key(self) -> &'static str {
        match self {
            PoolChoice::Max => "max",
            PoolChoice::Avg => "avg",
            PoolChoice::None => "none",
        }
    }
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "max" => Ok(PoolChoice::Max),
            "avg" | "average" => Ok(PoolChoice::Avg),
            "none" => Ok(PoolChoice::None),
            _ => Err(format!("“{}” is not max, avg or none", short(s))),
        }
    }
}

pub fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

pub fn activation_key(a: Activation) -> &'static str {
    match a {
        Activation::Relu => "relu",
        Activation::Sigmoid => "sigmoid",
        Activation::Tanh => "tanh",
    }
}

pub fn parse_activation(s: &str) -> Result<Activation, String> {
    match s {
        "relu" => Ok(Activation::Relu),
        "sigmoid" => Ok(Activation::Sigmoid),
        "tanh" => Ok(Activation::Tanh),
        _ => Err(format!("“{}” is not relu, sigmoid or tanh", short(s))),
    }
}

pub fn loss_key(l: LossKind) -> &'static str {
    match l {
        LossKind::CrossEntropy => "ce",
        LossKind::Mse => "mse",
    }
}

pub fn parse_loss(s: &str) -> Result<LossKind, String> {
    match s {
        "ce" | "cross-entropy" => Ok(LossKind::CrossEntropy),
        "mse" => Ok(LossKind::Mse),
        _ => Err(format!("“{}” is not ce or mse", short(s))),
    }
}

/// A network and its training settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Filters of the first convolution (the later ones have twice as many).
    pub filters: usize,
    /// Kernel side of every convolution (padding 1, stride 1 as in the reference).
    pub kernel: usize,
    pub pool: PoolChoice,
    pub activation: Activation,
    pub lr: f32,
    pub batch: usize,
    pub epochs: usize,
    pub momentum: f32,
    pub loss: LossKind,
    /// Seed of the Glorot initial weights (44 is the reference's).
    pub seed: u32,
    /// Number of convolution blocks (2; the vanishing-gradient preset stacks more).
    pub depth: usize,
}

impl Config {
    /// The reference workload (`bench-workload.md`).
    pub fn reference() -> Self {
        Config {
            filters: 8,
            kernel: 3,
            pool: PoolChoice::Max,
            activation: Activation::Relu,
            lr: 0.01,
            batch: 1,
            epochs: 3,
            momentum: 0.0,
            loss: LossKind::CrossEntropy,
            seed: 44,
            depth: 2,
        }
    }

    /// The architecture: `depth` × (conv k×k pad 1 → activation [→ pool after the first two])
    /// → flatten → dense 5.
    pub fn spec(&self) -> ModelSpec {
        let mut layers = Vec::new();
        for i in 0..self.depth {
            let filters = if i == 0 { self.filters } else { self.filters * 2 };
            layers.push(LayerConfig::Conv { filters, kernel: self.kernel, padding: 1, stride: 1 });
            layers.push(LayerConfig::Activation(self.activation));
            if i < 2 {
                let kind = match self.pool {
                    PoolChoice::Max => Some(PoolKind::Max),
                    PoolChoice::Avg => Some(PoolKind::Average),
                    PoolChoice::None => None,
                };
                if let Some(kind) = kind {
                    layers.push(LayerConfig::Pool(PoolSpec { kind, window: 2, stride: 2 }));
                }
            }
        }
        layers.push(LayerConfig::Flatten);
        layers.push(LayerConfig::Dense { units: CLASS_NAMES.len() });
        ModelSpec { input: Shape::new(1, SIDE, SIDE), layers, classes: CLASS_NAMES.len(), loss: self.loss }
    }

    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            learning_rate: self.lr,
            momentum: self.momentum,
            batch_size: self.batch,
            epochs: self.epochs,
            shuffle_seed: SHUFFLE_SEED,
            evaluate_each_epoch: true,
        }
    }

    /// Every layer's shapes, or why the configuration cannot be built.
    pub fn plan(&self) -> Result<ModelPlan, String> {
        self.spec().plan().map_err(|e| e.to_string())
    }
}

/// An example from the lecture.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub config: fn() -> Config,
}

fn vanishing() -> Config {
    // Eight sigmoid convolutions: σ' ≤ 1/4, so the gradient shrinks on its way down.
    Config { filters: 4, activation: crate::cnn::Activation::Sigmoid, lr: 0.1, epochs: 2, depth: 8, ..Config::reference() }
}

fn exploding() -> Config {
    // η = 100: the core's docs show the reference network's weights reach ~7·10⁵ at the
    // second update.
    Config { lr: 100.0, ..Config::reference() }
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "reference",
        title: "Homework reference network",
        note: "conv 3×3×8 → ReLU → max pool → conv 3×3×16 → ReLU → max pool → dense 5, η = 0.01, batch 1, 3 epochs (the reference workload).",
        config: Config::reference,
    },
    Preset {
        id: "vanishing",
        title: "Vanishing gradients: 8 sigmoid layers",
        note: "Eight convolutions, each followed by a sigmoid. The sigmoid's slope is at most 1/4, so the gradient shrinks layer by layer on its way back: watch the early layers' bars in the gradient-norm chart.",
        config: vanishing,
    },
    Preset {
        id: "exploding",
        title: "Exploding: learning rate 100",
        note: "The reference network with η = 100. The first updates throw the weights far away and training diverges; the lab stops it by itself.",
        config: exploding,
    },
];

pub fn find_preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// Values offered in the menus (a link may give others; they are added to the menu).
pub const LR_CHOICES: &[f32] = &[0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0];
pub const MOMENTUM_CHOICES: &[f32] = &[0.0, 0.5, 0.9, 0.99];
pub const BATCH_CHOICES: &[usize] = &[1, 2, 4, 8, 16, 32, 64, 100];
pub const KERNEL_CHOICES: &[usize] = &[1, 3, 5, 7, 9, 11];
pub const MAX_FILTERS: usize = 16;
pub const MAX_EPOCHS: usize = 50;
pub const MAX_BATCH: usize = 500;
pub const MAX_LR: f32 = 1000.0;

/// One step of backpropagation for one sample and one weight of the first convolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Backprop {
    pub sample: usize,
    pub label: usize,
    pub prediction: Prediction,
    pub loss: f32,
    pub loss_kind: LossKind,
    pub trace: WeightGradTrace,
    /// The core's dL/dw at this weight (equals `trace.sum`).
    pub core_gradient: f32,
    pub old: f32,
    pub new: f32,
    pub lr: f32,
    pub out_w: usize,
}

/// Runs one sample forward and backward on a copy of `model` and traces one weight of the
/// first convolution: its gradient as the correlation of the layer's input with the gradient
/// from above, and its plain-SGD update.
pub fn backprop(model: &Model, data: &Dataset, sample: usize, lr: f32, weight: (usize, usize, usize)) -> Result<Backprop, String> {
    let s = data.get(sample).ok_or("no such sample")?;
    let mut m = model.clone();
    m.zero_gradients();
    let prediction = m.predict(&s.image).map_err(|e| e.to_string())?;
    let outcome = m.accumulate_gradients(&s.image, s.label).map_err(|e| e.to_string())?;
    let l = m.plan().layers.first().ok_or("empty model")?.clone();
    let (LayerConfig::Conv { filters, kernel, padding, stride }, Flow::Map(ins), Flow::Map(outs)) = (l.config, l.input, l.output)
    else {
        return Err("the first layer is not a convolution".into());
    };
    let (f, ky, kx) = (weight.0.min(filters - 1), weight.1.min(kernel - 1), weight.2.min(kernel - 1));
    let input = Tensor::new(ins, m.output(0).unwrap_or_default().to_vec()).map_err(|e| e.to_string())?;
    let up = Tensor::new(outs, m.upstream_gradient(1).unwrap_or_default().to_vec()).map_err(|e| e.to_string())?;
    let params = Conv2dParams::from_dims(ins, filters, ins.c, kernel, kernel, Padding::uniform(padding), stride, false)
        .map_err(|e| e.to_string())?;
    let trace = weight_gradient_trace(&input, &params, &up, f, 0, ky, kx).map_err(|e| e.to_string())?;
    let idx = (f * ins.c * kernel + ky) * kernel + kx;
    let old = m.params()[0].weights[idx];
    let core_gradient = m.gradients()[0].weights[idx];
    let mut sgd = Sgd::new(lr, 0.0).map_err(|e| e.to_string())?;
    sgd.step(&mut m);
    let new = m.params()[0].weights[idx];
    Ok(Backprop {
        sample,
        label: s.label,
        prediction,
        loss: outcome.loss,
        loss_kind: m.spec().loss,
        trace,
        core_gradient,
        old,
        new,
        lr,
        out_w: outs.w,
    })
}

/// A sample the student drew.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub pixels: Vec<f32>,
    pub label: usize,
}

/// A message about saving or loading.
#[derive(Debug, Clone, PartialEq)]
pub enum IoNote {
    Ok(String),
    Error(String),
}

#[derive(Debug, Clone)]
pub struct TrainState {
    /// The configuration chosen in the menus.
    pub config: Config,
    /// The configuration the run was built from (the last valid one).
    pub built: Config,
    /// Why `config` cannot be built, if it cannot.
    pub config_error: Option<String>,
    pub preset: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    pub plan: Rc<ModelPlan>,
    pub trainer: Rc<RefCell<Trainer>>,
    /// The generated data (drawn samples are added to a copy at each reset).
    pub base: Rc<(Dataset, Dataset)>,
    pub running: bool,
    /// Samples per frame, adapted to the frame budget.
    pub slice: usize,
    pub samples_per_sec: f64,
    pub last_tick: Option<f64>,
    /// Bumped on every change of the run.
    pub version: u64,
    /// Frames trained since the page opened.
    pub frames: u64,
    /// An error from the core other than divergence.
    pub run_error: Option<String>,
    /// The test evaluation of the current weights.
    pub eval: Option<Rc<Evaluation>>,
    /// The chosen training sample (feature maps, backprop).
    pub sample: usize,
    pub maps: Rc<Vec<FeatureMap>>,
    /// (filter, row, column) of the first convolution's weight traced.
    pub weight: (usize, usize, usize),
    pub backprop: Option<Rc<Backprop>>,
    pub drawing: Vec<f32>,
    pub draw_label: usize,
    pub erase: bool,
    pub drawn_prediction: Option<Prediction>,
    pub extra: Vec<Drawn>,
    /// Drawn samples changed since the run was built.
    pub extra_pending: bool,
    pub io: Option<IoNote>,
}

/// Milliseconds from a monotonic clock.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

fn base_data() -> Rc<(Dataset, Dataset)> {
    let d = reference_data().expect("the reference data is generated");
    Rc::new((d.train, d.test))
}

fn new_trainer(config: &Config, base: &(Dataset, Dataset), extra: &[Drawn]) -> Result<Trainer, String> {
    let model = config.spec().build(Init::Glorot { seed: config.seed }).map_err(|e| e.to_string())?;
    trainer_for(model, config, base, extra)
}

fn trainer_for(model: Model, config: &Config, base: &(Dataset, Dataset), extra: &[Drawn]) -> Result<Trainer, String> {
    let mut train = base.0.clone();
    for d in extra {
        let image = Tensor::new(Shape::new(1, SIDE, SIDE), d.pixels.clone()).map_err(|e| e.to_string())?;
        train.push(image, d.label).map_err(|e| e.to_string())?;
    }
    Trainer::new(model, train, base.1.clone(), config.train_config()).map_err(|e| e.to_string())
}

impl TrainState {
    /// A fresh run of `config` (the reference if it cannot be built, with the reason kept).
    pub fn new(config: Config, preset: Option<&'static str>) -> Self {
        let base = base_data();
        let (built, config_error) = match config.plan() {
            Ok(_) => (config, None),
            Err(e) => (Config::reference(), Some(e)),
        };
        let trainer = new_trainer(&built, &base, &[]).expect("a planned configuration builds");
        let plan = Rc::new(trainer.model().plan().clone());
        let mut s = TrainState {
            config,
            built,
            config_error,
            preset,
            ignored: Vec::new(),
            plan,
            trainer: Rc::new(RefCell::new(trainer)),
            base,
            running: false,
            slice: 4,
            samples_per_sec: 0.0,
            last_tick: None,
            version: 0,
            frames: 0,
            run_error: None,
            eval: None,
            sample: 0,
            maps: Rc::new(Vec::new()),
            weight: (0, 1, 1),
            backprop: None,
            drawing: vec![0.0; SIDE * SIDE],
            draw_label: 0,
            erase: false,
            drawn_prediction: None,
            extra: Vec::new(),
            extra_pending: false,
            io: None,
        };
        s.refresh(true);
        s
    }

    /// Recomputes what is shown from the current weights (`full`: also the test evaluation
    /// and the backprop trace, which are too costly for every frame).
    fn refresh(&mut self, full: bool) {
        let mut t = self.trainer.borrow_mut();
        let sample = self.sample.min(t.train_set().len().saturating_sub(1));
        self.sample = sample;
        if let Some(s) = t.train_set().get(sample).cloned() {
            if let Ok(m) = t.model_mut().feature_maps(&s.image) {
                self.maps = Rc::new(m);
            }
        }
        self.drawn_prediction = if self.drawing.iter().any(|&v| v != 0.0) {
            Tensor::new(Shape::new(1, SIDE, SIDE), self.drawing.clone())
                .ok()
                .and_then(|img| t.model_mut().predict(&img).ok())
        } else {
            None
        };
        let diverged = matches!(t.status(), TrainStatus::Diverged(_));
        if full && !diverged {
            self.eval = t.evaluate_test().ok().map(Rc::new);
            let lr = t.config().learning_rate;
            self.backprop = backprop(t.model(), t.train_set(), sample, lr, self.weight).ok().map(Rc::new);
        } else if let Some(e) = t.epochs().last().and_then(|e| e.test.clone()) {
            if !diverged {
                self.eval = Some(Rc::new(e));
            }
        }
        drop(t);
        self.version += 1;
    }

    /// Rebuilds the run from the built configuration and the drawn samples.
    fn reset(&mut self) {
        match new_trainer(&self.built, &self.base, &self.extra) {
            Ok(t) => {
                self.plan = Rc::new(t.model().plan().clone());
                self.trainer = Rc::new(RefCell::new(t));
                self.run_error = None;
            }
            Err(e) => self.run_error = Some(e),
        }
        self.running = false;
        self.last_tick = None;
        self.samples_per_sec = 0.0;
        self.extra_pending = false;
        self.refresh(true);
    }

    /// Applies a new configuration: a valid one resets the run, an impossible one is refused
    /// with the reason (the last valid run stays).
    pub fn set_config(&mut self, config: Config) {
        self.config = config;
        match config.plan() {
            Ok(_) => {
                self.config_error = None;
                self.built = config;
                self.reset();
            }
            Err(e) => {
                self.config_error = Some(e);
                self.running = false;
            }
        }
    }

    pub fn status(&self) -> TrainStatus {
        self.trainer.borrow().status().clone()
    }

    pub fn can_train(&self) -> bool {
        self.config_error.is_none() && matches!(self.status(), TrainStatus::Ready | TrainStatus::Training)
    }

    /// Trains one frame's slice and adapts the slice to the frame budget.
    fn tick(&mut self) {
        if !self.running || !self.can_train() {
            self.running = false;
            return;
        }
        let t0 = now_ms();
        let result = self.trainer.borrow_mut().train_samples(self.slice);
        let t1 = now_ms();
        let trained = match result {
            Ok(r) => {
                if r.status == TrainStatus::Finished {
                    self.running = false;
                }
                r.trained
            }
            Err(e) => {
                self.running = false;
                if !matches!(self.status(), TrainStatus::Diverged(_)) {
                    self.run_error = Some(e.to_string());
                }
                0
            }
        };
        let dt = t1 - t0;
        let target = if dt > 0.5 {
            (self.slice as f64 * FRAME_BUDGET_MS / dt).clamp(1.0, MAX_SLICE as f64)
        } else {
            (self.slice * 2) as f64
        };
        // Move halfway towards the target so one slow frame does not swing the size.
        self.slice = ((self.slice as f64 + target) / 2.0).round().clamp(1.0, MAX_SLICE as f64) as usize;
        if let Some(last) = self.last_tick {
            let wall = t1 - last;
            if wall > 0.0 && trained > 0 {
                let inst = trained as f64 * 1000.0 / wall;
                self.samples_per_sec =
                    if self.samples_per_sec == 0.0 { inst } else { 0.8 * self.samples_per_sec + 0.2 * inst };
            }
        }
        self.last_tick = if self.running { Some(t1) } else { None };
        self.frames += 1;
        if self.running && self.frames % 4 != 0 {
            // Feature maps and the drawing's prediction every 4th frame: the plot every frame.
            self.version += 1;
        } else {
            self.refresh(!self.running);
        }
    }

    fn step(&mut self) {
        if !self.can_train() {
            return;
        }
        self.running = false;
        if let Err(e) = self.trainer.borrow_mut().step() {
            if !matches!(self.status(), TrainStatus::Diverged(_)) {
                self.run_error = Some(e.to_string());
            }
        }
        self.refresh(true);
    }

    fn paint(&mut self, y: usize, x: usize) {
        let v = if self.erase { 0.0 } else { 1.0 };
        for dy in 0..2 {
            for dx in 0..2 {
                let (yy, xx) = (y + dy, x + dx);
                if yy < SIDE && xx < SIDE {
                    self.drawing[yy * SIDE + xx] = v;
                }
            }
        }
        self.refresh(false);
    }

    fn import(&mut self, text: &str) {
        let spec = self.built.spec();
        match Model::from_json_matching(text, &spec) {
            Ok(model) => match trainer_for(model, &self.built, &self.base, &self.extra) {
                Ok(t) => {
                    self.trainer = Rc::new(RefCell::new(t));
                    self.running = false;
                    self.last_tick = None;
                    self.io = Some(IoNote::Ok(
                        "Model loaded: its weights replace the current ones; training starts again from them.".into(),
                    ));
                    self.refresh(true);
                }
                Err(e) => self.io = Some(IoNote::Error(format!("The model could not be loaded: {e}"))),
            },
            Err(e) => {
                self.io = Some(IoNote::Error(format!(
                    "The file was not loaded, nothing changed: {e}. A model loads only into the configuration it was trained with."
                )))
            }
        }
    }

    /// The model as JSON, or why it cannot be saved.
    pub fn export(&self) -> Result<String, String> {
        self.trainer.borrow().model().to_json().map_err(|e| e.to_string())
    }

    /// A summary for the homework report.
    pub fn summary(&self) -> String {
        let c = &self.built;
        let t = self.trainer.borrow();
        let mut s = String::from("ConvLab training lab — five-class 16×16 shapes\n\nNetwork:\n");
        for l in &self.plan.layers {
            s.push_str(&format!("  {}. {} → {} ({} parameters)\n", l.index, l.name, flow_text(&l.output), l.params()));
        }
        s.push_str(&format!("  total parameters: {}\n\n", self.plan.total_params()));
        s.push_str(&format!(
            "Training: learning rate {}, momentum {}, batch {}, epochs {}, loss {}, weight seed {}, {} training samples ({} drawn), {} test samples\n",
            c.lr,
            c.momentum,
            c.batch,
            c.epochs,
            if c.loss == LossKind::CrossEntropy { "cross-entropy" } else { "MSE" },
            c.seed,
            t.train_set().len(),
            self.extra.len(),
            t.test_set().len()
        ));
        s.push_str(&format!("Progress: {} of {} samples, {} epochs finished\n", t.samples_done(), t.total_samples(), t.epochs_done()));
        if let TrainStatus::Diverged(d) = t.status() {
            s.push_str(&format!("Training diverged: {}\n", d.error()));
        }
        for e in t.epochs() {
            s.push_str(&format!(
                "  epoch {}: training loss {:.4}, training accuracy {:.1}%",
                e.epoch,
                e.train_loss,
                e.train_accuracy * 100.0
            ));
            if let Some(te) = &e.test {
                s.push_str(&format!(", test loss {:.4}, test accuracy {:.1}%", te.mean_loss, te.accuracy * 100.0));
            }
            s.push('\n');
        }
        if let Some(e) = &self.eval {
            s.push_str(&format!(
                "\nTest set now: accuracy {:.1}% ({} of {}), mean loss {:.4}\nAccuracy per class:\n",
                e.accuracy * 100.0,
                e.correct,
                e.count,
                e.mean_loss
            ));
            for (name, a) in CLASS_NAMES.iter().zip(&e.per_class_accuracy) {
                match a {
                    Some(a) => s.push_str(&format!("  {name}: {:.1}%\n", a * 100.0)),
                    None => s.push_str(&format!("  {name}: no samples\n")),
                }
            }
        }
        s
    }
}

pub fn flow_text(f: &Flow) -> String {
    match f {
        Flow::Map(s) => format!("{}×{}×{}", s.h, s.w, s.c),
        Flow::Vector(n) => format!("{n}"),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the whole state (a link typed into the address bar), with the keys of that
    /// link that had to be ignored (so a link pasted while the panel is open says so too).
    Replace(Box<Config>, Option<&'static str>, Vec<Ignored>),
    LoadPreset(String),
    SetConfig(Config),
    Start,
    Pause,
    Tick,
    Step,
    Reset,
    ChooseSample(usize),
    ChooseWeight(usize, usize, usize),
    Paint(usize, usize),
    SetErase(bool),
    ClearDrawing,
    SetDrawLabel(usize),
    AddDrawing,
    RemoveDrawn(usize),
    Import(String),
    IoNote(IoNote),
    /// Divide the learning rate by 10 and start again (after divergence).
    LowerRate,
    DismissNotes,
}

impl Reducible for TrainState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

impl TrainState {
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Replace(c, p, ignored) => {
                let extra = std::mem::take(&mut self.extra);
                *self = TrainState::new(*c, p);
                self.extra = extra;
                self.ignored = ignored;
                if !self.extra.is_empty() {
                    self.reset();
                }
            }
            Action::LoadPreset(id) => {
                if let Some(p) = find_preset(&id) {
                    self.preset = Some(p.id);
                    self.set_config((p.config)());
                }
            }
            Action::SetConfig(c) => self.set_config(c),
            Action::Start => {
                if self.can_train() {
                    self.running = true;
                    self.last_tick = None;
                    self.version += 1;
                }
            }
            Action::Pause => {
                self.running = false;
                self.last_tick = None;
                self.refresh(true);
            }
            Action::Tick => self.tick(),
            Action::Step => self.step(),
            Action::Reset => self.reset(),
            Action::ChooseSample(i) => {
                self.sample = i;
                self.refresh(!self.running);
            }
            Action::ChooseWeight(f, y, x) => {
                self.weight = (f, y, x);
                self.refresh(!self.running);
            }
            Action::Paint(y, x) => self.paint(y, x),
            Action::SetErase(e) => self.erase = e,
            Action::ClearDrawing => {
                self.drawing = vec![0.0; SIDE * SIDE];
                self.refresh(false);
            }
            Action::SetDrawLabel(l) => self.draw_label = l.min(CLASS_NAMES.len() - 1),
            Action::AddDrawing => {
                if self.drawing.iter().any(|&v| v != 0.0) {
                    self.extra.push(Drawn { pixels: self.drawing.clone(), label: self.draw_label });
                    self.extra_pending = true;
                }
            }
            Action::RemoveDrawn(i) => {
                if i < self.extra.len() {
                    self.extra.remove(i);
                    self.extra_pending = true;
                }
            }
            Action::Import(text) => self.import(&text),
            Action::IoNote(n) => self.io = Some(n),
            Action::LowerRate => {
                let c = Config { lr: self.built.lr / 10.0, ..self.built };
                self.set_config(c);
            }
            Action::DismissNotes => self.ignored.clear(),
        }
    }
}
