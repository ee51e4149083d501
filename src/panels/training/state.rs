//! The training lab's state and reducer. The configuration is data ([`Config`]); the run itself
//! is the core's [`Trainer`], shared behind an `Rc<RefCell<…>>` so a frame's slice of training
//! does not copy the model. Everything shown (plan, records, evaluation, feature maps,
//! predictions, the backprop trace) comes from the core; the reducer only decides when to ask.

use super::backprop::Backprop;
use super::config::{Config, SIDE};
use super::presets::find_preset;
use crate::cnn::data::reference_data;
use crate::cnn::{Dataset, Evaluation, FeatureMap, Init, Model, ModelPlan, Prediction, Shape, Tensor, TrainStatus, Trainer, CLASS_NAMES};
use crate::link::Ignored;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

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
    /// Samples trained per frame, adapted to the frame budget.
    pub slice: usize,
    /// Test samples evaluated per frame at the end of an epoch, adapted likewise.
    pub eval_slice: usize,
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

fn base_data() -> Rc<(Dataset, Dataset)> {
    let d = reference_data().expect("the reference data is generated");
    Rc::new((d.train, d.test))
}

fn new_trainer(config: &Config, base: &(Dataset, Dataset), extra: &[Drawn]) -> Result<Trainer, String> {
    let model = config.spec().build(Init::Glorot { seed: config.seed }).map_err(|e| e.to_string())?;
    trainer_for(model, config, base, extra)
}

pub(super) fn trainer_for(model: Model, config: &Config, base: &(Dataset, Dataset), extra: &[Drawn]) -> Result<Trainer, String> {
    let mut train = base.0.clone();
    for d in extra {
        let image = Tensor::new(Shape::new(1, SIDE, SIDE), d.pixels.clone()).map_err(|e| e.to_string())?;
        train.push(image, d.label).map_err(|e| e.to_string())?;
    }
    let mut t = Trainer::new(model, train, base.1.clone(), config.train_config()).map_err(|e| e.to_string())?;
    // End-of-epoch evaluations run in chunks of their own between training slices (run.rs).
    t.defer_evaluation(true);
    Ok(t)
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
            eval_slice: 10,
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
