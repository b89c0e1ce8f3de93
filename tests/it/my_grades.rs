//! My grades in the window: a gap said on hover, a grade put in through the form and there
//! again at the next start, with its source and counted; a corrupt file left as it was.

use std::path::Path;
use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::core::Period;
use peel_explorer::gui::state::{Action, MineAction};
use peel_explorer::gui::{AppState, PeelApp};

use super::common::{Scripted, hover};

const GAP: &str = "Bedfordshire, 2018/19: not in the record";
const PAGE: &str = "https://example.org/made-up-report-for-a-test";

/// The window on serious and organised crime to 2018/19, reading My grades from `file`.
fn window(file: &Path) -> Harness<'static, PeelApp> {
    let mut state = AppState::default();
    state.apply(Action::SetArea("Serious and organised crime".into()));
    state.apply(Action::SetSince(None));
    state.apply(Action::SetUntil(Some(Period::cycle(2018, 2019))));
    state.apply(MineAction::Read(file.to_path_buf()).into());
    let dialogs = Arc::new(Scripted::default());
    let mut h = Harness::builder()
        .with_size([1366.0, 900.0])
        .build_eframe(move |_cc| PeelApp::with_dialogs(state, dialogs));
    h.run();
    h
}

#[test]
fn a_gap_is_said_filled_through_the_form_and_there_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my-grades.csv");
    let mut h = window(&file);

    // The gap says what it is.
    hover(&mut h, GAP);
    assert!(
        h.query_by_label_contains("graded in 2018/19, but this grade is not in the record")
            .is_some()
    );

    // Right-click, Add grade..., the form.
    h.get_by_label(GAP).click_secondary();
    h.run();
    h.get_by_label("Add grade...").click();
    h.run();
    assert!(h.query_by_label("Add a grade").is_some());
    // Saving without a page is refused, with the reason.
    h.get_by_label("Good").click();
    h.run();
    h.get_by_label("Save to My grades").click();
    h.run();
    assert!(
        h.query_by_label_contains("give the address of the page")
            .is_some()
    );
    // Not a web address: refused too.
    h.get_by_label("Page that states it").click();
    h.run();
    h.get_by_label("Page that states it")
        .type_text("the PCC's copy");
    h.run();
    h.get_by_label("Save to My grades").click();
    h.run();
    assert!(h.query_by_label_contains("is not a web address").is_some());
    // A page: saved, shown, counted, and kept in the file.
    h.get_by_label("Page that states it").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Page that states it").type_text(PAGE);
    h.run();
    h.get_by_label("Save to My grades").click();
    h.run();
    assert!(h.query_by_label("Add a grade").is_none(), "the form closes");
    assert!(h.query_by_label("Bedfordshire, 2018/19: Good").is_some());
    let text = std::fs::read_to_string(&file).expect("My grades are kept in the data folder");
    assert!(
        text.contains(&format!(
            "Bedfordshire,2018/19,Serious and organised crime,Good,no,{PAGE}"
        )),
        "{text}"
    );
    drop(h);

    // The next start, on the same data folder: the grade is there, with its source.
    let mut h = window(&file);
    assert!(h.query_by_label("Bedfordshire, 2018/19: Good").is_some());
    hover(&mut h, "Bedfordshire, 2018/19: Good");
    assert!(h.query_by_label_contains("Entered by you on").is_some());
    assert!(h.query_by_label_contains(PAGE).is_some());
    // Counted: 26 of the 43 graded in 2018/19 are now in the data.
    let data = &h.state().state.data;
    let p = data.period_index(Period::cycle(2018, 2019)).unwrap();
    let in_data = (0..data.forces().len())
        .filter(|&f| data.cell(f, p).is_some())
        .count();
    assert_eq!(in_data, 26);

    // Removed through the form, the gap is back, and the file follows; undone, back again.
    // (The pointer moves off the cell first, so its tooltip, which says the same, goes.)
    h.hover_at(egui::Pos2::ZERO);
    h.run();
    h.get_by_label("Bedfordshire, 2018/19: Good")
        .click_secondary();
    h.run();
    h.get_by_label("Correct grade...").click();
    h.run();
    h.get_by_label("Remove my grade").click();
    h.run();
    assert!(h.query_by_label(GAP).is_some());
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("Bedfordshire")
    );
    h.state_mut().state.apply(MineAction::Undo.into());
    h.run();
    // In the table, and in the profile the right-click opened.
    assert!(h.query_all_by_label("Bedfordshire, 2018/19: Good").count() >= 1);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Bedfordshire")
    );
}

#[test]
fn a_corrupt_file_opens_the_window_names_the_line_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my-grades.csv");
    // Made up for this test: a hand-edited file with a grade off its cycle's scale.
    let bytes = format!(
        "{}\nKent,2018/19,Serious and organised crime,Good,no,{PAGE},other,2026-12-01,\n\
         Kent,2017,Serious and organised crime,Adequate,no,{PAGE},other,2026-12-01,\n",
        peel_explorer::core::my_grades::HEADER.join(",")
    );
    std::fs::write(&file, &bytes).unwrap();
    let mut h = window(&file);
    assert!(
        h.query_by_label_contains("my-grades.csv:3:4:").is_some(),
        "the notice names the line and column"
    );
    assert!(
        h.query_by_label_contains("Adequate is not on 2017's scale")
            .is_some()
    );
    // The window works, and a grade put in now does not write over the file.
    assert!(h.query_by_role_and_label(Role::Button, "Table").is_some());
    h.state_mut().state.apply(
        MineAction::Open {
            force: "Dorset".into(),
            area: "Serious and organised crime".into(),
            period: Period::cycle(2018, 2019),
        }
        .into(),
    );
    for action in [
        MineAction::SetGrade(peel_explorer::core::Cell::Graded(
            peel_explorer::core::Grade::Good,
        )),
        MineAction::SetSource(PAGE.into()),
        MineAction::Save,
    ] {
        h.state_mut().state.apply(action.into());
    }
    h.run();
    assert_eq!(std::fs::read(&file).unwrap(), bytes.as_bytes());
    // Until the user chooses: then the old file is kept aside and a new one written.
    h.state_mut().state.apply(MineAction::StartAfresh.into());
    h.run();
    assert_eq!(
        std::fs::read(dir.path().join("my-grades.csv.unreadable")).unwrap(),
        bytes.as_bytes()
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Dorset,2018/19")
    );
}

#[test]
fn the_window_filters_to_the_gaps_and_compare_says_what_it_stands_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir.path().join("my-grades.csv"));
    h.state_mut()
        .state
        .apply(Action::SetSince(Some(Period::cycle(2018, 2019))));
    h.run();
    h.get_by_label("Only forces with a grade not in the record [x]")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("Showing 18 of 43 forces")
            .is_some(),
        "the 18 forces whose 2018/19 grade is not in the record"
    );
    assert!(h.query_by_label(GAP).is_some());
    h.get_by_role_and_label(Role::Button, "Compare").click();
    h.run();
    // The label, the bar and the table below say it.
    let says = "England and Wales: 25 of 43 in the record";
    assert!(h.query_all_by_label_contains(says).count() >= 1);
    assert!(
        h.query_all_by_label_contains("100% of 25 in the record")
            .count()
            >= 1
    );
}

/// The form is reached from the keyboard too: the profile's menu of the periods in range.
#[test]
fn the_profile_opens_the_form_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(&dir.path().join("my-grades.csv"));
    h.get_by_label("Bedfordshire").click();
    h.run();
    let menu = h.get_by_label("Add or correct a grade...");
    menu.focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("2018/19: Not in record").click();
    h.run();
    assert!(h.query_by_label("Add a grade").is_some());
    assert!(
        h.query_by_label("Bedfordshire, Serious and organised crime, 2018/19")
            .is_some()
    );
}
