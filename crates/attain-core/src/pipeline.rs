//! The whole path from a read workbook to results, as the command line runs it and as the app's
//! state runs it step by step: the best table (or the sheet asked for), the as-of date, the
//! suggested mapping, the analysis; several files become reporting dates, compared in date
//! order, with the outlook against a deadline.

use crate::analysis::series::{compare, outlook, Comparison, Dated, MatchFix, Outlook};
use crate::analysis::MappingError;
use crate::analysis::{analyze, suggest, Analysis, Suggestion};
use crate::dates::{find_as_of, Date};
use crate::ingest::ReadError;
use crate::model::Workbook;
use crate::table::{best_table, Table, TableError};

/// One file's table and results.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// The file's name.
    pub file: String,
    /// The sheet used.
    pub sheet: String,
    /// The report's as-of date, when found.
    pub as_of: Option<Date>,
    /// The table.
    pub table: Table,
    /// The suggested mapping.
    pub suggestion: Suggestion,
    /// The results of the suggested mapping.
    pub analysis: Analysis,
}

/// Why a file gave no results, naming the file. Worded by
/// [`crate::report::messages::dataset_error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatasetError {
    /// The file could not be read.
    Read {
        /// The file.
        file: String,
        /// Why.
        error: ReadError,
    },
    /// No sheet of the name asked for.
    NoSuchSheet {
        /// The file.
        file: String,
        /// The name asked for.
        sheet: String,
    },
    /// No table in the sheet.
    Table {
        /// The file.
        file: String,
        /// Why.
        error: TableError,
    },
    /// No column of unit names and figures to suggest a mapping from.
    NoMapping {
        /// The file.
        file: String,
    },
    /// The suggested mapping could not be applied.
    Mapping {
        /// The file.
        file: String,
        /// Why.
        error: MappingError,
    },
    /// No sheet of the workbook holds a table (each sheet asked for as a reporting date).
    NoSheetWithTable {
        /// The file.
        file: String,
    },
}

/// In English, as [`crate::report::messages::dataset_error`] words it.
impl std::fmt::Display for DatasetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::report::messages::dataset_error(crate::report::Lang::En, self);
        f.write_str(&text)
    }
}

impl std::error::Error for DatasetError {}

/// Reads the table of a workbook (the sheet named, or the one most like a report) and analyses
/// it with the suggested mapping.
pub fn dataset(
    file: &str,
    workbook: &Workbook,
    sheet: Option<&str>,
) -> Result<Dataset, DatasetError> {
    let file_name = || file.to_string();
    let (index, table) = match sheet {
        Some(name) => {
            let i = workbook
                .sheets
                .iter()
                .position(|s| s.name == name)
                .ok_or_else(|| DatasetError::NoSuchSheet {
                    file: file_name(),
                    sheet: name.to_string(),
                })?;
            (i, Table::from_sheet(&workbook.sheets[i]))
        }
        None => best_table(workbook),
    };
    let table = table.map_err(|error| DatasetError::Table {
        file: file_name(),
        error,
    })?;
    let sheet = &workbook.sheets[index];
    let suggestion =
        suggest(&table).ok_or_else(|| DatasetError::NoMapping { file: file_name() })?;
    let analysis = analyze(&table, &suggestion.mapping).map_err(|error| DatasetError::Mapping {
        file: file_name(),
        error,
    })?;
    Ok(Dataset {
        file: file.to_string(),
        sheet: sheet.name.clone(),
        as_of: find_as_of(sheet, Some(&table), file).map(|a| a.date),
        table,
        suggestion,
        analysis,
    })
}

/// Several reporting dates: the latest, its comparison with the one before, the outlook.
#[derive(Clone, Debug)]
pub struct SeriesReport {
    /// Index of the latest dataset.
    pub latest: usize,
    /// The latest compared with the date before it, when there are two dated files.
    pub comparison: Option<Comparison>,
    /// Per indicator of the latest: the whole's outlook against the deadline.
    pub outlooks: Vec<(String, Outlook)>,
}

/// Orders datasets by date (undated ones keep their place before the dated) and compares the
/// latest with the one before it.
pub fn series(datasets: &[Dataset], deadline: Option<Date>, fixes: &[MatchFix]) -> SeriesReport {
    let mut order: Vec<usize> = (0..datasets.len()).collect();
    order.sort_by_key(|i| (datasets[*i].as_of, *i));
    let latest = order.last().copied().unwrap_or(0);
    let previous = order.len().checked_sub(2).map(|k| order[k]);
    let comparison = previous.and_then(|p| {
        let (a, b) = (&datasets[p], &datasets[latest]);
        Some(compare(
            Dated {
                as_of: a.as_of?,
                analysis: &a.analysis,
            },
            Dated {
                as_of: b.as_of.filter(|d| Some(*d) != a.as_of)?,
                analysis: &b.analysis,
            },
            fixes,
        ))
    });
    let outlooks = match (deadline, datasets.get(latest).and_then(|d| d.as_of)) {
        (Some(deadline), Some(as_of)) => datasets[latest]
            .analysis
            .indicators
            .iter()
            .map(|ind| {
                let pace = comparison.as_ref().and_then(|c| {
                    c.indicators
                        .iter()
                        .find(|i| i.name == ind.name)
                        .and_then(|i| i.total.pace())
                });
                (
                    ind.name.clone(),
                    outlook(ind.total.achieved, ind.total.target, as_of, deadline, pace),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    SeriesReport {
        latest,
        comparison,
        outlooks,
    }
}
