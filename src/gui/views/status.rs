//! The status line: how many forces are shown, what data, how many warnings; and notices.

use crate::gui::state::{Action, AppState};

pub fn status_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if state.busy {
            ui.spinner();
            ui.label("Working...");
            ui.separator();
        }
        let data = &state.data;
        let rows = &state.cached().rows;
        let shown = rows.iter().filter(|&&f| data.force(f).is_force()).count();
        let total = data.forces().iter().filter(|f| f.is_force()).count();
        let units = data.forces().len() - total;
        let shown_units = rows.len() - shown;
        let warnings = state.warning_count();
        let noun = if total == 1 { "force" } else { "forces" };
        let units = match units {
            0 => String::new(),
            1 => format!(" and {shown_units} of 1 unit"),
            n => format!(" and {shown_units} of {n} units"),
        };
        let area = if state.cached().areas.is_empty() {
            String::new()
        } else {
            format!(" in {}", state.data.area())
        };
        ui.label(format!(
            "Showing {shown} of {total} {noun}{units}{area}; {}; {warnings} warning{}",
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
