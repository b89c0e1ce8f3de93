//! One file per view (the Movement view's charts are its children). Each draws from a
//! read-only [`super::state::AppState`] and pushes [`super::state::Action`]s; none changes
//! state itself. Pieces several views use live in [`shared`]; no view imports another.

pub mod about;
pub mod chips;
pub mod compare;
pub mod filters;
pub mod map;
pub mod movement;
pub mod profile;
pub mod prompts;
pub mod shared;
pub mod sources;
pub mod status;
pub mod subject;
pub mod table;
pub mod top_bar;
