//! The counts beside each filter choice: how many forces would show with that choice, every
//! other facet applied. Worked out in one pass over the forces' failed facets.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::aggregate;
use crate::dataset::Dataset;
use serde::{Deserialize, Serialize};

use crate::filter::{Direction, Movement};
use crate::forces::RocuMembership;
use crate::grade::Cell;
use crate::period::PeriodIx;

/// One kind of filter condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(u8)]
pub enum Facet {
    Search,
    Region,
    Rocu,
    Country,
    Grade,
    Movement,
    Change,
    /// The user's own groups of forces.
    Group,
    Range,
    /// Only forces with a grade the cycle gave that is not in the record.
    Gaps,
}

impl Facet {
    /// This facet's bit in [`crate::filter::Filter::failures`].
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Per-facet counts shown beside each choice: how many forces would match with that
/// choice, all the other facets applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub regions: BTreeMap<String, usize>,
    pub rocus: BTreeMap<String, usize>,
    pub countries: BTreeMap<String, usize>,
    pub grades: BTreeMap<Cell, usize>,
    pub movements: BTreeMap<Movement, usize>,
    pub changes: BTreeMap<Direction, usize>,
    /// By group name: its members that pass the other facets.
    pub groups: BTreeMap<String, usize>,
}

/// The counts for every facet: `failures` holds each force's failed facets as bits
/// ([`Facet::bit`]), `movements` its movement across `periods`; grades are counted in the
/// period `grade_index`, changes between the two `change_index` periods.
pub fn count(
    data: &Dataset,
    movements: &[Movement],
    failures: &[u16],
    periods: &[PeriodIx],
    membership: RocuMembership,
    grade_index: Option<PeriodIx>,
    change_index: Option<(PeriodIx, PeriodIx)>,
) -> FacetCounts {
    let passes_except = |f: usize, facet: Facet| failures[f] & !facet.bit() == 0;
    let mut counts = FacetCounts::default();
    // Counted by borrowed name, turned into owned keys once at the end.
    let mut regions: FxHashMap<&str, usize> = FxHashMap::default();
    let mut countries: FxHashMap<&str, usize> = FxHashMap::default();
    let mut rocus: FxHashMap<&str, usize> = FxHashMap::default();
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
            for &p in periods {
                if let Some(r) = force.rocu_at(data.period(p), membership)
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
    let owned =
        |m: FxHashMap<&str, usize>| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    counts.regions = owned(regions);
    counts.countries = owned(countries);
    counts.rocus = owned(rocus);
    counts
}

/// How many of each group's members pass every facet but the group facet.
pub fn count_groups(
    data: &Dataset,
    failures: &[u16],
    groups: &[crate::ForceGroup],
) -> BTreeMap<String, usize> {
    groups
        .iter()
        .map(|g| {
            let n = g
                .forces
                .iter()
                .filter_map(|name| data.find_force(name))
                .filter(|&f| {
                    failures
                        .get(f)
                        .is_some_and(|&x| x & !Facet::Group.bit() == 0)
                })
                .count();
            (g.name.clone(), n)
        })
        .collect()
}

/// The grade choices the grade facet offers for a period: every grade, but Adequate only on
/// the five-grade scale or where a force has it, and "not graded" only where a force has it
/// or on the five-grade scale; a choice already ticked stays.
pub fn grade_choices(
    period: crate::period::Period,
    counts: &FacetCounts,
    ticked: impl Fn(Cell) -> bool,
) -> Vec<Cell> {
    Cell::ALL
        .into_iter()
        .filter(|&cell| {
            let n = counts.grades.get(&cell).copied().unwrap_or(0);
            let optional = match cell {
                Cell::Graded(crate::grade::Grade::Adequate) => {
                    !aggregate::shows_adequate(period, n > 0)
                }
                Cell::NotGraded => n == 0 && !period.is_five_grade_era(),
                Cell::Graded(_) => false,
            };
            !optional || ticked(cell)
        })
        .collect()
}
