//! Writing data out: CSV in long and wide form, safe against formula injection, and
//! atomic file writes.

use std::io::Write;
use std::path::Path;

use crate::aggregate::{CompareRow, GroupPeriod, Transitions, columns_in_tallies};
use crate::dataset::{Dataset, Grades, Status};
use crate::filter::{Filter, Movement};
use crate::forces::RocuMembership;
use crate::grade::Cell;
use crate::period::PeriodIx;
use crate::provenance::Citation;
use crate::workbook::Part;

/// Guards a cell against formula injection: text that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().from_writer(out)
}

fn write_row<W: Write>(w: &mut csv::Writer<W>, fields: &[&str]) -> csv::Result<()> {
    w.write_record(fields.iter().map(|f| safe_cell(f).into_owned()))
}

/// Long form, one row per grade: `force,year,grade,region,rocu,country,ons_code,area`,
/// `carried_over` (yes or blank) when any grade written was carried over, and `source`
/// and `source_kind` (the pages each grade was read on, separated by spaces, and their
/// kinds; blank for a grade whose file named none) when any grade written cites one.
/// `rocu` is the ROCU at that period (empty for London). The file reads back as it was.
pub fn write_long<W: Write>(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
    membership: RocuMembership,
    out: W,
) -> csv::Result<()> {
    write_long_areas(&[(data, forces, periods)], membership, out)
}

/// [`write_long`] for several areas' grades in one file: each part is an area's dataset
/// with the forces and periods to write from it.
pub fn write_long_areas<W: Write>(
    parts: &[(&Dataset, &[usize], &[PeriodIx])],
    membership: RocuMembership,
    out: W,
) -> csv::Result<()> {
    let carried = parts.iter().any(|(data, forces, periods)| {
        forces
            .iter()
            .any(|&f| periods.iter().any(|&p| data.carried_over(f, p)))
    });
    let cited = parts.iter().any(|(data, forces, periods)| {
        forces
            .iter()
            .any(|&f| periods.iter().any(|&p| citation(data, f, p).is_some()))
    });
    let mut w = writer(out);
    let mut header = vec![
        "force", "year", "grade", "region", "rocu", "country", "ons_code", "area",
    ];
    if carried {
        header.push("carried_over");
    }
    if cited {
        header.extend(["source", "source_kind"]);
    }
    write_row(&mut w, &header)?;
    for &(data, forces, periods) in parts {
        for &force in forces {
            let f = data.force(force);
            for &p in periods {
                let Some(cell) = data.cell(force, p) else {
                    continue;
                };
                let period = data.period(p);
                let year = period.to_string();
                let mut row = vec![
                    f.name.as_str(),
                    &year,
                    cell.csv_text(),
                    f.region().unwrap_or(""),
                    f.rocu_at(period, membership).unwrap_or(""),
                    f.country().unwrap_or(""),
                    f.info.map_or("", |i| i.ons_code.as_str()),
                    data.area(),
                ];
                if carried {
                    row.push(if data.carried_over(force, p) {
                        "yes"
                    } else {
                        ""
                    });
                }
                let citation = citation(data, force, p);
                let (addresses, kinds) = citation
                    .map(|c| (c.addresses(), c.kinds()))
                    .unwrap_or_default();
                if cited {
                    row.extend([addresses.as_str(), kinds.as_str()]);
                }
                write_row(&mut w, &row)?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Every page that states a cell's grade, as one citation (`None` where no source
/// names a page).
pub fn citation(data: &Dataset, force: usize, period: PeriodIx) -> Option<Citation> {
    let provenance = data.provenance(force, period)?;
    provenance
        .stated
        .iter()
        .filter_map(|s| s.citation)
        .fold(None, |all: Option<Citation>, c| {
            Some(all.map_or_else(|| c.clone(), |a| a.with(c)))
        })
}

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV, one row per grade, every area given.
    Long,
    /// CSV, one row per force, the area shown.
    Wide,
    /// An Excel workbook: the area shown on its Grades sheet, every area on its Long sheet.
    Workbook,
}

/// The bytes of an export, made in one place for the window and the command line, by one
/// rule: the long CSV and the workbook's Long sheet hold every area in `areas`; the wide CSV
/// and the workbook's Grades sheet hold `main`, the area shown (or named).
pub fn bytes(
    format: Format,
    main: Part<'_>,
    areas: &[Part<'_>],
    filter: &Filter,
    date: &str,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Long => {
            let parts: Vec<(&Dataset, &[usize], &[PeriodIx])> = areas
                .iter()
                .map(|p| (p.data, p.forces, p.periods))
                .collect();
            write_long_areas(&parts, filter.rocu_membership, &mut out)
                .map_err(|e| e.to_string())?;
        }
        Format::Wide => {
            write_wide(main.data, main.forces, main.periods, &mut out)
                .map_err(|e| e.to_string())?;
        }
        Format::Workbook => {
            out =
                crate::workbook::workbook(main, areas, filter, date).map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

/// Each area's forces and periods under a filter, in [`Grades::datasets`] order: what an
/// export of every area holds.
pub fn every_area(grades: &Grades, filter: &Filter) -> Vec<(Vec<usize>, Vec<PeriodIx>)> {
    grades
        .datasets()
        .iter()
        .map(|d| (filter.apply(d), filter.period_indices(d)))
        .collect()
}

/// Every area as [`every_area`] worked it out, with the area shown as `main` has it (its
/// sort order, its selection of forces).
pub fn parts<'a>(
    grades: &'a Grades,
    main: Part<'a>,
    every: &'a [(Vec<usize>, Vec<PeriodIx>)],
) -> Vec<Part<'a>> {
    grades
        .datasets()
        .iter()
        .zip(every)
        .map(|(d, (forces, periods))| {
            if d.area() == main.data.area() {
                main
            } else {
                Part {
                    data: d,
                    forces,
                    periods,
                }
            }
        })
        .collect()
}

/// Wide form: one row per force, `force,region,country`, one column per period, and the
/// force's movement across those periods.
pub fn write_wide<W: Write>(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
    out: W,
) -> csv::Result<()> {
    let mut w = writer(out);
    let mut header = vec!["force".to_string(), "region".into(), "country".into()];
    header.extend(data.period_labels(periods));
    header.push("movement".into());
    w.write_record(&header)?;
    for &force in forces {
        let f = data.force(force);
        let mut row: Vec<String> = vec![
            safe_cell(&f.name).into_owned(),
            f.region().unwrap_or("").into(),
            f.country().unwrap_or("").into(),
        ];
        // An empty cell says why, in the shorthand of the UK Government Analysis
        // Function's guidance ("[x]" not in the record, "[z]" not assessed), which the
        // importer reads as no grade.
        row.extend(periods.iter().map(|&p| match data.status(force, p) {
            Status::Cell(cell) => cell.csv_text().to_string(),
            other => other.shorthand().unwrap_or("").to_string(),
        }));
        // The movement's key, and what it covers where that is less than every step
        // ("stable to 2018/19").
        let (m, covers) = Movement::described(data, force, periods, Default::default());
        row.push(Movement::described_key(m, covers));
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

/// The grade matrix as tab-separated text, for pasting into Word or Excel: a header, then
/// one line per force in the order given. Cells are guarded against formulas as in CSV,
/// and tabs or line breaks inside a value become spaces.
pub fn tsv(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
    membership: RocuMembership,
) -> String {
    let clean = |s: &str| safe_cell(&s.replace(['\t', '\n', '\r'], " ")).into_owned();
    let mut header = vec!["Force".to_string(), "Region".into(), "ROCU".into()];
    header.extend(data.period_labels(periods));
    header.push("Movement".into());
    let mut out = header.join("\t");
    out.push('\n');
    for &f in forces {
        let force = data.force(f);
        let mut row = vec![
            clean(&force.name),
            clean(force.region().unwrap_or("")),
            clean(data.latest_rocu(f, periods, membership).unwrap_or("")),
        ];
        row.extend(periods.iter().map(|&p| match data.status(f, p) {
            Status::Cell(cell) => cell.label().to_string(),
            other => other.shorthand().unwrap_or("").to_string(),
        }));
        row.push(
            Movement::of(data, f, periods, Default::default())
                .label()
                .to_string(),
        );
        out += &row.join("\t");
        out.push('\n');
    }
    out
}

/// A tab-separated line: each value guarded against formulas as in CSV, tabs and line
/// breaks inside it made spaces.
fn tsv_line(values: &[String]) -> String {
    let mut line = values
        .iter()
        .map(|v| safe_cell(&v.replace(['\t', '\n', '\r'], " ")).into_owned())
        .collect::<Vec<_>>()
        .join("\t");
    line.push('\n');
    line
}

/// The Compare view's numbers as tab-separated text: a header, then one line per group
/// and period with its grade counts, how many were Good or better and what share of the
/// graded that is, the mean grade score, and how many improved and declined since the
/// previous period (blank for the first). Blank where nothing was graded.
pub fn compare_tsv(rows: &[CompareRow]) -> String {
    let cells = columns_in_tallies(rows.iter().map(|r| (r.period, &r.tally)));
    let mut header: Vec<String> = vec!["Group".into(), "Period".into()];
    header.extend(cells.iter().map(|c| c.label().to_string()));
    header.push("Not in record".into());
    header.extend(
        [
            "Good or better",
            "Good or better (share of those in the record)",
            "Mean score",
            "Improved",
            "Declined",
        ]
        .map(String::from),
    );
    let mut out = tsv_line(&header);
    let count = |n: Option<usize>| n.map_or(String::new(), |n| n.to_string());
    for row in rows {
        let mut line = vec![row.group.clone(), row.period.to_string()];
        line.extend(cells.iter().map(|&c| row.tally.count(c).to_string()));
        line.push(row.tally.missing().to_string());
        line.push(row.tally.good_or_better().to_string());
        line.push(
            row.tally
                .share_good_or_better()
                .map_or(String::new(), |s| format!("{:.0}%", s * 100.0)),
        );
        line.push(
            row.tally
                .mean_score()
                .map_or(String::new(), |m| format!("{m:.2}")),
        );
        line.push(count(row.improved));
        line.push(count(row.declined));
        out += &tsv_line(&line);
    }
    out
}

/// A transition matrix as tab-separated text: grades in the earlier period down the side,
/// in the later one across the top, as the Movement view shows them (only the grades
/// either period has), counts of forces in the cells.
pub fn transitions_tsv(t: &Transitions) -> String {
    let cells: Vec<Cell> = Cell::ALL
        .into_iter()
        .filter(|&c| Cell::ALL.iter().any(|&o| t.count(c, o) + t.count(o, c) > 0))
        .collect();
    let mut header = vec![format!("{} (rows) to {} (columns)", t.from, t.to)];
    header.extend(cells.iter().map(|c| c.label().to_string()));
    let mut out = tsv_line(&header);
    for &a in &cells {
        let mut line = vec![a.label().to_string()];
        line.extend(cells.iter().map(|&b| t.count(a, b).to_string()));
        out += &tsv_line(&line);
    }
    out
}

/// Grade counts: `group,year,grade,count`, one row per group, period and grade (zeros
/// included, so every group and period has the same rows).
pub fn write_distribution<W: Write>(
    rows: &[GroupPeriod],
    include_adequate: bool,
    out: W,
) -> csv::Result<()> {
    write_distribution_areas(&[("", rows)], include_adequate, out)
}

/// [`write_distribution`] for several areas in one file: an `area` column first when
/// there is more than one part.
pub fn write_distribution_areas<W: Write>(
    parts: &[(&str, &[GroupPeriod])],
    include_adequate: bool,
    out: W,
) -> csv::Result<()> {
    let with_area = parts.len() > 1;
    let mut w = writer(out);
    let header = ["area", "group", "year", "grade", "count"];
    w.write_record(if with_area { &header[..] } else { &header[1..] })?;
    // Beside the grades, the units the cycle graded whose grade is not in the record, so
    // that a group's graded rows sum to the units graded; and, where any, those it may not
    // have graded at all.
    let not_known = parts
        .iter()
        .any(|(_, rows)| rows.iter().any(|r| !r.tally.not_known.is_empty()));
    for &(area, rows) in parts {
        for row in rows {
            let year = row.period.to_string();
            let mut counts: Vec<(&str, usize)> = Cell::columns(include_adequate, true)
                .into_iter()
                .map(|cell| (cell.label(), row.tally.count(cell)))
                .collect();
            counts.push((Status::NotInRecord.label(), row.tally.missing()));
            if not_known {
                counts.push((Status::NotKnown.label(), row.tally.not_known.len()));
            }
            for (grade, count) in counts {
                let count = count.to_string();
                let fields = [area, &row.group, &year, grade, &count];
                write_row(&mut w, if with_area { &fields[..] } else { &fields[1..] })?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// The grades missing from the record: `unit,area,period`, one row each.
pub fn write_gaps<W: Write>(gaps: &[crate::coverage::Gap], out: W) -> csv::Result<()> {
    let mut w = writer(out);
    w.write_record(["unit", "area", "period"])?;
    for g in gaps {
        write_row(&mut w, &[&g.unit, &g.area, &g.period.to_string()])?;
    }
    w.flush()?;
    Ok(())
}

/// Transition counts: `from_grade,to_grade,count`, every pair of cell values in use.
pub fn write_transitions<W: Write>(
    t: &Transitions,
    include_adequate: bool,
    out: W,
) -> csv::Result<()> {
    let mut w = writer(out);
    w.write_record(["from_grade", "to_grade", "count"])?;
    for a in Cell::columns(include_adequate, true) {
        for b in Cell::columns(include_adequate, true) {
            w.write_record([a.label(), b.label(), &t.count(a, b).to_string()])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// A file that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} already exists; choose another name or allow overwriting")]
    Exists(String),
    #[error("could not write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes a file atomically: the bytes go to a temporary file beside the target, which is
/// then renamed over it, so a failed write leaves any earlier file intact. Unless
/// `overwrite`, an existing file is an error.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    if !overwrite && path.exists() {
        return Err(WriteError::Exists(shown));
    }
    let io = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_injection_is_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe_cell(bad), format!("'{bad}"));
        }
        assert_eq!(safe_cell("Dyfed-Powys"), "Dyfed-Powys");
        assert_eq!(safe_cell(""), "");
    }

    #[test]
    fn tsv_for_pasting() {
        let data = Dataset::figure7();
        let text = tsv(
            &data,
            &[0, 1],
            &PeriodIx::many([0, 1, 2]),
            RocuMembership::AtTheTime,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Force\tRegion\tROCU\t2015\t2016\t2017\tMovement");
        assert_eq!(
            lines[1],
            "Avon & Somerset\tSouth West\tSWROCU\tGood\tRequires Improvement\tGood\tFluctuated"
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn comparison_for_pasting() {
        use crate::aggregate::{self, GroupDef};
        let data = Dataset::figure7();
        let periods = PeriodIx::many([0, 1, 2]);
        let shown = vec![true; data.forces().len()];
        let groups = [GroupDef::baseline()];
        let rows = aggregate::compare(&data, &shown, &periods, &groups, RocuMembership::AtTheTime);
        let text = compare_tsv(&rows);
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(
            lines[0],
            [
                "Group",
                "Period",
                "Outstanding",
                "Good",
                "Requires Improvement",
                "Inadequate",
                "Not in record",
                "Good or better",
                "Good or better (share of those in the record)",
                "Mean score",
                "Improved",
                "Declined"
            ]
        );
        assert_eq!(lines.len(), 1 + 3);
        // Every line has every column; the first period has nothing to compare with.
        assert!(lines.iter().all(|l| l.len() == lines[0].len()));
        assert_eq!(lines[1][1], "2015");
        assert_eq!(&lines[1][10..], ["", ""]);
        let counts: usize = lines[1][2..6]
            .iter()
            .map(|n| n.parse::<usize>().unwrap())
            .sum();
        assert_eq!(counts, 43);
        assert_eq!(lines[1][6], "0");
        assert!(lines[2][10].parse::<usize>().is_ok());
        assert!(lines[1][8].ends_with('%'));
    }

    #[test]
    fn transitions_for_pasting() {
        let data = Dataset::figure7();
        let forces: Vec<usize> = (0..data.forces().len()).collect();
        let t = crate::aggregate::transitions(&data, &forces, PeriodIx::new(0), PeriodIx::new(1));
        let text = transitions_tsv(&t);
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(lines[0][0], "2015 (rows) to 2016 (columns)");
        assert_eq!(lines.len(), lines[0].len());
        let mut total = 0;
        for line in &lines[1..] {
            let from = Cell::parse(line[0]).unwrap();
            for (j, n) in line[1..].iter().enumerate() {
                let to = Cell::parse(lines[0][j + 1]).unwrap();
                assert_eq!(n.parse::<usize>().unwrap(), t.count(from, to));
                total += t.count(from, to);
            }
        }
        assert_eq!(total, t.total());
    }

    #[test]
    fn atomic_write_refuses_to_overwrite_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"one", false).unwrap();
        assert!(matches!(
            write_atomic(&path, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }

    #[test]
    fn a_failed_write_keeps_the_earlier_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"earlier", false).unwrap();
        // Block the temporary file's name with a folder, so the write fails part-way.
        let temp = dir
            .path()
            .join(format!(".out.csv.{}.tmp", std::process::id()));
        std::fs::create_dir(&temp).unwrap();
        let err = write_atomic(&path, b"later", true).unwrap_err();
        assert!(err.to_string().contains("could not write"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"earlier");
    }

    #[test]
    fn failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("out.csv");
        assert!(matches!(
            write_atomic(&path, b"x", true),
            Err(WriteError::Io { .. })
        ));
    }
}
