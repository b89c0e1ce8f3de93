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

/// Places the cells of a table drawn row by row (a grid, or a table builder's rows): the
/// first cell of each row makes the row's node, the others join it.
pub struct Rows {
    table: Id,
    row: Id,
}

impl Rows {
    /// The rows of the table node `table`.
    pub fn new(table: Id) -> Rows {
        Rows {
            table,
            row: Id::NULL,
        }
    }

    /// The cell at row `r` (0 for the header row), column `c`, of the given role.
    pub fn cell<R>(
        &mut self,
        ui: &mut Ui,
        role: Role,
        (r, c): (usize, usize),
        label: Option<&dyn Fn() -> String>,
        add: impl FnOnce(&mut Ui) -> R,
    ) -> R {
        if c > 0 {
            return cell_ui(ui, role, self.row, (r, c), label, add);
        }
        let place = Place {
            parent: Some(self.table),
            row: Some(r),
            ..Place::new(Role::Row)
        };
        let (row, out) = node_ui(ui, &place, |ui| {
            let row = ui.unique_id();
            cell_ui(ui, role, row, (r, 0), label, add)
        });
        self.row = row;
        out
    }

    /// A cell that shows `text` (its label names it).
    pub fn text(&mut self, ui: &mut Ui, role: Role, at: (usize, usize), text: &str) {
        self.cell(ui, role, at, None, |ui| {
            ui.label(text);
        });
    }
}

/// A table node named `name` around what `add` draws; `add` gets the table's id.
pub fn table_ui<R>(
    ui: &mut Ui,
    name: &dyn Fn() -> String,
    (rows, columns): (usize, usize),
    add: impl FnOnce(&mut Ui, Id) -> R,
) -> R {
    let place = Place {
        label: Some(name),
        ..Place::new(Role::Table)
    };
    node_ui(ui, &place, |ui| {
        let table = ui.unique_id();
        table_size(ui, table, rows, columns);
        add(ui, table)
    })
    .1
}
