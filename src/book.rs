//! The workbook as the page holds it. What the page shows at once (the file name, the format,
//! each sheet's name, size and converted columns, the as-of date) is at hand; the cells arrive
//! from the reading worker as bytes and are decoded the first time something needs them (the
//! table check, another sheet, a layout or encoding correction). For a large file this keeps
//! the decoding of every cell, and the memory it takes, off the page until then.

use attain_core::dates::{find_as_of, AsOf};
use attain_core::legacy::Conversion;
use attain_core::{Sheet, SourceFormat, Table, Workbook};
use serde::{Deserialize, Serialize};
use std::cell::{OnceCell, RefCell};

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

type Decode = Box<dyn FnOnce() -> Option<Workbook>>;

/// A workbook whose cells may still be bytes.
pub struct Book {
    info: BookInfo,
    cells: OnceCell<Workbook>,
    pending: RefCell<Option<Decode>>,
}

impl Book {
    /// A workbook already decoded (read on the page, or changed there).
    pub fn ready(workbook: Workbook, sheet: usize, table: Option<&Table>) -> Book {
        Book {
            info: BookInfo::of(&workbook, sheet, table),
            cells: OnceCell::from(workbook),
            pending: RefCell::new(None),
        }
    }

    /// A workbook whose cells `decode` gives when first needed.
    pub fn later(info: BookInfo, decode: impl FnOnce() -> Option<Workbook> + 'static) -> Book {
        Book {
            info,
            cells: OnceCell::new(),
            pending: RefCell::new(Some(Box::new(decode))),
        }
    }

    /// What is shown without the cells.
    pub fn info(&self) -> &BookInfo {
        &self.info
    }

    /// The file's name.
    pub fn file_name(&self) -> &str {
        &self.info.file_name
    }

    /// True once the cells have been decoded.
    pub fn decoded(&self) -> bool {
        self.cells.get().is_some()
    }

    /// The workbook with its cells, decoded now if they were not yet. Bytes that do not decode
    /// (they came from this app's own reader, so this is not expected) give the sheets empty.
    pub fn cells(&self) -> &Workbook {
        self.cells.get_or_init(|| {
            let decode = self.pending.borrow_mut().take();
            decode.and_then(|d| d()).unwrap_or_else(|| Workbook {
                file_name: self.info.file_name.clone(),
                format: self.info.format.clone(),
                sheets: self
                    .info
                    .sheets
                    .iter()
                    .map(|s| Sheet {
                        name: s.name.clone(),
                        hidden: s.hidden,
                        ..Sheet::default()
                    })
                    .collect(),
                legacy_hint: None,
            })
        })
    }

    /// The as-of date of a sheet read with a table: the reader's own finding while the cells
    /// are still bytes and it is the reader's sheet, else found now.
    pub fn as_of(&self, sheet: usize, table: &Table) -> Option<AsOf> {
        if !self.decoded() && sheet == self.info.first_sheet {
            return self.info.first_as_of.clone();
        }
        let workbook = self.cells();
        workbook
            .sheets
            .get(sheet)
            .and_then(|s| find_as_of(s, Some(table), &workbook.file_name))
    }
}

impl std::fmt::Debug for Book {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Book")
            .field("info", &self.info)
            .field("decoded", &self.decoded())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn the_cells_are_decoded_once_and_only_when_asked() {
        let wb = attain_core::read_workbook(
            attain_core::sample::FILE_NAME,
            attain_core::sample::CSV.as_bytes(),
        )
        .unwrap();
        let (sheet, table) = attain_core::table::best_table(&wb);
        let table = table.unwrap();
        let info = BookInfo::of(&wb, sheet, Some(&table));
        let calls = Rc::new(std::cell::Cell::new(0));
        let counted = calls.clone();
        let book = Book::later(info, move || {
            counted.set(counted.get() + 1);
            Some(wb)
        });
        assert_eq!(book.file_name(), attain_core::sample::FILE_NAME);
        assert_eq!(book.info().sheets[0].rows, 17);
        let as_of = book.as_of(sheet, &table);
        assert!(!book.decoded());
        assert_eq!(calls.get(), 0);
        assert_eq!(book.cells().sheets[0].rows.len(), 17);
        assert_eq!(book.cells().sheets[0].rows.len(), 17);
        assert_eq!(calls.get(), 1);
        // Found again from the cells, the date is the reader's.
        assert_eq!(book.as_of(sheet, &table), as_of);
    }

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

    #[test]
    fn bytes_that_do_not_decode_give_empty_sheets_not_a_panic() {
        let wb = attain_core::read_workbook("a.csv", b"Unit;Target\nA;1\n").unwrap();
        let book = Book::later(BookInfo::of(&wb, 0, None), || None);
        assert_eq!(book.cells().sheets.len(), 1);
        assert!(book.cells().sheets[0].rows.is_empty());
    }
}
