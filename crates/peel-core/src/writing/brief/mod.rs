//! The briefing pack: one self-contained HTML file (no external resources, inline SVG
//! charts, print styles) with the data's provenance, the active filters, the grade matrix,
//! the distribution and movement charts, the map, the comparison table and plain-English
//! summaries. Written as well-formed XHTML-style HTML so any XML parser can read it too.

mod svg;

use std::fmt::Write;

use crate::RocuMembership;
use crate::aggregate::{self, GroupDef, GroupKind, Grouping, NATIONAL, Tally};
use crate::dataset::Dataset;
use crate::filter::{Filter, Movement};
use crate::grade::Cell;
use crate::narrative;
use crate::period::PeriodIx;
use crate::style::{self, hex};
use svg::{alluvial_svg, distribution_svg, map_svg};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Today's date where the user is, as `YYYY-MM-DD`: the system clock in the system's time
/// zone, so a briefing made just after midnight in British Summer Time carries that day's
/// date, not the day before's (UTC). Where the zone cannot be read, UTC.
pub fn today() -> String {
    let now = jiff::Timestamp::now();
    local_date(now, &jiff::tz::TimeZone::system())
}

/// The date of an instant in a time zone, as `YYYY-MM-DD`.
pub fn local_date(at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    at.to_zoned(zone.clone()).date().to_string()
}

const CSS: &str = "
body{font-family:'Segoe UI',Ubuntu,Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:1000px;margin:24px auto;padding:0 16px;line-height:1.4}
h1{font-size:1.6em;margin-bottom:0.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
h3{font-size:1.05em;margin:1em 0 0.2em}
.meta{color:#555}.alt{color:#444;font-size:0.9em}
table{border-collapse:collapse;margin:8px 0;font-size:0.9em}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
th{background:#f2f2f2}
td.g{text-align:center;font-weight:600;min-width:2.5em}
td.n{text-align:right}
.key span{display:inline-block;padding:1px 6px;margin-right:6px;border-radius:3px;font-weight:600}
svg{max-width:100%;height:auto}
ol.sources{font-size:0.8em;color:#333}.url{word-break:break-all}
@media print{body{margin:0;max-width:none}h2,h3{page-break-after:avoid}svg,figure,.keep{page-break-inside:avoid;break-inside:avoid}tr{page-break-inside:avoid}
a{color:inherit;text-decoration:none}}
";

/// A grade's table cell: filled, labelled, starred when carried over.
fn cell_td(cell: Option<Cell>, carried: bool) -> String {
    match cell {
        Some(c) => {
            let bg = style::grade_rgb(c);
            let (star, note) = if carried {
                ("*", " (carried over)")
            } else {
                ("", "")
            };
            format!(
                "<td class=\"g\" style=\"background:{};color:{}\" title=\"{}{note}\">{}{star}</td>",
                hex(bg),
                hex(style::text_on(bg)),
                escape(c.label()),
                escape(c.short())
            )
        }
        None => "<td class=\"g\"></td>".into(),
    }
}

fn key_html(cells: &[Cell]) -> String {
    let mut out = String::from("<p class=\"key\">");
    for &cell in cells {
        let bg = style::grade_rgb(cell);
        let _ = write!(
            out,
            "<span style=\"background:{};color:{}\">{}</span>{} ",
            hex(bg),
            hex(style::text_on(bg)),
            escape(cell.short()),
            escape(cell.label())
        );
    }
    out.push_str("</p>");
    out
}

/// A header cell per grade column: its short label.
fn cell_headers(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| format!("<th>{}</th>", escape(c.short())))
        .collect()
}

fn tally_cells(t: &Tally, cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| format!("<td class=\"n\">{}</td>", t.count(*c)))
        .collect()
}

/// Writes the briefing for the forces and periods the filter selects, dated `date`.
pub fn briefing_html(data: &Dataset, filter: &Filter, date: &str) -> String {
    let forces = filter.apply(data);
    let periods = filter.period_indices(data);
    briefing_html_for(data, filter, &forces, &periods, date)
}

/// [`briefing_html`] for forces and periods the filter has already selected (indices into
/// [`Dataset::forces`] and [`Dataset::periods`]).
/// The pages the grades shown were read on, most used first, as text (the briefing
/// refers to nothing outside itself, so a printed copy shows each address); secondary
/// sources said as such. Empty where no grade shown cites a page.
fn cited_pages_html(data: &Dataset, rows: &[usize], periods: &[PeriodIx]) -> String {
    let pages = narrative::cited_pages(data, rows, periods);
    if pages.is_empty() {
        return String::new();
    }
    let secondary = pages.iter().filter(|p| p.1.is_secondary()).count();
    let mut h = format!(
        "<h3>Pages the grades were read on</h3><p class=\"alt\">{} pages; {secondary} of them \
         secondary sources (a force's, PCC's or newspaper's page, or a government \
         publication).</p><ol class=\"sources\">",
        pages.len()
    );
    for (address, kind, count) in &pages {
        let address = escape(address);
        let _ = write!(
            h,
            "<li><span class=\"url\">{address}</span> ({}; {count} grade{})</li>",
            escape(kind.label()),
            if *count == 1 { "" } else { "s" }
        );
    }
    h += "</ol>";
    h
}

/// What every section of a briefing is drawn from: the data, filters, forces and periods,
/// and the counts worked out once.
struct Page<'a> {
    data: &'a Dataset,
    filter: &'a Filter,
    rows: &'a [usize],
    periods: &'a [PeriodIx],
    labels: Vec<String>,
    cells: Vec<Cell>,
    range: String,
    membership: RocuMembership,
    shown: Vec<bool>,
    dist: Vec<aggregate::GroupPeriod>,
    flows: Vec<aggregate::Transitions>,
    moves: [Vec<usize>; 5],
}

impl Page<'_> {
    /// The page's head, its title and the line under it.
    fn head_html(&self, date: &str) -> String {
        let data = self.data;
        let rows = self.rows;
        let range = &self.range;
        let mut h = String::new();
        h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>";
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>";
        let _ = write!(
            h,
            "<title>PEEL briefing: {} forces, {}</title><style>{CSS}</style></head><body>",
            rows.len(),
            escape(range)
        );
        if data.area() == crate::area::BUILTIN_AREA || data.area().is_empty() {
            h += "<h1>PEEL Effectiveness grades for serious and organised crime</h1>";
        } else {
            let _ = write!(h, "<h1>PEEL grades: {}</h1>", escape(data.area()));
        }
        let _ = write!(
            h,
            "<p class=\"meta\">Briefing of {date}. {} of {} forces; periods {}.</p>",
            rows.len(),
            data.forces().len(),
            escape(range)
        );
        h
    }

    /// Where the grades come from, and the caveats that go with them.
    fn provenance_html(&self) -> String {
        let data = self.data;
        let filter = self.filter;
        let rows = self.rows;
        let periods = self.periods;
        let membership = self.membership;
        let mut h = String::new();
        h += "<h2>Data and provenance</h2><ul>";
        let figure7 = crate::import::FIGURE7_CITATION.trim_end_matches('.');
        for source in narrative::source_entries(data.source_names(), true) {
            if source == figure7 {
                let title = "Serious and Organised Crime Strategy";
                let cited = escape(crate::import::FIGURE7_CITATION).replacen(
                    title,
                    &format!("<i>{title}</i>"),
                    1,
                );
                let _ = write!(h, "<li>{cited}</li>");
            } else {
                let _ = write!(h, "<li>{}</li>", escape(&source));
            }
        }
        h += "</ul>";
        h += &cited_pages_html(data, rows, periods);
        h += "<p class=\"alt\">2017 was a risk-based inspection: where a force was not re-inspected on serious and organised crime, its 2016 judgement stayed in place, and Figure 7 does not mark which. Grades from the 2021/22 cycle on (five grades, adding Adequate) are not directly comparable with earlier ones. ROCU membership is read ";
        h += match membership {
            crate::forces::RocuMembership::AtTheTime => "at the time of each grade.",
            crate::forces::RocuMembership::Current => "as it is now, for every period.",
        };
        h += "</p>";
        if let Some(i) = crate::filter::scale_break(data, periods) {
            let note = narrative::scale_break_note(data.period(periods[i]), filter.movement_rule);
            let _ = write!(
                h,
                "<p class=\"alt\"><b>Scale change.</b>{}</p>",
                escape(&note)
            );
        }
        h
    }

    /// The filters, in words.
    fn filters_html(&self) -> String {
        let filter = self.filter;
        let mut h = String::new();
        h += "<h2>Filters</h2>";
        let described = filter.describe();
        if described.is_empty() {
            h += "<p>None: every force.</p>";
        } else {
            h += "<ul>";
            for (_, d) in described {
                let _ = write!(h, "<li>{}</li>", escape(&d));
            }
            h += "</ul>";
        }
        h
    }

    /// The national picture and the movement, in words.
    fn summary_html(&self) -> String {
        let range = &self.range;
        let dist = &self.dist;
        let moves = &self.moves;
        let mut h = String::new();
        h += "<h2>Summary</h2>";
        let _ = write!(h, "<p>{}</p>", escape(&narrative::distribution_text(dist)));
        let move_parts: Vec<String> = Movement::ALL
            .iter()
            .zip(moves)
            .filter(|(_, f)| !f.is_empty())
            .map(|(m, f)| format!("{} {}", f.len(), m.label().to_lowercase()))
            .collect();
        if !move_parts.is_empty() {
            let _ = write!(
                h,
                "<p>Across {}: {}.</p>",
                escape(range),
                escape(&move_parts.join(", "))
            );
        }
        h
    }

    /// One row per force, a lettered, filled cell per grade.
    fn matrix_html(&self) -> String {
        let data = self.data;
        let filter = self.filter;
        let rows = self.rows;
        let periods = self.periods;
        let labels = &self.labels;
        let cells = &self.cells;
        let membership = self.membership;
        let mut h = String::new();
        h += "<h2>Grade matrix</h2>";
        h += &key_html(cells);
        h += "<table class=\"matrix\"><thead><tr><th>Force</th><th>Region</th><th>ROCU</th>";
        for l in labels {
            let _ = write!(h, "<th>{}</th>", escape(l));
        }
        h += "<th>Movement</th></tr></thead><tbody>";
        for &f in rows {
            let force = data.force(f);
            let rocu = data.latest_rocu(f, periods, membership).unwrap_or("");
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td>",
                escape(&force.name),
                escape(force.region().unwrap_or("")),
                escape(rocu)
            );
            for &p in periods {
                h += &cell_td(data.cell(f, p), data.carried_over(f, p));
            }
            let m = filter.movement(data, f, periods);
            let _ = write!(h, "<td>{}</td></tr>", escape(m.label()));
        }
        h += "</tbody></table>";
        if rows
            .iter()
            .any(|&f| periods.iter().any(|&p| data.carried_over(f, p)))
        {
            h += "<p class=\"alt\">* A grade carried over from an earlier inspection, not given afresh.</p>";
        }
        h
    }

    /// Grades per period, and the movement between periods: charts and tables.
    fn charts_html(&self) -> String {
        let periods = self.periods;
        let labels = &self.labels;
        let cells = &self.cells;
        let dist = &self.dist;
        let flows = &self.flows;
        let mut h = String::new();
        h += "<h2>Grades per period</h2><figure>";
        let dist_text = narrative::distribution_text(dist);
        h += &distribution_svg(dist, &dist_text);
        let _ = write!(
            h,
            "<figcaption class=\"alt\">{}</figcaption></figure>",
            escape(&dist_text)
        );

        h += "<h2>Movement</h2>";
        if flows.is_empty() {
            h += "<p>One period in range: no movement to show.</p>";
        } else {
            let columns: Vec<&Tally> = dist.iter().map(|r| &r.tally).collect();
            let flow_text = flows
                .iter()
                .map(narrative::transitions_text)
                .collect::<Vec<_>>()
                .join(" ");
            if columns.len() == periods.len() {
                h += "<figure>";
                h += &alluvial_svg(&columns, flows, labels, &flow_text);
                let _ = write!(
                    h,
                    "<figcaption class=\"alt\">{}</figcaption></figure>",
                    escape(&flow_text)
                );
            }
            for t in flows {
                let _ = write!(
                    h,
                    "<div class=\"keep\"><h3>{} to {}</h3><table><thead><tr><th>{} \\ {}</th>",
                    t.from, t.to, t.from, t.to
                );
                h += &cell_headers(cells);
                h += "</tr></thead><tbody>";
                for a in cells {
                    let _ = write!(h, "<tr><th>{}</th>", escape(a.label()));
                    for b in cells {
                        let _ = write!(h, "<td class=\"n\">{}</td>", t.count(*a, *b));
                    }
                    h += "</tr>";
                }
                let _ = write!(
                    h,
                    "</tbody></table><p class=\"alt\">{}.</p></div>",
                    narrative::direction_counts_text(t.direction_counts())
                );
            }
        }
        h
    }

    /// The map of the latest period.
    fn map_html(&self) -> String {
        let data = self.data;
        let periods = self.periods;
        let shown = &self.shown;
        let mut h = String::new();
        if let Some(&last) = periods.last() {
            let text = format!(
                "Map of the forces coloured by grade in {}; forces outside the filters are pale, edged in their grade's colour.",
                data.period(last)
            );
            let _ = write!(h, "<h2>Map: {}</h2><figure>", data.period(last));
            h += &map_svg(data, shown, last, &text);
            let _ = write!(
                h,
                "<figcaption class=\"alt\">{}</figcaption></figure>",
                escape(&text)
            );
        }
        h
    }

    /// England and Wales and each region side by side.
    fn comparison_html(&self) -> String {
        let data = self.data;
        let rows = self.rows;
        let periods = self.periods;
        let cells = &self.cells;
        let membership = self.membership;
        let shown = &self.shown;
        let mut h = String::new();
        h += "<h2>Comparison by region</h2>";
        let mut groups = vec![GroupDef::baseline()];
        let mut regions: Vec<&str> = rows
            .iter()
            .filter_map(|&f| data.force(f).region())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        groups.extend(regions.iter().map(|r| GroupDef {
            name: (*r).into(),
            kind: GroupKind::Region((*r).into()),
        }));
        let compare = aggregate::compare(data, shown, periods, &groups, membership);
        h += "<table><thead><tr><th>Group</th><th>Period</th>";
        h += &cell_headers(cells);
        h += "<th>Good or better</th><th>Mean score</th><th>Improved</th><th>Declined</th></tr></thead><tbody>";
        for row in &compare {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td>{}<td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(&row.group),
                row.period,
                tally_cells(&row.tally, cells),
                // The briefing leaves the share out, rather than writing "-", where none was graded.
                if row.tally.graded() > 0 {
                    narrative::good_or_better_text(&row.tally)
                } else {
                    "0 of 0".into()
                },
                narrative::mean_text(row.tally.mean_score()),
                row.improved.map_or("-".into(), |n| n.to_string()),
                row.declined.map_or("-".into(), |n| n.to_string()),
            );
        }
        let _ = write!(
            h,
            "</tbody></table><p class=\"alt\">{NATIONAL} is every force in the data, whatever the filters; a region counts its forces that pass the filters, and says so where that is not all of them. Mean score: {}.</p>",
            narrative::score_key()
        );
        h
    }

    /// A paragraph per force, and the definitions.
    fn forces_html(&self) -> String {
        let data = self.data;
        let rows = self.rows;
        let periods = self.periods;
        let membership = self.membership;
        let mut h = String::new();
        h += "<h2>Force by force</h2>";
        for &f in rows {
            let _ = write!(
                h,
                "<h3>{}</h3><p>{}</p>",
                escape(&data.force(f).name),
                escape(&narrative::force_summary(data, f, periods, membership))
            );
        }
        h += "<h2>Definitions</h2><p class=\"alt\">Movement across the periods shown, counting only graded periods: improved, never fell and ended better; declined, never rose and ended worse; stable, the same grade throughout; fluctuated, both rose and fell; too few grades, fewer than two graded periods.</p>";
        h
    }
}

pub fn briefing_html_for(
    data: &Dataset,
    filter: &Filter,
    rows: &[usize],
    periods: &[PeriodIx],
    date: &str,
) -> String {
    let labels = data.period_labels(periods);
    let range = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => "no periods".into(),
    };
    let membership = filter.rocu_membership;
    let page = Page {
        data,
        filter,
        rows,
        periods,
        cells: aggregate::columns_in_use(data, rows, periods),
        range,
        membership,
        shown: crate::filter::mask(data.forces().len(), rows),
        dist: aggregate::distribution(data, rows, periods, Grouping::National, membership),
        flows: aggregate::flows(data, rows, periods),
        moves: aggregate::movements(data, rows, periods),
        labels,
    };
    let mut h = page.head_html(date);
    for section in [
        page.provenance_html(),
        page.filters_html(),
        page.summary_html(),
        page.matrix_html(),
        page.charts_html(),
        page.map_html(),
        page.comparison_html(),
        page.forces_html(),
    ] {
        h += &section;
    }
    h += "</body></html>\n";
    h
}

/// A scorecard section for a briefing when several areas are loaded: for each force the
/// briefing covers (by name), its grade in every area and period.
pub fn scorecard_html(grades: &crate::Grades, names: &[&str]) -> String {
    let areas = grades.datasets();
    if areas.len() < 2 {
        return String::new();
    }
    let periods = grades.all_periods();
    let mut h = String::from("<h2>Scorecard: every area</h2>");
    for name in names {
        let _ = write!(
            h,
            "<div class=\"keep\"><h3>{}</h3><table><thead><tr><th>Area</th>",
            escape(name)
        );
        for p in &periods {
            let _ = write!(h, "<th>{p}</th>");
        }
        h += "</tr></thead><tbody>";
        for area in areas {
            let force = area.find_force(name);
            let _ = write!(h, "<tr><td>{}</td>", escape(area.area()));
            for &p in &periods {
                let at = force.zip(area.period_index(p));
                let cell = at.and_then(|(f, i)| area.cell(f, i));
                h += &cell_td(cell, at.is_some_and(|(f, i)| area.carried_over(f, i)));
            }
            h += "</tr>";
        }
        h += "</tbody></table></div>";
    }
    h
}

/// [`briefing_html_for`] with, when several areas are loaded, a scorecard of every area
/// for the forces it covers (before the definitions).
pub fn briefing_with_scorecard(
    grades: &crate::Grades,
    data: &Dataset,
    filter: &Filter,
    rows: &[usize],
    periods: &[PeriodIx],
    date: &str,
) -> String {
    let mut h = briefing_html_for(data, filter, rows, periods, date);
    let names: Vec<&str> = rows.iter().map(|&f| data.force(f).name.as_str()).collect();
    let card = scorecard_html(grades, &names);
    if let Some(at) = h.find("<h2>Definitions</h2>") {
        h.insert_str(at, &card);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_briefing_made_after_midnight_in_summer_time_carries_that_days_date() {
        use jiff::tz::{TimeZone, offset};
        // 00:30 on 16 June 2026 in British Summer Time is 23:30 on the 15th in UTC.
        let at: jiff::Timestamp = "2026-06-15T23:30:00Z".parse().expect("an instant");
        let bst = TimeZone::fixed(offset(1));
        assert_eq!(local_date(at, &bst), "2026-06-16");
        assert_eq!(local_date(at, &TimeZone::UTC), "2026-06-15");
        let leap: jiff::Timestamp = "2000-02-29T12:00:00Z".parse().expect("an instant");
        assert_eq!(local_date(leap, &TimeZone::UTC), "2000-02-29");
        // Today, as the program writes it, is a date.
        let today = today();
        assert_eq!(today.len(), 10, "{today}");
        assert_eq!(&today[4..5], "-");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("Avon & Somerset <x> \"q\" 'a'"),
            "Avon &amp; Somerset &lt;x&gt; &quot;q&quot; &#39;a&#39;"
        );
        assert_eq!(escape("a\u{0}b"), "ab");
    }
}
