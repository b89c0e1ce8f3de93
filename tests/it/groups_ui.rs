//! Groups and the force briefing in the window, driven as a user would: by labels.

use std::sync::Mutex;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use peel_explorer::gui::state::{CompareBy, View};

use super::common::{Scripted, harness, wait_for};

/// Scrolls a control into view, as a user would, and clicks it.
fn press(h: &mut egui_kittest::Harness<'_, peel_explorer::gui::PeelApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).click();
    // Steps, not `run`: a click may start a background job, whose spinner keeps turning.
    h.run_steps(4);
}

/// Opens the groups window and makes a group called `name` (from the forces selected).
fn make_group(h: &mut egui_kittest::Harness<'_, peel_explorer::gui::PeelApp>, name: &str) {
    if !h.state().state.show_groups {
        h.get_by_role_and_label(Role::Button, "Groups").click();
        wait_for(h, |h| h.query_by_label("New group's name").is_some());
    }
    h.get_by_label("New group's name").focus();
    h.run();
    h.get_by_label("New group's name").type_text(name);
    h.run();
    h.get_by_role_and_label(Role::Button, "Make group").click();
    h.run();
}

#[test]
fn make_a_group_compare_it_save_it_and_read_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("peers.csv");
    let dialogs = Scripted {
        save: Mutex::new(vec![Some(file.clone())]),
        open: Mutex::new(vec![Some(vec![file.clone()])]),
        ..Default::default()
    };
    let mut h = harness(dialogs);
    make_group(&mut h, "Peers");
    assert_eq!(h.state().state.settings.groups.len(), 1);
    // Open it and tick its members.
    h.get_by_label("Peers (0 forces)").click();
    h.run();
    for force in ["Kent", "Essex", "Surrey"] {
        press(&mut h, Role::CheckBox, force);
    }
    assert_eq!(
        h.state().state.settings.groups[0].forces,
        ["Kent", "Essex", "Surrey"]
    );

    // Compare it with England and Wales.
    press(&mut h, Role::Button, "Compare with England and Wales");
    let state = &h.state().state;
    assert_eq!(state.settings.view, View::Compare);
    assert_eq!(state.settings.compare_by, CompareBy::Groups);
    let rows = &state.cached().compare;
    let peers: Vec<_> = rows.iter().filter(|r| r.group == "Peers").collect();
    assert_eq!(peers.len(), 3, "one row per period");
    assert!(peers.iter().all(|r| r.tally.total() == 3));
    assert!(
        rows.iter()
            .any(|r| r.group.starts_with("England and Wales"))
    );

    // Filter by it: three forces in the table.
    press(&mut h, Role::CheckBox, "Show only these forces");
    assert_eq!(h.state().state.cached().rows.len(), 3);
    press(&mut h, Role::CheckBox, "Show only these forces");

    // Save it, delete it, and read it back.
    press(&mut h, Role::Button, "Save groups file...");
    wait_for(&mut h, |_| file.exists());
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        saved,
        "group,force\nPeers,Kent\nPeers,Essex\nPeers,Surrey\n"
    );
    press(&mut h, Role::Button, "Delete group");
    assert!(h.state().state.settings.groups.is_empty());
    assert!(h.state().state.settings.compare_groups.is_empty());
    press(&mut h, Role::Button, "Open groups file...");
    wait_for(&mut h, |h| !h.state().state.settings.groups.is_empty());
    assert_eq!(
        h.state().state.settings.groups[0].forces,
        ["Kent", "Essex", "Surrey"]
    );
    assert!(h.query_by_label_contains("Read 1 group from").is_some());
}

#[test]
fn a_bad_groups_file_changes_nothing_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "group,force\nPeers,Kent\nPeers,Gotham\n").unwrap();
    let dialogs = Scripted {
        open: Mutex::new(vec![Some(vec![file.clone()])]),
        ..Default::default()
    };
    let mut h = harness(dialogs);
    make_group(&mut h, "Mine");
    h.get_by_role_and_label(Role::Button, "Open groups file...")
        .click();
    let place = format!("{}:3:2:", file.display());
    wait_for(&mut h, |h| h.query_by_label_contains(&place).is_some());
    let groups = &h.state().state.settings.groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, "Mine");
}

#[test]
fn a_group_starts_with_the_forces_selected_and_names_are_not_reused() {
    let mut h = harness(Scripted::default());
    h.get_by_label("Kent").click();
    h.run();
    make_group(&mut h, "South East");
    assert_eq!(h.state().state.settings.groups[0].forces, ["Kent"]);
    make_group(&mut h, "South East");
    assert_eq!(h.state().state.settings.groups.len(), 1);
    assert!(
        h.query_by_label_contains("There is a group called South East already")
            .is_some()
    );
}

#[test]
fn brief_on_a_force_from_its_profile() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kent.docx");
    let mut h = harness(Scripted::saving_to(&file, 1));
    h.get_by_label("Kent").click();
    h.run();
    h.get_by_label("Brief on this force").click();
    h.run();
    h.get_by_label("Word document...").click();
    wait_for(&mut h, |_| file.exists());
    let parts = super::word::parts(&file);
    let xml = String::from_utf8_lossy(&parts["word/document.xml"]).into_owned();
    assert!(xml.contains("Kent: PEEL grades"));
    assert!(xml.contains("Grades in every area and cycle"));
}
