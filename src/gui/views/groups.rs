//! The "Your groups" window: name a set of forces (a most similar group, a collaboration,
//! neighbours), tick its members, compare it or filter by it, and share the list as a CSV.

use crate::core::ForceRegistry;
use crate::gui::chart::ExportKind;
use crate::gui::state::{Action, AppState, Command, GroupAction};

pub fn groups_window(ctx: &egui::Context, state: &AppState, actions: &mut Vec<Action>) {
    let mut open = state.show_groups;
    egui::Window::new("Your groups")
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| groups_ui(ui, state, actions));
    if open != state.show_groups {
        actions.push(Action::ShowGroups(open));
    }
}

pub fn groups_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    ui.label(
        "Name a set of forces (your most similar group, a collaboration, your neighbours) to \
         compare it with England and Wales and to filter by it. Groups are kept with your \
         settings.",
    );
    new_group_ui(ui, state, actions);
    ui.horizontal(|ui| {
        if ui.button("Open groups file...").clicked() {
            actions.push(Action::Command(Command::OpenGroups));
        }
        let any = !state.settings.groups.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("Save groups file..."))
            .on_hover_text("A CSV of group,force rows, to share with colleagues")
            .clicked()
        {
            actions.push(Action::Command(Command::Export(ExportKind::Groups)));
        }
    });
    ui.separator();
    if state.settings.groups.is_empty() {
        ui.label("No groups yet.");
        return;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for group in &state.settings.groups {
            let n = group.forces.len();
            let title = format!(
                "{} ({n} force{})",
                group.name,
                if n == 1 { "" } else { "s" }
            );
            egui::CollapsingHeader::new(title)
                .id_salt(("group", &group.name))
                .show(ui, |ui| group_ui(ui, state, &group.name, actions));
        }
    });
}

/// The name field and the button that makes a group from the forces selected.
fn new_group_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let id = egui::Id::unique("new_group_name");
    let mut name: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let selected = state.cached().selection.len();
    ui.horizontal(|ui| {
        let label = ui.label("New group's name");
        let edit = ui
            .add(egui::TextEdit::singleline(&mut name).desired_width(200.0))
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let make = ui.add_enabled(!name.trim().is_empty(), egui::Button::new("Make group"));
        if (make.clicked() || entered) && !name.trim().is_empty() {
            actions.push(Action::Group(GroupAction::New(name.trim().to_string())));
            name.clear();
        }
    });
    ui.data_mut(|d| d.insert_temp(id, name));
    ui.weak(if selected == 1 {
        "It starts with the force selected in the table.".to_string()
    } else if selected > 1 {
        format!("It starts with the {selected} forces selected in the table.")
    } else {
        "It starts empty: tick its forces below, or select forces in the table first.".into()
    });
}

/// The 43 forces' names in alphabetical order, to find one by eye.
fn forces_by_name() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = ForceRegistry::builtin()
            .forces()
            .iter()
            .map(|f| f.name.clone())
            .collect();
        names.sort();
        names
    })
}

/// One group: compare it, filter by it, delete it, and tick its members.
fn group_ui(ui: &mut egui::Ui, state: &AppState, name: &str, actions: &mut Vec<Action>) {
    let Some(group) = state.settings.groups.iter().find(|g| g.name == name) else {
        return;
    };
    ui.horizontal(|ui| {
        if ui
            .button("Compare with England and Wales")
            .on_hover_text("Show it beside England and Wales in Compare")
            .clicked()
        {
            actions.push(Action::Group(GroupAction::Compare(name.to_string())));
        }
        let mut filtered = state.settings.filter.groups.iter().any(|g| g.name == name);
        if ui
            .checkbox(&mut filtered, "Show only these forces")
            .changed()
        {
            actions.push(Action::Group(GroupAction::ToggleFilter(name.to_string())));
        }
        if ui.button("Delete group").clicked() {
            actions.push(Action::Group(GroupAction::Delete(name.to_string())));
        }
    });
    // A list to assistive technology: the 43 forces' tick boxes, named as the group's
    // members.
    let list = super::a11y::Place {
        label: Some(&|| format!("Members of {name}")),
        ..super::a11y::Place::new(egui::accesskit::Role::List)
    };
    super::a11y::node_ui(ui, &list, |ui| {
        egui::Grid::new(("members", name))
            .num_columns(3)
            .show(ui, |ui| {
                for (i, force) in forces_by_name().iter().enumerate() {
                    let mut member = group.contains(force);
                    if ui.checkbox(&mut member, force.as_str()).changed() {
                        actions.push(Action::Group(GroupAction::ToggleMember {
                            group: name.to_string(),
                            force: force.clone(),
                        }));
                    }
                    if i % 3 == 2 {
                        ui.end_row();
                    }
                }
            });
    });
}
