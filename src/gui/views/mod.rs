//! One file per view (the Movement view's charts are its children). Each draws from a
//! read-only [`super::state::AppState`] and pushes [`super::state::Action`]s; none changes
//! state itself. Pieces several views use live in [`shared`]; no view imports another.

pub mod a11y;
pub mod about;
pub mod chips;
pub mod compare;
pub mod filters;
pub mod grade_form;
pub mod groups;
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

use super::chart::Chart;
use super::state::{Action, AppState};

/// A chart alone, without its heading or buttons: what the view shows under the heading,
/// and what a picture of the chart holds.
pub fn chart_ui(ui: &mut egui::Ui, state: &AppState, chart: Chart, actions: &mut Vec<Action>) {
    match chart {
        Chart::Distribution => movement::distribution_ui(ui, state),
        Chart::Transitions => movement::transition_matrix::transition_matrix_ui(ui, state, actions),
        Chart::Flows => movement::alluvial::alluvial_ui(ui, state, actions),
        Chart::Trajectories => movement::trajectories_ui(ui, state),
        Chart::Compare => compare::comparison_chart_ui(ui, state),
        Chart::Map => map::hexagons_ui(ui, state, actions),
    }
}
