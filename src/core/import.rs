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

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::forces::{ForceRegistry, match_key};
use super::grade::Cell;
use super::period::Period;
use super::problem::{Problem, ProblemKind, Rejected, Severity};

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
    match read_file(path) {
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

/// Reads a whole file. A large one is read in two halves at once: most of reading is
/// the system handing over fresh memory page by page, and that goes faster on two cores.
fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len() as usize;
        if len >= PARALLEL_BYTES {
            // Zeroed memory comes fresh from the system, so nothing is touched twice.
            let mut bytes = vec![0u8; len];
            let (first, second) = bytes.split_at_mut(len / 2);
            let half = first.len() as u64;
            let read = std::thread::scope(|scope| {
                let later = scope.spawn(|| file.read_exact_at(second, half));
                let earlier = file.read_exact_at(first, 0);
                earlier.and(
                    later
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                )
            });
            // Unless the file changed while it was read (then read it again, plainly).
            if read.is_ok() && matches!(file.read_at(&mut [0], len as u64), Ok(0)) {
                return Ok(bytes);
            }
        }
    }
    std::fs::read(path)
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
    /// The line `bytes` starts on.
    first: u64,
    /// The input has no quotes, so a record is its fields and delimiters, byte for byte,
    /// and holds no line break: only the gap after it needs counting.
    plain: bool,
    /// Bytes from `at` known to hold no line break.
    clean: usize,
}

impl Lines<'_> {
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
            self.clean = 0;
            self.line = self.first;
        }
        let from = (self.at + self.clean).min(byte);
        self.line += self.bytes[from..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = byte;
        self.clean = if self.plain {
            record.as_slice().len() + record.len().saturating_sub(1)
        } else {
            0
        };
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

/// Collects problems and resolves force names for one file, or for one run of its rows.
struct Reader<'a> {
    file: &'a str,
    registry: &'a ForceRegistry,
    problems: Vec<Problem>,
    errors: usize,
    forces: Vec<SourceForce>,
    /// Per force: where in `problems` the warning that it is unknown is, if it is.
    unknown_warning: Vec<Option<usize>>,
    /// Raw name → index into `forces`, so each distinct spelling is matched once.
    by_name: Spellings,
    /// The last name seen, as written, and its force: long files list a force's rows
    /// together.
    last: Option<(Vec<u8>, u32)>,
    /// Force identity → index into `forces` (hashed by `forces[i].key`, not a copy).
    by_key: HashTable<u32>,
    /// Per force: its latest record, and per record: the one before it for the same
    /// force. A force has few periods, so following this chain finds a repeated period
    /// faster than a map would, without an allocation per force.
    latest: Vec<u32>,
    earlier: Vec<u32>,
    /// Per force: a bit for each period it has a record for (periods share bits, so a
    /// set bit means "look", a clear one "certainly new").
    periods_seen: Vec<u64>,
    records: Vec<Record>,
}

/// A period's bit in [`Reader::periods_seen`].
fn period_bit(period: Period) -> u64 {
    1 << period.slot()
}

/// Distinct spellings of force names, kept in one buffer rather than a string each.
#[derive(Default)]
struct Spellings {
    text: String,
    /// Per spelling: where it ends in `text` (it starts where the one before ends) and
    /// its force.
    ends: Vec<(usize, u32)>,
    /// Indices into `ends`, hashed by spelling.
    table: HashTable<u32>,
}

/// Spelling `i` of a [`Spellings`] buffer.
fn spelling<'t>(text: &'t str, ends: &[(usize, u32)], i: u32) -> &'t str {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1].0 };
    &text[start..ends[i].0]
}

impl Spellings {
    fn get(&self, raw: &str) -> Option<u32> {
        self.table
            .find(FxBuildHasher.hash_one(raw), |&i| {
                spelling(&self.text, &self.ends, i) == raw
            })
            .map(|&i| self.ends[i as usize].1)
    }

    /// Adds a spelling that [`Spellings::get`] did not find.
    fn insert(&mut self, raw: &str, force: u32) {
        self.text.push_str(raw);
        self.ends.push((self.text.len(), force));
        let i = self.ends.len() as u32 - 1;
        let hash = FxBuildHasher.hash_one(raw);
        let (text, ends) = (&self.text, &self.ends);
        self.table.insert_unique(hash, i, |&i| {
            FxBuildHasher.hash_one(spelling(text, ends, i))
        });
    }
}

/// The end of a chain in [`Reader::latest`] and [`Reader::earlier`].
const NONE: u32 = u32::MAX;

/// The position of a grade in a row, for problems about it.
#[derive(Clone, Copy)]
struct At {
    line: u64,
    column: usize,
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, registry: &'a ForceRegistry, expected_records: usize) -> Reader<'a> {
        Reader {
            file,
            registry,
            problems: Vec::new(),
            errors: 0,
            forces: Vec::new(),
            unknown_warning: Vec::new(),
            by_name: Spellings::default(),
            last: None,
            by_key: HashTable::new(),
            latest: Vec::new(),
            periods_seen: Vec::new(),
            earlier: Vec::with_capacity(expected_records),
            records: Vec::with_capacity(expected_records),
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
            Some(id) => id,
            None => {
                let id = self.new_name(raw, line, column);
                self.by_name.insert(raw, id);
                id
            }
        };
        match &mut self.last {
            Some((name, last)) => {
                name.clear();
                name.extend_from_slice(field);
                *last = id;
            }
            None => self.last = Some((field.to_vec(), id)),
        }
        Some(id)
    }

    /// A spelling not seen before in this run: the force it names, added if new.
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
        if let Some(id) = self.find_key(&force.key) {
            return id;
        }
        let mut warning = None;
        if known.is_none() {
            warning = Some(self.problems.len());
            self.warning(line, column, ProblemKind::UnknownForce(raw.to_string()));
        }
        self.add_force(force, warning)
    }

    /// The force with this identity, if there is one.
    fn find_key(&self, key: &ForceKey) -> Option<u32> {
        let forces = &self.forces;
        self.by_key
            .find(FxBuildHasher.hash_one(key), |&id| {
                forces[id as usize].key == *key
            })
            .copied()
    }

    /// Adds a force not seen before, with the index of its unknown-force warning.
    fn add_force(&mut self, force: SourceForce, warning: Option<usize>) -> u32 {
        let id = self.forces.len() as u32;
        let forces = &self.forces;
        self.by_key
            .insert_unique(FxBuildHasher.hash_one(&force.key), id, |&id| {
                FxBuildHasher.hash_one(&forces[id as usize].key)
            });
        self.forces.push(force);
        self.unknown_warning.push(warning);
        self.latest.push(NONE);
        self.periods_seen.push(0);
        id
    }

    /// The record of a force for a period, if one was read.
    fn find(&self, force: u32, period: Period) -> Option<&Record> {
        if self.periods_seen[force as usize] & period_bit(period) == 0 {
            return None;
        }
        let mut at = self.latest[force as usize];
        while at != NONE {
            let record = &self.records[at as usize];
            if record.period == period {
                return Some(record);
            }
            at = self.earlier[at as usize];
        }
        None
    }

    fn push(&mut self, record: Record) {
        self.periods_seen[record.force as usize] |= period_bit(record.period);
        let latest = &mut self.latest[record.force as usize];
        self.earlier.push(*latest);
        *latest = self.records.len() as u32;
        self.records.push(record);
    }

    fn record(&mut self, force: u32, period: Period, cell: Cell, at: At) {
        let Some(&Record {
            cell: first,
            line: first_line,
            ..
        }) = self.find(force, period)
        else {
            self.push(Record {
                force,
                period,
                cell,
                line: u32::try_from(at.line).unwrap_or(u32::MAX),
            });
            return;
        };
        let first_line = u64::from(first_line);
        let name = self.forces[force as usize].name.clone();
        if first == cell {
            self.warning(
                at.line,
                at.column,
                ProblemKind::DuplicateInFile {
                    force: name,
                    period,
                    cell,
                    first_line,
                },
            );
        } else {
            self.error(
                at.line,
                at.column,
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
                        Ok(cell) => self.record(id, period, cell, At { line, column }),
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
                    let column = *grade;
                    self.record(id, when, cell, At { line, column });
                }
            }
        }
    }

    /// Appends what a later run of rows found: its forces are matched to these by
    /// identity, and a grade for a force and period already read is a duplicate or a
    /// conflict, exactly as if the rows had been read in one pass.
    fn append(&mut self, later: Reader<'_>, shape: &Shape) {
        let mut dropped = vec![false; later.problems.len()];
        let mut ids = Vec::with_capacity(later.forces.len());
        let mut shared = Vec::with_capacity(later.forces.len());
        for (force, warning) in later.forces.into_iter().zip(later.unknown_warning) {
            if let Some(id) = self.find_key(&force.key) {
                // Already known here: it is not new, so neither is its warning.
                if let Some(w) = warning {
                    dropped[w] = true;
                }
                ids.push(id);
                shared.push(true);
            } else {
                let id = self.add_force(force, None);
                ids.push(id);
                shared.push(false);
            }
        }
        let mut problems: Vec<Problem> = later
            .problems
            .into_iter()
            .zip(dropped)
            .filter_map(|(p, dropped)| (!dropped).then_some(p))
            .collect();
        self.errors += later.errors;
        self.records.reserve(later.records.len());
        self.earlier.reserve(later.records.len());
        let before = self.problems.len();
        for record in later.records {
            let force = ids[record.force as usize];
            if shared[record.force as usize] {
                let column = match shape {
                    Shape::Long { grade, .. } => *grade,
                    Shape::Wide { periods, force } => periods
                        .iter()
                        .find(|(_, p)| *p == record.period)
                        .map_or(*force, |(c, _)| *c),
                };
                let at = At {
                    line: u64::from(record.line),
                    column,
                };
                self.record(force, record.period, record.cell, at);
            } else {
                self.push(Record { force, ..record });
            }
        }
        // Problems found while appending belong among the later run's, by line.
        problems.extend(self.problems.drain(before..));
        problems.sort_by_key(|p| p.line);
        self.problems.extend(problems);
    }

    /// After appending runs read in parallel: at most [`MAX_ERRORS`] errors, as a single
    /// pass would have stopped.
    fn limit_errors(&mut self) {
        if self.errors < MAX_ERRORS {
            return;
        }
        let mut errors = 0;
        let keep = self
            .problems
            .iter()
            .position(|p| {
                errors += usize::from(p.severity == Severity::Error);
                errors == MAX_ERRORS
            })
            .map_or(self.problems.len(), |i| i + 1);
        self.problems.truncate(keep);
        self.stop_note();
        self.errors = MAX_ERRORS + 1;
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

/// A CSV reader over part of a file, and the line numbers of its rows.
struct Rows<'t> {
    csv: csv::Reader<&'t [u8]>,
    lines: Lines<'t>,
    /// The whole file's text and where this part starts in it, for positions of errors.
    text: &'t [u8],
    offset: usize,
}

impl<'t> Rows<'t> {
    /// Rows of `text[range]`, which starts on `first_line`; `plain` if it has no quotes.
    fn new(
        text: &'t [u8],
        range: std::ops::Range<usize>,
        first_line: u64,
        delimiter: u8,
        plain: bool,
    ) -> Self {
        let part = &text[range.clone()];
        Rows {
            csv: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(part),
            lines: Lines {
                bytes: part,
                at: 0,
                line: first_line,
                first: first_line,
                plain,
                clean: 0,
            },
            text,
            offset: range.start,
        }
    }

    fn problem(&self, file: &str, err: csv::Error) -> Problem {
        let (line, column) = err.position().map_or((1, 1), |p| {
            position_of(self.text, self.offset + p.byte() as usize)
        });
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

/// Files smaller than this are read in one pass: splitting would cost more than it saves.
const PARALLEL_BYTES: usize = 1 << 20;

/// Splits `range` into at most `parts` ranges that each end just after a line break.
fn split_lines(
    text: &[u8],
    range: std::ops::Range<usize>,
    parts: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::with_capacity(parts);
    let mut start = range.start;
    let step = range.len() / parts.max(1);
    for k in 1..parts {
        let target = (range.start + k * step).max(start);
        let Some(end) = memchr::memchr(b'\n', &text[target..range.end]).map(|i| target + i + 1)
        else {
            break;
        };
        if end > start {
            ranges.push(start..end);
            start = end;
        }
    }
    if start < range.end {
        ranges.push(start..range.end);
    }
    ranges
}

/// Line breaks in `bytes`. Counting into a byte per block of 255 lets the compiler
/// compare 32 bytes at a time.
fn count_lines(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            u64::from(n)
        })
        .sum()
}

/// Parses one source. `file` is the name problems are reported under.
///
/// On success the source carries its warnings; on failure every problem found (up to
/// [`MAX_ERRORS`] errors) is returned and nothing of the file is kept.
///
/// A large file without quotes is read on every core: its rows are split at line breaks,
/// each run is read alone, and the runs are appended in order with the same checks a
/// single pass makes (duplicates and conflicts across runs included).
pub fn parse_source(file: &str, bytes: &[u8]) -> Result<Source, Rejected> {
    parse_source_with(file, bytes, ForceRegistry::builtin())
}

/// [`parse_source`] against a given force registry.
pub fn parse_source_with(
    file: &str,
    bytes: &[u8],
    registry: &ForceRegistry,
) -> Result<Source, Rejected> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    parse_source_in(file, bytes, registry, threads)
}

/// [`parse_source_with`] on at most `threads` threads.
pub fn parse_source_in(
    file: &str,
    bytes: &[u8],
    registry: &ForceRegistry,
    threads: usize,
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

    let delimiter = detect_delimiter(text);
    let all = text.as_bytes();
    let mut rows = Rows::new(all, 0..all.len(), 1, delimiter, false);

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
    let width = header.len();
    let body_start = (rows.csv.position().byte() as usize).min(all.len());
    let body = body_start..all.len();
    // About how many records there will be (from the first rows' length), so records are
    // not copied as they grow.
    let per_row = match &shape {
        Shape::Long { .. } => 1,
        Shape::Wide { periods, .. } => periods.len(),
    };
    let sample = &all[body.start..body.end.min(body.start + 64 * 1024)];
    let row_bytes = (sample.len() as u64 / count_lines(sample).max(1)).max(1) as usize;
    let expected = |bytes: usize| (bytes / row_bytes + 1) * per_row;

    // Quoted fields may hold line breaks: only rows without quotes can be split at line
    // breaks, and their line numbers counted from the gaps between them.
    let plain = memchr::memchr(b'"', &all[body.clone()]).is_none();
    rows.lines.plain = plain;
    let parts = if plain && body.len() >= PARALLEL_BYTES {
        threads.min(body.len() / (PARALLEL_BYTES / 2)).max(1)
    } else {
        1
    };
    let mut reader = if parts == 1 {
        let mut reader = Reader::new(file, registry, expected(body.len()));
        reader.read_rows(&mut rows, &shape, width);
        reader
    } else {
        let ranges = split_lines(all, body.clone(), parts);
        let readers: Vec<Reader> = std::thread::scope(|scope| {
            let handles: Vec<_> = ranges
                .into_iter()
                .enumerate()
                .map(|(k, range)| {
                    let shape = &shape;
                    // The first run's records are the result: room for every run's.
                    let room = if k == 0 { body.len() } else { range.len() };
                    scope.spawn(move || {
                        let first_line = 1 + count_lines(&all[..range.start]);
                        let mut reader = Reader::new(file, registry, expected(room));
                        let mut rows = Rows::new(all, range, first_line, delimiter, true);
                        reader.read_rows(&mut rows, shape, width);
                        reader
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut readers = readers.into_iter();
        let mut first = readers
            .next()
            .unwrap_or_else(|| Reader::new(file, registry, 0));
        for later in readers {
            if first.too_many() {
                break;
            }
            first.append(later, &shape);
        }
        first.limit_errors();
        first
    };

    if reader.errors > 0 {
        let mut problems = warnings;
        problems.append(&mut reader.problems);
        return Err(reject(problems));
    }
    reader.records.shrink_to_fit();
    let mut problems = warnings;
    problems.append(&mut reader.problems);
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
