//! Where a grade comes from: the page it was read on (one or two addresses) and what kind
//! of source that page is. The built-in record cites every grade; a user's file may too
//! (a `source` column, as the long export writes).

use std::fmt;

/// What kind of publication a page is. Only the inspectorate's own pages are primary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// The inspectorate's own page (HMIC, HMICFRS).
    Inspectorate,
    /// A government publication that reprints the inspectorate's grades (Figure 7).
    Government,
    /// A police force's own press release or page.
    Force,
    /// A Police and Crime Commissioner's page or published response.
    Pcc,
    /// A newspaper or broadcaster.
    News,
    /// Anything else.
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Inspectorate,
        SourceKind::Government,
        SourceKind::Force,
        SourceKind::Pcc,
        SourceKind::News,
        SourceKind::Other,
    ];

    /// The word a data file uses for it.
    pub fn code(self) -> &'static str {
        match self {
            SourceKind::Inspectorate => "inspectorate",
            SourceKind::Government => "government",
            SourceKind::Force => "force",
            SourceKind::Pcc => "pcc",
            SourceKind::News => "news",
            SourceKind::Other => "other",
        }
    }

    /// What a reader is told it is.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Inspectorate => "the inspectorate's own page",
            SourceKind::Government => "a government publication",
            SourceKind::Force => "the force's press release (secondary)",
            SourceKind::Pcc => "the PCC's page (secondary)",
            SourceKind::News => "a news report (secondary)",
            SourceKind::Other => "a secondary source",
        }
    }

    /// Whether it is a secondary source: anything but the inspectorate's own page.
    pub fn is_secondary(self) -> bool {
        self != SourceKind::Inspectorate
    }

    /// Reads the word a data file uses (any case; blank reads as `None`).
    pub fn parse(text: &str) -> Result<Option<SourceKind>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        SourceKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(text))
            .map(Some)
            .ok_or_else(|| {
                let known: Vec<&str> = SourceKind::ALL.iter().map(|k| k.code()).collect();
                format!(
                    "unknown source kind {text:?}; expected one of {}",
                    known.join(", ")
                )
            })
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One page a grade was read on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Its address (`https://...`).
    pub address: String,
    pub kind: SourceKind,
}

impl Reference {
    /// Whether the text is a web address a browser can open.
    pub fn is_address(text: &str) -> bool {
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"));
        rest.is_some_and(|r| {
            let host = r.split('/').next().unwrap_or("");
            host.contains('.') && !r.chars().any(char::is_whitespace)
        })
    }
}

/// Where one grade comes from: one page, or two that state the same grade.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Citation {
    pub references: Vec<Reference>,
}

impl Citation {
    pub fn one(address: &str, kind: SourceKind) -> Citation {
        Citation {
            references: vec![Reference {
                address: address.to_string(),
                kind,
            }],
        }
    }

    /// Whether every page it names is a secondary source.
    pub fn is_secondary(&self) -> bool {
        self.references.iter().all(|r| r.kind.is_secondary())
    }

    /// The addresses, separated by a space (as the long export writes them).
    pub fn addresses(&self) -> String {
        let all: Vec<&str> = self.references.iter().map(|r| r.address.as_str()).collect();
        all.join(" ")
    }

    /// The kinds, separated by a space, in the order of [`Citation::addresses`].
    pub fn kinds(&self) -> String {
        let all: Vec<&str> = self.references.iter().map(|r| r.kind.code()).collect();
        all.join(" ")
    }

    /// This citation with another's pages added (those it does not name already).
    pub fn with(&self, other: &Citation) -> Citation {
        let mut references = self.references.clone();
        for r in &other.references {
            if !references.contains(r) {
                references.push(r.clone());
            }
        }
        Citation { references }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_and_unknown_ones_name_the_choices() {
        for kind in SourceKind::ALL {
            assert_eq!(SourceKind::parse(kind.code()), Ok(Some(kind)));
        }
        assert_eq!(SourceKind::parse(" PCC "), Ok(Some(SourceKind::Pcc)));
        assert_eq!(SourceKind::parse(""), Ok(None));
        let err = SourceKind::parse("blog").unwrap_err();
        assert!(
            err.contains("inspectorate") && err.contains("blog"),
            "{err}"
        );
        assert!(!SourceKind::Inspectorate.is_secondary());
        assert!(SourceKind::News.is_secondary());
    }

    #[test]
    fn addresses_are_web_addresses() {
        assert!(Reference::is_address(
            "https://hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2016/kent/"
        ));
        assert!(Reference::is_address("http://www.example.org"));
        assert!(!Reference::is_address("hmicfrs page"));
        assert!(!Reference::is_address("https://no-dot/x"));
        assert!(!Reference::is_address("https://a.b/with space"));
    }

    #[test]
    fn two_citations_join_without_repeats() {
        let a = Citation::one("https://a.example/x", SourceKind::Inspectorate);
        let b = Citation::one("https://b.example/y", SourceKind::Pcc);
        let joined = a.with(&b).with(&a);
        assert_eq!(joined.references.len(), 2);
        assert_eq!(
            joined.addresses(),
            "https://a.example/x https://b.example/y"
        );
        assert_eq!(joined.kinds(), "inspectorate pcc");
        assert!(!joined.is_secondary());
        assert!(b.is_secondary());
    }
}
