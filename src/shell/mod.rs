//! The shell's own state, shared by every panel: theme, lecturer mode (projector theme,
//! zoom, blank screen, clicker keys) — kept in one reducer and handed down as a context.

pub mod export;
pub mod keys;
pub mod modules;
pub mod offline;
pub mod png;
pub mod toolbar;

use gloo::storage::{LocalStorage, SessionStorage, Storage};
use std::rc::Rc;
use yew::prelude::*;

/// Zoom steps of lecturer mode (font scale).
pub const ZOOMS: [f32; 6] = [1.0, 1.15, 1.3, 1.5, 1.75, 2.0];
const DEFAULT_LECTURE_ZOOM: usize = 2;

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn from_key(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
    /// The next theme of the switch: system → light → dark → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShellState {
    pub theme: Theme,
    pub lecturer: bool,
    pub zoom: usize,
    pub blank: bool,
}

pub enum ShellAction {
    CycleTheme,
    SetLecturer(bool),
    ZoomIn,
    ZoomOut,
    ToggleBlank,
    Unblank,
}

impl Reducible for ShellState {
    type Action = ShellAction;
    fn reduce(self: Rc<Self>, a: ShellAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match a {
            ShellAction::CycleTheme => s.theme = s.theme.next(),
            ShellAction::SetLecturer(on) => {
                s.lecturer = on;
                s.blank = false;
                s.zoom = if on { DEFAULT_LECTURE_ZOOM } else { 0 };
            }
            ShellAction::ZoomIn => s.zoom = (s.zoom + 1).min(ZOOMS.len() - 1),
            ShellAction::ZoomOut => s.zoom = s.zoom.saturating_sub(1),
            ShellAction::ToggleBlank => s.blank = !s.blank,
            ShellAction::Unblank => s.blank = false,
        }
        Rc::new(s)
    }
}

const THEME_KEY: &str = "convlab.theme";
const LECTURER_KEY: &str = "convlab.lecturer";
const ZOOM_KEY: &str = "convlab.zoom";

impl ShellState {
    /// Theme from this browser's last choice; lecturer mode from the link flag `lecture=1`
    /// or from earlier in this tab, with this tab's zoom.
    pub fn load() -> ShellState {
        let theme = LocalStorage::get::<String>(THEME_KEY).map(|t| Theme::from_key(&t)).unwrap_or(Theme::System);
        let flag = crate::panels::common::current_link().get("lecture").map(|v| v == "1");
        let lecturer = flag.unwrap_or_else(|| SessionStorage::get::<bool>(LECTURER_KEY).unwrap_or(false));
        // The zoom too, so that opening a panel of another module (a new app) keeps it.
        let zoom = SessionStorage::get::<usize>(ZOOM_KEY).ok().filter(|z| *z < ZOOMS.len());
        let zoom = if lecturer { zoom.unwrap_or(DEFAULT_LECTURE_ZOOM) } else { 0 };
        ShellState { theme, lecturer, zoom, blank: false }
    }

    /// Applies the state to `<html>` (classes and the zoom variable) and remembers it.
    pub fn apply(&self) {
        let _ = LocalStorage::set(THEME_KEY, self.theme.key());
        let _ = SessionStorage::set(LECTURER_KEY, self.lecturer);
        if self.lecturer {
            let _ = SessionStorage::set(ZOOM_KEY, self.zoom);
        } else {
            SessionStorage::delete(ZOOM_KEY);
        }
        let Some(root) = gloo::utils::document().document_element() else { return };
        let _ = root.set_attribute("data-theme", self.theme.key());
        let classes = root.class_list();
        let _ = if self.lecturer { classes.add_1("lecturer") } else { classes.remove_1("lecturer") };
        let _ = root.set_attribute("style", &format!("--zoom:{}", ZOOMS[self.zoom]));
    }
}

pub type ShellHandle = UseReducerHandle<ShellState>;
