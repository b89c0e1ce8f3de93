//! Opening and exporting through the real window, with the file dialogs replaced by a
//! test double.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common;

use common::{Dropped, Scripted, harness, menu, wait_for};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::gui::state::Action;
use peel_explorer::gui::{AppState, PeelApp};

/// The periods the table shows.
fn shown_periods(h: &Harness<'_, PeelApp>) -> Vec<String> {
    let state = &h.state().state;
    state.data.period_labels(&state.cached().periods)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn open_a_file_from_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "later.csv",
        "force,year,grade\nKent,2018/19,Outstanding\n",
    );
    let dialogs = Scripted {
        open: Mutex::new(vec![Some(vec![file])]),
        ..Default::default()
    };
    let mut h = harness(dialogs);
    menu(&mut h, "Open files...");
    wait_for(&mut h, |h| !h.state().state.files.is_empty());
    assert!(shown_periods(&h).contains(&"2018/19".to_string()));
    assert!(h.query_by_label_contains("Loaded").is_some());
    assert!(h.query_by_label("2018/19").is_some() || h.query_by_label("Sort by 2018/19").is_some());
}

#[test]
fn a_rejected_file_changes_nothing_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.csv", "force,2016\nKent,Gud\n");
    let dialogs = Scripted {
        open: Mutex::new(vec![Some(vec![bad.clone()])]),
        ..Default::default()
    };
    let mut h = harness(dialogs);
    menu(&mut h, "Open files...");
    wait_for(&mut h, |h| !h.state().state.problems.is_empty());
    let state = &h.state().state;
    assert!(state.files.is_empty());
    assert_eq!(shown_periods(&h), ["2015", "2016", "2017"]);
    let expected = format!("{}:2:2: error: unknown grade \"Gud\"", bad.display());
    assert!(h.query_by_label_contains(&expected).is_some(), "{expected}");
    assert!(h.query_by_label_contains("was not loaded").is_some());
}

#[test]
fn when_no_dialog_can_appear_a_path_field_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "wales.csv", "force,2018/19\nGwent,Good\n");
    // An instant empty answer: as rfd does with no portal and no zenity.
    let mut h = harness(Scripted::default());
    menu(&mut h, "Open files...");
    wait_for(&mut h, |h| h.state().state.path_prompt.is_some());
    assert!(
        h.query_by_label_contains("No file dialog could be shown")
            .is_some()
    );
    // The search box is the other text input; the path field is the one in the window.
    let fields: Vec<_> = h.get_all_by_role(Role::TextInput).collect();
    assert_eq!(fields.len(), 2);
    let path = file.display().to_string();
    h.get_all_by_role(Role::TextInput).last().unwrap().focus();
    h.run();
    h.get_all_by_role(Role::TextInput)
        .last()
        .unwrap()
        .type_text(&path);
    h.run();
    h.get_by_role_and_label(Role::Button, "Load").click();
    wait_for(&mut h, |h| !h.state().state.files.is_empty());
    assert!(h.state().state.path_prompt.is_none());
    let data = &h.state().state.data;
    let gwent = data.find_force("Gwent").unwrap();
    let p = data
        .period_index(peel_explorer::core::Period::cycle(2018, 2019))
        .unwrap();
    assert_eq!(
        data.cell(gwent, p),
        Some(peel_explorer::core::Cell::Graded(
            peel_explorer::core::Grade::Good
        ))
    );
}

#[test]
fn a_cancelled_dialog_does_nothing() {
    let dialogs = Scripted {
        think: Duration::from_millis(200),
        ..Default::default()
    };
    let answered = dialogs.answered.clone();
    let mut h = harness(dialogs);
    menu(&mut h, "Open files...");
    // The dialog answers (cancelled) and the job that asked it ends.
    wait_for(&mut h, |h| {
        answered.load(std::sync::atomic::Ordering::SeqCst) == 1 && !h.state().state.busy
    });
    assert!(h.state().state.path_prompt.is_none());
    assert!(h.state().state.notices.is_empty());
}

#[test]
fn export_what_is_shown_and_ask_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("wales.csv");
    let mut h = harness(Scripted::saving_to(&target, 3));
    h.state_mut()
        .state
        .apply(Action::ToggleRegion("Wales".into()));
    h.run();
    menu(&mut h, "Export CSV, one row per force...");
    wait_for(&mut h, |_| target.exists());
    wait_for(&mut h, |h| h.query_by_label_contains("Saved").is_some());
    let first = std::fs::read_to_string(&target).unwrap();
    assert_eq!(first.lines().count(), 1 + 4);
    assert!(
        first.contains("Gwent,Wales,Wales,Good,Requires Improvement,Requires Improvement,declined")
    );

    // Exporting again to the same file asks first; keeping it changes nothing.
    h.state_mut().state.apply(Action::ClearAll);
    h.run();
    menu(&mut h, "Export CSV, one row per force...");
    wait_for(&mut h, |h| h.state().state.confirm_overwrite.is_some());
    assert!(h.query_by_label("Replace the file?").is_some());
    h.get_by_label("Keep the existing file").click();
    h.run();
    assert!(h.state().state.confirm_overwrite.is_none());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), first);

    // Replacing writes the new table: every force, and (the range cleared with the
    // filters) the units the regional inspections graded.
    let rows = h.state().state.cached().rows.len();
    assert!(rows > 43);
    menu(&mut h, "Export CSV, one row per force...");
    wait_for(&mut h, |h| h.state().state.confirm_overwrite.is_some());
    h.get_by_label("Replace").click();
    wait_for(&mut h, |_| {
        std::fs::read_to_string(&target).map_or(0, |t| t.lines().count()) == 1 + rows
    });
    // No temporary files are left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_a_briefing_pack() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief");
    let mut h = harness(Scripted::saving_to(&target, 1));
    menu(&mut h, "Briefing pack (HTML)...");
    // The extension is added.
    let written = dir.path().join("brief.html");
    wait_for(&mut h, |_| written.exists());
    let html = std::fs::read_to_string(&written).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Avon &amp; Somerset"));
}

#[test]
fn a_failed_write_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder").join("out.csv");
    let mut h = harness(Scripted::saving_to(&target, 1));
    menu(&mut h, "Export CSV, one row per grade...");
    wait_for(&mut h, |h| {
        h.state().state.notices.iter().any(|n| n.is_error)
    });
    assert!(h.query_by_label_contains("could not write").is_some());
    assert!(!target.exists());
}

#[test]
fn copy_the_table_for_word_or_excel() {
    let mut h = harness(Scripted::default());
    h.state_mut()
        .state
        .apply(Action::ToggleRegion("North East".into()));
    h.run();
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_label("Copy table (for Word or Excel)").click();
    h.step();
    let copied = common::copied_text(&h);
    assert_eq!(copied.len(), 1);
    let lines: Vec<&str> = copied[0].lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("Force\tRegion\tROCU\t2015"));
    assert!(lines[2].starts_with("Durham\tNorth East\tNERSOU\tOutstanding"));
}

#[test]
fn files_dropped_on_the_window_load() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "dropped.csv",
        "force,year,grade\nDurham,2018/19,Good\n",
    );
    let mut h = harness(Scripted::default());
    h.input_mut().dropped_files.push(Arc::new(Dropped(file)));
    wait_for(&mut h, |h| !h.state().state.files.is_empty());
    assert!(h.query_by_label_contains("Loaded").is_some());
}

#[test]
fn files_open_at_the_last_run_open_again_and_a_gone_one_is_reported() {
    use peel_explorer::gui::state::Settings;
    let dir = tempfile::tempdir().unwrap();
    // Made-up grades for a made-up later year, for this test only.
    let kept = dir.path().join("later.csv");
    std::fs::write(&kept, "force,year,grade\nKent,2018/19,Good\n").unwrap();
    let gone = dir.path().join("gone.csv");
    let mut h = Harness::builder().with_size([1366.0, 768.0]).build_eframe({
        let mut first = AppState::default();
        first.apply(Action::AddSource(
            peel_explorer::core::load_file(&kept).expect("the file loads"),
        ));
        let mut settings: Settings = first.settings.clone();
        assert_eq!(settings.open_files, [kept.display().to_string()]);
        settings.open_files.push(gone.display().to_string());
        move |_cc| PeelApp::start(settings, Vec::new(), Arc::new(Scripted::default()))
    });
    wait_for(&mut h, |h| !h.state().state.notices.is_empty());
    let state = &h.state().state;
    assert_eq!(state.files.len(), 1);
    assert!(shown_periods(&h).contains(&"2018/19".to_string()));
    assert!(state.notices.iter().any(|n| n.is_error
        && n.text.contains("Loaded")
        && n.text.contains("gone.csv was not loaded")));
    // Only the file that loaded is offered at the next start; both stay in the recent list
    // only if they loaded.
    assert_eq!(state.settings.open_files, [kept.display().to_string()]);
    assert_eq!(state.settings.recent_files, [kept.display().to_string()]);
}

#[test]
fn files_dropped_together_are_each_reported_and_a_rejection_stays_in_view() {
    let dir = tempfile::tempdir().unwrap();
    // Made-up grades: the first file is bad, the second good.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "force,year,grade\nKent,2018/19,Goodish\n").unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "force,year,grade\nGwent,2018/19,Good\n").unwrap();
    let mut h = harness(Scripted::default());
    for file in [&bad, &good] {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(file.to_path_buf())));
    }
    wait_for(&mut h, |h| !h.state().state.notices.is_empty());
    let state = &h.state().state;
    assert_eq!(state.files.len(), 1, "the good file loaded");
    let notice = state.notices.last().unwrap();
    assert!(notice.is_error, "a rejection is not hidden by a success");
    assert!(notice.text.contains("Loaded") && notice.text.contains("bad.csv was not loaded"));
    assert!(state.problems.iter().any(|p| p.file.ends_with("bad.csv")));
    assert!(state.show_sources);
    assert!(
        h.query_by_label_contains("unknown grade \"Goodish\"")
            .is_some()
    );
    h.get_by_label("Dismiss these problems").click();
    h.run();
    assert!(h.state().state.problems.is_empty());
}

/// One rule for the long CSV, window and command line alike: every area loaded, filtered.
#[test]
fn the_long_csv_holds_every_area_as_the_command_line_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("long.csv");
    let mut h = harness(Scripted::saving_to(&target, 1));
    h.state_mut()
        .state
        .apply(Action::ToggleRegion("Wales".into()));
    h.run();
    menu(&mut h, "Export CSV, one row per grade...");
    wait_for(&mut h, |_| target.exists());
    let written = std::fs::read_to_string(&target).unwrap();
    // The area on screen and others beside it, Wales only, each grade with its source.
    assert!(written.contains(",Serious and organised crime,"));
    assert!(written.contains(",Effectiveness,"));
    assert!(written.contains(",Treatment of the public,"));
    assert!(written.lines().skip(1).all(|l| l.contains(",Wales,")));
    // The command line writes the same rows for the same filter.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args([
            "export", "--region", "Wales", "--until", "2017", "--since", "2015",
        ])
        .output()
        .unwrap();
    let cli = String::from_utf8(out.stdout).unwrap();
    assert_eq!(cli, written);
}
