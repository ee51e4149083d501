//! Panel: exercises that check themselves (`#/exercises`). The lecture's exercise kinds,
//! generated from a seed by the pure `crate::exercises`, graded cell by cell as they are
//! typed, with hints one step at a time and the solution on request. Progress is kept in
//! localStorage; a worksheet mode prints N exercises and their answer sheet.

pub mod link;
pub mod sheet;
pub mod state;
pub mod view;

use crate::exercises::progress::Book;
use crate::exercises::{Kind, LEVELS};
use crate::panels::common::{use_linked_reducer, LinkNotes, Select};
use state::{Action, ExState};
use view::{givens_view, part_live, BlankEvents};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Where progress is stored.
const STORE_KEY: &str = "convlab-exercises";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The stored book; storage that is missing, blocked or holds junk gives an empty one.
fn load_book() -> Book {
    storage().and_then(|s| s.get_item(STORE_KEY).ok().flatten()).map(|t| Book::from_json(&t)).unwrap_or_default()
}

fn save_book(b: &Book) {
    if let Some(s) = storage() {
        // A full or blocked storage only costs the saving; the page goes on.
        let _ = s.set_item(STORE_KEY, &b.to_json());
    }
}

const LEVEL_NAMES: [&str; 3] = ["1 — small, no negatives", "2 — larger, bias, stride", "3 — negatives, padding"];

fn progress_view(book: &Book, onforget: Callback<MouseEvent>) -> Html {
    let rows: Vec<_> = book.summary().into_iter().filter(|s| s.tried > 0).collect();
    let (tried, solved): (usize, usize) = rows.iter().fold((0, 0), |(t, s), r| (t + r.tried, s + r.solved));
    html! {
        <section class="card ex-progress no-print" aria-labelledby="ex-progress-title">
            <h2 id="ex-progress-title">{"Your progress"}</h2>
            if rows.is_empty() {
                <p class="muted" data-testid="ex-progress-empty">{"Nothing tried yet. Progress is kept in this browser only."}</p>
            } else {
                <p data-testid="ex-progress-total" data-value={solved.to_string()}>{ format!("{solved} of {tried} exercises tried are solved.") }</p>
                <div class="scroll"><table class="vec-table" data-testid="ex-progress">
                    <thead><tr><th scope="col">{"kind"}</th><th scope="col">{"tried"}</th><th scope="col">{"solved"}</th><th scope="col">{"wrong answers"}</th></tr></thead>
                    <tbody>{ for rows.iter().map(|r| html! {
                        <tr data-kind={r.kind.id()}><th scope="row">{ r.kind.title() }</th>
                            <td class="num" data-value={r.tried.to_string()}>{ r.tried }</td>
                            <td class="num" data-value={r.solved.to_string()}>{ r.solved }</td>
                            <td class="num" data-value={r.attempts.to_string()}>{ r.attempts }</td></tr>
                    }) }</tbody>
                </table></div>
                <button type="button" class="small" onclick={onforget} data-testid="ex-forget">{"Forget my progress"}</button>
            }
        </section>
    }
}

fn hint_view(s: &ExState) -> Html {
    let Some(i) = s.hint_for else { return html! {} };
    let Some(b) = s.ex.blanks().nth(i) else { return html! {} };
    let shown = s.hints.get(i).copied().unwrap_or(0).min(b.hints.len());
    html! {
        <div class="hint-box" role="status" data-testid="ex-hint" data-value={shown.to_string()}>
            <p><strong>{ format!("Hint for {} — step {shown} of {}", b.label, b.hints.len()) }</strong></p>
            <ol>{ for b.hints[..shown].iter().map(|h| html! { <li>{ h.clone() }</li> }) }</ol>
        </div>
    }
}

#[function_component(ExercisesPanel)]
pub fn exercises_panel() -> Html {
    let state = use_linked_reducer(link::from_link, link::to_link, link::ROUTE, Action::Replace);
    let dispatch = {
        let s = state.dispatcher();
        Callback::from(move |a: Action| s.dispatch(a))
    };
    let book = use_mut_ref(load_book);
    let saved = use_state(|| 0u32);
    // Opening an exercise brings back what was typed for it before (a reload, a shared link).
    {
        let (book, d) = (book.clone(), dispatch.clone());
        use_effect_with(state.key(), move |k| {
            if let Some(r) = book.borrow().get(k).cloned() {
                d.emit(Action::Restore(r));
            }
        });
    }
    // Anything the student does is saved at once.
    {
        let (book, saved) = (book.clone(), saved.clone());
        let record = state.record();
        use_effect_with((state.key(), record, state.touched), move |(k, r, touched)| {
            if *touched {
                book.borrow_mut().put(k, r.clone());
                save_book(&book.borrow());
                saved.set(*saved + 1);
            }
        });
    }
    let onforget = {
        let (book, saved) = (book.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            *book.borrow_mut() = Book::default();
            save_book(&book.borrow());
            saved.set(*saved + 1);
        })
    };
    let emit = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let header = html! {
        <header class="panel-head">
            <h1 id="ex-title">{"Exercises"}</h1>
            <p class="lede">{"The lecture's exercises, generated afresh from a seed: complete a convolution, find the unknowns, work out sizes, poolings, parameters, one-hot vectors, softmax and losses. Each cell says at once whether it is right, without giving the answer away; a hint shows the arithmetic one step at a time."}</p>
        </header>
    };
    let notes = html! { <LinkNotes notes={state.ignored.clone()} ondismiss={Callback::from({ let d = dispatch.clone(); move |_| d.emit(Action::DismissNotes) })} /> };
    if let Some(spec) = state.sheet.clone() {
        return html! {
            <section class="panel exercises" aria-labelledby="ex-title">
                { header }{ notes }
                <sheet::Worksheet spec={spec} dispatch={dispatch.clone()} />
            </section>
        };
    }
    let kinds: Vec<(String, String)> = Kind::ALL.iter().map(|k| (k.id().to_string(), k.title().to_string())).collect();
    let levels: Vec<(String, String)> = LEVELS.map(|l| (l.to_string(), LEVEL_NAMES[usize::from(l) - 1].to_string())).collect();
    let onseed = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| d.emit(Action::EditSeed(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let onnew = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::NewSeed((js_sys::Math::random() * 1_000_000.0) as u32)))
    };
    let ev = BlankEvents {
        ontype: Callback::from({ let d = dispatch.clone(); move |(i, t)| d.emit(Action::Type(i, t)) }),
        oncommit: Callback::from({ let d = dispatch.clone(); move |i| d.emit(Action::Commit(i)) }),
    };
    let ex = &state.ex;
    let (right, n) = (state.right_count(), state.answers.len());
    html! {
        <section class="panel exercises" aria-labelledby="ex-title">
            { header }{ notes }
            <div class="toolbar" role="group" aria-label="Exercise">
                <Select label="Kind" value={state.kind.id().to_string()} options={kinds} testid="ex-kind"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| d.emit(Action::SetKind(v)) })} />
                <Select label="Level" value={state.level.to_string()} options={levels} testid="ex-level"
                    onchange={Callback::from({ let d = dispatch.clone(); move |v: String| d.emit(Action::SetLevel(v)) })} />
                <label class="field seed">
                    <span>{"Seed"}</span>
                    <input type="text" inputmode="numeric" value={state.seed_text.clone()} oninput={onseed} data-testid="ex-seed"
                        spellcheck="false" autocomplete="off" aria-invalid={state.seed_error.is_some().then_some("true")} />
                </label>
                <button type="button" class="primary" onclick={onnew} data-testid="ex-new">{"New exercise"}</button>
                <button type="button" class="small" onclick={emit(Action::OpenSheet)} data-testid="ex-sheet">{"Worksheet…"}</button>
            </div>
            if let Some(e) = state.seed_error.clone() { <p class="alert" role="alert" data-testid="ex-seed-error">{ e }</p> }
            <p class="muted share">{"The same kind, level and seed give everyone the same exercise: "}<code data-testid="ex-link">{ link::to_link(&state).to_fragment() }</code></p>
            <article class="card ex" data-testid="exercise" data-kind={state.kind.id()}>
                <h2>{ ex.title.clone() }</h2>
                { for ex.intro.iter().map(|p| html! { <p>{ p.clone() }</p> }) }
                { givens_view(ex, "ex-") }
                <p class="ex-rule" data-testid="ex-rule"><strong>{"Precision: "}</strong>{ ex.rule.clone() }</p>
                { for (0..ex.parts.len()).filter(|&p| state.part_open(p)).map(|p| part_live(&state, p, &ev)) }
                if (0..ex.parts.len()).any(|p| !state.part_open(p)) {
                    <p class="muted" data-testid="ex-gated">{"The next part appears once this one is right."}</p>
                }
                <p class="ex-score" data-testid="ex-score" data-value={right.to_string()} aria-live="polite">
                    { format!("{right} of {n} right") }
                    { format!(" · wrong answers so far: {}", state.attempts) }
                    if state.solved { <strong class="solved" data-testid="ex-solved">{" · Solved ✓"}</strong> }
                    if state.revealed { <span data-testid="ex-revealed">{" · solution shown"}</span> }
                </p>
                <div class="button-row">
                    <button type="button" onclick={emit(Action::Hint)} data-testid="ex-hint-btn">{"Hint"}</button>
                    <button type="button" onclick={emit(Action::ShowSolution)} data-testid="ex-solution-btn" disabled={state.revealed}>{"Show solution"}</button>
                    <button type="button" class="small" onclick={emit(Action::ClearAnswers)} data-testid="ex-clear">{"Clear answers"}</button>
                </div>
                { hint_view(&state) }
            </article>
            { progress_view(&book.borrow(), onforget) }
        </section>
    }
}
