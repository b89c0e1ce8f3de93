//! The active filters as removable chips above the central view.

use crate::gui::state::{Action, AppState};

pub fn chips_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let active = state.settings.filter.describe();
    if active.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Filters:");
        for (facet, text) in active {
            if ui
                .button(format!("{text}  ×"))
                .on_hover_text("Remove this filter")
                .clicked()
            {
                actions.push(Action::ClearFacet(facet));
            }
        }
    });
    ui.add_space(4.0);
}
