//! The results of the open report: the figures, the summary paragraph, the dates, the charts (the
//! main one first, the others each in a task of its own), the results table and the row account.

use super::bullet_chart::BulletChart;
use super::burnup_chart::BurnupChart;
use super::combine::{Combined, NotReported, Targets};
use super::dates::Dates;
use super::dumbbell_chart::DumbbellChart;
use super::export::{CopyTable, Export, ExportButton, OfficialExport};
use super::file_drop::FilePicker;
use super::gap_chart::GapChart;
use super::legacy_notice::LegacyNotice;
use super::map_chart::MapChart;
use super::mapping_bar::MappingBar;
use super::mapping_panel::MappingPanel;
use super::multiples::Multiples;
use super::places::Places;
use super::rank_chart::RankChart;
use super::results_table::ResultsTable;
use super::row_account::RowAccount;
use super::scatter_chart::ScatterChart;
use super::stack_chart::StackChart;
use super::table_check::TableCheck;
use super::view_bar::ViewBar;
use super::Later;
use super::{PrefsContext, ReportContext, StatusContext};
use crate::i18n::{self, strings};
use crate::shared::Shared;
use crate::state::ChartKind;
use crate::web;
use attain_core::analysis::series::Comparison;
use attain_core::dates::Date;
use attain_core::report::format;
use attain_core::report::Lang;
use attain_core::session::{Query, Reply};
use yew::prelude::*;

/// What a summary paragraph is about: the analysis and comparison (by identity), the as-of
/// date, the deadline and the language.
type SummaryKey = (
    Option<usize>,
    Option<usize>,
    Option<Date>,
    Option<Date>,
    Lang,
);

/// The summary paragraph, with one click to copy it.
#[derive(Properties, PartialEq)]
pub(super) struct SummaryProps {
    text: AttrValue,
}

#[function_component(SummaryText)]
pub(super) fn summary_text(props: &SummaryProps) -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let status = use_state(|| None::<&'static str>);
    let s = strings(prefs.lang);
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

/// The charts of indicator `k` with their kinds, the main one (the user's choice) first: the
/// page shows it and keeps the others one tab away; the print and the HTML report show them
/// all, in this order.
pub(super) fn charts(
    a: &Shared<attain_core::Analysis>,
    k: usize,
    prefs: &PrefsContext,
    comparison: Option<&Shared<Comparison>>,
    trend: Option<&Shared<attain_core::analysis::trend::Trend>>,
    places: Option<&Shared<attain_core::places::PlacesView>>,
) -> Vec<(ChartKind, Html)> {
    let (t, hl) = (prefs.thresholds, prefs.highlight.clone());
    // The language and the view's dispatcher as props: a chart draws again only when what it
    // shows changes, not when the table is sorted or a deadline typed.
    let (lang, dispatch) = (prefs.lang, prefs.dispatcher());
    let ind = &a.indicators[k];
    let mut list: Vec<(ChartKind, Html)> = vec![
        (
            ChartKind::Rank,
            html! { <RankChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ),
        (
            ChartKind::Gap,
            html! { <GapChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ),
        (
            ChartKind::Bullet,
            html! { <BulletChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ),
        (
            ChartKind::Scatter,
            html! { <ScatterChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ),
    ];
    if !ind.part_names.is_empty() {
        list.push((
            ChartKind::Stack,
            html! { <StackChart analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ));
    }
    if let Some(c) = comparison {
        let name = AttrValue::from(ind.name.clone());
        list.push((
            ChartKind::Dumbbell,
            html! { <DumbbellChart comparison={c.clone()} indicator={name} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ));
    }
    if let Some(trend) = trend {
        let name = AttrValue::from(ind.name.clone());
        list.push((
            ChartKind::Trend,
            html! { <BurnupChart trend={trend.clone()} indicator={name} deadline={prefs.deadline} highlight={hl.clone()} {lang} /> },
        ));
    }
    // The map, once the register has found units of the report.
    if let Some(places) = places.filter(|p| p.found > 0 && p.era.is_some()) {
        list.push((
            ChartKind::Map,
            html! { <MapChart places={places.clone()} analysis={a.clone()} indicator={k} thresholds={t} highlight={hl.clone()} {lang} dispatch={dispatch.clone()} /> },
        ));
    }
    if a.indicators.len() > 1 {
        list.push((
            ChartKind::Multiples,
            html! { <Multiples analysis={a.clone()} thresholds={t} highlight={hl} indicator={k} {lang} {dispatch} /> },
        ));
    }
    // A stable sort: the main chart first, the others in their usual order.
    list.sort_by_key(|(kind, _)| *kind != prefs.chart);
    list
}

/// A chart's name on its tab.
pub(super) fn chart_name(lang: attain_core::report::Lang, kind: ChartKind) -> &'static str {
    let s = strings(lang);
    match kind {
        ChartKind::Rank => s.chart_rank,
        ChartKind::Gap => s.chart_gap,
        ChartKind::Bullet => s.chart_bullet,
        ChartKind::Scatter => s.chart_scatter,
        ChartKind::Dumbbell => s.chart_dumbbell,
        ChartKind::Stack => s.chart_stack,
        ChartKind::Trend => s.chart_trend,
        ChartKind::Multiples => s.chart_multiples,
        ChartKind::Map => s.chart_map,
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ChartTabsProps {
    /// The charts there are, in their usual order.
    kinds: Vec<ChartKind>,
    /// The one shown.
    shown: ChartKind,
    lang: attain_core::report::Lang,
    dispatch: yew::UseReducerDispatcher<crate::state::Prefs>,
}

/// One tab per chart: the one shown, the others a click (or the arrow keys) away.
#[function_component(ChartTabs)]
pub(super) fn chart_tabs(props: &ChartTabsProps) -> Html {
    let lang = props.lang;
    let pick = |kind: ChartKind| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(crate::state::PrefsAction::SetChart(kind)))
    };
    let onkeydown = {
        let (dispatch, kinds, shown) = (props.dispatch.clone(), props.kinds.clone(), props.shown);
        Callback::from(move |e: KeyboardEvent| {
            let at = kinds.iter().position(|k| *k == shown).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % kinds.len().max(1),
                "ArrowLeft" => (at + kinds.len().max(1) - 1) % kinds.len().max(1),
                _ => return,
            };
            e.prevent_default();
            if let Some(k) = kinds.get(next) {
                dispatch.dispatch(crate::state::PrefsAction::SetChart(*k));
            }
        })
    };
    html! {
        <div class="chart-tabs" role="tablist" aria-label={strings(lang).charts_label} data-testid="chart-tabs" {onkeydown}>
            { for props.kinds.iter().map(|kind| {
                let selected = *kind == props.shown;
                html! {
                    // Keyed: a tab added before another (the dumbbell with a second date, the
                    // map once the register has come) is a button of its own, with its own
                    // click.
                    <button key={kind.code()} type="button" role="tab" aria-selected={selected.to_string()}
                        tabindex={if selected { "0" } else { "-1" }}
                        class={classes!("chart-tab", selected.then_some("selected"))}
                        data-chart={kind.code()} onclick={pick(*kind)}>
                        { chart_name(lang, *kind) }
                    </button>
                }
            }) }
        </div>
    }
}

#[function_component(Workspace)]
pub(super) fn workspace() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let lang = prefs.lang;
    let comparison = state.comparison.clone();
    // The summary paragraph, asked of the report whenever what it says changes; until the
    // new one comes, none is shown.
    let summary_text = {
        let analysis = match &state.analysis {
            Some(Ok(a)) => Some(a.id()),
            _ => None,
        };
        let (as_of, deadline) = (state.as_of_date(), prefs.deadline);
        let key = (
            analysis,
            comparison.as_ref().map(Shared::id),
            as_of,
            deadline,
            lang,
        );
        let said = use_state(|| None::<(SummaryKey, AttrValue)>);
        {
            let said = said.clone();
            use_effect_with(key, move |key| {
                if key.0.is_some() {
                    let key = *key;
                    crate::reader::ask(Query::Summary { lang, deadline }, move |reply| {
                        if let Some(Reply::Summary(Some(text))) = reply {
                            said.set(Some((key, AttrValue::from(text))));
                        }
                    });
                }
            });
        }
        said.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
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
            let k = prefs.indicator.min(a.indicators.len() - 1);
            let t = &a.indicators[k].total;
            let text = summary_text.clone();
            // A new file shows its figures and main chart first, the rest one task later.
            let file = loaded.info.id();
            let mut other_charts = charts(
                a,
                k,
                &prefs,
                comparison.as_ref(),
                state.trend.as_ref(),
                state.places.as_ref(),
            );
            // The tabs in the charts' usual order; the one shown is the main chart, or the
            // first there is.
            let mut kinds: Vec<ChartKind> = other_charts.iter().map(|(kind, _)| *kind).collect();
            kinds.sort_by_key(|kind| ChartKind::ALL.iter().position(|(c, _)| c == kind));
            let shown = other_charts
                .first()
                .map_or(ChartKind::Rank, |(kind, _)| *kind);
            let main_chart: Vec<Html> = other_charts
                .drain(..1.min(other_charts.len()))
                .map(|(_, h)| h)
                .collect();
            html! {
                <>
                    // The figures and the summary side by side on a laptop's width, so that the
                    // main chart and the top of the table follow within one screen.
                    <div class="results-head">
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
                    </section>
                    <SummaryText {text} />
                    </div>
                    <div class="kpi-actions">
                        { for Export::ALL.into_iter().map(|kind| html! {
                            <ExportButton {kind} indicator={k} deadline={prefs.deadline} {lang}
                                file_name={AttrValue::from(loaded.file_name().to_string())} />
                        }) }
                        <CopyTable {lang} />
                        <OfficialExport indicator={k} deadline={prefs.deadline} {lang}
                            file_name={AttrValue::from(loaded.file_name().to_string())} />
                    </div>
                    <NotReported units={state.unreported.clone()} {lang} />
                    // On a laptop's width the main chart and the results table side by side.
                    <div class="results-body">
                    <div class="results-charts">
                    <ChartTabs {kinds} {shown} {lang} dispatch={prefs.dispatcher()} />
                    // Keyed: a chart that comes later (the map, once the register has placed
                    // the units) takes a place of its own, and the others keep theirs (unkeyed,
                    // each would have been drawn afresh, the main one with them). The page, the
                    // print and the HTML report follow the DOM's order.
                    <div class="charts" data-testid="charts">
                        <div key="main" class="chart-slot" data-chart={shown.code()}>{ for main_chart }</div>
                        // Each of the others in a task of its own (a large report takes a
                        // hundred milliseconds or more for each), drawn for the print and the
                        // HTML report, and hidden on the screen until its tab is picked.
                        { for other_charts.into_iter().zip(2..).map(|((kind, c), order)| html! {
                            <div key={kind.code()} class="chart-slot" data-chart={kind.code()} hidden=true>
                                <Later id={file} {order}>{ c }</Later>
                            </div>
                        }) }
                    </div>
                    </div>
                    <div class="results-table-col">
                    // Drawn with the figures: it asks the worker for its rows at once, and
                    // the worker answers while the page lays the first draw out; the rows are
                    // drawn in a task of their own when they come.
                    <ResultsTable analysis={a.clone()} indicator={k} thresholds={prefs.thresholds}
                        comparison={comparison.clone()} as_of={state.as_of_date()} deadline={prefs.deadline}
                        collapsed={prefs.collapsed.clone()} highlight={prefs.highlight.clone()} {file}
                        places={state.places.clone()} />
                    </div>
                    </div>
                    // The files, the targets and the dates under the results they make.
                    <Combined {lang} />
                    <Targets {lang} />
                    <Dates comparison={comparison.clone()} {lang} />
                    <Places comparison={comparison.clone()} {lang} />
                    <Later id={file} order={1}>
                        if let Some(Ok(table)) = &state.table {
                            <RowAccount table={table.clone()} analysis={a.clone()} {lang} />
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
                    <FileName name={AttrValue::from(loaded.file_name().to_string())} />
                    if loaded.sample {
                        <span class="badge" data-testid="sample-badge">{ s.sample_badge }</span>
                    }
                </div>
                <FilePicker primary=false />
            </div>
            <MappingBar />
            <LegacyNotice {lang} />
            <MappingPanel />
            <ViewBar />
            <TableCheck {lang} />
            if let Some(list) = &state.list {
                <p class="notice" role="status" data-testid="list-notice">
                    { attain_core::report::messages::list_counted(lang, list) }
                </p>
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FileNameProps {
    name: AttrValue,
}

/// The file's name, with the last read's figures for the benchmarks (time in the worker, its
/// memory): the one part of the results that follows the status.
#[function_component(FileName)]
fn file_name(props: &FileNameProps) -> Html {
    let stats = use_context::<StatusContext>().and_then(|s| s.read_stats);
    html! {
        <span class="file-name" data-testid="file-name"
            data-read-ms={stats.map(|(ms, _)| format!("{ms:.0}"))}
            data-worker-memory={stats.map(|(_, m)| format!("{m:.0}"))}>
            { props.name.clone() }
        </span>
    }
}
