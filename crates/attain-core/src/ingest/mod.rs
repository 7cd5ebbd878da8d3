//! Bytes of a file → [`Workbook`]. The format is decided from the bytes themselves (a zip or an
//! OLE container for workbooks, text otherwise), with the file name only as a hint, so a renamed
//! or damaged file gets a message that says what it really is.

mod excel;
pub mod limits;
pub mod numbers;
mod package;
mod text;
mod xlsb;
mod xlsx_merges;

use crate::model::Workbook;
pub use limits::{MAX_BYTES, MAX_CELLS};

/// Why a file could not be read: structured facts (what failed, which part or limit, the
/// sizes), worded for people in Vietnamese and English by [`crate::report::messages`]. The
/// low-level cause a library or a check gives is kept as a `detail` for "chi tiết" / "details".
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    /// The file has no bytes.
    Empty,
    /// A PDF document, not a spreadsheet.
    Pdf,
    /// Bytes that are neither a workbook nor text.
    Unsupported(Found),
    /// The name says workbook, the bytes do not.
    NotAWorkbook {
        /// The extension the file was named with.
        extension: String,
    },
    /// A workbook or text whose content could not be read.
    Damaged {
        /// Where the damage is.
        part: Part,
        /// The low-level cause, as the library or check gave it.
        detail: String,
    },
    /// Protected by a password.
    Encrypted,
    /// No sheet holds anything.
    NoData,
    /// The reader stopped without an answer (in the browser: its worker crashed).
    ReaderStopped,
    /// The page and its reader did not understand each other's messages (in the browser: a
    /// page and a worker of different versions).
    ReaderMismatch {
        /// What could not be decoded.
        detail: String,
    },
    /// The browser would not hand over the file's bytes (permissions, a file moved or
    /// removed since it was picked).
    BrowserRefused {
        /// The browser's own words.
        detail: String,
    },
    /// Too large to read safely in the browser.
    TooLarge(Limit),
}

/// What a file that is neither a workbook nor text turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Found {
    /// A zip archive with no workbook inside (a .docx, a compressed folder).
    ZipWithoutWorkbook,
    /// An Office compound file with no workbook inside (a .doc, a .ppt).
    OfficeWithoutWorkbook,
    /// Bytes that are not text (a picture, a program).
    Binary,
}

/// The part of a file found damaged.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Part {
    /// The zip package of an .xlsx, .xlsb or .ods workbook.
    Package,
    /// The compound file that holds an .xls workbook.
    CompoundFile,
    /// The workbook's own records: its list of sheets, shared texts and styles.
    Workbook,
    /// The cells of one sheet, by name.
    Sheet(String),
    /// The lines of a text file.
    Text,
}

/// A limit a file goes beyond. Sizes in bytes and counts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Limit {
    /// The file's own size.
    FileSize {
        /// The file's size.
        bytes: u64,
        /// The largest file read.
        max: u64,
    },
    /// The parts of a zip package, inflated.
    Inflated {
        /// The most they may inflate to.
        max: u64,
    },
    /// The distinct texts a workbook declares.
    SharedStrings {
        /// How many it declares.
        declared: u64,
        /// The most accepted.
        max: u64,
    },
    /// The cells of a sheet (or of the whole text file), in use or declared.
    Cells {
        /// The sheet, when the reader knows it.
        sheet: Option<String>,
        /// How many cells it holds or declares, when known.
        declared: Option<u64>,
        /// The most accepted.
        max: u64,
    },
    /// A cell beyond the grid Excel itself allows.
    Grid {
        /// The sheet.
        sheet: String,
        /// Rows in the grid.
        rows: u64,
        /// Columns in the grid.
        columns: u64,
    },
    /// A cell holding more text than accepted.
    CellText {
        /// The sheet.
        sheet: String,
        /// The cell's text.
        bytes: u64,
        /// The most accepted.
        max: u64,
    },
    /// One element of an OpenDocument's content.
    Element {
        /// The most accepted.
        max: u64,
    },
    /// An .xls workbook stream longer than the reader rebuilds.
    WorkbookStream,
}

impl ReadError {
    /// A damaged part, with the cause a library or a check gave.
    pub fn damaged(part: Part, detail: impl std::fmt::Display) -> Self {
        ReadError::Damaged {
            part,
            detail: detail.to_string(),
        }
    }

    /// The low-level cause, shown only behind "chi tiết" / "details".
    pub fn detail(&self) -> Option<&str> {
        match self {
            ReadError::Damaged { detail, .. }
            | ReadError::ReaderMismatch { detail }
            | ReadError::BrowserRefused { detail } => Some(detail),
            _ => None,
        }
    }
}

/// In English, as [`crate::report::messages::read_error`] words it.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reason = crate::report::messages::read_error(crate::report::Lang::En, self);
        f.write_str(&reason)
    }
}

impl std::error::Error for ReadError {}

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
        return Err(ReadError::TooLarge(Limit::FileSize {
            bytes: bytes.len() as u64,
            max: MAX_BYTES as u64,
        }));
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
            Err(ReadError::Damaged {
                part: Part::Package,
                ..
            })
        ));
    }
}
