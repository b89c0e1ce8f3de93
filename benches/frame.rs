//! Frame cost of each view, headless: one `Context::run_ui` of the whole window plus
//! tessellation, on Figure 7 (43 forces x 3 years) and on a synthetic 1,000,000-grade
//! dataset (50,000 forces x 20 years; also 333,334 x 3 and 20,000 x 50). The goal: the large frame costs at most 1.5x the
//! small one, i.e. frame cost does not grow with the data.
//!
//! cargo bench --bench frame

use criterion::{Criterion, criterion_group, criterion_main};
use peel_explorer::core::{parse_source, synthetic};
use peel_explorer::gui::state::{Action, View};
use peel_explorer::gui::{AppState, PeelApp};

/// Figure 7, with Kent selected (its profile open).
fn small() -> AppState {
    let mut state = AppState::default();
    state.apply(Action::Select(Some("Kent".into())));
    state
}

fn synthetic_state(forces: usize, periods: usize) -> AppState {
    let text = synthetic::long_csv(forces, periods, 1);
    let source = parse_source("synthetic.csv", text.as_bytes()).expect("valid");
    let mut state = AppState::default();
    state.apply(Action::SetBuiltin(false));
    state.apply(Action::AddSource(source));
    state.apply(Action::Select(Some("Kent".into())));
    state
}

/// A million grades as 50,000 forces x 20 years.
fn wide() -> AppState {
    synthetic_state(50_000, 20)
}

/// A million grades as 20,000 forces x 50 years: more periods than fit on screen.
fn long() -> AppState {
    synthetic_state(20_000, 50)
}

/// A million grades shaped like Figure 7: 333,334 forces x 3 years.
fn tall() -> AppState {
    synthetic_state(333_334, 3)
}

fn frames(c: &mut Criterion) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1366.0, 768.0),
        )),
        ..Default::default()
    };
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    type Make = fn() -> AppState;
    let sizes: [(&str, Make); 4] = [
        ("figure7", small),
        ("1m_333k_forces_x3", tall),
        ("1m_50k_forces_x20", wide),
        ("1m_20k_forces_x50", long),
    ];
    for (size, make) in sizes {
        let mut state = make();
        for view in View::ALL {
            state.apply(Action::SetView(view));
            let mut app = PeelApp::with_state(std::mem::take(&mut state));
            let ctx = egui::Context::default();
            // Warm up: fonts, layout caches, the derived data.
            for _ in 0..3 {
                let out = ctx.run_ui(input.clone(), |ui| app.frame_ui(ui));
                let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
            }
            group.bench_function(format!("{}/{size}", view.label()), |b| {
                b.iter(|| {
                    let out = ctx.run_ui(input.clone(), |ui| app.frame_ui(ui));
                    ctx.tessellate(out.shapes, out.pixels_per_point).len()
                })
            });
            state = std::mem::take(&mut app.state);
        }
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
