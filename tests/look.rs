use egui_kittest::Harness;
use peel_explorer::gui::state::{Action, ThemeChoice, View};
use peel_explorer::gui::{AppState, PeelApp};

fn shot(name: &str, size: [f32; 2], theme: ThemeChoice, setup: impl FnOnce(&mut AppState)) {
    let mut state = AppState::default();
    state.apply(Action::SetTheme(theme));
    setup(&mut state);
    let mut h = Harness::builder()
        .with_size(size)
        .with_theme(if theme == ThemeChoice::Dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .wgpu()
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    let img = h.render().unwrap();
    img.save(format!("/tmp/look_{name}.png")).unwrap();
}

#[test]
fn look() {
    for (v, n) in [
        (View::Table, "table"),
        (View::Movement, "movement"),
        (View::Compare, "compare"),
        (View::Map, "map"),
    ] {
        shot(
            &format!("{n}_1280"),
            [1280.0, 720.0],
            ThemeChoice::Light,
            |s| {
                s.apply(Action::SetView(v));
                s.apply(Action::ToggleCompareGroup("South West".into()));
                s.apply(Action::SelectMany(vec![
                    "Gloucestershire".into(),
                    "Kent".into(),
                ]));
            },
        );
    }
    shot("compare_dark", [1280.0, 720.0], ThemeChoice::Dark, |s| {
        s.apply(Action::SetView(View::Compare));
        s.apply(Action::ToggleCompareGroup("South West".into()));
    });
    shot("min_table", [800.0, 500.0], ThemeChoice::Light, |s| {
        s.apply(Action::Select(Some("Kent".into())));
    });
    shot("min_movement", [800.0, 500.0], ThemeChoice::Dark, |s| {
        s.apply(Action::SetView(View::Movement));
        s.apply(Action::SelectMany(vec![
            "Gloucestershire".into(),
            "Kent".into(),
        ]));
        s.apply(Action::ToggleRegion("Wales".into()));
    });
    shot("narrow", [680.0, 500.0], ThemeChoice::Light, |s| {
        s.apply(Action::SetView(View::Compare));
    });
}

#[test]
fn where_is_map() {
    use egui_kittest::kittest::{NodeT, Queryable};
    let state = AppState::default();
    let mut h = Harness::builder()
        .with_size([680.0, 500.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    for n in h.get_all_by_label("Map") {
        eprintln!("MAP {:?} {:?}", n.rect(), n.accesskit_node().role());
    }
    for n in h.get_all_by_label("About") {
        eprintln!("ABOUT {:?}", n.rect());
    }
}

#[test]
fn where_is_map2() {
    use egui_kittest::kittest::{NodeT, Queryable};
    for w in [680.0, 800.0, 1024.0, 1280.0] {
        for view in ["Table", "Movement", "Compare", "Map"] {
            let state = AppState::default();
            let mut h = Harness::builder()
                .with_size([w, 560.0])
                .build_eframe(|_cc| PeelApp::with_state(state));
            h.run();
            h.get_by_role_and_label(egui::accesskit::Role::Button, view)
                .click();
            h.run();
            let nodes: Vec<_> = [
                egui::accesskit::Role::Button,
                egui::accesskit::Role::ComboBox,
                egui::accesskit::Role::CheckBox,
            ]
            .iter()
            .flat_map(|r| {
                h.query_all_by_role(*r)
                    .map(|n| (n.rect(), format!("{:?}", n.accesskit_node().label())))
            })
            .collect();
            for (i, a) in nodes.iter().enumerate() {
                for b in &nodes[i + 1..] {
                    let x = a.0.intersect(b.0);
                    if x.width() > 1.0
                        && x.height() > 1.0
                        && !a.0.contains_rect(b.0)
                        && !b.0.contains_rect(a.0)
                    {
                        eprintln!(
                            "OVERLAP w={w} {view} {:?} {:?} / {:?} {:?}",
                            a.1, a.0, b.1, b.0
                        );
                    }
                }
            }
        }
    }
}
