//! The eframe application: lays out the panels, routes keyboard shortcuts, applies the
//! actions the views emit, and saves settings.

use std::path::PathBuf;
use std::sync::Arc;

use super::chart::{Chart, ExportKind};
use super::files::{Done, FileDialogs, NativeDialogs, Worker, with_extension};
use super::state::{
    Action, AppState, Command, GroupAction, MineAction, PathPrompt, Settings, ThemeChoice, View,
};
use super::views;
use crate::core::workbook::Part;
use crate::core::{brief, export};

/// The key settings are saved under.
pub const SAVE_KEY: &str = "peel-explorer-settings";

/// The window.
pub struct PeelApp {
    pub state: AppState,
    applied_theme: Option<ThemeChoice>,
    worker: Worker,
    /// Close after the first frame (PEEL_EXIT_AFTER_FIRST_FRAME): for timing start-up.
    exit_after_first_frame: bool,
    /// The window's clear colour is the panels' colour, so the panels leave their
    /// background unpainted (see [`PeelApp::panel_frame`]). Only in the real window:
    /// a test renderer clears to transparent.
    cleared_to_panel_fill: bool,
    /// The page address last written (the browser build keeps the view in it).
    #[cfg(target_arch = "wasm32")]
    address: String,
}

/// The key My grades are kept under in the browser's storage.
pub const MY_GRADES_KEY: &str = "peel-explorer-my-grades";

/// How soon, in the browser, a change to the settings or My grades reaches the page's storage.
#[cfg(target_arch = "wasm32")]
const WEB_SAVE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

/// Restores saved settings. Missing settings give defaults quietly; unreadable or
/// outdated ones give defaults and a notice, and keep the user's groups where they can be
/// read at all. `aside` is where an unreadable copy is kept (on the desktop, a file in the
/// data folder), so that nothing the user had is lost when the settings are next saved.
pub fn restore(
    storage: Option<&dyn eframe::Storage>,
    aside: Option<&std::path::Path>,
) -> (Settings, Option<String>) {
    let Some(text) = storage.and_then(|s| s.get_string(SAVE_KEY)) else {
        return (Settings::default(), None);
    };
    match ron::from_str::<Settings>(&text).ok() {
        Some(saved) if saved.version == Settings::VERSION => (saved, None),
        Some(old) => (
            Settings {
                groups: old.groups,
                ..Settings::default()
            },
            Some(
                "Saved settings were from another version; defaults restored, your groups \
                 kept."
                    .into(),
            ),
        ),
        None => {
            let kept = aside.and_then(|path| {
                let written = crate::core::export::write_atomic(path, text.as_bytes(), true);
                written.ok().map(|()| path.display().to_string())
            });
            let notice = match kept {
                Some(path) => format!(
                    "Saved settings could not be read; defaults restored. What was saved is \
                     kept in {path}."
                ),
                None => "Saved settings could not be read; defaults restored.".into(),
            };
            (Settings::default(), Some(notice))
        }
    }
}

/// On the desktop: if eframe's own settings file cannot be read, eframe starts empty and
/// would write over it at the next save. Keep it aside first, and say so.
#[cfg(not(target_arch = "wasm32"))]
fn keep_unreadable_storage(dir: &std::path::Path) -> Option<String> {
    let file = dir.join("app.ron");
    let text = std::fs::read(&file).ok()?;
    let readable = std::str::from_utf8(&text)
        .ok()
        .and_then(|t| ron::from_str::<std::collections::HashMap<String, String>>(t).ok())
        .is_some();
    if readable {
        return None;
    }
    let aside = dir.join("app.ron.unreadable");
    match std::fs::rename(&file, &aside) {
        Ok(()) => Some(format!(
            "The settings file could not be read (your groups were in it); defaults restored. \
             It is kept as {}.",
            aside.display()
        )),
        Err(e) => Some(format!(
            "The settings file {} could not be read or kept aside ({e}).",
            file.display()
        )),
    }
}

impl PeelApp {
    /// A window over an existing state (for tests and benchmarks).
    pub fn with_state(state: AppState) -> PeelApp {
        PeelApp::with_dialogs(state, Arc::new(NativeDialogs))
    }

    /// A window whose file dialogs are `dialogs` (tests pass a double).
    pub fn with_dialogs(state: AppState, dialogs: Arc<dyn FileDialogs>) -> PeelApp {
        PeelApp {
            state,
            applied_theme: None,
            worker: Worker::new(dialogs),
            exit_after_first_frame: false,
            cleared_to_panel_fill: false,
            #[cfg(target_arch = "wasm32")]
            address: String::new(),
        }
    }

    /// This window with its panels' backgrounds left to the window's clear colour, as the
    /// real window draws them (see [`PeelApp::panel_frame`]); a test renderer that clears to
    /// transparent then shows what the panels leave unpainted.
    pub fn cleared_to_panel_fill(mut self) -> PeelApp {
        self.cleared_to_panel_fill = true;
        self
    }

    /// The window as `peel-explorer` opens it: saved settings restored, then the files
    /// open at the end of the last run and those named on the command line loaded.
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> PeelApp {
        #[cfg(not(target_arch = "wasm32"))]
        let dir = eframe::storage_dir(super::APP_ID);
        #[cfg(not(target_arch = "wasm32"))]
        let kept = dir.as_deref().and_then(keep_unreadable_storage);
        #[cfg(not(target_arch = "wasm32"))]
        let aside = dir.as_ref().map(|d| d.join("settings.unreadable.ron"));
        #[cfg(target_arch = "wasm32")]
        let (kept, aside): (Option<String>, Option<PathBuf>) = (None, None);
        #[cfg_attr(not(target_arch = "wasm32"), allow(unused_mut))]
        let (mut saved, notice) = restore(cc.storage, aside.as_deref());
        // In the browser, a link's address names the view, area and filters to open on.
        #[cfg(target_arch = "wasm32")]
        if let Some(fragment) = super::web::address() {
            super::address::apply(&mut saved, &fragment);
        }
        let mut app = PeelApp::start(saved, files, Arc::new(NativeDialogs));
        for text in [kept, notice].into_iter().flatten() {
            app.state.apply(Action::Notify(text, true));
        }
        // My grades: a file in the data folder on the desktop, the page's storage in the
        // browser.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(dir) = &dir {
            let path = dir.join(crate::core::my_grades::FILE_NAME);
            app.state.apply(MineAction::Read(path).into());
        }
        #[cfg(target_arch = "wasm32")]
        if let Some(text) = cc.storage.and_then(|s| s.get_string(MY_GRADES_KEY)) {
            app.state.apply(MineAction::ReadText(text).into());
        }
        app.exit_after_first_frame = std::env::var_os("PEEL_EXIT_AFTER_FIRST_FRAME").is_some();
        app.worker.set_context(&cc.egui_ctx);
        app.cleared_to_panel_fill()
    }

    /// A window on these settings that loads again the files they say were open, then
    /// `files`. A file that has gone since is reported like any file that cannot be read.
    pub fn start(
        settings: Settings,
        files: Vec<PathBuf>,
        dialogs: Arc<dyn FileDialogs>,
    ) -> PeelApp {
        let mut paths: Vec<PathBuf> = settings.open_files.iter().map(PathBuf::from).collect();
        for file in files {
            if !paths.contains(&file) {
                paths.push(file);
            }
        }
        let mut app = PeelApp::with_dialogs(AppState::new(settings), dialogs);
        if !paths.is_empty() {
            app.worker.load(paths);
        }
        app
    }

    /// Carries out a command: dialogs and files go to the worker, off the UI thread.
    fn command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => self.worker.open(),
            Command::OpenGroups => self.worker.open_groups(),
            Command::OpenGroupsPath(path) => {
                self.state.apply(Action::ShowPathPrompt(None));
                self.worker.load_groups(path);
            }
            Command::OpenPaths(paths) => {
                self.state.apply(Action::ShowPathPrompt(None));
                self.worker.load(paths);
            }
            Command::Export(ExportKind::Png(chart)) | Command::CopyPicture(chart)
                if self.nothing_to_picture(chart) =>
            {
                self.state.apply(Action::Notify(
                    "No trajectories to picture: select forces first (click a force in the \
                     table; Ctrl+click for several)."
                        .into(),
                    false,
                ));
            }
            Command::Export(kind) => self.worker.choose_save(kind),
            Command::ExportTo(kind, path) => {
                self.state.apply(Action::ShowPathPrompt(None));
                let path = with_extension(&path, kind.extension());
                if path.exists() {
                    self.state.apply(Action::AskOverwrite(Some((kind, path))));
                } else {
                    self.write_export(kind, path);
                }
            }
            Command::ConfirmOverwrite(yes) => {
                if let Some((kind, path)) = self.state.confirm_overwrite.clone() {
                    self.state.apply(Action::AskOverwrite(None));
                    if yes {
                        self.write_export(kind, path);
                    }
                }
            }
            Command::CopyTable => {
                // The table the view shows: the comparison, the transition matrix, or else
                // the grades.
                let derived = self.state.cached();
                let (text, what) = match self.state.settings.view {
                    View::Compare => (
                        export::compare_tsv(&derived.compare),
                        format!("the comparison ({} rows)", derived.compare.len()),
                    ),
                    View::Movement => match &derived.transition {
                        Some(t) => (
                            export::transitions_tsv(t),
                            format!("the transition matrix from {} to {}", t.from, t.to),
                        ),
                        None => {
                            self.state.apply(Action::Notify(
                                "No transition matrix to copy: it needs two periods.".into(),
                                false,
                            ));
                            return;
                        }
                    },
                    View::Table | View::Map => (
                        export::tsv(
                            &self.state.data,
                            &derived.rows,
                            &derived.periods,
                            self.state.settings.filter.rocu_membership,
                        ),
                        format!("{} rows", derived.rows.len()),
                    ),
                };
                ctx.copy_text(text);
                self.state.apply(Action::Notify(
                    format!("Copied {what} as tab-separated text."),
                    false,
                ));
            }
            Command::CopyPicture(chart) => {
                ctx.copy_image(super::picture::render(&self.state, chart));
                self.state.apply(Action::Notify(
                    format!(
                        "Copied \"{}\" as a picture: paste it into a slide or a document.{}",
                        chart.title(),
                        if cfg!(target_arch = "wasm32") {
                            " If this browser does not allow pictures on the clipboard, use \
                             PNG to download it."
                        } else {
                            ""
                        }
                    ),
                    false,
                ));
            }
        }
    }

    /// Whether a chart would be a picture of its prompt alone: trajectories with no forces
    /// chosen (too many shown to draw them all).
    fn nothing_to_picture(&self, chart: Chart) -> bool {
        chart == Chart::Trajectories && self.state.cached().trajectories.forces.is_empty()
    }

    /// Makes the bytes of an export from what is on screen, and hands them to the worker.
    fn write_export(&mut self, kind: ExportKind, path: PathBuf) {
        let state = &self.state;
        let derived = state.cached();
        let mut bytes = Vec::new();
        let made = match kind {
            ExportKind::CsvLong | ExportKind::CsvWide | ExportKind::Xlsx => {
                // The area on screen as the table shows it; every area, filtered, where the
                // export holds every area (long CSV, the workbook's Long sheet).
                let filter = &state.settings.filter;
                let main = Part {
                    data: &state.data,
                    forces: &derived.rows,
                    periods: &derived.periods,
                };
                let every = export::every_area(&state.grades, filter);
                let areas = export::parts(&state.grades, main, &every);
                let format = match kind {
                    ExportKind::CsvLong => export::Format::Long,
                    ExportKind::CsvWide => export::Format::Wide,
                    _ => export::Format::Workbook,
                };
                export::bytes(format, main, &areas, filter, &brief::today())
                    .map(|made| bytes = made)
            }
            ExportKind::Briefing | ExportKind::Word => {
                let doc = brief::briefing_document(
                    &state.grades,
                    &state.data,
                    &state.settings.filter,
                    &derived.rows,
                    &derived.periods,
                    (&state.settings.groups, &state.settings.scorecard),
                    &brief::today(),
                );
                super::word::briefing_bytes(state, &doc, kind == ExportKind::Word)
                    .map(|made| bytes = made)
            }
            ExportKind::ForceBrief { word } => self.force_brief(word).map(|made| bytes = made),
            ExportKind::Groups => {
                bytes = crate::core::groups::write_csv(&state.settings.groups);
                Ok(())
            }
            ExportKind::MyGrades => {
                bytes = state.mine.grades.to_csv().into_bytes();
                Ok(())
            }
            ExportKind::Png(chart) => match super::picture::png(state, chart) {
                Ok(png) => {
                    bytes = png;
                    Ok(())
                }
                Err(e) => Err(e),
            },
        };
        match made {
            Ok(()) => self.worker.write(path, bytes),
            Err(e) => self
                .state
                .apply(Action::Notify(format!("Could not export: {e}"), true)),
        }
    }

    /// The briefing on the force in the profile, as Word or HTML.
    fn force_brief(&self, word: bool) -> Result<Vec<u8>, String> {
        let state = &self.state;
        let profile = state.cached().profile.as_ref();
        let name = profile
            .map(|p| state.data.force(p.force).name.as_str())
            .ok_or("no force is selected")?;
        let doc = brief::force_briefing(
            &state.grades,
            state.data.area(),
            name,
            &state.settings.filter,
            &state.settings.groups,
            &brief::today(),
        )
        .ok_or_else(|| format!("no area grades {name}"))?;
        super::word::briefing_bytes(state, &doc, word)
    }

    /// Reads the files dropped on the window: by path on the desktop, as the browser hands
    /// them over on a page.
    fn load_dropped(&mut self, ctx: &egui::Context) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let dropped: Vec<PathBuf> = ctx.input(|i| {
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            });
            if !dropped.is_empty() {
                self.worker.load(dropped);
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            let dropped = ctx.input(|i| i.raw.dropped_files.clone());
            if !dropped.is_empty() {
                self.worker.load_dropped(dropped);
            }
        }
    }

    /// Puts the view, area and filters in the page address when they change.
    #[cfg(target_arch = "wasm32")]
    fn publish_address(&mut self) {
        let fragment = super::address::fragment(&self.state.settings, self.state.data.area());
        if self.address.is_empty() {
            super::web::log_first_frame();
        }
        if fragment != self.address {
            super::web::set_address(&fragment);
            self.address = fragment;
        }
    }

    /// Turns finished background jobs into actions.
    fn collect(&mut self, ctx: &egui::Context) {
        for done in self.worker.poll() {
            match done {
                Done::Loaded(results) => self.state.apply(Action::LoadBatch(results)),
                Done::NoDialog(kind) => {
                    self.state.apply(Action::Notify(
                        "No file dialog could be shown on this system: type the file's path \
                         instead."
                            .into(),
                        false,
                    ));
                    let prompt = kind.map_or(PathPrompt::Open, PathPrompt::Save);
                    self.state.apply(Action::ShowPathPrompt(Some(prompt)));
                }
                Done::Cancelled => {}
                Done::NoGroupsDialog => {
                    self.state.apply(Action::Notify(
                        "No file dialog could be shown on this system: type the file's path \
                         instead."
                            .into(),
                        false,
                    ));
                    self.state
                        .apply(Action::ShowPathPrompt(Some(PathPrompt::OpenGroups)));
                }
                Done::GroupsRead(file, read) => self.state.apply(match read {
                    Ok(groups) => Action::Group(GroupAction::Load(file, groups)),
                    Err(e) => Action::Notify(format!("{e}. No group was changed."), true),
                }),
                Done::SaveTo(kind, path) => self.command(ctx, Command::ExportTo(kind, path)),
                Done::Written(path, result) => self.state.apply(match result {
                    Ok(()) => Action::Notify(format!("Saved {}.", path.display()), false),
                    Err(e) => Action::Notify(format!("{e}. Nothing was changed on disk."), true),
                }),
            }
        }
        if self.state.busy != self.worker.busy() {
            self.state.apply(Action::SetBusy(self.worker.busy()));
        }
    }

    /// Carries out actions: commands here, everything else through the state's `apply`.
    fn dispatch(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        // In the browser, a frame after the save interval, so that what the user just changed
        // is saved even if the page closes without losing focus first.
        #[cfg(target_arch = "wasm32")]
        if !actions.is_empty() {
            ctx.request_repaint_after(WEB_SAVE_INTERVAL + std::time::Duration::from_millis(100));
        }
        for action in actions {
            match action {
                Action::Command(command) => self.command(ctx, command),
                action => self.state.apply(action),
            }
        }
    }

    /// Keyboard shortcuts that work anywhere but in a text field. Escape closes the
    /// topmost thing open: a question, the path field, About, Sources, then the profile.
    /// While a control has keyboard focus, Enter, Space and the arrows are its own (Enter
    /// on a table row opens that row).
    fn keys(&self, ctx: &egui::Context) -> Vec<Action> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        use egui::{Key, Modifiers};
        let focused = ctx.memory(|m| m.focused().is_some());
        let state = &self.state;
        ctx.input_mut(|i| {
            let mut actions = Vec::new();
            let mut press = |key: Key| i.consume_key(Modifiers::NONE, key);
            if press(Key::Escape) {
                actions.push(if state.confirm_overwrite.is_some() {
                    Action::Command(Command::ConfirmOverwrite(false))
                } else if state.path_prompt.is_some() {
                    Action::ShowPathPrompt(None)
                } else if state.show_about {
                    Action::ShowAbout(false)
                } else if state.show_sources {
                    Action::ShowSources(false)
                } else if state.show_groups {
                    Action::ShowGroups(false)
                } else {
                    Action::ShowProfile(false)
                });
            }
            if focused {
                return actions;
            }
            if press(Key::ArrowDown) {
                actions.push(Action::MoveSelection(1));
            }
            if press(Key::ArrowUp) {
                actions.push(Action::MoveSelection(-1));
            }
            if press(Key::PageDown) {
                actions.push(Action::MoveSelection(10));
            }
            if press(Key::PageUp) {
                actions.push(Action::MoveSelection(-10));
            }
            if press(Key::Enter) {
                actions.push(Action::ShowProfile(true));
            }
            actions
        })
    }
}

impl eframe::App for PeelApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    /// In the browser eframe saves when the page loses focus and at this interval; nothing
    /// else tells it the page is closing in time, so the interval is short (see `dispatch`).
    #[cfg(target_arch = "wasm32")]
    fn auto_save_interval(&self) -> std::time::Duration {
        WEB_SAVE_INTERVAL
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SAVE_KEY, &self.state.settings);
        #[cfg(target_arch = "wasm32")]
        if self.state.mine.unreadable.is_none() {
            storage.set_string(MY_GRADES_KEY, self.state.mine.grades.to_csv());
        }
    }

    /// The panels' colour: the window is cleared to what the panels would have painted.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }
}

/// A side panel's starting width: `wide` in a large window, `narrow` in a small one, so
/// the grades keep room in the middle.
fn side_panel_width(ctx: &egui::Context, wide: f32, narrow: f32) -> f32 {
    if ctx.content_rect().width() >= 1200.0 {
        wide
    } else {
        narrow
    }
}

impl PeelApp {
    /// A panel's frame. In the real window the panels tile it and the window is cleared to
    /// their colour first, so painting their backgrounds again would only cost time: a whole
    /// window of pixels each frame, which a software renderer (a virtual desktop without a
    /// GPU) shades one by one. The pixels are the same either way.
    fn panel_frame(&self, frame: egui::Frame) -> egui::Frame {
        if self.cleared_to_panel_fill {
            frame.fill(egui::Color32::TRANSPARENT)
        } else {
            frame
        }
    }

    /// The panels: top bar, status line, filters, the profile when open, and the view.
    fn panels_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let state = &self.state;
        // What the panels stand on, for what is drawn inside them: a scroll area fades its
        // edges into it. Declared here, since the panels may leave it unpainted.
        let backdrop = egui::UiStackInfo::default()
            .with_frame(egui::Frame::NONE.fill(ui.visuals().panel_fill));
        ui.scope_builder(egui::UiBuilder::new().ui_stack_info(backdrop), |ui| {
            let bar = self.panel_frame(egui::Frame::side_top_panel(ui.style()));
            let central = self.panel_frame(egui::Frame::central_panel(ui.style()));
            egui::Panel::top("top_bar")
                .frame(bar)
                .show(ui, |ui| views::top_bar::top_bar_ui(ui, state, actions));
            egui::Panel::bottom("status_line")
                .frame(bar)
                .show(ui, |ui| views::status::status_ui(ui, state, actions));
            egui::Panel::left("filters")
                .frame(bar)
                .resizable(true)
                .default_size(side_panel_width(ui.ctx(), 250.0, 220.0))
                .min_size(200.0)
                .show(ui, |ui| views::filters::filters_ui(ui, state, actions));
            if state.show_profile && state.cached().profile.is_some() {
                egui::Panel::right("profile")
                    .frame(bar)
                    .resizable(true)
                    .default_size(side_panel_width(ui.ctx(), 340.0, 260.0))
                    .min_size(260.0)
                    .show(ui, |ui| views::profile::profile_ui(ui, state, actions));
            }
            egui::CentralPanel::default().frame(central).show(ui, |ui| {
                views::subject::subject_ui(ui, state, actions);
                views::chips::chips_ui(ui, state, actions);
                match state.settings.view {
                    View::Table => views::table::table_ui(ui, state, actions),
                    View::Movement => views::movement::movement_ui(ui, state, actions),
                    View::Compare => views::compare::compare_ui(ui, state, actions),
                    View::Map => views::map::map_ui(ui, state, actions),
                }
            });
        });
    }

    /// One frame of the whole window (what [`eframe::App::ui`] runs; benchmarks call it
    /// directly on a bare `egui::Context`).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme.is_none() {
            for theme in [egui::Theme::Dark, egui::Theme::Light] {
                ctx.set_visuals_of(theme, super::palette::visuals(theme));
            }
        }
        if self.applied_theme != Some(self.state.settings.theme) {
            ctx.set_theme(match self.state.settings.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.state.settings.theme);
        }
        self.worker.set_context(&ctx);
        self.collect(&ctx);
        self.load_dropped(&ctx);
        let keys = self.keys(&ctx);
        self.dispatch(&ctx, keys);
        self.state.refresh();
        let mut actions = Vec::new();
        let state = &self.state;

        self.panels_ui(ui, &mut actions);
        views::sources::sources_window(&ctx, state, &mut actions);
        views::about::about_window(&ctx, state, &mut actions);
        views::groups::groups_window(&ctx, state, &mut actions);
        views::grade_form::grade_form_window(&ctx, state, &mut actions);
        views::prompts::prompts_ui(&ctx, state, &mut actions);
        views::prompts::drop_hint_ui(&ctx);

        if !actions.is_empty() {
            self.dispatch(&ctx, actions);
            self.state.refresh();
            ctx.request_repaint();
        }
        if self.worker.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        #[cfg(target_arch = "wasm32")]
        self.publish_address();
        self.state.end_frame();
        if self.exit_after_first_frame {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}
