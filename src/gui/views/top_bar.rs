//! The top bar: data sources, views, theme, About.

use super::shared::note_ui;
use crate::gui::chart::{Chart, ExportKind};
use crate::gui::state::{Action, AppState, Command, PathPrompt, ThemeChoice, View};

/// The chart a view's "Save as PNG" and "Copy as a picture" in the File menu take.
fn main_chart(view: View) -> Option<Chart> {
    match view {
        View::Table => None,
        View::Movement => Some(Chart::Distribution),
        View::Compare => Some(Chart::Compare),
        View::Map => Some(Chart::Map),
    }
}

fn file_menu_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let mut item = |ui: &mut egui::Ui, label: &str, action: Action| {
        if ui.button(label).clicked() {
            actions.push(action);
            ui.close();
        }
    };
    item(ui, "Open files...", Action::Command(Command::OpenDialog));
    // A page cannot read files by path.
    if !cfg!(target_arch = "wasm32") {
        item(
            ui,
            "Open by path...",
            Action::ShowPathPrompt(Some(PathPrompt::Open)),
        );
    }
    let recent: Vec<&String> = state
        .settings
        .recent_files
        .iter()
        .filter(|p| !state.files.iter().any(|f| f.source.name == **p))
        .collect();
    if !recent.is_empty() {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                let paths = vec![std::path::PathBuf::from(path)];
                item(ui, path, Action::Command(Command::OpenPaths(paths)));
            }
        });
    }
    ui.separator();
    item(
        ui,
        "Export CSV, one row per grade...",
        Action::Command(Command::Export(ExportKind::CsvLong)),
    );
    item(
        ui,
        "Export CSV, one row per force...",
        Action::Command(Command::Export(ExportKind::CsvWide)),
    );
    item(
        ui,
        "Export Excel workbook...",
        Action::Command(Command::Export(ExportKind::Xlsx)),
    );
    if !state.mine.grades.is_empty() {
        item(
            ui,
            "Export my grades...",
            Action::Command(Command::Export(ExportKind::MyGrades)),
        );
    }
    item(
        ui,
        "Copy table (for Word or Excel)",
        Action::Command(Command::CopyTable),
    );
    item(
        ui,
        "Briefing pack (HTML)...",
        Action::Command(Command::Export(ExportKind::Briefing)),
    );
    item(
        ui,
        "Save briefing as Word...",
        Action::Command(Command::Export(ExportKind::Word)),
    );
    if let Some(chart) = main_chart(state.settings.view) {
        item(
            ui,
            &format!("Save {} as PNG...", chart.label().to_lowercase()),
            Action::Command(Command::Export(ExportKind::Png(chart))),
        );
        item(
            ui,
            &format!("Copy {} as a picture", chart.label().to_lowercase()),
            Action::Command(Command::CopyPicture(chart)),
        );
    }
    // What the briefings' scorecard of each force covers.
    ui.menu_button("Briefing scorecard", |ui| {
        use crate::core::brief::ScorecardAreas;
        for (which, label) in [
            (ScorecardAreas::ShownAndPillars, "This area and the pillars"),
            (ScorecardAreas::All, "Every area"),
        ] {
            let on = state.settings.scorecard == which;
            if ui.radio(on, label).clicked() {
                actions.push(Action::SetScorecard(which));
                ui.close();
            }
        }
    });
    ui.separator();
    note_ui(ui, "Exports hold what is shown: the filters apply.");
}

pub fn top_bar_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    // Wraps onto a second line in a narrow window rather than laying one control over
    // another.
    ui.horizontal_wrapped(|ui| {
        ui.strong("PEEL Explorer");
        ui.separator();
        ui.menu_button("File", |ui| file_menu_ui(ui, state, actions));
        if ui
            .selectable_label(state.show_sources, "Sources")
            .on_hover_text("What data is loaded, its warnings and problems")
            .clicked()
        {
            actions.push(Action::ShowSources(!state.show_sources));
        }
        if ui
            .selectable_label(state.show_groups, "Groups")
            .on_hover_text("Your own groups of forces: make, edit, share")
            .clicked()
        {
            actions.push(Action::ShowGroups(!state.show_groups));
        }
        ui.separator();
        for view in View::ALL {
            if ui
                .selectable_label(state.settings.view == view, view.label())
                .clicked()
            {
                actions.push(Action::SetView(view));
            }
        }
        // Theme and About sit at the right when there is room for them.
        const RIGHT_WIDTH: f32 = 300.0;
        if ui.available_size_before_wrap().x >= RIGHT_WIDTH {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                about_ui(ui, state, actions);
                theme_ui(ui, state, actions);
            });
        } else {
            ui.separator();
            theme_ui(ui, state, actions);
            about_ui(ui, state, actions);
        }
    });
}

fn about_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    if ui.selectable_label(state.show_about, "About").clicked() {
        actions.push(Action::ShowAbout(!state.show_about));
    }
}

fn theme_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let mut theme = state.settings.theme;
    egui::ComboBox::from_label("Theme")
        .selected_text(theme.label())
        .show_ui(ui, |ui| {
            for choice in ThemeChoice::ALL {
                ui.selectable_value(&mut theme, choice, choice.label());
            }
        });
    if theme != state.settings.theme {
        actions.push(Action::SetTheme(theme));
    }
}
