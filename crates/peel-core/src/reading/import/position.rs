//! Where problems are, and the checks every row gets before its values are read: byte
//! offsets as lines and columns, line numbers of records (blank lines included), fields
//! over [`MAX_FIELD_BYTES`], and rows with nothing in them.

use super::MAX_FIELD_BYTES;
use crate::problem::{Problem, ProblemKind};

/// Line and column (1-based, counting bytes) of a byte offset.
pub(super) fn position_of(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = count_lines(before) + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, (offset - line_start) as u64 + 1)
}

/// Line breaks in `bytes`.
fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A malformed CSV error from the csv reader over `text`, where it says it is.
pub(super) fn csv_problem(file: &str, text: &[u8], err: &csv::Error) -> Problem {
    let (line, column) = err
        .position()
        .map_or((1, 1), |p| position_of(text, p.byte() as usize));
    Problem::error(file, line, column, ProblemKind::Csv(err.to_string()))
}

/// Line numbers of records, counted as reading moves forward through the file.
/// (The csv reader's own line count skips blank lines.)
pub(super) struct Lines<'t> {
    bytes: &'t [u8],
    /// The byte the last record started at, and its line.
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    pub(super) fn new(bytes: &'t [u8]) -> Self {
        Lines {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line `record` starts on.
    pub(super) fn line_at(&mut self, record: &csv::ByteRecord) -> u64 {
        let mut byte = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(self.bytes.len());
        // A record's position is where the reader started looking for it: before any
        // blank lines it skipped.
        while matches!(self.bytes.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        if byte < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += count_lines(&self.bytes[self.at..byte]);
        self.at = byte;
        self.line
    }
}

/// The first field longer than [`MAX_FIELD_BYTES`]: its column (0-based) and the problem.
pub(super) fn field_too_long(record: &csv::ByteRecord) -> Option<(usize, ProblemKind)> {
    let (column, field) = record
        .iter()
        .enumerate()
        .find(|(_, f)| f.len() > MAX_FIELD_BYTES)?;
    let kind = ProblemKind::FieldTooLong {
        column: column + 1,
        size: field.len(),
        limit: MAX_FIELD_BYTES,
    };
    Some((column, kind))
}

/// A row whose fields are all blank (such as `,,` or ` ; `): skipped, like an empty line.
pub(super) fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_bytes() {
        let bytes = b"ab\ncd\nef";
        assert_eq!(position_of(bytes, 0), (1, 1));
        assert_eq!(position_of(bytes, 4), (2, 2));
        assert_eq!(position_of(bytes, 6), (3, 1));
    }

    #[test]
    fn lines_of_records_count_blank_lines() {
        let text = b"a,b\r\n\r\n\nc,d\n,\ne,f\n";
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&text[..]);
        let mut lines = Lines::new(text);
        let mut row = csv::ByteRecord::new();
        let mut found = Vec::new();
        while csv.read_byte_record(&mut row).unwrap_or(false) {
            if !is_blank(&row) {
                found.push(lines.line_at(&row));
            }
        }
        assert_eq!(found, [1, 4, 6]);
    }
}
