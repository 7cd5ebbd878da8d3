//! The app's commands to a [`Session`] and the view it answers with: only what the page draws
//! (the workbook without its cells, the table without its body rows, the mapping, a new
//! analysis, the dates and their comparison, the table check's rows).

use super::{Session, Source};
use crate::analysis::series::{Comparison, MatchFix};
use crate::analysis::targets::{Joined, TargetFix};
use crate::analysis::{Analysis, Mapping, MappingError, Role, Suggestion, TargetSource, Template};
use crate::dates::{AsOf, Date};
use crate::ingest::{ReadError, ReadOptions};
use crate::legacy::Choice;
use crate::model::{Conversion, Sheet, SourceFormat, Workbook};
use crate::table::{Layout, Table, TableError};
use serde::{Deserialize, Serialize};

/// What the app asks of the report. `Open` and `AddDate` travel with the file's bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A new report (its own dates); `templates`: the mappings the user remembered.
    Open {
        /// The file's name.
        name: String,
        /// The user's reading choices.
        options: ReadOptions,
        /// The remembered mappings.
        templates: Vec<Template>,
    },
    /// The report's text file read again with other choices (encoding, separator).
    Reread(ReadOptions),
    /// A file as another reporting date of the report.
    AddDate {
        /// The file's name.
        name: String,
        /// The user's reading choices.
        options: ReadOptions,
    },
    /// The next file of several given at once (after an `Open`): another file of the report
    /// (of its date, combined, or of another), or the report itself when the batch's first
    /// file could not be read.
    AddToBatch {
        /// The file's name.
        name: String,
        /// The user's reading choices.
        options: ReadOptions,
    },
    /// Another sheet of the report's workbook.
    SelectSheet(usize),
    /// The user corrected where the header and the body are.
    SetLayout(Layout),
    /// A column's legacy-font conversion switched off, forced, or back to detection.
    SetLegacy(usize, Choice),
    /// The user's mapping.
    SetMapping(Mapping),
    /// The mapping panel gave a column a role, for the indicator shown.
    SetRole {
        /// The column.
        column: usize,
        /// Its role.
        role: Role,
        /// The indicator shown.
        indicator: usize,
    },
    /// An indicator's target.
    SetTarget(usize, Option<TargetSource>),
    /// The remembered mappings changed.
    SetTemplates(Vec<Template>),
    /// Another sheet of the report's workbook as another reporting date.
    AddSheetDate(usize),
    /// The user's as-of date of a source (`None`: the one found).
    SetAsOf(usize, Option<Date>),
    /// A reporting date (a source other than the report shown) removed.
    RemoveDate(usize),
    /// Which unit of the previous date a unit of this one is.
    FixMatch(MatchFix),
    /// A source left out of the report of its date (`true`), or taken back.
    LeaveOut(usize, bool),
    /// An indicator of a source (by name) kept apart from the other files' (`true`), or
    /// matched with them by name again.
    KeepApart(usize, String, bool),
    /// The name of the office a source comes from, as the user writes it (empty: the one
    /// found in its title block).
    SetOffice(usize, String),
    /// Another file of the report shown becomes the one whose sheet and columns are edited.
    SelectSource(usize),
    /// A target assignment ("giao chỉ tiêu") from a file: every report takes its targets.
    SetTargets {
        /// The file's name.
        name: String,
        /// The user's reading choices.
        options: ReadOptions,
    },
    /// The target assignment removed.
    ClearTargets,
    /// Which unit of the assignment a unit of the report is.
    FixTarget(TargetFix),
    /// The assignment's column (index) an indicator (name) takes its targets from.
    SetTargetColumn(String, Option<usize>),
    /// A target assignment the user asked to remember, for a new report.
    UseAssignment(crate::analysis::targets::Assignment),
    /// The register of units (a register file's text, `crate::register::Register::parse`),
    /// which the page loads when a first report opens.
    UseRegister(String),
}

impl Command {
    /// The commands that read a file.
    pub fn reads(&self) -> bool {
        matches!(
            self,
            Command::Open { .. }
                | Command::Reread(_)
                | Command::AddDate { .. }
                | Command::AddToBatch { .. }
                | Command::SetTargets { .. }
        )
    }
}

/// What the page shows of a workbook without its cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookInfo {
    /// The file's name.
    pub file_name: String,
    /// How it was stored.
    pub format: SourceFormat,
    /// Its sheets.
    pub sheets: Vec<SheetInfo>,
}

/// A sheet without its cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetInfo {
    /// Its name.
    pub name: String,
    /// Hidden in the workbook.
    pub hidden: bool,
    /// Rows.
    pub rows: usize,
    /// Columns of its widest row.
    pub width: usize,
    /// Columns converted from a legacy font encoding (without the original texts, which stay
    /// with the cells to undo or redo a conversion).
    pub legacy: Vec<Conversion>,
    /// Columns holding text beyond ASCII: those a legacy conversion could apply to.
    pub non_ascii: Vec<usize>,
}

impl BookInfo {
    /// The summary of a workbook.
    pub fn of(workbook: &Workbook) -> BookInfo {
        BookInfo {
            file_name: workbook.file_name.clone(),
            format: workbook.format.clone(),
            sheets: workbook
                .sheets
                .iter()
                .map(|s| SheetInfo {
                    name: s.name.clone(),
                    hidden: s.hidden,
                    rows: s.row_count(),
                    width: s.width(),
                    legacy: s
                        .legacy
                        .iter()
                        .map(|c| Conversion {
                            originals: Vec::new(),
                            samples: c.samples.clone(),
                            ..*c
                        })
                        .collect(),
                    non_ascii: non_ascii_columns(s),
                })
                .collect(),
        }
    }
}

/// The columns of a sheet with text beyond ASCII, in one pass over its rows.
fn non_ascii_columns(sheet: &Sheet) -> Vec<usize> {
    let mut found = vec![false; sheet.width()];
    for row in sheet.rows() {
        for (c, cell) in row.iter().enumerate() {
            if let crate::CellRef::Text(t) = cell {
                found[c] |= !t.is_ascii();
            }
        }
    }
    (0..found.len()).filter(|c| found[*c]).collect()
}

/// Another reporting date, as the page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateInfo {
    /// The source's index, for the commands about it.
    pub source: usize,
    /// Its name.
    pub file_name: String,
    /// Its as-of date.
    pub as_of: Option<Date>,
}

/// A file of the report shown, as the page lists the grouping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupMember {
    /// The source's index, for the commands about it.
    pub source: usize,
    /// Its name.
    pub file_name: String,
    /// The office its title block names ("Chợ Lách"), if any.
    pub office: Option<String>,
    /// Its units (rows of its first indicator), when it gives results.
    pub units: Option<usize>,
    /// Why it gives none.
    pub error: Option<MappingError>,
    /// The user left it out.
    pub left_out: bool,
    /// Its indicators kept apart from the other files'.
    #[serde(default)]
    pub apart: Vec<String>,
}

/// The first rows and the last rows of the report's sheet, as the table check shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// Rows in the sheet.
    pub rows: usize,
    /// Each row shown: its index (0-based) and its first cells as the user reads them.
    pub shown: Vec<(usize, Vec<String>)>,
    /// Columns shown.
    pub columns: usize,
}

/// Rows of the sheet the table check shows from its top.
pub const PREVIEW_TOP: usize = 80;
/// Rows it shows from its end.
pub const PREVIEW_TAIL: usize = 25;
/// Columns it shows.
pub const PREVIEW_COLUMNS: usize = 12;

impl Preview {
    /// A sheet's first and last rows.
    pub fn of(sheet: &Sheet) -> Preview {
        let n = sheet.row_count();
        let mut shown: Vec<usize> = (0..n.min(PREVIEW_TOP)).collect();
        let tail = n.saturating_sub(PREVIEW_TAIL).max(shown.len());
        shown.extend(tail..n);
        let columns = sheet.width().min(PREVIEW_COLUMNS);
        Preview {
            rows: n,
            shown: shown
                .into_iter()
                .map(|i| {
                    (
                        i,
                        (0..columns).map(|c| sheet.cell(i, c).display()).collect(),
                    )
                })
                .collect(),
            columns,
        }
    }
}

/// The analysis in an answer: the same as the last answer's, none, or new.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Analysed {
    /// Unchanged since the last answer.
    Same,
    /// No mapping to analyse with.
    None,
    /// The mapping gives no results.
    Failed(MappingError),
    /// A new analysis. Its indicators are left out: they travel apart
    /// ([`Session::new_analysis`]), a million units being too much for one message.
    New(Analysis),
}

/// What the page draws of the report after a command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The report shown (the index of its source).
    pub current: usize,
    /// The workbook without its cells.
    pub info: BookInfo,
    /// The choices it was read with.
    pub options: ReadOptions,
    /// The sheet in use.
    pub sheet: usize,
    /// The table without its body rows (its columns, row kinds, totals), or why there is none.
    pub table: Result<Table, TableError>,
    /// Bumped whenever the table changes.
    pub version: u64,
    /// The suggested mapping.
    pub suggestion: Option<Suggestion>,
    /// The mapping in use.
    pub mapping: Option<Mapping>,
    /// The mapping came from a remembered template.
    pub template_used: bool,
    /// The mapping was replaced (a new table): the page goes back to the first indicator.
    pub fresh_mapping: bool,
    /// The results.
    pub analysis: Analysed,
    /// The as-of date found, and where.
    pub as_of: Option<AsOf>,
    /// The user's as-of date.
    pub as_of_override: Option<Date>,
    /// The user's legacy-font choices.
    pub legacy_choices: Vec<(usize, Choice)>,
    /// The other reporting dates.
    pub dates: Vec<DateInfo>,
    /// The user's match fixes.
    pub fixes: Vec<MatchFix>,
    /// The report compared with the reporting date before it: what the page draws of it
    /// ([`crate::analysis::drawn::comparison_digest`]); the session keeps the whole comparison
    /// for the results windows and the summary it is asked for, until the next change.
    pub comparison: Option<Comparison>,
    /// The sheet's rows for the table check.
    pub preview: Preview,
    /// A file added as a date that gave nothing to compare, and why.
    pub error: Option<(String, ReadError)>,
    /// The files of the as-of date shown (the report shown and the files combined with it,
    /// and those left out of it), in the order they are combined.
    pub group: Vec<GroupMember>,
    /// How the target assignment met the report shown.
    pub targets: Option<Joined>,
    /// Why the last targets file was refused.
    pub target_error: Option<crate::session::SourceError>,
    /// The report shown is a list of citizens or cases, counted per unit: what was counted.
    pub list: Option<crate::list::ListInfo>,
    /// The units expected and missing from the report shown: with a target in the targets
    /// file, else in the report of the date before.
    pub unreported: Vec<crate::analysis::Unreported>,
    /// The assignment a targets file just gave, for the page to remember when the user asks.
    pub assignment: Option<crate::analysis::targets::Assignment>,
    /// The whole at every reporting date up to the one shown, with three dates or more (the
    /// burn-up chart).
    pub trend: Option<crate::analysis::trend::Trend>,
    /// The report shown's units in the register, once the session has one.
    #[serde(default)]
    pub places: Option<crate::places::PlacesView>,
    /// The session has no register, or left a report read just now unplaced: the host gives
    /// it the register (after drawing the results).
    #[serde(default)]
    pub register_wanted: bool,
}

/// The answer for the current source `s`.
pub(super) fn answer(session: &Session, s: &Source) -> Answer {
    let table = match &s.table {
        Ok(t) => Ok(Table {
            sheet: t.sheet.clone(),
            layout: t.layout,
            kinds: t.kinds.clone(),
            columns: t.columns.clone(),
            body: Default::default(),
            totals: t.totals.clone(),
            unreadable: t.unreadable.clone(),
            errors: t.errors.clone(),
        }),
        Err(e) => Err(e.clone()),
    };
    let analysis = match (session.shown(), session.analysis_changed) {
        (_, false) => Analysed::Same,
        (None, true) => Analysed::None,
        (Some(Err(e)), true) => Analysed::Failed(e.clone()),
        (Some(Ok(a)), true) => Analysed::New(Analysis {
            unit_level: a.unit_level.clone(),
            parent_levels: a.parent_levels.clone(),
            indicators: Vec::new(),
            skipped: a.skipped.clone(),
            warnings: a.warnings.clone(),
            whole_label: a.whole_label.clone(),
            files: a.files.clone(),
            unreported: a.unreported.clone(),
        }),
    };
    let current = session.current;
    Answer {
        current,
        info: BookInfo::clone(&s.info),
        options: s.options.clone(),
        sheet: s.sheet,
        table,
        version: session.version,
        suggestion: s.suggestion.clone(),
        mapping: s.mapping.clone(),
        template_used: s.template_used,
        fresh_mapping: session.fresh_mapping,
        analysis,
        as_of: s.found_as_of.clone(),
        as_of_override: s.as_of_override,
        legacy_choices: s.legacy_choices.clone(),
        dates: session
            .sources
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != current)
            .map(|(i, d)| DateInfo {
                source: i,
                file_name: d.name.clone(),
                as_of: d.as_of(),
            })
            .collect(),
        fixes: session.fixes.clone(),
        // The page draws a dumbbell and lists units in one report only: it gets those.
        comparison: session
            .current_comparison()
            .map(crate::analysis::drawn::comparison_digest),
        preview: s.preview.clone(),
        error: session.error.clone(),
        group: group(session),
        targets: session.report_with(current).and_then(|r| r.joined.clone()),
        target_error: session.target_error.clone(),
        list: s.list.clone(),
        unreported: session
            .report_of(current)
            .map(|a| crate::report::summary::unreported(a, session.current_comparison()))
            .unwrap_or_default(),
        assignment: session
            .new_assignment
            .then(|| session.assignment().cloned())
            .flatten(),
        trend: session
            .history()
            .zip(session.report_of(current))
            .map(|(h, a)| h.trend(a)),
        places: session
            .report_with(current)
            .and_then(|r| r.placement.as_ref())
            .map(|p| p.view()),
        register_wanted: session.register_wanted(),
    }
}

/// The files of the as-of date shown: those combined in the report (in its order), then the
/// others of that date (left out, or without results).
fn group(session: &Session) -> Vec<GroupMember> {
    let Some(now) = session.sources.get(session.current) else {
        return Vec::new();
    };
    let as_of = now.as_of();
    let mut order: Vec<usize> = session
        .report_with(session.current)
        .map(|r| r.members.clone())
        .unwrap_or_default();
    for (i, s) in session.sources.iter().enumerate() {
        if s.as_of() == as_of && !order.contains(&i) {
            order.push(i);
        }
    }
    order
        .into_iter()
        .filter_map(|i| {
            let s = session.sources.get(i)?;
            Some(GroupMember {
                source: i,
                file_name: s.name.clone(),
                office: s.office_shown().map(|o| o.name),
                units: s
                    .results()
                    .and_then(|a| a.indicators.first())
                    .map(|ind| ind.units.len()),
                error: match &s.analysis {
                    Some(Err(e)) => Some(e.clone()),
                    _ => None,
                },
                left_out: s.left_out,
                apart: s.apart.clone(),
            })
        })
        .collect()
}

/// What the results table asks of the report shown: a window of its rows (the page holds the
/// view: thresholds, deadline, the words of the total row).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowQuery {
    /// The rows asked for: indicator, sort, search, status, folded parents, offset and limit.
    pub results: crate::analysis::rows::ResultsQuery,
    /// The status thresholds.
    pub thresholds: crate::analysis::Thresholds,
    /// The deadline, for the outlook columns.
    pub deadline: Option<Date>,
    /// The name of the total row, in the page's language.
    pub total_name: String,
}

/// An export the page asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    /// The results as CSV (the test contract in the README).
    Csv,
    /// The results as an Excel workbook, with the summary.
    Xlsx,
    /// The standalone HTML report, with the charts the page drew.
    Html,
    /// The report in the official layout as an Excel sheet (`report::official`).
    Official,
    /// The report as a Word document (`report::docx`), with the main chart's picture.
    Word,
}

/// What the page asks of the report shown, without changing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Query {
    /// A window of the results table.
    Window(WindowQuery),
    /// The summary paragraph.
    Summary {
        /// In this language.
        lang: crate::report::Lang,
        /// The deadline the paragraph speaks of.
        deadline: Option<Date>,
    },
    /// A unit's figures at every reporting date (the burn-up chart of a chosen unit).
    Trend {
        /// The indicator's name.
        indicator: String,
        /// The unit's name (the first unit of that name).
        unit: String,
    },
    /// The map of an indicator's units, at their centres in the register.
    Map {
        /// The indicator (index).
        indicator: usize,
        /// The status thresholds (the dots' colours).
        thresholds: crate::analysis::Thresholds,
    },
    /// The results table for the clipboard (HTML and tab-separated text).
    Copy {
        /// In this language.
        lang: crate::report::Lang,
    },
    /// An export's bytes.
    Export {
        /// Which one.
        kind: ExportKind,
        /// The indicator shown (first in the HTML report).
        indicator: usize,
        /// In this language.
        lang: crate::report::Lang,
        /// The deadline the summary speaks of.
        deadline: Option<Date>,
        /// The file's name, as the report names it.
        file_name: String,
        /// The charts drawn on the page (id and standalone SVG), for the HTML report.
        charts: Vec<(String, String)>,
        /// The agency, title, place and signers, for the official report.
        letterhead: crate::report::official::Letterhead,
        /// The day the official report is written (the page's clock).
        dated: Option<Date>,
        /// The main chart as a picture, for the Word report.
        picture: Option<crate::report::docx::Picture>,
    },
}

/// The answer to a [`Query`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The window; `None` when the report has no results.
    Window(Option<Box<crate::analysis::rows::ResultsWindow>>),
    /// The paragraph; `None` when the report has no results.
    Summary(Option<String>),
    /// The bytes, or why the writer failed (its cause).
    Export(Result<Vec<u8>, String>),
    /// The Excel workbook laid out: whoever holds the session writes it
    /// ([`crate::report::xlsx::write`]), so that the writer need not live beside the session.
    Workbook(Box<crate::report::xlsx::Book>),
    /// A unit's figures at every date of the trend, when it has a trend.
    Trend(Option<Vec<crate::analysis::trend::Point>>),
    /// The table for the clipboard: as HTML, and as tab-separated text.
    Copy {
        /// An HTML table.
        html: String,
        /// Tab-separated lines.
        text: String,
    },
    /// The Word document laid out, written like a workbook.
    Document(Box<crate::report::docx::Document>),
    /// The map's units; `None` before the register has placed them.
    Map(Option<Box<crate::places::MapView>>),
}
