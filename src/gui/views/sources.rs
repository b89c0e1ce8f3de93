//! The Sources window: what is loaded, warnings, and the problems of a rejected file.

use crate::core::import::BUILTIN_NAME;
use crate::gui::state::{Action, AppState, Command, PathPrompt};

pub fn sources_window(ctx: &egui::Context, state: &AppState, actions: &mut Vec<Action>) {
    let mut open = state.show_sources;
    egui::Window::new("Sources")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| sources_ui(ui, state, actions));
    if open != state.show_sources {
        actions.push(Action::ShowSources(open));
    }
}

/// The built-in data's line: Figure 7 and the record, how many grades, which years.
fn builtin_label() -> &'static str {
    static LABEL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LABEL.get_or_init(|| {
        let record = crate::core::import::record_grade_count();
        format!(
            "{BUILTIN_NAME} (43 forces, 2015-2017) and the published PEEL record ({record} \
             grades, 2014 to 2023-25)"
        )
    })
}

/// My grades: how many, where they are kept, export and undo; and, when the kept file
/// could not be read, what was wrong and the choice to start afresh.
fn my_grades_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    use crate::gui::chart::ExportKind;
    use crate::gui::state::MineAction;
    ui.separator();
    let mine = &state.mine;
    let n = mine.grades.len();
    let kept = match &mine.path {
        Some(path) => format!("kept in {}", path.display()),
        None if cfg!(target_arch = "wasm32") => "kept in this page's storage".into(),
        None => "not kept (no data folder)".into(),
    };
    let noun = if n == 1 { "grade" } else { "grades" };
    ui.strong(format!("My grades: {n} {noun} you put in, {kept}"));
    if let Some(problem) = &mine.unreadable {
        ui.colored_label(ui.visuals().error_fg_color, problem);
        if ui
            .button("Start a new My grades file")
            .on_hover_text("The unreadable file is kept beside it, renamed")
            .clicked()
        {
            actions.push(MineAction::StartAfresh.into());
        }
    } else if n == 0 {
        ui.weak("Right-click a grade, or a gap, in the table to put in a grade you know.");
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(n > 0, egui::Button::new("Export my grades..."))
            .on_hover_text("A CSV in the record's columns, for colleagues to open like any file")
            .clicked()
        {
            actions.push(Action::Command(Command::Export(ExportKind::MyGrades)));
        }
        if ui
            .add_enabled(
                mine.undo.is_some(),
                egui::Button::new("Undo last change to My grades"),
            )
            .clicked()
        {
            actions.push(MineAction::Undo.into());
        }
    });
}

pub fn sources_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let mut builtin = state.settings.builtin;
    if ui
        .checkbox(&mut builtin, builtin_label())
        .on_hover_text(
            "Serious and Organised Crime Strategy (2018), Figure 7, and every grade the \
             inspectorate's pages state, each with its source (data/record)",
        )
        .changed()
    {
        actions.push(Action::SetBuiltin(builtin));
    }
    ui.horizontal(|ui| {
        if ui.button("Open files...").clicked() {
            actions.push(Action::Command(Command::OpenDialog));
        }
        // A page cannot read files by path.
        if !cfg!(target_arch = "wasm32") && ui.button("Open by path...").clicked() {
            actions.push(Action::ShowPathPrompt(Some(PathPrompt::Open)));
        }
    });
    if state.files.is_empty() {
        let text = if cfg!(target_arch = "wasm32") {
            "No files loaded. Open files here, or drop them on the page."
        } else {
            "No files loaded. Open files here, drop them on the window, or name them on the \
             command line: peel-explorer FILE..."
        };
        ui.label(egui::RichText::new(text).weak());
    }
    for (i, file) in state.files.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(&file.source.name);
            ui.label(format!(
                "{} grades, {} warnings",
                file.source.records.len(),
                file.source.warnings.len()
            ));
            if ui.button(format!("Remove {}", file.source.name)).clicked() {
                actions.push(Action::RemoveSource(i));
            }
        });
    }
    my_grades_ui(ui, state, actions);
    if !state.differences.is_empty() {
        ui.separator();
        ui.strong(format!(
            "Grades that differ from the published record ({}): your files' grades are shown",
            state.differences.len()
        ));
        egui::ScrollArea::vertical()
            .id_salt("differences")
            .max_height(150.0)
            .show(ui, |ui| {
                for d in &state.differences {
                    ui.add(egui::Label::new(d.to_string()).wrap());
                }
            });
    }
    // Warnings, and notes such as which area a file's grades were put in.
    let count = state.warnings().count();
    if count > 0 {
        ui.separator();
        ui.strong(format!("Warnings and notes ({count})"));
        // Only the visible rows are laid out: a file may bring thousands of warnings.
        let row_height = ui.text_style_height(&egui::TextStyle::Body);
        egui::ScrollArea::vertical()
            .id_salt("warnings")
            .max_height(150.0)
            .show_rows(ui, row_height, count, |ui, range| {
                for w in state.warnings().skip(range.start).take(range.len()) {
                    ui.add(egui::Label::new(w.to_string()).truncate());
                }
            });
    }
    if !state.problems.is_empty() {
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(
                egui::RichText::new("Files not loaded; nothing was changed by them")
                    .color(ui.visuals().error_fg_color),
            );
            if ui.button("Dismiss these problems").clicked() {
                actions.push(Action::DismissProblems);
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("problems")
            .max_height(220.0)
            .show(ui, |ui| {
                for p in &state.problems {
                    let text = egui::RichText::new(p.to_string()).monospace();
                    ui.label(if p.is_error() {
                        text.color(ui.visuals().error_fg_color)
                    } else {
                        text
                    });
                }
            });
    }
}
