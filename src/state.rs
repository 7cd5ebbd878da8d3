//! The app's one state and its reducer. Big data sits behind `Rc` so actions clone cheaply;
//! `version` changes whenever the table changes, so views memoise on it instead of comparing
//! tables.

use attain_core::analysis::{guess_mapping, Mapping};
use attain_core::report::Lang;
use attain_core::table::TableError;
use attain_core::{ReadError, Table, Workbook};
use std::rc::Rc;
use yew::Reducible;

/// A file that was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub workbook: Rc<Workbook>,
    /// The built-in sample, labelled as such.
    pub sample: bool,
}

/// A file that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    pub file_name: String,
    pub error: ReadError,
}

/// Everything the app shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub loaded: Option<Loaded>,
    /// Index of the sheet in use.
    pub sheet: usize,
    /// The table found in that sheet, or why none was found.
    pub table: Option<Result<Rc<Table>, TableError>>,
    pub mapping: Option<Mapping>,
    /// Bumped whenever `table` changes.
    pub version: u64,
    /// The file being read.
    pub loading: Option<String>,
    /// The last file that could not be read.
    pub error: Option<FileError>,
    /// A new release of the app is downloaded and waits for a reload.
    pub update_ready: bool,
}

/// What can happen.
pub enum Action {
    SetLang(Lang),
    StartLoading(String),
    Loaded(Loaded),
    Failed(FileError),
    DismissError,
    SelectSheet(usize),
    SetMapping(Mapping),
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

    fn use_sheet(&mut self, index: usize) {
        let Some(loaded) = &self.loaded else { return };
        let Some(sheet) = loaded.workbook.sheets.get(index) else {
            return;
        };
        self.sheet = index;
        let table = Table::from_sheet(sheet).map(Rc::new);
        self.mapping = table.as_ref().ok().and_then(|t| guess_mapping(t));
        self.table = Some(table);
        self.version += 1;
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::StartLoading(name) => s.loading = Some(name),
            Action::Loaded(loaded) => {
                s.loading = None;
                s.error = None;
                let first = loaded.workbook.first_sheet_with_data();
                s.loaded = Some(loaded);
                s.use_sheet(first);
            }
            Action::Failed(error) => {
                // The previous report, if any, stays on screen.
                s.loading = None;
                s.error = Some(error);
            }
            Action::DismissError => s.error = None,
            Action::SelectSheet(i) => s.use_sheet(i),
            Action::SetMapping(m) => s.mapping = Some(m),
            Action::UpdateReady => s.update_ready = true,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attain_core::{read_workbook, sample};

    fn loaded_sample() -> Rc<AppState> {
        let wb = read_workbook(sample::FILE_NAME, sample::CSV.as_bytes()).unwrap();
        Rc::new(AppState::new(Lang::Vi)).reduce(Action::Loaded(Loaded {
            workbook: Rc::new(wb),
            sample: true,
        }))
    }

    #[test]
    fn loading_a_file_finds_the_table_and_guesses_columns() {
        let s = loaded_sample();
        assert!(matches!(s.table, Some(Ok(_))));
        assert_eq!(
            s.mapping,
            Some(Mapping {
                unit: 1,
                target: 2,
                achieved: 3
            })
        );
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
}
