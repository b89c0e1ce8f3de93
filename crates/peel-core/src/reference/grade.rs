//! The PEEL grading scale.
//!
//! PEEL used four grades from 2014 to 2018/19 (Outstanding, Good, Requires improvement,
//! Inadequate). From the 2021/22 cycle on it uses five, with Adequate between Good and
//! Requires improvement. A blank cell means the force was not graded.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One PEEL grade. The derived order runs from worst to best, so `a > b` means `a` is the
/// better grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    Inadequate,
    RequiresImprovement,
    Adequate,
    Good,
    Outstanding,
}

/// A cell of the grade matrix: a grade, or "not graded" (a blank cell in a source).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Cell {
    NotGraded,
    Graded(Grade),
}

impl Grade {
    /// Every grade, best first (the order of a key or legend).
    pub const ALL: [Grade; 5] = [
        Grade::Outstanding,
        Grade::Good,
        Grade::Adequate,
        Grade::RequiresImprovement,
        Grade::Inadequate,
    ];

    /// The full label, as HMICFRS prints it.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Outstanding => "Outstanding",
            Grade::Good => "Good",
            Grade::Adequate => "Adequate",
            Grade::RequiresImprovement => "Requires Improvement",
            Grade::Inadequate => "Inadequate",
        }
    }

    /// The short label printed inside a coloured cell: O, G, A, RI, I.
    pub fn short(self) -> &'static str {
        match self {
            Grade::Outstanding => "O",
            Grade::Good => "G",
            Grade::Adequate => "A",
            Grade::RequiresImprovement => "RI",
            Grade::Inadequate => "I",
        }
    }

    /// The score used for mean grades: Inadequate 1, Requires Improvement 2, Good 3,
    /// Outstanding 4. Adequate (five-grade scale only) sits half-way, at 2.5.
    pub fn score(self) -> f64 {
        match self {
            Grade::Inadequate => 1.0,
            Grade::RequiresImprovement => 2.0,
            Grade::Adequate => 2.5,
            Grade::Good => 3.0,
            Grade::Outstanding => 4.0,
        }
    }

    /// Good or Outstanding.
    pub fn is_good_or_better(self) -> bool {
        self >= Grade::Good
    }

    /// Position in [`Grade::ALL`] (0 = Outstanding).
    pub fn index(self) -> usize {
        Grade::ALL.iter().position(|g| *g == self).unwrap_or(0)
    }

    /// The grades a scale, key or axis shows, best first: Adequate only when `adequate`
    /// (whether it is in use is [`crate::aggregate::shows_adequate`]).
    pub fn scale(adequate: bool) -> Vec<Grade> {
        Grade::ALL
            .into_iter()
            .filter(|g| adequate || *g != Grade::Adequate)
            .collect()
    }
}

impl Cell {
    /// Every cell value, best first, "not graded" last: the order of counts and legends.
    pub const ALL: [Cell; 6] = [
        Cell::Graded(Grade::Outstanding),
        Cell::Graded(Grade::Good),
        Cell::Graded(Grade::Adequate),
        Cell::Graded(Grade::RequiresImprovement),
        Cell::Graded(Grade::Inadequate),
        Cell::NotGraded,
    ];

    pub fn grade(self) -> Option<Grade> {
        match self {
            Cell::Graded(g) => Some(g),
            Cell::NotGraded => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Cell::Graded(g) => g.label(),
            Cell::NotGraded => "Not graded",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Cell::Graded(g) => g.short(),
            Cell::NotGraded => "NG",
        }
    }

    /// The cell values a table or key shows, best first and "not graded" last: Adequate
    /// only when `adequate`, "not graded" only when `not_graded`.
    pub fn columns(adequate: bool, not_graded: bool) -> Vec<Cell> {
        let mut cells: Vec<Cell> = Grade::scale(adequate)
            .into_iter()
            .map(Cell::Graded)
            .collect();
        if not_graded {
            cells.push(Cell::NotGraded);
        }
        cells
    }

    /// Position in [`Cell::ALL`]: 0..=4 for grades best first, 5 for not graded.
    pub fn index(self) -> usize {
        match self {
            Cell::Graded(g) => g.index(),
            Cell::NotGraded => 5,
        }
    }

    /// The text written to a CSV file: the full label, or empty for not graded.
    pub fn csv_text(self) -> &'static str {
        match self {
            Cell::Graded(g) => g.label(),
            Cell::NotGraded => "",
        }
    }

    /// The spellings this app and HMICFRS write, matched exactly (as bytes, so an
    /// importer need not make text of them first); `None` for anything else.
    pub fn exact(bytes: &[u8]) -> Option<Cell> {
        match bytes {
            b"" => Some(Cell::NotGraded),
            b"Good" => Some(Cell::Graded(Grade::Good)),
            b"Outstanding" => Some(Cell::Graded(Grade::Outstanding)),
            b"Requires Improvement" | b"Requires improvement" => {
                Some(Cell::Graded(Grade::RequiresImprovement))
            }
            b"Inadequate" => Some(Cell::Graded(Grade::Inadequate)),
            b"Adequate" => Some(Cell::Graded(Grade::Adequate)),
            _ => None,
        }
    }

    /// Whether a table cell is the UK Government Analysis Function's shorthand for a value
    /// that is missing (`[x]` not available, `[z]` not applicable, and the like): no grade
    /// is given there, so a reader skips it.
    pub fn is_shorthand(text: &[u8]) -> bool {
        matches!(text.trim_ascii(), [b'[', c, b']'] if c.is_ascii_alphabetic())
    }

    /// Parses a cell: a grade, or blank / "not graded" / "n/a".
    pub fn parse(text: &str) -> Result<Cell, UnknownGrade> {
        if let Some(cell) = Cell::exact(text.as_bytes()) {
            return Ok(cell);
        }
        let key = normalise(text);
        match key.as_str() {
            "" | "not graded" | "ungraded" | "ng" | "n/a" | "na" | "none" => Ok(Cell::NotGraded),
            _ => Grade::from_str(text).map(Cell::Graded),
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A grade that is not on the scale.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown grade {0:?}; expected one of Outstanding, Good, Adequate, Requires Improvement, \
     Inadequate (or O, G, A, RI, I), or a blank cell for not graded"
)]
pub struct UnknownGrade(pub String);

/// Lower case, with `-`, `_` and runs of white space folded into single spaces.
fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl FromStr for Grade {
    type Err = UnknownGrade;

    /// Forgives case, spacing, hyphens and the common short forms:
    /// "RI", "Requires improvement", "requires-improvement", "req. improvement".
    fn from_str(text: &str) -> Result<Grade, UnknownGrade> {
        let key = normalise(text);
        let grade = match key.as_str() {
            "outstanding" | "o" => Grade::Outstanding,
            "good" | "g" => Grade::Good,
            "adequate" | "a" => Grade::Adequate,
            "requires improvement"
            | "requires improvements"
            | "require improvement"
            | "ri"
            | "req improvement"
            | "req. improvement"
            | "needs improvement" => Grade::RequiresImprovement,
            "inadequate" | "i" => Grade::Inadequate,
            _ => return Err(UnknownGrade(text.trim().to_string())),
        };
        Ok(grade)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_leave_out_adequate_and_not_graded_unless_asked() {
        use Grade::*;
        assert_eq!(
            Grade::scale(false),
            [Outstanding, Good, RequiresImprovement, Inadequate]
        );
        assert_eq!(Grade::scale(true), Grade::ALL);
        assert_eq!(Cell::columns(true, true), Cell::ALL);
        assert_eq!(
            Cell::columns(false, false),
            Grade::scale(false)
                .into_iter()
                .map(Cell::Graded)
                .collect::<Vec<_>>()
        );
        assert_eq!(Cell::columns(false, true).last(), Some(&Cell::NotGraded));
    }

    #[test]
    fn order_runs_worst_to_best() {
        assert!(Grade::Outstanding > Grade::Good);
        assert!(Grade::Good > Grade::Adequate);
        assert!(Grade::Adequate > Grade::RequiresImprovement);
        assert!(Grade::RequiresImprovement > Grade::Inadequate);
        assert!(Cell::Graded(Grade::Inadequate) > Cell::NotGraded);
    }

    #[test]
    fn parsing_forgives_case_spacing_and_short_forms() {
        for text in [
            "RI",
            "ri",
            "Requires improvement",
            "requires-improvement",
            "  REQUIRES   IMPROVEMENT ",
            "requires_improvement",
        ] {
            assert_eq!(
                text.parse::<Grade>(),
                Ok(Grade::RequiresImprovement),
                "{text}"
            );
        }
        assert_eq!("outstanding".parse::<Grade>(), Ok(Grade::Outstanding));
        assert_eq!("G".parse::<Grade>(), Ok(Grade::Good));
        assert_eq!("Adequate".parse::<Grade>(), Ok(Grade::Adequate));
        assert_eq!("I".parse::<Grade>(), Ok(Grade::Inadequate));
    }

    #[test]
    fn unknown_grade_lists_the_accepted_ones() {
        let err = "Excelent".parse::<Grade>().unwrap_err();
        let message = err.to_string();
        assert!(message.contains("\"Excelent\""), "{message}");
        for label in [
            "Outstanding",
            "Good",
            "Adequate",
            "Requires Improvement",
            "Inadequate",
        ] {
            assert!(message.contains(label), "{message}");
        }
    }

    #[test]
    fn blank_cells_are_not_graded() {
        assert_eq!(Cell::parse(""), Ok(Cell::NotGraded));
        assert_eq!(Cell::parse("  "), Ok(Cell::NotGraded));
        assert_eq!(Cell::parse("Not graded"), Ok(Cell::NotGraded));
        assert_eq!(Cell::parse("good"), Ok(Cell::Graded(Grade::Good)));
    }

    #[test]
    fn labels_and_indices() {
        let shorts: Vec<_> = Cell::ALL.iter().map(|c| c.short()).collect();
        assert_eq!(shorts, ["O", "G", "A", "RI", "I", "NG"]);
        for (i, cell) in Cell::ALL.iter().enumerate() {
            assert_eq!(cell.index(), i);
        }
        assert!(Grade::Good.is_good_or_better());
        assert!(!Grade::Adequate.is_good_or_better());
    }
}
