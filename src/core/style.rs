//! The one palette, as plain RGB, shared by the window, the SVG charts of the briefing
//! pack and anything else that draws. Based on the Okabe-Ito colour-blind-safe palette;
//! every grade is always printed with its label too, so no reading depends on colour.

use super::filter::Movement;
use super::grade::{Cell, Grade};

pub type Rgb = [u8; 3];

/// The fill for a cell value.
pub fn grade_rgb(cell: Cell) -> Rgb {
    match cell {
        Cell::Graded(Grade::Outstanding) => [0x00, 0x72, 0xB2], // blue
        Cell::Graded(Grade::Good) => [0x56, 0xB4, 0xE9],        // sky blue
        Cell::Graded(Grade::Adequate) => [0xF0, 0xE4, 0x42],    // yellow
        Cell::Graded(Grade::RequiresImprovement) => [0xE6, 0x9F, 0x00], // orange
        Cell::Graded(Grade::Inadequate) => [0xD5, 0x5E, 0x00],  // vermillion
        Cell::NotGraded => [0xBB, 0xBB, 0xBB],
    }
}

/// The colour of a movement class.
pub fn movement_rgb(m: Movement) -> Rgb {
    match m {
        Movement::Improved => [0x00, 0x9E, 0x73], // bluish green
        Movement::Declined => [0xCC, 0x79, 0xA7], // reddish purple
        Movement::Stable => [0x99, 0x99, 0x99],
        Movement::Fluctuated => [0xE6, 0x9F, 0x00],
        Movement::Insufficient => [0xDD, 0xDD, 0xDD],
    }
}

/// Relative luminance (WCAG).
pub fn luminance(c: Rgb) -> f32 {
    let lin = |v: u8| {
        let v = v as f32 / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// Black or white, whichever contrasts more with `background`.
pub fn text_on(background: Rgb) -> Rgb {
    let l = luminance(background);
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        [0, 0, 0]
    } else {
        [255, 255, 255]
    }
}

/// `#rrggbb`, for HTML and SVG.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Rgb, b: Rgb) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_label_is_readable_on_its_fill() {
        for cell in Cell::ALL {
            let bg = grade_rgb(cell);
            let ratio = contrast(bg, text_on(bg));
            assert!(ratio >= 4.5, "{cell:?}: contrast {ratio}");
        }
    }

    #[test]
    fn fills_are_distinct() {
        for (i, a) in Cell::ALL.iter().enumerate() {
            for b in &Cell::ALL[i + 1..] {
                assert_ne!(grade_rgb(*a), grade_rgb(*b));
            }
        }
        assert_eq!(hex([0, 0x72, 0xB2]), "#0072b2");
    }
}
