//! The user's choices that survive a restart, and the small enums they are made of.

use serde::{Deserialize, Serialize};

use crate::core::sort::Sort;
use crate::core::{Filter, ForceGroup, Period};

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

/// What the Compare view puts side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompareBy {
    #[default]
    Region,
    Rocu,
    /// The forces selected in the table (or by clicking a ribbon), as one custom group.
    Selection,
    /// Each inspection area loaded, over the filtered forces.
    Areas,
    /// The user's own groups.
    Groups,
}

impl CompareBy {
    pub const ALL: [CompareBy; 5] = [
        CompareBy::Region,
        CompareBy::Rocu,
        CompareBy::Groups,
        CompareBy::Selection,
        CompareBy::Areas,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CompareBy::Region => "Regions",
            CompareBy::Rocu => "ROCUs",
            CompareBy::Selection => "Selected forces",
            CompareBy::Areas => "Areas",
            CompareBy::Groups => "Your groups",
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

/// The choices that survive a restart (eframe persistence), kept in the state as they are
/// saved. A newer or older shape, or a corrupt one, falls back to defaults.
///
/// Fields named `*_choice` hold what the user picked, which may not be in the data now;
/// the state's methods of the same stem give the period actually used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub version: u32,
    pub filter: Filter,
    pub sort: Sort,
    pub view: View,
    pub theme: ThemeChoice,
    /// The period the grade filter's choices are for.
    #[serde(rename = "grade_period")]
    pub grade_period_choice: Option<Period>,
    /// The two periods the change filter (and the matrix, and the map's change colours)
    /// compares.
    #[serde(rename = "change_periods")]
    pub change_periods_choice: Option<(Period, Period)>,
    /// Whether the built-in Figure 7 data is loaded (written as `Some(bool)`, as earlier
    /// versions did).
    #[serde(with = "builtin_on_disk")]
    pub builtin: bool,
    pub compare_by: CompareBy,
    /// The groups chosen for comparison (region or ROCU names), in the order chosen.
    pub compare_groups: Vec<String>,
    pub map_mode: MapMode,
    /// The period the map shows.
    #[serde(rename = "map_period")]
    pub map_period_choice: Option<Period>,
    /// The inspection area on screen (the built-in one if none is chosen or it is gone).
    #[serde(rename = "area")]
    pub area_choice: Option<String>,
    /// The user's own groups of forces (a most similar group, a collaboration...).
    pub groups: Vec<ForceGroup>,
    /// Which areas a briefing's scorecard covers.
    pub scorecard: crate::core::brief::ScorecardAreas,
    /// The files loaded now, by path: opened again at the next start.
    pub open_files: Vec<String>,
    /// Files loaded recently, newest first (at most [`Settings::RECENT`]).
    pub recent_files: Vec<String>,
}

impl Settings {
    pub const VERSION: u32 = 1;
    /// How many recent files are remembered.
    pub const RECENT: usize = 8;

    /// Remembers a file that was just loaded.
    pub fn file_loaded(&mut self, path: &str) {
        // A page reads files it is handed, not paths: there is nothing to open again.
        if cfg!(target_arch = "wasm32") {
            return;
        }
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_string());
        self.recent_files.truncate(Self::RECENT);
        if !self.open_files.iter().any(|p| p == path) {
            self.open_files.push(path.to_string());
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: Settings::VERSION,
            filter: Filter::figure7_years(),
            sort: Sort::default(),
            view: View::default(),
            theme: ThemeChoice::default(),
            grade_period_choice: None,
            change_periods_choice: None,
            builtin: true,
            compare_by: CompareBy::default(),
            compare_groups: Vec::new(),
            scorecard: Default::default(),
            map_mode: MapMode::default(),
            map_period_choice: None,
            area_choice: None,
            groups: Vec::new(),
            open_files: Vec::new(),
            recent_files: Vec::new(),
        }
    }
}

/// `builtin` on disk: an optional flag, missing meaning on.
mod builtin_on_disk {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(on: &bool, s: S) -> Result<S::Ok, S::Error> {
        Some(*on).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
    }
}
