//! Workbooks through calamine, the reader picked from the container so that its real error
//! reaches the user. Nothing a file declares (dimensions, counts, sizes) decides an
//! allocation, and nothing calamine would trust unchecked reaches it: zip entries are checked
//! against caps before calamine inflates them (shared-string counts scanned whole), xlsb record
//! headers are walked first, OpenDocument repeats are summed first (`ods_check.rs`), a legacy
//! .xls is read from its compound file with checked code and handed to calamine rewritten
//! (`ole.rs`), and xlsx and xlsb sheets are streamed cell by cell into rows that grow only with
//! real cells.

use super::limits::{
    MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ENTRY_BYTES, MAX_INFLATED_BYTES, MAX_ROWS,
    MAX_SHARED_STRINGS,
};
use super::package::{damaged, part_key};
use super::{Found, Limit, Part, ReadError};
use crate::model::{CellRef, GridBuilder, Merge, Sheet, SourceFormat, Workbook};
use crate::text::{is_nfc, nfc};
use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, SheetVisible, Xls, Xlsb, Xlsx};
use std::borrow::Cow;
use std::io::{Cursor, Read};

/// Streams a sheet of an `Xlsx` or `Xlsb` (their cell readers share the method names but no
/// trait) into rows within the caps.
macro_rules! stream_cells {
    ($wb:expr, $name:expr) => {{
        let mut reader = $wb
            .worksheet_cells_reader(&$name)
            .map_err(|e| sheet_error(&$name, &e))?;
        let mut rows = RowsBuilder::new(&$name);
        while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&$name, &e))? {
            let (r, c) = cell.get_position();
            put_data_ref(&mut rows, r as usize, c as usize, cell.get_value())?;
        }
        rows
    }};
}

/// A zip container: xlsx/xlsm, xlsb or ods, told apart by the parts inside.
pub(super) fn read_zip(
    file_name: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<Workbook, ReadError> {
    let parts = check_zip(bytes)?;
    let has = |name: &str| parts.iter().any(|p| p == name);
    // The workbook part where the package's relationships may put it (not always xl/), in any
    // case and with either slash, as calamine finds it.
    let has_part = |file: &str| {
        parts.iter().any(|p| {
            let p = part_key(p);
            p == file || p.ends_with(&format!("/{file}"))
        })
    };
    let (xlsx, xlsb) = (has_part("workbook.xml"), has_part("workbook.bin"));
    if has("mimetype") && has("content.xml") || extension == "ods" && !xlsx && !xlsb {
        check_ods(bytes)?;
        let wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
        return collect_dense(file_name, SourceFormat::Ods, wb, |_, _| Vec::new());
    }
    if xlsb {
        // Cells in the short record form (no column) become full cells calamine reads.
        let expanded = super::xlsb::check_and_expand(bytes, &parts)?;
        let bytes = expanded.as_deref().unwrap_or(bytes);
        let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| workbook_error(&e))?;
        let mut sheets = Vec::new();
        for (name, hidden) in visible_sheets(&wb) {
            let rows = stream_cells!(wb, name);
            sheets.push(rows.finish(hidden, Vec::new())?);
        }
        return finish(file_name, SourceFormat::Xlsb, sheets);
    }
    if !xlsx {
        return Err(ReadError::Unsupported(Found::ZipWithoutWorkbook));
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let mut sheets = Vec::new();
    let sheet_parts = super::xlsx_merges::sheet_parts(bytes, &parts);
    for (name, hidden) in visible_sheets(&wb) {
        let quick = sheet_parts
            .as_ref()
            .and_then(|p| p.get(&name))
            .and_then(|part| super::xlsx_merges::merges(bytes, part));
        let merges = match quick {
            Some(m) => m,
            None => wb
                .merge_cells_by_sheet_name(&name)
                .map(|dims| merges_of(&dims))
                .unwrap_or_default(),
        };
        let rows = stream_cells!(wb, name);
        sheets.push(rows.finish(hidden, merges)?);
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
    // calamine's compound-file reader indexes, slices and follows sector chains as the file
    // says (a truncated file, a chain out of its table or in a loop panics, aborts or never
    // ends), so the workbook stream is taken out here, checked, and handed to calamine in a
    // compound file written afresh.
    let stream = ole::workbook_stream(bytes)?;
    let stream = ole::check_biff(&stream)?;
    let rebuilt = ole::rebuild(&stream)?;
    let wb: Xls<_> = Xls::new(Cursor::new(rebuilt)).map_err(xls_error)?;
    collect_dense(file_name, SourceFormat::Xls, wb, |wb: &Xls<_>, name| {
        wb.merge_cells_by_sheet_name(name)
            .map(|d| merges_of(&d))
            .unwrap_or_default()
    })
}

/// The font names of an xlsx's styles (".VnTime", "VNI-Times"…), read from `xl/styles.xml`
/// (at most its first 4 MB); empty when there is none.
pub(super) fn font_names(bytes: &[u8]) -> Vec<String> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(part) = zip.by_name("xl/styles.xml") else {
        return Vec::new();
    };
    let mut xml = String::new();
    if part.take(4 * 1024 * 1024).read_to_string(&mut xml).is_err() {
        return Vec::new();
    }
    let mut names = Vec::new();
    // <font>…<name val="…"/>…</font>; the same tag appears nowhere else in the part.
    for piece in xml.split("<name ").skip(1) {
        if let Some(v) = piece
            .split("val=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            names.push(v.to_string());
        }
    }
    names
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
            return Err(ReadError::TooLarge(Limit::Inflated {
                max: MAX_INFLATED_BYTES.min(MAX_ENTRY_BYTES),
            }));
        }
        names.push(entry.name().map_err(|e| damaged(&e))?.to_string());
    }
    // calamine reserves room for as many strings as the sharedStrings part declares
    // (`uniqueCount`), wherever the workbook's relationships put that part and however the
    // attribute is quoted or spaced: every part named like it is scanned whole, as a stream.
    for (i, name) in names.iter().enumerate() {
        if !part_key(name).ends_with("sharedstrings.xml") {
            continue;
        }
        let part = zip.by_index(i).map_err(|e| damaged(&e))?;
        if let Some(count) = largest_unique_count(part).map_err(|e| damaged(&e))? {
            if count > MAX_SHARED_STRINGS as u64 {
                return Err(ReadError::TooLarge(Limit::SharedStrings {
                    declared: count,
                    max: MAX_SHARED_STRINGS as u64,
                }));
            }
        }
    }
    Ok(names)
}

/// Scans the content of an OpenDocument spreadsheet for repeats beyond the caps.
fn check_ods(bytes: &[u8]) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let content = match zip.by_name("content.xml") {
        Ok(c) => c,
        // calamine says what is missing.
        Err(_) => return Ok(()),
    };
    ods_check::check_content(content)
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

pub(super) fn merges_of(dims: &[Dimensions]) -> Vec<Merge> {
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

/// The workbook's own records are broken (as calamine says).
fn workbook_error(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged(Part::Workbook, e)
}

fn sheet_error(name: &str, e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged(Part::Sheet(name.to_string()), e)
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    match e {
        calamine::XlsxError::Password => ReadError::Encrypted,
        other => workbook_error(&other),
    }
}

fn xls_error(e: calamine::XlsError) -> ReadError {
    match e {
        calamine::XlsError::Password => ReadError::Encrypted,
        other => workbook_error(&other),
    }
}

fn ods_error(e: calamine::OdsError) -> ReadError {
    match e {
        calamine::OdsError::Password => ReadError::Encrypted,
        other => workbook_error(&other),
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
        legacy_hint: None,
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
        sheets.push(dense_rows(&name, &range)?.finish(hidden, m)?);
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
            put_data(&mut rows, row0 as usize + i, col0 as usize + j, data)?;
        }
    }
    Ok(rows)
}

/// A sheet with more cells than accepted.
fn too_many_cells(sheet: &str) -> ReadError {
    ReadError::TooLarge(Limit::Cells {
        sheet: Some(sheet.to_string()),
        declared: None,
        max: MAX_CELLS as u64,
    })
}

/// A sheet's grid built as its cells stream in, within the caps.
struct RowsBuilder {
    sheet: String,
    grid: GridBuilder,
}

impl RowsBuilder {
    fn new(sheet: &str) -> Self {
        RowsBuilder {
            sheet: sheet.to_string(),
            grid: GridBuilder::default(),
        }
    }

    fn too_many_cells(&self) -> ReadError {
        too_many_cells(&self.sheet)
    }

    fn put(&mut self, row: usize, col: usize, cell: CellRef<'_>) -> Result<(), ReadError> {
        if cell.is_blank() {
            return Ok(());
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(ReadError::TooLarge(Limit::Grid {
                sheet: self.sheet.clone(),
                rows: MAX_ROWS as u64,
                columns: MAX_COLUMNS as u64,
            }));
        }
        if let CellRef::Text(t) = cell {
            if t.len() > MAX_CELL_BYTES {
                return Err(ReadError::TooLarge(Limit::CellText {
                    sheet: self.sheet.clone(),
                    bytes: t.len() as u64,
                    max: MAX_CELL_BYTES as u64,
                }));
            }
        }
        self.grid
            .put(row, col, cell)
            .map_err(|_| self.too_many_cells())?;
        if self.grid.cells() > MAX_CELLS {
            return Err(self.too_many_cells());
        }
        Ok(())
    }

    fn finish(self, hidden: bool, merges: Vec<Merge>) -> Result<Sheet, ReadError> {
        let cells = self
            .grid
            .finish()
            .map_err(|_| too_many_cells(&self.sheet))?;
        Ok(Sheet {
            name: nfc(&self.sheet),
            hidden,
            cells,
            merges,
            legacy: Vec::new(),
        })
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

/// A text as the grid stores it: NFC, copied only when it was not.
fn nfc_text(s: &str) -> Cow<'_, str> {
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(nfc(s))
    }
}

/// Puts a cell of calamine's into the grid; a text, date or error through a borrowed or
/// short-lived text (no cell keeps an allocation of its own).
fn put_data(rows: &mut RowsBuilder, r: usize, c: usize, data: &Data) -> Result<(), ReadError> {
    match data {
        Data::Empty => Ok(()),
        Data::Int(i) => rows.put(r, c, CellRef::Number(*i as f64)),
        Data::Float(f) => rows.put(r, c, CellRef::Number(*f)),
        Data::String(s) => rows.put(r, c, CellRef::Text(&nfc_text(s))),
        Data::Bool(b) => rows.put(r, c, CellRef::Bool(*b)),
        Data::DateTime(dt) => rows.put(r, c, CellRef::Date(&date_text(dt))),
        Data::DateTimeIso(s) | Data::DurationIso(s) => rows.put(r, c, CellRef::Date(s)),
        Data::Error(e) => rows.put(r, c, CellRef::Error(&e.to_string())),
    }
}

/// [`put_data`] for the streaming readers' borrowed cells.
fn put_data_ref(
    rows: &mut RowsBuilder,
    r: usize,
    c: usize,
    data: &DataRef<'_>,
) -> Result<(), ReadError> {
    match data {
        DataRef::Empty => Ok(()),
        DataRef::Int(i) => rows.put(r, c, CellRef::Number(*i as f64)),
        DataRef::Float(f) => rows.put(r, c, CellRef::Number(*f)),
        DataRef::String(s) => rows.put(r, c, CellRef::Text(&nfc_text(s))),
        DataRef::SharedString(s) => rows.put(r, c, CellRef::Text(&nfc_text(s))),
        DataRef::Bool(b) => rows.put(r, c, CellRef::Bool(*b)),
        DataRef::DateTime(dt) => rows.put(r, c, CellRef::Date(&date_text(dt))),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => rows.put(r, c, CellRef::Date(s)),
        DataRef::Error(e) => rows.put(r, c, CellRef::Error(&e.to_string())),
    }
}

#[path = "ole.rs"]
mod ole;

#[path = "ods_check.rs"]
mod ods_check;

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

    #[test]
    fn a_rebuilt_compound_file_gives_back_its_stream() {
        let stream: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let file = ole::rebuild(&stream).unwrap();
        assert_eq!(ole::workbook_stream(&file).unwrap(), stream);
        // Short streams are padded past the mini-stream cut-off.
        let file = ole::rebuild(b"abc").unwrap();
        let back = ole::workbook_stream(&file).unwrap();
        assert_eq!(back.len(), 4096);
        assert!(back.starts_with(b"abc"));
    }

    #[test]
    fn a_looping_or_stray_sector_chain_is_damaged() {
        let stream = vec![7u8; 5000];
        let file = ole::rebuild(&stream).unwrap();
        // Sectors of 4096 bytes: header, two of the stream, the allocation table, directory.
        let fat = 3 * 4096;
        // The directory (sector 3) followed by itself.
        let mut looping = file.clone();
        looping[fat + 12..fat + 16].copy_from_slice(&3u32.to_le_bytes());
        assert!(matches!(
            ole::workbook_stream(&looping),
            Err(ReadError::Damaged { detail, .. }) if detail.contains("loops")
        ));
        let mut stray = file.clone();
        stray[fat..fat + 4].copy_from_slice(&5000u32.to_le_bytes());
        assert!(matches!(
            ole::workbook_stream(&stray),
            Err(ReadError::Damaged { .. })
        ));
        // An id whose offset overflows a 32-bit usize (wasm32).
        let mut far = file.clone();
        far[fat..fat + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        assert!(matches!(
            ole::workbook_stream(&far),
            Err(ReadError::Damaged { .. })
        ));
        assert!(matches!(
            ole::workbook_stream(&file[..file.len() / 2]),
            Err(ReadError::Damaged { .. })
        ));
    }

    /// A BIFF record.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    /// A workbook stream: globals (BOF, the given records, one sheet, EOF), then the sheet
    /// (BOF, the given records, EOF).
    fn biff(globals: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = rec(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let eof = rec(0x000A, &[]);
        let mut head = bof.clone();
        globals.iter().for_each(|r| head.extend_from_slice(r));
        let bound_len = rec(0x0085, &[0; 8]).len();
        let pos = (head.len() + bound_len + eof.len()) as u32;
        let mut bound = pos.to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 1, 0]);
        head.extend(rec(0x0085, &bound));
        head.extend_from_slice(&eof);
        head.extend(bof);
        sheet.iter().for_each(|r| head.extend_from_slice(r));
        head.extend(eof);
        head
    }

    #[test]
    fn biff_records_calamine_trusts_are_checked() {
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&col.to_le_bytes());
            d.extend_from_slice(&[0; 10]);
            rec(0x0203, &d)
        };
        let plain = biff(&[], &[number(0, 0), number(9, 9)]);
        assert_eq!(ole::check_biff(&plain), Ok(plain));
        let damaged = |globals: &[Vec<u8>], sheet: &[Vec<u8>]| {
            matches!(
                ole::check_biff(&biff(globals, sheet)),
                Err(ReadError::Damaged { .. })
            )
        };
        // Short CodePage, DateMode.
        assert!(damaged(&[rec(0x0042, &[])], &[]));
        assert!(damaged(&[rec(0x0022, &[1])], &[]));
        // Shared strings: a run count cut off; a string going on in an empty CONTINUE.
        assert!(damaged(
            &[rec(0x00FC, &[1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x08, 7])],
            &[]
        ));
        let sst = rec(0x00FC, &[1, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, b'a', b'b']);
        assert!(damaged(&[[sst.clone(), rec(0x003C, &[])].concat()], &[]));
        let whole = [sst, rec(0x003C, &[0, b'c', b'd', b'e'])].concat();
        assert!(ole::check_biff(&biff(&[whole], &[])).is_ok());
        // MergeCells counting more regions than it holds; MulRk ending before it starts.
        assert!(damaged(&[], &[rec(0x00E5, &[5, 0, 0, 0])]));
        assert!(damaged(
            &[],
            &[rec(0x00BD, &[0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 2, 0])]
        ));
        // Dimensions with the last row before the first.
        let mut dims = vec![0u8; 14];
        dims[0] = 10;
        dims[4] = 5;
        dims[10] = 1;
        assert!(damaged(&[], &[rec(0x0200, &dims)]));
        // Formulas emptied: a defined name becomes a skipped record, a cell formula's length
        // is set to 0, a formula record too short to hold a length is skipped.
        let mut lbl = vec![0u8; 14];
        lbl[4] = 200;
        let mut formula = vec![0u8; 24];
        formula[20] = 2;
        let stream = biff(
            &[rec(0x0018, &lbl)],
            &[rec(0x0006, &formula), rec(0x0006, &[0; 20])],
        );
        let out = ole::check_biff(&stream).unwrap();
        let find = |s: &[u8], r: &[u8]| s.windows(r.len()).position(|w| w == r);
        let lbl_at = find(&stream, &rec(0x0018, &lbl)).unwrap();
        assert_eq!(out[lbl_at..lbl_at + 2], [0, 0]);
        let f_at = find(&stream, &rec(0x0006, &formula)).unwrap();
        assert_eq!(out[f_at + 24..f_at + 26], [0, 0]);
        let short_at = find(&stream, &rec(0x0006, &[0; 20])).unwrap();
        assert_eq!(out[short_at..short_at + 2], [0, 0]);
        assert_eq!(out.len(), stream.len());
        // A password (FilePass).
        assert_eq!(
            ole::check_biff(&biff(&[rec(0x002F, &[0, 0])], &[])),
            Err(ReadError::Encrypted)
        );
        // Cells spanning more than MAX_CELLS.
        assert!(matches!(
            ole::check_biff(&biff(&[], &[number(0, 0), number(65_535, 255)])),
            Err(ReadError::TooLarge(_))
        ));
        // A sheet offset past the end of the stream.
        let mut stream = biff(&[], &[]);
        let at = stream
            .windows(4)
            .position(|w| w == [0x85, 0, 8, 0])
            .unwrap()
            + 4;
        stream[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            ole::check_biff(&stream),
            Err(ReadError::Damaged { .. })
        ));
    }
}
