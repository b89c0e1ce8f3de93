//! The window's side effects with files: dialogs, loading and writing, all off the UI
//! thread. Results come back as [`Done`] messages that the app turns into actions.
//!
//! Dialogs sit behind [`FileDialogs`], so tests replace them with a double. On Linux
//! without a desktop portal or zenity, rfd returns "nothing" at once, exactly as if the
//! user had cancelled: an answer that comes back faster than a person could click is
//! taken to mean that no dialog could be shown, and the window offers a path field.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::chart::ExportKind;
use crate::core::groups::read_csv;
use crate::core::import::load_file;
use crate::core::{ForceGroup, Rejected, Source};

/// An empty answer faster than this means no dialog appeared.
pub const NO_DIALOG: Duration = Duration::from_millis(150);

/// Asks the user for files.
pub trait FileDialogs: Send + Sync {
    /// CSV files to open, or `None` if cancelled (or no dialog could be shown).
    fn pick_csv(&self) -> Option<Vec<PathBuf>>;
    /// Where to save, or `None` if cancelled (or no dialog could be shown).
    fn save(&self, default_name: &str, extension: &str) -> Option<PathBuf>;
    /// A groups file (`group,force` CSV) to open, or `None` if cancelled.
    fn pick_groups(&self) -> Option<PathBuf> {
        self.pick_csv()?.into_iter().next()
    }
}

/// The system's dialogs, through rfd.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_csv(&self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("Open grade files")
            .add_filter(
                "Grades (CSV, text, Excel or OpenDocument)",
                &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
            )
            .add_filter("All files", &["*"])
            .pick_files()
    }

    fn save(&self, default_name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_file_name(default_name)
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file()
    }

    fn pick_groups(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open groups")
            .add_filter("Groups (CSV of group,force rows)", &["csv", "txt"])
            .add_filter("All files", &["*"])
            .pick_file()
    }
}

/// What a background job found.
#[derive(Debug)]
pub enum Done {
    /// Files read, each accepted or rejected.
    Loaded(Vec<Result<Source, Rejected>>),
    /// No dialog could be shown (it answered at once with nothing).
    NoDialog(Option<ExportKind>),
    /// The user cancelled a dialog.
    Cancelled,
    /// No dialog could be shown to open a groups file.
    NoGroupsDialog,
    /// A groups file read (its name), or what was wrong with it.
    GroupsRead(String, Result<Vec<ForceGroup>, String>),
    /// The user chose where to save.
    SaveTo(ExportKind, PathBuf),
    /// A file was written, or could not be.
    Written(PathBuf, Result<(), String>),
}

/// Runs jobs on background threads and collects their results.
pub struct Worker {
    dialogs: Arc<dyn FileDialogs>,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    pending: usize,
    repaint: Option<egui::Context>,
}

impl Worker {
    pub fn new(dialogs: Arc<dyn FileDialogs>) -> Worker {
        let (tx, rx) = channel();
        Worker {
            dialogs,
            tx,
            rx,
            pending: 0,
            repaint: None,
        }
    }

    /// Lets finished jobs wake the window.
    pub fn set_context(&mut self, ctx: &egui::Context) {
        self.repaint = Some(ctx.clone());
    }

    /// Whether any job is still running.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    fn spawn(&mut self, job: impl FnOnce() -> Done + Send + 'static) {
        self.pending += 1;
        let tx = self.tx.clone();
        let ctx = self.repaint.clone();
        std::thread::spawn(move || {
            // The receiver lives as long as the window; if it is gone there is no one to
            // tell.
            let _ = tx.send(job());
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
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
                Some(path) => read_groups(&path),
                None if started.elapsed() < NO_DIALOG => Done::NoGroupsDialog,
                None => Done::Cancelled,
            }
        });
    }

    /// Reads a groups file named in a path field.
    pub fn load_groups(&mut self, path: PathBuf) {
        self.spawn(move || read_groups(&path));
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
        let done: Vec<Done> = self.rx.try_iter().collect();
        self.pending = self.pending.saturating_sub(done.len());
        done
    }
}

/// A groups file's groups; any bad row is an error naming its line and column.
fn read_groups(path: &Path) -> Done {
    let name = path.display().to_string();
    let read = std::fs::read(path)
        .map_err(|e| format!("{name}: {e}"))
        .and_then(|bytes| read_csv(&name, &bytes).map_err(|e| e.to_string()));
    Done::GroupsRead(name, read)
}

/// Adds the extension if the path has none.
pub fn with_extension(path: &Path, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        path.to_path_buf()
    } else {
        path.with_extension(extension)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_added_only_when_missing() {
        assert_eq!(
            with_extension(Path::new("/tmp/x"), "html"),
            PathBuf::from("/tmp/x.html")
        );
        assert_eq!(
            with_extension(Path::new("/tmp/x.htm"), "html"),
            PathBuf::from("/tmp/x.htm")
        );
    }
}
