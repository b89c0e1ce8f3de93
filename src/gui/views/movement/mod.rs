//! The Movement view: how grades moved. Four charts, each following the filters, each
//! with a text alternative: the grade distribution per period, the transition matrix
//! between two chosen periods, the alluvial diagram across every period in range, and the
//! selected forces' trajectories.

use egui_plot::{Bar, BarChart, GridMark, Line, PlotPoints};

pub mod alluvial;
pub mod transition_matrix;

use super::shared::{
    chart_frame_ui, key_item_ui, legend_ui, note_ui, period_plot, scale_break_line,
};
use crate::core::{Cell, Grade};
use crate::gui::chart::Chart;
use crate::gui::palette;
use crate::gui::state::{Action, AppState, Trajectories};

pub fn movement_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let derived = state.cached();
    if derived.periods.is_empty() || state.data.forces().is_empty() {
        ui.label("No data in range. Open Sources, or widen the period range.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("movement_scroll")
        .show(ui, |ui| {
            let draw = |ui: &mut egui::Ui, chart: Chart, actions: &mut Vec<Action>| {
                chart_frame_ui(ui, state, chart, actions, |ui, actions| {
                    crate::gui::views::chart_ui(ui, state, chart, actions)
                });
            };
            let rows = [
                [Chart::Distribution, Chart::Transitions],
                [Chart::Flows, Chart::Trajectories],
            ];
            if ui.available_width() >= 900.0 {
                for (i, [left, right]) in rows.into_iter().enumerate() {
                    if i > 0 {
                        ui.separator();
                    }
                    ui.columns(2, |columns| {
                        draw(&mut columns[0], left, actions);
                        draw(&mut columns[1], right, actions);
                    });
                }
            } else {
                for chart in rows.into_iter().flatten() {
                    draw(ui, chart, actions);
                    ui.add_space(12.0);
                }
            }
        });
}

/// Cells a chart shows: those with any count, best first.
fn cells_in_use(state: &AppState) -> Vec<Cell> {
    let rows = &state.cached().distribution;
    Cell::ALL
        .into_iter()
        .filter(|&c| rows.iter().any(|r| r.tally.count(c) > 0))
        .collect()
}

/// Grade counts per period as stacked bars; hovering a segment names its forces.
pub fn distribution_ui(ui: &mut egui::Ui, state: &AppState) {
    let derived = state.cached();
    let data = &state.data;
    let rows = &derived.distribution;
    let labels = data.short_period_labels(&derived.periods);
    let mut charts: Vec<BarChart> = Vec::new();
    for cell in cells_in_use(state) {
        let bars: Vec<Bar> = derived
            .periods
            .iter()
            .enumerate()
            .map(|(x, &p)| {
                let period = data.period(p);
                let row = rows.iter().find(|r| r.period == period);
                let forces = row.map_or(&[][..], |r| &r.tally.forces[cell.index()][..]);
                let name = derived.texts.bars[cell.index()][x].clone();
                Bar::new(x as f64, forces.len() as f64)
                    .name(name)
                    .fill(palette::fill(cell))
                    .width(0.6)
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(cell.label(), bars)
            .color(palette::fill(cell))
            .element_formatter(Box::new(|bar, _| bar.name.clone()))
            .stack_on(&refs);
        charts.push(chart);
    }
    // Forces the cycle graded whose grade is not in the record: an empty, outlined block
    // on top of each bar, so a short bar is never read as fewer forces graded.
    let any_missing = !derived.texts.missing_bars.is_empty();
    if any_missing {
        let outline = ui.visuals().text_color();
        let bars: Vec<Bar> = derived
            .texts
            .missing_bars
            .iter()
            .enumerate()
            .map(|(x, (n, name))| {
                Bar::new(x as f64, *n as f64)
                    .name(name.clone())
                    .fill(egui::Color32::TRANSPARENT)
                    .stroke(egui::Stroke::new(1.0, outline))
                    .width(0.6)
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new("Not in the record [x]", bars)
            .color(outline)
            .element_formatter(Box::new(|bar, _| bar.name.clone()))
            .stack_on(&refs);
        charts.push(chart);
    }
    period_plot("distribution_plot", labels)
        .show_grid([false, true])
        .include_y(0.0)
        .y_axis_label("Forces")
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
            scale_break_line(plot, derived.scale_break);
        });
    legend_ui(ui, &cells_in_use(state));
    if any_missing {
        ui.weak("The outlined block on a bar: forces graded whose grade is not in the record [x].");
    }
    note_ui(ui, &derived.texts.distribution);
}

/// The selected forces' grades over time, one line each, grade names on the axis.
pub fn trajectories_ui(ui: &mut egui::Ui, state: &AppState) {
    let derived = state.cached();
    let data = &state.data;
    let shown = &derived.trajectories.forces;
    if derived.selection.is_empty() && derived.rows.len() > Trajectories::MAX_LINES {
        ui.label(
            "Select forces to draw their grades over time: click a force in the table \
             (Ctrl+click for several), or click a ribbon in the diagram.",
        );
        return;
    }
    let labels = data.short_period_labels(&derived.periods);
    let n = shown.len().max(1) as f64;
    let marks = Grade::scale(derived.trajectories.adequate);
    let axis_marks = marks.clone();
    period_plot("trajectory_plot", labels)
        .y_axis_label("Grade")
        .include_y(0.7)
        .include_y(4.3)
        .y_grid_spacer(move |_| {
            marks
                .iter()
                .map(|g| GridMark {
                    value: g.score(),
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(move |mark, _| {
            axis_marks
                .iter()
                .find(|g| (g.score() - mark.value).abs() < 1e-6)
                .map_or(String::new(), |g| g.short().to_string())
        })
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let grade = Grade::ALL
                    .iter()
                    .min_by(|a, b| {
                        (a.score() - position.y)
                            .abs()
                            .total_cmp(&(b.score() - position.y).abs())
                    })
                    .map_or("", |g| g.label());
                Some(format!("{plot_name}: {grade}"))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            scale_break_line(plot, derived.scale_break);
            for (i, &f) in shown.iter().enumerate() {
                // A small offset per line keeps equal trajectories from hiding each other.
                let offset = (i as f64 - (n - 1.0) / 2.0) * 0.04;
                let points: PlotPoints = derived
                    .periods
                    .iter()
                    .enumerate()
                    .filter_map(|(x, &p)| {
                        let g = data.cell(f, p)?.grade()?;
                        Some([x as f64, g.score() + offset])
                    })
                    .collect();
                plot.line(
                    Line::new(data.force(f).name.clone(), points)
                        .width(2.0)
                        .color(palette::series(i)),
                );
            }
        });
    ui.horizontal_wrapped(|ui| {
        for (i, &f) in shown.iter().enumerate() {
            let name = &data.force(f).name;
            let text = if derived.shown.get(f).copied().unwrap_or(false) {
                name.clone()
            } else {
                format!("{name} (outside the filters)")
            };
            key_item_ui(ui, egui::vec2(14.0, 4.0), &text, |p, r| {
                p.rect_filled(r, 1.0, palette::series(i));
            });
        }
    });
    note_ui(ui, &derived.trajectories.text);
}
