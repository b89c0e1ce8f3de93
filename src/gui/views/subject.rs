//! What the grades on screen measure and where they come from, above every view.

use crate::gui::state::AppState;

pub fn subject_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.add(egui::Label::new(egui::RichText::new(&state.cached().subject).strong()).wrap());
}
