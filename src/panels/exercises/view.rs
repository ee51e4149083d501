//! Rendering an exercise without knowing its kind: the givens (matrices, vectors, numbers,
//! words), and the answer blanks — live inputs graded as they are typed, or, on a worksheet,
//! empty boxes and the answer sheet's solutions.

use super::state::ExState;
use crate::exercises::{Answer, Blank, Body, Exercise, Given, Layout, Part, Val, Verdict};
use crate::text::machine_number;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn val_cell(v: &Val) -> Html {
    match v.value {
        Some(x) => html! { <td class="cell" data-value={machine_number(x)}>{ v.text.clone() }</td> },
        None => html! { <td class="cell unknown">{ v.text.clone() }</td> },
    }
}

fn given_view(g: &Given, prefix: &str) -> Html {
    let testid = format!("{prefix}given-{}", g.id);
    match &g.body {
        Body::Matrix(rows) => html! {
            <figure class="ex-given">
                <figcaption>{ g.label.clone() }</figcaption>
                <table class="grid" data-testid={testid}>
                    <caption class="sr-only">{ g.label.clone() }</caption>
                    <tbody>{ for rows.iter().map(|r| html! { <tr>{ for r.iter().map(val_cell) }</tr> }) }</tbody>
                </table>
            </figure>
        },
        Body::Vector { values, names } => html! {
            <figure class="ex-given">
                <figcaption>{ g.label.clone() }</figcaption>
                <table class="grid vec" data-testid={testid}>
                    <caption class="sr-only">{ g.label.clone() }</caption>
                    if !names.is_empty() {
                        <thead><tr>{ for names.iter().map(|n| html! { <th scope="col">{ n.clone() }</th> }) }</tr></thead>
                    }
                    <tbody><tr>{ for values.iter().map(val_cell) }</tr></tbody>
                </table>
            </figure>
        },
        Body::Scalar(v) => html! {
            <p class="ex-scalar" data-testid={testid} data-value={v.value.map(machine_number)}>
                <span class="muted">{ g.label.clone() }{" = "}</span><strong>{ v.text.clone() }</strong>
            </p>
        },
        Body::Words(w) => html! {
            <p class="ex-words" data-testid={testid}><span class="muted">{ g.label.clone() }{": "}</span>{ w.clone() }</p>
        },
    }
}

/// The givens: scalars and words in one line, matrices and vectors side by side.
pub fn givens_view(ex: &Exercise, prefix: &str) -> Html {
    let small = |g: &&Given| matches!(g.body, Body::Scalar(_) | Body::Words(_));
    html! {
        <div class="ex-givens">
            <div class="ex-figs">{ for ex.givens.iter().filter(|g| !small(g)).map(|g| given_view(g, prefix)) }</div>
            <div class="ex-facts">{ for ex.givens.iter().filter(small).map(|g| given_view(g, prefix)) }</div>
        </div>
    }
}

fn mark(v: &Verdict) -> Html {
    let word = match v {
        Verdict::Right => "right",
        Verdict::Wrong => "wrong",
        // Said on screen too: the cell keeps the text, and this is why it is not graded.
        Verdict::Unreadable(_) => return html! { <span class="ex-nan" role="status">{ "not a number yet" }</span> },
        Verdict::Empty => return html! {},
    };
    html! { <span class="sr-only">{ word }</span> }
}

/// Callbacks of the live blanks.
#[derive(Clone, PartialEq)]
pub struct BlankEvents {
    pub ontype: Callback<(usize, String)>,
    pub oncommit: Callback<usize>,
}

fn input(i: usize, b: &Blank, text: &str, v: &Verdict, ev: &BlankEvents) -> Html {
    let bad = matches!(v, Verdict::Wrong | Verdict::Unreadable(_));
    let commit = {
        let cb = ev.oncommit.clone();
        Callback::from(move |_: Event| cb.emit(i))
    };
    if let Answer::Choice { options, .. } = &b.answer {
        let (cb, commit) = (ev.ontype.clone(), ev.oncommit.clone());
        // Choosing is committing: a wrong choice counts at once.
        let onchange = Callback::from(move |e: Event| {
            cb.emit((i, e.target_unchecked_into::<HtmlSelectElement>().value()));
            commit.emit(i);
        });
        return html! {
            <select aria-label={b.label.clone()} onchange={onchange}>
                <option value="" selected={text.is_empty()}>{"— choose —"}</option>
                { for options.iter().map(|o| html! { <option value={*o} selected={text.eq_ignore_ascii_case(o)}>{ *o }</option> }) }
            </select>
        };
    }
    let cb = ev.ontype.clone();
    let oninput = Callback::from(move |e: InputEvent| cb.emit((i, e.target_unchecked_into::<HtmlInputElement>().value())));
    html! {
        <input type="text" inputmode="decimal" spellcheck="false" autocomplete="off" value={text.to_string()}
            aria-label={b.label.clone()} aria-invalid={bad.then_some("true")} oninput={oninput} onchange={commit} />
    }
}

fn solution(b: &Blank, prefix: &str) -> Html {
    html! { <span class="sol" data-testid={format!("{prefix}sol-{}", b.id)}>{ b.answer.shown() }</span> }
}

/// One part with live inputs.
pub fn part_live(s: &ExState, p: usize, ev: &BlankEvents) -> Html {
    let part = &s.ex.parts[p];
    let first = s.first_of(p);
    let cell = |k: usize, b: &Blank| {
        let i = first + k;
        let v = s.verdict(i);
        let text = s.answers.get(i).map_or("", String::as_str);
        (i, v.clone(), html! {
            <>
                { input(i, b, text, &v, ev) }
                { mark(&v) }
                if s.revealed { { solution(b, "ex-") } }
            </>
        })
    };
    let body = match part.layout {
        Layout::Grid { rows, cols } => html! {
            <div class="scroll">
            <table class="grid answers" data-testid={format!("ex-part-{p}")}>
                <caption class="sr-only">{ part.title.clone() }</caption>
                <tbody>
                { for (0..rows).map(|r| html! { <tr>{ for (0..cols).filter_map(|c| part.blanks.get(r * cols + c).map(|b| (r * cols + c, b))).map(|(k, b)| {
                    let (_, v, inner) = cell(k, b);
                    html! { <td class={classes!("cell", "edit", "blank", v.id(), (s.hint_for == Some(first + k)).then_some("hinted"))} data-testid={format!("ex-blank-{}", b.id)} data-verdict={v.id()} title={unreadable(&v)}>{ inner }</td> }
                }) }</tr> }) }
                </tbody>
            </table>
            { unreadable_cells(s, p, cols) }
            </div>
        },
        Layout::List => html! {
            <div class="answer-list" data-testid={format!("ex-part-{p}")}>
            { for part.blanks.iter().enumerate().map(|(k, b)| {
                let (_, v, inner) = cell(k, b);
                html! {
                    <div class={classes!("blank", "row", v.id(), (s.hint_for == Some(first + k)).then_some("hinted"))} data-testid={format!("ex-blank-{}", b.id)} data-verdict={v.id()}>
                        <label><span class="blank-label">{ b.label.clone() }{" ="}</span>{ inner }</label>
                        if let Some(m) = unreadable(&v) { <span class="why">{ m }</span> }
                    </div>
                }
            }) }
            </div>
        },
    };
    html! { <section class="ex-part"><h3>{ part.title.clone() }</h3>{ body }</section> }
}

/// Under a grid, in words, which cells hold text that is not a number yet and why (the cells
/// themselves are too small to say it).
fn unreadable_cells(s: &ExState, p: usize, cols: usize) -> Html {
    let first = s.first_of(p);
    let cols = cols.max(1);
    let lines: Vec<Html> = (0..s.ex.parts[p].blanks.len())
        .filter_map(|k| {
            let why = unreadable(&s.verdict(first + k))?;
            Some(html! { <li>{ format!("Row {}, column {}: ", k / cols + 1, k % cols + 1) }{ why }</li> })
        })
        .collect();
    // The live region is always there, so screen readers announce what appears in it.
    html! {
        <div role="status" data-testid={format!("ex-unreadable-{p}")}>
            if !lines.is_empty() { <ul class="why-list">{ for lines }</ul> }
        </div>
    }
}

fn unreadable(v: &Verdict) -> Option<String> {
    match v {
        Verdict::Unreadable(m) => Some(m.clone()),
        _ => None,
    }
}

/// One part printed: empty boxes, or the solutions on the answer sheet.
pub fn part_printed(part: &Part, answers: bool, prefix: &str) -> Html {
    let text = |b: &Blank| if answers { b.answer.shown() } else { String::new() };
    match part.layout {
        Layout::Grid { rows, cols } => html! {
            <table class="grid answers printed">
                <caption class="sr-only">{ part.title.clone() }</caption>
                <tbody>{ for (0..rows).map(|r| html! { <tr>{ for (0..cols).filter_map(|c| part.blanks.get(r * cols + c)).map(|b| html! {
                    <td class="cell box" data-testid={answers.then(|| format!("{prefix}sol-{}", b.id))}>{ text(b) }</td>
                }) }</tr> }) }</tbody>
            </table>
        },
        Layout::List => html! {
            <div class="answer-list printed">{ for part.blanks.iter().map(|b| html! {
                <p class="blank"><span class="blank-label">{ b.label.clone() }{" = "}</span>
                    <span class="line" data-testid={answers.then(|| format!("{prefix}sol-{}", b.id))}>{ text(b) }</span></p>
            }) }</div>
        },
    }
}
