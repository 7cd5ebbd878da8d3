//! The app's one state and its reducer. Big data sits behind `Rc` so actions clone cheaply;
//! `version` changes whenever the table changes, so views memoise on it instead of comparing
//! tables.

use crate::book::Book;
use attain_core::analysis::series::{compare, Comparison, Dated, MatchFix};
use attain_core::analysis::{
    analyze, suggest, Analysis, Mapping, MappingError, Role, Suggestion, TargetSource, Thresholds,
};
use attain_core::dates::{find_as_of, AsOf, Date};
use attain_core::report::Lang;
use attain_core::table::{Layout, TableError};
use attain_core::{ReadError, ReadOptions, Table};
use std::rc::Rc;
use yew::Reducible;

/// A file that was read.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The workbook: what is shown of it at once, and its cells when something needs them.
    pub workbook: Rc<Book>,
    /// The built-in sample, labelled as such.
    pub sample: bool,
    /// The file's bytes, kept for text files so a new encoding or separator can re-read them.
    pub bytes: Option<Rc<Vec<u8>>>,
    /// The user's choices the file was read with.
    pub options: ReadOptions,
}

/// A file that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    pub file_name: String,
    pub error: ReadError,
}

/// The column the results table is sorted by (the engine sorts).
pub use attain_core::analysis::rows::SortKey;

/// The sort columns by their code in the URL.
const SORT_CODES: [(SortKey, &str); 7] = [
    (SortKey::Source, "source"),
    (SortKey::Unit, "unit"),
    (SortKey::Achieved, "achieved"),
    (SortKey::Target, "target"),
    (SortKey::Rate, "rate"),
    (SortKey::Gap, "gap"),
    (SortKey::Change, "change"),
];

fn code_of<K: PartialEq>(all: &[(K, &'static str)], k: K) -> &'static str {
    all.iter()
        .find(|(x, _)| *x == k)
        .or(all.first())
        .map_or("", |(_, c)| *c)
}

/// The choice a link's code names, from its table.
fn from_code<K: Copy>(all: &[(K, &'static str)], code: &str) -> Option<K> {
    all.iter().find(|(_, c)| *c == code).map(|(k, _)| *k)
}

/// The chart shown first (and printed, and first in the HTML report).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartKind {
    #[default]
    Rank,
    Gap,
    Bullet,
    Scatter,
    Dumbbell,
    Stack,
}

impl ChartKind {
    pub const ALL: [(ChartKind, &'static str); 6] = [
        (ChartKind::Rank, "rank"),
        (ChartKind::Gap, "gap"),
        (ChartKind::Bullet, "bullet"),
        (ChartKind::Scatter, "scatter"),
        (ChartKind::Dumbbell, "dumbbell"),
        (ChartKind::Stack, "stack"),
    ];

    pub fn code(self) -> &'static str {
        code_of(&ChartKind::ALL, self)
    }

    pub fn from_code(code: &str) -> Option<ChartKind> {
        from_code(&ChartKind::ALL, code)
    }
}

/// The view that a link carries (in the URL's `#…`): indicator, thresholds, sort, main chart
/// and language. Never a figure or a name from the report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub indicator: Option<usize>,
    pub thresholds: Option<Thresholds>,
    pub sort: Option<(SortKey, bool)>,
    pub chart: Option<ChartKind>,
    pub lang: Option<Lang>,
}

impl View {
    /// Reads `i=1&lo=50&hi=80&sort=rate-desc&lang=vi` (with or without the `#`); unknown or
    /// bad parts are ignored.
    pub fn parse(hash: &str) -> View {
        let mut v = View::default();
        let (mut lo, mut hi) = (None, None);
        for part in hash.trim_start_matches('#').split('&') {
            let Some((k, val)) = part.split_once('=') else {
                continue;
            };
            match k {
                "i" => v.indicator = val.parse().ok(),
                "lo" => lo = val.parse::<f64>().ok(),
                "hi" => hi = val.parse::<f64>().ok(),
                "sort" => {
                    let (key, desc) = match val.strip_suffix("-desc") {
                        Some(k) => (k, true),
                        None => (val, false),
                    };
                    v.sort = from_code(&SORT_CODES, key).map(|k| (k, desc));
                }
                "chart" => v.chart = ChartKind::from_code(val),
                "lang" => v.lang = Lang::from_code(val),
                _ => {}
            }
        }
        if let (Some(l), Some(h)) = (lo, hi) {
            v.thresholds = Thresholds::from_percent(l, h);
        }
        v
    }

    /// The state's view as a hash (without the `#`).
    pub fn of(state: &AppState) -> String {
        let t = state.thresholds;
        let pct =
            |x: f64| attain_core::report::format::plain_number((x * 10_000.0).round() / 100.0);
        let (key, desc) = state.sort;
        format!(
            "i={}&lo={}&hi={}&sort={}{}&chart={}&lang={}",
            state.indicator,
            pct(t.low),
            pct(t.high),
            code_of(&SORT_CODES, key),
            if desc { "-desc" } else { "" },
            state.chart.code(),
            state.lang.code()
        )
    }
}

/// Another reporting date of the same report, analysed with its own suggested mapping.
#[derive(Clone, Debug)]
pub struct OtherDate {
    pub file_name: String,
    pub as_of: Option<Date>,
    pub analysis: Rc<Analysis>,
}

impl PartialEq for OtherDate {
    fn eq(&self, o: &Self) -> bool {
        self.file_name == o.file_name
            && self.as_of == o.as_of
            && Rc::ptr_eq(&self.analysis, &o.analysis)
    }
}

/// Everything the app shows.
#[derive(Clone, Debug, Default)]
pub struct AppState {
    pub lang: Lang,
    pub loaded: Option<Loaded>,
    /// Index of the sheet in use.
    pub sheet: usize,
    /// The table found in that sheet, or why none was found.
    pub table: Option<Result<Rc<Table>, TableError>>,
    pub mapping: Option<Mapping>,
    /// The suggested mapping with its confidences.
    pub suggestion: Option<Rc<Suggestion>>,
    /// The results of the mapping, recomputed whenever the table or the mapping changes.
    pub analysis: Option<Result<Rc<Analysis>, MappingError>>,
    /// The indicator shown (index into the analysis' indicators).
    pub indicator: usize,
    /// The status thresholds.
    pub thresholds: Thresholds,
    /// The unit the user clicked, highlighted in every chart and in the table.
    pub highlight: Option<String>,
    /// How the results table is sorted (column, descending).
    pub sort: (SortKey, bool),
    /// The chart shown first.
    pub chart: ChartKind,
    /// The indicator a link asked for, applied when the next report is read.
    pub linked_indicator: Option<usize>,
    /// The deadline the user typed.
    pub deadline: Option<Date>,
    /// Parents collapsed in the results table (their paths).
    pub collapsed: Vec<Vec<String>>,
    /// Other reporting dates of the same report.
    pub dates: Vec<OtherDate>,
    /// Matches the user fixed between the previous date and this one.
    pub fixes: Vec<MatchFix>,
    /// Mappings the user asked to remember (kept in the browser's storage by the app).
    pub templates: Rc<Vec<attain_core::analysis::Template>>,
    /// The mapping in use came from a remembered template.
    pub template_used: bool,
    /// The user's legacy-font choices for columns of the sheet in use.
    pub legacy_choices: Vec<(usize, attain_core::legacy::Choice)>,
    /// The as-of date found in the report or its file name.
    pub as_of: Option<AsOf>,
    /// The as-of date the user typed, over the one found.
    pub as_of_override: Option<Date>,
    /// Bumped whenever `table` changes.
    pub version: u64,
    /// The file being read.
    pub loading: Option<String>,
    /// How much of it is read, 0 to 1.
    pub progress: f64,
    /// The last file that could not be read.
    pub error: Option<FileError>,
    /// A new release of the app is downloaded and waits for a reload.
    pub update_ready: bool,
    /// The last read: milliseconds until the worker was done, and its memory in bytes.
    pub read_stats: Option<(f64, f64)>,
}

/// States compare cheaply: the workbook and the table by identity, the rest by value. Yew
/// compares the state on every render; a deep comparison of a 100,000-row workbook would stall
/// the page.
impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        let loaded = match (&self.loaded, &o.loaded) {
            (Some(a), Some(b)) => a.same(b),
            (None, None) => true,
            _ => false,
        };
        let table = match (&self.table, &o.table) {
            (Some(Ok(a)), Some(Ok(b))) => Rc::ptr_eq(a, b),
            (Some(Err(a)), Some(Err(b))) => a == b,
            (None, None) => true,
            _ => false,
        };
        let analysis = match (&self.analysis, &o.analysis) {
            (Some(Ok(a)), Some(Ok(b))) => Rc::ptr_eq(a, b),
            (Some(Err(a)), Some(Err(b))) => a == b,
            (None, None) => true,
            _ => false,
        };
        loaded
            && table
            && analysis
            && self.indicator == o.indicator
            && self.thresholds == o.thresholds
            && self.sort == o.sort
            && self.chart == o.chart
            && self.highlight == o.highlight
            && self.linked_indicator == o.linked_indicator
            && self.deadline == o.deadline
            && self.collapsed == o.collapsed
            && self.dates == o.dates
            && self.fixes == o.fixes
            && self.legacy_choices == o.legacy_choices
            && Rc::ptr_eq(&self.templates, &o.templates)
            && self.template_used == o.template_used
            && self.lang == o.lang
            && self.version == o.version
            && self.sheet == o.sheet
            && self.mapping == o.mapping
            && self.as_of == o.as_of
            && self.as_of_override == o.as_of_override
            && self.loading == o.loading
            && self.progress == o.progress
            && self.error == o.error
            && self.update_ready == o.update_ready
            && self.read_stats == o.read_stats
    }
}

impl Loaded {
    /// The same file read the same way: compared by identity, not cell by cell.
    pub fn same(&self, o: &Loaded) -> bool {
        Rc::ptr_eq(&self.workbook, &o.workbook)
            && self.sample == o.sample
            && self.options == o.options
            && match (&self.bytes, &o.bytes) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// What can happen.
pub enum Action {
    SetLang(Lang),
    StartLoading(String),
    Progress(f64),
    /// The user stopped the reading.
    Cancelled,
    /// A file read, its sheet chosen and its table found (off the UI thread).
    Prepared {
        loaded: Loaded,
        sheet: usize,
        table: Result<Table, TableError>,
        /// The suggestion and its analysis, computed by the worker.
        first: Box<crate::worker::First>,
    },
    Failed(FileError),
    DismissError,
    SelectSheet(usize),
    /// The user corrected where the header and the body are.
    SetLayout(Layout),
    SetMapping(Mapping),
    /// The mapping panel gave a column a role (for the indicator shown).
    SetRole(usize, Role),
    /// The target of an indicator.
    SetTarget(usize, Option<TargetSource>),
    SetIndicator(usize),
    SetSort(SortKey, bool),
    /// The chart shown first.
    SetChart(ChartKind),
    /// Highlight a unit everywhere; the same unit again clears it.
    Highlight(String),
    /// The view of a link (URL hash), at start.
    ApplyView(View),
    SetThresholds(Thresholds),
    SetDeadline(Option<Date>),
    /// Collapse or expand a parent in the results table.
    ToggleGroup(Vec<String>),
    /// A file read as another reporting date of the same report.
    AddDate {
        loaded: Loaded,
        sheet: usize,
        table: Result<Table, TableError>,
        /// Its suggestion and analysis, computed by the worker.
        first: Box<crate::worker::First>,
    },
    RemoveDate(usize),
    /// The remembered templates, read from storage at start.
    SetTemplates(Vec<attain_core::analysis::Template>),
    /// Remember the mapping in use for files with this header.
    RememberMapping,
    /// Forget the template of a header signature.
    ForgetTemplate(String),
    /// Switch a column's legacy-font conversion off, force it, or back to detection.
    SetLegacy(usize, attain_core::legacy::Choice),
    /// The user's as-of date for another reporting date.
    SetDateAsOf(usize, Option<Date>),
    /// Another sheet of the open workbook as another reporting date.
    AddSheetDate(usize),
    /// The user says which unit of the previous date a unit of this one is.
    FixMatch(MatchFix),
    SetAsOf(Option<Date>),
    ReadStats {
        ms: f64,
        worker_memory: f64,
    },
    UpdateReady,
}

impl AppState {
    /// The state for a language, nothing loaded.
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang,
            ..Default::default()
        }
    }

    /// The as-of date in force: the user's, else the one found.
    pub fn as_of_date(&self) -> Option<Date> {
        self.as_of_override.or(self.as_of.as_ref().map(|a| a.date))
    }

    fn set_table(&mut self, table: Result<Table, TableError>, keep_mapping: bool) {
        self.set_table_with(table, keep_mapping, None);
    }

    /// `set_table` with the suggestion and its analysis already computed (by the worker).
    fn set_table_with(
        &mut self,
        table: Result<Table, TableError>,
        keep_mapping: bool,
        first: Option<crate::worker::First>,
    ) {
        let table = table.map(Rc::new);
        let (suggestion, mut analysed) = match first {
            Some(f) => (f.suggestion.map(Rc::new), f.analysis),
            None => (
                table.as_ref().ok().and_then(|t| suggest(t)).map(Rc::new),
                None,
            ),
        };
        let still_valid = |m: &Mapping| {
            table
                .as_ref()
                .is_ok_and(|t| m.roles().iter().all(|(i, _)| *i < t.columns.len()))
        };
        if !(keep_mapping && self.mapping.as_ref().is_some_and(still_valid)) {
            // A remembered template for this header wins over the suggestion.
            let template = table
                .as_ref()
                .ok()
                .and_then(|t| attain_core::analysis::template_for(&self.templates, t));
            self.template_used = template.is_some();
            self.mapping = template
                .map(|t| t.mapping.clone())
                .or_else(|| suggestion.as_ref().map(|s| s.mapping.clone()));
            // A link's indicator applies to the first report read after it.
            self.indicator = self.linked_indicator.take().unwrap_or(0);
            self.collapsed.clear();
        }
        // The worker's analysis holds only for the mapping it was made with.
        let suggested = suggestion.as_ref().map(|g| &g.mapping);
        if self.mapping.as_ref() != suggested {
            analysed = None;
        }
        self.suggestion = suggestion;
        if let (Some(loaded), Ok(t)) = (&self.loaded, &table) {
            self.as_of = loaded.workbook.as_of(self.sheet, t);
        }
        self.table = Some(table);
        self.version += 1;
        match analysed {
            Some(a) => self.use_analysis(Ok(a)),
            None => self.reanalyse(),
        }
    }

    /// Applies the mapping to the table again.
    fn reanalyse(&mut self) {
        match (&self.table, &self.mapping) {
            (Some(Ok(t)), Some(m)) => {
                let a = analyze(t, m);
                self.use_analysis(a);
            }
            _ => {
                self.analysis = None;
                self.indicator = 0;
            }
        }
    }

    fn use_analysis(&mut self, a: Result<Analysis, attain_core::analysis::MappingError>) {
        self.analysis = Some(a.map(Rc::new));
        let n = match &self.analysis {
            Some(Ok(a)) => a.indicators.len(),
            _ => 0,
        };
        if self.indicator >= n {
            self.indicator = 0;
        }
    }

    /// The reporting date just before this one, compared with it (units matched by name,
    /// with the user's fixes).
    pub fn comparison(&self) -> Option<Comparison> {
        let Some(Ok(now)) = &self.analysis else {
            return None;
        };
        let as_of = self.as_of_date()?;
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

    /// Another reporting date: analysed with its own suggested mapping. A later date than the
    /// open report's becomes the open report, and the open one an earlier date.
    fn add_date(
        &mut self,
        loaded: Loaded,
        sheet: usize,
        table: Result<Table, TableError>,
        first: crate::worker::First,
    ) {
        let file_name = loaded.workbook.file_name().to_string();
        let table = match table {
            Ok(t) => t,
            Err(_) => {
                self.error = Some(FileError {
                    file_name,
                    error: attain_core::ReadError::NoData,
                });
                return;
            }
        };
        let as_of = loaded.workbook.as_of(sheet, &table).map(|a| a.date);
        let later = match (as_of, self.as_of_date()) {
            (Some(new), Some(open)) => new > open,
            _ => false,
        };
        if later {
            if let (Some(Ok(a)), Some(l)) = (&self.analysis, &self.loaded) {
                self.dates.push(OtherDate {
                    file_name: l.workbook.file_name().to_string(),
                    as_of: self.as_of_date(),
                    analysis: a.clone(),
                });
            }
            self.loaded = Some(loaded);
            self.sheet = sheet;
            self.as_of_override = None;
            self.fixes.clear();
            // The same report: keep the user's columns when they still fit.
            self.set_table_with(Ok(table), true, Some(first));
            return;
        }
        self.add_other(file_name, as_of, table, first.analysis);
    }

    /// A sheet of the open workbook as an earlier (or later) date, kept beside the report.
    fn add_dated_table(
        &mut self,
        name: String,
        sheet: &attain_core::Sheet,
        table: Result<Table, TableError>,
    ) {
        let table = match table {
            Ok(t) => t,
            Err(_) => {
                self.error = Some(FileError {
                    file_name: name,
                    error: attain_core::ReadError::NoData,
                });
                return;
            }
        };
        let as_of = find_as_of(sheet, Some(&table), &sheet.name).map(|a| a.date);
        self.add_other(name, as_of, table, None);
    }

    /// Another date, analysed with its own suggested mapping (`analysed`: that analysis when the
    /// worker has already made it).
    fn add_other(
        &mut self,
        file_name: String,
        as_of: Option<Date>,
        table: Table,
        analysed: Option<Analysis>,
    ) {
        if let Some(a) = analysed {
            self.dates.retain(|d| d.file_name != file_name);
            self.dates.push(OtherDate {
                file_name,
                as_of,
                analysis: Rc::new(a),
            });
            return;
        }
        let Some(suggestion) = suggest(&table) else {
            self.error = Some(FileError {
                file_name,
                error: attain_core::ReadError::NoData,
            });
            return;
        };
        match analyze(&table, &suggestion.mapping) {
            Ok(a) => {
                self.dates.retain(|d| d.file_name != file_name);
                self.dates.push(OtherDate {
                    file_name,
                    as_of,
                    analysis: Rc::new(a),
                });
            }
            Err(_) => {
                self.error = Some(FileError {
                    file_name,
                    error: attain_core::ReadError::NoData,
                })
            }
        }
    }

    fn use_sheet(&mut self, index: usize) {
        let Some(loaded) = &self.loaded else { return };
        let Some(sheet) = loaded.workbook.cells().sheets.get(index) else {
            return;
        };
        self.sheet = index;
        self.legacy_choices.clear();
        let table = Table::from_sheet(sheet);
        self.set_table(table, false);
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::StartLoading(name) => {
                s.loading = Some(name);
                s.progress = 0.0;
                s.read_stats = None;
            }
            Action::Progress(p) => s.progress = p,
            Action::Cancelled => s.loading = None,
            Action::Prepared {
                loaded,
                sheet,
                table,
                first,
            } => {
                s.loading = None;
                s.error = None;
                s.as_of_override = None;
                // The same file read again (another encoding) keeps the user's columns.
                let same_file = s.loaded.as_ref().is_some_and(|l| {
                    l.workbook.file_name() == loaded.workbook.file_name()
                        && match (&l.bytes, &loaded.bytes) {
                            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                            _ => false,
                        }
                });
                if !same_file {
                    // A new report: its own dates.
                    s.dates.clear();
                    s.fixes.clear();
                }
                s.legacy_choices.clear();
                s.loaded = Some(loaded);
                s.sheet = sheet;
                s.set_table_with(table, same_file, Some(*first));
            }
            Action::Failed(error) => {
                // The previous report, if any, stays on screen.
                s.loading = None;
                s.error = Some(error);
            }
            Action::DismissError => s.error = None,
            Action::SelectSheet(i) => s.use_sheet(i),
            Action::SetLayout(layout) => {
                if let Some(sheet) = s
                    .loaded
                    .as_ref()
                    .and_then(|l| l.workbook.cells().sheets.get(s.sheet))
                {
                    let table = Table::with_layout(sheet, layout);
                    s.set_table(table, true);
                }
            }
            Action::SetMapping(m) => {
                s.template_used = false;
                s.mapping = Some(m);
                s.reanalyse();
            }
            Action::SetRole(column, role) => {
                s.template_used = false;
                if let (Some(Ok(t)), Some(m)) = (&s.table, &s.mapping) {
                    let m = m.with_role(t, column, role, s.indicator);
                    s.mapping = Some(m);
                    s.reanalyse();
                }
            }
            Action::SetTarget(i, target) => {
                if let Some(m) = &s.mapping {
                    s.mapping = Some(m.with_target(i, target));
                    s.reanalyse();
                }
            }
            Action::SetIndicator(i) => s.indicator = i,
            Action::SetSort(k, desc) => s.sort = (k, desc),
            Action::Highlight(unit) => {
                s.highlight = if s.highlight.as_deref() == Some(unit.as_str()) {
                    None
                } else {
                    Some(unit)
                };
            }
            Action::ApplyView(v) => {
                if let Some(t) = v.thresholds {
                    s.thresholds = t;
                }
                if let Some(sort) = v.sort {
                    s.sort = sort;
                }
                if let Some(lang) = v.lang {
                    s.lang = lang;
                }
                if let Some(chart) = v.chart {
                    s.chart = chart;
                }
                s.linked_indicator = v.indicator;
            }
            Action::SetThresholds(t) => s.thresholds = t,
            Action::SetChart(c) => s.chart = c,
            Action::SetDeadline(d) => s.deadline = d,
            Action::ToggleGroup(path) => {
                if let Some(k) = s.collapsed.iter().position(|p| *p == path) {
                    s.collapsed.remove(k);
                } else {
                    s.collapsed.push(path);
                }
            }
            Action::AddDate {
                loaded,
                sheet,
                table,
                first,
            } => {
                s.loading = None;
                s.add_date(loaded, sheet, table, *first);
            }
            Action::AddSheetDate(i) => {
                if let Some(loaded) = s.loaded.clone() {
                    if let Some(sheet) = loaded.workbook.cells().sheets.get(i) {
                        let table = Table::from_sheet(sheet);
                        let name = format!("{} › {}", loaded.workbook.file_name(), sheet.name);
                        s.add_dated_table(name, sheet, table);
                    }
                }
            }
            Action::SetTemplates(list) => s.templates = Rc::new(list),
            Action::RememberMapping => {
                if let (Some(Ok(t)), Some(m)) = (&s.table, &s.mapping) {
                    let signature = attain_core::analysis::header_signature(t);
                    let mut list: Vec<_> = (*s.templates).clone();
                    list.retain(|x| x.signature != signature);
                    list.push(attain_core::analysis::Template {
                        signature,
                        file: s
                            .loaded
                            .as_ref()
                            .map(|l| l.workbook.file_name().to_string())
                            .unwrap_or_default(),
                        mapping: m.clone(),
                    });
                    s.templates = Rc::new(list);
                    s.template_used = true;
                }
            }
            Action::ForgetTemplate(signature) => {
                let mut list: Vec<_> = (*s.templates).clone();
                list.retain(|x| x.signature != signature);
                s.templates = Rc::new(list);
            }
            Action::SetLegacy(column, choice) => {
                if let Some(loaded) = s.loaded.as_mut() {
                    let mut workbook = loaded.workbook.cells().clone();
                    let hint = workbook.legacy_hint;
                    if let Some(sheet) = workbook.sheets.get_mut(s.sheet) {
                        s.legacy_choices.retain(|(c, _)| *c != column);
                        if choice != attain_core::legacy::Choice::Auto {
                            s.legacy_choices.push((column, choice));
                        }
                        attain_core::legacy::convert_sheet(sheet, &s.legacy_choices, hint);
                        let table = Table::from_sheet(sheet);
                        loaded.workbook =
                            Rc::new(Book::ready(workbook, s.sheet, table.as_ref().ok()));
                        // The same columns: keep the user's mapping.
                        s.set_table(table, true);
                    }
                }
            }
            Action::SetDateAsOf(i, d) => {
                if let Some(other) = s.dates.get_mut(i) {
                    other.as_of = d;
                }
            }
            Action::RemoveDate(i) => {
                if i < s.dates.len() {
                    s.dates.remove(i);
                }
            }
            Action::FixMatch(fix) => {
                s.fixes.retain(|f| f.current != fix.current);
                if !fix.previous.is_empty() {
                    s.fixes.push(fix);
                }
            }
            Action::SetAsOf(d) => s.as_of_override = d,
            Action::ReadStats { ms, worker_memory } => s.read_stats = Some((ms, worker_memory)),
            Action::UpdateReady => s.update_ready = true,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::{prepare, Request};
    use attain_core::analysis::Role;
    use attain_core::sample;
    use proptest::prelude::*;

    fn loaded_sample() -> Rc<AppState> {
        let request = Request {
            name: sample::FILE_NAME.into(),
            options: ReadOptions::default(),
        };
        let prepared = prepare(&request, sample::CSV.as_bytes()).unwrap();
        Rc::new(AppState::new(Lang::Vi)).reduce(Action::Prepared {
            loaded: Loaded {
                workbook: Rc::new(prepared.workbook),
                sample: true,
                bytes: Some(Rc::new(sample::CSV.as_bytes().to_vec())),
                options: ReadOptions::default(),
            },
            sheet: prepared.sheet,
            first: Box::new(prepared.first),
            table: prepared.table,
        })
    }

    #[test]
    fn the_cells_stay_bytes_until_something_needs_them() {
        let (loaded, sheet, table, _) = read("reports", "ben-tre-report.xlsx");
        let request = Request {
            name: "ben-tre-report.xlsx".into(),
            options: ReadOptions::default(),
        };
        let first = via_worker(&request, &read("reports", "ben-tre-report.xlsx").3).first;
        let book = loaded.workbook.clone();
        let s = Rc::new(AppState::new(Lang::Vi)).reduce(Action::Prepared {
            loaded,
            sheet,
            table,
            first: Box::new(first),
        });
        // The as-of date comes from the reader; the views change nothing.
        assert_eq!(s.as_of_date().map(|d| d.iso()), Some("2023-11-14".into()));
        let s = s
            .reduce(Action::SetSort(SortKey::Rate, true))
            .reduce(Action::SetIndicator(1))
            .reduce(Action::SetRole(0, Role::Ignored));
        assert!(!book.decoded());
        // Another sheet, or the layout corrected, needs the cells.
        let layout = match &s.table {
            Some(Ok(t)) => t.layout,
            _ => unreachable!(),
        };
        let s = s.reduce(Action::SetLayout(layout));
        assert!(book.decoded());
        assert_eq!(s.as_of_date().map(|d| d.iso()), Some("2023-11-14".into()));
    }

    #[test]
    fn loading_a_file_finds_the_table_and_guesses_columns() {
        let s = loaded_sample();
        assert!(matches!(s.table, Some(Ok(_))));
        let m = s.mapping.clone().unwrap();
        let Some(Ok(t)) = &s.table else {
            unreachable!()
        };
        assert_eq!(t.columns[m.unit].name, "Đơn vị");
        assert_eq!(t.columns[m.indicators[0].achieved].name, "Thu nhận");
        assert_eq!(t.columns[m.indicators[1].achieved].name, "Kích hoạt");
        let Some(Ok(a)) = &s.analysis else {
            unreachable!()
        };
        assert_eq!(a.indicators[1].total.achieved, 663_614.0);
        assert_eq!(s.as_of_date(), Date::new(2023, 11, 14));
        assert_eq!(s.version, 1);
    }

    #[test]
    fn a_failed_file_keeps_the_previous_report() {
        let s = loaded_sample().reduce(Action::Failed(FileError {
            file_name: "broken.xlsx".into(),
            error: ReadError::Empty,
        }));
        assert!(s.loaded.is_some());
        assert!(s.error.is_some());
        assert!(matches!(s.table, Some(Ok(_))));
    }

    #[test]
    fn a_corrected_layout_keeps_the_chosen_columns() {
        let s = loaded_sample();
        let Some(Ok(t)) = s.table.clone() else {
            unreachable!()
        };
        let layout = t.layout;
        let s = s.reduce(Action::SetRole(4, Role::Ignored));
        let m = s.mapping.clone().unwrap();
        assert_eq!(m.indicators.len(), 1);
        // Drop the last body row from the table.
        let s = s.reduce(Action::SetLayout(Layout {
            body_end: layout.body_end - 1,
            ..layout
        }));
        assert_eq!(s.mapping, Some(m));
        assert!(matches!(&s.analysis, Some(Ok(a)) if a.indicators.len() == 1));
        let Some(Ok(t2)) = &s.table else {
            unreachable!()
        };
        assert!(t2.rows.len() < t.rows.len() || t2.totals.len() < t.totals.len());
        assert_eq!(s.version, 2);
    }

    /// Through the worker's encoding, as the page receives it (the cells still bytes).
    fn via_worker(request: &Request, bytes: &[u8]) -> crate::worker::Prepared {
        crate::worker::decode(crate::worker::encode(crate::worker::read(request, bytes)))
            .unwrap()
            .unwrap()
    }

    fn read(dir: &str, name: &str) -> (Loaded, usize, Result<Table, TableError>, Vec<u8>) {
        let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        let request = Request {
            name: name.into(),
            options: ReadOptions::default(),
        };
        // Through the worker's encoding, as the page receives it.
        let prepared = via_worker(&request, &bytes);
        (
            Loaded {
                workbook: Rc::new(prepared.workbook),
                sample: false,
                bytes: None,
                options: ReadOptions::default(),
            },
            prepared.sheet,
            prepared.table,
            bytes,
        )
    }

    /// A file as the command line reads it: a session of its own, the best sheet, the
    /// suggested mapping.
    fn session_of(name: &str, bytes: &[u8]) -> attain_core::session::Source {
        let mut session = attain_core::session::Session::new();
        session
            .add_file(name, bytes, &Default::default(), &Default::default())
            .unwrap();
        session.sources()[0].clone()
    }

    /// The app's path (worker, state) and the command line's (the engine's session) give the
    /// same export, byte for byte.
    #[test]
    fn the_app_and_the_command_line_agree() {
        for name in [
            "binh-phuoc-2024-07-03.xlsx",
            "binh-thuan-2023-06-19-long.csv",
            "ben-tre-composition-2023-11-14.xlsx",
            "ca-mau-2024-03-20.xlsx",
            "ben-tre-2023-11-14.xlsx",
        ] {
            let (loaded, sheet, table, bytes) = read("analysis", name);
            let s = Rc::new(AppState::new(Lang::Vi)).reduce(Action::Prepared {
                loaded,
                sheet,
                first: Box::new(crate::worker::First::of(&table)),
                table,
            });
            let Some(Ok(app)) = &s.analysis else {
                panic!("{name}: no analysis")
            };
            let cli = session_of(name, &bytes);
            assert_eq!(
                attain_core::report::csv::results_csv(app),
                attain_core::report::csv::results_csv(&cli.analysis),
                "{name}"
            );
            assert_eq!(app.warnings, cli.analysis.warnings, "{name}");
        }
    }

    /// A report as Vietnamese-locale Excel saves it: districts over communes, Vietnamese
    /// number style, a totals row.
    fn report_csv(rows: &[(usize, u32, u32)]) -> String {
        let mut out = String::from("BÁO CÁO KẾT QUẢ;;;;\r\n(Số liệu tính đến ngày 14/11/2023);;;;\r\n;;;;\r\nSTT;Huyện;Xã;Chỉ tiêu;Thực hiện\r\n");
        let vi = |n: u32| attain_core::report::format::count(f64::from(n), Lang::Vi);
        let (mut ta, mut tt) = (0u32, 0u32);
        for (i, (d, a, t)) in rows.iter().enumerate() {
            out.push_str(&format!(
                "{};Huyện {d};Xã {i};{};{}\r\n",
                i + 1,
                vi(*t),
                vi(*a)
            ));
            ta += a;
            tt += t;
        }
        out.push_str(&format!(";Tổng cộng;;{};{}\r\n", vi(tt), vi(ta)));
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any report gives the same export through the app's path (worker encoding, state) and
        /// the command line's (the engine's session).
        #[test]
        fn app_and_command_line_agree_on_any_report(
            rows in proptest::collection::vec((0usize..4, 0u32..=250, 1u32..200_000), 1..30)
                .prop_map(|mut r| {
                    r.sort_by_key(|x| x.0);
                    // Achieved up to 250% of target: over 100% is normal, not a typo.
                    r.into_iter().map(|(d, pct, t)| (d, t / 100 * pct, t)).collect::<Vec<_>>()
                })
        ) {
            let csv = report_csv(&rows);
            let request = Request { name: "bc-2023-11-14.csv".into(), options: ReadOptions::default() };
            let prepared = via_worker(&request, csv.as_bytes());
            let s = Rc::new(AppState::new(Lang::Vi)).reduce(Action::Prepared {
                loaded: Loaded {
                    workbook: Rc::new(prepared.workbook),
                    sample: false,
                    bytes: None,
                    options: ReadOptions::default(),
                },
                sheet: prepared.sheet,
                first: Box::new(prepared.first),
                table: prepared.table,
            });
            let Some(Ok(app)) = &s.analysis else { panic!("no analysis") };
            let cli = session_of("bc-2023-11-14.csv", csv.as_bytes());
            prop_assert_eq!(
                attain_core::report::csv::results_csv(app),
                attain_core::report::csv::results_csv(&cli.analysis)
            );
            // The districts are found as a parent level (when there are fewer districts than
            // communes) and the sheet's total agrees.
            let districts = rows.iter().map(|r| r.0).collect::<std::collections::HashSet<_>>().len();
            if districts < rows.len() {
                prop_assert_eq!(&app.parent_levels, &vec!["Huyện".to_string()]);
            }
            prop_assert_eq!(&app.warnings, &vec![]);
        }
    }

    #[test]
    fn a_legacy_column_can_be_switched_off_and_back() {
        let (loaded, sheet, table, _) = read("legacy", "ben-tre-tcvn3-2023-11-07.xlsx");
        let s = Rc::new(AppState::new(Lang::Vi)).reduce(Action::Prepared {
            loaded,
            sheet,
            first: Box::new(crate::worker::First::of(&table)),
            table,
        });
        let first = |s: &AppState| match &s.analysis {
            Some(Ok(a)) => a.indicators[0].units[0].unit.clone(),
            _ => String::new(),
        };
        assert_eq!(first(&s), "Thành phố Bến Tre");
        let s = s.reduce(Action::SetLegacy(1, attain_core::legacy::Choice::Off));
        assert_eq!(first(&s), "Thµnh phè BÕn Tre");
        let s = s.reduce(Action::SetLegacy(1, attain_core::legacy::Choice::Auto));
        assert_eq!(first(&s), "Thành phố Bến Tre");
    }

    #[test]
    fn a_later_date_becomes_the_open_report() {
        let (loaded, sheet, table, _) = read("analysis", "ben-tre-2023-11-07.xlsx");
        let s = Rc::new(AppState::new(Lang::Vi)).reduce(Action::Prepared {
            loaded,
            sheet,
            first: Box::new(crate::worker::First::of(&table)),
            table,
        });
        let (loaded, sheet, table, _) = read("analysis", "ben-tre-2023-11-14.xlsx");
        let s = s.reduce(Action::AddDate {
            loaded,
            sheet,
            first: Box::new(crate::worker::First::of(&table)),
            table,
        });
        assert_eq!(s.as_of_date(), Date::new(2023, 11, 14));
        assert_eq!(s.dates.len(), 1);
        assert_eq!(s.dates[0].as_of, Date::new(2023, 11, 7));
        let c = s.comparison().unwrap();
        assert_eq!(c.indicators[0].total.delta(), Some(30_287.0));
        assert_eq!(c.missing.len(), 1);
        // The user matches the new unit with nothing, then with a unit of the earlier date.
        let s = s.reduce(Action::FixMatch(attain_core::analysis::series::MatchFix {
            previous: "CHÂU THÀNH".into(),
            current: "Bình Đại".into(),
        }));
        let c = s.comparison().unwrap();
        assert!(c.missing.iter().all(|m| m.unit != "Bình Đại"));
    }

    #[test]
    fn a_remembered_mapping_maps_the_next_file_with_the_same_header() {
        let s = loaded_sample().reduce(Action::SetRole(4, Role::Ignored));
        let s = s.reduce(Action::RememberMapping);
        assert_eq!(s.templates.len(), 1);
        let templates = (*s.templates).clone();
        // Next month: the same header, another file.
        let mut next = (*loaded_sample()).clone();
        next.templates = Rc::new(templates);
        let request = Request {
            name: "bao-cao-thang-12.csv".into(),
            options: ReadOptions::default(),
        };
        let prepared = prepare(&request, sample::CSV.as_bytes()).unwrap();
        let next = Rc::new(next).reduce(Action::Prepared {
            loaded: Loaded {
                workbook: Rc::new(prepared.workbook),
                sample: false,
                bytes: Some(Rc::new(sample::CSV.as_bytes().to_vec())),
                options: ReadOptions::default(),
            },
            sheet: prepared.sheet,
            first: Box::new(prepared.first),
            table: prepared.table,
        });
        assert!(next.template_used);
        assert_eq!(next.mapping.as_ref().map(|m| m.indicators.len()), Some(1));
        let sig = next.templates[0].signature.clone();
        let forgot = next.reduce(Action::ForgetTemplate(sig));
        assert!(forgot.templates.is_empty());
    }

    #[test]
    fn every_view_change_is_a_new_state() {
        // Components redraw only when the state differs: each view action must show in `eq`.
        let s = loaded_sample();
        for action in [
            Action::SetChart(ChartKind::Gap),
            Action::SetIndicator(1),
            Action::SetSort(SortKey::Rate, true),
            Action::Highlight("Ba Tri".into()),
            Action::SetDeadline(Date::new(2023, 12, 15)),
        ] {
            assert!(*s.clone().reduce(action) != *s);
        }
    }

    #[test]
    fn a_link_carries_the_view_and_no_data() {
        let v = View::parse("#i=1&lo=40&hi=90&sort=rate-desc&chart=gap&lang=en&x=1");
        assert_eq!(v.indicator, Some(1));
        assert_eq!(v.chart, Some(ChartKind::Gap));
        assert_eq!(v.thresholds, Thresholds::from_percent(40.0, 90.0));
        assert_eq!(v.sort, Some((SortKey::Rate, true)));
        assert_eq!(v.lang, Some(Lang::En));
        let s = Rc::new(AppState::new(Lang::Vi)).reduce(Action::ApplyView(v));
        assert_eq!(
            View::of(&s),
            "i=0&lo=40&hi=90&sort=rate-desc&chart=gap&lang=en"
        );
        // Bad parts are ignored.
        assert_eq!(
            View::parse("#lo=90&hi=40&sort=nope&i=x&chart=pie"),
            View::default()
        );
        let s = loaded_sample();
        assert!(!View::of(&s).contains("Bến"));
    }

    #[test]
    fn the_user_can_type_the_as_of_date() {
        let s = loaded_sample().reduce(Action::SetAsOf(Date::new(2023, 11, 20)));
        assert_eq!(s.as_of_date(), Date::new(2023, 11, 20));
    }
}
