//! Graded units that are not among the 43 territorial forces: the nine Regional Organised
//! Crime Units (graded beside their forces by the regional serious and organised crime
//! inspections) and British Transport Police. Read from `data/units.csv`. They are known
//! (no "unknown force" warning) but never count as forces: not in "N of 43", not in a
//! region's or ROCU's grades, not in England and Wales.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::forces::split_list;
use crate::names::NameIndex;

/// What kind of unit it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// A Regional Organised Crime Unit.
    Rocu,
    /// A national, non-territorial force (British Transport Police).
    NationalForce,
}

impl UnitKind {
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Rocu => "ROCU",
            UnitKind::NationalForce => "National force",
        }
    }
}

/// One unit's reference facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitInfo {
    /// Its short name (the ROCU's abbreviation): the display key.
    pub name: String,
    pub kind: UnitKind,
    pub official_name: String,
    pub aliases: Vec<String>,
    /// The forces it serves now (ROCUs), by Figure 7 name.
    pub members: Vec<String>,
}

#[derive(Deserialize)]
struct Row {
    unit: String,
    kind: String,
    official_name: String,
    aliases: String,
    members: String,
}

/// The known units, with a forgiving name index.
#[derive(Debug)]
pub struct UnitRegistry {
    units: Vec<UnitInfo>,
    index: NameIndex,
}

const UNITS_CSV: &str = include_str!("../../../../data/units.csv");

impl UnitRegistry {
    /// The units of `data/units.csv`.
    pub fn builtin() -> &'static UnitRegistry {
        static REGISTRY: OnceLock<UnitRegistry> = OnceLock::new();
        // The file is part of the binary and checked by tests.
        REGISTRY.get_or_init(|| UnitRegistry::parse(UNITS_CSV).expect("data/units.csv is valid"))
    }

    /// Reads a registry from CSV text with the columns of `data/units.csv`.
    pub fn parse(text: &str) -> Result<UnitRegistry, String> {
        let mut units = Vec::new();
        for row in csv::Reader::from_reader(text.as_bytes()).deserialize::<Row>() {
            let row = row.map_err(|e| e.to_string())?;
            let kind = match row.kind.trim() {
                "rocu" => UnitKind::Rocu,
                "national force" => UnitKind::NationalForce,
                other => return Err(format!("unknown kind of unit {other:?}")),
            };
            units.push(UnitInfo {
                name: row.unit.trim().to_string(),
                kind,
                official_name: row.official_name.trim().to_string(),
                aliases: split_list(&row.aliases),
                members: split_list(&row.members),
            });
        }
        let names = units.iter().enumerate().flat_map(|(i, unit)| {
            [&unit.name, &unit.official_name]
                .into_iter()
                .chain(&unit.aliases)
                .map(move |name| (i, name.as_str()))
        });
        let index = NameIndex::build(names)?;
        Ok(UnitRegistry { units, index })
    }

    /// The unit a name refers to: its name, official name or an alias, with or without
    /// the abbreviation in brackets ("East Midlands Special Operations Unit (EMSOU)").
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let direct = self.index.get(name);
        direct.or_else(|| {
            let (outside, inside) = name.split_once('(')?;
            let inside = inside.trim_end().strip_suffix(')')?;
            [outside, inside]
                .into_iter()
                .find_map(|part| self.index.get(part))
        })
    }

    pub fn get(&self, index: usize) -> Option<&UnitInfo> {
        self.units.get(index)
    }

    pub fn units(&self) -> &[UnitInfo] {
        &self.units
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forces::ForceRegistry;

    #[test]
    fn nine_rocus_and_british_transport_police() {
        let registry = UnitRegistry::builtin();
        let rocus = registry
            .units()
            .iter()
            .filter(|u| u.kind == UnitKind::Rocu)
            .count();
        assert_eq!(rocus, 9);
        let btp = registry.lookup("BTP").and_then(|i| registry.get(i));
        assert_eq!(btp.map(|u| u.kind), Some(UnitKind::NationalForce));
        // Every member is one of the 43, and every force but London's two is in one ROCU.
        let forces = ForceRegistry::builtin();
        let mut members: Vec<&str> = registry
            .units()
            .iter()
            .flat_map(|u| u.members.iter().map(String::as_str))
            .collect();
        assert!(
            members.iter().all(|m| forces.lookup(m).is_some()),
            "{members:?}"
        );
        members.sort_unstable();
        members.dedup();
        assert_eq!(members.len(), 41);
    }

    #[test]
    fn names_as_reports_write_them() {
        let registry = UnitRegistry::builtin();
        let name = |q: &str| {
            registry
                .lookup(q)
                .and_then(|i| registry.get(i))
                .map(|u| u.name.as_str())
        };
        assert_eq!(
            name("East Midlands Special Operations Unit (EMSOU)"),
            Some("EMSOU")
        );
        assert_eq!(name("emsou"), Some("EMSOU"));
        assert_eq!(name("Titan"), Some("NWROCU"));
        assert_eq!(
            name("North East Regional Specialist Operations Unit"),
            Some("NEROCU")
        );
        assert_eq!(
            name("British Transport Police"),
            Some("British Transport Police")
        );
        assert_eq!(name("Kent"), None);
    }
}
