//! Synthetic grade data for benchmarks and stress tests: the 43 real forces and as many
//! made-up ones as asked for, graded over consecutive years from 2000. Deterministic for a
//! given seed, so runs compare.

use std::fmt::Write;

use crate::forces::ForceRegistry;
use crate::grade::{Cell, Grade};

/// A small, fast, seedable generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..100.
    fn percent(&mut self) -> u64 {
        self.next() % 100
    }
}

/// The name of force number `i` (the first 43 are the real forces).
pub fn force_name(i: usize) -> String {
    let registry = ForceRegistry::builtin();
    match registry.get(i) {
        Some(f) => f.name.clone(),
        None => format!("Synthetic Force {i:06}"),
    }
}

/// Each force's cells over `periods` consecutive years: a random start (8% Outstanding,
/// 70% Good, 18% Requires Improvement, 4% Inadequate) and a one-step move up or down in a
/// quarter of the periods; 1% not graded.
pub fn grades(forces: usize, periods: usize, seed: u64) -> Vec<Vec<Cell>> {
    let mut rng = Rng::new(seed);
    let scale = [
        Grade::Inadequate,
        Grade::RequiresImprovement,
        Grade::Good,
        Grade::Outstanding,
    ];
    (0..forces)
        .map(|_| {
            let mut level = match rng.percent() {
                0..8 => 3,
                8..78 => 2,
                78..96 => 1,
                _ => 0,
            };
            (0..periods)
                .map(|_| {
                    match rng.percent() {
                        0..12 if level < 3 => level += 1,
                        12..25 if level > 0 => level -= 1,
                        _ => {}
                    }
                    if rng.percent() == 0 {
                        Cell::NotGraded
                    } else {
                        Cell::Graded(scale[level])
                    }
                })
                .collect()
        })
        .collect()
}

/// A long CSV (`force,year,grade`): one row per force and period.
pub fn long_csv(forces: usize, periods: usize, seed: u64) -> String {
    let mut out = String::with_capacity(forces * periods * 32);
    out.push_str("force,year,grade\n");
    for (i, row) in grades(forces, periods, seed).into_iter().enumerate() {
        let name = force_name(i);
        for (p, cell) in row.into_iter().enumerate() {
            let _ = writeln!(out, "{name},{},{}", 2000 + p, cell.csv_text());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, parse_source};

    #[test]
    fn deterministic_and_loadable() {
        assert_eq!(long_csv(60, 4, 7), long_csv(60, 4, 7));
        assert_ne!(long_csv(60, 4, 7), long_csv(60, 4, 8));
        let text = long_csv(60, 4, 7);
        assert_eq!(text.lines().count(), 1 + 60 * 4);
        let source = parse_source("synthetic.csv", text.as_bytes()).unwrap();
        let data = Dataset::from_sources(&[source]).unwrap();
        assert_eq!(data.forces().len(), 60);
        assert_eq!(data.periods().len(), 4);
        assert!(data.find_force("Kent").is_some());
        assert!(data.find_force("Synthetic Force 000059").is_some());
    }
}
