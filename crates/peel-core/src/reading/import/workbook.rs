//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`), as analysts compile grades in Excel. Every
//! sheet whose table has a recognisable header is read, and all of them make one source:
//! rows of titles or notes above the header are skipped, numbers typed as years (2015 or
//! 2015.0) are years, and in a period column headed as a publication date (`published`,
//! `date`...) a date is read as the year it falls in. Each sheet's table is read by the
//! same rules as a CSV file; problems name the sheet and the cell as the spreadsheet shows
//! it (`grades.xlsx: sheet "SOC grades", cell C5: ...`).

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader as _};

use super::header::classify_header;
use super::{ForceKey, NO_CITATION, Record, Source, SourceForce, parse_source_with};
use crate::forces::ForceRegistry;
use crate::problem::{Problem, ProblemKind, Rejected};

/// How many rows above a table's header (titles, notes) are looked through.
const HEADER_SEARCH_ROWS: usize = 30;

/// The largest workbook file read (a real PEEL workbook is kilobytes).
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;
/// The most a workbook's parts (sheets, shared strings) may unpack to, together. A
/// workbook is a zip: a 1.5 MB file can unpack to 1.5 GB; it is measured, part by part,
/// by unpacking into nothing before anything is kept, and refused past this.
pub const MAX_WORKBOOK_UNPACKED: u64 = 64 * 1024 * 1024;

/// Checks that a workbook is within the limits, with memory bounded whatever it holds: its
/// size, and for a zip (xlsx, xlsm, ods) what its parts really unpack to (not what their
/// headers claim), counted as they stream past and stopped at the limit.
pub fn check_size(bytes: &[u8], unpacked_limit: u64) -> Result<(), ProblemKind> {
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(ProblemKind::WorkbookTooLarge(format!(
            "the file is {} bytes, and workbooks over {} bytes ({} MiB) are not read",
            bytes.len(),
            MAX_WORKBOOK_BYTES,
            MAX_WORKBOOK_BYTES >> 20
        )));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ProblemKind::BadWorkbook(e.to_string()))?;
    let too_large = || {
        ProblemKind::WorkbookTooLarge(format!(
            "its sheets unpack to more than {unpacked_limit} bytes ({} MiB), the most a \
             workbook may hold",
            unpacked_limit >> 20
        ))
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index(i)
            .map_err(|e| ProblemKind::BadWorkbook(e.to_string()))?;
        if total.saturating_add(part.size()) > unpacked_limit {
            return Err(too_large());
        }
        // What the header says may be false: count what comes out, at most one byte past
        // what is left.
        let left = unpacked_limit - total;
        let read = std::io::copy(
            &mut std::io::Read::take(part, left + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| ProblemKind::BadWorkbook(e.to_string()))?;
        total += read;
        if total > unpacked_limit {
            return Err(too_large());
        }
    }
    Ok(())
}

/// Whether bytes look like a workbook: a zip (xlsx, xlsm, ods) or an OLE file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A cell's value as text, as a CSV file would hold it.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            s.replace(['\n', '\r'], " ")
        }
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads a workbook's sheets into one source named `file`.
pub fn parse_workbook(
    file: &str,
    bytes: &[u8],
    registry: &ForceRegistry,
) -> Result<Source, Rejected> {
    let one = |kind| Rejected::one(file, 1, 1, kind);
    check_size(bytes, MAX_WORKBOOK_UNPACKED).map_err(one)?;
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| one(ProblemKind::BadWorkbook(e.to_string())))?;
    let mut parts: Vec<(String, Source)> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut headless: Vec<String> = Vec::new();
    for name in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => return Err(one(ProblemKind::BadWorkbook(e.to_string()))),
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        match read_sheet(file, &rows, registry) {
            SheetRead::NoHeader => headless.push(name.clone()),
            SheetRead::Read { header_row, result } => {
                // Lines of the sheet's table are rows counted from its header.
                let place = |mut p: Problem| {
                    p.file = file.to_string();
                    p.sheet = Some(name.clone());
                    p.line += u64::from(row0) + header_row as u64;
                    p.column += u64::from(col0);
                    p
                };
                match result {
                    Ok(mut source) => {
                        source.warnings = source.warnings.into_iter().map(place).collect();
                        for record in &mut source.records {
                            record.line += row0 + header_row as u32;
                        }
                        parts.push((name.clone(), source));
                    }
                    Err(rejected) => problems.extend(rejected.problems.into_iter().map(place)),
                }
            }
        }
    }
    if problems.iter().any(Problem::is_error) {
        return Err(Rejected::new(file, problems));
    }
    if parts.is_empty() {
        let found = format!(
            "sheets looked at: {}; each needs a force column and either one column per \
             period or period and grade columns",
            headless.join(", ")
        );
        return Err(one(ProblemKind::NoSheetHeader(found)));
    }
    combine(file, parts).map_err(|problems| Rejected::new(file, problems))
}

enum SheetRead {
    NoHeader,
    Read {
        /// How many rows above the header were skipped.
        header_row: usize,
        result: Result<Source, Rejected>,
    },
}

/// Finds a sheet's header among its first rows and reads the table below it.
fn read_sheet(file: &str, rows: &[Vec<String>], registry: &ForceRegistry) -> SheetRead {
    let found = rows.iter().take(HEADER_SEARCH_ROWS).position(|row| {
        let header = csv::StringRecord::from(row.clone());
        !row.iter().all(|c| c.trim().is_empty()) && classify_header(file, 1, &header).is_ok()
    });
    let Some(header_row) = found else {
        return SheetRead::NoHeader;
    };
    let mut table: Vec<Vec<String>> = rows[header_row..].to_vec();
    // Trailing empty columns beyond the header make rows "long": cut them off.
    let width = table[0]
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    for row in &mut table {
        if row.len() > width && row[width..].iter().all(|c| c.trim().is_empty()) {
            row.truncate(width);
        }
    }
    let mut notes = Vec::new();
    // A publication date in the period column is read as its year.
    let keys: Vec<String> = table[0].iter().map(|h| h.trim().to_lowercase()).collect();
    if let Some(col) = keys
        .iter()
        .position(|k| k.contains("publish") || k.contains("date"))
    {
        let mut changed = false;
        for row in table.iter_mut().skip(1) {
            if let Some(cell) = row.get_mut(col)
                && cell.len() == 10
                && cell.as_bytes()[4] == b'-'
                && cell.as_bytes()[7] == b'-'
            {
                cell.truncate(4);
                changed = true;
            }
        }
        if changed {
            notes.push(Problem::note(
                file,
                1,
                col as u64 + 1,
                ProblemKind::DatesAsYears(table[0][col].trim().to_string()),
            ));
        }
    }
    let mut text = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut text);
        for row in &table {
            // A row the writer cannot write would be a defect here; it is skipped.
            let _ = w.write_record(row);
        }
        let _ = w.flush();
    }
    let result = parse_source_with(file, &text, registry).map(|mut source| {
        notes.append(&mut source.warnings);
        source.warnings = notes;
        source
    });
    SheetRead::Read { header_row, result }
}

/// One source from several sheets' sources: forces and areas matched across them, and a
/// force, area and period given by two sheets with different grades an error.
fn combine(file: &str, parts: Vec<(String, Source)>) -> Result<Source, Vec<Problem>> {
    let mut out = Source {
        name: file.to_string(),
        forces: Vec::new(),
        areas: Vec::new(),
        records: Vec::new(),
        citations: Vec::new().into(),
        warnings: Vec::new(),
        builtin: false,
    };
    let mut forces: HashMap<ForceKey, u32> = HashMap::new();
    let mut graded: HashMap<(u32, u16, crate::Period), usize> = HashMap::new();
    let mut errors = Vec::new();
    let mut citations = Vec::new();
    for (sheet, part) in parts {
        let force_ids: Vec<u32> = part
            .forces
            .iter()
            .map(|f: &SourceForce| {
                *forces.entry(f.key.clone()).or_insert_with(|| {
                    out.forces.push(f.clone());
                    (out.forces.len() - 1) as u32
                })
            })
            .collect();
        let area_ids: Vec<u16> = part
            .areas
            .iter()
            .map(|a| match out.areas.iter().position(|b| b == a) {
                Some(i) => i as u16,
                None => {
                    out.areas.push(a.clone());
                    (out.areas.len() - 1) as u16
                }
            })
            .collect();
        let cite_ids: Vec<u32> = part
            .citations
            .iter()
            .map(|c| match citations.iter().position(|d| d == c) {
                Some(i) => i as u32,
                None => {
                    citations.push(c.clone());
                    (citations.len() - 1) as u32
                }
            })
            .collect();
        for r in &part.records {
            let record = Record {
                force: force_ids[r.force as usize],
                area: area_ids[r.area as usize],
                cite: cite_ids
                    .get(r.cite as usize)
                    .copied()
                    .unwrap_or(NO_CITATION),
                ..*r
            };
            match graded.get(&(record.force, record.area, record.period)) {
                Some(&i) if out.records[i].cell != record.cell => {
                    let first = out.records[i];
                    let mut problem = Problem::error(
                        file,
                        u64::from(record.line),
                        1,
                        ProblemKind::ConflictInFile {
                            force: out.forces[record.force as usize].name.clone(),
                            area: out.areas[record.area as usize].clone(),
                            period: record.period,
                            first: first.cell,
                            first_line: u64::from(first.line),
                            second: record.cell,
                        },
                    );
                    problem.sheet = Some(sheet.clone());
                    errors.push(problem);
                }
                Some(_) => {}
                None => {
                    graded.insert(
                        (record.force, record.area, record.period),
                        out.records.len(),
                    );
                    out.records.push(record);
                }
            }
        }
        out.warnings.extend(part.warnings);
    }
    out.citations = citations.into();
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
