//! Chart pictures for slides and documents: each chart drawn afresh, off screen, by the
//! same code that draws it in the window, on a white page at twice screen resolution,
//! whatever the window's theme and size. Above the chart, its title and a line saying which
//! area, periods and forces it shows; below it, where the grades come from. No buttons, no
//! controls, and the page grows to hold the whole chart.

mod raster;

use egui::{Color32, ColorImage, RichText, Theme, ViewportId, ViewportInfo};

use crate::core::narrative;
use crate::gui::chart::Chart;
use crate::gui::palette;
use crate::gui::state::{AppState, MapMode};
use crate::gui::views;

/// Pixels per point: twice what most screens show.
pub const SCALE: f32 = 2.0;
/// The page's width in points (1,920 pixels at [`SCALE`], the width of a full-HD slide).
pub const WIDTH: f32 = 960.0;
/// The page's margin in points.
const MARGIN: f32 = 24.0;
/// Room enough for any chart; the picture is cut to what is drawn.
const TALL: f32 = 4000.0;

/// The picture of `chart` as the state shows it: its filters, periods and selection.
pub fn render(state: &AppState, chart: Chart) -> ColorImage {
    let ctx = egui::Context::default();
    ctx.set_theme(Theme::Light);
    let mut visuals = palette::visuals(Theme::Light);
    visuals.panel_fill = Color32::WHITE;
    ctx.set_visuals_of(Theme::Light, visuals);
    ctx.style_mut_of(Theme::Light, |s| s.animation_time = 0.0);
    ctx.data_mut(|d| d.insert_temp(views::shared::picture_id(), true));

    let (title, caption, source) = words(state, chart);
    let mut textures = raster::Textures::default();
    let mut bottom = TALL;
    let mut shapes = Vec::new();
    // Layout settles over a few passes (grids measure their columns, plots their bounds).
    for _ in 0..3 {
        let output = ctx.run_ui(input(), |ui| {
            // No fill: the page is white already (see `raster::paint`).
            let frame = egui::Frame::new().inner_margin(MARGIN).show(ui, |ui| {
                ui.set_width(WIDTH - 2.0 * MARGIN);
                ui.label(RichText::new(&title).size(22.0).strong());
                ui.label(RichText::new(&caption).size(15.0));
                ui.add_space(10.0);
                views::chart_ui(ui, state, chart, &mut Vec::new());
                ui.add_space(10.0);
                ui.label(RichText::new(&source).size(12.0).weak());
            });
            bottom = frame.response.rect.bottom();
        });
        textures.update(output.textures_delta);
        shapes = ctx.tessellate(output.shapes, output.pixels_per_point);
    }
    let height = (bottom.min(TALL) * SCALE).ceil() as usize;
    let width = (WIDTH * SCALE).ceil() as usize;
    raster::paint(&shapes, &textures, SCALE, [width, height], Color32::WHITE)
}

/// The picture of `chart`, encoded as PNG.
pub fn png(state: &AppState, chart: Chart) -> Result<Vec<u8>, String> {
    let picture = render(state, chart);
    let [w, h] = picture.size;
    let rgba: Vec<u8> = picture
        .pixels
        .iter()
        .flat_map(|p| p.to_srgba_unmultiplied())
        .collect();
    let image = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or_else(|| "the picture has no pixels".to_string())?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}

/// One frame's input: a page [`WIDTH`] points wide, very tall, at [`SCALE`].
fn input() -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(WIDTH, TALL),
        )),
        ..Default::default()
    };
    input.viewports.insert(
        ViewportId::ROOT,
        ViewportInfo {
            native_pixels_per_point: Some(SCALE),
            ..Default::default()
        },
    );
    input
}

/// The picture's title, the line under it, and its source line.
fn words(state: &AppState, chart: Chart) -> (String, String, String) {
    let data = &state.data;
    let derived = state.cached();
    let labels = data.short_period_labels(&derived.periods);
    let range = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    let change = state
        .change_periods()
        .map_or_else(String::new, |(a, b)| format!("{a} to {b}"));
    let periods = match chart {
        Chart::Transitions => change,
        Chart::Map => match state.settings.map_mode {
            MapMode::Grade => state.map_period().map_or(range, |p| p.to_string()),
            MapMode::Change => change,
        },
        _ => range,
    };
    let filters: Vec<String> = state
        .settings
        .filter
        .describe()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let shown = derived
        .rows
        .iter()
        .filter(|&&f| data.force(f).is_force())
        .count();
    let total = data.forces().iter().filter(|f| f.is_force()).count();
    // The periods the chart shows: the map's one, or else every one in range.
    let drawn: Vec<crate::core::PeriodIx> =
        match (chart, state.settings.map_mode, state.map_period()) {
            (Chart::Map, MapMode::Grade, Some(p)) => data.period_index(p).into_iter().collect(),
            _ => derived.periods.clone(),
        };
    let graded = derived
        .rows
        .iter()
        .filter(|&&f| data.force(f).is_force())
        .filter(|&&f| {
            drawn
                .iter()
                .any(|&p| data.cell(f, p).is_some_and(|c| c.grade().is_some()))
        })
        .count();
    let caption = narrative::picture_caption(data.area(), &periods, &filters, shown, total, graded);
    let sources = data.source_names().to_vec();
    (
        chart.title().to_string(),
        caption,
        narrative::source_line(&sources),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::state::Action;

    /// Whether every pixel within `band` pixels of the edge is the page's white: nothing
    /// drawn runs off the page.
    fn margins_are_blank(image: &ColorImage, band: usize) -> bool {
        let [w, h] = image.size;
        (0..h).all(|y| {
            (0..w).all(|x| {
                let edge = x < band || y < band || x >= w - band || y >= h - band;
                !edge || image.pixels[y * w + x] == Color32::WHITE
            })
        })
    }

    #[test]
    fn every_chart_is_a_whole_light_picture_at_twice_the_scale() {
        let mut state = AppState::default();
        state.apply(Action::SetTheme(crate::gui::state::ThemeChoice::Dark));
        state.apply(Action::Select(Some("Kent".into())));
        state.refresh();
        for chart in Chart::ALL {
            let picture = render(&state, chart);
            let [w, h] = picture.size;
            assert_eq!(w, 1920, "{chart:?}");
            assert!(h > 300, "{chart:?}: {h} pixels tall");
            assert!(margins_are_blank(&picture, 30), "{chart:?} is clipped");
            let coloured = picture
                .pixels
                .iter()
                .filter(|p| p.r() != p.g() || p.g() != p.b())
                .count();
            assert!(
                coloured > 2000,
                "{chart:?} has only {coloured} coloured pixels"
            );
        }
    }

    #[test]
    fn the_picture_says_what_area_periods_and_filter() {
        let mut state = AppState::default();
        state.apply(Action::ToggleRegion("South West".into()));
        state.refresh();
        let (title, caption, source) = words(&state, Chart::Distribution);
        assert_eq!(title, "Grades per period");
        assert!(caption.contains("2015 to 2017"), "{caption}");
        assert!(caption.contains("5 of 43 forces"), "{caption}");
        assert!(caption.contains("Region: South West"), "{caption}");
        assert!(source.contains("Figure 7"), "{source}");
    }

    #[test]
    fn with_no_data_every_chart_is_still_a_picture() {
        let mut state = AppState::default();
        state.apply(Action::SetBuiltin(false));
        state.refresh();
        assert!(state.data.forces().is_empty());
        for chart in Chart::ALL {
            let picture = render(&state, chart);
            assert_eq!(picture.size[0], 1920, "{chart:?}");
            assert!(margins_are_blank(&picture, 30), "{chart:?}");
        }
        let (_, _, source) = words(&state, Chart::Map);
        assert_eq!(source, "Source: no grades loaded.");
    }

    #[test]
    fn a_picture_is_a_png() {
        let state = AppState::default();
        let bytes = png(&state, Chart::Map).expect("encodes");
        let decoded = image::load_from_memory(&bytes).expect("decodes");
        assert_eq!(decoded.width(), 1920);
    }
}
#[cfg(test)]
mod sparse {
    use super::*;
    use crate::gui::state::Action;

    /// A period where few forces are graded: every hexagon keeps its outline and its
    /// label on the white page, and the caption says how many are graded.
    #[test]
    fn the_map_of_a_sparse_period_keeps_every_hexagon_visible() {
        let mut state = AppState::default();
        state.apply(Action::ClearAll);
        state.apply(Action::SetMapPeriod(crate::core::Period::cycle(2021, 2022)));
        state.refresh();
        let (_, caption, _) = words(&state, Chart::Map);
        assert!(caption.contains("2021/22"), "{caption}");
        assert!(
            caption.contains("4 of 43 with a grade in the record"),
            "{caption}"
        );
        let picture = render(&state, Chart::Map);
        // Ungraded hexagons are filled a shade off the page and outlined, so most of the
        // map is not white; drawn white on white, only four hexagons and the region
        // borders would be.
        let marked = picture
            .pixels
            .iter()
            .filter(|&&p| p != Color32::WHITE)
            .count();
        let share = marked as f32 / picture.pixels.len() as f32;
        assert!(
            share > 0.2,
            "only {:.0}% of the page is drawn on",
            share * 100.0
        );
    }
}
