//! Saving and loading models as JSON: a round trip keeps every bit, and malformed, foreign or
//! mismatched files are refused with the right typed error.

use convlab::cnn::model::{MODEL_FORMAT, MODEL_VERSION};
use convlab::cnn::{CnnError, LayerConfig, Model, ModelFile, ModelSpec, Trainer};

fn trained() -> Model {
    let mut t = Trainer::reference().unwrap();
    t.train_samples(40).unwrap();
    t.into_model()
}

fn bits(m: &Model) -> Vec<u32> {
    m.params().iter().flat_map(|p| p.weights.iter().chain(&p.bias)).map(|v| v.to_bits()).collect()
}

fn detail(e: CnnError) -> String {
    match e {
        CnnError::ModelFile { detail } => detail,
        other => panic!("expected a model-file error, got {other:?}"),
    }
}

#[test]
fn round_trip_keeps_every_bit() {
    let mut m = trained();
    let json = m.to_json().unwrap();
    let mut back = Model::from_json(&json).unwrap();
    assert_eq!(back.spec(), m.spec());
    assert_eq!(bits(&back), bits(&m));
    let data = convlab::cnn::data::reference_data().unwrap();
    for s in &data.test.samples()[..10] {
        assert_eq!(back.predict(&s.image).unwrap(), m.predict(&s.image).unwrap());
    }
    // Matching the expected architecture also loads.
    assert!(Model::from_json_matching(&json, &ModelSpec::reference()).is_ok());
    let file: ModelFile = serde_json::from_str(&json).unwrap();
    assert_eq!((file.format.as_str(), file.version, file.params.len()), (MODEL_FORMAT, MODEL_VERSION, 3));
}

#[test]
fn malformed_files_are_refused() {
    let d = detail(Model::from_json("{ \"format\": ").unwrap_err());
    assert!(d.starts_with("not valid JSON: EOF while parsing"), "{d}");
    let d = detail(Model::from_json("{\"format\": \"convlab-model\",, }").unwrap_err());
    assert!(d.starts_with("not valid JSON"), "{d}");
    let d = detail(Model::from_json("{}").unwrap_err());
    assert!(d.starts_with("not a ConvLab model: missing field `format`"), "{d}");
    let d = detail(Model::from_json("{\"hello\": 1}").unwrap_err());
    assert!(d.starts_with("not a ConvLab model: unknown field `hello`"), "{d}");

    let mut file = Model::reference().unwrap().to_file();
    file.format = "keras".into();
    let d = detail(Model::from_json(&serde_json::to_string(&file).unwrap()).unwrap_err());
    assert_eq!(d, "format is \"keras\", expected \"convlab-model\"");
    file.format = MODEL_FORMAT.into();
    file.version = 2;
    let d = detail(Model::from_json(&serde_json::to_string(&file).unwrap()).unwrap_err());
    assert_eq!(d, "version 2 is not supported (this ConvLab reads version 1)");

    // A weight that is not a number (null, as JSON writes NaN) is a malformed file too.
    let json = Model::reference().unwrap().to_json().unwrap().replacen("\"bias\":[0.0", "\"bias\":[null", 1);
    assert!(detail(Model::from_json(&json).unwrap_err()).starts_with("not a ConvLab model"));
}

#[test]
fn weights_that_do_not_fit_the_spec_name_the_layer() {
    // The file claims 4 filters in conv1 but carries the weights of 8.
    let mut file = Model::reference().unwrap().to_file();
    file.spec.layers[0] = LayerConfig::Conv { filters: 4, kernel: 3, padding: 1, stride: 1 };
    let e = Model::from_json(&serde_json::to_string(&file).unwrap()).unwrap_err();
    assert_eq!(e.to_string(), "model file: layer 1 (conv 3×3×4, pad 1, stride 1) needs 36 weights, the file has 72");
    assert!(matches!(e, CnnError::ParamCount { layer: 1, expected: 36, got: 72, what: "weights", .. }));

    let mut file = Model::reference().unwrap().to_file();
    file.params[2].bias.pop();
    let e = Model::from_json(&serde_json::to_string(&file).unwrap()).unwrap_err();
    assert_eq!(e.to_string(), "model file: layer 8 (dense 5) needs 5 biases, the file has 4");

    let mut file = Model::reference().unwrap().to_file();
    file.params.pop();
    let e = Model::from_json(&serde_json::to_string(&file).unwrap()).unwrap_err();
    assert!(matches!(e, CnnError::LengthMismatch { expected: 3, got: 2, .. }), "{e}");

    // An impossible spec in the file is refused like any other.
    let mut file = Model::reference().unwrap().to_file();
    file.spec.input.h = 2;
    assert!(matches!(Model::from_json(&serde_json::to_string(&file).unwrap()), Err(CnnError::Layer { layer: 6, .. })));
}

#[test]
fn a_different_architecture_is_refused_when_one_is_expected() {
    let mut spec = ModelSpec::reference();
    spec.layers[3] = LayerConfig::Conv { filters: 4, kernel: 3, padding: 1, stride: 1 };
    let other = spec.build(convlab::cnn::Init::He { seed: 3 }).unwrap();
    let json = other.to_json().unwrap();
    assert!(Model::from_json(&json).is_ok());
    let e = Model::from_json_matching(&json, &ModelSpec::reference()).unwrap_err();
    let CnnError::SpecMismatch { ref expected, ref got } = e else { panic!("{e:?}") };
    assert!(expected.contains("conv 3×3×16") && got.contains("conv 3×3×4"), "{e}");
    assert!(e.to_string().starts_with("model file: it describes 16×16×1 → conv 3×3×8"), "{e}");
}
