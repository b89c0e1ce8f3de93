//! Questions the window asks: a path to open or save when no dialog can be shown (or the
//! user prefers to type one), and whether to replace an existing file.

use crate::gui::state::{Action, AppState, Command, PathPrompt};

/// The path field's text lives in egui's memory, like any text field's own state; each
/// purpose has its own, so a path typed to open a file is never offered to save over it.
fn path_text_id(prompt: PathPrompt) -> egui::Id {
    egui::Id::unique(("path_prompt_text", format!("{prompt:?}")))
}

/// Where a save goes unless the user says otherwise: the home folder.
fn default_save_path(name: &str) -> String {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    home.join(name).display().to_string()
}

pub fn prompts_ui(ctx: &egui::Context, state: &AppState, actions: &mut Vec<Action>) {
    if let Some(prompt) = state.path_prompt {
        path_prompt_ui(ctx, prompt, actions);
    }
    if let Some((kind, path)) = &state.confirm_overwrite {
        let modal = egui::Modal::new(egui::Id::unique("confirm_overwrite")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Replace the file?");
            ui.label(format!(
                "{} already exists. Replace it with the {}?",
                path.display(),
                kind.label()
            ));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    actions.push(Action::Command(Command::ConfirmOverwrite(true)));
                }
                if ui.button("Keep the existing file").clicked() {
                    actions.push(Action::Command(Command::ConfirmOverwrite(false)));
                }
            });
        });
        if modal.should_close() {
            actions.push(Action::Command(Command::ConfirmOverwrite(false)));
        }
    }
}

fn path_prompt_ui(ctx: &egui::Context, prompt: PathPrompt, actions: &mut Vec<Action>) {
    let (title, button) = match prompt {
        PathPrompt::Open => ("Open files by path".to_string(), "Load"),
        PathPrompt::OpenGroups => ("Open groups by path".to_string(), "Load"),
        PathPrompt::Save(kind) => (format!("Save: {}", kind.label()), "Save"),
    };
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique("path_prompt"))
        .open(&mut open)
        .collapsible(false)
        .default_width(480.0)
        .show(ctx, |ui| {
            let id = path_text_id(prompt);
            let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| match prompt {
                PathPrompt::Open | PathPrompt::OpenGroups => String::new(),
                PathPrompt::Save(kind) => default_save_path(&kind.default_name()),
            });
            let label = ui.label(match prompt {
                PathPrompt::Open => "File paths (separate several with ;)",
                PathPrompt::OpenGroups => "Groups file path",
                PathPrompt::Save(_) => "File path",
            });
            let edit = ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
            // The field takes the keyboard when the window opens (nothing else has it yet).
            if ui.memory(|m| m.focused().is_none()) {
                edit.request_focus();
            }
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let go = ui.add_enabled(!text.trim().is_empty(), egui::Button::new(button));
                if (go.clicked() || entered) && !text.trim().is_empty() {
                    let command = match prompt {
                        PathPrompt::Open => Command::OpenPaths(
                            text.split(';')
                                .map(str::trim)
                                .filter(|p| !p.is_empty())
                                .map(std::path::PathBuf::from)
                                .collect(),
                        ),
                        PathPrompt::OpenGroups => {
                            Command::OpenGroupsPath(std::path::PathBuf::from(text.trim()))
                        }
                        PathPrompt::Save(kind) => {
                            Command::ExportTo(kind, std::path::PathBuf::from(text.trim()))
                        }
                    };
                    actions.push(Action::Command(command));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::ShowPathPrompt(None));
                }
            });
        });
    if !open {
        actions.push(Action::ShowPathPrompt(None));
    }
}

/// While files are dragged over the window, say what dropping them does.
pub fn drop_hint_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop CSV files to load them",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
