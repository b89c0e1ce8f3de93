//! Groups of the user's own (a most similar group, a collaboration) on the command line:
//! defined with --group or a groups file, counted by `summary --by group`, compared in
//! briefings, and a briefing on one force.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const FIGURE7: [&str; 4] = ["--area", "Serious and organised crime", "--until", "2017"];

fn with_figure7<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().chain(FIGURE7.iter()).copied().collect()
}

#[test]
fn summary_by_group_counts_the_group_beside_england_and_wales() {
    let csv = ok(&run(&with_figure7(&[
        "summary",
        "--group",
        "Peers=Kent,Essex,Surrey",
        "--by",
        "group",
        "--format",
        "csv",
    ])));
    let count = |group: &str, year: &str| -> u32 {
        csv.lines()
            .filter(|l| l.starts_with(&format!("{group},{year},")))
            .map(|l| l.rsplit(',').next().unwrap().parse::<u32>().unwrap())
            .sum()
    };
    for year in ["2015", "2016", "2017"] {
        assert_eq!(count("Peers", year), 3, "{year}");
        assert_eq!(count("England and Wales", year), 43, "{year}");
    }
    // Kent, Essex and Surrey were all Good in 2017.
    assert!(csv.contains("\nPeers,2017,Good,3\n"));
    // Text says the same, in rows of its own.
    let text = ok(&run(&with_figure7(&[
        "summary",
        "--group",
        "Peers=Kent Police,essex,Surrey",
        "--by",
        "group",
    ])));
    assert!(
        text.contains("Peers              2017       0    3    0    0    0    0  3 of 3"),
        "{text}"
    );
}

#[test]
fn a_group_with_an_unknown_force_or_no_group_at_all_is_refused() {
    let out = run(&["summary", "--group", "Peers=Kent,Gotham", "--by", "group"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"Gotham\""));
    let out = run(&["summary", "--by", "group"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--group"));
}

#[test]
fn groups_come_from_a_file_and_a_bad_row_names_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("groups.csv");
    std::fs::write(
        &good,
        "group,force\nPeers,Kent\nPeers,Essex\nPeers,Surrey\n",
    )
    .unwrap();
    let good = good.display().to_string();
    let csv = ok(&run(&with_figure7(&[
        "summary",
        "--groups-file",
        &good,
        "--by",
        "group",
        "--format",
        "csv",
    ])));
    assert!(csv.contains("\nPeers,2017,Good,3\n"));

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "group,force\nPeers,Kent\nPeers,Gotham\n").unwrap();
    let bad = bad.display().to_string();
    let out = run(&["summary", "--groups-file", &bad, "--by", "group"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{bad}:3:2:")), "{err}");
}

#[test]
fn in_group_filters_to_the_groups_forces() {
    let csv = ok(&run(&with_figure7(&[
        "export",
        "--group",
        "Peers=Kent,Essex,Surrey",
        "--in-group",
        "peers",
    ])));
    assert_eq!(csv.lines().count(), 1 + 3 * 3);
    let out = run(&["export", "--in-group", "Peers"]);
    assert!(!out.status.success());
}

#[test]
fn a_briefing_compares_the_group() {
    let html = ok(&run(&with_figure7(&[
        "brief",
        "--group",
        "Peers=Kent,Essex,Surrey",
    ])));
    assert!(html.contains("<h2>Comparison by region and group</h2>"));
    assert!(
        html.contains("<td>Peers</td><td>2017</td>"),
        "the group's rows"
    );
}

#[test]
fn a_briefing_on_one_force() {
    let dir = tempfile::tempdir().unwrap();
    let html = ok(&run(&[
        "brief",
        "--force",
        "Kent Police",
        "--group",
        "Peers=Kent,Essex,Surrey",
        "--group",
        "Wales=Gwent,Dyfed-Powys",
    ]));
    assert!(html.contains("<h1>Kent: PEEL grades</h1>"));
    for heading in [
        "Grades in every area and cycle",
        "Movement",
        "Pages the grades were read on",
    ] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("Against its region, ROCU, groups and England and Wales"));
    // Its region, its ROCU and the group it is in, not the group it is not in.
    assert!(html.contains("<td>South East</td>"));
    assert!(html.contains("<td>Peers</td>"));
    assert!(!html.contains("<td>Wales</td>"));
    // Every area it was graded in.
    assert!(html.contains("<td>Serious and organised crime</td>"));
    assert!(html.contains("<td>Efficiency</td>"));

    let path = dir.path().join("kent.docx");
    let path_s = path.display().to_string();
    ok(&run(&["brief", "--force", "Kent", "--output", &path_s]));
    let parts = super::word::parts(&path);
    let xml = String::from_utf8_lossy(&parts["word/document.xml"]).into_owned();
    assert!(xml.contains("Kent: PEEL grades"));
    // Replaced only when asked.
    let again = run(&["brief", "--force", "Kent", "--output", &path_s]);
    assert!(!again.status.success());
    ok(&run(&[
        "brief",
        "--force",
        "Kent",
        "--output",
        &path_s,
        "--overwrite",
    ]));

    let out = run(&["brief", "--force", "Gotham"]);
    assert!(!out.status.success());
}
