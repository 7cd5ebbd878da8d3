//! What leaves the engine for people: numbers formatted per language, and exports.

pub mod csv;
pub mod format;

pub use format::Lang;
