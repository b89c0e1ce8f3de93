//! CSV import: both shapes, every error case with the position it is reported at, and
//! merging sources.

use peel_explorer::core::import::{Source, parse_source};
use peel_explorer::core::{
    Cell, Dataset, Grade, Grades, Period, PeriodIx, Problem, ProblemKind, Rejected, Severity,
};

fn ok(text: &str) -> Source {
    let source = parse_source("test.csv", text.as_bytes())
        .unwrap_or_else(|r| panic!("{r}: {:?}", r.problems));
    without_area_note(source)
}

/// A file with no area column says once, as a note, where its grades went; the other
/// checks here are about everything else.
fn without_area_note(mut source: Source) -> Source {
    let notes: Vec<&Problem> = source
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, ProblemKind::NoAreaColumn(_)))
        .collect();
    assert!(notes.len() <= 1, "{notes:?}");
    assert!(notes.iter().all(|n| n.severity == Severity::Note));
    source
        .warnings
        .retain(|w| !matches!(w.kind, ProblemKind::NoAreaColumn(_)));
    source
}

fn rejected(bytes: &[u8]) -> Rejected {
    match parse_source("bad.csv", bytes) {
        Ok(source) => panic!("accepted: {source:?}"),
        Err(r) => r,
    }
}

/// The first error, checked for its position.
fn first_error(bytes: &[u8], line: u64, column: u64) -> Problem {
    let r = rejected(bytes);
    let err = r.errors().next().expect("an error").clone();
    assert_eq!((err.line, err.column), (line, column), "position of {err}");
    assert_eq!(err.file, "bad.csv");
    assert!(
        err.to_string()
            .starts_with(&format!("bad.csv:{line}:{column}: error: "))
    );
    err
}

fn grade_of(source: &Source, name: &str, period: Period) -> Option<Cell> {
    let force = source.forces.iter().position(|f| f.name == name)? as u32;
    source
        .records
        .iter()
        .find(|r| r.force == force && r.period == period)
        .map(|r| r.cell)
}

#[test]
fn wide_shape_with_bom_crlf_and_quotes() {
    let text = "\u{feff}Force,2015,\"2016\"\r\n\"Avon and Somerset Constabulary\",Good,RI\r\nKent,outstanding,\r\n";
    let s = ok(text);
    assert_eq!(
        grade_of(&s, "Avon & Somerset", Period::year(2016)),
        Some(Cell::Graded(Grade::RequiresImprovement))
    );
    assert_eq!(
        grade_of(&s, "Kent", Period::year(2015)),
        Some(Cell::Graded(Grade::Outstanding))
    );
    assert_eq!(
        grade_of(&s, "Kent", Period::year(2016)),
        Some(Cell::NotGraded)
    );
    assert_eq!(s.records.len(), 4);
    assert!(s.warnings.is_empty());
}

#[test]
fn long_shape_with_cycles_and_ignored_columns() {
    let text = "force,year,grade,remarks\nMetropolitan Police Service,2021/22,Adequate,x\nHampshire and Isle of Wight Constabulary,2021-22,requires-improvement,\n";
    let s = ok(text);
    let cycle = Period::cycle(2021, 2022);
    assert_eq!(
        grade_of(&s, "MPS", cycle),
        Some(Cell::Graded(Grade::Adequate))
    );
    assert_eq!(
        grade_of(&s, "Hampshire", cycle),
        Some(Cell::Graded(Grade::RequiresImprovement))
    );
    assert_eq!(s.warnings.len(), 1);
    let w = &s.warnings[0];
    assert_eq!((w.severity, w.line, w.column), (Severity::Warning, 1, 4));
    assert_eq!(w.kind, ProblemKind::IgnoredColumn("remarks".into()));
}

#[test]
fn unknown_force_is_kept_with_a_warning() {
    let s = ok("force,year,grade\nAtlantis Constabulary,2016,Good\n");
    assert_eq!(s.forces.len(), 1);
    assert_eq!(s.forces[0].known, None);
    let w = &s.warnings[0];
    assert_eq!((w.line, w.column), (2, 1));
    assert!(matches!(w.kind, ProblemKind::UnknownForce(_)));
    let data = Dataset::from_sources(&[s]).unwrap();
    assert_eq!(data.force(0).region(), None);
    assert_eq!(
        data.force(0)
            .rocu_at(Period::year(2016), Default::default()),
        None
    );
}

#[test]
fn unknown_grade_reports_line_and_column() {
    let err = first_error(
        b"force,2015,2016\nKent,Good,Good\nDurham,Good,Excelent\n",
        3,
        3,
    );
    let message = err.to_string();
    assert!(message.contains("\"Excelent\""), "{message}");
    assert!(message.contains("Requires Improvement"), "{message}");
}

#[test]
fn conflicting_duplicate_in_one_file() {
    let err = first_error(
        b"force,year,grade\nKent,2016,Good\nDurham,2016,Good\nKent Police,2016,Inadequate\n",
        4,
        3,
    );
    assert!(matches!(
        err.kind,
        ProblemKind::ConflictInFile { first_line: 2, .. }
    ));
}

#[test]
fn identical_duplicate_is_only_a_warning() {
    let s = ok("force,year,grade\nKent,2016,Good\nKent,2016,good\n");
    assert_eq!(s.records.len(), 1);
    assert!(matches!(
        s.warnings[0].kind,
        ProblemKind::DuplicateInFile { first_line: 2, .. }
    ));
    assert_eq!(s.warnings[0].line, 3);
}

#[test]
fn short_row() {
    let err = first_error(b"force,2015,2016\nKent,Good,Good\nDurham,Good\n", 3, 3);
    assert!(matches!(
        err.kind,
        ProblemKind::ShortRow {
            found: 2,
            expected: 3
        }
    ));
}

#[test]
fn long_row_with_extra_values() {
    let err = first_error(b"force,2015\nKent,Good,Good\n", 2, 3);
    assert!(matches!(err.kind, ProblemKind::LongRow { column: 3, .. }));
    // Trailing empty fields (as spreadsheets write them) are fine.
    ok("force,2015\nKent,Good,,\n");
}

#[test]
fn bad_period_label_in_a_wide_header() {
    let err = first_error(b"force,2015,2018/16\nKent,Good,Good\n", 1, 3);
    assert!(matches!(err.kind, ProblemKind::BadPeriod(_)));
    assert!(err.to_string().contains("\"2018/16\""));
}

#[test]
fn bad_period_label_in_a_long_row() {
    let err = first_error(
        b"force,year,grade\nKent,2016,Good\nKent,twenty17,Good\n",
        3,
        2,
    );
    assert!(matches!(err.kind, ProblemKind::BadPeriod(_)));
}

#[test]
fn duplicate_period_column() {
    let err = first_error(b"force,2016,2016\nKent,Good,Good\n", 1, 3);
    assert!(matches!(
        err.kind,
        ProblemKind::DuplicatePeriodColumn { .. }
    ));
}

#[test]
fn no_recognisable_header() {
    let err = first_error(b"\n\nname,colour\nKent,blue\n", 3, 1);
    assert!(matches!(err.kind, ProblemKind::NoHeader { .. }));
    assert!(err.to_string().contains("\"colour\""));
}

#[test]
fn empty_file() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"  \r\n\n", b",,,\n,,\n"] {
        let r = rejected(bytes);
        let err = r.errors().next().unwrap();
        assert_eq!(err.kind, ProblemKind::EmptyFile, "{bytes:?}");
        assert_eq!((err.line, err.column), (1, 1));
    }
}

#[test]
fn bytes_that_are_not_text() {
    // A byte that is not UTF-8 is read as Windows-1252, with a warning at it.
    let r = rejected(b"force,2015\nKent,Go\xFFod\n");
    let warning = &r.problems[0];
    assert_eq!((warning.line, warning.column), (2, 8));
    assert_eq!(warning.kind, ProblemKind::ReadAsWindows1252 { byte: 0xFF });
    assert!(
        r.errors()
            .next()
            .is_some_and(|e| e.to_string().contains("\"Go\u{ff}od\""))
    );
    let err = first_error(b"force,2015\n\0\0\0", 2, 1);
    assert_eq!(err.kind, ProblemKind::NotText { byte: 0 });
}

#[test]
fn missing_force_name() {
    let err = first_error(b"force,2015\nKent,Good\n,Good\n", 3, 1);
    assert_eq!(err.kind, ProblemKind::MissingForce);
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let r = rejected(b"force,2015,2016\nKent,Gud,Good\nDurham,Good,Bad\nEssex,Good\n");
    let positions: Vec<(u64, u64)> = r.errors().map(|e| (e.line, e.column)).collect();
    assert_eq!(positions, [(2, 2), (3, 3), (4, 3)]);
}

#[test]
fn a_file_with_any_error_is_rejected_whole() {
    // One good row and one bad: nothing is returned to load.
    let result = parse_source("bad.csv", b"force,2015\nKent,Good\nDurham,Nope\n");
    assert!(result.is_err());
}

#[test]
fn error_flood_stops_at_a_limit() {
    let mut text = String::from("force,2015\n");
    for i in 0..1000 {
        text += &format!("Force {i},Nope\n");
    }
    let r = rejected(text.as_bytes());
    let errors = r.errors().count();
    assert_eq!(errors, peel_explorer::core::import::MAX_ERRORS + 1);
    assert!(matches!(
        r.problems.last().unwrap().kind,
        ProblemKind::TooManyErrors(_)
    ));
}

#[test]
fn malformed_quotes_never_panic() {
    // The csv reader is lenient with quotes; whatever it makes of them must not panic, and
    // the unterminated field cannot be a grade.
    let result = parse_source("q.csv", b"force,2015\n\"Kent,Good\n");
    if let Err(r) = result {
        assert!(r.errors().count() >= 1);
    }
}

#[test]
fn sources_merge_and_agreeing_grades_are_fine() {
    let extra = ok("force,year,grade\nKent,2017,Good\nKent,2018/19,Outstanding\n");
    let data = Dataset::from_sources(&[Source::builtin(), extra]).unwrap();
    assert_eq!(data.forces().len(), 43);
    assert_eq!(data.periods().len(), 4);
    let kent = data.find_force("Kent").unwrap();
    assert_eq!(
        data.cell_at(kent, Period::cycle(2018, 2019)),
        Some(Cell::Graded(Grade::Outstanding))
    );
    let (source, line) = data.origin(kent, PeriodIx::new(3)).unwrap();
    assert_eq!((source, line), ("test.csv", 3));
    // A force only in the builtin data has nothing for 2018/19.
    assert_eq!(data.cell_at(0, Period::cycle(2018, 2019)), None);
}

#[test]
fn conflict_between_sources_names_both_and_changes_nothing() {
    // Two users' files (made up) that disagree: a conflict, nothing merged.
    let mine = parse_source(
        "mine.csv",
        b"force,year,grade\nDurham,2016,Outstanding\nKent Police,2016,Good\n",
    )
    .unwrap();
    let extra = parse_source(
        "later.csv",
        b"force,year,grade\nDurham,2016,Outstanding\nKent Police,2016,Inadequate\n",
    )
    .unwrap();
    let r = Dataset::from_sources(&[mine, extra.clone()]).unwrap_err();
    assert_eq!(r.file, "later.csv");
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!((p.line, p.column), (3, 1));
    let message = p.to_string();
    assert!(
        message.starts_with("later.csv:3:1: error: Kent 2016"),
        "{message}"
    );
    assert!(message.contains("mine.csv (line 3)"), "{message}");
    assert!(message.contains("Inadequate"), "{message}");
    assert!(message.contains("Good"), "{message}");
    // Against the published record the same file loads; the difference is kept in view.
    let grades = Grades::from_source_refs(&[Source::builtin_ref(), &extra]).unwrap();
    let differences = grades.record_differences();
    assert_eq!(differences.len(), 1);
    let said = differences[0].to_string();
    assert!(
        said.starts_with("later.csv:3:1: warning: Kent 2016"),
        "{said}"
    );
    assert!(said.contains("Good in the published record"), "{said}");
}

#[test]
fn blank_lines_do_not_shift_line_numbers() {
    let err = first_error(b"force,2015\n\nKent,Good\n\n\n,Good\n", 6, 1);
    assert_eq!(err.kind, ProblemKind::MissingForce);
    let err = first_error(b"force,2015\r\n\r\nKent,Good\r\n\r\nDurham,Bad\r\n", 5, 2);
    assert!(matches!(err.kind, ProblemKind::UnknownGrade(_)));
}

#[test]
fn a_field_longer_than_the_limit_is_an_error() {
    let long = "x".repeat(peel_explorer::core::import::MAX_FIELD_BYTES + 1);
    let text = format!("force,2015\nKent,Good\n{long},Good\n");
    let err = first_error(text.as_bytes(), 3, 1);
    assert!(matches!(
        err.kind,
        ProblemKind::FieldTooLong { column: 1, .. }
    ));
    let header = format!("force,{long}\nKent,Good\n");
    let err = first_error(header.as_bytes(), 1, 2);
    assert!(matches!(
        err.kind,
        ProblemKind::FieldTooLong { column: 2, .. }
    ));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    // A sparse file: its size is over the limit without using the disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(peel_explorer::core::import::MAX_FILE_BYTES + 1)
        .unwrap();
    let r = peel_explorer::core::load_file(&path).unwrap_err();
    assert!(matches!(
        r.problems[0].kind,
        ProblemKind::FileTooLarge { .. }
    ));
    assert_eq!((r.problems[0].line, r.problems[0].column), (1, 1));
}

/// Large files (about 4 MB, 120,000 rows) read in one pass: the problems and their lines
/// where the rows are far apart.
mod large_files {
    use peel_explorer::core::import::{MAX_ERRORS, Source, parse_source};
    use peel_explorer::core::{ProblemKind, Rejected, Severity, synthetic};

    fn read(text: &str) -> Result<Source, Rejected> {
        parse_source("big.csv", text.as_bytes()).map(super::without_area_note)
    }

    /// 6,000 forces (the 43 real ones and made-up ones) x 20 years.
    fn big() -> String {
        synthetic::long_csv(6000, 20, 7)
    }

    fn line_of<'t>(text: &'t str, start: &str) -> &'t str {
        text.lines()
            .find(|l| l.starts_with(start))
            .expect("the generator writes this force")
    }

    #[test]
    fn duplicates_aliases_and_unknown_forces_far_apart() {
        let mut text = big();
        // A force from the start again at the end (a duplicate), an alias of a known force
        // with its grade again (a duplicate under another spelling), and a new force.
        let early = line_of(&text, "Synthetic Force 000050,2003,").to_string();
        let kent = line_of(&text, "Kent,2001,").replace("Kent,", "Kent Police,");
        text += &format!("{early}\n{kent}\nNowhere Constabulary,2001,Good\n");
        let source = read(&text).expect("valid");
        assert_eq!(source.records.len(), 6000 * 20 + 1);
        let last = text.lines().count() as u64;
        let duplicates: Vec<(u64, u64, u64)> = source
            .warnings
            .iter()
            .filter_map(|w| match w.kind {
                ProblemKind::DuplicateInFile { first_line, .. } => {
                    Some((w.line, w.column, first_line))
                }
                _ => None,
            })
            .collect();
        let first = |start: &str| 1 + text.lines().position(|l| l.starts_with(start)).unwrap();
        let early_line = first("Synthetic Force 000050,2003,") as u64;
        let kent_line = first("Kent,2001,") as u64;
        assert_eq!(
            duplicates,
            vec![(last - 2, 3, early_line), (last - 1, 3, kent_line)]
        );
        let unknown: Vec<&str> = source
            .warnings
            .iter()
            .filter_map(|w| match &w.kind {
                ProblemKind::UnknownForce(name) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        // Every made-up force once (not once per row), and the new one, last.
        assert_eq!(unknown.len(), 6000 - 43 + 1);
        assert_eq!(unknown.last(), Some(&"Nowhere Constabulary"));
        let nowhere = source.warnings.last().expect("warnings");
        assert_eq!((nowhere.line, nowhere.column), (last, 1));
        assert!(
            source
                .warnings
                .iter()
                .all(|w| w.severity == Severity::Warning)
        );
    }

    #[test]
    fn a_force_whose_rows_are_spread_over_the_file() {
        // Sorted by year, so each force's rows are far apart.
        let text = big();
        let mut lines: Vec<&str> = text.lines().skip(1).collect();
        lines.sort_by_key(|l| l.split(',').nth(1).map(str::to_string));
        let sorted = format!("force,year,grade\n{}\n", lines.join("\n"));
        let source = read(&sorted).expect("valid");
        assert_eq!(source.forces.len(), 6000);
        assert_eq!(source.records.len(), 6000 * 20);
        assert_eq!(source.warnings.len(), 6000 - 43);
    }

    #[test]
    fn line_numbers_survive_blank_lines_and_crlf() {
        let mut text = String::new();
        for (i, line) in big().lines().enumerate() {
            text += line;
            text += "\r\n";
            if i % 777 == 5 {
                text += "\r\n";
            }
            if i % 1000 == 7 {
                text += " , ,\n";
            }
        }
        let source = read(&text).expect("valid");
        assert_eq!(source.records.len(), 6000 * 20);
        // Every record's line is the line its force and year are really on.
        let lines: Vec<&str> = text.lines().collect();
        for record in source.records.iter().step_by(997) {
            let line = lines[record.line as usize - 1];
            let name = &source.forces[record.force as usize].name;
            assert!(
                line.starts_with(&format!("{name},{},", record.period)),
                "{line}"
            );
        }
        let last = source.records.last().expect("records");
        assert_eq!(last.line as usize, lines.len());
    }

    #[test]
    fn a_conflict_far_from_the_first_grade_rejects_the_file() {
        let mut text = big();
        let early = line_of(&text, "Synthetic Force 000050,2003,").to_string();
        let early_line = 1 + text.lines().position(|l| l == early).unwrap() as u64;
        let changed = if early.ends_with(",Good") {
            early.replace(",Good", ",Inadequate")
        } else {
            format!("{},Good", early.rsplit_once(',').map_or("", |(a, _)| a))
        };
        text += &format!("{changed}\n");
        let rejected = read(&text).expect_err("a conflict");
        let conflicts: Vec<_> = rejected
            .errors()
            .map(|p| (p.line, p.column, p.kind.clone()))
            .collect();
        assert_eq!(conflicts.len(), 1);
        let (line, column, kind) = &conflicts[0];
        assert_eq!((*line, *column), (text.lines().count() as u64, 3));
        assert!(
            matches!(kind, ProblemKind::ConflictInFile { first_line, .. } if *first_line == early_line)
        );
    }

    #[test]
    fn an_error_flood_stops_after_the_limit() {
        let text: String = big()
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i > 0 && i % 500 == 0 {
                    format!("{},Nope\n", l.rsplit_once(',').map_or("", |(a, _)| a))
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        let rejected = read(&text).expect_err("bad grades");
        let errors: Vec<u64> = rejected.errors().map(|p| p.line).collect();
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        // One bad grade every 500 lines, from line 501; the note at the last one's line.
        let expected: Vec<u64> = (1..=MAX_ERRORS as u64).map(|k| k * 500 + 1).collect();
        assert_eq!(errors[..MAX_ERRORS], expected[..]);
        assert_eq!(errors[MAX_ERRORS], MAX_ERRORS as u64 * 500 + 1);
        assert!(matches!(
            rejected.problems.last().map(|p| &p.kind),
            Some(ProblemKind::TooManyErrors(_))
        ));
        assert_eq!(
            rejected.problems.iter().filter(|p| p.line == 501).count(),
            1
        );
    }
}

/// Made-up grades: the labels are what is tested.
#[test]
fn cycles_as_analysts_and_the_inspectorate_write_them() {
    let source = ok("force,year,grade\n\
         Kent,PEEL 2021/22,Adequate\n\
         Gwent,2023-25,Good\n\
         Dorset,2023\u{2013}25,Good\n\
         Durham,2023/25,Good\n\
         Surrey,2023-2025,Good\n\
         Essex,peel 2021/22,Good\n");
    let cycle = Period::cycle(2023, 2025);
    for name in ["Gwent", "Dorset", "Durham", "Surrey"] {
        assert_eq!(
            grade_of(&source, name, cycle),
            Some(Cell::Graded(Grade::Good)),
            "{name}"
        );
    }
    let p2122 = Period::cycle(2021, 2022);
    assert_eq!(
        grade_of(&source, "Kent", p2122),
        Some(Cell::Graded(Grade::Adequate))
    );
    assert_eq!(
        grade_of(&source, "Essex", p2122),
        Some(Cell::Graded(Grade::Good))
    );
    // Beside Figure 7, the cycles come after its years, 2021/22 before 2023-25.
    let data = Dataset::from_sources(&[Source::builtin(), source]).expect("no conflict");
    let labels: Vec<String> = data.periods().iter().map(|p| p.to_string()).collect();
    assert_eq!(labels, ["2015", "2016", "2017", "2021/22", "2023-25"]);
}

/// The grades in these area tests are made up; the shapes and names are what is tested.
mod areas {
    use super::*;
    use peel_explorer::core::area::BUILTIN_AREA;
    use peel_explorer::core::dataset::Grades;

    #[test]
    fn a_file_of_several_areas_loads_beside_figure7_without_a_false_conflict() {
        // Kent 2016: Effectiveness pillar Inadequate, Investigating crime Good, and the
        // serious and organised crime question as Figure 7 has it (Good): no conflict.
        let source = ok("force,year,area,grade\n\
             Kent,2016,Effectiveness,Inadequate\n\
             Kent,2016,Investigating crime,Good\n\
             Kent,2016,Tackling serious and organised crime,Good\n\
             Gwent,2016,PEEL Effectiveness,Requires improvement\n");
        assert!(source.warnings.is_empty(), "{:?}", source.warnings);
        let grades = Grades::from_source_refs(&[Source::builtin_ref(), &source]).expect("merges");
        let areas: Vec<&str> = grades.areas().collect();
        assert_eq!(
            areas,
            [BUILTIN_AREA, "Investigating crime", "Effectiveness"]
        );
        let pillar = grades.area("Effectiveness").expect("the pillar");
        let kent = pillar.find_force("Kent").expect("Kent");
        // Every force is in every area beside the published record: the 41 the file
        // does not grade are gaps, not missing rows.
        assert_eq!(pillar.forces().len(), 43, "every force");
        let essex = pillar.find_force("Essex").expect("Essex");
        assert_eq!(
            pillar.status(essex, peel_explorer::core::PeriodIx::new(0)),
            peel_explorer::core::Status::NotInRecord
        );
        assert_eq!(
            pillar.cell_at(kent, Period::year(2016)),
            Some(Cell::Graded(Grade::Inadequate))
        );
        let soc = grades.default_area().expect("Figure 7's area");
        assert_eq!(soc.area(), BUILTIN_AREA);
        assert_eq!(soc.forces().len(), 43);
    }

    #[test]
    fn the_effectiveness_pillar_is_not_a_conflict_with_figure7() {
        // Figure 7 grades the question; the pillar is another area.
        let source = ok("force,year,pillar,judgement\nKent,2016,Effectiveness,Inadequate\n");
        assert!(Grades::from_source_refs(&[Source::builtin_ref(), &source]).is_ok());
        // The same file without its area column is the built-in area, and differs from it.
        let plain = ok("force,year,judgement\nKent,2016,Inadequate\n");
        let grades = Grades::from_source_refs(&[Source::builtin_ref(), &plain]).expect("loads");
        assert!(matches!(
            &grades.record_differences()[0].kind,
            ProblemKind::DiffersFromRecord { area, .. } if area == BUILTIN_AREA
        ));
    }

    #[test]
    fn headers_analysts_write() {
        let source = ok("Unit,Published,Area,Judgement\n\
             Kent Police,2023,Investigating crime,Good\n\
             Surrey,2023-25,Investigating crime,Adequate\n");
        assert_eq!(source.records.len(), 2);
        assert_eq!(source.areas, ["Investigating crime"]);
        let source =
            ok("Organisation,Cycle,Question,Rating\nDorset,PEEL 2021/22,Prevention,Good\n");
        assert_eq!(source.areas, ["Preventing crime and anti-social behaviour"]);
    }

    #[test]
    fn no_area_column_is_said_once_as_a_note() {
        let source = parse_source(
            "t.csv",
            b"force,year,grade\nKent,2016,Good\nGwent,2016,Good\n",
        )
        .expect("valid");
        let notes: Vec<&Problem> = source
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Note)
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!((notes[0].line, notes[0].column), (1, 1));
        assert!(notes[0].to_string().contains("Serious and organised crime"));
        assert_eq!(source.areas, [BUILTIN_AREA]);
    }

    #[test]
    fn an_unknown_area_is_kept_with_a_warning() {
        let source = ok(
            "force,year,area,grade\nKent,2016,Catching pirates,Good\nGwent,2016,Catching pirates,Good\n",
        );
        assert_eq!(source.areas, ["Catching pirates"]);
        assert_eq!(source.warnings.len(), 1, "once per spelling");
        let w = &source.warnings[0];
        assert_eq!((w.line, w.column), (2, 3));
        assert_eq!(w.kind, ProblemKind::UnknownArea("Catching pirates".into()));
    }

    #[test]
    fn conflicts_are_within_one_force_area_and_period() {
        // Two areas of one force and year: fine.
        ok(
            "force,year,area,grade\nKent,2016,Effectiveness,Good\nKent,2016,Efficiency,Inadequate\n",
        );
        // The same area twice with two grades: an error at the second, naming the area.
        let err = first_error(
            b"force,year,area,grade\nKent,2016,Efficiency,Good\nKent,2016,efficiency,Inadequate\n",
            3,
            4,
        );
        assert!(err.to_string().contains("(Efficiency)"), "{err}");
        // The same grade twice is only a warning.
        let twice = ok(
            "force,year,area,grade\nKent,2016,Efficiency,Good\nKent,2016,Efficiency pillar,Good\n",
        );
        assert!(matches!(
            twice.warnings[0].kind,
            ProblemKind::DuplicateInFile { .. }
        ));
    }

    #[test]
    fn carried_over_grades_are_marked() {
        let source = ok("force,year,grade,carried_over,notes\n\
             Kent,2017,Good,yes,\n\
             Gwent,2017,Good,,Carried over from 2016\n\
             Dorset,2017,Good,no,re-inspected\n");
        let carried: Vec<(&str, bool)> = source
            .records
            .iter()
            .map(|r| {
                (
                    source.forces[r.force as usize].name.as_str(),
                    r.carried_over,
                )
            })
            .collect();
        assert_eq!(
            carried,
            [("Kent", true), ("Gwent", true), ("Dorset", false)]
        );
        let data = Dataset::from_sources(&[source]).expect("merges");
        let kent = data.find_force("Kent").expect("Kent");
        assert!(data.carried_over(kent, PeriodIx::new(0)));
        let err = first_error(
            b"force,year,grade,carried over\nKent,2017,Good,perhaps\n",
            2,
            4,
        );
        assert_eq!(err.kind, ProblemKind::BadFlag("perhaps".into()));
    }

    #[test]
    fn an_unrecognised_header_lists_the_names_that_are_read() {
        let err = first_error(b"who,when,what\nKent,2016,Good\n", 1, 1);
        let text = err.to_string();
        for name in ["unit", "published", "judgement", "question"] {
            assert!(text.contains(name), "{name}: {text}");
        }
    }
}

/// Made-up grades for units as the regional inspections grade them.
mod units {
    use super::*;
    use peel_explorer::core::RocuMembership;
    use peel_explorer::core::aggregate::{GroupDef, GroupKind, compare};

    #[test]
    fn rocus_and_btp_are_known_units_that_never_count_as_forces() {
        let source = ok("unit,published,area,judgement\n\
             East Midlands Special Operations Unit (EMSOU),2023,Serious and organised crime,Good\n\
             Derbyshire,2023,Serious and organised crime,Good\n\
             British Transport Police,2023,Serious and organised crime,Adequate\n");
        assert!(
            source.warnings.is_empty(),
            "no unknown force: {:?}",
            source.warnings
        );
        let data = Dataset::from_sources(&[Source::builtin(), source]).expect("merges");
        let emsou = data.find_force("EMSOU").expect("the unit");
        assert!(!data.force(emsou).is_force());
        assert!(
            data.find_force("BTP")
                .is_some_and(|f| !data.force(f).is_force())
        );
        let p2023 = data.period_index(Period::year(2023)).expect("2023");
        let shown = vec![true; data.forces().len()];
        let groups = [
            GroupDef::baseline(),
            GroupDef {
                name: "EMSOU".into(),
                kind: GroupKind::Rocu("EMSOU".into()),
            },
        ];
        let rows = compare(&data, &shown, &[p2023], &groups, RocuMembership::AtTheTime);
        // England and Wales is the 43 forces, of which one has a grade in 2023 (a year no
        // cycle of the record is, so whether the others were graded is not known); the
        // ROCU's forces exclude the unit itself.
        assert_eq!(
            rows[0].group,
            "England and Wales: 1 in the record, 42 not known"
        );
        assert_eq!(
            rows[0].tally.total(),
            1,
            "only Derbyshire was graded in 2023"
        );
        assert_eq!(rows[1].members, 5);
    }
}

/// Made-up grades, saved as Excel saves text.
mod encodings {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_either_way_is_read_like_utf8() {
        let text = "force\tyear\tgrade\r\nKent\t2023\u{2013}25\tGood\r\nGwent\t2016\tRI\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        for bytes in [le, be] {
            let source = without_area_note(parse_source("u.txt", &bytes).expect("reads"));
            assert!(source.warnings.is_empty(), "{:?}", source.warnings);
            assert_eq!(
                grade_of(&source, "Kent", Period::cycle(2023, 2025)),
                Some(Cell::Graded(Grade::Good))
            );
            assert_eq!(
                grade_of(&source, "Gwent", Period::year(2016)),
                Some(Cell::Graded(Grade::RequiresImprovement))
            );
        }
    }

    #[test]
    fn windows_1252_is_read_with_a_warning_naming_it() {
        // An en dash (0x96) in the cycle and an e-acute (0xE9) in an ignored column.
        let bytes = b"force,year,grade,remarque\nKent,2023\x9625,Good,r\xE9sum\xE9\n";
        let source = without_area_note(parse_source("w.csv", bytes).expect("not refused"));
        let w = source
            .warnings
            .iter()
            .find(|w| matches!(w.kind, ProblemKind::ReadAsWindows1252 { .. }))
            .expect("the encoding is named");
        assert_eq!(w.kind, ProblemKind::ReadAsWindows1252 { byte: 0x96 });
        assert_eq!((w.line, w.column), (2, 10));
        assert!(w.to_string().contains("Windows-1252"));
        assert_eq!(
            grade_of(&source, "Kent", Period::cycle(2023, 2025)),
            Some(Cell::Graded(Grade::Good))
        );
    }

    #[test]
    fn a_header_and_no_rows_is_an_error() {
        let err = first_error(b"force,year,grade\n\n", 1, 1);
        assert_eq!(err.kind, ProblemKind::NoGrades);
        assert!(err.to_string().contains("no grades found"));
    }
}
