//! The status line: how many forces are shown, what data, how many warnings; and notices.

use crate::gui::state::{Action, AppState};

pub fn status_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if state.busy {
            ui.spinner();
            ui.label("Working...");
            ui.separator();
        }
        let shown = state.cached().rows.len();
        let total = state.data.forces().len();
        let warnings = state.warning_count();
        let noun = if total == 1 { "force" } else { "forces" };
        let area = if state.cached().areas.is_empty() {
            String::new()
        } else {
            format!(" in {}", state.data.area())
        };
        ui.label(format!(
            "Showing {shown} of {total} {noun}{area}; {}; {warnings} warning{}",
            state.data_label(),
            if warnings == 1 { "" } else { "s" }
        ));
        if let Some(notice) = state.notices.last() {
            ui.separator();
            let text = egui::RichText::new(&notice.text);
            let text = if notice.is_error {
                text.color(ui.visuals().error_fg_color)
            } else {
                text
            };
            ui.label(text);
            if ui.small_button("Dismiss").clicked() {
                actions.push(Action::DismissNotice);
            }
        }
    });
}
