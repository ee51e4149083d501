//! The image panel's state and reducer. The picture arrives asynchronously (the browser
//! decodes it); until a new one has been decoded and accepted by the core, the previous one
//! stays on screen, and a picture that cannot be used only adds a message.

use super::bundled::IMAGES;
use super::kernels::{self, KERNELS};
use super::picture::{features, Decoded, Features, Picture};
use crate::cnn::PoolKind;
use crate::link::Ignored;
use crate::panels::text_grid::TextGrid;
use std::rc::Rc;
use yew::Reducible;

/// Largest kernel side offered.
pub const MAX_KERNEL: usize = 7;
/// Larger files are refused before the browser is asked to decode them.
pub const MAX_FILE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Where the picture comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// One of `bundled::IMAGES`.
    Bundled(usize),
    /// A file the user chose (its name); it lives only in this page, never in a link.
    Upload(String),
}

/// The kernel: one of `kernels::KERNELS`, or typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelChoice {
    Preset(usize),
    Custom,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImageState {
    /// The picture chosen (it may still be loading).
    pub source: Source,
    pub choice: KernelChoice,
    /// The kernel's cells as typed.
    pub kernel: TextGrid,
    pub relu: bool,
    pub pool: Option<PoolKind>,
    /// The feature-map pixel explained, row-major (the contract's `step`).
    pub step: usize,
    /// The picture shown: the last one that was decoded and accepted.
    pub picture: Option<Rc<Picture>>,
    /// What the core computed from `picture` with the last valid kernel.
    pub features: Option<Rc<Features>>,
    pub loading: bool,
    /// Why the last picture asked for could not be used (the previous one stays).
    pub load_error: Option<String>,
    /// Why the typed kernel cannot be used with this picture (the last valid one stays).
    pub shape_error: Option<String>,
    pub ignored: Vec<Ignored>,
}

impl Default for ImageState {
    fn default() -> Self {
        ImageState {
            source: Source::Bundled(0),
            choice: KernelChoice::Preset(0),
            kernel: TextGrid::from_values(&kernels::rows(0)),
            relu: false,
            pool: None,
            step: 0,
            picture: None,
            features: None,
            loading: true,
            load_error: None,
            shape_error: None,
            ignored: Vec::new(),
        }
    }
}

impl ImageState {
    /// True when the picture shown is the one chosen.
    pub fn showing_source(&self) -> bool {
        self.picture.as_ref().is_some_and(|p| p.source == self.source)
    }

    /// The bundled picture to fetch, when the one chosen is not showing yet.
    pub fn wanted_bundled(&self) -> Option<usize> {
        match self.source {
            Source::Bundled(i) if !self.showing_source() => Some(i),
            _ => None,
        }
    }

    /// The kernel to use: the typed one when it parses, else the last one used.
    fn kernel_rows(&self) -> Option<Vec<Vec<f32>>> {
        self.kernel.values().ok().or_else(|| self.features.as_ref().map(|f| f.kernel_rows()))
    }

    /// Runs the core on the picture with the current kernel and switches.
    pub(crate) fn refresh(&mut self) {
        let (Some(picture), Some(kernel)) = (self.picture.clone(), self.kernel_rows()) else { return };
        match features(&picture, &kernel, self.relu, self.pool) {
            Ok(f) => {
                let (h, w) = f.size();
                self.step = self.step.min(h * w - 1);
                self.features = Some(Rc::new(f));
                self.shape_error = None;
            }
            Err(e) => self.shape_error = Some(format!("{e}. The feature map still uses the last kernel that fitted.")),
        }
    }

    /// Accepts a decoded picture, or explains why not and keeps the one shown.
    fn accept(&mut self, d: Decoded) {
        let name = source_name(&d.source);
        let kernel = self.kernel_rows();
        let result = Picture::new(d).and_then(|p| {
            let f = kernel.as_ref().map(|k| features(&p, k, self.relu, self.pool)).transpose()?;
            Ok((p, f))
        });
        match result {
            Ok((p, f)) => {
                self.source = p.source.clone();
                self.picture = Some(Rc::new(p));
                self.features = f.map(Rc::new);
                if let Some((h, w)) = self.features.as_ref().map(|f| f.size()) {
                    self.step = self.step.min(h * w - 1);
                }
                self.load_error = None;
                self.shape_error = None;
            }
            Err(e) => self.refuse(format!("{name} cannot be used: {e}")),
        }
        self.loading = false;
    }

    /// Keeps the picture shown (if any) and says why the new one was not taken.
    fn refuse(&mut self, message: String) {
        if let Some(p) = &self.picture {
            self.source = p.source.clone();
        }
        self.load_error = Some(message);
        self.loading = false;
    }
}

/// How a picture is named in messages.
pub fn source_name(s: &Source) -> String {
    match s {
        Source::Bundled(i) => format!("the picture “{}”", IMAGES.get(*i).map_or("?", |b| b.title)),
        Source::Upload(name) => format!("“{name}”"),
    }
}

/// Checks a chosen file before the browser decodes it: not empty, not huge, and not of a
/// type that is clearly not a picture (an unknown type is tried: the decoder decides).
pub fn check_file(name: &str, mime: &str, bytes: f64) -> Result<(), String> {
    let kept = "The picture shown stays.";
    if bytes > MAX_FILE_BYTES {
        return Err(format!("“{name}” is {:.1} MB; pictures up to 10 MB are read (a photo this large is shrunk to 64 pixels anyway). {kept}", bytes / 1048576.0));
    }
    if bytes == 0.0 {
        return Err(format!("“{name}” is empty. {kept}"));
    }
    if !mime.is_empty() && !mime.starts_with("image/") {
        return Err(format!("“{name}” is not a picture (its type is {mime}); choose a PNG, JPEG, GIF, WebP or BMP file. {kept}"));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Choose a bundled picture (the panel then fetches it).
    Pick(usize),
    /// The browser is decoding a file the user chose.
    Uploading,
    /// The browser decoded a picture.
    Loaded(Box<Decoded>),
    /// The picture asked for could not be read or decoded (why).
    LoadFailed(String),
    SetKernel(String),
    EditKernel(usize, usize, String),
    ResizeKernel(usize, usize),
    ToggleRelu,
    SetPool(Option<PoolKind>),
    /// Explain feature-map pixel (row, column).
    Select(usize, usize),
    /// A click on the pooled map: explain the pixel that decided the window at (row, column).
    SelectPooled(usize, usize),
    /// Move the selection by (rows, columns), stopping at the edges.
    Move(i32, i32),
    Replace(Box<ImageState>),
    DismissNotes,
    DismissLoadError,
}

impl Reducible for ImageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let size = s.features.as_ref().map(|f| f.size());
        match action {
            Action::Pick(i) if i < IMAGES.len() => {
                s.source = Source::Bundled(i);
                s.loading = !s.showing_source();
                s.load_error = None;
            }
            Action::Pick(_) => {}
            Action::Uploading => (s.loading, s.load_error) = (true, None),
            Action::Loaded(d) => s.accept(*d),
            Action::LoadFailed(m) => s.refuse(m),
            Action::SetKernel(id) => match kernels::find(&id) {
                Some(i) => {
                    (s.choice, s.kernel) = (KernelChoice::Preset(i), TextGrid::from_values(&kernels::rows(i)));
                    s.refresh();
                }
                None => s.choice = KernelChoice::Custom, // the weights stay, now to be edited
            },
            Action::EditKernel(r, c, t) => {
                s.kernel.set(r, c, t);
                s.choice = s.kernel.values().ok().and_then(|k| kernels::matching(&k)).map_or(KernelChoice::Custom, KernelChoice::Preset);
                s.refresh();
            }
            Action::ResizeKernel(r, c) => {
                s.kernel.resize(r.clamp(1, MAX_KERNEL), c.clamp(1, MAX_KERNEL));
                s.choice = KernelChoice::Custom;
                s.refresh();
            }
            Action::ToggleRelu => {
                s.relu = !s.relu;
                s.refresh();
            }
            Action::SetPool(p) => {
                s.pool = p;
                s.refresh();
            }
            Action::Select(r, c) => {
                if let Some((_, w)) = size.filter(|&(h, w)| r < h && c < w) {
                    s.step = r * w + c;
                }
            }
            Action::SelectPooled(r, c) => {
                let f = s.features.clone();
                if let (Some(f), Some((_, w))) = (f, size) {
                    if let Some(p) = f.pool.as_ref().filter(|p| r < p.params.out_h() && c < p.params.out_w()) {
                        let win = &p.trace.windows[r * p.params.out_w() + c];
                        let (y, x) = match win.result {
                            crate::cnn::WindowResult::Max { winner, .. } => win.cells.get(winner).map_or((win.top, win.left), |c| (c.y, c.x)),
                            crate::cnn::WindowResult::Average { .. } => (win.top, win.left),
                        };
                        s.step = y * w + x;
                    }
                }
            }
            Action::Move(dy, dx) => {
                if let Some((h, w)) = size {
                    let (y, x) = ((s.step / w) as i64 + i64::from(dy), (s.step % w) as i64 + i64::from(dx));
                    s.step = y.clamp(0, h as i64 - 1) as usize * w + x.clamp(0, w as i64 - 1) as usize;
                }
            }
            Action::Replace(new) => {
                let old = s;
                s = *new;
                // A link for the picture already showing need not load it again.
                if let Some(p) = old.picture.filter(|p| p.source == s.source) {
                    s.picture = Some(p);
                    s.loading = false;
                    s.refresh();
                }
            }
            Action::DismissNotes => s.ignored.clear(),
            Action::DismissLoadError => s.load_error = None,
        }
        Rc::new(s)
    }
}

/// The preset kernel's entry, if a preset is chosen.
pub fn preset(choice: KernelChoice) -> Option<&'static kernels::KernelPreset> {
    match choice {
        KernelChoice::Preset(i) => KERNELS.get(i),
        KernelChoice::Custom => None,
    }
}
