//! Getting files in: a drop target over the whole page and a file picker. Both hand the file
//! to [`load`], which reads its bytes and gives them to the engine.

use super::status;
use super::{PrefsContext, ReportContext};
use crate::i18n::strings;
use crate::reader::{self, Bytes, Event as ReadEvent};
use crate::state::{Answered, FileError, StatusAction};
use attain_core::analysis::targets::Assignment;
use attain_core::session::Command;
use attain_core::ReadOptions;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The extensions the picker offers.
pub const ACCEPT: &str = ".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt";

/// Reads a file the user gave and puts the result (or the reason it failed) in the state.
pub fn load(state: ReportContext, file: web_sys::File) {
    load_file(state, file, false);
}

/// Several files given at once: the first opens a new report, the others join it (those of
/// its as-of date are combined with it, the others are its other dates). The worker takes
/// them in order.
pub fn load_all(state: &ReportContext, files: &web_sys::FileList) {
    for i in 0..files.length() {
        if let Some(file) = files.get(i) {
            if i == 0 {
                load_file(state.clone(), file, false);
            } else {
                let name = file.name();
                let command = Command::AddToBatch {
                    name: name.clone(),
                    options: ReadOptions::default(),
                };
                run(
                    state,
                    name,
                    command,
                    Some(Bytes::File(file.into())),
                    Answered::Batch,
                );
            }
        }
    }
    // After the last file, so that it reaches the report whichever file opened it.
    use_remembered_targets(state);
}

/// A new report takes the target assignment the user asked to remember.
fn use_remembered_targets(state: &ReportContext) {
    if let Some(a) = &state.remembered_targets {
        super::command(state, Command::UseAssignment(Assignment::clone(a)));
    }
}

/// Reads a target assignment ("giao chỉ tiêu") from a file: every report takes its targets.
pub fn load_targets(state: &ReportContext, file: web_sys::File) {
    let name = file.name();
    let command = Command::SetTargets {
        name: name.clone(),
        options: ReadOptions::default(),
    };
    run(
        state,
        name,
        command,
        Some(Bytes::File(file.into())),
        Answered::Read,
    )
}

/// Reads a file as another reporting date of the open report.
pub fn load_date(state: ReportContext, file: web_sys::File) {
    load_file(state, file, true);
}

fn load_file(state: ReportContext, file: web_sys::File, as_date: bool) {
    let name = file.name();
    let command = if as_date {
        Command::AddDate {
            name: name.clone(),
            options: ReadOptions::default(),
        }
    } else {
        open(&state, &name)
    };
    let to = if as_date {
        Answered::Read
    } else {
        Answered::Open(false)
    };
    // The worker reads the file itself: the page never holds a copy of it.
    let file: web_sys::Blob = file.into();
    run(&state, name, command, Some(Bytes::File(file)), to)
}

/// The command that opens a file as the report, with the mappings the user remembered.
fn open(state: &ReportContext, name: &str) -> Command {
    Command::Open {
        name: name.to_string(),
        options: ReadOptions::default(),
        templates: (*state.templates).clone(),
    }
}

/// Reads bytes (a file, a paste, the sample) as the report, off the UI thread.
pub fn load_bytes(state: &ReportContext, name: String, bytes: Vec<u8>, sample: bool) {
    let command = open(state, &name);
    run(
        state,
        name,
        command,
        Some(Bytes::Data(Rc::new(bytes))),
        Answered::Open(sample),
    );
}

/// Reads the open text file again with other choices (encoding, separator).
pub fn reread(state: &ReportContext, options: ReadOptions) {
    let Some(loaded) = &state.loaded else { return };
    let name = loaded.file_name().to_string();
    run(state, name, Command::Reread(options), None, Answered::Read);
}

/// Sends a command that reads a file, with the loading message, its progress and the worker's
/// figures.
fn run(state: &ReportContext, name: String, command: Command, bytes: Option<Bytes>, to: Answered) {
    status(StatusAction::StartLoading(name.clone()));
    let st = state.clone();
    let started = js_sys::Date::now();
    reader::send(command, bytes, move |event| match event {
        ReadEvent::Done(result) => match *result {
            Ok(answer) => {
                status(StatusAction::of(&answer, to));
                super::answered(&st, answer, to);
            }
            Err(error) => status(StatusAction::Failed(FileError {
                file_name: name.clone(),
                error,
            })),
        },
        ReadEvent::Progress(p) => status(StatusAction::Progress(p)),
        ReadEvent::WorkerMemory(bytes) => status(StatusAction::ReadStats {
            ms: js_sys::Date::now() - started,
            worker_memory: bytes,
        }),
    });
}

#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    pub children: Html,
}

/// The whole page as a drop target, with an overlay while a file is dragged over it.
#[function_component(FileDrop)]
pub fn file_drop(props: &FileDropProps) -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let state = use_context::<ReportContext>();
    let dragging = use_state(|| false);
    let Some(state) = state else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the file instead of firing `drop`.
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let leave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let drop = {
        let dragging = dragging.clone();
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|dt| dt.files()) {
                load_all(&state, &files);
            }
        })
    };
    html! {
        <div class={classes!("page", dragging.then_some("dragging"))}
            ondragenter={over.clone()} ondragover={over} ondragleave={leave} ondrop={drop}>
            { props.children.clone() }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true"><span>{ s.drop_release }</span></div>
            }
        </div>
    }
}

/// A button around a visually hidden `<input type="file">` (which keeps the keyboard focus):
/// the files picked go to `on_files`, and the same file picked again is read again.
fn file_button(
    classes: Classes,
    title: &'static str,
    testid: &'static str,
    multiple: bool,
    label: &'static str,
    on_files: impl Fn(web_sys::FileList) + 'static,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(files) = input.files() {
            on_files(files);
        }
        input.set_value("");
    });
    html! {
        <label class={classes} {title}>
            <input type="file" class="visually-hidden" accept={ACCEPT} {multiple}
                data-testid={testid} {onchange} />
            { label }
        </label>
    }
}

/// A button that adds other reporting dates (or files of the same date) to the open report.
#[function_component(DatePicker)]
pub fn date_picker() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    file_button(
        classes!("button", "file-button"),
        s.add_date_hint,
        "add-date-input",
        true,
        s.add_date,
        move |files| {
            for i in 0..files.length() {
                if let Some(file) = files.get(i) {
                    load_date(state.clone(), file);
                }
            }
        },
    )
}

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    /// The big button of the start screen, or the small one of the toolbar.
    pub primary: bool,
}

/// A button that opens the file chooser; the `<input type="file">` inside it is visually
/// hidden but keeps the keyboard focus.
#[function_component(FilePicker)]
pub fn file_picker(props: &FilePickerProps) -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let label = if props.primary {
        s.pick_file
    } else {
        s.open_another
    };
    file_button(
        classes!("button", "file-button", props.primary.then_some("primary")),
        s.add_files_hint,
        "file-input",
        true,
        label,
        move |files| load_all(&state, &files),
    )
}

/// A button that adds a targets file ("giao chỉ tiêu") to the open report.
#[function_component(TargetsPicker)]
pub fn targets_picker() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    file_button(
        classes!("button", "file-button"),
        s.targets_hint,
        "targets-input",
        false,
        s.targets_add,
        move |files| {
            if let Some(file) = files.get(0) {
                load_targets(&state, file);
            }
        },
    )
}
