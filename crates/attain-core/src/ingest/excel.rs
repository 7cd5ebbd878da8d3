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
    // The workbook part where the package's relationships may put it (not always xl/), in any
    // case and with either slash, as calamine finds it.
    let has_part = |file: &str| {
        parts.iter().any(|p| {
            let p = p.replace('\\', "/").to_ascii_lowercase();
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
        check_xlsb(bytes, &parts)?;
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
    if !xlsx {
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

/// Walks the records of the binary parts of an .xlsb (headers only, data skipped) and refuses a
/// record longer than what is left of its part: calamine sizes its buffer from the header (up
/// to 256 MB) before reading. The parts calamine reads: workbook, styles, shared strings and
/// the sheets in a worksheets folder (a sheet that relationships put elsewhere is not walked).
fn check_xlsb(bytes: &[u8], parts: &[String]) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    for (i, name) in parts.iter().enumerate() {
        let lower = name.replace('\\', "/").to_ascii_lowercase();
        let file = lower.rsplit('/').next().unwrap_or(&lower);
        let records = matches!(file, "workbook.bin" | "styles.bin" | "sharedstrings.bin")
            || lower.contains("worksheets/") && lower.ends_with(".bin");
        if !records {
            continue;
        }
        let part = zip.by_index(i).map_err(|e| damaged(&e))?;
        let mut left = part.size();
        let mut part = std::io::BufReader::new(part);
        let cut = || damaged(&format!("a record in {name} is cut short"));
        // Type: one byte, or two when the first has its high bit set.
        while let Some(b) = read_byte(&mut part)? {
            let mut header = 1;
            if b & 0x80 != 0 {
                read_byte(&mut part)?.ok_or_else(cut)?;
                header += 1;
            }
            // Length: up to four bytes of seven bits.
            let mut len: u64 = 0;
            for k in 0..4 {
                let b = read_byte(&mut part)?.ok_or_else(cut)?;
                header += 1;
                len |= u64::from(b & 0x7F) << (7 * k);
                if b & 0x80 == 0 {
                    break;
                }
            }
            left = left.saturating_sub(header);
            if len > left {
                return Err(ReadError::Damaged(format!(
                    "a record in {name} claims {len} bytes, more than the {left} left in it"
                )));
            }
            left -= len;
            let skipped = std::io::copy(&mut (&mut part).take(len), &mut std::io::sink())
                .map_err(|e| damaged(&e))?;
            if skipped != len {
                return Err(cut());
            }
        }
    }
    Ok(())
}

fn read_byte(r: &mut impl Read) -> Result<Option<u8>, ReadError> {
    let mut b = [0u8];
    loop {
        return match r.read(&mut b) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(b[0])),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => Err(damaged(&e)),
        };
    }
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

/// Legacy workbooks (.xls): the compound file read with checked indexing and bounded chains,
/// the BIFF records calamine trusts checked, and a clean compound file written for calamine.
mod ole {
    use super::{ReadError, MAX_CELLS};

    const MAXREGSECT: u32 = 0xFFFF_FFFA;
    const FATSECT: u32 = 0xFFFF_FFFD;
    const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
    const FREESECT: u32 = 0xFFFF_FFFF;
    /// Streams shorter than this live in the mini stream (calamine's cut-off, the format's).
    const MINI_CUTOFF: usize = 4096;
    /// The sector size of the compound file written for calamine.
    const OUT_SECTOR: usize = 4096;

    fn damaged(what: &str) -> ReadError {
        ReadError::Damaged(format!("its compound file is broken: {what}"))
    }

    fn u16_at(b: &[u8], at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }

    fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
        b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    struct Compound<'a> {
        bytes: &'a [u8],
        sector: usize,
        /// Sectors in the file (the last may be short).
        sectors: usize,
        fat: Vec<u32>,
    }

    impl Compound<'_> {
        fn sector(&self, id: u32) -> Result<&[u8], ReadError> {
            // Checked: on wasm32 a sector id times the sector size overflows usize.
            let start = (id as usize)
                .checked_add(1)
                .and_then(|k| k.checked_mul(self.sector))
                .unwrap_or(usize::MAX);
            let end = start.saturating_add(self.sector).min(self.bytes.len());
            self.bytes
                .get(start..end)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| damaged("a sector lies past the end of the file"))
        }

        /// The bytes of a chain of sectors, at most `max` of them. Each step is checked; a
        /// chain longer than the file has sectors is a loop.
        fn chain(&self, mut id: u32, max: usize) -> Result<Vec<u8>, ReadError> {
            let mut out = Vec::new();
            let mut steps = 0;
            while id != ENDOFCHAIN && out.len() < max {
                if id > MAXREGSECT {
                    return Err(damaged("a sector chain is broken"));
                }
                steps += 1;
                if steps > self.sectors {
                    return Err(damaged("a sector chain loops"));
                }
                let s = self.sector(id)?;
                out.extend_from_slice(&s[..s.len().min(max - out.len())]);
                id = *self
                    .fat
                    .get(id as usize)
                    .ok_or_else(|| damaged("a sector lies outside the allocation table"))?;
            }
            Ok(out)
        }
    }

    struct Entry {
        name: String,
        start: u32,
        size: u64,
    }

    /// The workbook stream ("Workbook", or "Book" for Excel 5/95) of a compound file.
    pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
        if bytes.len() < 512 {
            return Err(damaged("shorter than its header"));
        }
        let sector = match u16_at(bytes, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Err(damaged("unknown sector size")),
        };
        let major = u16_at(bytes, 26).unwrap_or(3);
        let field = |at| u32_at(bytes, at).unwrap_or(ENDOFCHAIN);
        let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
            (field(48), field(60), field(64), field(68));
        let sectors = bytes.len().saturating_sub(sector).div_ceil(sector);
        let mut file = Compound {
            bytes,
            sector,
            sectors,
            fat: Vec::new(),
        };

        // The allocation table's own sectors: 109 in the header, then a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = u32s(&bytes[76..512]).collect();
        let mut id = difat_start;
        let mut steps = 0;
        while id < MAXREGSECT {
            steps += 1;
            if steps > sectors {
                return Err(damaged("the DIFAT chain loops"));
            }
            let s = file.sector(id)?;
            let mut ids: Vec<u32> = u32s(s).collect();
            id = ids.pop().unwrap_or(ENDOFCHAIN);
            fat_sectors.extend(ids);
        }
        let fat_sectors: Vec<u32> = fat_sectors
            .into_iter()
            .filter(|id| *id <= MAXREGSECT)
            .collect();
        if fat_sectors.len() > sectors {
            return Err(damaged("more allocation sectors than the file has"));
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
        for id in fat_sectors {
            fat.extend(u32s(file.sector(id)?));
        }
        file.fat = fat;

        let dir = file.chain(dir_start, usize::MAX)?;
        let entries: Vec<Entry> = dir
            .chunks_exact(128)
            .map(|e| {
                let units: Vec<u16> = e[..64]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|u| *u != 0)
                    .collect();
                let size = if major == 3 {
                    u64::from(u32_at(e, 120).unwrap_or(0))
                } else {
                    u32_at(e, 120).map_or(0, u64::from)
                        | u32_at(e, 124).map_or(0, |h| u64::from(h) << 32)
                };
                Entry {
                    name: String::from_utf16_lossy(&units),
                    start: u32_at(e, 116).unwrap_or(ENDOFCHAIN),
                    size,
                }
            })
            .collect();
        let Some(root) = entries.first() else {
            return Err(damaged("no directory"));
        };

        let read = |entry: &Entry| -> Result<Vec<u8>, ReadError> {
            // No stream holds more than the file.
            let size = usize::try_from(entry.size)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            if size >= MINI_CUTOFF {
                return file.chain(entry.start, size);
            }
            let ministream = file.chain(
                root.start,
                usize::try_from(root.size)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len()),
            )?;
            let minifat: Vec<u32> = u32s(
                &file.chain(
                    mini_fat_start,
                    (mini_fat_len as usize)
                        .saturating_mul(sector)
                        .min(bytes.len()),
                )?,
            )
            .collect();
            let mut out = Vec::with_capacity(size);
            let mut id = entry.start;
            let mut steps = 0;
            while id != ENDOFCHAIN && out.len() < size {
                steps += 1;
                if steps > ministream.len() / 64 + 1 {
                    return Err(damaged("a mini sector chain loops"));
                }
                let start = (id as usize).saturating_mul(64);
                let chunk = ministream
                    .get(start..start.saturating_add(64).min(ministream.len()))
                    .filter(|c| !c.is_empty())
                    .ok_or_else(|| damaged("a mini sector lies past the mini stream"))?;
                out.extend_from_slice(&chunk[..chunk.len().min(size - out.len())]);
                id = *minifat
                    .get(id as usize)
                    .ok_or_else(|| damaged("a mini sector lies outside its table"))?;
            }
            Ok(out)
        };
        let named = |name: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(name));
        match (named("Workbook"), named("Book")) {
            (Some(w), book) => read(w).or_else(|e| book.map_or(Err(e), read)),
            (None, Some(b)) => read(b),
            (None, None) => Err(ReadError::Unsupported(
                "an Office document without a workbook inside (a .doc or a .ppt?)".into(),
            )),
        }
    }

    /// A BIFF record: where its header starts in the stream, its type, its data and the data
    /// of the CONTINUE records after it (merged into it, as calamine does).
    struct Rec<'a> {
        start: usize,
        typ: u16,
        data: &'a [u8],
        cont: Vec<&'a [u8]>,
    }

    /// The records of the stream from `from` on, as calamine's record iterator reads them.
    fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Rec<'_>> {
        let mut at = from;
        std::iter::from_fn(move || {
            let s = stream.get(at..)?;
            let typ = u16_at(s, 0)?;
            let len = usize::from(u16_at(s, 2)?);
            let data = s.get(4..4 + len)?;
            let start = at;
            at += 4 + len;
            let mut cont = Vec::new();
            while stream.len() - at > 4 && u16_at(stream, at) == Some(0x003C) {
                let len = usize::from(u16_at(stream, at + 2)?);
                cont.push(stream.get(at + 4..at + 4 + len)?);
                at += 4 + len;
            }
            Some(Rec {
                start,
                typ,
                data,
                cont,
            })
        })
    }

    /// Whether calamine's reading of the shared string table (SST) stays in bounds: the
    /// optional run count and extension size it reads without checking, and the flags byte of
    /// each CONTINUE a string goes on in.
    fn sst_in_bounds<'a>(rec: &Rec<'a>) -> bool {
        let Some(mut data) = rec.data.get(8..) else {
            return true; // calamine says the record is too short
        };
        let mut cont = rec.cont.iter();
        let mut next = |data: &mut &'a [u8]| match cont.next() {
            Some(c) => {
                *data = c;
                true
            }
            None => false,
        };
        while !data.is_empty() || next(&mut data) {
            if data.is_empty() {
                continue; // an empty string, nothing read
            }
            if data.len() < 3 {
                return true; // calamine's own error
            }
            let mut len = usize::from(u16_at(data, 0).unwrap_or(0));
            let flags = data[2];
            data = &data[3..];
            let mut skip = 0usize;
            if flags & 0x8 != 0 {
                let Some(runs) = u16_at(data, 0) else {
                    return false;
                };
                skip = usize::from(runs) * 4;
                data = &data[2..];
            }
            if flags & 0x4 != 0 {
                let Some(ext) = u32_at(data, 0) else {
                    return false;
                };
                skip = skip.saturating_add(ext as i32 as usize);
                data = &data[4..];
            }
            let mut wide = flags & 0x1 != 0;
            while len > 0 {
                let n = if wide {
                    (data.len() / 2).min(len)
                } else {
                    data.len().min(len)
                };
                data = &data[if wide { 2 * n } else { n }..];
                len -= n;
                if len > 0 {
                    if !next(&mut data) {
                        return true; // calamine's own error
                    }
                    let Some(&flag) = data.first() else {
                        return false;
                    };
                    wide = flag & 0x1 != 0;
                    data = &data[1..];
                }
            }
            while skip > 0 {
                if data.is_empty() && !next(&mut data) {
                    return true; // calamine's own error
                }
                let n = skip.min(data.len());
                data = &data[n..];
                skip -= n;
            }
        }
        true
    }

    fn broken(what: &str) -> ReadError {
        ReadError::Damaged(format!("its workbook records are broken: {what}"))
    }

    fn too_large(what: String) -> ReadError {
        ReadError::TooLarge(what)
    }

    /// Checks what calamine would trust in the workbook stream and returns the stream as
    /// calamine gets it. Checked: the sheets' offsets, the records it reads without checking
    /// their length, the shared strings, each sheet's declared dimensions (it reserves rows ×
    /// columns from them, and an inverted range overflows) and the span of its cells (it
    /// allocates the whole rectangle). Emptied: the formulas of cells and defined names, which
    /// calamine parses token by token without bounds checks and Attain never uses (a cell's
    /// value is stored beside its formula).
    pub(super) fn check_biff(stream: &[u8]) -> Result<Vec<u8>, ReadError> {
        let edits = scan(stream)?;
        if edits.is_empty() {
            return Ok(stream.to_vec());
        }
        let mut out = stream.to_vec();
        for (at, value) in edits {
            out[at..at + 2].copy_from_slice(&value.to_le_bytes());
        }
        // Records read from two offsets may overlap: the edited stream must need no more.
        if !scan(&out)?.is_empty() {
            return Err(broken("its records overlap"));
        }
        Ok(out)
    }

    /// The checks of [`check_biff`], and the 16-bit writes that empty the formulas.
    fn scan(stream: &[u8]) -> Result<Vec<(usize, u16)>, ReadError> {
        let mut edits = Vec::new();
        let mut sheets = Vec::new();
        // BIFF8 unless a BOF says otherwise (calamine's default and reading of BOF).
        let mut biff8 = true;
        for rec in records(stream, 0) {
            let data = rec.data;
            match rec.typ {
                // FilePass: encrypted or XOR-obfuscated with a password; the records after it are
                // ciphertext.
                0x002F => return Err(ReadError::Encrypted),
                // Records calamine reads a 16-bit value from without checking their length: BOF,
                // CodePage, DateMode, and ExternSheet in BIFF8.
                0x0809 | 0x0042 | 0x0022 if data.len() < 2 => {
                    return Err(broken("a record is too short"))
                }
                0x0017 if biff8 && data.len() < 2 => return Err(broken("a record is too short")),
                0x0809 => {
                    let version = u16_at(data, 0).unwrap_or(0);
                    let kind = u16_at(data, 2).unwrap_or(0);
                    biff8 = match version {
                        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                        0 => kind != 0x1000,
                        _ => true,
                    };
                }
                // BoundSheet8: offset (4), state (1), type (1), then the name.
                0x0085 if data.len() < 6 => return Err(broken("a sheet record is too short")),
                0x0085 => sheets.push(u32_at(data, 0).unwrap_or(0) as usize),
                // Lbl (a defined name): becomes a record calamine skips.
                0x0018 => edits.push((rec.start, 0)),
                // SST: the shared strings.
                0x00FC if !sst_in_bounds(&rec) => {
                    return Err(broken("the shared strings run past their records"))
                }
                0x000A => break,
                _ => {}
            }
        }
        for pos in sheets {
            if pos > stream.len() {
                return Err(broken("a sheet lies past the end of the workbook"));
            }
            let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
            let mut cell = |r: u32, c0: u32, c1: u32| {
                rows = (rows.0.min(r), rows.1.max(r));
                cols = (cols.0.min(c0.min(c1)), cols.1.max(c0.max(c1)));
            };
            let (mut seen_bof, mut depth) = (false, 0usize);
            for rec in records(stream, pos) {
                let (typ, data) = (rec.typ, rec.data);
                if depth > 0 {
                    match typ {
                        0x0809 => depth += 1,
                        0x000A => depth -= 1,
                        _ => {}
                    }
                    continue;
                }
                let at = |i| u16_at(data, i).map_or(0, u32::from);
                match typ {
                    0x0809 if seen_bof => depth += 1,
                    0x0809 => seen_bof = true,
                    0x000A => break,
                    0x0200 => {
                        let (rf, rl, cf, cl) = match data.len() {
                            10 => (at(0), at(2), at(4), at(6)),
                            14 | 16 => (
                                u32_at(data, 0).unwrap_or(0),
                                u32_at(data, 4).unwrap_or(0),
                                at(8),
                                at(10),
                            ),
                            _ => continue,
                        };
                        let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                        if rl >= 1 && cl >= 1 {
                            let (last_row, last_col) = (rl - 1, cl - 1);
                            if last_row < rf || last_col < cf {
                                return Err(broken("a sheet's dimensions are inverted"));
                            }
                            let span = (u64::from(last_row - rf) + 1)
                                .saturating_mul(u64::from(last_col - cf) + 1);
                            if span > MAX_CELLS as u64 {
                                return Err(too_large(format!(
                                    "a sheet declares {span} cells, the limit is {MAX_CELLS}"
                                )));
                            }
                        }
                    }
                    // Formula: row, column, format, value (8), flags, cache, then the formula's
                    // length and tokens. Its length set to 0; too short for one, skipped.
                    0x0006 if (20..22).contains(&data.len()) => edits.push((rec.start, 0)),
                    0x0006 if data.len() >= 22 => {
                        cell(at(0), at(2), at(2));
                        if at(20) != 0 {
                            edits.push((rec.start + 4 + 20, 0));
                        }
                    }
                    // Cells: row and column first.
                    0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                        cell(at(0), at(2), at(2))
                    }
                    // MulRk: row, first column, …, last column.
                    0x00BD if data.len() >= 6 => {
                        if at(data.len() - 2) < at(2) {
                            return Err(broken("a row of numbers ends before it starts"));
                        }
                        cell(at(0), at(2), at(data.len() - 2))
                    }
                    // MergeCells: a count, then 8 bytes for each region.
                    0x00E5 if data.len() < 2 + 8 * at(0) as usize => {
                        return Err(broken("a merged-cells record is too short"))
                    }
                    _ => {}
                }
            }
            if rows.0 <= rows.1 {
                let span =
                    (u64::from(rows.1 - rows.0) + 1).saturating_mul(u64::from(cols.1 - cols.0) + 1);
                if span > MAX_CELLS as u64 {
                    return Err(too_large(format!(
                        "a sheet's cells span {span} cells, the limit is {MAX_CELLS}"
                    )));
                }
            }
        }
        Ok(edits)
    }

    /// A compound file (version 4, 4096-byte sectors) holding only the workbook stream, at
    /// least as long as the mini-stream cut-off so that it sits in regular sectors.
    pub(super) fn rebuild(stream: &[u8]) -> Result<Vec<u8>, ReadError> {
        let declared = stream.len().max(MINI_CUTOFF);
        let data_sectors = declared.div_ceil(OUT_SECTOR);
        let per_fat = OUT_SECTOR / 4;
        let mut fat_sectors = 1;
        while data_sectors + fat_sectors + 1 > fat_sectors * per_fat {
            fat_sectors += 1;
        }
        if fat_sectors > 109 {
            return Err(too_large("its workbook stream is too long".into()));
        }
        let dir_sector = data_sectors + fat_sectors;
        let total = (1 + dir_sector + 1) * OUT_SECTOR;
        let mut out = vec![0u8; total];
        let put16 =
            |out: &mut [u8], at: usize, v: u16| out[at..at + 2].copy_from_slice(&v.to_le_bytes());
        let put32 =
            |out: &mut [u8], at: usize, v: u32| out[at..at + 4].copy_from_slice(&v.to_le_bytes());
        // Header.
        out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        put16(&mut out, 24, 0x003E);
        put16(&mut out, 26, 4);
        put16(&mut out, 28, 0xFFFE);
        put16(&mut out, 30, 12);
        put16(&mut out, 32, 6);
        put32(&mut out, 40, 1);
        put32(&mut out, 44, fat_sectors as u32);
        put32(&mut out, 48, dir_sector as u32);
        put32(&mut out, 56, MINI_CUTOFF as u32);
        put32(&mut out, 60, ENDOFCHAIN);
        put32(&mut out, 64, 0);
        put32(&mut out, 68, ENDOFCHAIN);
        put32(&mut out, 72, 0);
        for i in 0..109 {
            let id = if i < fat_sectors {
                (data_sectors + i) as u32
            } else {
                FREESECT
            };
            put32(&mut out, 76 + 4 * i, id);
        }
        let offset = |id: usize| (id + 1) * OUT_SECTOR;
        // The stream, zero-padded.
        out[offset(0)..offset(0) + stream.len()].copy_from_slice(stream);
        // The allocation table.
        for id in 0..fat_sectors * per_fat {
            let next = if id + 1 < data_sectors {
                (id + 1) as u32
            } else if id + 1 == data_sectors || id == dir_sector {
                ENDOFCHAIN
            } else if id >= data_sectors && id < dir_sector {
                FATSECT
            } else {
                FREESECT
            };
            put32(&mut out, offset(data_sectors) + 4 * id, next);
        }
        // The directory: the root, then the workbook stream.
        let dir = offset(dir_sector);
        let mut entry = |index: usize, name: &str, kind: u8, start: u32, size: u64| {
            let at = dir + 128 * index;
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                put16(&mut out, at + 2 * i, *u);
            }
            put16(&mut out, at + 64, (2 * units.len() + 2) as u16);
            out[at + 66] = kind;
            out[at + 67] = 1;
            for link in [68, 72, 76] {
                put32(&mut out, at + link, FREESECT);
            }
            put32(&mut out, at + 116, start);
            out[at + 120..at + 128].copy_from_slice(&size.to_le_bytes());
        };
        entry(0, "Root Entry", 5, 0, 0);
        entry(1, "Workbook", 2, 0, declared as u64);
        put32(&mut out, dir + 76, 1);
        for index in 2..OUT_SECTOR / 128 {
            let at = dir + 128 * index;
            for link in [68, 72, 76] {
                put32(&mut out, at + link, FREESECT);
            }
            put32(&mut out, at + 116, ENDOFCHAIN);
        }
        Ok(out)
    }
}

/// OpenDocument spreadsheets: calamine expands repeated rows and cells (up to its own cap of
/// 100 million cells, gigabytes) before a cell reaches us, so content.xml is scanned first, as
/// a stream, for what that expansion would come to.
mod ods_check {
    use super::{ReadError, MAX_CELLS};
    use std::io::Read;

    /// The longest tag read whole (a tag of attributes longer than this is refused).
    const MAX_TAG: usize = 1024 * 1024;
    const MAX_ROWS: u64 = super::MAX_ROWS as u64;
    const MAX_COLUMNS: u64 = super::MAX_COLUMNS as u64;

    /// Calls `on_tag` with the inside of each tag (between `<` and `>`), comments, processing
    /// instructions, CDATA and declarations skipped; quoted `>` do not end a tag.
    fn scan_tags(
        mut xml: impl Read,
        mut on_tag: impl FnMut(&[u8]) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        #[derive(PartialEq)]
        enum State {
            Text,
            Tag(Option<u8>),
            Skip(&'static [u8]),
        }
        let mut state = State::Text;
        let mut tag = Vec::new();
        let mut tail = [0u8; 3];
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match xml.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ReadError::Damaged(e.to_string())),
            };
            for &b in &buf[..n] {
                match &mut state {
                    State::Text => {
                        if b == b'<' {
                            tag.clear();
                            state = State::Tag(None);
                        }
                    }
                    State::Skip(end) => {
                        tail.copy_within(1.., 0);
                        tail[2] = b;
                        if tail.ends_with(end) {
                            state = State::Text;
                        }
                    }
                    State::Tag(quote) => {
                        match (*quote, b) {
                            (None, b'>') => {
                                on_tag(&tag)?;
                                state = State::Text;
                                continue;
                            }
                            (None, b'"' | b'\'') => *quote = Some(b),
                            (Some(q), _) if q == b => *quote = None,
                            _ => {}
                        }
                        tag.push(b);
                        if tag.len() > MAX_TAG {
                            return Err(ReadError::TooLarge("an element of more than 1 MB".into()));
                        }
                        let skip: Option<&'static [u8]> = match tag.as_slice() {
                            b"!--" => Some(b"-->"),
                            b"?" => Some(b"?>"),
                            b"![CDATA[" => Some(b"]]>"),
                            _ => None,
                        };
                        if let Some(end) = skip {
                            tail = [0; 3];
                            state = State::Skip(end);
                        }
                    }
                }
            }
        }
    }

    /// The local name of a tag and whether it closes (`</x>`) or is empty (`<x/>`).
    fn name_of(tag: &[u8]) -> (&[u8], bool, bool) {
        let closing = tag.first() == Some(&b'/');
        let body = if closing { &tag[1..] } else { tag };
        let end = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        let name = &body[..end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        (local, closing, tag.last() == Some(&b'/'))
    }

    /// The value of the first attribute with this local name.
    fn attr<'a>(tag: &'a [u8], local: &[u8]) -> Option<&'a [u8]> {
        let mut rest = tag;
        // Skip the element name.
        let start = rest.iter().position(|b| b.is_ascii_whitespace())?;
        rest = &rest[start..];
        loop {
            let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            rest = &rest[start..];
            let eq = rest.iter().position(|b| *b == b'=')?;
            let name = rest[..eq].trim_ascii();
            rest = rest[eq + 1..].trim_ascii_start();
            let quote = *rest.first()?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let close = rest[1..].iter().position(|b| *b == quote)? + 1;
            let value = &rest[1..close];
            rest = &rest[close + 1..];
            let name_local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
            if name_local == local {
                return Some(value);
            }
        }
    }

    /// A repeat count as calamine takes it (at least 1), saturating.
    fn repeats(tag: &[u8], local: &[u8]) -> u64 {
        attr(tag, local)
            .and_then(|v| std::str::from_utf8(v).ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1)
    }

    #[derive(Default)]
    struct TableCount {
        /// Rows so far (repeats counted, capped like calamine at the grid's height).
        rows: u64,
        /// Cells calamine keeps before expanding rows: per row, up to its last non-empty cell.
        stored: u64,
        /// Rows from the first non-empty row to the last one, repeats counted.
        span_rows: u64,
        /// Empty rows since the last non-empty one (counted into the span if one follows).
        pending_empty: u64,
        /// The widest row, up to its last non-empty cell.
        width: u64,
        seen: bool,
    }

    impl TableCount {
        fn check(&self) -> Result<(), ReadError> {
            let span = self.span_rows.saturating_mul(self.width);
            if self.stored > MAX_CELLS as u64 || span > MAX_CELLS as u64 {
                return Err(ReadError::TooLarge(format!(
                    "a sheet repeats its rows and cells to more than {MAX_CELLS} cells"
                )));
            }
            Ok(())
        }
    }

    /// Refuses content.xml whose repeated rows and cells would expand past [`MAX_CELLS`] in a
    /// table. A cell counts as filled when it has a value or formula attribute or any content,
    /// so the count is never below calamine's.
    pub(super) fn check_content(xml: impl Read) -> Result<(), ReadError> {
        let mut table = TableCount::default();
        // The row being read: its repeat count, its width so far, up to its last filled cell.
        let mut row: Option<(u64, u64, u64)> = None;
        scan_tags(xml, |tag| {
            let (name, closing, empty) = name_of(tag);
            match (name, closing) {
                (b"table", false) => table = TableCount::default(),
                (b"table-row", false) => {
                    let n = repeats(tag, b"number-rows-repeated");
                    let n = n.min(MAX_ROWS.saturating_sub(table.rows));
                    table.rows += n;
                    row = Some((n, 0, 0));
                    if empty {
                        // Expanded into a start and an end: an empty row.
                        table.pending_empty = table.pending_empty.saturating_add(n);
                        row = None;
                    }
                }
                (b"table-cell" | b"covered-table-cell", false) => {
                    if let Some((_, width, filled)) = &mut row {
                        let n = repeats(tag, b"number-columns-repeated");
                        *width = width.saturating_add(n).min(MAX_COLUMNS);
                        let has_value = [
                            &b"value-type"[..],
                            b"value",
                            b"formula",
                            b"date-value",
                            b"time-value",
                            b"boolean-value",
                            b"string-value",
                        ]
                        .iter()
                        .any(|a| attr(tag, a).is_some());
                        if has_value || !empty {
                            *filled = *width;
                        }
                    }
                }
                (b"table-row", true) => {
                    if let Some((n, _, filled)) = row.take() {
                        if filled > 0 {
                            table.stored = table.stored.saturating_add(filled);
                            table.span_rows = if table.seen {
                                table
                                    .span_rows
                                    .saturating_add(table.pending_empty)
                                    .saturating_add(n)
                            } else {
                                n
                            };
                            table.seen = true;
                            table.pending_empty = 0;
                            table.width = table.width.max(filled);
                        } else if table.seen {
                            table.pending_empty = table.pending_empty.saturating_add(n);
                        }
                        table.check()?;
                    }
                }
                _ => {}
            }
            Ok(())
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn content(rows: &str) -> String {
            format!(
                "<?xml version=\"1.0\"?><!-- <table:table-row> --><office:document-content>\
                 <table:table table:name=\"a>b\">{rows}</table:table></office:document-content>"
            )
        }

        #[test]
        fn repeats_are_counted_as_calamine_expands_them() {
            let cell = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;
            let wide = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float"/></table:table-row>"#;
            assert!(matches!(
                check_content(content(wide).as_bytes()),
                Err(ReadError::TooLarge(_))
            ));
            // Empty rows between two filled ones are expanded too.
            let gap = format!(
                r#"<table:table-row>{cell}<table:table-cell table:number-columns-repeated="999"/>{cell}</table:table-row><table:table-row table:number-rows-repeated="5000"><table:table-cell/></table:table-row><table:table-row>{cell}</table:table-row>"#
            );
            assert!(matches!(
                check_content(content(&gap).as_bytes()),
                Err(ReadError::TooLarge(_))
            ));
            // LibreOffice's trailing fill (empty rows and cells to the grid's end) is not.
            let fill = format!(
                r#"<table:table-row>{cell}{cell}</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
            );
            assert_eq!(check_content(content(&fill).as_bytes()), Ok(()));
        }
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
            Err(ReadError::Damaged(why)) if why.contains("loops")
        ));
        let mut stray = file.clone();
        stray[fat..fat + 4].copy_from_slice(&5000u32.to_le_bytes());
        assert!(matches!(
            ole::workbook_stream(&stray),
            Err(ReadError::Damaged(_))
        ));
        // An id whose offset overflows a 32-bit usize (wasm32).
        let mut far = file.clone();
        far[fat..fat + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        assert!(matches!(
            ole::workbook_stream(&far),
            Err(ReadError::Damaged(_))
        ));
        assert!(matches!(
            ole::workbook_stream(&file[..file.len() / 2]),
            Err(ReadError::Damaged(_))
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
                Err(ReadError::Damaged(_))
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
            Err(ReadError::Damaged(_))
        ));
    }
}
