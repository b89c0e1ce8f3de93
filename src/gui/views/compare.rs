//! The Compare view: regions, ROCUs or a custom set of forces side by side with England
//! and Wales, period by period: the grade distribution as a 100% bar, share good or better,
//! mean grade score, and how many improved and declined; the same numbers in a table.

use egui::accesskit::Role;
use egui::{Align2, FontId, Sense, Vec2};
use egui_extras::{Column, TableBuilder};

use super::a11y;
use super::shared::{chart_frame_ui, note_ui};
use crate::core::aggregate::CompareRow;
use crate::core::narrative;
use crate::core::narrative::tally_text;
use crate::core::{Cell, RocuMembership};
use crate::gui::chart::Chart;
use crate::gui::palette;
use crate::gui::state::{Action, AppState, CompareBy};

const BAR_HEIGHT: f32 = 22.0;

/// The groups to choose from for the current grouping, by name.
fn choices(state: &AppState) -> impl Iterator<Item = &str> {
    let by = state.settings.compare_by;
    let fixed: &[&'static str] = match by {
        CompareBy::Region => state.data.regions(),
        CompareBy::Rocu => state.data.rocus(state.settings.filter.rocu_membership),
        CompareBy::Groups | CompareBy::Selection | CompareBy::Areas => &[],
    };
    let yours = state
        .settings
        .groups
        .iter()
        .filter(move |_| by == CompareBy::Groups);
    fixed.iter().copied().chain(yours.map(|g| g.name.as_str()))
}

fn signed(v: Option<usize>) -> String {
    v.map_or("-".into(), |n| n.to_string())
}

/// A 100% stacked bar of one group's grades, each segment labelled where it fits.
/// The comparison as bars: per period, each group's share of forces at each grade, with
/// its share good or better, mean score and movement beside it.
pub fn comparison_chart_ui(ui: &mut egui::Ui, state: &AppState) {
    let derived = state.cached();
    let rows = &derived.compare;
    // Room for the group names and the numbers beside the bars.
    let names_and_numbers = 420.0;
    let bar_width = (ui.available_width() - names_and_numbers).max(160.0);
    for &p in &derived.periods {
        let period = state.data.period(p);
        egui::Grid::new(("compare_bars", p))
            .num_columns(5)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.strong(period.to_string());
                ui.label("");
                ui.label("Good or better");
                ui.label("Mean");
                ui.label("+ / -").on_hover_text(
                    "Forces graded better (+) and worse (-) than in the previous period",
                );
                ui.end_row();
                for (i, row) in rows.iter().enumerate().filter(|(_, r)| r.period == period) {
                    ui.label(&row.group);
                    let names = derived.compare_names.get(i).map_or(&[][..], Vec::as_slice);
                    share_bar_ui(ui, row, names, bar_width);
                    ui.label(narrative::share_label(&row.tally));
                    ui.label(narrative::mean_text(row.tally.mean_score()));
                    ui.label(match (row.improved, row.declined) {
                        (Some(i), Some(d)) => format!("+{i}, -{d}"),
                        _ => String::new(),
                    });
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
    }
}

fn share_bar_ui(ui: &mut egui::Ui, row: &CompareRow, names: &[String], width: f32) {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, BAR_HEIGHT), Sense::hover());
    // The bar stands on every force the cycle graded (or may have): those whose grade is
    // not in the record are a segment of their own, never left out of the whole.
    let total = row.tally.total() + row.tally.missing() + row.tally.not_known.len();
    let summary = format!("{} {}: {}", row.group, row.period, tally_text(&row.tally));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    if total == 0 {
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
        return;
    }
    let mut x = rect.left();
    let mut hovered: Option<Cell> = None;
    for cell in Cell::ALL {
        let n = row.tally.count(cell);
        if n == 0 {
            continue;
        }
        let w = width * n as f32 / total as f32;
        let seg = egui::Rect::from_min_size(egui::pos2(x, rect.top()), Vec2::new(w, BAR_HEIGHT));
        let fill = palette::fill(cell);
        ui.painter()
            .rect_filled(seg.shrink2(Vec2::new(0.5, 0.0)), 0.0, fill);
        let label = format!("{} {n}", cell.short());
        if w >= 12.0 + 7.0 * label.len() as f32 {
            ui.painter().text(
                seg.center(),
                Align2::CENTER_CENTER,
                label,
                FontId::proportional(12.0),
                palette::text_on(fill),
            );
        }
        if response.hover_pos().is_some_and(|p| seg.contains(p)) {
            hovered = Some(cell);
        }
        x += w;
    }
    let gaps = [
        ("[x]", "graded, not in the record", row.tally.missing()),
        ("?", "not known whether graded", row.tally.not_known.len()),
    ];
    let mut hovered_gap = None;
    for (mark, words, n) in gaps {
        if n == 0 {
            continue;
        }
        let w = width * n as f32 / total as f32;
        let seg = egui::Rect::from_min_size(egui::pos2(x, rect.top()), Vec2::new(w, BAR_HEIGHT));
        let stroke = egui::Stroke::new(1.0, ui.visuals().weak_text_color());
        ui.painter()
            .rect_stroke(seg.shrink(1.0), 0.0, stroke, egui::StrokeKind::Inside);
        let label = format!("{mark} {n}");
        if w >= 12.0 + 7.0 * label.len() as f32 {
            let colour = ui.visuals().text_color();
            let font = FontId::proportional(12.0);
            ui.painter()
                .text(seg.center(), Align2::CENTER_CENTER, label, font, colour);
        }
        if response.hover_pos().is_some_and(|p| seg.contains(p)) {
            hovered_gap = Some((words, n));
        }
        x += w;
    }
    if let Some((words, n)) = hovered_gap {
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(format!(
                "{} {}: {n} of {total} {words}",
                row.group, row.period
            ));
        });
    } else if let Some(cell) = hovered {
        let forces = &row.tally.forces[cell.index()];
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(format!(
                "{} {}: {} of {total} {} ({:.0}%)",
                row.group,
                row.period,
                forces.len(),
                cell.label(),
                100.0 * forces.len() as f64 / total as f64
            ));
            if let Some(names) = names.get(cell.index()) {
                ui.label(names);
            }
        });
    }
}

pub fn compare_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare");
        for by in CompareBy::ALL {
            // Areas are there to compare only when more than one is loaded.
            if by == CompareBy::Areas && derived.areas.is_empty() {
                continue;
            }
            if ui
                .selectable_label(state.settings.compare_by == by, by.label())
                .clicked()
            {
                actions.push(Action::SetCompareBy(by));
            }
        }
        if state.settings.compare_by != CompareBy::Areas {
            ui.label("with England and Wales as the baseline.");
        }
    });
    match state.settings.compare_by {
        CompareBy::Areas => {
            ui.label(format!(
                "Each area's grades for the {} forces the filters show, in the periods in \
                 range that each area was graded in.",
                derived.rows.len()
            ));
        }
        CompareBy::Selection => {
            if derived.selection.is_empty() {
                ui.label(
                    "No forces selected. Click forces in the table (Ctrl+click for several), or \
                     click a ribbon in Movement.",
                );
            } else {
                ui.label(format!("Selected: {}", derived.selection_names));
            }
        }
        _ => {
            ui.horizontal_wrapped(|ui| {
                ui.label("Groups:");
                for name in choices(state) {
                    let mut on = state.settings.compare_groups.iter().any(|g| g == name);
                    if ui.checkbox(&mut on, name).changed() {
                        actions.push(Action::ToggleCompareGroup(name.to_string()));
                    }
                }
                if state.settings.compare_by == CompareBy::Groups {
                    if state.settings.groups.is_empty() {
                        ui.label("none yet.");
                    }
                    if ui.button("Make and edit groups...").clicked() {
                        actions.push(Action::ShowGroups(true));
                    }
                }
            });
            if state.settings.compare_by == CompareBy::Rocu {
                let rule = match state.settings.filter.rocu_membership {
                    RocuMembership::AtTheTime => "at the time of each grade",
                    RocuMembership::Current => "now",
                };
                note_ui(
                    ui,
                    &format!("ROCU membership: {rule} (change it in the filter panel)."),
                );
            }
        }
    }
    ui.separator();
    let rows = &derived.compare;
    if rows.is_empty() {
        ui.label("No periods in range.");
        return;
    }
    // Both ways: at any window size every label and column can be scrolled to.
    egui::ScrollArea::both()
        .id_salt("compare_scroll")
        .show(ui, |ui| {
            chart_frame_ui(ui, state, Chart::Compare, actions, |ui, _| {
                comparison_chart_ui(ui, state);
            });
            ui.separator();
            ui.strong("The same numbers");
            compare_table_ui(ui, rows, &state.cached().compare_columns);
            note_ui(
                ui,
                &format!(
                    "Mean grade score: {}. Improved and declined count forces whose grade rose \
                     or fell since the previous period in range.",
                    narrative::score_key()
                ),
            );
        });
}

fn compare_table_ui(ui: &mut egui::Ui, rows: &[CompareRow], cells: &[Cell]) {
    let columns = 2 + cells.len() + 4;
    // A table to assistive technology too: a screen reader moves along a group's row and
    // hears each column's header.
    let name = || "The same numbers".to_string();
    a11y::table_ui(ui, &name, (rows.len() + 1, columns), |ui, table| {
        let mut places = a11y::Rows::new(table);
        TableBuilder::new(ui)
            .id_salt("compare_table")
            .striped(true)
            .vscroll(false)
            .column(Column::auto().at_least(150.0))
            .column(Column::auto().at_least(60.0))
            .columns(Column::auto().at_least(34.0), cells.len())
            .columns(Column::auto().at_least(70.0), 4)
            .header(20.0, |mut h| {
                let heads = ["Group", "Period"]
                    .into_iter()
                    .chain(cells.iter().map(|c| c.label()))
                    .chain(["Good or better", "Mean score", "Improved", "Declined"]);
                for (c, title) in heads.enumerate() {
                    // Grade columns are headed by their letter, and named in full.
                    let grade = c.checked_sub(2).and_then(|i| cells.get(i));
                    let full = || title.to_string();
                    let name: Option<&dyn Fn() -> String> = grade.map(|_| &full as _);
                    h.col(|ui| {
                        places.cell(ui, Role::ColumnHeader, (0, c), name, |ui| {
                            ui.strong(grade.map_or(title, |g| g.short()))
                                .on_hover_text(title);
                        });
                    });
                }
            })
            .body(|body| {
                body.rows(20.0, rows.len(), |mut r| {
                    let i = r.index() + 1;
                    let row = &rows[r.index()];
                    r.col(|ui| {
                        places.cell(
                            ui,
                            Role::RowHeader,
                            (i, 0),
                            Some(&|| row.group.clone()),
                            |ui| {
                                // One line: the column grows to the longest name.
                                ui.add(egui::Label::new(&row.group).extend());
                            },
                        );
                    });
                    let texts = [row.period.to_string()]
                        .into_iter()
                        .chain(cells.iter().map(|c| row.tally.count(*c).to_string()))
                        .chain([
                            narrative::good_or_better_text(&row.tally),
                            narrative::mean_text(row.tally.mean_score()),
                            signed(row.improved),
                            signed(row.declined),
                        ]);
                    for (c, text) in texts.enumerate() {
                        r.col(|ui| places.text(ui, Role::Cell, (i, c + 1), &text));
                    }
                });
            });
    });
}
