//! The shell: header, navigation in lecture order, and fragment routing (`#/<panel>?…`).

use crate::panels::{self, PANELS};
use crate::shell::keys::use_lecturer_keys;
use crate::shell::modules::Elsewhere;
use crate::shell::toolbar::{BlankScreen, Toolbar};
use crate::shell::ShellState;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/:name")]
    Panel { name: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Panel { name } => match panels::find(&name) {
            Some(p) => panels::view(p.name).unwrap_or_else(|| html! { <Elsewhere name={p.name} /> }),
            None => html! { <NotFound name={name} /> },
        },
        Route::NotFound => html! { <NotFound name={String::new()} /> },
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let shell = use_reducer(ShellState::load);
    use_effect_with((*shell).clone(), |s| s.apply());
    use_lecturer_keys(shell.clone());
    html! {
        <HashRouter>
            <BlankScreen shell={shell.clone()} />
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                // The fragment is the router's; move focus instead of navigating.
                e.prevent_default();
                if let Some(m) = gloo::utils::document().get_element_by_id("main") {
                    use wasm_bindgen::JsCast;
                    if let Ok(m) = m.dyn_into::<web_sys::HtmlElement>() { let _ = m.focus(); }
                }
            })}>{"Skip to content"}</a>
            <header class="topbar">
                <Link<Route> to={Route::Home} classes="brand">
                    <span class="logo" aria-hidden="true">{"▦"}</span>{"ConvLab"}
                </Link<Route>>
                <span class="tagline">{"Convolutional networks, computed in front of you"}</span>
                <Toolbar shell={shell.clone()} />
            </header>
            <div class="layout">
                <Nav />
                <main id="main" tabindex="-1">
                    <Switch<Route> render={switch} />
                </main>
            </div>
        </HashRouter>
    }
}

#[function_component(Nav)]
fn nav() -> Html {
    let route = use_route::<Route>();
    let current = match &route {
        Some(Route::Panel { name }) => name.clone(),
        _ => String::new(),
    };
    let nav_ref = use_node_ref();
    {
        let nav_ref = nav_ref.clone();
        use_effect_with(current.clone(), move |_| reveal_active(&nav_ref));
    }
    html! {
        <nav class="sidenav" aria-label="Panels" ref={nav_ref}>
            <ol>
            { for PANELS.iter().enumerate().map(|(i, p)| {
                let active = p.name == current;
                let to = Route::Panel { name: p.name.to_string() };
                html! {
                    <li class={classes!(active.then_some("active"))}>
                        <Link<Route> to={to}>
                            <span class="num" aria-hidden="true">{ i + 1 }</span>
                            <span class="title">{ p.title }</span>
                        </Link<Route>>
                    </li>
                }
            }) }
            </ol>
        </nav>
    }
}

/// On a narrow screen the navigation is one row that scrolls sideways: bring the current
/// panel's entry into it (a link may open any panel, the sixteenth too).
fn reveal_active(nav_ref: &NodeRef) {
    use wasm_bindgen::JsCast;
    let Some(nav) = nav_ref.cast::<web_sys::HtmlElement>() else { return };
    if nav.scroll_width() <= nav.client_width() {
        return;
    }
    let Some(active) = nav.query_selector("li.active").ok().flatten().and_then(|li| li.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    let (left, width, view) = (active.offset_left(), active.offset_width(), nav.client_width());
    let scroll = nav.scroll_left();
    if left < scroll || left + width > scroll + view {
        nav.set_scroll_left((left - (view - width) / 2).max(0));
    }
}

#[function_component(Home)]
fn home() -> Html {
    html! {
        <section class="panel home">
            <header class="panel-head">
                <h1>{"ConvLab"}</h1>
                <p class="lede">{"An interactive companion to the lecture on convolutional neural networks. Every number on screen is computed by the network code itself, so you can check each one by hand — and every panel has a link you can share."}</p>
            </header>
            <ol class="cards">
            { for PANELS.iter().enumerate().map(|(i, p)| {
                let to = Route::Panel { name: p.name.to_string() };
                html! {
                    <li class="card panel-card">
                        <Link<Route> to={to}>
                            <span class="num">{ i + 1 }</span>
                            <h2>{ p.title }</h2>
                            <p>{ p.blurb }</p>
                        </Link<Route>>
                    </li>
                }
            }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NotFoundProps {
    name: String,
}

#[function_component(NotFound)]
fn not_found(p: &NotFoundProps) -> Html {
    html! {
        <section class="panel">
            <header class="panel-head"><h1>{"No such panel"}</h1></header>
            <p class="alert" role="alert" data-testid="route-error">
                { format!("There is no panel called “{}”. Pick one from the list.", p.name.chars().take(40).collect::<String>()) }
            </p>
            <Link<Route> to={Route::Home}>{"Go to the start page"}</Link<Route>>
        </section>
    }
}
