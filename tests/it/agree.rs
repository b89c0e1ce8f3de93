//! The charts' numbers and the command line's come from the same core functions: prove
//! that they agree on Figure 7.

use std::collections::BTreeMap;
use std::process::Command;

use peel_explorer::core::{Cell, Period};
use peel_explorer::gui::AppState;
use peel_explorer::gui::state::Action;

fn cli_csv(args: &[&str]) -> Vec<Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_peel-explorer"))
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn movement_distribution_matches_summary() {
    let mut state = AppState::default();
    state.apply(Action::ToggleRegion("South West".into()));
    let gui: BTreeMap<(String, String), usize> = state
        .derived()
        .distribution
        .iter()
        .flat_map(|r| {
            Cell::ALL
                .iter()
                .filter(|c| c.grade() != Some(peel_explorer::core::Grade::Adequate))
                .map(|c| {
                    (
                        (r.period.to_string(), c.label().to_string()),
                        r.tally.count(*c),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let cli: BTreeMap<(String, String), usize> =
        // The window opens on Figure 7's area and years.
        cli_csv(&[
            "summary",
            "--format",
            "csv",
            "--region",
            "South West",
            "--area",
            "Serious and organised crime",
            "--until",
            "2017",
        ])
            .into_iter()
            // The forces the filter passes (England and Wales, every force, comes first).
            .filter(|row| row[0].starts_with("Filtered forces: 5 of 43"))
            // The window's counts have no column for grades missing from the record.
            .filter(|row| row[2] != "Not in record")
            .map(|row| ((row[1].clone(), row[2].clone()), row[3].parse().unwrap()))
            .collect();
    assert_eq!(gui, cli);
    assert_eq!(cli[&("2016".to_string(), "Inadequate".to_string())], 1);
}

#[test]
fn transition_matrix_matches_transitions() {
    let mut state = AppState::default();
    state.apply(Action::SetChangePeriods(
        Period::year(2015),
        Period::year(2016),
    ));
    let derived = state.derived();
    let t = derived.transition.as_ref().unwrap();
    let cli = cli_csv(&[
        "transitions",
        "--from",
        "2015",
        "--to",
        "2016",
        "--format",
        "csv",
    ]);
    assert!(!cli.is_empty());
    for row in cli {
        let a = Cell::parse(&row[0]).unwrap();
        let b = Cell::parse(&row[1]).unwrap();
        let n: usize = row[2].parse().unwrap();
        assert_eq!(t.count(a, b), n, "{row:?}");
    }
}
