//! Browser-native MathML built from Rust values. Formulas are trees of `Math` nodes; text
//! goes into text nodes only, so nothing typed by a user can ever become markup.

use crate::text::display_number;
use yew::prelude::*;

/// A MathML expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Math {
    /// A number, shown with `display_number`.
    Num(f32),
    /// A whole number.
    Int(i64),
    /// A variable such as n or p.
    Ident(String),
    /// An operator: + − · = ⌊ …
    Op(String),
    /// Plain words inside a formula.
    Text(String),
    Row(Vec<Math>),
    Frac(Box<Math>, Box<Math>),
    /// ⌊x⌋
    Floor(Box<Math>),
    /// x with a subscript.
    Sub(Box<Math>, Box<Math>),
    /// x with a superscript (an exponent).
    Sup(Box<Math>, Box<Math>),
    /// A part drawn with emphasis (the highlighted value of a step).
    Mark(Box<Math>),
}

impl Math {
    pub fn ident(s: &str) -> Math {
        Math::Ident(s.into())
    }
    pub fn op(s: &str) -> Math {
        Math::Op(s.into())
    }
    pub fn row(items: Vec<Math>) -> Math {
        Math::Row(items)
    }
    pub fn frac(a: Math, b: Math) -> Math {
        Math::Frac(Box::new(a), Box::new(b))
    }
    pub fn floor(a: Math) -> Math {
        Math::Floor(Box::new(a))
    }
    /// x with subscript b (not subtraction: that is `Math::op("−")`).
    #[allow(clippy::should_implement_trait)]
    pub fn sub(a: Math, b: Math) -> Math {
        Math::Sub(Box::new(a), Box::new(b))
    }
    pub fn sup(a: Math, b: Math) -> Math {
        Math::Sup(Box::new(a), Box::new(b))
    }
    pub fn mark(a: Math) -> Math {
        Math::Mark(Box::new(a))
    }
}

fn render(m: &Math) -> Html {
    match m {
        Math::Num(v) => html! { <mn>{ display_number(*v) }</mn> },
        Math::Int(v) if *v < 0 => html! { <mrow><mo>{"−"}</mo><mn>{ v.unsigned_abs() }</mn></mrow> },
        Math::Int(v) => html! { <mn>{ *v }</mn> },
        Math::Ident(s) => html! { <mi>{ s.clone() }</mi> },
        Math::Op(s) => html! { <mo>{ s.clone() }</mo> },
        Math::Text(s) => html! { <mtext>{ s.clone() }</mtext> },
        Math::Row(items) => html! { <mrow>{ for items.iter().map(render) }</mrow> },
        Math::Frac(a, b) => html! { <mfrac>{ render(a) }{ render(b) }</mfrac> },
        Math::Floor(a) => html! {
            <mrow><mo fence="true" stretchy="true">{"⌊"}</mo>{ render(a) }<mo fence="true" stretchy="true">{"⌋"}</mo></mrow>
        },
        Math::Sub(a, b) => html! { <msub>{ render(a) }{ render(b) }</msub> },
        Math::Sup(a, b) => html! { <msup>{ render(a) }{ render(b) }</msup> },
        Math::Mark(a) => html! { <mstyle class="math-mark">{ render(a) }</mstyle> },
    }
}

#[derive(Properties, PartialEq)]
pub struct FormulaProps {
    pub math: Math,
    /// Block (centred, own line) or inline.
    #[prop_or(true)]
    pub block: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// Renders a `Math` tree as a `<math>` element.
#[function_component(Formula)]
pub fn formula(props: &FormulaProps) -> Html {
    let display = if props.block { "block" } else { "inline" };
    html! {
        <math display={display} data-testid={props.testid.clone()}>{ render(&props.math) }</math>
    }
}
