//! A briefing as a document: headings, paragraphs, lists, tables and charts, in order.
//! The briefing's sections are written once, into this, and each format (HTML, Word)
//! renders it, so the two say the same things in the same order.

use crate::dataset::Status;
use crate::grade::Cell;

/// A whole briefing: its title, the line under it, and its blocks.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The heading at the top (and the Word document's title property).
    pub title: String,
    /// What an HTML page's `<title>` says: the briefing's forces and periods.
    pub page_title: String,
    /// The line under the title: the date, the forces and the periods.
    pub meta: String,
    /// The day it was made, `YYYY-MM-DD`.
    pub date: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Inserts blocks before the first heading that reads `heading` (at the end if none).
    pub fn insert_before(&mut self, heading: &str, blocks: Vec<Block>) {
        let at = self
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(_, h) if h == heading))
            .unwrap_or(self.blocks.len());
        self.blocks.splice(at..at, blocks);
    }
}

#[derive(Clone, Debug)]
pub enum Block {
    /// A section heading: level 2 for a section, 3 under it.
    Heading(u8, String),
    Para(Para),
    /// A bulleted list, or a numbered one (the sources).
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    /// The grade key: each grade's letter on its fill, and its name.
    Key(Vec<Cell>),
    Table(Table),
    Chart(Chart),
    /// Blocks kept together on one page (a heading, its table and the note under it).
    Keep(Vec<Block>),
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading(level, text.into())
    }

    pub fn text(text: impl Into<String>) -> Block {
        Block::Para(Para {
            note: false,
            spans: vec![Span::plain(text)],
        })
    }

    /// A note: smaller print under a table or chart, or a caveat.
    pub fn note(text: impl Into<String>) -> Block {
        Block::Para(Para {
            note: true,
            spans: vec![Span::plain(text)],
        })
    }
}

#[derive(Clone, Debug)]
pub struct Para {
    /// A note (smaller, quieter) rather than body text.
    pub note: bool,
    pub spans: Vec<Span>,
}

/// A run of text with one emphasis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub emphasis: Emphasis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Plain,
    Italic,
    Bold,
    /// A web address, written out so a printed copy shows it.
    Address,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            emphasis: Emphasis::Plain,
        }
    }

    pub fn with(emphasis: Emphasis, text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            emphasis,
        }
    }
}

/// A table: a header row (repeated on each printed page) and body rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
    /// The grade matrix (styled as such in HTML).
    pub matrix: bool,
}

/// The mark after a carried-over grade in a table that leaves the program (the UK
/// Government Analysis Function's advice: a bracketed note in words, not a star that screen
/// readers pass over), and the note that explains it.
pub const CARRIED_MARK: &str = "[note\u{a0}1]";
pub const CARRIED_NOTE: &str =
    "[note 1] Carried over from an earlier inspection, not given afresh.";

/// What a grade cell of a table that leaves the program shows: the grade's letter (and
/// [`CARRIED_MARK`] when carried over), "NG" where assessed and not graded, or the
/// shorthand for why there is no grade.
pub fn grade_text(status: Status, carried: bool) -> String {
    match status {
        Status::Cell(cell) if carried => format!("{} {CARRIED_MARK}", cell.short()),
        Status::Cell(cell) => cell.short().to_string(),
        Status::NotKnown => "[x]".into(),
        other => other.shorthand().unwrap_or("").to_string(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableCell {
    Text(String),
    /// A row's heading (the first column of a transition table).
    RowHead(String),
    /// A number or figure, set to the right.
    Number(String),
    /// A grade: its letter on its fill, with [`CARRIED_NOTE`]'s mark when carried over; an
    /// empty cell is the shorthand for why (`[x]`, `[z]`), explained under the table.
    Grade {
        status: Status,
        carried: bool,
    },
}

/// Which chart a figure is: each format draws it its own way (HTML as SVG, Word as the
/// picture Copy chart makes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Grades per period.
    Distribution,
    /// Movement between periods.
    Flows,
    /// The map of the latest period.
    Map,
}

#[derive(Clone, Debug)]
pub struct Chart {
    pub kind: ChartKind,
    /// The chart as SVG, for HTML.
    pub svg: String,
    /// Its text alternative: the caption, and a picture's alt text.
    pub alt: String,
}
