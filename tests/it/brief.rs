//! The briefing pack: every filtered force, no external references, well-formed.

use std::process::Command;

use peel_explorer::core::brief::briefing_html;
use peel_explorer::core::{Dataset, Filter};

fn parse(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(html, options).expect("well-formed")
}

fn no_external_references(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url(",
    ] {
        assert!(!lower.contains(bad), "found {bad}");
    }
    // The only addresses are the SVG namespace, which browsers never fetch, and the pages
    // the grades were read on, listed as text.
    let cited = lower
        .split("<ol class=\"sources\">")
        .skip(1)
        .map(|part| {
            part.split("</ol>")
                .next()
                .unwrap_or("")
                .matches("http")
                .count()
        })
        .sum::<usize>();
    let addresses = lower.matches("http").count() - cited;
    let namespaces = lower
        .matches("xmlns=\"http://www.w3.org/2000/svg\"")
        .count();
    assert_eq!(addresses, namespaces);
}

#[test]
fn whole_figure7_briefing() {
    let data = Dataset::figure7();
    let html = briefing_html(&data, &Filter::default(), "2026-11-21");
    no_external_references(&html);
    let doc = parse(&html);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    // The grade matrix has a row per force.
    let matrix = doc
        .descendants()
        .find(|n| n.has_tag_name("table") && n.attribute("class") == Some("matrix"))
        .expect("a grade matrix");
    let rows = matrix
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    assert_eq!(rows, 1 + 43);
    for force in data.forces() {
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("td") && n.text() == Some(force.name.as_str())),
            "{} missing",
            force.name
        );
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("h3") && n.text() == Some(force.name.as_str())),
            "{} has no summary",
            force.name
        );
    }
    // Distribution, alluvial and map charts, each with an accessible name.
    let svgs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("svg"))
        .collect();
    assert_eq!(svgs.len(), 3);
    assert!(svgs.iter().all(|s| s.attribute("aria-label").is_some()));
    let hexagons = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .count();
    assert_eq!(hexagons, 43);
    assert!(html.contains("Open Government Licence v3.0"));
    assert!(html.contains("Briefing of 2026-11-21"));
    assert!(html.contains("<li>None") || html.contains("None: every force"));
    assert!(
        html.contains("Avon &amp; Somerset was graded Good in 2015, fell to Requires Improvement")
    );
}

#[test]
fn filtered_briefing_names_its_filters_and_only_its_forces() {
    let data = Dataset::figure7();
    let mut filter = Filter::default();
    filter.regions.insert("Wales".into());
    let html = briefing_html(&data, &filter, "2026-11-21");
    no_external_references(&html);
    let doc = parse(&html);
    let matrix = doc
        .descendants()
        .find(|n| n.has_tag_name("table") && n.attribute("class") == Some("matrix"))
        .unwrap();
    let names: Vec<&str> = matrix
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .skip(1)
        .filter_map(|tr| tr.first_element_child().and_then(|td| td.text()))
        .collect();
    assert_eq!(
        names,
        ["Dyfed-Powys", "Gwent", "North Wales", "South Wales"]
    );
    assert!(html.contains("<li>Region: Wales</li>"));
    // The map still holds every hexagon: those outside the filter pale and edged in their
    // grade's colour, with labels as dark as the rest (nothing made transparent).
    let hexagons: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon") && n.attribute("stroke-width") == Some("2"))
        .collect();
    assert_eq!(hexagons.len(), 43);
    let pale = hexagons
        .iter()
        .filter(|n| n.attribute("stroke") != Some("#ffffff"))
        .count();
    assert_eq!(pale, 39);
    assert!(!html.contains("opacity=\"0.3\""));
}

#[test]
fn brief_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.html");
    let path_s = path.display().to_string();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["brief", "--rocu", "Titan", "--output", &path_s]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&path).unwrap();
    parse(&html);
    assert!(html.contains("North Wales"));
    assert!(!html.contains("<td>Kent</td>"));
    // No overwrite without --force.
    let again = run(&["brief", "--output", &path_s]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), html);
}

#[test]
fn printed_pages_keep_tables_whole_and_charts_labelled() {
    let data = Dataset::figure7();
    let html = briefing_html(&data, &Filter::default(), "2026-11-21");
    let doc = parse(&html);
    // Each transition table sits in a block that print does not split.
    let kept: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("div") && n.attribute("class") == Some("keep"))
        .collect();
    assert_eq!(kept.len(), 2, "2015 to 2016 and 2016 to 2017");
    assert!(
        kept.iter()
            .all(|d| d.descendants().any(|n| n.has_tag_name("table")))
    );
    assert!(html.contains(".keep{page-break-inside:avoid;break-inside:avoid}"));
    // The bar chart names both axes.
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        texts.contains(&"Period") && texts.contains(&"Forces"),
        "{texts:?}"
    );
    // The regional comparison's baseline says it is every force.
    assert!(html.contains("England and Wales (43 forces)"));
}
