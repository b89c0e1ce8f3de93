//! The grade matrix: one row per force, one filled and labelled cell per period, sortable
//! by any column, virtualised so only visible rows are drawn.

use egui::{Align, Vec2};
use egui_extras::{Column, TableBuilder};

use super::shared::{marked_grade_cell_ui, source_line_ui};
use crate::core::narrative;
use crate::gui::palette;
use crate::gui::state::{Action, AppState, SortKey};

const ROW_HEIGHT: f32 = 22.0;

fn header_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    label: &str,
    key: SortKey,
    actions: &mut Vec<Action>,
) {
    let active = state.settings.sort.key == key;
    let response = ui.selectable_label(active, label);
    // Screen readers hear what the button does, not just the column name.
    let name = format!("Sort by {label}");
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, active, &name));
    if response.on_hover_text(&name).clicked() {
        actions.push(Action::SortBy(key));
    }
    if active {
        sort_arrow_ui(ui, state.settings.sort.descending);
    }
}

/// A small triangle: up for ascending, down for descending. Drawn, not a glyph, so it
/// shows whatever fonts the system has.
fn sort_arrow_ui(ui: &mut egui::Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), egui::Sense::hover());
    let c = rect.center();
    let (tip, base) = if descending { (4.0, -4.0) } else { (-4.0, 4.0) };
    let points = vec![
        egui::pos2(c.x, c.y + tip),
        egui::pos2(c.x - 4.0, c.y + base),
        egui::pos2(c.x + 4.0, c.y + base),
    ];
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

pub fn table_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    let data = &state.data;
    if derived.rows.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            if data.forces().is_empty() {
                ui.label("No data is loaded. Open Sources to switch on the built-in Figure 7 data or load a file.");
            } else {
                ui.label("No force matches these filters.");
            }
        });
        return;
    }

    if derived.any_carried {
        super::shared::note_ui(
            ui,
            "* A grade carried over from an earlier inspection, not given afresh.",
        );
    }
    if !derived.absence_key.is_empty() {
        super::shared::note_ui(ui, &format!("Empty cells: {}.", derived.absence_key));
    }
    // Narrow windows scroll sideways rather than hide the grade columns.
    egui::ScrollArea::horizontal()
        .id_salt("grade_matrix_h")
        .show(ui, |ui| matrix_ui(ui, state, actions));
}

fn matrix_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    let data = &state.data;
    let periods = &derived.periods;
    let selected = state.cached().focus;
    // Text too long for its column ends in "…" rather than being cut off by a clip
    // rectangle: one clip for the whole table lets the renderer draw it in a few calls.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let mut table = TableBuilder::new(ui)
        .id_salt("grade_matrix")
        // Rows are told apart by a hairline under each (drawn with the force's name), not
        // by stripes: as legible, and far fewer pixels for a renderer without a GPU.
        .striped(false)
        // Rows take clicks anywhere, but only the force's name is a Tab stop: one per row.
        .sense(egui::Sense::CLICK)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(170.0).at_least(110.0).resizable(true))
        // Cycles ("2021/22") need a wider header than years.
        .columns(
            Column::exact(if periods.iter().any(|&p| data.period(p).end.is_some()) {
                76.0
            } else {
                62.0
            })
            // The grade cell is drawn to fit; no clip rectangle needed.
            .clip(false),
            periods.len(),
        )
        .column(Column::initial(150.0).at_least(90.0).resizable(true))
        .column(Column::initial(150.0).at_least(70.0).resizable(true))
        .column(Column::remainder().at_least(80.0));
    if state.scroll_to_selected
        && let Some(pos) = selected.and_then(|f| derived.rows.iter().position(|&r| r == f))
    {
        table = table.scroll_to_row(pos, Some(Align::Center));
    }
    table
        .header(ROW_HEIGHT + 4.0, |mut header| {
            header.col(|ui| header_ui(ui, state, "Force", SortKey::Force, actions));
            for &p in periods {
                let period = data.period(p);
                header.col(|ui| {
                    header_ui(
                        ui,
                        state,
                        &period.to_string(),
                        SortKey::Period(period),
                        actions,
                    )
                });
            }
            header.col(|ui| header_ui(ui, state, "Movement", SortKey::Movement, actions));
            header.col(|ui| header_ui(ui, state, "Region", SortKey::Region, actions));
            header.col(|ui| header_ui(ui, state, "ROCU", SortKey::Rocu, actions));
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, derived.rows.len(), |mut row| {
                let f = derived.rows[row.index()];
                let force = data.force(f);
                let is_selected = derived.selection.contains(&f);
                row.set_selected(is_selected);
                row.col(|ui| force_name_ui(ui, &force.name, is_selected, actions));
                for &p in periods {
                    row.col(|ui| grade_ui(ui, state, f, p, actions));
                }
                row.col(|ui| {
                    if !ui.is_rect_visible(ui.max_rect()) {
                        return;
                    }
                    let m = derived.movements[f];
                    let sign = palette::movement_sign(m);
                    ui.label(
                        egui::RichText::new(sign)
                            .strong()
                            .color(palette::movement(m)),
                    );
                    let (words, note) = &derived.movement_words[f];
                    let label = ui.label(words);
                    if let Some(note) = note {
                        label.on_hover_text(*note);
                    }
                });
                row.col(|ui| {
                    if ui.is_rect_visible(ui.max_rect()) {
                        // A unit (ROCU, British Transport Police) says what it is instead.
                        let kind = force.unit.map(|u| u.kind.label());
                        ui.label(force.region().or(kind).unwrap_or("-"));
                    }
                });
                row.col(|ui| {
                    if !ui.is_rect_visible(ui.max_rect()) {
                        return;
                    }
                    let rocu = data.latest_rocu(f, periods, state.settings.filter.rocu_membership);
                    ui.label(rocu.unwrap_or("-"));
                });
                if row.response().clicked() {
                    actions.push(Action::Select(Some(force.name.clone())));
                }
            });
        });
}

/// A force's name in its row: a hairline under the row, and a click selects it (Ctrl+click
/// adds it to the selection).
fn force_name_ui(ui: &mut egui::Ui, name: &str, is_selected: bool, actions: &mut Vec<Action>) {
    let cell = ui.max_rect();
    let y = cell.bottom() + ui.spacing().item_spacing.y / 2.0;
    ui.painter().hline(
        cell.left()..=ui.clip_rect().right(),
        y,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    let response = ui
        .selectable_label(is_selected, name)
        .on_hover_text("Click to select; Ctrl+click to add to the selection");
    if response.clicked() {
        if ui.input(|i| i.modifiers.command) {
            actions.push(Action::ToggleSelect(name.to_string()));
        } else {
            actions.push(Action::Select(Some(name.to_string())));
        }
    }
}

/// One grade, marked where carried over or where it differs from the published record;
/// hovering it says where it comes from (or why there is none); a click selects its force
/// as a click on the row does, and a right-click adds or corrects the grade.
fn grade_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    f: usize,
    p: crate::core::PeriodIx,
    actions: &mut Vec<Action>,
) {
    // Columns scrolled out of sight cost nothing.
    if !ui.is_rect_visible(ui.max_rect()) {
        return;
    }
    let data = &state.data;
    let period = data.period(p);
    let status = data.status(f, p);
    let name = || format!("{}, {period}", data.force(f).name);
    let response = marked_grade_cell_ui(
        ui,
        status,
        data.carried_over(f, p),
        data.differs_from_record(f, p),
        Vec2::new(56.0, ROW_HEIGHT - 2.0),
        name,
    );
    let force = &data.force(f).name;
    let mine = state.my_grade(force, period);
    let rect = response.rect;
    let id = ui.scope_id().with(("grade cell", f, p.get()));
    // The click lies over the cell: hover it, too. It takes clicks but is no Tab stop:
    // a row is one stop (its name).
    let click = ui.interact(rect, id, egui::Sense::CLICK).on_hover_ui(|ui| {
        ui.label(format!(
            "{}: {}",
            name(),
            narrative::status_words(status, period)
        ));
        match mine {
            Some(g) => {
                ui.label(g.entered_line());
            }
            None => {
                if let Some(provenance) = data.provenance(f, p) {
                    for line in narrative::provenance_lines(&provenance) {
                        source_line_ui(ui, &line);
                    }
                }
            }
        }
        if status != crate::core::Status::NotAssessed {
            ui.weak("Right-click to add or correct this grade in My grades.");
        }
    });
    if click.clicked() {
        if ui.input(|i| i.modifiers.command) {
            actions.push(Action::ToggleSelect(force.clone()));
        } else {
            actions.push(Action::Select(Some(force.clone())));
        }
    }
    let at = (force.as_str(), data.area(), period);
    super::shared::grade_menu_ui(&click, status, mine.is_some(), at, actions);
}
