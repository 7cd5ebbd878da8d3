//! The root: one reducer shared through context, the page frame, and the screen for the
//! current step (start, or the results of a loaded report).

use super::export::ExportCsv;
use super::file_drop::{load_bytes, FileDrop, FilePicker};
use super::mapping_bar::MappingBar;
use super::rank_chart::RankChart;
use super::results_table::ResultsTable;
use super::row_account::RowAccount;
use super::table_check::TableCheck;
use super::AppContext;
use crate::i18n::{self, strings};
use crate::state::{Action, AppState};
use crate::web;
use attain_core::analysis::analyze;
use attain_core::report::{format, Lang};
use attain_core::sample;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(web::initial_lang()));
    use_effect_with(state.lang, |lang| web::apply_lang(*lang));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            web::register_service_worker(move || state.dispatch(Action::UpdateReady));
        });
    }
    {
        // Ctrl+V of a range copied from Excel or LibreOffice loads it like a file. The listener
        // is renewed with the language, so the pasted data is named in the current one.
        let state = state.clone();
        use_effect_with(state.lang, move |lang| {
            let lang = *lang;
            let listener = web::on_paste(move |text| {
                let name = strings(lang).pasted_name.to_string();
                load_bytes(&state, name, text.into_bytes(), false);
            });
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <FileDrop>
                <Header />
                <UpdateBanner />
                <main id="main" class="main">
                    <Alert />
                    if state.loading.is_some() {
                        <Loading />
                    }
                    if state.loaded.is_some() {
                        <Workspace />
                    } else {
                        <Start />
                    }
                </main>
                <Footer />
            </FileDrop>
        </ContextProvider<AppContext>>
    }
}

#[function_component(Header)]
fn header() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let button = |lang: Lang, label: &'static str| {
        let st = state.clone();
        let onclick = Callback::from(move |_| st.dispatch(Action::SetLang(lang)));
        html! {
            <button type="button" class="lang" aria-pressed={(state.lang == lang).to_string()}
                {onclick}>{ label }</button>
        }
    };
    html! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "◔" }</span>
                <span class="name">{ "Attain" }</span>
                <span class="tagline">{ s.tagline }</span>
            </div>
            <div class="langs" role="group" aria-label={s.language}>
                { button(Lang::Vi, "Tiếng Việt") }
                { button(Lang::En, "English") }
            </div>
        </header>
    }
}

/// Says when a new release is downloaded; the reload switches every file at once.
#[function_component(UpdateBanner)]
fn update_banner() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    if !state.update_ready {
        return html! {};
    }
    let s = strings(state.lang);
    html! {
        <div class="update" role="status" data-testid="update-ready">
            <span>{ s.update_ready }</span>
            <button type="button" class="button primary" data-testid="update-reload"
                onclick={Callback::from(|_| web::apply_update())}>{ s.update_reload }</button>
        </div>
    }
}

/// The privacy promise, and on the hosted page the single-file build to take offline.
#[function_component(Footer)]
fn footer() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    html! {
        <footer class="foot">
            <p>{ s.privacy }</p>
            if web::is_hosted() {
                <p>
                    <a href="attain.html" download="attain.html" data-testid="single-file-link">{ s.single_file }</a>
                    { " " }{ s.single_file_hint }
                </p>
            }
        </footer>
    }
}

/// The file being read, how far along, and a way to stop.
#[function_component(Loading)]
fn loading() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let Some(name) = &state.loading else {
        return html! {};
    };
    let s = strings(state.lang);
    let st = state.clone();
    let cancel = Callback::from(move |_| {
        crate::reader::cancel();
        st.dispatch(Action::Cancelled);
    });
    html! {
        <div class="loading" role="status" data-testid="loading">
            <span>{ i18n::loading(state.lang, name) }</span>
            <progress max="1" value={state.progress.to_string()}></progress>
            <button type="button" class="button" data-testid="cancel-loading" onclick={cancel}>{ s.cancel }</button>
        </div>
    }
}

#[function_component(Alert)]
fn alert() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let Some(err) = &state.error else {
        return html! {};
    };
    let s = strings(state.lang);
    let st = state.clone();
    let dismiss = Callback::from(move |_| st.dispatch(Action::DismissError));
    html! {
        <div class="alert" role="alert" data-testid="read-error">
            <span>{ i18n::read_failed(state.lang, &err.file_name, &err.error) }</span>
            <button type="button" class="link" onclick={dismiss}>{ s.dismiss }</button>
        </div>
    }
}

#[function_component(Start)]
fn start() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let st = state.clone();
    let load_sample = Callback::from(move |_| {
        load_bytes(
            &st,
            sample::FILE_NAME.to_string(),
            sample::CSV.as_bytes().to_vec(),
            true,
        )
    });
    html! {
        <section class="start" aria-labelledby="start-title">
            <div class="dropzone">
                <h1 id="start-title">{ s.drop_title }</h1>
                <p class="formats">{ s.formats }</p>
                <div class="start-actions">
                    <FilePicker primary=true />
                    <span class="or">{ s.or }</span>
                    <button type="button" class="button" data-testid="load-sample"
                        onclick={load_sample}>{ s.try_sample }</button>
                </div>
                <p class="paste-hint">{ s.paste_hint }</p>
            </div>
        </section>
    }
}

#[function_component(Workspace)]
fn workspace() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let lang = state.lang;
    let analysis = {
        let table = state.table.clone();
        use_memo((state.version, state.mapping), move |(_, mapping)| {
            let table = table?.ok()?;
            Some(mapping.map(|m| analyze(&table, m).map(Rc::new)))
        })
    };
    let Some(loaded) = &state.loaded else {
        return html! {};
    };
    let body = match (&state.table, analysis.as_ref()) {
        (Some(Err(e)), _) => html! { <p class="notice">{ i18n::table_error(lang, e) }</p> },
        (_, Some(None)) => html! { <p class="notice">{ s.no_mapping }</p> },
        (_, Some(Some(Err(e)))) => {
            html! { <p class="notice" role="status">{ i18n::mapping_error(lang, e) }</p> }
        }
        (_, Some(Some(Ok(a)))) => {
            let t = &a.total;
            html! {
                <>
                    <section class="summary" aria-label={s.total}>
                        <div class="kpi">
                            <span class="kpi-label">{ s.col_rate }</span>
                            <span class="kpi-value" data-testid="total-rate">{ format::rate(t.rate(), lang) }</span>
                        </div>
                        <div class="kpi">
                            <span class="kpi-label">{ format!("{} / {}", s.col_achieved, s.col_target) }</span>
                            <span class="kpi-value small">
                                { format!("{} / {}", format::count(t.achieved, lang), format::count(t.target, lang)) }
                            </span>
                        </div>
                        <div class="kpi">
                            // A negative gap is a surplus: say so rather than show a minus sign.
                            <span class="kpi-label">{ if t.gap() < 0.0 { s.surplus } else { s.col_gap } }</span>
                            <span class="kpi-value small">{ format::count(t.gap().abs(), lang) }</span>
                        </div>
                        <div class="kpi-actions"><ExportCsv analysis={a.clone()} /></div>
                    </section>
                    <RankChart analysis={a.clone()} />
                    <ResultsTable analysis={a.clone()} />
                    if let Some(Ok(table)) = &state.table {
                        <RowAccount table={table.clone()} analysis={a.clone()} />
                    }
                </>
            }
        }
        _ => html! {},
    };
    html! {
        <section class="workspace" aria-label={s.results}>
            <div class="toolbar">
                <div class="file">
                    <span class="file-name" data-testid="file-name"
                        data-read-ms={state.read_stats.map(|(ms, _)| format!("{ms:.0}"))}
                        data-worker-memory={state.read_stats.map(|(_, m)| format!("{m:.0}"))}>
                        { &loaded.workbook.file_name }
                    </span>
                    if loaded.sample {
                        <span class="badge" data-testid="sample-badge">{ s.sample_badge }</span>
                    }
                </div>
                <FilePicker primary=false />
            </div>
            <MappingBar />
            <TableCheck />
            { body }
        </section>
    }
}
