//! Chart pictures through the real window: every chart's Copy button puts the picture on
//! the clipboard, and its PNG button saves the same picture, whatever the theme.

use crate::common;

use common::{Scripted, copied_images, harness, wait_for};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use peel_explorer::gui::chart::Chart;
use peel_explorer::gui::picture;
use peel_explorer::gui::state::{Action, ThemeChoice, View};

#[test]
fn copy_puts_the_charts_picture_on_the_clipboard() {
    let mut h = harness(Scripted::default());
    h.state_mut().state.apply(Action::SetView(View::Movement));
    h.state_mut()
        .state
        .apply(Action::ToggleRegion("South West".into()));
    h.run();
    h.get_by_role_and_label(Role::Button, "Copy grades per period as a picture")
        .click();
    h.step();
    let images = copied_images(&h);
    assert_eq!(images.len(), 1, "one picture copied");
    let expected = picture::render(&h.state().state, Chart::Distribution);
    assert_eq!(images[0].size, expected.size);
    assert!(
        images[0].pixels == expected.pixels,
        "the chart's own pixels"
    );
    assert_eq!(images[0].size[0], 1920, "twice the 960-point page");
    h.run();
    assert!(
        h.query_by_label_contains("Copied \"Grades per period\" as a picture")
            .is_some()
    );
}

#[test]
fn every_chart_has_copy_and_png_buttons() {
    let mut h = harness(Scripted::default());
    for (view, charts) in [
        (View::Movement, &Chart::ALL[..4]),
        (View::Compare, &[Chart::Compare][..]),
        (View::Map, &[Chart::Map][..]),
    ] {
        h.state_mut().state.apply(Action::SetView(view));
        h.run();
        for chart in charts {
            let what = chart.title().to_lowercase();
            h.get_by_role_and_label(Role::Button, &format!("Copy {what} as a picture"));
            h.get_by_role_and_label(Role::Button, &format!("Save {what} as PNG"));
        }
    }
}

#[test]
fn png_saves_the_same_light_picture_in_the_dark_theme() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.png");
    let mut h = harness(Scripted::saving_to(&target, 1));
    h.state_mut()
        .state
        .apply(Action::SetTheme(ThemeChoice::Dark));
    h.state_mut().state.apply(Action::SetView(View::Map));
    h.run();
    h.get_by_role_and_label(Role::Button, "Save map as PNG")
        .click();
    wait_for(&mut h, |_| target.exists());
    wait_for(&mut h, |h| h.query_by_label_contains("Saved").is_some());
    let saved = image::open(&target).expect("a PNG").to_rgba8();
    let expected = picture::render(&h.state().state, Chart::Map);
    assert_eq!(
        [saved.width() as usize, saved.height() as usize],
        expected.size
    );
    let same = saved
        .pixels()
        .zip(&expected.pixels)
        .all(|(a, b)| a.0 == b.to_srgba_unmultiplied());
    assert!(same, "the file holds the rendered picture");
    assert_eq!(
        saved.get_pixel(5, 5).0,
        [255, 255, 255, 255],
        "a white page"
    );
}

#[test]
fn the_file_menu_copies_the_views_main_chart() {
    let mut h = harness(Scripted::default());
    h.state_mut().state.apply(Action::SetView(View::Compare));
    h.run();
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_label("Copy comparison as a picture").click();
    h.step();
    let images = copied_images(&h);
    assert_eq!(images.len(), 1);
    assert!(images[0].pixels == picture::render(&h.state().state, Chart::Compare).pixels);
}

#[test]
fn trajectories_with_no_forces_chosen_say_so_instead_of_copying_a_prompt() {
    let mut h = harness(Scripted::default());
    h.state_mut().state.apply(Action::SetView(View::Movement));
    h.run();
    h.get_by_role_and_label(Role::Button, "Copy trajectories as a picture")
        .click();
    h.step();
    assert!(copied_images(&h).is_empty());
    h.run();
    assert!(
        h.query_by_label_contains("No trajectories to picture")
            .is_some()
    );
}
