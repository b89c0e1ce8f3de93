//! The alluvial (Sankey) diagram across every period in range, drawn from the core's
//! [`Layout`]: ribbons as bands, nodes as bars. Hovering a ribbon names its forces;
//! clicking it selects them.

use egui::epaint::{BandPoint, BandShape};
use egui::{Align2, FontId, Pos2, Rangef, Rect, Sense, Vec2};

use crate::core::aggregate::Tally;
use crate::core::alluvial::Layout;
use crate::gui::palette;
use crate::gui::state::{Action, AppState};
use crate::gui::views::shared::{CHART_HEIGHT, note_ui};

/// The margin between the widget's edge and the layout (room for node labels).
pub const MARGIN: Vec2 = Vec2::new(44.0, 4.0);

/// The height of the row under the columns that says what each leaves out.
const GAPS_ROW: f32 = 14.0;

/// The core layout for a widget rect.
fn layout_in(rect: Rect, columns: &[&Tally], flows: &[crate::core::Transitions]) -> Layout {
    let inner = rect.shrink2(MARGIN);
    Layout::new(
        inner.left(),
        inner.top(),
        inner.width(),
        // Room at the foot for what each column leaves out ("[x] 18").
        inner.height() - GAPS_ROW,
        columns,
        flows,
    )
}

pub fn alluvial_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    let data = &state.data;
    let size = Vec2::new(ui.available_width(), CHART_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let text = &derived.texts.flows;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, text));
    let columns: Vec<&Tally> = derived
        .periods
        .iter()
        .filter_map(|&p| {
            let period = data.period(p);
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
    let layout = layout_in(rect, &columns, &derived.flows);
    let painter = ui.painter_at(rect);
    let hovered = response
        .hover_pos()
        .and_then(|p| layout.ribbon_at(p.x, p.y));
    for (i, ribbon) in layout.ribbons.iter().enumerate() {
        let alpha = if hovered == Some(i) { 0.85 } else { 0.4 };
        let fill = palette::fill(ribbon.from).gamma_multiply(alpha);
        // About one sample per 8 points of width: the same curve for a wide step, and
        // no more vertices in all however many steps share the width.
        let samples = ((ribbon.x1 - ribbon.x0) / 8.0).clamp(4.0, 24.0) as usize;
        let band: Vec<BandPoint> = ribbon
            .samples(samples)
            .into_iter()
            .map(|(x, y)| BandPoint::new(x, Rangef::new(y.min, y.max)))
            .collect();
        painter.add(BandShape::filled(band, fill));
    }
    let text_color = ui.visuals().text_color();
    for (i, &p) in derived.periods.iter().enumerate() {
        if let Some(node) = layout.nodes.iter().find(|n| n.column == i) {
            painter.text(
                Pos2::new(node.x + node.width / 2.0, rect.top() + 2.0),
                Align2::CENTER_TOP,
                data.period(p).short_label(),
                FontId::proportional(12.0),
                text_color,
            );
            // Forces the cycle graded whose grade is not in the record are not drawn:
            // said under the column.
            let gaps = columns
                .get(i)
                .map_or_else(String::new, |t| crate::core::narrative::column_gaps(t));
            if !gaps.is_empty() {
                painter.text(
                    Pos2::new(node.x + node.width / 2.0, rect.bottom() - 2.0),
                    Align2::CENTER_BOTTOM,
                    gaps,
                    FontId::proportional(11.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
    }
    for node in &layout.nodes {
        let fill = palette::fill(node.cell);
        let bar = Rect::from_min_size(
            Pos2::new(node.x, node.y),
            Vec2::new(node.width, node.height),
        );
        painter.rect_filled(bar, 2.0, fill);
        let label = format!("{} {}", node.cell.short(), node.count);
        // Labels sit outside the bar: left of the first column, right of the others.
        let (pos, align) = if node.column == 0 {
            (
                bar.left_center() - Vec2::new(4.0, 0.0),
                Align2::RIGHT_CENTER,
            )
        } else {
            (
                bar.right_center() + Vec2::new(4.0, 0.0),
                Align2::LEFT_CENTER,
            )
        };
        if node.height >= 10.0 {
            painter.text(pos, align, label, FontId::proportional(11.0), text_color);
        }
    }
    if let Some(i) = hovered {
        let r = &layout.ribbons[i];
        let t = &derived.flows[r.step];
        let forces = t.forces(r.from, r.to);
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| ribbon_hover_ui(ui, derived, r));
        if response.clicked() {
            let names = forces.iter().map(|&f| data.force(f).name.clone()).collect();
            actions.push(Action::SelectMany(names));
        }
    }
    note_ui(ui, text);
}

/// What hovering a ribbon says: the step, how many forces took it, and their names.
fn ribbon_hover_ui(
    ui: &mut egui::Ui,
    derived: &crate::gui::state::Derived,
    r: &crate::core::alluvial::Ribbon,
) {
    let t = &derived.flows[r.step];
    ui.label(format!(
        "{} in {}, {} in {}: {} forces",
        r.from.label(),
        t.from,
        r.to.label(),
        t.to,
        r.count
    ));
    let names = derived
        .flow_names
        .get(r.step)
        .and_then(|f| f.get(r.from.index()))
        .and_then(|row| row.get(r.to.index()));
    if let Some(names) = names {
        ui.label(names);
    }
    ui.label(egui::RichText::new("Click to select them").weak());
}
