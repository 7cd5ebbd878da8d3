//! The page's state, in three slices, each its own reducer and context: the [`Report`] (what
//! the worker's session said in its last answer: the workbook's summary, the table without its
//! body rows, the mapping, the analysis, the dates and their comparison, the table check's rows),
//! the user's [`Prefs`] (language, indicator, thresholds, sort, chart, highlight, deadline,
//! folded parents: the view, never a figure) and the [`Status`] (loading, progress, the last
//! error). The report itself is held by the worker (the engine's `Session`, see
//! [`crate::reader`]). What the worker sent is [`Shared`] (equal by identity), so every slice
//! derives `PartialEq` and compares cheaply; `version` changes whenever the table changes, so
//! views memoise on it instead of comparing tables.

use crate::shared::Shared;
use attain_core::analysis::series::{Comparison, MatchFix};
use attain_core::analysis::targets::{Assignment, Joined};
use attain_core::analysis::{Analysis, Mapping, MappingError, Suggestion, Thresholds};
use attain_core::dates::{AsOf, Date};
use attain_core::report::Lang;
use attain_core::session::{
    Analysed, Answer, BookInfo, DateInfo, GroupMember, Preview, SourceError,
};
use attain_core::table::TableError;
use attain_core::{ReadError, ReadOptions, SourceFormat, Table};
use std::rc::Rc;
use yew::Reducible;

/// The open report's file, as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The workbook's summary: file name, format, sheets.
    pub info: Shared<BookInfo>,
    /// The built-in sample, labelled as such.
    pub sample: bool,
    /// The user's choices the file was read with.
    pub options: ReadOptions,
}

impl Loaded {
    /// The file's name.
    pub fn file_name(&self) -> &str {
        &self.info.file_name
    }

    /// A text file: it can be read again with another encoding or separator.
    pub fn text(&self) -> bool {
        matches!(self.info.format, SourceFormat::Text { .. })
    }
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
    /// The burn-up towards the deadline (three reporting dates or more).
    Trend,
    /// One small ranked chart per indicator.
    Multiples,
    /// The units at their places in the register.
    Map,
}

impl ChartKind {
    pub const ALL: [(ChartKind, &'static str); 9] = [
        (ChartKind::Rank, "rank"),
        (ChartKind::Gap, "gap"),
        (ChartKind::Bullet, "bullet"),
        (ChartKind::Scatter, "scatter"),
        (ChartKind::Dumbbell, "dumbbell"),
        (ChartKind::Stack, "stack"),
        (ChartKind::Trend, "trend"),
        (ChartKind::Multiples, "multiples"),
        (ChartKind::Map, "map"),
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

    /// The user's view as a hash (without the `#`).
    pub fn of(state: &Prefs) -> String {
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

/// What the worker's session said in its last answer: the report as the page draws it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub loaded: Option<Loaded>,
    /// The report's source in the worker's session (for the commands about it).
    pub current: usize,
    /// Index of the sheet in use.
    pub sheet: usize,
    /// The table found in that sheet (without its body rows, which stay in the worker), or
    /// why none was found.
    pub table: Option<Result<Shared<Table>, TableError>>,
    pub mapping: Option<Mapping>,
    /// The suggested mapping with its confidences.
    pub suggestion: Option<Shared<Suggestion>>,
    /// The results of the mapping.
    pub analysis: Option<Result<Shared<Analysis>, MappingError>>,
    /// Other reporting dates of the same report.
    pub dates: Vec<DateInfo>,
    /// The reporting date before this one, compared with it.
    pub comparison: Option<Shared<Comparison>>,
    /// Matches the user fixed between the previous date and this one.
    pub fixes: Vec<MatchFix>,
    /// Mappings the user asked to remember (kept in the browser's storage by the app).
    pub templates: Shared<Vec<attain_core::analysis::Template>>,
    /// The mapping in use came from a remembered template.
    pub template_used: bool,
    /// The user's legacy-font choices for columns of the sheet in use.
    pub legacy_choices: Vec<(usize, attain_core::legacy::Choice)>,
    /// The as-of date found in the report or its file name.
    pub as_of: Option<AsOf>,
    /// The as-of date the user typed, over the one found.
    pub as_of_override: Option<Date>,
    /// The sheet's first and last rows, for the table check.
    pub preview: Shared<Preview>,
    /// Bumped whenever `table` changes.
    pub version: u64,
    /// The files of the as-of date shown (combined into one report when several).
    pub group: Vec<GroupMember>,
    /// How the targets file met the report shown.
    pub targets: Option<Joined>,
    /// Why the last targets file was refused.
    pub target_error: Option<SourceError>,
    /// The file is a list of citizens or cases, counted per unit.
    pub list: Option<attain_core::list::ListInfo>,
    /// The units expected and missing from the report shown.
    pub unreported: Vec<attain_core::analysis::Unreported>,
    /// The whole at every reporting date up to the one shown (three dates or more).
    pub trend: Option<Shared<attain_core::analysis::trend::Trend>>,
    /// The target assignment the last targets file gave (for the user to remember).
    pub assignment: Option<Shared<Assignment>>,
    /// The report shown's units in the register (once the page has loaded it).
    pub places: Option<Shared<attain_core::places::PlacesView>>,
    /// The target assignment the user asked to remember (kept in the browser's storage by the
    /// app), given to every new report.
    pub remembered_targets: Option<Shared<Assignment>>,
}

/// How the user looks at the report: what a link carries, and what they pick on screen. Its
/// own state and context: a click that highlights a unit or sorts the table changes nothing
/// of the report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prefs {
    pub lang: Lang,
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
}

/// What is going on, apart from the report: a file being read, the last file that could not
/// be read, a release waiting. Its own state and context, so that a progress bar moving or an
/// alert shown redraws neither the charts nor the table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
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

/// What happens to the status.
pub enum StatusAction {
    StartLoading(String),
    Progress(f64),
    /// The user stopped the reading.
    Cancelled,
    /// The worker answered (`reading`: a command that read a file), with the error of a date
    /// file that gave nothing, if any; `keep`: an earlier file's error stays (a file of a
    /// batch read after one that was refused).
    Answered {
        reading: bool,
        error: Option<FileError>,
        keep: bool,
    },
    Failed(FileError),
    DismissError,
    ReadStats {
        ms: f64,
        worker_memory: f64,
    },
    UpdateReady,
}

impl Reducible for Status {
    type Action = StatusAction;

    fn reduce(self: Rc<Self>, action: StatusAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            StatusAction::StartLoading(name) => {
                s.loading = Some(name);
                s.progress = 0.0;
                s.read_stats = None;
            }
            StatusAction::Progress(p) => s.progress = p,
            StatusAction::Cancelled => s.loading = None,
            StatusAction::Answered {
                reading,
                error,
                keep,
            } => {
                if reading {
                    s.loading = None;
                }
                match error {
                    Some(e) => s.error = Some(e),
                    None if reading && !keep => s.error = None,
                    None => {}
                }
            }
            StatusAction::Failed(error) => {
                // The previous report, if any, stays on screen.
                s.loading = None;
                s.error = Some(error);
            }
            StatusAction::DismissError => s.error = None,
            StatusAction::ReadStats { ms, worker_memory } => {
                s.read_stats = Some((ms, worker_memory))
            }
            StatusAction::UpdateReady => s.update_ready = true,
        }
        Rc::new(s)
    }
}

impl StatusAction {
    /// The status side of an answer.
    pub fn of(answer: &Answer, to: Answered) -> StatusAction {
        StatusAction::Answered {
            reading: to != Answered::Edit,
            keep: to == Answered::Batch,
            error: answer
                .error
                .clone()
                .map(|(file_name, error)| FileError { file_name, error }),
        }
    }
}

/// Which command an answer is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// A new report (`true`: the built-in sample).
    Open(bool),
    /// A file read again, or another date added.
    Read,
    /// The next file of several given at once.
    Batch,
    /// Anything else.
    Edit,
    /// The register given to the worker.
    Register,
}

/// What happens to the report.
pub enum Action {
    /// The worker answered a command.
    Answer(Box<Answer>, Answered),
    /// The remembered templates, read from storage at start.
    SetTemplates(Vec<attain_core::analysis::Template>),
    /// Remember the mapping in use for files with this header.
    RememberMapping,
    /// Forget the template of a header signature.
    ForgetTemplate(String),
    /// Remember the target assignment in use for the next reports (`false`: forget it).
    RememberTargets(bool),
}

/// What the user changes in the view.
pub enum PrefsAction {
    SetLang(Lang),
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
    /// The view side of an answer: a new mapping starts at a link's indicator (else the
    /// first) with every parent open; an indicator the analysis no longer has goes back to
    /// the first.
    Answered {
        fresh_mapping: bool,
        /// The analysis' indicators, when it changed.
        indicators: Option<usize>,
    },
}

impl PrefsAction {
    /// The view side of an answer.
    pub fn of(answer: &Answer) -> PrefsAction {
        PrefsAction::Answered {
            fresh_mapping: answer.fresh_mapping,
            indicators: match &answer.analysis {
                Analysed::Same => None,
                Analysed::New(a) => Some(a.indicators.len()),
                Analysed::None | Analysed::Failed(_) => Some(0),
            },
        }
    }
}

impl Prefs {
    /// The view for a language.
    pub fn new(lang: Lang) -> Self {
        Prefs {
            lang,
            ..Default::default()
        }
    }
}

impl Reducible for Prefs {
    type Action = PrefsAction;

    fn reduce(self: Rc<Self>, action: PrefsAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            PrefsAction::SetLang(lang) => s.lang = lang,
            PrefsAction::SetIndicator(i) => s.indicator = i,
            PrefsAction::SetSort(k, desc) => s.sort = (k, desc),
            PrefsAction::Highlight(unit) => {
                s.highlight = if s.highlight.as_deref() == Some(unit.as_str()) {
                    None
                } else {
                    Some(unit)
                };
            }
            PrefsAction::ApplyView(v) => {
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
            PrefsAction::SetThresholds(t) => s.thresholds = t,
            PrefsAction::SetChart(c) => s.chart = c,
            PrefsAction::SetDeadline(d) => s.deadline = d,
            PrefsAction::ToggleGroup(path) => {
                if let Some(k) = s.collapsed.iter().position(|p| *p == path) {
                    s.collapsed.remove(k);
                } else {
                    s.collapsed.push(path);
                }
            }
            PrefsAction::Answered {
                fresh_mapping,
                indicators,
            } => {
                if fresh_mapping {
                    // A link's indicator applies to the first report read after it.
                    s.indicator = s.linked_indicator.take().unwrap_or(0);
                    s.collapsed.clear();
                }
                if indicators.is_some_and(|n| s.indicator >= n) {
                    s.indicator = 0;
                }
                if s == *self {
                    return self;
                }
            }
        }
        Rc::new(s)
    }
}

impl Report {
    /// The as-of date in force: the user's, else the one found.
    pub fn as_of_date(&self) -> Option<Date> {
        self.as_of_override.or(self.as_of.as_ref().map(|a| a.date))
    }

    /// What the worker said after a command.
    fn apply(&mut self, answer: Answer, to: Answered) {
        let sample = match (to, &self.loaded) {
            (Answered::Open(sample), _) => sample,
            (_, Some(l)) => l.sample,
            _ => false,
        };
        // The same summary keeps its identity: views drawn once per file stay drawn.
        let info = match &self.loaded {
            Some(l) if *l.info == answer.info && !matches!(to, Answered::Open(_)) => l.info.clone(),
            _ => Shared::new(answer.info),
        };
        self.loaded = Some(Loaded {
            info,
            sample,
            options: answer.options,
        });
        self.current = answer.current;
        self.sheet = answer.sheet;
        if answer.version != self.version || self.table.is_none() {
            self.table = Some(answer.table.map(Shared::new));
            self.version = answer.version;
        }
        self.suggestion = answer.suggestion.map(Shared::new);
        self.mapping = answer.mapping;
        self.template_used = answer.template_used;
        match answer.analysis {
            Analysed::Same => {}
            Analysed::None => self.analysis = None,
            Analysed::Failed(e) => self.analysis = Some(Err(e)),
            Analysed::New(a) => self.analysis = Some(Ok(Shared::new(a))),
        }
        self.as_of = answer.as_of;
        self.as_of_override = answer.as_of_override;
        self.legacy_choices = answer.legacy_choices;
        self.dates = answer.dates;
        self.fixes = answer.fixes;
        self.group = answer.group;
        self.targets = answer.targets;
        self.target_error = answer.target_error;
        self.list = answer.list;
        self.unreported = answer.unreported;
        if self.trend.as_deref() != answer.trend.as_ref() {
            self.trend = answer.trend.map(Shared::new);
        }
        if self.places.as_deref() != answer.places.as_ref() {
            self.places = answer.places.map(Shared::new);
        }
        if matches!(to, Answered::Open(_)) {
            self.assignment = None;
        }
        if let Some(a) = answer.assignment {
            self.assignment = Some(Shared::new(a));
        }
        self.comparison = answer.comparison.map(Shared::new);
        if *self.preview != answer.preview {
            self.preview = Shared::new(answer.preview);
        }
    }
}

impl Reducible for Report {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Answer(answer, to) => s.apply(*answer, to),
            Action::SetTemplates(list) => s.templates = Shared::new(list),
            Action::RememberTargets(keep) => {
                s.remembered_targets = if keep { s.assignment.clone() } else { None };
            }
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
                            .map(|l| l.file_name().to_string())
                            .unwrap_or_default(),
                        mapping: m.clone(),
                    });
                    s.templates = Shared::new(list);
                    s.template_used = true;
                }
            }
            Action::ForgetTemplate(signature) => {
                let mut list: Vec<_> = (*s.templates).clone();
                list.retain(|x| x.signature != signature);
                s.templates = Shared::new(list);
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::round_trip;
    use attain_core::analysis::Role;
    use attain_core::legacy::Choice;
    use attain_core::sample;
    use attain_core::session::{Command, Session};
    use attain_core::table::Layout;
    use proptest::prelude::*;

    /// The worker's host and the page's state, as the app drives them (answers through their
    /// bytes).
    struct App {
        host: Session,
        state: Rc<Report>,
        prefs: Rc<Prefs>,
        status: Rc<Status>,
    }

    impl App {
        fn new() -> App {
            App {
                host: Session::new(),
                state: Rc::new(Report::default()),
                prefs: Rc::new(Prefs::new(Lang::Vi)),
                status: Rc::new(Status::default()),
            }
        }

        fn run(&mut self, command: Command, bytes: &[u8], to: Answered) {
            let answer = self.host.run(command, bytes.to_vec());
            match round_trip(&self.host, answer) {
                Ok(a) => {
                    self.status = self.status.clone().reduce(StatusAction::of(&a, to));
                    self.prefs = self.prefs.clone().reduce(PrefsAction::of(&a));
                    self.state = self.state.clone().reduce(Action::Answer(Box::new(a), to));
                }
                Err(error) => {
                    let failed = StatusAction::Failed(FileError {
                        file_name: "?".into(),
                        error,
                    });
                    self.status = self.status.clone().reduce(failed);
                }
            }
        }

        fn open(&mut self, name: &str, bytes: &[u8]) {
            let templates = (*self.state.templates).clone();
            self.run(
                Command::Open {
                    name: name.into(),
                    options: ReadOptions::default(),
                    templates,
                },
                bytes,
                Answered::Open(false),
            );
        }

        fn edit(&mut self, command: Command) {
            self.run(command, &[], Answered::Edit);
        }

        fn act(&mut self, action: Action) {
            self.state = self.state.clone().reduce(action);
        }
    }

    fn fixture(dir: &str, name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap()
    }

    fn sample_app() -> App {
        let mut app = App::new();
        app.open(sample::FILE_NAME, sample::CSV.as_bytes());
        app
    }

    #[test]
    fn the_page_holds_no_cells_and_no_body_rows() {
        let mut app = App::new();
        app.open(
            "ben-tre-report.xlsx",
            &fixture("reports", "ben-tre-report.xlsx"),
        );
        let s = &app.state;
        assert_eq!(s.as_of_date().map(|d| d.iso()), Some("2023-11-14".into()));
        let Some(Ok(t)) = &s.table else {
            panic!("no table")
        };
        // The table's shape only: columns and row kinds, its body rows stay in the worker.
        assert!(t.body.is_empty());
        assert!(t.bucket_count(attain_core::table::Bucket::Data) >= 9);
        // The table check's rows come with the answer: the sheet's top, as the user reads it.
        assert!(s.preview.rows > 9);
        assert!(s
            .preview
            .shown
            .iter()
            .any(|(_, cells)| cells.iter().any(|c| c == "Ba Tri")));
    }

    #[test]
    fn loading_a_file_finds_the_table_and_guesses_columns() {
        let app = sample_app();
        let s = &app.state;
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
        let mut app = sample_app();
        app.open("broken.xlsx", b"");
        let s = &app.state;
        assert_eq!(
            s.loaded.as_ref().map(|l| l.file_name()),
            Some(sample::FILE_NAME)
        );
        assert_eq!(
            app.status.error.as_ref().map(|e| e.error.clone()),
            Some(ReadError::Empty)
        );
        assert!(matches!(s.table, Some(Ok(_))));
        // The worker still holds the report: an edit after the failure works on it.
        app.edit(Command::SetRole {
            column: 4,
            role: Role::Ignored,
            indicator: 0,
        });
        assert!(matches!(&app.state.analysis, Some(Ok(a)) if a.indicators.len() == 1));
    }

    #[test]
    fn a_corrected_layout_keeps_the_chosen_columns() {
        let mut app = sample_app();
        let Some(Ok(t)) = app.state.table.clone() else {
            unreachable!()
        };
        let layout = t.layout;
        app.edit(Command::SetRole {
            column: 4,
            role: Role::Ignored,
            indicator: 0,
        });
        let m = app.state.mapping.clone().unwrap();
        assert_eq!(m.indicators.len(), 1);
        // Drop the last body row from the table.
        app.edit(Command::SetLayout(Layout {
            body_end: layout.body_end - 1,
            ..layout
        }));
        let s = &app.state;
        assert_eq!(s.mapping, Some(m));
        assert!(matches!(&s.analysis, Some(Ok(a)) if a.indicators.len() == 1));
        let Some(Ok(t2)) = &s.table else {
            unreachable!()
        };
        use attain_core::table::Bucket;
        assert!(
            t2.bucket_count(Bucket::Data) < t.bucket_count(Bucket::Data)
                || t2.totals.len() < t.totals.len()
        );
        assert_eq!(s.version, 2);
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

    /// The app's path (the worker's host, the page's state) and the command line's (the
    /// engine's session) give the same export, byte for byte.
    #[test]
    fn the_app_and_the_command_line_agree() {
        for name in [
            "binh-phuoc-2024-07-03.xlsx",
            "binh-thuan-2023-06-19-long.csv",
            "ben-tre-composition-2023-11-14.xlsx",
            "ca-mau-2024-03-20.xlsx",
            "ben-tre-2023-11-14.xlsx",
        ] {
            let bytes = fixture("analysis", name);
            let mut app = App::new();
            app.open(name, &bytes);
            let Some(Ok(a)) = &app.state.analysis else {
                panic!("{name}: no analysis")
            };
            let cli = session_of(name, &bytes);
            assert_eq!(
                attain_core::report::csv::results_csv(a),
                attain_core::report::csv::results_csv(cli.results().unwrap()),
                "{name}"
            );
            assert_eq!(a.warnings, cli.results().unwrap().warnings, "{name}");
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

        /// Any report gives the same export through the app's path (the worker's host, the
        /// page's state) and the command line's (the engine's session).
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
            let mut app = App::new();
            app.open("bc-2023-11-14.csv", csv.as_bytes());
            let Some(Ok(a)) = &app.state.analysis else { panic!("no analysis") };
            let cli = session_of("bc-2023-11-14.csv", csv.as_bytes());
            prop_assert_eq!(
                attain_core::report::csv::results_csv(a),
                attain_core::report::csv::results_csv(cli.results().unwrap())
            );
            // The districts are found as a parent level (when there are fewer districts than
            // communes) and the sheet's total agrees.
            let districts = rows.iter().map(|r| r.0).collect::<std::collections::HashSet<_>>().len();
            if districts < rows.len() {
                prop_assert_eq!(&a.parent_levels, &vec!["Huyện".to_string()]);
            }
            prop_assert_eq!(&a.warnings, &vec![]);
        }
    }

    #[test]
    fn a_legacy_column_can_be_switched_off_and_back() {
        let mut app = App::new();
        app.open(
            "ben-tre-tcvn3-2023-11-07.xlsx",
            &fixture("legacy", "ben-tre-tcvn3-2023-11-07.xlsx"),
        );
        let first = |s: &Report| match &s.analysis {
            Some(Ok(a)) => a.indicators[0].units[0].unit.to_string(),
            _ => String::new(),
        };
        assert_eq!(first(&app.state), "Thành phố Bến Tre");
        app.edit(Command::SetLegacy(1, Choice::Off));
        assert_eq!(first(&app.state), "Thµnh phè BÕn Tre");
        assert_eq!(app.state.legacy_choices, vec![(1, Choice::Off)]);
        app.edit(Command::SetLegacy(1, Choice::Auto));
        assert_eq!(first(&app.state), "Thành phố Bến Tre");
    }

    #[test]
    fn a_later_date_becomes_the_open_report() {
        let mut app = App::new();
        app.open(
            "ben-tre-2023-11-07.xlsx",
            &fixture("analysis", "ben-tre-2023-11-07.xlsx"),
        );
        app.run(
            Command::AddDate {
                name: "ben-tre-2023-11-14.xlsx".into(),
                options: ReadOptions::default(),
            },
            &fixture("analysis", "ben-tre-2023-11-14.xlsx"),
            Answered::Read,
        );
        let s = &app.state;
        assert_eq!(s.as_of_date(), Date::new(2023, 11, 14));
        assert_eq!(
            s.loaded.as_ref().map(|l| l.file_name()),
            Some("ben-tre-2023-11-14.xlsx")
        );
        assert_eq!(s.dates.len(), 1);
        assert_eq!(s.dates[0].as_of, Date::new(2023, 11, 7));
        let c = s.comparison.clone().unwrap();
        assert_eq!(c.indicators[0].total.delta(), Some(30_287.0));
        assert_eq!(c.missing.len(), 1);
        // The user matches the new unit with a unit of the earlier date.
        app.edit(Command::FixMatch(MatchFix {
            previous: "CHÂU THÀNH".into(),
            current: "Bình Đại".into(),
        }));
        let c = app.state.comparison.clone().unwrap();
        assert!(c.missing.iter().all(|m| m.unit != "Bình Đại"));
        assert_eq!(app.state.fixes.len(), 1);
        // Without the earlier date there is nothing to compare.
        let other = app.state.dates[0].source;
        app.edit(Command::RemoveDate(other));
        assert!(app.state.comparison.is_none());
    }

    #[test]
    fn a_remembered_mapping_maps_the_next_file_with_the_same_header() {
        let mut app = sample_app();
        app.edit(Command::SetRole {
            column: 4,
            role: Role::Ignored,
            indicator: 0,
        });
        app.act(Action::RememberMapping);
        assert_eq!(app.state.templates.len(), 1);
        // Next month: the same header, another file.
        app.open("bao-cao-thang-12.csv", sample::CSV.as_bytes());
        assert!(app.state.template_used);
        assert_eq!(
            app.state.mapping.as_ref().map(|m| m.indicators.len()),
            Some(1)
        );
        let sig = app.state.templates[0].signature.clone();
        app.act(Action::ForgetTemplate(sig));
        assert!(app.state.templates.is_empty());
    }

    #[test]
    fn every_view_change_is_a_new_state() {
        // Components redraw only when the state differs: each view action must show in `eq`.
        let s = sample_app().prefs;
        for action in [
            PrefsAction::SetChart(ChartKind::Gap),
            PrefsAction::SetIndicator(1),
            PrefsAction::SetSort(SortKey::Rate, true),
            PrefsAction::Highlight("Ba Tri".into()),
            PrefsAction::SetDeadline(Date::new(2023, 12, 15)),
            PrefsAction::ToggleGroup(vec!["Ba Tri".into()]),
            PrefsAction::SetLang(Lang::En),
        ] {
            assert!(*s.clone().reduce(action) != *s);
        }
    }

    #[test]
    fn a_new_mapping_starts_the_view_at_a_links_indicator_with_every_parent_open() {
        let mut app = App::new();
        app.prefs = app.prefs.clone().reduce(PrefsAction::ApplyView(View {
            indicator: Some(1),
            ..View::default()
        }));
        app.prefs = app
            .prefs
            .clone()
            .reduce(PrefsAction::ToggleGroup(vec!["Huyện".into()]));
        app.open(sample::FILE_NAME, sample::CSV.as_bytes());
        assert_eq!(app.prefs.indicator, 1);
        assert!(app.prefs.collapsed.is_empty());
        assert_eq!(app.prefs.linked_indicator, None);
        // An edit that keeps the mapping keeps the view; the next file starts at the first.
        app.edit(Command::SetAsOf(app.state.current, Date::new(2023, 11, 20)));
        assert_eq!(app.prefs.indicator, 1);
        app.open(sample::FILE_NAME, sample::CSV.as_bytes());
        assert_eq!(app.prefs.indicator, 0);
        // An answer that changes nothing of the view keeps the same view (nothing redraws).
        let before = app.prefs.clone();
        app.edit(Command::SetAsOf(app.state.current, Date::new(2023, 11, 21)));
        assert!(Rc::ptr_eq(&before, &app.prefs));
    }

    #[test]
    fn an_edit_that_changes_no_figure_keeps_the_analysis() {
        let mut app = sample_app();
        let before = app.state.analysis.clone();
        app.edit(Command::SetAsOf(app.state.current, Date::new(2023, 11, 20)));
        assert_eq!(app.state.as_of_date(), Date::new(2023, 11, 20));
        match (&before, &app.state.analysis) {
            (Some(Ok(a)), Some(Ok(b))) => assert!(a == b),
            _ => panic!("no analysis"),
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
        let s = Rc::new(Prefs::new(Lang::Vi)).reduce(PrefsAction::ApplyView(v));
        assert_eq!(
            View::of(&s),
            "i=0&lo=40&hi=90&sort=rate-desc&chart=gap&lang=en"
        );
        // Bad parts are ignored.
        assert_eq!(
            View::parse("#lo=90&hi=40&sort=nope&i=x&chart=pie"),
            View::default()
        );
        assert!(!View::of(&sample_app().prefs).contains("Bến"));
    }
}
