//! The geometry of the alluvial (Sankey) diagram: one node per grade per period, ribbons
//! as wide as the number of forces that took each path between consecutive periods. Plain
//! numbers (y grows downwards), so the window and the briefing's SVG share one layout, and
//! hit-testing is tested without drawing.

use crate::aggregate::{Tally, Transitions};
use crate::grade::Cell;

/// Width of a node bar.
pub const NODE_WIDTH: f32 = 16.0;
/// Vertical gap between the nodes of one column.
pub const GAP: f32 = 8.0;
/// Room above the columns for the period labels.
pub const HEADER: f32 = 18.0;

/// A vertical extent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub min: f32,
    pub max: f32,
}

impl Span {
    pub fn new(min: f32, max: f32) -> Span {
        Span { min, max }
    }

    pub fn contains(self, y: f32) -> bool {
        self.min <= y && y <= self.max
    }

    pub fn center(self) -> f32 {
        (self.min + self.max) / 2.0
    }

    pub fn span(self) -> f32 {
        self.max - self.min
    }
}

/// One grade in one period: a bar at (x, y) of the given size.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub column: usize,
    pub cell: Cell,
    pub count: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// The forces that went from one grade to another between two consecutive periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Ribbon {
    /// Index of the step (0 = first period to second).
    pub step: usize,
    pub from: Cell,
    pub to: Cell,
    pub count: usize,
    pub x0: f32,
    pub x1: f32,
    /// Vertical extent at `x0` and at `x1`.
    pub left: Span,
    pub right: Span,
}

impl Ribbon {
    /// The ribbon's vertical extent at `x`, or `None` outside it. Ribbons follow a
    /// smoothstep curve from left to right.
    pub fn y_at(&self, x: f32) -> Option<Span> {
        if x < self.x0 || x > self.x1 || self.x1 <= self.x0 {
            return None;
        }
        let t = (x - self.x0) / (self.x1 - self.x0);
        let s = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f32, b: f32| a + (b - a) * s;
        Some(Span::new(
            lerp(self.left.min, self.right.min),
            lerp(self.left.max, self.right.max),
        ))
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        self.y_at(x).is_some_and(|r| r.contains(y))
    }

    /// Samples along the ribbon, for drawing it as a band or a polygon.
    pub fn samples(&self, n: usize) -> Vec<(f32, Span)> {
        (0..=n)
            .filter_map(|i| {
                let x = self.x0 + (self.x1 - self.x0) * i as f32 / n as f32;
                self.y_at(x).map(|y| (x, y))
            })
            .collect()
    }
}

/// Where every node and ribbon goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Node>,
    pub ribbons: Vec<Ribbon>,
}

impl Layout {
    /// Lays out columns (one tally per period) and the flows between consecutive columns
    /// in the box at (`left`, `top`) of the given size. Every column is scaled alike, so
    /// heights compare across periods.
    pub fn new(
        left: f32,
        top: f32,
        width: f32,
        height: f32,
        columns: &[&Tally],
        flows: &[Transitions],
    ) -> Layout {
        let n = columns.len();
        if n == 0 {
            return Layout::default();
        }
        let body_top = top + HEADER;
        let body_height = height - HEADER;
        let max_nodes = columns
            .iter()
            .map(|t| Cell::ALL.iter().filter(|c| t.count(**c) > 0).count())
            .max()
            .unwrap_or(0);
        let max_total = columns.iter().map(|t| t.total()).max().unwrap_or(0).max(1);
        let usable = (body_height - GAP * max_nodes.saturating_sub(1) as f32).max(1.0);
        let scale = usable / max_total as f32;
        let column_x = |i: usize| {
            if n == 1 {
                left + (width - NODE_WIDTH) / 2.0
            } else {
                left + (width - NODE_WIDTH) * i as f32 / (n - 1) as f32
            }
        };
        let mut nodes = Vec::new();
        for (i, tally) in columns.iter().enumerate() {
            let mut y = body_top;
            for cell in Cell::ALL {
                let count = tally.count(cell);
                if count == 0 {
                    continue;
                }
                let h = count as f32 * scale;
                nodes.push(Node {
                    column: i,
                    cell,
                    count,
                    x: column_x(i),
                    y,
                    width: NODE_WIDTH,
                    height: h,
                });
                y += h + GAP;
            }
        }
        let node_top = |column: usize, cell: Cell| {
            nodes
                .iter()
                .find(|n| n.column == column && n.cell == cell)
                .map(|n| n.y)
        };
        let mut ribbons = Vec::new();
        for (step, t) in flows.iter().enumerate().take(n.saturating_sub(1)) {
            // Outgoing ribbons leave a node in to-grade order; incoming ones arrive in
            // from-grade order, so ribbons do not cross inside a node.
            let mut out_offset = [0.0f32; 6];
            let mut in_offset = [0.0f32; 6];
            for from in Cell::ALL {
                for to in Cell::ALL {
                    let count = t.count(from, to);
                    if count == 0 {
                        continue;
                    }
                    let (Some(left_top), Some(right_top)) =
                        (node_top(step, from), node_top(step + 1, to))
                    else {
                        continue;
                    };
                    let h = count as f32 * scale;
                    let l = left_top + out_offset[from.index()];
                    let r = right_top + in_offset[to.index()];
                    out_offset[from.index()] += h;
                    in_offset[to.index()] += h;
                    ribbons.push(Ribbon {
                        step,
                        from,
                        to,
                        count,
                        x0: column_x(step) + NODE_WIDTH,
                        x1: column_x(step + 1),
                        left: Span::new(l, l + h),
                        right: Span::new(r, r + h),
                    });
                }
            }
        }
        Layout { nodes, ribbons }
    }

    /// The ribbon under a point, if any (the last drawn wins).
    pub fn ribbon_at(&self, x: f32, y: f32) -> Option<usize> {
        self.ribbons.iter().rposition(|r| r.contains(x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{self, Grouping};
    use crate::{Dataset, Grade, PeriodIx, RocuMembership};

    fn figure7_layout() -> (Layout, Vec<Transitions>) {
        let data = Dataset::figure7();
        let forces: Vec<usize> = (0..43).collect();
        let periods = PeriodIx::many([0, 1, 2]);
        let dist = aggregate::distribution(
            &data,
            &forces,
            &periods,
            Grouping::National,
            RocuMembership::AtTheTime,
        );
        let columns: Vec<&Tally> = dist.iter().map(|r| &r.tally).collect();
        let flows = aggregate::flows(&data, &forces, &periods);
        (Layout::new(0.0, 0.0, 400.0, 300.0, &columns, &flows), flows)
    }

    #[test]
    fn nodes_and_ribbons_follow_the_counts() {
        let (layout, _) = figure7_layout();
        // 2015 has 3 grades in use; 2016 and 2017 have 4.
        assert_eq!(layout.nodes.len(), 3 + 4 + 4);
        let good_2015 = layout
            .nodes
            .iter()
            .find(|n| n.column == 0 && n.cell == Cell::Graded(Grade::Good))
            .unwrap();
        assert_eq!(good_2015.count, 32);
        // Ribbon widths add up to the node heights (every force is in both periods).
        let out: f32 = layout
            .ribbons
            .iter()
            .filter(|r| r.step == 0 && r.from == Cell::Graded(Grade::Good))
            .map(|r| r.left.span())
            .sum();
        assert!((out - good_2015.height).abs() < 0.01);
        // Seven distinct paths from 2015 to 2016.
        assert_eq!(layout.ribbons.iter().filter(|r| r.step == 0).count(), 7);
    }

    #[test]
    fn hit_testing_finds_the_ribbon_under_the_pointer() {
        let (layout, flows) = figure7_layout();
        let g_ri = layout
            .ribbons
            .iter()
            .position(|r| {
                r.step == 0
                    && r.from == Cell::Graded(Grade::Good)
                    && r.to == Cell::Graded(Grade::RequiresImprovement)
            })
            .unwrap();
        let r = &layout.ribbons[g_ri];
        assert_eq!(r.count, 6);
        assert_eq!(
            flows[0].count(r.from, r.to),
            r.count,
            "ribbons carry the core's counts"
        );
        // Near the left end (in the middle, the Requires Improvement to Good ribbon
        // crosses it, and the one drawn last wins).
        let near_x = r.x0 + 0.1 * (r.x1 - r.x0);
        let near_y = r.y_at(near_x).unwrap().center();
        assert_eq!(layout.ribbon_at(near_x, near_y), Some(g_ri));
        assert_eq!(layout.ribbon_at(r.x0 + 0.5, r.left.center()), Some(g_ri));
        // Outside every ribbon: above the chart, and inside a node column.
        let mid_x = (r.x0 + r.x1) / 2.0;
        assert_eq!(layout.ribbon_at(mid_x, -50.0), None);
        assert_eq!(layout.ribbon_at(r.x0 - 5.0, r.left.center()), None);
    }

    #[test]
    fn smoothstep_keeps_ends_exact() {
        let r = Ribbon {
            step: 0,
            from: Cell::NotGraded,
            to: Cell::NotGraded,
            count: 1,
            x0: 0.0,
            x1: 10.0,
            left: Span::new(0.0, 2.0),
            right: Span::new(10.0, 12.0),
        };
        assert_eq!(r.y_at(0.0), Some(Span::new(0.0, 2.0)));
        assert_eq!(r.y_at(10.0), Some(Span::new(10.0, 12.0)));
        assert_eq!(r.y_at(5.0), Some(Span::new(5.0, 7.0)));
        assert_eq!(r.y_at(11.0), None);
        assert_eq!(r.samples(4).len(), 5);
    }
}
