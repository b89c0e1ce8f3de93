//! Gaps in the record: every figure stands on the units its cycle graded, and `gaps` lists
//! exactly the graded units missing from the record.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use peel_explorer::core::ForceRegistry;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The 43 forces' names by region, from the reference file (not from the program's counts).
fn region_sizes() -> BTreeMap<String, usize> {
    let mut sizes = BTreeMap::new();
    let registry = ForceRegistry::builtin();
    for i in 0..registry.len() {
        *sizes
            .entry(registry.get(i).unwrap().region.clone())
            .or_insert(0) += 1;
    }
    sizes
}

/// For every area, period and group of `summary --format csv`, the grades, the graded
/// units not in the record, those assessed and not graded, and those not known whether
/// graded add up to every member of the group: no force is dropped or counted twice, and
/// "not in the record" is its own row.
#[test]
fn every_summary_row_sums_to_the_units_graded() {
    let sizes = region_sizes();
    for by in ["national", "region"] {
        let text = run(&["summary", "--format", "csv", "--by", by]);
        let mut sums: BTreeMap<(String, String, String), (usize, usize)> = BTreeMap::new();
        for row in rows(&text) {
            let [area, group, period, grade, count] = &row[..] else {
                panic!("{row:?}");
            };
            let count: usize = count.parse().unwrap();
            let entry = sums
                .entry((area.clone(), group.clone(), period.clone()))
                .or_default();
            entry.0 += count;
            if grade == "Not in record" {
                entry.1 += count;
            }
        }
        assert!(sums.len() >= 60, "{by}: {}", sums.len());
        for ((area, group, period), (total, _)) in &sums {
            let members = if by == "national" { 43 } else { sizes[group] };
            assert_eq!(*total, members, "{by}: {area}, {group}, {period}");
        }
        if by == "national" {
            let key = (
                "Serious and organised crime".to_string(),
                "England and Wales".to_string(),
                "2018/19".to_string(),
            );
            // The issue's own case: every force was graded in 2018/19.
            assert_eq!(sums[&key], (43, 18));
        }
    }
}

/// `gaps` for 2018/19's serious and organised crime lists exactly the forces with no row
/// for it in the record's own file, read here directly.
#[test]
fn gaps_lists_exactly_the_graded_units_missing_from_the_record() {
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/record/peel-2018-19.csv"
    ))
    .unwrap();
    let in_record: BTreeSet<String> = rows(&file)
        .into_iter()
        .filter(|r| r[2] == "Serious and organised crime")
        .map(|r| r[0].clone())
        .collect();
    let registry = ForceRegistry::builtin();
    let expected: BTreeSet<String> = (0..registry.len())
        .map(|i| registry.get(i).unwrap().name.clone())
        .filter(|name| !in_record.contains(name))
        .collect();
    let text = run(&[
        "gaps", "--format", "csv", "--area", "SOC", "--period", "2018/19",
    ]);
    assert!(text.starts_with("unit,area,period\n"), "{text}");
    let listed: BTreeSet<String> = rows(&text)
        .into_iter()
        .map(|r| {
            assert_eq!(r[1..], ["Serious and organised crime", "2018/19"]);
            r[0].clone()
        })
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(listed.len(), 18);

    // A force's gaps, in words; the regional inspections list units too; a cycle that
    // graded some forces only (2021/22's serious and organised crime) lists none.
    let hampshire = run(&[
        "gaps",
        "--force",
        "Hampshire and Isle of Wight Constabulary",
    ]);
    assert!(
        hampshire.contains("2023-25, Investigating crime: 1 not in the record: Hampshire."),
        "{hampshire}"
    );
    let soc = run(&["gaps", "--format", "csv", "--area", "SOC"]);
    assert!(
        soc.contains("Tarian,Serious and organised crime,SOC inspections 2022-25\n"),
        "{soc}"
    );
    assert!(!soc.contains(",2021/22\n"), "{soc}");
}

/// A figure over fewer forces than were graded says so, on the command line and in the
/// briefing.
#[test]
fn shares_say_how_many_grades_are_not_in_the_record() {
    let text = run(&["summary", "--area", "Serious and organised crime"]);
    assert!(
        text.contains("25 of 25 in the record (100%); 18 graded, not in the record"),
        "{text}"
    );
    assert!(text.contains("43 forces."), "{text}");
    let brief = run(&[
        "brief",
        "--area",
        "Investigating crime",
        "--since",
        "2021/22",
    ]);
    assert!(
        brief.contains("not in the record"),
        "no gap said in the briefing"
    );
    assert!(!brief.contains("52 of 52"), "units counted as forces");
}
