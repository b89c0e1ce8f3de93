//! The transition matrix between two chosen periods: from-grade rows, to-grade columns,
//! counts in each cell; unchanged on the diagonal, improved and declined in distinct
//! colours and signs. Clicking a cell filters the table to those forces.

use egui::accesskit::Role;
use egui::{Color32, Vec2};

use crate::core::{Cell, Direction};
use crate::gui::palette;
use crate::gui::state::{Action, AppState};
use crate::gui::views::a11y;
use crate::gui::views::shared::{drawing_picture, movement_legend_ui, note_ui, period_picker_ui};

const CELL: Vec2 = Vec2::new(64.0, 34.0);

/// The fill of a matrix cell: grey on the diagonal, the movement colours off it, fainter
/// for small counts.
fn cell_fill(ui: &egui::Ui, from: Cell, to: Cell, count: usize, max: usize) -> Color32 {
    if count == 0 {
        return ui.visuals().faint_bg_color;
    }
    let base = match Direction::between(from, to) {
        Some(Direction::Improved) => palette::movement(crate::core::Movement::Improved),
        Some(Direction::Declined) => palette::movement(crate::core::Movement::Declined),
        _ => palette::movement(crate::core::Movement::Stable),
    };
    // Opaque, so the label's contrast can be judged against it.
    let strength = 0.35 + 0.65 * (count as f32 / max.max(1) as f32);
    ui.visuals().panel_fill.lerp_to_gamma(base, strength)
}

pub fn transition_matrix_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let data = &state.data;
    let Some((from, to)) = state.change_periods() else {
        ui.label("Needs at least two periods.");
        return;
    };
    if !drawing_picture(ui) {
        ui.horizontal(|ui| {
            ui.spacing_mut().combo_width = 80.0;
            if let Some(p) = period_picker_ui(ui, "From period", from, data.periods()) {
                actions.push(Action::SetChangePeriods(p, to));
            }
            if let Some(p) = period_picker_ui(ui, "To period", to, data.periods()) {
                actions.push(Action::SetChangePeriods(from, p));
            }
        });
    }
    let Some(t) = &state.cached().transition else {
        return;
    };
    if let Some(note) = &state.cached().texts.transition_scale_note {
        ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
    }
    let cells: Vec<Cell> = Cell::ALL
        .into_iter()
        .filter(|&c| Cell::ALL.iter().any(|&o| t.count(c, o) + t.count(o, c) > 0))
        .collect();
    let max = cells
        .iter()
        .flat_map(|&a| cells.iter().map(move |&b| (a, b)))
        .map(|(a, b)| t.count(a, b))
        .max()
        .unwrap_or(0);
    // A table to assistive technology: the earlier grade heads each row, the later one
    // each column.
    let name = || format!("Transitions from {from} (rows) to {to} (columns)");
    let size = (cells.len() + 1, cells.len() + 1);
    a11y::table_ui(ui, &name, size, |ui, table| {
        let mut places = a11y::Rows::new(table);
        egui::Grid::new("transition_matrix")
            .spacing([3.0, 3.0])
            .show(ui, |ui| {
                places.text(ui, Role::ColumnHeader, (0, 0), &format!("{from} \\ {to}"));
                for (c, &b) in cells.iter().enumerate() {
                    let head = format!("{} in {to}", b.label());
                    places.cell(
                        ui,
                        Role::ColumnHeader,
                        (0, c + 1),
                        Some(&|| head.clone()),
                        |ui| {
                            ui.label(b.short()).on_hover_text(&head);
                        },
                    );
                }
                ui.end_row();
                for (r, &a) in cells.iter().enumerate() {
                    let head = format!("{} in {from}", a.label());
                    places.cell(
                        ui,
                        Role::RowHeader,
                        (r + 1, 0),
                        Some(&|| head.clone()),
                        |ui| {
                            ui.label(a.label());
                        },
                    );
                    for (c, &b) in cells.iter().enumerate() {
                        places.cell(ui, Role::Cell, (r + 1, c + 1), None, |ui| {
                            step_ui(ui, state, t, (a, b), (from, to), max, actions);
                        });
                    }
                    ui.end_row();
                }
            });
    });
    movement_legend_ui(ui, "unchanged (diagonal)");
    let texts = &state.cached().texts;
    if let Some(note) = &texts.transition_note {
        ui.label(note);
    }
    note_ui(ui, &texts.transition);
}

/// One cell of the matrix: how many forces moved from `a` to `b`, a button that filters the
/// table to them, and their names on hover.
fn step_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    t: &crate::core::Transitions,
    (a, b): (Cell, Cell),
    (from, to): (crate::core::Period, crate::core::Period),
    max: usize,
    actions: &mut Vec<Action>,
) {
    let forces = t.forces(a, b);
    let n = forces.len();
    let fill = cell_fill(ui, a, b, n, max);
    let sign = match Direction::between(a, b) {
        Some(Direction::Improved) if n > 0 => "+",
        Some(Direction::Declined) if n > 0 => "-",
        _ => "",
    };
    let chosen = state
        .settings
        .filter
        .change
        .as_ref()
        .filter(|c| (c.from, c.to) == (from, to))
        .is_some_and(|c| c.steps.contains(&(a, b)));
    let text = egui::RichText::new(format!("{sign}{n}"))
        .color(if n == 0 {
            ui.visuals().weak_text_color()
        } else {
            palette::text_on(fill)
        })
        .strong();
    let mut button = egui::Button::new(text).fill(fill).min_size(CELL);
    if chosen {
        button = button.stroke(egui::Stroke::new(3.0, ui.visuals().strong_text_color()));
    }
    let name = format!("{} to {}: {n}", a.label(), b.label());
    let response = ui.add_enabled(n > 0, button);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, n > 0, &name));
    let response = response.on_hover_ui(|ui| {
        ui.label(format!(
            "{} in {from}, {} in {to}: {n} forces",
            a.label(),
            b.label()
        ));
        if n > 0 {
            let names = &state.cached().transition_names;
            if let Some(names) = names.get(a.index()).and_then(|r| r.get(b.index())) {
                ui.label(names);
            }
            ui.label(egui::RichText::new("Click to show them in the table").weak());
        }
    });
    if response.clicked() {
        actions.push(Action::FilterStep {
            from,
            to,
            step: (a, b),
        });
    }
}
