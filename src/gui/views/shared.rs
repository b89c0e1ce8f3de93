//! Drawing pieces shared by several views: chart frames and their text alternatives,
//! grade cells and keys, period pickers and the period-axis plot.

use egui::{Align2, FontId, Rect, Role, Sense, Vec2, WidgetInfo};
use egui_plot::{GridMark, Plot};

use crate::core::{Cell, Movement, Period, Status};
use crate::gui::chart::{Chart, ExportKind};
use crate::gui::palette;
use crate::gui::state::{Action, AppState, Command};

/// A chart under its heading (which names the area when several are loaded), with buttons
/// to save it as PNG and to copy it as a picture (both drawn afresh for a slide by
/// `gui::picture`, not grabbed from the screen).
pub fn chart_frame_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    chart: Chart,
    actions: &mut Vec<Action>,
    add_contents: impl FnOnce(&mut egui::Ui, &mut Vec<Action>),
) {
    ui.horizontal(|ui| {
        if state.cached().areas.is_empty() {
            ui.strong(chart.title());
        } else {
            ui.strong(format!("{}: {}", chart.title(), state.data.area()));
        }
        let what = chart.title().to_lowercase();
        for (text, name, command) in [
            (
                "PNG",
                format!("Save {what} as PNG"),
                Command::Export(ExportKind::Png(chart)),
            ),
            (
                "Copy",
                format!("Copy {what} as a picture"),
                Command::CopyPicture(chart),
            ),
        ] {
            let button = ui.small_button(text);
            button.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            if button.on_hover_text(&name).clicked() {
                actions.push(Action::Command(command));
            }
        }
    });
    add_contents(ui, actions);
}

/// Marks a context that draws chart pictures for export (see `gui::picture`).
pub fn picture_id() -> egui::Id {
    egui::Id::unique("drawing a chart picture")
}

/// Whether this chart is being drawn as a picture for export: charts then leave out their
/// controls and text alternatives.
pub fn drawing_picture(ui: &egui::Ui) -> bool {
    ui.ctx()
        .data(|d| d.get_temp::<bool>(picture_id()))
        .unwrap_or(false)
}

/// A filled grade cell with its short label inside (never colour alone); a grade carried
/// over from an earlier inspection has a star after its label. `name` is what a screen
/// reader says, e.g. "Kent, 2016: Good". Returns the response for hover text.
pub fn grade_cell_ui(
    ui: &mut egui::Ui,
    status: Status,
    carried: bool,
    size: Vec2,
    name: impl Fn() -> String,
) -> egui::Response {
    marked_grade_cell_ui(ui, status, carried, false, size, name)
}

/// [`grade_cell_ui`], and where the grade differs from the published record a corner
/// mark (a triangle, not colour alone) and words that say so.
pub fn marked_grade_cell_ui(
    ui: &mut egui::Ui,
    status: Status,
    carried: bool,
    differs: bool,
    size: Vec2,
    name: impl Fn() -> String,
) -> egui::Response {
    let response = paint_marked_cell_ui(ui, status, carried, differs, size);
    // Worked out only when something reads it (a screen reader, a test), not every frame.
    response.widget_info(|| {
        WidgetInfo::labeled(
            Role::Label,
            true,
            cell_name(&name(), status, carried, differs),
        )
    });
    response
}

/// What a screen reader hears for a grade cell: "Hampshire, 2017: Good, carried over",
/// "Derbyshire, 2018/19: not in the record".
pub fn cell_name(name: &str, status: Status, carried: bool, differs: bool) -> String {
    let carried = if carried { ", carried over" } else { "" };
    let differs = if differs {
        ", differs from the published record"
    } else {
        ""
    };
    format!("{name}: {}{carried}{differs}", status.spoken())
}

/// [`marked_grade_cell_ui`] without a node of its own in the accessibility tree: for a
/// table, whose cell node carries the name.
pub fn paint_marked_cell_ui(
    ui: &mut egui::Ui,
    status: Status,
    carried: bool,
    differs: bool,
    size: Vec2,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let cell = match status {
        Status::Cell(cell) => Some(cell),
        _ => None,
    };
    match status {
        Status::Cell(cell) => paint_grade_cell(ui.painter(), rect, cell, carried),
        absent => paint_absence(ui, rect, absent),
    }
    if differs {
        let r = rect.shrink(1.0);
        let corner = vec![
            r.right_top(),
            r.right_top() + Vec2::new(0.0, 10.0),
            r.right_top() - Vec2::new(10.0, 0.0),
        ];
        // In the grade's text colour, so it stands out on every fill (red on the red of
        // Inadequate would not); on an empty cell, the error colour.
        let colour = cell.map_or(ui.visuals().error_fg_color, |c| {
            palette::text_on(palette::fill(c))
        });
        ui.painter().add(egui::Shape::convex_polygon(
            corner,
            colour,
            egui::Stroke::new(1.0, ui.visuals().panel_fill),
        ));
    }
    response
}

/// The right-click menu of a grade cell: add a grade where there is none, or correct the
/// one there, in My grades. Nothing for an area the cycle did not assess.
pub fn grade_menu_ui(
    click: &egui::Response,
    status: Status,
    mine: bool,
    (force, area, period): (&str, &str, Period),
    actions: &mut Vec<Action>,
) {
    if status == Status::NotAssessed {
        return;
    }
    click.context_menu(|ui| {
        let label = if status.grade().is_some() || mine {
            "Correct grade..."
        } else {
            "Add grade..."
        };
        if ui.button(label).clicked() {
            let open = crate::gui::state::MineAction::Open {
                force: force.to_string(),
                area: area.to_string(),
                period,
            };
            actions.push(open.into());
            ui.close();
        }
    });
}

/// An empty cell, by why it is empty: `[x]` in a dashed box where the cycle graded it and
/// the grade is not in the record, `?` where whether it was graded is not known, a faint
/// `[z]` where the cycle did not assess the area (the shorthand the exports use).
fn paint_absence(ui: &egui::Ui, rect: Rect, status: Status) {
    let visuals = ui.visuals();
    let (text, colour) = match status {
        Status::NotInRecord => {
            let stroke = egui::Stroke::new(1.0, visuals.text_color());
            let r = rect.shrink(2.0);
            let corners = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            ui.painter()
                .extend(egui::Shape::dashed_line(&corners, stroke, 3.0, 2.0));
            (status.mark(), visuals.text_color())
        }
        Status::NotKnown => (status.mark(), visuals.weak_text_color()),
        _ => (status.mark(), visuals.weak_text_color().gamma_multiply(0.7)),
    };
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(12.0),
        colour,
    );
}

/// A grade's fill with its short label inside, starred when carried over.
fn paint_grade_cell(painter: &egui::Painter, rect: Rect, cell: Cell, carried: bool) {
    let fill = palette::fill(cell);
    painter.rect_filled(rect.shrink(1.0), 3.0, fill);
    let label = if carried {
        format!("{}*", cell.short())
    } else {
        cell.short().to_string()
    };
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        label,
        FontId::proportional(13.0),
        palette::text_on(fill),
    );
}

/// One entry of a key: a swatch that `paint` draws, then its name. The two are one box,
/// so a key that wraps never parts a swatch from its name.
pub fn key_item_ui(
    ui: &mut egui::Ui,
    swatch: Vec2,
    text: &str,
    paint: impl FnOnce(&egui::Painter, Rect),
) {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let gap = ui.spacing().item_spacing.x;
    let size = Vec2::new(
        swatch.x + gap + galley.size().x,
        swatch.y.max(galley.size().y),
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let swatch_rect = Rect::from_min_size(
        egui::pos2(rect.left(), rect.center().y - swatch.y / 2.0),
        swatch,
    );
    paint(ui.painter(), swatch_rect);
    let at = egui::pos2(
        swatch_rect.right() + gap,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter().galley(at, galley, ui.visuals().text_color());
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, text));
    ui.add_space(6.0);
}

/// The grade key: each grade's fill, short label and name.
pub fn legend_ui(ui: &mut egui::Ui, cells: &[Cell]) {
    ui.horizontal_wrapped(|ui| {
        for &cell in cells {
            key_item_ui(ui, Vec2::new(28.0, 18.0), cell.label(), |p, r| {
                paint_grade_cell(p, r, cell, false)
            });
        }
    });
}

/// Height of each plotted chart.
pub const CHART_HEIGHT: f32 = 250.0;
/// A footnote, or the paragraph under a chart that says what it shows in words: body
/// size, in the theme's readable weak colour, wrapped.
pub fn note_ui(ui: &mut egui::Ui, text: &str) {
    if drawing_picture(ui) {
        return;
    }
    ui.add(egui::Label::new(egui::RichText::new(text).weak()).wrap());
}

/// Integer grid marks for category axes.
pub fn integer_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let mut marks = Vec::new();
    let mut v = lo.ceil();
    while v <= hi {
        marks.push(GridMark {
            value: v,
            step_size: 1.0,
        });
        v += 1.0;
    }
    marks
}

/// A fixed (not zoomable or draggable) plot with one category per period on the x axis.
pub fn period_plot<'a>(id: &str, labels: Vec<String>) -> Plot<'a> {
    let n = labels.len() as f64;
    Plot::new(id)
        .height(CHART_HEIGHT)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(-0.6)
        .include_x(n - 0.4)
        .x_grid_spacer(integer_marks)
        .x_axis_label("Period")
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
}

/// Marks the change of grading scale on a period-axis plot: a dashed line before the
/// first period on the new scale (`at`, its position on the axis).
pub fn scale_break_line(plot: &mut egui_plot::PlotUi<'_>, at: Option<usize>) {
    if let Some(at) = at {
        plot.vline(
            egui_plot::VLine::new("Scale changed: not directly comparable", at as f64 - 0.5)
                .style(egui_plot::LineStyle::dashed_loose())
                .width(2.0)
                .color(egui::Color32::GRAY),
        );
    }
}

/// A drop-down of periods; returns the period chosen this frame, if it changed.
pub fn period_picker_ui(
    ui: &mut egui::Ui,
    label: &str,
    current: Period,
    periods: &[Period],
) -> Option<Period> {
    optional_period_picker_ui(ui, label, Some(current), periods, None).flatten()
}

/// A drop-down of periods with, when `none_label` is given, a first choice of none;
/// returns the choice made this frame, if it changed.
pub fn optional_period_picker_ui(
    ui: &mut egui::Ui,
    label: &str,
    current: Option<Period>,
    periods: &[Period],
    none_label: Option<&str>,
) -> Option<Option<Period>> {
    let mut chosen = current;
    // The short label in the box ("SOC 2022-25"), the full ones in the list.
    let shown = current.map_or(none_label.unwrap_or_default().to_string(), |p| {
        p.short_label()
    });
    // The label beside the box never breaks inside a word: in a narrow panel it runs on.
    ui.scope(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        egui::ComboBox::from_label(label)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if let Some(none) = none_label {
                    ui.selectable_value(&mut chosen, None, none);
                }
                for &p in periods {
                    ui.selectable_value(&mut chosen, Some(p), p.to_string());
                }
            });
    });
    (chosen != current).then_some(chosen)
}

/// The key to change colours: improved, declined and unchanged, each with its sign.
pub fn movement_legend_ui(ui: &mut egui::Ui, unchanged: &str) {
    ui.horizontal_wrapped(|ui| {
        for (m, text) in [
            (Movement::Improved, "+ improved"),
            (Movement::Declined, "- declined"),
            (Movement::Stable, unchanged),
        ] {
            key_item_ui(ui, Vec2::splat(12.0), text, |p, r| {
                p.rect_filled(r, 2.0, palette::movement(m));
            });
        }
    });
}

/// One line of a grade's provenance; its address, if any, a link that opens the page in
/// the browser.
pub fn source_line_ui(ui: &mut egui::Ui, line: &crate::core::narrative::SourceLine) {
    match &line.address {
        Some(address) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(&line.text);
                ui.hyperlink_to(address, address)
                    .on_hover_text("Open the page in the browser");
            });
        }
        None => {
            ui.label(egui::RichText::new(&line.text).weak());
        }
    }
}
