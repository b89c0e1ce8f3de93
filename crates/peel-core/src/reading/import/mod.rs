//! CSV import with validation.
//!
//! Two shapes are read:
//! - **wide**: a force column and one column per period (`force,2015,2016,2017`); the force
//!   column's header may be blank, as in Figure 7 itself;
//! - **long**: force, period and grade columns (`force,year,grade`), one grade per row.
//!
//! Either may have an area column (`area`, `question`, `pillar`...): a grade is for a
//! force (or unit), an area and a period. A file without one puts its grades in
//! [`BUILTIN_AREA`] and says so in a note. A `carried over` column (yes or no), or a note
//! saying "carried over", marks grades carried over from an earlier inspection.
//!
//! Input may be UTF-8 with or without a byte order mark, with CRLF or LF line ends, quoted
//! fields, and commas, tabs or semicolons between fields. Every problem is reported with
//! file, line and column; a file with any error is rejected whole, so nothing is ever
//! half-loaded.
//!
//! A file is read in one plain pass, in three steps:
//! - checks of the whole file (size, UTF-8, not empty), here;
//! - the header row: the shape and which column holds what (`header.rs`);
//! - the rows: force names resolved, grades kept as [`Record`]s, duplicates and conflicts
//!   found (`reader.rs`).
//!
//! Where each problem is, in lines and columns, is worked out in `position.rs`.

mod header;
mod position;
mod reader;
pub mod workbook;

pub use crate::columns::{AREA_HEADERS, FORCE_HEADERS, GRADE_HEADERS, PERIOD_HEADERS};
pub use workbook::is_workbook;

use crate::area::BUILTIN_AREA;
use crate::forces::ForceRegistry;
use crate::grade::Cell;
use crate::period::Period;
use crate::problem::{Problem, ProblemKind, Rejected};
use crate::provenance::{Citation, SourceKind};
use header::{classify_header, detect_delimiter};
use position::position_of;
use reader::{Reader, Rows};

/// Reading stops after this many errors: the file is rejected anyway.
pub const MAX_ERRORS: usize = 100;
/// Larger files are refused before they are read, so memory stays bounded: at most a few
/// times this (every PEEL year and area is a few megabytes).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// No name, period or grade is anywhere near this long; a longer field is an error.
pub const MAX_FIELD_BYTES: usize = 4096;

/// A force as a source names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceForce {
    /// The display name: the Figure 7 name for a known force, the file's own otherwise.
    pub name: String,
    /// Index into the [`ForceRegistry`], or `None` for a force it does not know.
    pub known: Option<usize>,
    /// The identity two sources' forces are matched by (worked out once, when read).
    pub key: ForceKey,
}

/// The identity of a force across sources.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ForceKey {
    /// One of the 43 forces (index into the force registry).
    Known(usize),
    /// A ROCU or British Transport Police (index into the unit registry).
    Unit(usize),
    Other(String),
}

/// One grade read from a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// Index into [`Source::forces`].
    pub force: u32,
    /// Index into [`Source::areas`].
    pub area: u16,
    /// The grade was carried over from an earlier inspection, not given afresh.
    pub carried_over: bool,
    pub period: Period,
    pub cell: Cell,
    /// The line it was read from (1-based; a file is at most [`MAX_FILE_BYTES`] long).
    pub line: u32,
    /// Index into [`Source::citations`], or [`NO_CITATION`].
    pub cite: u32,
}

/// A record that names no page it was read on.
pub const NO_CITATION: u32 = u32::MAX;

/// A source that was read without errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The name problems are reported under (a path, or "Figure 7 (built-in)").
    pub name: String,
    pub forces: Vec<SourceForce>,
    /// The areas its grades are for: a known area's name, or the file's own spelling.
    pub areas: Vec<String>,
    pub records: Vec<Record>,
    /// The pages its grades were read on (each once), as its `source` column names them.
    pub citations: std::sync::Arc<[Citation]>,
    /// Warnings (and notes) found while reading it.
    pub warnings: Vec<Problem>,
    /// Part of the program's own published record (not a user's file).
    pub builtin: bool,
}

impl Source {
    /// The built-in Figure 7 data.
    pub fn builtin() -> Source {
        Source::builtin_ref().clone()
    }

    /// The built-in Figure 7 data, read once: every grade cites the strategy.
    pub fn builtin_ref() -> &'static Source {
        const FIGURE7: &str = include_str!("../../../../../data/figure7.csv");
        static BUILTIN: std::sync::OnceLock<Source> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The file is part of the binary and checked by tests.
            let mut source =
                parse_source(BUILTIN_NAME, FIGURE7.as_bytes()).expect("data/figure7.csv is valid");
            // Figure 7 is the built-in area by definition: no note needed.
            source
                .warnings
                .retain(|w| !matches!(w.kind, ProblemKind::NoAreaColumn(_)));
            source.citations = vec![Citation::one(FIGURE7_ADDRESS, SourceKind::Government)].into();
            for record in &mut source.records {
                record.cite = 0;
            }
            source.builtin = true;
            source
        })
    }

    /// Everything built in, in the order it is merged: Figure 7, then the published
    /// record cycle by cycle (`data/record/`), then the published pages that disagree
    /// with the record (shown beside it, never instead of it).
    pub fn builtin_sources() -> &'static [Source] {
        static ALL: std::sync::OnceLock<Vec<Source>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            let mut all = vec![Source::builtin_ref().clone()];
            for (name, text) in record_files() {
                // The files are part of the binary and checked by tests.
                let mut source = parse_source(name, text.as_bytes()).expect("data/record is valid");
                source.builtin = true;
                all.push(source);
            }
            all
        })
    }
}

/// How many grades the published record holds (Figure 7 and the pages that disagree with
/// the record aside).
pub fn record_grade_count() -> usize {
    Source::builtin_sources()
        .iter()
        .filter(|s| s.name.starts_with("data/record/peel") || s.name.starts_with("data/record/soc"))
        .map(|s| s.records.len())
        .sum()
}

/// The published record, one file per cycle, as they are compiled in: each file's name and
/// its text deflated (by `build.rs`; [`record_files`] gives the text).
const RECORD_DEFLATED: &[(&str, &[u8])] = &[
    (
        "data/record/peel-2014.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2014.csv.deflate")),
    ),
    (
        "data/record/peel-2015.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2015.csv.deflate")),
    ),
    (
        "data/record/peel-2016.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2016.csv.deflate")),
    ),
    (
        "data/record/peel-2017.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2017.csv.deflate")),
    ),
    (
        "data/record/peel-2018-19.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2018-19.csv.deflate")),
    ),
    (
        "data/record/peel-2021-22.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2021-22.csv.deflate")),
    ),
    (
        "data/record/soc-inspections-2022-25.csv (built-in)",
        include_bytes!(concat!(
            env!("OUT_DIR"),
            "/soc-inspections-2022-25.csv.deflate"
        )),
    ),
    (
        "data/record/peel-2023-25.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/peel-2023-25.csv.deflate")),
    ),
    (
        "data/record/disagreements.csv (built-in)",
        include_bytes!(concat!(env!("OUT_DIR"), "/disagreements.csv.deflate")),
    ),
];

/// The published record, one file per cycle (name, text), inflated once.
pub fn record_files() -> &'static [(&'static str, String)] {
    static FILES: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        RECORD_DEFLATED
            .iter()
            .map(|&(name, deflated)| {
                let mut text = String::new();
                // Deflated from valid UTF-8 by the build; checked by tests.
                std::io::Read::read_to_string(
                    &mut flate2::read::DeflateDecoder::new(deflated),
                    &mut text,
                )
                .expect("the built-in record inflates");
                (name, text)
            })
            .collect()
    })
}

/// The citation of the built-in data, wherever its provenance is given.
pub const FIGURE7_CITATION: &str = "HM Government, Serious and Organised Crime Strategy, Cm 9718 \
    (November 2018), Figure 7: HMICFRS PEEL Effectiveness judgement for serious and organised \
    crime, 2015 to 2017. Source: HMICFRS PEEL Effectiveness reports 2015 to 2017. Open \
    Government Licence v3.0.";

/// The strategy's own page on GOV.UK (its accessible version is there too).
pub const FIGURE7_ADDRESS: &str =
    "https://www.gov.uk/government/publications/serious-and-organised-crime-strategy-2018";

/// The name the built-in Figure 7 source is shown and reported under.
pub const BUILTIN_NAME: &str = "Figure 7 (built-in)";

/// Reads a file from disk and parses it. An unreadable file is a rejection too.
pub fn load_file(path: &std::path::Path) -> Result<Source, Rejected> {
    let name = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(Rejected::one(
            &name,
            1,
            1,
            ProblemKind::FileTooLarge {
                size: meta.len(),
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => parse_source(&name, &bytes),
        Err(err) => Err(Rejected::one(&name, 1, 1, ProblemKind::Io(err.to_string()))),
    }
}

/// Parses one source. `file` is the name problems are reported under.
///
/// On success the source carries its warnings; on failure every problem found (up to
/// [`MAX_ERRORS`] errors) is returned and nothing of the file is kept.
pub fn parse_source(file: &str, bytes: &[u8]) -> Result<Source, Rejected> {
    parse_source_with(file, bytes, ForceRegistry::builtin())
}

/// [`parse_source`] against a given force registry.
pub fn parse_source_with(
    file: &str,
    bytes: &[u8],
    registry: &ForceRegistry,
) -> Result<Source, Rejected> {
    let reject = |problems: Vec<Problem>| Rejected::new(file, problems);
    let one = |line, column, kind| Rejected::one(file, line, column, kind);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(one(
            1,
            1,
            ProblemKind::FileTooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    if workbook::is_workbook(bytes) {
        return workbook::parse_workbook(file, bytes, registry);
    }

    let (decoded, encoding_note) = decode(file, bytes);
    let text: &str = &decoded;
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let (line, column) = position_of(text.as_bytes(), at);
        return Err(one(line, column, ProblemKind::NotText { byte: 0 }));
    }
    if text.trim().is_empty() {
        return Err(one(1, 1, ProblemKind::EmptyFile));
    }

    let mut rows = Rows::new(text.as_bytes(), detect_delimiter(text));
    let (header, line) = match rows.header(file) {
        Ok(Some(header)) => header,
        Ok(None) => return Err(one(1, 1, ProblemKind::EmptyFile)),
        Err(problem) => return Err(reject(vec![*problem])),
    };
    let (shape, mut warnings) = classify_header(file, line, &header).map_err(reject)?;
    warnings.extend(encoding_note);
    if shape.extra().area.is_none() {
        warnings.push(Problem::note(
            file,
            line,
            1,
            ProblemKind::NoAreaColumn(BUILTIN_AREA.to_string()),
        ));
    }
    let mut reader = Reader::new(file, registry);
    reader.read_rows(&mut rows, &shape, header.len());
    let source = reader.finish(warnings).map_err(reject)?;
    if source.records.is_empty() {
        return Err(one(line, 1, ProblemKind::NoGrades));
    }
    Ok(source)
}

/// The text of a file: UTF-8 (with or without a byte order mark), UTF-16 with a byte
/// order mark (either order: Excel's "Unicode Text"), or else Windows-1252 (what Excel on
/// Windows saves as "CSV"), which is said in a warning at the first byte that is not UTF-8.
fn decode<'b>(file: &str, bytes: &'b [u8]) -> (std::borrow::Cow<'b, str>, Option<Problem>) {
    use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return (UTF_16LE.decode_without_bom_handling(body).0, None);
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return (UTF_16BE.decode_without_bom_handling(body).0, None);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), None),
        Err(err) => {
            let at = bytes.len() - body.len() + err.valid_up_to();
            let (line, column) = position_of(bytes, at);
            let note = Problem::warning(
                file,
                line,
                column,
                ProblemKind::ReadAsWindows1252 { byte: bytes[at] },
            );
            (WINDOWS_1252.decode_without_bom_handling(body).0, Some(note))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::Grade;

    #[test]
    fn builtin_figure7_reads_cleanly() {
        let source = Source::builtin();
        assert_eq!(source.forces.len(), 43);
        assert_eq!(source.records.len(), 43 * 3);
        assert!(source.warnings.is_empty(), "{:?}", source.warnings);
        assert!(source.forces.iter().all(|f| f.known.is_some()));
    }

    #[test]
    fn tab_separated_figure7_shape_with_blank_force_header() {
        let text = "\t2015\t2016\nDurham\tOutstanding\tOutstanding\nKent\tGood\tRI\n";
        let source = parse_source("t.tsv", text.as_bytes()).unwrap();
        assert_eq!(source.records.len(), 4);
        let kent = source.forces.iter().position(|f| f.name == "Kent").unwrap() as u32;
        let ri = source
            .records
            .iter()
            .find(|r| r.force == kent && r.period == Period::year(2016))
            .unwrap();
        assert_eq!(ri.cell, Cell::Graded(Grade::RequiresImprovement));
        assert_eq!(ri.line, 3);
    }
}
