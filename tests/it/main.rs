//! Every integration test, in one binary: one link of the window's code instead of one per
//! file. Each module is one concern (see ARCHITECTURE.md, "Tests").
// Test code: a panic is how a test fails, so helpers unwrap too.
#![allow(clippy::unwrap_used)]

mod a11y;
mod agree;
mod areas;
mod brief;
mod cli;
mod common;
mod figure7;
mod files;
mod gaps;
mod groups;
mod groups_ui;
mod import;
mod keyboard;
mod layout;
mod monkey;
mod my_grades;
mod pictures;
mod properties;
mod provenance;
mod record;
mod snapshots;
mod ui;
mod word;
mod workbook;
mod workbook_import;
