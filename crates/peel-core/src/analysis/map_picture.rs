//! What the hexagon map shows, worked out once with its words: each hexagon's colouring,
//! mark, accessible name and hover lines, the key, and the map's text alternative.
//! Drawing (sizes, colours) is left to the window and the briefing.

use crate::aggregate::Tally;
use crate::hexmap::{Hex, HexMap};
use crate::narrative::tally_text;
use crate::{Cell, Dataset, Direction, Period, PeriodIx, Status};

/// What the hexagons are coloured by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colouring {
    /// Each force's grade in one period.
    Grade(Period),
    /// How each force's grade changed from one period to another.
    Change(Period, Period),
}

/// One hexagon's colour, before the palette turns it into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// No grade to show.
    Blank,
    /// No grade, and why: not in the record, not known whether graded, or not assessed
    /// (never a [`Status::Cell`]).
    Absent(Status),
    Grade(Cell),
    Change(Direction),
}

impl Paint {
    /// The mark printed in the hexagon (never colour alone).
    pub fn mark(self) -> &'static str {
        match self {
            Paint::Blank => "",
            Paint::Absent(status) => status.mark(),
            Paint::Grade(cell) => cell.short(),
            Paint::Change(Direction::Improved) => "+",
            Paint::Change(Direction::Declined) => "-",
            Paint::Change(Direction::Unchanged) => "=",
        }
    }
}

/// One force's hexagon.
#[derive(Clone, Debug, PartialEq)]
pub struct MapHex {
    pub force: usize,
    pub hex: Hex,
    /// The short label printed in the hexagon.
    pub label: String,
    pub paint: Paint,
    /// The grade shown was carried over from an earlier inspection.
    pub carried: bool,
    /// Whether the force passes the filters (others are dimmed, not hidden).
    pub shown: bool,
    /// What a screen reader says: "Kent: Good in 2017".
    pub says: String,
    /// The hover text under the force's name: its grade in each period in range.
    pub hover: Vec<String>,
}

/// The whole map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    pub hexes: Vec<MapHex>,
    /// The grades the key lists (grade colouring only).
    pub key: Vec<Cell>,
    /// The kinds of absence on the map, for the key (grade colouring only).
    pub absent: Vec<Status>,
    /// The map in words.
    pub text: String,
}

/// Works out the map of the loaded forces that are among the 43. `shown` is, by force
/// index, whether each force passes the filters; `periods` are the period indices in
/// range (for the hover lines).
pub fn picture(
    data: &Dataset,
    colouring: Option<Colouring>,
    shown: &[bool],
    periods: &[PeriodIx],
) -> Picture {
    let map = HexMap::builtin();
    let mut tally = Tally::default();
    let mut changes = [0usize; 3];
    let mut hexes = Vec::new();
    for (name, hex) in &map.cells {
        let Some(f) = data.find_force(name) else {
            continue;
        };
        let mut carried = false;
        let (paint, says) = match colouring {
            Some(Colouring::Grade(p)) => match data.status_at(f, p) {
                Status::Cell(c) => {
                    tally.add(c, f);
                    carried = data
                        .period_index(p)
                        .is_some_and(|i| data.carried_over(f, i));
                    let note = if carried { " (carried over)" } else { "" };
                    (Paint::Grade(c), format!("{} in {p}{note}", c.label()))
                }
                absent => {
                    tally.add_status(absent, f);
                    let words = crate::narrative::status_words(absent, p);
                    (Paint::Absent(absent), format!("{p}: {words}"))
                }
            },
            Some(Colouring::Change(a, b)) => match (data.cell_at(f, a), data.cell_at(f, b)) {
                (Some(x), Some(y)) => {
                    let d = Direction::between(x, y).unwrap_or(Direction::Unchanged);
                    changes[d as usize] += 1;
                    let word = match d {
                        Direction::Improved => "improved",
                        Direction::Declined => "declined",
                        Direction::Unchanged => "unchanged",
                    };
                    let says = format!("{} in {a}, {} in {b}: {word}", x.label(), y.label());
                    (Paint::Change(d), says)
                }
                _ => (Paint::Blank, format!("not graded in both {a} and {b}")),
            },
            None => (Paint::Blank, "no grade".into()),
        };
        let hover = periods
            .iter()
            .map(|&p| {
                let cell = data.cell(f, p);
                let label = cell.map_or("no record", |c| c.label());
                let note = if data.carried_over(f, p) {
                    " (carried over)"
                } else {
                    ""
                };
                format!("{}: {label}{note}", data.period(p))
            })
            .collect();
        hexes.push(MapHex {
            force: f,
            hex: *hex,
            label: map.labels.get(name).cloned().unwrap_or_default(),
            paint,
            carried,
            shown: shown.get(f).copied().unwrap_or(false),
            says: format!("{}: {says}", data.force(f).name),
            hover,
        });
    }
    let key = match colouring {
        Some(Colouring::Grade(p)) => {
            let not_graded = tally.count(Cell::NotGraded) > 0;
            Cell::columns(
                crate::aggregate::adequate_in_tallies([(p, &tally)]),
                not_graded,
            )
        }
        _ => Vec::new(),
    };
    let absent = [Status::NotInRecord, Status::NotKnown, Status::NotAssessed]
        .into_iter()
        .filter(|s| hexes.iter().any(|h| h.paint == Paint::Absent(*s)))
        .collect();
    let text = map_text(data, colouring, &hexes, &tally, changes);
    Picture {
        hexes,
        key,
        absent,
        text,
    }
}

fn map_text(
    data: &Dataset,
    colouring: Option<Colouring>,
    hexes: &[MapHex],
    tally: &Tally,
    changes: [usize; 3],
) -> String {
    let on_map = hexes.len();
    let mut text = match colouring {
        Some(Colouring::Grade(p)) => {
            let gaps = crate::narrative::gaps_text(tally);
            let gaps = if gaps.is_empty() {
                String::new()
            } else {
                format!("; {gaps}")
            };
            format!(
                "Map of {on_map} forces coloured by grade in {p}: {}{gaps}.",
                tally_text(tally)
            )
        }
        Some(Colouring::Change(a, b)) => format!(
            "Map of {on_map} forces coloured by change from {a} to {b}: {} improved, {} \
             declined, {} unchanged.",
            changes[Direction::Improved as usize],
            changes[Direction::Declined as usize],
            changes[Direction::Unchanged as usize]
        ),
        None => "Map of the forces.".into(),
    };
    let dimmed = hexes.iter().filter(|h| !h.shown).count();
    if dimmed > 0 {
        let (forces, are) = if dimmed == 1 {
            ("force", "is")
        } else {
            ("forces", "are")
        };
        text += &format!(" {dimmed} {forces} outside the filters {are} dimmed.");
    }
    // Every force on the map is one of the 43; the others are the unknown ones.
    let missing_count = data.forces().len() - on_map;
    if missing_count > 0 {
        let mut missing: Vec<&str> = data
            .forces()
            .iter()
            .filter(|f| f.info.is_none())
            .take(5)
            .map(|f| f.name.as_str())
            .collect();
        if missing_count > missing.len() {
            missing.push("and more");
        }
        text += &format!(" Not on the map ({missing_count}): {}.", missing.join(", "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn figure7() -> Dataset {
        Dataset::from_sources(&[Source::builtin()]).expect("built-in data loads")
    }

    #[test]
    fn grade_colouring_counts_and_names_each_hexagon() {
        let data = figure7();
        let p2017 = data.period(PeriodIx::new(2));
        let shown = vec![true; data.forces().len()];
        let all: Vec<PeriodIx> = data.period_ixs().collect();
        let pic = picture(&data, Some(Colouring::Grade(p2017)), &shown, &all);
        assert_eq!(pic.hexes.len(), 43);
        let kent = pic
            .hexes
            .iter()
            .find(|h| data.force(h.force).name == "Kent")
            .expect("Kent is on the map");
        assert_eq!(kent.says, "Kent: Good in 2017");
        assert_eq!(kent.paint.mark(), "G");
        assert_eq!(kent.hover.len(), 3);
        assert!(
            pic.text
                .starts_with("Map of 43 forces coloured by grade in 2017")
        );
        assert!(!pic.key.contains(&Cell::Graded(crate::Grade::Adequate)));
    }

    #[test]
    fn change_colouring_and_dimming_are_described() {
        let data = figure7();
        let (a, b) = (data.period(PeriodIx::new(0)), data.period(PeriodIx::new(1)));
        let mut shown = vec![true; data.forces().len()];
        shown[0] = false;
        let pic = picture(&data, Some(Colouring::Change(a, b)), &shown, &[]);
        let moved: usize = pic
            .hexes
            .iter()
            .filter(|h| matches!(h.paint, Paint::Change(_)))
            .count();
        assert_eq!(moved, 43);
        assert!(pic.text.contains("coloured by change from 2015 to 2016"));
        assert!(pic.text.contains("1 force outside the filters is dimmed"));
        assert!(pic.key.is_empty());
    }
}
