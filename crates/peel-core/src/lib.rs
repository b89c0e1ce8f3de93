//! The pure core: the grade scale, periods, the force reference, the dataset, CSV import
//! with validation, filtering and every aggregate a chart shows. Nothing here draws: the
//! window and the command line both sit on top of it.
#![forbid(unsafe_code)]

pub mod aggregate;
pub mod alluvial;
pub mod area;
pub mod brief;
pub mod coverage;
pub mod dataset;
pub mod export;
pub mod filter;
pub mod forces;
pub mod grade;
pub mod hexmap;
pub mod import;
pub mod map_picture;
pub mod narrative;
pub mod period;
pub mod problem;
pub mod provenance;
pub mod sort;
pub mod style;
pub mod synthetic;
pub mod units;
pub mod workbook;

pub use aggregate::{Grouping, Tally, Transitions};
pub use dataset::{Dataset, Force, Grades};
pub use filter::{ChangeCondition, Direction, Facet, Filter, Movement, MovementRule};
pub use forces::{ForceInfo, ForceRegistry, RocuMembership};
pub use grade::{Cell, Grade};
pub use import::{Source, load_file, parse_source};
pub use period::Period;
pub use problem::{Problem, ProblemKind, Rejected, Severity};
