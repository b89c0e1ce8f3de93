//! Briefings as Word documents: the core's briefing with the chart pictures Copy makes.

use crate::core::brief::doc::{ChartKind, Document};
use crate::core::brief::docx::{self, Picture};
use crate::gui::chart::Chart;
use crate::gui::picture;
use crate::gui::state::AppState;

/// The briefing `doc` as a Word document, its charts drawn from `state` (light, twice
/// screen resolution, titled and sourced, as Copy makes them).
pub fn briefing_docx(state: &AppState, doc: &Document) -> Result<Vec<u8>, String> {
    docx::render(doc, &author(), |kind| {
        let chart = match kind {
            ChartKind::Distribution => Chart::Distribution,
            ChartKind::Flows => Chart::Flows,
            ChartKind::Map => Chart::Map,
        };
        picture::png(state, chart).ok().map(|png| Picture { png })
    })
    .map_err(|e| e.to_string())
}

/// A briefing in the format a save asked for: Word, or the HTML page.
pub fn briefing_bytes(state: &AppState, doc: &Document, word: bool) -> Result<Vec<u8>, String> {
    if word {
        briefing_docx(state, doc)
    } else {
        Ok(crate::core::brief::html::render(doc).into_bytes())
    }
}

/// The document's author: the person signed in (as Word itself fills it in), or the
/// program where no name can be read.
fn author() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "PEEL Explorer".to_string())
}
