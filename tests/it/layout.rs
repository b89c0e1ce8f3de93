//! The window's layout at the sizes users have: nothing covers anything else, and what is
//! too wide for the window can be scrolled to.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use peel_explorer::gui::{AppState, MIN_WINDOW, PeelApp};

const SIZES: [[f32; 2]; 3] = [MIN_WINDOW, [1280.0, 720.0], [1366.0, 768.0]];
const VIEWS: [&str; 4] = ["Table", "Movement", "Compare", "Map"];

fn harness(size: [f32; 2]) -> Harness<'static, PeelApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(|_cc| PeelApp::with_state(AppState::default()));
    h.run();
    h
}

/// Every pair of controls whose boxes overlap (one inside another is a group, not an
/// overlap).
fn overlaps(h: &Harness<'_, PeelApp>) -> Vec<String> {
    let controls: Vec<(egui::Rect, String)> = [Role::Button, Role::ComboBox, Role::CheckBox]
        .iter()
        .flat_map(|role| {
            h.query_all_by_role(*role)
                .map(|n| (n.rect(), n.accesskit_node().label().unwrap_or_default()))
        })
        .collect();
    let mut found = Vec::new();
    for (i, (a, a_name)) in controls.iter().enumerate() {
        for (b, b_name) in &controls[i + 1..] {
            let both = a.intersect(*b);
            let nested = a.contains_rect(*b) || b.contains_rect(*a);
            if both.width() > 1.0 && both.height() > 1.0 && !nested {
                found.push(format!("{a_name:?} {a:?} and {b_name:?} {b:?}"));
            }
        }
    }
    found
}

#[test]
fn no_control_covers_another_at_any_size_in_any_view() {
    for size in SIZES {
        for view in VIEWS {
            let mut h = harness(size);
            h.get_by_role_and_label(Role::Button, view).click();
            h.run_steps(6);
            let found = overlaps(&h);
            assert!(found.is_empty(), "{size:?}, {view}: {found:#?}");
        }
    }
}

#[test]
fn the_compare_table_can_be_scrolled_to_its_last_column() {
    for size in SIZES {
        let mut h = harness(size);
        h.get_by_label("Avon & Somerset").click();
        h.run();
        h.get_by_role_and_label(Role::Button, "Compare").click();
        h.run();
        h.run_steps(6);
        let declined = h.get_by_label("Declined");
        declined.scroll_to_me();
        h.run_steps(6);
        let rect = h.get_by_label("Declined").rect();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
        assert!(screen.contains_rect(rect), "{size:?}: Declined at {rect:?}");
    }
}

/// The window size of the first-frame tests: the minimal window's in `benches/startup.sh`.
const FIRST_FRAME_SIZE: egui::Vec2 = egui::vec2(1280.0, 760.0);

/// The first frame a user sees (the table), as two passes of a bare context, tessellated.
fn first_frame(mut app: PeelApp) -> Vec<egui::ClippedPrimitive> {
    let ctx = egui::Context::default();
    let mut primitives = Vec::new();
    for _ in 0..2 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                FIRST_FRAME_SIZE,
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
        output.textures_delta.clear();
        primitives = ctx.tessellate(output.shapes, 1.0);
    }
    primitives
}

/// How many windows' worth of pixels the triangles of a frame cover (overlaps counted
/// as often as they are drawn): what a software renderer shades one by one.
fn windows_painted(primitives: &[egui::ClippedPrimitive]) -> f32 {
    let mut area = 0.0;
    for primitive in primitives {
        let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        for t in mesh.indices.chunks_exact(3) {
            let [a, b, c] = [0, 1, 2].map(|k| mesh.vertices[t[k] as usize].pos);
            area += ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0;
        }
    }
    area / (FIRST_FRAME_SIZE.x * FIRST_FRAME_SIZE.y)
}

/// The first frame a user sees (the table) in a handful of draw calls: one clip rectangle
/// for the whole table rather than one per cell, which made software renderers (virtual
/// desktops without a GPU) draw it in hundreds of calls.
#[test]
fn the_first_frame_is_drawn_in_a_handful_of_calls() {
    let calls = first_frame(PeelApp::with_state(AppState::default())).len();
    assert!(calls <= 20, "{calls} draw calls");
}

/// The real window is cleared to the panels' colour, so the panels do not paint their
/// backgrounds again: the first frame paints a fraction of the window, not all of it and
/// more (a software renderer shades every pixel painted).
#[test]
fn the_first_frame_leaves_the_panels_background_to_the_clear_colour() {
    let painted = windows_painted(&first_frame(PeelApp::with_state(AppState::default())));
    let cleared = windows_painted(&first_frame(
        PeelApp::with_state(AppState::default()).cleared_to_panel_fill(),
    ));
    assert!(
        painted > 1.0,
        "painting the panels covers the window: {painted}"
    );
    assert!(
        cleared < 0.5,
        "{cleared} windows painted over the clear colour"
    );
}
