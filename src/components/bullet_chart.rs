//! A bullet per unit: what it achieved over its own target, the gap (or surplus) written
//! beside it; on one count scale, so big and small units compare. Linked by the highlight.

use super::chart_frame::{mark_events, x_axis, ChartFrame, ChartTable, IndicatorChartProps, Tip};
use super::results_table::status_class;
use crate::charts::bullet::layout;
use crate::charts::rank::{truncate, BAR_HEIGHT, BOTTOM, ROW_HEIGHT, TOP};
use crate::i18n::strings;
use attain_core::report::format;
use yew::prelude::*;

#[function_component(BulletChart)]
pub fn bullet_chart(props: &IndicatorChartProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    // The first rows that can be drawn, in rank order, and how many there are in all (a pass
    // without a copy: a million units are counted, forty drawn).
    let drawable = |i: usize| {
        let u = &a.units[i];
        let (done, target) = (u.achieved.get()?, u.target.get()?);
        (done.is_finite() && target.is_finite() && target > 0.0).then_some((i, done, target))
    };
    let mut rows: Vec<(usize, f64, f64)> = Vec::new();
    let mut all = 0;
    for row in a.rank_order().iter().filter_map(|&i| drawable(i)) {
        all += 1;
        if rows.len() < crate::charts::bullet::MAX_ROWS {
            rows.push(row);
        }
    }
    let mut geo = layout(&rows);
    // Counted over all the units (the page holds those the charts draw).
    geo.left_out = a.all.bullets.max(all) - rows.len();
    if geo.bullets.is_empty() {
        return html! {};
    }
    let track = BAR_HEIGHT;
    let bar = BAR_HEIGHT / 3.0;
    let count = |v: Option<f64>| {
        v.map(|v| format::count(v, lang))
            .unwrap_or_else(|| "—".into())
    };
    let remains = |gap: f64| {
        if gap > 0.0 {
            s.bullet_gap.replace("{n}", &format::count(gap, lang))
        } else {
            s.bullet_surplus.replace("{n}", &format::count(-gap, lang))
        }
    };
    let tip = (*focus)
        .and_then(|u| geo.bullets.iter().find(|b| b.unit == u))
        .map(|b| {
            let u = &a.units[b.unit];
            Tip {
                x: geo.x0 + 4.0,
                top: b.y,
                bottom: b.y + ROW_HEIGHT,
                text: format!(
                    "{}: {} / {} ({}); {}",
                    u.unit,
                    count(u.achieved.get()),
                    count(u.target.get()),
                    format::rate(u.rate(), lang),
                    remains(b.gap)
                ),
            }
        });
    let table = ChartTable {
        head: vec![
            s.col_unit.to_string(),
            s.col_achieved.to_string(),
            s.col_target.to_string(),
            s.col_rate.to_string(),
            s.col_gap.to_string(),
        ],
        rows: geo
            .bullets
            .iter()
            .map(|b| {
                let u = &a.units[b.unit];
                vec![
                    u.unit.to_string(),
                    count(u.achieved.get()),
                    count(u.target.get()),
                    format::rate(u.rate(), lang),
                    format::count(b.gap, lang),
                ]
            })
            .collect(),
        note: None,
    };
    let legend = html! { <>{ s.bullet_note }</> };
    html! {
        <ChartFrame lang={props.lang} id="chart-bullet" testid="bullet-chart" title={s.bullet_title.replace("{ind}", &a.name)}
            desc={s.bullet_desc} width={geo.width} height={geo.height} dimmed={props.highlight.is_some()}
            {legend} {table} {tip}>
                { x_axis(&geo.ticks, TOP, geo.height - BOTTOM, |v| format::count(v, lang)) }
                { for geo.bullets.iter().map(|b| {
                    let u = &a.units[b.unit];
                    let status = status_class(props.thresholds.status(u.rate()));
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let ev = mark_events(&props.dispatch, &focus, b.unit, &u.unit);
                    let mid = b.y + ROW_HEIGHT / 2.0;
                    let end = geo.x0 + b.target_w.max(b.achieved_w);
                    html! {
                        <g class={classes!("bullet", status, lit.then_some("highlight"))} tabindex="0" role="button"
                            aria-pressed={lit.to_string()} data-unit={u.unit.to_string()}
                            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
                            onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <title>{ format!("{}: {} / {} ({})", u.unit, count(u.achieved.get()), count(u.target.get()), format::rate(u.rate(), lang)) }</title>
                            <text class="label" x={(geo.x0 - 8.0).to_string()} y={mid.to_string()} text-anchor="end" dominant-baseline="middle">{ truncate(&u.unit, 24) }</text>
                            <rect class="track" x={geo.x0.to_string()} y={(mid - track / 2.0).to_string()} width={format!("{:.2}", b.target_w)} height={track.to_string()} />
                            <rect class="done" x={geo.x0.to_string()} y={(mid - bar / 2.0).to_string()} width={format!("{:.2}", b.achieved_w)} height={bar.to_string()} />
                            <line class="mark" x1={format!("{:.2}", geo.x0 + b.target_w)} x2={format!("{:.2}", geo.x0 + b.target_w)}
                                y1={(mid - track / 2.0 - 2.0).to_string()} y2={(mid + track / 2.0 + 2.0).to_string()} />
                            <text class="value" x={format!("{:.1}", end + 6.0)} y={mid.to_string()} dominant-baseline="middle">{ remains(b.gap) }</text>
                        </g>
                    }
                }) }
        </ChartFrame>
    }
}
