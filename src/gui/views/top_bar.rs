//! The top bar: data sources, views, theme, About.

use crate::gui::state::{Action, AppState, ThemeChoice, View};

pub fn top_bar_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.strong("PEEL Explorer");
        ui.separator();
        if ui
            .selectable_label(state.show_sources, "Sources")
            .on_hover_text("What data is loaded, its warnings and problems")
            .clicked()
        {
            actions.push(Action::ShowSources(!state.show_sources));
        }
        ui.separator();
        for view in View::ALL {
            if ui
                .selectable_label(state.view == view, view.label())
                .clicked()
            {
                actions.push(Action::SetView(view));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.selectable_label(state.show_about, "About").clicked() {
                actions.push(Action::ShowAbout(!state.show_about));
            }
            let mut theme = state.theme;
            egui::ComboBox::from_label("Theme")
                .selected_text(theme.label())
                .show_ui(ui, |ui| {
                    for choice in ThemeChoice::ALL {
                        ui.selectable_value(&mut theme, choice, choice.label());
                    }
                });
            if theme != state.theme {
                actions.push(Action::SetTheme(theme));
            }
        });
    });
}
