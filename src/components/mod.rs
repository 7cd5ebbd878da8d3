//! One file per screen region. Components read the state from context, draw it, and send
//! actions; they never compute a figure themselves.

pub mod app;
pub mod bullet_chart;
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
