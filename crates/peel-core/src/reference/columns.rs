//! The names a file's columns are read by (any case; `_` and `-` read as spaces): which
//! column holds the force, the period, the grade, the area, and the rest. Import reads
//! headers by them; a file with no recognisable header is told them.

/// Column names read as the force (or unit) column.
pub const FORCE_HEADERS: &[&str] = &[
    "force",
    "force name",
    "police force",
    "forces",
    "name",
    "unit",
    "organisation",
    "organization",
];
/// Column names read as the period column of a long file.
pub const PERIOD_HEADERS: &[&str] = &[
    "year",
    "period",
    "cycle",
    "inspection year",
    "peel year",
    "peel cycle",
    "published",
    "publication year",
];
/// Column names read as the grade column of a long file.
pub const GRADE_HEADERS: &[&str] = &[
    "grade",
    "judgement",
    "judgment",
    "rating",
    "overall judgement",
    "overall judgment",
];
/// Column names read as the area column.
pub const AREA_HEADERS: &[&str] = &[
    "area",
    "question",
    "pillar",
    "theme",
    "inspection area",
    "peel area",
    "peel question",
];
pub const CARRIED_HEADERS: &[&str] = &["carried over", "carried"];
pub const NOTE_HEADERS: &[&str] = &["note", "notes", "comment", "comments"];
/// Column names read as the page each grade was read on, and its kind.
pub const SOURCE_HEADERS: &[&str] = &["source", "sources", "source address", "url", "address"];
pub const SOURCE_KIND_HEADERS: &[&str] = &["source kind", "kind of source", "source type"];
/// Columns this app writes itself (see `export`); ignored without a warning.
pub const INFO_HEADERS: &[&str] = &[
    "region",
    "rocu",
    "country",
    "official name",
    "ons code",
    "movement",
    "entered",
];
