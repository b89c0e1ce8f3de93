//! Problems found in input: typed, with the file, line and column they were found at.

use std::fmt;

use crate::grade::{Cell, UnknownGrade};
use crate::period::{BadPeriod, Period};

/// How bad a problem is. A source with any error is rejected whole; warnings are kept
/// beside the data they came with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, nothing wrong (e.g. which area a file's grades were put in).
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What is wrong, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("could not read the file: {0}")]
    Io(String),
    #[error("the file is empty")]
    EmptyFile,
    #[error(
        "this is not a text file (byte 0x{byte:02X} is not text): save it from the \
         spreadsheet as CSV, or open the workbook itself"
    )]
    NotText { byte: u8 },
    #[error(
        "the file is not UTF-8 (byte 0x{byte:02X} here), so it was read as Windows-1252, \
         the encoding Excel on Windows saves CSV in; check that names with accents or dashes \
         read right"
    )]
    ReadAsWindows1252 { byte: u8 },
    #[error("no grades found: the header was read, but no row below it holds a grade")]
    NoGrades,
    #[error(
        "could not be read as a workbook ({0}); if it is protected by a password, save a \
         copy without one"
    )]
    BadWorkbook(String),
    #[error(
        "this workbook is not read: {0}; open it in the spreadsheet and save the sheet of \
         grades as CSV"
    )]
    WorkbookTooLarge(String),
    #[error("no sheet has a recognisable header; {0}")]
    NoSheetHeader(String),
    #[error("dates in column {0:?} are read as the year they fall in")]
    DatesAsYears(String),
    #[error(
        "no recognisable header: expected a force column and either one column per period \
         (wide, e.g. `force,2015,2016`) or period and grade columns (long, e.g. \
         `force,year,grade`), and perhaps an area column; found {found}. Column names \
         read: force: {forces}; period: {periods}; grade: {grades}; area: {areas}",
        forces = crate::columns::FORCE_HEADERS.join(", "),
        periods = crate::columns::PERIOD_HEADERS.join(", "),
        grades = crate::columns::GRADE_HEADERS.join(", "),
        areas = crate::columns::AREA_HEADERS.join(", ")
    )]
    NoHeader { found: String },
    #[error("no area column: every grade here is put in the area {0:?}")]
    NoAreaColumn(String),
    #[error("unknown area {0:?}: kept as its own area")]
    UnknownArea(String),
    #[error("{0:?} is not yes or no (carried over?)")]
    BadFlag(String),
    #[error(
        "source {0:?} is not a web address: give the address of the page the grade was read \
         on (https://...), two separated by a space"
    )]
    BadSource(String),
    #[error("{0}")]
    BadSourceKind(String),
    /// A row that breaks a rule of its own kind of file (My grades), in words.
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{force} {period} ({area}) is graded {here} here but {there} in the published record \
         ({cited}); this file's grade is shown and marked as differing"
    )]
    DiffersFromRecord {
        force: String,
        area: String,
        period: Period,
        here: Cell,
        there: Cell,
        cited: String,
    },
    #[error("period {period} has two columns (columns {first} and {second})")]
    DuplicatePeriodColumn {
        period: Period,
        first: u64,
        second: u64,
    },
    #[error("{0}")]
    UnknownGrade(#[from] UnknownGrade),
    #[error("{0}")]
    BadPeriod(#[from] BadPeriod),
    #[error("short row: {found} field(s) where the header has {expected}")]
    ShortRow { found: usize, expected: usize },
    #[error("long row: field {column} holds {value:?} but the header has only {expected} columns")]
    LongRow {
        column: usize,
        value: String,
        expected: usize,
    },
    #[error("the force name is blank")]
    MissingForce,
    #[error("unknown force {0:?}: kept, with no region or ROCU")]
    UnknownForce(String),
    #[error("column {0:?} is not used and was ignored")]
    IgnoredColumn(String),
    #[error(
        "{force} {period} ({area}) is given twice with different grades: {first} on line \
         {first_line}, {second} here"
    )]
    ConflictInFile {
        force: String,
        area: String,
        period: Period,
        first: Cell,
        first_line: u64,
        second: Cell,
    },
    #[error("{force} {period} ({area}) is given twice (both {cell}; first on line {first_line})")]
    DuplicateInFile {
        force: String,
        area: String,
        period: Period,
        cell: Cell,
        first_line: u64,
    },
    #[error(
        "{force} {period} ({area}) is graded {here} here but {there} by {other_source} (line \
         {other_line}); nothing was loaded from this file"
    )]
    SourceConflict {
        force: String,
        area: String,
        period: Period,
        here: Cell,
        there: Cell,
        other_source: String,
        other_line: u64,
    },
    #[error("malformed CSV: {0}")]
    Csv(String),
    #[error("too many problems: stopped reading after {0} errors")]
    TooManyErrors(usize),
    #[error("the file is {size} bytes; files over {limit} bytes are not read")]
    FileTooLarge { size: u64, limit: u64 },
    #[error("field {column} is {size} bytes long; fields over {limit} bytes are not read")]
    FieldTooLong {
        column: usize,
        size: usize,
        limit: usize,
    },
}

/// One problem, with where it was found. Lines and columns count from 1; the column is the
/// CSV field (1 is the first column of the row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    /// In a workbook, the sheet; `line` and `column` are then its row and column.
    pub sheet: Option<String>,
    pub line: u64,
    pub column: u64,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(file: &str, line: u64, column: u64, kind: ProblemKind) -> Problem {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            sheet: None,
            line,
            column,
            kind,
        }
    }

    pub fn warning(file: &str, line: u64, column: u64, kind: ProblemKind) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, line, column, kind)
        }
    }

    pub fn note(file: &str, line: u64, column: u64, kind: ProblemKind) -> Problem {
        Problem {
            severity: Severity::Note,
            ..Problem::error(file, line, column, kind)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `FILE:LINE:COL: error: message`, the form compilers use and editors understand;
    /// in a workbook, `FILE: sheet "NAME", cell C5: error: message`, as the spreadsheet
    /// names the cell.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(
                f,
                "{}: sheet {sheet:?}, cell {}{}: {}: {}",
                self.file,
                column_letters(self.column),
                self.line,
                self.severity,
                self.kind
            ),
            None => write!(
                f,
                "{}:{}:{}: {}: {}",
                self.file, self.line, self.column, self.severity, self.kind
            ),
        }
    }
}

impl std::error::Error for Problem {}

/// A spreadsheet's name for a column: 1 is A, 26 is Z, 27 is AA.
pub fn column_letters(column: u64) -> String {
    let mut n = column.max(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A source that was rejected: every problem found in it, errors and warnings, in file order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} rejected: {} error(s)", .file, .problems.iter().filter(|p| p.is_error()).count())]
pub struct Rejected {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Rejected {
    pub fn new(file: &str, problems: Vec<Problem>) -> Rejected {
        Rejected {
            file: file.to_string(),
            problems,
        }
    }

    /// A file rejected for one error at `line`, `column`.
    pub fn one(file: &str, line: u64, column: u64, kind: ProblemKind) -> Rejected {
        Rejected::new(file, vec![Problem::error(file, line, column, kind)])
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}
