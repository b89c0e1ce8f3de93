//! What the grades on screen measure and where they come from, above every view; and,
//! when several inspection areas are loaded, which one every view shows.

use crate::gui::state::{Action, AppState};

pub fn subject_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    ui.horizontal_wrapped(|ui| {
        if !derived.areas.is_empty() {
            let current = state.data.area();
            egui::ComboBox::from_label("Area")
                .selected_text(current)
                .height(600.0)
                .show_ui(ui, |ui| {
                    // Grouped by the cycle that first graded each area.
                    for (heading, areas) in &derived.area_groups {
                        ui.label(egui::RichText::new(heading).weak().small());
                        for area in areas {
                            if ui.selectable_label(area == current, area).clicked() {
                                actions.push(Action::SetArea(area.clone()));
                            }
                        }
                    }
                });
            ui.separator();
        }
        ui.add(egui::Label::new(egui::RichText::new(&derived.subject).strong()).wrap());
    });
}
