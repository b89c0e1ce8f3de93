//! The alluvial (Sankey) diagram across every period in range: one node per grade per
//! period, ribbons as wide as the number of forces that took each path. Hovering a ribbon
//! names its forces; clicking it selects them.
//!
//! The layout and hit-testing are plain geometry ([`Layout`], [`Ribbon::contains`]), so
//! they are tested without drawing.

use egui::epaint::{BandPoint, BandShape};
use egui::{Align2, FontId, Pos2, Rangef, Rect, Sense, Vec2};

use super::movement::{CHART_HEIGHT, name_list, text_alternative_ui};
use crate::core::Cell;
use crate::core::aggregate::{Tally, Transitions};
use crate::gui::palette;
use crate::gui::state::{Action, AppState};

/// Width of a node bar.
pub const NODE_WIDTH: f32 = 16.0;
/// Vertical gap between the nodes of one column.
pub const GAP: f32 = 8.0;
/// Room above the columns for the period labels.
const HEADER: f32 = 18.0;

/// One grade in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub column: usize,
    pub cell: Cell,
    pub count: usize,
    pub rect: Rect,
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
    pub left: Rangef,
    pub right: Rangef,
}

impl Ribbon {
    /// The ribbon's vertical extent at `x`, or `None` outside it. Ribbons follow a
    /// smoothstep curve from left to right.
    pub fn y_at(&self, x: f32) -> Option<Rangef> {
        if x < self.x0 || x > self.x1 || self.x1 <= self.x0 {
            return None;
        }
        let t = (x - self.x0) / (self.x1 - self.x0);
        let s = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f32, b: f32| a + (b - a) * s;
        Some(Rangef::new(
            lerp(self.left.min, self.right.min),
            lerp(self.left.max, self.right.max),
        ))
    }

    pub fn contains(&self, p: Pos2) -> bool {
        self.y_at(p.x).is_some_and(|r| r.contains(p.y))
    }

    fn band(&self, samples: usize) -> Vec<BandPoint> {
        (0..=samples)
            .filter_map(|i| {
                let x = self.x0 + (self.x1 - self.x0) * i as f32 / samples as f32;
                self.y_at(x).map(|y| BandPoint::new(x, y))
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
    /// inside `rect`. Every column is scaled alike, so heights compare across periods.
    pub fn new(rect: Rect, columns: &[&Tally], flows: &[Transitions]) -> Layout {
        let n = columns.len();
        if n == 0 {
            return Layout::default();
        }
        let body = Rect::from_min_max(rect.min + Vec2::new(0.0, HEADER), rect.max);
        let max_nodes = columns
            .iter()
            .map(|t| Cell::ALL.iter().filter(|c| t.count(**c) > 0).count())
            .max()
            .unwrap_or(0);
        let max_total = columns.iter().map(|t| t.total()).max().unwrap_or(0).max(1);
        let usable = (body.height() - GAP * max_nodes.saturating_sub(1) as f32).max(1.0);
        let scale = usable / max_total as f32;
        let column_x = |i: usize| {
            if n == 1 {
                body.center().x - NODE_WIDTH / 2.0
            } else {
                body.left() + (body.width() - NODE_WIDTH) * i as f32 / (n - 1) as f32
            }
        };
        let mut nodes = Vec::new();
        for (i, tally) in columns.iter().enumerate() {
            let mut y = body.top();
            for cell in Cell::ALL {
                let count = tally.count(cell);
                if count == 0 {
                    continue;
                }
                let h = count as f32 * scale;
                let x = column_x(i);
                nodes.push(Node {
                    column: i,
                    cell,
                    count,
                    rect: Rect::from_min_size(Pos2::new(x, y), Vec2::new(NODE_WIDTH, h)),
                });
                y += h + GAP;
            }
        }
        let node_top = |column: usize, cell: Cell| {
            nodes
                .iter()
                .find(|n| n.column == column && n.cell == cell)
                .map(|n| n.rect.top())
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
                        left: Rangef::new(l, l + h),
                        right: Rangef::new(r, r + h),
                    });
                }
            }
        }
        Layout { nodes, ribbons }
    }

    /// The ribbon under a point, if any (the last drawn wins).
    pub fn ribbon_at(&self, p: Pos2) -> Option<usize> {
        self.ribbons.iter().rposition(|r| r.contains(p))
    }
}

/// What the diagram shows, in words.
fn flows_text(state: &AppState) -> String {
    let flows = &state.cached().flows;
    if flows.is_empty() {
        return "One period in range: no flows to show.".into();
    }
    let parts: Vec<String> = flows
        .iter()
        .map(|t| {
            format!(
                "{} to {}: {} improved, {} declined, {} unchanged",
                t.from,
                t.to,
                t.improved(),
                t.declined(),
                t.unchanged()
            )
        })
        .collect();
    format!(
        "Flows of forces between grades. {}. Hover a ribbon for its forces; click it to select them.",
        parts.join("; ")
    )
}

pub fn alluvial_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    let data = &state.data;
    ui.strong("Flows across all periods in range");
    let size = Vec2::new(ui.available_width(), CHART_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let text = flows_text(state);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &text));
    let inner = rect.shrink2(Vec2::new(44.0, 4.0));
    let columns: Vec<&Tally> = derived
        .periods
        .iter()
        .filter_map(|&p| {
            let period = data.periods()[p];
            derived
                .distribution
                .iter()
                .find(|r| r.period == period)
                .map(|r| &r.tally)
        })
        .collect();
    if columns.len() != derived.periods.len() {
        ui.label("Some periods in range have no grades for these forces.");
        return;
    }
    let layout = Layout::new(inner, &columns, &derived.flows);
    let painter = ui.painter_at(rect);
    let hovered = response.hover_pos().and_then(|p| layout.ribbon_at(p));
    for (i, ribbon) in layout.ribbons.iter().enumerate() {
        let alpha = if hovered == Some(i) { 0.85 } else { 0.4 };
        let fill = palette::fill(ribbon.from).gamma_multiply(alpha);
        painter.add(BandShape::filled(ribbon.band(24), fill));
    }
    let text_color = ui.visuals().text_color();
    for (i, &p) in derived.periods.iter().enumerate() {
        if let Some(node) = layout.nodes.iter().find(|n| n.column == i) {
            painter.text(
                Pos2::new(node.rect.center().x, rect.top() + 2.0),
                Align2::CENTER_TOP,
                data.periods()[p].to_string(),
                FontId::proportional(12.0),
                text_color,
            );
        }
    }
    for node in &layout.nodes {
        let fill = palette::fill(node.cell);
        painter.rect_filled(node.rect, 2.0, fill);
        let label = format!("{} {}", node.cell.short(), node.count);
        // Labels sit outside the bar: left of the first column, right of the others.
        let (pos, align) = if node.column == 0 {
            (
                node.rect.left_center() - Vec2::new(4.0, 0.0),
                Align2::RIGHT_CENTER,
            )
        } else {
            (
                node.rect.right_center() + Vec2::new(4.0, 0.0),
                Align2::LEFT_CENTER,
            )
        };
        if node.rect.height() >= 10.0 {
            painter.text(pos, align, label, FontId::proportional(11.0), text_color);
        }
    }
    if let Some(i) = hovered {
        let r = &layout.ribbons[i];
        let t = &derived.flows[r.step];
        let forces = t.forces(r.from, r.to);
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(format!(
                "{} in {}, {} in {}: {} forces",
                r.from.label(),
                t.from,
                r.to.label(),
                t.to,
                r.count
            ));
            ui.label(name_list(state, forces));
            ui.label(egui::RichText::new("Click to select them").weak());
        });
        if response.clicked() {
            let names = forces.iter().map(|&f| data.force(f).name.clone()).collect();
            actions.push(Action::SelectMany(names));
        }
    }
    text_alternative_ui(ui, &text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::aggregate::{self, Grouping};
    use crate::core::{Dataset, Grade, RocuMembership};

    fn figure7_layout() -> (Layout, Vec<Transitions>) {
        let data = Dataset::figure7();
        let forces: Vec<usize> = (0..43).collect();
        let periods = [0, 1, 2];
        let dist = aggregate::distribution(
            &data,
            &forces,
            &periods,
            Grouping::National,
            RocuMembership::AtTheTime,
        );
        let columns: Vec<&Tally> = dist.iter().map(|r| &r.tally).collect();
        let flows = aggregate::flows(&data, &forces, &periods);
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(400.0, 300.0));
        (Layout::new(rect, &columns, &flows), flows)
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
        assert!((out - good_2015.rect.height()).abs() < 0.01);
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
        assert_eq!(layout.ribbon_at(Pos2::new(near_x, near_y)), Some(g_ri));
        let mid_x = (r.x0 + r.x1) / 2.0;
        // Ends too.
        let left = Pos2::new(r.x0 + 0.5, r.left.center());
        assert_eq!(layout.ribbon_at(left), Some(g_ri));
        // Outside every ribbon: above the chart, and inside a node column.
        assert_eq!(layout.ribbon_at(Pos2::new(mid_x, -50.0)), None);
        assert_eq!(
            layout.ribbon_at(Pos2::new(r.x0 - 5.0, r.left.center())),
            None
        );
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
            left: Rangef::new(0.0, 2.0),
            right: Rangef::new(10.0, 12.0),
        };
        assert_eq!(r.y_at(0.0), Some(Rangef::new(0.0, 2.0)));
        assert_eq!(r.y_at(10.0), Some(Rangef::new(10.0, 12.0)));
        assert_eq!(r.y_at(5.0), Some(Rangef::new(5.0, 7.0)));
        assert_eq!(r.y_at(11.0), None);
        assert_eq!(r.band(4).len(), 5);
    }
}
