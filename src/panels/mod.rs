//! The teaching panels, one per folder or file, and the list the navigation is built from.

pub mod common;
pub mod convolution;
pub mod text_grid;

/// A panel of the app, in the lecture's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelInfo {
    /// The route name, as in `#/<name>` (never renamed: links depend on it).
    pub name: &'static str,
    pub title: &'static str,
    pub blurb: &'static str,
    pub ready: bool,
}

/// Every panel, in the order the lecture teaches them.
pub const PANELS: &[PanelInfo] = &[
    PanelInfo { name: "convolution", title: "Convolution", blurb: "A kernel slides over an image; every product and sum on screen.", ready: true },
    PanelInfo { name: "padding", title: "Padding & stride", blurb: "Valid, same and any p; strides and the floor in the output-size formula.", ready: false },
    PanelInfo { name: "rgb", title: "Colour & bias", blurb: "Three channels, a 3-deep kernel and a bias give one feature map.", ready: false },
    PanelInfo { name: "parameters", title: "Why convolution", blurb: "Sparse interactions, shared weights, and the parameters they save.", ready: false },
    PanelInfo { name: "pooling", title: "Pooling", blurb: "Max and average pooling, window by window.", ready: false },
    PanelInfo { name: "flatten", title: "Flatten", blurb: "Feature maps unrolled into one vector.", ready: false },
    PanelInfo { name: "dense", title: "Fully connected", blurb: "Weighted sums of every feature, plus a bias.", ready: false },
    PanelInfo { name: "softmax", title: "Softmax", blurb: "Scores turned into probabilities that sum to 1.", ready: false },
    PanelInfo { name: "cross-entropy", title: "Cross-entropy", blurb: "The loss in bits and nats, term by term.", ready: false },
    PanelInfo { name: "one-hot", title: "One-hot", blurb: "Categories as vectors of one 1 and many 0s.", ready: false },
    PanelInfo { name: "pipeline", title: "The whole network", blurb: "Image to prediction to loss, stage by stage.", ready: false },
    PanelInfo { name: "training", title: "Training lab", blurb: "The five-class homework, trained live with backprop in numbers.", ready: false },
    PanelInfo { name: "exercises", title: "Exercises", blurb: "The lecture's exercises, generated and checked.", ready: false },
    PanelInfo { name: "architectures", title: "Architectures", blurb: "LeNet to ResNet, shapes and parameters computed.", ready: false },
];

/// The panel with this route name.
pub fn find(name: &str) -> Option<&'static PanelInfo> {
    PANELS.iter().find(|p| p.name == name)
}
