//! Plain-English summaries written from the data, for force profiles and briefings.

pub use super::counts::{
    absence_key, column_gaps, gaps_text, good_or_better_text, mean_text, percent, plural,
    share_label, stands_on, status_words, tally_text,
};
use crate::aggregate::{GroupPeriod, NATIONAL, Tally, Transitions};
use crate::dataset::Dataset;
use crate::filter::Direction;
use crate::forces::RocuMembership;
use crate::grade::{Cell, Grade};
use crate::period::Period;
use crate::period::PeriodIx;
pub use crate::sources::{
    RECORD_CITATION, SourceLine, cited_pages, cited_pages_in, provenance_lines, source_entries,
    source_line,
};

fn join_clauses(clauses: &[String]) -> String {
    match clauses {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn years(periods: &[Period]) -> String {
    let labels: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
    join_clauses(&labels)
}

/// How a force's grades ran over the given periods, in one sentence:
/// "Avon & Somerset was graded Good in 2015, fell to Requires Improvement in 2016 and
/// recovered to Good in 2017."
pub fn trajectory(data: &Dataset, force: usize, periods: &[PeriodIx]) -> String {
    let name = &data.force(force).name;
    let cells: Vec<(Period, Cell)> = periods
        .iter()
        .filter_map(|&p| data.cell(force, p).map(|c| (data.period(p), c)))
        .collect();
    let Some(&(first_period, first_cell)) = cells.first() else {
        return format!("{name} has no grades in the periods shown.");
    };
    let opening = match first_cell {
        Cell::Graded(g) => format!("{name} was graded {g} in {first_period}"),
        Cell::NotGraded => format!("{name} was not graded in {first_period}"),
    };
    let mut clauses = vec![opening];
    let mut last: Option<Grade> = first_cell.grade();
    let mut best_so_far: Option<Grade> = last;
    let mut stays: Vec<Period> = Vec::new();
    let flush = |stays: &mut Vec<Period>, clauses: &mut Vec<String>, grade: Option<Grade>| {
        if !stays.is_empty() {
            let what = grade.map_or("ungraded".to_string(), |g| g.to_string());
            clauses.push(format!("stayed {what} in {}", years(stays)));
            stays.clear();
        }
    };
    for &(period, cell) in &cells[1..] {
        match (last, cell.grade()) {
            (Some(a), Some(b)) if a == b => stays.push(period),
            (Some(a), Some(b)) => {
                flush(&mut stays, &mut clauses, last);
                let verb = if b < a {
                    "fell to"
                } else if best_so_far.is_some_and(|best| b <= best) {
                    "recovered to"
                } else {
                    "rose to"
                };
                clauses.push(format!("{verb} {b} in {period}"));
                last = Some(b);
            }
            (None, Some(b)) => {
                flush(&mut stays, &mut clauses, last);
                clauses.push(format!("was graded {b} in {period}"));
                last = Some(b);
            }
            (_, None) => {
                flush(&mut stays, &mut clauses, last);
                clauses.push(format!("was not graded in {period}"));
            }
        }
        if let Some(g) = cell.grade() {
            best_so_far = Some(best_so_far.map_or(g, |b| b.max(g)));
        }
    }
    flush(&mut stays, &mut clauses, last);
    format!("{}.", join_clauses(&clauses))
}

/// The tally of a set of forces in one period.
fn tally(data: &Dataset, forces: impl Iterator<Item = usize>, period: PeriodIx) -> Tally {
    let mut t = Tally::default();
    for f in forces.filter(|&f| data.force(f).is_force()) {
        t.add_status(data.status(f, period), f);
    }
    t
}

/// The forces that shared a ROCU with `force` in `period` (including itself).
pub fn rocu_peers(
    data: &Dataset,
    force: usize,
    period: Period,
    membership: RocuMembership,
) -> Option<(&'static str, Vec<usize>)> {
    let rocu = data.force(force).rocu_at(period, membership)?;
    let peers = (0..data.forces().len())
        .filter(|&f| data.force(f).rocu_at(period, membership) == Some(rocu))
        .collect();
    Some((rocu, peers))
}

/// The forces in the same region as `force` (including itself).
pub fn region_peers(data: &Dataset, force: usize) -> Option<(&'static str, Vec<usize>)> {
    let region = data.force(force).region()?;
    let peers = (0..data.forces().len())
        .filter(|&f| data.force(f).region() == Some(region))
        .collect();
    Some((region, peers))
}

fn share_sentence(t: &Tally, whom: &str) -> String {
    let n = t.graded();
    let k = t.good_or_better();
    let were = if k == 1 { "was" } else { "were" };
    if t.is_complete() {
        let forces = plural(n, "force", "forces");
        return format!("{k} of the {n} {forces}{whom} {were} graded Good or better");
    }
    let grades = plural(n, "grade", "grades");
    format!(
        "{k} of the {n} {grades}{whom} in the record {were} Good or better ({})",
        gaps_text(t)
    )
}

/// A force's profile in a few sentences: its trajectory, how its ROCU (or, for a force
/// with none, its region) did in the latest period, the national picture, and the 2017
/// caveat where it applies.
pub fn force_summary(
    data: &Dataset,
    force: usize,
    periods: &[PeriodIx],
    membership: RocuMembership,
) -> String {
    let mut text = trajectory(data, force, periods);
    let Some(&latest) = periods
        .iter()
        .rev()
        .find(|&&p| data.cell(force, p).is_some())
    else {
        return text;
    };
    let period = data.period(latest);
    let name = &data.force(force).name;
    if let Some((rocu, peers)) = rocu_peers(data, force, period, membership) {
        let t = tally(data, peers.into_iter(), latest);
        text += &format!(
            " In {period}, {}.",
            share_sentence(&t, &format!(" in its ROCU ({rocu})"))
        );
    } else if let Some((region, peers)) = region_peers(data, force) {
        let t = tally(data, peers.into_iter(), latest);
        text += &format!(
            " {name} is in no ROCU; in {period}, {}.",
            share_sentence(&t, &format!(" in its region ({region})"))
        );
    }
    let national = tally(data, 0..data.forces().len(), latest);
    text += &format!(
        " Across {NATIONAL}, {} in {period}.",
        share_sentence(&national, "")
    );
    if let Some(earlier) = periods.iter().rev().find(|&&p| p < latest)
        && period == Period::year(2017)
        && data.period(*earlier) == Period::year(2016)
        && data.cell(force, *earlier) == data.cell(force, latest)
    {
        text += " Its 2017 grade may be its 2016 grade carried over: the 2017 inspection was \
                 risk-based and did not re-inspect every force.";
    }
    text
}

/// "Inadequate 1, Requires Improvement 2, Adequate 2.5, Good 3, Outstanding 4": the score
/// each grade counts for in a mean, worst first.
pub fn score_key() -> String {
    Grade::ALL
        .iter()
        .rev()
        .map(|g| format!("{} {}", g.label(), g.score()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "3 improved, 2 declined, 38 unchanged": counts indexed by [`Direction`].
pub fn direction_counts_text(counts: [usize; 3]) -> String {
    Direction::ALL
        .iter()
        .map(|&d| format!("{} {}", counts[d as usize], d.label().to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a grade distribution chart shows, in words.
/// At most this many forces are named in a list.
pub const NAMED: usize = 12;

/// "Avon & Somerset, Bedfordshire and 3 more".
pub fn name_list(data: &Dataset, forces: &[usize]) -> String {
    let names: Vec<&str> = forces
        .iter()
        .take(NAMED)
        .map(|&f| data.force(f).name.as_str())
        .collect();
    let mut text = names.join(", ");
    if forces.len() > NAMED {
        text += &format!(" and {} more", forces.len() - NAMED);
    }
    text
}

/// One segment of a distribution bar: "Good in 2016: 25 of 43 (58%)" and its forces.
pub fn bar_text(data: &Dataset, cell: Cell, row: Option<&GroupPeriod>, period: Period) -> String {
    let forces = row.map_or(&[][..], |r| &r.tally.forces[cell.index()][..]);
    let total = row.map_or(0, |r| r.tally.total());
    let share = if total > 0 {
        100.0 * forces.len() as f64 / total as f64
    } else {
        0.0
    };
    let mut text = format!(
        "{} in {period}: {} of {total} ({share:.0}%)",
        cell.label(),
        forces.len()
    );
    if let Some(r) = row.filter(|r| !r.tally.is_complete()) {
        text += &format!(" of the grades in the record; {}", gaps_text(&r.tally));
    }
    if !forces.is_empty() {
        text += &format!("\n{}", name_list(data, forces));
    }
    text
}

/// What an alluvial diagram of these flows shows, in words.
pub fn flows_text(flows: &[Transitions]) -> String {
    if flows.is_empty() {
        return "One period in range: no flows to show.".into();
    }
    let parts: Vec<String> = flows
        .iter()
        .map(|t| {
            format!(
                "{} to {}: {}",
                t.from,
                t.to,
                direction_counts_text(t.direction_counts())
            )
        })
        .collect();
    format!(
        "Flows of forces between grades. {}. Hover a ribbon for its forces; click it to select them.",
        parts.join("; ")
    )
}

pub fn distribution_text(rows: &[GroupPeriod]) -> String {
    if rows.is_empty() {
        return "No grades in range.".into();
    }
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            let t = &r.tally;
            let share = if t.graded() > 0 {
                let pct = percent(t.share_good_or_better());
                let of = if t.is_complete() {
                    ""
                } else {
                    " in the record"
                };
                format!(
                    "; {} of {}{of} ({pct}) good or better",
                    t.good_or_better(),
                    t.graded()
                )
            } else {
                String::new()
            };
            let gaps = if t.is_complete() {
                String::new()
            } else {
                format!("; {}", gaps_text(t))
            };
            format!("{}: {}{share}{gaps}", r.period, tally_text(t))
        })
        .collect();
    format!("Grades per period. {}.", parts.join(". "))
}

/// What a chart across the 2021/22 change of scale must say: where it changed, and
/// whether movement across it is counted.
pub fn scale_break_note(first_new: Period, rule: crate::MovementRule) -> String {
    let counted = if rule.across_scale_change {
        "steps across it are counted as improvement or decline, as asked"
    } else {
        "steps across it are not counted as improvement or decline"
    };
    format!(
        " The grading scale changed at {first_new} (Adequate added): grades either side are \
         not directly comparable, and {counted}."
    )
}

/// The warning above a transition matrix between two periods graded on different scales
/// (`None` where they share one).
pub fn matrix_scale_note(from: Period, to: Period) -> Option<String> {
    (!crate::filter::comparable(from, to)).then(|| {
        format!(
            "{from} and {to} are graded on different scales (Adequate was added in 2021/22): \
             not directly comparable."
        )
    })
}

/// The line under a chart picture's title: which area, which periods, which forces.
/// `filters` are the filter's conditions in words (none: every force is shown), `shown` and
/// `total` count forces (units not included).
pub fn picture_caption(
    area: &str,
    periods: &str,
    filters: &[String],
    shown: usize,
    total: usize,
    graded: usize,
) -> String {
    let mut forces = if filters.is_empty() {
        format!("all {total} forces")
    } else {
        format!("{shown} of {total} forces; filters: {}", filters.join("; "))
    };
    // A picture where few forces are graded says so, rather than leave blank ones to
    // speak for themselves.
    if graded < shown {
        forces = format!("{forces}; {graded} of {shown} with a grade in the record");
    }
    let parts: Vec<&str> = [area, periods, &forces]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    let caption = parts.join(", ");
    let mut chars = caption.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect::<String>() + "."
    })
}

/// The name of a group of chosen forces: "Selected: Kent", "Selected: Gwent and Kent",
/// or, past three, "Selected forces (5)".
pub fn selection_name(data: &Dataset, forces: &[usize]) -> String {
    if forces.len() <= 3 {
        let names: Vec<String> = forces.iter().map(|&f| data.force(f).name.clone()).collect();
        format!("Selected: {}", join_clauses(&names))
    } else {
        format!("Selected forces ({})", forces.len())
    }
}

/// What a transition matrix shows, in words: totals, then the steps, largest first.
pub fn transitions_text(t: &Transitions) -> String {
    let mut steps: Vec<(usize, Cell, Cell)> = Cell::ALL
        .iter()
        .flat_map(|a| Cell::ALL.iter().map(move |b| (*a, *b)))
        .map(|(a, b)| (t.count(a, b), a, b))
        .filter(|(n, _, _)| *n > 0)
        .collect();
    steps.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let described: Vec<String> = steps
        .iter()
        .map(|(n, a, b)| {
            if a == b {
                format!("{n} stayed {}", a.label())
            } else {
                format!("{n} went from {} to {}", a.label(), b.label())
            }
        })
        .collect();
    format!(
        "From {} to {}, {} forces have both grades: {}. {}.",
        t.from,
        t.to,
        t.total(),
        direction_counts_text(t.direction_counts()),
        join_clauses(&described)
    )
}

/// The names of the forces in each cell pair of a transition table, `[from][to]` by
/// [`Cell::index`]: what hovering a matrix cell or a ribbon lists.
pub fn transition_names(data: &Dataset, t: &Transitions) -> Vec<Vec<String>> {
    t.cells
        .iter()
        .map(|row| row.iter().map(|forces| name_list(data, forces)).collect())
        .collect()
}

/// The names of the forces in each cell of a tally, by [`Cell::index`].
pub fn tally_names(data: &Dataset, tally: &Tally) -> Vec<String> {
    tally
        .forces
        .iter()
        .map(|forces| name_list(data, forces))
        .collect()
}

/// The transition matrix in words: [`transitions_text`], and where its two periods are on
/// different scales, that they are not directly comparable.
pub fn matrix_text(t: &Transitions) -> String {
    let mut text = transitions_text(t);
    if !crate::filter::comparable(t.from, t.to) {
        text += &format!(
            " {} and {} are graded on different scales and are not directly comparable.",
            t.from, t.to
        );
    }
    text
}

/// Why the matrix counts more forces than the table shows while the change filter is on.
pub fn change_filter_note(shown: usize, counted: usize) -> String {
    format!(
        "The change filter is on: the table shows {shown} forces, while the matrix counts the \
         {counted} that pass every other filter, so that its other cells stay in view."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &Dataset) -> Vec<PeriodIx> {
        data.period_ixs().collect()
    }

    fn summary_of(name: &str) -> String {
        let data = Dataset::figure7();
        let f = data.find_force(name).unwrap();
        force_summary(&data, f, &all(&data), RocuMembership::AtTheTime)
    }

    #[test]
    fn avon_and_somerset() {
        let text = summary_of("Avon & Somerset");
        assert!(
            text.starts_with(
                "Avon & Somerset was graded Good in 2015, fell to Requires Improvement in \
                 2016 and recovered to Good in 2017. In 2017, 4 of the 5 forces in its ROCU \
                 (SWROCU) were graded Good or better."
            ),
            "{text}"
        );
        assert!(
            text.contains("Across England and Wales, 38 of the 43 forces were graded Good"),
            "{text}"
        );
        assert!(!text.contains("carried over"), "{text}");
    }

    #[test]
    fn stable_force_notes_the_carry_over_caveat() {
        let text = summary_of("Durham");
        assert!(
            text.starts_with(
                "Durham was graded Outstanding in 2015 and stayed Outstanding in 2016 and 2017."
            ),
            "{text}"
        );
        assert!(text.contains("carried over"), "{text}");
    }

    #[test]
    fn rise_and_fall_words() {
        assert!(summary_of("Greater Manchester").starts_with(
            "Greater Manchester was graded Good in 2015, rose to Outstanding in 2016 and \
                 stayed Outstanding in 2017."
        ));
        assert!(summary_of("Gloucestershire").starts_with(
            "Gloucestershire was graded Requires Improvement in 2015, fell to Inadequate in \
             2016 and recovered to Requires Improvement in 2017."
        ));
    }

    #[test]
    fn london_force_uses_its_region() {
        let text = summary_of("MPS");
        assert!(
            text.contains(
                "MPS is in no ROCU; in 2017, 2 of the 2 forces in its region (London) were \
                 graded Good or better."
            ),
            "{text}"
        );
    }

    #[test]
    fn chart_texts() {
        use crate::aggregate;
        let data = Dataset::figure7();
        let forces: Vec<usize> = (0..43).collect();
        let t = aggregate::transitions(&data, &forces, PeriodIx::new(0), PeriodIx::new(1));
        let text = transitions_text(&t);
        assert!(
            text.starts_with(
                "From 2015 to 2016, 43 forces have both grades: 5 improved, 7 declined, 31 \
                 unchanged. 25 stayed Good, 6 went from Good to Requires Improvement"
            ),
            "{text}"
        );
        let rows = aggregate::distribution(
            &data,
            &forces,
            &PeriodIx::many([0, 2]),
            aggregate::Grouping::National,
            RocuMembership::AtTheTime,
        );
        let text = distribution_text(&rows);
        assert_eq!(
            text,
            "Grades per period. 2015: 3 Outstanding, 32 Good, 8 Requires Improvement; 35 of \
             43 (81%) good or better. 2017: 4 Outstanding, 34 Good, 4 Requires Improvement, 1 \
             Inadequate; 38 of 43 (88%) good or better."
        );
    }

    #[test]
    fn picture_captions_say_area_periods_and_filters() {
        assert_eq!(
            picture_caption(
                "serious and organised crime",
                "2015 to 2017",
                &[],
                43,
                43,
                43
            ),
            "Serious and organised crime, 2015 to 2017, all 43 forces."
        );
        assert_eq!(
            picture_caption("serious and organised crime", "2021/22", &[], 43, 43, 4),
            "Serious and organised crime, 2021/22, all 43 forces; 4 of 43 with a grade in the record."
        );
        let filters = vec![
            "Region: South West".to_string(),
            "Name contains \"glo\"".into(),
        ];
        assert_eq!(
            picture_caption("", "2016 to 2017", &filters, 1, 43, 1),
            "2016 to 2017, 1 of 43 forces; filters: Region: South West; Name contains \"glo\"."
        );
        let cited = source_line(&[crate::import::BUILTIN_NAME.to_string()]);
        assert!(cited.starts_with("Source: HM Government, Serious and Organised Crime Strategy"));
        assert_eq!(
            source_line(&["C:\\Users\\ana\\grades.xlsx".into(), "/home/a/b.csv".into()]),
            "Source: grades.xlsx; b.csv."
        );
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(percent(Some(0.875)), "88%");
        assert_eq!(percent(None), "-");
        assert_eq!(mean_text(Some(2.4651)), "2.47");
        assert_eq!(mean_text(None), "-");
        assert_eq!(
            score_key(),
            "Inadequate 1, Requires Improvement 2, Adequate 2.5, Good 3, Outstanding 4"
        );
        let mut counts = [0; 3];
        counts[Direction::Improved as usize] = 3;
        counts[Direction::Declined as usize] = 2;
        counts[Direction::Unchanged as usize] = 38;
        assert_eq!(
            direction_counts_text(counts),
            "3 improved, 2 declined, 38 unchanged"
        );
        let mut t = Tally::default();
        assert_eq!(good_or_better_text(&t), "0 of 0 (-)");
        t.add(Cell::Graded(Grade::Good), 0);
        t.add(Cell::Graded(Grade::RequiresImprovement), 1);
        t.add(Cell::NotGraded, 2);
        assert_eq!(good_or_better_text(&t), "1 of 2 (50%)");
    }

    #[test]
    fn one_force_reads_in_the_singular() {
        let data = Dataset::figure7();
        let kent = data.find_force("Kent").unwrap();
        let text = trajectory(&data, kent, &PeriodIx::many([1]));
        assert_eq!(text, "Kent was graded Good in 2016.");
    }

    #[test]
    fn the_matrix_warns_only_across_the_scale_change() {
        assert_eq!(
            matrix_scale_note(Period::year(2017), Period::cycle(2021, 2022)).as_deref(),
            Some(
                "2017 and 2021/22 are graded on different scales (Adequate was added in \
                 2021/22): not directly comparable."
            )
        );
        assert_eq!(
            matrix_scale_note(Period::year(2015), Period::year(2017)),
            None
        );
    }
}
