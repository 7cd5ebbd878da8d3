//! Workbooks through calamine, the reader picked from the container so that its real error
//! reaches the user. Nothing a file declares (dimensions, counts, sizes) decides an
//! allocation: zip entries are checked against caps before calamine inflates them, and xlsx and
//! xlsb sheets are streamed cell by cell into rows that grow only with real cells.

use super::{ReadError, MAX_CELLS};
use crate::model::{Cell, Merge, Sheet, SourceFormat, Workbook};
use crate::text::nfc;
use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, SheetVisible, Xls, Xlsb, Xlsx};
use std::io::{Cursor, Read};

/// The most rows a sheet may have (Excel's own limit).
pub const MAX_ROWS: usize = 1_048_576;
/// The most columns a sheet may have (Excel's own limit, XFD).
pub const MAX_COLUMNS: usize = 16_384;
/// The largest part of a zip container once inflated.
pub const MAX_ENTRY_BYTES: u64 = 512 * 1024 * 1024;
/// The most a whole zip container may inflate to.
pub const MAX_INFLATED_BYTES: u64 = 1024 * 1024 * 1024;
/// The most distinct strings a workbook may declare.
pub const MAX_SHARED_STRINGS: usize = 2_000_000;
/// The longest text a cell may hold, in bytes (Excel allows 32,767 characters).
pub const MAX_CELL_BYTES: usize = 256 * 1024;

/// A zip container: xlsx/xlsm, xlsb or ods, told apart by the parts inside.
pub(super) fn read_zip(
    file_name: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<Workbook, ReadError> {
    let parts = check_zip(bytes)?;
    let has = |name: &str| parts.iter().any(|p| p == name);
    if has("mimetype") && has("content.xml") || extension == "ods" && !has("xl/workbook.xml") {
        let wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
        return collect_dense(file_name, SourceFormat::Ods, wb, |_, _| Vec::new());
    }
    if has("xl/workbook.bin") {
        let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
        let mut sheets = Vec::new();
        for (name, hidden) in visible_sheets(&wb) {
            let mut reader = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| sheet_error(&name, &e))?;
            let mut rows = RowsBuilder::new(&name);
            while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&name, &e))? {
                let (r, c) = cell.get_position();
                rows.put(r as usize, c as usize, cell_of_ref(cell.get_value()))?;
            }
            sheets.push(rows.finish(hidden, Vec::new()));
        }
        return finish(file_name, SourceFormat::Xlsb, sheets);
    }
    if !has("xl/workbook.xml") {
        return Err(ReadError::Unsupported(
            "a zip archive without a workbook inside (a .docx or a compressed folder?)".into(),
        ));
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let mut sheets = Vec::new();
    for (name, hidden) in visible_sheets(&wb) {
        let merges = wb
            .merge_cells_by_sheet_name(&name)
            .map(|dims| merges_of(&dims))
            .unwrap_or_default();
        let mut reader = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| sheet_error(&name, &e))?;
        let mut rows = RowsBuilder::new(&name);
        while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&name, &e))? {
            let (r, c) = cell.get_position();
            rows.put(r as usize, c as usize, cell_of_ref(cell.get_value()))?;
        }
        sheets.push(rows.finish(hidden, merges));
    }
    finish(file_name, SourceFormat::Xlsx, sheets)
}

/// An OLE container: a legacy .xls, or an encrypted (password-protected) modern workbook.
pub(super) fn read_ole(file_name: &str, bytes: &[u8]) -> Result<Workbook, ReadError> {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
        return Err(ReadError::Encrypted);
    }
    let wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    collect_dense(file_name, SourceFormat::Xls, wb, |wb: &Xls<_>, name| {
        wb.merge_cells_by_sheet_name(name)
            .map(|d| merges_of(&d))
            .unwrap_or_default()
    })
}

/// Reads the zip's directory (nothing inflated) and refuses declared sizes and string counts
/// beyond the caps; the zip reader then never inflates an entry past its declared size.
/// Returns the names of the parts.
fn check_zip(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut names = Vec::with_capacity(zip.len().min(10_000));
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        let size = entry.size();
        total = total.saturating_add(size);
        if size > MAX_ENTRY_BYTES || total > MAX_INFLATED_BYTES {
            return Err(ReadError::TooLarge(format!(
                "its parts would inflate to more than {} MB",
                MAX_INFLATED_BYTES.min(MAX_ENTRY_BYTES) / (1024 * 1024)
            )));
        }
        names.push(entry.name().map_err(|e| damaged(&e))?.to_string());
    }
    // calamine reserves room for as many strings as the sharedStrings part declares
    // (`uniqueCount`), wherever the workbook's relationships put that part and however the
    // attribute is quoted or spaced: every part named like it is scanned whole, as a stream.
    for (i, name) in names.iter().enumerate() {
        if !name
            .replace('\\', "/")
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml")
        {
            continue;
        }
        let part = zip.by_index(i).map_err(|e| damaged(&e))?;
        if let Some(count) = largest_unique_count(part).map_err(|e| damaged(&e))? {
            if count > MAX_SHARED_STRINGS as u64 {
                return Err(ReadError::TooLarge(format!(
                    "it declares {count} distinct texts, the limit is {MAX_SHARED_STRINGS}"
                )));
            }
        }
    }
    Ok(names)
}

/// The largest value of any `uniqueCount` attribute in an XML stream: `uniqueCount`, optional
/// white space, `=`, optional white space, a quote, then digits (a `+`, white space and zeros
/// before them skipped). A superset of what an XML reader would take as the attribute, so no
/// spelling of it slips past; read in chunks, whatever the length of the part.
fn largest_unique_count(mut xml: impl Read) -> std::io::Result<Option<u64>> {
    const NAME: &[u8] = b"uniqueCount";
    #[derive(Clone, Copy)]
    enum State {
        Scan,
        BeforeEq,
        AfterEq,
        Value(Option<u64>),
    }
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let mut largest: Option<u64> = None;
    let mut state = State::Scan;
    // The last NAME.len() bytes seen, to match the name across chunk boundaries.
    let mut window = [0u8; 11];
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match xml.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        for &b in &buf[..n] {
            window.copy_within(1.., 0);
            window[NAME.len() - 1] = b;
            state = match state {
                State::BeforeEq if is_space(b) => State::BeforeEq,
                State::BeforeEq if b == b'=' => State::AfterEq,
                State::AfterEq if is_space(b) => State::AfterEq,
                State::AfterEq if b == b'"' || b == b'\'' => State::Value(None),
                State::Value(v) if b.is_ascii_digit() => State::Value(Some(
                    v.unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(u64::from(b - b'0')),
                )),
                State::Value(None) if is_space(b) || b == b'+' => State::Value(None),
                State::Value(Some(v)) => {
                    largest = largest.max(Some(v));
                    State::Scan
                }
                _ => State::Scan,
            };
            if matches!(state, State::Scan) && window == NAME {
                state = State::BeforeEq;
            }
        }
    }
    if let State::Value(Some(v)) = state {
        largest = largest.max(Some(v));
    }
    Ok(largest)
}

fn visible_sheets<RS, R: Reader<RS>>(wb: &R) -> Vec<(String, bool)>
where
    RS: std::io::Read + std::io::Seek,
{
    wb.sheets_metadata()
        .iter()
        .filter(|s| matches!(s.typ, calamine::SheetType::WorkSheet))
        .map(|s| (s.name.clone(), !matches!(s.visible, SheetVisible::Visible)))
        .collect()
}

fn merges_of(dims: &[Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .filter(|m| m.last_row >= m.first_row && m.last_col >= m.first_col)
        .collect()
}

fn damaged(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Damaged(e.to_string())
}

fn sheet_error(name: &str, e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Damaged(format!("sheet \u{201c}{name}\u{201d}: {e}"))
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    match e {
        calamine::XlsxError::Password => ReadError::Encrypted,
        other => damaged(&other),
    }
}

fn xls_error(e: calamine::XlsError) -> ReadError {
    match e {
        calamine::XlsError::Password => ReadError::Encrypted,
        other => damaged(&other),
    }
}

fn ods_error(e: calamine::OdsError) -> ReadError {
    match e {
        calamine::OdsError::Password => ReadError::Encrypted,
        other => damaged(&other),
    }
}

fn finish(
    file_name: &str,
    format: SourceFormat,
    sheets: Vec<Sheet>,
) -> Result<Workbook, ReadError> {
    if sheets.is_empty() {
        return Err(ReadError::NoData);
    }
    Ok(Workbook {
        file_name: file_name.to_string(),
        format,
        sheets,
    })
}

/// Formats calamine reads whole (xls, ods): their ranges are checked against the caps before
/// they are copied.
fn collect_dense<RS, R>(
    file_name: &str,
    format: SourceFormat,
    mut wb: R,
    merges: impl Fn(&R, &str) -> Vec<Merge>,
) -> Result<Workbook, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    for (name, hidden) in visible_sheets(&wb) {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| sheet_error(&name, &e))?;
        let m = merges(&wb, &name);
        sheets.push(dense_rows(&name, &range)?.finish(hidden, m));
    }
    finish(file_name, format, sheets)
}

fn dense_rows(sheet: &str, range: &Range<Data>) -> Result<RowsBuilder, ReadError> {
    let mut rows = RowsBuilder::new(sheet);
    let Some((row0, col0)) = range.start() else {
        return Ok(rows);
    };
    for (i, source) in range.rows().enumerate() {
        for (j, data) in source.iter().enumerate() {
            if !matches!(data, Data::Empty) {
                rows.put(row0 as usize + i, col0 as usize + j, cell_of(data))?;
            }
        }
    }
    Ok(rows)
}

/// Rows that grow only where there are cells, within the caps.
struct RowsBuilder {
    sheet: String,
    rows: Vec<Vec<Cell>>,
    cells: usize,
}

impl RowsBuilder {
    fn new(sheet: &str) -> Self {
        RowsBuilder {
            sheet: sheet.to_string(),
            rows: Vec::new(),
            cells: 0,
        }
    }

    fn too_large(&self, what: String) -> ReadError {
        ReadError::TooLarge(format!("sheet \u{201c}{}\u{201d} {what}", self.sheet))
    }

    fn put(&mut self, row: usize, col: usize, cell: Cell) -> Result<(), ReadError> {
        if cell.is_blank() {
            return Ok(());
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(self.too_large(format!(
                "has a cell beyond {MAX_ROWS} rows × {MAX_COLUMNS} columns"
            )));
        }
        if let Cell::Text(t) = &cell {
            if t.len() > MAX_CELL_BYTES {
                return Err(self.too_large(format!(
                    "has a cell of {} KB of text, the limit is {} KB",
                    t.len() / 1024,
                    MAX_CELL_BYTES / 1024
                )));
            }
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let len = self.rows[row].len();
        if len <= col {
            self.cells += col + 1 - len;
            if self.cells > MAX_CELLS {
                return Err(self.too_large(format!(
                    "spans more than {MAX_CELLS} cells (rows × columns in use)"
                )));
            }
            self.rows[row].resize(col + 1, Cell::Empty);
        }
        self.rows[row][col] = cell;
        Ok(())
    }

    fn finish(self, hidden: bool, merges: Vec<Merge>) -> Sheet {
        Sheet {
            name: nfc(&self.sheet),
            hidden,
            rows: self.rows,
            merges,
        }
    }
}

fn date_text(dt: &calamine::ExcelDateTime) -> String {
    let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
    if (hh, mm, ss) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

fn error_text(e: &calamine::CellErrorType) -> Cell {
    Cell::Error(e.to_string())
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(nfc(s)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Date(date_text(dt)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => error_text(e),
    }
}

fn cell_of_ref(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(nfc(s)),
        DataRef::SharedString(s) => Cell::Text(nfc(s)),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => Cell::Date(date_text(dt)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
        DataRef::Error(e) => error_text(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(xml: &str) -> Option<u64> {
        largest_unique_count(xml.as_bytes()).unwrap()
    }

    #[test]
    fn unique_count_is_found_however_it_is_written() {
        assert_eq!(count(r#"<sst count="3" uniqueCount="2">"#), Some(2));
        assert_eq!(count("<sst uniqueCount='4000000000'>"), Some(4_000_000_000));
        assert_eq!(count("<x:sst x:uniqueCount \n = \t\"+007\">"), Some(7));
        assert_eq!(
            count(r#"<!-- uniqueCount="1" --><sst uniqueCount="99999999999999999999999">"#),
            Some(u64::MAX)
        );
        assert_eq!(count(r#"<sst count="3">"#), None);
        assert_eq!(count(r#"<sst uniqueCount="">"#), None);
        // Ends inside the value: still counted.
        assert_eq!(count(r#"<sst uniqueCount="123"#), Some(123));
    }

    #[test]
    fn unique_count_is_found_across_chunks() {
        let mut xml = " ".repeat(64 * 1024 - 5);
        xml.push_str(r#"<sst uniqueCount="4000000000">"#);
        assert_eq!(count(&xml), Some(4_000_000_000));
    }
}
