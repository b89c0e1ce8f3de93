//! A briefing [`Document`] as a Word document (Office Open XML, `.docx`), written part by
//! part into a zip: headings in Word's Heading styles (so the navigation pane lists them),
//! body text in Normal, real tables whose header rows repeat on each page, grade cells
//! lettered and filled, the charts as pictures with their text alternative as alt text,
//! A4 pages numbered in the footer, and the title and author set as the document's
//! properties. Plain styles and no text boxes, so every part stays editable.

use crate::Status;
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;

use super::doc::{Block, ChartKind, Document, Emphasis, Span, Table, TableCell};
// Word's XML takes the escapes the HTML briefing's does.
use super::escape as xml;
use crate::grade::Cell;
use crate::style;

/// A chart's picture: a PNG.
#[derive(Clone, Debug)]
pub struct Picture {
    pub png: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("a chart picture is not a PNG")]
    NotPng,
    #[error("could not write the document: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the document: {0}")]
    Io(#[from] std::io::Error),
}

/// The text area of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11906 - 2 * MARGIN;
/// The text area of a landscape A4 page, for a table too wide for a portrait one.
const LANDSCAPE_WIDTH: u32 = 16838 - 2 * MARGIN;
const MARGIN: u32 = 1134;

/// A section's page: A4, portrait or landscape, with the footer that numbers pages.
fn section(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (16838, 11906, " w:orient=\"landscape\"")
    } else {
        (11906, 16838, "")
    };
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz \
         w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" \
         w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" \
         w:gutter=\"0\"/></w:sectPr>"
    )
}
/// English Metric Units per twentieth of a point.
const EMU_PER_TWIP: u64 = 635;
/// The tallest a picture is drawn: 23 cm, in EMU.
const MAX_PICTURE_HEIGHT: u64 = 23 * 360_000;

/// The document, with `picture` giving each chart's picture (a chart without one keeps
/// its text alternative as a caption). `author` is the document's author property.
pub fn render(
    doc: &Document,
    author: &str,
    mut picture: impl FnMut(ChartKind) -> Option<Picture>,
) -> Result<Vec<u8>, DocxError> {
    let mut body = Body::default();
    body.para("Heading1", &[Span::plain(doc.title.clone())], false);
    body.para("Normal", &[Span::plain(doc.meta.clone())], false);
    for block in &doc.blocks {
        body.block(block, false, &mut picture)?;
    }

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, bytes: &[u8]| -> Result<(), DocxError> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    part("[Content_Types].xml", CONTENT_TYPES.as_bytes())?;
    part("_rels/.rels", ROOT_RELS.as_bytes())?;
    part("docProps/core.xml", core_xml(doc, author).as_bytes())?;
    part("docProps/app.xml", APP.as_bytes())?;
    part("word/styles.xml", STYLES.as_bytes())?;
    part("word/numbering.xml", body.numbering_xml().as_bytes())?;
    part("word/footer1.xml", FOOTER.as_bytes())?;
    part("word/_rels/document.xml.rels", body.rels_xml().as_bytes())?;
    part("word/document.xml", body.document_xml().as_bytes())?;
    for (i, png) in body.media.iter().enumerate() {
        part(&format!("word/media/chart{}.png", i + 1), png)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The document's body as it is written, and what it refers to.
#[derive(Default)]
struct Body {
    xml: String,
    /// The pictures, in order: `media/chartN.png`, relationship `rIdChartN`.
    media: Vec<Vec<u8>>,
    /// Each list's numbering: whether it is ordered (each gets its own, so numbered
    /// lists start at 1).
    lists: Vec<bool>,
}

impl Body {
    fn block(
        &mut self,
        block: &Block,
        keep: bool,
        picture: &mut impl FnMut(ChartKind) -> Option<Picture>,
    ) -> Result<(), DocxError> {
        match block {
            Block::Heading(level, text) => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                self.para(&style, &[Span::plain(text.clone())], keep);
            }
            Block::Para(p) => {
                let style = if p.note { "Note" } else { "Normal" };
                self.para(style, &p.spans, keep);
            }
            Block::List { ordered, items } => {
                self.lists.push(*ordered);
                let num = self.lists.len();
                for item in items {
                    self.list_item(num, item, keep);
                }
            }
            Block::Key(cells) => self.key(cells),
            Block::Table(table) => self.table(table, keep),
            Block::Chart(chart) => {
                if let Some(p) = picture(chart.kind) {
                    self.picture(&p.png, &chart.alt)?;
                }
                self.para("Caption", &[Span::plain(chart.alt.clone())], keep);
            }
            Block::Keep(blocks) => {
                for (i, b) in blocks.iter().enumerate() {
                    self.block(b, i + 1 < blocks.len(), picture)?;
                }
            }
        }
        Ok(())
    }

    fn para(&mut self, style: &str, spans: &[Span], keep_next: bool) {
        let _ = write!(self.xml, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
        if keep_next {
            self.xml += "<w:keepNext/>";
        }
        self.xml += "</w:pPr>";
        for span in spans {
            self.xml += &run(span);
        }
        self.xml += "</w:p>";
    }

    fn list_item(&mut self, num: usize, spans: &[Span], keep_next: bool) {
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>{}<w:numPr><w:ilvl w:val=\"0\"/>\
             <w:numId w:val=\"{num}\"/></w:numPr></w:pPr>",
            if keep_next { "<w:keepNext/>" } else { "" }
        );
        for span in spans {
            self.xml += &run(span);
        }
        self.xml += "</w:p>";
    }

    /// The grade key: each letter on its grade's fill, then the grade's name.
    fn key(&mut self, cells: &[Cell]) {
        self.xml += "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:keepNext/></w:pPr>";
        for &cell in cells {
            let (fill, colour) = colours(cell);
            let _ = write!(
                self.xml,
                "<w:r><w:rPr><w:b/><w:color w:val=\"{colour}\"/><w:shd w:val=\"clear\" \
                 w:color=\"auto\" w:fill=\"{fill}\"/></w:rPr><w:t xml:space=\"preserve\"> {} \
                 </w:t></w:r><w:r><w:t xml:space=\"preserve\"> {}   </w:t></w:r>",
                xml(cell.short()),
                xml(cell.label())
            );
        }
        self.xml += "</w:p>";
    }

    fn table(&mut self, table: &Table, keep: bool) {
        // A table whose words cannot all fit across a portrait page (the grade matrix of
        // every cycle) gets a landscape page of its own rather than words broken apart.
        let landscape = widths_needed(table).iter().map(|c| c.1).sum::<u32>() > TEXT_WIDTH;
        if landscape {
            let _ = write!(self.xml, "<w:p><w:pPr>{}</w:pPr></w:p>", section(false));
        }
        let page = if landscape {
            LANDSCAPE_WIDTH
        } else {
            TEXT_WIDTH
        };
        let widths = column_widths(table, page);
        let total: u32 = widths.iter().sum();
        let _ = write!(
            self.xml,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{total}\" \
             w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" \
             w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" \
             w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        );
        for w in &widths {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.xml += "</w:tblGrid>";
        // The header row repeats at the top of each page the table runs onto.
        self.xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
        for (head, &w) in table.head.iter().zip(&widths) {
            self.cell(
                w,
                Some("F2F2F2"),
                None,
                &Span::with(Emphasis::Bold, head.clone()),
            );
        }
        self.xml += "</w:tr>";
        let last = table.rows.len().saturating_sub(1);
        for (i, row) in table.rows.iter().enumerate() {
            self.xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
            let keep_next = keep && i < last;
            for (cell, &w) in row.iter().zip(&widths) {
                self.table_cell(cell, w, keep_next);
            }
            self.xml += "</w:tr>";
        }
        self.xml += "</w:tbl>";
        // Word needs a paragraph between two tables, and after a table a little room; after
        // a landscape table, that paragraph ends its section.
        if landscape {
            let _ = write!(self.xml, "<w:p><w:pPr>{}</w:pPr></w:p>", section(true));
        } else {
            self.para("Normal", &[], false);
        }
    }

    fn table_cell(&mut self, cell: &TableCell, width: u32, keep_next: bool) {
        let keep = keep_next.then_some("<w:keepNext/>");
        match cell {
            TableCell::Text(t) => self.cell(width, None, keep, &Span::plain(t.clone())),
            TableCell::RowHead(t) => self.cell(
                width,
                Some("F2F2F2"),
                keep,
                &Span::with(Emphasis::Bold, t.clone()),
            ),
            TableCell::Number(t) => {
                let keep = format!("{}<w:jc w:val=\"right\"/>", keep.unwrap_or(""));
                self.cell(width, None, Some(&keep), &Span::plain(t.clone()));
            }
            TableCell::Grade { status, carried } => {
                self.grade_cell(width, *status, *carried, keep);
            }
        }
    }

    fn cell(&mut self, width: u32, fill: Option<&str>, ppr: Option<&str>, span: &Span) {
        let _ = write!(
            self.xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        );
        if let Some(fill) = fill {
            let _ = write!(
                self.xml,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
            );
        }
        let _ = write!(
            self.xml,
            "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>{}</w:pPr>{}</w:p></w:tc>",
            ppr.unwrap_or(""),
            run(span)
        );
    }

    /// A grade: its letter (starred when carried over) centred on its grade's fill, so
    /// colour is never the only sign of it.
    fn grade_cell(&mut self, width: u32, status: Status, carried: bool, keep: Option<&str>) {
        let text = super::doc::grade_text(status, carried);
        let Status::Cell(cell) = status else {
            self.cell(width, None, keep, &Span::plain(text));
            return;
        };
        let (fill, colour) = colours(cell);
        let _ = write!(
            self.xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" \
             w:color=\"auto\" w:fill=\"{fill}\"/></w:tcPr><w:p><w:pPr><w:pStyle \
             w:val=\"TableText\"/>{}<w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/>\
             <w:color w:val=\"{colour}\"/></w:rPr><w:t>{}</w:t></w:r></w:p></w:tc>",
            keep.unwrap_or(""),
            xml(&text)
        );
    }

    /// A chart's picture, the width of the text (or less, where it would be taller than
    /// a page allows), its text alternative as its alt text.
    fn picture(&mut self, png: &[u8], alt: &str) -> Result<(), DocxError> {
        let [w, h] = png_size(png).ok_or(DocxError::NotPng)?;
        self.media.push(png.to_vec());
        let n = self.media.len();
        let mut cx = u64::from(TEXT_WIDTH) * EMU_PER_TWIP;
        let mut cy = cx * u64::from(h) / u64::from(w.max(1));
        if cy > MAX_PICTURE_HEIGHT {
            cx = cx * MAX_PICTURE_HEIGHT / cy;
            cy = MAX_PICTURE_HEIGHT;
        }
        let alt = xml(alt);
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:keepNext/><w:jc w:val=\"center\"/>\
             </w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" \
             distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" \
             name=\"Chart {n}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks \
             noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData \
             uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
             <pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\" descr=\"{alt}\"/>\
             <pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdChart{n}\"/>\
             <a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off \
             x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom \
             prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>\
             </a:graphic></wp:inline></w:drawing></w:r></w:p>"
        );
        Ok(())
    }

    fn document_xml(&self) -> String {
        format!(
            "{XML_HEAD}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"{WP}\" \
             xmlns:a=\"{A}\" xmlns:pic=\"{PIC}\"><w:body>{}{}</w:body></w:document>",
            self.xml,
            section(false)
        )
    }

    fn rels_xml(&self) -> String {
        let mut x = format!(
            "{XML_HEAD}<Relationships xmlns=\"{PKG_RELS}\"><Relationship Id=\"rIdStyles\" \
             Type=\"{R}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdNumbering\" \
             Type=\"{R}/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rIdFooter\" \
             Type=\"{R}/footer\" Target=\"footer1.xml\"/>"
        );
        for n in 1..=self.media.len() {
            let _ = write!(
                x,
                "<Relationship Id=\"rIdChart{n}\" Type=\"{R}/image\" \
                 Target=\"media/chart{n}.png\"/>"
            );
        }
        x += "</Relationships>";
        x
    }

    /// A bulleted and a numbered list format, and one numbering per list.
    fn numbering_xml(&self) -> String {
        let level = |id: u32, format: &str, text: &str| {
            format!(
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType \
                 w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt \
                 w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                 <w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl>\
                 </w:abstractNum>"
            )
        };
        let mut x = format!(
            "{XML_HEAD}<w:numbering xmlns:w=\"{W}\">{}{}",
            level(0, "bullet", "\u{2022}"),
            level(1, "decimal", "%1.")
        );
        for (i, &ordered) in self.lists.iter().enumerate() {
            let _ = write!(
                x,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/><w:lvlOverride \
                 w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
                i + 1,
                u8::from(ordered)
            );
        }
        x += "</w:numbering>";
        x
    }
}

/// A run of text in its emphasis.
fn run(span: &Span) -> String {
    if span.text.is_empty() {
        return String::new();
    }
    let props = match span.emphasis {
        Emphasis::Plain => "",
        Emphasis::Italic => "<w:rPr><w:i/></w:rPr>",
        Emphasis::Bold => "<w:rPr><w:b/></w:rPr>",
        Emphasis::Address => "<w:rPr><w:color w:val=\"1F3864\"/></w:rPr>",
    };
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml(&span.text)
    )
}

/// A grade's fill and the text colour that reads on it, as Word writes colours.
fn colours(cell: Cell) -> (String, String) {
    let fill = style::grade_rgb(cell);
    let hex = |c: style::Rgb| style::hex(c).trim_start_matches('#').to_uppercase();
    (hex(fill), hex(style::text_on(fill)))
}

/// Each column's width: room for its longest text, shrunk together to fit the page.
/// Each column's width for its longest text, and for its longest word (which a column
/// never goes below, so a header wraps only between words: "2018/19", "SWROCU" whole).
fn widths_needed(table: &Table) -> Vec<(u32, u32)> {
    let text = |cell: &TableCell| match cell {
        TableCell::Text(t) | TableCell::RowHead(t) | TableCell::Number(t) => t.clone(),
        TableCell::Grade { status, carried } => super::doc::grade_text(*status, *carried),
    };
    // A bold character's width at 9 point (capitals wider), and the cell's margins.
    let glyphs = |t: &str| -> u32 {
        t.chars()
            .map(|c| if c.is_uppercase() { 165 } else { 120 })
            .sum()
    };
    let column = |i: usize| -> (u32, u32) {
        let texts: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(text)
            .chain(table.head.get(i).cloned())
            .collect();
        let widest = texts.iter().map(|t| glyphs(t)).max().unwrap_or(0);
        let word = texts
            .iter()
            // Words part at spaces only: "[note\u{a0}1]" stays whole.
            .flat_map(|t| t.split([' ', '\n']))
            .map(glyphs)
            .max()
            .unwrap_or(0);
        (widest.clamp(480, 4800) + 230, word.clamp(240, 4800) + 230)
    };
    (0..table.head.len()).map(column).collect()
}

/// Each column's width on a page `page` wide: room for its longest text, shrunk together to
/// fit, never below its longest word while the words fit.
fn column_widths(table: &Table, page: u32) -> Vec<u32> {
    let columns = widths_needed(table);
    let natural: u32 = columns.iter().map(|c| c.0).sum();
    if natural <= page {
        return columns.iter().map(|c| c.0).collect();
    }
    // Too wide for the page: every column keeps its longest word, and what is left of the
    // page is shared in proportion to what each needs beyond that.
    let floor: u32 = columns.iter().map(|c| c.1).sum();
    if floor > page {
        // Not even the words fit (a table of very many columns): shrink them all alike.
        return columns
            .iter()
            .map(|&(w, _)| (u64::from(w) * u64::from(page) / u64::from(natural)) as u32)
            .collect();
    }
    let spare = page - floor;
    let wanted: u32 = columns
        .iter()
        .map(|c| c.0.saturating_sub(c.1))
        .sum::<u32>()
        .max(1);
    columns
        .iter()
        .map(|&(w, min)| {
            min + (u64::from(w.saturating_sub(min)) * u64::from(spare) / u64::from(wanted)) as u32
        })
        .collect()
}

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> Option<[u32; 2]> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !png.starts_with(SIGNATURE) || png.get(12..16) != Some(b"IHDR") {
        return None;
    }
    let number = |at: usize| -> Option<u32> {
        let bytes: [u8; 4] = png.get(at..at + 4)?.try_into().ok()?;
        Some(u32::from_be_bytes(bytes))
    };
    Some([number(16)?, number(20)?])
}

fn core_xml(doc: &Document, author: &str) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/\
         2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/\
         XMLSchema-instance\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject>\
         <dc:creator>{}</dc:creator><dc:language>en-GB</dc:language>{}</cp:coreProperties>",
        xml(&doc.title),
        xml(&doc.meta),
        xml(author),
        created(&doc.date)
    )
}

/// The created date, where the document's date is one (`YYYY-MM-DD`).
fn created(date: &str) -> String {
    let is_date = date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if is_date {
        format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:created>")
    } else {
        String::new()
    }
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>PEEL Explorer</Application></Properties>";

/// Page numbers, centred: "Page 3 of 9".
const FOOTER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>\
<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>\
<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>\
<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>";

/// Word's own style names, so headings reach the navigation pane and "Normal" is Normal.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/>\
<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1A1A1A\"/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"CCCCCC\"/></w:pBdr><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"27\"/><w:szCs w:val=\"27\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:rPr><w:color w:val=\"444444\"/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"200\"/></w:pPr><w:rPr><w:color w:val=\"444444\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"720\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
<w:rPr><w:color w:val=\"555555\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>\
<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFBFBF\"/>\
</w:tblBorders></w:tblPr></w:style>\
</w:styles>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_size_reads_the_header_and_refuses_anything_else() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(1920u32.to_be_bytes());
        png.extend(1080u32.to_be_bytes());
        assert_eq!(png_size(&png), Some([1920, 1080]));
        assert_eq!(png_size(b"GIF89a"), None);
        assert_eq!(png_size(&png[..18]), None);
    }

    #[test]
    fn xml_text_is_escaped_and_keeps_only_what_xml_can_hold() {
        assert_eq!(
            xml("A & B <c> \"d\"\u{1}\u{FFFF}"),
            "A &amp; B &lt;c&gt; &quot;d&quot;"
        );
    }

    #[test]
    fn wide_tables_shrink_to_the_page() {
        let table = Table {
            head: (0..30).map(|i| format!("column {i}")).collect(),
            rows: vec![],
            matrix: false,
        };
        let widths = column_widths(&table, TEXT_WIDTH);
        assert!(widths.iter().sum::<u32>() <= TEXT_WIDTH);
        assert_eq!(widths.len(), 30);
    }

    #[test]
    fn a_shrunk_column_still_holds_its_longest_word() {
        // The grade matrix of every period: a long first column, then period headers and
        // ROCU names that must not wrap inside a word.
        let mut head = vec!["Force".to_string(), "Region".into(), "ROCU".into()];
        head.extend(["2014", "2015", "2016", "2017", "2018/19", "2021/22 [b]"].map(String::from));
        head.extend(["SOC inspections 2022-25", "2023-25", "Movement"].map(String::from));
        let long = "A very long text that would take the whole page on its own line, many words";
        let row = |rocu: &str| {
            let mut r = vec![
                TableCell::Text(long.into()),
                TableCell::Text("Yorkshire and the Humber".into()),
                TableCell::Text(rocu.into()),
            ];
            r.extend((0..7).map(|_| TableCell::Text("G".into())));
            r.push(TableCell::Text("Stable to 2018/19".into()));
            r
        };
        let table = Table {
            head,
            rows: vec![row("SWROCU"), row("NWROCU")],
            matrix: true,
        };
        // Its words do not fit across a portrait page: it is set on a landscape one.
        assert!(widths_needed(&table).iter().map(|c| c.1).sum::<u32>() > TEXT_WIDTH);
        let widths = column_widths(&table, LANDSCAPE_WIDTH);
        assert!(widths.iter().sum::<u32>() <= LANDSCAPE_WIDTH);
        let word = |chars: u32| chars * 120 + 230;
        assert!(widths[2] >= word(6), "ROCU names whole: {widths:?}");
        assert!(widths[7] >= word(7), "2018/19 whole: {widths:?}");
        assert!(widths[9] >= word(11), "'inspections' whole: {widths:?}");
    }
}
