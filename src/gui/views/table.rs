//! The grade matrix: one row per force, one filled and labelled cell per period, sortable
//! by any column, virtualised so only visible rows are drawn.

use egui::{Align, Vec2};
use egui_extras::{Column, TableBuilder};

use egui::accesskit::Role;

use super::a11y::{self, Place, Rows, node_ui};
use super::shared::{cell_name, paint_marked_cell_ui, source_line_ui};
use crate::core::narrative;
use crate::gui::palette;
use crate::gui::state::{Action, AppState, SortKey};

const ROW_HEIGHT: f32 = 22.0;

fn header_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    (label, full): (&str, &str),
    key: SortKey,
    actions: &mut Vec<Action>,
) {
    let active = state.settings.sort.key == key;
    let response = ui.selectable_label(active, label);
    // Screen readers hear what the button does, and the column's full name ("Sort by SOC
    // inspections 2022-25" over a column headed "SOC 2022-25").
    let name = format!("Sort by {full}");
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
    let columns = periods.len() + 4;
    // The table is a table to assistive technology: its rows and cells carry their roles
    // and places, and each grade cell its name in full.
    let table_place = Place {
        label: Some(&|| format!("Grades: {}", data.area())),
        ..Place::new(Role::Table)
    };
    node_ui(ui, &table_place, |ui| {
        let table_id = ui.unique_id();
        a11y::table_size(ui, table_id, derived.rows.len() + 1, columns);
        let mut table = TableBuilder::new(ui)
            .id_salt("grade_matrix")
            // Rows are told apart by a hairline under each (drawn with the force's name), not
            // by stripes: as legible, and far fewer pixels for a renderer without a GPU.
            .striped(false)
            // Rows take clicks anywhere, but only the force's name is a Tab stop: one per row.
            .sense(egui::Sense::CLICK)
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .column(Column::initial(170.0).at_least(110.0).resizable(true))
            // Cycles ("2021/22") need a wider header than years, the regional
            // inspections ("SOC 2022-25") wider still.
            .columns(
                Column::exact(period_column_width(periods.iter().map(|&p| data.period(p))))
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
                headers_ui(&mut header, state, &mut Rows::new(table_id), actions);
            })
            .body(|body| {
                let mut places = Rows::new(table_id);
                body.rows(ROW_HEIGHT, derived.rows.len(), |mut row| {
                    let r = row.index() + 1;
                    let f = derived.rows[row.index()];
                    let force = data.force(f);
                    let is_selected = derived.selection.contains(&f);
                    row.set_selected(is_selected);
                    row.col(|ui| {
                        places.cell(ui, Role::RowHeader, (r, 0), None, |ui| {
                            force_name_ui(ui, &force.name, is_selected, actions);
                        });
                    });
                    for (c, &p) in periods.iter().enumerate() {
                        let at = (r, c + 1);
                        row.col(|ui| grade_ui(ui, state, (f, p), (&mut places, at), actions));
                    }
                    let at = |c: usize| (r, periods.len() + c);
                    // The text cells are named by their text, for a screen reader.
                    let kind = force.unit.map(|u| u.kind.label());
                    // A unit (ROCU, British Transport Police) says what it is instead.
                    let region = force.region().or(kind).unwrap_or("-");
                    let membership = state.settings.filter.rocu_membership;
                    let rocu = data.latest_rocu(f, periods, membership).unwrap_or("-");
                    row.col(|ui| {
                        text_cell_ui(ui, &mut places, at(1), |ui| movement_ui(ui, derived, f));
                    });
                    for (c, text) in [(2, region), (3, rocu)] {
                        row.col(|ui| {
                            text_cell_ui(ui, &mut places, at(c), |ui| {
                                ui.label(text);
                            });
                        });
                    }
                    if row.response().clicked() {
                        actions.push(Action::Select(Some(force.name.clone())));
                    }
                });
            });
    });
}

/// The header row: a column header per column, each a button that sorts by it.
fn headers_ui(
    header: &mut egui_extras::TableRow<'_, '_>,
    state: &AppState,
    places: &mut Rows,
    actions: &mut Vec<Action>,
) {
    let data = &state.data;
    let fixed = |name: &str, key| (name.to_string(), name.to_string(), key);
    let heads = std::iter::once(fixed("Force", SortKey::Force))
        .chain(state.cached().periods.iter().map(|&p| {
            let period = data.period(p);
            (
                period.short_label(),
                period.to_string(),
                SortKey::Period(period),
            )
        }))
        .chain([
            fixed("Movement", SortKey::Movement),
            fixed("Region", SortKey::Region),
            fixed("ROCU", SortKey::Rocu),
        ]);
    for (c, (label, full, key)) in heads.enumerate() {
        header.col(|ui| {
            places.cell(ui, Role::ColumnHeader, (0, c), None, |ui| {
                header_ui(ui, state, (&label, &full), key, actions);
            });
        });
    }
}

/// A plain cell of a row, drawn only when in sight; named by the text it shows (a label
/// inside), for a screen reader.
fn text_cell_ui(
    ui: &mut egui::Ui,
    places: &mut Rows,
    at: (usize, usize),
    add: impl FnOnce(&mut egui::Ui),
) {
    if ui.is_rect_visible(ui.max_rect()) {
        places.cell(ui, Role::Cell, at, None, add);
    }
}

/// A force's movement: its sign and words, and why where it covers less than every step.
fn movement_ui(ui: &mut egui::Ui, derived: &crate::gui::state::Derived, f: usize) {
    let m = derived.movements[f];
    // The sign is drawn, not a label: the words say it, and a screen reader hears them
    // first.
    let (rect, _) = ui.allocate_exact_size(Vec2::new(10.0, ROW_HEIGHT), egui::Sense::hover());
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        palette::movement_sign(m),
        egui::FontId::proportional(14.0),
        palette::movement(m),
    );
    let (words, note) = &derived.movement_words[f];
    let label = ui.label(words);
    if let Some(note) = note {
        label.on_hover_text(*note);
    }
}

/// The width of the grade columns: room for the widest period's short label.
fn period_column_width(mut periods: impl Iterator<Item = crate::core::Period>) -> f32 {
    let soc = crate::core::Period::SOC_INSPECTIONS;
    let (mut cycle, mut regional) = (false, false);
    for p in periods.by_ref() {
        regional |= p == soc;
        cycle |= p.end.is_some();
    }
    match (regional, cycle) {
        (true, _) => 92.0,
        (false, true) => 76.0,
        _ => 62.0,
    }
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
    (f, p): (usize, crate::core::PeriodIx),
    (places, at): (&mut Rows, (usize, usize)),
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
    let (carried, differs) = (data.carried_over(f, p), data.differs_from_record(f, p));
    // The cell node carries the grade's name in full: "Hampshire, 2017: Good, carried over".
    let says = || cell_name(&name(), status, carried, differs);
    let size = Vec2::new(56.0, ROW_HEIGHT - 2.0);
    let response = places.cell(ui, Role::Cell, at, Some(&says), |ui| {
        paint_marked_cell_ui(ui, status, carried, differs, size)
    });
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
