//! A briefing's scorecard: one table, a row per force and area, of the areas chosen
//! ([`ScorecardAreas`]) in the periods in range; and the force page's table of every area.

use super::doc::{Block, Table, TableCell};
use super::notes::{break_marked, table_notes};
use crate::Status;
use crate::dataset::Dataset;

/// Which areas a briefing's scorecard covers.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ScorecardAreas {
    /// The area the briefing is on, and the pillars (Effectiveness, Efficiency, Legitimacy).
    #[default]
    ShownAndPillars,
    /// Every area loaded.
    All,
    /// These areas, by name (any name or short form of each).
    These(Vec<String>),
}

impl ScorecardAreas {
    /// Whether `area` is on the scorecard of a briefing on `shown`.
    pub fn includes(&self, shown: &str, area: &str) -> bool {
        let registry = crate::area::AreaRegistry::builtin();
        let same = |a: &str, b: &str| match (registry.lookup(a), registry.lookup(b)) {
            (Some(x), Some(y)) => x.name == y.name,
            _ => a.eq_ignore_ascii_case(b),
        };
        match self {
            ScorecardAreas::All => true,
            ScorecardAreas::These(names) => names.iter().any(|n| same(n, area)),
            ScorecardAreas::ShownAndPillars => {
                area == shown || registry.lookup(area).is_some_and(|a| a.pillar)
            }
        }
    }

    /// How the scorecard's heading names what it covers.
    fn heading(&self) -> &'static str {
        match self {
            ScorecardAreas::All => "Scorecard: every area",
            ScorecardAreas::ShownAndPillars => "Scorecard: this area and the pillars",
            ScorecardAreas::These(_) => "Scorecard: the areas chosen",
        }
    }
}

/// A scorecard section for a briefing when several areas are loaded: for each force the
/// briefing covers (by name), its grade in the areas `which` covers and their periods.
pub fn scorecard(
    grades: &crate::Grades,
    names: &[&str],
    (which, shown): (&ScorecardAreas, &str),
    in_range: &dyn Fn(crate::Period) -> bool,
) -> Vec<Block> {
    let covered = |area: &str| which.includes(shown, area);
    let areas: Vec<&Dataset> = grades
        .datasets()
        .iter()
        .filter(|d| covered(d.area()))
        .collect();
    if areas.len() < 2 {
        return Vec::new();
    }
    // One table: a row per force and area, a column per period in range that any of the
    // areas has (a table per force ran to a page for every three).
    let mut periods: Vec<crate::Period> = areas
        .iter()
        .flat_map(|d| d.periods().iter().copied())
        .filter(|&p| in_range(p))
        .collect();
    periods.sort_unstable();
    periods.dedup();
    let mut head = vec!["Force".to_string(), "Area".to_string()];
    head.extend(break_marked(&periods));
    let mut rows = Vec::new();
    for name in names {
        for area in &areas {
            let mut row = vec![
                TableCell::RowHead((*name).to_string()),
                TableCell::Text(area.area().into()),
            ];
            row.extend(score_cells(area, name, &periods));
            rows.push(row);
        }
    }
    let table = Table {
        head,
        rows,
        matrix: false,
    };
    let notes = table_notes(&table);
    let mut out = vec![Block::heading(2, which.heading()), Block::Table(table)];
    out.extend(notes);
    out
}

/// A force's (by name) grade cell in an area for each period.
fn score_cells<'a>(
    area: &'a Dataset,
    name: &str,
    periods: &'a [crate::Period],
) -> impl Iterator<Item = TableCell> + 'a {
    let force = area.find_force(name);
    periods.iter().map(move |&p| {
        let at = force.zip(area.period_index(p));
        TableCell::Grade {
            status: force.map_or(Status::NotKnown, |f| area.status_at(f, p)),
            carried: at.is_some_and(|(f, i)| area.carried_over(f, i)),
        }
    })
}

/// One force's grade (by name) in every area loaded that `covered` takes, and every period
/// any of those areas has.
pub(super) fn scorecard_table(
    grades: &crate::Grades,
    name: &str,
    covered: &dyn Fn(&str) -> bool,
) -> Table {
    let areas: Vec<&Dataset> = grades
        .datasets()
        .iter()
        .filter(|d| covered(d.area()))
        .collect();
    let mut periods: Vec<crate::Period> = areas
        .iter()
        .flat_map(|d| d.periods().iter().copied())
        .collect();
    periods.sort_unstable();
    periods.dedup();
    let mut head = vec!["Area".to_string()];
    head.extend(break_marked(&periods));
    let rows = areas
        .iter()
        .map(|area| {
            let mut row = vec![TableCell::Text(area.area().into())];
            row.extend(score_cells(area, name, &periods));
            row
        })
        .collect();
    Table {
        head,
        rows,
        matrix: false,
    }
}
