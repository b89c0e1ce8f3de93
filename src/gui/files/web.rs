//! The browser's worker: files come from the page's file picker (or are dropped on it)
//! and leave as downloads; jobs are tasks on the page's one thread.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Done, FileDialogs, Jobs, finish, read_groups};
use crate::core::import::{load_file, parse_source};
use crate::gui::chart::ExportKind;

/// Says in the browser's console what a file gave (`.ci/web` waits for it).
fn log_read(name: &str, read: &Result<crate::core::Source, crate::core::Rejected>) {
    let text = match read {
        Ok(source) => format!("read {name}: {} grades", source.records.len()),
        Err(rejected) => format!(
            "read {name}: rejected, {} problems",
            rejected.problems.len()
        ),
    };
    web_sys::console::debug_1(&text.into());
}

/// Runs jobs as the page's tasks and collects their results.
pub struct Worker {
    jobs: Jobs,
}

impl Worker {
    /// The dialogs are the desktop's; the browser has its own file picker.
    pub fn new(_dialogs: Arc<dyn FileDialogs>) -> Worker {
        Worker { jobs: Jobs::new() }
    }

    /// Lets finished jobs wake the page.
    pub fn set_context(&mut self, ctx: &egui::Context) {
        self.jobs.repaint = Some(ctx.clone());
    }

    /// Whether any job is still running.
    pub fn busy(&self) -> bool {
        self.jobs.pending > 0
    }

    fn spawn(&mut self, job: impl Future<Output = Done> + 'static) {
        let (tx, ctx) = self.jobs.start();
        wasm_bindgen_futures::spawn_local(async move { finish(&tx, ctx, job.await) });
    }

    /// Shows the browser's file picker, then reads the chosen files.
    pub fn open(&mut self) {
        self.spawn(async {
            let picked = rfd::AsyncFileDialog::new()
                .set_title("Open grade files")
                .add_filter(
                    "Grades (CSV, text, Excel or OpenDocument)",
                    &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
                )
                .pick_files()
                .await;
            let Some(files) = picked else {
                web_sys::console::debug_1(&"open files: cancelled".into());
                return Done::Cancelled;
            };
            web_sys::console::debug_1(&format!("open files: {} picked", files.len()).into());
            let mut results = Vec::with_capacity(files.len());
            for file in files {
                let bytes = file.read().await;
                let read = parse_source(&file.file_name(), &bytes);
                log_read(&file.file_name(), &read);
                results.push(read);
            }
            Done::Loaded(results)
        });
    }

    /// Files dropped on the page: read as the browser hands them over.
    pub fn load_dropped(&mut self, files: Vec<egui::DroppedFileHandle>) {
        self.spawn(async move {
            let mut results = Vec::with_capacity(files.len());
            for file in files {
                let name = file.path().display().to_string();
                results.push(match file.bytes_async().await {
                    Ok(bytes) => {
                        let read = parse_source(&name, &bytes);
                        log_read(&name, &read);
                        read
                    }
                    Err(e) => Err(crate::core::Rejected::one(
                        &name,
                        1,
                        1,
                        crate::core::ProblemKind::Io(e),
                    )),
                });
            }
            Done::Loaded(results)
        });
    }

    /// Files by path: a page cannot read them, and each says so.
    pub fn load(&mut self, paths: Vec<PathBuf>) {
        self.spawn(async move { Done::Loaded(paths.iter().map(|p| load_file(p)).collect()) });
    }

    /// In the browser a save is a download, named as the file would be.
    pub fn choose_save(&mut self, kind: ExportKind) {
        let name = PathBuf::from(kind.default_name());
        self.jobs.done(Done::SaveTo(kind, name));
    }

    /// Hands the bytes to the browser as a download.
    pub fn write(&mut self, path: PathBuf, bytes: Vec<u8>) {
        let name = path.file_name().map_or_else(
            || "peel-explorer".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let result = crate::gui::web::download(&name, &bytes);
        self.jobs.done(Done::Written(PathBuf::from(name), result));
    }

    /// Shows the browser's file picker for a groups file, then reads it.
    pub fn open_groups(&mut self) {
        self.spawn(async {
            let picked = rfd::AsyncFileDialog::new()
                .set_title("Open groups")
                .add_filter("Groups (CSV of group,force rows)", &["csv", "txt"])
                .pick_file()
                .await;
            match picked {
                Some(file) => read_groups(file.file_name(), &file.read().await),
                None => Done::Cancelled,
            }
        });
    }

    /// A groups file by path: a page cannot read it.
    pub fn load_groups(&mut self, path: PathBuf) {
        let name = path.display().to_string();
        let why = format!("{name}: a page cannot read files by path; use Open groups file");
        self.jobs.done(Done::GroupsRead(name, Err(why)));
    }

    /// Results that have arrived.
    pub fn poll(&mut self) -> Vec<Done> {
        self.jobs.poll()
    }
}
