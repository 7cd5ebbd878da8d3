//! The results table: one row per unit, the total (Σachieved/Σtarget) in the footer. Each
//! numeric cell carries its full-precision value in `data-value`.

use super::AppContext;
use crate::i18n::{self, strings};
use attain_core::analysis::{Analysis, Thresholds};
use attain_core::report::format::{self, plain_number};
use attain_core::text::fold;
use std::cmp::Ordering;
use std::rc::Rc;
use yew::prelude::*;

/// The most rows drawn at once; the rest are a sort or an export away.
pub const MAX_ROWS: usize = 500;

#[derive(Properties)]
pub struct ResultsTableProps {
    pub analysis: Rc<Analysis>,
}

/// By identity: the analysis is recomputed, never changed in place.
impl PartialEq for ResultsTableProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Source,
    Unit,
    Achieved,
    Target,
    Rate,
    Gap,
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

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let state = use_context::<AppContext>();
    let sort = use_state(|| (SortKey::Source, false));
    let Some(state) = state else {
        return html! {};
    };
    let lang = state.lang;
    let s = strings(lang);
    let a = &props.analysis;
    let thresholds = Thresholds::default();
    let (key, descending) = *sort;
    let mut order: Vec<usize> = (0..a.units.len()).collect();
    order.sort_by(|&i, &j| {
        let (u, v) = (&a.units[i], &a.units[j]);
        let o = match key {
            SortKey::Source => i.cmp(&j),
            SortKey::Unit => fold(&u.unit).cmp(&fold(&v.unit)).then(u.unit.cmp(&v.unit)),
            SortKey::Achieved => cmp_opt(u.achieved, v.achieved),
            SortKey::Target => cmp_opt(u.target, v.target),
            SortKey::Rate => cmp_opt(u.rate(), v.rate()),
            SortKey::Gap => cmp_opt(u.gap(), v.gap()),
        };
        let o = if descending { o.reverse() } else { o };
        o.then(i.cmp(&j))
    });
    let header = |k: SortKey, label: String, numeric: bool| {
        let sort = sort.clone();
        let onclick = Callback::from(move |_| {
            let (cur, desc) = *sort;
            sort.set(if cur == k {
                if desc {
                    (SortKey::Source, false)
                } else {
                    (k, true)
                }
            } else {
                (k, false)
            });
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
    html! {
        <div class="table-wrap">
            <table class="results" data-testid="results-table">
                <caption>{ format!("{}: {} / {}", s.results, a.indicator, a.target_name) }</caption>
                <thead>
                    <tr>
                        { header(SortKey::Unit, s.col_unit.into(), false) }
                        { header(SortKey::Achieved, format!("{} ({})", s.col_achieved, a.indicator), true) }
                        { header(SortKey::Target, s.col_target.into(), true) }
                        { header(SortKey::Rate, s.col_rate.into(), true) }
                        { header(SortKey::Gap, s.col_gap.into(), true) }
                    </tr>
                </thead>
                <tbody>
                    { for order.iter().take(MAX_ROWS).map(|&i| {
                        let u = &a.units[i];
                        let rate = u.rate();
                        let status = status_class(thresholds.status(rate));
                        html! {
                            <tr data-unit={u.unit.clone()} key={i}>
                                <th scope="row">{ &u.unit }</th>
                                <td class="num" data-col="achieved" data-value={value_attr(u.achieved)}>
                                    { u.achieved.map(|v| format::count(v, lang)).unwrap_or_else(|| "—".into()) }
                                </td>
                                <td class="num" data-col="target" data-value={value_attr(u.target)}>
                                    { u.target.map(|v| format::count(v, lang)).unwrap_or_else(|| "—".into()) }
                                </td>
                                <td class={classes!("num", "rate", status)} data-col="rate" data-value={value_attr(rate)}>
                                    { rate_bar(rate, status) }
                                    <span>{ format::rate(rate, lang) }</span>
                                </td>
                                <td class={classes!("num", u.gap().is_some_and(|g| g < 0.0).then_some("surplus"))}
                                    data-col="gap" data-value={value_attr(u.gap())}>
                                    { u.gap().map(|v| format::count(v, lang)).unwrap_or_else(|| "—".into()) }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
                <tfoot>
                    <tr data-testid="total-row" class="total">
                        <th scope="row">{ s.total }</th>
                        <td class="num" data-col="achieved" data-value={plain_number(t.achieved)}>{ format::count(t.achieved, lang) }</td>
                        <td class="num" data-col="target" data-value={plain_number(t.target)}>{ format::count(t.target, lang) }</td>
                        <td class={classes!("num", "rate", status_class(thresholds.status(t.rate())))} data-col="rate" data-value={value_attr(t.rate())}>
                            { rate_bar(t.rate(), status_class(thresholds.status(t.rate()))) }
                            <span>{ format::rate(t.rate(), lang) }</span>
                        </td>
                        <td class="num" data-col="gap" data-value={plain_number(t.gap())}>{ format::count(t.gap(), lang) }</td>
                    </tr>
                </tfoot>
            </table>
            if order.len() > MAX_ROWS {
                <p class="rows-shown" data-testid="rows-shown">{ i18n::rows_shown(lang, MAX_ROWS, order.len()) }</p>
            }
        </div>
    }
}
