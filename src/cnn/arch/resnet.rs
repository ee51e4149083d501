//! ResNet-18 and ResNet-50 as torchvision builds them (`torchvision.models.resnet18/50`),
//! with torchvision's module names: bias-free convolutions, each followed by batch norm.

use super::{Architecture, LayerSpec as L, PublishedCount};
use crate::tensor::Shape;

/// Which residual block a ResNet stacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Two 3×3 convolutions (ResNet-18/34); expansion 1.
    Basic,
    /// 1×1 reduce, 3×3, 1×1 expand to 4× (ResNet-50/101/152); expansion 4.
    Bottleneck,
}

impl Block {
    /// How many times wider the block's output is than its inner width.
    pub const fn expansion(self) -> usize {
        match self {
            Block::Basic => 1,
            Block::Bottleneck => 4,
        }
    }
}

/// One residual block named `name` (e.g. "layer2.0") with inner width `planes`, reading
/// `in_channels` channels. A projection shortcut (1×1 convolution + batch norm) is used when
/// the stride is not 1 or the channel count changes, as in torchvision (option B).
pub fn residual_block(name: &str, block: Block, in_channels: usize, planes: usize, stride: usize) -> L {
    let n = |s: &str| format!("{name}.{s}");
    let out = planes.saturating_mul(block.expansion());
    let main = match block {
        Block::Basic => vec![
            L::conv_no_bias(n("conv1"), planes, 3, stride, 1),
            L::batch_norm(n("bn1")),
            L::relu(n("relu")),
            L::conv_no_bias(n("conv2"), planes, 3, 1, 1),
            L::batch_norm(n("bn2")),
        ],
        // torchvision's "ResNet v1.5": the stride sits on the 3×3 convolution.
        Block::Bottleneck => vec![
            L::conv_no_bias(n("conv1"), planes, 1, 1, 0),
            L::batch_norm(n("bn1")),
            L::relu(n("relu1")),
            L::conv_no_bias(n("conv2"), planes, 3, stride, 1),
            L::batch_norm(n("bn2")),
            L::relu(n("relu2")),
            L::conv_no_bias(n("conv3"), out, 1, 1, 0),
            L::batch_norm(n("bn3")),
        ],
    };
    let shortcut = if stride != 1 || in_channels != out {
        vec![L::conv_no_bias(n("downsample.0"), out, 1, stride, 0), L::batch_norm(n("downsample.1"))]
    } else {
        Vec::new()
    };
    L::residual(name, main, shortcut)
}

/// The layers of a torchvision ResNet with `blocks` blocks in each of its four stages.
pub fn resnet_layers(block: Block, blocks: [usize; 4]) -> Vec<L> {
    let mut layers = vec![
        L::conv_no_bias("conv1", 64, 7, 2, 3),
        L::batch_norm("bn1"),
        L::relu("relu"),
        L::max_pool("maxpool", 3, 2, 1),
    ];
    let mut channels = 64;
    for (stage, (&count, planes)) in blocks.iter().zip([64, 128, 256, 512]).enumerate() {
        for i in 0..count {
            let stride = if stage > 0 && i == 0 { 2 } else { 1 };
            layers.push(residual_block(&format!("layer{}.{i}", stage + 1), block, channels, planes, stride));
            channels = planes.saturating_mul(block.expansion());
        }
    }
    layers.extend([L::global_avg_pool("avgpool"), L::flatten("flatten"), L::dense("fc", 1000)]);
    layers
}

const TITLE: &str = "Deep Residual Learning for Image Recognition";
const AUTHORS: &str = "Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun";
const VENUE: &str = "CVPR 2016 (arXiv:1512.03385, 2015)";

/// ResNet-18 as torchvision builds it.
pub fn resnet18() -> Architecture {
    Architecture {
        id: "resnet18",
        name: "ResNet-18",
        year: 2015,
        title: TITLE,
        authors: AUTHORS,
        venue: VENUE,
        variant: "torchvision's ResNet-18: 7×7/2 stem, 3×3/2 max pool, four stages of two basic \
                  blocks (64, 128, 256, 512), bias-free convolutions each followed by batch \
                  norm (γ and β counted), 1×1 projection shortcuts where the shape changes, \
                  global average pool, fc 1000. The paper's Table 1 gives 1.8×10⁹ FLOPs \
                  (multiply-adds).",
        input: Shape::new(3, 224, 224),
        layers: resnet_layers(Block::Basic, [2, 2, 2, 2]),
        published: Some(PublishedCount {
            params: 11_689_512,
            source: "torchvision ResNet18_Weights.IMAGENET1K_V1, num_params",
        }),
    }
}

/// ResNet-50 as torchvision builds it.
pub fn resnet50() -> Architecture {
    Architecture {
        id: "resnet50",
        name: "ResNet-50",
        year: 2015,
        title: TITLE,
        authors: AUTHORS,
        venue: VENUE,
        variant: "torchvision's ResNet-50 (\"v1.5\"): four stages of 3, 4, 6, 3 bottleneck blocks \
                  (1×1, 3×3, 1×1 ×4), the stride on the 3×3 convolution rather than on the first \
                  1×1 as in the paper (same parameters, more multiply-adds: 4.09×10⁹ against the \
                  paper's 3.8×10⁹), bias-free convolutions with batch norm, projection shortcuts \
                  on each stage's first block.",
        input: Shape::new(3, 224, 224),
        layers: resnet_layers(Block::Bottleneck, [3, 4, 6, 3]),
        published: Some(PublishedCount {
            params: 25_557_032,
            source: "torchvision ResNet50_Weights.IMAGENET1K_V1, num_params",
        }),
    }
}
