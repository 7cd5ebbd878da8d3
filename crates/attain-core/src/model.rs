//! The nouns everything else shares: a workbook of sheets of cells, as read from a file.

use serde::{Deserialize, Serialize};

/// One cell as it stood in the source file, before any column-level interpretation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text, NFC-normalised. Numbers typed as text stay text here; the table decides per column.
    /// Kept inline up to 24 bytes (most cells: numbers, names): no allocation for them.
    Text(compact_str::CompactString),
    /// A number stored as a number (Excel's numeric cells).
    Number(f64),
    /// A true/false cell.
    Bool(bool),
    /// A date or time, as the workbook's serial number or ISO text.
    Date(Box<str>),
    /// A spreadsheet error such as `#DIV/0!` or `#N/A`.
    Error(Box<str>),
}

// A cell is the size of its inline text (three words; 16 bytes on wasm32, where a number's
// alignment decides): the two rare texts of their own are boxed so that their pointer and
// length sit before the byte the inline text marks its variant with. A million rows of eight
// columns take 64 MB less than with a word more per cell.
const _: () = assert!(
    std::mem::size_of::<Cell>()
        <= if 3 * std::mem::size_of::<usize>() > 16 {
            3 * std::mem::size_of::<usize>()
        } else {
            16
        }
);

impl Cell {
    /// True when the cell holds nothing, or only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it, for headers and labels.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => crate::num::plain_number(*n),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Error(e) => e.to_string(),
        }
    }
}

/// A merged region of cells, 0-based and inclusive; its value sits in the top-left cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    /// First row (0-based).
    pub first_row: usize,
    /// First column (0-based).
    pub first_col: usize,
    /// Last row (0-based, inclusive).
    pub last_row: usize,
    /// Last column (0-based, inclusive).
    pub last_col: usize,
}

impl Merge {
    /// True when the region covers the cell.
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// One sheet: its rows as in the source, `rows[i]` being the sheet's row `i + 1`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name in the workbook (the file name for CSV).
    pub name: String,
    /// Hidden in the workbook.
    pub hidden: bool,
    /// The cells, row by row. Rows may have different lengths.
    pub rows: Vec<Vec<Cell>>,
    /// Merged regions, where the format records them (xlsx, xls).
    pub merges: Vec<Merge>,
    /// Columns converted from a legacy font encoding (TCVN3, VNI), with their original text.
    pub legacy: Vec<Conversion>,
}

impl Sheet {
    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// True when no cell holds anything.
    pub fn is_blank(&self) -> bool {
        self.rows.iter().all(|r| r.iter().all(Cell::is_blank))
    }

    /// The cell at a position, `Empty` outside the stored cells.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// The value a reader sees at a position: a merged region's value shows in all its cells.
    pub fn shown(&self, row: usize, col: usize) -> &Cell {
        match self.merges.iter().find(|m| m.contains(row, col)) {
            Some(m) => self.cell(m.first_row, m.first_col),
            None => self.cell(row, col),
        }
    }

    /// The number of non-empty cells.
    pub fn filled_cells(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().filter(|c| !c.is_blank()).count())
            .sum()
    }
}

/// How the file was stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceFormat {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// Excel 97–2003 workbook (.xls).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// Delimited text (.csv, .tsv, .txt).
    Text {
        /// The text encoding the bytes were decoded from, e.g. "UTF-8" or "windows-1258".
        encoding: String,
        /// The field separator.
        delimiter: char,
    },
}

/// A file as read: its name, its format and its sheets in workbook order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    /// The file's name as the user gave it.
    pub file_name: String,
    /// How the bytes were stored.
    pub format: SourceFormat,
    /// The sheets, in workbook order. Never empty.
    pub sheets: Vec<Sheet>,
    /// The legacy encoding the workbook's fonts name (".VnTime" → TCVN3), or that a text
    /// file's words read as on the whole, if any.
    pub legacy_hint: Option<Legacy>,
}

impl Workbook {
    /// The index of the first visible sheet that holds anything, else 0.
    pub fn first_sheet_with_data(&self) -> usize {
        self.sheets
            .iter()
            .position(|s| !s.hidden && !s.is_blank())
            .or_else(|| self.sheets.iter().position(|s| !s.is_blank()))
            .unwrap_or(0)
    }
}

/// A legacy encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3 ("ABC"), the .Vn… fonts.
    Tcvn3,
    /// VNI Windows, the VNI-… fonts.
    Vni,
}

impl Legacy {
    /// The name users know it by.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI",
        }
    }
}

/// A column of a sheet converted from a legacy encoding, with what it held before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conversion {
    /// The column (0 = A).
    pub column: usize,
    /// The encoding converted from.
    pub encoding: Legacy,
    /// How many cells changed.
    pub cells: usize,
    /// The user forced it.
    pub forced: bool,
    /// A few cells before and after.
    pub samples: Vec<(String, String)>,
    /// Every changed cell's row and original text, to undo or redo the conversion.
    pub originals: Vec<(usize, String)>,
}
