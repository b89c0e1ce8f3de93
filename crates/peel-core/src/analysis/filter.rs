//! Filtering forces. One [`Filter`] value drives the table, every chart, the exports and
//! the command line.

use std::collections::BTreeSet;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use crate::facets::Facet;
pub use crate::movement::{Movement, MovementRule};

use crate::dataset::Dataset;
use crate::forces::{RocuMembership, match_key};
use crate::grade::Cell;
use crate::period::{Period, PeriodIx};

/// Which way a force's grade went from one period to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Direction {
    Improved,
    Declined,
    Unchanged,
}

impl Direction {
    pub const ALL: [Direction; 3] = [
        Direction::Improved,
        Direction::Declined,
        Direction::Unchanged,
    ];

    /// The direction from `a` to `b`: compared when both are grades, unchanged when the
    /// cells are equal, and `None` when one of them is "not graded" and the other is not.
    pub fn between(a: Cell, b: Cell) -> Option<Direction> {
        match (a.grade(), b.grade()) {
            (Some(x), Some(y)) if y > x => Some(Direction::Improved),
            (Some(x), Some(y)) if y < x => Some(Direction::Declined),
            _ if a == b => Some(Direction::Unchanged),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::Improved => "Improved",
            Direction::Declined => "Declined",
            Direction::Unchanged => "Unchanged",
        }
    }
}

impl FromStr for Direction {
    type Err = String;

    fn from_str(text: &str) -> Result<Direction, String> {
        let key = text.trim().to_lowercase();
        Direction::ALL
            .into_iter()
            .find(|d| d.label().to_lowercase() == key)
            .ok_or_else(|| {
                format!("unknown direction {text:?}; expected improved, declined or unchanged")
            })
    }
}

/// "Between these two periods, the force's grade went this way (or took one of these
/// steps)." A force needs a record in both periods to match.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChangeCondition {
    pub from: Period,
    pub to: Period,
    /// Any of these directions; empty means any.
    pub directions: BTreeSet<Direction>,
    /// Any of these (from, to) steps, as a transition matrix's cells; empty means any.
    pub steps: BTreeSet<(Cell, Cell)>,
}

impl ChangeCondition {
    /// A condition between two periods that any change meets (until directions or steps
    /// are added).
    pub fn between(from: Period, to: Period) -> ChangeCondition {
        ChangeCondition {
            from,
            to,
            directions: BTreeSet::new(),
            steps: BTreeSet::new(),
        }
    }

    /// The force's cells in the two periods, if it has both.
    pub fn cells(&self, data: &Dataset, force: usize) -> Option<(Cell, Cell)> {
        Some((
            data.cell_at(force, self.from)?,
            data.cell_at(force, self.to)?,
        ))
    }

    pub fn matches(&self, data: &Dataset, force: usize) -> bool {
        let Some((a, b)) = self.cells(data, force) else {
            return false;
        };
        (self.directions.is_empty()
            || Direction::between(a, b).is_some_and(|d| self.directions.contains(&d)))
            && (self.steps.is_empty() || self.steps.contains(&(a, b)))
    }

    pub fn is_empty(&self) -> bool {
        self.directions.is_empty() && self.steps.is_empty()
    }
}

/// Which of `len` forces are among `forces`, by force index.
pub fn mask(len: usize, forces: &[usize]) -> Vec<bool> {
    let mut shown = vec![false; len];
    for &f in forces {
        if let Some(s) = shown.get_mut(f) {
            *s = true;
        }
    }
    shown
}

/// "A force had one of these grades in this period."
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GradeCondition {
    pub period: Period,
    pub cells: BTreeSet<Cell>,
}

/// Which forces to show. An empty set means "any"; all the conditions must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Case-insensitive text found in the force's name, official name or ONS code.
    pub search: String,
    pub regions: BTreeSet<String>,
    /// Matches a force that belonged to one of these ROCUs in any period in range.
    pub rocus: BTreeSet<String>,
    pub countries: BTreeSet<String>,
    /// The user's groups chosen (with their members as they were when chosen; the window
    /// keeps them in step when a group changes): a force in any of them passes.
    pub groups: Vec<crate::ForceGroup>,
    /// Each condition must hold: in its period, the force's cell is one of its cells.
    pub grades: Vec<GradeCondition>,
    /// The force's movement across the periods in range is one of these.
    pub movements: BTreeSet<Movement>,
    /// How the force's grade changed between two periods.
    pub change: Option<ChangeCondition>,
    /// The first period in range (inclusive), or from the start.
    pub since: Option<Period>,
    /// The last period in range (inclusive), or to the end.
    pub until: Option<Period>,
    /// How ROCU membership is read, for the ROCU filter and ROCU grouping.
    pub rocu_membership: RocuMembership,
    /// How movement across the periods in range is read.
    pub movement_rule: MovementRule,
    /// Only forces with a grade the cycle gave, in range, that is not in the record.
    pub not_in_record: bool,
}

/// Whether grades of two periods can be compared as better or worse: both before the
/// 2021/22 change of scale, or both from it on.
pub fn comparable(a: Period, b: Period) -> bool {
    a.is_five_grade_era() == b.is_five_grade_era()
}

/// Where the scale changed among the given periods (indices into the dataset's): the
/// position in `periods` of the first period on the new scale, when one before it is on
/// the old.
pub fn scale_break(data: &Dataset, periods: &[PeriodIx]) -> Option<usize> {
    periods
        .windows(2)
        .position(|w| !comparable(data.period(w[0]), data.period(w[1])))
        .map(|i| i + 1)
}

impl Filter {
    /// Figure 7's three years (2015 to 2017) and no condition: what the window opens on.
    pub fn figure7_years() -> Filter {
        Filter {
            since: Some(Period::year(2015)),
            until: Some(Period::year(2017)),
            ..Filter::default()
        }
    }

    /// Whether the range is Figure 7's three years, as the window opens on.
    pub fn is_figure7_range(&self) -> bool {
        let years = Filter::figure7_years();
        (self.since, self.until) == (years.since, years.until)
    }

    /// True when no condition is set (the range and membership rule aside).
    pub fn is_empty(&self) -> bool {
        self.search.trim().is_empty()
            && self.regions.is_empty()
            && self.rocus.is_empty()
            && self.countries.is_empty()
            && self.groups.is_empty()
            && self.grades.iter().all(|g| g.cells.is_empty())
            && self.movements.is_empty()
            && self.change.as_ref().is_none_or(ChangeCondition::is_empty)
            && self.since.is_none()
            && self.until.is_none()
    }

    /// Whether a period lies in the chosen range.
    pub fn in_range(&self, period: Period) -> bool {
        self.since.is_none_or(|s| period >= s) && self.until.is_none_or(|u| period <= u)
    }

    /// The dataset's periods in range, as indices into [`Dataset::periods`].
    pub fn period_indices(&self, data: &Dataset) -> Vec<PeriodIx> {
        data.period_ixs()
            .filter(|&i| self.in_range(data.period(i)))
            .collect()
    }

    /// The dataset's periods in range.
    pub fn periods(&self, data: &Dataset) -> Vec<Period> {
        data.periods()
            .iter()
            .copied()
            .filter(|p| self.in_range(*p))
            .collect()
    }

    /// A force's movement across the periods in range, by the filter's movement rule.
    pub fn movement(&self, data: &Dataset, force: usize, periods: &[PeriodIx]) -> Movement {
        Movement::of(data, force, periods, self.movement_rule)
    }

    /// A force's movement in words, saying what it covers where steps across the change
    /// of scale are left out ("Stable to 2018/19"; see [`Movement::described`]).
    pub fn movement_label(&self, data: &Dataset, force: usize, periods: &[PeriodIx]) -> String {
        let (m, covers) = Movement::described(data, force, periods, self.movement_rule);
        Movement::described_label(m, covers)
    }

    /// Whether one force passes, given the period indices in range.
    pub fn matches(&self, data: &Dataset, force: usize, periods: &[PeriodIx]) -> bool {
        self.matches_except(data, force, periods, None)
    }

    /// Like [`Filter::matches`], ignoring one facet: the counts beside each choice of a
    /// facet are taken with every other facet applied.
    pub fn matches_except(
        &self,
        data: &Dataset,
        force: usize,
        periods: &[PeriodIx],
        skip: Option<Facet>,
    ) -> bool {
        let movement = self.movement(data, force, periods);
        self.failures(data, force, periods, movement) & !skip.map_or(0, Facet::bit) == 0
    }

    /// The facets a force fails, one bit each ([`Facet::bit`]); 0 means it passes. Each
    /// condition is tested once, so the window can count every facet's choices from one
    /// pass. `movement` is the force's movement across `periods`.
    pub fn failures(
        &self,
        data: &Dataset,
        force: usize,
        periods: &[PeriodIx],
        movement: Movement,
    ) -> u16 {
        let f = data.force(force);
        let mut failed = 0u16;
        let search = self.search.trim();
        if !search.is_empty() {
            let needle = search.to_lowercase();
            let key = match_key(search);
            let hit = f.name.to_lowercase().contains(&needle)
                || (!key.is_empty() && match_key(&f.name).contains(&key))
                || f.info.is_some_and(|i| {
                    i.official_name.to_lowercase().contains(&needle)
                        || i.ons_code.to_lowercase() == needle
                });
            if !hit {
                failed |= Facet::Search.bit();
            }
        }
        if !self.regions.is_empty() && !f.region().is_some_and(|r| self.regions.contains(r)) {
            failed |= Facet::Region.bit();
        }
        if !self.countries.is_empty() && !f.country().is_some_and(|c| self.countries.contains(c)) {
            failed |= Facet::Country.bit();
        }
        if !self.rocus.is_empty() {
            let hit = match self.rocu_membership {
                RocuMembership::Current => f
                    .info
                    .is_some_and(|i| !i.rocu_now.is_empty() && self.rocus.contains(&i.rocu_now)),
                RocuMembership::AtTheTime => periods.iter().any(|&p| {
                    f.rocu_at(data.period(p), self.rocu_membership)
                        .is_some_and(|r| self.rocus.contains(r))
                }),
            };
            if !hit {
                failed |= Facet::Rocu.bit();
            }
        }
        if !self.groups.is_empty() && !self.groups.iter().any(|g| g.contains(&f.name)) {
            failed |= Facet::Group.bit();
        }
        if self.not_in_record
            && !periods
                .iter()
                .any(|&p| data.status(force, p) == crate::Status::NotInRecord)
        {
            failed |= Facet::Gaps.bit();
        }
        for condition in &self.grades {
            if condition.cells.is_empty() {
                continue;
            }
            let cell = data.cell_at(force, condition.period);
            if !cell.is_some_and(|c| condition.cells.contains(&c)) {
                failed |= Facet::Grade.bit();
            }
        }
        if let Some(change) = &self.change
            && !change.is_empty()
            && !change.matches(data, force)
        {
            failed |= Facet::Change.bit();
        }
        if !self.movements.is_empty() && !self.movements.contains(&movement) {
            failed |= Facet::Movement.bit();
        }
        // A unit (a ROCU, British Transport Police) is graded only by the regional
        // inspections: outside them it has no row to show. Within them, a unit whose grade
        // is not in the record is a gap to show.
        let unassessed = |p: PeriodIx| {
            data.cell(force, p).is_none() && data.status(force, p) == crate::Status::NotAssessed
        };
        if !f.is_force() && periods.iter().all(|&p| unassessed(p)) {
            failed |= Facet::Range.bit();
        }
        failed
    }

    /// The indices of the forces that pass, in dataset order.
    pub fn apply(&self, data: &Dataset) -> Vec<usize> {
        let periods = self.period_indices(data);
        (0..data.forces().len())
            .filter(|&f| self.matches(data, f, &periods))
            .collect()
    }

    /// The active conditions in words, one per condition, for chips and briefings.
    pub fn describe(&self) -> Vec<(Facet, String)> {
        let mut out = Vec::new();
        let search = self.search.trim();
        if !search.is_empty() {
            out.push((Facet::Search, format!("Name contains \"{search}\"")));
        }
        let join = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(" or ");
        if !self.regions.is_empty() {
            out.push((Facet::Region, format!("Region: {}", join(&self.regions))));
        }
        if !self.rocus.is_empty() {
            let when = match self.rocu_membership {
                RocuMembership::AtTheTime => "at the time",
                RocuMembership::Current => "now",
            };
            out.push((Facet::Rocu, format!("ROCU ({when}): {}", join(&self.rocus))));
        }
        if !self.countries.is_empty() {
            out.push((
                Facet::Country,
                format!("Country: {}", join(&self.countries)),
            ));
        }
        if !self.groups.is_empty() {
            let names: Vec<&str> = self.groups.iter().map(|g| g.name.as_str()).collect();
            out.push((Facet::Group, format!("Group: {}", names.join(" or "))));
        }
        for condition in self.grades.iter().filter(|c| !c.cells.is_empty()) {
            let cells: Vec<_> = condition.cells.iter().rev().map(|c| c.label()).collect();
            out.push((
                Facet::Grade,
                format!("{}: {}", condition.period, cells.join(" or ")),
            ));
        }
        if !self.movements.is_empty() {
            let moves: Vec<_> = self.movements.iter().map(|m| m.label()).collect();
            out.push((Facet::Movement, format!("Movement: {}", moves.join(" or "))));
        }
        if let Some(c) = self.change.as_ref().filter(|c| !c.is_empty()) {
            let mut parts: Vec<String> =
                c.directions.iter().map(|d| d.label().to_string()).collect();
            parts.extend(
                c.steps
                    .iter()
                    .map(|(a, b)| format!("{} to {}", a.label(), b.label())),
            );
            out.push((
                Facet::Change,
                format!("{} to {}: {}", c.from, c.to, parts.join(" or ")),
            ));
        }
        if self.not_in_record {
            out.push((
                Facet::Gaps,
                "Only forces with a grade not in the record".to_string(),
            ));
        }
        match (self.since, self.until) {
            (None, None) => {}
            (Some(s), None) => out.push((Facet::Range, format!("Periods from {s}"))),
            (None, Some(u)) => out.push((Facet::Range, format!("Periods up to {u}"))),
            (Some(s), Some(u)) => out.push((Facet::Range, format!("Periods {s} to {u}"))),
        }
        out
    }

    /// Removes one facet's conditions.
    pub fn clear(&mut self, facet: Facet) {
        match facet {
            Facet::Search => self.search.clear(),
            Facet::Region => self.regions.clear(),
            Facet::Rocu => self.rocus.clear(),
            Facet::Country => self.countries.clear(),
            Facet::Group => self.groups.clear(),
            Facet::Grade => self.grades.clear(),
            Facet::Movement => self.movements.clear(),
            Facet::Change => self.change = None,
            Facet::Range => {
                self.since = None;
                self.until = None;
            }
            Facet::Gaps => self.not_in_record = false,
        }
    }

    /// Adds `PERIOD=GRADE`: forces graded so in that period. Several grades for one period
    /// mean "any of them".
    pub fn add_grade(&mut self, period: Period, cell: Cell) {
        match self.grades.iter_mut().find(|g| g.period == period) {
            Some(condition) => {
                condition.cells.insert(cell);
            }
            None => self.grades.push(GradeCondition {
                period,
                cells: BTreeSet::from([cell]),
            }),
        }
    }
}

/// Parses `FROM..TO=DIRECTION` (as in `--change 2015..2016=declined`).
pub fn parse_change(text: &str) -> Result<(Period, Period, Direction), String> {
    let usage =
        || format!("expected FROM..TO=DIRECTION (e.g. 2015..2016=declined), found {text:?}");
    let (range, direction) = text.split_once('=').ok_or_else(usage)?;
    let (from, to) = range.split_once("..").ok_or_else(usage)?;
    let from = from.parse::<Period>().map_err(|e| e.to_string())?;
    let to = to.parse::<Period>().map_err(|e| e.to_string())?;
    Ok((from, to, direction.parse()?))
}

/// Parses `PERIOD=GRADE` (as in `--grade 2016=RI`).
pub fn parse_grade_condition(text: &str) -> Result<(Period, Cell), String> {
    let (period, grade) = text
        .split_once('=')
        .ok_or_else(|| format!("expected PERIOD=GRADE (e.g. 2016=RI), found {text:?}"))?;
    let period = period.parse::<Period>().map_err(|e| e.to_string())?;
    let cell = Cell::parse(grade).map_err(|e| e.to_string())?;
    Ok((period, cell))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::Grade::*;

    fn seq(grades: &[Option<crate::grade::Grade>]) -> Movement {
        Movement::classify(
            grades
                .iter()
                .map(|g| Some(g.map_or(Cell::NotGraded, Cell::Graded))),
        )
    }

    #[test]
    fn steps_across_the_scale_change_count_only_when_asked() {
        // Made-up grades: Kent Good in 2017, Adequate in 2021/22 and 2023-25.
        let source = crate::parse_source(
            "t.csv",
            b"force,year,grade,carried over\n\
              Kent,2016,Requires improvement,\n\
              Kent,2017,Good,yes\n\
              Kent,2021/22,Adequate,\n\
              Kent,2023-25,Adequate,\n",
        )
        .expect("valid");
        let data = Dataset::from_sources(&[source]).expect("merges");
        let all: Vec<PeriodIx> = data.period_ixs().collect();
        let rule = MovementRule::default();
        // RI to G improved; G to A is across the change and not counted; A to A stable.
        assert_eq!(Movement::of(&data, 0, &all, rule), Movement::Improved);
        let across = MovementRule {
            across_scale_change: true,
            ..rule
        };
        assert_eq!(Movement::of(&data, 0, &all, across), Movement::Fluctuated);
        // Only the new-scale periods: one comparable step, unchanged.
        assert_eq!(Movement::of(&data, 0, &all[2..], rule), Movement::Stable);
        // 2017 and 2021/22 alone: no comparable step at all.
        assert_eq!(
            Movement::of(&data, 0, &all[1..3], rule),
            Movement::Insufficient
        );
        // Leaving out the carried-over 2017 grade leaves RI then (across the change) A.
        let skip = MovementRule {
            skip_carried_over: true,
            ..rule
        };
        assert_eq!(
            Movement::of(&data, 0, &all[..3], skip),
            Movement::Insufficient
        );
        assert_eq!(scale_break(&data, &all), Some(2));
        assert_eq!(scale_break(&data, &all[..2]), None);
    }

    #[test]
    fn movement_definitions() {
        assert_eq!(seq(&[Some(Good), Some(Good), Some(Good)]), Movement::Stable);
        assert_eq!(
            seq(&[Some(RequiresImprovement), Some(Good), Some(Good)]),
            Movement::Improved
        );
        assert_eq!(
            seq(&[Some(Good), Some(Good), Some(RequiresImprovement)]),
            Movement::Declined
        );
        assert_eq!(
            seq(&[Some(Good), Some(RequiresImprovement), Some(Good)]),
            Movement::Fluctuated
        );
        assert_eq!(seq(&[Some(Good)]), Movement::Insufficient);
        assert_eq!(seq(&[None, Some(Good), None]), Movement::Insufficient);
        assert_eq!(
            seq(&[Some(Good), None, Some(Outstanding)]),
            Movement::Improved
        );
        assert_eq!(Movement::classify([None, None]), Movement::Insufficient);
    }

    #[test]
    fn directions_between_cells() {
        let g = Cell::Graded;
        assert_eq!(
            Direction::between(g(Good), g(Outstanding)),
            Some(Direction::Improved)
        );
        assert_eq!(
            Direction::between(g(Good), g(Inadequate)),
            Some(Direction::Declined)
        );
        assert_eq!(
            Direction::between(g(Good), g(Good)),
            Some(Direction::Unchanged)
        );
        assert_eq!(
            Direction::between(Cell::NotGraded, Cell::NotGraded),
            Some(Direction::Unchanged)
        );
        assert_eq!(Direction::between(Cell::NotGraded, g(Good)), None);
        assert_eq!(
            parse_change("2015..2016=Declined"),
            Ok((Period::year(2015), Period::year(2016), Direction::Declined))
        );
        assert!(parse_change("2015-2016=declined").is_err());
        assert!(parse_change("2015..2016=worse").is_err());
    }

    #[test]
    fn parses_grade_conditions_and_movements() {
        assert_eq!(
            parse_grade_condition("2016=RI"),
            Ok((Period::year(2016), Cell::Graded(RequiresImprovement)))
        );
        assert!(parse_grade_condition("2016").is_err());
        assert!(parse_grade_condition("2016=Excellent").is_err());
        assert_eq!("Declined".parse(), Ok(Movement::Declined));
        assert!("sideways".parse::<Movement>().is_err());
    }
}
