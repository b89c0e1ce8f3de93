//! Sorting forces by a table column: the order the window's table and exports share.

use serde::{Deserialize, Serialize};

use crate::{Cell, Dataset, Movement, Period, PeriodIx, RocuMembership};

/// A table column to sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Force,
    Region,
    Rocu,
    Period(Period),
    Movement,
}

/// A sort: a column and a direction. Grade columns sort best first when ascending; ties
/// are broken by force name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// The sort after clicking `key`'s header: the same column flips direction, another
    /// column starts ascending.
    pub fn clicked(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort {
                key,
                descending: false,
            }
        }
    }
}

/// Sorts force indices by a column. Grade columns run best first ("not graded" and missing
/// last); descending reverses the column's order, and ties always go by force name.
/// `movements` is each force's movement by force index; `periods` are the period indices
/// in range (the ROCU column reads the latest of them).
pub fn sort_rows(
    data: &Dataset,
    movements: &[Movement],
    sort: Sort,
    membership: RocuMembership,
    periods: &[PeriodIx],
    rows: &mut [usize],
) {
    use std::cmp::Ordering;
    let grade_column = match sort.key {
        SortKey::Period(period) => data.period_index(period),
        _ => None,
    };
    // Blanks (no region, no ROCU, no grade) sort last in either direction.
    let blanks_last = |a: Option<&str>, b: Option<&str>, desc: bool| match (a, b) {
        (Some(x), Some(y)) if desc => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
        (a, b) => a.is_none().cmp(&b.is_none()),
    };
    let primary = |a: usize, b: usize| -> Ordering {
        let d = sort.descending;
        match sort.key {
            SortKey::Force if d => b.cmp(&a),
            SortKey::Force => Ordering::Equal,
            SortKey::Region => blanks_last(data.force(a).region(), data.force(b).region(), d),
            SortKey::Rocu => {
                let r = |f: usize| data.latest_rocu(f, periods, membership);
                blanks_last(r(a), r(b), d)
            }
            SortKey::Period(_) => {
                let rank = |f: usize| grade_column.and_then(|p| data.cell(f, p)).map(Cell::index);
                match (rank(a), rank(b)) {
                    (Some(x), Some(y)) if d => y.cmp(&x),
                    (Some(x), Some(y)) => x.cmp(&y),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                }
            }
            SortKey::Movement if d => movements[b].cmp(&movements[a]),
            SortKey::Movement => movements[a].cmp(&movements[b]),
        }
    };
    // Forces are stored in name order, so the index breaks ties by name.
    rows.sort_by(|&a, &b| primary(a, b).then(a.cmp(&b)));
}
