//! The briefing pack: the data's provenance, the active filters, the grade matrix, the
//! distribution and movement charts, the map, the comparison table and plain-English
//! summaries. Written once as a [`Document`], then rendered as one self-contained HTML
//! file ([`html`]: no external resources, inline SVG charts, print styles) or a Word
//! document ([`docx`]).

pub mod doc;
pub mod docx;
mod force;
pub mod html;
mod notes;
mod scorecard;
mod svg;

use crate::RocuMembership;
use crate::aggregate::{self, GroupDef, GroupKind, Grouping, NATIONAL, Tally};
use crate::dataset::Dataset;
use crate::filter::{Filter, Movement};
use crate::grade::Cell;
use crate::groups::ForceGroup;
use crate::narrative;
use crate::period::{Period, PeriodIx};
use doc::{Block, Chart, ChartKind, Document, Emphasis, Para, Span, Table, TableCell};
pub use doc::{CARRIED_MARK, CARRIED_NOTE};
pub use force::force_briefing;
use notes::table_notes;
pub use notes::{BREAK_NOTE, NOT_APPLICABLE_NOTE, NOT_AVAILABLE_NOTE, break_marked};
use scorecard::scorecard_table;
pub use scorecard::{ScorecardAreas, scorecard};
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
            // Neither HTML nor XML (Word) can hold these.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
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
    local_date(now, &local_zone())
}

/// The system's time zone, with its rules from the system's zone database.
#[cfg(not(target_arch = "wasm32"))]
fn local_zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::system()
}

/// In the browser, the page's offset from UTC at this moment: all today's date needs.
#[cfg(target_arch = "wasm32")]
fn local_zone() -> jiff::tz::TimeZone {
    use jiff::tz::{Offset, TimeZone};
    // Minutes behind UTC (-60 in British Summer Time). `as` saturates, and an offset out of
    // range is refused, so anything strange gives UTC.
    let behind = js_sys::Date::new_0().get_timezone_offset();
    Offset::from_seconds((-behind * 60.0).round() as i32).map_or(TimeZone::UTC, TimeZone::fixed)
}

/// The date of an instant in a time zone, as `YYYY-MM-DD`.
pub fn local_date(at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    at.to_zoned(zone.clone()).date().to_string()
}

/// A header cell per grade column: its short label.
fn cell_headers(cells: &[Cell]) -> impl Iterator<Item = String> + '_ {
    cells.iter().map(|c| c.short().to_string())
}

fn tally_cells(t: &Tally, cells: &[Cell]) -> impl Iterator<Item = TableCell> {
    cells
        .iter()
        .map(|c| TableCell::Number(t.count(*c).to_string()))
}

/// Groups side by side, period by period: each grade's count, the share good or better,
/// the mean score, and how many improved and declined since the period before.
fn compare_table(rows: &[aggregate::CompareRow], cells: &[Cell]) -> Table {
    let mut head: Vec<String> = vec!["Group".into(), "Period".into()];
    head.extend(cell_headers(cells));
    head.push("Not in record".into());
    head.extend(["Good or better", "Mean score", "Improved", "Declined"].map(String::from));
    let count = |n: Option<usize>| TableCell::Number(n.map_or("-".into(), |n| n.to_string()));
    let rows = rows
        .iter()
        .map(|row| {
            let mut out = vec![
                TableCell::Text(row.group.clone()),
                TableCell::Text(row.period.to_string()),
            ];
            out.extend(tally_cells(&row.tally, cells));
            out.push(TableCell::Number(row.tally.missing().to_string()));
            // The share is left out, rather than written "-", where none was graded.
            out.push(TableCell::Text(if row.tally.graded() > 0 {
                narrative::good_or_better_text(&row.tally)
            } else {
                "0 of 0".into()
            }));
            out.push(TableCell::Number(narrative::mean_text(
                row.tally.mean_score(),
            )));
            out.push(count(row.improved));
            out.push(count(row.declined));
            out
        })
        .collect();
    Table {
        head,
        rows,
        matrix: false,
    }
}

/// Writes the briefing for the forces and periods the filter selects, dated `date`.
pub fn briefing_html(data: &Dataset, filter: &Filter, date: &str) -> String {
    let forces = filter.apply(data);
    let periods = filter.period_indices(data);
    briefing_html_for(data, filter, &forces, &periods, date)
}

/// The pages the grades shown were read on, most used first, as text (the briefing
/// refers to nothing outside itself, so a printed copy shows each address); secondary
/// sources said as such. Nothing where no grade shown cites a page. The briefing's last
/// section, so a long list does not stand between the reader and the grades.
fn cited_pages(data: &Dataset, rows: &[usize], periods: &[PeriodIx]) -> Vec<Block> {
    pages_list(&narrative::cited_pages(data, rows, periods))
}

/// The "Pages the grades were read on" section for pages already counted.
fn pages_list(pages: &[(String, crate::provenance::SourceKind, usize)]) -> Vec<Block> {
    if pages.is_empty() {
        return Vec::new();
    }
    let secondary = pages.iter().filter(|p| p.1.is_secondary()).count();
    let items = pages
        .iter()
        .map(|(address, kind, count)| {
            vec![
                Span::with(Emphasis::Address, address.clone()),
                Span::plain(format!(
                    " ({}; {count} grade{})",
                    kind.label(),
                    if *count == 1 { "" } else { "s" }
                )),
            ]
        })
        .collect();
    vec![
        Block::heading(2, "Pages the grades were read on"),
        Block::note(format!(
            "{} pages; {secondary} of them secondary sources (a force's, PCC's or newspaper's \
             page, or a government publication).",
            pages.len()
        )),
        Block::List {
            ordered: true,
            items,
        },
    ]
}

/// What every section of a briefing is drawn from: the data, filters, forces and periods,
/// and the counts worked out once.
struct Page<'a> {
    data: &'a Dataset,
    filter: &'a Filter,
    rows: &'a [usize],
    periods: &'a [PeriodIx],
    cells: Vec<Cell>,
    range: String,
    membership: RocuMembership,
    shown: Vec<bool>,
    dist: Vec<aggregate::GroupPeriod>,
    flows: Vec<aggregate::Transitions>,
    moves: [Vec<usize>; 5],
    /// The user's groups, compared beside the regions.
    groups: &'a [ForceGroup],
}

impl Page<'_> {
    /// "43 of 43 forces", and the units beside them where any ("and 10 of 10 units").
    fn counted(&self) -> String {
        let data = self.data;
        let is_force = |f: &usize| data.force(*f).is_force();
        let forces = data.forces().iter().filter(|f| f.is_force()).count();
        let shown = self.rows.iter().filter(|f| is_force(f)).count();
        let units = data.forces().len() - forces;
        let mut text = format!(
            "{shown} of {forces} {}",
            narrative::plural(forces, "force", "forces")
        );
        if units > 0 {
            let shown_units = self.rows.len() - shown;
            let noun = narrative::plural(units, "unit", "units");
            text += &format!(" and {shown_units} of {units} {noun}");
        }
        text
    }

    /// The title, and the line under it.
    fn head(&self, date: &str) -> Document {
        let data = self.data;
        let periods: Vec<crate::Period> = self.periods.iter().map(|&p| data.period(p)).collect();
        let title = title(data.area(), &periods, &self.range);
        Document {
            title,
            page_title: format!("PEEL briefing: {} forces, {}", self.rows.len(), self.range),
            meta: format!(
                "Briefing of {date}. {}; periods {}.",
                self.counted(),
                self.range
            ),
            date: date.to_string(),
            blocks: Vec::new(),
        }
    }

    /// Where the grades come from, and the caveats that go with them.
    fn provenance(&self) -> Vec<Block> {
        let data = self.data;
        let figure7 = crate::import::FIGURE7_CITATION.trim_end_matches('.');
        let title = "Serious and Organised Crime Strategy";
        let items = narrative::source_entries(data.source_names(), true)
            .into_iter()
            .map(|source| {
                if source == figure7 {
                    let cited = crate::import::FIGURE7_CITATION;
                    let (before, after) = cited.split_once(title).unwrap_or((cited, ""));
                    vec![
                        Span::plain(before),
                        Span::with(Emphasis::Italic, title),
                        Span::plain(after),
                    ]
                    .into_iter()
                    .filter(|s| !s.text.is_empty())
                    .collect()
                } else {
                    vec![Span::plain(source)]
                }
            })
            .collect();
        let mut out = vec![
            Block::heading(2, "Data and provenance"),
            Block::List {
                ordered: false,
                items,
            },
        ];
        out.push(Block::note(format!(
            "2017 was a risk-based inspection: where a force was not re-inspected on serious \
             and organised crime, its 2016 judgement stayed in place, and Figure 7 does not \
             mark which. Grades from the 2021/22 cycle on (five grades, adding Adequate) are \
             not directly comparable with earlier ones. ROCU membership is read {}",
            match self.membership {
                RocuMembership::AtTheTime => "at the time of each grade.",
                RocuMembership::Current => "as it is now, for every period.",
            }
        )));
        if let Some(i) = crate::filter::scale_break(data, self.periods) {
            let note = narrative::scale_break_note(
                data.period(self.periods[i]),
                self.filter.movement_rule,
            );
            out.push(Block::Para(Para {
                note: true,
                spans: vec![
                    Span::with(Emphasis::Bold, "Scale change."),
                    Span::plain(note),
                ],
            }));
        }
        out
    }

    /// The filters, in words.
    fn filters(&self) -> Vec<Block> {
        let described = self.filter.describe();
        let list = if described.is_empty() {
            Block::text("None: every force.")
        } else {
            Block::List {
                ordered: false,
                items: described
                    .into_iter()
                    .map(|(_, d)| vec![Span::plain(d)])
                    .collect(),
            }
        };
        vec![Block::heading(2, "Filters"), list]
    }

    /// The national picture and the movement, in words.
    fn summary(&self) -> Vec<Block> {
        let mut out = vec![
            Block::heading(2, "Summary"),
            Block::text(narrative::distribution_text(&self.dist)),
        ];
        let move_parts: Vec<String> = Movement::ALL
            .iter()
            .zip(&self.moves)
            .filter(|(_, f)| !f.is_empty())
            .map(|(m, f)| format!("{} {}", f.len(), m.label().to_lowercase()))
            .collect();
        if !move_parts.is_empty() {
            out.push(Block::text(format!(
                "Across {}: {}.",
                self.range,
                move_parts.join(", ")
            )));
        }
        out
    }

    /// One row per force, a lettered, filled cell per grade.
    fn matrix(&self) -> Vec<Block> {
        let (data, periods) = (self.data, self.periods);
        let mut head: Vec<String> = ["Force", "Region", "ROCU"].map(String::from).into();
        let labels: Vec<Period> = periods.iter().map(|&p| data.period(p)).collect();
        head.extend(break_marked(&labels));
        head.push("Movement".into());
        let rows = self
            .rows
            .iter()
            .map(|&f| {
                let force = data.force(f);
                let rocu = data.latest_rocu(f, periods, self.membership).unwrap_or("");
                let mut row = vec![
                    TableCell::Text(force.name.clone()),
                    TableCell::Text(force.region().unwrap_or("").into()),
                    TableCell::Text(rocu.into()),
                ];
                row.extend(periods.iter().map(|&p| TableCell::Grade {
                    status: data.status(f, p),
                    carried: data.carried_over(f, p),
                }));
                row.push(TableCell::Text(
                    self.filter.movement_label(data, f, periods),
                ));
                row
            })
            .collect();
        let table = Table {
            head,
            rows,
            matrix: true,
        };
        let mut out = vec![
            Block::heading(2, "Grade matrix"),
            Block::Key(self.cells.clone()),
        ];
        let notes = table_notes(&table);
        out.push(Block::Table(table));
        out.extend(notes);
        out
    }

    /// Grades per period, and the movement between periods: charts and tables.
    fn charts(&self) -> Vec<Block> {
        let dist_text = narrative::distribution_text(&self.dist);
        let mut out = vec![
            Block::heading(2, "Grades per period"),
            Block::Chart(Chart {
                kind: ChartKind::Distribution,
                svg: distribution_svg(&self.dist, &dist_text),
                alt: dist_text,
            }),
            Block::heading(2, "Movement"),
        ];
        if self.flows.is_empty() {
            out.push(Block::text("One period in range: no movement to show."));
            return out;
        }
        let columns: Vec<&Tally> = self.dist.iter().map(|r| &r.tally).collect();
        let flow_text = self
            .flows
            .iter()
            .map(narrative::transitions_text)
            .collect::<Vec<_>>()
            .join(" ");
        // What each column leaves out is said in the chart's text, which the briefing
        // prints under it; the labels stay short.
        let column_labels = self.data.period_labels(self.periods);
        if columns.len() == self.periods.len() {
            out.push(Block::Chart(Chart {
                kind: ChartKind::Flows,
                svg: alluvial_svg(&columns, &self.flows, &column_labels, &flow_text),
                alt: flow_text,
            }));
        }
        out.extend(self.flows.iter().map(|t| self.transition_table(t)));
        out
    }

    /// The counts of forces moving from each grade to each other between two periods.
    fn transition_table(&self, t: &aggregate::Transitions) -> Block {
        let mut head = vec![format!("{} \\ {}", t.from, t.to)];
        head.extend(cell_headers(&self.cells));
        let rows = self
            .cells
            .iter()
            .map(|&a| {
                let mut row = vec![TableCell::RowHead(a.label().into())];
                row.extend(
                    self.cells
                        .iter()
                        .map(|&b| TableCell::Number(t.count(a, b).to_string())),
                );
                row
            })
            .collect();
        Block::Keep(vec![
            Block::heading(3, format!("{} to {}", t.from, t.to)),
            Block::Table(Table {
                head,
                rows,
                matrix: false,
            }),
            Block::note(format!(
                "{}.",
                narrative::direction_counts_text(t.direction_counts())
            )),
        ])
    }

    /// The map of the latest period.
    fn map(&self) -> Vec<Block> {
        let Some(&last) = self.periods.last() else {
            return Vec::new();
        };
        let period = self.data.period(last);
        let colouring = Some(crate::map_picture::Colouring::Grade(period));
        let picture = crate::map_picture::picture(self.data, colouring, &self.shown, &[]);
        let text = format!(
            "{} Forces outside the filters are pale, edged in their grade's colour.",
            picture.text
        );
        vec![
            Block::heading(2, format!("Map: {period}")),
            Block::Chart(Chart {
                kind: ChartKind::Map,
                svg: map_svg(self.data, &self.shown, last, &text),
                alt: text,
            }),
        ]
    }

    /// England and Wales, each region and each of the user's groups side by side.
    fn comparison(&self) -> Vec<Block> {
        let data = self.data;
        let mut groups = vec![GroupDef::baseline()];
        let mut regions: Vec<&str> = self
            .rows
            .iter()
            .filter_map(|&f| data.force(f).region())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        groups.extend(regions.iter().map(|r| GroupDef {
            name: (*r).into(),
            kind: GroupKind::Region((*r).into()),
        }));
        groups.extend(self.groups.iter().map(|g| g.def(data)));
        let compare = aggregate::compare(data, &self.shown, self.periods, &groups, self.membership);
        let heading = if self.groups.is_empty() {
            "Comparison by region"
        } else {
            "Comparison by region and group"
        };
        vec![
            Block::heading(2, heading),
            Block::Table(compare_table(&compare, &self.cells)),
            Block::note(format!(
                "{NATIONAL} is every force in the data, whatever the filters; a region counts \
                 its forces that pass the filters, and says so where that is not all of them{}. \
                 Mean score: {}.",
                if self.groups.is_empty() {
                    ""
                } else {
                    "; so does each group"
                },
                narrative::score_key()
            )),
        ]
    }

    /// A paragraph per force, and the definitions.
    fn forces(&self) -> Vec<Block> {
        let data = self.data;
        let mut out = vec![Block::heading(2, "Force by force")];
        for &f in self.rows {
            out.push(Block::heading(3, data.force(f).name.clone()));
            out.push(Block::text(narrative::force_summary(
                data,
                f,
                self.periods,
                self.membership,
            )));
        }
        out.push(Block::heading(2, DEFINITIONS));
        out.push(Block::note(
            "Movement across the periods shown, counting only graded periods: improved, never \
             fell and ended better; declined, never rose and ended worse; stable, the same \
             grade throughout; fluctuated, both rose and fell; too few grades, fewer than two \
             graded periods.",
        ));
        out
    }
}

/// The last section's heading; the scorecard goes before it.
const DEFINITIONS: &str = "Definitions";

/// The briefing for forces and periods a filter has already selected (indices into
/// [`Dataset::forces`] and [`Dataset::periods`]), as a document any format can render.
pub fn briefing(
    data: &Dataset,
    filter: &Filter,
    rows: &[usize],
    periods: &[PeriodIx],
    groups: &[ForceGroup],
    date: &str,
) -> Document {
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
        groups,
    };
    let mut doc = page.head(date);
    for section in [
        page.provenance(),
        page.filters(),
        page.summary(),
        page.matrix(),
        page.charts(),
        page.map(),
        page.comparison(),
        page.forces(),
        cited_pages(data, rows, periods),
    ] {
        doc.blocks.extend(section);
    }
    doc
}

/// [`briefing`] as one HTML page.
pub fn briefing_html_for(
    data: &Dataset,
    filter: &Filter,
    rows: &[usize],
    periods: &[PeriodIx],
    date: &str,
) -> String {
    html::render(&briefing(data, filter, rows, periods, &[], date))
}

/// What a briefing covers, in its title: the area and the periods, and "Effectiveness"
/// only where the grades are the Effectiveness pillar's or its question's (serious and
/// organised crime up to 2018/19, as Figure 7 has them).
pub fn title(area: &str, periods: &[crate::Period], range: &str) -> String {
    let area = if area.is_empty() {
        crate::area::BUILTIN_AREA
    } else {
        area
    };
    let effectiveness_era = !periods.is_empty() && periods.iter().all(|p| !p.is_five_grade_era());
    if area == crate::area::BUILTIN_AREA && effectiveness_era {
        format!("PEEL Effectiveness grades for serious and organised crime, {range}")
    } else {
        format!("PEEL grades: {area}, {range}")
    }
}

/// [`briefing`] with, when several areas are loaded, a scorecard of every area for the
/// forces it covers (before the definitions).
pub fn briefing_document(
    grades: &crate::Grades,
    data: &Dataset,
    filter: &Filter,
    rows: &[usize],
    periods: &[PeriodIx],
    (groups, which): (&[ForceGroup], &ScorecardAreas),
    date: &str,
) -> Document {
    let mut doc = briefing(data, filter, rows, periods, groups, date);
    let names: Vec<&str> = rows.iter().map(|&f| data.force(f).name.as_str()).collect();
    let in_range = |p: crate::Period| filter.in_range(p);
    let card = scorecard(grades, &names, (which, data.area()), &in_range);
    doc.insert_before(DEFINITIONS, card);
    doc
}

/// [`briefing_document`] as one HTML page.
pub fn briefing_with_scorecard(
    grades: &crate::Grades,
    data: &Dataset,
    filter: &Filter,
    rows: &[usize],
    periods: &[PeriodIx],
    date: &str,
) -> String {
    html::render(&briefing_document(
        grades,
        data,
        filter,
        rows,
        periods,
        (&[], &ScorecardAreas::default()),
        date,
    ))
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
