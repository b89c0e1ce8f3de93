//! Groups of forces a user names: an office's most similar group (the Home Office's groups
//! of up to seven forces like it, one group per force, so groups overlap), a collaboration,
//! a set of neighbours. A group holds forces by their display names, so it means the same
//! in every area and file; it is read and written as a CSV of `group,force` rows, so an
//! office can share its list.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::aggregate::{GroupDef, GroupKind};
use crate::dataset::Dataset;
use crate::forces::ForceRegistry;

/// A named set of forces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ForceGroup {
    pub name: String,
    /// The members' display names (as Figure 7 prints them), each once, in the order given.
    pub forces: Vec<String>,
}

/// What is wrong with a group's definition, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct GroupError {
    /// The file (empty for a command-line argument).
    pub file: String,
    /// 1-based line and column (the field's number in a CSV row).
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// A force's display name from any spelling the importer accepts.
fn force_name(text: &str) -> Option<String> {
    let registry = ForceRegistry::builtin();
    let index = registry.lookup(text.trim())?;
    registry.get(index).map(|f| f.name.clone())
}

fn unknown_force(text: &str) -> String {
    format!(
        "{:?} is not one of the 43 forces of England and Wales (a group holds forces, \
         named as in the grade table or by their official names)",
        text.trim()
    )
}

impl ForceGroup {
    /// A group from `NAME=Force,Force,...`, each force in any spelling the importer
    /// accepts.
    pub fn parse_arg(text: &str) -> Result<ForceGroup, GroupError> {
        let error = |message: String| GroupError {
            file: String::new(),
            line: 1,
            column: 1,
            message,
        };
        let Some((name, list)) = text.split_once('=') else {
            return Err(error(format!(
                "{text:?} is not a group: write NAME=Force,Force,... (for example \
                 \"Peers=Kent,Essex,Surrey\")"
            )));
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(error(format!(
                "{text:?}: the group has no name before \"=\""
            )));
        }
        let mut group = ForceGroup {
            name: name.to_string(),
            forces: Vec::new(),
        };
        for member in list.split(',').filter(|m| !m.trim().is_empty()) {
            let force = force_name(member)
                .ok_or_else(|| error(format!("group {name:?}: {}", unknown_force(member))))?;
            group.add(force);
        }
        if group.forces.is_empty() {
            return Err(error(format!("group {name:?} names no forces after \"=\"")));
        }
        Ok(group)
    }

    /// Adds a force (by display name) unless it is there already.
    pub fn add(&mut self, force: String) {
        if !self.forces.contains(&force) {
            self.forces.push(force);
        }
    }

    /// Whether a force (by display name) is a member.
    pub fn contains(&self, force: &str) -> bool {
        self.forces.iter().any(|f| f == force)
    }

    /// The group as a comparison takes it: its members in this dataset. A member the
    /// dataset does not grade is not counted, and the group's size says so.
    pub fn def(&self, data: &Dataset) -> GroupDef {
        GroupDef {
            name: self.name.clone(),
            kind: GroupKind::Forces(
                self.forces
                    .iter()
                    .filter_map(|f| data.find_force(f))
                    .collect(),
            ),
        }
    }
}

/// The groups a force is in, by display name.
pub fn groups_of<'a>(groups: &'a [ForceGroup], force: &str) -> Vec<&'a ForceGroup> {
    groups.iter().filter(|g| g.contains(force)).collect()
}

/// Reads a CSV of `group,force` rows (a header row naming those two columns first). Any
/// bad row is an error naming its line and column, and nothing is read.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<Vec<ForceGroup>, GroupError> {
    let error = |line: u64, column: u64, message: String| GroupError {
        file: file.to_string(),
        line,
        column,
        message,
    };
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| error(1, 1, format!("not UTF-8 text: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut groups: Vec<ForceGroup> = Vec::new();
    let mut header = true;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line());
            error(line, 1, format!("not a readable CSV row: {e}"))
        })?;
        let line = record.position().map_or(1, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        if header {
            header = false;
            if !field(0).eq_ignore_ascii_case("group") || !field(1).eq_ignore_ascii_case("force") {
                return Err(error(
                    line,
                    1,
                    format!(
                        "the first row should be the header \"group,force\"; found {:?}",
                        record.iter().collect::<Vec<_>>().join(",")
                    ),
                ));
            }
            continue;
        }
        if record.len() != 2 {
            return Err(error(
                line,
                record.len().min(3) as u64,
                format!(
                    "a row has two fields, group and force; this one has {}",
                    record.len()
                ),
            ));
        }
        if field(0).is_empty() {
            return Err(error(line, 1, "the group's name is empty".into()));
        }
        let force = force_name(field(1)).ok_or_else(|| error(line, 2, unknown_force(field(1))))?;
        match groups.iter_mut().find(|g| g.name == field(0)) {
            Some(group) => group.add(force),
            None => groups.push(ForceGroup {
                name: field(0).to_string(),
                forces: vec![force],
            }),
        }
    }
    if header {
        return Err(error(
            1,
            1,
            "the file is empty: expected a \"group,force\" header".into(),
        ));
    }
    Ok(groups)
}

/// The groups as a CSV of `group,force` rows, as [`read_csv`] reads them.
pub fn write_csv(groups: &[ForceGroup]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let rows = groups
        .iter()
        .flat_map(|g| g.forces.iter().map(move |f| [g.name.as_str(), f.as_str()]));
    // Writing into memory cannot fail.
    let _ = writer.write_record(["group", "force"]);
    for row in rows {
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_from_the_command_line_takes_any_spelling() {
        let g = ForceGroup::parse_arg("Peers=Kent Police, essex,Metropolitan Police Service")
            .expect("a group");
        assert_eq!(g.name, "Peers");
        assert_eq!(g.forces, ["Kent", "Essex", "MPS"]);
        let err = ForceGroup::parse_arg("Peers=Kent,Gotham").unwrap_err();
        assert!(err.message.contains("\"Gotham\""), "{err}");
        assert!(ForceGroup::parse_arg("Kent,Essex").is_err());
        assert!(ForceGroup::parse_arg("=Kent").is_err());
        assert!(ForceGroup::parse_arg("Peers=").is_err());
    }

    #[test]
    fn groups_round_trip_through_csv() {
        let groups = vec![
            ForceGroup::parse_arg("Peers=Kent,Essex,Surrey").expect("a group"),
            ForceGroup::parse_arg("Wales, \"south\"=Gwent,South Wales").expect("a group"),
        ];
        let bytes = write_csv(&groups);
        assert_eq!(read_csv("g.csv", &bytes), Ok(groups));
    }

    #[test]
    fn a_bad_row_is_an_error_at_its_line_and_column() {
        let read = |text: &str| read_csv("groups.csv", text.as_bytes()).unwrap_err();
        let e = read("group,force\nPeers,Kent\nPeers,Gotham\n");
        assert_eq!((e.line, e.column), (3, 2));
        assert_eq!(
            e.to_string(),
            format!("groups.csv:3:2: {}", unknown_force("Gotham"))
        );
        let e = read("group,force\n,Kent\n");
        assert_eq!((e.line, e.column), (2, 1));
        let e = read("group,force\nPeers,Kent,Essex\n");
        assert_eq!((e.line, e.column), (2, 3));
        let e = read("force,group\nKent,Peers\n");
        assert_eq!((e.line, e.column), (1, 1));
        let e = read("");
        assert_eq!(e.line, 1);
        // A byte-order mark and blank lines are fine.
        let ok = read_csv("g.csv", b"\xEF\xBB\xBFGroup,Force\n\nPeers,Kent\n").expect("reads");
        assert_eq!(ok[0].forces, ["Kent"]);
    }
}
