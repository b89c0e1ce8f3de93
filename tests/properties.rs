//! Property tests and the import fuzz harness: arbitrary bytes never panic the importer
//! or `check`, exports round-trip, filtered rows are a subset, counts add up.
//!
//! The number of cases is PROPTEST_CASES (256 by default); a long fuzzing run:
//! PROPTEST_CASES=200000 cargo test --release --test properties

use proptest::prelude::*;

use peel_explorer::core::aggregate::{self, Grouping};
use peel_explorer::core::export::{safe_cell, write_long, write_wide};
use peel_explorer::core::filter::Movement;
use peel_explorer::core::{
    Cell, Dataset, Filter, Period, Rejected, RocuMembership, Source, parse_source, synthetic,
};

/// Every problem has a position, and errors reject the file.
fn well_formed(result: &Result<Source, Rejected>) {
    match result {
        Ok(source) => {
            for r in &source.records {
                assert!((r.force as usize) < source.forces.len());
                assert!(r.line >= 1);
            }
            for w in &source.warnings {
                assert!(!w.is_error());
                assert!(w.line >= 1 && w.column >= 1);
            }
        }
        Err(rejected) => {
            assert!(rejected.errors().count() >= 1);
            for p in &rejected.problems {
                assert!(p.line >= 1 && p.column >= 1, "{p}");
                assert!(!p.to_string().is_empty());
            }
        }
    }
}

/// Text that looks like a grades file, with mistakes mixed in.
fn csvish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("force".to_string()),
        Just("year".to_string()),
        Just("grade".to_string()),
        Just("2015".to_string()),
        Just("2021/22".to_string()),
        Just("20x5".to_string()),
        Just("Kent".to_string()),
        Just("Avon & Somerset".to_string()),
        Just("British Transport Police".to_string()),
        Just("Good".to_string()),
        Just("RI".to_string()),
        Just("Excelent".to_string()),
        Just(String::new()),
        Just("\"quoted, field\"".to_string()),
        Just("\"unterminated".to_string()),
        "[ -~]{0,8}",
        "\\PC{0,4}",
    ];
    let sep = prop_oneof![Just(","), Just("\t"), Just(";"), Just("\n"), Just("\r\n")];
    prop::collection::vec((token, sep), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(t, s)| format!("{t}{s}"))
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        well_formed(&parse_source("fuzz.csv", &bytes));
    }

    #[test]
    fn csv_like_text_never_panics(text in csvish(), bom in any::<bool>()) {
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.as_bytes());
        let result = parse_source("fuzz.csv", &bytes);
        well_formed(&result);
        // Whatever is accepted also merges with the built-in data or is rejected cleanly.
        if let Ok(source) = result {
            match Dataset::from_sources(&[Source::builtin(), source]) {
                Ok(data) => prop_assert!(data.forces().len() >= 43),
                Err(r) => prop_assert!(r.errors().count() >= 1),
            }
        }
    }

    #[test]
    fn exports_round_trip(forces in 1usize..80, periods in 1usize..6, seed in any::<u64>()) {
        let text = synthetic::long_csv(forces, periods, seed);
        let data = Dataset::from_sources(&[parse_source("a.csv", text.as_bytes()).unwrap()]).unwrap();
        let all: Vec<usize> = (0..data.forces().len()).collect();
        let cols: Vec<usize> = (0..data.periods().len()).collect();
        let mut long = Vec::new();
        write_long(&data, &all, &cols, RocuMembership::AtTheTime, &mut long).unwrap();
        let again = Dataset::from_sources(&[parse_source("b.csv", &long).unwrap()]).unwrap();
        prop_assert_eq!(again.forces().len(), data.forces().len());
        prop_assert_eq!(again.periods(), data.periods());
        for f in 0..data.forces().len() {
            prop_assert_eq!(again.row(f), data.row(f));
        }
        // Wide: every cell the data has comes back (blank cells read as not graded).
        let mut wide = Vec::new();
        write_wide(&data, &all, &cols, &mut wide).unwrap();
        let back = Dataset::from_sources(&[parse_source("c.csv", &wide).unwrap()]).unwrap();
        for f in 0..data.forces().len() {
            for p in 0..data.periods().len() {
                let expected = data.cell(f, p).unwrap_or(Cell::NotGraded);
                prop_assert_eq!(back.cell(f, p), Some(expected));
            }
        }
    }

    #[test]
    fn filtered_rows_are_a_subset_and_counts_add_up(
        seed in any::<u64>(),
        region in prop::sample::select(vec!["", "Wales", "South East", "London"]),
        movement in prop::option::of(prop::sample::select(Movement::ALL.to_vec())),
        search in prop::sample::select(vec!["", "shire", "Synthetic", "zzz"]),
        since in prop::option::of(2000u16..2004),
    ) {
        let text = synthetic::long_csv(120, 5, seed);
        let data = Dataset::from_sources(&[
            Source::builtin(),
            parse_source("s.csv", text.as_bytes()).unwrap(),
        ]);
        // The synthetic grades for real forces may contradict Figure 7's: load alone then.
        let data = data.unwrap_or_else(|_| {
            Dataset::from_sources(&[parse_source("s.csv", text.as_bytes()).unwrap()]).unwrap()
        });
        let mut filter = Filter { search: search.to_string(), ..Filter::default() };
        if !region.is_empty() {
            filter.regions.insert(region.to_string());
        }
        if let Some(m) = movement {
            filter.movements.insert(m);
        }
        filter.since = since.map(Period::year);
        let rows = filter.apply(&data);
        let everyone = Filter::default().apply(&data);
        prop_assert!(rows.iter().all(|r| everyone.contains(r)));
        prop_assert!(rows.windows(2).all(|w| w[0] < w[1]));
        let periods = filter.period_indices(&data);
        // National counts add up to the cells present, per period.
        let dist = aggregate::distribution(&data, &rows, &periods, Grouping::National, RocuMembership::AtTheTime);
        for row in &dist {
            let p = data.period_index(row.period).unwrap();
            let present = rows.iter().filter(|&&f| data.cell(f, p).is_some()).count();
            prop_assert_eq!(row.tally.total(), present);
        }
        // Regional counts add up to the national ones.
        let by_region = aggregate::distribution(&data, &rows, &periods, Grouping::Region, RocuMembership::AtTheTime);
        for row in &dist {
            let sum: usize = by_region.iter().filter(|r| r.period == row.period).map(|r| r.tally.total()).sum();
            prop_assert_eq!(sum, row.tally.total());
        }
        // Movement classes partition the rows.
        let moves = aggregate::movements(&data, &rows, &periods);
        prop_assert_eq!(moves.iter().map(Vec::len).sum::<usize>(), rows.len());
    }

    #[test]
    fn formula_injection_is_always_neutralised(text in "\\PC{0,12}") {
        let safe = safe_cell(&text);
        prop_assert!(!safe.starts_with(['=', '+', '-', '@', '\t', '\r']));
        prop_assert!(safe.ends_with(text.as_str()));
    }
}
