//! About: what the data is, where it comes from, and how to read it.

use crate::core::{Cell, Movement};
use crate::gui::state::{Action, AppState};

use super::shared::legend_ui;

pub fn about_window(ctx: &egui::Context, state: &AppState, actions: &mut Vec<Action>) {
    let mut open = state.show_about;
    egui::Window::new("About PEEL Explorer")
        .open(&mut open)
        .default_width(560.0)
        .vscroll(true)
        .show(ctx, about_ui);
    if open != state.show_about {
        actions.push(Action::ShowAbout(open));
    }
}

pub fn about_ui(ui: &mut egui::Ui) {
    ui.label(
        "PEEL Explorer shows HMICFRS PEEL Effectiveness grades for the 43 police forces of \
         England and Wales, by region and by Regional Organised Crime Unit (ROCU).",
    );
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(renderer) = crate::gui::renderer_description(ui.ctx()) {
        ui.label(format!(
            "Version {}, drawn with {renderer} (set {}=glow or wgpu to choose).",
            env!("CARGO_PKG_VERSION"),
            crate::gui::RENDERER_VAR
        ));
    }
    #[cfg(target_arch = "wasm32")]
    ui.label(format!(
        "Version {}, in the browser (WebGL). {}",
        env!("CARGO_PKG_VERSION"),
        crate::gui::web::LIMITS
    ));
    ui.add_space(6.0);
    ui.strong("Built-in data");
    ui.label(
        "Figure 7 of the Serious and Organised Crime Strategy (HM Government, Cm 9718, \
         November 2018): each force's PEEL Effectiveness judgement for serious and organised \
         crime in 2015, 2016 and 2017. Source: HMICFRS PEEL Effectiveness reports 2015-2017. \
         Open Government Licence v3.0.",
    );
    ui.add_space(6.0);
    ui.strong("Caveats");
    ui.label(
        "2017 was a risk-based inspection: not every force was re-inspected on serious and \
         organised crime, and where it was not, its 2016 judgement stayed in place. Figure 7 \
         does not mark which 2017 grades were carried over.",
    );
    ui.label(
        "From the 2021/22 cycle PEEL uses five grades (adding Adequate) and its grades are not \
         directly comparable with earlier ones.",
    );
    ui.label(
        "ROCUs: London has none. North Wales is in the North West ROCU (Titan, now NWROCU); \
         Kent was in SEROCU until 2018 and is now in ERSOU. By default each grade counts under \
         the ROCU of its time; choose \"Now\" in the ROCU filter to use today's membership.",
    );
    ui.add_space(6.0);
    ui.strong("Grades");
    legend_ui(ui, &Cell::ALL);
    ui.add_space(6.0);
    ui.strong("Movement across the periods in range");
    for (m, text) in [
        (
            Movement::Improved,
            "never fell from one graded period to the next, and ended better than it started",
        ),
        (
            Movement::Declined,
            "never rose, and ended worse than it started",
        ),
        (Movement::Stable, "the same grade in every graded period"),
        (Movement::Fluctuated, "both rose and fell"),
        (Movement::Insufficient, "fewer than two graded periods"),
    ] {
        ui.label(format!("{}: {text}.", m.label()));
    }
    ui.add_space(6.0);
    ui.strong("Keyboard");
    ui.label(
        "Tab moves between controls; Up and Down move the selected force; Enter opens its \
         profile, Escape closes it; Ctrl + and Ctrl - zoom.",
    );
}
