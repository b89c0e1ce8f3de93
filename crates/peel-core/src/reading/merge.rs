//! How one area's grades are merged from every source: the cells, source by source; the
//! forces in name order; the ROCUs they belonged to. [`super::dataset`] puts the result
//! together.

use rustc_hash::FxHashMap as HashMap;

use crate::area::{AreaRegistry, Coverage};
use crate::dataset::{Difference, Force, Origin, distinct};
use crate::forces::ForceRegistry;
use crate::forces::{ForceInfo, RocuMembership};
use crate::grade::Cell;
use crate::import::{ForceKey, Source};
use crate::period::{Period, PeriodIndex};
use crate::problem::{Problem, ProblemKind, Rejected};
use crate::units::UnitRegistry;

/// The cells of one area's matrix, source by source in order: the first grade of a force
/// and period is kept; the same grade again is one more place it is stated; a user's grade
/// against the published record replaces it and keeps the record's beside it; two
/// published sources that disagree keep the first and the other beside it; two user files
/// that disagree reject the later one.
pub(super) fn merge_cells(
    sources: &[&Source],
    area_ids: &[Option<u16>],
    source_ids: &[Vec<usize>],
    forces: &[Force],
    period_index: &PeriodIndex,
    area: &str,
) -> Result<Cells, Rejected> {
    let in_area = |s: usize, r: &crate::import::Record| area_ids[s] == Some(r.area);
    let width = period_index.periods().len();
    let mut cells = vec![None; forces.len() * width];
    let mut carried = vec![false; forces.len() * width];
    let mut origins = vec![None; forces.len() * width];
    let mut also: HashMap<usize, Vec<Origin>> = HashMap::default();
    let mut differs: HashMap<usize, Difference> = HashMap::default();
    for (s, source) in sources.iter().enumerate() {
        let mut problems = Vec::new();
        for record in source.records.iter().filter(|r| in_area(s, r)) {
            let force = source_ids[s][record.force as usize];
            let at = force * width + period_index.get(record.period).unwrap_or(0);
            let here = Origin {
                source: s as u16,
                line: record.line,
                cite: record.cite,
            };
            let (Some(there), Some(first)) = (cells[at], origins[at]) else {
                cells[at] = Some(record.cell);
                carried[at] = record.carried_over;
                origins[at] = Some(here);
                continue;
            };
            let first: Origin = first;
            if there == record.cell {
                // The same grade again: one more place it is stated.
                carried[at] |= record.carried_over;
                also.entry(at).or_default().push(here);
                continue;
            }
            let published = sources[first.source as usize].builtin;
            if published && !source.builtin && !differs.contains_key(&at) {
                // A user's file against the published record: the file's grade is
                // shown, and the difference kept in view.
                differs.insert(
                    at,
                    Difference {
                        record: there,
                        record_origin: first,
                        record_also: also.remove(&at).unwrap_or_default(),
                    },
                );
                cells[at] = Some(record.cell);
                carried[at] = record.carried_over;
                origins[at] = Some(here);
            } else if published && source.builtin {
                // Two published sources that disagree (listed in data/README.md): the
                // first is shown, the other kept in view.
                differs.entry(at).or_insert(Difference {
                    record: record.cell,
                    record_origin: here,
                    record_also: Vec::new(),
                });
            } else {
                let line = u64::from(first.line);
                problems.push(Problem::error(
                    &sources[s].name,
                    u64::from(record.line),
                    1,
                    ProblemKind::SourceConflict {
                        force: forces[force].name.clone(),
                        area: area.to_string(),
                        period: record.period,
                        here: record.cell,
                        there,
                        other_source: sources[first.source as usize].name.clone(),
                        other_line: line,
                    },
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Rejected::new(&source.name, problems));
        }
    }
    Ok(Cells {
        cells,
        carried,
        origins,
        also,
        differs,
    })
}

/// What [`merge_cells`] works out, laid out as [`Dataset::cells`] is.
pub(super) struct Cells {
    pub(super) cells: Vec<Option<Cell>>,
    pub(super) carried: Vec<bool>,
    pub(super) origins: Vec<Option<Origin>>,
    pub(super) also: HashMap<usize, Vec<Origin>>,
    pub(super) differs: HashMap<usize, Difference>,
}

/// Forces in name order (case aside), and their keys and each source's ids renumbered
/// to match.
pub(super) fn sort_forces(
    forces: Vec<Force>,
    mut by_key: HashMap<ForceKey, usize>,
    source_ids: &mut [Vec<usize>],
) -> (Vec<Force>, HashMap<ForceKey, usize>) {
    let mut order: Vec<usize> = (0..forces.len()).collect();
    // Each key is worked out once, not at every comparison.
    order.sort_by_cached_key(|&i| (forces[i].name.to_lowercase(), forces[i].name.clone()));
    let mut new_id = vec![0; forces.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    let mut forces: Vec<Option<Force>> = forces.into_iter().map(Some).collect();
    let forces: Vec<Force> = order.iter().filter_map(|&i| forces[i].take()).collect();
    for id in by_key.values_mut() {
        *id = new_id[*id];
    }
    for ids in source_ids.iter_mut() {
        for id in ids.iter_mut() {
            if *id != usize::MAX {
                *id = new_id[*id];
            }
        }
    }
    (forces, by_key)
}

/// Every ROCU the forces belonged to in the periods (at the time), and now.
pub(super) fn rocus(
    infos: &[&'static ForceInfo],
    periods: &[Period],
) -> (Vec<&'static str>, Vec<&'static str>) {
    if periods.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut distinct_infos = infos.to_vec();
    distinct_infos.sort_unstable_by_key(|i| *i as *const ForceInfo);
    distinct_infos.dedup_by_key(|i| *i as *const ForceInfo);
    let then = distinct(
        distinct_infos
            .iter()
            .flat_map(|i| {
                periods
                    .iter()
                    .filter_map(|p| i.rocu_at(*p, RocuMembership::AtTheTime))
            })
            .collect(),
    );
    let now = distinct(
        distinct_infos
            .iter()
            .filter_map(|i| i.rocu_at(Period::year(9999), RocuMembership::Current))
            .collect(),
    );
    (then, now)
}

/// Adds every one of the 43 forces that no source graded in the area, and, where a period
/// is the regional inspections (which graded units too), every unit.
pub(super) fn seed_every_unit(
    forces: &mut Vec<Force>,
    keys: &mut HashMap<ForceKey, usize>,
    periods: &[Period],
) {
    let registry = ForceRegistry::builtin();
    let mut add = |key: ForceKey, force: Force| {
        if let std::collections::hash_map::Entry::Vacant(slot) = keys.entry(key) {
            slot.insert(forces.len());
            forces.push(force);
        }
    };
    for i in 0..registry.len() {
        if let Some(info) = registry.get(i) {
            let force = Force {
                name: info.name.clone(),
                info: Some(info),
                unit: None,
            };
            add(ForceKey::Known(i), force);
        }
    }
    if periods.contains(&Period::SOC_INSPECTIONS) {
        let units = UnitRegistry::builtin();
        for (i, unit) in units.units().iter().enumerate() {
            let force = Force {
                name: unit.name.clone(),
                info: None,
                unit: Some(unit),
            };
            add(ForceKey::Unit(i), force);
        }
    }
}

/// What each period did with an area, for forces (`unit` false) or for graded units.
pub(super) fn coverage_of(area: &str, periods: &[Period], unit: bool) -> Vec<Coverage> {
    let known = AreaRegistry::builtin().lookup(area);
    periods
        .iter()
        .map(|&p| known.map_or(Coverage::Unknown, |a| a.coverage(p, unit)))
        .collect()
}
