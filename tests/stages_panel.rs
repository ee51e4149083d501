//! The stages of a layer (`#/stages`): convolution → ReLU → pooling, checked by hand.

use convlab::cnn::PoolKind;
use convlab::link::Link;
use convlab::panels::stages::{from_link, to_link, Action, StagesState, KERNELS};
use std::rc::Rc;
use yew::Reducible;

#[test]
fn default_flow_by_hand() {
    let s = StagesState::default(); // dark → bright kernel −1,0,1 per row, max pooling
    // conv(r, c) = Σ rows (−in[·][c] + in[·][c+2]); e.g. row 1: 0, −27, −27, 0.
    assert_eq!(s.good.conv.plane_rows(0), vec![
        vec![0.0, -27.0, -27.0, 0.0],
        vec![0.0, -27.0, -27.0, 9.0],
        vec![0.0, -27.0, -18.0, 18.0],
        vec![0.0, -27.0, -9.0, 27.0],
    ]);
    // ReLU turns the 8 negatives into 0 (read from the activation trace).
    assert_eq!(s.good.relu_trace.steps.iter().filter(|st| st.input < 0.0).count(), 8);
    assert_eq!(s.good.detector.plane_rows(0)[3], vec![0.0, 0.0, 0.0, 27.0]);
    // Max pooling 2×2 stride 2: max(0,0,0,0)=0, max(0,0,0,9)=9, 0, max(0,18,0,27)=27.
    assert_eq!(s.good.pooled.plane_rows(0), vec![vec![0.0, 9.0], vec![0.0, 27.0]]);
}

#[test]
fn every_kernel_and_pool_works_and_links_round_trip() {
    for (i, _) in KERNELS.iter().enumerate() {
        for kind in [PoolKind::Max, PoolKind::Average] {
            let s = StagesState::new(i, kind);
            assert_eq!(from_link(&to_link(&s)), s);
        }
    }
    let s = Rc::new(StagesState::default()).reduce(Action::SetPool(PoolKind::Average));
    // Average of the bottom-right block 0, 18, 0, 27 = 11.25.
    assert_eq!(s.good.pooled.get(0, 1, 1), 11.25);
    let bad = from_link(&Link::parse("#/stages?kernel=diagonal&pool=min&x=1"));
    let keys: Vec<&str> = bad.ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, vec!["x", "kernel", "pool"]);
    assert_eq!(bad.good, StagesState::default().good);
}
