//! The command line's plain-text tables.

use super::*;

pub(super) fn filter_line(filter: &Filter) -> String {
    let described: Vec<String> = filter.describe().into_iter().map(|(_, d)| d).collect();
    if described.is_empty() {
        "Filters: none".into()
    } else {
        format!("Filters: {}", described.join("; "))
    }
}

/// A plain-text table of grade counts.
pub(super) fn summary_text(
    rows: &[aggregate::GroupPeriod],
    adequate: bool,
    forces: usize,
    filter: &Filter,
) -> String {
    let cells = Cell::columns(adequate, true);
    let group_width = rows
        .iter()
        .map(|r| r.group.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let noun = narrative::plural(forces, "force", "forces");
    let mut out = format!("{forces} {noun}. {}\n\n", filter_line(filter));
    out += &format!("{:<group_width$}  {:<7}", "group", "period");
    for c in &cells {
        out += &format!(" {:>4}", c.short());
    }
    let not_known = rows.iter().any(|r| !r.tally.not_known.is_empty());
    out += " [x]";
    if not_known {
        out += "   ?";
    }
    out += "  good or better\n";
    for row in rows {
        out += &format!("{:<group_width$}  {:<7}", row.group, row.period.to_string());
        for c in &cells {
            out += &format!(" {:>4}", row.tally.count(*c));
        }
        out += &format!(" {:>4}", row.tally.missing());
        if not_known {
            out += &format!(" {:>4}", row.tally.not_known.len());
        }
        out += &format!("  {}\n", narrative::good_or_better_text(&row.tally));
    }
    let mut key: Vec<String> = cells
        .iter()
        .map(|c| match c {
            Cell::Graded(g) => format!("{} {}", g.short(), g.label()),
            Cell::NotGraded => format!("{} assessed, not graded", c.short()),
        })
        .collect();
    key.push("[x] graded, not in the record".into());
    if not_known {
        key.push("? not known whether graded".into());
    }
    out += &format!("\n{}.\n", key.join(", "));
    out
}

/// A plain-text from-grade × to-grade matrix.
pub(super) fn transitions_text(
    t: &aggregate::Transitions,
    adequate: bool,
    filter: &Filter,
) -> String {
    let cells = Cell::columns(adequate, true);
    let mut out = format!(
        "Grades in {} (rows) against {} (columns). {}\n\n",
        t.from,
        t.to,
        filter_line(filter)
    );
    out += &format!("{:<22}", format!("{} \\ {}", t.from, t.to));
    for c in &cells {
        out += &format!(" {:>4}", c.short());
    }
    out += "\n";
    for a in &cells {
        out += &format!("{:<22}", a.label());
        for b in &cells {
            out += &format!(" {:>4}", t.count(*a, *b));
        }
        out += "\n";
    }
    out += &format!(
        "\n{} force(s) graded in both: {}.\n",
        t.total(),
        narrative::direction_counts_text(t.direction_counts())
    );
    out
}

/// The grades missing from the record, a line per cycle and area: "2018/19, Serious and
/// organised crime: 18 not in the record: Bedfordshire, ...".
pub(super) fn gaps_text(gaps: &[crate::core::coverage::Gap]) -> String {
    if gaps.is_empty() {
        return "No grade is missing: every unit each cycle graded has its grade here.\n".into();
    }
    let mut out = format!(
        "{} {} the inspectorate gave {} not in the record:\n\n",
        gaps.len(),
        narrative::plural(gaps.len(), "grade", "grades"),
        if gaps.len() == 1 { "is" } else { "are" }
    );
    for run in gaps.chunk_by(|a, b| a.period == b.period && a.area == b.area) {
        let names: Vec<&str> = run.iter().map(|g| g.unit.as_str()).collect();
        out += &format!(
            "{}, {}: {} not in the record: {}.\n",
            run[0].period,
            run[0].area,
            run.len(),
            names.join(", ")
        );
    }
    out
}
