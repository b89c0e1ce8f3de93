//! The hexagon map: one hexagon per force, coloured by its grade in a chosen period (with
//! a slider and a play button) or by how its grade changed between two periods. Regions
//! are outlined; forces outside the filters are dimmed, not hidden. Hover for a force's
//! grades; click to select it (the same selection as the table and profile).

use egui::{Align2, Color32, FontId, Pos2, Sense, Shape, Stroke, Vec2};

use super::shared::{chart_frame_ui, legend_ui, movement_legend_ui, note_ui, period_picker_ui};
use crate::core::hexmap::{Hex, HexMap};
use crate::core::map_picture::Paint;
use crate::core::{Direction, Movement};
use crate::gui::chart::Chart;
use crate::gui::palette;
use crate::gui::state::{Action, AppState, MapMode};

/// A hexagon's fill, or none.
fn fill_of(paint: Paint) -> Option<Color32> {
    match paint {
        Paint::Blank | Paint::Absent(_) => None,
        Paint::Grade(cell) => Some(palette::fill(cell)),
        Paint::Change(Direction::Improved) => Some(palette::movement(Movement::Improved)),
        Paint::Change(Direction::Declined) => Some(palette::movement(Movement::Declined)),
        Paint::Change(Direction::Unchanged) => Some(palette::movement(Movement::Stable)),
    }
}

/// How a hexagon with no grade to show is drawn: a plain fill a shade off the page, an
/// outline and a label that stand out from both, in either theme and on a picture's white
/// page.
struct Blank {
    fill: Color32,
    outline: Stroke,
    text: Color32,
}

fn blank_colours(visuals: &egui::Visuals) -> Blank {
    let page = visuals.panel_fill;
    let toward = if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    Blank {
        fill: page.lerp_to_gamma(toward, 0.06),
        outline: Stroke::new(1.0, page.lerp_to_gamma(toward, 0.45)),
        text: visuals.text_color(),
    }
}

/// One hexagon: its fill (pale outside the filters), outline (strong when selected), short
/// name and grade mark.
fn paint_hex(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    hex: &crate::core::map_picture::MapHex,
    centre: Pos2,
    radius: f32,
    selected: bool,
) {
    let corners: Vec<Pos2> = Hex::corners((centre.x, centre.y), radius * 0.97)
        .iter()
        .map(|&(x, y)| Pos2::new(x, y))
        .collect();
    let blank = blank_colours(visuals);
    let base = fill_of(hex.paint).unwrap_or(blank.fill);
    let fill = if hex.shown {
        base
    } else {
        visuals.panel_fill.lerp_to_gamma(base, 0.25)
    };
    let outline = if selected {
        Stroke::new(3.0, visuals.strong_text_color())
    } else if fill_of(hex.paint).is_none() {
        blank.outline
    } else {
        Stroke::new(1.0, visuals.panel_fill)
    };
    painter.add(Shape::convex_polygon(corners, fill, outline));
    let text = if !hex.shown {
        visuals.weak_text_color()
    } else if fill_of(hex.paint).is_none() {
        blank.text
    } else {
        palette::text_on(base)
    };
    let small = (radius * 0.32).clamp(8.0, 13.0);
    painter.text(
        centre - Vec2::new(0.0, radius * 0.22),
        Align2::CENTER_CENTER,
        &hex.label,
        FontId::proportional(small),
        text,
    );
    painter.text(
        centre + Vec2::new(0.0, radius * 0.28),
        Align2::CENTER_CENTER,
        if hex.carried {
            format!("{}*", hex.paint.mark())
        } else {
            hex.paint.mark().to_string()
        },
        FontId::proportional(small + 2.0),
        text,
    );
}

fn controls_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let periods = state.settings.filter.periods(&state.data);
    ui.horizontal_wrapped(|ui| {
        ui.label("Colour by");
        for (mode, label) in [
            (MapMode::Grade, "Grade in a period"),
            (MapMode::Change, "Change between two periods"),
        ] {
            if ui
                .selectable_label(state.settings.map_mode == mode, label)
                .clicked()
            {
                actions.push(Action::SetMapMode(mode));
            }
        }
        ui.separator();
        match state.settings.map_mode {
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
                let periods = state.data.periods();
                if let Some(p) = period_picker_ui(ui, "Map from", from, periods) {
                    actions.push(Action::SetChangePeriods(p, to));
                }
                if let Some(p) = period_picker_ui(ui, "Map to", to, periods) {
                    actions.push(Action::SetChangePeriods(from, p));
                }
            }
        }
    });
}

pub fn map_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    controls_ui(ui, state, actions);
    chart_frame_ui(ui, state, Chart::Map, actions, |ui, actions| {
        hexagons_ui(ui, state, actions);
    });
}

/// The hexagons, region outlines and key.
pub fn hexagons_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let data = &state.data;
    let derived = state.cached();
    let picture = &derived.map;
    if picture.hexes.is_empty() {
        ui.label("None of the loaded forces is one of the 43 on the map.");
        return;
    }
    let map = HexMap::builtin();

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

    for hex in &picture.hexes {
        let name = &data.force(hex.force).name;
        let centre = centre_of(hex.hex);
        let selected = derived.selection.contains(&hex.force);
        paint_hex(&painter, ui.visuals(), hex, centre, radius, selected);

        // The rectangle inside the hexagon between its two vertical edges: a click
        // target that never overlaps a neighbour's.
        let w = 3f32.sqrt() / 2.0 * radius * 0.97;
        let target = egui::Rect::from_center_size(centre, Vec2::new(2.0 * w, radius));
        let id = ui.scope_id().with(("hex", name));
        let response = ui.interact(target, id, Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &hex.says));
        let response = response.on_hover_ui(|ui| {
            ui.strong(name);
            for line in &hex.hover {
                ui.label(line);
            }
            if !hex.shown {
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

    match state.settings.map_mode {
        MapMode::Grade => {
            legend_ui(ui, &picture.key);
            absence_legend_ui(ui, &picture.absent);
        }
        MapMode::Change => movement_legend_ui(ui, "= unchanged"),
    }
    note_ui(ui, &picture.text);
}

/// The key's entries for hexagons with no grade: each kind of absence on the map, drawn
/// as the map draws it (a plain hexagon fill with its mark) and named in words.
fn absence_legend_ui(ui: &mut egui::Ui, absent: &[crate::core::Status]) {
    if absent.is_empty() {
        return;
    }
    let blank = blank_colours(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        for &status in absent {
            let mark = Paint::Absent(status).mark();
            let words = status.key_words().unwrap_or_default();
            super::shared::key_item_ui(ui, Vec2::new(28.0, 18.0), words, |p, r| {
                p.rect(
                    r.shrink(1.0),
                    3.0,
                    blank.fill,
                    blank.outline,
                    egui::StrokeKind::Inside,
                );
                p.text(
                    r.center(),
                    Align2::CENTER_CENTER,
                    mark,
                    FontId::proportional(11.0),
                    blank.text,
                );
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::style::contrast;

    fn rgb(c: Color32) -> [u8; 3] {
        [c.r(), c.g(), c.b()]
    }

    #[test]
    fn a_hexagon_with_no_grade_stands_out_from_the_page_in_every_theme() {
        let mut white_page = palette::visuals(egui::Theme::Light);
        white_page.panel_fill = Color32::WHITE;
        for visuals in [
            palette::visuals(egui::Theme::Light),
            palette::visuals(egui::Theme::Dark),
            white_page,
        ] {
            let blank = blank_colours(&visuals);
            let page = rgb(visuals.panel_fill);
            assert_eq!(blank.fill.a(), 255, "an opaque fill");
            assert!(contrast(rgb(blank.text), rgb(blank.fill)) >= 4.5, "label");
            assert!(contrast(rgb(blank.outline.color), page) >= 2.0, "outline");
            assert!(contrast(rgb(blank.fill), page) > 1.02, "fill");
        }
    }
}
