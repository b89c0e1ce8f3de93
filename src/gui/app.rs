//! The eframe application: lays out the panels, routes keyboard shortcuts, applies the
//! actions the views emit, and saves settings.

use std::path::PathBuf;

use super::state::{Action, AppState, Saved, ThemeChoice, View};
use super::views;

/// The key settings are saved under.
pub const SAVE_KEY: &str = "peel-explorer-settings";

/// The window.
pub struct PeelApp {
    pub state: AppState,
    applied_theme: Option<ThemeChoice>,
}

/// Restores saved settings. Missing settings give defaults quietly; unreadable or
/// outdated ones give defaults and a notice.
pub fn restore(storage: Option<&dyn eframe::Storage>) -> (Saved, Option<String>) {
    let Some(text) = storage.and_then(|s| s.get_string(SAVE_KEY)) else {
        return (Saved::default(), None);
    };
    match ron::from_str::<Saved>(&text).ok() {
        Some(saved) if saved.version == Saved::VERSION => (saved, None),
        Some(_) => (
            Saved::default(),
            Some("Saved settings were from another version; defaults restored.".into()),
        ),
        None => (
            Saved::default(),
            Some("Saved settings could not be read; defaults restored.".into()),
        ),
    }
}

impl PeelApp {
    /// A window over an existing state (for tests and benchmarks).
    pub fn with_state(state: AppState) -> PeelApp {
        PeelApp {
            state,
            applied_theme: None,
        }
    }

    /// The window as `peel-explorer` opens it: saved settings restored, then the files
    /// named on the command line loaded.
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> PeelApp {
        let (saved, notice) = restore(cc.storage);
        let mut state = AppState::new(saved);
        if let Some(text) = notice {
            state.notices.push(super::state::Notice {
                text,
                is_error: false,
            });
        }
        for path in files {
            match crate::core::load_file(&path) {
                Ok(source) => state.apply(Action::AddSource(source)),
                Err(rejected) => state.apply(Action::Rejected(rejected)),
            }
        }
        PeelApp::with_state(state)
    }

    /// Keyboard shortcuts that work anywhere but in a text field.
    fn keys(&self, ctx: &egui::Context) -> Vec<Action> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        use egui::{Key, Modifiers};
        ctx.input_mut(|i| {
            let mut actions = Vec::new();
            let mut press = |key: Key| i.consume_key(Modifiers::NONE, key);
            if press(Key::ArrowDown) {
                actions.push(Action::MoveSelection(1));
            }
            if press(Key::ArrowUp) {
                actions.push(Action::MoveSelection(-1));
            }
            if press(Key::PageDown) {
                actions.push(Action::MoveSelection(10));
            }
            if press(Key::PageUp) {
                actions.push(Action::MoveSelection(-10));
            }
            if press(Key::Enter) {
                actions.push(Action::ShowProfile(true));
            }
            if press(Key::Escape) {
                actions.push(Action::ShowProfile(false));
            }
            actions
        })
    }
}

impl eframe::App for PeelApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.state.theme) {
            ctx.set_theme(match self.state.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.state.theme);
        }
        let mut actions = self.keys(&ctx);
        for action in actions.drain(..) {
            self.state.apply(action);
        }
        self.state.refresh();
        let state = &self.state;

        egui::Panel::top("top_bar")
            .show(ui, |ui| views::top_bar::top_bar_ui(ui, state, &mut actions));
        egui::Panel::bottom("status_line")
            .show(ui, |ui| views::status::status_ui(ui, state, &mut actions));
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(250.0)
            .min_size(200.0)
            .show(ui, |ui| views::filters::filters_ui(ui, state, &mut actions));
        if state.show_profile && state.cached().profile.is_some() {
            egui::Panel::right("profile")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| views::profile::profile_ui(ui, state, &mut actions));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            views::chips::chips_ui(ui, state, &mut actions);
            match state.view {
                View::Table => views::table::table_ui(ui, state, &mut actions),
                View::Movement => views::movement::movement_ui(ui, state, &mut actions),
                View::Compare => views::compare::compare_ui(ui, state, &mut actions),
                View::Map => views::map::map_ui(ui, state, &mut actions),
            }
        });
        views::sources::sources_window(&ctx, state, &mut actions);
        views::about::about_window(&ctx, state, &mut actions);

        if !actions.is_empty() {
            for action in actions {
                self.state.apply(action);
            }
            self.state.refresh();
            ctx.request_repaint();
        }
        self.state.end_frame();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SAVE_KEY, &self.state.saved());
    }
}
