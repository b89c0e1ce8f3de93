//! The filter panel: every filter of the core, with live counts beside each choice.

use std::collections::BTreeMap;

use super::shared::{note_ui, optional_period_picker_ui, period_picker_ui};
use crate::core::{Cell, Direction, Movement, MovementRule, RocuMembership};
use crate::gui::state::{Action, AppState, GroupAction};

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

/// The user's own groups: a force in any group ticked passes.
fn groups_section_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.settings.filter;
    let counts = &state.cached().counts;
    for group in &state.settings.groups {
        choice_ui(
            ui,
            filter.groups.iter().any(|g| g.name == group.name),
            &group.name,
            count(&counts.groups, &group.name),
            Action::Group(GroupAction::ToggleFilter(group.name.clone())),
            actions,
        );
    }
    if ui.button("Make and edit groups...").clicked() {
        actions.push(Action::ShowGroups(true));
    }
}

pub fn filters_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.settings.filter;
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
            .show(ui, |ui| grade_section_ui(ui, state, actions));

        egui::CollapsingHeader::new("Change")
            .default_open(true)
            .show(ui, |ui| change_section_ui(ui, state, actions));

        egui::CollapsingHeader::new("Movement")
            .default_open(true)
            .show(ui, |ui| movement_section_ui(ui, state, actions));
        egui::CollapsingHeader::new("ROCU")
            .default_open(true)
            .show(ui, |ui| rocu_section_ui(ui, state, actions));

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
        egui::CollapsingHeader::new("Your groups")
            .default_open(true)
            .show(ui, |ui| groups_section_ui(ui, state, actions));

        ui.add_space(6.0);
        ui.strong("Periods");
        if let Some(since) =
            optional_period_picker_ui(ui, "From", filter.since, periods, Some("First"))
        {
            actions.push(Action::SetSince(since));
        }
        if let Some(until) =
            optional_period_picker_ui(ui, "To", filter.until, periods, Some("Last"))
        {
            actions.push(Action::SetUntil(until));
        }
    });
}

/// The grade choices for the chosen period, with the period's picker.
fn grade_section_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.settings.filter;
    let counts = &state.cached().counts;
    let periods = state.data.periods();
    let Some(period) = state.grade_period() else {
        ui.label("No periods loaded.");
        return;
    };
    if let Some(chosen) = period_picker_ui(ui, "Graded in", period, periods) {
        actions.push(Action::SetGradePeriod(chosen));
    }
    let condition = filter.grades.iter().find(|g| g.period == period);
    let ticked = |cell: Cell| condition.is_some_and(|c| c.cells.contains(&cell));
    for cell in &state.cached().grade_choices {
        let cell = *cell;
        let n = counts.grades.get(&cell).copied().unwrap_or(0);
        let on = ticked(cell);
        choice_ui(
            ui,
            on,
            cell.label(),
            n,
            Action::ToggleGrade(period, cell),
            actions,
        );
    }
    // The to-do list in the window: forces with a grade the inspectorate gave, in range,
    // that the record lacks (what `peel-explorer gaps` lists).
    let mut gaps = filter.not_in_record;
    if ui
        .checkbox(&mut gaps, "Only forces with a grade not in the record [x]")
        .on_hover_text(
            "Forces a cycle in range graded whose grade is not in the record: right-click a \
             gap to add a grade you know",
        )
        .changed()
    {
        actions.push(Action::SetGapsOnly(gaps));
    }
}

/// How grades changed between two chosen periods.
fn change_section_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.settings.filter;
    let counts = &state.cached().counts;
    let periods = state.data.periods();
    let Some((from, to)) = state.change_periods() else {
        ui.label("Needs two periods.");
        return;
    };
    let new_from = period_picker_ui(ui, "Change from", from, periods).unwrap_or(from);
    let new_to = period_picker_ui(ui, "Change to", to, periods).unwrap_or(to);
    if (new_from, new_to) != (from, to) {
        actions.push(Action::SetChangePeriods(new_from, new_to));
    }
    let active = filter
        .change
        .as_ref()
        .filter(|c| (c.from, c.to) == (from, to));
    // Short labels: the panel is narrow ("Improved 2021/22 to SOC 2022-25").
    let (a, b) = (from.short_label(), to.short_label());
    for d in Direction::ALL {
        let n = counts.changes.get(&d).copied().unwrap_or(0);
        let on = active.is_some_and(|c| c.directions.contains(&d));
        choice_ui(
            ui,
            on,
            &format!("{} {a} to {b}", d.label()),
            n,
            Action::ToggleDirection(d),
            actions,
        );
    }
}

/// Movement across the periods in range, and how it is read.
fn movement_section_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.settings.filter;
    let counts = &state.cached().counts;
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
    note_ui(
        ui,
        "Across the periods in range. See About for definitions.",
    );
    let derived = state.cached();
    let rule = filter.movement_rule;
    if derived.scale_break.is_some() {
        let mut across = rule.across_scale_change;
        if ui
            .checkbox(&mut across, "Count steps across the 2021/22 scale change")
            .on_hover_text("Grades either side of the change are not directly comparable")
            .changed()
        {
            actions.push(Action::SetMovementRule(MovementRule {
                across_scale_change: across,
                ..rule
            }));
        }
    }
    if derived.any_carried {
        let mut skip = rule.skip_carried_over;
        if ui
            .checkbox(&mut skip, "Leave out carried-over grades")
            .changed()
        {
            actions.push(Action::SetMovementRule(MovementRule {
                skip_carried_over: skip,
                ..rule
            }));
        }
    }
}

/// The ROCUs, at the time or now.
fn rocu_section_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let filter = &state.settings.filter;
    let counts = &state.cached().counts;
    let data = &state.data;
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
    note_ui(ui, "London forces have no ROCU.");
}
