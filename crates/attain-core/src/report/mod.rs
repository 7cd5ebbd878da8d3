//! What leaves the engine for people: numbers formatted per language, warnings and the summary
//! in words, and exports.

pub mod csv;
pub mod docx;
pub mod format;
pub mod html;
pub mod messages;
pub mod official;
pub mod summary;
pub mod xlsx;

pub use format::Lang;

/// A file laid out by the session, for whoever holds the writers (the command line, or the
/// browser's export module) to write.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Plan {
    /// An Excel workbook.
    Workbook(xlsx::Book),
    /// A Word document.
    Document(Box<docx::Document>),
}

/// A plan's file: its bytes, or why the writer failed.
pub fn write(plan: &Plan) -> Result<Vec<u8>, xlsx::ExportError> {
    match plan {
        Plan::Workbook(book) => xlsx::write(book),
        Plan::Document(doc) => docx::write(doc),
    }
}
