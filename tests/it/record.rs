//! The published record built in (`data/record/`): every row checked against the
//! reference data, the coverage table in `data/README.md` kept true, and what the record
//! says where it can be checked against published counts.

use std::collections::{HashMap, HashSet};

use peel_explorer::core::area::AreaRegistry;
use peel_explorer::core::coverage;
use peel_explorer::core::forces::ForceRegistry;
use peel_explorer::core::import::record_files;
use peel_explorer::core::provenance::{Reference, SourceKind};
use peel_explorer::core::units::UnitRegistry;
use peel_explorer::core::{Cell, Grade, Grades, Period, Source};

/// One row of a record file, as written.
struct Row {
    file: &'static str,
    line: usize,
    unit: String,
    period: String,
    area: String,
    grade: String,
    carried: String,
    source: String,
    kind: String,
}

fn rows() -> Vec<Row> {
    let mut out = Vec::new();
    for (file, text) in record_files() {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().expect("header").clone();
        assert_eq!(
            header.iter().collect::<Vec<_>>(),
            [
                "unit",
                "period",
                "area",
                "grade",
                "carried_over",
                "source",
                "source_kind"
            ],
            "{file}"
        );
        for (i, record) in reader.records().enumerate() {
            let r = record.expect("a well-formed row");
            out.push(Row {
                file,
                line: i + 2,
                unit: r[0].to_string(),
                period: r[1].to_string(),
                area: r[2].to_string(),
                grade: r[3].to_string(),
                carried: r[4].to_string(),
                source: r[5].to_string(),
                kind: r[6].to_string(),
            });
        }
    }
    out
}

fn is_disagreement(row: &Row) -> bool {
    row.file.contains("disagreements")
}

#[test]
fn every_row_names_a_known_unit_area_and_period_and_a_grade_on_its_scale() {
    let forces = ForceRegistry::builtin();
    let units = UnitRegistry::builtin();
    let areas = AreaRegistry::builtin();
    let rows = rows();
    assert!(!rows.is_empty());
    for row in &rows {
        let at = format!("{}:{}", row.file, row.line);
        assert!(
            forces.lookup(&row.unit).is_some() || units.lookup(&row.unit).is_some(),
            "{at}: unknown unit {:?}",
            row.unit
        );
        let period: Period = row.period.parse().unwrap_or_else(|e| panic!("{at}: {e}"));
        // The canonical name itself, not an alias: the files are the reference.
        let area = areas
            .areas()
            .iter()
            .find(|a| a.name == row.area)
            .unwrap_or_else(|| panic!("{at}: {:?} is not an area's name", row.area));
        assert!(
            area.graded_in(period),
            "{at}: {} was not graded in {period}",
            area.name
        );
        let cell = Cell::parse(&row.grade).unwrap_or_else(|e| panic!("{at}: {e}"));
        // "Not graded" where a page says the force was assessed and not graded.
        let Cell::Graded(grade) = cell else {
            continue;
        };
        assert!(
            grade != Grade::Adequate || period.is_five_grade_era(),
            "{at}: Adequate before 2021/22"
        );
        assert!(
            ["yes", "no"].contains(&row.carried.as_str()),
            "{at}: carried_over {:?}",
            row.carried
        );
    }
}

#[test]
fn every_grade_cites_one_or_two_addresses_each_with_its_kind() {
    for row in rows() {
        let at = format!("{}:{}", row.file, row.line);
        let addresses: Vec<&str> = row.source.split_whitespace().collect();
        let kinds: Vec<&str> = row.kind.split_whitespace().collect();
        assert!(
            (1..=2).contains(&addresses.len()),
            "{at}: {} addresses",
            addresses.len()
        );
        assert_eq!(
            addresses.len(),
            kinds.len(),
            "{at}: a kind for each address"
        );
        for a in &addresses {
            assert!(Reference::is_address(a), "{at}: {a:?} is not an address");
        }
        for k in &kinds {
            assert!(
                matches!(SourceKind::parse(k), Ok(Some(_))),
                "{at}: unknown kind {k:?}"
            );
        }
        // The record cites the inspectorate first wherever a page of its states the grade.
        if kinds.contains(&"inspectorate") {
            assert_eq!(kinds[0], "inspectorate", "{at}: the inspectorate first");
        }
    }
}

#[test]
fn no_unit_area_and_period_twice_and_each_disagreement_contradicts_a_record_row() {
    let forces = ForceRegistry::builtin();
    let units = UnitRegistry::builtin();
    let key = |r: &Row| {
        let unit = forces
            .lookup(&r.unit)
            .map(|i| format!("force {i}"))
            .or_else(|| units.lookup(&r.unit).map(|i| format!("unit {i}")))
            .unwrap_or_default();
        (unit, r.area.clone(), r.period.clone())
    };
    let rows = rows();
    let mut seen: HashMap<(String, String, String), String> = HashMap::new();
    for row in rows.iter().filter(|r| !is_disagreement(r)) {
        let at = format!("{}:{}", row.file, row.line);
        if let Some(first) = seen.insert(key(row), at.clone()) {
            panic!(
                "{at}: {} {} {} is also at {first}",
                row.unit, row.period, row.area
            );
        }
    }
    let grades: HashMap<_, _> = rows
        .iter()
        .filter(|r| !is_disagreement(r))
        .map(|r| (key(r), r.grade.clone()))
        .collect();
    let mut disagreements = HashSet::new();
    for row in rows.iter().filter(|r| is_disagreement(r)) {
        let recorded = grades.get(&key(row));
        assert!(
            recorded.is_some_and(|g| *g != row.grade),
            "{}:{}: a disagreement must contradict a record row",
            row.file,
            row.line
        );
        assert!(disagreements.insert(key(row)), "one row per disagreement");
    }
}

#[test]
fn the_built_in_files_read_without_a_warning() {
    for source in Source::builtin_sources() {
        assert!(source.builtin, "{}", source.name);
        assert!(
            source.warnings.is_empty(),
            "{}: {:?}",
            source.name,
            source.warnings
        );
    }
}

#[test]
fn the_record_holds_at_least_1500_grades_over_at_least_six_periods() {
    let sources = coverage::record_sources();
    let grades: usize = sources.iter().map(|s| s.records.len()).sum();
    let periods: HashSet<Period> = sources
        .iter()
        .flat_map(|s| s.records.iter().map(|r| r.period))
        .collect();
    assert!(grades >= 1500, "{grades} grades");
    assert!(periods.len() >= 6, "{periods:?}");
    for p in [
        "2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25",
    ] {
        let p: Period = p.parse().expect("period");
        assert!(periods.contains(&p), "{p}");
    }
    assert!(periods.contains(&Period::SOC_INSPECTIONS));
}

#[test]
fn the_readme_carries_the_coverage_table_the_data_gives() {
    let readme = include_str!("../../data/README.md");
    assert!(
        readme.contains(&coverage::markdown()),
        "data/README.md's coverage table is out of date: run \
         `cargo run -- coverage --write data/README.md`"
    );
}

fn built_in() -> Grades {
    let sources: Vec<&Source> = Source::builtin_sources().iter().collect();
    Grades::from_source_refs(&sources).expect("the built-in data merges")
}

#[test]
fn the_2016_effectiveness_pillar_reads_as_published() {
    let grades = built_in();
    let data = grades.area("Effectiveness").expect("Effectiveness");
    let p = data.period_index(Period::year(2016)).expect("2016");
    let mut counts: HashMap<Cell, usize> = HashMap::new();
    for f in 0..data.forces().len() {
        if let Some(cell) = data.cell(f, p) {
            *counts.entry(cell).or_default() += 1;
        }
    }
    let count = |g| counts.get(&Cell::Graded(g)).copied().unwrap_or(0);
    assert_eq!(count(Grade::Outstanding), 1);
    assert_eq!(count(Grade::Good), 28);
    assert_eq!(count(Grade::RequiresImprovement), 13);
    assert_eq!(count(Grade::Inadequate), 1);
}

#[test]
fn figure7_is_shown_as_published_and_no_page_disagrees_with_it() {
    let grades = built_in();
    let data = grades.area("Serious and organised crime").expect("SOC");
    let figure7 = peel_explorer::core::Dataset::figure7();
    for f in 0..figure7.forces().len() {
        let name = &figure7.force(f).name;
        let g = data.find_force(name).expect("force");
        for p in figure7.period_ixs() {
            let period = figure7.period(p);
            let q = data.period_index(period).expect("period");
            assert_eq!(data.cell(g, q), figure7.cell(f, p), "{name} {period}");
            assert!(!data.differs_from_record(g, q), "{name} {period}");
            let provenance = data.provenance(g, q).expect("provenance");
            let first = provenance.stated[0].citation.expect("cited");
            assert_eq!(first.references[0].kind, SourceKind::Government);
        }
    }
}

#[test]
fn a_grade_that_two_pages_state_cites_both_and_a_contradicted_one_keeps_the_other_in_view() {
    let grades = built_in();
    // Durham 2016: Figure 7 and the inspectorate's pages.
    let soc = grades.area("Serious and organised crime").expect("SOC");
    let durham = soc.find_force("Durham").expect("Durham");
    let p = soc.period_index(Period::year(2016)).expect("2016");
    let provenance = soc.provenance(durham, p).expect("provenance");
    let kinds: Vec<SourceKind> = provenance
        .stated
        .iter()
        .filter_map(|s| s.citation)
        .flat_map(|c| c.references.iter().map(|r| r.kind))
        .collect();
    assert!(kinds.contains(&SourceKind::Government), "{kinds:?}");
    assert!(kinds.contains(&SourceKind::Inspectorate), "{kinds:?}");
    // Cheshire 2014: two inspectorate pages disagree; both stay in view.
    let area = grades
        .area("Investigating offending")
        .expect("Investigating offending");
    let cheshire = area.find_force("Cheshire").expect("Cheshire");
    let p = area.period_index(Period::year(2014)).expect("2014");
    let provenance = area.provenance(cheshire, p).expect("provenance");
    let (other, pages) = provenance.differs.expect("the other page's grade");
    assert_eq!(other, Cell::Graded(Grade::RequiresImprovement));
    assert!(pages[0].builtin);
    assert_eq!(area.cell(cheshire, p), Some(Cell::Graded(Grade::Good)));
    // Published sources that disagree are not a user's difference.
    assert!(grades.record_differences().is_empty());
}

#[test]
fn the_area_names_analysts_use_are_known() {
    // Names met in the sources and in analysts' workbooks: each names one known area.
    let areas = AreaRegistry::builtin();
    for (name, area) in [
        ("Treating the public fairly", "Treatment of the public"),
        (
            "Police powers and public treatment",
            "Treatment of the public",
        ),
        (
            "Using resources well",
            "Strategic planning and value for money",
        ),
        (
            "Developing a positive workforce",
            "Building and supporting the workforce",
        ),
        (
            "Developing a positive workplace",
            "Building and supporting the workforce",
        ),
        ("Crime data accuracy", "Crime data integrity"),
        ("Recording data about crime", "Crime data integrity"),
        ("Planning for the future", "Planning for the future"),
        (
            "Leadership and management",
            "Leadership and force management",
        ),
        (
            "Disrupting serious organised crime",
            "Serious and organised crime",
        ),
        (
            "Reducing crime and preventing offending",
            "Reducing crime and preventing offending",
        ),
    ] {
        assert_eq!(
            areas.lookup(name).map(|a| a.name.as_str()),
            Some(area),
            "{name}"
        );
    }
    // Assessed but not graded.
    let victims = areas.lookup("Service to victims of crime").expect("known");
    assert!(
        victims
            .ungraded
            .contains(&"2023-25".parse().expect("period"))
    );
    let specialist = areas.lookup("Specialist capabilities").expect("known");
    assert!(specialist.cycles.is_empty() && specialist.ungraded.len() == 2);
}
