//! The gap chart: what remains per unit, largest first, each bar with its share of everything
//! that remains; the same highlight as the other views.

use super::chart_frame::{mark_events, x_axis, ChartFrame, ChartTable, IndicatorChartProps, Tip};
use super::results_table::status_class;
use crate::charts::gap::{self, bar_top, layout};
use crate::charts::rank::{truncate, BAR_HEIGHT, ROW_HEIGHT, TOP};
use crate::i18n::strings;
use attain_core::report::format;
use yew::prelude::*;

#[function_component(GapChart)]
pub fn gap_chart(props: &IndicatorChartProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let gaps = gap::gaps_of(a);
    // Counted over all the units (the page holds those the charts draw).
    let reached = a
        .all
        .reached
        .max(gaps.iter().filter(|(_, g)| *g <= 0.0).count());
    let geo = layout(&gaps, (a.open, a.all.open));
    if geo.bars.is_empty() {
        return html! {};
    }
    let title = s.gap_chart_title.replace("{ind}", &a.name);
    let open = format::count(a.open_gap(), lang);
    let desc = s
        .gap_chart_desc
        .replace("{n}", &geo.bars.len().to_string())
        .replace("{open}", &open);
    let mid = ROW_HEIGHT / 2.0;
    let value = |b: &gap::GapBar| {
        format!(
            "{} ({})",
            format::count(b.gap, lang),
            format::rate(Some(b.share), lang)
        )
    };
    let tip = (*focus)
        .and_then(|u| geo.bars.iter().find(|b| b.unit == u))
        .map(|b| {
            let u = &a.units[b.unit];
            Tip {
                x: geo.x0 + 4.0,
                top: b.y,
                bottom: b.y + ROW_HEIGHT,
                text: format!(
                    "{}: {} {} ({} {}); {} {}",
                    u.unit,
                    s.col_gap.to_lowercase(),
                    format::count(b.gap, lang),
                    format::rate(Some(b.share), lang),
                    s.gap_share_of_open,
                    s.col_rate.to_lowercase(),
                    format::rate(u.rate(), lang),
                ),
            }
        });
    let table = ChartTable {
        head: vec![
            s.col_unit.to_string(),
            s.col_gap.to_string(),
            s.gap_share_head.to_string(),
            s.col_rate.to_string(),
        ],
        rows: geo
            .bars
            .iter()
            .map(|b| {
                let u = &a.units[b.unit];
                vec![
                    u.unit.to_string(),
                    format::count(b.gap, lang),
                    format::rate(Some(b.share), lang),
                    format::rate(u.rate(), lang),
                ]
            })
            .collect(),
        note: None,
    };
    let legend = html! { <>
        { s.gap_chart_note.replace("{open}", &open) }
        if geo.left_out > 0 {
            { format!(" {}", s.gap_chart_more.replace("{n}", &geo.left_out.to_string()).replace("{max}", &gap::MAX_BARS.to_string())) }
        }
        if reached > 0 {
            { format!(" {}", s.gap_chart_reached.replace("{n}", &reached.to_string())) }
        }
    </> };
    html! {
        <ChartFrame lang={props.lang} id="chart-gap" testid="gap-chart" {title} {desc}
            width={geo.width} height={geo.height} dimmed={props.highlight.is_some()}
            {legend} {table} {tip}>
                { x_axis(&geo.ticks, TOP, geo.height - 8.0, |v| format::count(v, lang)) }
                { for geo.bars.iter().map(|b| {
                    let u = &a.units[b.unit];
                    let status = status_class(props.thresholds.status(u.rate()));
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let ev = mark_events(&props.dispatch, &focus, b.unit, &u.unit);
                    let value = value(b);
                    html! {
                        <g class={classes!("bar", status, lit.then_some("highlight"))} tabindex="0" role="button"
                            aria-pressed={lit.to_string()} data-unit={u.unit.to_string()}
                            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
                            onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <title>{ format!("{}: {}", u.unit, value) }</title>
                            <text class="label" x={(geo.x0 - 8.0).to_string()} y={(b.y + mid).to_string()}
                                text-anchor="end" dominant-baseline="middle">{ truncate(&u.unit, 24) }</text>
                            <rect x={geo.x0.to_string()} y={bar_top(b).to_string()}
                                width={format!("{:.2}", b.width)} height={BAR_HEIGHT.to_string()} rx="2" />
                            <text class="value" x={(geo.x0 + b.width + 6.0).to_string()} y={(b.y + mid).to_string()}
                                dominant-baseline="middle">{ value }</text>
                        </g>
                    }
                }) }
        </ChartFrame>
    }
}
