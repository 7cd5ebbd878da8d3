//! Workbooks through calamine, the reader picked from the container so that its real error
//! reaches the user.

use super::{ReadError, MAX_CELLS};
use crate::model::{Cell, Sheet, SourceFormat, Workbook};
use crate::text::nfc;
use calamine::{Data, Ods, Range, Reader, SheetVisible, Xls, Xlsb, Xlsx};
use std::io::Cursor;

/// A zip container: xlsx/xlsm, xlsb or ods, told apart by the parts inside.
pub(super) fn read_zip(
    file_name: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<Workbook, ReadError> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if has(b"mimetypeapplication/vnd.oasis.opendocument") || extension == "ods" {
        let wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
        return collect(file_name, SourceFormat::Ods, wb);
    }
    if has(b"xl/workbook.bin") || (extension == "xlsb" && !has(b"xl/workbook.xml")) {
        let wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
        return collect(file_name, SourceFormat::Xlsb, wb);
    }
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    collect(file_name, SourceFormat::Xlsx, wb)
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
    collect(file_name, SourceFormat::Xls, wb)
}

fn damaged(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Damaged(e.to_string())
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    damaged(&e)
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

fn collect<RS, R>(file_name: &str, format: SourceFormat, mut wb: R) -> Result<Workbook, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let metas: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| matches!(s.typ, calamine::SheetType::WorkSheet))
        .map(|s| (s.name.clone(), !matches!(s.visible, SheetVisible::Visible)))
        .collect();
    let mut sheets = Vec::with_capacity(metas.len());
    for (name, hidden) in metas {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| ReadError::Damaged(format!("sheet \u{201c}{name}\u{201d}: {e}")))?;
        sheets.push(Sheet {
            rows: cells_of(&name, &range)?,
            name: nfc(&name),
            hidden,
        });
    }
    if sheets.is_empty() {
        return Err(ReadError::NoData);
    }
    Ok(Workbook {
        file_name: file_name.to_string(),
        format,
        sheets,
    })
}

/// The range's cells at their absolute positions, so row numbers match the spreadsheet's.
fn cells_of(sheet: &str, range: &Range<Data>) -> Result<Vec<Vec<Cell>>, ReadError> {
    let Some((row0, col0)) = range.start() else {
        return Ok(Vec::new());
    };
    let (height, width) = range.get_size();
    let (row0, col0) = (row0 as usize, col0 as usize);
    let cells = (row0 + height).saturating_mul(col0 + width);
    if cells > MAX_CELLS {
        return Err(ReadError::TooLarge(format!(
            "sheet \u{201c}{sheet}\u{201d} spans {} rows × {} columns",
            row0 + height,
            col0 + width
        )));
    }
    let mut rows = vec![Vec::new(); row0];
    for source in range.rows() {
        let mut row = vec![Cell::Empty; col0];
        row.extend(source.iter().map(cell_of));
        while row.last().is_some_and(Cell::is_blank) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    Ok(rows)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(nfc(s)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if (hh, mm, ss) == (0, 0, 0) {
                Cell::Date(format!("{y:04}-{m:02}-{d:02}"))
            } else {
                Cell::Date(format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}"))
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
