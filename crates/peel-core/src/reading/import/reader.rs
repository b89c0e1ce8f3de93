//! The rows of a file, read in one pass: each row's force name is resolved (once per
//! spelling) against the force registry, each grade is kept as a [`Record`], and every
//! problem is collected with its line and column. A force and period read twice is a
//! duplicate (the same grade: a warning) or a conflict (another grade: an error).
//! Reading stops after [`MAX_ERRORS`] errors.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::header::{Extra, Shape};
use super::position::{Lines, csv_problem, field_too_long, is_blank};
use super::{ForceKey, MAX_ERRORS, NO_CITATION, Record, Source, SourceForce};
use crate::area::{AreaRegistry, BUILTIN_AREA};
use crate::forces::{ForceRegistry, match_key};
use crate::grade::{Cell, UnknownGrade};
use crate::period::{self, BadPeriod, Period};
use crate::problem::{Problem, ProblemKind};
use crate::provenance::{Citation, Reference, SourceKind};
use crate::units::UnitRegistry;

/// Reads the rows of one file: resolves force names, keeps records, and collects problems.
pub(super) struct Reader<'a> {
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
    /// The areas met so far (a known area's name, or the file's spelling), and each
    /// spelling's area.
    areas: Vec<String>,
    area_by_name: FxHashMap<String, u16>,
    /// Per force (as indexed in `forces`): each area and period read so far and its
    /// record's index in `records`. A map per force, not one for all, keeps the lookups
    /// of a force's rows (which files keep together) in a few cache lines.
    graded: Vec<FxHashMap<(u16, Period), u32>>,
    records: Vec<Record>,
    /// The pages named in the source column, each once, and each spelling's index.
    citations: Vec<Citation>,
    citation_by_text: FxHashMap<(String, String), u32>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(file: &'a str, registry: &'a ForceRegistry) -> Reader<'a> {
        Reader {
            file,
            registry,
            problems: Vec::new(),
            errors: 0,
            forces: Vec::new(),
            by_name: FxHashMap::default(),
            last: None,
            by_key: FxHashMap::default(),
            areas: Vec::new(),
            area_by_name: FxHashMap::default(),
            graded: Vec::new(),
            records: Vec::new(),
            citations: Vec::new(),
            citation_by_text: FxHashMap::default(),
        }
    }

    /// The citation a row's source columns give ([`NO_CITATION`] if none), or `None`
    /// (with an error) for a source that is not an address or a kind not known. Several
    /// addresses (and their kinds, in order) are separated by spaces; with one kind for
    /// several addresses it holds for all; with no kind column a page's kind is "other".
    fn citation(&mut self, row: &csv::ByteRecord, extra: &Extra, line: u64) -> Option<u32> {
        let Some(s) = extra.source else {
            return Some(NO_CITATION);
        };
        let addresses = field_text(&row[s]).trim();
        if addresses.is_empty() {
            return Some(NO_CITATION);
        }
        let kinds = extra.source_kind.map_or("", |k| field_text(&row[k]).trim());
        let key = (addresses.to_string(), kinds.to_string());
        if let Some(&id) = self.citation_by_text.get(&key) {
            return Some(id);
        }
        let kind_words: Vec<&str> = kinds.split_whitespace().collect();
        let mut references = Vec::new();
        for (i, address) in addresses.split_whitespace().enumerate() {
            if !Reference::is_address(address) {
                self.error(line, s, ProblemKind::BadSource(address.to_string()));
                return None;
            }
            let word = kind_words.get(i).or(kind_words.first()).copied();
            let kind = match SourceKind::parse(word.unwrap_or("")) {
                Ok(kind) => kind.unwrap_or(SourceKind::Other),
                Err(message) => {
                    let column = extra.source_kind.unwrap_or(s);
                    self.error(line, column, ProblemKind::BadSourceKind(message));
                    return None;
                }
            };
            references.push(Reference {
                address: address.to_string(),
                kind,
            });
        }
        let id = self.citations.len() as u32;
        self.citations.push(Citation { references });
        self.citation_by_text.insert(key, id);
        Some(id)
    }

    /// The area a field names (added if new, with a warning if it is not a known one). A
    /// blank field, or a file with no area column, means the built-in area.
    fn area(&mut self, field: Option<&[u8]>, line: u64, column: usize) -> u16 {
        let raw = field.map_or("", |f| field_text(f).trim());
        let raw = if raw.is_empty() { BUILTIN_AREA } else { raw };
        if let Some(&id) = self.area_by_name.get(raw) {
            return id;
        }
        let name = match AreaRegistry::builtin().lookup(raw) {
            Some(area) => area.name.clone(),
            None => {
                self.warning(line, column, ProblemKind::UnknownArea(raw.to_string()));
                raw.to_string()
            }
        };
        let id = match self.areas.iter().position(|a| *a == name) {
            Some(i) => i as u16,
            None => {
                self.areas.push(name);
                (self.areas.len() - 1) as u16
            }
        };
        self.area_by_name.insert(raw.to_string(), id);
        id
    }

    /// Whether a row's grade was carried over: a yes in the carried-over column, or a
    /// note saying so. `None` (with an error) for a flag that is neither yes nor no.
    fn carried(&mut self, row: &csv::ByteRecord, extra: &Extra, line: u64) -> Option<bool> {
        let mut carried = false;
        if let Some(c) = extra.carried {
            let text = field_text(&row[c]).trim().to_lowercase();
            match text.as_str() {
                "" | "no" | "n" | "false" | "0" => {}
                "yes" | "y" | "true" | "1" | "carried over" => carried = true,
                _ => {
                    self.error(
                        line,
                        c,
                        ProblemKind::BadFlag(field_text(&row[c]).trim().into()),
                    );
                    return None;
                }
            }
        }
        if let Some(n) = extra.note {
            carried |= field_text(&row[n]).to_lowercase().contains("carried over");
        }
        Some(carried)
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
        let units = UnitRegistry::builtin();
        let unit = || {
            let i = units.lookup(raw)?;
            Some((i, units.get(i)?))
        };
        let force = match known.and_then(|i| Some((i, self.registry.get(i)?))) {
            Some((i, info)) => SourceForce {
                name: info.name.clone(),
                known: Some(i),
                key: ForceKey::Known(i),
            },
            None => match unit() {
                Some((i, info)) => SourceForce {
                    name: info.name.clone(),
                    known: None,
                    key: ForceKey::Unit(i),
                },
                None => SourceForce {
                    name: raw.to_string(),
                    known: None,
                    key: ForceKey::Other(matched),
                },
            },
        };
        if let Some(&id) = self.by_key.get(&force.key) {
            return id;
        }
        if matches!(force.key, ForceKey::Other(_)) {
            self.warning(line, column, ProblemKind::UnknownForce(raw.to_string()));
        }
        let id = self.forces.len() as u32;
        self.by_key.insert(force.key.clone(), id);
        self.forces.push(force);
        self.graded.push(FxHashMap::default());
        id
    }

    /// Keeps a grade, unless the force already has one for the period: the same grade
    /// again is a warning, a different one an error.
    fn record(&mut self, grade: Record, line: u64, column: usize) {
        let Record {
            force,
            area,
            period,
            cell,
            ..
        } = grade;
        let first = match self.graded[force as usize].entry((area, period)) {
            Entry::Occupied(first) => self.records[*first.get() as usize],
            Entry::Vacant(new) => {
                new.insert(self.records.len() as u32);
                self.records.push(Record {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    ..grade
                });
                return;
            }
        };
        let first_line = u64::from(first.line);
        let name = self.forces[force as usize].name.clone();
        let area = self.areas[area as usize].clone();
        if first.cell == cell {
            self.warning(
                line,
                column,
                ProblemKind::DuplicateInFile {
                    force: name,
                    area,
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
                    area,
                    period,
                    first: first.cell,
                    first_line,
                    second: cell,
                },
            );
        }
    }

    /// Reads rows until the input ends or there are too many errors.
    pub(super) fn read_rows(&mut self, rows: &mut Rows<'_>, shape: &Shape, width: usize) {
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
                    self.problems.push(csv_problem(self.file, rows.text, &err));
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
        let extra = shape.extra();
        let area = match extra.area {
            Some(a) => self.area(Some(&row[a]), line, a),
            // No area column: the built-in area, looked up once.
            None => match self.areas.as_slice() {
                [_] => 0,
                _ => self.area(None, line, 0),
            },
        };
        let Some(carried_over) = self.carried(row, &extra, line) else {
            return;
        };
        let Some(cite) = self.citation(row, &extra, line) else {
            return;
        };
        let grade = |force, period, cell| Record {
            force,
            area,
            carried_over,
            period,
            cell,
            line: 0,
            cite,
        };
        match shape {
            Shape::Wide { force, periods, .. } => {
                let Some(id) = self.force(&row[*force], line, *force) else {
                    return;
                };
                for &(column, period) in periods {
                    // "[x]", "[z]": no grade given here (as this program writes its tables).
                    if Cell::is_shorthand(&row[column]) {
                        continue;
                    }
                    match cell_of(&row[column]) {
                        Ok(cell) => self.record(grade(id, period, cell), line, column),
                        Err(err) => self.error(line, column, err.into()),
                    }
                }
            }
            Shape::Long {
                force,
                period,
                grade: grade_column,
                ..
            } => {
                if Cell::is_shorthand(&row[*grade_column]) {
                    return;
                }
                let id = self.force(&row[*force], line, *force);
                let when = match period_of(&row[*period]) {
                    Ok(p) => Some(p),
                    Err(err) => {
                        self.error(line, *period, err.into());
                        None
                    }
                };
                let cell = match cell_of(&row[*grade_column]) {
                    Ok(c) => Some(c),
                    Err(err) => {
                        self.error(line, *grade_column, err.into());
                        None
                    }
                };
                if let (Some(id), Some(when), Some(cell)) = (id, when, cell) {
                    self.record(grade(id, when, cell), line, *grade_column);
                }
            }
        }
    }

    /// The source read, with `warnings` (the header's) before the rows' problems; or, if
    /// any row had an error, every problem found.
    pub(super) fn finish(self, mut warnings: Vec<Problem>) -> Result<Source, Vec<Problem>> {
        warnings.extend(self.problems);
        if self.errors > 0 {
            return Err(warnings);
        }
        let mut records = self.records;
        records.shrink_to_fit();
        Ok(Source {
            name: self.file.to_string(),
            forces: self.forces,
            areas: self.areas,
            records,
            citations: self.citations.into(),
            warnings,
            builtin: false,
        })
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
pub(super) struct Rows<'t> {
    csv: csv::Reader<&'t [u8]>,
    lines: Lines<'t>,
    text: &'t [u8],
}

impl<'t> Rows<'t> {
    pub(super) fn new(text: &'t [u8], delimiter: u8) -> Self {
        Rows {
            csv: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text),
            lines: Lines::new(text),
            text,
        }
    }

    /// The header: the first row that is not blank, and its line; `None` if every row is
    /// blank.
    pub(super) fn header(
        &mut self,
        file: &str,
    ) -> Result<Option<(csv::StringRecord, u64)>, Box<Problem>> {
        let mut row = csv::ByteRecord::new();
        loop {
            match self.csv.read_byte_record(&mut row) {
                Ok(false) => return Ok(None),
                Err(err) => return Err(Box::new(csv_problem(file, self.text, &err))),
                Ok(true) if is_blank(&row) => continue,
                Ok(true) => {
                    let line = self.lines.line_at(&row);
                    if let Some((column, kind)) = field_too_long(&row) {
                        let problem = Problem::error(file, line, column as u64 + 1, kind);
                        return Err(Box::new(problem));
                    }
                    let header = csv::StringRecord::from_byte_record(row)
                        .unwrap_or_else(|_| csv::StringRecord::new());
                    return Ok(Some((header, line)));
                }
            }
        }
    }
}

/// A field as text. The whole file was checked to be UTF-8 before reading, and fields
/// are split at ASCII delimiters, so this cannot fail; if it somehow did, the field
/// reads as blank and is reported as such.
fn field_text(field: &[u8]) -> &str {
    std::str::from_utf8(field).unwrap_or("")
}

/// A grade cell; the usual spellings are matched without making text of them.
fn cell_of(field: &[u8]) -> Result<Cell, UnknownGrade> {
    Cell::exact(field).map_or_else(|| Cell::parse(field_text(field)), Ok)
}

/// A period; a plain four-digit year is read without making text of it.
fn period_of(field: &[u8]) -> Result<Period, BadPeriod> {
    period::year_of(field).map_or_else(|| field_text(field).parse(), |y| Ok(Period::year(y)))
}
