//! Saving and loading a model as JSON: the spec and the weights of every convolution and
//! dense layer, in the core layouts (filters filter-major, then channel, then row-major; dense
//! out × in, row-major).
//!
//! ```json
//! { "format": "convlab-model", "version": 1,
//!   "spec": { "input": {"c": 1, "h": 16, "w": 16}, "layers": [...], "classes": 5, "loss": "CrossEntropy" },
//!   "params": [ { "weights": [...], "bias": [...] }, ... ] }
//! ```
//!
//! Loading refuses, with a typed error: text that is not JSON or not a model file
//! ([`CnnError::ModelFile`]), an impossible spec ([`CnnError::Layer`] and friends), weights
//! whose counts do not fit the spec ([`CnnError::ParamCount`]), and, when a particular
//! architecture is expected, a different one ([`CnnError::SpecMismatch`]).

use super::super::error::{CnnError, Result};
use super::layer::LayerParams;
use super::spec::{LossKind, ModelSpec};
use super::Model;
use serde::{Deserialize, Serialize};

/// The `format` tag of a model file.
pub const MODEL_FORMAT: &str = "convlab-model";
/// The version of the file layout this core writes and reads.
pub const MODEL_VERSION: u32 = 1;

/// A saved model: spec and weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// Always [`MODEL_VERSION`].
    pub version: u32,
    /// The architecture.
    pub spec: ModelSpec,
    /// One entry per convolution or dense layer, in order.
    pub params: Vec<LayerParams>,
}

/// A one-line description of a spec, for messages: "16×16×1 → conv 3×3×8, … → dense 5
/// (5 classes, cross-entropy)".
pub(crate) fn describe(spec: &ModelSpec) -> String {
    let mut s = spec.input.to_string();
    for l in &spec.layers {
        s.push_str(" → ");
        s.push_str(&l.name());
    }
    let loss = match spec.loss {
        LossKind::CrossEntropy => "cross-entropy",
        LossKind::Mse => "MSE",
    };
    format!("{s} ({} classes, {loss})", spec.classes)
}

impl Model {
    /// The model as a [`ModelFile`].
    pub fn to_file(&self) -> ModelFile {
        ModelFile {
            format: MODEL_FORMAT.into(),
            version: MODEL_VERSION,
            spec: self.spec.clone(),
            params: self.params(),
        }
    }

    /// The model as JSON. Refused when a weight is NaN or infinite (JSON has no such numbers).
    pub fn to_json(&self) -> Result<String> {
        if let Some((_, value)) = self.first_non_finite() {
            return Err(CnnError::NotFinite { what: "model weight (cannot be saved)", value });
        }
        serde_json::to_string(&self.to_file()).map_err(|e| CnnError::ModelFile { detail: e.to_string() })
    }

    /// A model from a [`ModelFile`], with every check of [`Model::from_params`].
    pub fn from_file(file: ModelFile) -> Result<Model> {
        if file.format != MODEL_FORMAT {
            return Err(CnnError::ModelFile {
                detail: format!("format is \"{}\", expected \"{MODEL_FORMAT}\"", file.format),
            });
        }
        if file.version != MODEL_VERSION {
            return Err(CnnError::ModelFile {
                detail: format!(
                    "version {} is not supported (this ConvLab reads version {MODEL_VERSION})",
                    file.version
                ),
            });
        }
        Model::from_params(&file.spec, file.params)
    }

    /// A model from JSON written by [`Model::to_json`].
    pub fn from_json(json: &str) -> Result<Model> {
        let file: ModelFile = serde_json::from_str(json).map_err(|e| {
            let detail = if e.is_syntax() || e.is_eof() {
                format!("not valid JSON: {e}")
            } else {
                format!("not a ConvLab model: {e}")
            };
            CnnError::ModelFile { detail }
        })?;
        Model::from_file(file)
    }

    /// Like [`Model::from_json`], refusing a file whose architecture is not `expected`.
    pub fn from_json_matching(json: &str, expected: &ModelSpec) -> Result<Model> {
        let model = Model::from_json(json)?;
        if model.spec() != expected {
            return Err(CnnError::SpecMismatch { expected: describe(expected), got: describe(model.spec()) });
        }
        Ok(model)
    }
}
