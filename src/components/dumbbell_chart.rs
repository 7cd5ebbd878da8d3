//! The rate of each unit at the previous reporting date and now, joined by a line: who moved,
//! and how far.

use super::chart_frame::{mark_events, x_axis, ChartFrame, ChartTable, Tip};
use crate::charts::dumbbell::layout;
use crate::charts::rank::{truncate, BOTTOM, TOP};
use crate::i18n::strings;
use crate::shared::Shared;
use crate::state::Prefs;
use attain_core::analysis::series::Comparison;
use attain_core::report::{format, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DumbbellChartProps {
    pub comparison: Shared<Comparison>,
    /// The indicator's name (the comparison's indicators are matched by name).
    pub indicator: AttrValue,
    pub highlight: Option<String>,
    /// The language of the page.
    pub lang: Lang,
    /// Where the chart's clicks go (a unit highlighted, another indicator shown).
    pub dispatch: UseReducerDispatcher<Prefs>,
}

#[function_component(DumbbellChart)]
pub fn dumbbell_chart(props: &DumbbellChartProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let Some(ind) = props
        .comparison
        .indicators
        .iter()
        .find(|i| i.name == props.indicator.as_str())
    else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let pairs = crate::charts::dumbbell::pairs_of(ind);
    if pairs.is_empty() {
        return html! {};
    }
    let geo = layout(&pairs);
    let c = &props.comparison;
    let title = s
        .dumbbell_title
        .replace("{ind}", &ind.name)
        .replace("{from}", &format::date(c.from, lang))
        .replace("{to}", &format::date(c.to, lang));
    let change = |b: &crate::charts::dumbbell::Bell| {
        format!(
            "{}{}",
            if b.change_pp > 0.0 { "+" } else { "" },
            format::number(b.change_pp, 2, lang)
        )
    };
    let tip_text = |b: &crate::charts::dumbbell::Bell| {
        let u = &ind.units[b.unit];
        format!(
            "{}: {} → {} ({} {})",
            u.unit,
            format::rate(u.change.rate_before, lang),
            format::rate(u.change.rate, lang),
            change(b),
            s.points
        )
    };
    let tip = (*focus)
        .and_then(|u| geo.bells.iter().find(|b| b.unit == u))
        .map(|b| Tip {
            x: b.x_before.min(b.x_now),
            top: b.y - 9.0,
            bottom: b.y + 9.0,
            text: tip_text(b),
        });
    let table = ChartTable {
        head: vec![
            s.col_unit.to_string(),
            format::date(c.from, lang),
            format::date(c.to, lang),
            s.change_points_head.to_string(),
        ],
        rows: geo
            .bells
            .iter()
            .map(|b| {
                let u = &ind.units[b.unit];
                vec![
                    u.unit.to_string(),
                    format::rate(u.change.rate_before, lang),
                    format::rate(u.change.rate, lang),
                    change(b),
                ]
            })
            .collect(),
        note: None,
    };
    let legend = html! { <>
        <span class="key before">{ format::date(c.from, lang) }</span>
        <span class="key now">{ format::date(c.to, lang) }</span>
        <span>{ s.dumbbell_note }</span>
        // The page holds the drawn units only: how many were left out is counted over all.
        if ind.paired.max(pairs.len()) > geo.bells.len() {
            <span data-testid="dumbbell-more">{ s.dumbbell_more
                .replace("{n}", &format::count((ind.paired.max(pairs.len()) - geo.bells.len()) as f64, lang))
                .replace("{max}", &geo.bells.len().to_string()) }</span>
        }
    </> };
    let desc = s
        .dumbbell_desc
        .replace("{from}", &format::date(c.from, lang))
        .replace("{to}", &format::date(c.to, lang));
    html! {
        <ChartFrame lang={props.lang} id="chart-dumbbell" testid="dumbbell-chart" {title} {desc}
            width={geo.width} height={geo.height} dimmed={props.highlight.is_some()}
            {legend} {table} {tip}>
                { x_axis(&geo.ticks, TOP, geo.height - BOTTOM, |v| format!("{}%", format::number(v * 100.0, 0, lang))) }
                <g class="target-line">
                    <line x1={geo.target_x.to_string()} x2={geo.target_x.to_string()}
                        y1={(TOP - 6.0).to_string()} y2={(geo.height - BOTTOM).to_string()} />
                </g>
                { for geo.bells.iter().map(|b| {
                    let u = &ind.units[b.unit];
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let ev = mark_events(&props.dispatch, &focus, b.unit, &u.unit);
                    html! {
                        <g class={classes!("bell", lit.then_some("highlight"), (b.change_pp < 0.0).then_some("down"))}
                            tabindex="0" role="button" aria-pressed={lit.to_string()} data-unit={u.unit.to_string()}
                            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
                            onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <title>{ tip_text(b) }</title>
                            <text class="label" x={(geo.x0 - 8.0).to_string()} y={b.y.to_string()} text-anchor="end" dominant-baseline="middle">
                                { truncate(&u.unit, 24) }
                            </text>
                            <line class="link" x1={format!("{:.1}", b.x_before)} x2={format!("{:.1}", b.x_now)} y1={b.y.to_string()} y2={b.y.to_string()} />
                            <circle class="before" cx={format!("{:.1}", b.x_before)} cy={b.y.to_string()} r="5" />
                            <circle class="now" cx={format!("{:.1}", b.x_now)} cy={b.y.to_string()} r="5" />
                            <text class="value" x={format!("{:.1}", b.x_now.max(b.x_before) + 10.0)} y={b.y.to_string()} dominant-baseline="middle">{ change(b) }</text>
                        </g>
                    }
                }) }
        </ChartFrame>
    }
}
