//! The form that puts a grade into My grades, or corrects one: the grade (on that cycle's
//! scale), carried over or not, the address of the page that states it (required) and a
//! note. What is refused is said in the form, with the reason.

use crate::core::{Cell, Grade};
use crate::gui::state::{Action, AppState, GradeForm, MineAction};

pub fn grade_form_window(ctx: &egui::Context, state: &AppState, actions: &mut Vec<Action>) {
    let Some(form) = &state.mine.form else {
        return;
    };
    let title = if form.correcting {
        "Correct a grade"
    } else {
        "Add a grade"
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| grade_form_ui(ui, form, actions));
    if !open {
        actions.push(MineAction::Cancel.into());
    }
}

pub fn grade_form_ui(ui: &mut egui::Ui, form: &GradeForm, actions: &mut Vec<Action>) {
    ui.label(format!("{}, {}, {}", form.unit, form.area, form.period));
    ui.weak(
        "Your grade goes into My grades, kept on this computer and shown beside the \
         published record as yours. Give the page that states it.",
    );
    ui.add_space(4.0);
    egui::Grid::new("grade_form")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Grade");
            ui.horizontal_wrapped(|ui| {
                for cell in choices(form) {
                    let on = form.grade == Some(cell);
                    if ui.selectable_label(on, cell.label()).clicked() {
                        actions.push(MineAction::SetGrade(cell).into());
                    }
                }
            });
            ui.end_row();
            ui.label("");
            let mut carried = form.carried_over;
            if ui
                .checkbox(&mut carried, "Carried over from an earlier inspection")
                .changed()
            {
                actions.push(MineAction::SetCarried(carried).into());
            }
            ui.end_row();
            text_row_ui(
                ui,
                "Page that states it",
                "https://...",
                &form.source,
                MineAction::SetSource,
                actions,
            );
            text_row_ui(
                ui,
                "Note (optional)",
                "",
                &form.note,
                MineAction::SetNote,
                actions,
            );
        });
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.horizontal(|ui| {
        if ui.button("Save to My grades").clicked() {
            actions.push(MineAction::Save.into());
        }
        if ui.button("Cancel").clicked() {
            actions.push(MineAction::Cancel.into());
        }
        if form.mine && ui.button("Remove my grade").clicked() {
            actions.push(MineAction::Remove.into());
        }
    });
}

/// A labelled single-line text field whose edits become actions.
fn text_row_ui(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    value: &str,
    action: impl FnOnce(String) -> MineAction,
    actions: &mut Vec<Action>,
) {
    let label = ui.label(label);
    let mut text = value.to_string();
    let edit = egui::TextEdit::singleline(&mut text)
        .hint_text(hint)
        .desired_width(320.0);
    if ui.add(edit).labelled_by(label.id).changed() {
        actions.push(action(text).into());
    }
    ui.end_row();
}

/// The grades the cycle's scale has (Adequate from 2021/22), and "not graded".
fn choices(form: &GradeForm) -> Vec<Cell> {
    let adequate = form.period.is_five_grade_era();
    let mut out: Vec<Cell> = Grade::scale(adequate)
        .into_iter()
        .map(Cell::Graded)
        .collect();
    out.push(Cell::NotGraded);
    out
}
