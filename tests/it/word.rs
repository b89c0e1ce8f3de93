//! The Word briefing, read back as Word reads it: a zip of XML parts.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Every part of a `.docx`, by name.
pub fn parts(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 XML")
}

/// A paragraph's style and its text.
fn paragraphs(doc: &roxmltree::Document<'_>) -> Vec<(String, String)> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|s| s.attribute((W, "val")))
                .unwrap_or("")
                .to_string();
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect();
            (style, text)
        })
        .collect()
}

/// A cell's text.
fn cell_text(cell: roxmltree::Node<'_, '_>) -> String {
    cell.descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|t| t.text())
        .collect()
}

/// `brief --output b.docx` on Figure 7's area and years.
fn figure7_docx(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("b.docx");
    let out = run(&[
        "brief",
        "--area",
        "Serious and organised crime",
        "--until",
        "2017",
        "--output",
        &path.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

#[test]
fn the_word_briefing_has_headings_tables_pictures_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let parts = parts(&figure7_docx(dir.path()));
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/document.xml",
        "word/styles.xml",
        "word/footer1.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(parts.contains_key(name), "{name}");
    }
    // Title and author properties.
    let core = roxmltree::Document::parse(text(&parts["docProps/core.xml"])).unwrap();
    let property = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        property("title"),
        "PEEL Effectiveness grades for serious and organised crime, 2015 to 2017"
    );
    assert!(!property("creator").is_empty());

    let xml = text(&parts["word/document.xml"]);
    let doc = roxmltree::Document::parse(xml).expect("document.xml parses");
    let paras = paragraphs(&doc);
    // Headings in Word's own styles, which the navigation pane lists.
    let headings: Vec<&str> = paras
        .iter()
        .filter(|(s, _)| s.starts_with("Heading"))
        .map(|(_, t)| t.as_str())
        .collect();
    for h in [
        "Data and provenance",
        "Grade matrix",
        "Grades per period",
        "Movement",
        "Comparison by region",
        "Force by force",
    ] {
        assert!(headings.contains(&h), "{h} in {headings:?}");
    }
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "Normal" && t.contains("good or better"))
    );
    let styles = text(&parts["word/styles.xml"]);
    for id in ["Heading1", "Heading2", "Heading3", "Normal"] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id}");
    }
    assert_eq!(styles.matches("<w:outlineLvl").count(), 3);

    // A4, numbered pages.
    let size = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    assert_eq!(size.attribute((W, "w")), Some("11906"));
    assert_eq!(size.attribute((W, "h")), Some("16838"));
    assert!(text(&parts["word/footer1.xml"]).contains("w:instr=\" PAGE \""));

    // The national figure for 2017.
    assert!(xml.contains("38 of 43"), "38 of 43 good or better in 2017");
    // No text boxes.
    assert!(!xml.contains("txbx") && !xml.contains("v:textbox"));
}

#[test]
fn the_grade_matrix_is_a_word_table_with_lettered_filled_grades() {
    let dir = tempfile::tempdir().unwrap();
    let parts = parts(&figure7_docx(dir.path()));
    let xml = text(&parts["word/document.xml"]);
    let doc = roxmltree::Document::parse(xml).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    // The matrix, two transition tables and the comparison.
    assert!(tables.len() >= 4, "{}", tables.len());
    fn rows<'a, 'i>(t: &roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
        t.children().filter(|n| n.has_tag_name((W, "tr"))).collect()
    }
    // Every table's first row repeats on each page.
    for t in &tables {
        let first = rows(t)[0];
        assert!(
            first
                .descendants()
                .any(|n| n.has_tag_name((W, "tblHeader"))),
            "header row repeats"
        );
    }
    let matrix = tables
        .iter()
        .find(|t| cell_text(rows(t)[0]).starts_with("ForceRegionROCU"))
        .expect("the grade matrix");
    let matrix_rows = rows(matrix);
    assert_eq!(matrix_rows.len(), 1 + 43);
    let kent = matrix_rows
        .iter()
        .find(|r| cell_text(**r).starts_with("Kent"))
        .expect("Kent's row");
    let cells: Vec<_> = kent
        .children()
        .filter(|n| n.has_tag_name((W, "tc")))
        .collect();
    // Force, region, ROCU, 2015, 2016, 2017, movement.
    assert_eq!(cells.len(), 7);
    for cell in &cells[3..6] {
        let letter = cell_text(*cell);
        assert!(
            ["O", "G", "RI", "I"].contains(&letter.trim_end_matches('*')),
            "{letter}"
        );
        let fill = cell
            .descendants()
            .find(|n| n.has_tag_name((W, "shd")))
            .and_then(|s| s.attribute((W, "fill")))
            .expect("a grade cell is filled");
        assert_eq!(fill.len(), 6, "{fill}");
    }
}

#[test]
fn the_charts_are_pictures_with_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let parts = parts(&figure7_docx(dir.path()));
    let xml = text(&parts["word/document.xml"]);
    let doc = roxmltree::Document::parse(xml).unwrap();
    let pictures: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "docPr")
        .collect();
    assert!(pictures.len() >= 3, "{}", pictures.len());
    for p in &pictures {
        let alt = p.attribute("descr").unwrap_or("");
        assert!(alt.len() > 20, "alt text: {alt:?}");
    }
    let rels = text(&parts["word/_rels/document.xml.rels"]);
    let media: Vec<&String> = parts
        .keys()
        .filter(|k| k.starts_with("word/media/"))
        .collect();
    assert_eq!(media.len(), pictures.len());
    for m in media {
        assert!(parts[m].starts_with(b"\x89PNG"), "{m} is a PNG");
        assert!(
            rels.contains(m.trim_start_matches("word/")),
            "{m} is referred to"
        );
    }
}

#[test]
fn a_briefing_is_not_written_under_an_extension_its_format_does_not_match() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b.pdf", "b.doc", "b"] {
        let path = dir.path().join(name);
        let out = run(&["brief", "--output", &path.display().to_string()]);
        assert!(!out.status.success(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(".docx") && err.contains(".html"), "{err}");
        assert!(!path.exists(), "{name} not written");
    }
}
