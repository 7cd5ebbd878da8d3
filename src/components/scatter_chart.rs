//! Target size against rate: one dot per unit. The big units below the whole's rate stand out
//! and are named; the same highlight as the other views.

use super::chart_frame::{mark_events, ChartFrame, ChartTable, IndicatorChartProps, Tip};
use super::results_table::status_class;
use crate::charts::scatter::{layout, points_of, HEIGHT, LEFT, RIGHT, WIDTH};
use crate::i18n::strings;
use attain_core::report::format;
use yew::prelude::*;

/// The most dots drawn.
pub const MAX_DOTS: usize = attain_core::analysis::drawn::SCATTER_DOTS;
/// The most rows in the chart's table.
const TABLE_ROWS: usize = 200;

#[function_component(ScatterChart)]
pub fn scatter_chart(props: &IndicatorChartProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let (points, all) = points_of(a, MAX_DOTS);
    if points.len() < 3 {
        return html! {};
    }
    let geo = layout(&points, a.total.rate());
    let title = s.scatter_title.replace("{ind}", &a.name);
    let named: Vec<String> = geo
        .dots
        .iter()
        .filter(|d| d.labelled)
        .map(|d| a.units[d.unit].unit.to_string())
        .collect();
    let desc = s.scatter_desc.replace("{names}", &named.join(", "));
    let tip_text = |d: &crate::charts::scatter::Dot| {
        let u = &a.units[d.unit];
        format!(
            "{}: {} {}, {} {}",
            u.unit,
            s.col_target.to_lowercase(),
            format::count(d.target, lang),
            s.col_rate.to_lowercase(),
            format::rate(Some(d.rate), lang)
        )
    };
    let tip = (*focus)
        .and_then(|u| geo.dots.iter().find(|d| d.unit == u))
        .map(|d| Tip {
            x: d.x + 8.0,
            top: d.y - 8.0,
            bottom: d.y + 8.0,
            text: tip_text(d),
        });
    // The table: the dots by target, largest first (the units that weigh most on the whole).
    let mut by_target: Vec<&crate::charts::scatter::Dot> = geo.dots.iter().collect();
    by_target.sort_by(|x, y| y.target.total_cmp(&x.target));
    let listed = by_target.len().min(TABLE_ROWS);
    let table = ChartTable {
        head: vec![
            s.col_unit.to_string(),
            s.col_target.to_string(),
            s.col_rate.to_string(),
        ],
        rows: by_target[..listed]
            .iter()
            .map(|d| {
                vec![
                    a.units[d.unit].unit.to_string(),
                    format::count(d.target, lang),
                    format::rate(Some(d.rate), lang),
                ]
            })
            .collect(),
        note: (by_target.len() > listed).then(|| {
            s.chart_data_largest
                .replace("{n}", &format::count(listed as f64, lang))
                .replace("{all}", &format::count(by_target.len() as f64, lang))
        }),
    };
    let legend = html! { <>
        { s.scatter_note }
        if all > MAX_DOTS {
            { format!(" {}", s.scatter_largest.replace("{n}", &format::count(MAX_DOTS as f64, lang)).replace("{all}", &format::count(all as f64, lang))) }
        }
    </> };
    html! {
        <ChartFrame lang={props.lang} id="chart-scatter" testid="scatter-chart" {title} {desc}
            width={WIDTH} height={HEIGHT} dimmed={props.highlight.is_some()}
            {legend} {table} {tip}>
                <g class="axis">
                    { for geo.y_ticks.iter().map(|(y, v)| html! {
                        <g>
                            <line class="grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.to_string()} y2={y.to_string()} />
                            <text class="tick" x={(LEFT - 6.0).to_string()} y={y.to_string()} text-anchor="end" dominant-baseline="middle">
                                { format!("{}%", format::number(v * 100.0, 0, lang)) }
                            </text>
                        </g>
                    }) }
                    { for geo.x_ticks.iter().map(|(x, v)| html! {
                        <text class="tick" x={x.to_string()} y={(HEIGHT - 22.0).to_string()} text-anchor="middle">{ format::count(*v, lang) }</text>
                    }) }
                    <text class="tick" x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ s.col_target }</text>
                </g>
                <g class="target-line">
                    <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={geo.target_y.to_string()} y2={geo.target_y.to_string()} />
                </g>
                if let Some(w) = geo.whole_y {
                    <g class="whole-line">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={w.to_string()} y2={w.to_string()} />
                        <text class="tick" x={(LEFT + 4.0).to_string()} y={(w - 4.0).to_string()} text-anchor="start">
                            { format!("{} {}", s.total, format::rate(a.total.rate(), lang)) }
                        </text>
                    </g>
                }
                { for geo.dots.iter().map(|d| {
                    let u = &a.units[d.unit];
                    let status = status_class(props.thresholds.status(Some(d.rate)));
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let ev = mark_events(&props.dispatch, &focus, d.unit, &u.unit);
                    html! {
                        // Named by an attribute rather than a <title> child: up to 1,500 dots,
                        // two nodes fewer each; the tooltip shows the same text.
                        <g class={classes!("dot", status, lit.then_some("highlight"))} tabindex="0" role="button"
                            aria-pressed={lit.to_string()} aria-label={tip_text(d)} data-unit={u.unit.to_string()}
                            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
                            onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <circle cx={format!("{:.1}", d.x)} cy={format!("{:.1}", d.y)} r="5" />
                            if (d.labelled || lit) && (d.label_y - d.y).abs() > 3.0 {
                                <line class="leader" x1={format!("{:.1}", d.x + 4.0)} y1={format!("{:.1}", d.y + 3.0)}
                                    x2={format!("{:.1}", d.x + 7.0)} y2={format!("{:.1}", d.label_y - 3.0)} />
                            }
                            if d.labelled || lit {
                                <text class="label" x={format!("{:.1}", d.x + 8.0)} y={format!("{:.1}", d.label_y)} dominant-baseline="middle">{ &u.unit }</text>
                            }
                        </g>
                    }
                }) }
        </ChartFrame>
    }
}
