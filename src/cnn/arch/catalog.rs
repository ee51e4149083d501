//! The plain stacks (LeNet-5, AlexNet, ZFNet, VGG-16, ConvLab's own reference network) and
//! the catalogue of every architecture.

use super::{googlenet, resnet18, resnet50, Architecture, LayerSpec as L, PublishedCount};
use crate::tensor::Shape;

/// Every architecture, oldest first, ConvLab's reference network last.
pub fn catalog() -> Vec<Architecture> {
    vec![lenet5(), alexnet(), zfnet(), vgg16(), googlenet(), resnet18(), resnet50(), convlab_reference()]
}

/// The architecture with identifier `id` ("lenet5", "alexnet", "zfnet", "vgg16", "googlenet",
/// "resnet18", "resnet50", "convlab").
pub fn by_id(id: &str) -> Option<Architecture> {
    catalog().into_iter().find(|a| a.id == id)
}

/// LeNet-5 (LeCun et al., 1998), in the form it is usually rebuilt today.
pub fn lenet5() -> Architecture {
    Architecture {
        id: "lenet5",
        name: "LeNet-5",
        year: 1998,
        title: "Gradient-Based Learning Applied to Document Recognition",
        authors: "Yann LeCun, Léon Bottou, Yoshua Bengio, Patrick Haffner",
        venue: "Proceedings of the IEEE 86(11)",
        variant: "The usual modern rebuild: 32×32×1 input, C1 5×5×6, S2 2×2 average pooling \
                  without trainable coefficients, C3 5×5×16 connected to all six S2 maps, S4, \
                  C5 5×5×120, F6 84, a 10-unit dense output with biases, tanh activations: \
                  61,706 parameters. The paper's original connects C3 to only some S2 maps \
                  (1,516 parameters instead of 2,416), gives S2/S4 a trainable coefficient and \
                  bias per map and uses RBF output units; it states about 60,000 parameters. \
                  C1 (156), C5 (48,120) and F6 (10,164) match the paper's figures exactly.",
        input: Shape::new(1, 32, 32),
        layers: vec![
            L::conv("C1", 6, 5, 1, 0),
            L::tanh("C1.tanh"),
            L::avg_pool("S2", 2, 2, 0),
            L::conv("C3", 16, 5, 1, 0),
            L::tanh("C3.tanh"),
            L::avg_pool("S4", 2, 2, 0),
            L::conv("C5", 120, 5, 1, 0),
            L::tanh("C5.tanh"),
            L::flatten("flatten"),
            L::dense("F6", 84),
            L::tanh("F6.tanh"),
            L::dense("output", 10),
        ],
        published: None,
    }
}

/// AlexNet as torchvision builds it (`torchvision.models.alexnet`).
pub fn alexnet() -> Architecture {
    Architecture {
        id: "alexnet",
        name: "AlexNet",
        year: 2012,
        title: "ImageNet Classification with Deep Convolutional Neural Networks",
        authors: "Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton",
        venue: "NeurIPS 2012",
        variant: "torchvision's single-GPU variant (after Krizhevsky's 'One weird trick', 2014): \
                  conv1 has 64 filters 11×11 stride 4 padding 2, conv2 192, conv3–5 384/256/256, \
                  no filter groups and no local response normalisation, an adaptive 6×6 average \
                  pool before the classifier. The paper's two-GPU network has 96/256/384/384/256 \
                  filters, some split in two groups, and about 60 million parameters.",
        input: Shape::new(3, 224, 224),
        layers: vec![
            L::conv("conv1", 64, 11, 4, 2),
            L::relu("relu1"),
            L::max_pool("pool1", 3, 2, 0),
            L::conv("conv2", 192, 5, 1, 2),
            L::relu("relu2"),
            L::max_pool("pool2", 3, 2, 0),
            L::conv("conv3", 384, 3, 1, 1),
            L::relu("relu3"),
            L::conv("conv4", 256, 3, 1, 1),
            L::relu("relu4"),
            L::conv("conv5", 256, 3, 1, 1),
            L::relu("relu5"),
            L::max_pool("pool5", 3, 2, 0),
            L::adaptive_avg_pool("avgpool", 6),
            L::flatten("flatten"),
            L::dropout("dropout6"),
            L::dense("fc6", 4096),
            L::relu("relu6"),
            L::dropout("dropout7"),
            L::dense("fc7", 4096),
            L::relu("relu7"),
            L::dense("fc8", 1000),
        ],
        published: Some(PublishedCount {
            params: 61_100_840,
            source: "torchvision AlexNet_Weights.IMAGENET1K_V1, num_params",
        }),
    }
}

/// ZFNet, the network of Zeiler and Fergus's Figure 3.
pub fn zfnet() -> Architecture {
    Architecture {
        id: "zfnet",
        name: "ZFNet",
        year: 2013,
        title: "Visualizing and Understanding Convolutional Networks",
        authors: "Matthew D. Zeiler, Rob Fergus",
        venue: "ECCV 2014 (arXiv:1311.2901, 2013)",
        variant: "The paper's Figure 3 network on a 224×224×3 input, dense (ungrouped) \
                  connections throughout: conv1 96 filters 7×7 stride 2, conv2 256 filters 5×5 \
                  stride 2, conv3–5 384/384/256 filters 3×3, 3×3 max pooling with stride 2, \
                  contrast normalisation after the first two pools, fc6/fc7 4096, 1000 outputs. \
                  The paper gives no paddings; padding 1 on conv1 and on conv3–5 with Caffe-style \
                  ceil pooling reproduce its map sizes 110, 55, 26, 13, 13, 13, 6. The paper \
                  publishes no parameter total; these layers give 62,357,608.",
        input: Shape::new(3, 224, 224),
        layers: vec![
            L::conv("conv1", 96, 7, 2, 1),
            L::relu("relu1"),
            L::max_pool("pool1", 3, 2, 0).ceil(),
            L::lrn("norm1"),
            L::conv("conv2", 256, 5, 2, 0),
            L::relu("relu2"),
            L::max_pool("pool2", 3, 2, 0).ceil(),
            L::lrn("norm2"),
            L::conv("conv3", 384, 3, 1, 1),
            L::relu("relu3"),
            L::conv("conv4", 384, 3, 1, 1),
            L::relu("relu4"),
            L::conv("conv5", 256, 3, 1, 1),
            L::relu("relu5"),
            L::max_pool("pool5", 3, 2, 0).ceil(),
            L::flatten("flatten"),
            L::dense("fc6", 4096),
            L::relu("relu6"),
            L::dropout("dropout6"),
            L::dense("fc7", 4096),
            L::relu("relu7"),
            L::dropout("dropout7"),
            L::dense("fc8", 1000),
        ],
        published: None,
    }
}

/// VGG-16 (configuration D) as torchvision builds it (`torchvision.models.vgg16`).
pub fn vgg16() -> Architecture {
    let mut layers = Vec::new();
    let stages: [(usize, usize); 5] = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)];
    for (stage, &(filters, convs)) in stages.iter().enumerate() {
        for i in 1..=convs {
            layers.push(L::conv(format!("conv{}_{i}", stage + 1), filters, 3, 1, 1));
            layers.push(L::relu(format!("relu{}_{i}", stage + 1)));
        }
        layers.push(L::max_pool(format!("pool{}", stage + 1), 2, 2, 0));
    }
    layers.extend([
        L::adaptive_avg_pool("avgpool", 7),
        L::flatten("flatten"),
        L::dense("fc6", 4096),
        L::relu("relu6"),
        L::dropout("dropout6"),
        L::dense("fc7", 4096),
        L::relu("relu7"),
        L::dropout("dropout7"),
        L::dense("fc8", 1000),
    ]);
    Architecture {
        id: "vgg16",
        name: "VGG-16",
        year: 2014,
        title: "Very Deep Convolutional Networks for Large-Scale Image Recognition",
        authors: "Karen Simonyan, Andrew Zisserman",
        venue: "ICLR 2015 (arXiv:1409.1556, 2014)",
        variant: "Configuration D of the paper, as torchvision builds it (without batch norm): \
                  thirteen 3×3 convolutions with padding 1 in five stages of 64, 128, 256, 512, \
                  512 filters, 2×2 max pooling after each stage, an adaptive 7×7 average pool, \
                  fc6/fc7 4096, 1000 outputs. The paper's Table 2 gives 138 million.",
        input: Shape::new(3, 224, 224),
        layers,
        published: Some(PublishedCount {
            params: 138_357_544,
            source: "torchvision VGG16_Weights.IMAGENET1K_V1, num_params (Keras VGG16 reports the same)",
        }),
    }
}

/// ConvLab's reference network of `/work/shared/bench-workload.md`.
pub fn convlab_reference() -> Architecture {
    Architecture {
        id: "convlab",
        name: "ConvLab reference",
        year: 2025,
        title: "The reference workload: five classes of 16×16 images",
        authors: "ConvLab",
        venue: "bench-workload.md",
        variant: "conv 3×3×8 padding 1, ReLU, max pool 2×2, conv 3×3×16 padding 1, ReLU, max pool \
                  2×2, flatten (256), dense 5, softmax: 93,440 multiply-adds forward.",
        input: Shape::new(1, 16, 16),
        layers: vec![
            L::conv("conv1", 8, 3, 1, 1),
            L::relu("relu1"),
            L::max_pool("pool1", 2, 2, 0),
            L::conv("conv2", 16, 3, 1, 1),
            L::relu("relu2"),
            L::max_pool("pool2", 2, 2, 0),
            L::flatten("flatten"),
            L::dense("dense", 5),
        ],
        published: None,
    }
}
