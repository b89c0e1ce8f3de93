//! One file per view. Each draws from a read-only [`super::state::AppState`] and pushes
//! [`super::state::Action`]s; none changes state itself.

pub mod about;
pub mod alluvial;
pub mod chips;
pub mod compare;
pub mod filters;
pub mod map;
pub mod movement;
pub mod profile;
pub mod prompts;
pub mod sources;
pub mod status;
pub mod table;
pub mod top_bar;
pub mod transition_matrix;
pub mod widgets;
