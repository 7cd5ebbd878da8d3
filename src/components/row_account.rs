//! Every row of the sheet accounted for: how many are header, units, set aside or empty, the
//! reason for each row set aside, and the warnings about the data.

use super::AppContext;
use crate::i18n::{self, strings};
use attain_core::analysis::Analysis;
use attain_core::Table;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RowAccountProps {
    pub table: Rc<Table>,
    pub analysis: Rc<Analysis>,
}

#[function_component(RowAccount)]
pub fn row_account(props: &RowAccountProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let lang = state.lang;
    let s = strings(lang);
    let (t, a) = (&props.table, &props.analysis);
    let summary = i18n::rows_summary(
        lang,
        t.source_rows(),
        t.rows_above_header.len(),
        a.units.len(),
        a.skipped.len(),
        t.empty_rows.len(),
    );
    html! {
        <section class="account">
            <details data-testid="row-account">
                <summary>{ format!("{}: {}", s.rows_heading, summary) }</summary>
                <ul>
                    { for a.skipped.iter().map(|r| html! {
                        <li>{ format!("{}: {}", i18n::row_label(lang, r.source_row), i18n::skip_reason(lang, &r.reason)) }</li>
                    }) }
                </ul>
            </details>
            if !a.warnings.is_empty() {
                <div class="warnings" data-testid="warnings">
                    <h2>{ s.warnings_heading }</h2>
                    <ul>
                        { for a.warnings.iter().map(|w| html! { <li>{ i18n::warning(lang, w) }</li> }) }
                    </ul>
                </div>
            }
        </section>
    }
}
