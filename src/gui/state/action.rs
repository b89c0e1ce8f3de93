//! Everything that changes the state, and [`AppState::apply`], the one place it changes.
//!
//! Each action says once, in [`Action::invalidates`], which derived data it makes stale.

use std::path::PathBuf;

use super::derived::Invalidates;
use super::settings::{CompareBy, MapMode, ThemeChoice, View};
use super::{AppState, GroupAction, LoadedFile, Notice};
use crate::core::filter::Facet;
use crate::core::sort::SortKey;
use crate::core::{
    Cell, ChangeCondition, Direction, Filter, Movement, MovementRule, Period, Rejected,
    RocuMembership, Source,
};
use crate::gui::chart::{Chart, ExportKind};

/// Seconds between periods while the map plays.
pub const PLAY_STEP: f64 = 1.2;

/// Something only the app can do (dialogs, files, the clipboard): views ask for it with
/// [`Action::Command`], and the app carries it out off the UI thread where it can.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the open dialog.
    OpenDialog,
    /// Load these files (a path field, files dropped on the window).
    OpenPaths(Vec<PathBuf>),
    /// Ask where to save, then write.
    Export(ExportKind),
    /// Write to this path (asking first if it exists).
    ExportTo(ExportKind, PathBuf),
    /// Answer to "replace the existing file?".
    ConfirmOverwrite(bool),
    /// Copy the table, as shown, as tab-separated text.
    CopyTable,
    /// Copy a chart's picture (as saved as PNG) to the clipboard.
    CopyPicture(Chart),
    /// Show the open dialog for a groups file.
    OpenGroups,
    /// Read the groups in this file.
    OpenGroupsPath(PathBuf),
}

/// What a path field is for, when no dialog can be shown (or the user prefers typing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPrompt {
    Open,
    OpenGroups,
    Save(ExportKind),
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
    /// How movement is read (across the change of scale; carried-over grades).
    SetMovementRule(MovementRule),
    SetGradePeriod(Period),
    /// Show only forces with a grade not in the record (or stop).
    SetGapsOnly(bool),
    /// Which areas a briefing's scorecard covers.
    SetScorecard(crate::core::brief::ScorecardAreas),
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
    /// A change to the user's own groups of forces.
    Group(GroupAction),
    /// A change to My grades, or to the form that adds one.
    Mine(super::MineAction),
    ShowGroups(bool),
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
    /// Show this area's grades in every view.
    SetArea(String),
    AddSource(Source),
    /// Files read together (a dialog, a drop, the command line): each loaded or rejected,
    /// and every outcome reported.
    LoadBatch(Vec<Result<Source, Rejected>>),
    /// A file that could not be loaded: show its problems, change nothing else.
    Rejected(Rejected),
    RemoveSource(usize),
    DismissNotice,
    /// Forget the problems of the files that were not loaded.
    DismissProblems,
    /// Tell the user something (an error if the flag is set).
    Notify(String, bool),
    ShowPathPrompt(Option<PathPrompt>),
    /// Ask before replacing an existing file (or stop asking).
    AskOverwrite(Option<(ExportKind, PathBuf)>),
    /// Whether background jobs are running (for the status line).
    SetBusy(bool),
    /// Handled by the app, never by [`AppState::apply`].
    Command(Command),
}

impl Action {
    /// Which derived data this action makes stale: the one decision a new action needs.
    pub fn invalidates(&self) -> Invalidates {
        use Action::*;
        match self {
            // The data, the filter, the sort, or a period the counts are for.
            SetSearch(_)
            | ToggleRegion(_)
            | ToggleRocu(_)
            | ToggleCountry(_)
            | ToggleGrade(..)
            | ToggleMovement(_)
            | ToggleDirection(_)
            | SetChangePeriods(..)
            | SetSince(_)
            | SetUntil(_)
            | SetMembership(_)
            | SetMovementRule(_)
            | SetGradePeriod(_)
            | SetGapsOnly(_)
            | ClearFacet(_)
            | ClearAll
            | SortBy(_)
            | FilterStep { .. }
            | SetBuiltin(_)
            | SetArea(_)
            | AddSource(_)
            | LoadBatch(_)
            | RemoveSource(_)
            | Group(_) => Invalidates::Rows,
            Mine(m) if m.changes_grades() => Invalidates::Rows,
            Mine(_) => Invalidates::Nothing,
            // The selection, or the groups compared beside the baseline.
            Select(_)
            | ToggleSelect(_)
            | SelectMany(_)
            | MoveSelection(_)
            | SetCompareBy(_)
            | ToggleCompareGroup(_) => Invalidates::Selection,
            // What the map shows.
            SetMapMode(_) | SetMapPeriod(_) | MapTick(_) => Invalidates::Map,
            // Only what is on screen, not what is computed.
            ToggleMapPlay(_) | ShowProfile(_) | SetView(_) | SetTheme(_) | ShowSources(_)
            | ShowAbout(_) | ShowGroups(_) | SetScorecard(_) | Rejected(_) | DismissNotice
            | DismissProblems | Notify(..) | ShowPathPrompt(_) | AskOverwrite(_) | SetBusy(_)
            | Command(_) => Invalidates::Nothing,
        }
    }
}

impl AppState {
    /// Applies one action: the only place state changes.
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per action, read as a table; the arms that do more call methods"
    )]
    pub fn apply(&mut self, action: Action) {
        self.stale = self.stale.max(action.invalidates());
        let s = &mut self.settings;
        match action {
            Action::SetSearch(text) => s.filter.search = text,
            Action::ToggleRegion(r) => toggle(&mut s.filter.regions, r),
            Action::ToggleRocu(r) => toggle(&mut s.filter.rocus, r),
            Action::ToggleCountry(c) => toggle(&mut s.filter.countries, c),
            Action::ToggleGrade(period, cell) => {
                match s.filter.grades.iter_mut().find(|g| g.period == period) {
                    Some(condition) if condition.cells.contains(&cell) => {
                        condition.cells.remove(&cell);
                    }
                    _ => s.filter.add_grade(period, cell),
                }
                s.filter.grades.retain(|g| !g.cells.is_empty());
            }
            Action::ToggleMovement(m) => toggle(&mut s.filter.movements, m),
            Action::SetGapsOnly(on) => s.filter.not_in_record = on,
            Action::SetScorecard(which) => s.scorecard = which,
            Action::ToggleDirection(d) => {
                if let Some((from, to)) = self.change_periods() {
                    let filter = &mut self.settings.filter;
                    let change = filter
                        .change
                        .take()
                        .filter(|c| (c.from, c.to) == (from, to))
                        .unwrap_or_else(|| ChangeCondition::between(from, to));
                    let mut change = change;
                    toggle(&mut change.directions, d);
                    filter.change = (!change.is_empty()).then_some(change);
                }
            }
            Action::SetChangePeriods(from, to) => {
                s.change_periods_choice = Some((from, to));
                if let Some(change) = &mut s.filter.change {
                    change.from = from;
                    change.to = to;
                }
            }
            Action::ToggleMapPlay(now) => {
                self.map_playing = match self.map_playing {
                    Some(_) => None,
                    None => Some(now),
                };
            }
            Action::MapTick(now) => {
                if let Some(since) = self.map_playing
                    && now - since >= PLAY_STEP
                {
                    let periods = self.settings.filter.periods(&self.data);
                    let next = self
                        .map_period()
                        .and_then(|p| periods.iter().position(|q| *q == p))
                        .map_or(0, |i| (i + 1) % periods.len().max(1));
                    if let Some(&p) = periods.get(next) {
                        self.settings.map_period_choice = Some(p);
                    }
                    self.map_playing = Some(now);
                }
            }
            Action::SetSince(p) => s.filter.since = p,
            Action::SetUntil(p) => s.filter.until = p,
            Action::SetMembership(m) => {
                s.filter.rocu_membership = m;
                // ROCU names differ between the two rules (Titan / NWROCU).
                let names = self.data.rocus(m);
                s.filter.rocus.retain(|r| names.contains(&r.as_str()));
            }
            Action::SetMovementRule(rule) => s.filter.movement_rule = rule,
            Action::SetGradePeriod(p) => s.grade_period_choice = Some(p),
            Action::ClearFacet(facet) => s.filter.clear(facet),
            Action::ClearAll => {
                s.filter = Filter {
                    rocu_membership: s.filter.rocu_membership,
                    ..Filter::default()
                };
            }
            Action::SortBy(key) => s.sort = s.sort.clicked(key),
            Action::Select(name) => {
                if name.is_some() {
                    self.show_profile = true;
                    self.scroll_to_selected = true;
                }
                self.selection.set(name.into_iter().collect());
            }
            Action::ToggleSelect(name) => self.selection.toggle(name),
            Action::SelectMany(names) => self.selection.set(names),
            Action::FilterStep { from, to, step } => {
                let same = s.filter.change.as_ref().is_some_and(|c| {
                    (c.from, c.to) == (from, to)
                        && c.directions.is_empty()
                        && c.steps == [step].into()
                });
                s.filter.change = (!same).then(|| ChangeCondition {
                    steps: [step].into(),
                    ..ChangeCondition::between(from, to)
                });
                s.change_periods_choice = Some((from, to));
                // Show the forces the cell stands for.
                s.view = View::Table;
            }
            Action::SetCompareBy(by) => {
                s.compare_by = by;
                s.compare_groups.clear();
            }
            Action::ToggleCompareGroup(name) => {
                if let Some(i) = s.compare_groups.iter().position(|g| *g == name) {
                    s.compare_groups.remove(i);
                } else {
                    s.compare_groups.push(name);
                }
            }
            Action::MoveSelection(delta) => {
                self.refresh();
                let rows = &self.derived.rows;
                if !rows.is_empty() {
                    let current = self
                        .derived
                        .focus
                        .and_then(|f| rows.iter().position(|&r| r == f));
                    let next = match current {
                        Some(i) => i.saturating_add_signed(delta).min(rows.len() - 1),
                        None if delta < 0 => rows.len() - 1,
                        None => 0,
                    };
                    let name = self.data.force(rows[next]).name.clone();
                    self.selection.set(vec![name]);
                    self.scroll_to_selected = true;
                    // The refresh above cleared the flag this action raised.
                    self.stale = self.stale.max(Invalidates::Selection);
                }
            }
            Action::SetBuiltin(on) => match self.merge(on, None, None) {
                Ok(grades) => {
                    self.settings.builtin = on;
                    self.use_grades(grades);
                }
                Err(rejected) => self.reject(rejected),
            },
            Action::AddSource(source) => self.load_batch(vec![Ok(source)]),
            Action::LoadBatch(results) => self.load_batch(results),
            Action::RemoveSource(i) => {
                if i < self.files.len() {
                    match self.merge(self.settings.builtin, Some(i), None) {
                        Ok(grades) => {
                            let gone = self.files.remove(i);
                            self.settings.open_files.retain(|p| *p != gone.source.name);
                            self.use_grades(grades);
                        }
                        Err(rejected) => self.reject(rejected),
                    }
                }
            }
            Action::SetArea(area) => {
                self.settings.area_choice = Some(area);
                self.show_area();
                // A range that would show nothing of the new area is let go.
                if self.settings.filter.period_indices(&self.data).is_empty() {
                    self.settings.filter.since = None;
                    self.settings.filter.until = None;
                }
            }
            Action::ShowProfile(show) => self.show_profile = show,
            Action::SetView(view) => s.view = view,
            Action::SetTheme(theme) => s.theme = theme,
            Action::ShowSources(show) => self.show_sources = show,
            Action::ShowAbout(show) => self.show_about = show,
            Action::ShowGroups(show) => self.show_groups = show,
            Action::Group(g) => self.apply_group(g),
            Action::Mine(m) => self.apply_mine(m),
            Action::SetMapMode(mode) => s.map_mode = mode,
            Action::SetMapPeriod(p) => s.map_period_choice = Some(p),
            Action::Rejected(rejected) => self.reject(rejected),
            Action::DismissNotice => self.notices.clear(),
            Action::DismissProblems => self.problems.clear(),
            Action::Notify(text, is_error) => self.notify(text, is_error),
            Action::ShowPathPrompt(prompt) => self.path_prompt = prompt,
            Action::AskOverwrite(target) => self.confirm_overwrite = target,
            Action::SetBusy(busy) => self.busy = busy,
            Action::Command(_) => {}
        }
    }

    /// Loads each source that merges, in order; reports every file's outcome in one
    /// notice, and keeps the problems of every file that was not loaded for Sources. A
    /// rejection is never hidden by a later file's success.
    fn load_batch(&mut self, results: Vec<Result<Source, Rejected>>) {
        let mut loaded: Vec<String> = Vec::new();
        let mut rejected: Vec<Rejected> = Vec::new();
        for result in results {
            match result.and_then(|source| self.add_source(source)) {
                Ok(name) => loaded.push(name),
                Err(r) => rejected.push(r),
            }
        }
        let mut parts: Vec<String> = Vec::new();
        if !loaded.is_empty() {
            parts.push(format!("Loaded {}.", loaded.join(", ")));
            // A file with grades beyond Figure 7's years in the area on screen: the
            // window's opening range would hide them, so it is let go.
            if self.settings.filter.is_figure7_range() && self.files_reach_beyond_range() {
                self.settings.filter.since = None;
                self.settings.filter.until = None;
            }
            let differing = self.differences.len();
            if differing > 0 {
                parts.push(format!(
                    "{differing} grade(s) differ from the published record: each is marked \
                     in the table and listed in Sources."
                ));
            }
        }
        for r in &rejected {
            parts.push(format!(
                "{} was not loaded: {} error(s).",
                r.file,
                r.errors().count()
            ));
        }
        if rejected.is_empty() {
            self.problems.clear();
        } else {
            parts.push("Nothing else was changed. See Sources for each problem.".into());
            self.problems = rejected.iter().flat_map(|r| r.problems.clone()).collect();
            for r in &rejected {
                // A file that cannot be loaded is not offered again at the next start.
                self.settings.open_files.retain(|p| *p != r.file);
            }
            self.show_sources = true;
        }
        if !parts.is_empty() {
            self.notify(parts.join(" "), !rejected.is_empty());
        }
    }

    /// Whether a loaded file grades the area on screen in a period outside the range.
    fn files_reach_beyond_range(&self) -> bool {
        let area = self.data.area();
        self.files.iter().any(|f| {
            let s = &f.source;
            s.records.iter().any(|r| {
                s.areas[r.area as usize] == area && !self.settings.filter.in_range(r.period)
            })
        })
    }

    /// Merges one more source (replacing an earlier copy of the same file); its name, or
    /// why it was not loaded (nothing then changes).
    fn add_source(&mut self, source: Source) -> Result<String, Rejected> {
        let name = source.name.clone();
        let earlier = self.files.iter().position(|f| f.source.name == name);
        let grades = self.merge(self.settings.builtin, earlier, Some(&source))?;
        if let Some(i) = earlier {
            self.files.remove(i);
        }
        if name != crate::core::import::BUILTIN_NAME {
            self.settings.file_loaded(&name);
        }
        self.files.push(LoadedFile { source });
        self.use_grades(grades);
        Ok(name)
    }

    pub(super) fn notify(&mut self, text: String, is_error: bool) {
        self.notices.push(Notice { text, is_error });
    }

    /// A file was not loaded: say so, keep its problems for the Sources window.
    pub(super) fn reject(&mut self, rejected: Rejected) {
        let errors = rejected.errors().count();
        self.notify(
            format!(
                "{} was not loaded: {errors} error(s). Nothing was changed. See Sources for \
                 each problem.",
                rejected.file
            ),
            true,
        );
        // A file that cannot be loaded is not offered again at the next start.
        self.settings.open_files.retain(|p| *p != rejected.file);
        self.problems = rejected.problems;
        self.show_sources = true;
    }
}

/// Adds `value` to a set, or takes it out if it is there.
fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, value: T) {
    if !set.remove(&value) {
        set.insert(value);
    }
}
