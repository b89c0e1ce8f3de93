//! Every number a chart or summary shows: grade counts per period (national, per region,
//! per ROCU), share good or better, mean grade score, transitions between two periods,
//! and movement counts. The GUI and the command line both call these.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Status};
use crate::filter::{Direction, Movement};
use crate::forces::RocuMembership;
use crate::grade::{Cell, Grade};
use crate::period::{Period, PeriodIx};

/// The label of the whole-dataset group.
pub const NATIONAL: &str = "England and Wales";
/// The group of forces with no region (forces outside the 43).
pub const NO_REGION: &str = "(no region)";
/// The group of forces with no ROCU (London, and forces outside the 43).
pub const NO_ROCU: &str = "(no ROCU)";

/// How forces are grouped for counting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grouping {
    #[default]
    National,
    Region,
    Rocu,
}

impl FromStr for Grouping {
    type Err = String;

    fn from_str(text: &str) -> Result<Grouping, String> {
        match text.trim().to_lowercase().as_str() {
            "national" => Ok(Grouping::National),
            "region" => Ok(Grouping::Region),
            "rocu" => Ok(Grouping::Rocu),
            _ => Err(format!(
                "unknown grouping {text:?}; expected national, region or rocu"
            )),
        }
    }
}

impl fmt::Display for Grouping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Grouping::National => "national",
            Grouping::Region => "region",
            Grouping::Rocu => "rocu",
        })
    }
}

/// Counts of each cell value, with the forces behind each count.
/// Indexed by [`Cell::index`]: Outstanding, Good, Adequate, Requires Improvement,
/// Inadequate, Not graded.
/// Beside them, the forces a cycle graded whose grade is not in the record, and those it
/// may or may not have graded (an area it graded for some forces only): a figure says what
/// it stands on, and "graded" never means "in the record".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub forces: [Vec<usize>; 6],
    /// Graded by the cycle; the grade is not in the record.
    pub not_in_record: Vec<usize>,
    /// No grade loaded, and whether the cycle graded them is not known.
    pub not_known: Vec<usize>,
}

impl Tally {
    pub fn add(&mut self, cell: Cell, force: usize) {
        self.forces[cell.index()].push(force);
    }

    /// Counts a cell by what it holds or why it is empty; a cell the cycle did not assess
    /// is not counted.
    pub fn add_status(&mut self, status: Status, force: usize) {
        match status {
            Status::Cell(cell) => self.add(cell, force),
            Status::NotInRecord => self.not_in_record.push(force),
            Status::NotKnown => self.not_known.push(force),
            Status::NotAssessed => {}
        }
    }

    /// Whether anything was counted (a grade, "not graded", or a gap).
    pub fn is_empty(&self) -> bool {
        self.total() == 0 && self.not_in_record.is_empty() && self.not_known.is_empty()
    }

    /// The forces the cycle graded: those with a grade in the record and those without.
    pub fn units_graded(&self) -> usize {
        self.graded() + self.not_in_record.len()
    }

    /// Forces graded by the cycle whose grade is not in the record.
    pub fn missing(&self) -> usize {
        self.not_in_record.len()
    }

    /// Whether every force the figure could stand on is in it (no grade missing, none of
    /// unknown standing).
    pub fn is_complete(&self) -> bool {
        self.not_in_record.is_empty() && self.not_known.is_empty()
    }

    pub fn count(&self, cell: Cell) -> usize {
        self.forces[cell.index()].len()
    }

    /// Forces with a record (graded or "not graded").
    pub fn total(&self) -> usize {
        self.forces.iter().map(Vec::len).sum()
    }

    /// Forces with a grade in the record (the loaded data).
    pub fn graded(&self) -> usize {
        self.total() - self.count(Cell::NotGraded)
    }

    /// Forces graded Good or Outstanding.
    pub fn good_or_better(&self) -> usize {
        Cell::ALL
            .iter()
            .filter(|c| c.grade().is_some_and(|g| g.is_good_or_better()))
            .map(|c| self.count(*c))
            .sum()
    }

    /// Good or better as a share of the graded forces (0.0..=1.0), or `None` when none
    /// was graded.
    pub fn share_good_or_better(&self) -> Option<f64> {
        let graded = self.graded();
        (graded > 0).then(|| self.good_or_better() as f64 / graded as f64)
    }

    /// The mean of [`crate::grade::Grade::score`] over the graded forces (Inadequate 1,
    /// Requires Improvement 2, Adequate 2.5, Good 3, Outstanding 4).
    pub fn mean_score(&self) -> Option<f64> {
        let graded = self.graded();
        let sum: f64 = Cell::ALL
            .iter()
            .filter_map(|c| c.grade().map(|g| g.score() * self.count(*c) as f64))
            .sum();
        (graded > 0).then(|| sum / graded as f64)
    }
}

/// Whether Adequate belongs on a table, key, legend or list of choices that covers
/// `period`: the five-grade scale is in use then, or some force was graded Adequate in it.
/// Every place that decides whether to show Adequate asks this.
pub fn shows_adequate(period: Period, graded_adequate: bool) -> bool {
    period.is_five_grade_era() || graded_adequate
}

/// [`shows_adequate`] for any of the given periods, over the given forces (indices into
/// [`Dataset::periods`] and [`Dataset::forces`]).
pub fn adequate_in_use(data: &Dataset, forces: &[usize], periods: &[PeriodIx]) -> bool {
    periods.iter().any(|&p| {
        let graded = forces
            .iter()
            .any(|&f| data.cell(f, p) == Some(Cell::Graded(Grade::Adequate)));
        shows_adequate(data.period(p), graded)
    })
}

/// [`adequate_in_use`] from tallies already counted, each with its period.
pub fn adequate_in_tallies<'a>(tallies: impl IntoIterator<Item = (Period, &'a Tally)>) -> bool {
    tallies
        .into_iter()
        .any(|(p, t)| shows_adequate(p, t.count(Cell::Graded(Grade::Adequate)) > 0))
}

/// The cell values a table of these forces and periods shows: Adequate where
/// [`adequate_in_use`], and "not graded" only where some force was recorded as not graded.
pub fn columns_in_use(data: &Dataset, forces: &[usize], periods: &[PeriodIx]) -> Vec<Cell> {
    let not_graded = periods.iter().any(|&p| {
        forces
            .iter()
            .any(|&f| data.cell(f, p) == Some(Cell::NotGraded))
    });
    Cell::columns(adequate_in_use(data, forces, periods), not_graded)
}

/// [`columns_in_use`] from tallies already counted, each with its period.
pub fn columns_in_tallies<'a>(
    tallies: impl IntoIterator<Item = (Period, &'a Tally)> + Clone,
) -> Vec<Cell> {
    let not_graded = tallies
        .clone()
        .into_iter()
        .any(|(_, t)| t.count(Cell::NotGraded) > 0);
    Cell::columns(adequate_in_tallies(tallies), not_graded)
}

/// One group's tally in one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupPeriod {
    pub group: String,
    pub period: Period,
    pub tally: Tally,
}

/// The name of the forces the filters pass, beside England and Wales in a summary.
pub const FILTERED: &str = "Filtered forces";

/// The group a force's grade in a period counts under.
pub fn group_of(
    data: &Dataset,
    force: usize,
    period: Period,
    grouping: Grouping,
    membership: RocuMembership,
) -> &'static str {
    let f = data.force(force);
    match grouping {
        Grouping::National => NATIONAL,
        Grouping::Region => f.region().unwrap_or(NO_REGION),
        Grouping::Rocu => f.rocu_at(period, membership).unwrap_or(NO_ROCU),
    }
}

/// Grade counts per group and period, over the given forces and period indices.
/// Groups come in alphabetical order ("(no …)" groups last), periods in time order within
/// a group; a group appears in a period only if it had a force with a record there.
pub fn distribution(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
    grouping: Grouping,
    membership: RocuMembership,
) -> Vec<GroupPeriod> {
    // Groups get small numbers as they are met; tallies are kept per group and period.
    let mut ids: rustc_hash::FxHashMap<&'static str, usize> = Default::default();
    let mut names: Vec<&'static str> = Vec::new();
    let mut tallies: Vec<Vec<Option<Tally>>> = Vec::new();
    for (slot, &p) in periods.iter().enumerate() {
        let period = data.period(p);
        for &force in forces {
            let status = data.status(force, p);
            // Units (ROCUs, British Transport Police) are not counted among forces; an area
            // the cycle did not assess is not a gap.
            if !data.force(force).is_force() || status == Status::NotAssessed {
                continue;
            }
            let group = match grouping {
                Grouping::National => 0,
                _ => {
                    let name = group_of(data, force, period, grouping, membership);
                    *ids.entry(name).or_insert_with(|| {
                        names.push(name);
                        names.len() - 1
                    })
                }
            };
            if grouping == Grouping::National && names.is_empty() {
                names.push(NATIONAL);
            }
            if tallies.len() <= group {
                tallies.resize_with(group + 1, || vec![None; periods.len()]);
            }
            tallies[group][slot]
                .get_or_insert_with(Tally::default)
                .add_status(status, force);
        }
    }
    // Alphabetical, with the "(no ...)" groups last; periods in time order.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&g| (names[g].starts_with('('), names[g]));
    let mut out = Vec::new();
    for g in order {
        for (slot, tally) in std::mem::take(&mut tallies[g]).into_iter().enumerate() {
            if let Some(tally) = tally {
                out.push(GroupPeriod {
                    group: names[g].to_string(),
                    period: data.period(periods[slot]),
                    tally,
                });
            }
        }
    }
    out
}

/// [`distribution`] for a summary that others will quote: each group row says in its
/// name when it counts only some of its forces ("South West: 1 of 5 forces shown").
/// `forces` are the forces the filters pass; a group's members are every force in the data
/// that belongs to it in that period. Nationally, as in the window's Compare, "England and
/// Wales" is every force whatever the filters; when the filters leave out some, the forces
/// they pass follow as a group of their own ("Filtered forces: 5 of 43").
pub fn summary(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
    grouping: Grouping,
    membership: RocuMembership,
) -> Vec<GroupPeriod> {
    let mut rows = distribution(data, forces, periods, grouping, membership);
    let territorial = crate::forces::ForceRegistry::builtin().len();
    if grouping == Grouping::National {
        // Every force is in England and Wales, whatever the period: count once.
        let is_force = |&&f: &&usize| data.force(f).is_force();
        let counted = forces.iter().filter(is_force).count();
        let all: Vec<usize> = (0..data.forces().len())
            .filter(|&f| data.force(f).is_force())
            .collect();
        if counted == all.len() {
            return rows;
        }
        let mut national = distribution(data, &all, periods, grouping, membership);
        let label = format!("{FILTERED}: {counted} of {}", all.len().max(territorial));
        for row in &mut rows {
            row.group = label.clone();
        }
        national.extend(rows);
        return national;
    }
    if forces.len() == data.forces().len() {
        // Nothing filtered out: every group is whole.
        return rows;
    }
    let all: Vec<usize> = (0..data.forces().len()).collect();
    let count = |set: &[usize], group: &str, period: Period| {
        set.iter()
            .filter(|&&f| data.force(f).is_force())
            .filter(|&&f| group_of(data, f, period, grouping, membership) == group)
            .count()
    };
    for row in &mut rows {
        let members = count(&all, &row.group, row.period);
        let counted = count(forces, &row.group, row.period);
        row.group = group_label(&row.group, counted, members, false);
    }
    rows
}

/// Grade counts per period for England and Wales (every force, whatever the filters) and
/// then for each of the user's groups: its members that pass the filters (`forces`),
/// labelled with how many of its members that is when not all.
pub fn group_summary(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
    groups: &[crate::ForceGroup],
    membership: RocuMembership,
) -> Vec<GroupPeriod> {
    let all: Vec<usize> = (0..data.forces().len()).collect();
    let mut rows = summary(data, &all, periods, Grouping::National, membership);
    for group in groups {
        let GroupKind::Forces(members) = group.def(data).kind else {
            continue;
        };
        let counted: Vec<usize> = members
            .iter()
            .copied()
            .filter(|f| forces.contains(f))
            .collect();
        let label = group_label(&group.name, counted.len(), group.forces.len(), false);
        let mut part = distribution(data, &counted, periods, Grouping::National, membership);
        for row in &mut part {
            row.group = label.clone();
        }
        rows.extend(part);
    }
    rows
}

/// The forces that moved from one cell value to another between two periods.
/// Only forces with a record in both periods count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transitions {
    pub from: Period,
    pub to: Period,
    /// `cells[from.index()][to.index()]`: the forces, by [`Cell::index`].
    pub cells: [[Vec<usize>; 6]; 6],
}

impl Transitions {
    pub fn forces(&self, from: Cell, to: Cell) -> &[usize] {
        &self.cells[from.index()][to.index()]
    }

    pub fn count(&self, from: Cell, to: Cell) -> usize {
        self.forces(from, to).len()
    }

    fn sum_where(&self, keep: impl Fn(Cell, Cell) -> bool) -> usize {
        Cell::ALL
            .iter()
            .flat_map(|a| Cell::ALL.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| keep(*a, *b))
            .map(|(a, b)| self.count(a, b))
            .sum()
    }

    /// Forces in both periods.
    pub fn total(&self) -> usize {
        self.sum_where(|_, _| true)
    }

    /// Graded in both periods, and better in the second.
    pub fn improved(&self) -> usize {
        self.sum_where(|a, b| matches!((a.grade(), b.grade()), (Some(x), Some(y)) if y > x))
    }

    /// Graded in both periods, and worse in the second.
    pub fn declined(&self) -> usize {
        self.sum_where(|a, b| matches!((a.grade(), b.grade()), (Some(x), Some(y)) if y < x))
    }

    /// The same cell value in both periods.
    pub fn unchanged(&self) -> usize {
        self.sum_where(|a, b| a == b)
    }

    /// [`Transitions::improved`], [`Transitions::declined`] and [`Transitions::unchanged`],
    /// indexed by [`Direction`].
    pub fn direction_counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        counts[Direction::Improved as usize] = self.improved();
        counts[Direction::Declined as usize] = self.declined();
        counts[Direction::Unchanged as usize] = self.unchanged();
        counts
    }
}

/// The transitions between two periods (indices into [`Dataset::periods`]) for the given
/// forces.
pub fn transitions(data: &Dataset, forces: &[usize], from: PeriodIx, to: PeriodIx) -> Transitions {
    let mut cells: [[Vec<usize>; 6]; 6] = Default::default();
    for &force in forces {
        if let (Some(a), Some(b)) = (data.cell(force, from), data.cell(force, to)) {
            cells[a.index()][b.index()].push(force);
        }
    }
    Transitions {
        from: data.period(from),
        to: data.period(to),
        cells,
    }
}

/// The forces in each movement class across the given periods, by position in
/// [`Movement::ALL`].
pub fn movements(data: &Dataset, forces: &[usize], periods: &[PeriodIx]) -> [Vec<usize>; 5] {
    let mut out: [Vec<usize>; 5] = Default::default();
    for &force in forces {
        let movement = Movement::of(data, force, periods, Default::default());
        let slot = Movement::ALL
            .iter()
            .position(|m| *m == movement)
            .unwrap_or(4);
        out[slot].push(force);
    }
    out
}

/// A group of forces to compare.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKind {
    /// Every force given (the England and Wales baseline).
    All,
    Region(String),
    /// A ROCU; membership is read per period under the chosen rule.
    Rocu(String),
    /// A custom set of forces, by dataset index.
    Forces(Vec<usize>),
}

/// A named group.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupDef {
    pub name: String,
    pub kind: GroupKind,
}

impl GroupDef {
    pub fn baseline() -> GroupDef {
        GroupDef {
            name: NATIONAL.into(),
            kind: GroupKind::All,
        }
    }

    /// Whether a force counts in this group for a grade given in `period`.
    pub fn contains(
        &self,
        data: &Dataset,
        force: usize,
        period: Period,
        membership: RocuMembership,
    ) -> bool {
        let f = data.force(force);
        // A ROCU or British Transport Police is never one of a group's forces.
        if !f.is_force() && !matches!(self.kind, GroupKind::Forces(_)) {
            return false;
        }
        match &self.kind {
            GroupKind::All => true,
            GroupKind::Region(r) => f.region() == Some(r.as_str()),
            GroupKind::Rocu(r) => f.rocu_at(period, membership) == Some(r.as_str()),
            GroupKind::Forces(set) => set.contains(&force),
        }
    }
}

/// One group in one period, side by side with the others.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// What the row stands for, in words that say how much of the group it covers:
    /// "England and Wales (43 forces)", "South West", "SWROCU: 1 of 5 forces shown".
    pub group: String,
    pub period: Period,
    pub tally: Tally,
    /// Forces graded better than in the previous period in range (`None` for the first).
    pub improved: Option<usize>,
    /// Forces graded worse than in the previous period in range.
    pub declined: Option<usize>,
    /// The group's forces in this period, and how many of them the row counts.
    pub members: usize,
    pub counted: usize,
}

/// The label of a group row: its name, and when the filters leave out some of its
/// forces, how many of them the row counts. The baseline always counts every force.
pub fn group_label(name: &str, counted: usize, members: usize, baseline: bool) -> String {
    if baseline {
        format!("{name} ({members} forces)")
    } else if counted == members {
        name.to_string()
    } else {
        format!("{name}: {counted} of {members} forces shown")
    }
}

/// Each group's grades per period, with how many of its forces improved and declined since
/// the previous period. The baseline ([`GroupKind::All`]) is every force in the data,
/// whatever the filters; any other group counts its forces that pass the filters (`shown`,
/// by force index) and says so in its label when that is not all of them. Rows come group
/// by group in the order given, periods in time order.
pub fn compare(
    data: &Dataset,
    shown: &[bool],
    periods: &[PeriodIx],
    groups: &[GroupDef],
    membership: RocuMembership,
) -> Vec<CompareRow> {
    let mut out = Vec::with_capacity(groups.len() * periods.len());
    for group in groups {
        let baseline = group.kind == GroupKind::All;
        for (i, &p) in periods.iter().enumerate() {
            let period = data.period(p);
            let members: Vec<usize> = match &group.kind {
                GroupKind::Forces(set) => set.clone(),
                _ => (0..data.forces().len())
                    .filter(|&f| group.contains(data, f, period, membership))
                    .collect(),
            };
            let counted: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&f| baseline || shown.get(f).copied().unwrap_or(false))
                .collect();
            let mut tally = Tally::default();
            let (mut improved, mut declined) = (0, 0);
            let previous = i.checked_sub(1).map(|j| periods[j]);
            for &f in &counted {
                let status = data.status(f, p);
                tally.add_status(status, f);
                let Status::Cell(cell) = status else {
                    continue;
                };
                let before = previous.and_then(|q| data.cell(f, q)).and_then(Cell::grade);
                match (before, cell.grade()) {
                    (Some(a), Some(b)) if b > a => improved += 1,
                    (Some(a), Some(b)) if b < a => declined += 1,
                    _ => {}
                }
            }
            // A period where few forces are graded says so, rather than "(43 forces)"
            // above four grades.
            let label = if baseline && !tally.is_complete() {
                // Short: the label sits beside a bar. The bar and the table say the rest.
                if tally.not_known.is_empty() {
                    format!(
                        "{}: {} of {} in the record",
                        group.name,
                        tally.graded(),
                        tally.units_graded()
                    )
                } else {
                    format!(
                        "{}: {} in the record, {} not known",
                        group.name,
                        tally.graded(),
                        tally.not_known.len()
                    )
                }
            } else if baseline && tally.graded() < members.len() {
                format!(
                    "{}, {} of {} graded",
                    group.name,
                    tally.graded(),
                    members.len()
                )
            } else {
                group_label(&group.name, counted.len(), members.len(), baseline)
            };
            out.push(CompareRow {
                group: label,
                period,
                tally,
                improved: previous.map(|_| improved),
                declined: previous.map(|_| declined),
                members: members.len(),
                counted: counted.len(),
            });
        }
    }
    out
}

/// The transitions between each pair of consecutive periods: the ribbons of an alluvial
/// diagram.
pub fn flows(data: &Dataset, forces: &[usize], periods: &[PeriodIx]) -> Vec<Transitions> {
    periods
        .windows(2)
        .map(|w| transitions(data, forces, w[0], w[1]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_eras() -> Dataset {
        let source = crate::parse_source(
            "eras.csv",
            b"force,year,grade\nKent,2016,Good\nKent,2021/22,Good\nDorset,2016,\n",
        )
        .expect("valid");
        Dataset::from_sources(&[source]).expect("merges")
    }

    #[test]
    fn adequate_is_shown_in_the_five_grade_era_or_where_graded() {
        let y2016 = Period::year(2016);
        let y2022 = Period::cycle(2021, 2022);
        assert!(!shows_adequate(y2016, false));
        assert!(shows_adequate(y2016, true));
        assert!(shows_adequate(y2022, false));

        let data = two_eras();
        let forces: Vec<usize> = (0..data.forces().len()).collect();
        assert!(!adequate_in_use(&data, &forces, &PeriodIx::many([0])));
        assert!(adequate_in_use(&data, &forces, &PeriodIx::many([0, 1])));
        let figure7 = Dataset::figure7();
        let all: Vec<usize> = (0..figure7.forces().len()).collect();
        assert!(!adequate_in_use(&figure7, &all, &PeriodIx::many([0, 1, 2])));

        let mut graded = Tally::default();
        graded.add(Cell::Graded(Grade::Adequate), 0);
        assert!(adequate_in_tallies([(y2016, &graded)]));
        assert!(!adequate_in_tallies([(y2016, &Tally::default())]));
        assert!(adequate_in_tallies([(y2022, &Tally::default())]));
    }

    #[test]
    fn columns_from_the_data_and_from_tallies_agree() {
        let data = two_eras();
        let forces: Vec<usize> = (0..data.forces().len()).collect();
        for periods in [vec![0], vec![1], vec![0, 1]].map(PeriodIx::many) {
            let rows = distribution(
                &data,
                &forces,
                &periods,
                Grouping::National,
                RocuMembership::AtTheTime,
            );
            assert_eq!(
                columns_in_use(&data, &forces, &periods),
                columns_in_tallies(rows.iter().map(|r| (r.period, &r.tally))),
                "{periods:?}"
            );
        }
        // Dorset was not graded in 2016; the five-grade era adds Adequate.
        assert_eq!(
            columns_in_use(&data, &forces, &PeriodIx::many([0])),
            Cell::columns(false, true)
        );
        assert_eq!(
            columns_in_use(&data, &forces, &PeriodIx::many([1])),
            Cell::columns(true, false)
        );
    }
}
