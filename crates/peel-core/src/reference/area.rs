//! Inspection areas: what a grade is for (a PEEL question such as "Investigating crime",
//! or a pillar such as "Effectiveness"). Read from `data/areas.csv`; names are matched
//! forgivingly, as force names are (case, "&" or "and", punctuation).
//!
//! "Tackling serious and organised crime" (2015 to 2018/19) and "Disrupting serious
//! organised crime" (2021/22 on) are one area here, "Serious and organised crime": the
//! same line of work, renamed when the scale changed. The change of scale is marked
//! wherever grades cross 2021/22, whatever the area (see [`crate::Period::is_five_grade_era`]).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::forces::split_list;
use crate::names::NameIndex;
use crate::period::Period;

/// The area the built-in Figure 7 grades are for (the PEEL Effectiveness question on
/// serious and organised crime); also where a file with no area column puts its grades.
pub const BUILTIN_AREA: &str = "Serious and organised crime";

/// One known area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    /// Its name in the app.
    pub name: String,
    /// Other names files use for it.
    pub aliases: Vec<String>,
    /// The cycles that graded it for every force (and, in the regional inspections, every
    /// unit), as far as is known.
    pub cycles: Vec<Period>,
    /// The cycles that graded it for some forces only, without a page saying which.
    pub partly: Vec<Period>,
    /// The cycles that assessed it without grading it.
    pub ungraded: Vec<Period>,
    /// A pillar (Effectiveness, Efficiency, Legitimacy) rather than a question.
    pub pillar: bool,
}

/// What a cycle did with an area, as `data/areas.csv` records it: the knowledge that tells
/// a grade missing from the record from one never given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Coverage {
    /// The cycle graded the area for every force (or unit) of its kind.
    Graded,
    /// The cycle graded the area for some forces only; which ones is not known.
    Partly,
    /// The cycle assessed the area without grading it.
    Ungraded,
    /// The cycle did not assess the area.
    NotAssessed,
    /// Nothing is known of the area or the period (a user's own area or cycle).
    Unknown,
}

impl Area {
    /// What `period` did with this area for a force (`unit` false) or for a graded unit
    /// that is not a force (a ROCU or British Transport Police, graded only in the regional
    /// inspections).
    pub fn coverage(&self, period: Period, unit: bool) -> Coverage {
        let graded = self.cycles.contains(&period);
        if unit && period != Period::SOC_INSPECTIONS {
            return Coverage::NotAssessed;
        }
        if graded {
            Coverage::Graded
        } else if self.partly.contains(&period) {
            Coverage::Partly
        } else if self.ungraded.contains(&period) {
            Coverage::Ungraded
        } else if period.is_known_cycle() {
            Coverage::NotAssessed
        } else {
            Coverage::Unknown
        }
    }

    /// Whether `period` graded this area for some or all forces.
    pub fn graded_in(&self, period: Period) -> bool {
        self.cycles.contains(&period) || self.partly.contains(&period)
    }
}

#[derive(Deserialize)]
struct Row {
    area: String,
    aliases: String,
    cycles: String,
    #[serde(default)]
    partly: String,
    #[serde(default)]
    ungraded: String,
    pillar: String,
}

/// The known areas, in the order the reference file lists them (the built-in area first).
#[derive(Clone, Debug)]
pub struct AreaRegistry {
    areas: Vec<Area>,
    index: NameIndex,
}

const AREAS_CSV: &str = include_str!("../../../../data/areas.csv");

impl AreaRegistry {
    /// The areas of `data/areas.csv`.
    pub fn builtin() -> &'static AreaRegistry {
        static REGISTRY: OnceLock<AreaRegistry> = OnceLock::new();
        // The file is part of the binary and checked by tests.
        REGISTRY.get_or_init(|| AreaRegistry::parse(AREAS_CSV).expect("data/areas.csv is valid"))
    }

    /// Reads a registry from CSV text with the columns of `data/areas.csv`.
    pub fn parse(text: &str) -> Result<AreaRegistry, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut areas = Vec::new();
        for row in reader.deserialize::<Row>() {
            let row = row.map_err(|e| e.to_string())?;
            let periods = |list: &str| {
                split_list(list)
                    .iter()
                    .map(|c| c.parse::<Period>().map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()
            };
            areas.push(Area {
                name: row.area.trim().to_string(),
                aliases: split_list(&row.aliases),
                cycles: periods(&row.cycles)?,
                partly: periods(&row.partly)?,
                ungraded: periods(&row.ungraded)?,
                pillar: row.pillar.trim().eq_ignore_ascii_case("yes"),
            });
        }
        let names = areas.iter().enumerate().flat_map(|(i, area)| {
            std::iter::once(&area.name)
                .chain(&area.aliases)
                .map(move |name| (i, name.as_str()))
        });
        let index = NameIndex::build(names)?;
        Ok(AreaRegistry { areas, index })
    }

    /// The known area a name (or alias, or short form) stands for.
    pub fn lookup(&self, name: &str) -> Option<&Area> {
        self.index.get(name).map(|i| &self.areas[i])
    }

    /// Where an area comes in lists: known areas in reference order, then others.
    pub fn rank(&self, name: &str) -> usize {
        self.index.get(name).unwrap_or(self.areas.len())
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_file_reads_and_starts_with_the_builtin_area() {
        let registry = AreaRegistry::builtin();
        assert_eq!(registry.areas()[0].name, BUILTIN_AREA);
        assert!(registry.areas().len() >= 10);
        let pillars: Vec<&str> = registry
            .areas()
            .iter()
            .filter(|a| a.pillar)
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(pillars, ["Effectiveness", "Efficiency", "Legitimacy"]);
    }

    #[test]
    fn names_match_forgivingly() {
        let registry = AreaRegistry::builtin();
        for name in [
            "Serious and organised crime",
            "serious & organised crime",
            "Tackling serious and organised crime",
            "Disrupting serious organised crime",
            "SOC",
        ] {
            assert_eq!(
                registry.lookup(name).map(|a| a.name.as_str()),
                Some(BUILTIN_AREA),
                "{name}"
            );
        }
        assert_eq!(
            registry
                .lookup("investigating  crime")
                .map(|a| a.name.as_str()),
            Some("Investigating crime")
        );
        assert!(registry.lookup("Catching pirates").is_none());
        assert!(registry.rank("Catching pirates") > registry.rank("Legitimacy"));
    }

    #[test]
    fn a_name_for_two_areas_is_refused() {
        let text = "area,aliases,cycles,pillar\nA,X,2015,no\nB,x,2016,no\n";
        assert!(AreaRegistry::parse(text).is_err());
    }
}
