//! Test doubles and steps shared by the UI test files (each uses part of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::gui::files::FileDialogs;
use peel_explorer::gui::{AppState, PeelApp};

/// A file dropped on the window.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Dialogs that answer from a script: each call takes the next answer.
#[derive(Default)]
pub struct Scripted {
    pub open: Mutex<Vec<Option<Vec<PathBuf>>>>,
    pub save: Mutex<Vec<Option<PathBuf>>>,
    /// How long the "user" takes (an instant empty answer means no dialog appeared).
    pub think: Duration,
    /// How many times a dialog has answered (shared with the test that made it).
    pub answered: Arc<std::sync::atomic::AtomicUsize>,
}

impl FileDialogs for Scripted {
    fn pick_csv(&self) -> Option<Vec<PathBuf>> {
        std::thread::sleep(self.think);
        let answer = self.open.lock().unwrap().pop().flatten();
        self.answered
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        answer
    }
    fn save(&self, _name: &str, _extension: &str) -> Option<PathBuf> {
        std::thread::sleep(self.think);
        self.save.lock().unwrap().pop().flatten()
    }
}

impl Scripted {
    /// Dialogs whose save dialog answers `path`, `times` times.
    pub fn saving_to(path: &Path, times: usize) -> Scripted {
        Scripted {
            save: Mutex::new(vec![Some(path.to_path_buf()); times]),
            ..Default::default()
        }
    }
}

pub fn harness(dialogs: Scripted) -> Harness<'static, PeelApp> {
    let dialogs = Arc::new(dialogs);
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |_cc| PeelApp::with_dialogs(AppState::default(), dialogs));
    h.run();
    h
}

/// Steps the window until `done` holds (background jobs take real time).
pub fn wait_for(h: &mut Harness<'_, PeelApp>, done: impl Fn(&Harness<'_, PeelApp>) -> bool) {
    let start = Instant::now();
    while !done(h) {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    // A spinner may still be turning for other jobs: step a little rather than settle.
    h.run_steps(3);
}

pub fn menu(h: &mut Harness<'_, PeelApp>, item: &str) {
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_label(item).click();
    h.run_steps(3);
}

/// What the last frame put on the clipboard as text.
pub fn copied_text(h: &Harness<'_, PeelApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// The images the last frame put on the clipboard.
pub fn copied_images(h: &Harness<'_, PeelApp>) -> Vec<egui::ColorImage> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.clone()),
            _ => None,
        })
        .collect()
}

/// Rests the pointer on a widget until its tooltip shows.
pub fn hover(h: &mut Harness<'_, PeelApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).hover();
    // Tooltips appear after the pointer rests.
    for _ in 0..10 {
        h.step();
    }
    h.run();
}
