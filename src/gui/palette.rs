//! The one grade palette, shared by the table, every chart and the legend.
//!
//! Based on the Okabe-Ito colour-blind-safe palette. Cells are always filled and always
//! carry their short label, so no reading depends on colour alone; the label's colour is
//! chosen for contrast against the fill, so the same fills work in light and dark themes.

use egui::Color32;

use crate::core::{Cell, Grade, Movement};

/// The fill for a cell value.
pub fn fill(cell: Cell) -> Color32 {
    match cell {
        Cell::Graded(Grade::Outstanding) => Color32::from_rgb(0x00, 0x72, 0xB2), // blue
        Cell::Graded(Grade::Good) => Color32::from_rgb(0x56, 0xB4, 0xE9),        // sky blue
        Cell::Graded(Grade::Adequate) => Color32::from_rgb(0xF0, 0xE4, 0x42),    // yellow
        Cell::Graded(Grade::RequiresImprovement) => Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
        Cell::Graded(Grade::Inadequate) => Color32::from_rgb(0xD5, 0x5E, 0x00),  // vermillion
        Cell::NotGraded => Color32::from_rgb(0xBB, 0xBB, 0xBB),
    }
}

fn luminance(c: Color32) -> f32 {
    let lin = |v: u8| {
        let v = v as f32 / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// Black or white, whichever contrasts more with `background`.
pub fn text_on(background: Color32) -> Color32 {
    let l = luminance(background);
    let on_black = (l + 0.05) / 0.05;
    let on_white = 1.05 / (l + 0.05);
    if on_black >= on_white {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The colour of a movement class (for the table's movement column and charts).
pub fn movement(m: Movement) -> Color32 {
    match m {
        Movement::Improved => Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
        Movement::Declined => Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
        Movement::Stable => Color32::from_rgb(0x99, 0x99, 0x99),
        Movement::Fluctuated => Color32::from_rgb(0xE6, 0x9F, 0x00),
        Movement::Insufficient => Color32::from_rgb(0xDD, 0xDD, 0xDD),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_label_is_readable_on_its_fill() {
        for cell in Cell::ALL {
            let bg = fill(cell);
            let ratio = contrast(bg, text_on(bg));
            assert!(ratio >= 4.5, "{cell:?}: contrast {ratio}");
        }
    }

    #[test]
    fn fills_are_distinct() {
        let fills: Vec<_> = Cell::ALL.iter().map(|c| fill(*c)).collect();
        for (i, a) in fills.iter().enumerate() {
            for b in &fills[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
