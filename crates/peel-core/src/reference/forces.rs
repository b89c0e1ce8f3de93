//! Reference data for the 43 territorial police forces of England and Wales: region,
//! country, Regional Organised Crime Unit (then and now), official name, ONS code.
//!
//! The data lives in `data/forces.csv` and is compiled into the binary.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::names::NameIndex;
use crate::period::Period;

const FORCES_CSV: &str = include_str!("../../../../data/forces.csv");

/// One force's reference facts.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ForceInfo {
    /// The name as Figure 7 prints it: the display key.
    #[serde(rename = "force")]
    pub name: String,
    pub official_name: String,
    pub ons_code: String,
    pub country: String,
    pub region: String,
    /// The ROCU during 2015-2017 (empty for the London forces, which have none).
    #[serde(rename = "rocu_2015_2017")]
    pub rocu_then: String,
    /// The ROCU now.
    pub rocu_now: String,
    /// Other names, separated by `;`.
    pub aliases: String,
}

/// How forces are grouped into ROCUs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
pub enum RocuMembership {
    /// The ROCU a force belonged to when each grade was given (the default).
    #[default]
    AtTheTime,
    /// The ROCU a force belongs to now, for every period.
    Current,
}

impl ForceInfo {
    /// The ROCU this force belonged to for a grade given in `period`, or `None` (London).
    pub fn rocu_at(&self, period: Period, membership: RocuMembership) -> Option<&str> {
        let name = match membership {
            RocuMembership::Current => &self.rocu_now,
            RocuMembership::AtTheTime if period.uses_current_rocus() => &self.rocu_now,
            RocuMembership::AtTheTime => &self.rocu_then,
        };
        (!name.is_empty()).then_some(name.as_str())
    }
}

/// The known forces, with a name index that forgives "&"/"and", case, punctuation,
/// "Police"/"Constabulary" suffixes and known renames.
#[derive(Debug)]
pub struct ForceRegistry {
    forces: Vec<ForceInfo>,
    index: NameIndex,
}

/// The items of a `;`-separated list in a reference file, trimmed, blanks dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The key a force name is matched by: lower case, "&" read as "and", punctuation as space,
/// a leading "the" and a trailing "police", "constabulary", "police service" or "police
/// force" dropped.
pub fn match_key(name: &str) -> String {
    // Words of letters and digits, lower-cased, one space between them ("&" is a word).
    let mut key = String::with_capacity(name.len() + 4);
    let mut in_word = false;
    for c in name.chars() {
        let word = c == '&' || c.is_alphanumeric();
        if word && (c == '&' || !in_word) && !key.is_empty() {
            key.push(' ');
        }
        if c == '&' {
            key.push_str("and");
        } else if word {
            key.push(c.to_ascii_lowercase());
        }
        in_word = word && c != '&';
    }
    if key.starts_with("the ") {
        key.drain(..4);
    }
    for suffix in [
        " police service",
        " police force",
        " constabulary",
        " police",
    ] {
        if key.ends_with(suffix) {
            key.truncate(key.len() - suffix.len());
            break;
        }
    }
    key
}

impl ForceRegistry {
    /// The built-in registry of the 43 forces.
    pub fn builtin() -> &'static ForceRegistry {
        static REGISTRY: OnceLock<ForceRegistry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            // The file is part of the binary and checked by tests; an error here is a
            // build defect, not bad user input.
            ForceRegistry::parse(FORCES_CSV).expect("data/forces.csv is valid")
        })
    }

    /// Reads a registry from CSV text with the columns of `data/forces.csv`.
    pub fn parse(text: &str) -> Result<ForceRegistry, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let forces = reader
            .deserialize::<ForceInfo>()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let names = forces.iter().enumerate().flat_map(|(i, force)| {
            [force.name.as_str(), force.official_name.as_str()]
                .into_iter()
                .chain(force.aliases.split(';'))
                .map(move |name| (i, name))
        });
        let index = NameIndex::build(names)?;
        Ok(ForceRegistry { forces, index })
    }

    /// The index of the force a name refers to, if it is a known force.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.lookup_key(&match_key(name))
    }

    /// [`ForceRegistry::lookup`] by a name's [`match_key`], when it is already worked out.
    pub fn lookup_key(&self, key: &str) -> Option<usize> {
        self.index.get_key(key)
    }

    pub fn get(&self, index: usize) -> Option<&ForceInfo> {
        self.forces.get(index)
    }

    pub fn forces(&self) -> &[ForceInfo] {
        &self.forces
    }

    pub fn len(&self) -> usize {
        self.forces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forces.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(registry: &ForceRegistry, query: &str) -> Option<String> {
        registry
            .lookup(query)
            .and_then(|i| registry.get(i))
            .map(|f| f.name.clone())
    }

    #[test]
    fn builtin_has_43_forces_with_unique_codes() {
        let registry = ForceRegistry::builtin();
        assert_eq!(registry.len(), 43);
        let mut codes: Vec<_> = registry.forces().iter().map(|f| &f.ons_code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 43);
        let wales = registry
            .forces()
            .iter()
            .filter(|f| f.country == "Wales")
            .count();
        assert_eq!(wales, 4);
    }

    #[test]
    fn matches_names_variants_and_renames() {
        let r = ForceRegistry::builtin();
        let cases = [
            ("Avon & Somerset", "Avon & Somerset"),
            ("Avon and Somerset Constabulary", "Avon & Somerset"),
            ("avon and somerset", "Avon & Somerset"),
            ("Metropolitan Police Service", "MPS"),
            ("MPS", "MPS"),
            ("Hampshire and Isle of Wight Constabulary", "Hampshire"),
            ("Devon and Cornwall Police", "Devon & Cornwall"),
            ("Dyfed Powys Police", "Dyfed-Powys"),
            ("City of London Police", "City of London"),
            ("  durham constabulary ", "Durham"),
        ];
        for (query, expected) in cases {
            assert_eq!(name_of(r, query).as_deref(), Some(expected), "{query}");
        }
        assert_eq!(r.lookup("British Transport Police"), None);
        assert_eq!(r.lookup("Police"), None);
    }

    #[test]
    fn rocu_membership_depends_on_period() {
        let r = ForceRegistry::builtin();
        let kent = r.get(r.lookup("Kent").unwrap()).unwrap();
        let y2016 = Period::year(2016);
        let y2022 = Period::cycle(2021, 2022);
        assert_eq!(
            kent.rocu_at(y2016, RocuMembership::AtTheTime),
            Some("SEROCU")
        );
        assert_eq!(
            kent.rocu_at(y2022, RocuMembership::AtTheTime),
            Some("ERSOU")
        );
        assert_eq!(kent.rocu_at(y2016, RocuMembership::Current), Some("ERSOU"));
        let north_wales = r.get(r.lookup("North Wales").unwrap()).unwrap();
        assert_eq!(north_wales.region, "Wales");
        assert_eq!(
            north_wales.rocu_at(y2016, RocuMembership::AtTheTime),
            Some("Titan")
        );
        let mps = r.get(r.lookup("MPS").unwrap()).unwrap();
        assert_eq!(mps.rocu_at(y2016, RocuMembership::AtTheTime), None);
        assert_eq!(mps.rocu_at(y2022, RocuMembership::Current), None);
    }

    #[test]
    fn match_key_folds_punctuation_and_suffixes() {
        assert_eq!(
            match_key("The Avon & Somerset Constabulary"),
            "avon and somerset"
        );
        assert_eq!(match_key("Dyfed-Powys"), "dyfed powys");
        assert_eq!(match_key("Police"), "police");
        assert_eq!(match_key("the"), "the");
        assert_eq!(match_key("A&&B police force"), "a and and b");
        assert_eq!(match_key("  Gwent   Police  "), "gwent");
    }

    /// The rule as first written (several passes over the name): the one-pass version
    /// must give the same key for any name.
    fn match_key_by_words(name: &str) -> String {
        let spaced: String = name
            .replace('&', " and ")
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                }
            })
            .collect();
        let mut words: Vec<&str> = spaced.split_whitespace().collect();
        if words.first() == Some(&"the") && words.len() > 1 {
            words.remove(0);
        }
        for suffix in [
            &["police", "service"][..],
            &["police", "force"],
            &["constabulary"],
            &["police"],
        ] {
            if words.len() > suffix.len() && words.ends_with(suffix) {
                words.truncate(words.len() - suffix.len());
                break;
            }
        }
        words.join(" ")
    }

    proptest::proptest! {
        #[test]
        fn match_key_agrees_with_the_rule(
            name in "(?:[Tt]he |&|-| |[A-Za-z]{1,6}|Police|police|Constabulary|Service|Force|\\PC){0,8}"
        ) {
            proptest::prop_assert_eq!(match_key(&name), match_key_by_words(&name));
        }
    }
}
