//! The header row: which shape a file has (wide or long) and which column holds what,
//! worked out from the names of its columns; and the delimiter, from the first line.

use crate::columns::*;
use crate::period::Period;
use crate::problem::{Problem, ProblemKind};

/// Which column holds what.
pub(super) enum Shape {
    Wide {
        force: usize,
        periods: Vec<(usize, Period)>,
        extra: Extra,
    },
    Long {
        force: usize,
        period: usize,
        grade: usize,
        extra: Extra,
    },
}

impl Shape {
    pub(super) fn extra(&self) -> Extra {
        match self {
            Shape::Wide { extra, .. } | Shape::Long { extra, .. } => *extra,
        }
    }
}

/// Columns either shape may have besides the grades.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Extra {
    /// The inspection area (question or pillar) each row is for.
    pub area: Option<usize>,
    /// Whether each grade was carried over from an earlier inspection (yes or no).
    pub carried: Option<usize>,
    /// Free notes; "carried over" in one marks its grade as carried over.
    pub note: Option<usize>,
    /// The address(es) of the page each grade was read on.
    pub source: Option<usize>,
    /// What kind of page each source is (see `provenance::SourceKind`).
    pub source_kind: Option<usize>,
}

fn header_key(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn looks_like_period(text: &str) -> bool {
    text.trim().starts_with(|c: char| c.is_ascii_digit())
}

/// A warning for each column that is not used, not one this app writes itself and not
/// blank.
fn ignored_columns(
    file: &str,
    line: u64,
    header: &csv::StringRecord,
    keys: &[String],
    used: impl Fn(usize) -> bool,
) -> Vec<Problem> {
    keys.iter()
        .enumerate()
        .filter(|(i, key)| !used(*i) && !INFO_HEADERS.contains(&key.as_str()) && !key.is_empty())
        .map(|(i, _)| {
            Problem::warning(
                file,
                line,
                i as u64 + 1,
                ProblemKind::IgnoredColumn(header[i].trim().to_string()),
            )
        })
        .collect()
}

/// Works out the shape from the header row. Returns the shape and warnings, or errors.
pub(super) fn classify_header(
    file: &str,
    line: u64,
    header: &csv::StringRecord,
) -> Result<(Shape, Vec<Problem>), Vec<Problem>> {
    let keys: Vec<String> = header.iter().map(header_key).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    let column = |i: usize| i as u64 + 1;
    let mut warnings = Vec::new();

    let extra = Extra {
        area: find(AREA_HEADERS),
        carried: find(CARRIED_HEADERS),
        note: find(NOTE_HEADERS),
        source: find(SOURCE_HEADERS),
        source_kind: find(SOURCE_KIND_HEADERS),
    };
    let extras = [
        extra.area,
        extra.carried,
        extra.note,
        extra.source,
        extra.source_kind,
    ];
    if let (Some(force), Some(period), Some(grade)) = (
        find(FORCE_HEADERS),
        find(PERIOD_HEADERS),
        find(GRADE_HEADERS),
    ) {
        let used = |i: usize| [force, period, grade].contains(&i) || extras.contains(&Some(i));
        warnings.extend(ignored_columns(file, line, header, &keys, used));
        return Ok((
            Shape::Long {
                force,
                period,
                grade,
                extra,
            },
            warnings,
        ));
    }

    let mut errors = Vec::new();
    let mut periods: Vec<(usize, Period)> = Vec::new();
    let named_force = find(FORCE_HEADERS);
    for (i, text) in header.iter().enumerate() {
        if Some(i) == named_force || extras.contains(&Some(i)) {
            continue;
        }
        match text.parse::<Period>() {
            Ok(period) => {
                if let Some(&(first, _)) = periods.iter().find(|(_, p)| *p == period) {
                    errors.push(Problem::error(
                        file,
                        line,
                        column(i),
                        ProblemKind::DuplicatePeriodColumn {
                            period,
                            first: column(first),
                            second: column(i),
                        },
                    ));
                } else {
                    periods.push((i, period));
                }
            }
            Err(bad) if looks_like_period(text) => {
                errors.push(Problem::error(file, line, column(i), bad.into()));
            }
            Err(_) => {}
        }
    }
    // A wide file's force column is the named one, or else the first column if it is not a
    // period (Figure 7 itself leaves that header blank).
    let force = named_force.or_else(|| {
        let taken = periods.iter().any(|(i, _)| *i == 0) || extras.contains(&Some(0));
        (!taken).then_some(0)
    });
    match force {
        Some(force) if !periods.is_empty() || !errors.is_empty() => {
            if !errors.is_empty() {
                return Err(errors);
            }
            let used = |i: usize| {
                i == force || periods.iter().any(|(c, _)| *c == i) || extras.contains(&Some(i))
            };
            warnings.extend(ignored_columns(file, line, header, &keys, used));
            Ok((
                Shape::Wide {
                    force,
                    periods,
                    extra,
                },
                warnings,
            ))
        }
        _ => {
            let found: Vec<String> = header.iter().map(|h| format!("{:?}", h.trim())).collect();
            Err(vec![Problem::error(
                file,
                line,
                1,
                ProblemKind::NoHeader {
                    found: found.join(", "),
                },
            )])
        }
    }
}

/// The delimiter of the first line that is not blank, outside quotes: a comma, else a
/// tab, else a semicolon (a comma if it has none).
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let unquoted: String = first.split('"').step_by(2).collect();
    if unquoted.contains(',') {
        b','
    } else if unquoted.contains('\t') {
        b'\t'
    } else if unquoted.contains(';') {
        b';'
    } else {
        b','
    }
}
