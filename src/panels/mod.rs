//! The teaching panels, one per folder or file, and the list the navigation is built from.

pub mod common;
pub mod convolution;
pub mod text_grid;
pub mod cells;
pub mod link_keys;
pub mod overflow;
pub mod stepping;
pub mod pooling;
pub mod flatten;
pub mod dense;
pub mod softmax;
pub mod cross_entropy;
pub mod one_hot;
pub mod vector_text;
pub mod architectures;
pub mod training;
pub mod rgb;
pub mod padding;
pub mod parameters;
pub mod stages;
pub mod pipeline;
pub mod exercises;
pub mod image;

/// A panel of the app, in the lecture's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelInfo {
    /// The route name, as in `#/<name>` (never renamed: links depend on it).
    pub name: &'static str,
    pub title: &'static str,
    pub blurb: &'static str,
}

/// Every panel, in the order the lecture teaches them.
pub const PANELS: &[PanelInfo] = &[
    PanelInfo { name: "convolution", title: "Convolution", blurb: "A kernel slides over an image; every product and sum on screen." },
    PanelInfo { name: "padding", title: "Padding & stride", blurb: "Valid, same and any p; strides and the floor in the output-size formula." },
    PanelInfo { name: "rgb", title: "Colour & bias", blurb: "Three channels, a 3-deep kernel and a bias give one feature map." },
    PanelInfo { name: "parameters", title: "Why convolution", blurb: "Sparse interactions, shared weights, and the parameters they save." },
    PanelInfo { name: "stages", title: "Stages of a layer", blurb: "Convolution, then ReLU, then pooling: one image through a whole layer." },
    PanelInfo { name: "image", title: "Your own image", blurb: "A real picture, turned gray and convolved: the feature map as an image." },
    PanelInfo { name: "pooling", title: "Pooling", blurb: "Max and average pooling, window by window." },
    PanelInfo { name: "flatten", title: "Flatten", blurb: "Feature maps unrolled into one vector." },
    PanelInfo { name: "dense", title: "Fully connected", blurb: "Weighted sums of every feature, plus a bias." },
    PanelInfo { name: "softmax", title: "Softmax", blurb: "Scores turned into probabilities that sum to 1." },
    PanelInfo { name: "cross-entropy", title: "Cross-entropy", blurb: "The loss in bits and nats, term by term." },
    PanelInfo { name: "one-hot", title: "One-hot", blurb: "Categories as vectors of one 1 and many 0s." },
    PanelInfo { name: "pipeline", title: "The whole network", blurb: "Image to prediction to loss, stage by stage." },
    PanelInfo { name: "training", title: "Training lab", blurb: "The five-class homework, trained live with backprop in numbers." },
    PanelInfo { name: "exercises", title: "Exercises", blurb: "The lecture's exercises, generated and checked." },
    PanelInfo { name: "architectures", title: "Architectures", blurb: "LeNet to ResNet, shapes and parameters computed." },
];

/// The panel component for a route name, or None when this build leaves the panel out (the
/// browser gets one module per group of panels: see Cargo.toml's `group-*` features).
/// Adding a panel = one arm here, its entry in `PANELS`, and its feature in one group.
pub fn view(name: &str) -> Option<yew::Html> {
    use yew::html;
    match name {
        #[cfg(feature = "panel-convolution")]
        "convolution" => Some(html! { <convolution::ConvolutionPanel /> }),
        #[cfg(feature = "panel-rgb")]
        "rgb" => Some(html! { <rgb::RgbPanel /> }),
        #[cfg(feature = "panel-padding")]
        "padding" => Some(html! { <padding::PaddingPanel /> }),
        #[cfg(feature = "panel-parameters")]
        "parameters" => Some(html! { <parameters::ParametersPanel /> }),
        #[cfg(feature = "panel-stages")]
        "stages" => Some(html! { <stages::StagesPanel /> }),
        #[cfg(feature = "panel-image")]
        "image" => Some(html! { <image::ImagePanel /> }),
        #[cfg(feature = "panel-pooling")]
        "pooling" => Some(html! { <pooling::PoolingPanel /> }),
        #[cfg(feature = "panel-flatten")]
        "flatten" => Some(html! { <flatten::FlattenPanel /> }),
        #[cfg(feature = "panel-dense")]
        "dense" => Some(html! { <dense::DensePanel /> }),
        #[cfg(feature = "panel-softmax")]
        "softmax" => Some(html! { <softmax::SoftmaxPanel /> }),
        #[cfg(feature = "panel-cross-entropy")]
        "cross-entropy" => Some(html! { <cross_entropy::CrossEntropyPanel /> }),
        #[cfg(feature = "panel-one-hot")]
        "one-hot" => Some(html! { <one_hot::OneHotPanel /> }),
        #[cfg(feature = "panel-architectures")]
        "architectures" => Some(html! { <architectures::ArchitecturesPanel /> }),
        #[cfg(feature = "panel-training")]
        "training" => Some(html! { <training::TrainingPanel /> }),
        #[cfg(feature = "panel-pipeline")]
        "pipeline" => Some(html! { <pipeline::PipelinePanel /> }),
        #[cfg(feature = "panel-exercises")]
        "exercises" => Some(html! { <exercises::ExercisesPanel /> }),
        _ => None,
    }
}

/// The panel with this route name.
pub fn find(name: &str) -> Option<&'static PanelInfo> {
    PANELS.iter().find(|p| p.name == name)
}
