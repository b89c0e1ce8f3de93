//! Tables as tables to assistive technology: a table node, row nodes and cell nodes (with
//! their row and column indices) in the AccessKit tree, around whatever a view draws in
//! them. egui makes every `Ui` a node; these give those nodes the roles, places and names a
//! screen reader needs to move along a row and hear which column a cell is in.

use egui::accesskit::Role;
use egui::{Id, Ui, UiBuilder};

/// Where a node sits in its table, and how it is named.
pub struct Place<'a> {
    pub role: Role,
    /// The node it belongs to (the table for a row, the row for a cell); `None`: the
    /// enclosing `Ui`.
    pub parent: Option<Id>,
    pub row: Option<usize>,
    pub column: Option<usize>,
    /// The node's name, worked out only when a screen reader (or a test) reads the tree.
    pub label: Option<&'a dyn Fn() -> String>,
}

impl Place<'_> {
    pub fn new(role: Role) -> Self {
        Place {
            role,
            parent: None,
            row: None,
            column: None,
            label: None,
        }
    }
}

/// Draws `add` in a `Ui` that is a node of the given role and place; returns the node's id
/// (for the nodes that belong to it) and what `add` returned.
pub fn node_ui<R>(ui: &mut Ui, place: &Place<'_>, add: impl FnOnce(&mut Ui) -> R) -> (Id, R) {
    let mut builder = UiBuilder::new().accessibility_role(place.role);
    if let Some(parent) = place.parent {
        builder = builder.accessibility_parent(parent);
    }
    let inner = ui.scope_builder(builder, |ui| (ui.unique_id(), add(ui)));
    let (id, out) = inner.inner;
    let rect = inner.response.rect;
    // Only while the tree is being built (a screen reader, a test): nothing otherwise.
    ui.ctx().accesskit_node_builder(id, |node| {
        // Where it is, as egui gives its widgets' places (a screen reader's focus ring,
        // a test's pointer).
        node.set_bounds(egui::accesskit::Rect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
        if let Some(row) = place.row {
            node.set_row_index(row);
        }
        if let Some(column) = place.column {
            node.set_column_index(column);
        }
        if let Some(label) = place.label {
            node.set_label(label());
        }
    });
    (id, out)
}

/// Marks a table node with its size (header row included).
pub fn table_size(ui: &Ui, table: Id, rows: usize, columns: usize) {
    ui.ctx().accesskit_node_builder(table, |node| {
        node.set_row_count(rows);
        node.set_column_count(columns);
    });
}

/// A cell of a table row: a node with its role (cell, row header or column header), its
/// row and column, under its row.
pub fn cell_ui<R>(
    ui: &mut Ui,
    role: Role,
    row: Id,
    (r, c): (usize, usize),
    label: Option<&dyn Fn() -> String>,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let place = Place {
        role,
        parent: Some(row),
        row: Some(r),
        column: Some(c),
        label,
    };
    node_ui(ui, &place, add).1
}
