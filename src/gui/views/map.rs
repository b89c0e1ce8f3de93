//! The hexagon map: one hexagon per force, coloured by its grade in a chosen period (with
//! a slider and a play button) or by how its grade changed between two periods. Regions
//! are outlined; forces outside the filters are dimmed, not hidden. Hover for a force's
//! grades; click to select it (the same selection as the table and profile).

use egui::{Align2, Color32, FontId, Pos2, Sense, Shape, Stroke, Vec2};

use super::movement::text_alternative_ui;
use super::widgets::{chart_frame_ui, legend_ui};
use crate::core::aggregate::Tally;
use crate::core::hexmap::{Hex, HexMap};
use crate::core::narrative::tally_text;
use crate::core::{Cell, Direction, Movement, Period};
use crate::gui::files::Chart;
use crate::gui::palette;
use crate::gui::state::{Action, AppState, MapMode};

/// How a hexagon is filled and labelled.
struct Look {
    fill: Color32,
    mark: String,
    /// What a screen reader says after the force's name.
    says: String,
}

fn grade_look(cell: Option<Cell>, period: Period) -> Look {
    match cell {
        Some(c) => Look {
            fill: palette::fill(c),
            mark: c.short().into(),
            says: format!("{} in {period}", c.label()),
        },
        None => Look {
            fill: Color32::TRANSPARENT,
            mark: String::new(),
            says: format!("no grade in {period}"),
        },
    }
}

fn change_look(a: Option<Cell>, b: Option<Cell>, from: Period, to: Period) -> Look {
    let (Some(a), Some(b)) = (a, b) else {
        return Look {
            fill: Color32::TRANSPARENT,
            mark: String::new(),
            says: format!("not graded in both {from} and {to}"),
        };
    };
    let (movement, mark, word) = match Direction::between(a, b) {
        Some(Direction::Improved) => (Movement::Improved, "+", "improved"),
        Some(Direction::Declined) => (Movement::Declined, "-", "declined"),
        _ => (Movement::Stable, "=", "unchanged"),
    };
    Look {
        fill: palette::movement(movement),
        mark: mark.into(),
        says: format!("{} in {from}, {} in {to}: {word}", a.label(), b.label()),
    }
}

fn controls_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let periods = state.filter.periods(&state.data);
    ui.horizontal_wrapped(|ui| {
        ui.label("Colour by");
        for (mode, label) in [
            (MapMode::Grade, "Grade in a period"),
            (MapMode::Change, "Change between two periods"),
        ] {
            if ui.selectable_label(state.map_mode == mode, label).clicked() {
                actions.push(Action::SetMapMode(mode));
            }
        }
        ui.separator();
        match state.map_mode {
            MapMode::Grade => {
                let Some(current) = state.map_period() else {
                    return;
                };
                let mut index = periods.iter().position(|p| *p == current).unwrap_or(0);
                let last = periods.len().saturating_sub(1);
                let labels = periods.clone();
                let slider = egui::Slider::new(&mut index, 0..=last)
                    .custom_formatter(move |v, _| {
                        labels
                            .get(v.round() as usize)
                            .map_or(String::new(), |p| p.to_string())
                    })
                    .custom_parser(|_| None)
                    .text("Period");
                if ui.add_enabled(last > 0, slider).changed()
                    && let Some(&p) = periods.get(index)
                {
                    actions.push(Action::SetMapPeriod(p));
                }
                let now = ui.input(|i| i.time);
                let playing = state.map_playing.is_some();
                if ui
                    .add_enabled(
                        last > 0,
                        egui::Button::new(if playing { "Pause" } else { "Play" }),
                    )
                    .on_hover_text("Step through the periods in range")
                    .clicked()
                {
                    actions.push(Action::ToggleMapPlay(now));
                }
                if playing {
                    actions.push(Action::MapTick(now));
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_millis(200));
                }
            }
            MapMode::Change => {
                let Some((from, to)) = state.change_periods() else {
                    ui.label("Needs two periods.");
                    return;
                };
                for (label, current, is_from) in [("Map from", from, true), ("Map to", to, false)] {
                    let mut chosen = current;
                    egui::ComboBox::from_label(label)
                        .selected_text(current.to_string())
                        .show_ui(ui, |ui| {
                            for p in state.data.periods() {
                                ui.selectable_value(&mut chosen, *p, p.to_string());
                            }
                        });
                    if chosen != current {
                        actions.push(if is_from {
                            Action::SetChangePeriods(chosen, to)
                        } else {
                            Action::SetChangePeriods(from, chosen)
                        });
                    }
                }
            }
        }
    });
}

pub fn map_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    controls_ui(ui, state, actions);
    chart_frame_ui(ui, Chart::Map, actions, |ui, actions| {
        hexagons_ui(ui, state, actions);
    });
}

fn hexagons_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let data = &state.data;
    let derived = state.cached();
    let map = HexMap::builtin();
    // The 43 cells, each with its force's index in the data (if loaded).
    let on_map: Vec<(usize, Hex, &str)> = map
        .cells
        .iter()
        .filter_map(|(name, hex)| {
            let f = data.find_force(name)?;
            Some((f, *hex, map.labels.get(name).map_or("", String::as_str)))
        })
        .collect();
    if on_map.is_empty() {
        ui.label("None of the loaded forces is one of the 43 on the map.");
        return;
    }
    let period = state.map_period();
    let change = state.change_periods();

    // Fit the grid into the space left above the legend and the text alternative.
    let (x0, y0, x1, y1) = map.extent();
    let grid_w = x1 - x0 + 3f32.sqrt();
    let grid_h = y1 - y0 + 2.0;
    let avail = ui.available_size() - Vec2::new(0.0, 110.0);
    let radius = (avail.x / grid_w).min(avail.y / grid_h).clamp(12.0, 60.0);
    let size = Vec2::new(grid_w * radius, grid_h * radius);
    let (area, _) = ui.allocate_exact_size(size, Sense::hover());
    let origin = area.min + Vec2::new(3f32.sqrt() / 2.0 - x0, 1.0 - y0) * radius;
    let centre_of = |hex: Hex| {
        let (x, y) = hex.centre();
        origin + Vec2::new(x, y) * radius
    };
    let painter = ui.painter_at(area);
    let selected: Vec<usize> = derived.selection.clone();
    let mut tally = Tally::default();
    let mut changes = [0usize; 3];
    let mut dimmed = 0;

    for &(f, hex, label) in &on_map {
        let name = &data.force(f).name;
        let look = match (state.map_mode, period, change) {
            (MapMode::Grade, Some(p), _) => {
                let cell = data.cell_at(f, p);
                if let Some(c) = cell {
                    tally.add(c, f);
                }
                grade_look(cell, p)
            }
            (MapMode::Change, _, Some((a, b))) => {
                let (x, y) = (data.cell_at(f, a), data.cell_at(f, b));
                if let Some(d) = x.zip(y).and_then(|(x, y)| Direction::between(x, y)) {
                    changes[d as usize] += 1;
                }
                change_look(x, y, a, b)
            }
            _ => grade_look(None, Period::year(0)),
        };
        let shown = derived.shown.get(f).copied().unwrap_or(false);
        if !shown {
            dimmed += 1;
        }
        let centre = centre_of(hex);
        let corners: Vec<Pos2> = Hex::corners((centre.x, centre.y), radius * 0.97)
            .iter()
            .map(|&(x, y)| Pos2::new(x, y))
            .collect();
        let base = if look.fill == Color32::TRANSPARENT {
            ui.visuals().faint_bg_color
        } else {
            look.fill
        };
        let fill = if shown {
            base
        } else {
            ui.visuals().panel_fill.lerp_to_gamma(base, 0.25)
        };
        let is_selected = selected.contains(&f);
        let outline = if is_selected {
            Stroke::new(3.0, ui.visuals().strong_text_color())
        } else {
            Stroke::new(1.0, ui.visuals().panel_fill)
        };
        painter.add(Shape::convex_polygon(corners, fill, outline));
        let text = if shown {
            palette::text_on(base)
        } else {
            ui.visuals().weak_text_color()
        };
        let small = (radius * 0.32).clamp(8.0, 13.0);
        painter.text(
            centre - Vec2::new(0.0, radius * 0.22),
            Align2::CENTER_CENTER,
            label,
            FontId::proportional(small),
            text,
        );
        painter.text(
            centre + Vec2::new(0.0, radius * 0.28),
            Align2::CENTER_CENTER,
            &look.mark,
            FontId::proportional(small + 2.0),
            text,
        );

        // The rectangle inside the hexagon between its two vertical edges: a click
        // target that never overlaps a neighbour's.
        let w = 3f32.sqrt() / 2.0 * radius * 0.97;
        let target = egui::Rect::from_center_size(centre, Vec2::new(2.0 * w, radius));
        let id = ui.scope_id().with(("hex", name));
        let response = ui.interact(target, id, Sense::click());
        let says = format!("{name}: {}", look.says);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &says));
        let response = response.on_hover_ui(|ui| {
            ui.strong(name);
            for &p in &derived.periods {
                let period = data.periods()[p];
                let cell = data.cell(f, p);
                ui.label(format!(
                    "{period}: {}",
                    cell.map_or("no record", |c| c.label())
                ));
            }
            if !shown {
                ui.label(egui::RichText::new("Outside the current filters").weak());
            }
        });
        if response.clicked() {
            if ui.input(|i| i.modifiers.command) {
                actions.push(Action::ToggleSelect(name.clone()));
            } else {
                actions.push(Action::Select(Some(name.clone())));
            }
        }
    }

    // Region outlines: every hexagon edge with a different region (or nothing) across it.
    let region_of = |force: &str| data.find_force(force).and_then(|f| data.force(f).region());
    let outline = Stroke::new(2.0, ui.visuals().strong_text_color());
    for (force, hex) in &map.cells {
        let region = region_of(force);
        let centre = centre_of(*hex);
        let corners = Hex::corners((centre.x, centre.y), radius);
        for neighbour in hex.neighbours() {
            let other = map.force_at(neighbour).and_then(region_of);
            if other == region && map.force_at(neighbour).is_some() {
                continue;
            }
            // The shared edge is the one whose midpoint points at the neighbour.
            let nc = centre_of(neighbour);
            let dir = (nc - centre).normalized();
            let edge = (0..6).max_by(|&i, &j| {
                let mid = |k: usize| {
                    let (a, b) = (corners[k], corners[(k + 1) % 6]);
                    Vec2::new((a.0 + b.0) / 2.0 - centre.x, (a.1 + b.1) / 2.0 - centre.y)
                };
                mid(i).dot(dir).total_cmp(&mid(j).dot(dir))
            });
            if let Some(k) = edge {
                let (a, b) = (corners[k], corners[(k + 1) % 6]);
                painter.line_segment([Pos2::new(a.0, a.1), Pos2::new(b.0, b.1)], outline);
            }
        }
    }

    match state.map_mode {
        MapMode::Grade => {
            let adequate = crate::core::aggregate::adequate_in_tallies(period.map(|p| (p, &tally)));
            legend_ui(ui, &Cell::columns(adequate, false));
        }
        MapMode::Change => {
            ui.horizontal_wrapped(|ui| {
                for (m, text) in [
                    (Movement::Improved, "+ improved"),
                    (Movement::Declined, "- declined"),
                    (Movement::Stable, "= unchanged"),
                ] {
                    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, palette::movement(m));
                    ui.label(text);
                }
            });
        }
    }
    // Every force on the map is one of the 43; the others are the unknown ones.
    let missing_count = data.forces().len() - on_map.len();
    let mut missing: Vec<&str> = data
        .forces()
        .iter()
        .filter(|f| f.info.is_none())
        .take(5)
        .map(|f| f.name.as_str())
        .collect();
    if missing_count > missing.len() {
        missing.push("and more");
    }
    let mut text = match (state.map_mode, period, change) {
        (MapMode::Grade, Some(p), _) => format!(
            "Map of {} forces coloured by grade in {p}: {}.",
            on_map.len(),
            tally_text(&tally)
        ),
        (MapMode::Change, _, Some((a, b))) => format!(
            "Map of {} forces coloured by change from {a} to {b}: {}.",
            on_map.len(),
            crate::core::narrative::direction_counts_text(changes)
        ),
        _ => "Map of the forces.".into(),
    };
    if dimmed > 0 {
        text += &format!(" {dimmed} forces outside the filters are dimmed.");
    }
    if missing_count > 0 {
        text += &format!(" Not on the map ({missing_count}): {}.", missing.join(", "));
    }
    text_alternative_ui(ui, &text);
}
