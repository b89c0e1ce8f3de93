//! What a cell of one area's grade matrix holds, or why it is empty: a grade, "not graded",
//! or one of the three kinds of absence ([`Status`]).

use crate::area::Coverage;
use crate::grade::Cell;

/// What a cell of the grade matrix holds, or why it is empty. The three kinds of absence
/// are kept apart everywhere: a grade the cycle gave that is not in the record, a cell the
/// cycle may or may not have graded, and an area the cycle did not assess. "Assessed, not
/// graded" is a value, [`Cell::NotGraded`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// A grade, or "not graded", from a source (or, for "not graded", from a cycle that
    /// assessed the area without grading it).
    Cell(Cell),
    /// The cycle graded this area for every force (or unit); this grade is not loaded.
    NotInRecord,
    /// The cycle graded this area for some forces only, or nothing is known of the area or
    /// cycle; no grade is loaded.
    NotKnown,
    /// The cycle did not assess this area for this force or unit.
    NotAssessed,
}

impl Status {
    /// What an empty cell means, from what the cycle did with the area.
    pub fn absent(coverage: Coverage) -> Status {
        match coverage {
            Coverage::Graded => Status::NotInRecord,
            Coverage::Ungraded => Status::Cell(Cell::NotGraded),
            Coverage::NotAssessed => Status::NotAssessed,
            Coverage::Partly | Coverage::Unknown => Status::NotKnown,
        }
    }

    /// The grade, if any.
    pub fn grade(self) -> Option<crate::grade::Grade> {
        match self {
            Status::Cell(c) => c.grade(),
            _ => None,
        }
    }

    /// Whether the cycle graded this force or unit here (the grade is loaded or not).
    pub fn was_graded(self) -> bool {
        matches!(self, Status::Cell(Cell::Graded(_)) | Status::NotInRecord)
    }

    /// A short word for a cell with no grade: "not in record", "not known", "not
    /// assessed", "not graded"; the grade's label otherwise.
    pub fn label(self) -> &'static str {
        match self {
            Status::Cell(c) => c.label(),
            Status::NotInRecord => "Not in record",
            Status::NotKnown => "Not known",
            Status::NotAssessed => "Not assessed",
        }
    }

    /// What a screen reader hears after a cell's force and period: the grade, or "assessed,
    /// not graded", "not in the record", "not known whether graded", "not assessed".
    pub fn spoken(self) -> &'static str {
        match self {
            Status::Cell(Cell::NotGraded) => "assessed, not graded",
            Status::Cell(c) => c.label(),
            Status::NotInRecord => "not in the record",
            Status::NotKnown => "not known whether graded",
            Status::NotAssessed => "not assessed",
        }
    }

    /// The mark the window and its pictures draw in an empty cell: `[x]` not in the record,
    /// `?` not known, `[z]` not assessed ("" for a grade or "not graded").
    pub fn mark(self) -> &'static str {
        match self {
            Status::Cell(_) => "",
            Status::NotInRecord => "[x]",
            Status::NotKnown => "?",
            Status::NotAssessed => "[z]",
        }
    }

    /// What an absence's mark means in a key: "graded, not in the record", "not known whether
    /// graded", "not assessed" (`None` for a grade or "not graded").
    pub fn key_words(self) -> Option<&'static str> {
        match self {
            Status::Cell(_) => None,
            Status::NotInRecord => Some("graded, not in the record"),
            Status::NotKnown => Some("not known whether graded"),
            Status::NotAssessed => Some("not assessed"),
        }
    }

    /// The shorthand of the UK Government Analysis Function's guidance on symbols in
    /// tables, for a cell with no grade: `[x]` not available (not in the record, or not
    /// known), `[z]` not applicable (not assessed); `None` for a grade or "not graded".
    pub fn shorthand(self) -> Option<&'static str> {
        match self {
            Status::Cell(_) => None,
            Status::NotInRecord | Status::NotKnown => Some("[x]"),
            Status::NotAssessed => Some("[z]"),
        }
    }
}
