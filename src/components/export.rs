//! Export of the results as `attain-results.csv` (the engine writes the bytes).

use super::AppContext;
use crate::i18n::strings;
use crate::web;
use attain_core::analysis::Analysis;
use attain_core::report::csv::results_csv;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ExportCsvProps {
    pub analysis: Rc<Analysis>,
}

/// By identity: the analysis is recomputed, never changed in place.
impl PartialEq for ExportCsvProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis)
    }
}

#[function_component(ExportCsv)]
pub fn export_csv(props: &ExportCsvProps) -> Html {
    let state = use_context::<AppContext>();
    // The last download's object URL, kept alive until the next one.
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let Some(state) = state else {
        return html! {};
    };
    let s = strings(state.lang);
    let analysis = props.analysis.clone();
    let onclick = Callback::from(move |_| {
        let csv = results_csv(&analysis);
        *url.borrow_mut() = web::download(
            "attain-results.csv",
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    });
    html! {
        <button type="button" class="button primary" data-testid="export-csv" {onclick}>
            { s.export_csv }
        </button>
    }
}
