//! The desktop's worker: each job on a thread of its own, dialogs through [`FileDialogs`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{Done, FileDialogs, Jobs, NO_DIALOG, finish, read_groups};
use crate::core::import::load_file;
use crate::gui::chart::ExportKind;

/// Runs jobs on background threads and collects their results.
pub struct Worker {
    dialogs: Arc<dyn FileDialogs>,
    jobs: Jobs,
}

impl Worker {
    pub fn new(dialogs: Arc<dyn FileDialogs>) -> Worker {
        Worker {
            dialogs,
            jobs: Jobs::new(),
        }
    }

    /// Lets finished jobs wake the window.
    pub fn set_context(&mut self, ctx: &egui::Context) {
        self.jobs.repaint = Some(ctx.clone());
    }

    /// Whether any job is still running.
    pub fn busy(&self) -> bool {
        self.jobs.pending > 0
    }

    fn spawn(&mut self, job: impl FnOnce() -> Done + Send + 'static) {
        let (tx, ctx) = self.jobs.start();
        std::thread::spawn(move || finish(&tx, ctx, job()));
    }

    /// Shows the open dialog, then reads the chosen files.
    pub fn open(&mut self) {
        let dialogs = Arc::clone(&self.dialogs);
        self.spawn(move || {
            let started = Instant::now();
            match dialogs.pick_csv() {
                Some(paths) => Done::Loaded(paths.iter().map(|p| load_file(p)).collect()),
                None if started.elapsed() < NO_DIALOG => Done::NoDialog(None),
                None => Done::Cancelled,
            }
        });
    }

    /// Shows the open dialog for a groups file, then reads it.
    pub fn open_groups(&mut self) {
        let dialogs = Arc::clone(&self.dialogs);
        self.spawn(move || {
            let started = Instant::now();
            match dialogs.pick_groups() {
                Some(path) => read_groups_file(&path),
                None if started.elapsed() < NO_DIALOG => Done::NoGroupsDialog,
                None => Done::Cancelled,
            }
        });
    }

    /// Reads a groups file named in a path field.
    pub fn load_groups(&mut self, path: PathBuf) {
        self.spawn(move || read_groups_file(&path));
    }

    /// Reads files (named in a path field, dropped on the window, or on the command line).
    pub fn load(&mut self, paths: Vec<PathBuf>) {
        self.spawn(move || Done::Loaded(paths.iter().map(|p| load_file(p)).collect()));
    }

    /// Shows the save dialog for an export.
    pub fn choose_save(&mut self, kind: ExportKind) {
        let dialogs = Arc::clone(&self.dialogs);
        self.spawn(move || {
            let started = Instant::now();
            match dialogs.save(&kind.default_name(), kind.extension()) {
                Some(path) => Done::SaveTo(kind, path),
                None if started.elapsed() < NO_DIALOG => Done::NoDialog(Some(kind)),
                None => Done::Cancelled,
            }
        });
    }

    /// Writes bytes atomically (the caller has already confirmed any overwrite).
    pub fn write(&mut self, path: PathBuf, bytes: Vec<u8>) {
        self.spawn(move || {
            let result =
                crate::core::export::write_atomic(&path, &bytes, true).map_err(|e| e.to_string());
            Done::Written(path, result)
        });
    }

    /// Results that have arrived.
    pub fn poll(&mut self) -> Vec<Done> {
        self.jobs.poll()
    }
}

/// Reads a groups file from disk.
fn read_groups_file(path: &std::path::Path) -> Done {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => read_groups(name, &bytes),
        Err(e) => Done::GroupsRead(name.clone(), Err(format!("{name}: {e}"))),
    }
}
