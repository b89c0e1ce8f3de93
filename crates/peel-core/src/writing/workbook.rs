//! Excel workbooks out: the grade matrix with each grade's label in a cell filled in its
//! colour, every grade in long form, and where the data came from.
//!
//! Every piece of text goes in as a string cell, never as a formula, so a name such as
//! `=HYPERLINK(...)` stays text in any spreadsheet. The bytes come back to the caller, who
//! writes them atomically like any other export.

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::dataset::Dataset;
use crate::filter::{self, Filter};
use crate::forces::RocuMembership;
use crate::grade::Cell;
use crate::import::BUILTIN_NAME;
use crate::narrative;
use crate::period::PeriodIx;
use crate::style::{self, Rgb};

/// The sheets, in order.
pub const GRADES_SHEET: &str = "Grades";
pub const LONG_SHEET: &str = "Long";
pub const ABOUT_SHEET: &str = "About";

pub use crate::import::FIGURE7_CITATION;

/// What marks a carried-over grade in a cell, and the note that explains it: the
/// briefing's bracketed note, in words a screen reader reads (not a star).
pub use crate::brief::{CARRIED_MARK, CARRIED_NOTE};

/// One area's grades to write: the forces (indices into [`Dataset::forces`], in the order
/// to write them) and the periods in range (indices into [`Dataset::periods`]).
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    pub data: &'a Dataset,
    pub forces: &'a [usize],
    pub periods: &'a [PeriodIx],
}

/// A workbook that could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("too many rows for one sheet of a workbook (at most 1,048,576); filter the data first")]
    TooBig,
    #[error("could not make the workbook: {0}")]
    Xlsx(XlsxError),
}

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::RowColumnLimitError => WorkbookError::TooBig,
            e => WorkbookError::Xlsx(e),
        }
    }
}

/// The text of a grade's cell: its full label, with [`CARRIED_MARK`] when carried over.
pub fn cell_text(cell: Cell, carried: bool) -> String {
    if carried {
        format!("{} {CARRIED_MARK}", cell.label())
    } else {
        cell.label().to_string()
    }
}

fn rgb(c: Rgb) -> Color {
    Color::RGB(u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]))
}

/// The formats used, made once.
struct Formats {
    header: Format,
    title: Format,
    label: Format,
    wrap: Format,
    /// By [`Cell::index`].
    grades: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        let grades = Cell::ALL
            .iter()
            .map(|&cell| {
                let fill = style::grade_rgb(cell);
                Format::new()
                    .set_background_color(rgb(fill))
                    .set_font_color(rgb(style::text_on(fill)))
                    .set_border(FormatBorder::Thin)
                    .set_border_color(Color::White)
                    .set_align(FormatAlign::Center)
            })
            .collect();
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            grades,
        }
    }

    fn grade(&self, cell: Cell) -> &Format {
        &self.grades[cell.index()]
    }
}

/// Column widths that fit the text written, within bounds.
struct Widths(Vec<usize>);

impl Widths {
    fn fit(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        self.0[col] = self.0[col].max(text.chars().count());
    }

    fn apply(&self, sheet: &mut Worksheet, max: usize) -> Result<(), XlsxError> {
        for (col, &chars) in self.0.iter().enumerate() {
            let width = (chars + 2).clamp(6, max);
            sheet.set_column_width(col as u16, width as f64)?;
        }
        Ok(())
    }
}

/// Writes a row of plain text cells (never formulas), noting their widths.
fn text_row(
    sheet: &mut Worksheet,
    widths: &mut Widths,
    row: u32,
    cells: &[&str],
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    for (col, text) in cells.iter().enumerate() {
        let col = col as u16;
        match format {
            Some(f) => sheet.write_string_with_format(row, col, *text, f)?,
            None => sheet.write_string(row, col, *text)?,
        };
        widths.fit(col, text);
    }
    Ok(())
}

/// Printed one page wide, the header on every page.
fn print_setup(sheet: &mut Worksheet, landscape: bool) -> Result<(), XlsxError> {
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Rows are numbered from 0; more than a sheet holds is an error, not a wrap.
fn row_number(i: usize) -> Result<u32, WorkbookError> {
    u32::try_from(i).map_err(|_| WorkbookError::TooBig)
}

/// The workbook for `main` (the area on the Grades sheet) and every area in `areas` (the
/// Long sheet), as the bytes of an `.xlsx` file. `date` is the day it is made.
pub fn workbook(
    main: Part<'_>,
    areas: &[Part<'_>],
    filter: &Filter,
    date: &str,
) -> Result<Vec<u8>, WorkbookError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title("PEEL grades")
            .set_comment(format!("Made by PEEL Explorer on {date}.")),
    );
    grades_sheet(book.add_worksheet(), &formats, main, filter)?;
    long_sheet(
        book.add_worksheet(),
        &formats,
        areas,
        filter.rocu_membership,
    )?;
    about_sheet(book.add_worksheet(), &formats, main, areas, filter, date)?;
    Ok(book.save_to_buffer()?)
}

/// One row per force: force, region, ROCU, a grade cell per period, movement.
fn grades_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    part: Part<'_>,
    filter: &Filter,
) -> Result<(), WorkbookError> {
    sheet.set_name(GRADES_SHEET)?;
    let Part {
        data,
        forces,
        periods,
    } = part;
    let mut widths = Widths(Vec::new());
    // The first period on the five-grade scale is marked `[b]`, a break in the series,
    // explained under the table.
    let in_range: Vec<crate::Period> = periods.iter().map(|&p| data.period(p)).collect();
    let labels = crate::brief::break_marked(&in_range);
    let mut header: Vec<&str> = vec!["Force", "Region", "ROCU"];
    header.extend(labels.iter().map(String::as_str));
    header.push("Movement");
    text_row(sheet, &mut widths, 0, &header, Some(&formats.header))?;
    let first_period = 3u16;
    let movement_col = first_period + periods.len() as u16;
    let mut carried_any = false;
    // Whether any cell is "[x]" (not in the record, or not known), or "[z]" (not assessed).
    let mut absent = [false; 2];
    for (i, &f) in forces.iter().enumerate() {
        let row = row_number(i + 1)?;
        let force = data.force(f);
        let rocu = data.latest_rocu(f, periods, filter.rocu_membership);
        text_row(
            sheet,
            &mut widths,
            row,
            &[
                &force.name,
                force.region().unwrap_or(""),
                rocu.unwrap_or(""),
            ],
            None,
        )?;
        for (j, &p) in periods.iter().enumerate() {
            let Some(cell) = data.cell(f, p) else {
                let status = data.status(f, p);
                absent[usize::from(status == crate::Status::NotAssessed)] = true;
                let text = status.shorthand().unwrap_or("");
                let col = first_period + j as u16;
                sheet.write_string(row, col, text)?;
                continue;
            };
            let carried = data.carried_over(f, p);
            carried_any |= carried;
            let text = cell_text(cell, carried);
            let col = first_period + j as u16;
            sheet.write_string_with_format(row, col, &text, formats.grade(cell))?;
            widths.fit(col, &text);
        }
        let movement = &filter.movement_label(data, f, periods);
        sheet.write_string(row, movement_col, movement)?;
        widths.fit(movement_col, movement);
    }
    let last = row_number(forces.len())?;
    sheet.set_freeze_panes(1, 1)?;
    print_setup(sheet, true)?;
    sheet.autofilter(0, 0, last, movement_col)?;
    // Below the table, after a blank row, so sorting and filtering leave them alone.
    let notes = [
        (carried_any, CARRIED_NOTE),
        (absent[0], crate::brief::NOT_AVAILABLE_NOTE),
        (absent[1], crate::brief::NOT_APPLICABLE_NOTE),
        (
            labels.iter().any(|l| l.ends_with(" [b]")),
            crate::brief::BREAK_NOTE,
        ),
    ];
    for (k, (_, note)) in notes.iter().filter(|(any, _)| *any).enumerate() {
        sheet.write_string(last + 2 + k as u32, 0, *note)?;
    }
    widths.apply(sheet, 40)?;
    Ok(())
}

/// One row per grade, every area: area, force, period, grade, region, ROCU at the time,
/// country, ONS code, carried over.
fn long_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    areas: &[Part<'_>],
    membership: RocuMembership,
) -> Result<(), WorkbookError> {
    sheet.set_name(LONG_SHEET)?;
    let mut widths = Widths(Vec::new());
    let header = [
        "Area",
        "Force",
        "Period",
        "Grade",
        "Region",
        "ROCU",
        "Country",
        "ONS code",
        "Carried over",
        "Source",
        "Source kind",
    ];
    text_row(sheet, &mut widths, 0, &header, Some(&formats.header))?;
    let mut row = 0u32;
    for part in areas {
        let data = part.data;
        for &f in part.forces {
            let force = data.force(f);
            for &p in part.periods {
                let Some(cell) = data.cell(f, p) else {
                    continue;
                };
                row = row.checked_add(1).ok_or(WorkbookError::TooBig)?;
                let period = data.period(p);
                let year = period.to_string();
                let carried = data.carried_over(f, p);
                let (source, kind) = crate::export::citation(data, f, p)
                    .map(|c| (c.addresses(), c.kinds()))
                    .unwrap_or_default();
                text_row(
                    sheet,
                    &mut widths,
                    row,
                    &[data.area(), &force.name, &year],
                    None,
                )?;
                sheet.write_string_with_format(row, 3, cell.label(), formats.grade(cell))?;
                widths.fit(3, cell.label());
                let rest = [
                    force.region().unwrap_or(""),
                    force.rocu_at(period, membership).unwrap_or(""),
                    force.country().unwrap_or(""),
                    force.info.map_or("", |i| i.ons_code.as_str()),
                    if carried { "yes" } else { "" },
                    &source,
                    &kind,
                ];
                for (k, text) in rest.iter().enumerate() {
                    let col = 4 + k as u16;
                    sheet.write_string(row, col, *text)?;
                    widths.fit(col, text);
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    print_setup(sheet, true)?;
    sheet.autofilter(0, 0, row, header.len() as u16 - 1)?;
    widths.apply(sheet, 40)?;
    Ok(())
}

/// Characters on a line of the About sheet's wide column, roughly.
const ABOUT_LINE: usize = 90;

/// Where the grades came from, what was chosen, and when.
fn about_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    main: Part<'_>,
    areas: &[Part<'_>],
    filter: &Filter,
    date: &str,
) -> Result<(), WorkbookError> {
    sheet.set_name(ABOUT_SHEET)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 100)?;
    sheet.set_print_fit_to_pages(1, 0);
    let mut rows: Vec<(&str, String)> = Vec::new();
    let data = main.data;
    rows.push(("Made", format!("{date}, by PEEL Explorer")));
    let area = if data.area().is_empty() {
        "(no grades loaded)"
    } else {
        data.area()
    };
    rows.push(("Area (Grades sheet)", area.to_string()));
    let labels = data.period_labels(main.periods);
    let range = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => "none".into(),
    };
    rows.push(("Periods", range));
    rows.push((
        "Forces",
        format!("{} of {}", main.forces.len(), data.forces().len()),
    ));
    let names: Vec<&str> = areas.iter().map(|p| p.data.area()).collect();
    rows.push(("Areas (Long sheet)", names.join("; ")));
    let described = filter.describe();
    if described.is_empty() {
        rows.push(("Filters", "None: every force.".into()));
    }
    for (i, (_, text)) in described.into_iter().enumerate() {
        rows.push((if i == 0 { "Filters" } else { "" }, text));
    }
    rows.push((
        "ROCU membership",
        match filter.rocu_membership {
            RocuMembership::AtTheTime => "At the time of each grade.",
            RocuMembership::Current => "As it is now, for every period.",
        }
        .into(),
    ));
    let mut names: Vec<String> = Vec::new();
    for part in std::iter::once(&main).chain(areas) {
        names.extend(part.data.source_names().iter().cloned());
    }
    for (i, text) in narrative::source_entries(&names, true)
        .into_iter()
        .enumerate()
    {
        let text = if text == FIGURE7_CITATION.trim_end_matches('.') {
            FIGURE7_CITATION.to_string()
        } else {
            text
        };
        rows.push((if i == 0 { "Sources" } else { "" }, text));
    }
    rows.push((
        "",
        "The Long sheet gives the address of the page each grade was read on.".into(),
    ));
    let mut notes = vec![
        "Each grade cell holds the grade's name; its fill colour repeats it.".to_string(),
        CARRIED_NOTE.to_string(),
        "Grades from the 2021/22 cycle on (five grades, adding Adequate) are not directly \
         comparable with earlier ones."
            .to_string(),
    ];
    if data.source_names().iter().any(|n| n == BUILTIN_NAME) {
        notes.push(
            "2017 was a risk-based inspection: where a force was not re-inspected on serious \
             and organised crime, its 2016 judgement stayed in place, and Figure 7 does not \
             mark which."
                .into(),
        );
    }
    if let Some(i) = filter::scale_break(data, main.periods) {
        notes.push(narrative::scale_break_note(
            data.period(main.periods[i]),
            filter.movement_rule,
        ));
    }
    for (i, text) in notes.into_iter().enumerate() {
        rows.push((if i == 0 { "Notes" } else { "" }, text));
    }

    sheet.write_string_with_format(0, 0, "PEEL grades", &formats.title)?;
    for (i, (label, text)) in rows.iter().enumerate() {
        let row = row_number(i + 2)?;
        sheet.write_string_with_format(row, 0, *label, &formats.label)?;
        sheet.write_string_with_format(row, 1, text, &formats.wrap)?;
        // Room for wrapped lines: not every spreadsheet fits rows to their text on opening.
        let lines = text.chars().count().div_ceil(ABOUT_LINE).max(1);
        if lines > 1 {
            sheet.set_row_height(row, 15.0 * lines as f64)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_over_grades_are_starred() {
        let good = Cell::Graded(crate::Grade::Good);
        assert_eq!(cell_text(good, false), "Good");
        assert_eq!(cell_text(good, true), "Good [note\u{a0}1]");
        assert_eq!(cell_text(Cell::NotGraded, false), "Not graded");
    }

    #[test]
    fn the_citation_is_the_briefings() {
        let data = Dataset::figure7();
        let html = crate::brief::briefing_html(&data, &Filter::default(), "2026-01-01");
        let plain = html.replace("<i>", "").replace("</i>", "");
        assert!(plain.contains(FIGURE7_CITATION));
    }

    #[test]
    fn a_workbook_of_the_builtin_data() {
        let data = Dataset::figure7();
        let forces: Vec<usize> = (0..data.forces().len()).collect();
        let periods: Vec<PeriodIx> = data.period_ixs().collect();
        let part = Part {
            data: &data,
            forces: &forces,
            periods: &periods,
        };
        let bytes = workbook(part, &[part], &Filter::default(), "2026-01-01").unwrap();
        // A zip file.
        assert!(bytes.starts_with(b"PK"));
    }
}
