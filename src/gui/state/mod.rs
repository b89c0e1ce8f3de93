//! The window's state: the user's settings, the loaded data, the selection and what is on
//! screen ([`AppState`]); the actions that change it and the one [`AppState::apply`]
//! ([`action`]); and the derived data it caches ([`derived`]).
//!
//! Views read [`AppState`] and push [`Action`]s. Each action says which derived data it
//! makes stale, and [`AppState::refresh`] recomputes only that.

pub mod action;
pub mod derived;
pub mod groups;
pub mod mine;
pub mod settings;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use crate::core::facets::FacetCounts;
pub use action::{Action, Command, PLAY_STEP, PathPrompt};
pub use derived::{Derived, Invalidates, Profile, Scorecard, Trajectories};
pub use groups::GroupAction;
pub use mine::{GradeForm, Mine, MineAction};
pub use settings::{CompareBy, MapMode, Settings, ThemeChoice, View};

pub use crate::core::sort::{Sort, SortKey};
use crate::core::{Dataset, Filter, Grades, Period, Problem, Rejected, Source};
use crate::gui::chart::ExportKind;

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

/// The selected forces, by name (names survive reloading data), in the order selected;
/// one of them, the focus, is the force whose profile is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    names: Vec<String>,
    /// Index into `names`; meaningful only when `names` is not empty.
    focus: usize,
}

impl Selection {
    /// Every selected force, in the order selected.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The force whose profile is shown.
    pub fn focus(&self) -> Option<&str> {
        self.names.get(self.focus).map(String::as_str)
    }

    /// Selects these forces, focusing the first.
    fn set(&mut self, names: Vec<String>) {
        self.names = names;
        self.focus = 0;
    }

    /// Adds a force and focuses it, or takes it out and focuses the last one left.
    fn toggle(&mut self, name: String) {
        if let Some(i) = self.names.iter().position(|n| *n == name) {
            self.names.remove(i);
        } else {
            self.names.push(name);
        }
        self.focus = self.names.len().saturating_sub(1);
    }
}

/// The whole window state.
pub struct AppState {
    /// The choices that are saved between runs.
    pub settings: Settings,
    pub files: Vec<LoadedFile>,
    /// Every area's grades.
    pub grades: Grades,
    /// The grades of the area on screen.
    pub data: Dataset,
    pub selection: Selection,
    /// When playing, the time (seconds) the map last stepped.
    pub map_playing: Option<f64>,
    pub show_profile: bool,
    pub show_sources: bool,
    pub show_about: bool,
    /// The window where the user's groups are made and edited.
    pub show_groups: bool,
    /// Problems from the last file that was rejected.
    pub problems: Vec<Problem>,
    /// Each grade of a loaded file that differs from the published record (worked out
    /// when the grades are merged).
    pub differences: Vec<Problem>,
    /// A path field is open for this purpose.
    pub path_prompt: Option<PathPrompt>,
    /// Waiting for the user to confirm replacing this file.
    pub confirm_overwrite: Option<(ExportKind, PathBuf)>,
    /// Background jobs are running.
    pub busy: bool,
    pub notices: Vec<Notice>,
    /// Set when the table should scroll to the selected row.
    pub scroll_to_selected: bool,
    /// The user's own grades (My grades) and their form.
    pub mine: Mine,
    derived: Derived,
    /// Counts changes of `data`, so work that depends on the data alone is redone only
    /// when it changes.
    data_version: u64,
    /// What the actions applied since the last refresh made stale.
    stale: Invalidates,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(Settings::default())
    }
}

impl AppState {
    /// A state on the built-in data (unless the settings switch it off), with saved
    /// settings restored.
    pub fn new(settings: Settings) -> AppState {
        let mut state = AppState {
            settings,
            files: Vec::new(),
            grades: Grades::default(),
            data: Dataset::default(),
            selection: Selection::default(),
            map_playing: None,
            show_profile: false,
            show_sources: false,
            show_about: false,
            show_groups: false,
            problems: Vec::new(),
            differences: Vec::new(),
            path_prompt: None,
            confirm_overwrite: None,
            busy: false,
            notices: Vec::new(),
            scroll_to_selected: false,
            mine: Mine::default(),
            derived: Derived::default(),
            data_version: 0,
            stale: Invalidates::Rows,
        };
        state.apply(Action::SetBuiltin(state.settings.builtin));
        state
    }

    /// A state on grades already merged (the command line's), showing `area` (or the
    /// default one) under `filter`: what a chart picture is drawn from outside the window.
    pub fn on_grades(grades: Grades, area: &str, filter: Filter) -> AppState {
        let settings = Settings {
            builtin: false,
            filter,
            area_choice: Some(area.to_string()),
            ..Settings::default()
        };
        let mut state = AppState::new(settings);
        state.use_grades(grades);
        state.refresh();
        state
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

    /// Whether an action has made derived data stale since the last refresh.
    pub fn needs_refresh(&self) -> bool {
        self.stale != Invalidates::Nothing
    }

    /// The period the grade filter works on: the chosen one, or the latest in range (the
    /// latest of all when the range holds none).
    pub fn grade_period(&self) -> Option<Period> {
        let in_range = self.settings.filter.periods(&self.data);
        self.settings
            .grade_period_choice
            .filter(|p| self.data.period_index(*p).is_some())
            .or_else(|| in_range.last().copied())
            .or_else(|| self.data.periods().last().copied())
    }

    /// The period the map shows: the chosen one if it is in range, or the latest in range.
    pub fn map_period(&self) -> Option<Period> {
        let in_range = self.settings.filter.periods(&self.data);
        self.settings
            .map_period_choice
            .filter(|p| in_range.contains(p))
            .or_else(|| in_range.last().copied())
    }

    /// The periods the change filter compares: the chosen ones, or the last two in range
    /// (the last two of all when the range holds fewer).
    pub fn change_periods(&self) -> Option<(Period, Period)> {
        let known = |p: Period| self.data.period_index(p).is_some();
        let last_two = |periods: &[Period]| match periods {
            [.., a, b] => Some((*a, *b)),
            _ => None,
        };
        self.settings
            .change_periods_choice
            .filter(|(a, b)| known(*a) && known(*b))
            .or_else(|| last_two(&self.settings.filter.periods(&self.data)))
            .or_else(|| last_two(self.data.periods()))
    }

    /// Merges the built-in data (if on), the loaded files (but `skip`) and perhaps one
    /// more source. Nothing is copied; nothing changes unless the merge succeeds.
    fn merge(
        &self,
        builtin: bool,
        skip: Option<usize>,
        extra: Option<&Source>,
    ) -> Result<Grades, Rejected> {
        let mut sources: Vec<&Source> = Vec::with_capacity(self.files.len() + 16);
        if builtin {
            sources.extend(Source::builtin_sources());
        }
        sources.extend(self.mine.source.as_ref());
        sources.extend(
            self.files
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != skip)
                .map(|(_, f)| &f.source),
        );
        sources.extend(extra);
        Grades::from_source_refs(&sources)
    }

    /// Takes newly merged grades, and shows the chosen area (or the default one).
    fn use_grades(&mut self, grades: Grades) {
        self.differences = grades.record_differences();
        self.grades = grades;
        self.show_area();
    }

    /// Puts the chosen area's grades (or the default area's) in `data`.
    fn show_area(&mut self) {
        self.data_version += 1;
        let chosen = self.settings.area_choice.as_deref();
        self.data = chosen
            .and_then(|a| self.grades.area(a))
            .or_else(|| self.grades.default_area())
            .cloned()
            .unwrap_or_default();
    }

    /// The areas loaded, in order.
    pub fn areas(&self) -> Vec<&str> {
        self.grades.areas().collect()
    }

    /// Warnings from every loaded source.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.files.iter().flat_map(|f| f.source.warnings.iter())
    }

    /// How many warnings the loaded sources have (notes aside).
    pub fn warning_count(&self) -> usize {
        self.warnings()
            .filter(|w| w.severity == crate::core::Severity::Warning)
            .count()
    }

    /// A short description of the loaded data: "Figure 7, 2015-2017".
    pub fn data_label(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        if self.settings.builtin {
            names.push("Figure 7 and the PEEL record".into());
        }
        if !self.mine.grades.is_empty() {
            names.push(format!("My grades ({})", self.mine.grades.len()));
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
        let periods = self.settings.filter.periods(&self.data);
        match (periods.first(), periods.last()) {
            (Some(a), Some(b)) if a != b => format!("{}, {a}-{b}", names.join(" + ")),
            (Some(a), _) => format!("{}, {a}", names.join(" + ")),
            _ => names.join(" + "),
        }
    }

    /// Clears what lasts one frame only.
    pub fn end_frame(&mut self) {
        self.scroll_to_selected = false;
    }
}
