//! The built-in Figure 7 data against the strategy's own statements (paragraph 161) and
//! against counts checked by hand from the figure.

use peel_explorer::core::aggregate::{self, Grouping, NATIONAL};
use peel_explorer::core::{
    Cell, Dataset, Filter, Grade, Movement, Period, PeriodIx, RocuMembership,
};

fn figure7() -> Dataset {
    Dataset::figure7()
}

fn period(data: &Dataset, year: u16) -> PeriodIx {
    data.period_index(Period::year(year))
        .expect("period in Figure 7")
}

fn good_or_better(data: &Dataset, year: u16) -> usize {
    let p = period(data, year);
    (0..data.forces().len())
        .filter(|&f| {
            data.cell(f, p)
                .and_then(Cell::grade)
                .is_some_and(Grade::is_good_or_better)
        })
        .count()
}

#[test]
fn has_43_forces_and_three_years() {
    let data = figure7();
    assert_eq!(data.forces().len(), 43);
    let labels: Vec<String> = data.periods().iter().map(|p| p.to_string()).collect();
    assert_eq!(labels, ["2015", "2016", "2017"]);
    assert_eq!(data.grade_count(), 129);
    assert!(data.forces().iter().all(|f| f.info.is_some()));
}

#[test]
fn thirty_five_good_or_outstanding_in_2015() {
    assert_eq!(good_or_better(&figure7(), 2015), 35);
}

#[test]
fn thirty_eight_good_or_outstanding_in_2017() {
    assert_eq!(good_or_better(&figure7(), 2017), 38);
}

#[test]
fn durham_merseyside_derbyshire_outstanding_in_all_three_years() {
    let data = figure7();
    for name in ["Durham", "Merseyside", "Derbyshire"] {
        let f = data.find_force(name).expect(name);
        for p in data.period_ixs() {
            assert_eq!(
                data.cell(f, p),
                Some(Cell::Graded(Grade::Outstanding)),
                "{name}"
            );
        }
    }
    // And they are the only forces outstanding in every year.
    let always: Vec<_> = (0..data.forces().len())
        .filter(|&f| {
            data.period_ixs()
                .all(|p| data.cell(f, p) == Some(Cell::Graded(Grade::Outstanding)))
        })
        .map(|f| data.force(f).name.clone())
        .collect();
    assert_eq!(always, ["Derbyshire", "Durham", "Merseyside"]);
}

#[test]
fn names_are_exactly_as_figure7_prints_them() {
    let data = figure7();
    let names: Vec<&str> = data.forces().iter().map(|f| f.name.as_str()).collect();
    for expected in [
        "Avon & Somerset",
        "City of London",
        "Devon & Cornwall",
        "Dyfed-Powys",
        "MPS",
        "Greater Manchester",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
    // Figure 7's own order: alphabetical, MPS between Merseyside and Norfolk.
    let mps = names.iter().position(|n| *n == "MPS").unwrap();
    assert_eq!(names[mps - 1], "Merseyside");
    assert_eq!(names[mps + 1], "Norfolk");
    assert_eq!(names[0], "Avon & Somerset");
    assert_eq!(names[42], "Wiltshire");
}

#[test]
fn individual_cells_match_the_figure() {
    let data = figure7();
    let cell = |name: &str, year: u16| {
        data.cell(data.find_force(name).unwrap(), period(&data, year))
            .and_then(Cell::grade)
    };
    use Grade::*;
    assert_eq!(cell("Gloucestershire", 2016), Some(Inadequate));
    assert_eq!(cell("West Mercia", 2017), Some(Inadequate));
    assert_eq!(cell("Greater Manchester", 2015), Some(Good));
    assert_eq!(cell("Greater Manchester", 2016), Some(Outstanding));
    assert_eq!(cell("Warwickshire", 2016), Some(Good));
    assert_eq!(cell("Warwickshire", 2017), Some(RequiresImprovement));
    assert_eq!(cell("Gwent", 2017), Some(RequiresImprovement));
    assert_eq!(cell("Avon & Somerset", 2016), Some(RequiresImprovement));
}

#[test]
fn national_distribution_by_year() {
    let data = figure7();
    let forces = Filter::default().apply(&data);
    let periods = PeriodIx::many(0..3);
    let rows = aggregate::distribution(
        &data,
        &forces,
        &periods,
        Grouping::National,
        RocuMembership::AtTheTime,
    );
    assert_eq!(rows.len(), 3);
    let counts: Vec<[usize; 4]> = rows
        .iter()
        .map(|r| {
            assert_eq!(r.group, NATIONAL);
            [
                Grade::Outstanding,
                Grade::Good,
                Grade::RequiresImprovement,
                Grade::Inadequate,
            ]
            .map(|g| r.tally.count(Cell::Graded(g)))
        })
        .collect();
    // Counted by hand from Figure 7.
    assert_eq!(counts[0], [3, 32, 8, 0]);
    assert_eq!(counts[1], [4, 29, 9, 1]);
    assert_eq!(counts[2], [4, 34, 4, 1]);
}

#[test]
fn transitions_2015_to_2016() {
    let data = figure7();
    let forces = Filter::default().apply(&data);
    let t = aggregate::transitions(&data, &forces, PeriodIx::new(0), PeriodIx::new(1));
    let g = |grade| Cell::Graded(grade);
    use Grade::*;
    assert_eq!(t.count(g(Good), g(Good)), 25);
    assert_eq!(t.count(g(Good), g(RequiresImprovement)), 6);
    assert_eq!(t.count(g(Good), g(Outstanding)), 1);
    assert_eq!(t.count(g(RequiresImprovement), g(Good)), 4);
    assert_eq!(t.count(g(RequiresImprovement), g(Inadequate)), 1);
    assert_eq!(t.count(g(RequiresImprovement), g(RequiresImprovement)), 3);
    assert_eq!(t.count(g(Outstanding), g(Outstanding)), 3);
    assert_eq!(t.total(), 43);
    assert_eq!(t.improved(), 5);
    assert_eq!(t.declined(), 7);
    assert_eq!(t.unchanged(), 31);
}

#[test]
fn movement_across_2015_to_2017() {
    let data = figure7();
    let forces = Filter::default().apply(&data);
    let periods = PeriodIx::many(0..3);
    let moves = aggregate::movements(&data, &forces, &periods);
    // The classes come in the order of Movement::ALL.
    let names = |m: Movement| -> Vec<String> {
        let i = Movement::ALL.iter().position(|x| *x == m).expect("a class");
        moves[i]
            .iter()
            .map(|&f| data.force(f).name.clone())
            .collect()
    };
    // Improved: never fell, ended better.
    assert_eq!(
        names(Movement::Improved),
        [
            "Bedfordshire",
            "Cheshire",
            "Cumbria",
            "Greater Manchester",
            "Surrey"
        ]
    );
    // Declined: never rose, ended worse.
    assert_eq!(names(Movement::Declined), ["Gwent", "West Mercia"]);
    // Fluctuated: both.
    assert_eq!(
        names(Movement::Fluctuated),
        [
            "Avon & Somerset",
            "City of London",
            "Gloucestershire",
            "MPS",
            "North Yorkshire",
            "Staffordshire",
            "Warwickshire"
        ]
    );
    assert_eq!(names(Movement::Stable).len(), 43 - 5 - 2 - 7);
    assert!(names(Movement::Insufficient).is_empty());
}

#[test]
fn region_and_rocu_grouping() {
    let data = figure7();
    let forces = Filter::default().apply(&data);
    let p2015 = [period(&data, 2015)];
    let by_rocu = aggregate::distribution(
        &data,
        &forces,
        &p2015,
        Grouping::Rocu,
        RocuMembership::AtTheTime,
    );
    let total = |group: &str| {
        by_rocu
            .iter()
            .find(|r| r.group == group)
            .map(|r| r.tally.total())
    };
    // SEROCU in 2015 includes Kent; Titan includes North Wales; London has no ROCU.
    assert_eq!(total("SEROCU"), Some(5));
    assert_eq!(total("ERSOU"), Some(6));
    assert_eq!(total("Titan"), Some(6));
    assert_eq!(total("(no ROCU)"), Some(2));
    let now = aggregate::distribution(
        &data,
        &forces,
        &p2015,
        Grouping::Rocu,
        RocuMembership::Current,
    );
    let now_total = |group: &str| {
        now.iter()
            .find(|r| r.group == group)
            .map(|r| r.tally.total())
    };
    assert_eq!(now_total("ERSOU"), Some(7));
    assert_eq!(now_total("SEROCU"), Some(4));
    assert_eq!(now_total("NWROCU"), Some(6));
    let sum: usize = by_rocu.iter().map(|r| r.tally.total()).sum();
    assert_eq!(sum, 43);

    let by_region = aggregate::distribution(
        &data,
        &forces,
        &p2015,
        Grouping::Region,
        RocuMembership::AtTheTime,
    );
    assert_eq!(by_region.len(), 10);
    let wales = by_region.iter().find(|r| r.group == "Wales").unwrap();
    assert_eq!(wales.tally.count(Cell::Graded(Grade::Good)), 4);
}

#[test]
fn filters_narrow_the_forces() {
    let data = figure7();
    let names = |filter: &Filter| -> Vec<String> {
        filter
            .apply(&data)
            .into_iter()
            .map(|f| data.force(f).name.clone())
            .collect()
    };
    let mut f = Filter::default();
    f.regions.insert("West Midlands".into());
    assert_eq!(
        names(&f),
        [
            "Staffordshire",
            "Warwickshire",
            "West Mercia",
            "West Midlands"
        ]
    );
    // "Which forces in the West Midlands got worse in 2016?"
    f.add_grade(Period::year(2016), Cell::Graded(Grade::RequiresImprovement));
    f.add_grade(Period::year(2016), Cell::Graded(Grade::Inadequate));
    assert_eq!(names(&f), ["Staffordshire", "West Mercia"]);

    let mut rocu = Filter::default();
    rocu.rocus.insert("SEROCU".into());
    assert!(names(&rocu).contains(&"Kent".to_string()));
    rocu.rocu_membership = RocuMembership::Current;
    assert!(!names(&rocu).contains(&"Kent".to_string()));

    let search = Filter {
        search: "devon and".into(),
        ..Filter::default()
    };
    assert_eq!(names(&search), ["Devon & Cornwall"]);
    let official = Filter {
        search: "metropolitan".into(),
        ..Filter::default()
    };
    assert_eq!(names(&official), ["MPS"]);

    let mut wales = Filter::default();
    wales.countries.insert("Wales".into());
    assert_eq!(names(&wales).len(), 4);

    let mut declined = Filter {
        since: Some(Period::year(2016)),
        ..Filter::default()
    };
    declined.movements.insert(Movement::Declined);
    assert_eq!(names(&declined), ["Warwickshire", "West Mercia"]);
}

#[test]
fn compare_regions_with_the_baseline() {
    use peel_explorer::core::aggregate::{GroupDef, GroupKind, compare};
    let data = figure7();
    let shown = vec![true; data.forces().len()];
    let periods = PeriodIx::many(0..3);
    let groups = [
        GroupDef::baseline(),
        GroupDef {
            name: "West Midlands".into(),
            kind: GroupKind::Region("West Midlands".into()),
        },
        GroupDef {
            name: "SEROCU".into(),
            kind: GroupKind::Rocu("SEROCU".into()),
        },
    ];
    let rows = compare(&data, &shown, &periods, &groups, RocuMembership::AtTheTime);
    assert_eq!(rows.len(), 9);
    const NATIONAL_43: &str = "England and Wales (43 forces)";
    let row = |group: &str, year: u16| {
        rows.iter()
            .find(|r| r.group == group && r.period == Period::year(year))
            .unwrap()
    };
    // Baseline 2017: 38 of 43 good or better; mean (4*4 + 34*3 + 4*2 + 1) / 43.
    let national = row(NATIONAL_43, 2017);
    assert_eq!(national.tally.good_or_better(), 38);
    let mean = national.tally.mean_score().unwrap();
    assert!((mean - 127.0 / 43.0).abs() < 1e-9, "{mean}");
    // 2016 to 2017: 7 improved (6 RI to G, 1 I to RI), 2 declined (G to RI, RI to I).
    assert_eq!(national.improved, Some(7));
    assert_eq!(national.declined, Some(2));
    assert_eq!(row(NATIONAL_43, 2015).improved, None);
    // West Midlands 2016: Staffordshire fell, Warwickshire rose.
    let wm = row("West Midlands", 2016);
    assert_eq!((wm.improved, wm.declined), (Some(1), Some(1)));
    assert_eq!(wm.tally.share_good_or_better(), Some(0.5));
    // SEROCU includes Kent in Figure 7's years: five forces, all Good in 2015 but Surrey.
    let se = row("SEROCU", 2015);
    assert_eq!(se.tally.total(), 5);
    assert_eq!(se.tally.good_or_better(), 4);
}

#[test]
fn the_baseline_is_every_force_whatever_the_filters() {
    use peel_explorer::core::aggregate::{GroupDef, GroupKind, compare};
    let data = figure7();
    // Search "glouc": one force shown.
    let filter = Filter {
        search: "glouc".into(),
        ..Filter::default()
    };
    let shown = peel_explorer::core::filter::mask(data.forces().len(), &filter.apply(&data));
    let groups = [
        GroupDef::baseline(),
        GroupDef {
            name: "SWROCU".into(),
            kind: GroupKind::Rocu("SWROCU".into()),
        },
    ];
    let p2017 = period(&data, 2017);
    let rows = compare(&data, &shown, &[p2017], &groups, RocuMembership::AtTheTime);
    // England and Wales is still 38 of 43 good or better, and says it counts 43 forces.
    assert_eq!(rows[0].group, "England and Wales (43 forces)");
    assert_eq!(rows[0].tally.good_or_better(), 38);
    assert_eq!(rows[0].tally.graded(), 43);
    // The ROCU row counts the one force shown, and says so in the row itself.
    assert_eq!(rows[1].group, "SWROCU: 1 of 5 forces shown");
    assert_eq!(rows[1].tally.total(), 1);
    assert_eq!((rows[1].counted, rows[1].members), (1, 5));
}

#[test]
fn flows_are_the_consecutive_transitions() {
    let data = figure7();
    let forces = Filter::default().apply(&data);
    let f = aggregate::flows(&data, &forces, &PeriodIx::many(0..3));
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0],
        aggregate::transitions(&data, &forces, PeriodIx::new(0), PeriodIx::new(1))
    );
    let g = |grade| Cell::Graded(grade);
    assert_eq!(f[1].count(g(Grade::RequiresImprovement), g(Grade::Good)), 6);
    assert_eq!(f[1].count(g(Grade::Good), g(Grade::Good)), 28);
}
