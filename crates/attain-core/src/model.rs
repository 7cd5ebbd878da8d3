//! The nouns everything else shares: a workbook of sheets of cells, as read from a file.

use serde::{Deserialize, Serialize};

/// One cell as it stood in the source file, before any column-level interpretation: what a
/// sheet is built from in code, and a copy of one of its cells ([`CellRef::to_cell`]). A sheet
/// keeps its cells in a [`Grid`], not as these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text, NFC-normalised. Numbers typed as text stay text here; the table decides per column.
    Text(String),
    /// A number stored as a number (Excel's numeric cells).
    Number(f64),
    /// A true/false cell.
    Bool(bool),
    /// A date or time, as the workbook's serial number or ISO text.
    Date(String),
    /// A spreadsheet error such as `#DIV/0!` or `#N/A`.
    Error(String),
}

impl Cell {
    /// True when the cell holds nothing, or only white space.
    pub fn is_blank(&self) -> bool {
        self.as_ref().is_blank()
    }

    /// The cell as the user would read it, for headers and labels.
    pub fn display(&self) -> String {
        self.as_ref().display()
    }
}

/// True for a text of white space only: a text that starts with a visible ASCII character
/// (most do) is told apart at its first byte.
fn blank_text(t: &str) -> bool {
    match t.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        _ => t.trim().is_empty(),
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

/// One sheet: its cells as in the source, row `i` being the sheet's row `i + 1`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name in the workbook (the file name for CSV).
    pub name: String,
    /// Hidden in the workbook.
    pub hidden: bool,
    /// The cells, row by row. Rows may have different lengths.
    pub cells: Grid,
    /// Merged regions, where the format records them (xlsx, xls).
    pub merges: Vec<Merge>,
    /// Columns converted from a legacy font encoding (TCVN3, VNI), with their original text.
    pub legacy: Vec<Conversion>,
}

impl Sheet {
    /// A sheet of rows of cells (tests, and small sheets made in code).
    pub fn from_rows(name: &str, rows: &[Vec<Cell>]) -> Sheet {
        Sheet {
            name: name.to_string(),
            cells: Grid::from_rows(rows).unwrap_or_default(),
            ..Default::default()
        }
    }

    /// The number of rows, up to the last one with a cell.
    pub fn row_count(&self) -> usize {
        self.cells.row_ends.len()
    }

    /// Row `i` (0-based; empty outside the sheet).
    pub fn row(&self, i: usize) -> RowRef<'_> {
        RowRef {
            grid: &self.cells,
            slots: self.cells.row_slots(i),
        }
    }

    /// The rows, top to bottom.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = RowRef<'_>> + '_ {
        (0..self.row_count()).map(|i| self.row(i))
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        let mut before = 0u32;
        let mut widest = 0u32;
        for end in &self.cells.row_ends {
            widest = widest.max(end - before);
            before = *end;
        }
        widest as usize
    }

    /// True when no cell holds anything.
    pub fn is_blank(&self) -> bool {
        self.cells.slots.iter().all(|s| *s == EMPTY)
    }

    /// The cell at a position, `Empty` outside the stored cells.
    pub fn cell(&self, row: usize, col: usize) -> CellRef<'_> {
        self.row(row).get(col)
    }

    /// The value a reader sees at a position: a merged region's value shows in all its cells.
    pub fn shown(&self, row: usize, col: usize) -> CellRef<'_> {
        match self.merges.iter().find(|m| m.contains(row, col)) {
            Some(m) => self.cell(m.first_row, m.first_col),
            None => self.cell(row, col),
        }
    }

    /// The number of non-empty cells.
    pub fn filled_cells(&self) -> usize {
        self.cells.slots.iter().filter(|s| **s != EMPTY).count()
    }

    /// Writes a text into a cell that holds text (a legacy conversion, or undoing one); false
    /// when the cell holds none.
    pub fn set_text(&mut self, row: usize, col: usize, text: &str) -> bool {
        let Some(range) = self.cells.row_range(row) else {
            return false;
        };
        let at = range.start + col;
        if at >= range.end || slot_text(self.cells.slots[at]).is_none() {
            return false;
        }
        match self.cells.push_text(text) {
            Ok(id) => {
                self.cells.slots[at] = ((id as u32) << KIND_BITS) | TEXT;
                true
            }
            Err(GridFull::TooMuch) => false,
        }
    }
}

/// A cell of a sheet as the sheet's grid holds it: borrowed, no copy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRef<'a> {
    /// Nothing in the cell.
    Empty,
    /// Text, NFC-normalised (numbers typed as text stay text; the table decides per column).
    Text(&'a str),
    /// A number stored as a number.
    Number(f64),
    /// A true/false cell.
    Bool(bool),
    /// A date or time, as the workbook's serial number or ISO text.
    Date(&'a str),
    /// A spreadsheet error such as `#DIV/0!`.
    Error(&'a str),
}

impl<'a> CellRef<'a> {
    /// True when the cell holds nothing, or only white space.
    pub fn is_blank(self) -> bool {
        match self {
            CellRef::Empty => true,
            CellRef::Text(t) => blank_text(t),
            _ => false,
        }
    }

    /// The cell as the user would read it, for headers and labels.
    pub fn display(self) -> String {
        match self {
            CellRef::Empty => String::new(),
            CellRef::Text(t) => t.trim().to_string(),
            CellRef::Number(n) => crate::num::plain_number(n),
            CellRef::Bool(b) => b.to_string(),
            CellRef::Date(d) | CellRef::Error(d) => d.to_string(),
        }
    }

    /// The text, when the cell is text.
    pub fn text(self) -> Option<&'a str> {
        match self {
            CellRef::Text(t) => Some(t),
            _ => None,
        }
    }

    /// An owned copy.
    pub fn to_cell(self) -> Cell {
        match self {
            CellRef::Empty => Cell::Empty,
            CellRef::Text(t) => Cell::Text(t.into()),
            CellRef::Number(n) => Cell::Number(n),
            CellRef::Bool(b) => Cell::Bool(b),
            CellRef::Date(d) => Cell::Date(d.into()),
            CellRef::Error(e) => Cell::Error(e.into()),
        }
    }
}

impl Cell {
    /// The cell borrowed, as a sheet hands its cells out.
    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Empty => CellRef::Empty,
            Cell::Text(t) => CellRef::Text(t),
            Cell::Number(n) => CellRef::Number(*n),
            Cell::Bool(b) => CellRef::Bool(*b),
            Cell::Date(d) => CellRef::Date(d),
            Cell::Error(e) => CellRef::Error(e),
        }
    }
}

// A slot of the grid: a kind in its low bits, an index (into the numbers or the texts) above.
const KIND_BITS: u32 = 3;
const EMPTY: u32 = 0;
const TEXT: u32 = 1;
const NUMBER: u32 = 2;
const FALSE: u32 = 3;
const TRUE: u32 = 4;
const DATE: u32 = 5;
const ERROR: u32 = 6;
/// The most texts or numbers a sheet's slots can index.
const MAX_INDEX: usize = (u32::MAX >> KIND_BITS) as usize;

/// What a slot holds (`EMPTY`, `TEXT`, …).
fn slot_kind(slot: u32) -> u32 {
    slot & ((1 << KIND_BITS) - 1)
}

/// The number of a text slot's text.
fn slot_text(slot: u32) -> Option<u32> {
    (slot_kind(slot) == TEXT).then_some(slot >> KIND_BITS)
}

/// A sheet's cells: one slot of 4 bytes per cell, row after row, each row up to its last
/// filled cell; the numbers in one vector; the texts in one arena with their end offsets, the
/// row above's text and each repeated text of a column stored once (a column whose texts
/// hardly repeat is stored as it comes, in reading order). No allocation per cell: the peer
/// benchmark's million rows of eight columns take 91 MB instead of 216 as one object per cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// Where each row's slots end.
    row_ends: Vec<u32>,
    slots: Vec<u32>,
    numbers: Vec<f64>,
    arena: String,
    /// Where each text ends in the arena.
    text_ends: Vec<u32>,
}

impl Grid {
    /// The number of texts stored (a repeated text counts once).
    pub fn texts(&self) -> usize {
        self.text_ends.len()
    }

    fn text(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.text_ends[id - 1] as usize
        };
        let end = self.text_ends.get(id).map_or(start, |e| *e as usize);
        self.arena.get(start..end).unwrap_or("")
    }

    fn cell_of(&self, slot: u32) -> CellRef<'_> {
        let i = (slot >> KIND_BITS) as usize;
        match slot_kind(slot) {
            TEXT => CellRef::Text(self.text(i)),
            NUMBER => CellRef::Number(self.numbers.get(i).copied().unwrap_or(0.0)),
            FALSE => CellRef::Bool(false),
            TRUE => CellRef::Bool(true),
            DATE => CellRef::Date(self.text(i)),
            ERROR => CellRef::Error(self.text(i)),
            _ => CellRef::Empty,
        }
    }

    /// Appends a text to the arena; its number.
    fn push_text(&mut self, t: &str) -> Result<usize, GridFull> {
        if self.arena.len() + t.len() > u32::MAX as usize || self.text_ends.len() > MAX_INDEX {
            return Err(GridFull::TooMuch);
        }
        self.arena.push_str(t);
        self.text_ends.push(self.arena.len() as u32);
        Ok(self.text_ends.len() - 1)
    }

    fn row_slots(&self, row: usize) -> &[u32] {
        self.row_range(row).map_or(&[], |r| &self.slots[r])
    }

    /// Where row `row`'s slots lie.
    fn row_range(&self, row: usize) -> Option<std::ops::Range<usize>> {
        let end = *self.row_ends.get(row)? as usize;
        let start = match row {
            0 => 0,
            _ => self.row_ends[row - 1] as usize,
        };
        Some(start..end)
    }
}

/// A row of a sheet, borrowed.
#[derive(Clone, Copy, Debug)]
pub struct RowRef<'a> {
    grid: &'a Grid,
    slots: &'a [u32],
}

impl<'a> RowRef<'a> {
    /// Cells up to the last filled one.
    pub fn len(self) -> usize {
        self.slots.len()
    }

    /// True without cells.
    pub fn is_empty(self) -> bool {
        self.slots.is_empty()
    }

    /// The cell in column `col` (`Empty` past the row's end).
    pub fn get(self, col: usize) -> CellRef<'a> {
        self.slots
            .get(col)
            .map_or(CellRef::Empty, |s| self.grid.cell_of(*s))
    }

    /// The cells, left to right.
    pub fn iter(self) -> impl ExactSizeIterator<Item = CellRef<'a>> + 'a {
        let grid = self.grid;
        self.slots.iter().map(move |s| grid.cell_of(*s))
    }

    /// The cells, left to right, each text with its number among the sheet's texts (see
    /// [`RowRef::text_id`]).
    pub fn iter_with_ids(self) -> impl ExactSizeIterator<Item = (CellRef<'a>, Option<u32>)> + 'a {
        let grid = self.grid;
        self.slots
            .iter()
            .map(move |s| (grid.cell_of(*s), slot_text(*s)))
    }

    /// A text cell's number among the sheet's texts: the same text in the same column has the
    /// same number where the column is looked up (a check can then run once per distinct text).
    pub fn text_id(self, col: usize) -> Option<u32> {
        slot_text(*self.slots.get(col)?)
    }
}

/// Why a sheet's cells could not be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridFull {
    /// More texts or numbers, or more text bytes, than a grid indexes.
    TooMuch,
}

/// Builds a [`Grid`] as a reader streams its cells, row after row: nothing is kept per cell
/// but its slot. A cell of an earlier row (a file that lists its rows out of order) is kept
/// aside and put in place at the end.
#[derive(Debug, Default)]
pub struct GridBuilder {
    grid: Grid,
    /// The row being filled (its slots are the grid's last ones).
    row: usize,
    started: bool,
    late: Vec<(usize, usize, Cell)>,
    /// The texts' lookup table: (hash, text number + 1); 0 is a free place.
    table: Vec<(u32, u32)>,
    /// The texts in the lookup table.
    entries: usize,
    /// Per column: texts seen, texts new, and whether the column is still looked up.
    columns: Vec<(u32, u32, bool)>,
}

impl GridBuilder {
    /// A builder with room for about `rows` rows of `cells` cells.
    pub fn with_capacity(rows: usize, cells: usize) -> GridBuilder {
        let mut b = GridBuilder::default();
        b.grid.row_ends.reserve(rows);
        b.grid.slots.reserve(cells);
        b
    }

    /// Room for about `texts` texts of `bytes` bytes in all (a text file's length bounds them).
    pub fn reserve_texts(&mut self, texts: usize, bytes: usize) {
        self.grid.text_ends.reserve(texts);
        self.grid.arena.reserve(bytes);
    }

    /// The number of slots so far (every cell up to each row's last filled one).
    pub fn cells(&self) -> usize {
        self.grid.slots.len()
    }

    /// Puts a cell; a blank one is skipped.
    pub fn put(&mut self, row: usize, col: usize, cell: CellRef<'_>) -> Result<(), GridFull> {
        if cell.is_blank() {
            return Ok(());
        }
        if self.started && row < self.row {
            self.late.push((row, col, cell.to_cell()));
            return Ok(());
        }
        self.move_to(row);
        let slot = self.slot(col, cell)?;
        let start = self.row_start();
        let at = start + col;
        if at < self.grid.slots.len() {
            self.grid.slots[at] = slot;
        } else {
            self.grid.slots.resize(at, EMPTY);
            self.grid.slots.push(slot);
        }
        Ok(())
    }

    /// Puts a record of texts as row `row` (a text file's line; blank fields stay empty):
    /// what [`GridBuilder::put`] does for each field, with the row's place found once.
    pub fn put_texts<'t>(
        &mut self,
        row: usize,
        fields: impl IntoIterator<Item = &'t str>,
    ) -> Result<(), GridFull> {
        if self.started && row <= self.row {
            for (col, f) in fields.into_iter().enumerate() {
                self.put(row, col, CellRef::Text(f))?;
            }
            return Ok(());
        }
        self.move_to(row);
        let start = self.row_start();
        let mut end = start;
        for (col, f) in fields.into_iter().enumerate() {
            if blank_text(f) {
                self.grid.slots.push(EMPTY);
                continue;
            }
            let slot = self.slot(col, CellRef::Text(f))?;
            self.grid.slots.push(slot);
            end = start + col + 1;
        }
        // Up to the last filled cell.
        self.grid.slots.truncate(end);
        Ok(())
    }

    fn row_start(&self) -> usize {
        self.grid.row_ends.last().map_or(0, |e| *e as usize)
    }

    /// Closes the rows before `row`.
    fn move_to(&mut self, row: usize) {
        if !self.started {
            self.started = true;
            self.row = row;
            for _ in 0..row {
                self.grid.row_ends.push(0);
            }
            return;
        }
        while self.row < row {
            self.grid.row_ends.push(self.grid.slots.len() as u32);
            self.row += 1;
        }
    }

    fn slot(&mut self, col: usize, cell: CellRef<'_>) -> Result<u32, GridFull> {
        let pack = |kind: u32, i: usize| -> Result<u32, GridFull> {
            if i > MAX_INDEX {
                Err(GridFull::TooMuch)
            } else {
                Ok(((i as u32) << KIND_BITS) | kind)
            }
        };
        match cell {
            CellRef::Empty => Ok(EMPTY),
            CellRef::Number(n) => {
                self.grid.numbers.push(n);
                pack(NUMBER, self.grid.numbers.len() - 1)
            }
            CellRef::Bool(b) => Ok(if b { TRUE } else { FALSE }),
            CellRef::Text(t) => pack(TEXT, self.text(col, t)?),
            CellRef::Date(t) => pack(DATE, self.grid.push_text(t)?),
            CellRef::Error(t) => pack(ERROR, self.grid.push_text(t)?),
        }
    }

    /// A text of column `col`: the number of the same text met before (the row above's, or
    /// one of a column that is looked up), else a new one.
    fn text(&mut self, col: usize, t: &str) -> Result<usize, GridFull> {
        // The row above's text again (parent columns repeat it): no lookup.
        if let Some(id) = self.above(col).filter(|id| self.grid.text(*id) == t) {
            return Ok(id);
        }
        if self.columns.len() <= col {
            self.columns.resize(col + 1, (0, 0, true));
        }
        let (seen, new, looked_up) = &mut self.columns[col];
        *seen += 1;
        // A column whose texts hardly repeat (names, figures typed as text) is not looked up
        // past its first rows: each text is stored as it comes, next to the row's other
        // texts, which costs less than the lookups would save. Units, districts, statuses
        // and the like stay looked up.
        if *looked_up && *seen % 4096 == 0 && *new * 8 > *seen {
            *looked_up = false;
        }
        if !*looked_up {
            return self.grid.push_text(t);
        }
        if self.table.len() < 2 * (self.entries + 1) {
            self.grow();
        }
        let hash = text_hash(t.as_bytes());
        let mask = self.table.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (h, id) = self.table[at];
            if id == 0 {
                break;
            }
            if h == hash && self.grid.text(id as usize - 1) == t {
                return Ok(id as usize - 1);
            }
            at = (at + 1) & mask;
        }
        let id = self.grid.push_text(t)?;
        self.columns[col].1 += 1;
        self.table[at] = (hash, id as u32 + 1);
        self.entries += 1;
        Ok(id)
    }

    /// The text of the row above in column `col`, if it holds one.
    fn above(&self, col: usize) -> Option<usize> {
        let above = self
            .grid
            .row_range(self.grid.row_ends.len().checked_sub(1)?)?;
        let slot = *self.grid.slots[above].get(col)?;
        slot_text(slot).map(|id| id as usize)
    }

    /// Doubles the lookup table, putting back the texts it holds.
    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.table, vec![(0, 0); size]);
        let mask = size - 1;
        for (hash, id) in old.into_iter().filter(|(_, id)| *id != 0) {
            let mut at = hash as usize & mask;
            while self.table[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.table[at] = (hash, id);
        }
    }

    /// The grid, rows after the last filled one left out.
    pub fn finish(mut self) -> Result<Grid, GridFull> {
        if self.started {
            self.grid.row_ends.push(self.grid.slots.len() as u32);
        }
        while self.grid.row_ends.len() >= 2
            && self.grid.row_ends[self.grid.row_ends.len() - 1]
                == self.grid.row_ends[self.grid.row_ends.len() - 2]
        {
            self.grid.row_ends.pop();
        }
        if self.grid.row_ends.last() == Some(&0) {
            self.grid.row_ends.clear();
        }
        if self.late.is_empty() {
            self.grid.slots.shrink_to_fit();
            self.grid.row_ends.shrink_to_fit();
            self.grid.text_ends.shrink_to_fit();
            self.grid.arena.shrink_to_fit();
            return Ok(self.grid);
        }
        // Out of order: the rows as cells, the late ones put in place, then built again.
        let late = std::mem::take(&mut self.late);
        let grid = self.grid;
        let mut rows: Vec<Vec<Cell>> = (0..grid.row_ends.len())
            .map(|r| {
                grid.row_slots(r)
                    .iter()
                    .map(|s| grid.cell_of(*s).to_cell())
                    .collect()
            })
            .collect();
        for (r, c, cell) in late {
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            if rows[r].len() <= c {
                rows[r].resize(c + 1, Cell::Empty);
            }
            rows[r][c] = cell;
        }
        Grid::from_rows(&rows)
    }
}

impl Grid {
    /// A grid of rows of cells.
    pub fn from_rows(rows: &[Vec<Cell>]) -> Result<Grid, GridFull> {
        let mut b = GridBuilder::with_capacity(rows.len(), rows.iter().map(Vec::len).sum());
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                b.put(r, c, cell.as_ref())?;
            }
        }
        b.finish()
    }
}

/// A quick hash of a text, eight bytes at a time (for the grid's lookup table only).
fn text_hash(bytes: &[u8]) -> u32 {
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    let mut w = [0u8; 8];
    w[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
    (h >> 32) as u32
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// The rows a grid gives back, as cells.
    fn back(sheet: &Sheet) -> Vec<Vec<Cell>> {
        sheet
            .rows()
            .map(|r| r.iter().map(CellRef::to_cell).collect())
            .collect()
    }

    /// What a grid keeps of rows: blank cells empty, each row up to its last filled cell,
    /// no row after the last filled one.
    fn kept(rows: &[Vec<Cell>]) -> Vec<Vec<Cell>> {
        let mut out: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                let mut r: Vec<Cell> = r
                    .iter()
                    .map(|c| if c.is_blank() { Cell::Empty } else { c.clone() })
                    .collect();
                while r.last() == Some(&Cell::Empty) {
                    r.pop();
                }
                r
            })
            .collect();
        while out.last().is_some_and(Vec::is_empty) {
            out.pop();
        }
        out
    }

    #[test]
    fn every_kind_of_cell_reads_back() {
        let rows = vec![
            vec![],
            vec![text("Đơn vị"), Cell::Empty, text("Chỉ tiêu")],
            vec![
                text("Ba Tri"),
                Cell::Number(1182.5),
                Cell::Bool(true),
                Cell::Bool(false),
                Cell::Date("2023-11-14".into()),
                Cell::Error("#DIV/0!".into()),
                text("   "),
            ],
            vec![],
            vec![text("Chợ Lách")],
            vec![],
        ];
        let sheet = Sheet::from_rows("s", &rows);
        assert_eq!(back(&sheet), kept(&rows));
        assert_eq!(sheet.row_count(), 5);
        assert_eq!(sheet.width(), 6);
        assert_eq!(sheet.filled_cells(), 9);
        assert_eq!(sheet.cell(2, 1), CellRef::Number(1182.5));
        assert_eq!(sheet.cell(2, 5), CellRef::Error("#DIV/0!"));
        assert_eq!(sheet.cell(9, 9), CellRef::Empty);
        assert!(Sheet::from_rows("s", &[vec![], vec![text(" ")]]).is_blank());
    }

    #[test]
    fn a_repeated_text_is_stored_once_and_a_change_touches_one_cell() {
        let rows: Vec<Vec<Cell>> = ["Ba Tri", "Ba Tri", "Chợ Lách", "Ba Tri"]
            .iter()
            .map(|d| vec![text(d), text("Xã")])
            .collect();
        let mut sheet = Sheet::from_rows("s", &rows);
        let id = |s: &Sheet, r: usize| s.row(r).text_id(0);
        // The row above's text and a text met before share their number.
        assert_eq!(id(&sheet, 0), id(&sheet, 1));
        assert_eq!(id(&sheet, 0), id(&sheet, 3));
        assert_ne!(id(&sheet, 0), id(&sheet, 2));
        assert_eq!(sheet.cells.text_ends.len(), 3);
        assert!(sheet.set_text(1, 0, "Bình Đại"));
        assert_eq!(sheet.cell(1, 0), CellRef::Text("Bình Đại"));
        assert_eq!(sheet.cell(0, 0), CellRef::Text("Ba Tri"));
        assert_eq!(sheet.cell(3, 0), CellRef::Text("Ba Tri"));
        // Only a text cell takes a text.
        assert!(!sheet.set_text(1, 5, "x"));
        assert!(!sheet.set_text(9, 0, "x"));
    }

    #[test]
    fn a_column_of_names_that_never_repeat_is_not_looked_up() {
        let rows: Vec<Vec<Cell>> = (0..10_000)
            .map(|i| vec![text("Bến Tre"), text(&format!("Xã {i}"))])
            .collect();
        let sheet = Sheet::from_rows("s", &rows);
        assert_eq!(back(&sheet), rows);
        // The names are stored as they come: the lookup table holds the first 4,096 only.
        let mut b = GridBuilder::default();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                b.put(r, c, cell.as_ref()).unwrap();
            }
        }
        assert!(b.entries <= 4_097, "{}", b.entries);
        assert_eq!(b.grid.text_ends.len(), 10_001);
    }

    proptest! {
        /// Cells put in any order read back as the rows they came from.
        #[test]
        fn cells_read_back_in_any_order(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        Just(Cell::Empty),
                        "[a-cà ]{0,3}".prop_map(Cell::Text),
                        (-5i32..5).prop_map(|n| Cell::Number(f64::from(n))),
                        any::<bool>().prop_map(Cell::Bool),
                        "#N/A|#REF!".prop_map(Cell::Error),
                    ],
                    0..6,
                ),
                0..12,
            ),
            order in any::<u64>(),
        ) {
            let mut cells: Vec<(usize, usize, Cell)> = rows
                .iter()
                .enumerate()
                .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, x)| (r, c, x.clone())))
                .collect();
            // A shuffle from the seed (a file may list its rows and cells out of order).
            let mut seed = order | 1;
            for i in (1..cells.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                cells.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let mut b = GridBuilder::default();
            for (r, c, x) in &cells {
                b.put(*r, *c, x.as_ref()).unwrap();
            }
            let sheet = Sheet { cells: b.finish().unwrap(), ..Default::default() };
            prop_assert_eq!(back(&sheet), kept(&rows));
            prop_assert_eq!(back(&Sheet::from_rows("s", &rows)), kept(&rows));
        }
    }
}
