//! Several inspection areas in the window: the area picker drives every view. The grades
//! here are made up; the shapes are what is tested.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::core::parse_source;
use peel_explorer::gui::state::Action;
use peel_explorer::gui::{AppState, PeelApp};

const MADE_UP: &str = "force,year,area,grade\n\
    Kent,2016,Investigating crime,Good\n\
    Gwent,2016,Investigating crime,Inadequate\n\
    Kent,2016,Effectiveness,Inadequate\n";

fn harness(with_areas: bool) -> Harness<'static, PeelApp> {
    let mut state = AppState::default();
    if with_areas {
        let source = parse_source("areas.csv", MADE_UP.as_bytes()).expect("valid");
        state.apply(Action::AddSource(source));
    }
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    h
}

#[test]
fn no_picker_with_one_area() {
    let h = harness(false);
    assert!(h.query_by_label("Area").is_none());
}

#[test]
fn the_picker_switches_every_view_to_another_area() {
    let mut h = harness(true);
    // Loading beside Figure 7 is no conflict: it starts on Figure 7's area.
    assert!(h.state().state.files.len() == 1);
    assert_eq!(h.state().state.data.area(), "Serious and organised crime");
    assert_eq!(h.state().state.cached().rows.len(), 43);
    h.get_by_label("Area").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Investigating crime")
        .click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.data.area(), "Investigating crime");
    assert_eq!(state.cached().rows.len(), 2);
    assert!(
        h.query_by_label_contains("Showing 2 of 2 forces in Investigating crime")
            .is_some()
    );
    // Chart titles name the area.
    h.get_by_role_and_label(Role::Button, "Movement").click();
    h.run();
    assert!(
        h.query_by_label_contains("Grades per period: Investigating crime")
            .is_some()
    );
    // The choice is kept with the other settings.
    assert_eq!(
        h.state().state.settings.area_choice.as_deref(),
        Some("Investigating crime")
    );
}
