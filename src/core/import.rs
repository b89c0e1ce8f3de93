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

use rustc_hash::FxHashMap as HashMap;

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

impl SourceForce {
    pub fn new(name: String, known: Option<usize>) -> SourceForce {
        let key = match known {
            Some(i) => ForceKey::Known(i),
            None => ForceKey::Other(match_key(&name)),
        };
        SourceForce { name, known, key }
    }
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
    /// The line it was read from (1-based).
    pub line: u64,
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

/// Line numbers from byte offsets, counted incrementally as reading moves forward.
/// (The csv reader's own line count skips blank lines.)
struct Lines<'t> {
    bytes: &'t [u8],
    at: usize,
    line: u64,
}

impl Lines<'_> {
    fn line_at(&mut self, record: Option<&csv::Position>) -> u64 {
        let mut byte = record
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
        // The gaps between records are short: a plain count beats a vectorised search.
        self.line += self.bytes[self.at..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
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

/// Collects problems and resolves force names for one file.
struct Reader<'a> {
    file: &'a str,
    registry: &'a ForceRegistry,
    problems: Vec<Problem>,
    errors: usize,
    forces: Vec<SourceForce>,
    /// Raw name → index into `forces`, so each distinct spelling is matched once.
    by_name: HashMap<String, u32>,
    /// The last name seen and its force: long files list a force's rows together.
    last: Option<(String, u32)>,
    /// Force identity → index into `forces`.
    by_key: HashMap<ForceKey, u32>,
    /// Per force: the periods seen so far and the index of their record (a force has
    /// few periods, so a short list beats a map).
    seen: Vec<Vec<(Period, u32)>>,
    records: Vec<Record>,
}

impl<'a> Reader<'a> {
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

    fn force(&mut self, raw: &str, line: u64, column: usize) -> Option<u32> {
        let raw = raw.trim();
        if raw.is_empty() {
            self.error(line, column, ProblemKind::MissingForce);
            return None;
        }
        if let Some((name, id)) = &self.last
            && name == raw
        {
            return Some(*id);
        }
        if let Some(&id) = self.by_name.get(raw) {
            self.remember(raw, id);
            return Some(id);
        }
        let known = self.registry.lookup(raw);
        let force = SourceForce::new(
            known
                .and_then(|i| self.registry.get(i))
                .map_or_else(|| raw.to_string(), |f| f.name.clone()),
            known,
        );
        let key = force.key.clone();
        let id = match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                if known.is_none() {
                    self.warning(line, column, ProblemKind::UnknownForce(raw.to_string()));
                }
                let id = self.forces.len() as u32;
                self.forces.push(force);
                self.seen.push(Vec::new());
                self.by_key.insert(key, id);
                id
            }
        };
        self.by_name.insert(raw.to_string(), id);
        self.remember(raw, id);
        Some(id)
    }

    fn remember(&mut self, raw: &str, id: u32) {
        match &mut self.last {
            Some((name, last)) => {
                name.clear();
                name.push_str(raw);
                *last = id;
            }
            None => self.last = Some((raw.to_string(), id)),
        }
    }

    fn record(&mut self, force: u32, period: Period, cell: Cell, line: u64, column: usize) {
        let seen = &mut self.seen[force as usize];
        let Some(&(_, first)) = seen.iter().find(|(p, _)| *p == period) else {
            seen.push((period, self.records.len() as u32));
            self.records.push(Record {
                force,
                period,
                cell,
                line,
            });
            return;
        };
        let Record {
            cell: first,
            line: first_line,
            ..
        } = self.records[first as usize];
        let name = self.forces[force as usize].name.clone();
        if first == cell {
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
                    first,
                    first_line,
                    second: cell,
                },
            );
        }
    }
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
    if let Some(at) = text.find('\0') {
        let (line, column) = position_of(bytes, offset + at);
        return Err(one(line, column, ProblemKind::NotText { byte: 0 }));
    }
    if text.trim().is_empty() {
        return Err(one(1, 1, ProblemKind::EmptyFile));
    }

    let mut csv_reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect_delimiter(text))
        .from_reader(text.as_bytes());
    let mut lines = Lines {
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
    };

    let mut reader = Reader {
        file,
        registry,
        problems: Vec::new(),
        errors: 0,
        forces: Vec::new(),
        by_name: HashMap::default(),
        last: None,
        by_key: HashMap::default(),
        seen: Vec::new(),
        records: Vec::new(),
    };

    let csv_problem = |err: csv::Error| {
        let (line, column) = err
            .position()
            .map_or((1, 1), |p| position_of(text.as_bytes(), p.byte() as usize));
        Problem::error(file, line, column, ProblemKind::Csv(err.to_string()))
    };

    // The header: the first row that is not blank.
    let mut row = csv::ByteRecord::new();
    let (header, header_line) = loop {
        match csv_reader.read_byte_record(&mut row) {
            Ok(false) => return Err(one(1, 1, ProblemKind::EmptyFile)),
            Err(err) => return Err(reject(vec![csv_problem(err)])),
            Ok(true) if is_blank(&row) => continue,
            Ok(true) => {
                let line = lines.line_at(row.position());
                if let Some((column, field)) = row
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.len() > MAX_FIELD_BYTES)
                {
                    return Err(one(
                        line,
                        column as u64 + 1,
                        ProblemKind::FieldTooLong {
                            column: column + 1,
                            size: field.len(),
                            limit: MAX_FIELD_BYTES,
                        },
                    ));
                }
                let header = csv::StringRecord::from_byte_record(row.clone())
                    .unwrap_or_else(|_| csv::StringRecord::new());
                break (header, line);
            }
        }
    };
    let (shape, warnings) = classify_header(file, header_line, &header).map_err(reject)?;
    reader.problems.extend(warnings);
    let width = header.len();

    // One record, reused for every row.
    loop {
        if reader.too_many() {
            let line = reader.problems.last().map_or(1, |p| p.line);
            reader.problems.push(Problem::error(
                file,
                line,
                1,
                ProblemKind::TooManyErrors(MAX_ERRORS),
            ));
            break;
        }
        match csv_reader.read_byte_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                reader.errors += 1;
                reader.problems.push(csv_problem(err));
                break;
            }
        }
        if is_blank(&row) {
            continue;
        }
        let line = lines.line_at(row.position());
        if let Some((column, field)) = row
            .iter()
            .enumerate()
            .find(|(_, f)| f.len() > MAX_FIELD_BYTES)
        {
            reader.error(
                line,
                column,
                ProblemKind::FieldTooLong {
                    column: column + 1,
                    size: field.len(),
                    limit: MAX_FIELD_BYTES,
                },
            );
            continue;
        }
        if row.len() < width {
            reader.error(
                line,
                row.len(),
                ProblemKind::ShortRow {
                    found: row.len(),
                    expected: width,
                },
            );
            continue;
        }
        if let Some((column, value)) = row
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, v)| !v.trim_ascii().is_empty())
        {
            reader.error(
                line,
                column,
                ProblemKind::LongRow {
                    column: column + 1,
                    value: field_text(value).to_string(),
                    expected: width,
                },
            );
            continue;
        }
        match &shape {
            Shape::Wide { force, periods } => {
                let Some(id) = reader.force(field_text(&row[*force]), line, *force) else {
                    continue;
                };
                for &(column, period) in periods {
                    match Cell::parse(field_text(&row[column])) {
                        Ok(cell) => reader.record(id, period, cell, line, column),
                        Err(err) => reader.error(line, column, err.into()),
                    }
                }
            }
            Shape::Long {
                force,
                period,
                grade,
            } => {
                let id = reader.force(field_text(&row[*force]), line, *force);
                let when = match field_text(&row[*period]).parse::<Period>() {
                    Ok(p) => Some(p),
                    Err(err) => {
                        reader.error(line, *period, err.into());
                        None
                    }
                };
                let cell = match Cell::parse(field_text(&row[*grade])) {
                    Ok(c) => Some(c),
                    Err(err) => {
                        reader.error(line, *grade, err.into());
                        None
                    }
                };
                if let (Some(id), Some(when), Some(cell)) = (id, when, cell) {
                    reader.record(id, when, cell, line, *grade);
                }
            }
        }
    }

    if reader.errors > 0 {
        return Err(reject(reader.problems));
    }
    Ok(Source {
        name: file.to_string(),
        forces: reader.forces,
        records: reader.records,
        warnings: reader.problems,
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
