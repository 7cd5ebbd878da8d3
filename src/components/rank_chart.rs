//! The ranked horizontal bar chart of rates, drawn as SVG from `charts::rank` geometry.

use super::chart_frame::{mark_events, x_axis, ChartFrame, ChartTable, IndicatorChartProps, Tip};
use super::results_table::status_class;
use crate::charts::rank::{self, layout_with_gap, top_and_bottom_of, truncate};
use crate::i18n::{self, strings};
use attain_core::report::format;
use yew::prelude::*;

#[function_component(RankChart)]
pub fn rank_chart(props: &IndicatorChartProps) -> Html {
    // The unit under the pointer or the keyboard focus: its exact figures in a tooltip.
    let focus = use_state(|| None::<usize>);
    let lang = props.lang;
    let s = strings(lang);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    let order = a.rank_order();
    let (shown, left_out) = top_and_bottom_of(&order, a.all.units, |i| a.units[i].rate());
    let gap_after = left_out.map(|_| rank::MAX_BARS / 2 - 1);
    let geo = layout_with_gap(&shown, gap_after);
    let thresholds = props.thresholds;
    let title = i18n::chart_title(lang, &a.name);
    let best = order
        .first()
        .map(|i| a.units[*i].unit.as_ref())
        .unwrap_or("");
    let worst = order
        .iter()
        .rev()
        .find(|i| a.units[**i].rate().is_some())
        .map(|i| a.units[*i].unit.as_ref())
        .unwrap_or("");
    let desc = i18n::chart_description(lang, a.all.units.max(order.len()), best, worst);
    let mid = rank::ROW_HEIGHT / 2.0;
    let dash = || "—".to_string();
    let count = |v: Option<f64>| v.map(|v| format::count(v, lang)).unwrap_or_else(dash);
    let tip = (*focus)
        .and_then(|u| geo.bars.iter().find(|b| b.unit == u))
        .map(|b| {
            let u = &a.units[b.unit];
            Tip {
                x: geo.x0 + 4.0,
                top: b.y,
                bottom: b.y + rank::ROW_HEIGHT,
                text: format!(
                    "{}: {} ({} / {}; {} {})",
                    u.unit,
                    format::rate(b.rate, lang),
                    count(u.achieved.get()),
                    count(u.target.get()),
                    s.col_gap.to_lowercase(),
                    count(u.gap()),
                ),
            }
        });
    let table = ChartTable {
        head: vec![
            s.col_unit.to_string(),
            s.col_rate.to_string(),
            s.col_achieved.to_string(),
            s.col_target.to_string(),
            s.col_gap.to_string(),
        ],
        rows: geo
            .bars
            .iter()
            .map(|b| {
                let u = &a.units[b.unit];
                vec![
                    u.unit.to_string(),
                    format::rate(b.rate, lang),
                    count(u.achieved.get()),
                    count(u.target.get()),
                    count(u.gap()),
                ]
            })
            .collect(),
        note: None,
    };
    let pct = |x: f64| format::count((x * 100.0 * 100.0).round() / 100.0, lang);
    let legend = html! { <>
        <span class="key target">{ s.chart_target_line }</span>
        <span class="key reached">{ "≥ 100%" }</span>
        <span class="key high">{ format!("{}–100%", pct(thresholds.high)) }</span>
        <span class="key medium">{ format!("{}–{}%", pct(thresholds.low), pct(thresholds.high)) }</span>
        <span class="key low">{ format!("< {}%", pct(thresholds.low)) }</span>
    </> };
    html! {
        <ChartFrame lang={props.lang} id="chart-rank" testid="rank-chart" title={title} desc={desc}
            width={geo.width} height={geo.height} dimmed={props.highlight.is_some()}
            {legend} {table} {tip}>
                { x_axis(&geo.ticks, rank::TOP, geo.height - rank::BOTTOM, |v| format!("{}%", format::number(v * 100.0, 0, lang))) }
                // The threshold bands behind the bars: low, medium, high up to 100%.
                <g class="bands" aria-hidden="true">
                    { for [("low", 0.0, thresholds.low), ("medium", thresholds.low, thresholds.high), ("high", thresholds.high, 1.0)]
                        .into_iter().map(|(class, from, to)| {
                            let at = |v: f64| geo.x0 + v.clamp(0.0, 1.0) * (geo.target_x - geo.x0);
                            html! {
                                <rect class={classes!("band", class)} x={format!("{:.2}", at(from))} y={(rank::TOP - 6.0).to_string()}
                                    width={format!("{:.2}", (at(to) - at(from)).max(0.0))}
                                    height={(geo.height - rank::BOTTOM - rank::TOP + 6.0).to_string()} />
                            }
                        }) }
                </g>
                { for geo.bars.iter().map(|b| {
                    let u = &a.units[b.unit];
                    let status = status_class(thresholds.status(b.rate));
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let ev = mark_events(&props.dispatch, &focus, b.unit, &u.unit);
                    html! {
                        <g class={classes!("bar", status, lit.then_some("highlight"))} tabindex="0"
                            role="button" aria-pressed={lit.to_string()} data-unit={u.unit.to_string()}
                            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
                            onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <title>{ format!("{}: {}", u.unit, format::rate(b.rate, lang)) }</title>
                            <text class="label" x={(geo.x0 - 8.0).to_string()} y={(b.y + mid).to_string()}
                                text-anchor="end" dominant-baseline="middle">{ truncate(&u.unit, 24) }</text>
                            <rect x={geo.x0.to_string()} y={(b.y + (rank::ROW_HEIGHT - rank::BAR_HEIGHT) / 2.0).to_string()}
                                width={format!("{:.2}", b.width)} height={rank::BAR_HEIGHT.to_string()} rx="2" />
                        </g>
                    }
                }) }
                if let (Some(n), Some(g)) = (left_out, gap_after) {
                    <text class="gap-note" x={geo.x0.to_string()}
                        y={(geo.bars[g].y + rank::ROW_HEIGHT * 1.5).to_string()}
                        dominant-baseline="middle">{ i18n::units_between(lang, n) }</text>
                }
                <g class="target-line">
                    <line x1={geo.target_x.to_string()} x2={geo.target_x.to_string()}
                        y1={(rank::TOP - 6.0).to_string()} y2={(geo.height - rank::BOTTOM).to_string()} />
                </g>
                // Values after the 100% line, so the line never strikes through them.
                <g class="values" aria-hidden="true">
                    { for geo.bars.iter().map(|b| {
                        let value = if b.rate.is_some() { format::rate(b.rate, lang) } else { s.no_rate.to_string() };
                        html! {
                            <text class="value" x={(geo.x0 + b.width + 6.0).to_string()} y={(b.y + mid).to_string()}
                                dominant-baseline="middle">{ value }</text>
                        }
                    }) }
                </g>
        </ChartFrame>
    }
}
