//! How many, and of what: counts of grades and the gaps beside them, in words. Every figure
//! says what it stands on: "25 of 25 in the record (100%); 18 graded, not in the record".

use crate::aggregate::Tally;
use crate::dataset::Status;
use crate::grade::Cell;
use crate::period::Period;

/// "force" or "forces" by count.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// What a figure over a tally leaves out, in words: "18 graded, not in the record; 2 not
/// known whether graded" (empty where nothing is left out).
pub fn gaps_text(t: &Tally) -> String {
    gap_parts(
        t,
        ["graded, not in the record", "not known whether graded"],
        false,
    )
    .join("; ")
}

/// The two kinds of gap in a tally with their counts, each as "N words" (or "words N" with
/// `word_first`), where there are any.
fn gap_parts(t: &Tally, words: [&str; 2], word_first: bool) -> Vec<String> {
    [t.missing(), t.not_known.len()]
        .into_iter()
        .zip(words)
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| {
            if word_first {
                format!("{w} {n}")
            } else {
                format!("{n} {w}")
            }
        })
        .collect()
}

/// What a cell holds, in words a screen reader or a hover says after "Kent, 2018/19: ":
/// the grade, or why there is none.
pub fn status_words(status: Status, period: Period) -> String {
    match status {
        Status::Cell(Cell::Graded(g)) => g.label().to_string(),
        Status::Cell(Cell::NotGraded) => "assessed, not graded".into(),
        Status::NotInRecord => {
            format!("not in the record: graded in {period}, but this grade is not in the record")
        }
        Status::NotKnown => {
            format!(
                "not known: no grade in the record, and whether {period} graded it is not known"
            )
        }
        Status::NotAssessed => format!("not assessed: {period} did not assess this area"),
    }
}

/// The key to the marks of empty cells, for those among `statuses`: "[x] graded, not in
/// the record; ? not known whether graded; [z] not assessed" ("" when there are none).
pub fn absence_key(statuses: impl Iterator<Item = Status>) -> String {
    let kinds = [Status::NotInRecord, Status::NotKnown, Status::NotAssessed];
    let mut seen = [false; 3];
    for status in statuses {
        if let Some(i) = kinds.iter().position(|&k| k == status) {
            seen[i] = true;
        }
    }
    let parts: Vec<String> = kinds
        .iter()
        .zip(seen)
        .filter(|(_, s)| *s)
        .map(|(k, _)| format!("{} {}", k.mark(), k.key_words().unwrap_or_default()))
        .collect();
    parts.join("; ")
}

/// "3 Outstanding, 32 Good, 8 Requires Improvement": the non-zero counts, best first.
pub fn tally_text(t: &Tally) -> String {
    let parts: Vec<String> = Cell::ALL
        .iter()
        .filter(|c| t.count(**c) > 0)
        .map(|c| format!("{} {}", t.count(*c), c.label()))
        .collect();
    if parts.is_empty() {
        "no grades".into()
    } else {
        parts.join(", ")
    }
}

/// "88%": a share (0.0..=1.0) as a whole percentage, or "-" when there is none.
pub fn percent(share: Option<f64>) -> String {
    share.map_or("-".into(), |s| format!("{:.0}%", s * 100.0))
}

/// "38 of 43 (88%)": the forces graded Good or better of those graded, and the share
/// ("0 of 0 (-)" when none was graded). Where grades the cycle gave are not in the record,
/// it says so: "25 of 25 in the record (100%); 18 graded, not in the record".
pub fn good_or_better_text(t: &Tally) -> String {
    let base = format!(
        "{} of {} ({})",
        t.good_or_better(),
        t.graded(),
        percent(t.share_good_or_better())
    );
    if t.is_complete() {
        base
    } else {
        format!(
            "{} of {} in the record ({}); {}",
            t.good_or_better(),
            t.graded(),
            percent(t.share_good_or_better()),
            gaps_text(t)
        )
    }
}

/// What a group's figure in a period stands on: "England and Wales, 2018/19: 25 of 43
/// grades in the record, all 25 good or better; 18 not in the record".
pub fn stands_on(group: &str, period: Period, t: &Tally) -> String {
    let units = t.units_graded();
    let n = t.graded();
    let k = t.good_or_better();
    let good = if n > 0 && k == n {
        format!("all {n} good or better")
    } else {
        format!("{k} good or better")
    };
    let mut text = if t.is_complete() {
        format!(
            "{group}, {period}: {n} {} graded, {good}",
            plural(n, "force", "forces")
        )
    } else {
        format!("{group}, {period}: {n} of {units} grades in the record, {good}")
    };
    if t.missing() > 0 {
        text += &format!("; {} not in the record", t.missing());
    }
    if !t.not_known.is_empty() {
        text += &format!("; {} not known whether graded", t.not_known.len());
    }
    if t.count(Cell::NotGraded) > 0 {
        text += &format!("; {} assessed, not graded", t.count(Cell::NotGraded));
    }
    text
}

/// "88%", or where grades the cycle gave are missing from the record, what the share is of:
/// "100% of 25 in the record".
pub fn share_label(t: &Tally) -> String {
    let share = percent(t.share_good_or_better());
    if t.is_complete() {
        share
    } else {
        format!("{share} of {} in the record", t.graded())
    }
}

/// What a column of grades leaves out, in the marks the tables use: "[x] 18" (graded, not
/// in the record), "? 39" (not known whether graded), or "" where nothing is left out.
pub fn column_gaps(t: &Tally) -> String {
    gap_parts(t, ["[x]", "?"], true).join(", ")
}

/// "2.47": a mean grade score to two places, or "-" when none was graded.
pub fn mean_text(mean: Option<f64>) -> String {
    mean.map_or("-".into(), |m| format!("{m:.2}"))
}
