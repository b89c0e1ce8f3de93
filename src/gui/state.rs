//! The window's state, the actions that change it, and the derived data it caches.
//!
//! Views read [`AppState`] and push [`Action`]s; [`AppState::apply`] is the one place state
//! changes. Derived data (filtered and sorted rows, facet counts, the selected force's
//! summary) lives in [`Derived`] and is recomputed only when its inputs change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::files::ExportKind;
use crate::core::aggregate::{self, GroupPeriod, Grouping};
use crate::core::filter::Facet;
use crate::core::narrative;
use crate::core::{
    Cell, ChangeCondition, Dataset, Direction, Filter, Movement, Period, Problem, Rejected,
    RocuMembership, Source,
};

/// The central views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    #[default]
    Table,
    Movement,
    Compare,
    Map,
}

impl View {
    pub const ALL: [View; 4] = [View::Table, View::Movement, View::Compare, View::Map];

    pub fn label(self) -> &'static str {
        match self {
            View::Table => "Table",
            View::Movement => "Movement",
            View::Compare => "Compare",
            View::Map => "Map",
        }
    }
}

/// What the map's colours show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapMode {
    /// Each force's grade in the chosen period.
    #[default]
    Grade,
    /// How each force's grade changed between the change periods.
    Change,
}

/// Seconds between periods while the map plays.
pub const PLAY_STEP: f64 = 1.2;

/// What the Compare view puts side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompareBy {
    #[default]
    Region,
    Rocu,
    /// The forces selected in the table (or by clicking a ribbon), as one custom group.
    Selection,
}

impl CompareBy {
    pub const ALL: [CompareBy; 3] = [CompareBy::Region, CompareBy::Rocu, CompareBy::Selection];

    pub fn label(self) -> &'static str {
        match self {
            CompareBy::Region => "Regions",
            CompareBy::Rocu => "ROCUs",
            CompareBy::Selection => "Selected forces",
        }
    }
}

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "System",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// A table column to sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Force,
    Region,
    Rocu,
    Period(Period),
    Movement,
}

/// The table's sort: a column and a direction. Grade columns sort best first when
/// ascending; ties are broken by force name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

/// Something only the app can do (dialogs, files, the clipboard): views ask for it with
/// [`Action::Command`], and the app carries it out off the UI thread where it can.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the open dialog.
    OpenDialog,
    /// Load these files (a path field, files dropped on the window).
    OpenPaths(Vec<std::path::PathBuf>),
    /// Ask where to save, then write.
    Export(ExportKind),
    /// Write to this path (asking first if it exists).
    ExportTo(ExportKind, std::path::PathBuf),
    /// Answer to "replace the existing file?".
    ConfirmOverwrite(bool),
    /// Copy the table, as shown, as tab-separated text.
    CopyTable,
}

/// What a path field is for, when no dialog can be shown (or the user prefers typing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPrompt {
    Open,
    Save(ExportKind),
}

/// One loaded file.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    pub source: Source,
}

/// Something to tell the user, shown until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Everything that changes state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetSearch(String),
    ToggleRegion(String),
    ToggleRocu(String),
    ToggleCountry(String),
    ToggleGrade(Period, Cell),
    ToggleMovement(Movement),
    /// Toggle a direction of change between the change periods.
    ToggleDirection(Direction),
    /// Choose the two periods the change filter compares.
    SetChangePeriods(Period, Period),
    SetSince(Option<Period>),
    SetUntil(Option<Period>),
    SetMembership(RocuMembership),
    SetGradePeriod(Period),
    ClearFacet(Facet),
    ClearAll,
    SortBy(SortKey),
    /// Select a force by name (and only it), or clear the selection.
    Select(Option<String>),
    /// Add a force to the selection, or take it out.
    ToggleSelect(String),
    /// Select these forces (a ribbon or a chart segment).
    SelectMany(Vec<String>),
    /// Filter to the forces that took one step (a transition matrix cell), and show them.
    FilterStep {
        from: Period,
        to: Period,
        step: (Cell, Cell),
    },
    SetCompareBy(CompareBy),
    ToggleCompareGroup(String),
    SetMapMode(MapMode),
    SetMapPeriod(Period),
    /// Start or stop stepping the map through the periods, at this time (seconds).
    ToggleMapPlay(f64),
    /// The time now (seconds): while playing, step to the next period when it is due.
    MapTick(f64),
    /// Move the selection up or down the table by this many rows.
    MoveSelection(isize),
    ShowProfile(bool),
    SetView(View),
    SetTheme(ThemeChoice),
    ShowSources(bool),
    ShowAbout(bool),
    SetBuiltin(bool),
    AddSource(Source),
    /// A file that could not be loaded: show its problems, change nothing else.
    Rejected(Rejected),
    RemoveSource(usize),
    DismissNotice,
    /// Tell the user something (an error if the flag is set).
    Notify(String, bool),
    ShowPathPrompt(Option<PathPrompt>),
    /// Ask before replacing an existing file (or stop asking).
    AskOverwrite(Option<(ExportKind, std::path::PathBuf)>),
    /// Whether background jobs are running (for the status line).
    SetBusy(bool),
    /// Handled by the app, never by [`AppState::apply`].
    Command(Command),
}

/// What survives a restart (eframe persistence). A newer or older shape, or a corrupt
/// one, falls back to defaults.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub version: u32,
    pub filter: Filter,
    pub sort: Sort,
    pub view: View,
    pub theme: ThemeChoice,
    pub grade_period: Option<Period>,
    pub change_periods: Option<(Period, Period)>,
    pub builtin: Option<bool>,
    pub compare_by: CompareBy,
    pub compare_groups: Vec<String>,
    pub map_mode: MapMode,
    pub map_period: Option<Period>,
}

impl Saved {
    pub const VERSION: u32 = 1;
}

/// Per-facet counts shown beside each choice: how many forces would match with that
/// choice, all the other facets applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    pub regions: BTreeMap<String, usize>,
    pub rocus: BTreeMap<String, usize>,
    pub countries: BTreeMap<String, usize>,
    pub grades: BTreeMap<Cell, usize>,
    pub movements: BTreeMap<Movement, usize>,
    pub changes: BTreeMap<Direction, usize>,
}

/// The selected force's profile, worked out once per selection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub force: usize,
    pub summary: String,
    pub region: Option<(&'static str, Vec<usize>)>,
    pub rocu: Option<(&'static str, Vec<usize>)>,
    pub national: Vec<GroupPeriod>,
}

/// Data derived from the dataset and the filter.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Filtered forces, sorted.
    pub rows: Vec<usize>,
    /// Whether each force (by index) passes the filters.
    pub shown: Vec<bool>,
    /// Period indices in range.
    pub periods: Vec<usize>,
    /// Each force's movement across the periods in range, by force index.
    pub movements: Vec<Movement>,
    pub counts: FacetCounts,
    pub profile: Option<Profile>,
    /// The selected forces' indices, in selection order.
    pub selection: Vec<usize>,
    /// The index of the force whose profile is shown.
    pub selected: Option<usize>,
    /// Grade counts per period over the filtered forces (Movement view).
    pub distribution: Vec<GroupPeriod>,
    /// Transitions between consecutive periods in range (the alluvial ribbons).
    pub flows: Vec<aggregate::Transitions>,
    /// Transitions between the change periods, over the forces that pass every filter but
    /// the change filter itself (so choosing a cell does not empty the others).
    pub transition: Option<aggregate::Transitions>,
    /// The Compare view's rows: the baseline, then each chosen group.
    pub compare: Vec<aggregate::CompareRow>,
    /// The Movement view's words, worked out with the numbers they describe.
    pub texts: ChartTexts,
    /// How many times the rows were recomputed (for tests and benchmarks).
    pub recomputed: u64,
}

/// Text for the Movement view's charts: their text alternatives and each bar
/// segment's tooltip.
#[derive(Clone, Debug, Default)]
pub struct ChartTexts {
    pub distribution: String,
    pub flows: String,
    /// Per cell (by [`Cell::index`]), per period in range.
    pub bars: Vec<Vec<String>>,
}

impl ChartTexts {
    fn new(
        data: &Dataset,
        periods: &[usize],
        distribution: &[aggregate::GroupPeriod],
        flows: &[aggregate::Transitions],
    ) -> ChartTexts {
        let bars = Cell::ALL
            .iter()
            .map(|&cell| {
                periods
                    .iter()
                    .map(|&p| {
                        let period = data.periods()[p];
                        let row = distribution.iter().find(|r| r.period == period);
                        narrative::bar_text(data, cell, row, period)
                    })
                    .collect()
            })
            .collect();
        ChartTexts {
            distribution: narrative::distribution_text(distribution),
            flows: narrative::flows_text(flows),
            bars,
        }
    }
}

/// The whole window state.
pub struct AppState {
    pub builtin: bool,
    pub files: Vec<LoadedFile>,
    pub data: Dataset,
    pub filter: Filter,
    pub sort: Sort,
    pub view: View,
    pub theme: ThemeChoice,
    /// The period the grade filter's choices are for.
    pub grade_period: Option<Period>,
    /// The two periods the change filter compares.
    pub change_periods: Option<(Period, Period)>,
    /// The force whose profile is shown, by name (names survive reloading data).
    pub selected: Option<String>,
    /// Every selected force, by name; includes `selected`.
    pub selection: Vec<String>,
    pub compare_by: CompareBy,
    /// The groups chosen for comparison (region or ROCU names).
    pub compare_groups: Vec<String>,
    pub map_mode: MapMode,
    pub map_period: Option<Period>,
    /// When playing, the time (seconds) the map last stepped.
    pub map_playing: Option<f64>,
    pub show_profile: bool,
    pub show_sources: bool,
    pub show_about: bool,
    /// Problems from the last file that was rejected.
    pub problems: Vec<Problem>,
    /// A path field is open for this purpose.
    pub path_prompt: Option<PathPrompt>,
    /// Waiting for the user to confirm replacing this file.
    pub confirm_overwrite: Option<(ExportKind, std::path::PathBuf)>,
    /// Background jobs are running.
    pub busy: bool,
    pub notices: Vec<Notice>,
    /// Set when the table should scroll to the selected row.
    pub scroll_to_selected: bool,
    derived: Derived,
    dirty_rows: bool,
    dirty_profile: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(Saved::default())
    }
}

impl AppState {
    /// A state on the built-in data, with saved settings restored.
    pub fn new(saved: Saved) -> AppState {
        let builtin = saved.builtin.unwrap_or(true);
        let mut state = AppState {
            builtin,
            files: Vec::new(),
            data: Dataset::default(),
            filter: saved.filter,
            sort: saved.sort,
            view: saved.view,
            theme: saved.theme,
            grade_period: saved.grade_period,
            change_periods: saved.change_periods,
            selected: None,
            selection: Vec::new(),
            compare_by: saved.compare_by,
            compare_groups: saved.compare_groups,
            map_mode: saved.map_mode,
            map_period: saved.map_period,
            map_playing: None,
            show_profile: false,
            show_sources: false,
            show_about: false,
            problems: Vec::new(),
            path_prompt: None,
            confirm_overwrite: None,
            busy: false,
            notices: Vec::new(),
            scroll_to_selected: false,
            derived: Derived::default(),
            dirty_rows: true,
            dirty_profile: true,
        };
        match state.merge(builtin, None, None) {
            Ok(data) => state.replace_data(data),
            Err(rejected) => state.reject(rejected),
        }
        state
    }

    /// What to save.
    pub fn saved(&self) -> Saved {
        Saved {
            version: Saved::VERSION,
            filter: self.filter.clone(),
            sort: self.sort,
            view: self.view,
            theme: self.theme,
            grade_period: self.grade_period,
            change_periods: self.change_periods,
            builtin: Some(self.builtin),
            compare_by: self.compare_by,
            compare_groups: self.compare_groups.clone(),
            map_mode: self.map_mode,
            map_period: self.map_period,
        }
    }

    /// The derived data, recomputed first if its inputs changed.
    pub fn derived(&mut self) -> &Derived {
        self.refresh();
        &self.derived
    }

    /// The derived data as last computed (call [`AppState::refresh`] first).
    pub fn cached(&self) -> &Derived {
        &self.derived
    }

    /// The selected force's index in the dataset.
    pub fn selected_index(&self) -> Option<usize> {
        self.selected
            .as_deref()
            .and_then(|n| self.data.find_force(n))
    }

    /// The period the grade filter works on: the chosen one, or the latest.
    pub fn grade_period(&self) -> Option<Period> {
        self.grade_period
            .filter(|p| self.data.period_index(*p).is_some())
            .or_else(|| self.data.periods().last().copied())
    }

    /// The period the map shows: the chosen one if it is in range, or the latest in range.
    pub fn map_period(&self) -> Option<Period> {
        let in_range = self.filter.periods(&self.data);
        self.map_period
            .filter(|p| in_range.contains(p))
            .or_else(|| in_range.last().copied())
    }

    /// The periods the change filter compares: the chosen ones, or the last two.
    pub fn change_periods(&self) -> Option<(Period, Period)> {
        let known = |p: Period| self.data.period_index(p).is_some();
        self.change_periods
            .filter(|(a, b)| known(*a) && known(*b))
            .or_else(|| match self.data.periods() {
                [.., a, b] => Some((*a, *b)),
                _ => None,
            })
    }

    /// Merges the built-in data (if on), the loaded files and perhaps one more source.
    /// Nothing is copied; nothing changes unless the merge succeeds.
    fn merge(
        &self,
        builtin: bool,
        skip: Option<usize>,
        extra: Option<&Source>,
    ) -> Result<Dataset, Rejected> {
        let mut sources: Vec<&Source> = Vec::with_capacity(self.files.len() + 2);
        if builtin {
            sources.push(Source::builtin_ref());
        }
        sources.extend(
            self.files
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != skip)
                .map(|(_, f)| &f.source),
        );
        sources.extend(extra);
        Dataset::from_source_refs(&sources)
    }

    fn replace_data(&mut self, data: Dataset) {
        self.data = data;
        self.dirty_rows = true;
        self.dirty_profile = true;
    }

    fn reject(&mut self, rejected: Rejected) {
        let errors = rejected.errors().count();
        self.notices.push(Notice {
            text: format!(
                "{} was not loaded: {errors} error(s). Nothing was changed. See Sources for \
                 each problem.",
                rejected.file
            ),
            is_error: true,
        });
        self.problems = rejected.problems;
        self.show_sources = true;
    }

    /// Warnings from every loaded source.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.files.iter().flat_map(|f| f.source.warnings.iter())
    }

    /// How many warnings the loaded sources have.
    pub fn warning_count(&self) -> usize {
        self.files.iter().map(|f| f.source.warnings.len()).sum()
    }

    /// A short description of the loaded data: "Figure 7, 2015-2017".
    pub fn data_label(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        if self.builtin {
            names.push("Figure 7".into());
        }
        for f in &self.files {
            let name = std::path::Path::new(&f.source.name)
                .file_name()
                .map_or_else(
                    || f.source.name.clone(),
                    |n| n.to_string_lossy().into_owned(),
                );
            names.push(name);
        }
        if names.is_empty() {
            names.push("no data".into());
        }
        let periods = self.data.periods();
        match (periods.first(), periods.last()) {
            (Some(a), Some(b)) if a != b => format!("{}, {a}-{b}", names.join(" + ")),
            (Some(a), _) => format!("{}, {a}", names.join(" + ")),
            _ => names.join(" + "),
        }
    }

    fn toggle(set: &mut std::collections::BTreeSet<String>, value: String) {
        if !set.remove(&value) {
            set.insert(value);
        }
    }

    /// Applies one action: the only place state changes.
    pub fn apply(&mut self, action: Action) {
        let Some(action) = self.apply_to_view(action) else {
            return;
        };
        let mut filter_changed = true;
        match action {
            Action::SetSearch(text) => self.filter.search = text,
            Action::ToggleRegion(r) => Self::toggle(&mut self.filter.regions, r),
            Action::ToggleRocu(r) => Self::toggle(&mut self.filter.rocus, r),
            Action::ToggleCountry(c) => Self::toggle(&mut self.filter.countries, c),
            Action::ToggleGrade(period, cell) => {
                match self.filter.grades.iter_mut().find(|g| g.period == period) {
                    Some(condition) if condition.cells.contains(&cell) => {
                        condition.cells.remove(&cell);
                    }
                    _ => self.filter.add_grade(period, cell),
                }
                self.filter.grades.retain(|g| !g.cells.is_empty());
            }
            Action::ToggleMovement(m) => {
                if !self.filter.movements.remove(&m) {
                    self.filter.movements.insert(m);
                }
            }
            Action::ToggleDirection(d) => {
                if let Some((from, to)) = self.change_periods() {
                    let change = self.filter.change.get_or_insert_with(|| ChangeCondition {
                        from,
                        to,
                        directions: Default::default(),
                        steps: Default::default(),
                    });
                    if (change.from, change.to) != (from, to) {
                        *change = ChangeCondition {
                            from,
                            to,
                            directions: Default::default(),
                            steps: Default::default(),
                        };
                    }
                    if !change.directions.remove(&d) {
                        change.directions.insert(d);
                    }
                    if change.is_empty() {
                        self.filter.change = None;
                    }
                }
            }
            Action::SetChangePeriods(from, to) => {
                self.change_periods = Some((from, to));
                if let Some(change) = &mut self.filter.change {
                    change.from = from;
                    change.to = to;
                }
            }
            Action::ToggleMapPlay(now) => {
                self.map_playing = match self.map_playing {
                    Some(_) => None,
                    None => Some(now),
                };
                filter_changed = false;
            }
            Action::MapTick(now) => {
                filter_changed = false;
                if let Some(since) = self.map_playing
                    && now - since >= PLAY_STEP
                {
                    let periods = self.filter.periods(&self.data);
                    let next = self
                        .map_period()
                        .and_then(|p| periods.iter().position(|q| *q == p))
                        .map_or(0, |i| (i + 1) % periods.len().max(1));
                    if let Some(&p) = periods.get(next) {
                        self.map_period = Some(p);
                    }
                    self.map_playing = Some(now);
                }
            }
            Action::SetSince(p) => self.filter.since = p,
            Action::SetUntil(p) => self.filter.until = p,
            Action::SetMembership(m) => {
                self.filter.rocu_membership = m;
                // ROCU names differ between the two rules (Titan / NWROCU).
                let names = self.data.rocus(m);
                self.filter.rocus.retain(|r| names.contains(&r.as_str()));
            }
            Action::SetGradePeriod(p) => {
                // The grade counts are for this period: recount.
                self.grade_period = Some(p);
            }
            Action::ClearFacet(facet) => self.filter.clear(facet),
            Action::ClearAll => {
                let membership = self.filter.rocu_membership;
                self.filter = Filter {
                    rocu_membership: membership,
                    ..Filter::default()
                };
            }
            Action::SortBy(key) => {
                if self.sort.key == key {
                    self.sort.descending = !self.sort.descending;
                } else {
                    self.sort = Sort {
                        key,
                        descending: false,
                    };
                }
                filter_changed = false;
                self.dirty_rows = true;
            }
            Action::Select(name) => {
                filter_changed = false;
                if name.is_some() {
                    self.show_profile = true;
                    self.scroll_to_selected = true;
                }
                self.selection = name.iter().cloned().collect();
                self.selected = name;
                self.dirty_selection();
            }
            Action::ToggleSelect(name) => {
                filter_changed = false;
                if let Some(i) = self.selection.iter().position(|n| *n == name) {
                    self.selection.remove(i);
                    self.selected = self.selection.last().cloned();
                } else {
                    self.selection.push(name.clone());
                    self.selected = Some(name);
                }
                self.dirty_selection();
            }
            Action::SelectMany(names) => {
                filter_changed = false;
                self.selected = names.first().cloned();
                self.selection = names;
                self.dirty_selection();
            }
            Action::FilterStep { from, to, step } => {
                let same = self.filter.change.as_ref().is_some_and(|c| {
                    (c.from, c.to) == (from, to)
                        && c.directions.is_empty()
                        && c.steps == [step].into()
                });
                self.filter.change = (!same).then(|| ChangeCondition {
                    from,
                    to,
                    directions: Default::default(),
                    steps: [step].into(),
                });
                self.change_periods = Some((from, to));
                // Show the forces the cell stands for.
                self.view = View::Table;
            }
            Action::SetCompareBy(by) => {
                self.compare_by = by;
                self.compare_groups.clear();
            }
            Action::ToggleCompareGroup(name) => {
                if let Some(i) = self.compare_groups.iter().position(|g| *g == name) {
                    self.compare_groups.remove(i);
                } else {
                    self.compare_groups.push(name);
                }
            }
            Action::MoveSelection(delta) => {
                filter_changed = false;
                self.refresh();
                let rows = &self.derived.rows;
                if !rows.is_empty() {
                    let current = self
                        .selected_index()
                        .and_then(|f| rows.iter().position(|&r| r == f));
                    let next = match current {
                        Some(i) => i.saturating_add_signed(delta).min(rows.len() - 1),
                        None if delta < 0 => rows.len() - 1,
                        None => 0,
                    };
                    let name = self.data.force(rows[next]).name.clone();
                    self.selection = vec![name.clone()];
                    self.selected = Some(name);
                    self.scroll_to_selected = true;
                    self.dirty_selection();
                }
            }
            Action::SetBuiltin(on) => match self.merge(on, None, None) {
                Ok(data) => {
                    self.builtin = on;
                    self.replace_data(data);
                }
                Err(rejected) => self.reject(rejected),
            },
            Action::AddSource(source) => {
                let name = source.name.clone();
                // Loading a file again replaces the earlier copy.
                let earlier = self.files.iter().position(|f| f.source.name == name);
                match self.merge(self.builtin, earlier, Some(&source)) {
                    Ok(data) => {
                        if let Some(i) = earlier {
                            self.files.remove(i);
                        }
                        self.files.push(LoadedFile { source });
                        self.replace_data(data);
                        self.problems.clear();
                        self.notices.push(Notice {
                            text: format!("Loaded {name}."),
                            is_error: false,
                        });
                    }
                    Err(rejected) => self.reject(rejected),
                }
            }
            Action::RemoveSource(i) => {
                if i < self.files.len() {
                    match self.merge(self.builtin, Some(i), None) {
                        Ok(data) => {
                            self.files.remove(i);
                            self.replace_data(data);
                        }
                        Err(rejected) => self.reject(rejected),
                    }
                }
            }
            // Handled by `apply_to_view`.
            _ => filter_changed = false,
        }
        if filter_changed {
            self.dirty_rows = true;
            self.dirty_profile = true;
        }
    }

    /// The selection changed: the profile, and charts of the selected forces, follow it.
    fn dirty_selection(&mut self) {
        self.dirty_profile = true;
        if self.compare_by == CompareBy::Selection {
            self.dirty_rows = true;
        }
    }

    /// Actions that change only what is shown, not the data or the filter: nothing to
    /// recompute. Returns any other action for [`AppState::apply`].
    fn apply_to_view(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::ShowProfile(show) => self.show_profile = show,
            Action::SetView(view) => self.view = view,
            Action::SetTheme(theme) => self.theme = theme,
            Action::ShowSources(show) => self.show_sources = show,
            Action::ShowAbout(show) => self.show_about = show,
            Action::SetMapMode(mode) => self.map_mode = mode,
            Action::SetMapPeriod(p) => self.map_period = Some(p),
            Action::Rejected(rejected) => self.reject(rejected),
            Action::DismissNotice => self.notices.clear(),
            Action::Notify(text, is_error) => self.notices.push(Notice { text, is_error }),
            Action::ShowPathPrompt(prompt) => self.path_prompt = prompt,
            Action::AskOverwrite(target) => self.confirm_overwrite = target,
            Action::SetBusy(busy) => self.busy = busy,
            Action::Command(_) => {}
            other => return Some(other),
        }
        None
    }

    /// Clears what lasts one frame only.
    pub fn end_frame(&mut self) {
        self.scroll_to_selected = false;
    }

    /// Recomputes derived data whose inputs changed.
    pub fn refresh(&mut self) {
        if self.dirty_rows {
            self.recompute_rows();
            self.dirty_rows = false;
            self.dirty_profile = true;
        }
        if self.dirty_profile {
            self.derived.selected = self.selected_index();
            self.derived.profile = self.derived.selected.map(|f| self.profile(f));
            self.derived.selection = self
                .selection
                .iter()
                .filter_map(|n| self.data.find_force(n))
                .collect();
            self.dirty_profile = false;
        }
    }

    fn recompute_rows(&mut self) {
        let data = &self.data;
        let filter = &self.filter;
        let periods = filter.period_indices(data);
        let n = data.forces().len();
        let movements: Vec<Movement> = (0..n).map(|f| filter.movement(data, f, &periods)).collect();
        // One pass: which facets each force fails. A force is shown when it fails none;
        // a facet's choices are counted over forces that fail nothing else.
        let failures: Vec<u8> = movements
            .iter()
            .enumerate()
            .map(|(f, m)| filter.failures(data, f, &periods, *m))
            .collect();
        let passes_except = |f: usize, facet: Facet| failures[f] & !facet.bit() == 0;
        let mut rows: Vec<usize> = (0..n).filter(|&f| failures[f] == 0).collect();
        sort_rows(
            data,
            &movements,
            self.sort,
            filter.rocu_membership,
            &periods,
            &mut rows,
        );

        let mut counts = FacetCounts::default();
        // Counted by borrowed name, turned into owned keys once at the end.
        let mut regions: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut countries: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut rocus: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let grade_period = self.grade_period();
        let change_periods = self.change_periods();
        let grade_index = grade_period.and_then(|p| data.period_index(p));
        let change_index =
            change_periods.and_then(|(a, b)| Some((data.period_index(a)?, data.period_index(b)?)));
        for (f, movement) in movements.iter().enumerate() {
            let force = data.force(f);
            if passes_except(f, Facet::Region) {
                let region = force.region().unwrap_or(aggregate::NO_REGION);
                *regions.entry(region).or_default() += 1;
            }
            if passes_except(f, Facet::Country)
                && let Some(c) = force.country()
            {
                *countries.entry(c).or_default() += 1;
            }
            if passes_except(f, Facet::Rocu) && force.info.is_some() {
                let mut seen: Vec<&str> = Vec::new();
                for &p in &periods {
                    if let Some(r) = force.rocu_at(data.periods()[p], filter.rocu_membership)
                        && !seen.contains(&r)
                    {
                        seen.push(r);
                        *rocus.entry(r).or_default() += 1;
                    }
                }
            }
            if passes_except(f, Facet::Grade)
                && let Some(cell) = grade_index.and_then(|p| data.cell(f, p))
            {
                *counts.grades.entry(cell).or_default() += 1;
            }
            if let Some((a, b)) = change_index
                && passes_except(f, Facet::Change)
                && let (Some(x), Some(y)) = (data.cell(f, a), data.cell(f, b))
                && let Some(d) = Direction::between(x, y)
            {
                *counts.changes.entry(d).or_default() += 1;
            }
            if passes_except(f, Facet::Movement) {
                *counts.movements.entry(*movement).or_default() += 1;
            }
        }
        let owned = |m: rustc_hash::FxHashMap<&str, usize>| {
            m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        };
        counts.regions = owned(regions);
        counts.countries = owned(countries);
        counts.rocus = owned(rocus);
        let distribution = aggregate::distribution(
            data,
            &rows,
            &periods,
            Grouping::National,
            filter.rocu_membership,
        );
        let flows = aggregate::flows(data, &rows, &periods);
        let transition = change_index.map(|(from, to)| {
            let ignoring_change: Vec<usize> = (0..n)
                .filter(|&f| passes_except(f, Facet::Change))
                .collect();
            aggregate::transitions(data, &ignoring_change, from, to)
        });
        let compare = aggregate::compare(
            data,
            &rows,
            &periods,
            &self.compare_groups(),
            filter.rocu_membership,
        );
        let mut shown = vec![false; n];
        for &f in &rows {
            shown[f] = true;
        }
        let texts = ChartTexts::new(data, &periods, &distribution, &flows);
        self.derived = Derived {
            rows,
            shown,
            periods,
            movements,
            counts,
            profile: None,
            selection: Vec::new(),
            selected: None,
            distribution,
            flows,
            transition,
            compare,
            texts,
            recomputed: self.derived.recomputed + 1,
        };
    }

    /// The groups the Compare view shows: the England and Wales baseline, then each chosen
    /// region or ROCU (in the order chosen), or the selected forces.
    pub fn compare_groups(&self) -> Vec<aggregate::GroupDef> {
        let mut groups = vec![aggregate::GroupDef::baseline()];
        match self.compare_by {
            CompareBy::Region => {
                groups.extend(self.compare_groups.iter().map(|g| aggregate::GroupDef {
                    name: g.clone(),
                    kind: aggregate::GroupKind::Region(g.clone()),
                }))
            }
            CompareBy::Rocu => {
                groups.extend(self.compare_groups.iter().map(|g| aggregate::GroupDef {
                    name: g.clone(),
                    kind: aggregate::GroupKind::Rocu(g.clone()),
                }))
            }
            CompareBy::Selection => {
                let forces: Vec<usize> = self
                    .selection
                    .iter()
                    .filter_map(|n| self.data.find_force(n))
                    .collect();
                if !forces.is_empty() {
                    groups.push(aggregate::GroupDef {
                        name: format!("Selected forces ({})", forces.len()),
                        kind: aggregate::GroupKind::Forces(forces),
                    });
                }
            }
        }
        groups
    }

    fn profile(&self, force: usize) -> Profile {
        let data = &self.data;
        let periods = &self.derived.periods;
        let membership = self.filter.rocu_membership;
        let latest = periods.last().map(|&p| data.periods()[p]);
        let all: Vec<usize> = (0..data.forces().len()).collect();
        Profile {
            force,
            summary: narrative::force_summary(data, force, periods, membership),
            region: narrative::region_peers(data, force),
            rocu: latest.and_then(|p| narrative::rocu_peers(data, force, p, membership)),
            national: aggregate::distribution(data, &all, periods, Grouping::National, membership),
        }
    }
}

/// Sorts force indices by a column. Grade columns run best first ("not graded" and missing
/// last); descending reverses the column's order, and ties always go by force name.
pub fn sort_rows(
    data: &Dataset,
    movements: &[Movement],
    sort: Sort,
    membership: RocuMembership,
    periods: &[usize],
    rows: &mut [usize],
) {
    use std::cmp::Ordering;
    let latest = periods.last().map(|&p| data.periods()[p]);
    let grade_column = match sort.key {
        SortKey::Period(period) => data.period_index(period),
        _ => None,
    };
    // Blanks (no region, no ROCU, no grade) sort last in either direction.
    let blanks_last = |a: Option<&str>, b: Option<&str>, desc: bool| match (a, b) {
        (Some(x), Some(y)) if desc => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
        (a, b) => a.is_none().cmp(&b.is_none()),
    };
    let primary = |a: usize, b: usize| -> Ordering {
        let d = sort.descending;
        match sort.key {
            SortKey::Force if d => b.cmp(&a),
            SortKey::Force => Ordering::Equal,
            SortKey::Region => blanks_last(data.force(a).region(), data.force(b).region(), d),
            SortKey::Rocu => {
                let r = |f: usize| latest.and_then(|p| data.force(f).rocu_at(p, membership));
                blanks_last(r(a), r(b), d)
            }
            SortKey::Period(_) => {
                let rank = |f: usize| grade_column.and_then(|p| data.cell(f, p)).map(Cell::index);
                match (rank(a), rank(b)) {
                    (Some(x), Some(y)) if d => y.cmp(&x),
                    (Some(x), Some(y)) => x.cmp(&y),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                }
            }
            SortKey::Movement if d => movements[b].cmp(&movements[a]),
            SortKey::Movement => movements[a].cmp(&movements[b]),
        }
    };
    // Forces are stored in name order, so the index breaks ties by name.
    rows.sort_by(|&a, &b| primary(a, b).then(a.cmp(&b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Grade;

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
        assert_eq!(s.data_label(), "Figure 7, 2015-2017");
    }

    #[test]
    fn derived_data_is_cached_until_inputs_change() {
        let mut s = AppState::default();
        let first = s.derived().recomputed;
        s.refresh();
        s.refresh();
        assert_eq!(s.cached().recomputed, first);
        s.apply(Action::ShowAbout(true));
        assert_eq!(s.derived().recomputed, first);
        s.apply(Action::ToggleRegion("Wales".into()));
        assert_eq!(s.derived().recomputed, first + 1);
        assert_eq!(s.cached().rows.len(), 4);
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
        assert_eq!(s.filter.change, None);
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
        assert_eq!(s.selected.as_deref(), Some("Dyfed-Powys"));
        s.apply(Action::MoveSelection(1));
        assert_eq!(s.selected.as_deref(), Some("Gwent"));
        s.apply(Action::MoveSelection(10));
        assert_eq!(s.selected.as_deref(), Some("South Wales"));
        s.apply(Action::MoveSelection(-1));
        assert_eq!(s.selected.as_deref(), Some("North Wales"));
    }

    #[test]
    fn a_conflicting_file_changes_nothing() {
        let mut s = AppState::default();
        let bad = crate::core::parse_source("x.csv", b"force,2016\nKent,Inadequate\n").unwrap();
        s.apply(Action::AddSource(bad));
        assert!(s.files.is_empty());
        assert_eq!(s.data, Dataset::figure7());
        assert_eq!(s.problems.len(), 1);
        assert!(s.notices[0].is_error);
        assert!(s.notices[0].text.contains("x.csv was not loaded"));
    }

    #[test]
    fn files_load_remove_and_builtin_switches_off() {
        let mut s = AppState::default();
        let extra =
            crate::core::parse_source("later.csv", b"force,year,grade\nKent,2021/22,Adequate\n")
                .unwrap();
        s.apply(Action::AddSource(extra));
        assert_eq!(s.data.periods().len(), 4);
        assert_eq!(s.data_label(), "Figure 7 + later.csv, 2015-2021/22");
        s.apply(Action::SetBuiltin(false));
        assert_eq!(s.data.forces().len(), 1);
        assert_eq!(s.derived().rows.len(), 1);
        s.apply(Action::RemoveSource(0));
        assert!(s.data.forces().is_empty());
        assert!(s.derived().rows.is_empty());
        s.apply(Action::SetBuiltin(true));
        assert_eq!(s.derived().rows.len(), 43);
        assert!(!s.data_label().contains(crate::core::import::BUILTIN_NAME));
    }

    #[test]
    fn saved_state_round_trips() {
        let mut s = AppState::default();
        s.apply(Action::ToggleRegion("Wales".into()));
        s.apply(Action::SortBy(SortKey::Movement));
        s.apply(Action::SetTheme(ThemeChoice::Dark));
        let restored = AppState::new(s.saved());
        assert_eq!(restored.filter, s.filter);
        assert_eq!(restored.sort, s.sort);
        assert_eq!(restored.theme, ThemeChoice::Dark);
    }
}
