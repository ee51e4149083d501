//! The data: a few training samples of each class; a click chooses the sample followed
//! through the network (feature maps, backpropagation).

use super::config::SIDE;
use super::pixels::{Pixels, Scale};
use super::state::{Action, TrainState};
use crate::cnn::CLASS_NAMES;
use std::rc::Rc;
use yew::prelude::*;

/// How many gallery samples per class.
const GALLERY: usize = 4;

pub fn gallery_card(state: &UseReducerHandle<TrainState>) -> Html {
    let click = |a: Action| {
        let s = state.dispatcher();
        Callback::from(move |_: MouseEvent| s.dispatch(a.clone()))
    };
    let t = state.trainer.borrow();
    let gallery: Vec<(usize, Rc<Vec<f32>>, usize)> = (0..CLASS_NAMES.len())
        .flat_map(|class| {
            t.train_set()
                .samples()
                .iter()
                .enumerate()
                .filter(move |(_, s)| s.label == class)
                .take(GALLERY)
                .map(|(i, s)| (i, Rc::new(s.image.data().to_vec()), s.label))
                .collect::<Vec<_>>()
        })
        .collect();
    drop(t);
    html! {
        <div class="card">
            <h2>{"The data"}</h2>
            <p class="muted">{"A few training samples per class. Click one to follow it through the network below."}</p>
            <div class="tr-gallery" data-testid="training-gallery">
                { for CLASS_NAMES.iter().enumerate().map(|(class, name)| html! {
                    <div class="tr-class">
                        <span class="tr-class-name">{ *name }</span>
                        { for gallery.iter().filter(|g| g.2 == class).map(|(i, px, _)| {
                            let i = *i;
                            html! { <button type="button" class="tr-sample" aria-pressed={(i == state.sample).to_string()}
                                title={format!("training sample {i}")} onclick={click(Action::ChooseSample(i))}>
                                <Pixels values={px.clone()} rows={SIDE} cols={SIDE} scale={Scale::Gray(0.0, 1.0)} label={format!("{name}, training sample {i}")} />
                            </button> }
                        }) }
                    </div>
                }) }
            </div>
        </div>
    }
}
