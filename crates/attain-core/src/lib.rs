//! Attain's engine: bytes of a report in, per-unit rates and gaps out.
//!
//! Data flows one way: [`ingest::read_workbook`] turns bytes into a [`model::Workbook`],
//! [`table::Table::from_sheet`] finds the table in a sheet, an [`analysis::Mapping`] says which
//! columns hold the unit, the target and the achieved count, [`analysis::analyze`] computes the
//! results, and [`report`] formats and exports them. Nothing here knows it runs in a browser.

#![warn(missing_docs)]

pub mod analysis;
pub mod dates;
pub mod ingest;
pub mod legacy;
pub mod list;
pub mod model;
pub mod num;
pub mod office;
pub mod places;
pub mod register;
pub mod report;
pub mod sample;
pub mod session;
pub mod table;
pub mod text;
pub mod vocab;

pub use analysis::{analyze, Analysis, Mapping, MappingError, UnitResult};
pub use ingest::{read_workbook, read_workbook_with, Quote, ReadError, ReadOptions};
pub use model::{Cell, CellRef, Sheet, SourceFormat, Workbook};
pub use table::{Table, Value};
