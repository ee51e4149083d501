//! What each architecture introduced, in a few sentences for students, and the short names
//! the comparison chart uses. The history (year, paper, variant, published count) is the
//! core's metadata; these texts are the panel's own summary of the papers.

/// A short name for charts and menus.
pub fn short_name(id: &str) -> &'static str {
    match id {
        "lenet5" => "LeNet-5",
        "alexnet" => "AlexNet",
        "zfnet" => "ZFNet",
        "vgg16" => "VGG-16",
        "googlenet" => "GoogLeNet",
        "resnet18" => "ResNet-18",
        "resnet50" => "ResNet-50",
        _ => "?",
    }
}

/// What the architecture brought to the field, in two or three sentences.
pub fn introduced(id: &str) -> &'static str {
    match id {
        "lenet5" => "LeNet-5 fixed the pattern most CNNs still follow: convolution, pooling, convolution, pooling, \
            then fully connected layers that classify. Small 5×5 kernels share their weights across the whole image, \
            so the network that read the digits on bank cheques needed only about 60,000 parameters, all trained by \
            backpropagation.",
        "alexnet" => "AlexNet won ImageNet 2012 by a wide margin and started the deep-learning boom. It used ReLU \
            instead of tanh, which trains several times faster, dropout against overfitting in its huge fully \
            connected layers, and two GPUs working side by side to train on 1.2 million images. Its first layer \
            reads the image with large 11×11 kernels at stride 4.",
        "zfnet" => "Zeiler and Fergus projected activations back to pixels with a deconvolutional network (deconvnet) \
            to see what each layer had learnt. The pictures showed dead and aliased filters in AlexNet's first \
            layer, so ZFNet uses 7×7 kernels at stride 2 instead of 11×11 at stride 4 — guided by visualisation, \
            it won ImageNet 2013.",
        "vgg16" => "VGG showed that depth matters, using nothing but small 3×3 convolutions, two or three stacked \
            between 2×2 max pools. Two stacked 3×3 layers see a 5×5 region and three see 7×7, with fewer weights \
            and more ReLUs than one large kernel. The price is 138 million parameters, most of them in the first \
            fully connected layer.",
        "googlenet" => "GoogLeNet runs 1×1, 3×3 and 5×5 convolutions and a pooling path side by side in each \
            inception module and concatenates what they find. Cheap 1×1 convolutions first shrink the channels \
            (a bottleneck), so the network is 22 layers deep yet has about a tenth of AlexNet's parameters; global \
            average pooling replaces the big fully connected layers.",
        "resnet18" | "resnet50" => "ResNet adds each block's input to its output (a residual or skip connection), \
            so a block only has to learn the change F(x) in y = F(x) + x, and gradients flow back through the \
            shortcuts. That made networks of 50, 101 and even 152 layers trainable where plain deep stacks got \
            worse; batch normalisation after every convolution replaces the biases, and ResNet-50 uses \
            1×1–3×3–1×1 bottleneck blocks.",
        _ => "",
    }
}
