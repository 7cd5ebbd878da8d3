//! The root: one reducer shared through context, the page frame, and the screen for the
//! current step (start, or the results of a loaded report).

use super::bullet_chart::BulletChart;
use super::details::Details;
use super::dumbbell_chart::DumbbellChart;
use super::export::{ExportCsv, ExportHtml, ExportXlsx};
use super::file_drop::{load_bytes, DatePicker, FileDrop, FilePicker};
use super::gap_chart::GapChart;
use super::legacy_notice::LegacyNotice;
use super::mapping_bar::MappingBar;
use super::mapping_panel::MappingPanel;
use super::multiples::Multiples;
use super::rank_chart::RankChart;
use super::results_table::ResultsTable;
use super::row_account::RowAccount;
use super::scatter_chart::ScatterChart;
use super::stack_chart::StackChart;
use super::table_check::TableCheck;
use super::AppContext;
use super::Later;
use crate::i18n::{self, strings};
use crate::shared::Shared;
use crate::state::{Action, AppState, ChartKind, View};
use crate::web;
use attain_core::analysis::series::Comparison;
use attain_core::report::summary::{summary, Context};
use attain_core::report::{format, Lang};
use attain_core::sample;
use attain_core::session::Command;
use std::rc::Rc;
use yew::prelude::*;
use yew::Reducible;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let mut s = AppState::new(web::initial_lang());
        s.templates = Shared::new(web::load_templates());
        // A link's view (indicator, thresholds, sort, language) in its `#…`.
        Rc::new(s)
            .reduce(Action::ApplyView(View::parse(&web::location_hash())))
            .as_ref()
            .clone()
    });
    {
        // The view goes back into the URL, so copying the link shares it (never any data).
        let hash = View::of(&state);
        use_effect_with(hash, |h| web::replace_hash(h));
    }
    {
        // Remembered templates go to storage whenever the user changes them.
        let templates = state.templates.clone();
        use_effect_with((templates.id(), templates.len()), move |_| {
            web::save_templates(&templates);
            // The worker picks a remembered mapping for each new table.
            crate::reader::send(Command::SetTemplates((*templates).clone()), None, |_| {});
        });
    }
    use_effect_with(state.lang, |lang| web::apply_lang(*lang));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            web::register_service_worker(move || state.dispatch(Action::UpdateReady));
            // The reading worker loads while the person picks a file.
            crate::reader::warm();
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
            if let Some(detail) = err.error.detail() {
                <Details lang={state.lang} detail={detail.to_string()} />
            }
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

/// The indicator switcher, the thresholds and the deadline.
#[function_component(ViewBar)]
fn view_bar() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let Some(Ok(a)) = &state.analysis else {
        return html! {};
    };
    let tabs = if a.indicators.len() > 1 {
        html! {
            <div class="tabs" role="tablist" aria-label={s.indicator_switch} data-testid="indicator-tabs">
                { for a.indicators.iter().enumerate().map(|(i, ind)| {
                    let st = state.clone();
                    let onclick = Callback::from(move |_| st.dispatch(Action::SetIndicator(i)));
                    let selected = i == state.indicator;
                    html! {
                        <button type="button" role="tab" class={classes!("tab", selected.then_some("selected"))}
                            aria-selected={selected.to_string()} data-testid="indicator-tab" {onclick}>
                            { &ind.name }
                        </button>
                    }
                }) }
            </div>
        }
    } else {
        html! {}
    };
    let t = state.thresholds;
    let threshold = |low: bool| {
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Ok(v) = input.value().trim().replace(',', ".").parse::<f64>() else {
                return;
            };
            let cur = st.thresholds;
            let (l, h) = if low {
                (v, cur.high * 100.0)
            } else {
                (cur.low * 100.0, v)
            };
            if let Some(t) = attain_core::analysis::Thresholds::from_percent(l, h) {
                st.dispatch(Action::SetThresholds(t));
            }
        });
        let value =
            format::plain_number(((if low { t.low } else { t.high }) * 10_000.0).round() / 100.0);
        html! {
            <label class="field small">
                <span>{ if low { s.threshold_low } else { s.threshold_high } }</span>
                <input type="number" min="0" max="100" step="1" {value} {onchange}
                    data-testid={if low { "threshold-low" } else { "threshold-high" }} />
            </label>
        }
    };
    let deadline = {
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            st.dispatch(Action::SetDeadline(attain_core::dates::Date::parse_iso(
                &input.value(),
            )));
        });
        let value = state.deadline.map(|d| d.iso()).unwrap_or_default();
        html! {
            <label class="field">
                <span>{ s.deadline }</span>
                <input type="date" data-testid="deadline" {value} {onchange} />
            </label>
        }
    };
    // Other sheets of the workbook can be reporting dates too.
    let sheet_dates = match &state.loaded {
        Some(l) if l.info.sheets.len() > 1 => {
            let st = state.clone();
            let onchange = Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Ok(i) = select.value().parse::<usize>() {
                    super::command(&st, Command::AddSheetDate(i));
                }
                select.set_value("");
            });
            html! {
                <label class="field">
                    <span>{ s.add_sheet_date }</span>
                    <select data-testid="add-sheet-date" {onchange}>
                        <option value="" selected=true>{ "—" }</option>
                        { for l.info.sheets.iter().enumerate().filter(|(i, _)| *i != state.sheet).map(|(i, sh)| html! {
                            <option value={i.to_string()}>{ &sh.name }</option>
                        }) }
                    </select>
                </label>
            }
        }
        _ => html! {},
    };
    let main_chart = {
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(c) = ChartKind::from_code(&select.value()) {
                st.dispatch(Action::SetChart(c));
            }
        });
        let name = |c: ChartKind| match c {
            ChartKind::Rank => s.chart_rank,
            ChartKind::Gap => s.chart_gap,
            ChartKind::Bullet => s.chart_bullet,
            ChartKind::Scatter => s.chart_scatter,
            ChartKind::Dumbbell => s.chart_dumbbell,
            ChartKind::Stack => s.chart_stack,
        };
        html! {
            <label class="field">
                <span>{ s.main_chart }</span>
                <select data-testid="main-chart" {onchange}>
                    { for ChartKind::ALL.iter().map(|(c, code)| html! {
                        <option value={*code} selected={*c == state.chart}>{ name(*c) }</option>
                    }) }
                </select>
            </label>
        }
    };
    html! {
        <div class="view-bar">
            { tabs }
            <fieldset class="thresholds">
                <legend>{ s.thresholds }</legend>
                { threshold(true) }
                { threshold(false) }
            </fieldset>
            { deadline }
            { main_chart }
            <DatePicker />
            { sheet_dates }
        </div>
    }
}

/// The reporting dates: the open report and the others, with the units that did not match.
#[derive(Properties, PartialEq)]
struct DatesProps {
    comparison: Option<Shared<Comparison>>,
}

#[function_component(Dates)]
fn dates(props: &DatesProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    if state.dates.is_empty() {
        return html! {};
    }
    let lang = state.lang;
    let s = strings(lang);
    let date_text = |d: Option<attain_core::dates::Date>| {
        d.map(|d| format::date(d, lang))
            .unwrap_or_else(|| s.no_date.to_string())
    };
    let file = state
        .loaded
        .as_ref()
        .map(|l| l.file_name().to_string())
        .unwrap_or_default();
    // Units of this date with no match in the previous one, and the previous one's left over.
    let (unmatched, leftover): (Vec<String>, Vec<String>) = match &props.comparison {
        Some(c) => (
            c.missing
                .iter()
                .filter(|m| m.present == c.to)
                .map(|m| m.unit.clone())
                .collect(),
            c.missing
                .iter()
                .filter(|m| m.present == c.from)
                .map(|m| m.unit.clone())
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    html! {
        <section class="dates" data-testid="dates" aria-label={s.dates_heading}>
            <h2>{ s.dates_heading }</h2>
            <ul>
                <li data-testid="date-current">{ format!("{} · {} ({})", date_text(state.as_of_date()), file, s.this_report) }</li>
                { for state.dates.iter().map(|d| {
                    let source = d.source;
                    let st = state.clone();
                    let remove = Callback::from(move |_| super::command(&st, Command::RemoveDate(source)));
                    let st = state.clone();
                    let set_date = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        super::command(&st, Command::SetAsOf(source, attain_core::dates::Date::parse_iso(&input.value())));
                    });
                    html! {
                        <li data-testid="date-other">
                            { format!("{} · {}", date_text(d.as_of), d.file_name) }
                            <input type="date" aria-label={s.as_of} data-testid="date-other-as-of"
                                value={d.as_of.map(|x| x.iso()).unwrap_or_default()} onchange={set_date} />
                            <button type="button" class="link" onclick={remove}>{ s.remove }</button>
                        </li>
                    }
                }) }
            </ul>
            if let Some(c) = &props.comparison {
                if !c.missing.is_empty() {
                    <ul class="warnings" data-testid="date-warnings">
                        { for c.missing.iter().map(|m| html! { <li>{ attain_core::report::messages::missing(lang, m) }</li> }) }
                    </ul>
                }
                { for unmatched.iter().map(|u| {
                    let st = state.clone();
                    let current = u.clone();
                    let onchange = Callback::from(move |e: Event| {
                        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                        super::command(&st, Command::FixMatch(attain_core::analysis::series::MatchFix {
                            previous: select.value(),
                            current: current.clone(),
                        }));
                    });
                    let fixed = state.fixes.iter().find(|f| f.current == *u).map(|f| f.previous.clone());
                    html! {
                        <label class="field">
                            <span>{ format!("{}: {}", u, s.match_fix) }</span>
                            <select data-testid="match-fix" {onchange}>
                                <option value="" selected={fixed.is_none()}>{ s.match_none }</option>
                                { for leftover.iter().chain(fixed.iter()).map(|p| html! {
                                    <option value={p.clone()} selected={fixed.as_ref() == Some(p)}>{ p }</option>
                                }) }
                            </select>
                        </label>
                    }
                }) }
            }
        </section>
    }
}

/// The summary paragraph, with one click to copy it.
#[derive(Properties, PartialEq)]
struct SummaryProps {
    text: AttrValue,
}

#[function_component(SummaryText)]
fn summary_text(props: &SummaryProps) -> Html {
    let status = use_state(|| None::<&'static str>);
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let node = use_node_ref();
    let onclick = {
        let text = props.text.to_string();
        let status = status.clone();
        let node = node.clone();
        let (ok, failed) = (s.copied, s.copy_failed);
        Callback::from(move |_| {
            let status = status.clone();
            let node = node.clone();
            let text = text.clone();
            yew::platform::spawn_local(async move {
                let copied = web::copy_text(&text).await;
                if !copied {
                    web::select_contents(&node);
                }
                status.set(Some(if copied { ok } else { failed }));
            });
        })
    };
    html! {
        <section class="summary-text" aria-label={s.summary_heading}>
            <h2>{ s.summary_heading }</h2>
            <p data-testid="summary-text" ref={node}>{ props.text.clone() }</p>
            <button type="button" class="button" data-testid="copy-summary" {onclick}>{ s.copy }</button>
            <span role="status" class="copy-status">{ status.unwrap_or("") }</span>
        </section>
    }
}

/// The charts of indicator `k`, the main one (the user's choice) first: the page, the print
/// and the HTML report show them in this order.
fn charts(
    a: &Shared<attain_core::Analysis>,
    k: usize,
    state: &AppState,
    comparison: Option<&Shared<Comparison>>,
) -> Vec<Html> {
    let (t, hl) = (state.thresholds, state.highlight.clone());
    let mut list: Vec<(ChartKind, Html)> = vec![
        (
            ChartKind::Rank,
            html! { <RankChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} /> },
        ),
        (
            ChartKind::Gap,
            html! { <GapChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} /> },
        ),
        (
            ChartKind::Bullet,
            html! { <BulletChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} /> },
        ),
        (
            ChartKind::Scatter,
            html! { <ScatterChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} /> },
        ),
        (
            ChartKind::Stack,
            html! { <StackChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} /> },
        ),
    ];
    if let Some(c) = comparison {
        let name = AttrValue::from(a.indicators[k].name.clone());
        list.push((
            ChartKind::Dumbbell,
            html! { <DumbbellChart comparison={c.clone()} indicator={name} highlight={hl} /> },
        ));
    }
    // A stable sort: the main chart first, the others in their usual order.
    list.sort_by_key(|(kind, _)| *kind != state.chart);
    list.into_iter().map(|(_, h)| h).collect()
}

#[function_component(Workspace)]
fn workspace() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let lang = state.lang;
    let comparison = state.comparison.clone();
    // The summary paragraph, written again only when what it says changes.
    let summary_text = {
        let analysis = match &state.analysis {
            Some(Ok(a)) => Some(a.clone()),
            _ => None,
        };
        let compared: Option<Shared<Comparison>> = comparison.clone();
        let (as_of, deadline) = (state.as_of_date(), state.deadline);
        let key = (
            analysis.as_ref().map(Shared::id),
            compared.as_ref().map(Shared::id),
            as_of,
            deadline,
            lang,
        );
        use_memo(key, move |_| {
            analysis
                .map(|a| {
                    summary(
                        &a,
                        Context {
                            as_of,
                            comparison: compared.as_deref(),
                            deadline,
                        },
                        lang,
                    )
                })
                .unwrap_or_default()
        })
    };
    let Some(loaded) = &state.loaded else {
        return html! {};
    };
    let body = match (&state.table, &state.analysis) {
        (Some(Err(e)), _) => html! { <p class="notice">{ i18n::table_error(lang, e) }</p> },
        (_, None) => html! { <p class="notice">{ s.no_mapping }</p> },
        (_, Some(Err(e))) => {
            html! { <p class="notice" role="status">{ i18n::mapping_error(lang, e) }</p> }
        }
        (_, Some(Ok(a))) if a.indicators.is_empty() => {
            html! { <p class="notice">{ s.no_mapping }</p> }
        }
        (_, Some(Ok(a))) => {
            let k = state.indicator.min(a.indicators.len() - 1);
            let t = &a.indicators[k].total;
            let text = (*summary_text).clone();
            // A new file shows its figures and main chart first, the rest one task later.
            let file = loaded.info.id();
            let mut other_charts = charts(a, k, &state, comparison.as_ref());
            let main_chart: Vec<Html> = other_charts.drain(..1.min(other_charts.len())).collect();
            html! {
                <>
                    <section class="summary" aria-label={s.total} data-testid="kpis">
                        <div class="kpi">
                            <span class="kpi-label">{ format!("{} · {}", a.indicators[k].name, s.col_rate) }</span>
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
                        <div class="kpi-actions">
                            <ExportCsv analysis={a.clone()} />
                            <ExportXlsx analysis={a.clone()} summary={AttrValue::from(text.clone())} />
                            <ExportHtml analysis={a.clone()} indicator={k} summary={AttrValue::from(text.clone())}
                                file_name={AttrValue::from(loaded.file_name().to_string())} as_of={state.as_of_date()} />
                        </div>
                    </section>
                    <SummaryText text={AttrValue::from(text)} />
                    <Dates comparison={comparison.clone()} />
                    // Unkeyed on purpose: a new main chart puts another kind of chart at each
                    // place, so each is drawn afresh in the new order (the page, the print and
                    // the HTML report follow the DOM's order).
                    <div class="charts" data-testid="charts">
                        { for main_chart }
                        // Each of the others in a task of its own (a large report takes a
                        // hundred milliseconds or more for each).
                        { for other_charts.into_iter().zip(3..).map(|(c, order)| html! { <Later id={file} {order}>{ c }</Later> }) }
                        <Later id={file} order={2}>
                            <Multiples analysis={a.clone()} thresholds={state.thresholds} highlight={state.highlight.clone()} indicator={k} />
                        </Later>
                    </div>
                    <Later id={file}>
                        <ResultsTable analysis={a.clone()} indicator={k} thresholds={state.thresholds}
                            comparison={comparison.clone()} as_of={state.as_of_date()} deadline={state.deadline}
                            collapsed={state.collapsed.clone()} highlight={state.highlight.clone()} />
                    </Later>
                    <Later id={file} order={1}>
                        if let Some(Ok(table)) = &state.table {
                            <RowAccount table={table.clone()} analysis={a.clone()} />
                        }
                    </Later>
                </>
            }
        }
    };
    html! {
        <section class="workspace" aria-label={s.results}>
            <div class="toolbar">
                <div class="file">
                    <span class="file-name" data-testid="file-name"
                        data-read-ms={state.read_stats.map(|(ms, _)| format!("{ms:.0}"))}
                        data-worker-memory={state.read_stats.map(|(_, m)| format!("{m:.0}"))}>
                        { loaded.file_name() }
                    </span>
                    if loaded.sample {
                        <span class="badge" data-testid="sample-badge">{ s.sample_badge }</span>
                    }
                </div>
                <FilePicker primary=false />
            </div>
            <MappingBar />
            <LegacyNotice />
            <MappingPanel />
            <ViewBar />
            <TableCheck />
            { body }
        </section>
    }
}
