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
