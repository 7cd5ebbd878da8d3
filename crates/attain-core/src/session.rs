//! The orchestrator: one `Session` holds the files of a report and the user's choices, runs
//! every engine step (read, pick the sheet, find the table, suggest the mapping, analyse,
//! compare the reporting dates, the outlook against the deadline), and answers with views. The
//! command line runs it; the app's worker is to host the same session.
//!
//! A source is one file (or one sheet of a workbook read as a reporting date of its own).
//! Commands change a source or the report; each recomputes only what depends on it.

use crate::analysis::rows::{results_window, ResultsQuery, ResultsWindow};
use crate::analysis::series::{compare, outlook, Comparison, Dated, MatchFix, Outlook};
use crate::analysis::{analyze, suggest, Analysis, Mapping, MappingError, Suggestion, Thresholds};
use crate::dates::{find_as_of, Date};
use crate::ingest::{read_workbook_with, ReadError, ReadOptions};
use crate::model::Workbook;
use crate::table::{best_table, Table, TableError};
use std::sync::Arc;

/// Why a source gives no results, naming its file. Worded by
/// [`crate::report::messages::source_error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
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
    /// The mapping could not be applied.
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

/// In English, as [`crate::report::messages::source_error`] words it.
impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::report::messages::source_error(crate::report::Lang::En, self);
        f.write_str(&text)
    }
}

impl std::error::Error for SourceError {}

/// One file (or one sheet of it) of the report, with what the engine found in it.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name shown: the file's, or "file › sheet" for one sheet of several.
    pub name: String,
    /// The workbook as read (shared by the sources of its sheets).
    pub workbook: Arc<Workbook>,
    /// The sheet used.
    pub sheet: usize,
    /// The table found in it.
    pub table: Table,
    /// The as-of date found in the title block or the file name.
    pub found_as_of: Option<Date>,
    /// The as-of date the user gave, over the one found.
    pub as_of_override: Option<Date>,
    /// The suggested mapping.
    pub suggestion: Suggestion,
    /// The mapping in use (the suggested one unless the user changed it).
    pub mapping: Mapping,
    /// Its results.
    pub analysis: Analysis,
}

impl Source {
    /// The report's as-of date: the user's, else the one found.
    pub fn as_of(&self) -> Option<Date> {
        self.as_of_override.or(self.found_as_of)
    }

    /// A source from a sheet's table: suggestion, mapping, analysis.
    fn of_table(
        name: String,
        workbook: Arc<Workbook>,
        sheet: usize,
        table: Table,
    ) -> Result<Source, SourceError> {
        let file = || workbook.file_name.clone();
        let suggestion = suggest(&table).ok_or_else(|| SourceError::NoMapping { file: file() })?;
        let mapping = suggestion.mapping.clone();
        let analysis = analyze(&table, &mapping).map_err(|error| SourceError::Mapping {
            file: file(),
            error,
        })?;
        // The source's name stands for the file name: "file › sheet" lets a sheet named for
        // its date give it.
        let found_as_of = workbook
            .sheets
            .get(sheet)
            .and_then(|s| find_as_of(s, Some(&table), &name))
            .map(|a| a.date);
        Ok(Source {
            name,
            workbook,
            sheet,
            table,
            found_as_of,
            as_of_override: None,
            suggestion,
            mapping,
            analysis,
        })
    }
}

/// Which sheets of a workbook to take.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Sheets {
    /// The one most like a report.
    #[default]
    Best,
    /// The sheet of this name.
    Named(String),
    /// Every sheet with a table, each a reporting date of its own.
    Each,
}

/// The reporting dates put together: the latest, its comparison with the date before it, the
/// outlook of each indicator against the deadline.
#[derive(Clone, Debug)]
pub struct SeriesView {
    /// Index of the latest source.
    pub latest: usize,
    /// The latest compared with the date before it, when two sources carry different dates.
    pub comparison: Option<Comparison>,
    /// Per indicator of the latest: the whole's outlook against the deadline.
    pub outlooks: Vec<(String, Outlook)>,
}

/// The files of a report and the user's choices; commands in, views out.
#[derive(Clone, Debug, Default)]
pub struct Session {
    sources: Vec<Source>,
    deadline: Option<Date>,
    thresholds: Thresholds,
    fixes: Vec<MatchFix>,
}

impl Session {
    /// An empty session.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a file and adds the sheets asked for as sources. Returns how many were added.
    pub fn add_file(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: &ReadOptions,
        sheets: &Sheets,
    ) -> Result<usize, SourceError> {
        let workbook =
            read_workbook_with(name, bytes, options).map_err(|error| SourceError::Read {
                file: name.to_string(),
                error,
            })?;
        self.add_workbook(Arc::new(workbook), sheets)
    }

    /// Adds the sheets asked for of a workbook already read.
    pub fn add_workbook(
        &mut self,
        workbook: Arc<Workbook>,
        sheets: &Sheets,
    ) -> Result<usize, SourceError> {
        let file = || workbook.file_name.clone();
        let added: Vec<Source> = match sheets {
            Sheets::Best => {
                let (i, table) = best_table(&workbook);
                let table = table.map_err(|error| SourceError::Table {
                    file: file(),
                    error,
                })?;
                vec![Source::of_table(file(), workbook.clone(), i, table)?]
            }
            Sheets::Named(name) => {
                let i = workbook
                    .sheets
                    .iter()
                    .position(|s| s.name == *name)
                    .ok_or_else(|| SourceError::NoSuchSheet {
                        file: file(),
                        sheet: name.clone(),
                    })?;
                let table =
                    Table::from_sheet(&workbook.sheets[i]).map_err(|error| SourceError::Table {
                        file: file(),
                        error,
                    })?;
                vec![Source::of_table(file(), workbook.clone(), i, table)?]
            }
            Sheets::Each => {
                let each: Vec<Source> = (0..workbook.sheets.len())
                    .filter_map(|i| {
                        let table = Table::from_sheet(&workbook.sheets[i]).ok()?;
                        let name = format!("{} \u{203a} {}", file(), workbook.sheets[i].name);
                        Source::of_table(name, workbook.clone(), i, table).ok()
                    })
                    .collect();
                if each.is_empty() {
                    return Err(SourceError::NoSheetWithTable { file: file() });
                }
                each
            }
        };
        let n = added.len();
        self.sources.extend(added);
        Ok(n)
    }

    /// Sets the mapping of a source and analyses it again.
    pub fn set_mapping(&mut self, source: usize, mapping: Mapping) -> Result<(), SourceError> {
        let Some(s) = self.sources.get_mut(source) else {
            return Ok(());
        };
        let analysis = analyze(&s.table, &mapping).map_err(|error| SourceError::Mapping {
            file: s.workbook.file_name.clone(),
            error,
        })?;
        s.mapping = mapping;
        s.analysis = analysis;
        Ok(())
    }

    /// Sets a source's as-of date over the one found (`None`: the one found).
    pub fn set_as_of(&mut self, source: usize, date: Option<Date>) {
        if let Some(s) = self.sources.get_mut(source) {
            s.as_of_override = date;
        }
    }

    /// Sets the deadline.
    pub fn set_deadline(&mut self, deadline: Option<Date>) {
        self.deadline = deadline;
    }

    /// Sets the status thresholds.
    pub fn set_thresholds(&mut self, thresholds: Thresholds) {
        self.thresholds = thresholds;
    }

    /// Sets the matches the user fixed between the previous date and the latest.
    pub fn set_fixes(&mut self, fixes: Vec<MatchFix>) {
        self.fixes = fixes;
    }

    /// The sources, in the order they were added.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The deadline.
    pub fn deadline(&self) -> Option<Date> {
        self.deadline
    }

    /// The reporting dates: sources ordered by date (undated ones keep their place before the
    /// dated), the latest compared with the one before it, the outlook. `None` without sources.
    pub fn series(&self) -> Option<SeriesView> {
        let s = &self.sources;
        let mut order: Vec<usize> = (0..s.len()).collect();
        order.sort_by_key(|i| (s[*i].as_of(), *i));
        let latest = *order.last()?;
        let previous = order.len().checked_sub(2).map(|k| order[k]);
        let comparison = previous.and_then(|p| {
            let (a, b) = (&s[p], &s[latest]);
            Some(compare(
                Dated {
                    as_of: a.as_of()?,
                    analysis: &a.analysis,
                },
                Dated {
                    as_of: b.as_of().filter(|d| Some(*d) != a.as_of())?,
                    analysis: &b.analysis,
                },
                &self.fixes,
            ))
        });
        let now = &s[latest];
        let outlooks = match (self.deadline, now.as_of()) {
            (Some(deadline), Some(as_of)) => now
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
                    let o = outlook(ind.total.achieved, ind.total.target, as_of, deadline, pace);
                    (ind.name.clone(), o)
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(SeriesView {
            latest,
            comparison,
            outlooks,
        })
    }

    /// A window of the latest source's results, as the results table shows them (`total`:
    /// the name of the total row).
    pub fn results(&self, query: &ResultsQuery, total: &str) -> Option<ResultsWindow> {
        let series = self.series()?;
        let now = &self.sources[series.latest];
        results_window(
            &now.analysis,
            series.comparison.as_ref(),
            self.thresholds,
            now.as_of(),
            self.deadline,
            query,
            total,
        )
    }
}
