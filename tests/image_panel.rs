//! The "Your own image" panel on the host: bundled files, downscaling sizes, the reducer with
//! synthetic decoded pictures (what the browser would hand over), file checks and links.

use convlab::link::Link;
use convlab::panels::image::bundled::{fit, IMAGES};
use convlab::panels::image::link::{from_link, to_link};
use convlab::panels::image::picture::{Decoded, SIDE};
use convlab::panels::image::state::{check_file, Action, ImageState, KernelChoice, Source};
use convlab::panels::image::{range, shade};
use std::rc::Rc;
use yew::Reducible;

fn reduce(s: ImageState, actions: Vec<Action>) -> ImageState {
    let mut s = Rc::new(s);
    for a in actions {
        s = s.reduce(a);
    }
    (*s).clone()
}

/// A decoded picture whose pixel (y, x) has R = 10·y + x, G = 2·R, B = 0.
fn decoded(source: Source, w: usize, h: usize) -> Decoded {
    let mut rgba = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let r = (10 * y + x) as u8;
            rgba.extend([r, r.wrapping_mul(2), 0, 255]);
        }
    }
    Decoded { source, original: (w * 2, h * 2), width: w, height: h, rgba }
}

fn loaded(w: usize, h: usize) -> ImageState {
    reduce(ImageState::default(), vec![Action::Loaded(Box::new(decoded(Source::Bundled(0), w, h)))])
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (usize, usize) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
    (be(16), be(20))
}

#[test]
fn bundled_pictures_exist_are_small_licensed_and_cached() {
    let root = env!("CARGO_MANIFEST_DIR");
    let licence = std::fs::read_to_string(format!("{root}/static/images/LICENSE.md")).unwrap();
    let sw = std::fs::read_to_string(format!("{root}/static/sw.js")).unwrap();
    for b in IMAGES {
        let bytes = std::fs::read(format!("{root}/static/{}", b.path)).unwrap();
        assert!(bytes.len() < 8_000, "{} is {} bytes", b.path, bytes.len());
        assert_eq!(png_size(&bytes), (b.width, b.height), "{}", b.path);
        let file = b.path.rsplit('/').next().unwrap();
        assert!(licence.contains(file), "LICENSE.md does not name {file}");
        assert!(sw.contains(&format!("'./{}'", b.path)), "sw.js does not precache {}", b.path);
    }
    assert!(licence.contains("CC0"));
}

#[test]
fn pictures_are_shrunk_to_at_most_64_keeping_the_aspect() {
    assert_eq!(fit(128, 96, SIDE), (64, 48));
    assert_eq!(fit(160, 64, SIDE), (64, 26));
    assert_eq!(fit(96, 96, SIDE), (64, 64));
    assert_eq!(fit(20, 10, SIDE), (20, 10)); // small pictures are not enlarged
    assert_eq!(fit(1000, 1, SIDE), (64, 1));
    assert_eq!(fit(1, 4000, SIDE), (1, 64));
    assert_eq!(fit(4_000_000_000, 3_000_000_000, SIDE), (64, 48)); // no overflow
}

#[test]
fn a_picture_is_grayed_and_convolved_by_the_core() {
    let s = loaded(8, 6);
    assert!(!s.loading && s.load_error.is_none());
    let f = s.features.as_ref().unwrap();
    assert_eq!(f.size(), (4, 6)); // 6 − 3 + 1, 8 − 3 + 1
    let p = s.picture.as_ref().unwrap();
    // Pixel (1, 2): R = 12, G = 24, B = 0 → 0.299·12 + 0.587·24 = 17.676.
    let g = p.gray_trace.pixels[8 + 2];
    assert_eq!((g.rgb, g.gray), ([12.0, 24.0, 0.0], p.gray.get(0, 1, 2)));
    assert!((g.gray - 17.676).abs() < 1e-4);
    // Every traced sum is the value in the map.
    for t in &f.trace.positions {
        assert_eq!(t.sum, f.conv.get(0, t.out_y, t.out_x));
    }
    // The gray picture is a linear ramp, so the edge kernel (weights summing to 0) gives ≈ 0.
    assert!(f.conv.data().iter().all(|v| v.abs() < 1e-3), "{:?}", f.conv.data());
}

#[test]
fn relu_pooling_and_selection() {
    let s = reduce(loaded(8, 6), vec![Action::SetKernel("vertical-edge".into()), Action::ToggleRelu, Action::SetPool(Some(convlab::cnn::PoolKind::Max))]);
    let f = s.features.clone().unwrap();
    // Brightness grows to the right, so left minus right is negative: ReLU zeroes all of it.
    assert!(f.conv.data().iter().all(|&v| v < 0.0));
    assert!(f.shown.data().iter().all(|&v| v == 0.0));
    let pool = f.pool.as_ref().unwrap();
    assert_eq!((pool.params.out_h(), pool.params.out_w()), (2, 3));
    let s = reduce(s, vec![Action::Select(3, 5)]);
    assert_eq!(s.step, 3 * 6 + 5);
    let s = reduce(s, vec![Action::Select(4, 0)]); // outside: ignored
    assert_eq!(s.step, 23);
    let s = reduce(s, vec![Action::Move(1, 1)]); // clamped at the corner
    assert_eq!(s.step, 23);
    let s = reduce(s, vec![Action::Move(-9, -2)]);
    assert_eq!(s.step, 3);
    // A click on the pooled map selects the window's winner (all 0: the first, its top-left).
    let s = reduce(s, vec![Action::SelectPooled(1, 2)]);
    assert_eq!(s.step, 2 * 6 + 4);
}

#[test]
fn a_bad_picture_leaves_the_previous_one() {
    let s = loaded(8, 6);
    let before = s.picture.clone();
    let s = reduce(s, vec![Action::Uploading, Action::LoadFailed("“notes.txt” is not a picture".into())]);
    assert_eq!(s.picture, before);
    assert_eq!(s.source, Source::Bundled(0));
    assert!(!s.loading);
    assert_eq!(s.load_error.as_deref(), Some("“notes.txt” is not a picture"));
    // Too small for the 3 × 3 kernel: refused with the sizes named.
    let tiny = decoded(Source::Upload("dot.png".into()), 2, 2);
    let s = reduce(s, vec![Action::Loaded(Box::new(tiny))]);
    assert_eq!(s.picture, before);
    let msg = s.load_error.clone().unwrap();
    assert!(msg.contains("“dot.png” cannot be used") && msg.contains("3×3"), "{msg}");
    // Pixel data that does not match its size.
    let mut broken = decoded(Source::Upload("x.png".into()), 4, 4);
    broken.rgba.pop();
    let s = reduce(s, vec![Action::Loaded(Box::new(broken))]);
    assert_eq!(s.picture, before);
    assert!(s.load_error.clone().unwrap().contains("64 values, got 63"));
    // A good upload replaces it, and the link then leaves the picture out.
    let s = reduce(s, vec![Action::Loaded(Box::new(decoded(Source::Upload("cat.png".into()), 10, 10)))]);
    assert_eq!(s.source, Source::Upload("cat.png".into()));
    assert!(s.load_error.is_none());
    let link = to_link(&s);
    assert!(link.get("image").is_none() && link.get("step").is_none(), "{}", link.to_fragment());
}

#[test]
fn picking_a_bundled_picture_keeps_the_old_one_until_the_new_arrives() {
    let s = reduce(loaded(8, 6), vec![Action::Pick(2)]);
    assert!(s.loading);
    assert_eq!(s.wanted_bundled(), Some(2));
    assert_eq!(s.picture.as_ref().unwrap().source, Source::Bundled(0));
    let s = reduce(s, vec![Action::LoadFailed("offline".into())]);
    assert_eq!((s.source.clone(), s.wanted_bundled()), (Source::Bundled(0), None));
    let s = reduce(s, vec![Action::Pick(99)]); // no such picture: nothing happens
    assert_eq!(s.source, Source::Bundled(0));
}

#[test]
fn kernel_edits_keep_what_was_typed_and_the_last_valid_map() {
    let s = loaded(8, 6);
    let good = s.features.clone();
    let s = reduce(s, vec![Action::EditKernel(0, 0, "x".into())]);
    assert_eq!(s.kernel.text(0, 0), "x");
    assert_eq!(s.choice, KernelChoice::Custom);
    assert_eq!(s.features, good);
    assert!(s.kernel.error_message("Kernel").is_some());
    let s = reduce(s, vec![Action::EditKernel(0, 0, "-1".into())]);
    assert_eq!(s.choice, KernelChoice::Preset(0)); // typed back to the edge kernel
    let s = reduce(s, vec![Action::ResizeKernel(7, 7)]);
    assert!(s.shape_error.clone().unwrap().contains("7×7"), "{:?}", s.shape_error);
    assert_eq!(s.features.as_ref().unwrap().params.kh, 3);
    let s = reduce(s, vec![Action::SetKernel("blur".into())]);
    assert!(s.shape_error.is_none());
    assert_eq!(s.features.as_ref().unwrap().filters.data()[4], 0.25);
}

#[test]
fn links_round_trip_and_bad_keys_are_named() {
    let s = from_link(&Link::parse("#/image?v=1&image=letters&kernel=sharpen&relu=1&pool=avg&step=100"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!((s.source.clone(), s.choice, s.relu, s.step), (Source::Bundled(3), KernelChoice::Preset(3), true, 100));
    assert!(s.loading && s.picture.is_none());
    assert_eq!(to_link(&s).to_fragment(), "#/image?v=1&image=letters&kernel=sharpen&relu=1&pool=avg&step=100");
    let custom = from_link(&Link::parse("#/image?kernel=1,0;0,-1"));
    assert_eq!(custom.choice, KernelChoice::Custom);
    assert_eq!(to_link(&custom).get("kernel"), Some("1,0;0,-1"));
    let named = from_link(&Link::parse("#/image?kernel=0,0,0;0,1,0;0,0,0"));
    assert_eq!(to_link(&named).get("kernel"), Some("identity"));
    // letters: 64 × 26 → feature map 24 × 62 = 1488 pixels.
    let bad = from_link(&Link::parse("#/image?image=cat&kernel=wobbly&relu=2&pool=min&step=99999&x=1"));
    let keys: Vec<&str> = bad.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["x", "image", "kernel", "relu", "pool", "step"]);
    assert!(bad.ignored[5].reason.contains("46 × 62"), "{}", bad.ignored[5].reason);
    assert_eq!(bad.source, Source::Bundled(0));
    let step = from_link(&Link::parse("#/image?image=letters&step=1488"));
    assert!(step.ignored[0].reason.contains("24 × 62"), "{}", step.ignored[0].reason);
    let big = from_link(&Link::parse("#/image?image=letters&kernel=0;0;0;0;0;0;0"));
    assert_eq!(big.ignored.len(), 0); // 7 × 1 fits 26 rows
    let wide = from_link(&Link::parse("#/image?kernel=1,1,1,1,1,1,1,1"));
    assert_eq!(wide.ignored[0].key, "kernel");
}

#[test]
fn replacing_with_a_link_for_the_same_picture_keeps_it() {
    let s = loaded(8, 6);
    let next = from_link(&Link::parse("#/image?image=house&kernel=blur&step=3"));
    let s = reduce(s, vec![Action::Replace(Box::new(next))]);
    assert!(!s.loading && s.picture.is_some());
    assert_eq!((s.step, s.features.as_ref().unwrap().filters.data()[0]), (3, 0.0625));
}

#[test]
fn files_are_checked_before_decoding() {
    assert!(check_file("a.png", "image/png", 2_000.0).is_ok());
    assert!(check_file("a.heic", "", 2_000.0).is_ok()); // unknown type: the decoder decides
    let e = check_file("notes.txt", "text/plain", 10.0).unwrap_err();
    assert!(e.contains("not a picture") && e.contains("text/plain") && e.contains("stays"), "{e}");
    let e = check_file("huge.jpg", "image/jpeg", 25.0 * 1048576.0).unwrap_err();
    assert!(e.contains("25.0 MB") && e.contains("10 MB"), "{e}");
    assert!(check_file("empty.png", "image/png", 0.0).unwrap_err().contains("empty"));
}

#[test]
fn shading_maps_min_to_black_and_max_to_white() {
    let v = [-2.0, 0.0, 2.0];
    assert_eq!(range(&v), (-2.0, 2.0));
    assert_eq!(shade(&v, -2.0, 2.0), vec![0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    assert_eq!(shade(&[5.0], 5.0, 5.0), vec![128, 128, 128, 255]); // flat: mid-gray
    assert_eq!(range(&[f32::NAN]), (0.0, 0.0));
}
