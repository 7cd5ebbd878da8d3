//! The zip package of an .xlsx, .xlsb or .ods workbook: its part names as they are compared,
//! and its errors.

use super::{Part, ReadError};

/// A zip part's name as parts are compared: forward slashes, no leading one, lower case
/// (packages differ in all three, and calamine accepts them all).
pub(crate) fn part_key(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_ascii_lowercase()
}

/// The zip package is broken (as the zip reader says).
pub(crate) fn damaged(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged(Part::Package, e)
}
