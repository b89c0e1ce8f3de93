//! How a force's grades moved across periods ([`Movement`]), and the rule it is read by
//! ([`MovementRule`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Dataset;
use crate::filter::comparable;
use crate::grade::Cell;
use crate::period::{Period, PeriodIx};

/// How a force's grade moved across the chosen periods. Only periods in which the force
/// was graded count; "not graded" and missing periods are skipped.
///
/// - **Improved**: it never fell from one graded period to the next, and ended better than
///   it started (Requires Improvement → Good → Good).
/// - **Declined**: it never rose, and ended worse than it started (Good → Good → Requires
///   Improvement).
/// - **Stable**: the same grade in every graded period.
/// - **Fluctuated**: it both rose and fell (Good → Requires Improvement → Good).
/// - **Insufficient**: fewer than two graded periods, so there is no movement to speak of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Movement {
    Improved,
    Declined,
    Stable,
    Fluctuated,
    Insufficient,
}

impl Movement {
    pub const ALL: [Movement; 5] = [
        Movement::Improved,
        Movement::Declined,
        Movement::Stable,
        Movement::Fluctuated,
        Movement::Insufficient,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Movement::Improved => "Improved",
            Movement::Declined => "Declined",
            Movement::Stable => "Stable",
            Movement::Fluctuated => "Fluctuated",
            Movement::Insufficient => "Too few grades",
        }
    }

    /// A one-word name for the command line and CSV files.
    pub fn key(self) -> &'static str {
        match self {
            Movement::Improved => "improved",
            Movement::Declined => "declined",
            Movement::Stable => "stable",
            Movement::Fluctuated => "fluctuated",
            Movement::Insufficient => "insufficient",
        }
    }

    /// Classifies a sequence of cells in time order, every step comparable.
    pub fn classify(cells: impl IntoIterator<Item = Option<Cell>>) -> Movement {
        Movement::classify_steps(cells.into_iter().map(|c| (c, true)))
    }

    /// Classifies a sequence of cells in time order, each with whether the step to it
    /// from the graded cell before counts. With no step that counts, there is no movement
    /// to speak of ([`Movement::Insufficient`]).
    pub fn classify_steps(cells: impl IntoIterator<Item = (Option<Cell>, bool)>) -> Movement {
        let mut graded = cells
            .into_iter()
            .filter_map(|(c, counts)| Some((c?.grade()?, counts)));
        let Some((first, _)) = graded.next() else {
            return Movement::Insufficient;
        };
        let (mut rose, mut fell, mut steps, mut last) = (false, false, 0, first);
        for (grade, counts) in graded {
            if counts {
                rose |= grade > last;
                fell |= grade < last;
                steps += 1;
            }
            last = grade;
        }
        match (steps, rose, fell) {
            (0, _, _) => Movement::Insufficient,
            (_, true, true) => Movement::Fluctuated,
            (_, true, false) => Movement::Improved,
            (_, false, true) => Movement::Declined,
            (_, false, false) => Movement::Stable,
        }
    }

    /// A force's movement across the given periods (indices), read by `rule`: by default a
    /// step across the 2021/22 change of scale is not counted, nor is a carried-over grade
    /// when the rule says to skip them.
    pub fn of(data: &Dataset, force: usize, periods: &[PeriodIx], rule: MovementRule) -> Movement {
        let mut previous: Option<Period> = None;
        Movement::classify_steps(periods.iter().filter_map(|&p| {
            let cell = data.cell(force, p);
            if rule.skip_carried_over && data.carried_over(force, p) {
                return None;
            }
            let period = data.period(p);
            let counts = match previous {
                Some(before) if cell.and_then(Cell::grade).is_some() => {
                    rule.across_scale_change || comparable(before, period)
                }
                _ => true,
            };
            if cell.and_then(Cell::grade).is_some() {
                previous = Some(period);
            }
            Some((cell, counts))
        }))
    }
}

/// What a force's movement covers where its grades lie either side of the 2021/22 change
/// of scale and steps across it are not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Covers {
    /// Every step between its grades.
    All,
    /// Only the steps up to this period (the last before the change).
    To(Period),
    /// Only the steps from this period on (the first after the change).
    Since(Period),
    /// The steps on each side, not the one between.
    EachSide,
    /// Grades either side and no step within a side: nothing comparable.
    NotComparable,
}

impl Movement {
    /// The movement with what it covers: "Stable to 2018/19", "Improved since 2021/22",
    /// "Not comparable", or the plain label where every step counts.
    pub fn described(
        data: &Dataset,
        force: usize,
        periods: &[PeriodIx],
        rule: MovementRule,
    ) -> (Movement, Covers) {
        let movement = Movement::of(data, force, periods, rule);
        if rule.across_scale_change {
            return (movement, Covers::All);
        }
        let graded: Vec<Period> = periods
            .iter()
            .filter(|&&p| data.cell(force, p).and_then(Cell::grade).is_some())
            .filter(|&&p| !(rule.skip_carried_over && data.carried_over(force, p)))
            .map(|&p| data.period(p))
            .collect();
        let (old, new): (Vec<Period>, Vec<Period>) =
            graded.iter().partition(|p| !p.is_five_grade_era());
        let covers = match (old.len(), new.len()) {
            (_, 0) | (0, _) => Covers::All,
            (1, 1) => Covers::NotComparable,
            (_, 1) => old.last().map_or(Covers::All, |&p| Covers::To(p)),
            (1, _) => new.first().map_or(Covers::All, |&p| Covers::Since(p)),
            _ => Covers::EachSide,
        };
        (movement, covers)
    }

    /// [`Movement::described`] as a CSV writes it: the one-word key, and what it covers
    /// where that is less than every step ("stable to 2018/19", "not comparable").
    pub fn described_key(movement: Movement, covers: Covers) -> String {
        let key = movement.key();
        match covers {
            Covers::All => key.to_string(),
            Covers::To(p) => format!("{key} to {p}"),
            Covers::Since(p) => format!("{key} since {p}"),
            Covers::EachSide => format!("{key} (each side of 2021/22)"),
            Covers::NotComparable => "not comparable".to_string(),
        }
    }

    /// [`Movement::described`] in words, as a table, profile, briefing or export shows it.
    pub fn described_label(movement: Movement, covers: Covers) -> String {
        match covers {
            Covers::All => movement.label().to_string(),
            Covers::To(p) => format!("{} to {p}", movement.label()),
            Covers::Since(p) => format!("{} since {p}", movement.label()),
            Covers::EachSide => format!("{} (each side of 2021/22)", movement.label()),
            Covers::NotComparable => "Not comparable".to_string(),
        }
    }
}

/// A force's movement in words with what it covers, and why where that is less than
/// every step: what a table's movement cell and its hover say.
pub fn words(
    data: &Dataset,
    force: usize,
    periods: &[PeriodIx],
    rule: MovementRule,
) -> (String, Option<&'static str>) {
    let (m, covers) = Movement::described(data, force, periods, rule);
    (Movement::described_label(m, covers), covers_note(covers))
}

/// Why a movement covers less than every step, in words for a hover (`None` where it covers
/// them all).
pub fn covers_note(covers: Covers) -> Option<&'static str> {
    (covers != Covers::All).then_some(
        "Steps across the 2021/22 change of scale are not counted: grades either side are \
         not directly comparable (Adequate was added). The filter panel's option to count \
         them does so.",
    )
}

impl fmt::Display for Movement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Movement {
    type Err = String;

    fn from_str(text: &str) -> Result<Movement, String> {
        let key = text.trim().to_lowercase();
        Movement::ALL
            .into_iter()
            .find(|m| m.key() == key || m.label().to_lowercase() == key)
            .ok_or_else(|| {
                format!(
                    "unknown movement {text:?}; expected improved, declined, stable, fluctuated \
                     or insufficient"
                )
            })
    }
}

/// How movement is read. By default a step across the 2021/22 change of scale is not
/// counted (HMICFRS: grades either side are not directly comparable), and carried-over
/// grades count like any other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct MovementRule {
    /// Count steps across the change of scale as improvement or decline.
    pub across_scale_change: bool,
    /// Leave carried-over grades out, as no fresh evidence of movement.
    pub skip_carried_over: bool,
}

#[cfg(test)]
mod covers_tests {
    use super::*;
    use crate::import::parse_source;

    /// Made up for this test: one force's grades either side of the change of scale.
    fn described(rows: &str) -> (String, String) {
        let text = format!("force,year,grade\n{rows}");
        let source = parse_source("made-up.csv", text.as_bytes()).expect("reads");
        let data = Dataset::from_sources(&[source]).expect("merges");
        let all: Vec<PeriodIx> = data.period_ixs().collect();
        let (m, covers) = Movement::described(&data, 0, &all, MovementRule::default());
        (
            Movement::described_label(m, covers),
            Movement::described_key(m, covers),
        )
    }

    #[test]
    fn a_movement_says_what_it_covers() {
        // Good, Good, then Inadequate after the change of scale: stable, but only to 2018/19.
        let (label, key) =
            described("Kent,2017,Good\nKent,2018/19,Good\nKent,2023-25,Inadequate\n");
        assert_eq!(
            (label.as_str(), key.as_str()),
            ("Stable to 2018/19", "stable to 2018/19")
        );
        let (label, _) = described("Kent,2018/19,Good\nKent,2021/22,Adequate\nKent,2023-25,Good\n");
        assert_eq!(label, "Improved since 2021/22");
        let (label, key) = described("Kent,2018/19,Good\nKent,2023-25,Inadequate\n");
        assert_eq!(
            (label.as_str(), key.as_str()),
            ("Not comparable", "not comparable")
        );
        let (label, _) = described("Kent,2016,Good\nKent,2017,Outstanding\n");
        assert_eq!(label, "Improved");
    }
}
