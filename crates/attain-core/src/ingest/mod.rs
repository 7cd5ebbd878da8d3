//! Bytes of a file → [`Workbook`]. The format is decided from the bytes themselves (a zip or an
//! OLE container for workbooks, text otherwise), with the file name only as a hint, so a renamed
//! or damaged file gets a message that says what it really is.

mod excel;
pub mod numbers;
mod text;
mod xlsb;
mod xlsx_merges;

use crate::model::Workbook;
use thiserror::Error;

/// The most cells a sheet may hold: a million rows of ten columns. Reports have thousands; a
/// sheet beyond this is refused before its cells are stored, whatever size it declares.
pub const MAX_CELLS: usize = 10_000_000;

/// The largest file read at all (bytes).
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// Why a file could not be read. Each message says what is wrong and what the user can do.
#[derive(Clone, Debug, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// A PDF document, not a spreadsheet.
    #[error("this is a PDF document, not a spreadsheet; open the report in Excel and save it as .xlsx or .csv")]
    Pdf,
    /// Bytes that are neither a workbook nor text.
    #[error("this is not a spreadsheet or text file that Attain can read ({0}); use .xlsx, .xls, .xlsb, .ods, .csv, .tsv or .txt")]
    Unsupported(String),
    /// The name says workbook, the bytes do not.
    #[error("the file is named .{extension} but its content is not an Excel or OpenDocument workbook; it may be damaged or renamed")]
    NotAWorkbook {
        /// The extension the file was named with.
        extension: String,
    },
    /// A workbook container whose content could not be read.
    #[error("the workbook could not be read ({0}); it may be damaged: open it in Excel and save it again")]
    Damaged(String),
    /// Protected by a password.
    #[error("the workbook is protected by a password; open it in Excel, remove the password (File › Info › Protect Workbook) and save a copy")]
    Encrypted,
    /// No sheet holds anything.
    #[error("the file holds no data")]
    NoData,
    /// The reader stopped without an answer (in the browser: its worker crashed).
    #[error("the reader stopped while reading this file; the file may be damaged or too complex. Attain has restarted its reader: try another file, or save this one again from Excel")]
    ReaderStopped,
    /// Too large to read safely in the browser.
    #[error("the file is too large to read here ({0}); split the report or remove unused sheets")]
    TooLarge(String),
}

/// What the user decided about reading a text file, over what the engine would detect.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// The text encoding by its WHATWG label ("windows-1258", "utf-16le"); `None` detects it.
    pub encoding: Option<String>,
    /// The field separator; `None` sniffs it.
    pub delimiter: Option<char>,
    /// How fields are quoted; double quotes unless the user says otherwise.
    pub quote: Quote,
}

/// The quoting of a text file's fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Quote {
    /// `"Ba Tri, Bến Tre"` (Excel, LibreOffice and almost every export).
    #[default]
    Double,
    /// `'Ba Tri, Bến Tre'` (some database exports).
    Single,
    /// No quoting: a `"` is a character like any other (`5" screen`).
    None,
}

impl Quote {
    /// The quote byte, or none.
    pub fn byte(self) -> Option<u8> {
        match self {
            Quote::Double => Some(b'"'),
            Quote::Single => Some(b'\''),
            Quote::None => None,
        }
    }
}

/// The encodings offered when the user overrides the detected one, by label.
pub const ENCODINGS: &[&str] = &[
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1258",
    "windows-1252",
    "windows-1250",
    "ISO-8859-2",
    "macintosh",
];

/// The separators offered when the user overrides the sniffed one.
pub const DELIMITERS: &[char] = &[',', ';', '\t', '|'];

/// Reads a file's bytes into a workbook. `file_name` is used for messages and as a hint.
pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_workbook_with(file_name, bytes, &ReadOptions::default())
}

/// Reads a file's bytes into a workbook, with the user's choices for text files.
pub fn read_workbook_with(
    file_name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Workbook, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(format!(
            "{} MB, the limit is {} MB",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut hint = None;
    let mut workbook = if bytes.starts_with(b"PK\x03\x04") {
        hint = crate::legacy::font_hint(excel::font_names(bytes).iter().map(String::as_str));
        excel::read_zip(file_name, &extension, bytes)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        excel::read_ole(file_name, bytes)?
    } else if bytes.starts_with(b"%PDF") {
        return Err(ReadError::Pdf);
    } else if matches!(
        extension.as_str(),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "xltx" | "xltm"
    ) {
        return Err(ReadError::NotAWorkbook { extension });
    } else {
        text::read_text(file_name, bytes, options)?
    };
    if workbook.sheets.iter().all(|s| s.is_blank()) {
        return Err(ReadError::NoData);
    }
    // A text file's hint is what its text as a whole reads as.
    let hint = hint.or(workbook.legacy_hint);
    // Text typed in a TCVN3 or VNI font becomes Unicode before anything reads it.
    for sheet in &mut workbook.sheets {
        crate::legacy::convert_sheet(sheet, &[], hint);
    }
    workbook.legacy_hint = hint;
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_pdf_and_renamed_files_say_why() {
        assert_eq!(read_workbook("a.csv", b""), Err(ReadError::Empty));
        assert_eq!(
            read_workbook("bao-cao.pdf", b"%PDF-1.4\n1 0 obj"),
            Err(ReadError::Pdf)
        );
        assert_eq!(
            read_workbook("bao-cao.xlsx", &[0x13, 0x37, 0xfe, 0x00, 0x42]),
            Err(ReadError::NotAWorkbook {
                extension: "xlsx".into()
            })
        );
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_damaged() {
        // A zip header followed by garbage.
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(&[7u8; 64]);
        assert!(matches!(
            read_workbook("bao-cao.xlsx", &bytes),
            Err(ReadError::Damaged(_))
        ));
    }
}
