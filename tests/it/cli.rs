//! Each subcommand run as a real process.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Figure 7's area and years, out of the built-in record.
const FIGURE7: [&str; 4] = ["--area", "Serious and organised crime", "--until", "2017"];

/// `args` followed by [`FIGURE7`].
fn on_figure7(args: &[&str]) -> Output {
    let all: Vec<&str> = args.iter().chain(FIGURE7.iter()).copied().collect();
    run(&all)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn export_long_has_the_required_columns() {
    let out = on_figure7(&["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("force,year,grade,region,rocu"),
        "{header}"
    );
    assert!(header.ends_with(",source,source_kind"), "{header}");
    assert_eq!(text.lines().count(), 1 + 43 * 3);
    assert!(text.contains("Kent,2016,Good,South East,SEROCU,"));
    assert!(text.contains("MPS,2016,Requires Improvement,London,,England,E23000001"));
    assert!(text.contains("North Wales,2015,Good,Wales,Titan,"));
}

#[test]
fn export_wide_with_filters() {
    let out = on_figure7(&[
        "export",
        "--format",
        "wide",
        "--region",
        "west midlands",
        "--grade",
        "2016=RI",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "force,region,country,2015,2016,2017,movement");
    assert_eq!(
        &lines[1..],
        [
            "Staffordshire,West Midlands,England,Good,Requires Improvement,Good,fluctuated",
            "West Mercia,West Midlands,England,Requires Improvement,Requires Improvement,Inadequate,declined",
        ]
    );
}

/// "Which forces in the West Midlands got worse in 2016, and what were they graded in 2017?"
#[test]
fn export_forces_that_declined_between_two_periods() {
    let out = on_figure7(&[
        "export",
        "--format",
        "wide",
        "--region",
        "West Midlands",
        "--change",
        "2015..2016=declined",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        &lines[1..],
        ["Staffordshire,West Midlands,England,Good,Requires Improvement,Good,fluctuated"]
    );
    let bad = run(&["export", "--change", "2015..2016=worse"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown direction"));
}

#[test]
fn export_round_trips_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let path_s = path.display().to_string();
    let out = run(&["export", "--output", &path_s]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = run(&["export", "--no-builtin", "--data", &path_s]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again).as_bytes(), std::fs::read(&path).unwrap());
    // Loading it beside the built-in data agrees with it everywhere.
    let both = run(&["export", "--data", &path_s]);
    assert!(both.status.success(), "{}", stderr(&both));
    // Writing again without --overwrite (or --force, as it was) is refused and keeps the file.
    let before = std::fs::read(&path).unwrap();
    let refused = run(&["export", "--region", "Wales", "--output", &path_s]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("already exists; add --overwrite to replace it"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let forced = run(&[
        "export", "--region", "Wales", "--output", &path_s, "--force",
    ]);
    assert!(forced.status.success());
    // Wales: four forces, every built-in grade of theirs, each with its source.
    let written = std::fs::read_to_string(&path).unwrap();
    let mut reader = csv::Reader::from_reader(written.as_bytes());
    let header = reader.headers().unwrap().clone();
    let source = header.iter().position(|h| h == "source").expect("source");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 4 * 20, "{} rows", rows.len());
    for row in &rows {
        assert!(row[source].starts_with("http"), "{row:?}");
    }
}

/// The long export names the page each grade was read on; read back, the sources come too.
#[test]
fn the_long_export_cites_every_built_in_grade() {
    let out = run(&["export", "--area", "Effectiveness", "--search", "Kent"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[header.len() - 2..], ["source", "source_kind"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Kent's Effectiveness pillar, 2015 to 2018/19, each from the inspectorate's pages.
    let years: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(years, ["2015", "2016", "2017", "2018/19"]);
    for row in &rows {
        let kinds = &row[header.len() - 1];
        assert!(kinds.starts_with("inspectorate"), "{row:?}");
        assert!(
            row[header.len() - 2].contains("justiceinspectorates.gov.uk"),
            "{row:?}"
        );
    }
    // Figure 7's grades cite the strategy.
    let soc = stdout(&on_figure7(&["export", "--search", "Durham"]));
    assert!(
        soc.contains("Durham,2015,Outstanding,North East,NERSOU,England,E23000008,Serious and organised crime,,https://www.gov.uk/government/publications/serious-and-organised-crime-strategy-2018,government"),
        "{soc}"
    );
}

#[test]
fn summary_csv_national() {
    let out = on_figure7(&["summary", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("group,year,grade,count\n"));
    assert!(text.contains("England and Wales,2015,Good,32\n"));
    assert!(text.contains("England and Wales,2015,Outstanding,3\n"));
    assert!(text.contains("England and Wales,2017,Inadequate,1\n"));
    // No Adequate rows for the four-grade years.
    assert!(!text.contains("Adequate"));
}

#[test]
fn summary_by_rocu_and_text() {
    let out = run(&[
        "summary", "--by", "rocu", "--format", "csv", "--since", "2017",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("SEROCU,2017,Good,5\n"), "{text}");
    assert!(text.contains("(no ROCU),2017,Good,2\n"), "{text}");
    assert!(!text.contains(",2016,"));
    let out = run(&["summary", "--by", "region"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("43 forces."), "{text}");
    assert!(text.contains("West Midlands"), "{text}");
    assert!(text.contains("good or better"), "{text}");
}

#[test]
fn transitions_csv() {
    let out = run(&[
        "transitions",
        "--from",
        "2015",
        "--to",
        "2016",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("from_grade,to_grade,count\n"));
    assert!(text.contains("Good,Good,25\n"));
    assert!(text.contains("Good,Requires Improvement,6\n"));
    let text_out = run(&["transitions", "--from", "2015", "--to", "2016"]);
    let text = stdout(&text_out);
    assert!(
        text.contains("5 improved, 7 declined, 31 unchanged"),
        "{text}"
    );
}

#[test]
fn transitions_with_a_period_not_in_the_data() {
    let out = run(&["transitions", "--from", "2014", "--to", "2016"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("period 2014 is not in the data"));
}

#[test]
fn unknown_region_is_explained() {
    let out = run(&["export", "--region", "Narnia"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown region \"Narnia\""), "{err}");
    assert!(err.contains("North West"), "{err}");
}

#[test]
fn check_reports_every_problem_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.csv",
        b"force,year,grade\nKent,2016,Good\n",
    );
    let bad = write(
        dir.path(),
        "bad.csv",
        b"force,year,grade\nKent,2016,Gud\nAtlantis Constabulary,2016,Good\n",
    );
    let out = run(&["check", &good]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(&["check", &good, &bad]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{bad}:2:3: error: unknown grade \"Gud\"")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{bad}:3:1: warning: unknown force")),
        "{text}"
    );
    assert!(text.contains(&format!("{good}: ok")), "{text}");
}

#[test]
fn check_survives_any_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    bytes.extend_from_slice(b"\"\"\"\n,,,\r\r\n\xEF\xBB");
    let junk = write(dir.path(), "junk.bin", &bytes);
    let out = run(&["check", &junk]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(": error: "));
    assert!(!stderr(&out).contains("panicked"));
    let missing = dir.path().join("missing.csv").display().to_string();
    let out = run(&["check", &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("could not read the file"));
}

#[test]
fn data_file_with_an_error_fails_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.csv", b"force,2016\nKent,Nope\n");
    let out = run(&["summary", "--data", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("{bad}:2:2: error:")));
    assert!(stdout(&out).is_empty());
}

#[test]
fn conflict_between_sources_fails_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let other = write(dir.path(), "other.csv", b"force,2016\nKent,Inadequate\n");
    let third = write(dir.path(), "third.csv", b"force,2016\nKent,Outstanding\n");
    // Against the published record: loaded, and the difference said with its source.
    let out = run(&["export", "--data", &other]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("other.csv:2:1: warning: Kent 2016 (Serious and organised crime) is graded Inadequate here but Good in the published record (https://www.gov.uk/government/publications/serious-and-organised-crime-strategy-2018"),
        "{err}"
    );
    assert!(stdout(&out).contains("Kent,2016,Inadequate,"));
    // Two files that disagree are a conflict.
    let out = run(&["export", "--data", &other, "--data", &third]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("third.csv:2:1: error: Kent 2016"), "{err}");
    assert!(err.contains("other.csv"), "{err}");
}

#[test]
fn no_data_at_all() {
    let out = run(&["summary", "--no-builtin"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no data"));
}

#[test]
fn a_filtered_summary_says_which_part_of_each_group_it_counts() {
    let out = on_figure7(&["summary", "--region", "South West"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // England and Wales is every force, as in the window's Compare; the five forces the
    // filter passes are a group of their own, named as such.
    assert!(
        text.contains("England and Wales         2017       4   34"),
        "{text}"
    );
    assert!(text.contains("Filtered forces: 5 of 43  2017"), "{text}");
    assert!(!text.contains("England and Wales: 5 of 43"), "{text}");
    let by_rocu = stdout(&on_figure7(&[
        "summary", "--search", "glouc", "--by", "rocu", "--format", "csv",
    ]));
    assert!(
        by_rocu.contains("SWROCU: 1 of 5 forces shown,2016,Inadequate,1"),
        "{by_rocu}"
    );
    // Unfiltered, the group is whole and keeps its plain name.
    let all = stdout(&on_figure7(&["summary", "--format", "csv"]));
    assert!(all.contains("England and Wales,2017,Good,34"), "{all}");
}

/// Made-up grades in two areas beside Figure 7: the shapes are what is tested.
fn areas_file(dir: &std::path::Path) -> String {
    let path = dir.join("areas.csv");
    std::fs::write(
        &path,
        "force,year,area,grade\n\
         Kent,2016,Investigating crime,Good\n\
         Gwent,2016,Investigating crime,Inadequate\n\
         Kent,2017,Investigating crime,Good\n\
         Gwent,2017,Investigating crime,Requires improvement\n",
    )
    .unwrap();
    path.display().to_string()
}

/// Figure 7 as a file of its own, beside made-up areas (the record left out): the
/// command line with those two files and the given arguments.
fn with_areas(dir: &Path) -> (String, impl Fn(&[&str]) -> Output) {
    let file = areas_file(dir);
    let figure7 = dir.join("figure7.csv").display().to_string();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/figure7.csv"),
        &figure7,
    )
    .unwrap();
    let with_file = file.clone();
    let with = move |args: &[&str]| {
        let mut all = vec!["--no-builtin", "--data", &figure7, "--data", &with_file];
        all.splice(0..0, args.iter().copied());
        run(&all)
    };
    (file, with)
}

#[test]
fn areas_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (file, with) = with_areas(dir.path());
    // Summary of every area, with an area column.
    let all = with(&["summary", "--format", "csv"]);
    assert!(all.status.success(), "{}", stderr(&all));
    let csv = stdout(&all);
    assert!(csv.starts_with("area,group,year,grade,count\n"), "{csv}");
    assert!(csv.contains("Serious and organised crime,England and Wales,2017,Good,34"));
    // No filter: England and Wales is every force the area grades (two here).
    assert!(
        csv.contains("Investigating crime,England and Wales,2016,Good,1"),
        "{csv}"
    );
    // One area by any of its names.
    let one = with(&[
        "summary",
        "--area",
        "investigating  CRIME",
        "--format",
        "csv",
    ]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(stdout(&one).starts_with("group,year,grade,count\n"));
    // Transitions need one area: Figure 7's, as the window opens on, when it is there ...
    let soc = with(&[
        "transitions",
        "--from",
        "2016",
        "--to",
        "2017",
        "--format",
        "csv",
    ]);
    assert!(soc.status.success(), "{}", stderr(&soc));
    // ... and otherwise the user is asked to name one.
    let refused = run(&[
        "transitions",
        "--no-builtin",
        "--data",
        &file,
        "--data",
        &write(
            dir.path(),
            "pillar.csv",
            b"force,year,area,grade\nKent,2016,Efficiency,Good\n",
        ),
        "--from",
        "2016",
        "--to",
        "2017",
    ]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(
        message.contains("--area") && message.contains("Investigating crime"),
        "{message}"
    );
    let moved = with(&[
        "transitions",
        "--area",
        "Investigating crime",
        "--from",
        "2016",
        "--to",
        "2017",
        "--format",
        "csv",
    ]);
    assert!(moved.status.success(), "{}", stderr(&moved));
    assert!(
        stdout(&moved).contains("Inadequate,Requires Improvement,1"),
        "{}",
        stdout(&moved)
    );
}

#[test]
fn every_area_exported_and_briefed() {
    let dir = tempfile::tempdir().unwrap();
    let (file, with) = with_areas(dir.path());
    // Long export holds every area and reads back with no conflict.
    let long = with(&["export"]);
    let text = stdout(&long);
    assert!(text.starts_with("force,year,grade,region,rocu,country,ons_code,area\n"));
    assert!(text.contains(",Investigating crime\n"));
    let back = dir.path().join("back.csv");
    std::fs::write(&back, &text).unwrap();
    let check = run(&[
        "export",
        "--no-builtin",
        "--data",
        &back.display().to_string(),
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stdout(&check), text);
    // An unknown area names those loaded.
    let unknown = with(&["summary", "--area", "Pirates"]);
    assert!(
        stderr(&unknown).contains("the data has: Serious and organised crime, Investigating crime")
    );
    // The briefing names its area and periods.
    let brief = with(&["brief", "--area", "Investigating crime"]);
    assert!(
        stdout(&brief).contains("<h1>PEEL grades: Investigating crime, 2016 to 2017</h1>"),
        "{}",
        stdout(&brief)
    );
    // By default its scorecard covers its area and the pillars (none here: no scorecard);
    // asked, every area, a row per force and area.
    assert!(!stdout(&brief).contains("<h2>Scorecard"));
    let html = stdout(&with(&[
        "brief",
        "--area",
        "Investigating crime",
        "--scorecard",
        "all",
    ]));
    assert!(html.contains("<h2>Scorecard: every area</h2>"));
    assert!(html.contains("<th>Gwent</th>"));
    // With no options, the window's range: Figure 7's area and years, and (the record
    // loaded) its scorecard of the area and the pillars.
    let builtin = stdout(&run(&["brief", "--data", &file]));
    assert!(builtin.contains(
        "<h1>PEEL Effectiveness grades for serious and organised crime, 2015 to 2017</h1>"
    ));
    assert!(builtin.contains("<h2>Scorecard: this area and the pillars</h2>"));
    assert!(builtin.contains("<th>Kent</th>"));
}

/// A reader that stops early (`| head -1`) ends the command quietly, with success.
#[test]
fn a_closed_pipe_is_a_quiet_success() {
    use std::io::Read;
    use std::process::Stdio;
    for args in [
        &["export"][..],
        &["summary", "--format", "csv"],
        &["gaps"],
        &["coverage"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one small piece, then close the pipe while the program still writes.
        let mut first = [0u8; 16];
        let mut stdout = child.stdout.take().unwrap();
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}
