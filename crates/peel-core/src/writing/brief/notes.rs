//! The marks of tables that leave the program, and the notes under a table that explain
//! them (the UK Government Analysis Function's shorthand: `[x]`, `[z]`, `[b]`, and a
//! carried-over grade's bracketed note).

use super::doc::{self, Block, Table, TableCell};
use crate::Status;
use crate::period::Period;

/// What `[x]` means under a table that leaves the program.
pub const NOT_AVAILABLE_NOTE: &str = "[x] Not available: the cycle graded this area for the \
    force and the grade is not in the record, or (where the cycle graded some forces only) it \
    is not known whether it was graded.";
/// What `[b]` means under such a table.
pub const BREAK_NOTE: &str = "[b] Break in the series: from 2021/22 the inspectorate grades on \
    five points (Adequate added), not directly comparable with earlier grades.";
/// What `[z]` means under such a table.
pub const NOT_APPLICABLE_NOTE: &str = "[z] Not applicable: the cycle did not assess this area.";

/// Period labels for a table's header, the first on the five-grade scale marked `[b]` (a
/// break in the series) where an earlier period is beside it.
pub fn break_marked(periods: &[Period]) -> Vec<String> {
    let first_new = periods
        .iter()
        .position(|p| p.is_five_grade_era())
        .filter(|&i| i > 0);
    periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if Some(i) == first_new {
                format!("{p} [b]")
            } else {
                p.to_string()
            }
        })
        .collect()
}

/// The notes under a table that leaves the program, for the marks it uses: a carried-over
/// grade's note, `[x]`, `[z]` and `[b]` (the UK Government Analysis Function's shorthand
/// for tables), each explained in words.
pub(crate) fn table_notes(table: &Table) -> Vec<Block> {
    let cells = || {
        table.rows.iter().flatten().filter_map(|c| match c {
            TableCell::Grade { status, carried } => Some((*status, *carried)),
            _ => None,
        })
    };
    let mut notes = Vec::new();
    if cells().any(|(_, carried)| carried) {
        notes.push(doc::CARRIED_NOTE.to_string());
    }
    if cells().any(|(s, _)| matches!(s, Status::NotInRecord | Status::NotKnown)) {
        notes.push(NOT_AVAILABLE_NOTE.into());
    }
    if cells().any(|(s, _)| s == Status::NotAssessed) {
        notes.push(NOT_APPLICABLE_NOTE.into());
    }
    if table.head.iter().any(|h| h.ends_with(" [b]")) {
        notes.push(BREAK_NOTE.into());
    }
    notes.into_iter().map(Block::note).collect()
}
