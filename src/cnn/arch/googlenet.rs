//! GoogLeNet (Inception v1) as torchvision builds it (`torchvision.models.googlenet`), with
//! torchvision's module names.

use super::{Architecture, LayerSpec as L, PublishedCount};
use crate::tensor::Shape;

/// torchvision's `BasicConv2d`: convolution without bias, batch norm, ReLU.
fn basic_conv(prefix: &str, filters: usize, kernel: usize, stride: usize, padding: usize) -> Vec<L> {
    vec![
        L::conv_no_bias(format!("{prefix}.conv"), filters, kernel, stride, padding),
        L::batch_norm(format!("{prefix}.bn")),
        L::relu(format!("{prefix}.relu")),
    ]
}

/// The filter counts of one inception module: 1×1; 3×3 reduce, 3×3; "5×5" reduce, "5×5";
/// pool projection (the columns of the paper's Table 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InceptionWidths {
    /// Filters of the 1×1 branch.
    pub c1: usize,
    /// 1×1 reduction before the 3×3 convolution.
    pub c3_reduce: usize,
    /// Filters of the 3×3 branch.
    pub c3: usize,
    /// 1×1 reduction before the third branch's convolution.
    pub c5_reduce: usize,
    /// Filters of the third branch (5×5 in the paper, 3×3 in torchvision).
    pub c5: usize,
    /// 1×1 projection after the 3×3 max pool.
    pub pool_proj: usize,
}

/// The nine modules of Table 1, named as torchvision names them.
pub const INCEPTION_MODULES: [(&str, InceptionWidths); 9] = [
    ("inception3a", w(64, 96, 128, 16, 32, 32)),
    ("inception3b", w(128, 128, 192, 32, 96, 64)),
    ("inception4a", w(192, 96, 208, 16, 48, 64)),
    ("inception4b", w(160, 112, 224, 24, 64, 64)),
    ("inception4c", w(128, 128, 256, 24, 64, 64)),
    ("inception4d", w(112, 144, 288, 32, 64, 64)),
    ("inception4e", w(256, 160, 320, 32, 128, 128)),
    ("inception5a", w(256, 160, 320, 32, 128, 128)),
    ("inception5b", w(384, 192, 384, 48, 128, 128)),
];

const fn w(c1: usize, c3_reduce: usize, c3: usize, c5_reduce: usize, c5: usize, pool_proj: usize) -> InceptionWidths {
    InceptionWidths { c1, c3_reduce, c3, c5_reduce, c5, pool_proj }
}

/// One inception module as torchvision builds it; the third branch's convolution is 3×3
/// with padding 1 (torchvision keeps this "known bug" for compatibility with its weights).
pub fn inception(name: &str, c: InceptionWidths) -> L {
    let b = |i: usize| format!("{name}.branch{i}");
    let branch1 = basic_conv(&b(1), c.c1, 1, 1, 0);
    let branch2 =
        [basic_conv(&format!("{}.0", b(2)), c.c3_reduce, 1, 1, 0), basic_conv(&format!("{}.1", b(2)), c.c3, 3, 1, 1)]
            .concat();
    let branch3 =
        [basic_conv(&format!("{}.0", b(3)), c.c5_reduce, 1, 1, 0), basic_conv(&format!("{}.1", b(3)), c.c5, 3, 1, 1)]
            .concat();
    let mut branch4 = vec![L::max_pool(format!("{}.0", b(4)), 3, 1, 1).ceil()];
    branch4.extend(basic_conv(&format!("{}.1", b(4)), c.pool_proj, 1, 1, 0));
    L::inception(name, vec![branch1, branch2, branch3, branch4])
}

/// GoogLeNet as torchvision builds it, without the auxiliary classifiers.
pub fn googlenet() -> Architecture {
    let mut layers = Vec::new();
    layers.extend(basic_conv("conv1", 64, 7, 2, 3));
    layers.push(L::max_pool("maxpool1", 3, 2, 0).ceil());
    layers.extend(basic_conv("conv2", 64, 1, 1, 0));
    layers.extend(basic_conv("conv3", 192, 3, 1, 1));
    layers.push(L::max_pool("maxpool2", 3, 2, 0).ceil());
    for (name, widths) in INCEPTION_MODULES {
        layers.push(inception(name, widths));
        match name {
            "inception3b" => layers.push(L::max_pool("maxpool3", 3, 2, 0).ceil()),
            "inception4e" => layers.push(L::max_pool("maxpool4", 2, 2, 0).ceil()),
            _ => {}
        }
    }
    layers.extend([L::global_avg_pool("avgpool"), L::flatten("flatten"), L::dropout("dropout"), L::dense("fc", 1000)]);
    Architecture {
        id: "googlenet",
        name: "GoogLeNet (Inception v1)",
        year: 2014,
        title: "Going Deeper with Convolutions",
        authors: "Christian Szegedy, Wei Liu, Yangqing Jia, Pierre Sermanet, Scott Reed, \
                  Dragomir Anguelov, Dumitru Erhan, Vincent Vanhoucke, Andrew Rabinovich",
        venue: "CVPR 2015 (arXiv:1409.4842, 2014)",
        variant: "torchvision's GoogLeNet at inference (aux_logits=False, as its pretrained \
                  model is counted): the paper's Table 1 widths, but every convolution is \
                  bias-free and followed by batch norm, the third inception branch uses a 3×3 \
                  instead of a 5×5 convolution (a known torchvision quirk kept for its weights), \
                  pools round up (ceil_mode) and no local response normalisation. The paper's \
                  own network (5×5 branch, biases, no batch norm) is quoted at about 6.8 million \
                  parameters.",
        input: Shape::new(3, 224, 224),
        layers,
        published: Some(PublishedCount {
            params: 6_624_904,
            source: "torchvision GoogLeNet_Weights.IMAGENET1K_V1, num_params",
        }),
    }
}
