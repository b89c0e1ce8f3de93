//! The one grade palette, shared by the table, every chart and the legend.
//!
//! Based on the Okabe-Ito colour-blind-safe palette. Cells are always filled and always
//! carry their short label, so no reading depends on colour alone; the label's colour is
//! chosen for contrast against the fill, so the same fills work in light and dark themes.

use egui::Color32;

use crate::core::style::{self, Rgb};
use crate::core::{Cell, Movement};

fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The fill for a cell value.
pub fn fill(cell: Cell) -> Color32 {
    color(style::grade_rgb(cell))
}

/// Black or white, whichever contrasts more with `background`.
pub fn text_on(background: Color32) -> Color32 {
    color(style::text_on([
        background.r(),
        background.g(),
        background.b(),
    ]))
}

/// The colour of a movement class (for the table's movement column and charts).
pub fn movement(m: Movement) -> Color32 {
    color(style::movement_rgb(m))
}

/// Colours for lines that stand for different forces (Okabe-Ito order), cycled.
pub fn series(i: usize) -> Color32 {
    const COLOURS: [Color32; 7] = [
        Color32::from_rgb(0x00, 0x72, 0xB2),
        Color32::from_rgb(0xD5, 0x5E, 0x00),
        Color32::from_rgb(0x00, 0x9E, 0x73),
        Color32::from_rgb(0xCC, 0x79, 0xA7),
        Color32::from_rgb(0xE6, 0x9F, 0x00),
        Color32::from_rgb(0x56, 0xB4, 0xE9),
        Color32::from_rgb(0x99, 0x99, 0x99),
    ];
    COLOURS[i % COLOURS.len()]
}

/// A short sign for a movement, printed beside its word.
pub fn movement_sign(m: Movement) -> &'static str {
    match m {
        Movement::Improved => "+",
        Movement::Declined => "-",
        Movement::Stable => "=",
        Movement::Fluctuated => "~",
        Movement::Insufficient => "",
    }
}
