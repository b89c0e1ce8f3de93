//! Data derived from the dataset, the settings and the selection, with everything the
//! charts say worked out beside their numbers. Recomputed in [`AppState::refresh`], and
//! only the part an action made stale (see [`super::Action::invalidates`]).

use super::AppState;
use super::settings::{CompareBy, MapMode};
use crate::core::aggregate::{self, GroupPeriod, Grouping};
use crate::core::area::BUILTIN_AREA;
use crate::core::facets::{self, FacetCounts};
use crate::core::filter::Facet;
use crate::core::map_picture::{self, Colouring};
use crate::core::sort::sort_rows;
use crate::core::{Cell, Movement, PeriodIx, Status, narrative};

/// How much of the derived data an action makes stale. Each level includes the ones
/// below it: new rows mean a new selection's indices, and a new map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Invalidates {
    /// Nothing computed changes.
    #[default]
    Nothing,
    /// The map's colouring.
    Map,
    /// The selection and what follows it: the profile, trajectories, compared groups.
    Selection,
    /// The filtered rows and every aggregate over them.
    Rows,
}

/// The focused force's grades in every area loaded: areas down, periods across.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scorecard {
    /// Every period any area is graded in, in time order.
    pub periods: Vec<crate::core::Period>,
    /// Each area (the built-in one first) and the force's grade in each period, with
    /// whether it was carried over.
    pub rows: Vec<(String, Vec<ScoreCell>)>,
}

/// One grade on a scorecard, and whether it was carried over.
pub type ScoreCell = (crate::core::Status, bool);

/// The focused force's profile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Every area's grades, when more than one area is loaded.
    pub scorecard: Option<Scorecard>,
    /// Where each of the force's grades in range comes from: the period, the grade, and
    /// the lines of its provenance.
    pub sources: Vec<(crate::core::Period, String, Vec<narrative::SourceLine>)>,
    pub force: usize,
    pub summary: String,
    pub region: Option<(&'static str, Vec<usize>)>,
    pub rocu: Option<(&'static str, Vec<usize>)>,
    pub national: Vec<GroupPeriod>,
    /// The grade columns the national picture needs.
    pub national_columns: Vec<Cell>,
}

/// The trajectories chart: which forces it draws and what it says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trajectories {
    /// The forces drawn, at most [`Trajectories::MAX_LINES`].
    pub forces: Vec<usize>,
    /// The chart in words (empty when nothing is drawn).
    pub text: String,
    /// Whether its grade axis needs Adequate (the five-grade scale).
    pub adequate: bool,
}

impl Trajectories {
    pub const MAX_LINES: usize = 12;
}

/// Words for the Movement view's charts: their text alternatives and each bar segment's
/// tooltip.
#[derive(Clone, Debug, Default)]
pub struct ChartTexts {
    pub distribution: String,
    pub flows: String,
    /// The transition matrix's text alternative.
    pub transition: String,
    /// When the change filter is on: that the matrix counts more forces than the table
    /// shows, and why.
    pub transition_note: Option<String>,
    /// When the matrix's two periods are graded on different scales: that they are.
    pub transition_scale_note: Option<String>,
    /// Per cell (by [`Cell::index`]), per period in range.
    pub bars: Vec<Vec<String>>,
    /// Per period in range: how many forces it graded whose grade is not in the record,
    /// and the words for that block of the bar (empty when none are missing anywhere).
    pub missing_bars: Vec<(usize, String)>,
}

/// What the cached baseline rows were worked out for.
type BaselineKey = (u64, Vec<PeriodIx>, crate::core::RocuMembership);

/// Everything derived.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// What the grades on screen measure, and where they come from.
    pub subject: String,
    /// The areas loaded, when there are several to choose from (empty otherwise).
    pub areas: Vec<String>,
    /// The same areas grouped by the cycle that first graded them, for the picker.
    pub area_groups: Vec<(String, Vec<String>)>,
    /// Filtered forces, sorted.
    pub rows: Vec<usize>,
    /// Whether each force (by index) passes the filters.
    pub shown: Vec<bool>,
    /// Period indices in range.
    pub periods: Vec<PeriodIx>,
    /// Where the grading scale changed among the periods in range: the position in
    /// `periods` of the first period on the new scale.
    pub scale_break: Option<usize>,
    /// Whether any grade in the area was carried over from an earlier inspection.
    pub any_carried: bool,
    /// What the table's empty cells mean, for those it shows ("" when every cell has a
    /// grade).
    pub absence_key: String,
    /// Each force's movement across the periods in range, by force index.
    pub movements: Vec<Movement>,
    /// Each force's movement in words, saying what it covers ("Stable to 2018/19"), and
    /// why where that is less than every step; by force index.
    pub movement_words: Vec<(String, Option<&'static str>)>,
    pub counts: FacetCounts,
    /// The grade facet's choices for its period.
    pub grade_choices: Vec<Cell>,
    /// The selected forces' indices, in selection order (those in the data).
    pub selection: Vec<usize>,
    /// The index of the force whose profile is shown.
    pub focus: Option<usize>,
    pub profile: Option<Profile>,
    /// Grade counts per period over the filtered forces (Movement view).
    pub distribution: Vec<GroupPeriod>,
    /// Transitions between consecutive periods in range (the alluvial ribbons).
    pub flows: Vec<aggregate::Transitions>,
    /// Each flow's forces by names, `[flow][from][to]` by cell index (for hovering).
    pub flow_names: Vec<Vec<Vec<String>>>,
    /// Transitions between the change periods, over the forces that pass every filter but
    /// the change filter itself (so choosing a cell does not empty the others).
    pub transition: Option<aggregate::Transitions>,
    /// The matrix's forces by names, `[from][to]` by cell index (for hovering).
    pub transition_names: Vec<Vec<String>>,
    /// The Compare view's rows: the baseline, then each chosen group.
    pub compare: Vec<aggregate::CompareRow>,
    /// Each comparison row's forces by names, per cell (for hovering).
    pub compare_names: Vec<Vec<String>>,
    /// The grade columns the comparison's table needs.
    pub compare_columns: Vec<Cell>,
    /// The selected forces' names, in words.
    pub selection_names: String,
    /// The England and Wales rows, which depend on the data and the periods, never on the
    /// filters: kept until those change (data version, periods, membership).
    baseline: Option<(BaselineKey, Vec<aggregate::CompareRow>)>,
    pub trajectories: Trajectories,
    pub texts: ChartTexts,
    pub map: map_picture::Picture,
}

impl AppState {
    /// Recomputes the derived data an action made stale.
    pub fn refresh(&mut self) {
        let stale = std::mem::take(&mut self.stale);
        if stale >= Invalidates::Rows {
            self.recompute_rows();
        }
        if stale >= Invalidates::Selection {
            self.recompute_selection();
        }
        if stale >= Invalidates::Map {
            self.recompute_map();
        }
    }

    /// How many forces each facet's choices would show (see [`facets::count`]).
    fn facet_counts(
        &self,
        movements: &[Movement],
        failures: &[u16],
        periods: &[PeriodIx],
    ) -> FacetCounts {
        let data = &self.data;
        let grade = self.grade_period().and_then(|p| data.period_index(p));
        let change = self
            .change_periods()
            .and_then(|(a, b)| Some((data.period_index(a)?, data.period_index(b)?)));
        let membership = self.settings.filter.rocu_membership;
        let mut counts = facets::count(
            data, movements, failures, periods, membership, grade, change,
        );
        counts.groups = facets::count_groups(data, failures, &self.settings.groups);
        counts
    }

    /// Every chart's words: the text alternatives (with the scale change where it is in
    /// range), the matrix's notes, each bar segment's tooltip.
    fn chart_texts(
        &self,
        periods: &[PeriodIx],
        scale_break: Option<usize>,
        (distribution, flows, transition): (
            &[GroupPeriod],
            &[aggregate::Transitions],
            Option<&aggregate::Transitions>,
        ),
        transition_note: Option<String>,
    ) -> ChartTexts {
        let data = &self.data;
        let break_note = scale_break
            .map(|i| {
                let rule = self.settings.filter.movement_rule;
                narrative::scale_break_note(data.period(periods[i]), rule)
            })
            .unwrap_or_default();
        ChartTexts {
            distribution: narrative::distribution_text(distribution) + &break_note,
            flows: narrative::flows_text(flows) + &break_note,
            transition: transition.map_or_else(String::new, narrative::matrix_text),
            transition_note,
            transition_scale_note: self
                .change_periods()
                .and_then(|(from, to)| narrative::matrix_scale_note(from, to)),
            bars: bar_texts(data, periods, distribution),
            missing_bars: missing_bars(data, periods, distribution),
        }
    }

    fn recompute_rows(&mut self) {
        let data = &self.data;
        let filter = &self.settings.filter;
        let periods = filter.period_indices(data);
        let n = data.forces().len();
        let movements: Vec<Movement> = (0..n).map(|f| filter.movement(data, f, &periods)).collect();
        let rule = filter.movement_rule;
        let movement_words = (0..n)
            .map(|f| crate::core::movement::words(data, f, &periods, rule))
            .collect();
        // One pass: which facets each force fails. A force is shown when it fails none;
        // a facet's choices are counted over forces that fail nothing else.
        let failures: Vec<u16> = movements
            .iter()
            .enumerate()
            .map(|(f, m)| filter.failures(data, f, &periods, *m))
            .collect();
        let passes_except = |f: usize, facet: Facet| failures[f] & !facet.bit() == 0;
        let mut rows: Vec<usize> = (0..n).filter(|&f| failures[f] == 0).collect();
        let membership = filter.rocu_membership;
        sort_rows(
            data,
            &movements,
            self.settings.sort,
            membership,
            &periods,
            &mut rows,
        );

        let counts = self.facet_counts(&movements, &failures, &periods);
        let grade_choices = self.grade_period().map_or_else(Vec::new, |period| {
            let condition = filter.grades.iter().find(|g| g.period == period);
            facets::grade_choices(period, &counts, |cell| {
                condition.is_some_and(|c| c.cells.contains(&cell))
            })
        });
        let change_index = self
            .change_periods()
            .and_then(|(a, b)| Some((data.period_index(a)?, data.period_index(b)?)));
        let distribution =
            aggregate::distribution(data, &rows, &periods, Grouping::National, membership);
        let flows = aggregate::flows(data, &rows, &periods);
        let ignoring_change: Vec<usize> = (0..n)
            .filter(|&f| passes_except(f, Facet::Change))
            .collect();
        let transition =
            change_index.map(|(from, to)| aggregate::transitions(data, &ignoring_change, from, to));
        let transition_note = filter
            .change
            .as_ref()
            .map(|_| narrative::change_filter_note(rows.len(), ignoring_change.len()));
        let shown = crate::core::filter::mask(n, &rows);
        let scale_break = crate::core::filter::scale_break(data, &periods);
        let charts = (&distribution[..], &flows[..], transition.as_ref());
        let texts = self.chart_texts(&periods, scale_break, charts, transition_note);
        let any_carried = (0..n).any(|f| data.period_ixs().any(|p| data.carried_over(f, p)));
        let absence_key = narrative::absence_key(
            rows.iter()
                .flat_map(|&f| periods.iter().map(move |&p| data.status(f, p))),
        );
        let baseline = self.derived.baseline.take();
        self.derived = Derived {
            baseline,
            scale_break,
            any_carried,
            absence_key,
            subject: self.subject(),
            areas: match self.areas().as_slice() {
                [_, _, ..] => self.areas().into_iter().map(String::from).collect(),
                _ => Vec::new(),
            },
            area_groups: self.grades.areas_by_cycle(),
            rows,
            shown,
            periods,
            movements,
            movement_words,
            counts,
            grade_choices,
            distribution,
            flow_names: flows
                .iter()
                .map(|t| narrative::transition_names(data, t))
                .collect(),
            flows,
            transition_names: transition
                .as_ref()
                .map(|t| narrative::transition_names(data, t))
                .unwrap_or_default(),
            transition,
            texts,
            ..Derived::default()
        };
    }

    /// The selection's indices, the profile, the trajectories and the compared groups.
    fn recompute_selection(&mut self) {
        let data = &self.data;
        let selection: Vec<usize> = self
            .selection
            .names()
            .iter()
            .filter_map(|n| data.find_force(n))
            .collect();
        let focus = self.selection.focus().and_then(|n| data.find_force(n));
        let d = &self.derived;
        let membership = self.settings.filter.rocu_membership;
        let profile = focus.map(|force| {
            let latest = d.periods.last().map(|&p| data.period(p));
            let all: Vec<usize> = (0..data.forces().len()).collect();
            let sources = d
                .periods
                .iter()
                .filter_map(|&p| {
                    let provenance = data.provenance(force, p)?;
                    let cell = data.cell(force, p)?;
                    let lines = narrative::provenance_lines(&provenance);
                    Some((data.period(p), cell.label().to_string(), lines))
                })
                .collect();
            let national =
                aggregate::distribution(data, &all, &d.periods, Grouping::National, membership);
            Profile {
                scorecard: self.scorecard(&data.force(force).name),
                sources,
                force,
                summary: narrative::force_summary(data, force, &d.periods, membership),
                region: narrative::region_peers(data, force),
                rocu: latest.and_then(|p| narrative::rocu_peers(data, force, p, membership)),
                national_columns: aggregate::columns_in_tallies(
                    national.iter().map(|r| (r.period, &r.tally)),
                ),
                national,
            }
        });
        let trajectories = trajectories(data, &selection, &d.rows, &d.shown, &d.periods);
        let compare = if self.settings.compare_by == CompareBy::Areas {
            self.compare_areas()
        } else {
            let key: BaselineKey = (self.data_version, d.periods.clone(), membership);
            let mut rows = match &d.baseline {
                Some((cached, rows)) if *cached == key => rows.clone(),
                _ => {
                    let baseline = [aggregate::GroupDef::baseline()];
                    aggregate::compare(data, &d.shown, &d.periods, &baseline, membership)
                }
            };
            let baseline = (key, rows.clone());
            let groups = self.compare_groups(&selection);
            rows.extend(aggregate::compare(
                data, &d.shown, &d.periods, &groups, membership,
            ));
            self.derived.baseline = Some(baseline);
            rows
        };
        let d = &mut self.derived;
        d.selection_names = narrative::name_list(data, &selection);
        d.selection = selection;
        d.focus = focus;
        d.profile = profile;
        d.trajectories = trajectories;
        d.compare_names = compare
            .iter()
            .map(|r| narrative::tally_names(data, &r.tally))
            .collect();
        d.compare_columns =
            aggregate::columns_in_tallies(compare.iter().map(|r| (r.period, &r.tally)));
        d.compare = compare;
    }

    fn recompute_map(&mut self) {
        let colouring = match self.settings.map_mode {
            MapMode::Grade => self.map_period().map(Colouring::Grade),
            MapMode::Change => self.change_periods().map(|(a, b)| Colouring::Change(a, b)),
        };
        let d = &self.derived;
        self.derived.map = map_picture::picture(&self.data, colouring, &d.shown, &d.periods);
    }

    /// A force's grades in every area, when more than one area is loaded.
    fn scorecard(&self, name: &str) -> Option<Scorecard> {
        let areas = self.grades.datasets();
        if areas.len() < 2 {
            return None;
        }
        let periods = self.grades.all_periods();
        let rows = areas
            .iter()
            .map(|d| {
                let force = d.find_force(name);
                let cells = periods
                    .iter()
                    .map(|&p| {
                        let at = force.zip(d.period_index(p));
                        let status = force.map_or(Status::NotKnown, |f| d.status_at(f, p));
                        (status, at.is_some_and(|(f, i)| d.carried_over(f, i)))
                    })
                    .collect();
                (d.area().to_string(), cells)
            })
            .collect();
        Some(Scorecard { periods, rows })
    }

    /// What the grades measure and where they come from, in one line.
    fn subject(&self) -> String {
        let in_range = self.settings.filter.periods(&self.data);
        let figure7_years = !in_range.is_empty() && in_range.iter().all(|p| p.start <= 2017);
        let built_in_only = self.settings.builtin && self.files.is_empty();
        if built_in_only && self.data.area() == BUILTIN_AREA && figure7_years {
            "PEEL Effectiveness grades for serious and organised crime: Figure 7 of the \
             Serious and Organised Crime Strategy (November 2018)."
                .into()
        } else if built_in_only && !self.data.area().is_empty() {
            format!(
                "PEEL grades for {}: the published record, each grade with the page it was \
                 read on (hover a grade).",
                self.data.area()
            )
        } else if self.data.area().is_empty() {
            format!("No grades loaded: {}.", self.data_label())
        } else {
            format!(
                "PEEL grades for {}: {}.",
                self.data.area(),
                self.data_label()
            )
        }
    }

    /// The groups the Compare view shows beside the England and Wales baseline: each chosen
    /// region or ROCU (in the order chosen), or the selected forces.
    fn compare_groups(&self, selection: &[usize]) -> Vec<aggregate::GroupDef> {
        use aggregate::{GroupDef, GroupKind};
        let mut groups = Vec::new();
        let chosen = &self.settings.compare_groups;
        match self.settings.compare_by {
            CompareBy::Region => groups.extend(chosen.iter().map(|g| GroupDef {
                name: g.clone(),
                kind: GroupKind::Region(g.clone()),
            })),
            CompareBy::Rocu => {
                for g in chosen {
                    groups.push(GroupDef {
                        name: g.clone(),
                        kind: GroupKind::Rocu(g.clone()),
                    });
                    // The ROCU's own grade, beside its forces', where it was graded.
                    if let Some(unit) = self.data.find_force(g)
                        && !self.data.force(unit).is_force()
                    {
                        groups.push(GroupDef {
                            name: format!("{g} (the unit itself)"),
                            kind: GroupKind::Forces(vec![unit]),
                        });
                    }
                }
            }
            CompareBy::Selection if !selection.is_empty() => groups.push(GroupDef {
                name: narrative::selection_name(&self.data, selection),
                kind: GroupKind::Forces(selection.to_vec()),
            }),
            CompareBy::Groups => groups.extend(chosen.iter().filter_map(|name| {
                let group = self.settings.groups.iter().find(|g| g.name == *name)?;
                Some(group.def(&self.data))
            })),
            CompareBy::Selection | CompareBy::Areas => {}
        }
        groups
    }

    /// The Compare view by area: for the forces that pass the filters, each area's grades
    /// in the periods in range (those the area was graded in), side by side.
    fn compare_areas(&self) -> Vec<aggregate::CompareRow> {
        let d = &self.derived;
        let names: Vec<&str> = d
            .rows
            .iter()
            .map(|&f| self.data.force(f).name.as_str())
            .collect();
        let wanted: Vec<crate::core::Period> =
            d.periods.iter().map(|&p| self.data.period(p)).collect();
        let membership = self.settings.filter.rocu_membership;
        let mut rows = Vec::new();
        for area in self.grades.datasets() {
            let forces: Vec<usize> = names.iter().filter_map(|n| area.find_force(n)).collect();
            let periods: Vec<PeriodIx> = wanted
                .iter()
                .filter_map(|&p| area.period_index(p))
                .collect();
            let shown = crate::core::filter::mask(area.forces().len(), &forces);
            let group = aggregate::GroupDef {
                name: area.area().to_string(),
                kind: aggregate::GroupKind::Forces(forces),
            };
            rows.extend(aggregate::compare(
                area,
                &shown,
                &periods,
                &[group],
                membership,
            ));
        }
        rows
    }
}

/// The forces the trajectories chart draws (the selected ones, or the filtered ones when
/// there are only a few), and the chart in words.
fn trajectories(
    data: &crate::core::Dataset,
    selection: &[usize],
    rows: &[usize],
    passes: &[bool],
    periods: &[PeriodIx],
) -> Trajectories {
    let (forces, what) = if !selection.is_empty() {
        (selection, "selected")
    } else if rows.len() <= Trajectories::MAX_LINES {
        (rows, "filtered")
    } else {
        return Trajectories::default();
    };
    let shown = &forces[..forces.len().min(Trajectories::MAX_LINES)];
    let mut text: Vec<String> = shown
        .iter()
        .map(|&f| narrative::trajectory(data, f, periods))
        .collect();
    let outside: Vec<usize> = shown
        .iter()
        .copied()
        .filter(|&f| !passes.get(f).copied().unwrap_or(false))
        .collect();
    if !outside.is_empty() {
        text.push(format!(
            "Outside the current filters, drawn because selected: {}.",
            narrative::name_list(data, &outside)
        ));
    }
    if forces.len() > shown.len() {
        text.push(format!(
            "{} more {what} forces are not drawn.",
            forces.len() - shown.len()
        ));
    }
    Trajectories {
        adequate: aggregate::adequate_in_use(data, shown, periods),
        forces: shown.to_vec(),
        text: text.join(" "),
    }
}

/// What each bar of the grades-per-period chart says, by cell and period.
fn missing_bars(
    data: &crate::core::Dataset,
    periods: &[PeriodIx],
    distribution: &[aggregate::GroupPeriod],
) -> Vec<(usize, String)> {
    if distribution.iter().all(|r| r.tally.missing() == 0) {
        return Vec::new();
    }
    periods
        .iter()
        .map(|&p| {
            let period = data.period(p);
            let n = distribution
                .iter()
                .find(|r| r.period == period)
                .map_or(0, |r| r.tally.missing());
            (n, format!("{period}: {n} graded, not in the record [x]"))
        })
        .collect()
}

fn bar_texts(
    data: &crate::core::Dataset,
    periods: &[PeriodIx],
    distribution: &[aggregate::GroupPeriod],
) -> Vec<Vec<String>> {
    Cell::ALL
        .iter()
        .map(|&cell| {
            periods
                .iter()
                .map(|&p| {
                    let period = data.period(p);
                    let row = distribution.iter().find(|r| r.period == period);
                    narrative::bar_text(data, cell, row, period)
                })
                .collect()
        })
        .collect()
}
