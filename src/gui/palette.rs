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

/// The window's look in a theme: egui's own, with every text colour readable (contrast of
/// at least 4.5:1 on the panels, weak text included) and the edges of checkboxes, buttons
/// and fields visible (at least 3:1), so nothing depends on a faint fill.
pub fn visuals(theme: egui::Theme) -> egui::Visuals {
    use egui::{Color32 as C, Stroke};
    let mut v = theme.default_visuals();
    let (weak, edge) = match theme {
        egui::Theme::Dark => (C::from_gray(140), C::from_gray(125)),
        egui::Theme::Light => (C::from_gray(96), C::from_gray(118)),
    };
    v.weak_text_color = Some(weak);
    v.widgets.noninteractive.fg_stroke.color = match theme {
        egui::Theme::Dark => C::from_gray(200),
        egui::Theme::Light => C::from_gray(40),
    };
    v.widgets.inactive.bg_stroke = Stroke::new(1.0, edge);
    v.warn_fg_color = match theme {
        egui::Theme::Dark => C::from_rgb(255, 170, 60),
        egui::Theme::Light => C::from_rgb(150, 70, 0),
    };
    v.error_fg_color = match theme {
        egui::Theme::Dark => C::from_rgb(255, 120, 120),
        egui::Theme::Light => C::from_rgb(176, 0, 0),
    };
    // Focus is drawn with the active look: make its edge stand out from hover.
    v.widgets.active.bg_stroke = Stroke::new(2.0, v.selection.stroke.color);
    v
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::style::contrast;

    fn rgb(c: Color32) -> Rgb {
        [c.r(), c.g(), c.b()]
    }

    #[test]
    fn text_and_edges_are_readable_in_both_themes() {
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            let v = visuals(theme);
            let panel = rgb(v.panel_fill);
            let text = contrast(rgb(v.text_color()), panel);
            let weak = contrast(rgb(v.weak_text_color()), panel);
            let edge = contrast(rgb(v.widgets.inactive.bg_stroke.color), panel);
            let error = contrast(rgb(v.error_fg_color), panel);
            let warn = contrast(rgb(v.warn_fg_color), panel);
            assert!(warn >= 4.5, "{theme:?}: warnings {warn:.1}");
            assert!(error >= 4.5, "{theme:?}: errors {error:.1}");
            // Dark: text 10.3, weak text 5.1, edges 4.2. Light: text 13.9, weak 5.9,
            // edges 4.3.
            assert!(text >= 7.0, "{theme:?}: text {text:.1}");
            assert!(weak >= 4.5, "{theme:?}: weak text {weak:.1}");
            assert!(edge >= 3.0, "{theme:?}: edges {edge:.1}");
        }
    }
}
