//! The printable worksheet: N exercises of the chosen kinds with boxes to fill in, then,
//! after a page break, the answer sheet. Printing is the browser's own (print CSS in
//! static/style.css hides the app around it and keeps it black on white).

use super::state::Action;
use super::view::{givens_view, part_printed};
use crate::exercises::sheet::{SheetSpec, MAX_SHEET};
use crate::exercises::{Exercise, Kind};
use crate::panels::common::{Select, Toggle};
use yew::prelude::*;

fn item(i: usize, ex: &Exercise, spec: &SheetSpec) -> Html {
    let (kind, seed) = spec.item(i);
    html! {
        <article class="ws-item" data-testid={format!("ws-item-{}", i + 1)}>
            <h2>{ format!("{}. {}", i + 1, ex.title) }</h2>
            { for ex.intro.iter().map(|p| html! { <p>{ p.clone() }</p> }) }
            { givens_view(ex, "ws-") }
            { for ex.parts.iter().map(|p| html! { <section class="ex-part"><h3>{ p.title.clone() }</h3>{ part_printed(p, false, "") }</section> }) }
            <p class="ws-rule">{ format!("Precision: {}. Check it online: #/exercises?kind={}&level={}&seed={seed}", ex.rule.trim_end_matches('.'), kind.id(), ex.level) }</p>
        </article>
    }
}

fn answers(i: usize, ex: &Exercise) -> Html {
    html! {
        <article class="ws-answer" data-testid={format!("ws-answer-{}", i + 1)}>
            <h3>{ format!("{}. {}", i + 1, ex.title) }</h3>
            { for ex.parts.iter().map(|p| html! { <div class="ws-answer-part"><span class="muted">{ p.title.clone() }</span>{ part_printed(p, true, &format!("ws-{}-", i + 1)) }</div> }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct SheetProps {
    pub spec: SheetSpec,
    pub dispatch: Callback<Action>,
}

/// The worksheet's settings (not printed) and the sheet itself.
#[function_component(Worksheet)]
pub fn worksheet(p: &SheetProps) -> Html {
    let spec = &p.spec;
    let exercises = use_memo(spec.clone(), |s| s.exercises());
    let d = p.dispatch.clone();
    let counts: Vec<(String, String)> = (1..=MAX_SHEET).map(|n| (n.to_string(), n.to_string())).collect();
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <>
        <div class="toolbar no-print" role="group" aria-label="Worksheet settings">
            <fieldset class="ws-kinds">
                <legend>{"Kinds (taken in turn)"}</legend>
                { for Kind::ALL.iter().map(|&k| {
                    let d = d.clone();
                    html! { <Toggle label={k.title()} checked={spec.kinds.contains(&k)} testid={format!("ws-kind-{}", k.id())}
                        ontoggle={Callback::from(move |_| d.emit(Action::SheetToggleKind(k)))} /> }
                }) }
            </fieldset>
            <Select label="Exercises" value={spec.n.to_string()} options={counts} testid="ws-count"
                onchange={Callback::from({ let d = d.clone(); move |v: String| d.emit(Action::SheetCount(v)) })} />
            <button type="button" onclick={print} data-testid="ws-print">{"Print…"}</button>
            <button type="button" class="small" onclick={Callback::from({ let d = d.clone(); move |_| d.emit(Action::CloseSheet) })} data-testid="ws-close">{"Back to one exercise"}</button>
        </div>
        <p class="muted no-print">{"The sheet below prints on its own, black on white, with the answer sheet on a new page. Share this page's link and everyone prints the same sheet."}</p>
        <div class="worksheet" data-testid="worksheet">
            <header class="ws-head">
                <h1>{"ConvLab worksheet"}</h1>
                <p>{ format!("{} exercises, level {}, seed {}. Name: ______________________", exercises.len(), spec.level, spec.seed) }</p>
            </header>
            { for exercises.iter().enumerate().map(|(i, ex)| item(i, ex, spec)) }
            <section class="ws-answers" data-testid="ws-answers">
                <h1>{"Answer sheet"}</h1>
                { for exercises.iter().enumerate().map(|(i, ex)| answers(i, ex)) }
            </section>
        </div>
        </>
    }
}
