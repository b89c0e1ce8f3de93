//! Small drawing pieces shared by several views.

use egui::{Align2, FontId, Role, Sense, Vec2, WidgetInfo};

use crate::core::Cell;
use crate::gui::files::{Chart, ExportKind};
use crate::gui::palette;
use crate::gui::state::{Action, Command};

/// A chart under its heading, with a button to save it as PNG. Records where the chart
/// was drawn (heading, axes, legend and text included) so the picture can be cropped.
pub fn chart_frame_ui(
    ui: &mut egui::Ui,
    chart: Chart,
    actions: &mut Vec<Action>,
    add_contents: impl FnOnce(&mut egui::Ui, &mut Vec<Action>),
) {
    let rect = ui
        .scope(|ui| {
            ui.horizontal(|ui| {
                ui.strong(chart.title());
                let name = format!("Save {} as PNG", chart.title().to_lowercase());
                let button = ui.small_button("PNG");
                button.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
                if button.on_hover_text(&name).clicked() {
                    actions.push(Action::Command(Command::Export(ExportKind::Png(chart))));
                }
            });
            add_contents(ui, actions);
        })
        .response
        .rect;
    ui.ctx().data_mut(|d| d.insert_temp(chart.rect_id(), rect));
}

/// A filled grade cell with its short label inside (never colour alone). `name` is what a
/// screen reader says, e.g. "Kent, 2016: Good". Returns the response for hover text.
pub fn grade_cell_ui(
    ui: &mut egui::Ui,
    cell: Option<Cell>,
    size: Vec2,
    name: impl Fn() -> String,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    if let Some(cell) = cell {
        let fill = palette::fill(cell);
        ui.painter().rect_filled(rect.shrink(1.0), 3.0, fill);
        ui.painter().text(
            rect.center(),
            Align2::CENTER_CENTER,
            cell.short(),
            FontId::proportional(13.0),
            palette::text_on(fill),
        );
    }
    // Worked out only when something reads it (a screen reader, a test), not every frame.
    response.widget_info(|| {
        let label = format!("{}: {}", name(), cell.map_or("no record", |c| c.label()));
        WidgetInfo::labeled(Role::Label, true, label)
    });
    response
}

/// The grade key: each grade's fill, short label and name.
pub fn legend_ui(ui: &mut egui::Ui, cells: &[Cell]) {
    ui.horizontal_wrapped(|ui| {
        for &cell in cells {
            grade_cell_ui(ui, Some(cell), Vec2::new(28.0, 18.0), || "Key".into());
            ui.label(cell.label());
            ui.add_space(6.0);
        }
    });
}
