//! The report as a Word document in the layout of Decree 30/2020 on official documents: Times
//! New Roman, the agency and the national motto side by side, the place and date, the title
//! and the as-of line, the summary paragraph, the official results table
//! ([`super::official::table`]), the main chart as a picture, who has not reported, and the
//! signature block with "Nơi nhận".
//!
//! In two steps like the Excel export: the session lays the document out as a [`Document`]
//! (what it replies), [`write`] makes the file with docx-rs (natively in the command line; in
//! the browser only in the export module).

use super::format::Lang;
use super::official::{heading, words, Letterhead, LineKind, OfficialTable};
use super::xlsx::ExportError;
use crate::dates::Date;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, PageOrientationType, Paragraph, Pic, Run,
    RunFonts, Table, TableCell, TableRow, VMergeType, WidthType,
};
use serde::{Deserialize, Serialize};

/// A picture of a chart, as the page drew it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// PNG bytes.
    pub png: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// A Word report laid out, ready to be written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The agency, title, place and signers.
    pub letterhead: Letterhead,
    /// The report's as-of date.
    pub as_of: Option<Date>,
    /// The day it is written.
    pub dated: Option<Date>,
    /// Its language.
    pub lang: Lang,
    /// The summary paragraph.
    pub summary: String,
    /// The results in the official order.
    pub table: OfficialTable,
    /// The main chart, when the page drew one.
    pub picture: Option<Picture>,
}

const FONT: &str = "Times New Roman";
/// Sizes in half-points: text 14 pt, the table 11 pt.
const TEXT: usize = 28;
const SMALL: usize = 22;

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size)
}

fn centered(runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new().align(AlignmentType::Center), |p, r| {
            p.add_run(r)
        })
}

fn tight(p: Paragraph) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(0).after(0))
}

fn cell(paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p))
}

/// The document's bytes, or why the writer failed.
pub fn write(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let w = words(lang);
    let head = heading(&doc.letterhead, doc.as_of, doc.dated, lang);
    let n = doc.table.indicators.len();
    // Two indicators side by side need the width of a landscape page; more than two get a
    // table each (their sixteen figure columns would not fit a page's width).
    let landscape = n == 2;
    let tables: Vec<std::ops::Range<usize>> = if n <= 2 {
        std::iter::once(0..n).collect()
    } else {
        (0..n).map(|i| i..i + 1).collect()
    };
    let (page_w, page_h) = if landscape {
        (16_838, 11_906)
    } else {
        (11_906, 16_838)
    };
    // Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (in twentieths of a
    // point: 20 mm = 1134).
    let margin = PageMargin::new()
        .top(1134)
        .bottom(1134)
        .left(1701)
        .right(1134);
    let text_width = page_w - 1701 - 1134;
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT);
    let mut docx = Docx::new()
        .page_size(page_w, page_h)
        .page_margin(margin)
        .default_fonts(fonts)
        .default_size(TEXT);
    if landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    // The agency on the left, the motto on the right, without borders.
    let left = cell(vec![
        tight(centered(vec![run(&head.agency_above, 26)])),
        tight(centered(vec![run(&head.agency, 26).bold()])),
    ]);
    let right = cell(vec![
        tight(centered(vec![run(w.motto, 24).bold()])),
        tight(centered(vec![run(w.motto_below, TEXT)
            .bold()
            .underline("single")])),
        tight(centered(vec![run(&head.place_date, TEXT).italic()])),
    ]);
    let third = text_width as usize * 3 / 8;
    docx = docx.add_table(
        Table::without_borders(vec![TableRow::new(vec![left, right])])
            .set_grid(vec![third, text_width as usize - third]),
    );
    docx = docx
        .add_paragraph(Paragraph::new())
        .add_paragraph(tight(centered(vec![run(&head.title, TEXT).bold()])));
    if !head.as_of.is_empty() {
        docx = docx.add_paragraph(tight(centered(vec![run(&head.as_of, TEXT).italic()])));
    }
    docx = docx.add_paragraph(Paragraph::new());
    if !doc.summary.is_empty() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Both)
                .indent(
                    None,
                    Some(docx_rs::SpecialIndentType::FirstLine(567)),
                    None,
                    None,
                )
                .add_run(run(&doc.summary, TEXT)),
        );
    }
    for (k, shown) in tables.into_iter().enumerate() {
        if k > 0 {
            docx = docx.add_paragraph(Paragraph::new());
        }
        docx = docx.add_table(results_table(&doc.table, shown, lang, text_width as usize));
    }
    if !doc.table.unreported.is_empty() {
        let text = super::messages::unreported(lang, &doc.table.unreported, 50);
        docx = docx.add_paragraph(Paragraph::new().add_run(run(&text, TEXT).italic()));
    }
    if let Some(pic) = &doc.picture {
        // Scaled to the text's width, at most its own size (EMU: 635 per twip, 9525 per pixel).
        let max_w = text_width as u64 * 635;
        let own_w = pic.width as u64 * 9525;
        let width = own_w.min(max_w).max(1);
        let height = (pic.height as u64 * 9525 * width / own_w.max(1)).max(1);
        let image = Pic::new_with_dimensions(pic.png.clone(), pic.width, pic.height)
            .size(width as u32, height as u32);
        docx = docx
            .add_paragraph(Paragraph::new())
            .add_paragraph(centered(vec![Run::new().add_image(image)]));
    }
    // Where it goes on the left; the signer on the right.
    let (to, to_lines) = match lang {
        Lang::Vi => ("Nơi nhận:", ["- Như trên;", "- Lưu: VT."]),
        Lang::En => ("To:", ["- As above;", "- Archive."]),
    };
    let signer_title = match doc.letterhead.signer_title.trim() {
        "" => w.signer_title.to_string(),
        t => t.to_uppercase(),
    };
    let mut left = vec![tight(
        Paragraph::new().add_run(run(to, SMALL).bold().italic()),
    )];
    left.extend(
        to_lines
            .iter()
            .map(|l| tight(Paragraph::new().add_run(run(l, 22)))),
    );
    let mut right = vec![
        tight(centered(vec![run(&signer_title, TEXT).bold()])),
        tight(centered(vec![run(w.sign_here, TEXT).italic()])),
    ];
    right.extend((0..4).map(|_| Paragraph::new()));
    right.push(tight(centered(vec![run(
        doc.letterhead.signer.trim(),
        TEXT,
    )
    .bold()])));
    docx = docx.add_paragraph(Paragraph::new()).add_table(
        Table::without_borders(vec![TableRow::new(vec![cell(left), cell(right)])])
            .set_grid(vec![text_width as usize / 2, text_width as usize / 2]),
    );
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| ExportError {
        detail: e.to_string(),
    })?;
    Ok(out.into_inner())
}

/// The official table of the indicators in `shown`: STT and the unit over two header rows,
/// each indicator over its four columns, the column numbers, the total first, subtotals bold.
fn results_table(
    table: &OfficialTable,
    shown: std::ops::Range<usize>,
    lang: Lang,
    width: usize,
) -> Table {
    let w = words(lang);
    let n = shown.len();
    let para = |text: &str, bold: bool, align: AlignmentType| {
        let r = run(text, SMALL);
        tight(
            Paragraph::new()
                .align(align)
                .add_run(if bold { r.bold() } else { r }),
        )
    };
    let c = |text: &str, bold: bool, align: AlignmentType| cell(vec![para(text, bold, align)]);
    let mut head1 = vec![
        c(w.stt, true, AlignmentType::Center).vertical_merge(VMergeType::Restart),
        c(w.unit, true, AlignmentType::Center).vertical_merge(VMergeType::Restart),
    ];
    let mut head2 = vec![
        c("", true, AlignmentType::Center).vertical_merge(VMergeType::Continue),
        c("", true, AlignmentType::Center).vertical_merge(VMergeType::Continue),
    ];
    for name in &table.indicators[shown.clone()] {
        head1.push(c(name, true, AlignmentType::Center).grid_span(4));
        for col in w.columns {
            head2.push(c(col, true, AlignmentType::Center));
        }
    }
    let numbers: Vec<TableCell> = (0..2 + 4 * n)
        .map(|k| c(&format!("({})", k + 1), false, AlignmentType::Center))
        .collect();
    let mut rows = vec![
        TableRow::new(head1),
        TableRow::new(head2),
        TableRow::new(numbers),
    ];
    for line in &table.lines {
        let bold = line.kind != LineKind::Unit;
        let name = match line.kind {
            LineKind::Total => w.total,
            _ => line.name.as_str(),
        };
        let mut cells = vec![
            c(&line.stt, bold, AlignmentType::Center),
            c(name, bold, AlignmentType::Left),
        ];
        for i in shown.clone() {
            for text in line.shown(i, lang) {
                cells.push(c(&text, bold, AlignmentType::Right));
            }
        }
        rows.push(TableRow::new(cells));
    }
    // STT narrow, the unit wide, the figures share the rest.
    let stt = (width / 18).max(680);
    let unit = width / 5;
    let rest = width.saturating_sub(stt + unit) / (4 * n.max(1));
    let mut grid = vec![stt, unit];
    grid.extend(std::iter::repeat_n(rest, 4 * n));
    Table::new(rows).set_grid(grid).width(width, WidthType::Dxa)
}
