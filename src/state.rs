//! The app's one state and its reducer. Big data sits behind `Rc` so actions clone cheaply;
//! `version` changes whenever the table changes, so views memoise on it instead of comparing
//! tables.

use attain_core::analysis::{guess_mapping, Mapping};
use attain_core::dates::{find_as_of, AsOf, Date};
use attain_core::report::Lang;
use attain_core::table::{Layout, TableError};
use attain_core::{ReadError, ReadOptions, Table, Workbook};
use std::rc::Rc;
use yew::Reducible;

/// A file that was read.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub workbook: Rc<Workbook>,
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
        loaded
            && table
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
    },
    Failed(FileError),
    DismissError,
    SelectSheet(usize),
    /// The user corrected where the header and the body are.
    SetLayout(Layout),
    SetMapping(Mapping),
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
        let table = table.map(Rc::new);
        let guess = table.as_ref().ok().and_then(|t| guess_mapping(t));
        let still_valid = |m: &Mapping| {
            table.as_ref().is_ok_and(|t| {
                [m.unit, m.target, m.achieved]
                    .iter()
                    .all(|i| *i < t.columns.len())
            })
        };
        if !(keep_mapping && self.mapping.as_ref().is_some_and(still_valid)) {
            self.mapping = guess;
        }
        if let (Some(loaded), Ok(t)) = (&self.loaded, &table) {
            if let Some(sheet) = loaded.workbook.sheets.get(self.sheet) {
                self.as_of = find_as_of(sheet, Some(t), &loaded.workbook.file_name);
            }
        }
        self.table = Some(table);
        self.version += 1;
    }

    fn use_sheet(&mut self, index: usize) {
        let Some(loaded) = &self.loaded else { return };
        let Some(sheet) = loaded.workbook.sheets.get(index) else {
            return;
        };
        self.sheet = index;
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
            } => {
                s.loading = None;
                s.error = None;
                s.as_of_override = None;
                // The same file read again (another encoding) keeps the user's columns.
                let same_file = s.loaded.as_ref().is_some_and(|l| {
                    l.workbook.file_name == loaded.workbook.file_name
                        && match (&l.bytes, &loaded.bytes) {
                            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                            _ => false,
                        }
                });
                s.loaded = Some(loaded);
                s.sheet = sheet;
                s.set_table(table, same_file);
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
                    .and_then(|l| l.workbook.sheets.get(s.sheet))
                {
                    let table = Table::with_layout(sheet, layout);
                    s.set_table(table, true);
                }
            }
            Action::SetMapping(m) => s.mapping = Some(m),
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
    use attain_core::sample;

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
            table: prepared.table,
        })
    }

    #[test]
    fn loading_a_file_finds_the_table_and_guesses_columns() {
        let s = loaded_sample();
        assert!(matches!(s.table, Some(Ok(_))));
        let m = s.mapping.unwrap();
        let Some(Ok(t)) = &s.table else {
            unreachable!()
        };
        assert_eq!(t.columns[m.unit].name, "Đơn vị");
        assert_eq!(t.columns[m.achieved].name, "Thu nhận");
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
        let m = Mapping {
            achieved: s.mapping.unwrap().achieved + 1,
            ..s.mapping.unwrap()
        };
        let s = s.reduce(Action::SetMapping(m));
        // Drop the last body row from the table.
        let s = s.reduce(Action::SetLayout(Layout {
            body_end: layout.body_end - 1,
            ..layout
        }));
        assert_eq!(s.mapping, Some(m));
        let Some(Ok(t2)) = &s.table else {
            unreachable!()
        };
        assert!(t2.rows.len() < t.rows.len() || t2.totals.len() < t.totals.len());
        assert_eq!(s.version, 2);
    }

    #[test]
    fn the_user_can_type_the_as_of_date() {
        let s = loaded_sample().reduce(Action::SetAsOf(Date::new(2023, 11, 20)));
        assert_eq!(s.as_of_date(), Date::new(2023, 11, 20));
    }
}
