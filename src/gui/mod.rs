//! The window: state and actions in [`state`], layout in [`app`], one file per view in
//! [`views`].

pub mod address;
pub mod app;
pub mod chart;
pub mod files;
pub mod palette;
pub mod picture;
#[cfg(not(target_arch = "wasm32"))]
pub mod renderer;
pub mod state;
pub mod views;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod word;

pub use app::PeelApp;
#[cfg(not(target_arch = "wasm32"))]
pub use renderer::{RENDERER_VAR, RendererChoice, renderer_description, run};
pub use state::{Action, AppState};

/// The smallest window the app allows (logical points): a 1366x768 laptop screen at 150%
/// scale still fits it. Every control is visible or scrollable at this size.
pub const MIN_WINDOW: [f32; 2] = [800.0, 500.0];

/// The application id: names the settings file.
pub const APP_ID: &str = "peel-explorer";

/// The application icon (`assets/icon.png`, drawn by `scripts/make-icon.py`); the `.exe`
/// carries `assets/icon.ico` too.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_is_a_square_png() {
        let icon = eframe::icon_data::from_png_bytes(ICON_PNG).expect("icon.png decodes");
        assert_eq!(icon.width, icon.height);
        assert!(icon.width >= 64);
    }
}
