//! The dataset: every loaded source merged, one force × period grade matrix per
//! inspection area ([`Grades`] holds them all; a [`Dataset`] is one area's).

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::merge::{Cells, merge_cells, rocus, sort_forces};
use super::merge::{coverage_of, seed_every_unit};
pub use super::status::Status;
use crate::area::{AreaRegistry, BUILTIN_AREA, Coverage};
use crate::forces::{ForceInfo, ForceRegistry, RocuMembership};
use crate::grade::Cell;
use crate::import::{ForceKey, Source};
use crate::period::{Period, PeriodIndex, PeriodIx};
use crate::problem::{Problem, ProblemKind, Rejected};
use crate::provenance::Citation;
use crate::units::{UnitInfo, UnitRegistry};

/// A force in the dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Force {
    /// The display name (Figure 7's for a known force).
    pub name: String,
    /// Reference facts, or `None` for a force outside the 43 (no region, no ROCU).
    pub info: Option<&'static ForceInfo>,
    /// For a ROCU or British Transport Police: what it is. Units are listed and graded
    /// but never count as forces.
    pub unit: Option<&'static UnitInfo>,
}

impl Force {
    /// Whether it counts as a force (in "N of 43", England and Wales, regions, ROCUs).
    pub fn is_force(&self) -> bool {
        self.unit.is_none()
    }

    pub fn region(&self) -> Option<&'static str> {
        self.info.map(|i| i.region.as_str())
    }

    pub fn country(&self) -> Option<&'static str> {
        self.info.map(|i| i.country.as_str())
    }

    pub fn rocu_at(&self, period: Period, membership: RocuMembership) -> Option<&'static str> {
        self.info.and_then(|i| i.rocu_at(period, membership))
    }
}

/// Where a cell came from: which source, which line, and which of the source's
/// citations (`NO_CITATION` for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub source: u16,
    /// The line (a file is at most `MAX_FILE_BYTES` long, so this fits).
    pub line: u32,
    pub cite: u32,
}

/// A grade that two sources give differently, where one is the published record: the
/// record's grade beside the one shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The grade the published record gives (or, between two published sources, the
    /// grade of the one not shown).
    pub record: Cell,
    pub record_origin: Origin,
    /// Other published sources that give the record's grade.
    pub record_also: Vec<Origin>,
}

/// One place a grade is stated: the source's name, the line, and the page it cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stated<'a> {
    pub source: &'a str,
    pub line: u64,
    pub citation: Option<&'a Citation>,
    /// Part of the program's built-in published record.
    pub builtin: bool,
}

impl Stated<'_> {
    /// Where it is stated, in words: the page's address (and the other's), or else the
    /// file and line.
    pub fn cited(&self) -> String {
        match self.citation {
            Some(c) => c.addresses(),
            None => format!("{}, line {}", self.source, self.line),
        }
    }
}

/// Where a cell's grade comes from: every source that states it, and, where a source
/// differs from the published record, what the record says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance<'a> {
    pub stated: Vec<Stated<'a>>,
    pub carried_over: bool,
    /// The published record's grade where the grade shown differs from it.
    pub differs: Option<(Cell, Vec<Stated<'a>>)>,
}

/// One area's merged grade matrix. Forces are in alphabetical order (Figure 7's own
/// order), periods in time order; only forces and periods graded in the area are in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// The area its grades are for.
    area: String,
    /// What each period did with the area, per period: `[0]` for forces, `[1]` for units.
    coverage: [Vec<Coverage>; 2],
    /// Which grades were carried over from an earlier inspection, as `cells` is laid out.
    carried: Vec<bool>,
    forces: Vec<Force>,
    periods: Vec<Period>,
    /// `forces.len() × periods.len()`, row-major by force; `None` where no source gave one.
    cells: Vec<Option<Cell>>,
    origins: Vec<Option<Origin>>,
    /// Cells (as `cells` is laid out) stated by more than one source: the others.
    also: HashMap<usize, Vec<Origin>>,
    /// Cells whose grade differs from the published record's.
    differs: HashMap<usize, Difference>,
    source_names: Vec<String>,
    /// Each source's citations (shared with the source, not copied).
    citations: Vec<Arc<[Citation]>>,
    /// Whether each source is part of the built-in record.
    builtin: Vec<bool>,
    /// Distinct regions, countries and ROCUs (at the time; now), worked out once.
    regions: Vec<&'static str>,
    countries: Vec<&'static str>,
    rocus_then: Vec<&'static str>,
    rocus_now: Vec<&'static str>,
    /// Force identity → index, for lookups by name.
    by_key: HashMap<ForceKey, usize>,
}

pub(super) fn distinct(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Every area's grades, merged from the loaded sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grades {
    /// Each area's dataset: the built-in area first, then known areas in the reference
    /// order, then others by name.
    areas: Vec<Dataset>,
}

impl Grades {
    /// Merges sources, area by area. The same force, area and period graded differently by
    /// two sources is a conflict: the later source is rejected with an error that names
    /// both, and nothing is merged. The same grade from two sources is not a conflict, nor
    /// are two grades of one force and period in different areas.
    pub fn from_source_refs(sources: &[&Source]) -> Result<Grades, Rejected> {
        let registry = AreaRegistry::builtin();
        let mut names: Vec<&str> = sources
            .iter()
            .flat_map(|s| s.areas.iter().map(String::as_str))
            .collect();
        names.sort_by_key(|n| (registry.rank(n), n.to_lowercase()));
        names.dedup();
        let areas = names
            .into_iter()
            .map(|area| Dataset::merge_area(sources, area))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Grades { areas })
    }

    /// The areas graded, in order.
    pub fn areas(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|d| d.area.as_str())
    }

    /// One area's grades.
    pub fn area(&self, name: &str) -> Option<&Dataset> {
        self.areas.iter().find(|d| d.area == name)
    }

    /// The area shown unless another is chosen: the built-in one if it is graded, or else
    /// the first.
    pub fn default_area(&self) -> Option<&Dataset> {
        self.area(BUILTIN_AREA).or(self.areas.first())
    }

    /// Every area's dataset, in order.
    pub fn datasets(&self) -> &[Dataset] {
        &self.areas
    }

    /// Every grade in a user's file that differs from the published record, as a
    /// warning at the file's line that names the record's grade and its source; in area,
    /// force and period order.
    pub fn record_differences(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for data in &self.areas {
            for (f, p) in data.differences() {
                let Some(provenance) = data.provenance(f, p) else {
                    continue;
                };
                let here = data.cell(f, p);
                let (Some(shown), Some((record, cited)), Some(here)) =
                    (provenance.stated.first(), &provenance.differs, here)
                else {
                    continue;
                };
                if shown.builtin {
                    continue;
                }
                let cited: Vec<String> = cited.iter().map(Stated::cited).collect();
                out.push(Problem::warning(
                    shown.source,
                    shown.line,
                    1,
                    ProblemKind::DiffersFromRecord {
                        force: data.forces[f].name.clone(),
                        area: data.area.clone(),
                        period: data.period(p),
                        here,
                        there: *record,
                        cited: cited.join("; "),
                    },
                ));
            }
        }
        out
    }

    /// The areas grouped by the cycle that first graded them (in time order), each group
    /// headed "From 2015" and its areas in reference order: how an area picker lists
    /// them, so a reader sees which questions belong to which cycles.
    pub fn areas_by_cycle(&self) -> Vec<(String, Vec<String>)> {
        let mut firsts: Vec<(Period, usize)> = self
            .areas
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.periods.first().map(|&p| (p, i)))
            .collect();
        firsts.sort_by_key(|&(p, i)| (p, i));
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        let mut last: Option<Period> = None;
        for (p, i) in firsts {
            if last != Some(p) {
                groups.push((format!("From {p}"), Vec::new()));
                last = Some(p);
            }
            if let Some(group) = groups.last_mut() {
                group.1.push(self.areas[i].area.clone());
            }
        }
        groups
    }

    /// Every period any area is graded in, in time order.
    pub fn all_periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .areas
            .iter()
            .flat_map(|d| d.periods.iter().copied())
            .collect();
        periods.sort_unstable();
        periods.dedup();
        periods
    }
}

impl Dataset {
    /// Merges sources and keeps the default area (see [`Grades::default_area`]); every area
    /// is checked for conflicts. An empty dataset when nothing is loaded.
    pub fn from_sources(sources: &[Source]) -> Result<Dataset, Rejected> {
        Dataset::from_source_refs(&sources.iter().collect::<Vec<_>>())
    }

    /// [`Dataset::from_sources`] over borrowed sources (no copies of what is loaded).
    pub fn from_source_refs(sources: &[&Source]) -> Result<Dataset, Rejected> {
        let grades = Grades::from_source_refs(sources)?;
        Ok(grades.default_area().cloned().unwrap_or_default())
    }

    /// The area its grades are for ("" when nothing is loaded).
    pub fn area(&self) -> &str {
        &self.area
    }

    /// Whether any grade in it was carried over.
    pub fn any_carried_over(&self) -> bool {
        self.carried.contains(&true)
    }

    /// Whether a force's grade in a period (indices) was carried over.
    pub fn carried_over(&self, force: usize, period: PeriodIx) -> bool {
        self.carried
            .get(self.at(force, period))
            .copied()
            .unwrap_or(false)
    }

    /// One area's grades from every source.
    fn merge_area(sources: &[&Source], area: &str) -> Result<Dataset, Rejected> {
        let registry = ForceRegistry::builtin();
        // Each source's area index for `area`, and the forces it grades there.
        let area_ids: Vec<Option<u16>> = sources
            .iter()
            .map(|s| s.areas.iter().position(|a| a == area).map(|i| i as u16))
            .collect();
        let in_area = |s: usize, r: &crate::import::Record| area_ids[s] == Some(r.area);
        let graded: Vec<Vec<bool>> = sources
            .iter()
            .enumerate()
            .map(|(s, source)| {
                let mut used = vec![false; source.forces.len()];
                for r in source.records.iter().filter(|r| in_area(s, r)) {
                    used[r.force as usize] = true;
                }
                used
            })
            .collect();
        let total: usize = sources.iter().map(|s| s.forces.len()).sum();
        let mut keys: HashMap<ForceKey, usize> =
            HashMap::with_capacity_and_hasher(total, Default::default());
        let mut forces: Vec<Force> = Vec::with_capacity(total);
        // Few distinct periods among many records.
        let period_index =
            PeriodIndex::collect(sources.iter().enumerate().flat_map(|(s, source)| {
                source
                    .records
                    .iter()
                    .filter(move |r| in_area(s, r))
                    .map(|r| r.period)
            }));
        let periods = period_index.periods().to_vec();

        // Force ids per source, in source order.
        let mut source_ids: Vec<Vec<usize>> = Vec::with_capacity(sources.len());
        for (s, source) in sources.iter().enumerate() {
            let ids = source
                .forces
                .iter()
                .enumerate()
                .map(|(i, f)| match keys.get(&f.key) {
                    Some(&id) => id,
                    // Not graded in this area: never looked up.
                    None if !graded[s][i] => usize::MAX,
                    None => {
                        keys.insert(f.key.clone(), forces.len());
                        let unit = match f.key {
                            ForceKey::Unit(i) => UnitRegistry::builtin().get(i),
                            _ => None,
                        };
                        forces.push(Force {
                            name: f.name.clone(),
                            info: f.known.and_then(|i| registry.get(i)),
                            unit,
                        });
                        forces.len() - 1
                    }
                })
                .collect();
            source_ids.push(ids);
        }

        // With the published record loaded, every force is in every area (and every unit
        // where its cycles graded units): a force with no grade here is a gap to show,
        // not a row to drop.
        if sources.iter().any(|s| s.builtin) {
            seed_every_unit(&mut forces, &mut keys, &periods);
        }
        let (forces, by_key) = sort_forces(forces, keys, &mut source_ids);

        let Cells {
            cells,
            carried,
            origins,
            also,
            differs,
        } = merge_cells(
            sources,
            &area_ids,
            &source_ids,
            &forces,
            &period_index,
            area,
        )?;
        let infos: Vec<&'static ForceInfo> = forces.iter().filter_map(|f| f.info).collect();
        let (rocus_then, rocus_now) = rocus(&infos, &periods);
        Ok(Dataset {
            area: area.to_string(),
            coverage: [false, true].map(|unit| coverage_of(area, &periods, unit)),
            carried,
            regions: distinct(infos.iter().map(|i| i.region.as_str()).collect()),
            countries: distinct(infos.iter().map(|i| i.country.as_str()).collect()),
            rocus_then,
            rocus_now,
            forces,
            periods,
            cells,
            origins,
            also,
            differs,
            source_names: sources.iter().map(|s| s.name.clone()).collect(),
            citations: sources.iter().map(|s| s.citations.clone()).collect(),
            builtin: sources.iter().map(|s| s.builtin).collect(),
            by_key,
        })
    }

    /// The built-in Figure 7 data alone.
    pub fn figure7() -> Dataset {
        // The built-in source is checked by tests and cannot conflict with itself.
        Dataset::from_source_refs(&[Source::builtin_ref()]).expect("Figure 7 merges")
    }

    pub fn forces(&self) -> &[Force] {
        &self.forces
    }

    pub fn force(&self, index: usize) -> &Force {
        &self.forces[index]
    }

    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The period at a column of the grade matrix.
    pub fn period(&self, period: PeriodIx) -> Period {
        self.periods[period.get()]
    }

    /// Every column of the grade matrix, in time order.
    pub fn period_ixs(&self) -> impl DoubleEndedIterator<Item = PeriodIx> + ExactSizeIterator {
        (0..self.periods.len()).map(PeriodIx::new)
    }

    /// Where a force's cell in a period sits in the row-major matrix.
    fn at(&self, force: usize, period: PeriodIx) -> usize {
        force * self.periods.len() + period.get()
    }

    pub fn source_names(&self) -> &[String] {
        &self.source_names
    }

    /// The index of a force by display name, or any name the registry knows it by.
    pub fn find_force(&self, name: &str) -> Option<usize> {
        let key = match ForceRegistry::builtin().lookup(name) {
            Some(i) => ForceKey::Known(i),
            None => match UnitRegistry::builtin().lookup(name) {
                Some(i) => ForceKey::Unit(i),
                None => ForceKey::Other(crate::forces::match_key(name)),
            },
        };
        self.by_key.get(&key).copied()
    }

    /// The labels of the given periods (indices into [`Dataset::periods`]), as a table's
    /// header or a chart's axis shows them.
    pub fn period_labels(&self, periods: &[PeriodIx]) -> Vec<String> {
        periods
            .iter()
            .map(|&p| self.period(p).to_string())
            .collect()
    }

    /// [`Dataset::period_labels`] where space is short ([`Period::short_label`]).
    pub fn short_period_labels(&self, periods: &[PeriodIx]) -> Vec<String> {
        periods
            .iter()
            .map(|&p| self.period(p).short_label())
            .collect()
    }

    /// The ROCU shown beside a force in a one-row-per-force table of the given periods: its
    /// membership in the latest of them.
    pub fn latest_rocu(
        &self,
        force: usize,
        periods: &[PeriodIx],
        membership: RocuMembership,
    ) -> Option<&'static str> {
        let &latest = periods.last()?;
        self.forces[force].rocu_at(self.period(latest), membership)
    }

    pub fn period_index(&self, period: Period) -> Option<PeriodIx> {
        self.periods.binary_search(&period).ok().map(PeriodIx::new)
    }

    /// The cell for a force (by index) and period (by index into [`Dataset::periods`]).
    pub fn cell(&self, force: usize, period: PeriodIx) -> Option<Cell> {
        self.cells[self.at(force, period)]
    }

    /// What a force's cell in a period holds, or why it is empty: the record's grade (or
    /// "not graded"), or one of the three kinds of absence, never confused.
    pub fn status(&self, force: usize, period: PeriodIx) -> Status {
        if let Some(cell) = self.cell(force, period) {
            return Status::Cell(cell);
        }
        Status::absent(self.coverage(force, period))
    }

    /// [`Dataset::status`] for a period label, whether or not the area has a column for it
    /// (a scorecard's periods are every area's).
    pub fn status_at(&self, force: usize, period: Period) -> Status {
        if let Some(p) = self.period_index(period) {
            return self.status(force, p);
        }
        let f = &self.forces[force];
        let coverage = match AreaRegistry::builtin().lookup(&self.area) {
            Some(area) if f.info.is_some() || f.unit.is_some() => {
                area.coverage(period, f.unit.is_some())
            }
            _ => Coverage::Unknown,
        };
        Status::absent(coverage)
    }

    /// What the period did with this area for this force or unit (see
    /// [`crate::area::Area::coverage`]); a force outside the 43 is [`Coverage::Unknown`].
    pub fn coverage(&self, force: usize, period: PeriodIx) -> Coverage {
        let f = &self.forces[force];
        if f.info.is_none() && f.unit.is_none() {
            return Coverage::Unknown;
        }
        let kind = usize::from(f.unit.is_some());
        self.coverage[kind]
            .get(period.get())
            .copied()
            .unwrap_or(Coverage::Unknown)
    }

    /// The cell for a force and a period label.
    pub fn cell_at(&self, force: usize, period: Period) -> Option<Cell> {
        self.period_index(period).and_then(|p| self.cell(force, p))
    }

    /// Where a cell came from: the source's name and the line.
    pub fn origin(&self, force: usize, period: PeriodIx) -> Option<(&str, u64)> {
        self.origins[self.at(force, period)].map(|o| {
            let name = self.source_names[o.source as usize].as_str();
            (name, u64::from(o.line))
        })
    }

    fn stated(&self, origin: Origin) -> Stated<'_> {
        let s = origin.source as usize;
        Stated {
            source: &self.source_names[s],
            line: u64::from(origin.line),
            citation: self.citations[s].get(origin.cite as usize),
            builtin: self.builtin[s],
        }
    }

    /// Where a cell's grade comes from (`None` where no source gives one).
    pub fn provenance(&self, force: usize, period: PeriodIx) -> Option<Provenance<'_>> {
        let at = self.at(force, period);
        let first = self.origins[at]?;
        let mut stated = vec![self.stated(first)];
        if let Some(more) = self.also.get(&at) {
            stated.extend(more.iter().map(|o| self.stated(*o)));
        }
        let differs = self.differs.get(&at).map(|d| {
            let mut record = vec![self.stated(d.record_origin)];
            record.extend(d.record_also.iter().map(|o| self.stated(*o)));
            (d.record, record)
        });
        Some(Provenance {
            stated,
            carried_over: self.carried[at],
            differs,
        })
    }

    /// Whether the grade shown differs from the published record's.
    pub fn differs_from_record(&self, force: usize, period: PeriodIx) -> bool {
        self.differs.contains_key(&self.at(force, period))
    }

    /// Every cell whose grade differs from the published record's, as (force, period)
    /// indices in table order.
    pub fn differences(&self) -> Vec<(usize, PeriodIx)> {
        let width = self.periods.len().max(1);
        let mut all: Vec<(usize, PeriodIx)> = self
            .differs
            .keys()
            .map(|&at| (at / width, PeriodIx::new(at % width)))
            .collect();
        all.sort_unstable();
        all
    }

    /// A force's row of cells, one per period.
    pub fn row(&self, force: usize) -> &[Option<Cell>] {
        let width = self.periods.len();
        &self.cells[force * width..(force + 1) * width]
    }

    /// How many grades (cells with a record, graded or not) the dataset holds.
    pub fn grade_count(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }

    /// Every distinct region, sorted.
    pub fn regions(&self) -> &[&'static str] {
        &self.regions
    }

    /// Every distinct country, sorted.
    pub fn countries(&self) -> &[&'static str] {
        &self.countries
    }

    /// Every ROCU that any force belongs to in any period, under a membership rule, sorted.
    pub fn rocus(&self, membership: RocuMembership) -> &[&'static str] {
        match membership {
            RocuMembership::AtTheTime => &self.rocus_then,
            RocuMembership::Current => &self.rocus_now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_the_rocu_a_table_shows() {
        let data = Dataset::figure7();
        assert_eq!(
            data.period_labels(&PeriodIx::many([0, 2])),
            ["2015", "2017"]
        );
        assert!(data.period_labels(&[]).is_empty());
        let kent = data.find_force("Kent").expect("Kent");
        let mps = data.find_force("MPS").expect("MPS");
        // Kent moved from SEROCU to ERSOU; a table shows where it is in its latest period.
        assert_eq!(
            data.latest_rocu(kent, &PeriodIx::many([0, 1, 2]), RocuMembership::AtTheTime),
            Some("SEROCU")
        );
        assert_eq!(
            data.latest_rocu(kent, &PeriodIx::many([0]), RocuMembership::Current),
            Some("ERSOU")
        );
        assert_eq!(data.latest_rocu(kent, &[], RocuMembership::AtTheTime), None);
        assert_eq!(
            data.latest_rocu(mps, &PeriodIx::many([0, 1, 2]), RocuMembership::AtTheTime),
            None
        );
    }
}
