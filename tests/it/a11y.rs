//! What a screen reader is given: the grade table as a table (rows, cells, column headers,
//! their places), each grade cell named in full.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, Node};
use peel_explorer::gui::state::Action;
use peel_explorer::gui::{AppState, PeelApp};

fn role(n: &Node<'_>) -> Role {
    n.accesskit_node().role()
}

/// A row's children in `r`, each as its column index and name.
fn placed(row: &Node<'_>, r: Role) -> Vec<(usize, String)> {
    row.children()
        .filter(|c| role(c) == r)
        .map(|c| {
            let column = c.accesskit_node().data().column_index();
            (column.expect("a cell knows its column"), name_in(&c))
        })
        .collect()
}

/// The first name among a node and what it holds (a header cell's is its button's, a text
/// cell's its label's text).
fn name_in(n: &Node<'_>) -> String {
    std::iter::once(*n)
        .chain(n.children_recursive())
        .find_map(|c| {
            c.accesskit_node()
                .label()
                .or_else(|| c.accesskit_node().value())
        })
        .unwrap_or_default()
}

#[test]
fn the_grade_table_is_a_table_of_rows_cells_and_column_headers() {
    let mut state = AppState::default();
    state.apply(Action::SetArea("Serious and organised crime".into()));
    state.apply(Action::SetSince(None));
    state.apply(Action::SetUntil(None));
    // Tall enough that every row is drawn (the table draws only the rows in sight).
    let mut h = Harness::builder()
        .with_size([1366.0, 1800.0])
        .build_eframe(|_cc| PeelApp::with_state(state));
    h.run();
    let table = h.get_by_role_and_label(Role::Table, "Grades: Serious and organised crime");
    let data = table.accesskit_node().data().clone();
    assert!(
        data.row_count().is_some_and(|n| n >= 44),
        "{:?}",
        data.row_count()
    );
    let rows: Vec<Node<'_>> = table
        .children_recursive()
        .filter(|n| role(n) == Role::Row)
        .collect();
    assert!(
        rows.len() >= 44,
        "a header row and a row per force: {}",
        rows.len()
    );

    // The header row: a column header per column, in order.
    let heads = placed(&rows[0], Role::ColumnHeader);
    let names: Vec<&str> = heads.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names[..3],
        ["Sort by Force", "Sort by 2015", "Sort by 2016"]
    );
    assert!(
        names.contains(&"Sort by 2018/19")
            && names.ends_with(&["Sort by Movement", "Sort by Region", "Sort by ROCU"])
    );
    assert!(heads.iter().enumerate().all(|(i, (c, _))| i == *c));

    // Derbyshire's row: its name as row header, then its cells in order, each named in full
    // and under the column header of its column.
    let derbyshire = rows
        .iter()
        .find(|r| {
            r.children()
                .any(|c| role(&c) == Role::RowHeader && name_in(&c) == "Derbyshire")
        })
        .expect("Derbyshire's row");
    let cells = placed(derbyshire, Role::Cell);
    assert_eq!(cells[0], (1, "Derbyshire, 2015: Outstanding".to_string()));
    let gap = cells
        .iter()
        .find(|(_, n)| n.starts_with("Derbyshire, 2018/19"))
        .expect("the 2018/19 cell");
    assert_eq!(gap.1, "Derbyshire, 2018/19: not in the record");
    assert_eq!(
        heads[gap.0].1, "Sort by 2018/19",
        "the cell sits under its period's header"
    );
    assert!(
        cells.windows(2).all(|w| w[0].0 < w[1].0),
        "in column order: {cells:?}"
    );
    let movement = derbyshire
        .children()
        .find(|c| role(c) == Role::Cell && c.accesskit_node().data().column_index() == Some(7))
        .expect("the movement cell");
    assert!(
        movement
            .children_recursive()
            .any(|c| c.accesskit_node().value().as_deref() == Some("Stable")),
        "the movement cell says Stable"
    );
    // A carried-over grade says so in words.
    assert!(
        h.query_by_label("Durham, 2017: Outstanding, carried over")
            .is_some()
    );
}
