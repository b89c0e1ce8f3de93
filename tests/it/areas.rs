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
    Kent,2016,Effectiveness,Inadequate\n\
    Kent,2016,Serious and organised crime,Good\n\
    Gwent,2016,Serious and organised crime,Outstanding\n";

/// The made-up file, beside the built-in data or alone.
fn harness(builtin: bool) -> Harness<'static, PeelApp> {
    let mut state = AppState::default();
    state.apply(Action::SetBuiltin(builtin));
    let source = parse_source("areas.csv", MADE_UP.as_bytes()).expect("valid");
    state.apply(Action::AddSource(source));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    h
}

#[test]
fn no_picker_with_one_area() {
    let mut state = AppState::default();
    state.apply(Action::SetBuiltin(false));
    let one = "force,year,grade\nKent,2016,Good\n";
    state.apply(Action::AddSource(
        parse_source("one.csv", one.as_bytes()).expect("valid"),
    ));
    let h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    assert!(h.query_by_label("Area").is_none());
    // The built-in record has every area: the picker is there.
    assert!(harness(true).query_by_label("Area").is_some());
}

#[test]
fn the_picker_switches_every_view_to_another_area() {
    let mut h = harness(false);
    // It starts on Figure 7's area.
    assert!(h.state().state.files.len() == 1);
    assert_eq!(h.state().state.data.area(), "Serious and organised crime");
    assert_eq!(h.state().state.cached().rows.len(), 2);
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

/// Made-up grades for two later cycles, beside Figure 7.
const LATER: &str = "force,year,grade\n\
    Kent,2021/22,Adequate\n\
    Gwent,2021/22,Good\n\
    Dorset,2021/22,Requires improvement\n";

fn with_later() -> AppState {
    let mut state = AppState::default();
    let source = parse_source("later.csv", LATER.as_bytes()).expect("valid");
    state.apply(Action::AddSource(source));
    state
}

#[test]
fn movement_across_the_change_of_scale_is_marked_and_not_counted_unless_asked() {
    let mut state = with_later();
    // The file's 2021/22 grades lie beyond Figure 7's years: the range opens to every one.
    assert_eq!(state.settings.filter.since, None);
    state.apply(Action::SetChangePeriods(
        peel_explorer::core::Period::year(2017),
        peel_explorer::core::Period::cycle(2021, 2022),
    ));
    state.refresh();
    let derived = state.cached();
    // 2015, 2016, 2017, 2018/19, then 2021/22 on the new scale.
    assert_eq!(derived.scale_break, Some(4));
    assert!(
        derived
            .texts
            .distribution
            .contains("The grading scale changed at 2021/22")
    );
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    // Kent: Good 2015-2017, Adequate in 2021/22: stable until asked to count the step.
    let kent = |h: &Harness<'_, PeelApp>| {
        let s = &h.state().state;
        let f = s.data.find_force("Kent").expect("Kent");
        s.cached().movements[f]
    };
    assert_eq!(kent(&h), peel_explorer::core::Movement::Stable);
    let across = "Count steps across the 2021/22 scale change";
    h.get_by_role_and_label(Role::CheckBox, across)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, across).click();
    h.run();
    assert_eq!(kent(&h), peel_explorer::core::Movement::Declined);
    assert!(
        h.state()
            .state
            .cached()
            .texts
            .distribution
            .contains("steps across it are counted")
    );
    // The matrix between 2017 and 2021/22 says they are not comparable.
    h.get_by_role_and_label(Role::Button, "Movement").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("graded on different scales")
            .count()
            >= 2
    );
}

#[test]
fn the_profile_is_a_scorecard_of_every_area() {
    // Beside the built-in record: the made-up Effectiveness grade differs from it.
    let mut h = harness(true);
    h.get_by_label("Kent").scroll_to_me();
    h.run();
    h.get_by_label("Kent").click();
    h.run();
    assert!(h.query_by_label("Scorecard").is_some());
    // Every area down the side, the built-in one first, each grade named for a reader.
    assert!(
        h.query_by_label("Kent, Serious and organised crime, 2016: Good")
            .is_some()
    );
    assert!(
        h.query_by_label("Kent, Effectiveness, 2016: Inadequate")
            .is_some()
    );
    // The three kinds of absence, each said for what it is.
    for says in [
        "Kent, Responding to the public, 2016: not assessed",
        "Kent, Protecting vulnerable people, 2015: not in the record",
        "Kent, Serious and organised crime, 2021/22: not known whether graded",
    ] {
        assert!(h.query_by_label(says).is_some(), "{says}");
    }
    // Clicking a grade shows its area everywhere.
    let show = "Kent, Investigating crime, 2016: show Investigating crime";
    h.get_by_label(show).scroll_to_me();
    h.run();
    h.get_by_label(show).click();
    h.run();
    assert_eq!(h.state().state.data.area(), "Investigating crime");
    assert_eq!(h.state().state.selection.focus(), Some("Kent"));
}

#[test]
fn carried_over_grades_are_marked_in_the_table_and_map() {
    let mut state = AppState::default();
    // Made up: Kent's 2017 grade marked as carried over, in its own area.
    let file = "force,year,area,grade,notes\nKent,2017,Investigating crime,Good,Carried over from 2016\nGwent,2017,Investigating crime,Good,\n";
    state.apply(Action::AddSource(
        parse_source("c.csv", file.as_bytes()).expect("valid"),
    ));
    state.apply(Action::SetArea("Investigating crime".into()));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    assert!(h.query_by_label("Kent, 2017: Good, carried over").is_some());
    assert!(h.query_by_label("Gwent, 2017: Good").is_some());
    assert!(
        h.query_by_label_contains("A grade carried over from an earlier inspection")
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "Map").click();
    h.run();
    assert!(
        h.query_by_label("Kent: Good in 2017 (carried over)")
            .is_some()
    );
}

#[test]
fn compare_by_rocu_shows_the_units_own_grade() {
    let mut state = AppState::default();
    state.apply(Action::SetBuiltin(false));
    // Made up: a regional inspection grading a ROCU and two of its forces.
    let file = "unit,year,area,grade\n\
        South West Regional Organised Crime Unit,2025,Serious and organised crime,Good\n\
        Dorset,2025,Serious and organised crime,Adequate\n\
        Wiltshire,2025,Serious and organised crime,Good\n";
    state.apply(Action::AddSource(
        parse_source("sw.csv", file.as_bytes()).expect("valid"),
    ));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    assert!(
        h.query_by_label_contains("Showing 2 of 2 forces and 1 of 1 unit")
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "Compare").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "ROCUs").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "SWROCU").click();
    h.run();
    assert!(
        h.query_by_label("SWROCU (the unit itself) 2025: 1 Good")
            .is_some()
    );
    assert!(
        h.query_by_label("SWROCU: 2 of 5 forces shown 2025: 1 Good, 1 Adequate")
            .is_none(),
        "a ROCU's row counts all its forces, graded or not"
    );
    assert!(
        h.query_by_label_contains("SWROCU 2025: 1 Good, 1 Adequate")
            .is_some()
    );
}

#[test]
fn compare_areas_side_by_side_for_the_filtered_forces() {
    let mut h = harness(false);
    h.get_by_role_and_label(Role::Button, "Compare").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Areas").click();
    h.run();
    assert!(
        h.query_by_label("Investigating crime 2016: 1 Good, 1 Inadequate")
            .is_some()
    );
    assert!(
        h.query_by_label("Effectiveness 2016: 1 Inadequate")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Serious and organised crime 2016: 1 Outstanding, 1 Good")
            .is_some()
    );
    // Filter to Wales: Gwent alone in each area.
    // The region (the country of the same name comes after it).
    h.get_all_by_role_and_label(Role::CheckBox, "Wales (1)")
        .next()
        .expect("the Wales region")
        .click();
    h.run();
    assert!(
        h.query_by_label("Investigating crime 2016: 1 Inadequate")
            .is_some()
    );
    assert!(
        h.query_by_label("Effectiveness 2016: 1 Inadequate")
            .is_none()
    );
}
