//! The tidy results as Parquet (`attain analyze … --format parquet`): one row per unit and
//! indicator of every reporting date (as-of date, parents, unit, indicator, achieved, target,
//! rate, gap, source file), so that years of reports from every province load straight into
//! DuckDB, Spark or a warehouse. The command line's only: the app's bundle never carries it.

use attain_core::analysis::Analysis;
use attain_core::dates::Date;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::sync::Arc;

/// How many parent levels get a column of their own (province, district, commune).
pub const PARENT_COLUMNS: usize = 3;

const SCHEMA: &str = "message attain_results {
    OPTIONAL INT32 as_of (DATE);
    OPTIONAL BYTE_ARRAY parent_1 (UTF8);
    OPTIONAL BYTE_ARRAY parent_2 (UTF8);
    OPTIONAL BYTE_ARRAY parent_3 (UTF8);
    REQUIRED BYTE_ARRAY parents (UTF8);
    REQUIRED BYTE_ARRAY unit (UTF8);
    REQUIRED BYTE_ARRAY indicator (UTF8);
    OPTIONAL DOUBLE achieved;
    OPTIONAL DOUBLE target;
    OPTIONAL DOUBLE rate;
    OPTIONAL DOUBLE gap;
    REQUIRED BYTE_ARRAY file (UTF8);
}";

/// One report to write: its date, its results, and the file its units come from when it is
/// one file's.
pub struct Dated<'a> {
    /// The as-of date.
    pub as_of: Option<Date>,
    /// The results.
    pub analysis: &'a Analysis,
    /// The file of a report of one file (a combined report names each unit's).
    pub file: &'a str,
}

/// A column being filled: values of the rows that have one, and each row's definition level
/// (1: a value, 0: none).
#[derive(Default)]
struct Column<T> {
    values: Vec<T>,
    defined: Vec<i16>,
}

impl<T> Column<T> {
    fn push(&mut self, v: Option<T>) {
        self.defined.push(i16::from(v.is_some()));
        self.values.extend(v);
    }
}

/// The reports' units as one Parquet file.
pub fn write(reports: &[Dated]) -> Result<Vec<u8>, ParquetError> {
    let mut as_of: Column<i32> = Column::default();
    let mut parent: [Column<ByteArray>; PARENT_COLUMNS] = Default::default();
    let (mut parents, mut unit, mut indicator, mut file) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut figures: [Column<f64>; 4] = Default::default();
    for r in reports {
        let day = r.as_of.and_then(|d| i32::try_from(d.days()).ok());
        for ind in &r.analysis.indicators {
            for u in &ind.units {
                as_of.push(day);
                for (k, column) in parent.iter_mut().enumerate() {
                    let name = u.parents.get(k).filter(|p| !p.is_empty());
                    column.push(name.map(|p| ByteArray::from(p.as_str())));
                }
                parents.push(ByteArray::from(u.parents.join(" \u{203a} ").into_bytes()));
                unit.push(ByteArray::from(&*u.unit));
                indicator.push(ByteArray::from(ind.name.as_str()));
                let source = r
                    .analysis
                    .files
                    .get(u.file as usize)
                    .map_or(r.file, String::as_str);
                file.push(ByteArray::from(source));
                let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
                let values = [u.achieved.get(), u.target.get(), u.rate(), u.gap()];
                for (column, v) in figures.iter_mut().zip(values) {
                    column.push(finite(v));
                }
            }
        }
    }
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let props = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(Vec::new(), schema, props)?;
    let mut group = writer.next_row_group()?;
    let mut k = 0;
    while let Some(mut column) = group.next_column()? {
        match k {
            0 => {
                column.typed::<Int32Type>().write_batch(
                    &as_of.values,
                    Some(&as_of.defined),
                    None,
                )?;
            }
            1..=3 => {
                let c = &parent[k - 1];
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&c.values, Some(&c.defined), None)?;
            }
            4..=6 => {
                let values = [&parents, &unit, &indicator][k - 4];
                column
                    .typed::<ByteArrayType>()
                    .write_batch(values, None, None)?;
            }
            7..=10 => {
                let c = &figures[k - 7];
                column
                    .typed::<DoubleType>()
                    .write_batch(&c.values, Some(&c.defined), None)?;
            }
            _ => {
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&file, None, None)?;
            }
        }
        column.close()?;
        k += 1;
    }
    group.close()?;
    writer.into_inner()
}
