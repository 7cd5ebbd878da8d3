//! The workbook as the page knows it: the file name, the format, each sheet's name, size and
//! converted columns, the as-of date. Its cells stay in the worker ([`crate::host`]).

use attain_core::dates::{find_as_of, AsOf};
use attain_core::legacy::Conversion;
use attain_core::{Sheet, SourceFormat, Table, Workbook};
use serde::{Deserialize, Serialize};

/// What the page shows of a workbook without its cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookInfo {
    pub file_name: String,
    pub format: SourceFormat,
    pub sheets: Vec<SheetInfo>,
    /// The sheet the reader chose, and the as-of date it found there.
    pub first_sheet: usize,
    pub first_as_of: Option<AsOf>,
}

/// A sheet without its cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
    pub rows: usize,
    pub width: usize,
    /// Columns converted from a legacy font encoding (without the original texts, which stay
    /// with the cells to undo or redo a conversion).
    pub legacy: Vec<Conversion>,
    /// Columns holding text beyond ASCII: those a legacy conversion could apply to.
    pub non_ascii: Vec<usize>,
}

impl BookInfo {
    /// The summary of a workbook, with the as-of date found on the chosen sheet.
    pub fn of(workbook: &Workbook, sheet: usize, table: Option<&Table>) -> BookInfo {
        BookInfo {
            file_name: workbook.file_name.clone(),
            format: workbook.format.clone(),
            sheets: workbook
                .sheets
                .iter()
                .map(|s| SheetInfo {
                    name: s.name.clone(),
                    hidden: s.hidden,
                    rows: s.rows.len(),
                    width: s.width(),
                    legacy: s
                        .legacy
                        .iter()
                        .map(|c| Conversion {
                            originals: Vec::new(),
                            samples: c.samples.clone(),
                            ..*c
                        })
                        .collect(),
                    non_ascii: non_ascii_columns(s),
                })
                .collect(),
            first_sheet: sheet,
            first_as_of: workbook
                .sheets
                .get(sheet)
                .and_then(|s| find_as_of(s, table, &workbook.file_name)),
        }
    }
}

/// The columns of a sheet with text beyond ASCII, in one pass over its rows.
fn non_ascii_columns(sheet: &Sheet) -> Vec<usize> {
    let mut found = vec![false; sheet.width()];
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            if let attain_core::Cell::Text(t) = cell {
                found[c] |= !t.is_ascii();
            }
        }
    }
    (0..found.len()).filter(|c| found[*c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_columns_with_text_beyond_ascii() {
        let wb = attain_core::read_workbook(
            "a.csv",
            "Đơn vị;Code;Chỉ tiêu\nBến Tre;BT;1\nBa Tri;BA;2\n".as_bytes(),
        )
        .unwrap();
        let info = BookInfo::of(&wb, 0, None);
        assert_eq!(info.sheets[0].non_ascii, vec![0, 2]);
        assert_eq!(info.sheets[0].width, 3);
    }
}
