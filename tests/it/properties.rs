//! Property tests and the import fuzz harness: arbitrary bytes never panic the importer
//! or `check`, exports round-trip, filtered rows are a subset, counts add up. Some inputs
//! are large: over a megabyte, thousands of rows, hundreds of columns, fields at the
//! length limit.
//!
//! The number of cases is PROPTEST_CASES (256 by default; the large inputs run a
//! sixteenth of it); a long fuzzing run:
//! PROPTEST_CASES=200000 cargo test --release --test it -- properties::

use proptest::prelude::*;

use peel_explorer::core::aggregate::{self, Grouping};
use peel_explorer::core::export::{safe_cell, write_long, write_wide};
use peel_explorer::core::filter::Movement;
use peel_explorer::core::import::{MAX_ERRORS, MAX_FIELD_BYTES};
use peel_explorer::core::{
    Cell, Dataset, Filter, Period, PeriodIx, Problem, ProblemKind, Rejected, RocuMembership,
    Source, parse_source, synthetic,
};

/// Every problem has a position, and errors reject the file.
fn well_formed(result: &Result<Source, Rejected>) {
    match result {
        Ok(source) => {
            for r in &source.records {
                assert!((r.force as usize) < source.forces.len());
                assert!(r.line >= 1);
            }
            for w in &source.warnings {
                assert!(!w.is_error());
                assert!(w.line >= 1 && w.column >= 1);
            }
        }
        Err(rejected) => {
            assert!(rejected.errors().count() >= 1);
            for p in &rejected.problems {
                assert!(p.line >= 1 && p.column >= 1, "{p}");
                assert!(!p.to_string().is_empty());
            }
        }
    }
}

/// The wide export of every force and period reads back with the same periods and forces,
/// and every cell the data has (blank cells read as not graded).
fn wide_reads_back(data: &Dataset) -> Result<(), TestCaseError> {
    let all: Vec<usize> = (0..data.forces().len()).collect();
    let cols: Vec<PeriodIx> = data.period_ixs().collect();
    let mut wide = Vec::new();
    write_wide(data, &all, &cols, &mut wide).unwrap();
    let result = parse_source("wide.csv", &wide);
    positions_in_range(&wide, problems_of(&result));
    let back = Dataset::from_sources(&[result.unwrap()]).unwrap();
    prop_assert_eq!(back.periods(), data.periods());
    prop_assert_eq!(back.forces().len(), data.forces().len());
    for f in 0..data.forces().len() {
        for p in data.period_ixs() {
            let expected = data.cell(f, p).unwrap_or(Cell::NotGraded);
            prop_assert_eq!(back.cell(f, p), Some(expected));
        }
    }
    Ok(())
}

/// Text that looks like a grades file, with mistakes mixed in.
fn csvish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("force".to_string()),
        Just("year".to_string()),
        Just("grade".to_string()),
        Just("2015".to_string()),
        Just("2021/22".to_string()),
        Just("20x5".to_string()),
        Just("Kent".to_string()),
        Just("Avon & Somerset".to_string()),
        Just("British Transport Police".to_string()),
        Just("Good".to_string()),
        Just("RI".to_string()),
        Just("Excelent".to_string()),
        Just(String::new()),
        Just("\"quoted, field\"".to_string()),
        Just("\"unterminated".to_string()),
        "[ -~]{0,8}",
        "\\PC{0,4}",
    ];
    let sep = prop_oneof![Just(","), Just("\t"), Just(";"), Just("\n"), Just("\r\n")];
    prop::collection::vec((token, sep), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(t, s)| format!("{t}{s}"))
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        well_formed(&parse_source("fuzz.csv", &bytes));
    }

    #[test]
    fn csv_like_text_never_panics(text in csvish(), bom in any::<bool>()) {
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.as_bytes());
        let result = parse_source("fuzz.csv", &bytes);
        well_formed(&result);
        // Whatever is accepted also merges with the built-in data or is rejected cleanly.
        if let Ok(source) = result {
            match Dataset::from_sources(&[Source::builtin(), source]) {
                Ok(data) => prop_assert!(data.forces().len() >= 43),
                Err(r) => prop_assert!(r.errors().count() >= 1),
            }
        }
    }

    #[test]
    fn exports_round_trip(forces in 1usize..80, periods in 1usize..6, seed in any::<u64>()) {
        let text = synthetic::long_csv(forces, periods, seed);
        let data = Dataset::from_sources(&[parse_source("a.csv", text.as_bytes()).unwrap()]).unwrap();
        let all: Vec<usize> = (0..data.forces().len()).collect();
        let cols: Vec<PeriodIx> = data.period_ixs().collect();
        let mut long = Vec::new();
        write_long(&data, &all, &cols, RocuMembership::AtTheTime, &mut long).unwrap();
        let again = Dataset::from_sources(&[parse_source("b.csv", &long).unwrap()]).unwrap();
        prop_assert_eq!(again.forces().len(), data.forces().len());
        prop_assert_eq!(again.periods(), data.periods());
        for f in 0..data.forces().len() {
            prop_assert_eq!(again.row(f), data.row(f));
        }
        wide_reads_back(&data)?;
    }

    #[test]
    fn filtered_rows_are_a_subset_and_counts_add_up(
        seed in any::<u64>(),
        region in prop::sample::select(vec!["", "Wales", "South East", "London"]),
        movement in prop::option::of(prop::sample::select(Movement::ALL.to_vec())),
        search in prop::sample::select(vec!["", "shire", "Synthetic", "zzz"]),
        since in prop::option::of(2000u16..2004),
    ) {
        let text = synthetic::long_csv(120, 5, seed);
        let data = Dataset::from_sources(&[
            Source::builtin(),
            parse_source("s.csv", text.as_bytes()).unwrap(),
        ]);
        // The synthetic grades for real forces may contradict Figure 7's: load alone then.
        let data = data.unwrap_or_else(|_| {
            Dataset::from_sources(&[parse_source("s.csv", text.as_bytes()).unwrap()]).unwrap()
        });
        let mut filter = Filter { search: search.to_string(), ..Filter::default() };
        if !region.is_empty() {
            filter.regions.insert(region.to_string());
        }
        if let Some(m) = movement {
            filter.movements.insert(m);
        }
        filter.since = since.map(Period::year);
        let rows = filter.apply(&data);
        let everyone = Filter::default().apply(&data);
        prop_assert!(rows.iter().all(|r| everyone.contains(r)));
        prop_assert!(rows.windows(2).all(|w| w[0] < w[1]));
        let periods = filter.period_indices(&data);
        // National counts add up to the cells present, per period.
        let dist = aggregate::distribution(&data, &rows, &periods, Grouping::National, RocuMembership::AtTheTime);
        for row in &dist {
            let p = data.period_index(row.period).unwrap();
            let present = rows.iter().filter(|&&f| data.cell(f, p).is_some()).count();
            prop_assert_eq!(row.tally.total(), present);
        }
        // Regional counts add up to the national ones.
        let by_region = aggregate::distribution(&data, &rows, &periods, Grouping::Region, RocuMembership::AtTheTime);
        for row in &dist {
            let sum: usize = by_region.iter().filter(|r| r.period == row.period).map(|r| r.tally.total()).sum();
            prop_assert_eq!(sum, row.tally.total());
        }
        // Movement classes partition the rows.
        let moves = aggregate::movements(&data, &rows, &periods);
        prop_assert_eq!(moves.iter().map(Vec::len).sum::<usize>(), rows.len());
    }

    #[test]
    fn formula_injection_is_always_neutralised(text in "\\PC{0,12}") {
        let safe = safe_cell(&text);
        prop_assert!(!safe.starts_with(['=', '+', '-', '@', '\t', '\r']));
        prop_assert!(safe.ends_with(text.as_str()));
    }
}

/// A large input costs more per case: a sixteenth of the cases, and at least four.
fn large_cases() -> ProptestConfig {
    let config = ProptestConfig::default();
    ProptestConfig {
        cases: (config.cases / 16).max(4),
        ..config
    }
}

/// Over a megabyte: larger than any file read in one small piece.
const LARGE_BYTES: usize = 1 << 20;

/// The lines of `bytes`, split at line feeds (a last line without one counts).
fn lines_of(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if bytes.ends_with(b"\n") {
        lines.pop();
    }
    lines
}

/// Every problem points into the input: its line exists (or is the one just after the last,
/// for an input that ends too soon), and its column is at most one more than the
/// separators on its line (an upper bound on its fields, quotes or not; a quoted field may
/// run on over the next lines, so theirs count too).
fn positions_in_range(bytes: &[u8], problems: &[Problem]) {
    let separators: Vec<usize> = lines_of(bytes)
        .iter()
        .map(|l| {
            l.iter()
                .filter(|b| matches!(b, b',' | b'\t' | b';'))
                .count()
        })
        .collect();
    for p in problems {
        assert!(p.line >= 1 && p.column >= 1, "{p}");
        let line = p.line as usize;
        assert!(
            line <= separators.len() + 1,
            "{p}: {} lines",
            separators.len()
        );
        if line <= separators.len() {
            let fields = 1 + separators[line - 1];
            let at_most = if p.column as usize > fields {
                fields + separators[line..].iter().take(64).sum::<usize>()
            } else {
                fields
            };
            assert!(
                p.column as usize <= at_most,
                "{p}: the line has {fields} field(s)"
            );
        }
    }
}

/// Every problem, warnings and errors alike.
fn problems_of(result: &Result<Source, Rejected>) -> &[Problem] {
    match result {
        Ok(source) => &source.warnings,
        Err(rejected) => &rejected.problems,
    }
}

/// A long synthetic file of over a megabyte.
fn large_long_csv(forces: usize, periods: usize, seed: u64) -> String {
    let text = synthetic::long_csv(forces, periods, seed);
    assert!(text.len() > LARGE_BYTES, "{} bytes", text.len());
    text
}

proptest! {
    #![proptest_config(large_cases())]

    #[test]
    fn large_long_files_round_trip(
        forces in 4_800usize..6_500,
        periods in 7usize..9,
        seed in any::<u64>(),
        crlf in any::<bool>(),
    ) {
        let mut text = large_long_csv(forces, periods, seed);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let result = parse_source("large.csv", text.as_bytes());
        positions_in_range(text.as_bytes(), problems_of(&result));
        let source = result.expect("a synthetic file is valid");
        prop_assert_eq!(source.records.len(), forces * periods);
        prop_assert_eq!(source.forces.len(), forces);
        // Records come in file order, each from its own line (after the header).
        for (i, r) in source.records.iter().enumerate() {
            prop_assert_eq!(r.line as usize, i + 2);
        }
        let data = Dataset::from_sources(&[source]).expect("merges");
        let all: Vec<usize> = (0..data.forces().len()).collect();
        let cols: Vec<PeriodIx> = data.period_ixs().collect();
        let mut long = Vec::new();
        write_long(&data, &all, &cols, RocuMembership::AtTheTime, &mut long).unwrap();
        prop_assert!(long.len() > LARGE_BYTES);
        let again = Dataset::from_sources(&[parse_source("again.csv", &long).unwrap()]).unwrap();
        prop_assert_eq!(again.periods(), data.periods());
        prop_assert_eq!(again.forces().len(), data.forces().len());
        for f in 0..data.forces().len() {
            prop_assert_eq!(&again.force(f).name, &data.force(f).name);
            prop_assert_eq!(again.row(f), data.row(f));
        }
    }

    /// Mistakes anywhere in a large file, however it is read, are each reported at their
    /// own line and column, and at no other.
    #[test]
    fn mistakes_deep_in_large_files_are_placed_exactly(
        seed in any::<u64>(),
        mistakes in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 1..24),
    ) {
        let text = large_long_csv(6_000, 7, seed);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        // Two mistakes may fall on one line: one in its period, one in its grade.
        let mut expected = std::collections::BTreeSet::new();
        for (at, in_period) in &mistakes {
            // Any line but the header.
            let line = 1 + at.index(lines.len() - 1);
            let mut fields: Vec<String> = lines[line].split(',').map(str::to_string).collect();
            let column = if *in_period { 2 } else { 3 };
            fields[column - 1] = if *in_period { "20x5".into() } else { "Excelent".into() };
            lines[line] = fields.join(",");
            expected.insert((line as u64 + 1, column as u64));
        }
        let bytes = (lines.join("\n") + "\n").into_bytes();
        prop_assert!(bytes.len() > LARGE_BYTES);
        let rejected = parse_source("mistakes.csv", &bytes).expect_err("rejected");
        positions_in_range(&bytes, &rejected.problems);
        let found: std::collections::BTreeSet<(u64, u64)> =
            rejected.errors().map(|p| (p.line, p.column)).collect();
        prop_assert_eq!(rejected.errors().count(), expected.len());
        prop_assert_eq!(found, expected);
    }

    /// A large file with more mistakes than are reported stops at the limit, in order.
    #[test]
    fn many_mistakes_in_a_large_file_stop_at_the_limit(
        seed in any::<u64>(),
        every in 3usize..400,
    ) {
        let text = large_long_csv(6_000, 7, seed);
        let bytes: Vec<u8> = text
            .lines()
            .enumerate()
            .map(|(i, line)| {
                if i > 0 && i % every == 0 {
                    line.replace(",20", ",19x")
                } else {
                    line.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes();
        let bad_lines = (lines_of(&bytes).len() - 1) / every;
        let rejected = parse_source("many.csv", &bytes).expect_err("rejected");
        positions_in_range(&bytes, &rejected.problems);
        let errors: Vec<&Problem> = rejected.errors().collect();
        let reported: Vec<&&Problem> = errors
            .iter()
            .filter(|p| !matches!(p.kind, ProblemKind::TooManyErrors(_)))
            .collect();
        prop_assert_eq!(reported.len(), bad_lines.min(MAX_ERRORS));
        for (k, p) in reported.iter().enumerate() {
            prop_assert_eq!(p.line as usize, (k + 1) * every + 1, "{}", p);
            prop_assert_eq!(p.column, 2);
        }
        let stopped = errors.iter().any(|p| matches!(p.kind, ProblemKind::TooManyErrors(_)));
        prop_assert_eq!(stopped, bad_lines > MAX_ERRORS);
    }

    /// Names at the field-length limit are read; one byte over is an error at its own line
    /// and column.
    #[test]
    fn fields_at_the_length_limit(
        rows in 260usize..320,
        over in prop::collection::vec((any::<prop::sample::Index>(), 1usize..16), 0..8),
        short_by in 0usize..8,
    ) {
        let mut lengths = vec![MAX_FIELD_BYTES - short_by; rows];
        for (at, by) in &over {
            lengths[at.index(rows)] = MAX_FIELD_BYTES + by;
        }
        let mut text = String::from("force,year,grade\n");
        for (i, len) in lengths.iter().enumerate() {
            let name = format!("F{i:05}");
            text += &format!("{name}{},2016,Good\n", "x".repeat(len - name.len()));
        }
        let bytes = text.into_bytes();
        prop_assert!(bytes.len() > LARGE_BYTES);
        let too_long: Vec<u64> = lengths
            .iter()
            .enumerate()
            .filter(|(_, len)| **len > MAX_FIELD_BYTES)
            .map(|(i, _)| i as u64 + 2)
            .collect();
        let result = parse_source("long.csv", &bytes);
        positions_in_range(&bytes, problems_of(&result));
        match result {
            Ok(source) => {
                prop_assert!(too_long.is_empty());
                prop_assert_eq!(source.records.len(), rows);
                prop_assert!(source.forces.iter().all(|f| f.name.len() == MAX_FIELD_BYTES - short_by));
            }
            Err(rejected) => {
                let errors: Vec<(u64, u64)> = rejected.errors().map(|p| (p.line, p.column)).collect();
                let expected: Vec<(u64, u64)> = too_long.iter().map(|&l| (l, 1)).collect();
                prop_assert_eq!(errors, expected);
                let all_too_long = rejected
                    .errors()
                    .all(|p| matches!(p.kind, ProblemKind::FieldTooLong { .. }));
                prop_assert!(all_too_long);
            }
        }
    }

    /// A wide file with hundreds of period columns reads back cell for cell.
    #[test]
    fn many_columns_round_trip(
        forces in 30usize..80,
        periods in 150usize..500,
        seed in any::<u64>(),
    ) {
        let text = synthetic::long_csv(forces, periods, seed);
        let data = Dataset::from_sources(&[parse_source("a.csv", text.as_bytes()).unwrap()]).unwrap();
        prop_assert_eq!(data.periods().len(), periods);
        wide_reads_back(&data)?;
    }

    /// Over a megabyte of grades-like text with characters changed at random never panics,
    /// and every problem points into it.
    #[test]
    fn large_damaged_text_never_panics(
        chunk in csvish(),
        seed in any::<u64>(),
        damage in prop::collection::vec((any::<prop::sample::Index>(), 0u8..128), 0..64),
    ) {
        let mut bytes = synthetic::long_csv(500, 3, seed).into_bytes();
        while bytes.len() <= LARGE_BYTES {
            bytes.extend_from_slice(chunk.as_bytes());
            bytes.extend_from_slice(synthetic::long_csv(40, 3, seed).as_bytes());
        }
        for (at, byte) in &damage {
            let i = at.index(bytes.len());
            bytes[i] = *byte;
        }
        let result = parse_source("damaged.csv", &bytes);
        well_formed(&result);
        positions_in_range(&bytes, problems_of(&result));
    }
}

/// A zip of parts of the given sizes (made-up, repetitive content).
fn zip_of(sizes: &[usize]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (i, &size) in sizes.iter().enumerate() {
        zip.start_file(format!("part{i}.xml"), options)
            .expect("a part");
        let text: Vec<u8> = b"<c>Good</c>".iter().copied().cycle().take(size).collect();
        zip.write_all(&text).expect("written");
    }
    zip.finish().expect("a zip").into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A workbook is refused exactly when what its parts unpack to passes the limit, and
    /// whatever it holds is measured, never kept.
    #[test]
    fn workbooks_are_measured_by_what_they_unpack_to(
        sizes in prop::collection::vec(0usize..20_000, 1..6),
        limit in 0u64..60_000,
    ) {
        use peel_explorer::core::import::workbook::check_size;
        let bytes = zip_of(&sizes);
        let total: u64 = sizes.iter().map(|&s| s as u64).sum();
        let result = check_size(&bytes, limit);
        prop_assert_eq!(result.is_err(), total > limit, "{} bytes, limit {}", total, limit);
        // Read as a file, a workbook that fits goes on to be read; one that does not is a
        // rejection with a position, never a panic.
        well_formed(&parse_source("parts.xlsx", &bytes));
    }
}
