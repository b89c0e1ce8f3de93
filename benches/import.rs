//! Import throughput against a bare csv::ByteRecord pass over the same bytes, and the
//! whole load-and-summarise path, on a synthetic 1,000,000-row long CSV (50,000 forces x
//! 20 years). Also the recompute after a filter change at that size.
//!
//! And what the built-in data costs at start-up: reading the record's files and merging
//! every area.
//!
//! cargo bench --bench import

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use peel_explorer::core::aggregate::{self, Grouping};
use peel_explorer::core::{Dataset, Filter, RocuMembership, parse_source, synthetic};
use peel_explorer::gui::AppState;
use peel_explorer::gui::state::Action;

fn import(c: &mut Criterion) {
    let text = synthetic::long_csv(50_000, 20, 1);
    let bytes = text.as_bytes();
    let mut group = c.benchmark_group("import_1m_rows");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("bare_csv_byte_record_pass", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
            let mut record = csv::ByteRecord::new();
            let mut fields = 0usize;
            while reader.read_byte_record(&mut record).unwrap_or(false) {
                fields += record.len();
            }
            fields
        })
    });
    // The parsed source is kept by the app; its drop is not part of importing.
    group.bench_function("parse_source", |b| {
        b.iter_with_large_drop(|| parse_source("big.csv", bytes))
    });
    group.bench_function("utf8_check", |b| {
        b.iter(|| std::str::from_utf8(bytes).is_ok())
    });
    let source = parse_source("big.csv", bytes).expect("valid");
    group.bench_function("merge_into_dataset", |b| {
        b.iter_with_large_drop(|| Dataset::from_sources(std::slice::from_ref(&source)))
    });
    let data = Dataset::from_sources(std::slice::from_ref(&source)).expect("merges");
    let forces = Filter::default().apply(&data);
    let periods: Vec<_> = data.period_ixs().collect();
    group.bench_function("national_summary", |b| {
        b.iter(|| {
            aggregate::distribution(
                &data,
                &forces,
                &periods,
                Grouping::National,
                RocuMembership::AtTheTime,
            )
            .len()
        })
    });
    group.finish();

    // Recompute after a filter change: everything the window derives from the filter.
    let mut state = AppState::default();
    state.apply(Action::SetBuiltin(false));
    state.apply(Action::AddSource(source));
    state.refresh();
    let mut group = c.benchmark_group("recompute_1m_grades");
    group.sample_size(10);
    group.bench_function("toggle_region_filter", |b| {
        b.iter(|| {
            state.apply(Action::ToggleRegion("Wales".into()));
            state.refresh();
            state.cached().rows.len()
        })
    });
    group.finish();
}

/// The built-in data as the window reads it at start-up: Figure 7 and every file of the
/// published record parsed, then merged area by area.
fn builtin(c: &mut Criterion) {
    use peel_explorer::core::Grades;
    use peel_explorer::core::import::{parse_source as parse, record_files};
    let mut group = c.benchmark_group("builtin_record");
    group.bench_function("parse_every_file", |b| {
        b.iter(|| {
            record_files()
                .iter()
                .map(|(name, text)| parse(name, text.as_bytes()).map_or(0, |s| s.records.len()))
                .sum::<usize>()
        })
    });
    let sources: Vec<&peel_explorer::core::Source> = peel_explorer::core::Source::builtin_sources()
        .iter()
        .collect();
    group.bench_function("merge_every_area", |b| {
        b.iter(|| Grades::from_source_refs(&sources).map_or(0, |g| g.datasets().len()))
    });
    group.finish();
}

criterion_group!(benches, import, builtin);
criterion_main!(benches);
