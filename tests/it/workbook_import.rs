//! Reading workbooks as analysts make them. Every workbook here is made by the test, with
//! made-up grades; the shapes are what is tested.

use peel_explorer::core::import::parse_source;
use peel_explorer::core::{Cell, Dataset, Grade, Period, ProblemKind, Source};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn grade_of(source: &Source, name: &str, period: Period) -> Option<Cell> {
    let force = source.forces.iter().position(|f| f.name == name)? as u32;
    source
        .records
        .iter()
        .find(|r| r.force == force && r.period == period)
        .map(|r| r.cell)
}

/// A workbook with a title and a note above the table, years typed as numbers, a second
/// sheet with a publication date column, and an empty third sheet.
fn analysts_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let first = book.add_worksheet();
    first.set_name("SOC grades").unwrap();
    first.write(0, 0, "PEEL grades compiled by hand").unwrap();
    first.write(1, 0, "Made up for a test").unwrap();
    for (c, h) in ["Force", "Year", "Area", "Judgement"].iter().enumerate() {
        first.write(3, c as u16, *h).unwrap();
    }
    first.write(4, 0, "Kent").unwrap();
    first.write(4, 1, 2016.0).unwrap();
    first.write(4, 2, "Investigating crime").unwrap();
    first.write(4, 3, "Good").unwrap();
    first.write(5, 0, "Gwent").unwrap();
    first.write(5, 1, 2017).unwrap();
    first.write(5, 2, "Investigating crime").unwrap();
    first.write(5, 3, "Requires improvement").unwrap();
    let second = book.add_worksheet();
    second.set_name("Regional").unwrap();
    for (c, h) in ["Unit", "Published", "Area", "Judgement"]
        .iter()
        .enumerate()
    {
        second.write(0, c as u16, *h).unwrap();
    }
    second.write(1, 0, "EMSOU").unwrap();
    let date = ExcelDateTime::from_ymd(2023, 3, 2).unwrap();
    let as_date = Format::new().set_num_format("dd/mm/yyyy");
    second
        .write_datetime_with_format(1, 1, &date, &as_date)
        .unwrap();
    second.write(1, 2, "Serious and organised crime").unwrap();
    second.write(1, 3, "Good").unwrap();
    book.add_worksheet().set_name("Notes").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn every_sheet_with_a_table_is_read_into_one_source() {
    let source = parse_source("grades.xlsx", &analysts_workbook()).expect("reads");
    assert_eq!(
        grade_of(&source, "Kent", Period::year(2016)),
        Some(Cell::Graded(Grade::Good))
    );
    assert_eq!(
        grade_of(&source, "Gwent", Period::year(2017)),
        Some(Cell::Graded(Grade::RequiresImprovement))
    );
    // The publication date is read as its year, and a note says so.
    assert_eq!(
        grade_of(&source, "EMSOU", Period::year(2023)),
        Some(Cell::Graded(Grade::Good))
    );
    assert!(
        source
            .warnings
            .iter()
            .any(|w| matches!(&w.kind, ProblemKind::DatesAsYears(c) if c == "Published"))
    );
    assert_eq!(
        source.areas,
        ["Investigating crime", "Serious and organised crime"]
    );
    // Lines are the sheet's rows: Kent is on row 5 of "SOC grades".
    let kent = source.forces.iter().position(|f| f.name == "Kent").unwrap() as u32;
    assert_eq!(
        source
            .records
            .iter()
            .find(|r| r.force == kent)
            .map(|r| r.line),
        Some(5)
    );
    // It loads beside Figure 7 with no conflict.
    assert!(Dataset::from_sources(&[Source::builtin(), source]).is_ok());
}

#[test]
fn problems_name_the_sheet_and_the_cell() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("SOC grades").unwrap();
    sheet.write(0, 0, "Made-up title").unwrap();
    for (c, h) in ["force", "year", "grade"].iter().enumerate() {
        sheet.write(2, c as u16, *h).unwrap();
    }
    sheet.write(3, 0, "Kent").unwrap();
    sheet.write(3, 1, 2016).unwrap();
    sheet.write(3, 2, "Good").unwrap();
    sheet.write(4, 0, "Gwent").unwrap();
    sheet.write(4, 1, 2016).unwrap();
    sheet.write(4, 2, "Goodish").unwrap();
    let rejected = parse_source("grades.xlsx", &book.save_to_buffer().unwrap()).expect_err("bad");
    let err = rejected.errors().next().expect("an error");
    assert!(err.to_string().starts_with(
        "grades.xlsx: sheet \"SOC grades\", cell C5: error: unknown grade \"Goodish\""
    ));
}

#[test]
fn a_workbook_with_no_table_or_no_grades_is_an_error() {
    let mut book = Workbook::new();
    book.add_worksheet().write(0, 0, "Nothing here").unwrap();
    let rejected =
        parse_source("empty.xlsx", &book.save_to_buffer().unwrap()).expect_err("no table");
    assert!(matches!(
        rejected.problems[0].kind,
        ProblemKind::NoSheetHeader(_)
    ));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["force", "year", "grade"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    let rejected =
        parse_source("header.xlsx", &book.save_to_buffer().unwrap()).expect_err("no rows");
    assert!(rejected.errors().any(|e| e.kind == ProblemKind::NoGrades));
}

#[test]
fn a_damaged_workbook_is_a_clean_error() {
    let mut bytes = analysts_workbook();
    bytes.truncate(bytes.len() / 2);
    let rejected = parse_source("broken.xlsx", &bytes).expect_err("damaged");
    assert!(matches!(
        rejected.problems[0].kind,
        ProblemKind::BadWorkbook(_)
    ));
    assert!(rejected.problems[0].to_string().contains("password"));
    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    assert!(parse_source("junk.xlsx", &junk).is_err());
}

/// A zip whose parts hold `sizes` bytes each of repetitive XML (made up, for this test):
/// a workbook's shape, nothing of a real one's content.
fn zip_of(parts: &[(&str, usize)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let row = b"<row><c t=\"inlineStr\"><is><t>Kent</t></is></c></row>";
    for &(name, size) in parts {
        zip.start_file(name, options).expect("a part");
        let mut left = size;
        let chunk = row.repeat(64 * 1024 / row.len());
        while left > 0 {
            let n = left.min(chunk.len());
            zip.write_all(&chunk[..n]).expect("written");
            left -= n;
        }
    }
    zip.finish().expect("a zip").into_inner()
}

#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
    use peel_explorer::core::import::workbook::{MAX_WORKBOOK_UNPACKED, check_size};
    // 96 MiB of sheet in a file of a few hundred kilobytes.
    let big = (MAX_WORKBOOK_UNPACKED + MAX_WORKBOOK_UNPACKED / 2) as usize;
    for (file, part) in [
        ("bomb.xlsx", "xl/worksheets/sheet1.xml"),
        ("bomb.ods", "content.xml"),
    ] {
        let bytes = zip_of(&[("[Content_Types].xml", 100), (part, big)]);
        assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
        let rejected = parse_source(file, &bytes).expect_err("refused");
        let problem = &rejected.problems[0];
        assert!(
            matches!(problem.kind, ProblemKind::WorkbookTooLarge(_)),
            "{problem}"
        );
        let said = problem.to_string();
        assert!(
            said.contains("unpack to more than 67108864 bytes (64 MiB)"),
            "{said}"
        );
        assert!(said.contains("save the sheet of grades as CSV"), "{said}");
    }
    // Just under the limit is measured and let through (to the reader, which then finds
    // no sheet of grades in it).
    let fits = zip_of(&[("a.xml", 1000), ("b.xml", 2000)]);
    assert_eq!(check_size(&fits, 3000), Ok(()));
    assert!(check_size(&fits, 2999).is_err());
    // A file too large to be a workbook is refused by its size alone.
    let mut huge = b"PK\x03\x04".to_vec();
    huge.resize(
        peel_explorer::core::import::workbook::MAX_WORKBOOK_BYTES as usize + 1,
        0,
    );
    assert!(matches!(
        check_size(&huge, MAX_WORKBOOK_UNPACKED),
        Err(ProblemKind::WorkbookTooLarge(_))
    ));
}
