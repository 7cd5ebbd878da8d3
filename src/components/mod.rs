//! One file per screen region. Components read the state from context, draw it, and send
//! actions; they never compute a figure themselves.

pub mod app;
pub mod bullet_chart;
pub mod burnup_chart;
pub mod chart_frame;
pub mod combine;
pub mod dates;
pub mod details;
pub mod dumbbell_chart;
pub mod export;
pub mod file_drop;
pub mod gap_chart;
pub mod header;
pub mod legacy_notice;
pub mod map_chart;
pub mod mapping_bar;
pub mod mapping_panel;
pub mod multiples;
pub mod places;
pub mod rank_chart;
pub mod results_table;
pub mod row_account;
pub mod scatter_chart;
pub mod stack_chart;
pub mod start;
pub mod table_check;
pub mod view_bar;
pub mod workspace;

use crate::state::{Prefs, PrefsAction, Report, Status, StatusAction};
use yew::{UseReducerDispatcher, UseReducerHandle};

/// What the worker's session said: the report as the page draws it.
pub type ReportContext = UseReducerHandle<Report>;

/// The user's view (language, indicator, thresholds, sort, chart, highlight, deadline, folded
/// parents): a context of its own, so a click that highlights a unit leaves the report as it is.
pub type PrefsContext = UseReducerHandle<Prefs>;

/// The status (loading, progress, the last read error, a waiting release), a context of its
/// own: only the few components that show it redraw when it changes.
pub type StatusContext = UseReducerHandle<Status>;

thread_local! {
    static STATUS: std::cell::RefCell<Option<UseReducerDispatcher<Status>>> =
        const { std::cell::RefCell::new(None) };
}

/// Keeps the status' dispatcher (the app's root does, once): commands and reads report to
/// the status without every component that sends one subscribing to it.
pub fn keep_status(dispatcher: UseReducerDispatcher<Status>) {
    STATUS.with(|s| *s.borrow_mut() = Some(dispatcher));
}

/// Tells the status something.
pub fn status(action: StatusAction) {
    if let Some(d) = STATUS.with(|s| s.borrow().clone()) {
        d.dispatch(action);
    }
}

/// Hands an answer to the report and its view side to the view (a new mapping starts the view
/// again), in that order of effect: both land before the next draw.
pub fn answered(
    state: &ReportContext,
    answer: attain_core::session::Answer,
    to: crate::state::Answered,
) {
    if let Some(d) = PREFS.with(|p| p.borrow().clone()) {
        d.dispatch(PrefsAction::of(&answer));
    }
    // A worker without the register, or with a report read just now to place: it is given
    // the register (not after the register's own answer).
    let register = answer.register_wanted && !matches!(to, crate::state::Answered::Register);
    state.dispatch(crate::state::Action::Answer(Box::new(answer), to));
    if register {
        give_register(state);
    }
}

/// A report's units are found in the register: the page loads it on the first report
/// (fetched beside the page, or inflated from the single file; not part of the first load)
/// and gives it to a worker that wants it (`Answer::register_wanted`: a worker started
/// afresh or rebuilt, or a report read just now, placed once its results are drawn).
fn give_register(state: &ReportContext) {
    let state = state.clone();
    // After the new report's rows and charts are drawn: the worker places the units then.
    after_draws(move || {
        yew::platform::spawn_local(async move {
            let Some(text) = crate::web::register_text().await else {
                return;
            };
            // Nothing of the user's waits on it: a failure (a worker stopped by a file) is the
            // file's to tell, not the register's.
            let command = attain_core::session::Command::UseRegister(text.to_string());
            crate::reader::send(command, None, move |event| {
                if let crate::reader::Event::Done(result) = event {
                    if let Ok(a) = *result {
                        answered(&state, a, crate::state::Answered::Register);
                    }
                }
            });
        })
    });
}

thread_local! {
    static PREFS: std::cell::RefCell<Option<UseReducerDispatcher<Prefs>>> =
        const { std::cell::RefCell::new(None) };
}

/// Keeps the view's dispatcher (the app's root does, once), for the view side of answers.
pub fn keep_prefs(dispatcher: UseReducerDispatcher<Prefs>) {
    PREFS.with(|p| *p.borrow_mut() = Some(dispatcher));
}

/// Sends a command about the open report to the worker that holds it; the answer comes back
/// through [`answered`] (or the failure, naming the open file).
pub fn command(state: &ReportContext, command: attain_core::session::Command) {
    let st = state.clone();
    let file = state
        .loaded
        .as_ref()
        .map(|l| l.file_name().to_string())
        .unwrap_or_default();
    crate::reader::send(command, None, move |event| {
        if let crate::reader::Event::Done(result) = event {
            let to = crate::state::Answered::Edit;
            match *result {
                Ok(a) => {
                    if a.error.is_some() {
                        status(StatusAction::of(&a, to));
                    }
                    answered(&st, a, to);
                }
                Err(error) => status(StatusAction::Failed(crate::state::FileError {
                    file_name: file.clone(),
                    error,
                })),
            }
        }
    });
}

/// The click and Enter/Space handlers that highlight a unit everywhere (again clears it): the
/// same on every chart mark.
pub fn highlight_handlers(
    prefs: &UseReducerDispatcher<Prefs>,
    unit: &str,
) -> (
    yew::Callback<web_sys::MouseEvent>,
    yew::Callback<web_sys::KeyboardEvent>,
) {
    let (st, name) = (prefs.clone(), unit.to_string());
    let click = yew::Callback::from(move |_: web_sys::MouseEvent| {
        st.dispatch(crate::state::PrefsAction::Highlight(name.clone()))
    });
    let (st, name) = (prefs.clone(), unit.to_string());
    let key = yew::Callback::from(move |e: web_sys::KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            st.dispatch(crate::state::PrefsAction::Highlight(name.clone()));
        }
    });
    (click, key)
}

#[derive(yew::Properties, PartialEq)]
pub struct LaterProps {
    /// What is drawn: a new value (another file) waits again.
    pub id: usize,
    /// Its place among the others drawn later: the lowest first, each in a task of its own.
    #[prop_or_default]
    pub order: u32,
    #[prop_or_default]
    pub children: yew::Html,
}

/// The draws waiting, lowest `order` first, each with the flag its `Later` sets when it goes.
type Waiting = Vec<(u32, std::rc::Rc<std::cell::Cell<bool>>, Box<dyn FnOnce()>)>;

thread_local! {
    static WAITING: std::cell::RefCell<Waiting> = const { std::cell::RefCell::new(Vec::new()) };
    static DRAINING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static HELD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Holds the draws waiting (`Later`) until [`release_later`]: the results table holds them
/// while the first rows of a new report are on their way from the worker, so that the rows
/// reach the screen before the other charts, and lets them go when the rows come (or after a
/// second, whichever is first).
pub fn hold_later() {
    HELD.with(|h| h.set(true));
    gloo::timers::callback::Timeout::new(1_000, release_later).forget();
}

/// Runs `f` once the draws waiting now or queued by the coming draw (the results' rows, the
/// figures, every chart) have gone: work the user does not wait for goes after what they do.
pub fn after_draws(f: impl FnOnce() + 'static) {
    let gone = std::rc::Rc::new(std::cell::Cell::new(false));
    WAITING.with(|w| w.borrow_mut().push((u32::MAX, gone, Box::new(f))));
    if !HELD.with(|h| h.get()) && !DRAINING.with(|d| d.replace(true)) {
        gloo::timers::callback::Timeout::new(0, next_draw).forget();
    }
}

/// Lets the draws waiting go again, one per task.
pub fn release_later() {
    if !HELD.with(|h| h.replace(false)) {
        return;
    }
    let waiting = WAITING.with(|w| !w.borrow().is_empty());
    if waiting && !DRAINING.with(|d| d.replace(true)) {
        gloo::timers::callback::Timeout::new(0, next_draw).forget();
    }
}

/// Lets one waiting draw go, then the next in a task of its own (a timer each would let the
/// browser run all those due together in one task, after a long first draw).
fn next_draw() {
    if HELD.with(|h| h.get()) {
        // Held: `release_later` starts again.
        DRAINING.with(|d| d.set(false));
        return;
    }
    let next = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        let k = (0..w.len()).min_by_key(|&i| w[i].0)?;
        Some(w.remove(k))
    });
    match next {
        Some((_, gone, draw)) => {
            if !gone.get() {
                draw();
            }
            gloo::timers::callback::Timeout::new(0, next_draw).forget();
        }
        None => DRAINING.with(|d| d.set(false)),
    }
}

/// Draws its children one task after they first appear for an `id`: the figures, the main
/// chart and the results table (whose rows the worker sends while the page lays these out) of
/// a new report reach the screen before the other charts and the row account, which a large
/// report takes a few hundred milliseconds to build.
/// The waiting ones go one per task, lowest `order` first. Later changes to the same report
/// draw at once.
#[yew::function_component(Later)]
pub fn later(props: &LaterProps) -> yew::Html {
    let ready = yew::use_state(|| None::<usize>);
    {
        let ready = ready.clone();
        yew::use_effect_with((props.id, props.order), move |&(id, order)| {
            let gone = std::rc::Rc::new(std::cell::Cell::new(false));
            if *ready != Some(id) {
                let draw: Box<dyn FnOnce()> = Box::new(move || ready.set(Some(id)));
                WAITING.with(|w| w.borrow_mut().push((order, gone.clone(), draw)));
                if !DRAINING.with(|d| d.replace(true)) {
                    gloo::timers::callback::Timeout::new(0, next_draw).forget();
                }
            }
            // Unmounted first (or another file): no draw.
            move || gone.set(true)
        });
    }
    if *ready == Some(props.id) {
        props.children.clone()
    } else {
        yew::Html::default()
    }
}
