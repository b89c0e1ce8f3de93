//! The window's side effects with files: dialogs, loading and writing, all off the UI
//! thread. Results come back as [`Done`] messages that the app turns into actions.
//!
//! Dialogs sit behind [`FileDialogs`], so tests replace them with a double. On Linux
//! without a desktop portal or zenity, rfd returns "nothing" at once, exactly as if the
//! user had cancelled: an answer that comes back faster than a person could click is
//! taken to mean that no dialog could be shown, and the window offers a path field.
//!
//! The [`Worker`] that runs jobs is the desktop's (`native.rs`: a thread per job) or the
//! browser's (`web.rs`: the page's file picker, downloads, tasks on the page's one thread).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::chart::ExportKind;
use crate::core::groups::read_csv;
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

#[cfg(not(target_arch = "wasm32"))]
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

/// In the browser the page's own file picker is used (see `web.rs`), not these.
#[cfg(target_arch = "wasm32")]
impl FileDialogs for NativeDialogs {
    fn pick_csv(&self) -> Option<Vec<PathBuf>> {
        None
    }

    fn save(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
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

/// The jobs a worker has started and the results they sent back (both workers keep theirs
/// so): a result arrives as a [`Done`], and the window is woken for it.
struct Jobs {
    tx: std::sync::mpsc::Sender<Done>,
    rx: std::sync::mpsc::Receiver<Done>,
    pending: usize,
    repaint: Option<egui::Context>,
}

impl Jobs {
    fn new() -> Jobs {
        let (tx, rx) = std::sync::mpsc::channel();
        Jobs {
            tx,
            rx,
            pending: 0,
            repaint: None,
        }
    }

    /// A job is starting: where to send its result, and what to wake when it does.
    fn start(&mut self) -> (std::sync::mpsc::Sender<Done>, Option<egui::Context>) {
        self.pending += 1;
        (self.tx.clone(), self.repaint.clone())
    }

    /// A result known at once (the browser's worker has some).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn done(&mut self, done: Done) {
        self.pending += 1;
        // The receiver is ours: the send cannot fail.
        let _ = self.tx.send(done);
    }

    /// Results that have arrived.
    fn poll(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.rx.try_iter().collect();
        self.pending = self.pending.saturating_sub(done.len());
        done
    }
}

/// Sends a job's result and wakes the window. The receiver lives as long as the window; if
/// it is gone there is no one to tell.
fn finish(tx: &std::sync::mpsc::Sender<Done>, ctx: Option<egui::Context>, done: Done) {
    let _ = tx.send(done);
    if let Some(ctx) = ctx {
        ctx.request_repaint();
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Worker;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::Worker;

/// A groups file's groups; any bad row is an error naming its line and column.
fn read_groups(name: String, bytes: &[u8]) -> Done {
    let read = read_csv(&name, bytes).map_err(|e| e.to_string());
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
