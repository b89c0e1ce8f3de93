//! Where each grade comes from, in the window: hovering a grade, the force profile, and a
//! user's file that differs from the published record.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use peel_explorer::core::parse_source;
use peel_explorer::gui::state::Action;
use peel_explorer::gui::{AppState, PeelApp};

use super::common::hover;

fn harness(state: AppState) -> Harness<'static, PeelApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    h
}

#[test]
fn hovering_a_grade_says_which_pages_state_it() {
    let mut h = harness(AppState::default());
    // Figure 7's grade, also stated on the inspectorate's pages.
    hover(&mut h, "Durham, 2016: Outstanding");
    assert!(
        h.query_by_label_contains("Source: Figure 7 of the Serious and Organised Crime Strategy")
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Source: the inspectorate's own page")
            .count()
            >= 1
    );
    assert!(
        h.query_by_label(
            "https://hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2016/durham/?"
        )
        .is_some(),
        "the address, as a link"
    );
    // A carried-over grade says so.
    hover(&mut h, "Durham, 2017: Outstanding, carried over");
    assert!(
        h.query_by_label_contains("Carried over from an earlier inspection")
            .is_some()
    );
}

#[test]
fn the_profile_lists_each_grades_sources_with_links() {
    let mut state = AppState::default();
    state.apply(Action::SetArea("Effectiveness".into()));
    state.apply(Action::Select(Some("Kent".into())));
    let mut h = harness(state);
    let heading = "Where the Effectiveness grades come from";
    h.get_by_label(heading).scroll_to_me();
    h.run();
    h.get_by_label(heading).click();
    h.run();
    assert!(h.query_by_label("2016: Good").is_some());
    let links: Vec<String> = h
        .get_all_by_role(Role::Link)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.contains("peel-2016/kent"))
        .collect();
    assert!(!links.is_empty(), "a link to Kent's 2016 page");
    // The scorecard runs from 2014.
    assert!(
        h.query_by_label("Kent, Reducing crime and preventing offending, 2014: Good")
            .is_some()
    );
}

#[test]
fn a_file_that_differs_from_the_record_is_shown_marked_and_listed() {
    // Made up for this test: Kent's 2016 grade is not Inadequate in the published record.
    let mine = parse_source("mine.csv", b"force,2016\nKent,Inadequate\n").expect("valid");
    let mut state = AppState::default();
    state.apply(Action::AddSource(mine));
    let mut h = harness(state);
    let marked = "Kent, 2016: Inadequate, differs from the published record";
    assert!(h.query_by_label(marked).is_some());
    assert!(
        h.query_by_label_contains("1 grade(s) differ from the published record")
            .is_some()
    );
    hover(&mut h, marked);
    assert!(h.query_by_label_contains("From mine.csv, line 2").is_some());
    assert!(
        h.query_by_label_contains("Differs from the published record, which gives Good")
            .is_some()
    );
    // Sources lists it with the file, line, the record's grade and its source.
    h.get_by_role_and_label(Role::Button, "Sources").click();
    h.run();
    assert!(
        h.query_by_label_contains("mine.csv:2:1: warning: Kent 2016")
            .is_some()
    );
}
