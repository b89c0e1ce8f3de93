//! The filter panel: every filter of the core, with live counts beside each choice.

use std::collections::BTreeMap;

use crate::core::{Cell, Direction, Grade, Movement, Period, RocuMembership};
use crate::gui::state::{Action, AppState};

/// A checkbox "Name (count)" that emits `action` when toggled.
fn choice_ui(
    ui: &mut egui::Ui,
    on: bool,
    name: &str,
    count: usize,
    action: Action,
    actions: &mut Vec<Action>,
) {
    let mut checked = on;
    let text = format!("{name} ({count})");
    let text = if count == 0 && !on {
        egui::RichText::new(text).weak()
    } else {
        egui::RichText::new(text)
    };
    if ui.checkbox(&mut checked, text).changed() {
        actions.push(action);
    }
}

fn count(counts: &BTreeMap<String, usize>, key: &str) -> usize {
    counts.get(key).copied().unwrap_or(0)
}

fn period_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    current: Option<Period>,
    periods: &[Period],
    none_label: &str,
) -> Option<Option<Period>> {
    let mut chosen = current;
    egui::ComboBox::from_label(label)
        .selected_text(current.map_or(none_label.to_string(), |p| p.to_string()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, none_label);
            for &p in periods {
                ui.selectable_value(&mut chosen, Some(p), p.to_string());
            }
        });
    (chosen != current).then_some(chosen)
}

pub fn filters_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.filter;
    let counts = &state.cached().counts;
    let data = &state.data;
    let periods = data.periods();
    ui.horizontal(|ui| {
        ui.heading("Filters");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let clear = ui.add_enabled(!filter.is_empty(), egui::Button::new("Clear all"));
            if clear.clicked() {
                actions.push(Action::ClearAll);
            }
        });
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        let label = ui.label("Search forces");
        let mut text = filter.search.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("Name, official name or ONS code")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if edit.changed() {
            actions.push(Action::SetSearch(text));
        }

        ui.add_space(6.0);
        egui::CollapsingHeader::new("Region")
            .default_open(true)
            .show(ui, |ui| {
                for &r in data.regions() {
                    choice_ui(
                        ui,
                        filter.regions.contains(r),
                        r,
                        count(&counts.regions, r),
                        Action::ToggleRegion(r.into()),
                        actions,
                    );
                }
            });

        egui::CollapsingHeader::new("Grade")
            .default_open(true)
            .show(ui, |ui| {
                let Some(period) = state.grade_period() else {
                    ui.label("No periods loaded.");
                    return;
                };
                let mut chosen = period;
                egui::ComboBox::from_label("Graded in")
                    .selected_text(period.to_string())
                    .show_ui(ui, |ui| {
                        for &p in periods {
                            ui.selectable_value(&mut chosen, p, p.to_string());
                        }
                    });
                if chosen != period {
                    actions.push(Action::SetGradePeriod(chosen));
                }
                let condition = filter.grades.iter().find(|g| g.period == period);
                for cell in Cell::ALL {
                    let n = counts.grades.get(&cell).copied().unwrap_or(0);
                    let on = condition.is_some_and(|c| c.cells.contains(&cell));
                    let optional = match cell {
                        Cell::Graded(Grade::Adequate) => {
                            !crate::core::aggregate::shows_adequate(period, n > 0)
                        }
                        Cell::NotGraded => n == 0 && !period.is_five_grade_era(),
                        Cell::Graded(_) => false,
                    };
                    if optional && !on {
                        continue;
                    }
                    choice_ui(
                        ui,
                        on,
                        cell.label(),
                        n,
                        Action::ToggleGrade(period, cell),
                        actions,
                    );
                }
            });

        egui::CollapsingHeader::new("Change")
            .default_open(true)
            .show(ui, |ui| {
                let Some((from, to)) = state.change_periods() else {
                    ui.label("Needs two periods.");
                    return;
                };
                let pick = |ui: &mut egui::Ui, label: &str, current: Period| {
                    let mut chosen = current;
                    egui::ComboBox::from_label(label)
                        .selected_text(current.to_string())
                        .show_ui(ui, |ui| {
                            for &p in periods {
                                ui.selectable_value(&mut chosen, p, p.to_string());
                            }
                        });
                    chosen
                };
                let new_from = pick(ui, "Change from", from);
                let new_to = pick(ui, "Change to", to);
                if (new_from, new_to) != (from, to) {
                    actions.push(Action::SetChangePeriods(new_from, new_to));
                }
                let active = filter
                    .change
                    .as_ref()
                    .filter(|c| (c.from, c.to) == (from, to));
                for d in Direction::ALL {
                    let n = counts.changes.get(&d).copied().unwrap_or(0);
                    let on = active.is_some_and(|c| c.directions.contains(&d));
                    choice_ui(
                        ui,
                        on,
                        &format!("{} {from} to {to}", d.label()),
                        n,
                        Action::ToggleDirection(d),
                        actions,
                    );
                }
            });

        egui::CollapsingHeader::new("Movement")
            .default_open(true)
            .show(ui, |ui| {
                for m in Movement::ALL {
                    let n = counts.movements.get(&m).copied().unwrap_or(0);
                    if m == Movement::Insufficient && n == 0 && !filter.movements.contains(&m) {
                        continue;
                    }
                    choice_ui(
                        ui,
                        filter.movements.contains(&m),
                        m.label(),
                        n,
                        Action::ToggleMovement(m),
                        actions,
                    );
                }
                ui.label(
                    egui::RichText::new("Across the periods in range. See About for definitions.")
                        .weak()
                        .small(),
                );
            });
        egui::CollapsingHeader::new("ROCU")
            .default_open(true)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let m = filter.rocu_membership;
                    if ui
                        .radio(m == RocuMembership::AtTheTime, "At the time")
                        .on_hover_text("The ROCU each force belonged to when it was graded")
                        .clicked()
                    {
                        actions.push(Action::SetMembership(RocuMembership::AtTheTime));
                    }
                    if ui
                        .radio(m == RocuMembership::Current, "Now")
                        .on_hover_text("The ROCU each force belongs to today, for every year")
                        .clicked()
                    {
                        actions.push(Action::SetMembership(RocuMembership::Current));
                    }
                });
                for &r in data.rocus(filter.rocu_membership) {
                    choice_ui(
                        ui,
                        filter.rocus.contains(r),
                        r,
                        count(&counts.rocus, r),
                        Action::ToggleRocu(r.into()),
                        actions,
                    );
                }
                ui.label(
                    egui::RichText::new("London forces have no ROCU.")
                        .weak()
                        .small(),
                );
            });

        egui::CollapsingHeader::new("Country")
            .default_open(true)
            .show(ui, |ui| {
                for &c in data.countries() {
                    choice_ui(
                        ui,
                        filter.countries.contains(c),
                        c,
                        count(&counts.countries, c),
                        Action::ToggleCountry(c.into()),
                        actions,
                    );
                }
            });

        ui.add_space(6.0);
        ui.strong("Periods");
        if let Some(since) = period_combo_ui(ui, "From", filter.since, periods, "First") {
            actions.push(Action::SetSince(since));
        }
        if let Some(until) = period_combo_ui(ui, "To", filter.until, periods, "Last") {
            actions.push(Action::SetUntil(until));
        }
    });
}
