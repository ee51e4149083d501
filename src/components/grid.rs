//! The matrix grid: a `<table>` of numbers with row and column headers, used for every
//! matrix in ConvLab. A cell is either editable text (kept exactly as typed, marked when it
//! is not a number) or a computed value (shown for people, `data-value` for machines).

use crate::text::{display_number, machine_number};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A grid's cells, row by row (shared, so an unchanged grid is not compared cell by cell).
pub type Cells = Rc<Vec<Vec<Cell>>>;
/// Row or column labels.
pub type Labels = Rc<Vec<String>>;

/// What one cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellContent {
    /// Editable text at (row, col) of the matrix being edited, with its parse error, if any,
    /// and the value it currently stands for.
    Edit { text: String, error: Option<String>, value: f32 },
    /// A computed value; `shown` false leaves the cell blank (not reached yet).
    Value { value: f32, shown: bool },
    /// A fixed label (e.g. a padding zero) with its value.
    Fixed { value: f32 },
}

/// One cell: its content, extra CSS classes and an optional heat-map tint in −1..=1.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: CellContent,
    pub classes: Classes,
    pub tint: Option<f32>,
    pub note: Option<String>,
}

impl Cell {
    pub fn value(value: f32) -> Cell {
        Cell { content: CellContent::Value { value, shown: true }, classes: Classes::new(), tint: None, note: None }
    }
}

#[derive(Properties, PartialEq)]
pub struct GridProps {
    pub testid: AttrValue,
    /// Read by screen readers as the table's caption; also shown unless `hide_caption`.
    pub caption: AttrValue,
    pub cells: Cells,
    #[prop_or_default]
    pub hide_caption: bool,
    /// First row/column number shown in the headers (padding rows get 0 or negative labels).
    #[prop_or_default]
    pub row_labels: Option<Labels>,
    #[prop_or_default]
    pub col_labels: Option<Labels>,
    /// Called with (row, col, text) when an editable cell changes.
    #[prop_or_default]
    pub onedit: Option<Callback<(usize, usize, String)>>,
    /// Called with (row, col) when a value cell is activated (click or Enter).
    #[prop_or_default]
    pub onselect: Option<Callback<(usize, usize)>>,
    #[prop_or_default]
    pub class: Classes,
}

fn tint_style(t: Option<f32>) -> Option<AttrValue> {
    t.filter(|t| t.is_finite()).map(|t| {
        let t = t.clamp(-1.0, 1.0);
        let var = if t < 0.0 { "--neg" } else { "--pos" };
        AttrValue::from(format!("--t:{:.3};background-color:color-mix(in oklab, var({var}) calc(var(--t) * 80%), var(--cell-bg))", t.abs()))
    })
}

/// A matrix as an accessible table.
#[function_component(Grid)]
pub fn grid(props: &GridProps) -> Html {
    let cols = props.cells.first().map_or(0, Vec::len);
    let col_label = |c: usize| props.col_labels.as_ref().and_then(|l| l.get(c).cloned()).unwrap_or_else(|| (c + 1).to_string());
    let row_label = |r: usize| props.row_labels.as_ref().and_then(|l| l.get(r).cloned()).unwrap_or_else(|| (r + 1).to_string());
    html! {
        <table class={classes!("grid", (cols > 9).then_some("dense"), props.class.clone())} data-testid={props.testid.clone()}>
            <caption class={classes!(props.hide_caption.then_some("sr-only"))}>{ props.caption.clone() }</caption>
            <thead><tr><th scope="col" class="corner"><span class="sr-only">{"row"}</span></th>
                { for (0..cols).map(|c| html! { <th scope="col">{ col_label(c) }</th> }) }
            </tr></thead>
            <tbody>
            { for props.cells.iter().enumerate().map(|(r, row)| html! {
                <tr>
                    <th scope="row">{ row_label(r) }</th>
                    { for row.iter().enumerate().map(|(c, cell)| render_cell(props, r, c, cell, &row_label(r), &col_label(c))) }
                </tr>
            }) }
            </tbody>
        </table>
    }
}

fn render_cell(props: &GridProps, r: usize, c: usize, cell: &Cell, rl: &str, cl: &str) -> Html {
    let style = tint_style(cell.tint);
    let title = cell.note.clone();
    match &cell.content {
        CellContent::Edit { text, error, value } => {
            let onedit = props.onedit.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                if let Some(cb) = &onedit {
                    cb.emit((r, c, e.target_unchecked_into::<HtmlInputElement>().value()));
                }
            });
            let label = format!("{} row {rl} column {cl}", props.caption);
            let invalid = error.is_some();
            // A long number (1.000e30, or 2.5e30 refused as too large) widens its cell instead of
            // being cut off mid-number; text that is not a number does not (a pasted row would
            // stretch the whole column), and the message under the grid quotes it.
            let chars = text.chars().count();
            let numeric = error.is_none() || text.trim().replace('−', "-").parse::<f64>().is_ok();
            let long = chars > 5 && numeric;
            let size = long.then(|| chars.min(12).to_string());
            html! {
                <td class={classes!("cell", "edit", cell.classes.clone(), invalid.then_some("invalid"), long.then_some("long"))}
                    style={style} data-value={machine_number(*value)} title={error.clone().or(title)}>
                    <input type="text" inputmode="decimal" spellcheck="false" autocomplete="off"
                        value={text.clone()} size={size} aria-label={label} aria-invalid={invalid.then_some("true")}
                        oninput={oninput} />
                </td>
            }
        }
        CellContent::Value { value, shown } => {
            let text = if *shown { display_number(*value) } else { String::new() };
            let class = classes!("cell", cell.classes.clone(), (!shown).then_some("pending"));
            let style = if *shown { style } else { None };
            let data_value = machine_number(*value);
            match props.onselect.clone() {
                // A button inside the cell keeps the table's semantics and gives keyboard use for free.
                Some(cb) => {
                    let label = format!("{} row {rl} column {cl}: {}", props.caption, if *shown { text.as_str() } else { "not computed yet" });
                    html! {
                        <td class={class} style={style} data-value={data_value} title={title}>
                            <button type="button" class="cell-btn" aria-label={label} onclick={Callback::from(move |_: MouseEvent| cb.emit((r, c)))}>
                                { text }
                            </button>
                        </td>
                    }
                }
                None => html! {
                    <td class={class} style={style} data-value={data_value} title={title}>{ text }</td>
                },
            }
        }
        CellContent::Fixed { value } => html! {
            <td class={classes!("cell", cell.classes.clone())} style={style} data-value={machine_number(*value)} title={title}>
                { display_number(*value) }
            </td>
        },
    }
}
