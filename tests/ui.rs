//! The window driven as a user would, by accessible label and role.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::gui::app::{SAVE_KEY, restore};
use peel_explorer::gui::state::Saved;
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
    h.get_by_role_and_label(Role::Button, "2017").click();
    h.run();
    let rows = shown(&h);
    assert_eq!(
        &rows[..4],
        ["Derbyshire", "Durham", "Greater Manchester", "Merseyside"]
    );
    assert_eq!(rows[42], "West Mercia");
    // Clicking again reverses the order.
    h.get_by_role_and_label(Role::Button, "2017").click();
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
    assert_eq!(shown(&h).len(), 43);
    assert!(h.query_by_label_contains("Showing 43 of 43").is_some());
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
    click(&mut h, "Change from");
    // The popup's "2015" sits in the filter panel, left of the table header's "2015".
    h.get_all_by_role_and_label(Role::Button, "2015")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("a 2015 choice")
        .click();
    h.run();
    click(&mut h, "Change to");
    h.get_all_by_role_and_label(Role::Button, "2016")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("a 2016 choice")
        .click();
    h.run();
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
    click(&mut h, "Graded in");
    // The popup's "2016" sits in the filter panel, left of the table header's "2016".
    h.get_all_by_role_and_label(Role::Button, "2016")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("a 2016 choice")
        .click();
    h.run();
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
    assert_eq!(h.state().state.selected.as_deref(), Some("Bedfordshire"));
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
fn derived_data_is_not_rebuilt_on_idle_frames() {
    let mut h = harness();
    let before = h.state().state.cached().recomputed;
    for _ in 0..10 {
        h.step();
    }
    assert_eq!(h.state().state.cached().recomputed, before);
    click_country(&mut h, "Wales (4)");
    assert_eq!(h.state().state.cached().recomputed, before + 1);
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
    let (saved, notice) = restore(Some(&storage));
    assert_eq!(notice, None);
    assert!(saved.filter.countries.contains("Wales"));
    let state = AppState::new(saved);
    assert_eq!(state.filter, h.state().state.filter);
}

#[test]
fn corrupt_or_outdated_settings_fall_back_to_defaults() {
    for text in [
        "(version: 1, filter: (regions: [",
        "not ron at all \u{0}",
        "",
    ] {
        let mut storage = Memory::default();
        eframe::Storage::set_string(&mut storage, SAVE_KEY, text.into());
        let (saved, notice) = restore(Some(&storage));
        assert_eq!(saved, Saved::default());
        assert!(notice.unwrap().contains("defaults restored"));
    }
    let mut storage = Memory::default();
    let old = Saved {
        version: 0,
        ..Saved::default()
    };
    eframe::set_value(&mut storage, SAVE_KEY, &old);
    let (saved, notice) = restore(Some(&storage));
    assert_eq!(saved, Saved::default());
    assert!(notice.unwrap().contains("another version"));
    assert_eq!(restore(None), (Saved::default(), None));
}
