//! The state's behaviour: actions in, derived data out.

use super::*;
use crate::core::{Cell, Direction, Grade};

fn names(state: &mut AppState) -> Vec<String> {
    let rows = state.derived().rows.clone();
    rows.iter()
        .map(|&f| state.data.force(f).name.clone())
        .collect()
}

#[test]
fn starts_on_figure7() {
    let mut s = AppState::default();
    assert_eq!(s.derived().rows.len(), 43);
    assert_eq!(s.data_label(), "Figure 7 and the PEEL record, 2015-2017");
    assert_eq!(s.data.area(), crate::core::area::BUILTIN_AREA);
    let periods = s.derived().periods.clone();
    let years = s.data.period_labels(&periods);
    assert_eq!(years, ["2015", "2016", "2017"]);
    // Every area of the record is there to choose, and its periods appear with it.
    assert!(s.areas().len() >= 20, "{:?}", s.areas());
    s.apply(Action::SetArea("Responding to the public".into()));
    assert_eq!(
        s.settings.filter.since, None,
        "a range that shows nothing is let go"
    );
    assert!(!s.derived().rows.is_empty());
}

/// What a state shows, worked out from scratch from its settings, data and selection.
fn fresh(s: &AppState) -> AppState {
    let mut fresh = AppState::new(s.settings.clone());
    fresh.files = s.files.clone();
    fresh.data = s.data.clone();
    fresh.selection = s.selection.clone();
    fresh.stale = Invalidates::Rows;
    fresh.refresh();
    fresh
}

fn assert_same_as_fresh(s: &mut AppState, after: &Action) {
    s.refresh();
    let f = fresh(s);
    let (a, b) = (s.cached(), f.cached());
    let what = format!("after {after:?}");
    assert_eq!(a.rows, b.rows, "{what}");
    assert_eq!(a.counts, b.counts, "{what}");
    assert_eq!(a.selection, b.selection, "{what}");
    assert_eq!(a.focus, b.focus, "{what}");
    assert_eq!(a.profile, b.profile, "{what}");
    assert_eq!(a.compare, b.compare, "{what}");
    assert_eq!(a.transition, b.transition, "{what}");
    assert_eq!(a.trajectories, b.trajectories, "{what}");
    assert_eq!(a.texts.distribution, b.texts.distribution, "{what}");
    assert_eq!(a.texts.transition, b.texts.transition, "{what}");
    assert_eq!(a.texts.bars, b.texts.bars, "{what}");
    assert_eq!(a.map, b.map, "{what}");
}

#[test]
fn every_action_leaves_what_a_fresh_computation_gives() {
    let mut s = AppState::default();
    let p = Period::year;
    let actions = [
        Action::ToggleRegion("West Midlands".into()),
        Action::SetGradePeriod(p(2016)),
        Action::ToggleGrade(p(2016), Cell::Graded(Grade::Good)),
        Action::SetChangePeriods(p(2015), p(2016)),
        Action::ToggleDirection(Direction::Declined),
        Action::ToggleDirection(Direction::Declined),
        Action::SortBy(SortKey::Period(p(2017))),
        Action::Select(Some("Staffordshire".into())),
        Action::ToggleSelect("Warwickshire".into()),
        Action::SetCompareBy(CompareBy::Selection),
        Action::SetMapMode(MapMode::Change),
        Action::SetMapMode(MapMode::Grade),
        Action::SetMapPeriod(p(2015)),
        Action::ToggleMapPlay(0.0),
        Action::MapTick(5.0),
        Action::MoveSelection(1),
        Action::SetCompareBy(CompareBy::Rocu),
        Action::ToggleCompareGroup("ERSOU".into()),
        Action::FilterStep {
            from: p(2015),
            to: p(2016),
            step: (Cell::Graded(Grade::Good), Cell::Graded(Grade::Good)),
        },
        Action::SetUntil(Some(p(2016))),
        Action::SetMembership(crate::core::RocuMembership::Current),
        Action::ClearAll,
        Action::SetSearch("wa".into()),
        Action::SelectMany(vec!["Gwent".into(), "Kent".into()]),
        Action::SetBuiltin(false),
        Action::SetBuiltin(true),
    ];
    for action in actions {
        s.apply(action.clone());
        assert_same_as_fresh(&mut s, &action);
    }
}

#[test]
fn view_only_actions_leave_nothing_to_recompute() {
    let mut s = AppState::default();
    s.refresh();
    for action in [
        Action::ShowAbout(true),
        Action::SetView(View::Map),
        Action::SetTheme(ThemeChoice::Dark),
        Action::Notify("hello".into(), false),
        Action::ShowProfile(true),
    ] {
        s.apply(action);
        assert!(!s.needs_refresh());
    }
    s.apply(Action::ToggleRegion("Wales".into()));
    assert!(s.needs_refresh());
    assert_eq!(s.derived().rows.len(), 4);
    assert!(!s.needs_refresh());
}

#[test]
fn facet_counts_apply_the_other_facets() {
    let mut s = AppState::default();
    s.apply(Action::ToggleRegion("West Midlands".into()));
    let counts = s.derived().counts.clone();
    // Region counts ignore the region facet itself.
    assert_eq!(counts.regions.get("North West"), Some(&5));
    assert_eq!(counts.regions.get("West Midlands"), Some(&4));
    // Grade counts (latest period, 2017) apply the region facet.
    assert_eq!(counts.grades.get(&Cell::Graded(Grade::Good)), Some(&2));
    assert_eq!(
        counts.grades.get(&Cell::Graded(Grade::RequiresImprovement)),
        Some(&1)
    );
}

#[test]
fn change_filter_between_two_periods() {
    let mut s = AppState::default();
    assert_eq!(
        s.change_periods(),
        Some((Period::year(2016), Period::year(2017)))
    );
    s.apply(Action::SetChangePeriods(
        Period::year(2015),
        Period::year(2016),
    ));
    s.apply(Action::ToggleRegion("West Midlands".into()));
    let counts = s.derived().counts.changes.clone();
    assert_eq!(counts.get(&Direction::Declined), Some(&1));
    assert_eq!(counts.get(&Direction::Improved), Some(&1));
    assert_eq!(counts.get(&Direction::Unchanged), Some(&2));
    s.apply(Action::ToggleDirection(Direction::Declined));
    assert_eq!(names(&mut s), ["Staffordshire"]);
    // Moving the periods moves the active condition with them.
    s.apply(Action::SetChangePeriods(
        Period::year(2016),
        Period::year(2017),
    ));
    assert_eq!(names(&mut s), ["Warwickshire", "West Mercia"]);
    s.apply(Action::ToggleDirection(Direction::Declined));
    assert_eq!(s.settings.filter.change, None);
    assert_eq!(names(&mut s).len(), 4);
}

#[test]
fn map_plays_through_the_periods_in_range() {
    let mut s = AppState::default();
    assert_eq!(s.map_period(), Some(Period::year(2017)));
    s.apply(Action::SetMapPeriod(Period::year(2015)));
    s.apply(Action::MapTick(100.0));
    assert_eq!(s.map_period(), Some(Period::year(2015)), "not playing");
    s.apply(Action::ToggleMapPlay(100.0));
    s.apply(Action::MapTick(100.5));
    assert_eq!(s.map_period(), Some(Period::year(2015)), "not yet due");
    s.apply(Action::MapTick(102.0));
    assert_eq!(s.map_period(), Some(Period::year(2016)));
    s.apply(Action::MapTick(104.0));
    s.apply(Action::MapTick(106.0));
    assert_eq!(s.map_period(), Some(Period::year(2015)), "wraps around");
    s.apply(Action::ToggleMapPlay(200.0));
    assert_eq!(s.map_playing, None);
    // A period outside the range falls back to the latest in range.
    s.apply(Action::SetUntil(Some(Period::year(2016))));
    s.apply(Action::SetMapPeriod(Period::year(2017)));
    assert_eq!(s.map_period(), Some(Period::year(2016)));
}

#[test]
fn sorting_by_a_grade_column() {
    let mut s = AppState::default();
    s.apply(Action::SortBy(SortKey::Period(Period::year(2017))));
    let sorted = names(&mut s);
    assert_eq!(
        &sorted[..4],
        ["Derbyshire", "Durham", "Greater Manchester", "Merseyside"]
    );
    assert_eq!(sorted[42], "West Mercia");
    s.apply(Action::SortBy(SortKey::Period(Period::year(2017))));
    let reversed = names(&mut s);
    assert_eq!(reversed[0], "West Mercia");
    // Ties stay in name order in either direction.
    assert_eq!(
        &reversed[39..],
        ["Derbyshire", "Durham", "Greater Manchester", "Merseyside"]
    );
}

#[test]
fn keyboard_selection_moves_through_visible_rows() {
    let mut s = AppState::default();
    s.apply(Action::ToggleRegion("Wales".into()));
    s.apply(Action::MoveSelection(1));
    assert_eq!(s.selection.focus(), Some("Dyfed-Powys"));
    s.apply(Action::MoveSelection(1));
    assert_eq!(s.selection.focus(), Some("Gwent"));
    s.apply(Action::MoveSelection(10));
    assert_eq!(s.selection.focus(), Some("South Wales"));
    s.apply(Action::MoveSelection(-1));
    assert_eq!(s.selection.focus(), Some("North Wales"));
}

#[test]
fn a_file_that_differs_from_the_record_loads_and_the_difference_is_listed() {
    let mut s = AppState::default();
    let mine = crate::core::parse_source("x.csv", b"force,2016\nKent,Inadequate\n").unwrap();
    s.apply(Action::AddSource(mine));
    assert_eq!(s.files.len(), 1);
    let kent = s.data.find_force("Kent").unwrap();
    let p = s.data.period_index(Period::year(2016)).unwrap();
    assert_eq!(s.data.cell(kent, p), Some(Cell::Graded(Grade::Inadequate)));
    assert!(s.data.differs_from_record(kent, p));
    assert_eq!(s.differences.len(), 1);
    let said = s.differences[0].to_string();
    assert!(said.starts_with("x.csv:2:1:"), "{said}");
    assert!(said.contains("Good in the published record"), "{said}");
    assert!(
        said.contains(
            "https://www.gov.uk/government/publications/serious-and-organised-crime-strategy-2018"
        ),
        "{said}"
    );
    assert!(!s.notices[0].is_error);
    assert!(
        s.notices[0]
            .text
            .contains("1 grade(s) differ from the published record")
    );
    // Removing the file brings the record back.
    s.apply(Action::RemoveSource(0));
    assert!(s.differences.is_empty());
    assert_eq!(s.data.cell(kent, p), Some(Cell::Graded(Grade::Good)));
}

#[test]
fn two_files_that_disagree_remain_a_conflict() {
    let mut s = AppState::default();
    let a = crate::core::parse_source("a.csv", b"force,2016\nKent,Inadequate\n").unwrap();
    let b = crate::core::parse_source("b.csv", b"force,2016\nKent,Outstanding\n").unwrap();
    s.apply(Action::AddSource(a));
    s.apply(Action::AddSource(b));
    assert_eq!(s.files.len(), 1);
    assert_eq!(s.problems.len(), 1);
    assert!(s.notices.last().unwrap().is_error);
    assert!(
        s.notices
            .last()
            .unwrap()
            .text
            .contains("b.csv was not loaded")
    );
    // Without the built-in data, a file of its own is no conflict with anything.
    let mut s = AppState::default();
    s.apply(Action::SetBuiltin(false));
    let a = crate::core::parse_source("a.csv", b"force,2016\nKent,Inadequate\n").unwrap();
    s.apply(Action::AddSource(a));
    assert!(s.differences.is_empty());
}

#[test]
fn files_load_remove_and_builtin_switches_off() {
    let mut s = AppState::default();
    let extra =
        crate::core::parse_source("later.csv", b"force,year,grade\nKent,2021/22,Adequate\n")
            .unwrap();
    s.apply(Action::AddSource(extra));
    // The file goes beyond Figure 7's years, so the opening range is let go.
    assert_eq!(s.settings.filter.since, None);
    assert!(s.data.period_index(Period::cycle(2021, 2022)).is_some());
    assert_eq!(
        s.data_label(),
        "Figure 7 and the PEEL record + later.csv, 2015-SOC inspections 2022-25"
    );
    s.apply(Action::SetBuiltin(false));
    assert_eq!(s.data.forces().len(), 1);
    assert_eq!(s.derived().rows.len(), 1);
    s.apply(Action::RemoveSource(0));
    assert!(s.data.forces().is_empty());
    assert!(s.derived().rows.is_empty());
    s.apply(Action::SetBuiltin(true));
    // Every force, and the units the regional inspections graded (now in range).
    let rows = s.derived().rows.clone();
    let forces = rows.iter().filter(|&&f| s.data.force(f).is_force()).count();
    assert_eq!(forces, 43);
    assert!(rows.len() > 43);
    assert!(!s.data_label().contains(crate::core::import::BUILTIN_NAME));
}

#[test]
fn saved_state_round_trips() {
    let mut s = AppState::default();
    s.apply(Action::ToggleRegion("Wales".into()));
    s.apply(Action::SortBy(SortKey::Movement));
    s.apply(Action::SetTheme(ThemeChoice::Dark));
    let restored = AppState::new(s.settings.clone());
    assert_eq!(restored.settings.filter, s.settings.filter);
    assert_eq!(restored.settings.sort, s.settings.sort);
    assert_eq!(restored.settings.theme, ThemeChoice::Dark);
}

#[test]
fn settings_keep_the_shape_earlier_versions_saved() {
    // As an earlier version wrote them: the built-in switch as an option, the chosen
    // periods under their old names.
    let old = "(version: 1, builtin: Some(false), theme: Dark, view: Map)";
    let settings: Settings = ron::from_str(old).expect("old settings load");
    assert!(!settings.builtin);
    assert_eq!(settings.theme, ThemeChoice::Dark);
    assert_eq!(settings.view, View::Map);
    let missing: Settings = ron::from_str("(version: 1)").expect("loads");
    assert!(
        missing.builtin,
        "the built-in data is on unless switched off"
    );
    let mut s = Settings {
        map_period_choice: Some(Period::year(2016)),
        groups: vec![crate::core::ForceGroup {
            name: "Peers".into(),
            forces: vec!["Kent".into(), "Essex".into()],
        }],
        ..Settings::default()
    };
    s.filter.groups = s.groups.clone();
    let text = ron::to_string(&s).expect("saves");
    assert!(text.contains("map_period:Some("), "{text}");
    assert!(text.contains("builtin:Some(true)"), "{text}");
    assert_eq!(ron::from_str::<Settings>(&text).expect("loads"), s);
}
