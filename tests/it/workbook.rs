//! Excel workbooks out: read back with a spreadsheet reader and as the XML inside the file,
//! from the core, the command line and the window; and the window's "Copy table" on the
//! views that show other tables.

use std::io::{Cursor, Read};
use std::process::{Command, Output};

use crate::common;

use calamine::{Reader, Xlsx};
use common::{Scripted, harness, menu, wait_for};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::core::workbook::{self, CARRIED_NOTE, FIGURE7_CITATION, Part};
use peel_explorer::core::{Dataset, Filter, Grades, PeriodIx, Source, parse_source, style};
use peel_explorer::gui::PeelApp;
use peel_explorer::gui::state::{Action, View};

const HYPERLINK: &str = "=HYPERLINK(\"http://example.com\",\"click\")";

/// The built-in data and a made-up file: a force named like a formula, one named like a
/// function call, and a carried-over grade, in an area of their own.
fn made_up() -> Grades {
    // Made up for these tests only: not real grades.
    let file = "force,year,area,grade,notes\n\
                \"=HYPERLINK(\"\"http://example.com\"\",\"\"click\"\")\",2016,Investigating crime,Good,\n\
                @SUM(A1),2016,Investigating crime,Inadequate,\n\
                Kent,2016,Investigating crime,Good,\n\
                Kent,2017,Investigating crime,Good,Carried over from 2016\n";
    let source = parse_source("made-up.csv", file.as_bytes()).expect("the made-up file loads");
    Grades::from_source_refs(&[Source::builtin_ref(), &source]).expect("no conflicts")
}

/// Every force and period of each area; `main` is the Grades sheet's area.
fn book(grades: &Grades, main: &str, filter: &Filter) -> Vec<u8> {
    let selected: Vec<(&Dataset, Vec<usize>, Vec<PeriodIx>)> = grades
        .datasets()
        .iter()
        .map(|d| (d, filter.apply(d), filter.period_indices(d)))
        .collect();
    let parts: Vec<Part<'_>> = selected
        .iter()
        .map(|(data, forces, periods)| Part {
            data,
            forces,
            periods,
        })
        .collect();
    let main = *parts
        .iter()
        .find(|p| p.data.area() == main)
        .expect("the area is loaded");
    workbook::workbook(main, &parts, filter, "2026-01-02").expect("the workbook is made")
}

/// A sheet's cells as text, row by row.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx file");
    let range = xlsx.worksheet_range(name).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The Grades sheet's table: its rows down to the first blank one (a note may follow).
fn table_rows(bytes: &[u8]) -> usize {
    sheet(bytes, "Grades")
        .iter()
        .take_while(|r| !r[0].is_empty())
        .count()
}

/// A file inside the xlsx (a zip of XML files), as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part is there")
        .read_to_string(&mut text)
        .expect("text");
    text
}

#[test]
fn the_grades_sheet_holds_the_grades_of_the_data() {
    let grades = made_up();
    let data = Dataset::figure7();
    let bytes = book(&grades, data.area(), &Filter::default());
    let xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(xlsx.sheet_names(), ["Grades", "Long", "About"]);

    let rows = sheet(&bytes, "Grades");
    assert_eq!(
        rows[0],
        [
            "Force", "Region", "ROCU", "2015", "2016", "2017", "Movement"
        ]
    );
    assert_eq!(rows.len(), 1 + 43);
    for (f, row) in rows[1..].iter().enumerate() {
        let force = data.force(f);
        assert_eq!(row[0], force.name);
        assert_eq!(row[1], force.region().unwrap_or(""));
        for p in data.period_ixs() {
            let label = data.cell(f, p).map_or("", |c| c.label());
            assert_eq!(row[3 + p.get()], label, "{} {}", force.name, data.period(p));
        }
    }
    assert!(rows.iter().any(|r| r[0] == "Kent" && r[2] == "SEROCU"));
}

#[test]
fn the_long_sheet_holds_every_area() {
    let grades = made_up();
    let bytes = book(&grades, "Investigating crime", &Filter::default());
    let rows = sheet(&bytes, "Long");
    assert_eq!(
        rows[0],
        [
            "Area",
            "Force",
            "Period",
            "Grade",
            "Region",
            "ROCU",
            "Country",
            "ONS code",
            "Carried over",
            "Source",
            "Source kind"
        ]
    );
    let graded: usize = grades
        .datasets()
        .iter()
        .map(|d| {
            (0..d.forces().len())
                .flat_map(|f| d.period_ixs().map(move |p| (f, p)))
                .filter(|&(f, p)| d.cell(f, p).is_some())
                .count()
        })
        .sum();
    assert_eq!(rows.len(), 1 + graded);
    for area in grades.areas() {
        assert!(rows.iter().any(|r| r[0] == area), "{area}");
    }
    assert!(rows.iter().any(|r| r[1] == "Kent"
        && r[2] == "2017"
        && r[3] == "Good"
        && r[0] == "Investigating crime"
        && r[8] == "yes"));
}

#[test]
fn carried_over_grades_are_starred_with_a_note() {
    let grades = made_up();
    let bytes = book(&grades, "Investigating crime", &Filter::default());
    let rows = sheet(&bytes, "Grades");
    assert_eq!(
        rows[0],
        ["Force", "Region", "ROCU", "2016", "2017", "Movement"]
    );
    let kent = rows.iter().find(|r| r[0] == "Kent").expect("Kent");
    assert_eq!(kent[3..5], ["Good", "Good [note\u{a0}1]"]);
    assert!(rows.iter().any(|r| r[0] == CARRIED_NOTE));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let grades = made_up();
    let bytes = book(&grades, "Investigating crime", &Filter::default());
    for name in ["Grades", "Long"] {
        let rows = sheet(&bytes, name);
        assert!(rows.iter().any(|r| r.contains(&HYPERLINK.to_string())));
        assert!(rows.iter().any(|r| r.contains(&"@SUM(A1)".to_string())));
    }
    // No cell in any sheet is a formula: every one is a string or blank.
    for n in 1..=3 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "sheet{n}");
        assert!(!xml.contains("t=\"str\""), "sheet{n}");
    }
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(
        strings.contains("<t>=HYPERLINK(\"http://example.com\""),
        "{strings}"
    );
}

#[test]
fn grade_cells_are_filled_in_the_app_colours_and_the_header_is_frozen() {
    let grades = made_up();
    let bytes = book(&grades, Dataset::figure7().area(), &Filter::default());
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("FF4A8FCB"), "Good's fill");
    // Every grade of the data has its fill (Adequate is not in the data).
    for cell in [
        peel_explorer::core::Cell::Graded(peel_explorer::core::Grade::Outstanding),
        peel_explorer::core::Cell::Graded(peel_explorer::core::Grade::RequiresImprovement),
        peel_explorer::core::Cell::Graded(peel_explorer::core::Grade::Inadequate),
    ] {
        let [r, g, b] = style::grade_rgb(cell);
        let argb = format!("FF{r:02X}{g:02X}{b:02X}");
        assert!(styles.contains(&argb), "{cell:?}: {argb}");
    }
    // White text on the navy of Outstanding.
    assert!(styles.contains("FFFFFFFF"));
    let grades_xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(grades_xml.contains("<pane "), "{grades_xml}");
    assert!(grades_xml.contains("state=\"frozen\""));
    assert!(grades_xml.contains("<autoFilter ref=\"A1:G44\""));
    assert!(grades_xml.contains("<col "), "column widths");
    let long_xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(long_xml.contains("state=\"frozen\""));
    assert!(long_xml.contains("<autoFilter "));
}

#[test]
fn the_about_sheet_says_where_the_grades_came_from() {
    let grades = made_up();
    let data = Dataset::figure7();
    let filter = Filter {
        regions: ["Wales".to_string()].into_iter().collect(),
        ..Filter::default()
    };
    let bytes = book(&grades, data.area(), &filter);
    let text: Vec<String> = sheet(&bytes, "About").into_iter().flatten().collect();
    let has = |s: &str| text.iter().any(|t| t.contains(s));
    assert!(has(FIGURE7_CITATION));
    assert!(has("2026-01-02"));
    assert!(has(data.area()));
    for (_, described) in filter.describe() {
        assert!(has(&described), "{described}");
    }
    // Only the four Welsh forces are on the Grades sheet.
    assert_eq!(table_rows(&bytes), 1 + 4);
    assert!(has("4 of 43"));
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_line_writes_a_workbook_and_keeps_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("grades.xlsx");
    let path = target.display().to_string();
    // Figure 7's years: one row per force.
    let out = run(&[
        "export", "--format", "xlsx", "--until", "2017", "--output", &path,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&target).unwrap();
    assert_eq!(table_rows(&bytes), 1 + 43);

    // Not replaced without --overwrite (or its old spelling, --force).
    let out = run(&[
        "export", "--format", "xlsx", "--region", "Wales", "--output", &path,
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--overwrite"));
    assert_eq!(std::fs::read(&target).unwrap(), bytes);

    let out = run(&[
        "export", "--format", "xlsx", "--region", "Wales", "--until", "2017", "--output", &path,
        "--force",
    ]);
    assert!(out.status.success());
    let bytes = std::fs::read(&target).unwrap();
    assert_eq!(table_rows(&bytes), 1 + 4);
    // Written whole, through a temporary file that is gone.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn the_command_line_workbook_has_every_area_on_the_long_sheet() {
    let dir = tempfile::tempdir().unwrap();
    // Made up for this test only: not real grades.
    let data = dir.path().join("made-up.csv");
    std::fs::write(
        &data,
        "force,year,area,grade\nKent,2016,Investigating crime,Good\n",
    )
    .unwrap();
    let target = dir.path().join("all.xlsx");
    let out = run(&[
        "export",
        "--format",
        "xlsx",
        "--data",
        &data.display().to_string(),
        "--until",
        "2017",
        "-o",
        &target.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&target).unwrap();
    // The Grades sheet is the built-in area's, as the window opens on it.
    assert_eq!(table_rows(&bytes), 1 + 43);
    let long = sheet(&bytes, "Long");
    // Every area's grades to 2017: the record's, each with its source, and the file's.
    assert!(long.len() > 1 + 43 * 3 * 3, "{} rows", long.len());
    let source = long[0].iter().position(|h| h == "Source").expect("Source");
    let mine: Vec<_> = long[1..].iter().filter(|r| r[source].is_empty()).collect();
    assert!(
        mine.iter()
            .all(|r| r[0] == "Investigating crime" && r[1] == "Kent"),
        "{mine:?}"
    );
    assert!(long[1..].iter().any(|r| r[0] == "Effectiveness"));
}

#[test]
fn the_window_exports_a_workbook_of_what_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("wales");
    let mut h = harness(Scripted::saving_to(&target, 1));
    h.state_mut()
        .state
        .apply(Action::ToggleRegion("Wales".into()));
    h.run();
    menu(&mut h, "Export Excel workbook...");
    // The extension is added.
    let written = dir.path().join("wales.xlsx");
    wait_for(&mut h, |h| h.query_by_label_contains("Saved").is_some());
    let bytes = std::fs::read(&written).unwrap();
    let rows = sheet(&bytes, "Grades");
    assert_eq!(rows.len(), 1 + 4);
    assert!(
        rows.iter().any(|r| r[0] == "Gwent"
            && r[3..6] == ["Good", "Requires Improvement", "Requires Improvement"])
    );
    let about: Vec<String> = sheet(&bytes, "About").into_iter().flatten().collect();
    assert!(about.iter().any(|t| t.contains("Wales")));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

fn copy_table(h: &mut Harness<'_, PeelApp>) -> String {
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_label("Copy table (for Word or Excel)").click();
    h.step();
    let copied = common::copied_text(h);
    assert_eq!(copied.len(), 1);
    copied[0].clone()
}

#[test]
fn copy_table_on_compare_copies_the_comparison() {
    let mut h = harness(Scripted::default());
    h.state_mut().state.apply(Action::SetView(View::Compare));
    h.run();
    let text = copy_table(&mut h);
    assert!(text.starts_with("Group\tPeriod\t"), "{text}");
    let expected = peel_explorer::core::export::compare_tsv(&h.state().state.cached().compare);
    assert_eq!(text, expected);
    assert!(text.lines().nth(1).unwrap().contains("\t2015\t"));
}

#[test]
fn copy_table_on_movement_copies_the_transition_matrix() {
    let mut h = harness(Scripted::default());
    h.state_mut().state.apply(Action::SetView(View::Movement));
    h.run();
    let text = copy_table(&mut h);
    assert!(text.contains("(rows) to"), "{text}");
    assert!(text.lines().nth(1).unwrap().starts_with("Outstanding\t"));
}
