//! The one palette, as plain RGB, shared by the window, the SVG charts of the briefing
//! pack and anything else that draws. Every grade is always printed with its label too, so
//! no reading depends on colour; even so, the grade fills differ in lightness as well as
//! hue, so they stay apart in greyscale (a printout) and for the common colour-vision
//! deficiencies. The tests below record the figures.

use crate::filter::Movement;
use crate::grade::{Cell, Grade};

pub type Rgb = [u8; 3];

/// The fill for a cell value.
pub fn grade_rgb(cell: Cell) -> Rgb {
    match cell {
        Cell::Graded(Grade::Outstanding) => [0x08, 0x30, 0x6B], // navy
        Cell::Graded(Grade::Good) => [0x4A, 0x8F, 0xCB],        // mid blue
        Cell::Graded(Grade::Adequate) => [0xFF, 0xEB, 0x8A],    // pale yellow
        Cell::Graded(Grade::RequiresImprovement) => [0xF5, 0xA0, 0x5A], // light orange
        Cell::Graded(Grade::Inadequate) => [0xA5, 0x0F, 0x15],  // dark red
        Cell::NotGraded => [0xCE, 0xCE, 0xCE],
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

/// The WCAG contrast ratio of two colours (1 to 21): how far apart they are in lightness,
/// which is all a greyscale printout keeps of them.
pub fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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

    /// The five grades.
    fn grades() -> Vec<Cell> {
        Cell::ALL
            .into_iter()
            .filter(|c| *c != Cell::NotGraded)
            .collect()
    }

    #[test]
    fn grades_differ_in_greyscale() {
        // Contrast ratios between grade fills (greyscale keeps only lightness):
        // O-I 1.63, G-RI 1.65, A-RI 1.74, G-I 2.27, G-A 2.88, O-G 3.70, RI-I 3.75, O-RI 6.11,
        // A-I 6.53, O-A 10.64. Not graded: 1.32 from Adequate and from RI, more from the
        // rest.
        let grades = grades();
        for (i, a) in grades.iter().enumerate() {
            for b in &grades[i + 1..] {
                let ratio = contrast(grade_rgb(*a), grade_rgb(*b));
                assert!(ratio >= 1.6, "{a:?} and {b:?}: {ratio:.2}");
            }
            let ratio = contrast(grade_rgb(*a), grade_rgb(Cell::NotGraded));
            assert!(ratio >= 1.3, "{a:?} and not graded: {ratio:.2}");
        }
    }

    /// Linear RGB, 0 to 1.
    fn linear(c: Rgb) -> [f32; 3] {
        c.map(|v| {
            let v = v as f32 / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        })
    }

    /// CIE L*a*b* of linear sRGB (D65).
    fn lab([r, g, b]: [f32; 3]) -> [f32; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f32| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    #[test]
    fn grades_differ_for_colour_blind_readers() {
        // Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
        let simulations: [(&str, [[f32; 3]; 3]); 3] = [
            (
                "protanopia",
                [
                    [0.152_286, 1.052_583, -0.204_868],
                    [0.114_503, 0.786_281, 0.099_216],
                    [-0.003_882, -0.048_116, 1.051_998],
                ],
            ),
            (
                "deuteranopia",
                [
                    [0.367_322, 0.860_646, -0.227_968],
                    [0.280_085, 0.672_501, 0.047_413],
                    [-0.011_820, 0.042_940, 0.968_881],
                ],
            ),
            (
                "tritanopia",
                [
                    [1.255_528, -0.076_749, -0.178_779],
                    [-0.078_411, 0.930_809, 0.147_602],
                    [0.004_733, 0.691_367, 0.303_900],
                ],
            ),
        ];
        let seen = |c: Cell, m: &[[f32; 3]; 3]| {
            let l = linear(grade_rgb(c));
            lab(m.map(|row| (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]).clamp(0.0, 1.0)))
        };
        // Smallest colour difference (CIE76) between two grades, as simulated: protanopia
        // 23 (A-RI), deuteranopia 18 (A-RI), tritanopia 39 (O-G). 10 is plainly visible.
        let grades = grades();
        for (name, m) in &simulations {
            for (i, a) in grades.iter().enumerate() {
                for b in &grades[i + 1..] {
                    let (x, y) = (seen(*a, m), seen(*b, m));
                    let delta = x
                        .iter()
                        .zip(y)
                        .map(|(p, q)| (p - q).powi(2))
                        .sum::<f32>()
                        .sqrt();
                    assert!(
                        delta >= 15.0,
                        "{name}: {a:?} and {b:?} differ by {delta:.1}"
                    );
                }
            }
        }
    }
}
