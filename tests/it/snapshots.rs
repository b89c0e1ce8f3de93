//! Image snapshots of the main views, rendered by wgpu (on a machine without a GPU, the
//! software Vulkan driver). `UPDATE_SNAPSHOTS=1 cargo test --test it -- snapshots::` rewrites them.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::gui::state::{Action, ThemeChoice};
use peel_explorer::gui::{AppState, PeelApp};

fn harness(state: AppState) -> Harness<'static, PeelApp> {
    harness_sized(state, [1024.0, 600.0])
}

/// The Movement view's four charts need a laptop-sized window.
fn harness_sized(state: AppState, size: [f32; 2]) -> Harness<'static, PeelApp> {
    harness_of(PeelApp::with_state(state), size, egui::Theme::Light)
}

fn harness_of(app: PeelApp, size: [f32; 2], theme: egui::Theme) -> Harness<'static, PeelApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_theme(theme)
        .wgpu()
        .build_eframe(move |_cc| app);
    h.run();
    h
}

#[test]
fn table_view() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    let mut h = harness(state);
    h.snapshot("table");
}

#[test]
fn filtered_table_with_profile() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    state.apply(Action::ToggleRegion("South West".into()));
    let mut h = harness(state);
    h.get_by_label("Avon & Somerset").click();
    h.run();
    h.snapshot("profile");
}

#[test]
fn dark_theme() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Dark));
    state.apply(Action::SortBy(peel_explorer::gui::state::SortKey::Period(
        peel_explorer::core::Period::year(2016),
    )));
    let mut h = harness(state);
    h.snapshot("table_dark");
}

#[test]
fn movement_view() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    state.apply(Action::SetView(peel_explorer::gui::state::View::Movement));
    state.apply(Action::SelectMany(vec![
        "Gloucestershire".into(),
        "Greater Manchester".into(),
        "West Mercia".into(),
    ]));
    let mut h = harness_sized(state, [1366.0, 768.0]);
    h.snapshot("movement");
}

#[test]
fn compare_view() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    state.apply(Action::SetView(peel_explorer::gui::state::View::Compare));
    state.apply(Action::ToggleCompareGroup("West Midlands".into()));
    state.apply(Action::ToggleCompareGroup("North West".into()));
    let mut h = harness(state);
    h.snapshot("compare");
}

#[test]
fn map_view() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    state.apply(Action::SetView(peel_explorer::gui::state::View::Map));
    state.apply(Action::SetMapPeriod(peel_explorer::core::Period::year(
        2016,
    )));
    state.apply(Action::ToggleRegion("South West".into()));
    let mut h = harness(state);
    h.snapshot("map");
}

/// Made-up 2021/22 grades beside Figure 7: the change of scale marked on the charts.
#[test]
fn movement_across_the_change_of_scale() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    let later = "force,year,grade\nKent,2021/22,Adequate\nGwent,2021/22,Good\nDorset,2021/22,Requires improvement\n";
    let source = peel_explorer::core::parse_source("later.csv", later.as_bytes()).unwrap();
    state.apply(Action::AddSource(source));
    state.apply(Action::SetView(peel_explorer::gui::state::View::Movement));
    state.apply(Action::SelectMany(vec!["Kent".into(), "Gwent".into()]));
    let mut h = harness_sized(state, [1366.0, 768.0]);
    h.snapshot("movement_scale_change");
}

/// Made-up grades in two more areas, one carried over: Kent's scorecard.
#[test]
fn scorecard() {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(ThemeChoice::Light));
    let areas = "force,year,area,grade,carried over\n\
        Kent,2016,Investigating crime,Good,\n\
        Kent,2017,Investigating crime,Good,yes\n\
        Kent,2016,Effectiveness,Requires improvement,\n";
    let source = peel_explorer::core::parse_source("areas.csv", areas.as_bytes()).unwrap();
    state.apply(Action::AddSource(source));
    state.apply(Action::Select(Some("Kent".into())));
    let mut h = harness(state);
    h.snapshot("scorecard");
}

/// The real window leaves the panels' backgrounds to its clear colour (the panels' colour).
/// Rendered on transparent and laid on that colour, it is the window that paints them, in
/// both themes and with a scroll area fading into the panel at its edge.
#[test]
fn panels_left_to_the_clear_colour_look_the_same() {
    for (theme, choice) in [
        (egui::Theme::Light, ThemeChoice::Light),
        (egui::Theme::Dark, ThemeChoice::Dark),
    ] {
        let render = |cleared: bool| {
            let mut state = AppState::default();
            state.apply(Action::SetTheme(choice));
            let app = PeelApp::with_state(state);
            let app = if cleared {
                app.cleared_to_panel_fill()
            } else {
                app
            };
            let mut h = harness_of(app, [1024.0, 600.0], theme);
            let fill = h.ctx.style_of(theme).visuals.panel_fill;
            (h.render().expect("rendered"), fill)
        };
        let (painted, fill) = render(false);
        let (cleared, _) = render(true);
        let background = [fill.r(), fill.g(), fill.b()].map(f32::from);
        let mut unpainted = 0;
        let mut worst = 0.0f32;
        for (p, c) in painted.pixels().zip(cleared.pixels()) {
            let alpha = f32::from(c[3]) / 255.0;
            if c[3] == 0 {
                unpainted += 1;
            }
            for k in 0..3 {
                // Premultiplied colour over the background.
                let laid = f32::from(c[k]) + background[k] * (1.0 - alpha);
                worst = worst.max((laid - f32::from(p[k])).abs());
            }
        }
        let share = unpainted as f32 / (painted.width() * painted.height()) as f32;
        assert!(
            share > 0.5,
            "{theme:?}: only {share} of the window left to the clear colour"
        );
        assert!(worst <= 2.0, "{theme:?}: a pixel differs by {worst}");
    }
}

/// The longest labels (the regional inspections) at the sizes users have: 1280x720,
/// 1366x768 and 1.5x scale. Nothing breaks inside a word: the grade column reads
/// "SOC 2022-25", the pickers' labels run whole.
#[test]
fn long_labels_at_common_sizes() {
    let soc = peel_explorer::core::Period::SOC_INSPECTIONS;
    // One test, three windows: their results are checked together.
    let mut results = egui_kittest::SnapshotResults::new();
    for (name, size, scale) in [
        ("soc_1280x720", [1280.0, 720.0], 1.0),
        ("soc_1366x768", [1366.0, 768.0], 1.0),
        ("soc_1366x768_at_1.5", [1366.0, 768.0], 1.5),
    ] {
        let mut state = AppState::default();
        state.apply(Action::SetTheme(ThemeChoice::Light));
        state.apply(Action::SetSince(None));
        state.apply(Action::SetUntil(None));
        state.apply(Action::SetGradePeriod(soc));
        state.apply(Action::SetChangePeriods(
            peel_explorer::core::Period::cycle(2021, 2022),
            soc,
        ));
        let mut h = Harness::builder()
            .with_size(egui::Vec2::from(size) / scale)
            .with_pixels_per_point(scale)
            .with_theme(egui::Theme::Light)
            .wgpu()
            .build_eframe(move |_cc| PeelApp::with_state(state));
        h.run();
        assert!(
            h.query_by_label("Sort by SOC inspections 2022-25")
                .is_some()
        );
        h.snapshot(name);
        results.extend(h.take_snapshot_results());
    }
    results.unwrap();
}
