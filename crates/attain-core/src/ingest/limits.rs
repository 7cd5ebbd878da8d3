//! The caps every reader works within. Nothing a file declares (dimensions, counts, sizes)
//! decides an allocation: what goes past these is refused with [`super::Limit`] and its sizes.

/// The most cells a sheet may hold: a million rows of ten columns. Reports have thousands; a
/// sheet beyond this is refused before its cells are stored, whatever size it declares.
pub const MAX_CELLS: usize = 10_000_000;

/// The largest file read at all (bytes).
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

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
