//! Tests of the architecture tables against published counts.
//!
//! Parameter totals are the `num_params` that torchvision publishes with each pretrained
//! model (torchvision.models documentation, weight enums `*_Weights.IMAGENET1K_V1`):
//! AlexNet 61,100,840; VGG-16 138,357,544; GoogLeNet 6,624,904; ResNet-18 11,689,512;
//! ResNet-50 25,557,032. The same pages list "GFLOPS" (multiply-adds, in 10⁹): AlexNet 0.71,
//! VGG-16 15.47, GoogLeNet 1.50, ResNet-18 1.81, ResNet-50 4.09.
//!
//! The exact multiply-add counts below were also computed by an independent Python script
//! (plain arithmetic, no shared code), condensed here:
//!
//! ```python
//! def conv(n,co,k,st=1,p=0,bias=True,bn=False):
//!     ho=(n.h+2*p-k)//st+1; wo=(n.w+2*p-k)//st+1
//!     n.p+=k*k*n.c*co+(co if bias else 0)+(2*co if bn else 0); n.m+=ho*wo*co*k*k*n.c
//!     n.c,n.h,n.w=co,ho,wo
//! def pool(n,k,st,p=0,ceil=False):
//!     if ceil:
//!         o=math.ceil((n.h+2*p-k)/st)+1
//!         if (o-1)*st>=n.h+p: o-=1
//!     else: o=(n.h+2*p-k)//st+1
//!     n.h=n.w=o
//! def dense(n,o): i=n.c*n.h*n.w; n.p+=i*o+o; n.m+=i*o; n.c,n.h,n.w=o,1,1
//! # … each network written out layer by layer; printed (params, multiply-adds):
//! # lenet 61,706 416,520 | alexnet 61,100,840 714,188,480 | zfnet 62,357,608 1,168,032,896
//! # vgg16 138,357,544 15,470,264,320 | googlenet 6,624,904 1,498,376,192
//! # resnet18 11,689,512 1,814,073,344 | resnet50 25,557,032 4,089,184,256 | convlab 2,533 93,440
//! ```

use super::*;
use crate::tensor::Shape;

type Build = fn() -> Architecture;

fn totals(a: &Architecture) -> (u64, u64) {
    let t = a.table().unwrap();
    (t.total_params.unwrap(), t.total_macs.unwrap())
}

fn out(t: &ShapeTable, name: &str) -> Shape {
    t.row(name).unwrap_or_else(|| panic!("no row {name}")).output.clone().unwrap()
}

fn sides(t: &ShapeTable, names: &[&str]) -> Vec<usize> {
    names.iter().map(|n| out(t, n).h).collect()
}

#[test]
fn published_parameter_totals_match() {
    let expected: [(Build, u64); 5] = [
        (alexnet, 61_100_840),
        (vgg16, 138_357_544),
        (googlenet, 6_624_904),
        (resnet18, 11_689_512),
        (resnet50, 25_557_032),
    ];
    for (build, params) in expected {
        let a = build();
        assert_eq!(totals(&a).0, params, "{}", a.name);
        assert_eq!(a.published.map(|p| p.params), Some(params), "{}", a.name);
    }
}

#[test]
fn multiply_adds_match_torchvision_gflops_and_independent_script() {
    let expected: [(Build, u64, f64); 5] = [
        (alexnet, 714_188_480, 0.71),
        (vgg16, 15_470_264_320, 15.47),
        (googlenet, 1_498_376_192, 1.50),
        (resnet18, 1_814_073_344, 1.81),
        (resnet50, 4_089_184_256, 4.09),
    ];
    for (build, macs, gflops) in expected {
        let a = build();
        let m = totals(&a).1;
        assert_eq!(m, macs, "{}", a.name);
        assert_eq!((m as f64 / 1e7).round() / 100.0, gflops, "{}", a.name);
    }
}

// LeNet-5, modern variant (full C3, no trainable pooling, dense output): 61,706. The paper
// (§II.B) gives C1 156 trainable parameters, C5 48,120 connections (= parameters, as C5 is
// fully connected to S4's 5×5 maps), F6 10,164; its C3 has 1,516 because of partial
// connectivity, ours 2,416.
#[test]
fn lenet5_variant() {
    let a = lenet5();
    let t = a.table().unwrap();
    assert_eq!((t.total_params, t.total_macs), (Some(61_706), Some(416_520)));
    let p = |n: &str| t.row(n).unwrap().params.unwrap();
    assert_eq!([p("C1"), p("C3"), p("C5"), p("F6"), p("output")], [156, 2_416, 48_120, 10_164, 850]);
    assert_eq!(sides(&t, &["C1", "S2", "C3", "S4", "C5"]), [28, 14, 10, 5, 1]);
    assert_eq!(t.output, Ok(Shape::new(10, 1, 1)));
    assert!(a.published.is_none());
}

// ZFNet: no published total exists; the sizes are those of the paper's Figure 3.
#[test]
fn zfnet_follows_figure_3() {
    let a = zfnet();
    let t = a.table().unwrap();
    assert_eq!(
        sides(&t, &["conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5"]),
        [110, 55, 26, 13, 13, 13, 13, 6]
    );
    assert_eq!(out(&t, "pool5"), Shape::new(256, 6, 6));
    assert_eq!(totals(&a), (62_357_608, 1_168_032_896));
    assert!(a.published.is_none());
}

#[test]
fn alexnet_and_vgg_shapes() {
    let t = alexnet().table().unwrap();
    assert_eq!(
        sides(&t, &["conv1", "pool1", "conv2", "pool2", "conv3", "conv5", "pool5", "avgpool"]),
        [55, 27, 27, 13, 13, 13, 6, 6]
    );
    assert_eq!(out(&t, "flatten"), Shape::new(9216, 1, 1));
    assert_eq!(t.row("conv1").unwrap().params, Some(23_296));
    assert_eq!(t.row("fc6").unwrap().params, Some(37_752_832));

    let t = vgg16().table().unwrap();
    assert_eq!(sides(&t, &["conv1_2", "pool1", "pool2", "pool3", "pool4", "pool5"]), [224, 112, 56, 28, 14, 7]);
    assert_eq!(out(&t, "flatten"), Shape::new(25_088, 1, 1));
}

#[test]
fn googlenet_shapes_with_ceil_pooling() {
    let t = googlenet().table().unwrap();
    assert_eq!(out(&t, "conv1.conv"), Shape::new(64, 112, 112));
    // ⌈(112 − 3)/2⌉ + 1 = 56, where the floor would give 55: one implicit zero row and column.
    assert_eq!(out(&t, "maxpool1"), Shape::new(64, 56, 56));
    let (rows, _) = t.row("maxpool1").unwrap().plan.unwrap();
    assert_eq!((rows.pad_before, rows.pad_after, rows.out), (0, 1, 56));
    assert_eq!(out(&t, "maxpool2"), Shape::new(192, 28, 28));
    assert_eq!(out(&t, "inception3a"), Shape::new(256, 28, 28));
    assert_eq!(out(&t, "inception3b"), Shape::new(480, 28, 28));
    assert_eq!(out(&t, "maxpool3"), Shape::new(480, 14, 14));
    assert_eq!(out(&t, "inception4e"), Shape::new(832, 14, 14));
    assert_eq!(out(&t, "maxpool4"), Shape::new(832, 7, 7));
    assert_eq!(out(&t, "inception5b"), Shape::new(1024, 7, 7));
    assert_eq!(t.output, Ok(Shape::new(1000, 1, 1)));
    let block = t.row("inception3a").unwrap();
    assert!(block.is_block);
    assert_eq!(t.row("inception3a.branch4.1.conv").unwrap().group.as_deref(), Some("branch 4"));
    assert_eq!(t.row("inception3a.branch4.1.conv").unwrap().depth, 1);
    // 1×1: 192·64 + 2·64; 3×3: 192·96 + 192 + 96·128·9 + 256; third: 192·16 + 32 + 16·32·9 + 64;
    // pool: 192·32 + 64.
    assert_eq!(block.params, Some(12_416 + 129_472 + 7_776 + 6_208));
}

#[test]
fn resnet_shapes() {
    let t = resnet18().table().unwrap();
    assert_eq!(out(&t, "conv1"), Shape::new(64, 112, 112));
    assert_eq!(out(&t, "maxpool"), Shape::new(64, 56, 56));
    assert_eq!(out(&t, "layer1.1"), Shape::new(64, 56, 56));
    assert_eq!(out(&t, "layer2.0"), Shape::new(128, 28, 28));
    assert_eq!(out(&t, "layer4.1"), Shape::new(512, 7, 7));
    assert_eq!(t.row("layer2.0.downsample.0").unwrap().group.as_deref(), Some("shortcut"));
    assert!(t.row("layer1.0.downsample.0").is_none());
    // Batch norm counts γ and β.
    assert_eq!(t.row("bn1").unwrap().params, Some(128));

    let t = resnet50().table().unwrap();
    assert_eq!(out(&t, "layer1.0"), Shape::new(256, 56, 56));
    assert!(t.row("layer1.0.downsample.0").is_some());
    assert_eq!(out(&t, "layer4.2"), Shape::new(2048, 7, 7));
}

#[test]
fn convlab_reference_matches_the_workload() {
    let t = convlab_reference().table().unwrap();
    let m = |n: &str| t.row(n).unwrap().macs.unwrap();
    // bench-workload.md: conv1 18,432, conv2 73,728, dense 1,280; 93,440 in all.
    assert_eq!([m("conv1"), m("conv2"), m("dense")], [18_432, 73_728, 1_280]);
    assert_eq!(t.total_macs, Some(93_440));
    assert_eq!(t.total_params, Some(80 + 1_168 + 1_285));
    assert_eq!(out(&t, "flatten"), Shape::new(256, 1, 1));
}

#[test]
fn block_subtotals_add_up_to_the_total() {
    for a in catalog() {
        let t = a.table().unwrap();
        let top: u64 = t.rows.iter().filter(|r| r.depth == 0).map(|r| r.params.unwrap()).sum();
        let leaves: u64 = t.rows.iter().filter(|r| !r.is_block).map(|r| r.params.unwrap()).sum();
        assert_eq!((top, leaves), (t.total_params.unwrap(), t.total_params.unwrap()), "{}", a.name);
        let macs: u64 = t.rows.iter().filter(|r| !r.is_block).map(|r| r.macs.unwrap()).sum();
        assert_eq!(macs, t.total_macs.unwrap(), "{}", a.name);
    }
}

#[test]
fn smaller_input_propagates() {
    // AlexNet on 64×64: 15, 7, 7, 3, 3, 1; the adaptive pool restores 6×6, so the
    // parameters are unchanged.
    let a = alexnet();
    let t = a.table_with(Shape::new(3, 64, 64), &[]).unwrap();
    assert_eq!(sides(&t, &["conv1", "pool1", "conv2", "pool2", "conv5", "pool5", "avgpool"]), [15, 7, 7, 3, 3, 1, 6]);
    assert_eq!(t.total_params, Some(61_100_840));
    // ResNet-18 on 64×64 ends on 2×2 before the global pool.
    let t = resnet18().table_with(Shape::new(3, 64, 64), &[]).unwrap();
    assert_eq!(out(&t, "layer4.1"), Shape::new(512, 2, 2));
    assert_eq!(t.total_params, Some(11_689_512));
    // LeNet-5 on 64×64: C5 gives 9×9×120, so F6 reads 9,720 inputs.
    let t = lenet5().table_with(Shape::new(1, 64, 64), &[]).unwrap();
    assert_eq!(t.row("F6").unwrap().params, Some(9_721 * 84));
}

#[test]
fn collapse_is_reported_at_the_failing_layer_and_the_table_goes_on() {
    // LeNet-5 on 16×16: C1 12, S2 6, C3 2, S4 1, and C5's 5×5 kernel no longer fits.
    let t = lenet5().table_with(Shape::new(1, 16, 16), &[]).unwrap();
    assert_eq!(sides(&t, &["C1", "S2", "C3", "S4"]), [12, 6, 2, 1]);
    let c5 = t.row("C5").unwrap();
    assert_eq!(
        c5.output.clone().unwrap_err().to_string(),
        "kernel 5×5 does not fit a 1×1 input with padding 0: n + 2p − f = 1 + 0 − 5 = -4 is negative"
    );
    assert_eq!(c5.params, Some(48_120), "parameters do not depend on the spatial size");
    assert_eq!(c5.macs, None);
    assert_eq!(t.first_failure().unwrap().name, "C5");
    assert_eq!(t.rows.len(), lenet5().layers.len());
    let f6 = t.row("F6").unwrap();
    assert_eq!(f6.output, Err(CnnError::UpstreamFailed { failed: "C5".into() }));
    assert_eq!(f6.output.clone().unwrap_err().to_string(), "no input shape: layer \"C5\" before this one failed");
    assert_eq!((f6.input, f6.params), (None, None));
    assert_eq!(t.output, Err(CnnError::UpstreamFailed { failed: "C5".into() }));
    assert_eq!((t.total_params, t.total_macs), (None, None));

    // VGG-16 on 16×16: pool5 has a 1×1 input and a 2×2 window.
    let t = vgg16().table_with(Shape::new(3, 16, 16), &[]).unwrap();
    assert_eq!(t.first_failure().unwrap().name, "pool5");
    assert!(matches!(t.row("pool5").unwrap().output, Err(CnnError::KernelDoesNotFit { .. })));
}

#[test]
fn stride_overrides() {
    let a = resnet18();
    // Stride 1 in the stem keeps 224×224 for longer: same parameters, 4× the multiply-adds
    // after it.
    let t = a.table_with(a.input, &[("conv1", 1)]).unwrap();
    let row = t.row("conv1").unwrap();
    assert!(row.stride_overridden);
    assert_eq!(row.stride, Some(1));
    assert_eq!(row.description, "conv 7×7, 64 filters, stride 1, pad 3, no bias");
    assert_eq!(out(&t, "conv1"), Shape::new(64, 224, 224));
    assert_eq!(out(&t, "layer4.1"), Shape::new(512, 14, 14));
    assert_eq!(t.total_params, Some(11_689_512));
    assert!(t.total_macs.unwrap() > 4 * 1_800_000_000);

    // A zero stride fails at that layer only.
    let t = a.table_with(a.input, &[("maxpool", 0)]).unwrap();
    assert_eq!(t.row("maxpool").unwrap().output, Err(CnnError::ZeroStride { op: "pooling" }));
    assert_eq!(t.first_failure().unwrap().name, "maxpool");
    assert_eq!(t.row("conv1").unwrap().output, Ok(Shape::new(64, 112, 112)));

    // Unknown names and non-strided layers are refused up front.
    let e = a.table_with(a.input, &[("conv9", 2)]).unwrap_err();
    assert_eq!(e.to_string(), "stride override: ResNet-18 has no convolution or pooling layer named \"conv9\"");
    assert!(a.table_with(a.input, &[("bn1", 2)]).is_err());
    assert!(a.strided_layers().contains(&"layer3.0.downsample.0"));
    assert!(!a.strided_layers().contains(&"bn1"));
}

#[test]
fn mismatched_paths_are_block_errors() {
    // Stride 1 on layer2.0's main path while its shortcut still halves: 56×56 on the main
    // path, 28×28 on the shortcut.
    let a = resnet18();
    let t = a.table_with(a.input, &[("layer2.0.conv1", 1)]).unwrap();
    let block = t.row("layer2.0").unwrap();
    assert_eq!(
        block.output.clone().unwrap_err().to_string(),
        "residual \"layer2.0\": the main path gives 56×56×128 but the shortcut gives 28×28×128; they must match to be added"
    );
    assert_eq!(t.first_failure().unwrap().name, "layer2.0");
    assert_eq!(t.row("layer2.1").unwrap().output, Err(CnnError::UpstreamFailed { failed: "layer2.0".into() }));
    // The block's layers themselves are fine.
    assert_eq!(out(&t, "layer2.0.bn2"), Shape::new(128, 56, 56));

    let g = googlenet();
    let t = g.table_with(g.input, &[("inception3a.branch2.1.conv", 2)]).unwrap();
    assert_eq!(
        t.row("inception3a").unwrap().output.clone().unwrap_err().to_string(),
        "inception \"inception3a\": branch 1 gives 28×28 but branch 2 gives 14×14; branches are \
         concatenated, so their heights and widths must match"
    );
}

#[test]
fn inner_failures_name_the_inner_layer() {
    // A stride of 0 inside a residual block: the block and everything after name that layer.
    let a = resnet50();
    let t = a.table_with(a.input, &[("layer3.1.conv2", 0)]).unwrap();
    assert_eq!(t.first_failure().unwrap().name, "layer3.1.conv2");
    let failed = CnnError::UpstreamFailed { failed: "layer3.1.conv2".into() };
    assert_eq!(t.row("layer3.1.bn2").unwrap().output, Err(failed.clone()));
    assert_eq!(t.row("layer3.1").unwrap().output, Err(failed.clone()));
    assert_eq!(t.row("fc").unwrap().output, Err(failed.clone()));
    assert_eq!(t.output, Err(failed));
}

#[test]
fn inputs_are_validated() {
    let a = vgg16();
    assert!(a.table_with(Shape::new(3, 0, 224), &[]).is_err());
    assert!(a.table_with(Shape::new(3, 224, MAX_SPEC_SIDE + 1), &[]).is_err());
    assert!(a.table_with(Shape::new(0, 224, 224), &[]).is_err());
    // A non-square input is fine.
    let t = a.table_with(Shape::new(3, 224, 160), &[]).unwrap();
    assert_eq!(out(&t, "pool5"), Shape::new(512, 7, 5));
}

#[test]
fn custom_stacks() {
    // A dense layer on an unflattened map is an error at that layer.
    let layers = vec![LayerSpec::conv("c", 4, 3, 1, 0), LayerSpec::dense("d", 2)];
    let t = propagate(&layers, Shape::new(1, 5, 5), &[]).unwrap();
    assert_eq!(
        t.row("d").unwrap().output.clone().unwrap_err().to_string(),
        "dense: expected a flat input (1×1×n): add a flatten or global pooling before it, got 3×3×4"
    );
    // An inception block with an empty (identity) branch, and a residual with identity.
    let block = LayerSpec::inception("inc", vec![vec![LayerSpec::conv("a", 2, 1, 1, 0)], vec![]]);
    let res = LayerSpec::residual("res", vec![LayerSpec::conv("b", 3, 3, 1, 1)], vec![]);
    let t = propagate(&[block, res], Shape::new(3, 4, 4), &[]).unwrap();
    assert_eq!(out(&t, "inc"), Shape::new(5, 4, 4));
    assert_eq!(
        t.row("res").unwrap().output.clone().unwrap_err().to_string(),
        "residual \"res\": the main path gives 4×4×3 but the identity shortcut gives 4×4×5; they must match to be added"
    );
    let empty = LayerSpec::inception("none", vec![]);
    assert!(matches!(
        propagate(&[empty], Shape::new(1, 2, 2), &[]).unwrap().rows[0].output,
        Err(CnnError::BranchMismatch { .. })
    ));
    assert!(propagate(&[LayerSpec::conv("z", 0, 1, 1, 0)], Shape::new(1, 2, 2), &[]).unwrap().rows[0].output.is_err());
    assert!(propagate(&[LayerSpec::adaptive_avg_pool("z", 0)], Shape::new(1, 2, 2), &[]).unwrap().rows[0]
        .output
        .is_err());
    let t = propagate(&[], Shape::new(1, 2, 2), &[]).unwrap();
    assert_eq!((t.output, t.total_params), (Ok(Shape::new(1, 2, 2)), Some(0)));
}

#[test]
fn ceil_pooling_drops_a_window_starting_in_the_padding() {
    // PyTorch: n = 5, k = 2, s = 2, p = 1, ceil_mode → ⌈(5 + 2 − 2)/2⌉ + 1 = 4, but the 4th
    // window would start at 6 ≥ n + p = 6, so 3 (the floor also gives 3).
    let t = propagate(&[LayerSpec::max_pool("p", 2, 2, 1).ceil()], Shape::new(1, 5, 5), &[]).unwrap();
    assert_eq!(out(&t, "p"), Shape::new(1, 3, 3));
    // n = 6, k = 3, s = 2, p = 0: floor 2, ceil 3.
    let t = propagate(&[LayerSpec::max_pool("p", 3, 2, 0).ceil()], Shape::new(1, 6, 6), &[]).unwrap();
    assert_eq!(out(&t, "p"), Shape::new(1, 3, 3));
    assert_eq!(t.row("p").unwrap().description, "max pool 3×3, stride 2, pad 0, ceil");
}

#[test]
fn metadata_and_unique_names() {
    let all = catalog();
    assert_eq!(all.len(), 8);
    for a in &all {
        assert!(!a.title.is_empty() && !a.authors.is_empty() && !a.variant.is_empty() && a.year >= 1998);
        let t = a.table().unwrap();
        let mut names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "{} has duplicate layer names", a.name);
        assert_eq!(by_id(a.id).as_ref(), Some(a));
        assert!(t.first_failure().is_none(), "{}", a.name);
    }
    assert!(by_id("nope").is_none());
}

#[test]
fn no_input_or_stride_panics() {
    for a in catalog() {
        let strided = a.strided_layers();
        let rows = a.table().unwrap().rows.len();
        for side in [1, 2, 3, 5, 7, 16, 31, 63, 64, 100, 223, 225, MAX_SPEC_SIDE] {
            for stride in [0, 1, 2, 3, 7, usize::MAX] {
                for layer in strided.iter().step_by(7) {
                    let t = a.table_with(Shape::new(3, side, side), &[(layer, stride)]).unwrap();
                    assert_eq!(t.rows.len(), rows);
                }
            }
        }
    }
}
