//! The window with the keyboard alone: Tab stops, Enter on a row, Escape on questions,
//! and where the keyboard goes when a field opens.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use peel_explorer::gui::chart::ExportKind;
use peel_explorer::gui::state::{Action, PathPrompt};
use peel_explorer::gui::{AppState, PeelApp};

fn harness(state: AppState) -> Harness<'static, PeelApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    h
}

/// The label of the control that has the keyboard, if any.
fn focused(h: &Harness<'_, PeelApp>) -> Option<String> {
    h.root()
        .query_all(Default::default())
        .find(|n| n.is_focused())
        .map(|n| n.accesskit_node().label().unwrap_or_default())
}

/// Presses Tab until `wanted` has the keyboard; every stop on the way is recorded.
fn tab_to(h: &mut Harness<'_, PeelApp>, wanted: &str, stops: &mut Vec<Option<String>>) {
    for _ in 0..300 {
        h.key_press(egui::Key::Tab);
        h.run();
        let now = focused(h);
        stops.push(now.clone());
        if now.as_deref() == Some(wanted) {
            return;
        }
    }
    panic!("Tab never reached {wanted:?}; stops: {stops:?}");
}

#[test]
fn one_tab_stop_per_table_header_and_row() {
    let mut h = harness(AppState::default());
    let mut stops = Vec::new();
    tab_to(&mut h, "Cambridgeshire", &mut stops);
    // Every stop is a named control: no hidden stops.
    assert!(
        stops
            .iter()
            .all(|s| s.as_deref().is_some_and(|s| !s.is_empty())),
        "{stops:?}"
    );
    let count = |name: &str| stops.iter().filter(|s| s.as_deref() == Some(name)).count();
    for name in [
        "Sort by Force",
        "Sort by 2015",
        "Sort by ROCU",
        "Avon & Somerset",
    ] {
        assert_eq!(count(name), 1, "{name}: {stops:?}");
    }
    // From one row to the next is one press.
    let at = |name: &str| stops.iter().position(|s| s.as_deref() == Some(name));
    assert_eq!(at("Bedfordshire").map(|i| i + 1), at("Cambridgeshire"));
    assert_eq!(at("Avon & Somerset").map(|i| i + 1), at("Bedfordshire"));
}

#[test]
fn enter_opens_the_row_tabbed_to() {
    let mut h = harness(AppState::default());
    tab_to(&mut h, "Bedfordshire", &mut Vec::new());
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().state.selection.focus(), Some("Bedfordshire"));
    assert!(h.query_by_label("Close profile").is_some());
}

#[test]
fn escape_closes_the_replace_question_and_keeps_the_file() {
    let mut state = AppState::default();
    state.apply(Action::AskOverwrite(Some((
        ExportKind::CsvLong,
        std::path::PathBuf::from("/tmp/peel-grades.csv"),
    ))));
    let mut h = harness(state);
    assert!(h.query_by_label("Replace the file?").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Replace the file?").is_none());
    assert_eq!(h.state().state.confirm_overwrite, None);
}

#[test]
fn escape_closes_about_then_the_profile() {
    let mut state = AppState::default();
    state.apply(Action::Select(Some("Kent".into())));
    state.apply(Action::ShowAbout(true));
    let mut h = harness(state);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().state.show_about);
    assert!(h.state().state.show_profile, "one Escape closes one thing");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().state.show_profile);
}

#[test]
fn the_path_field_has_the_keyboard_when_it_opens() {
    let mut state = AppState::default();
    state.apply(Action::ShowPathPrompt(Some(PathPrompt::Open)));
    let mut h = harness(state);
    h.run();
    let input = h
        .query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .map(|n| n.accesskit_node().label().unwrap_or_default());
    assert_eq!(
        input.as_deref(),
        Some("File paths (separate several with ;)")
    );
}
