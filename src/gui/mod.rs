//! The window: state and actions in [`state`], layout in [`app`], one file per view in
//! [`views`].

pub mod app;
pub mod chart;
pub mod files;
pub mod palette;
pub mod state;
pub mod views;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::PeelApp;
pub use state::{Action, AppState};

/// The smallest window the app allows (logical points): a 1366x768 laptop screen at 150%
/// scale still fits it. Every control is visible or scrollable at this size.
pub const MIN_WINDOW: [f32; 2] = [800.0, 500.0];

/// The application id: names the settings file.
pub const APP_ID: &str = "peel-explorer";

/// Opens the window. Files named on the command line are loaded beside the built-in data.
pub fn run(files: Vec<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("PEEL Explorer")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 760.0])
            .with_min_inner_size(MIN_WINDOW)
            .with_drag_and_drop(true),
        ..Default::default()
    };
    match eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(PeelApp::new(cc, files)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: could not open the window: {err}");
            ExitCode::FAILURE
        }
    }
}
