//! The pure core: the grade scale, periods, the force reference, the dataset, CSV import
//! with validation, filtering and every aggregate a chart shows. Nothing here draws: the
//! window and the command line both sit on top of it.
#![forbid(unsafe_code)]

/// Reference data: the grade scale, periods, the forces, the units, the areas, sources' kinds, the map's layout.
pub mod reference {
    pub mod area;
    pub mod columns;
    pub mod forces;
    pub mod grade;
    pub mod groups;
    pub mod hexmap;
    pub mod names;
    pub mod period;
    pub mod provenance;
    pub mod units;
}
/// Reading: import with validation, problems with positions, the merged dataset, the record's coverage.
pub mod reading {
    pub mod coverage;
    pub mod dataset;
    pub mod import;
    mod merge;
    pub mod my_grades;
    pub mod problem;
    pub mod status;
    pub mod synthetic;
}
/// Analysis: filters, order, movement, counts, and the layouts of the alluvial diagram and the map.
pub mod analysis {
    pub mod aggregate;
    pub mod alluvial;
    pub mod facets;
    pub mod filter;
    pub mod map_picture;
    pub mod movement;
    pub mod sort;
}
/// Words and colours: every sentence a chart, table or briefing says, and the grade colours.
pub mod words {
    pub mod counts;
    pub mod narrative;
    pub mod sources;
    pub mod style;
}
/// Writing: CSV, workbooks and the briefing.
pub mod writing {
    pub mod brief;
    pub mod export;
    pub mod workbook;
}

// Every module is also at the crate root, as it was before the folders.
pub use analysis::{aggregate, alluvial, facets, filter, map_picture, movement, sort};
pub use reading::{coverage, dataset, import, my_grades, problem, synthetic};
pub use reference::{
    area, columns, forces, grade, groups, hexmap, names, period, provenance, units,
};
pub use words::{narrative, sources, style};
pub use writing::{brief, export, workbook};

pub use aggregate::{Grouping, Tally, Transitions};
pub use dataset::{Dataset, Force, Grades, Status};
pub use filter::{ChangeCondition, Direction, Facet, Filter, Movement, MovementRule};
pub use forces::{ForceInfo, ForceRegistry, RocuMembership};
pub use grade::{Cell, Grade};
pub use groups::ForceGroup;
pub use import::{Source, load_file, parse_source};
pub use period::{Period, PeriodIx};
pub use problem::{Problem, ProblemKind, Rejected, Severity};
