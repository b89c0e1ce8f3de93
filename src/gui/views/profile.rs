//! The selected force's profile: facts, grades over time, a plain-English summary, its
//! region's and ROCU's forces, and the national picture.

use egui::accesskit::Role;

use super::a11y;
use egui::Vec2;

use super::shared::{grade_cell_ui, note_ui, source_line_ui};
use crate::core::narrative::SourceLine;
use crate::gui::chart::ExportKind;
use crate::gui::state::{Action, AppState, Command};

const CHIP: Vec2 = Vec2::new(40.0, 18.0);
/// Room left for force names beside a grid of chips.
const NAME_WIDTH: f32 = 150.0;
/// The national picture shows at most this many of the latest periods.
const NATIONAL_PERIODS: usize = 8;

/// The latest periods, as many as `fit`; says so when that is not all of them.
fn latest_ui<'p, T>(ui: &mut egui::Ui, all: &'p [T], fit: usize) -> &'p [T] {
    let shown = &all[all.len().saturating_sub(fit.max(1))..];
    if shown.len() < all.len() {
        note_ui(
            ui,
            &format!(
                "The latest {} of {} periods (the table has every one).",
                shown.len(),
                all.len()
            ),
        );
    }
    shown
}

/// A grid of forces × periods with grade chips.
fn peers_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    id: &str,
    forces: &[usize],
    actions: &mut Vec<Action>,
) {
    let data = &state.data;
    // Only the periods that fit beside the names: the panel is narrower than 20 years.
    let fit = ((ui.available_width() - NAME_WIDTH) / (CHIP.x + 6.0)) as usize;
    let periods = latest_ui(ui, &state.cached().periods, fit);
    let selected = state.cached().focus;
    egui::Grid::new(id).spacing([6.0, 3.0]).show(ui, |ui| {
        ui.label("");
        for &p in periods {
            ui.label(data.period(p).to_string());
        }
        ui.end_row();
        for &f in forces {
            let name = &data.force(f).name;
            if ui.selectable_label(selected == Some(f), name).clicked() {
                actions.push(Action::Select(Some(name.clone())));
            }
            for &p in periods {
                let period = data.period(p);
                let carried = data.carried_over(f, p);
                grade_cell_ui(ui, data.status(f, p), carried, CHIP, || {
                    format!("{name}, {period}")
                });
            }
            ui.end_row();
        }
    });
}

/// The force's grade in each period in range, each a chip whose right-click adds or
/// corrects it; and the menu that does the same from the keyboard.
fn grades_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    f: usize,
    periods: &[crate::core::PeriodIx],
    actions: &mut Vec<Action>,
) {
    let data = &state.data;
    let force = data.force(f);
    ui.strong("Grades");
    ui.horizontal_wrapped(|ui| {
        for &p in periods {
            let period = data.period(p);
            // A year and its chip stay together when the row wraps: one box for both.
            let pair = Vec2::new(CHIP.x + 48.0, CHIP.y);
            let layout = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(pair, layout, |ui| {
                ui.label(period.short_label());
                let carried = data.carried_over(f, p);
                let status = data.status(f, p);
                let chip = grade_cell_ui(ui, status, carried, CHIP, || {
                    format!("{}, {period}", force.name)
                });
                let id = ui.scope_id().with(("profile grade", p.get()));
                let click = ui.interact(chip.rect, id, egui::Sense::CLICK);
                let mine = state.my_grade(&force.name, period).is_some();
                let at = (force.name.as_str(), data.area(), period);
                super::shared::grade_menu_ui(&click, status, mine, at, actions);
            });
            ui.add_space(6.0);
        }
    });
    grade_menu_button_ui(ui, state, &force.name, periods, actions);
}

/// The way to My grades' form from the keyboard (a cell's right-click is the mouse's): a
/// menu of the periods in range, each with what the record holds.
fn grade_menu_button_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    force: &str,
    periods: &[crate::core::PeriodIx],
    actions: &mut Vec<Action>,
) {
    let data = &state.data;
    let Some(f) = data.find_force(force) else {
        return;
    };
    ui.menu_button("Add or correct a grade...", |ui| {
        for &p in periods {
            let status = data.status(f, p);
            if status == crate::core::Status::NotAssessed {
                continue;
            }
            let period = data.period(p);
            let text = format!("{period}: {}", status.label());
            if ui.button(text).clicked() {
                let open = crate::gui::state::MineAction::Open {
                    force: force.to_string(),
                    area: data.area().to_string(),
                    period,
                };
                actions.push(open.into());
                ui.close();
            }
        }
    });
}

/// The force's reference facts: official name, region, ROCUs then and now, ONS code.
fn facts_ui(ui: &mut egui::Ui, force: &crate::core::Force) {
    egui::Grid::new("profile_facts")
        .num_columns(2)
        .show(ui, |ui| match force.info {
            Some(info) => {
                ui.label("Official name");
                ui.label(&info.official_name);
                ui.end_row();
                ui.label("Region");
                ui.label(&info.region);
                ui.end_row();
                let rocu = |name: &'static str| {
                    if name.is_empty() {
                        "none (London)"
                    } else {
                        name
                    }
                };
                ui.label("ROCU 2015-2017");
                ui.label(rocu(&info.rocu_then));
                ui.end_row();
                ui.label("ROCU now");
                ui.label(rocu(&info.rocu_now));
                ui.end_row();
                ui.label("ONS code");
                ui.label(&info.ons_code);
                ui.end_row();
            }
            None => {
                ui.label("Reference");
                ui.label("Not one of the 43 forces: no region or ROCU.");
                ui.end_row();
            }
        });
}

pub fn profile_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let Some(profile) = &state.cached().profile else {
        return;
    };
    let data = &state.data;
    let force = data.force(profile.force);
    let periods = &state.cached().periods;
    ui.horizontal(|ui| {
        ui.heading(&force.name);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close profile").clicked() {
                actions.push(Action::ShowProfile(false));
            }
            ui.menu_button("Brief on this force", |ui| {
                for (word, label) in [(true, "Word document..."), (false, "HTML page...")] {
                    if ui.button(label).clicked() {
                        let kind = ExportKind::ForceBrief { word };
                        actions.push(Action::Command(Command::Export(kind)));
                    }
                }
            });
        });
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        facts_ui(ui, force);
        ui.add_space(6.0);
        grades_row_ui(ui, state, profile.force, periods, actions);
        if !profile.sources.is_empty() {
            egui::CollapsingHeader::new(format!("Where the {} grades come from", data.area()))
                .id_salt("profile_sources")
                .default_open(false)
                .show(ui, |ui| sources_ui(ui, &profile.sources));
        }
        if let Some(card) = &profile.scorecard {
            ui.add_space(6.0);
            scorecard_ui(ui, state, &force.name, card, actions);
        }
        ui.add_space(6.0);
        ui.strong("Summary");
        ui.label(&profile.summary);

        if let Some((rocu, peers)) = &profile.rocu {
            ui.add_space(6.0);
            egui::CollapsingHeader::new(format!("ROCU: {rocu} ({} forces)", peers.len()))
                .default_open(true)
                .show(ui, |ui| peers_ui(ui, state, "rocu_peers", peers, actions));
        }
        if let Some((region, peers)) = &profile.region {
            egui::CollapsingHeader::new(format!("Region: {region} ({} forces)", peers.len()))
                .default_open(profile.rocu.is_none())
                .show(ui, |ui| peers_ui(ui, state, "region_peers", peers, actions));
        }
        egui::CollapsingHeader::new("England and Wales")
            .default_open(true)
            .show(ui, |ui| {
                let cells = &profile.national_columns;
                let national = latest_ui(ui, &profile.national, NATIONAL_PERIODS);
                egui::Grid::new("national")
                    .spacing([8.0, 3.0])
                    .show(ui, |ui| {
                        ui.label("");
                        for c in cells {
                            ui.label(c.short());
                        }
                        ui.label("Good or better");
                        ui.end_row();
                        for row in national {
                            ui.label(row.period.to_string());
                            for c in cells {
                                ui.label(row.tally.count(*c).to_string());
                            }
                            ui.label(format!(
                                "{} of {}",
                                row.tally.good_or_better(),
                                row.tally.graded()
                            ));
                            ui.end_row();
                        }
                    });
            });
    });
}

/// Each period's grade and the pages it was read on, each address a link.
fn sources_ui(ui: &mut egui::Ui, sources: &[(crate::core::Period, String, Vec<SourceLine>)]) {
    for (period, grade, lines) in sources {
        ui.label(egui::RichText::new(format!("{period}: {grade}")).strong());
        for line in lines {
            source_line_ui(ui, line);
        }
    }
}

/// The force's grades in every area: areas down, periods across. Clicking a grade shows
/// that area in every view.
fn scorecard_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    name: &str,
    card: &crate::gui::state::Scorecard,
    actions: &mut Vec<Action>,
) {
    ui.strong("Scorecard");
    let size = (card.rows.len() + 1, card.periods.len() + 1);
    let title = || format!("Scorecard of {name}");
    egui::ScrollArea::horizontal()
        .id_salt("scorecard_scroll")
        .show(ui, |ui| {
            // A table to assistive technology: areas head the rows, periods the columns.
            a11y::table_ui(ui, &title, size, |ui, table| {
                let mut places = a11y::Rows::new(table);
                egui::Grid::new("scorecard")
                    .striped(true)
                    .spacing([6.0, 3.0])
                    .show(ui, |ui| {
                        places.text(ui, Role::ColumnHeader, (0, 0), "Area");
                        for (c, p) in card.periods.iter().enumerate() {
                            places.text(ui, Role::ColumnHeader, (0, c + 1), &p.short_label());
                        }
                        ui.end_row();
                        for (r, (area, cells)) in card.rows.iter().enumerate() {
                            let shown = area == state.data.area();
                            places.cell(
                                ui,
                                Role::RowHeader,
                                (r + 1, 0),
                                Some(&|| area.clone()),
                                |ui| {
                                    let text = egui::RichText::new(area);
                                    ui.label(if shown { text.strong() } else { text });
                                },
                            );
                            for (c, (&period, &cell)) in card.periods.iter().zip(cells).enumerate()
                            {
                                places.cell(ui, Role::Cell, (r + 1, c + 1), None, |ui| {
                                    let at = (name, area.as_str(), period);
                                    scorecard_cell_ui(ui, state, at, cell, shown, actions);
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
        });
}

/// One grade of the scorecard: a click on another area's grade shows that area; a
/// right-click, here as on any cell, adds or corrects a grade.
fn scorecard_cell_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    (name, area, period): (&str, &str, crate::core::Period),
    (cell, carried): crate::gui::state::derived::ScoreCell,
    shown: bool,
    actions: &mut Vec<Action>,
) {
    let response = grade_cell_ui(ui, cell, carried, CHIP, || {
        format!("{name}, {area}, {period}")
    });
    let mine = state.mine.grades.find(name, period, area).is_some();
    let click = if cell.grade().is_some() && !shown {
        let id = ui.scope_id().with(("scorecard", area, period));
        let click = ui.interact(response.rect, id, egui::Sense::click());
        let says = format!("{name}, {area}, {period}: show {area}");
        click.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &says));
        let click = click.on_hover_text(&says);
        if click.clicked() {
            actions.push(Action::SetArea(area.to_string()));
        }
        click
    } else {
        let id = ui.scope_id().with(("scorecard cell", area, period));
        ui.interact(response.rect, id, egui::Sense::CLICK)
    };
    super::shared::grade_menu_ui(&click, cell, mine, (name, area, period), actions);
}
