//! A briefing [`Document`] as one self-contained HTML page: no external resources, inline
//! SVG charts, print styles; well-formed enough for an XML parser.

use crate::Status;
use std::fmt::Write;

use super::doc::{Block, Document, Emphasis, Span, Table, TableCell};
use super::escape;
use crate::grade::Cell;
use crate::style::{self, hex};

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

/// The page.
pub fn render(doc: &Document) -> String {
    let mut h = String::new();
    h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>";
    let _ = write!(
        h,
        "<title>{}</title><style>{CSS}</style></head><body>",
        escape(&doc.page_title)
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"meta\">{}</p>",
        escape(&doc.title),
        escape(&doc.meta)
    );
    for block in &doc.blocks {
        block_html(&mut h, block);
    }
    h += "</body></html>\n";
    h
}

fn block_html(h: &mut String, block: &Block) {
    match block {
        Block::Heading(level, text) => {
            let _ = write!(h, "<h{level}>{}</h{level}>", escape(text));
        }
        Block::Para(p) => {
            *h += if p.note { "<p class=\"alt\">" } else { "<p>" };
            *h += &spans_html(&p.spans);
            *h += "</p>";
        }
        Block::List { ordered, items } => {
            *h += if *ordered {
                "<ol class=\"sources\">"
            } else {
                "<ul>"
            };
            for item in items {
                let _ = write!(h, "<li>{}</li>", spans_html(item));
            }
            *h += if *ordered { "</ol>" } else { "</ul>" };
        }
        Block::Key(cells) => *h += &key_html(cells),
        Block::Table(table) => table_html(h, table),
        Block::Chart(chart) => {
            let _ = write!(
                h,
                "<figure>{}<figcaption class=\"alt\">{}</figcaption></figure>",
                chart.svg,
                escape(&chart.alt)
            );
        }
        Block::Keep(blocks) => {
            *h += "<div class=\"keep\">";
            for b in blocks {
                block_html(h, b);
            }
            *h += "</div>";
        }
    }
}

fn spans_html(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = escape(&s.text);
            match s.emphasis {
                Emphasis::Plain => text,
                Emphasis::Italic => format!("<i>{text}</i>"),
                Emphasis::Bold => format!("<b>{text}</b>"),
                Emphasis::Address => format!("<span class=\"url\">{text}</span>"),
            }
        })
        .collect()
}

fn table_html(h: &mut String, table: &Table) {
    *h += if table.matrix {
        "<table class=\"matrix\"><thead><tr>"
    } else {
        "<table><thead><tr>"
    };
    for head in &table.head {
        let _ = write!(h, "<th>{}</th>", escape(head));
    }
    *h += "</tr></thead><tbody>";
    for row in &table.rows {
        *h += "<tr>";
        for cell in row {
            *h += &cell_html(cell);
        }
        *h += "</tr>";
    }
    *h += "</tbody></table>";
}

fn cell_html(cell: &TableCell) -> String {
    match cell {
        TableCell::Text(t) => format!("<td>{}</td>", escape(t)),
        TableCell::RowHead(t) => format!("<th>{}</th>", escape(t)),
        TableCell::Number(t) => format!("<td class=\"n\">{}</td>", escape(t)),
        TableCell::Grade { status, carried } => grade_td(*status, *carried),
    }
}

/// A grade's table cell: filled and lettered, with its note's mark when carried over; an
/// empty one shows the shorthand for why.
fn grade_td(status: Status, carried: bool) -> String {
    let text = super::doc::grade_text(status, carried);
    match status {
        Status::Cell(c) => {
            let bg = style::grade_rgb(c);
            let note = if carried { " (carried over)" } else { "" };
            format!(
                "<td class=\"g\" style=\"background:{};color:{}\" title=\"{}{note}\">{}</td>",
                hex(bg),
                hex(style::text_on(bg)),
                escape(c.label()),
                escape(&text)
            )
        }
        other => format!(
            "<td class=\"g\" title=\"{}\">{}</td>",
            escape(other.label()),
            escape(&text)
        ),
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
