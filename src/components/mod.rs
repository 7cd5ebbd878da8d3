//! One file per screen region. Components read the state from context, draw it, and send
//! actions; they never compute a figure themselves.

pub mod app;
pub mod bullet_chart;
pub mod chart_frame;
pub mod dumbbell_chart;
pub mod export;
pub mod file_drop;
pub mod gap_chart;
pub mod legacy_notice;
pub mod mapping_bar;
pub mod mapping_panel;
pub mod multiples;
pub mod rank_chart;
pub mod results_table;
pub mod row_account;
pub mod scatter_chart;
pub mod stack_chart;
pub mod table_check;

use crate::state::AppState;
use yew::UseReducerHandle;

/// The state handle every component reads from context.
pub type AppContext = UseReducerHandle<AppState>;

/// The click and Enter/Space handlers that highlight a unit everywhere (again clears it): the
/// same on every chart mark.
pub fn highlight_handlers(
    state: &AppContext,
    unit: &str,
) -> (
    yew::Callback<web_sys::MouseEvent>,
    yew::Callback<web_sys::KeyboardEvent>,
) {
    let (st, name) = (state.clone(), unit.to_string());
    let click = yew::Callback::from(move |_: web_sys::MouseEvent| {
        st.dispatch(crate::state::Action::Highlight(name.clone()))
    });
    let (st, name) = (state.clone(), unit.to_string());
    let key = yew::Callback::from(move |e: web_sys::KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            st.dispatch(crate::state::Action::Highlight(name.clone()));
        }
    });
    (click, key)
}
