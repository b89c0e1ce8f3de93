//! The hexagon map of the 43 forces: the layout (`data/hexmap.csv`), the real land borders
//! it is checked against (`data/neighbours.csv`), and the geometry of pointy-topped
//! hexagons in "odd-r" offset coordinates (odd rows shifted half a hexagon right).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

const HEXMAP_CSV: &str = include_str!("../../../../data/hexmap.csv");
const NEIGHBOURS_CSV: &str = include_str!("../../../../data/neighbours.csv");

/// A cell of the hexagon grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub struct Hex {
    pub col: i32,
    pub row: i32,
}

impl Hex {
    /// The six cells that share an edge with this one.
    pub fn neighbours(self) -> [Hex; 6] {
        let Hex { col: c, row: r } = self;
        let offsets = if r.rem_euclid(2) == 0 {
            [(-1, 0), (1, 0), (-1, -1), (0, -1), (-1, 1), (0, 1)]
        } else {
            [(-1, 0), (1, 0), (0, -1), (1, -1), (0, 1), (1, 1)]
        };
        offsets.map(|(dc, dr)| Hex {
            col: c + dc,
            row: r + dr,
        })
    }

    /// The centre, in units of the hexagon's circumradius: hexagons are √3 wide and rows
    /// are 1.5 apart.
    pub fn centre(self) -> (f32, f32) {
        let w = 3f32.sqrt();
        let x = w
            * (self.col as f32
                + if self.row.rem_euclid(2) == 1 {
                    0.5
                } else {
                    0.0
                });
        (x, 1.5 * self.row as f32)
    }

    /// The six corners around `centre` for circumradius `r`, clockwise from the top.
    pub fn corners(centre: (f32, f32), r: f32) -> [(f32, f32); 6] {
        std::array::from_fn(|i| {
            let angle = std::f32::consts::PI / 180.0 * (60.0 * i as f32 - 90.0);
            (centre.0 + r * angle.cos(), centre.1 + r * angle.sin())
        })
    }

    /// Whether a point (relative to the centre, in circumradius units) is inside.
    pub fn contains(dx: f32, dy: f32) -> bool {
        let (x, y) = (dx.abs(), dy.abs());
        let w = 3f32.sqrt() / 2.0;
        x <= w && y <= 1.0 && (x / w) * 0.5 + y <= 1.0
    }
}

#[derive(Deserialize)]
struct Placement {
    force: String,
    col: i32,
    row: i32,
    label: String,
}

#[derive(Deserialize)]
struct Border {
    force: String,
    neighbour: String,
}

/// The map layout and the real borders, keyed by Figure 7 force name.
#[derive(Debug)]
pub struct HexMap {
    pub cells: BTreeMap<String, Hex>,
    /// A short label that fits in a hexagon ("Nhants", "TV").
    pub labels: BTreeMap<String, String>,
    pub borders: BTreeSet<(String, String)>,
}

impl HexMap {
    /// The built-in map.
    pub fn builtin() -> &'static HexMap {
        static MAP: OnceLock<HexMap> = OnceLock::new();
        MAP.get_or_init(|| {
            // Both files are part of the binary and checked by tests.
            HexMap::parse(HEXMAP_CSV, NEIGHBOURS_CSV).expect("data/hexmap.csv is valid")
        })
    }

    pub fn parse(layout: &str, borders: &str) -> Result<HexMap, csv::Error> {
        let placements = csv::Reader::from_reader(layout.as_bytes())
            .deserialize::<Placement>()
            .collect::<Result<Vec<_>, _>>()?;
        let labels = placements
            .iter()
            .map(|p| (p.force.clone(), p.label.clone()))
            .collect();
        let cells = placements
            .into_iter()
            .map(|p| {
                (
                    p.force,
                    Hex {
                        col: p.col,
                        row: p.row,
                    },
                )
            })
            .collect();
        let borders = csv::Reader::from_reader(borders.as_bytes())
            .deserialize::<Border>()
            .map(|b| {
                b.map(|b| {
                    let (x, y) = if b.force <= b.neighbour {
                        (b.force, b.neighbour)
                    } else {
                        (b.neighbour, b.force)
                    };
                    (x, y)
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(HexMap {
            cells,
            labels,
            borders,
        })
    }

    pub fn is_border(&self, a: &str, b: &str) -> bool {
        let key = if a <= b { (a, b) } else { (b, a) };
        self.borders
            .iter()
            .any(|(x, y)| (x.as_str(), y.as_str()) == key)
    }

    /// The force at a cell, if any.
    pub fn force_at(&self, hex: Hex) -> Option<&str> {
        self.cells
            .iter()
            .find(|(_, h)| **h == hex)
            .map(|(f, _)| f.as_str())
    }

    /// The forces whose hexagons share an edge with this force's.
    pub fn touching(&self, force: &str) -> Vec<&str> {
        let Some(hex) = self.cells.get(force) else {
            return Vec::new();
        };
        hex.neighbours()
            .iter()
            .filter_map(|h| self.force_at(*h))
            .collect()
    }

    /// The extent of the hexagons' centres, in circumradius units:
    /// (min x, min y, max x, max y).
    pub fn extent(&self) -> (f32, f32, f32, f32) {
        let centres: Vec<(f32, f32)> = self.cells.values().map(|h| h.centre()).collect();
        let fold = |pick: fn(&(f32, f32)) -> f32, best: fn(f32, f32) -> f32| {
            centres.iter().map(pick).reduce(best).unwrap_or(0.0)
        };
        (
            fold(|c| c.0, f32::min),
            fold(|c| c.1, f32::min),
            fold(|c| c.0, f32::max),
            fold(|c| c.1, f32::max),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ForceRegistry;

    #[test]
    fn every_force_once_and_no_shared_cell() {
        let map = HexMap::builtin();
        assert_eq!(map.cells.len(), 43);
        let registry = ForceRegistry::builtin();
        for f in registry.forces() {
            assert!(map.cells.contains_key(&f.name), "{} has no hexagon", f.name);
        }
        let distinct: BTreeSet<Hex> = map.cells.values().copied().collect();
        assert_eq!(distinct.len(), 43, "two forces share a cell");
        let labels: BTreeSet<&String> = map.labels.values().collect();
        assert_eq!(labels.len(), 43, "two forces share a label");
        assert!(map.labels.values().all(|l| l.chars().count() <= 6));
    }

    #[test]
    fn borders_are_between_known_forces() {
        let map = HexMap::builtin();
        assert_eq!(map.borders.len(), 99);
        for (a, b) in &map.borders {
            assert!(
                map.cells.contains_key(a) && map.cells.contains_key(b),
                "{a} {b}"
            );
            assert_ne!(a, b);
        }
        assert!(map.is_border("Kent", "Sussex"));
        assert!(map.is_border("Sussex", "Kent"));
        assert!(!map.is_border("Kent", "Essex"));
    }

    #[test]
    fn every_force_touches_a_real_neighbour() {
        let map = HexMap::builtin();
        for force in map.cells.keys() {
            let touching = map.touching(force);
            assert!(
                touching.iter().any(|t| map.is_border(force, t)),
                "{force} touches {touching:?}, none a real neighbour"
            );
        }
        // Most real borders are shared edges.
        let kept = map
            .borders
            .iter()
            .filter(|(a, b)| map.touching(a).contains(&b.as_str()))
            .count();
        assert!(kept >= 86, "{kept} of {} borders kept", map.borders.len());
    }

    #[test]
    fn regions_stay_in_one_piece() {
        let map = HexMap::builtin();
        let registry = ForceRegistry::builtin();
        let region = |f: &str| {
            registry
                .lookup(f)
                .and_then(|i| registry.get(i))
                .map(|i| i.region.clone())
        };
        let regions: BTreeSet<String> =
            registry.forces().iter().map(|f| f.region.clone()).collect();
        for r in regions {
            let members: Vec<&String> = map
                .cells
                .keys()
                .filter(|f| region(f).as_deref() == Some(&r))
                .collect();
            let mut seen = BTreeSet::from([members[0].as_str()]);
            let mut stack = vec![members[0].as_str()];
            while let Some(f) = stack.pop() {
                for t in map.touching(f) {
                    if region(t).as_deref() == Some(&r) && seen.insert(t) {
                        stack.push(t);
                    }
                }
            }
            assert_eq!(seen.len(), members.len(), "{r} is split");
        }
    }

    #[test]
    fn recognisable_places() {
        let map = HexMap::builtin();
        let cell = |f: &str| map.cells[f];
        // The North East at the top, Wales on the west, London touching Kent and Essex.
        let top = map.cells.values().map(|h| h.row).min().unwrap();
        assert_eq!(cell("Northumbria").row, top);
        for wales in ["North Wales", "Dyfed-Powys", "South Wales", "Gwent"] {
            assert!(cell(wales).col <= 1, "{wales}");
        }
        let london = map.touching("MPS");
        for f in [
            "City of London",
            "Kent",
            "Essex",
            "Surrey",
            "Thames Valley",
            "Hertfordshire",
        ] {
            assert!(london.contains(&f), "MPS should touch {f}: {london:?}");
        }
    }

    #[test]
    fn extent_covers_shifted_rows() {
        let map = HexMap::parse(
            "force,col,row,label\nA,0,0,A\nB,0,1,B\nC,2,3,C\n",
            "force,neighbour\n",
        )
        .unwrap();
        let w = 3f32.sqrt();
        assert_eq!(map.extent(), (0.0, 0.0, 2.5 * w, 4.5));
    }

    #[test]
    fn geometry() {
        let a = Hex { col: 2, row: 2 };
        for n in a.neighbours() {
            let (x0, y0) = a.centre();
            let (x1, y1) = n.centre();
            let d = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
            assert!((d - 3f32.sqrt()).abs() < 1e-4, "{n:?} at {d}");
        }
        assert!(Hex::contains(0.0, 0.0));
        assert!(Hex::contains(0.8, 0.0));
        assert!(Hex::contains(0.0, 0.99));
        assert!(!Hex::contains(0.0, 1.01));
        assert!(!Hex::contains(0.85, 0.6));
        assert!(!Hex::contains(0.9, 0.0));
    }
}
