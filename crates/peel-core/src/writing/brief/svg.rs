//! The briefing pack's charts as inline SVG: grades per period, the alluvial diagram and
//! the hexagon map, drawn from the same numbers and layouts as the window's.

use std::fmt::Write;

use super::escape;
use crate::aggregate::{self, Tally};
use crate::alluvial::Layout;
use crate::dataset::Dataset;
use crate::grade::Cell;
use crate::hexmap::{Hex, HexMap};
use crate::period::PeriodIx;
use crate::style::{self, hex};

/// An SVG element with an accessible name.
fn svg_open(width: f32, height: f32, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        escape(label),
        escape(label)
    )
}

fn svg_text(x: f32, y: f32, anchor: &str, size: f32, fill: &str, text: &str) -> String {
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"{size}\" fill=\"{fill}\" font-family=\"sans-serif\">{}</text>",
        escape(text)
    )
}

/// Stacked bars: grade counts per period.
pub(super) fn distribution_svg(rows: &[aggregate::GroupPeriod], text: &str) -> String {
    let (w, h) = (640.0f32, 280.0f32);
    let (left, bottom, top) = (56.0f32, 48.0f32, 10.0f32);
    let max = rows
        .iter()
        .map(|r| r.tally.total())
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let plot_h = h - bottom - top;
    let n = rows.len().max(1) as f32;
    let slot = (w - left - 10.0) / n;
    let bar = (slot * 0.6).min(90.0);
    let mut out = svg_open(w, h, text);
    let step = if max > 50.0 {
        (max / 50.0).ceil() * 10.0
    } else {
        10.0
    };
    let mut v = 0.0;
    while v <= max {
        let y = top + plot_h - v / max * plot_h;
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>",
            w - 10.0
        );
        out += &svg_text(left - 4.0, y + 4.0, "end", 10.0, "#555", &format!("{v}"));
        v += step;
    }
    for (i, row) in rows.iter().enumerate() {
        let x = left + slot * (i as f32 + 0.5) - bar / 2.0;
        let mut base = top + plot_h;
        for cell in Cell::ALL.iter().rev() {
            let count = row.tally.count(*cell);
            if count == 0 {
                continue;
            }
            let hgt = count as f32 / max * plot_h;
            base -= hgt;
            let bg = style::grade_rgb(*cell);
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{base:.1}\" width=\"{bar:.1}\" height=\"{hgt:.1}\" fill=\"{}\"><title>{}</title></rect>",
                hex(bg),
                escape(&format!("{} {}: {count}", row.period, cell.label()))
            );
            if hgt >= 13.0 {
                out += &svg_text(
                    x + bar / 2.0,
                    base + hgt / 2.0 + 4.0,
                    "middle",
                    11.0,
                    &hex(style::text_on(bg)),
                    &format!("{} {count}", cell.short()),
                );
            }
        }
        out += &svg_text(
            left + slot * (i as f32 + 0.5),
            h - bottom + 18.0,
            "middle",
            12.0,
            "#222",
            &row.period.to_string(),
        );
    }
    // Axis titles.
    out += &svg_text(
        left + (w - left) / 2.0,
        h - 6.0,
        "middle",
        12.0,
        "#222",
        "Period",
    );
    let _ = write!(
        out,
        "<text x=\"14\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\" font-family=\"sans-serif\" transform=\"rotate(-90 14 {:.1})\">Forces</text>",
        top + plot_h / 2.0,
        top + plot_h / 2.0
    );
    out.push_str("</svg>");
    out
}

/// The alluvial diagram, from the core layout.
pub(super) fn alluvial_svg(
    columns: &[&Tally],
    flows: &[aggregate::Transitions],
    labels: &[String],
    text: &str,
) -> String {
    let (w, h) = (640.0f32, 300.0f32);
    let layout = Layout::new(50.0, 4.0, w - 100.0, h - 8.0, columns, flows);
    let mut out = svg_open(w, h, text);
    for r in &layout.ribbons {
        let samples = r.samples(20);
        let mut d = String::new();
        for (i, (x, y)) in samples.iter().enumerate() {
            let _ = write!(d, "{}{x:.1},{:.1} ", if i == 0 { "M" } else { "L" }, y.min);
        }
        for (x, y) in samples.iter().rev() {
            let _ = write!(d, "L{x:.1},{:.1} ", y.max);
        }
        d.push('Z');
        let _ = write!(
            out,
            "<path d=\"{d}\" fill=\"{}\" fill-opacity=\"0.45\"><title>{}</title></path>",
            hex(style::grade_rgb(r.from)),
            escape(&format!(
                "{} to {}: {} forces",
                r.from.label(),
                r.to.label(),
                r.count
            ))
        );
    }
    for node in &layout.nodes {
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            node.x,
            node.y,
            node.width,
            node.height,
            hex(style::grade_rgb(node.cell))
        );
        if node.height >= 10.0 {
            let (x, anchor) = if node.column == 0 {
                (node.x - 4.0, "end")
            } else {
                (node.x + node.width + 4.0, "start")
            };
            out += &svg_text(
                x,
                node.y + node.height / 2.0 + 4.0,
                anchor,
                11.0,
                "#222",
                &format!("{} {}", node.cell.short(), node.count),
            );
        }
    }
    for (i, label) in labels.iter().enumerate() {
        if let Some(node) = layout.nodes.iter().find(|n| n.column == i) {
            out += &svg_text(
                node.x + node.width / 2.0,
                14.0,
                "middle",
                12.0,
                "#222",
                label,
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// The hexagon map, coloured by grade in `period` (an index); forces outside `shown` are
/// pale, edged in their grade's colour.
pub(super) fn map_svg(data: &Dataset, shown: &[bool], period: PeriodIx, text: &str) -> String {
    let map = HexMap::builtin();
    let r = 30.0f32;
    let (x0, y0, x1, y1) = map.extent();
    let (w, h) = ((x1 - x0 + 3f32.sqrt()) * r + 4.0, (y1 - y0 + 2.0) * r + 4.0);
    let ox = 2.0 + 3f32.sqrt() / 2.0 * r - x0 * r;
    let oy = 2.0 + r - y0 * r;
    let mut out = svg_open(w, h, text);
    for (name, cell_hex) in &map.cells {
        let Some(f) = data.find_force(name) else {
            continue;
        };
        let (cx, cy) = cell_hex.centre();
        let centre = (ox + cx * r, oy + cy * r);
        let points: Vec<String> = Hex::corners(centre, r * 0.96)
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let status = data.status(f, period);
        let cell = data.cell(f, period);
        let grade = cell.map_or([0xee, 0xee, 0xee], style::grade_rgb);
        // A force outside the filters keeps its colour as an edge round a pale fill, so its
        // name and grade stay as legible as the others' when printed.
        let (bg, edge) = if shown.get(f).copied().unwrap_or(false) {
            (grade, [0xff, 0xff, 0xff])
        } else {
            (
                grade.map(|c| c + ((0xff - u16::from(c)) * 4 / 5) as u8),
                grade,
            )
        };
        let label = map.labels.get(name).map_or("", String::as_str);
        let _ = write!(
            out,
            "<g><polygon points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></polygon>",
            points.join(" "),
            hex(bg),
            hex(edge),
            escape(&format!(
                "{name}: {}",
                crate::narrative::status_words(status, data.period(period))
            ))
        );
        let fg = hex(style::text_on(bg));
        out += &svg_text(centre.0, centre.1 - 3.0, "middle", 10.0, &fg, label);
        out += &svg_text(
            centre.0,
            centre.1 + 12.0,
            "middle",
            12.0,
            &fg,
            cell.map_or_else(|| status.shorthand().unwrap_or(""), |c| c.short()),
        );
        out.push_str("</g>");
    }
    // Region outlines.
    let region = |force: &str| data.find_force(force).and_then(|f| data.force(f).region());
    for (name, cell_hex) in &map.cells {
        let (cx, cy) = cell_hex.centre();
        let centre = (ox + cx * r, oy + cy * r);
        let corners = Hex::corners(centre, r);
        for n in cell_hex.neighbours() {
            let other = map.force_at(n);
            if other.is_some() && other.and_then(region) == region(name) {
                continue;
            }
            let (nx, ny) = n.centre();
            let dir = (nx - cx, ny - cy);
            let k = (0..6)
                .max_by(|&i, &j| {
                    let mid = |k: usize| {
                        let (a, b) = (corners[k], corners[(k + 1) % 6]);
                        ((a.0 + b.0) / 2.0 - centre.0) * dir.0
                            + ((a.1 + b.1) / 2.0 - centre.1) * dir.1
                    };
                    mid(i).total_cmp(&mid(j))
                })
                .unwrap_or(0);
            let (a, b) = (corners[k], corners[(k + 1) % 6]);
            let _ = write!(
                out,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\" stroke-width=\"1.6\"/>",
                a.0, a.1, b.0, b.1
            );
        }
    }
    out.push_str("</svg>");
    out
}
