//! The orchestrator: one `Session` holds the files of a report and the user's choices, runs
//! every engine step (read, pick the sheet, find the table, suggest the mapping or take a
//! remembered one, analyse, compare the reporting dates, the outlook against the deadline), and
//! answers with views. The command line and the app's worker run it; the page only draws its
//! [`Answer`]s.
//!
//! A source is one file (or one sheet of a workbook read as a reporting date of its own). The
//! report shown is the `current` source: the file opened, or a later date added to it. Commands
//! change a source or the report; each recomputes only what depends on it.

mod view;

pub use view::{
    Analysed, Answer, BookInfo, Command, DateInfo, ExportKind, GroupMember, Preview, Query, Reply,
    SheetInfo, WindowQuery,
};

use crate::analysis::combine::{combine, Part};
use crate::analysis::rows::{results_window, ResultsQuery, ResultsWindow};
use crate::analysis::series::{compare, outlook, Comparison, Dated, MatchFix, Outlook};
use crate::analysis::targets::{self, Assignment, Joined, TargetFix};
use crate::analysis::{
    analyze, suggest, template_for, Analysis, Mapping, MappingError, Role, Suggestion,
    TargetSource, Template, Thresholds,
};
use crate::dates::{find_as_of, AsOf, Date};
use crate::ingest::{read_workbook_with, ReadError, ReadOptions};
use crate::legacy::Choice;
use crate::model::{SourceFormat, Workbook};
use crate::office::{office_of, Office};
use crate::places::{self, Across, Known, Placement};
use crate::table::{best_table, Layout, Table, TableError};
use std::sync::Arc;

/// Why a source gives no results, naming its file. Worded by
/// [`crate::report::messages::source_error`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// A targets file without a list of units and target figures.
    NoAssignment {
        /// The file.
        file: String,
    },
    /// A targets file with no unit in common with the report: a few names of each side.
    NothingInCommon {
        /// The file.
        file: String,
        /// Names of the report's units.
        report: Vec<String>,
        /// Names of the targets file's units.
        targets: Vec<String>,
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
    /// The workbook as read (shared by the sources of its sheets; a legacy choice gives the
    /// source a copy of its own), while its cells are held: a session whose host keeps the
    /// files ([`Session::with_files_from_host`]) lets them go once the table is found and
    /// reads the file again for the few commands that need them.
    cells: Option<Arc<Workbook>>,
    /// The workbook without its cells (one pass over every cell, made when it is read).
    pub info: Arc<BookInfo>,
    /// The first and last rows of the sheet, for the table check.
    pub preview: Preview,
    /// Its cells are let go once its table is found.
    release: bool,
    /// A text file's bytes, to read it again with another encoding or separator.
    pub bytes: Option<Arc<Vec<u8>>>,
    /// Which read of a file made it (1 for the session's first, counting up): the key a host
    /// that keeps the files ([`Session::with_files_from_host`]) keeps this one's under.
    pub read: u64,
    /// The choices it was read with.
    pub options: ReadOptions,
    /// The sheet used.
    pub sheet: usize,
    /// The table found in it, or why there is none.
    pub table: Result<Table, TableError>,
    /// The as-of date found in the title block or the file name, and where.
    pub found_as_of: Option<AsOf>,
    /// The as-of date the user gave, over the one found.
    pub as_of_override: Option<Date>,
    /// The suggested mapping.
    pub suggestion: Option<Suggestion>,
    /// The mapping in use (a remembered one, the suggested one, or the user's).
    pub mapping: Option<Mapping>,
    /// The mapping came from a remembered template.
    pub template_used: bool,
    /// Its results, or why the mapping gives none.
    pub analysis: Option<Result<Analysis, MappingError>>,
    /// The user's legacy-font choices for columns of the sheet.
    pub legacy_choices: Vec<(usize, Choice)>,
    /// The office its title block names ("UBND HUYỆN CHỢ LÁCH").
    pub office: Option<Office>,
    /// The office's name as the user wrote it, over the one found.
    pub office_override: Option<String>,
    /// The user left it out of the report of its date.
    pub left_out: bool,
    /// Its indicators the user keeps apart from the other files' when combined.
    pub apart: Vec<String>,
    /// A list of citizens or cases, counted per unit: what counting found.
    pub list: Option<crate::list::ListInfo>,
}

impl Source {
    /// The office its units come under in a combined report: the user's name (at the level
    /// found, if any), else the one its title block names.
    pub fn office_shown(&self) -> Option<Office> {
        match &self.office_override {
            Some(name) => Some(Office {
                level: self.office.as_ref().map_or_else(
                    || crate::analysis::combine::OFFICE_LEVEL.to_string(),
                    |o| o.level.clone(),
                ),
                name: name.clone(),
            }),
            None => self.office.clone(),
        }
    }

    /// The report's as-of date: the user's, else the one found.
    pub fn as_of(&self) -> Option<Date> {
        self.as_of_override
            .or(self.found_as_of.as_ref().map(|a| a.date))
    }

    /// Its results, when the mapping gives some.
    pub fn results(&self) -> Option<&Analysis> {
        match &self.analysis {
            Some(Ok(a)) => Some(a),
            _ => None,
        }
    }

    /// The workbook as read, while its cells are held (always, but in a session whose host
    /// keeps the files).
    pub fn cells(&self) -> Option<&Arc<Workbook>> {
        self.cells.as_ref()
    }

    /// The name of the file it was read from.
    pub fn file_name(&self) -> &str {
        &self.info.file_name
    }

    /// Reads the file again from the host's bytes, with the same choices, for a command that
    /// needs the cells let go.
    fn restore(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        let mut workbook = read_workbook_with(self.file_name(), bytes, &self.options)?;
        if !self.legacy_choices.is_empty() {
            let hint = workbook.legacy_hint;
            if let Some(sheet) = workbook.sheets.get_mut(self.sheet) {
                crate::legacy::convert_sheet(sheet, &self.legacy_choices, hint);
            }
        }
        self.cells = Some(Arc::new(workbook));
        Ok(())
    }

    /// A source for a sheet of a workbook, nothing found yet.
    fn new(
        name: String,
        workbook: Arc<Workbook>,
        info: Arc<BookInfo>,
        bytes: Option<Arc<Vec<u8>>>,
    ) -> Source {
        Source {
            name,
            cells: Some(workbook),
            info,
            preview: Preview::default(),
            release: false,
            bytes,
            read: 0,
            options: ReadOptions::default(),
            sheet: 0,
            table: Err(TableError::EmptySheet(String::new())),
            found_as_of: None,
            as_of_override: None,
            suggestion: None,
            mapping: None,
            template_used: false,
            analysis: None,
            legacy_choices: Vec::new(),
            office: None,
            office_override: None,
            left_out: false,
            apart: Vec::new(),
            list: None,
        }
    }

    /// A new table for the source. The mapping stays when `keep` holds and it still fits;
    /// else a remembered template for this header, else the suggestion. Returns whether the
    /// mapping was replaced.
    fn set_table(
        &mut self,
        table: Result<Table, TableError>,
        keep: Option<Mapping>,
        templates: &[Template],
    ) -> bool {
        let sheet = self.cells.as_ref().and_then(|w| w.sheets.get(self.sheet));
        // The as-of date and the office from the sheet's own title block.
        self.found_as_of = match &table {
            Ok(t) => sheet.and_then(|s| find_as_of(s, Some(t), &self.name)),
            Err(_) => None,
        };
        self.office = match &table {
            Ok(t) => sheet.and_then(|s| office_of(s, t)),
            Err(_) => None,
        };
        self.preview = sheet.map(Preview::of).unwrap_or_default();
        // A list of citizens or cases is counted per unit: its counts are the table.
        self.list = None;
        let mut list_suggestion = None;
        let table = match table {
            Ok(t) => match crate::list::shape(&t) {
                Some(shape) => {
                    let (counts, info) = crate::list::count(&t, &shape, &t.sheet);
                    match Table::from_sheet(&counts) {
                        Ok(counted) => {
                            self.preview = Preview::of(&counts);
                            list_suggestion = Some(crate::list::suggestion(
                                &counted,
                                &info,
                                shape.parents.len(),
                            ));
                            self.list = Some(info);
                            Ok(counted)
                        }
                        Err(_) => Ok(t),
                    }
                }
                None => Ok(t),
            },
            Err(e) => Err(e),
        };
        let suggestion = list_suggestion.or_else(|| table.as_ref().ok().and_then(suggest));
        let fresh = !keep.as_ref().is_some_and(|m| fits(&table, m));
        if fresh {
            let template = table.as_ref().ok().and_then(|t| template_for(templates, t));
            self.template_used = template.is_some();
            self.mapping = template
                .map(|t| t.mapping.clone())
                .or_else(|| suggestion.as_ref().map(|s| s.mapping.clone()));
        } else {
            self.mapping = keep;
        }
        self.suggestion = suggestion;
        if self.release {
            // Before the analysis, whose units take the room the cells leave.
            self.cells = None;
        }
        self.table = table;
        self.reanalyse();
        fresh
    }

    /// The columns of the report shown carried over to this later date, when they fit its
    /// table (the same template next week); `true` when they do not and it keeps its own.
    fn carry_mapping(&mut self, keep: Option<Mapping>) -> bool {
        let Some(m) = keep.filter(|m| fits(&self.table, m)) else {
            return true;
        };
        self.template_used = false;
        if self.mapping.as_ref() != Some(&m) {
            self.mapping = Some(m);
            self.reanalyse();
        }
        false
    }

    /// Applies the mapping to the table again.
    fn reanalyse(&mut self) {
        self.analysis = match (&self.table, &self.mapping) {
            (Ok(t), Some(m)) => Some(analyze(t, m)),
            _ => None,
        };
    }

    /// A source that must give results (the command line's): its first error, naming the file.
    fn checked(self) -> Result<Source, SourceError> {
        let file = || self.file_name().to_string();
        if let Err(error) = &self.table {
            return Err(SourceError::Table {
                file: file(),
                error: error.clone(),
            });
        }
        if self.suggestion.is_none() {
            return Err(SourceError::NoMapping { file: file() });
        }
        match &self.analysis {
            Some(Ok(_)) => Ok(self),
            Some(Err(error)) => Err(SourceError::Mapping {
                file: file(),
                error: error.clone(),
            }),
            None => Err(SourceError::NoMapping { file: file() }),
        }
    }
}

/// True when every column a mapping names is in the table.
fn fits(table: &Result<Table, TableError>, m: &Mapping) -> bool {
    table
        .as_ref()
        .is_ok_and(|t| m.roles().iter().all(|(i, _)| *i < t.columns.len()))
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
    /// The report shown and edited by the app's commands.
    current: usize,
    deadline: Option<Date>,
    thresholds: Thresholds,
    fixes: Vec<MatchFix>,
    templates: Vec<Template>,
    /// Bumped whenever the current source's table changes.
    version: u64,
    /// What the last command changed, for its answer.
    analysis_changed: bool,
    fresh_mapping: bool,
    error: Option<(String, ReadError)>,
    /// The host hands a file's bytes again for `Reread` and for a command that needs cells
    /// let go ([`Session::file_needed`]; the app's worker keeps the user's `File`, a handle to
    /// the file on disk): no copy of a file's bytes is kept here, nor a sheet's cells once
    /// its table is found.
    files_from_host: bool,
    /// How many files (or re-reads of one) became sources: the last source's `read`.
    reads: u64,
    /// The report shown compared with the date before it, made at the first answer or query
    /// after a change and kept for the next ones (the results table asks for a window at each
    /// sort, search and page; two dates of a million units take a second to compare). Every
    /// method that changes the session lets it go.
    compared: std::sync::OnceLock<Option<Arc<Comparison>>>,
    /// Every reporting date up to the one shown, with three dates or more: kept like
    /// `compared`, and let go with it.
    histories: std::sync::OnceLock<Option<Arc<crate::analysis::trend::History>>>,
    /// The target assignment added from a file of its own, with the user's choices.
    targets: Option<Targets>,
    /// Why the last targets file was refused.
    target_error: Option<SourceError>,
    /// The last `Open` could not read its file: the next file of its batch opens the report.
    batch_open_failed: bool,
    /// The last command read a new assignment: its answer carries it (for the page to keep
    /// when the user asks).
    new_assignment: bool,
    /// The reports: the sources of each as-of date put together ([`Session::regroup`]).
    reports: Vec<Report>,
    /// The register of units, once the host has given it ([`Session::set_register`]).
    register: Option<Arc<Known>>,
    /// The last placements, by what they were worked out from ([`places::fingerprint`]): a
    /// command that leaves a report's units as they were does not place them again.
    placed: Vec<(u64, Arc<Placement>)>,
    /// The last command opened a new report: reports not placed before are left unplaced until
    /// the register comes again.
    defer_placing: bool,
    /// Some report was left unplaced.
    unplaced: bool,
}

/// A target assignment and the user's choices about it.
#[derive(Clone, Debug)]
struct Targets {
    assignment: Assignment,
    /// Per indicator (by name), the target column the user chose (`None`: none).
    chosen: Vec<(String, Option<usize>)>,
    fixes: Vec<TargetFix>,
}

/// The report of one as-of date: its sources, and, when it is more than one file's results
/// as they stand (several files, or targets from an assignment), the results put together.
#[derive(Clone, Debug)]
pub struct Report {
    /// The as-of date (`None`: the sources without one).
    pub as_of: Option<Date>,
    /// Its sources, in the order they are combined (by file name).
    pub members: Vec<usize>,
    /// The results put together; `None` for one file's results as they stand.
    composed: Option<Analysis>,
    /// How the target assignment met it.
    pub joined: Option<Joined>,
    /// Its units in the register, once the session has one.
    pub placement: Option<Arc<Placement>>,
}

impl Session {
    /// An empty session.
    pub fn new() -> Self {
        Self::default()
    }

    /// A session whose host keeps each file (a handle to it) and hands its bytes again when
    /// [`Session::file_needed`] asks: the session keeps no copy of a text file's bytes (60 MB
    /// less for a 60 MB CSV), and lets a sheet's cells go once its table is found, before the
    /// analysis (280 MB less for a million rows of eight columns); the few commands that
    /// need the cells again (another sheet, a header correction, a legacy-font choice, a
    /// sheet as another date) read the file again.
    pub fn with_files_from_host() -> Self {
        Self {
            files_from_host: true,
            ..Self::default()
        }
    }

    /// The read whose file the host hands over with this command ([`Source::read`]): the
    /// report shown's for `Command::Reread`, and for a command that needs the cells its
    /// session let go; `None`: no bytes needed.
    pub fn file_needed(&self, command: &Command) -> Option<u64> {
        let s = self.sources.get(self.current)?;
        let needed = match command {
            Command::Reread(_) => true,
            Command::SelectSheet(_)
            | Command::SetLayout(_)
            | Command::SetLegacy(..)
            | Command::AddSheetDate(_) => s.cells.is_none(),
            _ => false,
        };
        needed.then_some(s.read)
    }

    /// Which read made the report shown ([`Source::read`]): the file `Command::Reread`
    /// reads again.
    pub fn current_read(&self) -> Option<u64> {
        self.sources.get(self.current).map(|s| s.read)
    }

    /// The last read that became a source: a command that read a file and kept it moves it
    /// on (a file refused, or a date without a table, does not).
    pub fn last_read(&self) -> u64 {
        self.reads
    }

    /// Whether some source still comes from this read (a host lets go of the other files).
    pub fn holds_read(&self, read: u64) -> bool {
        self.sources.iter().any(|s| s.read == read)
    }

    /// Numbers a source made from a file's bytes.
    fn count_read(&mut self, s: &mut Source) {
        self.reads += 1;
        s.read = self.reads;
    }

    /// A workbook's source for one sheet (`None`: the one most like a report).
    #[allow(clippy::too_many_arguments)]
    fn source_of(
        &self,
        name: String,
        workbook: Arc<Workbook>,
        info: Arc<BookInfo>,
        bytes: Option<Arc<Vec<u8>>>,
        options: ReadOptions,
        sheet: Option<usize>,
        keep: Option<Mapping>,
    ) -> (Source, bool) {
        let (i, table) = match sheet {
            Some(i) => (
                i,
                workbook.sheets.get(i).map_or(
                    Err(TableError::EmptySheet(String::new())),
                    Table::from_sheet,
                ),
            ),
            None => best_table(&workbook),
        };
        let mut s = Source::new(name, workbook, info, bytes);
        s.release = self.files_from_host;
        s.options = options;
        s.sheet = i;
        let fresh = s.set_table(table, keep, &self.templates);
        (s, fresh)
    }

    /// Sheet `i` of a workbook as a reporting date of its own, named "file › sheet".
    fn sheet_source(
        &self,
        workbook: &Arc<Workbook>,
        info: &Arc<BookInfo>,
        i: usize,
    ) -> Option<Source> {
        let sheet = workbook.sheets.get(i)?;
        let name = format!("{} \u{203a} {}", workbook.file_name, sheet.name);
        let (s, _) = self.source_of(
            name,
            workbook.clone(),
            info.clone(),
            None,
            ReadOptions::default(),
            Some(i),
            None,
        );
        Some(s)
    }

    /// Reads a file and adds the sheets asked for as sources, each of which must give
    /// results (the command line's way). Returns how many were added.
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
        self.compared.take();
        self.histories.take();
        let file = || workbook.file_name.clone();
        let info = Arc::new(BookInfo::of(&workbook));
        let one = |sheet| {
            let (s, _) = self.source_of(
                file(),
                workbook.clone(),
                info.clone(),
                None,
                ReadOptions::default(),
                sheet,
                None,
            );
            s.checked()
        };
        let added: Vec<Source> = match sheets {
            Sheets::Best => vec![one(None)?],
            Sheets::Named(name) => {
                let i = workbook
                    .sheets
                    .iter()
                    .position(|s| s.name == *name)
                    .ok_or_else(|| SourceError::NoSuchSheet {
                        file: file(),
                        sheet: name.clone(),
                    })?;
                vec![one(Some(i))?]
            }
            Sheets::Each => {
                let each: Vec<Source> = (0..workbook.sheets.len())
                    .filter_map(|i| self.sheet_source(&workbook, &info, i)?.checked().ok())
                    .collect();
                if each.is_empty() {
                    return Err(SourceError::NoSheetWithTable { file: file() });
                }
                each
            }
        };
        // The same file given twice is taken once.
        let added: Vec<Source> = added
            .into_iter()
            .filter(|a| {
                !self
                    .sources
                    .iter()
                    .any(|s| s.name == a.name && s.info == a.info && s.sheet == a.sheet)
            })
            .collect();
        let n = added.len();
        self.sources.extend(added);
        self.current = self.latest().unwrap_or(0);
        self.regroup();
        Ok(n)
    }

    /// Sets the mapping of a source and analyses it again. A mapping that gives no results is
    /// kept (the app shows why) and its error returned, naming the file.
    pub fn set_mapping(&mut self, source: usize, mapping: Mapping) -> Result<(), SourceError> {
        self.compared.take();
        self.histories.take();
        let Some(s) = self.sources.get_mut(source) else {
            return Ok(());
        };
        s.template_used = false;
        s.mapping = Some(mapping);
        s.reanalyse();
        if source == self.current {
            self.analysis_changed = true;
        }
        let result = match &s.analysis {
            Some(Err(error)) => Err(SourceError::Mapping {
                file: s.file_name().to_string(),
                error: error.clone(),
            }),
            _ => Ok(()),
        };
        self.regroup();
        result
    }

    /// Sets a source's as-of date over the one found (`None`: the one found).
    pub fn set_as_of(&mut self, source: usize, date: Option<Date>) {
        self.compared.take();
        self.histories.take();
        if let Some(s) = self.sources.get_mut(source) {
            s.as_of_override = date;
        }
        self.regroup();
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
        self.compared.take();
        self.histories.take();
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

    /// Source `k` compared with the latest date before it that has results (units matched by
    /// name, with the user's fixes).
    /// The report shown compared with the date before it, as kept ([`Session::compared`]).
    pub(crate) fn current_comparison(&self) -> Option<&Comparison> {
        self.compared
            .get_or_init(|| self.comparison_for(self.current).map(Arc::new))
            .as_deref()
    }

    /// Every reporting date up to the one shown (its whole, parents and units at each), when
    /// there are three dates or more.
    pub fn history(&self) -> Option<&crate::analysis::trend::History> {
        self.histories
            .get_or_init(|| self.history_of(self.current).map(Arc::new))
            .as_deref()
    }

    /// Every reporting date up to source `k`'s, when there are three or more (the command
    /// line's, for the latest date; worked out at each call).
    pub fn history_of(&self, k: usize) -> Option<crate::analysis::trend::History> {
        let as_of = self.sources.get(k)?.as_of()?;
        // Reports before the 2025 reform in the units of the one shown, when it is after.
        let later = self.report_with(k);
        let rolled: Vec<Option<Analysis>> = self
            .reports
            .iter()
            .map(|r| Some(self.rolled_up(r, later?)?.0))
            .collect();
        let dated: Vec<Dated> = self
            .reports
            .iter()
            .zip(&rolled)
            .filter_map(|(r, rolled)| {
                Some(Dated {
                    as_of: r.as_of.filter(|d| *d <= as_of)?,
                    analysis: match rolled {
                        Some(a) => a,
                        None => self.analysis_of(r)?,
                    },
                })
            })
            .collect();
        (dated.len() >= 3).then(|| crate::analysis::trend::History::of(&dated))
    }

    fn comparison_for(&self, k: usize) -> Option<Comparison> {
        let now = self.sources.get(k)?;
        let as_of = now.as_of()?;
        let (before, previous) = self
            .reports
            .iter()
            .filter_map(|r| Some((r.as_of.filter(|d| *d < as_of)?, r)))
            .max_by_key(|(d, _)| *d)?;
        let later = self.report_with(k);
        // Across the reform, the earlier report in the later one's units.
        let rolled = later.and_then(|l| self.rolled_up(previous, l));
        let mut c = compare(
            Dated {
                as_of: before,
                analysis: match &rolled {
                    Some((a, _)) => a,
                    None => self.analysis_of(previous)?,
                },
            },
            Dated {
                as_of,
                analysis: self.report_of(k)?,
            },
            &self.fixes,
        );
        c.reform = rolled.map(|(_, across)| across);
        Some(c)
    }

    /// A report before the 2025 reform in the units of one after it (see
    /// [`places::roll_up`]); `None` unless the register places them on each side.
    fn rolled_up(&self, earlier: &Report, later: &Report) -> Option<(Analysis, Across)> {
        let known = self.register.as_deref()?;
        places::roll_up(
            self.analysis_of(earlier)?,
            earlier.placement.as_ref()?,
            self.analysis_of(later)?,
            later.placement.as_ref()?,
            known,
        )
    }

    /// The register of units the reports are found in (the host's: the app loads it when a
    /// first report opens, the command line has it built in): every report is placed again.
    pub fn set_register(&mut self, known: Arc<Known>) {
        self.register = Some(known);
        self.placed.clear();
        self.defer_placing = false;
        self.compared.take();
        self.histories.take();
        self.place_reports();
    }

    /// The register, once given.
    pub fn register(&self) -> Option<&Known> {
        self.register.as_deref()
    }

    /// The session has no register, or left a report unplaced: the host should give it.
    pub fn register_wanted(&self) -> bool {
        self.register.is_none() || self.unplaced
    }

    /// Finds every report's units in the register, when there is one.
    fn place_reports(&mut self) {
        let Some(known) = self.register.clone() else {
            return;
        };
        self.unplaced = false;
        let defer = self.defer_placing;
        let mut unplaced = false;
        let mut kept = std::mem::take(&mut self.placed);
        let placed: Vec<Option<Arc<Placement>>> = self
            .reports
            .iter()
            .map(|r| {
                // Each file's code column, by its place among the files put together.
                let several = r.members.len() > 1;
                let mut codes = std::collections::HashMap::new();
                for (file, m) in r.members.iter().enumerate() {
                    let Some(Ok(table)) = self.sources.get(*m).map(|s| &s.table) else {
                        continue;
                    };
                    let file = if several { file as u32 } else { 0 };
                    codes.extend(
                        places::codes_of(table)
                            .into_iter()
                            .map(|(row, code)| ((file, row), code)),
                    );
                }
                let analysis = self.analysis_of(r)?;
                if places::too_many(analysis) {
                    return Some(Arc::new(places::place(analysis, r.as_of, &known, &codes)));
                }
                let print = places::fingerprint(analysis, r.as_of, &codes);
                if let Some((_, p)) = kept.iter().find(|(f, _)| *f == print) {
                    return Some(p.clone());
                }
                if defer {
                    unplaced = true;
                    return None;
                }
                let p = Arc::new(places::place(analysis, r.as_of, &known, &codes));
                kept.push((print, p.clone()));
                Some(p)
            })
            .collect();
        // The placements of the reports there are now, and a few before.
        let live = placed.iter().flatten().count();
        let drop = kept.len().saturating_sub(live.max(1) + 4);
        kept.drain(..drop);
        self.placed = kept;
        self.unplaced = unplaced;
        for (r, p) in self.reports.iter_mut().zip(placed) {
            r.placement = p;
        }
    }

    /// A report's results: put together, or its one source's as they stand.
    pub fn analysis_of<'a>(&'a self, r: &'a Report) -> Option<&'a Analysis> {
        match &r.composed {
            Some(a) => Some(a),
            None => self.sources.get(*r.members.first()?)?.results(),
        }
    }

    /// The results source `k` is shown in: its date's report, or its own when it is in none
    /// (left out, or without results).
    pub fn report_of(&self, k: usize) -> Option<&Analysis> {
        match self.reports.iter().find(|r| r.members.contains(&k)) {
            Some(r) => self.analysis_of(r),
            None => self.sources.get(k)?.results(),
        }
    }

    /// The reports, one per as-of date, in the order their dates were first met.
    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    /// The report source `k` is in.
    pub fn report_with(&self, k: usize) -> Option<&Report> {
        self.reports.iter().find(|r| r.members.contains(&k))
    }

    /// The results the page shows, or why the current source gives none.
    pub(crate) fn shown(&self) -> Option<Result<&Analysis, &MappingError>> {
        let composed = self
            .report_with(self.current)
            .and_then(|r| r.composed.as_ref());
        match composed {
            Some(a) => Some(Ok(a)),
            None => self
                .sources
                .get(self.current)?
                .analysis
                .as_ref()
                .map(|r| r.as_ref()),
        }
    }

    /// Puts the sources of each as-of date together (sources without a date together too):
    /// several files are combined, in the order of their names, so that the order they came
    /// in changes nothing; the target assignment, when there is one, gives every report its
    /// targets. A source left out, or without results, is in no report.
    fn regroup(&mut self) {
        self.compared.take();
        self.histories.take();
        let s = &self.sources;
        let mut dates: Vec<Option<Date>> = Vec::new();
        for x in s {
            let d = x.as_of();
            if !dates.contains(&d) {
                dates.push(d);
            }
        }
        let mut reports = Vec::new();
        for as_of in dates {
            let mut members: Vec<usize> = (0..s.len())
                .filter(|i| s[*i].as_of() == as_of && !s[*i].left_out && s[*i].results().is_some())
                .collect();
            if members.is_empty() {
                continue;
            }
            members.sort_by(|a, b| s[*a].name.cmp(&s[*b].name).then(a.cmp(b)));
            let composed = (members.len() > 1).then(|| {
                let offices: Vec<Option<Office>> =
                    members.iter().map(|i| s[*i].office_shown()).collect();
                let parts: Vec<Part> = members
                    .iter()
                    .zip(&offices)
                    .filter_map(|(i, office)| {
                        Some(Part {
                            file: &s[*i].name,
                            office: office.as_ref(),
                            analysis: s[*i].results()?,
                            apart: &s[*i].apart,
                        })
                    })
                    .collect();
                combine(&parts)
            });
            let (composed, joined) = match &self.targets {
                Some(t) => {
                    let base = composed.as_ref().or_else(|| s[members[0]].results());
                    match base {
                        Some(base) => {
                            let (a, j) = targets::apply(base, &t.assignment, &t.chosen, &t.fixes);
                            (Some(a), Some(j))
                        }
                        None => (composed, None),
                    }
                }
                None => (composed, None),
            };
            reports.push(Report {
                as_of,
                members,
                composed,
                joined,
                placement: None,
            });
        }
        self.reports = reports;
        self.place_reports();
        if self
            .report_with(self.current)
            .is_some_and(|r| r.composed.is_some())
        {
            self.analysis_changed = true;
        }
    }

    /// Reads a target assignment from a file ("giao chỉ tiêu": units with their target
    /// figures) and gives every report its targets; a file without one, or with no unit in
    /// common with the report, is refused, naming it.
    pub fn set_targets(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: &ReadOptions,
    ) -> Result<(), SourceError> {
        let workbook =
            read_workbook_with(name, bytes, options).map_err(|error| SourceError::Read {
                file: name.to_string(),
                error,
            })?;
        let (_, table) = best_table(&workbook);
        let table = table.map_err(|error| SourceError::Table {
            file: name.to_string(),
            error,
        })?;
        let assignment =
            targets::assignment(&table, name).map_err(|_| SourceError::NoAssignment {
                file: name.to_string(),
            })?;
        self.use_assignment(assignment)
    }

    /// Gives every report the targets of an assignment already read (one the user asked to
    /// remember); refused, naming its file, when it has no unit in common with the report.
    pub fn use_assignment(&mut self, assignment: Assignment) -> Result<(), SourceError> {
        let name = assignment.file.clone();
        let before = self.targets.replace(Targets {
            assignment,
            chosen: Vec::new(),
            fixes: Vec::new(),
        });
        self.regroup();
        let shown = self
            .report_with(self.current)
            .or_else(|| self.reports.last())
            .and_then(|r| r.joined.as_ref());
        if let Some(j) = shown.filter(|j| j.matched == 0) {
            let error = SourceError::NothingInCommon {
                file: name,
                report: j.unmatched.iter().take(3).map(|u| u.unit.clone()).collect(),
                targets: j
                    .unclaimed
                    .iter()
                    .take(3)
                    .map(|(_, u)| u.unit.clone())
                    .collect(),
            };
            self.targets = before;
            self.regroup();
            return Err(error);
        }
        Ok(())
    }

    /// The target assignment's file, when one was added.
    pub fn targets_file(&self) -> Option<&str> {
        self.targets.as_ref().map(|t| t.assignment.file.as_str())
    }

    /// The target assignment in use.
    pub fn assignment(&self) -> Option<&Assignment> {
        self.targets.as_ref().map(|t| &t.assignment)
    }

    /// The latest source: the last by date (undated ones before the dated, then in the order
    /// they were added), found without comparing any two.
    fn latest(&self) -> Option<usize> {
        let s = &self.sources;
        // A file left out of its date's report is not the report shown, but the last resort.
        (0..s.len()).max_by_key(|i| (!s[*i].left_out, s[*i].as_of(), *i))
    }

    /// The reporting dates: sources ordered by date (undated ones keep their place before the
    /// dated), the latest compared with the one before it, the outlook. `None` without sources.
    pub fn series(&self) -> Option<SeriesView> {
        let s = &self.sources;
        let latest = self.latest()?;
        let comparison = self.comparison_for(latest);
        let now = &s[latest];
        let outlooks = match (self.deadline, now.as_of(), self.report_of(latest)) {
            (Some(deadline), Some(as_of), Some(analysis)) => analysis
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

    /// Answers what the page asks of the report shown: a window of its results, its summary
    /// paragraph, an export's bytes.
    pub fn query(&self, query: &Query) -> Reply {
        match query {
            Query::Window(q) => Reply::Window(self.window(q).map(Box::new)),
            Query::Summary { lang, deadline } => Reply::Summary(self.summary(*lang, *deadline)),
            Query::Trend { indicator, unit } => Reply::Trend((|| {
                let h = self.history()?;
                let a = self.report_of(self.current)?;
                let ind = a.indicators.iter().find(|i| &i.name == indicator)?;
                let u = ind.units.iter().find(|u| &*u.row.unit == unit.as_str())?;
                h.unit(indicator, &u.row.parents, &u.row.unit)
                    .map(<[_]>::to_vec)
            })()),
            Query::Map {
                indicator,
                thresholds,
            } => Reply::Map(self.map(*indicator, *thresholds).map(Box::new)),
            Query::Copy { lang } => {
                let table = self
                    .report_of(self.current)
                    .map(crate::report::official::table);
                let (html, text) = table
                    .map(|t| crate::report::official::clipboard(&t, *lang))
                    .unwrap_or_default();
                Reply::Copy { html, text }
            }
            Query::Export {
                kind,
                indicator,
                lang,
                deadline,
                file_name,
                charts,
                letterhead,
                dated,
                picture,
            } => {
                let now = self.sources.get(self.current);
                let Some(analysis) = self.report_of(self.current) else {
                    return Reply::Export(Err("no results".into()));
                };
                let summary = self.summary(*lang, *deadline).unwrap_or_default();
                Reply::Export(match kind {
                    ExportKind::Csv => Ok(crate::report::csv::results_csv(analysis).into_bytes()),
                    ExportKind::Xlsx => {
                        let mut book = crate::report::xlsx::plan(analysis, &summary, *lang);
                        // The dates × units sheet, with three reporting dates or more.
                        if let Some(h) = self.history() {
                            book.sheets
                                .insert(1, crate::report::xlsx::by_date(analysis, h, *lang));
                        }
                        return Reply::Workbook(Box::new(book));
                    }
                    ExportKind::Official => {
                        let table = crate::report::official::table(analysis);
                        let as_of = now.and_then(Source::as_of);
                        let book =
                            crate::report::official::plan(&table, letterhead, as_of, *dated, *lang);
                        return Reply::Workbook(Box::new(book));
                    }
                    ExportKind::Word => {
                        return Reply::Document(Box::new(crate::report::docx::Document {
                            letterhead: letterhead.clone(),
                            as_of: now.and_then(Source::as_of),
                            dated: *dated,
                            lang: *lang,
                            summary,
                            table: crate::report::official::table(analysis),
                            picture: picture.clone(),
                        }));
                    }
                    ExportKind::Html => Ok(crate::report::html::standalone_html(
                        analysis,
                        *indicator,
                        file_name,
                        now.and_then(Source::as_of),
                        &summary,
                        charts,
                        self.history(),
                        *lang,
                    )
                    .into_bytes()),
                })
            }
        }
    }

    /// The summary paragraph of the report shown, compared with the date before it.
    fn summary(&self, lang: crate::report::Lang, deadline: Option<Date>) -> Option<String> {
        let now = self.sources.get(self.current)?;
        let context = crate::report::summary::Context {
            as_of: now.as_of(),
            comparison: self.current_comparison(),
            deadline,
        };
        Some(crate::report::summary::summary(
            self.report_of(self.current)?,
            context,
            lang,
        ))
    }

    /// A window of the report shown, as the page's results table asks for it: its rows with
    /// every figure, compared with the date before it.
    pub fn window(&self, query: &WindowQuery) -> Option<ResultsWindow> {
        let now = self.sources.get(self.current)?;
        let analysis = self.report_of(self.current)?;
        let mut w = results_window(
            analysis,
            self.current_comparison(),
            query.thresholds,
            now.as_of(),
            query.deadline,
            &query.results,
            &query.total_name,
        )?;
        // Each row's rate at every date, for its sparkline.
        if let (Some(h), Some(ind)) = (
            self.history(),
            analysis.indicators.get(query.results.indicator),
        ) {
            let rates = |p: Option<&[crate::analysis::trend::Point]>| {
                p.map(|p| p.iter().map(|x| x.rate()).collect())
                    .unwrap_or_default()
            };
            for r in w.rows.iter_mut().chain(std::iter::once(&mut w.total)) {
                r.history = match &r.kind {
                    crate::analysis::rows::RowKind::Unit { index, .. } => {
                        ind.units.get(*index).map_or_else(Vec::new, |u| {
                            rates(h.unit(&ind.name, &u.row.parents, &u.row.unit))
                        })
                    }
                    crate::analysis::rows::RowKind::Group { path, .. } => {
                        rates(h.group(&ind.name, path))
                    }
                    crate::analysis::rows::RowKind::Total => rates(h.whole(&ind.name)),
                };
            }
        }
        // Each unit's code in the register.
        if let (Some(p), Some(ind)) = (
            self.report_with(self.current)
                .and_then(|r| r.placement.as_ref()),
            analysis.indicators.get(query.results.indicator),
        ) {
            for r in w.rows.iter_mut() {
                if let crate::analysis::rows::RowKind::Unit { index, .. } = &r.kind {
                    r.code = ind
                        .units
                        .get(*index)
                        .and_then(|u| p.of(&u.row))
                        .map(|p| p.code.clone());
                }
            }
        }
        Some(w)
    }

    /// The map of the report shown's units (indicator `i`), once the register has placed
    /// them.
    pub fn map(&self, i: usize, thresholds: Thresholds) -> Option<places::MapView> {
        let placement = self.report_with(self.current)?.placement.as_ref()?;
        places::map(
            self.report_of(self.current)?,
            placement,
            i,
            thresholds,
            self.register.as_deref()?,
        )
    }

    /// A window of the latest source's results, as the results table shows them (`total`:
    /// the name of the total row).
    pub fn results(&self, query: &ResultsQuery, total: &str) -> Option<ResultsWindow> {
        let series = self.series()?;
        let now = &self.sources[series.latest];
        results_window(
            self.report_of(series.latest)?,
            series.comparison.as_ref(),
            self.thresholds,
            now.as_of(),
            self.deadline,
            query,
            total,
        )
    }

    // ------------------------------------------------------------------------------------
    // The app's commands: each edits the current source (the report shown) or the dates.
    // ------------------------------------------------------------------------------------

    /// Runs one of the app's commands (`bytes`: the file of `Open` and `AddDate`) and answers
    /// with what the page draws. A file that cannot be read leaves the report as it was.
    pub fn run(&mut self, command: Command, bytes: Vec<u8>) -> Result<Answer, ReadError> {
        self.compared.take();
        self.histories.take();
        self.analysis_changed = false;
        self.fresh_mapping = false;
        self.error = None;
        self.target_error = None;
        self.new_assignment = false;
        // Only the comparison depends on these: the reports stay as they are.
        let regroup = !matches!(command, Command::FixMatch(_) | Command::SetTemplates(_));
        // A new report in the app's worker: its units are placed after the page has drawn its
        // results (the page gives the register again: `Answer::register_wanted`).
        self.defer_placing = self.files_from_host && matches!(command, Command::Open { .. });
        match command {
            Command::Open {
                name,
                options,
                templates,
            } => {
                self.templates = templates;
                // Until the file reads: the next file of its batch opens the report instead.
                self.batch_open_failed = true;
                let workbook = read_workbook_with(&name, &bytes, &options)?;
                self.batch_open_failed = false;
                self.open_report(workbook, bytes, options);
            }
            Command::AddToBatch { name, options } => {
                let workbook = read_workbook_with(&name, &bytes, &options)?;
                if std::mem::take(&mut self.batch_open_failed) {
                    // The batch's first file was refused (its message said so): this one
                    // opens the report, and the others join it.
                    self.open_report(workbook, bytes, options);
                } else {
                    self.add_date(workbook, bytes, options);
                }
            }
            Command::Reread(options) => {
                let Some(s) = self.sources.get(self.current) else {
                    return Err(ReadError::NoData);
                };
                // The host's bytes (the file read again), else the copy kept.
                let bytes = match (bytes.is_empty(), &s.bytes) {
                    (false, _) => Arc::new(bytes),
                    (true, Some(kept)) => kept.clone(),
                    (true, None) if self.files_from_host => {
                        return Err(ReadError::BrowserRefused {
                            detail: "the file was not handed over again to be read".into(),
                        })
                    }
                    (true, None) => Arc::new(Vec::new()),
                };
                let workbook = read_workbook_with(s.file_name(), &bytes, &options)?;
                // The same file: the user's columns stay when they still fit.
                let keep = s.mapping.clone();
                let bytes = Arc::try_unwrap(bytes).unwrap_or_else(|b| (*b).clone());
                self.put_current(workbook, bytes, options, keep, true);
            }
            Command::AddDate { name, options } => {
                let workbook = read_workbook_with(&name, &bytes, &options)?;
                self.add_date(workbook, bytes, options);
            }
            Command::SelectSheet(i) => {
                self.hold_cells(&bytes)?;
                let templates = std::mem::take(&mut self.templates);
                // A sheet the workbook does not have changes nothing.
                if let Some(s) = self
                    .sources
                    .get_mut(self.current)
                    .filter(|s| i < s.info.sheets.len())
                {
                    if let Some(workbook) = s.cells.as_mut() {
                        if !s.legacy_choices.is_empty() {
                            // The choices were for the sheet left: it goes back to detection.
                            s.legacy_choices.clear();
                            let workbook = Arc::make_mut(workbook);
                            let hint = workbook.legacy_hint;
                            if let Some(old) = workbook.sheets.get_mut(s.sheet) {
                                crate::legacy::convert_sheet(old, &[], hint);
                            }
                            s.info = Arc::new(BookInfo::of(workbook));
                        }
                        if let Some(sheet) = workbook.sheets.get(i) {
                            let table = Table::from_sheet(sheet);
                            s.sheet = i;
                            self.fresh_mapping = s.set_table(table, None, &templates);
                            self.table_changed();
                        }
                    }
                }
                self.templates = templates;
            }
            Command::SetLayout(layout) => {
                self.hold_cells(&bytes)?;
                self.set_layout(layout);
            }
            Command::SetLegacy(column, choice) => {
                self.hold_cells(&bytes)?;
                self.set_legacy(column, choice);
            }
            Command::SetMapping(m) => {
                let _ = self.set_mapping(self.current, m);
            }
            Command::SetRole {
                column,
                role,
                indicator,
            } => self.set_role(column, role, indicator),
            Command::SetTarget(i, target) => self.set_target(i, target),
            Command::SetTemplates(list) => self.templates = list,
            Command::AddSheetDate(i) => {
                self.hold_cells(&bytes)?;
                self.add_sheet_date(i);
            }
            Command::SetAsOf(source, d) => self.set_as_of(source, d),
            Command::RemoveDate(i) => {
                if i < self.sources.len() && i != self.current {
                    self.sources.remove(i);
                    if self.current > i {
                        self.current -= 1;
                    }
                }
            }
            Command::FixMatch(fix) => {
                self.fixes.retain(|f| f.current != fix.current);
                if !fix.previous.is_empty() {
                    self.fixes.push(fix);
                }
            }
            Command::SetOffice(i, name) => {
                if let Some(s) = self.sources.get_mut(i) {
                    let name = name.trim();
                    s.office_override = (!name.is_empty()).then(|| name.to_string());
                }
            }
            Command::KeepApart(i, name, apart) => {
                if let Some(s) = self.sources.get_mut(i) {
                    s.apart.retain(|n| *n != name);
                    if apart {
                        s.apart.push(name);
                    }
                }
            }
            Command::LeaveOut(i, out) => {
                if let Some(s) = self.sources.get_mut(i) {
                    s.left_out = out;
                }
            }
            Command::SelectSource(i) => {
                if i < self.sources.len() && i != self.current {
                    self.current = i;
                    self.fresh_mapping = true;
                    self.table_changed();
                }
            }
            Command::SetTargets { name, options } => {
                match self.set_targets(&name, &bytes, &options) {
                    Ok(()) => self.new_assignment = true,
                    Err(e) => self.target_error = Some(e),
                }
            }
            Command::UseAssignment(a) => {
                if let Err(e) = self.use_assignment(a) {
                    self.target_error = Some(e);
                }
            }
            Command::ClearTargets => self.targets = None,
            Command::UseRegister(text) => {
                // The analysis is as it was: the answer carries the units' places, and the
                // page asks again for what shows them (the table's codes, the map). The same
                // register given again places what was left unplaced.
                if let Ok(register) = crate::register::Register::parse_if_new(
                    &text,
                    self.register.as_ref().map(|k| &k.register),
                ) {
                    match register {
                        Some(r) => self.set_register(Arc::new(Known::new(r))),
                        None => self.defer_placing = false,
                    }
                }
            }
            Command::FixTarget(fix) => {
                if let Some(t) = &mut self.targets {
                    t.fixes
                        .retain(|f| (&f.unit, &f.parents) != (&fix.unit, &fix.parents));
                    if fix.assigned.is_some() {
                        t.fixes.push(fix);
                    }
                }
            }
            Command::SetTargetColumn(indicator, column) => {
                if let Some(t) = &mut self.targets {
                    t.chosen.retain(|(n, _)| *n != indicator);
                    t.chosen.push((indicator, column));
                }
            }
        }
        if regroup {
            self.regroup();
        }
        if self.files_from_host {
            // Whatever a command read again is let go once it is done.
            for s in &mut self.sources {
                if s.release {
                    s.cells = None;
                }
            }
        }
        self.answer().ok_or(ReadError::NoData)
    }

    /// A new report of one file.
    fn open_report(&mut self, workbook: Workbook, bytes: Vec<u8>, options: ReadOptions) {
        self.sources.clear();
        self.fixes.clear();
        self.targets = None;
        self.current = 0;
        self.put_current(workbook, bytes, options, None, false);
    }

    /// The report shown's cells, read again from the host's bytes when they were let go; an
    /// error (the report unchanged) when the host could not hand the file over.
    fn hold_cells(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        let Some(s) = self.sources.get_mut(self.current) else {
            return Ok(());
        };
        match (&s.cells, bytes.is_empty()) {
            (Some(_), _) => Ok(()),
            (None, true) => Err(ReadError::BrowserRefused {
                detail: "the file was not handed over again to be read".into(),
            }),
            (None, false) => s.restore(bytes),
        }
    }

    /// A workbook as the current source (its best sheet), in place of the current one or as
    /// the first; `keep`: the mapping to keep when it fits.
    fn put_current(
        &mut self,
        workbook: Workbook,
        bytes: Vec<u8>,
        options: ReadOptions,
        keep: Option<Mapping>,
        replace: bool,
    ) {
        let text = matches!(workbook.format, SourceFormat::Text { .. });
        let name = workbook.file_name.clone();
        let bytes = (text && !self.files_from_host).then(|| Arc::new(bytes));
        let info = Arc::new(BookInfo::of(&workbook));
        let (mut s, fresh) =
            self.source_of(name, Arc::new(workbook), info, bytes, options, None, keep);
        self.count_read(&mut s);
        if replace && self.current < self.sources.len() {
            self.sources[self.current] = s;
        } else {
            self.sources.push(s);
            self.current = self.sources.len() - 1;
        }
        self.fresh_mapping = fresh;
        self.table_changed();
    }

    /// The current source's table changed: a new version and a new analysis to send.
    fn table_changed(&mut self) {
        self.version += 1;
        self.analysis_changed = true;
    }

    fn set_layout(&mut self, layout: Layout) {
        let templates = std::mem::take(&mut self.templates);
        if let Some(s) = self.sources.get_mut(self.current) {
            let sheet = s.cells.as_ref().and_then(|w| w.sheets.get(s.sheet));
            if let Some(sheet) = sheet {
                let table = Table::with_layout(sheet, layout);
                let keep = s.mapping.clone();
                self.fresh_mapping = s.set_table(table, keep, &templates);
                self.table_changed();
            }
        }
        self.templates = templates;
    }

    fn set_legacy(&mut self, column: usize, choice: Choice) {
        let templates = std::mem::take(&mut self.templates);
        if let Some(s) = self.sources.get_mut(self.current) {
            s.legacy_choices.retain(|(c, _)| *c != column);
            if choice != Choice::Auto {
                s.legacy_choices.push((column, choice));
            }
            let Some(workbook) = s.cells.as_mut() else {
                self.templates = templates;
                return;
            };
            let workbook = Arc::make_mut(workbook);
            let hint = workbook.legacy_hint;
            if let Some(sheet) = workbook.sheets.get_mut(s.sheet) {
                crate::legacy::convert_sheet(sheet, &s.legacy_choices, hint);
                let table = Table::from_sheet(sheet);
                s.info = Arc::new(BookInfo::of(workbook));
                // The same columns: keep the user's mapping.
                let keep = s.mapping.clone();
                self.fresh_mapping = s.set_table(table, keep, &templates);
                self.table_changed();
            }
        }
        self.templates = templates;
    }

    fn set_role(&mut self, column: usize, role: Role, indicator: usize) {
        if let Some(s) = self.sources.get_mut(self.current) {
            if let (Ok(t), Some(m)) = (&s.table, &s.mapping) {
                s.mapping = Some(m.with_role(t, column, role, indicator));
                s.template_used = false;
                s.reanalyse();
                self.analysis_changed = true;
            }
        }
    }

    fn set_target(&mut self, indicator: usize, target: Option<TargetSource>) {
        if let Some(s) = self.sources.get_mut(self.current) {
            if let Some(m) = &s.mapping {
                s.mapping = Some(m.with_target(indicator, target));
                s.reanalyse();
                self.analysis_changed = true;
            }
        }
    }

    /// Another file as a reporting date: a later one than the report shown becomes it
    /// (keeping the user's columns when they fit), an earlier one is analysed with its own
    /// suggestion.
    fn add_date(&mut self, workbook: Workbook, bytes: Vec<u8>, options: ReadOptions) {
        let name = workbook.file_name.clone();
        let current = self.sources.get(self.current);
        let keep = current.and_then(|s| s.mapping.clone());
        let open_as_of = current.and_then(Source::as_of);
        let text = matches!(workbook.format, SourceFormat::Text { .. });
        let info = Arc::new(BookInfo::of(&workbook));
        let (mut s, _) = self.source_of(
            name.clone(),
            Arc::new(workbook),
            info,
            None,
            options,
            None,
            None,
        );
        if s.table.is_err() {
            self.error = Some((name, ReadError::NoData));
            return;
        }
        let later = matches!((s.as_of(), open_as_of), (Some(new), Some(open)) if new > open);
        if later {
            // The same table, found once: only the mapping may change.
            self.fixes.clear();
            self.fresh_mapping = s.carry_mapping(keep);
            s.bytes = (text && !self.files_from_host).then(|| Arc::new(bytes));
            self.count_read(&mut s);
            self.sources.push(s);
            self.current = self.sources.len() - 1;
            self.table_changed();
            return;
        }
        self.count_read(&mut s);
        self.add_other(s);
    }

    /// A sheet of the current workbook as another reporting date.
    fn add_sheet_date(&mut self, i: usize) {
        let Some(current) = self.sources.get(self.current) else {
            return;
        };
        let Some(workbook) = current.cells.clone() else {
            return;
        };
        let (info, read) = (current.info.clone(), current.read);
        if let Some(mut s) = self.sheet_source(&workbook, &info, i) {
            // The same file.
            s.read = read;
            self.add_other(s);
        }
    }

    /// Another date beside the report shown, with its own suggested mapping; one that gives
    /// no results is refused, naming it.
    fn add_other(&mut self, s: Source) {
        if s.checked_ok() {
            let current = self.sources.get(self.current).map(|c| c.name.clone());
            if let Some(k) = self
                .sources
                .iter()
                .position(|x| x.name == s.name && Some(&x.name) != current.as_ref())
            {
                self.sources.remove(k);
                if self.current > k {
                    self.current -= 1;
                }
            }
            self.sources.push(s);
        } else {
            self.error = Some((s.name, ReadError::NoData));
        }
    }

    /// What the page draws now.
    fn answer(&self) -> Option<Answer> {
        let s = self.sources.get(self.current)?;
        Some(view::answer(self, s))
    }

    /// The current source's analysis, when the last command made a new one.
    pub fn new_analysis(&self) -> Option<&Analysis> {
        if !self.analysis_changed {
            return None;
        }
        self.shown()?.ok()
    }
}

impl Source {
    /// True when the source gives results.
    fn checked_ok(&self) -> bool {
        self.table.is_ok() && self.suggestion.is_some() && self.results().is_some()
    }
}
