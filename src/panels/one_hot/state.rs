//! The one-hot panel's state and reducer: categories, samples and a vector to check, all kept
//! as typed. The table shows the last valid categories and samples, encoded by the core.

use super::presets::{self, Preset};
use crate::cnn::{one_hot, validate_one_hot, OneHotCheck};
use crate::link::Ignored;
use crate::panels::vector_text::{name_problem, parse_vector, split_names};
use std::rc::Rc;
use yew::Reducible;

pub const MAX_CATEGORIES: usize = 12;
pub const MAX_SAMPLES: usize = 40;
const STILL: &str = "The table still shows the last valid list.";

/// Valid categories and samples, and each sample's one-hot vector from the core.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub categories: Vec<String>,
    /// (the sample as typed, its category's index)
    pub samples: Vec<(String, usize)>,
    pub vectors: Vec<Vec<f32>>,
}

/// A checked vector and the core's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub vector: Vec<f32>,
    pub check: OneHotCheck,
}

/// The category names, or why they cannot be used.
pub fn parse_categories(text: &str) -> Result<Vec<String>, String> {
    let names = split_names(text);
    if names.is_empty() {
        return Err("the list is empty; type the category names, separated by commas".into());
    }
    if names.len() > MAX_CATEGORIES {
        return Err(format!("there are {}; this panel allows at most {MAX_CATEGORIES}", names.len()));
    }
    if let Some(p) = names.iter().find_map(|n| name_problem(n)) {
        return Err(p);
    }
    for (i, n) in names.iter().enumerate() {
        if let Some(j) = names[..i].iter().position(|m| m.to_lowercase() == n.to_lowercase()) {
            return Err(format!(
                "“{n}” is listed twice (as category {} and {}); each category needs its own column, and names are compared ignoring capitals",
                j + 1,
                i + 1
            ));
        }
    }
    Ok(names)
}

/// Each sample with its category's index, or every sample that names no category.
pub fn parse_samples(text: &str, categories: &[String]) -> Result<Vec<(String, usize)>, String> {
    let names = split_names(text);
    if names.is_empty() {
        return Err("the list is empty; type the samples, separated by commas".into());
    }
    if names.len() > MAX_SAMPLES {
        return Err(format!("there are {}; this panel allows at most {MAX_SAMPLES}", names.len()));
    }
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for (i, n) in names.iter().enumerate() {
        match categories.iter().position(|c| c.to_lowercase() == n.to_lowercase()) {
            Some(k) => out.push((n.clone(), k)),
            None => unknown.push(format!("“{}” (sample {})", n.chars().take(30).collect::<String>(), i + 1)),
        }
    }
    if unknown.is_empty() {
        return Ok(out);
    }
    let verb = if unknown.len() == 1 { "is not one of the categories" } else { "are not among the categories" };
    Err(format!("{} {verb} ({})", unknown.into_iter().take(4).collect::<Vec<_>>().join(", "), categories.join(", ")))
}

/// Encodes every sample with the core.
pub fn compute(categories: Vec<String>, samples: Vec<(String, usize)>) -> Result<Computed, String> {
    let vectors = samples.iter().map(|(_, k)| one_hot(*k, categories.len())).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
    Ok(Computed { categories, samples, vectors })
}

/// Checks a typed vector with the core.
pub fn check(text: &str) -> Result<Checked, String> {
    let vector = parse_vector(text)?;
    let check = validate_one_hot(&vector);
    Ok(Checked { vector, check })
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneHotState {
    pub categories: String,
    pub samples: String,
    pub vector: String,
    pub preset: Option<&'static str>,
    pub ignored: Vec<Ignored>,
    pub good: Rc<Computed>,
    pub good_check: Rc<Checked>,
    pub categories_error: Option<String>,
    pub samples_error: Option<String>,
    pub vector_error: Option<String>,
}

impl OneHotState {
    pub fn from_preset(p: &'static Preset) -> OneHotState {
        let mut s = OneHotState {
            categories: p.categories.join(", "),
            samples: p.samples.join(", "),
            vector: p.vector.to_string(),
            preset: Some(p.id),
            ignored: Vec::new(),
            good: Rc::new(Computed { categories: Vec::new(), samples: Vec::new(), vectors: Vec::new() }),
            good_check: Rc::new(Checked { vector: Vec::new(), check: OneHotCheck::Empty }),
            categories_error: None,
            samples_error: None,
            vector_error: None,
        };
        s.refresh();
        s
    }

    /// Re-reads the texts; what is valid replaces what was shown, what is not gets a message.
    pub(crate) fn refresh(&mut self) {
        (self.categories_error, self.samples_error) = (None, None);
        match parse_categories(&self.categories) {
            Err(e) => self.categories_error = Some(format!("Categories: {e}. {STILL}")),
            Ok(cats) => match parse_samples(&self.samples, &cats).and_then(|s| compute(cats, s)) {
                Ok(c) => self.good = Rc::new(c),
                Err(e) => self.samples_error = Some(format!("Samples: {e}. {STILL}")),
            },
        }
        match check(&self.vector) {
            Ok(c) => (self.good_check, self.vector_error) = (Rc::new(c), None),
            Err(e) => self.vector_error = Some(format!("Vector: {e}. The verdict below is for the last vector that could be read.")),
        }
    }
}

impl Default for OneHotState {
    fn default() -> Self {
        OneHotState::from_preset(&presets::PRESETS[0])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    EditCategories(String),
    EditSamples(String),
    EditVector(String),
    LoadPreset(String),
    Replace(Box<OneHotState>),
    DismissNotes,
}

impl Reducible for OneHotState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::EditCategories(t) => (s.categories, s.preset) = (t, None),
            Action::EditSamples(t) => (s.samples, s.preset) = (t, None),
            // The vector is checked on its own; the preset's table stays.
            Action::EditVector(t) => s.vector = t,
            Action::LoadPreset(id) => {
                if let Some(p) = presets::find(&id) {
                    s = OneHotState::from_preset(p);
                }
            }
            Action::Replace(new) => s = *new,
            Action::DismissNotes => s.ignored.clear(),
        }
        s.refresh();
        Rc::new(s)
    }
}
