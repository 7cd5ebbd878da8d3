//! The results as an Excel workbook: a sheet of the same rows as the CSV export (the contract's
//! columns) with counts as numbers formatted `#,##0` and rates as fractions formatted `0.00%`,
//! a sheet of the warnings and one with the summary paragraph, in the UI language. Text that a
//! spreadsheet would run as a formula is neutralised, as in the CSV.
//!
//! In two steps: [`plan`] lays the workbook out (a [`Book`]: sheets, cells, formats), [`write`]
//! turns a plan into the file's bytes with rust_xlsxwriter. The app's reading module only plans;
//! the writer lives in a module of its own (`crates/attain-writer`), fetched on the first
//! export, so the first load does not carry it.

use super::csv::{neutralise, result_rows, HEADER};
use super::format::Lang;
use super::messages::warning;
use crate::analysis::trend::History;
use crate::analysis::Analysis;
use rust_xlsxwriter::{
    Format, FormatAlign, FormatBorder, FormatUnderline, Formula, Workbook, XlsxError,
};
use serde::{Deserialize, Serialize};

/// The Excel writer failed; worded by [`super::messages::export_failed`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    /// The writer's own words, for "chi tiết" / "details".
    pub detail: String,
}

/// A workbook laid out, ready to be written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    /// Its sheets, in order.
    pub sheets: Vec<PlanSheet>,
}

/// One sheet of a [`Book`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSheet {
    /// The tab's name.
    pub name: String,
    /// Column widths, in characters, from the first column.
    pub widths: Vec<f64>,
    /// The first row is a header: bold, and frozen on scrolling.
    pub header: bool,
    /// The style of each column's figures, from the first column (missing: plain).
    pub styles: Vec<Style>,
    /// The cells, row by row.
    pub rows: Vec<Vec<Value>>,
    /// The looks that cells name in `cell_looks` (the official layout's title block, headers,
    /// subtotal rows, borders); empty for a plain sheet.
    pub looks: Vec<Look>,
    /// Each cell's look, row by row: 0 takes its column's style, `k` is `looks[k - 1]`.
    pub cell_looks: Vec<Vec<u8>>,
    /// Merged ranges; the text is the first cell's.
    pub merges: Vec<Merge>,
    /// Row heights in points, where not the default.
    pub heights: Vec<(u32, f64)>,
    /// How it prints and scrolls, where not the default.
    pub page: Option<Page>,
}

/// How a cell looks, in a sheet laid out as an official report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Look {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
    /// Centred across the cell (else as Excel aligns its kind).
    pub center: bool,
    /// Wrapped, centred vertically.
    pub wrap: bool,
    /// A thin border on every side (the table's cells).
    pub border: bool,
    /// The number format.
    pub number: Style,
    /// The font and its size in points (Excel's default without one).
    pub font: Option<(String, f64)>,
}

/// A merged range, 0-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u16,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u16,
}

/// A sheet's printing and scrolling.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Landscape A4.
    pub landscape_a4: bool,
    /// Rows printed at the top of every page (0-based, inclusive).
    pub repeat_rows: Option<(u32, u32)>,
    /// Printed one page wide.
    pub fit_width: bool,
    /// The panes frozen above this row and left of this column.
    pub freeze: (u32, u16),
}

/// How a cell's value is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    /// As it is.
    #[default]
    Plain,
    /// A count: `#,##0`.
    Count,
    /// A rate as a fraction: `0.00%`.
    Percent,
    /// Text wrapped in its cell (the summary paragraph).
    Wrap,
}

/// A cell of a [`PlanSheet`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Nothing written.
    Empty,
    /// Text, already neutralised.
    Text(String),
    /// A number.
    Number(f64),
    /// A formula (without its `=`) and the value the engine worked out for it, written as
    /// its cached result (what a reader that does not calculate sees): none is an empty text.
    Formula(String, Option<f64>),
}

/// The workbook's bytes, or why the writer failed.
pub fn results_xlsx(
    analysis: &Analysis,
    summary: &str,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    write(&plan(analysis, summary, lang))
}

/// The results laid out as a workbook: results, warnings, summary.
pub fn plan(analysis: &Analysis, summary: &str, lang: Lang) -> Book {
    let (results, warnings_name, summary_name) = match lang {
        Lang::Vi => ("Kết quả", "Cảnh báo", "Tóm tắt"),
        Lang::En => ("Results", "Warnings", "Summary"),
    };
    let number = |v: Option<f64>| {
        v.filter(|v| v.is_finite())
            .map_or(Value::Empty, Value::Number)
    };
    // A report of several files names each unit's file in a last column, as the CSV does.
    let files = !analysis.files.is_empty();
    let mut header: Vec<Value> = HEADER.iter().map(|h| Value::Text(h.to_string())).collect();
    if files {
        header.push(Value::Text("file".into()));
    }
    let mut rows = vec![header];
    rows.extend(result_rows(analysis).into_iter().map(|r| {
        let mut row: Vec<Value> = [&r.level, &r.unit, &r.parent, &r.indicator]
            .iter()
            .map(|t| Value::Text(neutralise(t)))
            .collect();
        row.extend([r.achieved, r.target, r.rate, r.gap].map(number));
        if files {
            row.push(Value::Text(neutralise(&r.file)));
        }
        row
    }));
    use Style::{Count, Percent, Plain};
    let mut widths = vec![12.0, 28.0, 20.0, 24.0, 14.0, 14.0, 10.0, 14.0];
    let mut styles = vec![Plain, Plain, Plain, Plain, Count, Count, Percent, Count];
    if files {
        widths.push(32.0);
        styles.push(Plain);
    }
    let results = PlanSheet {
        name: results.into(),
        widths,
        header: true,
        styles,
        rows,
        ..PlanSheet::default()
    };
    let warnings = PlanSheet {
        name: warnings_name.into(),
        widths: vec![120.0],
        header: false,
        styles: vec![],
        rows: analysis
            .warnings
            .iter()
            .map(|w| vec![Value::Text(neutralise(&warning(lang, w)))])
            .collect(),
        ..PlanSheet::default()
    };
    let summary = PlanSheet {
        name: summary_name.into(),
        widths: vec![120.0],
        header: false,
        styles: vec![Style::Wrap],
        rows: vec![vec![Value::Text(neutralise(summary))]],
        ..PlanSheet::default()
    };
    Book {
        sheets: vec![results, warnings, summary],
    }
}

/// The results sheet's rows at every reporting date (with three dates or more): the
/// contract's first four columns, then each date's achieved and rate, oldest first.
pub fn by_date(analysis: &Analysis, history: &History, lang: Lang) -> PlanSheet {
    let name = match lang {
        Lang::Vi => "Theo ngày",
        Lang::En => "By date",
    };
    let mut header: Vec<Value> = HEADER[..4]
        .iter()
        .map(|h| Value::Text(h.to_string()))
        .collect();
    let mut widths = vec![12.0, 28.0, 20.0, 24.0];
    let mut styles = vec![Style::Plain; 4];
    for d in &history.dates {
        header.push(Value::Text(format!("achieved {}", d.iso())));
        header.push(Value::Text(format!("rate {}", d.iso())));
        widths.extend([14.0, 10.0]);
        styles.extend([Style::Count, Style::Percent]);
    }
    let mut rows = vec![header];
    for r in result_rows(analysis) {
        let points = match r.level.as_str() {
            "unit" => history.unit(&r.indicator, std::slice::from_ref(&r.parent), &r.unit),
            "total" => history.whole(&r.indicator),
            super::csv::NOT_REPORTED => continue,
            _ if r.parent.is_empty() => history.group(&r.indicator, std::slice::from_ref(&r.unit)),
            _ => history.group(&r.indicator, &[r.parent.clone(), r.unit.clone()]),
        };
        let mut row: Vec<Value> = [&r.level, &r.unit, &r.parent, &r.indicator]
            .iter()
            .map(|t| Value::Text(neutralise(t)))
            .collect();
        for k in 0..history.dates.len() {
            let p = points.and_then(|p| p.get(k)).copied().unwrap_or_default();
            let number = |v: Option<f64>| {
                v.filter(|v| v.is_finite())
                    .map_or(Value::Empty, Value::Number)
            };
            row.push(number(p.achieved));
            row.push(number(p.rate()));
        }
        rows.push(row);
    }
    PlanSheet {
        name: name.into(),
        widths,
        header: true,
        styles,
        rows,
        ..PlanSheet::default()
    }
}

/// A plan's bytes as an .xlsx file, or why the writer failed.
pub fn write(book: &Book) -> Result<Vec<u8>, ExportError> {
    build(book).map_err(|e| ExportError {
        detail: e.to_string(),
    })
}

fn format_of(style: Style) -> Option<Format> {
    match style {
        Style::Plain => None,
        Style::Count => Some(Format::new().set_num_format("#,##0")),
        Style::Percent => Some(Format::new().set_num_format("0.00%")),
        Style::Wrap => Some(Format::new().set_text_wrap()),
    }
}

fn format_of_look(look: &Look) -> Format {
    let mut f = format_of(look.number).unwrap_or_default();
    if look.bold {
        f = f.set_bold();
    }
    if look.italic {
        f = f.set_italic();
    }
    if look.underline {
        f = f.set_underline(FormatUnderline::Single);
    }
    if look.center {
        f = f.set_align(FormatAlign::Center);
    }
    if look.wrap {
        f = f.set_text_wrap().set_align(FormatAlign::VerticalCenter);
    }
    if look.border {
        f = f.set_border(FormatBorder::Thin);
    }
    if let Some((name, size)) = &look.font {
        f = f.set_font_name(name.as_str()).set_font_size(*size);
    }
    f
}

fn build(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        let formats: Vec<Option<Format>> = sheet.styles.iter().map(|s| format_of(*s)).collect();
        let looks: Vec<Format> = sheet.looks.iter().map(format_of_look).collect();
        for (i, cells) in sheet.rows.iter().enumerate() {
            let row = i as u32;
            let row_looks = sheet.cell_looks.get(i);
            for (c, value) in cells.iter().enumerate() {
                let col = c as u16;
                let look = row_looks
                    .and_then(|l| l.get(c))
                    .and_then(|k| (*k as usize).checked_sub(1))
                    .and_then(|k| looks.get(k));
                let format = match (look, sheet.header && i == 0, formats.get(c)) {
                    (Some(f), _, _) => Some(f),
                    (None, true, _) => Some(&bold),
                    (None, false, Some(Some(f))) => Some(f),
                    _ => None,
                };
                match (value, format) {
                    (Value::Empty, Some(f)) => {
                        ws.write_blank(row, col, f)?;
                    }
                    (Value::Empty, None) => {}
                    (Value::Text(t), Some(f)) => {
                        ws.write_string_with_format(row, col, t, f)?;
                    }
                    (Value::Text(t), None) => {
                        ws.write_string(row, col, t)?;
                    }
                    (Value::Number(n), Some(f)) => {
                        ws.write_number_with_format(row, col, *n, f)?;
                    }
                    (Value::Number(n), None) => {
                        ws.write_number(row, col, *n)?;
                    }
                    (Value::Formula(text, result), f) => {
                        let result = result
                            .filter(|v| v.is_finite())
                            .map(|v| v.to_string())
                            .unwrap_or_default();
                        let formula = Formula::new(format!("={text}")).set_result(result);
                        match f {
                            Some(f) => ws.write_formula_with_format(row, col, formula, f)?,
                            None => ws.write_formula(row, col, formula)?,
                        };
                    }
                }
            }
        }
        for m in &sheet.merges {
            let text = match sheet
                .rows
                .get(m.first_row as usize)
                .and_then(|r| r.get(m.first_col as usize))
            {
                Some(Value::Text(t)) => t.as_str(),
                _ => "",
            };
            let k = sheet
                .cell_looks
                .get(m.first_row as usize)
                .and_then(|l| l.get(m.first_col as usize))
                .and_then(|k| (*k as usize).checked_sub(1));
            let format = k.and_then(|k| looks.get(k)).cloned().unwrap_or_default();
            ws.merge_range(
                m.first_row,
                m.first_col,
                m.last_row,
                m.last_col,
                text,
                &format,
            )?;
        }
        for (row, height) in &sheet.heights {
            ws.set_row_height(*row, *height)?;
        }
        match &sheet.page {
            Some(page) => {
                if page.landscape_a4 {
                    ws.set_landscape();
                    ws.set_paper_size(9);
                    ws.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
                    ws.set_print_center_horizontally(true);
                }
                if let Some((first, last)) = page.repeat_rows {
                    ws.set_repeat_rows(first, last)?;
                }
                if page.fit_width {
                    ws.set_print_fit_to_pages(1, 0);
                }
                if page.freeze != (0, 0) {
                    ws.set_freeze_panes(page.freeze.0, page.freeze.1)?;
                }
            }
            None if sheet.header => {
                ws.set_freeze_panes(1, 0)?;
            }
            None => {}
        }
        for (c, width) in sheet.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *width)?;
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, guess_mapping};
    use crate::model::CellRef;
    use crate::{read_workbook, sample, Table};

    /// Written, then read back by the engine's own reader: the same rows and figures.
    #[test]
    fn the_workbook_reads_back() {
        let wb = read_workbook(sample::FILE_NAME, sample::CSV.as_bytes()).unwrap();
        let t = Table::from_sheet(&wb.sheets[0]).unwrap();
        let a = analyze(&t, &guess_mapping(&t).unwrap()).unwrap();
        let bytes = results_xlsx(&a, "=cmd", Lang::Vi).unwrap();
        let back = read_workbook("attain-results.xlsx", &bytes).unwrap();
        let names: Vec<&str> = back.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Kết quả", "Cảnh báo", "Tóm tắt"]);
        let sheet = &back.sheets[0];
        assert_eq!(sheet.row_count(), 1 + 2 * (9 + 1));
        assert_eq!(sheet.cell(0, 0), CellRef::Text("level"));
        let total = sheet.row(10);
        assert_eq!(total.get(0), CellRef::Text("total"));
        assert_eq!(total.get(4), CellRef::Number(822_139.0));
        assert_eq!(total.get(6), CellRef::Number(822_139.0 / 930_767.0));
        // A formula-like text stays text, neutralised.
        assert_eq!(back.sheets[2].cell(0, 0), CellRef::Text("'=cmd"));
    }
}
