//! The results table: one row per unit, the total (Σachieved/Σtarget) in the footer. Each
//! numeric cell carries its full-precision value in `data-value`.

use super::AppContext;
use crate::i18n::{self, strings};
use crate::state::{Action, SortKey};
use attain_core::analysis::series::{outlook, Change, Comparison, OutlookStatus};
use attain_core::analysis::{Analysis, IndicatorResult, Status, Thresholds, Total};
use attain_core::dates::Date;
use attain_core::report::format::{self, plain_number};
use attain_core::report::messages::outlook_status;
use attain_core::text::{fold, vi_sort_key};
use std::cmp::Ordering;
use std::rc::Rc;
use yew::prelude::*;

/// The rows drawn at once: a long table is shown a page at a time.
pub const MAX_ROWS: usize = 200;

#[derive(Properties)]
pub struct ResultsTableProps {
    pub analysis: Rc<Analysis>,
    /// The indicator shown.
    pub indicator: usize,
    pub thresholds: Thresholds,
    /// The comparison with the previous reporting date.
    pub comparison: Option<Rc<Comparison>>,
    pub as_of: Option<Date>,
    pub deadline: Option<Date>,
    /// Parents collapsed.
    pub collapsed: Vec<Vec<String>>,
    /// The unit highlighted everywhere.
    pub highlight: Option<String>,
}

/// By identity for the big parts: they are recomputed, never changed in place.
impl PartialEq for ResultsTableProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis)
            && self.indicator == o.indicator
            && self.thresholds == o.thresholds
            && match (&self.comparison, &o.comparison) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && self.as_of == o.as_of
            && self.deadline == o.deadline
            && self.collapsed == o.collapsed
            && self.highlight == o.highlight
    }
}

fn cmp_opt(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn value_attr(v: Option<f64>) -> Option<AttrValue> {
    v.filter(|x| x.is_finite())
        .map(|x| AttrValue::from(plain_number(x)))
}

/// A small bar for a rate, with a tick at 100%; rates above 100% run past the tick.
fn rate_bar(rate: Option<f64>, status: &'static str) -> Html {
    const W: f64 = 80.0;
    const FULL: f64 = 60.0; // 100% sits at 60 px, leaving room for over-achievement.
    let width = rate.map(|r| (r.max(0.0) * FULL).min(W)).unwrap_or(0.0);
    html! {
        <svg class="rate-bar" width="80" height="10" viewBox="0 0 80 10" aria-hidden="true" focusable="false">
            <rect class="track" x="0" y="2" width={FULL.to_string()} height="6" />
            <rect class={classes!("fill", status)} x="0" y="2" width={format!("{width:.1}")} height="6" />
            <line class="mark" x1={FULL.to_string()} x2={FULL.to_string()} y1="0" y2="10" />
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

/// What one row shows, unit or parent.
struct Line<'a> {
    name: &'a str,
    achieved: Option<f64>,
    target: Option<f64>,
    rank: Option<usize>,
    share: Option<f64>,
    distance: Option<f64>,
    change: Option<&'a Change>,
}

#[allow(clippy::too_many_arguments)]
fn cells(
    l: &Line,
    ind: &IndicatorResult,
    thresholds: Thresholds,
    lang: attain_core::report::Lang,
    compared: bool,
    when: Option<(Date, Date)>,
) -> Html {
    let rate = attain_core::analysis::rate(l.achieved, l.target);
    let gap = match (l.achieved, l.target) {
        (Some(a), Some(t)) => Some(t - a),
        _ => None,
    };
    let status = thresholds.status(rate);
    let class = status_class(status);
    let _ = ind;
    let outlook_cells = when.map(|(as_of, deadline)| {
        let o = match (l.achieved, l.target) {
            (Some(a), Some(t)) => Some(outlook(a, t, as_of, deadline, l.change.and_then(|c| c.pace()))),
            _ => None,
        };
        let status = o.as_ref().map(|o| o.status);
        html! {
            <>
                { count_cell("needed", o.as_ref().and_then(|o| o.needed_per_day).map(f64::round), lang) }
                <td class={classes!("outlook", status.map(|s| match s {
                    OutlookStatus::Reached => "reached",
                    OutlookStatus::OnTrack => "on-track",
                    OutlookStatus::AtRisk => "at-risk",
                    OutlookStatus::Unknown => "unknown",
                }))} data-col="outlook">
                    { status.map(|s| outlook_status(lang, s)).unwrap_or("—") }
                    if let Some(d) = o.as_ref().and_then(|o| o.projected) {
                        <small>{ format!(" ({})", format::date(d, lang)) }</small>
                    }
                </td>
            </>
        }
    });
    html! {
        <>
            { count_cell("achieved", l.achieved, lang) }
            { count_cell("target", l.target, lang) }
            <td class={classes!("num", "rate", class)} data-col="rate" data-value={value_attr(rate)}>
                <span class="rate-cell">
                    { rate_bar(rate, class) }
                    <span>{ format::rate(rate, lang) }</span>
                </span>
            </td>
            <td class={classes!("num", gap.is_some_and(|g| g < 0.0).then_some("surplus"))}
                data-col="gap" data-value={value_attr(gap)}>
                { gap.map(|v| format::count(v, lang)).unwrap_or_else(|| "—".into()) }
            </td>
            <td class={classes!("status", class)} data-col="status">{ status_label(lang, status) }</td>
            <td class="num" data-col="rank">{ l.rank.map(|r| r.to_string()).unwrap_or_default() }</td>
            <td class="num" data-col="share" data-value={value_attr(l.share)}>
                { l.share.map(|x| format::rate(Some(x), lang)).unwrap_or_else(|| "—".into()) }
            </td>
            <td class="num" data-col="distance" data-value={value_attr(l.distance)}>{ signed(l.distance, 2, lang) }</td>
            if compared {
                <td class="num" data-col="change" data-value={value_attr(l.change.and_then(|c| c.delta()))}>
                    { signed(l.change.and_then(|c| c.delta()), 0, lang) }
                </td>
                <td class="num" data-col="change-pp" data-value={value_attr(l.change.and_then(|c| c.delta_pp()))}>
                    { signed(l.change.and_then(|c| c.delta_pp()), 2, lang) }
                </td>
                { count_cell("pace", l.change.and_then(|c| c.pace()).map(f64::round), lang) }
            }
            { outlook_cells.unwrap_or_default() }
        </>
    }
}

fn total_line<'a>(
    name: &'a str,
    t: &Total,
    ind: &IndicatorResult,
    change: Option<&'a Change>,
) -> Line<'a> {
    let open = ind.open_gap();
    Line {
        name,
        achieved: Some(t.achieved),
        target: Some(t.target),
        rank: None,
        share: (open > 0.0).then(|| t.gap().max(0.0).min(open) / open),
        distance: match (t.rate(), ind.total.rate()) {
            (Some(a), Some(b)) => Some((a - b) * 100.0),
            _ => None,
        },
        change,
    }
}

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let state = use_context::<AppContext>();
    let query = use_state(String::new);
    let page = use_state(|| 0usize);
    let status_filter = use_state(|| None::<Status>);
    let Some(state) = state else {
        return html! {};
    };
    let lang = state.lang;
    let s = strings(lang);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    let thresholds = props.thresholds;
    let (query_handle, filter_handle) = (query.clone(), status_filter.clone());
    let query = (*query).clone();
    let status_filter = *status_filter;
    let changes = props
        .comparison
        .as_ref()
        .and_then(|c| c.indicators.iter().find(|i| i.name == a.name));
    let compared = changes.is_some();
    let when = props.as_of.zip(props.deadline);
    let unit_change = |i: usize| changes.and_then(|c| c.units.get(i)).map(|u| &u.change);
    let (key, descending) = state.sort;
    // Search ignores case and marks ("thanh phu" finds "Thạnh Phú"); the status filter keeps
    // one status. Either shows the units alone, without their parents' rows.
    let needle = fold(query.trim());
    let filtering = !needle.is_empty() || status_filter.is_some();
    let mut order: Vec<usize> = (0..a.units.len())
        .filter(|&i| {
            let u = &a.units[i];
            (needle.is_empty() || fold(&u.unit).contains(&needle))
                && status_filter.is_none_or(|f| thresholds.status(u.rate()) == f)
        })
        .collect();
    let sort_keys: Vec<_> = if key == SortKey::Unit {
        a.units.iter().map(|u| vi_sort_key(&u.unit)).collect()
    } else {
        Vec::new()
    };
    order.sort_by(|&i, &j| {
        let (u, v) = (&a.units[i], &a.units[j]);
        let o = match key {
            SortKey::Source => i.cmp(&j),
            SortKey::Unit => sort_keys[i].cmp(&sort_keys[j]),
            SortKey::Achieved => cmp_opt(u.achieved, v.achieved),
            SortKey::Target => cmp_opt(u.target, v.target),
            SortKey::Rate => cmp_opt(u.rate(), v.rate()),
            SortKey::Gap => cmp_opt(u.gap(), v.gap()),
            SortKey::Change => cmp_opt(
                unit_change(i).and_then(Change::delta),
                unit_change(j).and_then(Change::delta),
            ),
        };
        let o = if descending { o.reverse() } else { o };
        o.then(i.cmp(&j))
    });
    let header = |k: SortKey, label: String, numeric: bool| {
        let st = state.clone();
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
            st.dispatch(Action::SetSort(key, desc));
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
    let t = &a.total;
    let levels = props.analysis.parent_levels.len();
    let tree = key == SortKey::Source && !a.groups.is_empty() && !filtering;
    // Rows in order: in tree mode each parent's rollup, then what is under it.
    enum RowRef {
        Group(usize),
        Unit(usize),
    }
    let mut rows: Vec<RowRef> = Vec::new();
    if tree {
        // Each unit under its nearest named parent, found once (not per group).
        let mut under: std::collections::HashMap<&[String], Vec<usize>> =
            std::collections::HashMap::new();
        for (i, u) in a.units.iter().enumerate() {
            let named = u.parents.iter().take_while(|p| !p.is_empty()).count();
            under.entry(&u.parents[..named]).or_default().push(i);
        }
        let hidden = |path: &[String]| {
            (1..path.len()).any(|k| props.collapsed.iter().any(|c| c[..] == path[..k]))
        };
        for (gi, g) in a.groups.iter().enumerate() {
            if hidden(&g.path) {
                continue;
            }
            rows.push(RowRef::Group(gi));
            if props.collapsed.contains(&g.path) {
                continue;
            }
            if let Some(units) = under.remove(&g.path[..]) {
                rows.extend(units.into_iter().map(RowRef::Unit));
            }
        }
        if let Some(units) = under.remove(&[][..]) {
            rows.extend(units.into_iter().map(RowRef::Unit));
        }
    } else {
        rows.extend(order.iter().map(|i| RowRef::Unit(*i)));
    }
    let pages = rows.len().div_ceil(MAX_ROWS).max(1);
    let page_now = (*page).min(pages - 1);
    let first = page_now * MAX_ROWS;
    let (prev, next) = {
        let (a, b) = (page.clone(), page.clone());
        (
            Callback::from(move |_| a.set(page_now.saturating_sub(1))),
            Callback::from(move |_| b.set((page_now + 1).min(pages - 1))),
        )
    };
    let render = |r: &RowRef| -> Html {
        match r {
            RowRef::Unit(i) => {
                let u = &a.units[*i];
                let depth = if tree {
                    u.parents.iter().filter(|p| !p.is_empty()).count()
                } else {
                    0
                };
                let line = Line {
                    name: &u.unit,
                    achieved: u.achieved,
                    target: u.target,
                    rank: u.rank,
                    share: a.share_of_gap(u),
                    distance: a.distance_pp(u),
                    change: unit_change(*i),
                };
                let lit = props.highlight.as_deref() == Some(u.unit.as_str());
                let (st, name) = (state.clone(), u.unit.clone());
                let pick = Callback::from(move |_| st.dispatch(Action::Highlight(name.clone())));
                html! {
                    <tr data-unit={u.unit.clone()} key={format!("u{i}")} class={classes!(lit.then_some("highlight"))}>
                        <th scope="row" class={format!("depth-{}", depth.min(5))}>
                            <button type="button" class="unit-name" aria-pressed={lit.to_string()} onclick={pick}>{ line.name }</button>
                        </th>
                        { cells(&line, a, thresholds, lang, compared, when) }
                    </tr>
                }
            }
            RowRef::Group(gi) => {
                let g = &a.groups[*gi];
                let change = changes
                    .and_then(|c| c.groups.iter().find(|(p, _)| *p == g.path))
                    .map(|(_, c)| c);
                let line = total_line(g.name(), &g.total, a, change);
                let open = !props.collapsed.contains(&g.path);
                let st = state.clone();
                let path = g.path.clone();
                let toggle =
                    Callback::from(move |_| st.dispatch(Action::ToggleGroup(path.clone())));
                let level_name = props
                    .analysis
                    .parent_levels
                    .get(g.level)
                    .cloned()
                    .unwrap_or_default();
                html! {
                    <tr class="group" data-group={g.name().to_string()} data-level={level_name.clone()} key={format!("g{gi}")}>
                        <th scope="row" class={format!("depth-{}", g.level.min(5))}>
                            <button type="button" class="toggle" data-testid="toggle-group"
                                aria-expanded={open.to_string()}
                                title={if open { s.collapse } else { s.expand }}
                                onclick={toggle}>{ if open { "▾" } else { "▸" } }</button>
                            { format!("{} ({})", line.name, level_name) }
                        </th>
                        { cells(&line, a, thresholds, lang, compared, when) }
                    </tr>
                }
            }
        }
    };
    let total = total_line(s.total, t, a, changes.map(|c| &c.total));
    let _ = levels;
    let on_search = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        query_handle.set(input.value());
    });
    let on_filter = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        filter_handle.set(match select.value().as_str() {
            "low" => Some(Status::Low),
            "medium" => Some(Status::Medium),
            "high" => Some(Status::High),
            "reached" => Some(Status::Reached),
            "unknown" => Some(Status::Unknown),
            _ => None,
        });
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
            if filtering {
                <span class="rows-found" data-testid="rows-found">{ s.units_found.replace("{n}", &order.len().to_string()) }</span>
            }
        </div>
        <div class="table-wrap">            <table class="results" data-testid="results-table">
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
                        if when.is_some() {
                            <th scope="col" class="num">{ s.col_needed }</th>
                            <th scope="col">{ s.col_outlook }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().skip(first).take(MAX_ROWS).map(render) }
                </tbody>
                <tfoot>
                    <tr data-testid="total-row" class="total">
                        <th scope="row">{ s.total }</th>
                        { cells(&total, a, thresholds, lang, compared, when) }
                    </tr>
                </tfoot>
            </table>
            if rows.len() > MAX_ROWS {
                <div class="pager">
                    <button type="button" class="button" data-testid="prev-page" disabled={page_now == 0} onclick={prev}>{ "‹" }</button>
                    <span class="rows-shown" data-testid="rows-shown">{ i18n::rows_shown(lang, first + 1, (first + MAX_ROWS).min(rows.len()), rows.len()) }</span>
                    <button type="button" class="button" data-testid="next-page" disabled={page_now + 1 >= pages} onclick={next}>{ "›" }</button>
                </div>
            }
        </div>
        </>
    }
}
