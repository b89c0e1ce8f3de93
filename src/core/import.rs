//! CSV import with validation.
//!
//! Two shapes are read:
//! - **wide**: a force column and one column per period (`force,2015,2016,2017`); the force
//!   column's header may be blank, as in Figure 7 itself;
//! - **long**: force, period and grade columns (`force,year,grade`), one grade per row.
//!
//! Input may be UTF-8 with or without a byte order mark, with CRLF or LF line ends, quoted
//! fields, and commas, tabs or semicolons between fields. Every problem is reported with
//! file, line and column; a file with any error is rejected whole, so nothing is ever
//! half-loaded.

use rustc_hash::FxHashMap;

use super::forces::{ForceRegistry, match_key};
use super::grade::Cell;
use super::period::Period;
use super::problem::{Problem, ProblemKind, Rejected};

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
    Known(usize),
    Other(String),
}

/// One grade read from a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// Index into [`Source::forces`].
    pub force: u32,
    pub period: Period,
    pub cell: Cell,
    /// The line it was read from (1-based; a file is at most [`MAX_FILE_BYTES`] long).
    pub line: u32,
}

/// A source that was read without errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The name problems are reported under (a path, or "Figure 7 (built-in)").
    pub name: String,
    pub forces: Vec<SourceForce>,
    pub records: Vec<Record>,
    /// Warnings found while reading it.
    pub warnings: Vec<Problem>,
}

impl Source {
    /// The built-in Figure 7 data.
    pub fn builtin() -> Source {
        Source::builtin_ref().clone()
    }

    /// The built-in Figure 7 data, read once.
    pub fn builtin_ref() -> &'static Source {
        const FIGURE7: &str = include_str!("../../data/figure7.csv");
        static BUILTIN: std::sync::OnceLock<Source> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The file is part of the binary and checked by tests.
            parse_source(BUILTIN_NAME, FIGURE7.as_bytes()).expect("data/figure7.csv is valid")
        })
    }
}

/// The name the built-in Figure 7 source is shown and reported under.
pub const BUILTIN_NAME: &str = "Figure 7 (built-in)";

/// Reads a file from disk and parses it. An unreadable file is a rejection too.
pub fn load_file(path: &std::path::Path) -> Result<Source, Rejected> {
    let name = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(Rejected {
            problems: vec![Problem::error(
                &name,
                1,
                1,
                ProblemKind::FileTooLarge {
                    size: meta.len(),
                    limit: MAX_FILE_BYTES,
                },
            )],
            file: name,
        });
    }
    match std::fs::read(path) {
        Ok(bytes) => parse_source(&name, &bytes),
        Err(err) => Err(Rejected {
            problems: vec![Problem::error(
                &name,
                1,
                1,
                ProblemKind::Io(err.to_string()),
            )],
            file: name,
        }),
    }
}

/// Which column holds what.
enum Shape {
    Wide {
        force: usize,
        periods: Vec<(usize, Period)>,
    },
    Long {
        force: usize,
        period: usize,
        grade: usize,
    },
}

fn header_key(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const FORCE_HEADERS: &[&str] = &["force", "force name", "police force", "forces", "name"];
const PERIOD_HEADERS: &[&str] = &["year", "period", "cycle", "inspection year", "peel year"];
const GRADE_HEADERS: &[&str] = &["grade", "judgement", "judgment", "rating"];
/// Columns this app writes itself (see `export`); ignored without a warning.
const INFO_HEADERS: &[&str] = &[
    "region",
    "rocu",
    "country",
    "official name",
    "ons code",
    "movement",
];

fn looks_like_period(text: &str) -> bool {
    text.trim().starts_with(|c: char| c.is_ascii_digit())
}

/// Works out the shape from the header row. Returns the shape and warnings, or errors.
fn classify_header(
    file: &str,
    line: u64,
    header: &csv::StringRecord,
) -> Result<(Shape, Vec<Problem>), Vec<Problem>> {
    let keys: Vec<String> = header.iter().map(header_key).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    let column = |i: usize| i as u64 + 1;
    let mut warnings = Vec::new();

    if let (Some(force), Some(period), Some(grade)) = (
        find(FORCE_HEADERS),
        find(PERIOD_HEADERS),
        find(GRADE_HEADERS),
    ) {
        for (i, key) in keys.iter().enumerate() {
            if ![force, period, grade].contains(&i) && !INFO_HEADERS.contains(&key.as_str()) {
                warnings.push(Problem::warning(
                    file,
                    line,
                    column(i),
                    ProblemKind::IgnoredColumn(header[i].trim().to_string()),
                ));
            }
        }
        return Ok((
            Shape::Long {
                force,
                period,
                grade,
            },
            warnings,
        ));
    }

    let mut errors = Vec::new();
    let mut periods: Vec<(usize, Period)> = Vec::new();
    let named_force = find(FORCE_HEADERS);
    for (i, text) in header.iter().enumerate() {
        if Some(i) == named_force {
            continue;
        }
        match text.parse::<Period>() {
            Ok(period) => {
                if let Some(&(first, _)) = periods.iter().find(|(_, p)| *p == period) {
                    errors.push(Problem::error(
                        file,
                        line,
                        column(i),
                        ProblemKind::DuplicatePeriodColumn {
                            period,
                            first: column(first),
                            second: column(i),
                        },
                    ));
                } else {
                    periods.push((i, period));
                }
            }
            Err(bad) if looks_like_period(text) => {
                errors.push(Problem::error(file, line, column(i), bad.into()));
            }
            Err(_) => {}
        }
    }
    // A wide file's force column is the named one, or else the first column if it is not a
    // period (Figure 7 itself leaves that header blank).
    let force = named_force.or_else(|| (!periods.iter().any(|(i, _)| *i == 0)).then_some(0));
    match force {
        Some(force) if !periods.is_empty() || !errors.is_empty() => {
            if !errors.is_empty() {
                return Err(errors);
            }
            for (i, key) in keys.iter().enumerate() {
                let used = i == force || periods.iter().any(|(c, _)| *c == i);
                if !used && !INFO_HEADERS.contains(&key.as_str()) && !key.is_empty() {
                    warnings.push(Problem::warning(
                        file,
                        line,
                        column(i),
                        ProblemKind::IgnoredColumn(header[i].trim().to_string()),
                    ));
                }
            }
            Ok((Shape::Wide { force, periods }, warnings))
        }
        _ => {
            let found: Vec<String> = header.iter().map(|h| format!("{:?}", h.trim())).collect();
            Err(vec![Problem::error(
                file,
                line,
                1,
                ProblemKind::NoHeader {
                    found: found.join(", "),
                },
            )])
        }
    }
}

/// Line and column (1-based, counting bytes) of a byte offset.
fn position_of(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, (offset - line_start) as u64 + 1)
}

/// Line numbers of records, counted as reading moves forward through the file.
/// (The csv reader's own line count skips blank lines.)
struct Lines<'t> {
    bytes: &'t [u8],
    /// The byte the last record started at, and its line.
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Lines {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line `record` starts on.
    fn line_at(&mut self, record: &csv::ByteRecord) -> u64 {
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

fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let unquoted: String = first.split('"').step_by(2).collect();
    if unquoted.contains(',') {
        b','
    } else if unquoted.contains('\t') {
        b'\t'
    } else if unquoted.contains(';') {
        b';'
    } else {
        b','
    }
}

/// Reads the rows of one file: resolves force names, keeps records, and collects problems.
struct Reader<'a> {
    file: &'a str,
    registry: &'a ForceRegistry,
    problems: Vec<Problem>,
    errors: usize,
    forces: Vec<SourceForce>,
    /// Each spelling of a force name met so far (trimmed) and its force, so each
    /// spelling is matched against the registry once.
    by_name: FxHashMap<String, u32>,
    /// The last name seen, as written, and its force: long files list a force's rows
    /// together.
    last: Option<(Vec<u8>, u32)>,
    /// Each force's identity and its index in `forces`.
    by_key: FxHashMap<ForceKey, u32>,
    /// Each force and period read so far and its record's index in `records`.
    graded: FxHashMap<(u32, Period), u32>,
    records: Vec<Record>,
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, registry: &'a ForceRegistry) -> Reader<'a> {
        Reader {
            file,
            registry,
            problems: Vec::new(),
            errors: 0,
            forces: Vec::new(),
            by_name: FxHashMap::default(),
            last: None,
            by_key: FxHashMap::default(),
            graded: FxHashMap::default(),
            records: Vec::new(),
        }
    }

    fn error(&mut self, line: u64, column: usize, kind: ProblemKind) {
        self.errors += 1;
        self.problems
            .push(Problem::error(self.file, line, column as u64 + 1, kind));
    }

    fn warning(&mut self, line: u64, column: usize, kind: ProblemKind) {
        self.problems
            .push(Problem::warning(self.file, line, column as u64 + 1, kind));
    }

    fn too_many(&self) -> bool {
        self.errors >= MAX_ERRORS
    }

    /// The force a name field names (added if new), or `None` if the name is blank.
    fn force(&mut self, field: &[u8], line: u64, column: usize) -> Option<u32> {
        if let Some((name, id)) = &self.last
            && name.as_slice() == field
        {
            return Some(*id);
        }
        let raw = field_text(field).trim();
        if raw.is_empty() {
            self.error(line, column, ProblemKind::MissingForce);
            return None;
        }
        let id = match self.by_name.get(raw) {
            Some(&id) => id,
            None => {
                let id = self.new_name(raw, line, column);
                self.by_name.insert(raw.to_string(), id);
                id
            }
        };
        self.last = Some((field.to_vec(), id));
        Some(id)
    }

    /// A spelling not seen before: the force it names, added if new (with a warning if
    /// the registry does not know it).
    fn new_name(&mut self, raw: &str, line: u64, column: usize) -> u32 {
        let matched = match_key(raw);
        let known = self.registry.lookup_key(&matched);
        let force = match known.and_then(|i| Some((i, self.registry.get(i)?))) {
            Some((i, info)) => SourceForce {
                name: info.name.clone(),
                known: Some(i),
                key: ForceKey::Known(i),
            },
            None => SourceForce {
                name: raw.to_string(),
                known: None,
                key: ForceKey::Other(matched),
            },
        };
        if let Some(&id) = self.by_key.get(&force.key) {
            return id;
        }
        if known.is_none() {
            self.warning(line, column, ProblemKind::UnknownForce(raw.to_string()));
        }
        let id = self.forces.len() as u32;
        self.by_key.insert(force.key.clone(), id);
        self.forces.push(force);
        id
    }

    /// Keeps a grade, unless the force already has one for the period: the same grade
    /// again is a warning, a different one an error.
    fn record(&mut self, force: u32, period: Period, cell: Cell, line: u64, column: usize) {
        let Some(&first) = self.graded.get(&(force, period)) else {
            self.graded
                .insert((force, period), self.records.len() as u32);
            self.records.push(Record {
                force,
                period,
                cell,
                line: u32::try_from(line).unwrap_or(u32::MAX),
            });
            return;
        };
        let first = self.records[first as usize];
        let first_line = u64::from(first.line);
        let name = self.forces[force as usize].name.clone();
        if first.cell == cell {
            self.warning(
                line,
                column,
                ProblemKind::DuplicateInFile {
                    force: name,
                    period,
                    cell,
                    first_line,
                },
            );
        } else {
            self.error(
                line,
                column,
                ProblemKind::ConflictInFile {
                    force: name,
                    period,
                    first: first.cell,
                    first_line,
                    second: cell,
                },
            );
        }
    }

    /// Reads rows until the input ends or there are too many errors.
    fn read_rows(&mut self, rows: &mut Rows<'_>, shape: &Shape, width: usize) {
        let mut row = csv::ByteRecord::new();
        loop {
            if self.too_many() {
                self.stop_note();
                break;
            }
            match rows.csv.read_byte_record(&mut row) {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => {
                    self.errors += 1;
                    self.problems.push(rows.problem(self.file, err));
                    break;
                }
            }
            if is_blank(&row) {
                continue;
            }
            let line = rows.lines.line_at(&row);
            self.row(&row, line, shape, width);
        }
    }

    fn row(&mut self, row: &csv::ByteRecord, line: u64, shape: &Shape, width: usize) {
        if let Some((column, kind)) = field_too_long(row) {
            self.error(line, column, kind);
            return;
        }
        if row.len() < width {
            self.error(
                line,
                row.len(),
                ProblemKind::ShortRow {
                    found: row.len(),
                    expected: width,
                },
            );
            return;
        }
        if let Some((column, value)) = row
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, v)| !v.trim_ascii().is_empty())
        {
            self.error(
                line,
                column,
                ProblemKind::LongRow {
                    column: column + 1,
                    value: field_text(value).to_string(),
                    expected: width,
                },
            );
            return;
        }
        match shape {
            Shape::Wide { force, periods } => {
                let Some(id) = self.force(&row[*force], line, *force) else {
                    return;
                };
                for &(column, period) in periods {
                    match cell_of(&row[column]) {
                        Ok(cell) => self.record(id, period, cell, line, column),
                        Err(err) => self.error(line, column, err.into()),
                    }
                }
            }
            Shape::Long {
                force,
                period,
                grade,
            } => {
                let id = self.force(&row[*force], line, *force);
                let when = match period_of(&row[*period]) {
                    Ok(p) => Some(p),
                    Err(err) => {
                        self.error(line, *period, err.into());
                        None
                    }
                };
                let cell = match cell_of(&row[*grade]) {
                    Ok(c) => Some(c),
                    Err(err) => {
                        self.error(line, *grade, err.into());
                        None
                    }
                };
                if let (Some(id), Some(when), Some(cell)) = (id, when, cell) {
                    self.record(id, when, cell, line, *grade);
                }
            }
        }
    }

    /// Says that reading stopped at [`MAX_ERRORS`], at the line of the last problem.
    fn stop_note(&mut self) {
        let line = self.problems.last().map_or(1, |p| p.line);
        self.problems.push(Problem::error(
            self.file,
            line,
            1,
            ProblemKind::TooManyErrors(MAX_ERRORS),
        ));
    }
}

/// A CSV reader over a file's text, and the line numbers of its rows.
struct Rows<'t> {
    csv: csv::Reader<&'t [u8]>,
    lines: Lines<'t>,
}

impl<'t> Rows<'t> {
    fn new(text: &'t [u8], delimiter: u8) -> Self {
        Rows {
            csv: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text),
            lines: Lines::new(text),
        }
    }

    fn problem(&self, file: &str, err: csv::Error) -> Problem {
        let (line, column) = err
            .position()
            .map_or((1, 1), |p| position_of(self.lines.bytes, p.byte() as usize));
        Problem::error(file, line, column, ProblemKind::Csv(err.to_string()))
    }
}

/// The first field longer than [`MAX_FIELD_BYTES`]: its column (0-based) and the problem.
fn field_too_long(record: &csv::ByteRecord) -> Option<(usize, ProblemKind)> {
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

fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

/// A field as text. The whole file was checked to be UTF-8 before reading, and fields
/// are split at ASCII delimiters, so this cannot fail; if it somehow did, the field
/// reads as blank and is reported as such.
fn field_text(field: &[u8]) -> &str {
    std::str::from_utf8(field).unwrap_or("")
}

/// A grade cell; the usual spellings are matched without making text of them.
fn cell_of(field: &[u8]) -> Result<Cell, super::grade::UnknownGrade> {
    Cell::exact(field).map_or_else(|| Cell::parse(field_text(field)), Ok)
}

/// A period; a plain four-digit year is read without making text of it.
fn period_of(field: &[u8]) -> Result<Period, super::period::BadPeriod> {
    super::period::year_of(field).map_or_else(|| field_text(field).parse(), |y| Ok(Period::year(y)))
}

/// Line breaks in `bytes`.
fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
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
    let reject = |problems: Vec<Problem>| Rejected {
        file: file.to_string(),
        problems,
    };
    let one = |line, column, kind| reject(vec![Problem::error(file, line, column, kind)]);
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

    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offset = bytes.len() - body.len();
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(err) => {
            let at = offset + err.valid_up_to();
            let (line, column) = position_of(bytes, at);
            return Err(one(line, column, ProblemKind::NotText { byte: bytes[at] }));
        }
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let (line, column) = position_of(bytes, offset + at);
        return Err(one(line, column, ProblemKind::NotText { byte: 0 }));
    }
    if text.trim().is_empty() {
        return Err(one(1, 1, ProblemKind::EmptyFile));
    }

    let mut rows = Rows::new(text.as_bytes(), detect_delimiter(text));

    // The header: the first row that is not blank.
    let mut row = csv::ByteRecord::new();
    let (header, header_line) = loop {
        match rows.csv.read_byte_record(&mut row) {
            Ok(false) => return Err(one(1, 1, ProblemKind::EmptyFile)),
            Err(err) => return Err(reject(vec![rows.problem(file, err)])),
            Ok(true) if is_blank(&row) => continue,
            Ok(true) => {
                let line = rows.lines.line_at(&row);
                if let Some((column, kind)) = field_too_long(&row) {
                    return Err(one(line, column as u64 + 1, kind));
                }
                let header = csv::StringRecord::from_byte_record(row.clone())
                    .unwrap_or_else(|_| csv::StringRecord::new());
                break (header, line);
            }
        }
    };
    let (shape, warnings) = classify_header(file, header_line, &header).map_err(reject)?;

    let mut reader = Reader::new(file, registry);
    reader.read_rows(&mut rows, &shape, header.len());
    let mut problems = warnings;
    problems.append(&mut reader.problems);
    if reader.errors > 0 {
        return Err(reject(problems));
    }
    reader.records.shrink_to_fit();
    Ok(Source {
        name: file.to_string(),
        forces: reader.forces,
        records: reader.records,
        warnings: problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::grade::Grade;

    #[test]
    fn builtin_figure7_reads_cleanly() {
        let source = Source::builtin();
        assert_eq!(source.forces.len(), 43);
        assert_eq!(source.records.len(), 43 * 3);
        assert!(source.warnings.is_empty(), "{:?}", source.warnings);
        assert!(source.forces.iter().all(|f| f.known.is_some()));
    }

    #[test]
    fn position_counts_lines_and_bytes() {
        let bytes = b"ab\ncd\nef";
        assert_eq!(position_of(bytes, 0), (1, 1));
        assert_eq!(position_of(bytes, 4), (2, 2));
        assert_eq!(position_of(bytes, 6), (3, 1));
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
