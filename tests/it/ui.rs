//! The window driven as a user would, by accessible label and role.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use peel_explorer::gui::app::{SAVE_KEY, restore};
use peel_explorer::gui::state::{Action, Settings};
use peel_explorer::gui::{AppState, PeelApp};

fn harness() -> Harness<'static, PeelApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(AppState::default()));
    h.run();
    h
}

/// Clicks a country checkbox (the region of the same name comes before it).
fn click_country(h: &mut Harness<'_, PeelApp>, label: &str) {
    let last = |h: &Harness<'_, PeelApp>| {
        h.get_all_by_label(label)
            .count()
            .checked_sub(1)
            .expect("a country choice")
    };
    let i = last(h);
    h.get_all_by_label(label).nth(i).unwrap().scroll_to_me();
    h.run();
    let i = last(h);
    h.get_all_by_label(label).nth(i).unwrap().click();
    h.run();
}

/// Scrolls a control into view, then clicks it, as a user would.
fn click(h: &mut Harness<'_, PeelApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

fn shown(h: &Harness<'_, PeelApp>) -> Vec<String> {
    let state = &h.state().state;
    state
        .cached()
        .rows
        .iter()
        .map(|&f| state.data.force(f).name.clone())
        .collect()
}

#[test]
fn choosing_a_region_shows_only_its_forces() {
    let mut h = harness();
    assert!(h.query_by_label("Kent").is_some());
    h.get_by_label("West Midlands (4)").click();
    h.run();
    assert_eq!(
        shown(&h),
        [
            "Staffordshire",
            "Warwickshire",
            "West Mercia",
            "West Midlands"
        ]
    );
    // What the table draws, not just the state.
    assert!(h.query_by_label("Staffordshire").is_some());
    assert!(h.query_by_label("Kent").is_none());
    assert!(
        h.query_by_label_contains("Showing 4 of 43 forces")
            .is_some()
    );
    // The chip names the filter.
    assert!(h.query_by_label_contains("Region: West Midlands").is_some());
}

#[test]
fn typing_in_search() {
    let mut h = harness();
    let search = h.get_by_role(Role::TextInput);
    search.click();
    h.run();
    h.get_by_role(Role::TextInput).type_text("york");
    h.run();
    assert_eq!(
        shown(&h),
        ["North Yorkshire", "South Yorkshire", "West Yorkshire"]
    );
    assert!(h.query_by_label("Humberside").is_none());
}

#[test]
fn sorting_by_2017() {
    let mut h = harness();
    h.get_by_label("Sort by 2017").click();
    h.run();
    let rows = shown(&h);
    assert_eq!(
        &rows[..4],
        ["Derbyshire", "Durham", "Greater Manchester", "Merseyside"]
    );
    assert_eq!(rows[42], "West Mercia");
    // Clicking again reverses the order.
    h.get_by_label("Sort by 2017").click();
    h.run();
    assert_eq!(shown(&h)[0], "West Mercia");
    assert!(h.query_by_label("West Mercia").is_some());
}

#[test]
fn selecting_a_force_shows_its_profile_and_summary() {
    let mut h = harness();
    assert!(h.query_by_label("Close profile").is_none());
    h.get_by_label("Avon & Somerset").click();
    h.run();
    assert!(h.query_by_label("Close profile").is_some());
    assert!(h
        .query_by_label_contains(
            "Avon & Somerset was graded Good in 2015, fell to Requires Improvement in 2016 and recovered to Good in 2017."
        )
        .is_some());
    assert!(
        h.query_by_label_contains("4 of the 5 forces in its ROCU (SWROCU)")
            .is_some()
    );
    assert!(h.query_by_label("Avon and Somerset Constabulary").is_some());
    h.get_by_label("Close profile").click();
    h.run();
    assert!(h.query_by_label("Close profile").is_none());
}

#[test]
fn clearing_filters() {
    let mut h = harness();
    click_country(&mut h, "Wales (4)");
    click(&mut h, "Improved (0)");
    assert_eq!(shown(&h), Vec::<String>::new());
    assert!(
        h.query_by_label("No force matches these filters.")
            .is_some()
    );
    h.get_by_label("Clear all").click();
    h.run();
    // Every force, and with the period range cleared too, every period: the units the
    // regional inspections graded appear beside the forces.
    assert_eq!(h.state().state.settings.filter.since, None);
    assert!(shown(&h).len() > 43);
    assert!(
        h.query_by_label_contains("Showing 43 of 43 forces and")
            .is_some()
    );
}

#[test]
fn removing_a_chip_removes_its_filter() {
    let mut h = harness();
    click(&mut h, "Titan (6)");
    assert_eq!(shown(&h).len(), 6);
    assert!(shown(&h).contains(&"North Wales".to_string()));
    h.get_by_label_contains("ROCU (at the time): Titan").click();
    h.run();
    assert_eq!(shown(&h).len(), 43);
}

/// "Which forces in the West Midlands got worse in 2016, and what were they graded in 2017?"
#[test]
fn west_midlands_question_in_a_few_clicks() {
    let mut h = harness();
    click(&mut h, "West Midlands (4)");
    choose(&mut h, "Change from", "2015");
    choose(&mut h, "Change to", "2016");
    click(&mut h, "Declined 2015 to 2016 (1)");
    assert_eq!(shown(&h), ["Staffordshire"]);
    assert!(
        h.query_by_label("Staffordshire, 2016: Requires Improvement")
            .is_some()
    );
    assert!(h.query_by_label("Staffordshire, 2017: Good").is_some());
    assert!(h.query_by_label("West Mercia").is_none());
    assert!(
        h.query_by_label_contains("2015 to 2016: Declined")
            .is_some()
    );
}

/// Forces in the West Midlands graded Requires Improvement or worse in 2016.
#[test]
fn grade_in_a_chosen_period() {
    let mut h = harness();
    h.get_by_label("West Midlands (4)").click();
    h.run();
    choose(&mut h, "Graded in", "2016");
    click(&mut h, "Requires Improvement (2)");
    click(&mut h, "Inadequate (0)");
    assert_eq!(shown(&h), ["Staffordshire", "West Mercia"]);
    assert!(h.query_by_label("Staffordshire, 2017: Good").is_some());
    assert!(h.query_by_label("West Mercia, 2017: Inadequate").is_some());
    assert!(h.query_by_label("Warwickshire").is_none());
}

#[test]
fn keyboard_moves_the_selection_and_opens_the_profile() {
    let mut h = harness();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().state.selection.focus(), Some("Bedfordshire"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Close profile").is_none());
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("Close profile").is_some());
    assert!(
        h.query_by_label_contains("Bedfordshire was graded Requires Improvement in 2015")
            .is_some()
    );
}

#[test]
fn switching_off_the_builtin_data_and_back() {
    let mut h = harness();
    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label_contains("Figure 7 (built-in)").click();
    h.run();
    assert!(shown(&h).is_empty());
    assert!(h.query_by_label_contains("No data is loaded").is_some());
    h.get_by_label_contains("Figure 7 (built-in)").click();
    h.run();
    assert_eq!(shown(&h).len(), 43);
}

#[test]
fn idle_frames_leave_nothing_to_recompute() {
    let mut h = harness();
    for _ in 0..10 {
        h.step();
        assert!(!h.state().state.needs_refresh());
    }
    click_country(&mut h, "Wales (4)");
    assert!(!h.state().state.needs_refresh());
    assert_eq!(shown(&h).len(), 4);
}

/// A settings store in memory.
#[derive(Default)]
struct Memory(std::collections::HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.into(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn settings_survive_a_restart() {
    let mut h = harness();
    click_country(&mut h, "Wales (4)");
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let (saved, notice) = restore(Some(&storage), None);
    assert_eq!(notice, None);
    assert!(saved.filter.countries.contains("Wales"));
    let state = AppState::new(saved);
    assert_eq!(state.settings.filter, h.state().state.settings.filter);
}

#[test]
fn corrupt_or_outdated_settings_fall_back_to_defaults_and_keep_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in [
        "(version: 1, filter: (regions: [",
        "not ron at all \u{0}",
        "",
    ]
    .into_iter()
    .enumerate()
    {
        let mut storage = Memory::default();
        eframe::Storage::set_string(&mut storage, SAVE_KEY, text.into());
        let aside = dir.path().join(format!("settings-{i}.ron"));
        let (saved, notice) = restore(Some(&storage), Some(&aside));
        assert_eq!(saved, Settings::default());
        let notice = notice.unwrap();
        assert!(notice.contains("defaults restored"), "{notice}");
        // What was saved is kept, byte for byte, and the notice says where.
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), text);
        assert!(notice.contains(&aside.display().to_string()), "{notice}");
    }
    // Settings of another version keep the user's groups.
    let mut storage = Memory::default();
    let group = peel_explorer::core::ForceGroup::parse_arg("Peers=Kent,Essex").unwrap();
    let old = Settings {
        version: 0,
        groups: vec![group.clone()],
        ..Settings::default()
    };
    eframe::set_value(&mut storage, SAVE_KEY, &old);
    let (saved, notice) = restore(Some(&storage), None);
    assert_eq!(saved.groups, [group]);
    assert!(notice.unwrap().contains("another version"));
    assert_eq!(restore(None, None), (Settings::default(), None));
}

fn open_view(h: &mut Harness<'_, PeelApp>, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run();
}

/// Opens a combo box and chooses an item in its popup: the button with that label that
/// the popup brought (others of the same name, such as a table header, were there before).
fn choose(h: &mut Harness<'_, PeelApp>, combo: &str, item: &str) {
    let before: Vec<_> = h
        .query_all_by_role_and_label(Role::Button, item)
        .map(|n| n.accesskit_node().id())
        .collect();
    click(h, combo);
    h.get_all_by_role_and_label(Role::Button, item)
        .find(|n| !before.contains(&n.accesskit_node().id()))
        .expect("a choice in the popup")
        .click();
    h.run();
}

#[test]
fn clicking_a_transition_matrix_cell_filters_the_table() {
    let mut h = harness();
    open_view(&mut h, "Movement");
    choose(&mut h, "From period", "2015");
    choose(&mut h, "To period", "2016");
    // Figure 7, 2015 to 2016: 25 forces stayed Good, 6 went from Good to RI.
    assert!(h.query_by_label("Good to Good: 25").is_some());
    h.get_by_label("Good to Requires Improvement: 6").click();
    h.run();
    assert_eq!(
        h.state().state.settings.view,
        peel_explorer::gui::state::View::Table
    );
    assert_eq!(
        shown(&h),
        [
            "Avon & Somerset",
            "City of London",
            "Gwent",
            "MPS",
            "North Yorkshire",
            "Staffordshire"
        ]
    );
    assert!(h.query_by_label("Gwent").is_some());
    assert!(h.query_by_label("Kent").is_none());
    assert!(
        h.query_by_label_contains("2015 to 2016: Good to Requires Improvement")
            .is_some()
    );
    // Back in Movement, the matrix still shows every cell (it ignores its own filter).
    open_view(&mut h, "Movement");
    assert!(h.query_by_label("Good to Good: 25").is_some());
}

#[test]
fn choosing_groups_in_compare_shows_their_rows() {
    let mut h = harness();
    open_view(&mut h, "Compare");
    h.get_by_role_and_label(Role::CheckBox, "West Midlands")
        .click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Wales").click();
    h.run();
    let groups: Vec<String> = h
        .state()
        .state
        .cached()
        .compare
        .iter()
        .map(|r| r.group.clone())
        .collect();
    assert_eq!(groups.len(), 9);
    // Each group has a bar per period, named with its counts.
    assert!(
        h.query_by_label("West Midlands 2016: 2 Good, 2 Requires Improvement")
            .is_some()
    );
    assert!(
        h.query_by_label("Wales 2017: 3 Good, 1 Requires Improvement")
            .is_some()
    );
    assert!(
        h.query_by_label(
            "England and Wales (43 forces) 2015: 3 Outstanding, 32 Good, 8 Requires Improvement"
        )
        .is_some()
    );
    // ROCUs by membership at the time: SEROCU holds Kent in Figure 7's years.
    h.get_by_role_and_label(Role::Button, "ROCUs").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "SEROCU").click();
    h.run();
    assert!(
        h.query_by_label("SEROCU 2015: 4 Good, 1 Requires Improvement")
            .is_some()
    );
}

#[test]
fn clicking_a_ribbon_selects_its_forces() {
    let mut h = harness();
    open_view(&mut h, "Movement");
    // The diagram is the view's one image; its name is its text alternative. Find the
    // Good to Requires Improvement ribbon of the first step the way a user would: by
    // moving the pointer over the left part of the diagram until its tooltip shows.
    let rect = h.get_by_role(Role::Image).rect();
    let wanted = "Good in 2015, Requires Improvement in 2016: 6 forces";
    let mut found = None;
    'scan: for i in 1..8 {
        let x = rect.left() + rect.width() * (0.05 + 0.03 * i as f32);
        for j in 0..60 {
            let pos = egui::pos2(x, rect.top() + rect.height() * (j as f32 + 0.5) / 60.0);
            h.hover_at(pos);
            h.run();
            if h.query_by_label_contains(wanted).is_some() {
                found = Some(pos);
                break 'scan;
            }
        }
    }
    let pos = found.expect("a Good to Requires Improvement ribbon under the pointer");
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(
        h.state().state.selection.names(),
        [
            "Avon & Somerset",
            "City of London",
            "Gwent",
            "MPS",
            "North Yorkshire",
            "Staffordshire"
        ]
    );
    // The trajectories chart follows the selection.
    assert!(
        h.query_by_label_contains(
            "Gwent was graded Good in 2015, fell to Requires Improvement in 2016"
        )
        .is_some()
    );
}

#[test]
fn clicking_a_hexagon_selects_that_force() {
    let mut h = harness();
    open_view(&mut h, "Map");
    assert!(h.query_by_label("Kent: Good in 2017").is_some());
    h.get_by_label("West Mercia: Inadequate in 2017").click();
    h.run();
    assert_eq!(h.state().state.selection.focus(), Some("West Mercia"));
    // The same selection as the table's: the profile shows it.
    assert!(h.query_by_label("Close profile").is_some());
    assert!(
        h.query_by_label_contains("West Mercia was graded Requires Improvement in 2015")
            .is_some()
    );
    // The slider moves the map to another period.
    h.apply_map_period("2015");
    assert!(
        h.query_by_label("Surrey: Requires Improvement in 2015")
            .is_some()
    );
    // Colour by change: the hexagons say how each force moved.
    h.get_by_label("Change between two periods").click();
    h.run();
    assert!(
        h.query_by_label("Staffordshire: Requires Improvement in 2016, Good in 2017: improved")
            .is_some()
    );
}

#[test]
fn forces_outside_the_filters_stay_on_the_map() {
    let mut h = harness();
    click_country(&mut h, "Wales (4)");
    open_view(&mut h, "Map");
    // Dimmed, not hidden: every hexagon is still there and still clickable.
    assert!(h.query_by_label("Kent: Good in 2017").is_some());
    assert!(
        h.query_by_label_contains("39 forces outside the filters are dimmed")
            .is_some()
    );
}

trait MapPeriod {
    fn apply_map_period(&mut self, period: &str);
}

impl MapPeriod for Harness<'_, PeelApp> {
    /// Sets the map's period slider the way a keyboard user would: focus it, then step.
    fn apply_map_period(&mut self, period: &str) {
        for _ in 0..5 {
            if self
                .state()
                .state
                .map_period()
                .map(|p| p.to_string())
                .as_deref()
                == Some(period)
            {
                return;
            }
            self.get_by_role(Role::Slider).focus();
            self.run();
            self.key_press(egui::Key::ArrowLeft);
            self.run();
        }
        panic!("map period never reached {period}");
    }
}

#[test]
fn a_long_history_shows_the_latest_periods_that_fit_in_the_profile() {
    use peel_explorer::core::{parse_source, synthetic};
    use peel_explorer::gui::state::Action;
    let text = synthetic::long_csv(43, 20, 3);
    let mut state = AppState::default();
    state.apply(Action::SetBuiltin(false));
    state.apply(Action::AddSource(
        parse_source("years.csv", text.as_bytes()).expect("valid"),
    ));
    state.apply(Action::Select(Some("Kent".into())));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    // Every year of Kent's own grades, but the peers grid and the national picture only
    // as many of the latest years as fit, each saying so.
    assert!(h.query_all_by_label_contains("Kent, 2000: ").count() >= 1);
    assert!(h.query_all_by_label_contains("Kent, 2019: ").count() >= 1);
    let notes: Vec<String> = h
        .query_all_by_label_contains("periods (the table has every one)")
        .map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value()).unwrap_or_default()
        })
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes
            .iter()
            .all(|n| n.starts_with("The latest ") && n.contains(" of 20 ")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.starts_with("The latest 8 of 20")));
}

#[test]
fn compare_rows_say_what_a_filter_leaves_of_each_group() {
    let mut h = harness();
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("glouc");
    h.run();
    open_view(&mut h, "Compare");
    h.get_by_role_and_label(Role::CheckBox, "South West")
        .click();
    h.run();
    // The baseline is still every force; the region row says it counts one of five.
    assert!(
        h.query_by_label(
            "England and Wales (43 forces) 2017: 4 Outstanding, 34 Good, 4 Requires \
             Improvement, 1 Inadequate"
        )
        .is_some()
    );
    assert!(
        h.query_by_label("South West: 1 of 5 forces shown 2016: 1 Inadequate")
            .is_some()
    );
    // With one force selected, its group is named after it.
    h.get_by_role_and_label(Role::Button, "Table").click();
    h.run();
    h.get_by_label("Gloucestershire").click();
    h.run();
    open_view(&mut h, "Compare");
    h.get_by_role_and_label(Role::Button, "Selected forces")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("Selected: Gloucestershire 2017")
            .is_some()
    );
}

#[test]
fn a_period_with_few_forces_graded_says_so_in_compare() {
    let mut state = AppState::default();
    // Every period of Figure 7's area: in 2021/22 only a few forces were graded on it.
    state.apply(Action::ClearAll);
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    open_view(&mut h, "Compare");
    assert!(
        h.query_by_label_contains("England and Wales: 4 in the record, 39 not known 2021/22")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("England and Wales (43 forces) 2017")
            .is_some()
    );
}
