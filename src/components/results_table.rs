//! The results table: one row per unit, the total (Σachieved/Σtarget) in the footer. Each
//! numeric cell carries its full-precision value in `data-value`. The rows and every figure in
//! them come from the report in the worker (`Session::window`, the engine's `results_window`:
//! sorted, searched, filtered, folded, a page at a time), asked for whenever the question or the
//! report changes; this component only draws them.

use super::PrefsContext;
use crate::i18n::{self, strings};
use crate::shared::Shared;
use crate::state::PrefsAction;
use crate::state::SortKey;
use attain_core::analysis::rows::{ResultRow, ResultsQuery, ResultsWindow, RowKind};
use attain_core::analysis::series::{Comparison, OutlookStatus};
use attain_core::analysis::{Analysis, Status, Thresholds};
use attain_core::dates::Date;
use attain_core::report::format::{self, plain_number};
use attain_core::report::messages::outlook_status;
use attain_core::report::Lang;
use attain_core::session::{Query, Reply, WindowQuery};
use std::rc::Rc;
use yew::prelude::*;

/// The rows drawn at once: a long table is shown a page at a time.
pub const MAX_ROWS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    pub analysis: Shared<Analysis>,
    /// The indicator shown.
    pub indicator: usize,
    pub thresholds: Thresholds,
    /// The comparison with the previous reporting date.
    pub comparison: Option<Shared<Comparison>>,
    pub as_of: Option<Date>,
    pub deadline: Option<Date>,
    /// Parents collapsed.
    pub collapsed: Vec<Vec<String>>,
    /// The unit highlighted everywhere.
    pub highlight: Option<String>,
    /// The file shown: another one starts without the last one's search, status filter, page
    /// and rows.
    pub file: usize,
    /// The units found in the register: the rows are asked again for their codes.
    pub places: Option<Shared<attain_core::places::PlacesView>>,
}

fn value_attr(v: Option<f64>) -> Option<AttrValue> {
    v.filter(|x| x.is_finite())
        .map(|x| AttrValue::from(plain_number(x)))
}

/// A small bar for a rate, with a tick at 100%; rates above 100% run past the tick. The track
/// and the tick are the bar's background (styles/workspace.css): two elements a row, not four,
/// for the two hundred rows of a page.
fn rate_bar(rate: Option<f64>, status: &'static str) -> Html {
    const W: f64 = 80.0;
    const FULL: f64 = 60.0; // 100% sits at 60 px, leaving room for over-achievement.
    let width = rate.map(|r| (r.max(0.0) * FULL).min(W)).unwrap_or(0.0);
    html! {
        <svg class="rate-bar" viewBox="0 0 80 10" aria-hidden="true">
            <rect class={status} y="2" width={format!("{width:.1}")} height="6" />
        </svg>
    }
}

/// The CSS class of a status.
pub fn status_class(status: attain_core::analysis::Status) -> &'static str {
    use attain_core::analysis::Status::*;
    match status {
        Low => "low",
        Medium => "medium",
        High => "high",
        Reached => "reached",
        Unknown => "unknown",
    }
}

/// The status in words, beside its colour.
pub fn status_label(lang: attain_core::report::Lang, status: Status) -> &'static str {
    let s = strings(lang);
    match status {
        Status::Low => s.status_low,
        Status::Medium => s.status_medium,
        Status::High => s.status_high,
        Status::Reached => s.status_reached,
        Status::Unknown => s.status_unknown,
    }
}

fn count_cell(col: &'static str, v: Option<f64>, lang: attain_core::report::Lang) -> Html {
    html! {
        <td class="num" data-col={col} data-value={value_attr(v)}>
            { v.map(|x| format::count(x, lang)).unwrap_or_else(|| "—".into()) }
        </td>
    }
}

fn signed(v: Option<f64>, decimals: usize, lang: attain_core::report::Lang) -> String {
    match v {
        Some(x) if x > 0.0 => format!("+{}", format::number(x, decimals, lang)),
        Some(x) => format::number(x, decimals, lang),
        None => "—".into(),
    }
}

/// The figure cells of a row, unit, parent or total.
fn cells(r: &ResultRow, lang: attain_core::report::Lang, compared: bool, outlook: bool) -> Html {
    let class = status_class(r.status);
    let change = r.change.as_ref();
    let outlook_cells = outlook.then(|| {
        let o = r.outlook.as_ref();
        let status = o.map(|o| o.status);
        html! {
            <>
                { count_cell("needed", o.and_then(|o| o.needed_per_day).map(f64::round), lang) }
                <td class={classes!("outlook", status.map(|s| match s {
                    OutlookStatus::Reached => "reached",
                    OutlookStatus::OnTrack => "on-track",
                    OutlookStatus::AtRisk => "at-risk",
                    OutlookStatus::Unknown => "unknown",
                }))} data-col="outlook">
                    { status.map(|s| outlook_status(lang, s)).unwrap_or("—") }
                    if let Some(d) = o.and_then(|o| o.projected) {
                        <small>{ format!(" ({})", format::date(d, lang)) }</small>
                    }
                </td>
            </>
        }
    });
    html! {
        <>
            { count_cell("achieved", r.achieved, lang) }
            { count_cell("target", r.target, lang) }
            <td class={classes!("num", "rate", class)} data-col="rate" data-value={value_attr(r.rate)}>
                <span class="rate-cell">
                    { rate_bar(r.rate, class) }
                    <span>{ format::rate(r.rate, lang) }</span>
                    { sparkline(&r.history, lang) }
                </span>
            </td>
            <td class={classes!("num", r.gap.is_some_and(|g| g < 0.0).then_some("surplus"))}
                data-col="gap" data-value={value_attr(r.gap)}>
                { r.gap.map(|v| format::count(v, lang)).unwrap_or_else(|| "—".into()) }
            </td>
            <td class={classes!("status", class)} data-col="status">{ status_label(lang, r.status) }</td>
            <td class="num" data-col="rank">{ r.rank.map(|r| r.to_string()).unwrap_or_default() }</td>
            <td class="num" data-col="share" data-value={value_attr(r.share)}>
                { r.share.map(|x| format::rate(Some(x), lang)).unwrap_or_else(|| "—".into()) }
            </td>
            <td class="num" data-col="distance" data-value={value_attr(r.distance)}>{ signed(r.distance, 2, lang) }</td>
            if compared {
                <td class="num" data-col="change" data-value={value_attr(change.and_then(|c| c.delta))}>
                    { signed(change.and_then(|c| c.delta), 0, lang) }
                </td>
                <td class="num" data-col="change-pp" data-value={value_attr(change.and_then(|c| c.delta_pp))}>
                    { signed(change.and_then(|c| c.delta_pp), 2, lang) }
                </td>
                { count_cell("pace", change.and_then(|c| c.pace).map(f64::round), lang) }
            }
            { outlook_cells.unwrap_or_default() }
        </>
    }
}

/// A row's rate at every reporting date as a small line (the 100% mark dotted), with the
/// rates in its title; nothing without three dates.
fn sparkline(history: &[Option<f64>], lang: Lang) -> Html {
    if history.len() < 3 {
        return html! {};
    }
    let (w, h) = (48.0, 14.0);
    let top = history.iter().flatten().copied().fold(1.0_f64, f64::max);
    let step = w / (history.len() - 1) as f64;
    let y = |r: f64| h - 1.0 - (r.max(0.0) / top) * (h - 2.0);
    let mut path = String::new();
    let mut pen_up = true;
    for (i, r) in history.iter().enumerate() {
        match r {
            Some(r) => {
                path.push_str(&format!(
                    "{}{:.1},{:.1} ",
                    if pen_up { "M" } else { "L" },
                    i as f64 * step,
                    y(*r)
                ));
                pen_up = false;
            }
            None => pen_up = true,
        }
    }
    let title: Vec<String> = history.iter().map(|r| format::rate(*r, lang)).collect();
    html! {
        <svg class="sparkline" width="48" height="14" viewBox="0 0 48 14" role="img"
            data-testid="sparkline" aria-label={format!("{}: {}", crate::i18n::strings(lang).trend_history, title.join(" → "))}>
            <title>{ title.join(" → ") }</title>
            <line class="full" x1="0" x2="48" y1={format!("{:.1}", y(1.0))} y2={format!("{:.1}", y(1.0))} />
            <path d={path} />
        </svg>
    }
}

/// The user's own look at a file's table: the search, the status filter and the page. Kept
/// with the file it is of: another file starts afresh.
#[derive(Clone, Default, PartialEq)]
struct Look {
    file: usize,
    search: String,
    status: Option<Status>,
    page: usize,
}

/// What a window answers: the question, and the report it was asked of.
#[derive(Clone, PartialEq)]
struct Asked {
    file: usize,
    query: WindowQuery,
    analysis: Shared<Analysis>,
    comparison: Option<Shared<Comparison>>,
    as_of: Option<Date>,
}

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let prefs = use_context::<PrefsContext>();
    let looked = use_state(Look::default);
    // The last window the report sent, and what it answers.
    let window = use_state(|| None::<(Asked, Rc<ResultsWindow>)>);
    let look = if looked.file == props.file {
        (*looked).clone()
    } else {
        Look {
            file: props.file,
            ..Look::default()
        }
    };
    let lang = prefs.as_ref().map_or(Lang::Vi, |s| s.lang);
    let (key, descending) = prefs.as_ref().map_or((SortKey::Source, false), |s| s.sort);
    let asked = Asked {
        file: props.file,
        query: WindowQuery {
            results: ResultsQuery {
                indicator: props.indicator,
                sort: key,
                descending,
                search: look.search.clone(),
                status: look.status,
                collapsed: props.collapsed.clone(),
                offset: look.page * MAX_ROWS,
                limit: MAX_ROWS,
            },
            thresholds: props.thresholds,
            deadline: props.deadline,
            total_name: strings(lang).total.into(),
        },
        analysis: props.analysis.clone(),
        comparison: props.comparison.clone(),
        as_of: props.as_of,
    };
    {
        // The rows come from the report in the worker: asked again whenever the question or
        // the report changes.
        // A new report's first rows go before its other charts: those wait until the rows
        // are drawn.
        let first = window.as_ref().is_none_or(|(w, _)| w.file != props.file);
        let window = window.clone();
        use_effect_with(asked.clone(), move |asked| {
            let asked = asked.clone();
            if first {
                super::hold_later();
            }
            crate::reader::ask(Query::Window(asked.query.clone()), move |reply| {
                let w = match reply {
                    Some(Reply::Window(w)) => w,
                    _ => None,
                };
                window.set(w.map(|w| (asked.clone(), Rc::from(w))));
                if first {
                    super::release_later();
                }
            });
        });
    }
    {
        // The units' codes, once the register has placed them: the rows shown asked again and
        // drawn in place (not marked busy: nothing the user asked for has changed).
        // Only while the question is still the one shown (a sort asked since wins).
        let latest = use_mut_ref(|| None::<Asked>);
        *latest.borrow_mut() = Some(asked.clone());
        let window = window.clone();
        let asked = asked.clone();
        let places = props.places.as_ref().map(Shared::id);
        use_effect_with(places, move |places| {
            if places.is_some() {
                crate::reader::ask(Query::Window(asked.query.clone()), move |reply| {
                    let current = latest.borrow().as_ref() == Some(&asked);
                    if let (true, Some(Reply::Window(Some(w)))) = (current, reply) {
                        window.set(Some((asked.clone(), Rc::from(w))));
                    }
                });
            }
        });
    }
    let Some(prefs) = prefs else {
        return html! {};
    };
    let s = strings(lang);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    // Another file's rows are not drawn under this one's figures.
    let Some((answered, w)) = (*window).clone().filter(|(w, _)| w.file == props.file) else {
        return html! {};
    };
    // Until the new window comes, the last one stays on screen, marked busy and without the
    // marks that name its rows.
    let fresh = answered == asked;
    let ask = asked.query.results;
    let set_look = {
        let (looked, look) = (looked.clone(), look.clone());
        move |change: &dyn Fn(&mut Look)| {
            let mut next = look.clone();
            change(&mut next);
            looked.set(next);
        }
    };
    let query = ask.search.clone();
    let status_filter = ask.status;
    let (compared, with_outlook, filtering) = (w.compared, w.with_outlook, w.filtering);
    let header = |k: SortKey, label: String, numeric: bool| {
        let st = prefs.clone();
        let onclick = Callback::from(move |_| {
            let (cur, desc) = st.sort;
            let (key, desc) = if cur == k {
                if desc {
                    (SortKey::Source, false)
                } else {
                    (k, true)
                }
            } else {
                (k, false)
            };
            st.dispatch(PrefsAction::SetSort(key, desc));
        });
        let aria = (key == k).then_some(if descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = match (key == k, descending) {
            (true, false) => " ▲",
            (true, true) => " ▼",
            _ => "",
        };
        html! {
            <th scope="col" class={classes!(numeric.then_some("num"))} aria-sort={aria}>
                <button type="button" class="sort" title={format!("{} {}", s.sort_by, label)} {onclick}>
                    { label.clone() }{ arrow }
                </button>
            </th>
        }
    };
    let pages = w.total_rows.div_ceil(MAX_ROWS).max(1);
    let page_now = w.offset / MAX_ROWS;
    let first = w.offset;
    let (prev, next) = {
        let (a, b) = (set_look.clone(), set_look.clone());
        (
            Callback::from(move |_| a(&|l: &mut Look| l.page = page_now.saturating_sub(1))),
            Callback::from(move |_| b(&|l: &mut Look| l.page = (page_now + 1).min(pages - 1))),
        )
    };
    // What a unit's code is: its level and the register's version.
    let code_title = props.places.as_ref().map(|p| {
        let s = strings(lang);
        let level = match p.level {
            Some(attain_core::places::Level::Province) => s.places_level_province,
            Some(attain_core::places::Level::District) => s.places_level_district,
            _ => s.places_level_commune,
        };
        s.unit_code_title.replace("{level}", level).replace(
            "{v}",
            &p.version.map_or(String::new(), |d| {
                attain_core::report::format::date(d, lang)
            }),
        )
    });
    let render = |r: &ResultRow| -> Html {
        match &r.kind {
            RowKind::Unit { index, depth } => {
                let lit = props.highlight.as_deref() == Some(r.name.as_str());
                let (st, name) = (prefs.clone(), r.name.clone());
                let pick =
                    Callback::from(move |_| st.dispatch(PrefsAction::Highlight(name.clone())));
                html! {
                    <tr data-unit={fresh.then(|| r.name.clone())} key={format!("u{index}")} class={classes!(lit.then_some("highlight"))}>
                        <th scope="row" class={format!("depth-{}", depth.min(&5))}>
                            <button type="button" class="unit-name" aria-pressed={lit.to_string()} onclick={pick}
                                title={r.file.clone()} data-file={r.file.clone()}>{ r.name.clone() }</button>
                            if let Some(code) = &r.code {
                                <span class="unit-code" data-testid="unit-code" title={code_title.clone()}>{ code.clone() }</span>
                            }
                        </th>
                        { cells(r, lang, compared, with_outlook) }
                    </tr>
                }
            }
            RowKind::Group {
                path,
                level,
                level_name,
                expanded,
            } => {
                let open = *expanded;
                let st = prefs.clone();
                let p = path.clone();
                let toggle =
                    Callback::from(move |_| st.dispatch(PrefsAction::ToggleGroup(p.clone())));
                html! {
                    <tr class="group" data-group={fresh.then(|| r.name.clone())} data-level={level_name.clone()} key={format!("g{}", path.join("\u{1f}"))}>
                        <th scope="row" class={format!("depth-{}", level.min(&5))}>
                            <button type="button" class="toggle" data-testid="toggle-group"
                                aria-expanded={open.to_string()}
                                title={if open { s.collapse } else { s.expand }}
                                onclick={toggle}>{ if open { "▾" } else { "▸" } }</button>
                            { format!("{} ({})", r.name, level_name) }
                        </th>
                        { cells(r, lang, compared, with_outlook) }
                    </tr>
                }
            }
            RowKind::Total => html! {},
        }
    };
    let on_search = {
        let set_look = set_look.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            set_look(&|l: &mut Look| l.search = text.clone());
        })
    };
    let on_filter = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let status = match select.value().as_str() {
            "low" => Some(Status::Low),
            "medium" => Some(Status::Medium),
            "high" => Some(Status::High),
            "reached" => Some(Status::Reached),
            "unknown" => Some(Status::Unknown),
            _ => None,
        };
        set_look(&|l: &mut Look| l.status = status);
    });
    let statuses = [
        Status::Low,
        Status::Medium,
        Status::High,
        Status::Reached,
        Status::Unknown,
    ];
    html! {
        <>
        <div class="table-tools">
            <label class="field">
                <span>{ s.search }</span>
                <input type="search" data-testid="search" value={query.clone()} oninput={on_search}
                    placeholder={s.search_hint} />
            </label>
            <label class="field">
                <span>{ s.col_status }</span>
                <select data-testid="status-filter" onchange={on_filter}>
                    <option value="" selected={status_filter.is_none()}>{ s.all_statuses }</option>
                    { for statuses.iter().map(|st| html! {
                        <option value={status_class(*st)} selected={status_filter == Some(*st)}>{ status_label(lang, *st) }</option>
                    }) }
                </select>
            </label>
            if filtering && fresh {
                <span class="rows-found" data-testid="rows-found">{ s.units_found.replace("{n}", &w.units_found.to_string()) }</span>
            }
        </div>
        <div class="table-wrap">            <table class={classes!("results", (!fresh).then_some("stale"))} data-testid="results-table" aria-busy={(!fresh).then_some("true")}>
                <caption>{ format!("{}: {} / {}", s.results, a.name, a.target_name) }</caption>
                <thead>
                    <tr>
                        { header(SortKey::Unit, s.col_unit.into(), false) }
                        { header(SortKey::Achieved, format!("{} ({})", s.col_achieved, a.name), true) }
                        { header(SortKey::Target, s.col_target.into(), true) }
                        { header(SortKey::Rate, s.col_rate.into(), true) }
                        { header(SortKey::Gap, s.col_gap.into(), true) }
                        <th scope="col">{ s.col_status }</th>
                        <th scope="col" class="num">{ s.col_rank }</th>
                        <th scope="col" class="num">{ s.col_share }</th>
                        <th scope="col" class="num">{ s.col_distance }</th>
                        if compared {
                            { header(SortKey::Change, s.col_change.into(), true) }
                            <th scope="col" class="num">{ s.col_change_pp }</th>
                            <th scope="col" class="num">{ s.col_pace }</th>
                        }
                        if with_outlook {
                            <th scope="col" class="num">{ s.col_needed }</th>
                            <th scope="col">{ s.col_outlook }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for w.rows.iter().map(render) }
                </tbody>
                <tfoot>
                    <tr data-testid={fresh.then_some("total-row")} class="total">
                        <th scope="row">{ s.total }</th>
                        { cells(&w.total, lang, compared, with_outlook) }
                    </tr>
                </tfoot>
            </table>
            if w.total_rows > MAX_ROWS && fresh {
                <div class="pager">
                    <button type="button" class="button" data-testid="prev-page" disabled={page_now == 0} onclick={prev}>{ "‹" }</button>
                    <span class="rows-shown" data-testid="rows-shown">{ i18n::rows_shown(lang, first + 1, (first + MAX_ROWS).min(w.total_rows), w.total_rows) }</span>
                    <button type="button" class="button" data-testid="next-page" disabled={page_now + 1 >= pages} onclick={next}>{ "›" }</button>
                </div>
            }
        </div>
        </>
    }
}
