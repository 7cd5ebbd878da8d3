//! The report as the reading worker holds it: the open file (its bytes when it is text, the
//! workbook with its cells, the sheet, the table, the suggestion, the mapping, the analysis, the
//! legacy choices, the as-of date) and the other reporting dates. The page sends [`Command`]s
//! and draws the [`Answer`]s; it holds no cell and runs no engine step (reading, detection,
//! suggestion, analysis, comparison). Natively (tests, and a browser where no worker starts)
//! the same `Host` runs on the page's thread.

use crate::book::BookInfo;
use attain_core::analysis::series::{compare, Comparison, Dated, MatchFix};
use attain_core::analysis::{
    analyze, suggest, template_for, Analysis, IndicatorResult, Mapping, MappingError, Role,
    Suggestion, TargetSource, Template, UnitResult,
};
use attain_core::dates::{find_as_of, AsOf, Date};
use attain_core::legacy::Choice;
use attain_core::table::{best_table, Layout, TableError};
use attain_core::{read_workbook_with, ReadError, ReadOptions, SourceFormat, Table, Workbook};
use serde::{Deserialize, Serialize};

/// What the page asks of the report. `Open`, `AddDate` travel with the file's bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A new report (its own dates); `templates`: the mappings the user remembered.
    Open {
        name: String,
        options: ReadOptions,
        templates: Vec<Template>,
    },
    /// The open text file read again with other choices (encoding, separator).
    Reread(ReadOptions),
    /// A file as another reporting date of the open report.
    AddDate {
        name: String,
        options: ReadOptions,
    },
    SelectSheet(usize),
    /// The user corrected where the header and the body are.
    SetLayout(Layout),
    /// A column's legacy-font conversion switched off, forced, or back to detection.
    SetLegacy(usize, Choice),
    SetMapping(Mapping),
    /// The mapping panel gave a column a role, for the indicator shown.
    SetRole {
        column: usize,
        role: Role,
        indicator: usize,
    },
    SetTarget(usize, Option<TargetSource>),
    /// The remembered mappings changed.
    SetTemplates(Vec<Template>),
    /// Another sheet of the open workbook as another reporting date.
    AddSheetDate(usize),
    /// The user's as-of date of the open report.
    SetAsOf(Option<Date>),
    /// The user's as-of date of another reporting date.
    SetDateAsOf(usize, Option<Date>),
    RemoveDate(usize),
    /// Which unit of the previous date a unit of this one is.
    FixMatch(MatchFix),
}

impl Command {
    /// The commands that read a file's bytes.
    pub fn reads(&self) -> bool {
        matches!(
            self,
            Command::Open { .. } | Command::Reread(_) | Command::AddDate { .. }
        )
    }
}

/// Another reporting date, as the page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateInfo {
    pub file_name: String,
    pub as_of: Option<Date>,
}

/// The first rows and the last rows of the open sheet, as the table check shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// Rows in the sheet.
    pub rows: usize,
    /// Each row shown: its index (0-based) and its first cells as the user reads them.
    pub shown: Vec<(usize, Vec<String>)>,
    /// Columns shown.
    pub columns: usize,
}

/// Rows of the sheet the table check shows from its top, and from its end.
pub const PREVIEW_TOP: usize = 80;
pub const PREVIEW_TAIL: usize = 25;
/// Columns it shows.
pub const PREVIEW_COLUMNS: usize = 12;

/// The analysis in an answer: the same as the last answer's, none, or new.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Analysed {
    Same,
    None,
    Failed(MappingError),
    /// A new analysis; its indicators follow in pieces of their own.
    New(Analysis),
}

/// What the page draws of the report after a command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The workbook without its cells.
    pub info: BookInfo,
    /// The choices it was read with.
    pub options: ReadOptions,
    pub sheet: usize,
    /// The table without its body rows (its columns, row kinds, totals), or why there is none.
    pub table: Result<Table, TableError>,
    /// Bumped whenever the table changes.
    pub version: u64,
    pub suggestion: Option<Suggestion>,
    pub mapping: Option<Mapping>,
    /// The mapping came from a remembered template.
    pub template_used: bool,
    /// The mapping was replaced (a new table): the page goes back to the first indicator.
    pub fresh_mapping: bool,
    pub analysis: Analysed,
    pub as_of: Option<AsOf>,
    pub as_of_override: Option<Date>,
    pub legacy_choices: Vec<(usize, Choice)>,
    pub dates: Vec<DateInfo>,
    pub fixes: Vec<MatchFix>,
    /// The reporting date before the open one, compared with it.
    pub comparison: Option<Comparison>,
    /// The open sheet's rows for the table check.
    pub preview: Preview,
    /// A file added as a date that gave nothing to compare.
    pub error: Option<(String, ReadError)>,
}

/// The open report.
#[derive(Debug)]
struct Open {
    workbook: Workbook,
    /// A text file's bytes, to read again with another encoding or separator.
    bytes: Option<Vec<u8>>,
    options: ReadOptions,
    info: BookInfo,
    sheet: usize,
    table: Result<Table, TableError>,
    suggestion: Option<Suggestion>,
    mapping: Option<Mapping>,
    template_used: bool,
    analysis: Option<Result<Analysis, MappingError>>,
    legacy_choices: Vec<(usize, Choice)>,
    as_of: Option<AsOf>,
    as_of_override: Option<Date>,
}

impl Open {
    fn as_of_date(&self) -> Option<Date> {
        self.as_of_override.or(self.as_of.as_ref().map(|a| a.date))
    }
}

/// Another reporting date, analysed with its own suggested mapping.
#[derive(Debug)]
struct OtherDate {
    file_name: String,
    as_of: Option<Date>,
    analysis: Analysis,
}

/// The report and the user's choices; commands in, answers out.
#[derive(Debug, Default)]
pub struct Host {
    open: Option<Open>,
    dates: Vec<OtherDate>,
    fixes: Vec<MatchFix>,
    templates: Vec<Template>,
    version: u64,
    analysis_changed: bool,
    fresh_mapping: bool,
    error: Option<(String, ReadError)>,
}

/// The suggestion for a table and the analysis with its mapping.
fn first(table: &Result<Table, TableError>) -> (Option<Suggestion>, Option<Analysis>) {
    let Ok(t) = table else {
        return (None, None);
    };
    let suggestion = suggest(t);
    let analysis = suggestion
        .as_ref()
        .and_then(|g| analyze(t, &g.mapping).ok());
    (suggestion, analysis)
}

impl Host {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs a command (`bytes`: the file of `Open` and `AddDate`). A file that cannot be read
    /// leaves the report as it was.
    pub fn run(&mut self, command: Command, bytes: Vec<u8>) -> Result<Answer, ReadError> {
        self.analysis_changed = false;
        self.fresh_mapping = false;
        self.error = None;
        match command {
            Command::Open {
                name,
                options,
                templates,
            } => {
                self.templates = templates;
                let workbook = read_workbook_with(&name, &bytes, &options)?;
                self.dates.clear();
                self.fixes.clear();
                self.open_workbook(workbook, bytes, options, false);
            }
            Command::Reread(options) => {
                let Some(open) = self.open.take() else {
                    return Err(ReadError::NoData);
                };
                let bytes = open.bytes.clone().unwrap_or_default();
                match read_workbook_with(&open.workbook.file_name, &bytes, &options) {
                    Ok(workbook) => {
                        self.open = Some(open);
                        // The same file: the user's columns stay when they still fit.
                        self.open_workbook(workbook, bytes, options, true);
                    }
                    Err(e) => {
                        self.open = Some(open);
                        return Err(e);
                    }
                }
            }
            Command::AddDate { name, options } => {
                let workbook = read_workbook_with(&name, &bytes, &options)?;
                self.add_date(workbook, bytes, options);
            }
            Command::SelectSheet(i) => {
                if let Some(open) = self.open.as_mut() {
                    if let Some(sheet) = open.workbook.sheets.get(i) {
                        let table = Table::from_sheet(sheet);
                        open.sheet = i;
                        open.legacy_choices.clear();
                        self.set_table(table, false, None);
                    }
                }
            }
            Command::SetLayout(layout) => {
                if let Some(open) = self.open.as_ref() {
                    if let Some(sheet) = open.workbook.sheets.get(open.sheet) {
                        let table = Table::with_layout(sheet, layout);
                        self.set_table(table, true, None);
                    }
                }
            }
            Command::SetLegacy(column, choice) => {
                if let Some(open) = self.open.as_mut() {
                    let hint = open.workbook.legacy_hint;
                    let index = open.sheet;
                    if let Some(sheet) = open.workbook.sheets.get_mut(index) {
                        open.legacy_choices.retain(|(c, _)| *c != column);
                        if choice != Choice::Auto {
                            open.legacy_choices.push((column, choice));
                        }
                        attain_core::legacy::convert_sheet(sheet, &open.legacy_choices, hint);
                        let table = Table::from_sheet(sheet);
                        open.info = BookInfo::of(&open.workbook, index, table.as_ref().ok());
                        // The same columns: keep the user's mapping.
                        self.set_table(table, true, None);
                    }
                }
            }
            Command::SetMapping(m) => {
                if let Some(open) = self.open.as_mut() {
                    open.template_used = false;
                    open.mapping = Some(m);
                    self.reanalyse();
                }
            }
            Command::SetRole {
                column,
                role,
                indicator,
            } => {
                if let Some(open) = self.open.as_mut() {
                    open.template_used = false;
                    if let (Ok(t), Some(m)) = (&open.table, &open.mapping) {
                        open.mapping = Some(m.with_role(t, column, role, indicator));
                        self.reanalyse();
                    }
                }
            }
            Command::SetTarget(i, target) => {
                if let Some(open) = self.open.as_mut() {
                    if let Some(m) = &open.mapping {
                        open.mapping = Some(m.with_target(i, target));
                        self.reanalyse();
                    }
                }
            }
            Command::SetTemplates(list) => self.templates = list,
            Command::AddSheetDate(i) => self.add_sheet_date(i),
            Command::SetAsOf(d) => {
                if let Some(open) = self.open.as_mut() {
                    open.as_of_override = d;
                }
            }
            Command::SetDateAsOf(i, d) => {
                if let Some(other) = self.dates.get_mut(i) {
                    other.as_of = d;
                }
            }
            Command::RemoveDate(i) => {
                if i < self.dates.len() {
                    self.dates.remove(i);
                }
            }
            Command::FixMatch(fix) => {
                self.fixes.retain(|f| f.current != fix.current);
                if !fix.previous.is_empty() {
                    self.fixes.push(fix);
                }
            }
        }
        self.answer().ok_or(ReadError::NoData)
    }

    /// A workbook as the open report: its best sheet, table, suggestion and analysis.
    fn open_workbook(
        &mut self,
        workbook: Workbook,
        bytes: Vec<u8>,
        options: ReadOptions,
        keep_mapping: bool,
    ) {
        let (sheet, table) = best_table(&workbook);
        let info = BookInfo::of(&workbook, sheet, table.as_ref().ok());
        let text = matches!(workbook.format, SourceFormat::Text { .. });
        let (mapping, template_used) = match self.open.take() {
            Some(o) if keep_mapping => (o.mapping, o.template_used),
            _ => (None, false),
        };
        self.open = Some(Open {
            workbook,
            bytes: text.then_some(bytes),
            options,
            info,
            sheet,
            table: Err(TableError::EmptySheet(String::new())),
            suggestion: None,
            mapping,
            template_used,
            analysis: None,
            legacy_choices: Vec::new(),
            as_of: None,
            as_of_override: None,
        });
        let found = first(&table);
        self.set_table(table, keep_mapping, Some(found));
    }

    /// A new table for the open report (`found`: its suggestion and analysis when already
    /// made). The mapping stays when asked and it still fits; else a remembered template for
    /// this header, else the suggestion.
    fn set_table(
        &mut self,
        table: Result<Table, TableError>,
        keep_mapping: bool,
        found: Option<(Option<Suggestion>, Option<Analysis>)>,
    ) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let (suggestion, mut analysed) =
            found.unwrap_or_else(|| (table.as_ref().ok().and_then(suggest), None::<Analysis>));
        let still_valid = |m: &Mapping| {
            table
                .as_ref()
                .is_ok_and(|t| m.roles().iter().all(|(i, _)| *i < t.columns.len()))
        };
        if !(keep_mapping && open.mapping.as_ref().is_some_and(still_valid)) {
            let template = table
                .as_ref()
                .ok()
                .and_then(|t| template_for(&self.templates, t));
            open.template_used = template.is_some();
            open.mapping = template
                .map(|t| t.mapping.clone())
                .or_else(|| suggestion.as_ref().map(|s| s.mapping.clone()));
            self.fresh_mapping = true;
        }
        // The analysis made with the suggestion holds only for that mapping.
        if open.mapping.as_ref() != suggestion.as_ref().map(|g| &g.mapping) {
            analysed = None;
        }
        open.suggestion = suggestion;
        open.as_of = match &table {
            Ok(t) => open
                .workbook
                .sheets
                .get(open.sheet)
                .and_then(|s| find_as_of(s, Some(t), &open.workbook.file_name)),
            Err(_) => None,
        };
        open.table = table;
        self.version += 1;
        match analysed {
            Some(a) => {
                open.analysis = Some(Ok(a));
                self.analysis_changed = true;
            }
            None => self.reanalyse(),
        }
    }

    /// Applies the mapping to the table again.
    fn reanalyse(&mut self) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        open.analysis = match (&open.table, &open.mapping) {
            (Ok(t), Some(m)) => Some(analyze(t, m)),
            _ => None,
        };
        self.analysis_changed = true;
    }

    /// Another file as a reporting date: a later one becomes the open report (keeping the
    /// user's columns when they fit), an earlier one is analysed with its own suggestion.
    fn add_date(&mut self, workbook: Workbook, bytes: Vec<u8>, options: ReadOptions) {
        let file_name = workbook.file_name.clone();
        let (sheet, table) = best_table(&workbook);
        let Ok(table) = table else {
            self.error = Some((file_name, ReadError::NoData));
            return;
        };
        let as_of = workbook
            .sheets
            .get(sheet)
            .and_then(|s| find_as_of(s, Some(&table), &file_name))
            .map(|a| a.date);
        let open_as_of = self.open.as_ref().and_then(Open::as_of_date);
        let later = matches!((as_of, open_as_of), (Some(new), Some(open)) if new > open);
        if later {
            // The open report becomes an earlier date; its mapping goes on to the new one.
            if let Some(open) = self.open.as_mut() {
                if let Some(Ok(a)) = open.analysis.take() {
                    self.dates.push(OtherDate {
                        file_name: open.workbook.file_name.clone(),
                        as_of: open_as_of,
                        analysis: a,
                    });
                }
            }
            self.fixes.clear();
            self.open_workbook(workbook, bytes, options, true);
            return;
        }
        self.add_other(file_name, as_of, table);
    }

    /// A sheet of the open workbook as another reporting date.
    fn add_sheet_date(&mut self, i: usize) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let Some(sheet) = open.workbook.sheets.get(i) else {
            return;
        };
        let name = format!("{} \u{203a} {}", open.workbook.file_name, sheet.name);
        match Table::from_sheet(sheet) {
            Ok(table) => {
                let as_of = find_as_of(sheet, Some(&table), &sheet.name).map(|a| a.date);
                self.add_other(name, as_of, table);
            }
            Err(_) => self.error = Some((name, ReadError::NoData)),
        }
    }

    /// Another date, analysed with its own suggested mapping.
    fn add_other(&mut self, file_name: String, as_of: Option<Date>, table: Table) {
        let analysis = suggest(&table).and_then(|g| analyze(&table, &g.mapping).ok());
        match analysis {
            Some(analysis) => {
                self.dates.retain(|d| d.file_name != file_name);
                self.dates.push(OtherDate {
                    file_name,
                    as_of,
                    analysis,
                });
            }
            None => self.error = Some((file_name, ReadError::NoData)),
        }
    }

    /// The reporting date just before the open one, compared with it (units matched by name,
    /// with the user's fixes).
    fn comparison(&self) -> Option<Comparison> {
        let open = self.open.as_ref()?;
        let Some(Ok(now)) = &open.analysis else {
            return None;
        };
        let as_of = open.as_of_date()?;
        let previous = self
            .dates
            .iter()
            .filter(|d| d.as_of.is_some_and(|x| x < as_of))
            .max_by_key(|d| d.as_of)?;
        Some(compare(
            Dated {
                as_of: previous.as_of?,
                analysis: &previous.analysis,
            },
            Dated {
                as_of,
                analysis: now,
            },
            &self.fixes,
        ))
    }

    /// The open sheet's first and last rows.
    fn preview(open: &Open) -> Preview {
        let Some(sheet) = open.workbook.sheets.get(open.sheet) else {
            return Preview::default();
        };
        let n = sheet.rows.len();
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

    /// What the page draws now.
    fn answer(&self) -> Option<Answer> {
        let open = self.open.as_ref()?;
        let table = match &open.table {
            Ok(t) => Ok(Table {
                sheet: t.sheet.clone(),
                layout: t.layout,
                kinds: t.kinds.clone(),
                columns: t.columns.clone(),
                rows: Vec::new(),
                totals: t.totals.clone(),
                unreadable: t.unreadable.clone(),
                errors: t.errors.clone(),
            }),
            Err(e) => Err(e.clone()),
        };
        let analysis = match (&open.analysis, self.analysis_changed) {
            (_, false) => Analysed::Same,
            (None, true) => Analysed::None,
            (Some(Err(e)), true) => Analysed::Failed(e.clone()),
            // The indicators travel in pieces of their own (see `encode`).
            (Some(Ok(a)), true) => Analysed::New(Analysis {
                unit_level: a.unit_level.clone(),
                parent_levels: a.parent_levels.clone(),
                indicators: Vec::new(),
                skipped: a.skipped.clone(),
                warnings: a.warnings.clone(),
                whole_label: a.whole_label.clone(),
            }),
        };
        Some(Answer {
            info: open.info.clone(),
            options: open.options.clone(),
            sheet: open.sheet,
            table,
            version: self.version,
            suggestion: open.suggestion.clone(),
            mapping: open.mapping.clone(),
            template_used: open.template_used,
            fresh_mapping: self.fresh_mapping,
            analysis,
            as_of: open.as_of.clone(),
            as_of_override: open.as_of_override,
            legacy_choices: open.legacy_choices.clone(),
            dates: self
                .dates
                .iter()
                .map(|d| DateInfo {
                    file_name: d.file_name.clone(),
                    as_of: d.as_of,
                })
                .collect(),
            fixes: self.fixes.clone(),
            comparison: self.comparison(),
            preview: Self::preview(open),
            error: self.error.clone(),
        })
    }

    /// The open report's indicators, when the last answer carried a new analysis.
    pub fn new_indicators(&self) -> &[IndicatorResult] {
        match (&self.open, self.analysis_changed) {
            (
                Some(Open {
                    analysis: Some(Ok(a)),
                    ..
                }),
                true,
            ) => &a.indicators,
            _ => &[],
        }
    }
}

/// The most units of an indicator in one piece of an answer: the page decodes each piece in a
/// task of its own (a million units took a second in one).
pub const PIECE: usize = 50_000;

/// A piece of a new analysis after the answer: an indicator without its units, or some of
/// its units.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Piece {
    Indicator(IndicatorResult),
    Units(Vec<UnitResult>),
}

/// [`Piece`] as written from the host's own analysis, without copying it.
#[derive(Serialize)]
enum PieceRef<'a> {
    Indicator(&'a IndicatorResult),
    Units(&'a [UnitResult]),
}

/// An answer as bytes: the answer, then a new analysis' indicators and units in pieces.
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    pub answer: Vec<u8>,
    pub pieces: Vec<Vec<u8>>,
}

/// Encodes a command's outcome for the page.
pub fn encode(host: &Host, answer: Result<Answer, ReadError>) -> Encoded {
    let mut pieces = Vec::new();
    if answer
        .as_ref()
        .is_ok_and(|a| matches!(a.analysis, Analysed::New(_)))
    {
        for indicator in host.new_indicators() {
            let head = IndicatorResult {
                name: indicator.name.clone(),
                target_name: indicator.target_name.clone(),
                part_names: indicator.part_names.clone(),
                units: Vec::new(),
                groups: indicator.groups.clone(),
                total: indicator.total.clone(),
                open: indicator.open,
                order: indicator.order.clone(),
            };
            pieces.push(postcard::to_allocvec(&PieceRef::Indicator(&head)).unwrap_or_default());
            for chunk in indicator.units.chunks(PIECE) {
                pieces.push(postcard::to_allocvec(&PieceRef::Units(chunk)).unwrap_or_default());
            }
        }
    }
    Encoded {
        answer: postcard::to_allocvec(&answer).unwrap_or_default(),
        pieces,
    }
}

/// Decodes an answer; `None` when the bytes are not one.
pub fn decode_answer(bytes: &[u8]) -> Option<Result<Answer, ReadError>> {
    postcard::from_bytes(bytes).ok()
}

/// Adds a piece of a new analysis to the answer; `false` when it does not decode (the answer
/// is then refused: its analysis would be incomplete).
pub fn add_piece(answer: &mut Answer, part: &[u8]) -> bool {
    let Analysed::New(a) = &mut answer.analysis else {
        return false;
    };
    match postcard::from_bytes(part) {
        Ok(Piece::Indicator(indicator)) => {
            a.indicators.push(indicator);
            true
        }
        Ok(Piece::Units(units)) => match a.indicators.last_mut() {
            Some(ind) => {
                ind.units.extend(units);
                true
            }
            None => false,
        },
        Err(_) => false,
    }
}

/// A command as the text the page posts: postcard bytes in hex (no JSON crate in the bundle).
pub fn command_text(command: &Command) -> String {
    postcard::to_allocvec(command)
        .unwrap_or_default()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// [`command_text`] read back.
pub fn command_of(hex: &str) -> Option<Command> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    postcard::from_bytes(&bytes?).ok()
}

/// [`encode`] then [`decode_answer`] and [`add_piece`], as the page does them (for tests).
#[cfg(test)]
pub fn round_trip(host: &Host, answer: Result<Answer, ReadError>) -> Result<Answer, ReadError> {
    let encoded = encode(host, answer);
    let mut back = decode_answer(&encoded.answer).expect("an answer");
    if let Ok(a) = back.as_mut() {
        for p in &encoded.pieces {
            assert!(add_piece(a, p));
        }
    }
    back
}
