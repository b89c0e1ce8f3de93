//! Where grades come from, in words: each grade's provenance line by line, the sources
//! behind a dataset for a list of sources, and the pages the grades shown were read on.

use crate::dataset::{Dataset, Provenance, Stated};
use crate::period::PeriodIx;
use crate::provenance::SourceKind;

/// What the published record is called wherever sources are listed.
pub const RECORD_CITATION: &str = "The published PEEL record built into PEEL Explorer (data/record): \
    each grade as stated on the inspectorate's pages, or where they do not state it, on a force's, \
    PCC's or newspaper's page, with its address";

/// The sources behind a dataset, one entry each, for a list of sources: the citation of
/// Figure 7, the published record once (however many of its files), and each loaded
/// file by name (its folder left out unless `full`).
pub fn source_entries(sources: &[String], full: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in sources {
        let entry = if name == crate::import::BUILTIN_NAME {
            crate::import::FIGURE7_CITATION
                .trim_end_matches('.')
                .to_string()
        } else if name.starts_with("data/record/") {
            RECORD_CITATION.to_string()
        } else if full {
            name.clone()
        } else {
            name.rsplit(['/', '\\']).next().unwrap_or(name).to_string()
        };
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

/// Every page that states one of the given grades: its address, kind and how many of the
/// grades it states; the most used first.
pub fn cited_pages(
    data: &Dataset,
    forces: &[usize],
    periods: &[PeriodIx],
) -> Vec<(String, SourceKind, usize)> {
    cited_pages_in(&[(data, forces, periods)])
}

/// [`cited_pages`] over several areas' grades, each with the forces and periods taken
/// from it.
pub fn cited_pages_in(
    parts: &[(&Dataset, &[usize], &[PeriodIx])],
) -> Vec<(String, SourceKind, usize)> {
    let mut pages: Vec<(String, SourceKind, usize)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &(data, forces, periods) in parts {
        for &f in forces {
            for &p in periods {
                let Some(citation) = crate::export::citation(data, f, p) else {
                    continue;
                };
                for r in citation.references {
                    match at.get(&r.address) {
                        Some(&i) => pages[i].2 += 1,
                        None => {
                            at.insert(r.address.clone(), pages.len());
                            pages.push((r.address, r.kind, 1));
                        }
                    }
                }
            }
        }
    }
    pages.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    pages
}

/// Where a picture's grades come from, for the line under it: the citation of the built-in
/// Figure 7, the published record, and each loaded file by name (its folder left out).
pub fn source_line(sources: &[String]) -> String {
    let names = source_entries(sources, false);
    if names.is_empty() {
        "Source: no grades loaded.".into()
    } else {
        format!("Source: {}.", names.join("; "))
    }
}

/// One line of where a grade comes from: words, and the page's address to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLine {
    pub text: String,
    pub address: Option<String>,
}

/// Where a grade comes from, line by line: each page that states it (its kind and
/// address) or the file and line; whether it was carried over; and where the grade shown
/// differs from the published record, what the record says and where.
pub fn provenance_lines(provenance: &Provenance<'_>) -> Vec<SourceLine> {
    let mut lines = Vec::new();
    let stated = |lines: &mut Vec<SourceLine>, s: &Stated<'_>| match s.citation {
        Some(citation) => {
            for r in &citation.references {
                let text = if r.address == crate::import::FIGURE7_ADDRESS {
                    "Source: Figure 7 of the Serious and Organised Crime Strategy (HM \
                     Government, 2018)"
                        .to_string()
                } else {
                    format!("Source: {}", r.kind.label())
                };
                lines.push(SourceLine {
                    text,
                    address: Some(r.address.clone()),
                });
            }
        }
        None => lines.push(SourceLine {
            text: format!("From {}, line {}", s.source, s.line),
            address: None,
        }),
    };
    for s in &provenance.stated {
        stated(&mut lines, s);
    }
    if provenance.carried_over {
        lines.push(SourceLine {
            text: "Carried over from an earlier inspection: not inspected afresh".into(),
            address: None,
        });
    }
    if let Some((cell, record)) = &provenance.differs {
        let shown_is_record = provenance.stated.first().is_some_and(|s| s.builtin);
        let text = if shown_is_record {
            format!("Another published page gives {}:", cell.label())
        } else {
            format!(
                "Differs from the published record, which gives {}:",
                cell.label()
            )
        };
        lines.push(SourceLine {
            text,
            address: None,
        });
        for s in record {
            stated(&mut lines, s);
        }
    }
    lines
}
