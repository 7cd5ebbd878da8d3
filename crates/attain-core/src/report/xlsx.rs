//! The results as an Excel workbook: a sheet of the same rows as the CSV export (the contract's
//! columns) with counts as numbers formatted `#,##0` and rates as fractions formatted `0.00%`,
//! a sheet of the warnings and one with the summary paragraph, in the UI language. Text that a
//! spreadsheet would run as a formula is neutralised, as in the CSV.

use super::csv::{neutralise, result_rows, HEADER};
use super::format::Lang;
use super::messages::warning;
use crate::analysis::Analysis;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The Excel writer failed; worded by [`super::messages::export_failed`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    /// The writer's own words, for "chi tiết" / "details".
    pub detail: String,
}

/// The workbook's bytes, or why the writer failed.
pub fn results_xlsx(
    analysis: &Analysis,
    summary: &str,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    build(analysis, summary, lang).map_err(|e| ExportError {
        detail: e.to_string(),
    })
}

fn build(analysis: &Analysis, summary: &str, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let (results, warnings_name, summary_name) = match lang {
        Lang::Vi => ("Kết quả", "Cảnh báo", "Tóm tắt"),
        Lang::En => ("Results", "Warnings", "Summary"),
    };
    let bold = Format::new().set_bold();
    let count = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.00%");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(results)?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in result_rows(analysis).iter().enumerate() {
        let row = (i + 1) as u32;
        for (c, text) in [&r.level, &r.unit, &r.parent, &r.indicator]
            .iter()
            .enumerate()
        {
            ws.write_string(row, c as u16, neutralise(text))?;
        }
        for (c, value, format) in [
            (4u16, r.achieved, &count),
            (5, r.target, &count),
            (6, r.rate, &percent),
            (7, r.gap, &count),
        ] {
            if let Some(v) = value.filter(|v| v.is_finite()) {
                ws.write_number_with_format(row, c, v, format)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, width) in [
        (0u16, 12.0),
        (1, 28.0),
        (2, 20.0),
        (3, 24.0),
        (4, 14.0),
        (5, 14.0),
        (6, 10.0),
        (7, 14.0),
    ] {
        ws.set_column_width(c, width)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(warnings_name)?;
    ws.set_column_width(0, 120.0)?;
    for (i, w) in analysis.warnings.iter().enumerate() {
        ws.write_string(i as u32, 0, neutralise(&warning(lang, w)))?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(summary_name)?;
    ws.set_column_width(0, 120.0)?;
    ws.write_string_with_format(0, 0, neutralise(summary), &Format::new().set_text_wrap())?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, guess_mapping};
    use crate::model::Cell;
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
        let rows = &back.sheets[0].rows;
        assert_eq!(rows.len(), 1 + 2 * (9 + 1));
        assert_eq!(rows[0][0], Cell::Text("level".into()));
        let total = &rows[10];
        assert_eq!(total[0], Cell::Text("total".into()));
        assert_eq!(total[4], Cell::Number(822_139.0));
        assert_eq!(total[6], Cell::Number(822_139.0 / 930_767.0));
        // A formula-like text stays text, neutralised.
        assert_eq!(back.sheets[2].rows[0][0], Cell::Text("'=cmd".into()));
    }
}
