//! One way to look a thing up by any of its names: forces, units and areas each keep a
//! [`NameIndex`] of their names and aliases, matched forgivingly (case, punctuation, "&" or
//! "and"; see [`match_key`]), and by one rule: a name that would name two things is an
//! error when the index is built, never a silent first-come choice.

use std::collections::HashMap;

use crate::forces::match_key;

/// Names (as match keys) to the index of what they name.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    index: HashMap<String, usize>,
}

impl NameIndex {
    /// An index of `(what, name)` pairs; blank names are left out. A name that two things
    /// share is an error naming it.
    pub fn build<'a>(names: impl IntoIterator<Item = (usize, &'a str)>) -> Result<Self, String> {
        let mut index = HashMap::new();
        for (what, name) in names {
            let key = match_key(name);
            if key.is_empty() {
                continue;
            }
            if let Some(other) = index.insert(key, what)
                && other != what
            {
                return Err(format!(
                    "{:?} names two things (entries {} and {})",
                    name.trim(),
                    other + 1,
                    what + 1
                ));
            }
        }
        Ok(NameIndex { index })
    }

    /// What a name names, matched forgivingly.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.get_key(&match_key(name))
    }

    /// What a name already turned into a match key names.
    pub fn get_key(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_forgivingly_and_an_ambiguous_one_is_an_error() {
        let index = NameIndex::build([
            (0, "Avon & Somerset"),
            (0, "Avon and Somerset Constabulary"),
            (1, "Kent"),
        ])
        .expect("no name twice");
        assert_eq!(index.get("avon and somerset"), Some(0));
        assert_eq!(index.get(" KENT "), Some(1));
        assert_eq!(index.get("Surrey"), None);
        // The same name twice for one thing is fine; for two, an error that names it.
        assert!(NameIndex::build([(0, "Kent"), (0, "kent")]).is_ok());
        let err = NameIndex::build([(0, "Met"), (1, "MET")]).unwrap_err();
        assert!(err.contains("\"MET\" names two things"), "{err}");
        // Blank names are no names.
        assert!(NameIndex::build([(0, ""), (1, "  ")]).is_ok());
    }
}
