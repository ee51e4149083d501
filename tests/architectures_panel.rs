//! The architectures panel's reducer, deep link and collapse marking, on the host.

use convlab::cnn::arch::{by_id, catalog};
use convlab::cnn::CnnError;
use convlab::link::Link;
use convlab::panels::architectures::link::{from_link, to_link};
use convlab::panels::architectures::state::{
    compact, flat_specs, stats, thousands, weight_depth, Action, ArchState, ARCH_IDS, DEFAULT_ARCH, MAX_INPUT,
};
use convlab::panels::architectures::table::visible_rows;
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: ArchState, actions: &[Action]) -> ArchState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a.clone());
    }
    (*s).clone()
}

fn open(fragment: &str) -> ArchState {
    from_link(&Link::parse(fragment))
}

fn keys(s: &ArchState) -> Vec<&str> {
    s.ignored.iter().map(|i| i.key.as_str()).collect()
}

#[test]
fn numbers_for_people() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(4_864), "4,864");
    assert_eq!(thousands(61_100_840), "61,100,840");
    assert_eq!(thousands(15_470_264_320), "15,470,264,320");
    assert_eq!(compact(61_706), "61.7 k");
    assert_eq!(compact(138_357_544), "138 M");
    assert_eq!(compact(1_000_000), "1 M");
    assert_eq!(compact(5), "5");
}

// Published totals (torchvision num_params) and depths as the papers name them.
#[test]
fn every_architecture_opens_with_its_published_total_and_depth() {
    let expected: [(&str, Option<u64>, u64, usize); 7] = [
        ("lenet5", None, 61_706, 5),
        ("alexnet", Some(61_100_840), 61_100_840, 8),
        ("zfnet", None, 62_357_608, 8),
        ("vgg16", Some(138_357_544), 138_357_544, 16),
        ("googlenet", Some(6_624_904), 6_624_904, 22),
        ("resnet18", Some(11_689_512), 11_689_512, 18),
        ("resnet50", Some(25_557_032), 25_557_032, 50),
    ];
    assert_eq!(ARCH_IDS.len(), expected.len());
    for (id, published, total, depth) in expected {
        let s = open(&format!("#/architectures?arch={id}"));
        assert!(s.ignored.is_empty(), "{id}: {:?}", s.ignored);
        assert_eq!(s.arch.id, id);
        assert_eq!(s.arch.published.map(|p| p.params), published, "{id}");
        assert_eq!(s.table.total_params, Some(total), "{id}");
        assert_eq!(s.own.depth, depth, "{id}");
        assert!(s.table.first_failure().is_none(), "{id}");
        // The panel's flat list of specifications lines up with the core's rows.
        let specs = flat_specs(&s.arch.layers);
        assert_eq!(specs.len(), s.table.rows.len(), "{id}");
        assert!(specs.iter().zip(&s.table.rows).all(|(l, r)| l.name == r.name), "{id}");
    }
}

#[test]
fn weight_depth_counts_the_longest_path() {
    for a in catalog() {
        let d = weight_depth(&a.layers);
        assert!(d >= 3, "{}: {d}", a.name);
        assert_eq!(stats(&a).depth, d);
    }
}

#[test]
fn default_link_and_round_trips() {
    let s = open("#/architectures");
    assert_eq!(s.arch.id, DEFAULT_ARCH);
    assert!(s.ignored.is_empty());
    assert_eq!(to_link(&s).to_fragment(), "#/architectures?v=1&arch=lenet5");

    let fragment = "#/architectures?v=1&arch=alexnet&input=64&stride=conv1:2,pool1:3&layer=conv2&compare=vgg16";
    let s = open(fragment);
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.side, 64);
    assert_eq!(s.strides, vec![("conv1".to_string(), 2), ("pool1".to_string(), 3)]);
    assert_eq!(s.selected.as_deref(), Some("conv2"));
    assert_eq!(s.compare, Some("vgg16"));
    assert_eq!(s.other.as_ref().map(|o| o.params), Some(Some(138_357_544)));
    // ':' stays readable in the address.
    assert_eq!(to_link(&s).to_fragment(), fragment);
    let again = from_link(&Link::parse(&to_link(&s).to_fragment()));
    assert_eq!(again, s);

    // conv1 at stride 2 on 64: ⌊(64 + 4 − 11)/2⌋ + 1 = 29; pool1 3×3 stride 3: ⌊(29 − 3)/3⌋ + 1 = 9.
    assert_eq!(s.table.row("conv1").unwrap().output.clone().unwrap().h, 29);
    assert_eq!(s.table.row("pool1").unwrap().output.clone().unwrap().h, 9);
    assert!(s.table.row("conv1").unwrap().stride_overridden);
}

#[test]
fn nested_layer_links_open_their_block() {
    let s = open("#/architectures?arch=googlenet&layer=inception3a.branch2.1.conv");
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert!(s.expanded.contains("inception3a"));
    let visible = visible_rows(&s);
    let i = s.table.rows.iter().position(|r| r.name == "inception3a.branch2.1.conv").unwrap();
    assert!(visible[i]);
    // Other blocks stay folded; passive rows are hidden unless asked for.
    let j = s.table.rows.iter().position(|r| r.name == "inception3b.branch1.conv").unwrap();
    assert!(!visible[j]);
    let relu = s.table.rows.iter().position(|r| r.name == "conv1.relu").unwrap();
    assert!(!visible[relu]);
    let s = reduce(s, &[Action::ToggleShowAll]);
    assert!(visible_rows(&s)[relu]);
}

#[test]
fn bad_keys_open_defaults_and_are_named() {
    let s = open("#/architectures?arch=inception9&input=0&stride=conv1:0,nope:2,pool1&layer=fc9&compare=lenet5&v=7&zoom=2");
    assert_eq!(s.arch.id, "lenet5");
    assert_eq!(s.side, 32);
    assert!(s.strides.is_empty());
    assert_eq!(s.selected, None);
    assert_eq!(s.compare, None, "lenet5 is the architecture shown");
    let k = keys(&s);
    for key in ["arch", "input", "stride", "layer", "compare", "v", "zoom"] {
        assert!(k.contains(&key), "{key} not named in {k:?}");
    }
    let text: Vec<String> = s.ignored.iter().map(|i| i.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("no architecture “inception9”")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("“nope”")), "{text:?}");
    // Markup in a link stays text (and is cut short).
    let s = open("#/architectures?arch=%3Cscript%3Ealert(1)%3C/script%3E");
    assert!(s.ignored[0].reason.contains("<script>"));
    // A huge number, an empty value and an enormous stride list never panic.
    let s = open(&format!("#/architectures?input=99999999999999999999999&stride={}&layer=", "conv1:2,".repeat(500)));
    assert_eq!(keys(&s), vec!["input", "stride", "layer"]);
}

#[test]
fn input_edits_validate_and_keep_the_last_table() {
    let s = open("#/architectures?arch=vgg16");
    let s = reduce(s, &[Action::EditInput("64".into())]);
    assert_eq!(s.side, 64);
    assert_eq!(s.table.row("pool5").unwrap().output.clone().unwrap().h, 2);
    // The adaptive pool keeps the classifier's size, so the parameters do not change.
    assert_eq!(s.table.total_params, Some(138_357_544));
    for bad in ["", "abc", "0", &(MAX_INPUT + 1).to_string(), "-3", "6.5"] {
        let t = reduce(s.clone(), &[Action::EditInput(bad.into())]);
        assert_eq!(t.side, 64, "{bad:?}");
        assert_eq!(t.input_text, bad);
        assert!(t.input_error.as_deref().unwrap().contains("still uses 64×64"), "{bad:?}");
        assert_eq!(t.table, s.table);
    }
    let t = reduce(s, &[Action::EditInput("x".into()), Action::ResetInput]);
    assert_eq!((t.side, t.input_error.clone()), (224, None));
    assert_eq!(t.table.total_macs, Some(15_470_264_320));
}

#[test]
fn collapse_is_marked_with_the_core_reason_and_later_layers_not_computable() {
    // LeNet-5 on 16×16: C1 12, S2 6, C3 2, S4 1, and C5's 5×5 kernel no longer fits.
    let s = reduce(ArchState::default(), &[Action::EditInput("16".into())]);
    let failure = s.table.first_failure().expect("C5 collapses");
    assert_eq!(failure.name, "C5");
    let reason = failure.output.clone().unwrap_err().to_string();
    assert!(reason.contains("does not fit a 1×1 input"), "{reason}");
    let after: Vec<_> = s.table.rows.iter().skip_while(|r| r.name != "C5").skip(1).collect();
    assert!(!after.is_empty());
    for r in after {
        assert!(matches!(&r.output, Err(CnnError::UpstreamFailed { failed }) if failed == "C5"), "{}", r.name);
    }
    assert_eq!(s.table.total_params, None);
    // A collapsed row is listed even though it would be folded or passive.
    let visible = visible_rows(&s);
    let i = s.table.rows.iter().position(|r| r.name == "C5").unwrap();
    assert!(visible[i]);

    // A stride that shrinks too fast collapses VGG-16: conv1_1 at stride 8 → 28, pool4 gives 1, pool5 fails.
    let s = reduce(open("#/architectures?arch=vgg16"), &[Action::SetStride("conv1_1".into(), 8)]);
    assert_eq!(s.table.first_failure().map(|r| r.name.as_str()), Some("pool5"));
    assert_eq!(to_link(&s).get("stride"), Some("conv1_1:8"));
    // Back to its own stride removes the override.
    let s = reduce(s, &[Action::SetStride("conv1_1".into(), 1)]);
    assert!(s.strides.is_empty());
    assert!(s.table.first_failure().is_none());
}

#[test]
fn collapse_inside_a_block_opens_the_block() {
    // GoogLeNet with the branch-4 pool of inception5b at stride 8 on a 7×7 map: that branch
    // gives 1×1 while the others give 7×7, so the concatenation fails.
    let s = reduce(open("#/architectures?arch=googlenet"), &[Action::SetStride("inception5b.branch4.0".into(), 8)]);
    let f = s.table.first_failure().expect("the block's branches disagree");
    assert_eq!(f.name, "inception5b");
    let s = reduce(open("#/architectures?arch=googlenet&input=64"), &[Action::SetStride("maxpool3".into(), 8)]);
    if let Some(f) = s.table.first_failure() {
        let row = s.table.rows.iter().position(|r| r.name == f.name).unwrap();
        assert!(visible_rows(&s)[row], "{} is listed", f.name);
    }
}

#[test]
fn reducer_actions() {
    let s = ArchState::default();
    // Selecting, deselecting, selecting twice toggles.
    let s = reduce(s, &[Action::Select("C3".into())]);
    assert_eq!(s.selected.as_deref(), Some("C3"));
    assert_eq!(s.stride_target, "C3");
    let t = reduce(s.clone(), &[Action::Select("C3".into())]);
    assert_eq!(t.selected, None);
    let t = reduce(s.clone(), &[Action::Select("no-such-layer".into())]);
    assert_eq!(t.selected.as_deref(), Some("C3"));
    // A stride for a layer that does not exist, or that has none, changes nothing.
    let t = reduce(s.clone(), &[Action::SetStride("F6".into(), 2), Action::SetStride("zzz".into(), 2)]);
    assert!(t.strides.is_empty());
    // Strides are clamped to 1..=8.
    let t = reduce(s.clone(), &[Action::SetStride("C1".into(), 99)]);
    assert_eq!(t.strides, vec![("C1".to_string(), 8)]);
    let t = reduce(t, &[Action::ClearStrides]);
    assert!(t.strides.is_empty());
    // Changing the architecture starts it fresh, keeping the comparison.
    let s = reduce(s, &[Action::SetCompare("resnet50".into()), Action::EditInput("20".into()), Action::SetArch("alexnet".into())]);
    assert_eq!((s.arch.id, s.side, s.selected.clone(), s.compare), ("alexnet", 224, None, Some("resnet50")));
    assert_eq!(s.table.total_params, Some(61_100_840));
    // Comparing with itself is dropped; an unknown id clears it.
    let t = reduce(s.clone(), &[Action::SetCompare("alexnet".into())]);
    assert_eq!(t.compare, None);
    let t = reduce(s.clone(), &[Action::SetCompare("".into())]);
    assert_eq!((t.compare, t.other.clone()), (None, None));
    // Changing to the architecture compared with drops the comparison.
    let t = reduce(s, &[Action::SetArch("resnet50".into())]);
    assert_eq!(t.compare, None);
    // Folding: ResNet blocks open and close; "fold all" keeps the selected layer in sight.
    let t = reduce(t, &[Action::ToggleBlock("layer1.0".into())]);
    assert!(t.expanded.contains("layer1.0"));
    let t = reduce(t, &[Action::ToggleBlock("layer1.0".into()), Action::ToggleBlock("conv1".into())]);
    assert!(t.expanded.is_empty(), "conv1 is no block");
    let t = reduce(t, &[Action::ExpandAll(true)]);
    assert_eq!(t.expanded.len(), 16);
    let t = reduce(t, &[Action::Select("layer3.2.conv2".into()), Action::ExpandAll(false)]);
    assert_eq!(t.expanded.iter().collect::<Vec<_>>(), vec!["layer3.2"]);
}

#[test]
fn every_architecture_survives_extreme_inputs_and_strides() {
    for id in ARCH_IDS {
        let a = by_id(id).unwrap();
        for side in [1, 2, 3, 7, 31, 64, 227, MAX_INPUT] {
            let mut s = open(&format!("#/architectures?arch={id}&input={side}"));
            assert!(s.ignored.is_empty());
            for layer in a.strided_layers() {
                s = reduce(s, &[Action::SetStride(layer.to_string(), 8), Action::Select(layer.to_string())]);
            }
            let l = to_link(&s).to_fragment();
            let again = open(&l);
            assert!(again.ignored.is_empty(), "{l}: {:?}", again.ignored);
            assert_eq!(again.table, s.table);
        }
    }
}
