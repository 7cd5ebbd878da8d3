//! The trend to the deadline: what the whole achieved at each reporting date against its
//! target, the pace needed from the last date to reach the target by the deadline, and where
//! the recent pace leads; and the same for the unit the user clicked (asked of the worker).

use super::chart_frame::{ChartFrame, ChartTable};
use crate::charts::burnup::{layout, Burnup, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use crate::i18n::strings;
use crate::shared::Shared;
use attain_core::analysis::trend::{Point, Trend};
use attain_core::dates::Date;
use attain_core::report::{format, Lang};
use attain_core::session::{Query, Reply};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BurnupChartProps {
    pub trend: Shared<Trend>,
    /// The indicator's name.
    pub indicator: AttrValue,
    pub deadline: Option<Date>,
    /// The unit clicked: its own burn-up under the whole's.
    pub highlight: Option<String>,
    pub lang: Lang,
}

/// One burn-up drawn: the target line, the achieved line and marks, the pace needed and the
/// projection, the axes.
fn draw(geo: &Burnup, lang: Lang) -> Html {
    let n = |v: f64| format!("{v:.1}");
    let s = strings(lang);
    let path: String = geo
        .marks
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { " L" }, m.x, m.y))
        .collect();
    html! { <>
        <g class="axis y">
            { for geo.y_ticks.iter().map(|t| html! {
                <g>
                    <line class="grid" x1={n(LEFT)} x2={n(WIDTH - RIGHT + 8.0)} y1={n(t.x)} y2={n(t.x)} />
                    <text x={n(LEFT - 6.0)} y={n(t.x)} text-anchor="end" dominant-baseline="middle">{ format::count(t.value, lang) }</text>
                </g>
            }) }
        </g>
        <g class="axis x">
            { for geo.x_ticks.iter().map(|(x, d)| html! {
                <text x={n(*x)} y={n(HEIGHT - BOTTOM + 16.0)} text-anchor="middle">{ format::date(*d, lang) }</text>
            }) }
        </g>
        if let Some((d, x)) = geo.deadline {
            <g class="deadline-line">
                <line x1={n(x)} x2={n(x)} y1={n(TOP)} y2={n(HEIGHT - BOTTOM)} />
                <title>{ format::date(d, lang) }</title>
            </g>
        }
        if let Some((t, y)) = geo.target {
            <g class="target-line">
                <line x1={n(LEFT)} x2={n(WIDTH - RIGHT)} y1={n(y)} y2={n(y)} />
                <text x={n(WIDTH - RIGHT + 4.0)} y={n(y)} dominant-baseline="middle">{ format::count(t, lang) }</text>
            </g>
        }
        if let Some((seg, per_day)) = geo.needed {
            <g class="needed" data-testid="burnup-needed">
                <line x1={n(seg.x1)} y1={n(seg.y1)} x2={n(seg.x2)} y2={n(seg.y2)} />
                <title>{ s.trend_needed.replace("{n}", &format::count(per_day.round(), lang)) }</title>
            </g>
        }
        if let Some((seg, _, reached)) = geo.projection {
            <g class="projection" data-testid="burnup-projection" data-value={format!("{reached}")}>
                <line x1={n(seg.x1)} y1={n(seg.y1)} x2={n(seg.x2)} y2={n(seg.y2)} />
                <text x={n(seg.x2 + 4.0)} y={n(seg.y2)} dominant-baseline="middle">{ format::count(reached.round(), lang) }</text>
            </g>
        }
        <path class="achieved" d={path} />
        { for geo.marks.iter().map(|m| html! {
            <circle class="mark" cx={n(m.x)} cy={n(m.y)} r="4" data-value={format!("{}", m.achieved)}>
                <title>{ format!("{}: {} / {} ({})", format::date(m.date, lang), format::count(m.achieved, lang),
                    m.target.map(|t| format::count(t, lang)).unwrap_or_else(|| "—".into()),
                    format::rate(m.target.filter(|t| *t != 0.0).map(|t| m.achieved / t), lang)) }</title>
            </circle>
        }) }
    </> }
}

/// The figures under a burn-up: each date's achieved, target and rate, then the pace needed
/// and the projection.
fn table_of(dates: &[Date], points: &[Point], geo: &Burnup, lang: Lang) -> ChartTable {
    let s = strings(lang);
    let mut rows: Vec<Vec<String>> = dates
        .iter()
        .zip(points)
        .map(|(d, p)| {
            vec![
                format::date(*d, lang),
                p.achieved.map_or("—".into(), |v| format::count(v, lang)),
                p.target.map_or("—".into(), |v| format::count(v, lang)),
                format::rate(p.rate(), lang),
            ]
        })
        .collect();
    if let (Some((d, _)), Some((_, per_day))) = (geo.deadline, geo.needed) {
        rows.push(vec![
            format::date(d, lang),
            s.trend_needed
                .replace("{n}", &format::count(per_day.round(), lang)),
            String::new(),
            String::new(),
        ]);
    }
    if let (Some((d, _)), Some((_, pace, reached))) = (geo.deadline, geo.projection) {
        rows.push(vec![
            format::date(d, lang),
            s.trend_projection
                .replace("{n}", &format::count(pace.round(), lang))
                .replace("{p}", &format::count(reached.round(), lang))
                .replace("{d}", &format::date(d, lang)),
            String::new(),
            String::new(),
        ]);
    }
    ChartTable {
        head: vec![
            s.trend_date.to_string(),
            s.col_achieved.to_string(),
            s.col_target.to_string(),
            s.col_rate.to_string(),
        ],
        rows,
        note: None,
    }
}

#[function_component(BurnupChart)]
pub fn burnup_chart(props: &BurnupChartProps) -> Html {
    let lang = props.lang;
    let s = strings(lang);
    // The clicked unit's figures at every date, asked of the worker.
    let unit_points = use_state(|| None::<(String, Vec<Point>)>);
    {
        let unit_points = unit_points.clone();
        let key = (
            props.highlight.clone(),
            props.indicator.clone(),
            props.trend.id(),
        );
        use_effect_with(key, move |(unit, indicator, _)| match unit {
            Some(unit) => {
                let (name, query) = (
                    unit.clone(),
                    Query::Trend {
                        indicator: indicator.to_string(),
                        unit: unit.clone(),
                    },
                );
                crate::reader::ask(query, move |reply| match reply {
                    Some(Reply::Trend(Some(points))) => {
                        unit_points.set(Some((name.clone(), points)))
                    }
                    _ => unit_points.set(None),
                });
            }
            None => unit_points.set(None),
        });
    }
    let Some(line) = props
        .trend
        .whole
        .iter()
        .find(|l| l.name == props.indicator.as_str())
    else {
        return html! {};
    };
    let dates = &props.trend.dates;
    let pairs = |p: &[Point]| -> Vec<(Option<f64>, Option<f64>)> {
        p.iter().map(|x| (x.achieved, x.target)).collect()
    };
    let Some(geo) = layout(dates, &pairs(&line.points), props.deadline) else {
        return html! {};
    };
    let title = s.trend_title.replace("{ind}", &line.name);
    let table = table_of(dates, &line.points, &geo, lang);
    let legend = html! { <>
        <span class="key achieved">{ s.col_achieved }</span>
        <span class="key target">{ s.col_target }</span>
        if let Some((_, per_day)) = geo.needed {
            <span class="key needed">{ s.trend_needed.replace("{n}", &format::count(per_day.round(), lang)) }</span>
        }
        if let (Some((d, _)), Some((_, pace, reached))) = (geo.deadline, geo.projection) {
            <span class="key projection">{ s.trend_projection
                .replace("{n}", &format::count(pace.round(), lang))
                .replace("{p}", &format::count(reached.round(), lang))
                .replace("{d}", &format::date(d, lang)) }</span>
        }
    </> };
    let unit = (*unit_points).as_ref().and_then(|(name, points)| {
        let geo = layout(dates, &pairs(points), props.deadline)?;
        Some((name.clone(), geo, points.clone()))
    });
    html! { <>
        <ChartFrame {lang} id="chart-burnup" testid="burnup-chart" title={title} desc={s.trend_desc}
            width={WIDTH} height={HEIGHT} dimmed={false} class={classes!("burnup")} {legend} {table} tip={None::<super::chart_frame::Tip>}>
            { draw(&geo, lang) }
        </ChartFrame>
        if let Some((name, geo, points)) = unit {
            <ChartFrame {lang} id="chart-burnup-unit" testid="burnup-unit-chart"
                title={s.trend_unit_title.replace("{unit}", &name)} desc={s.trend_desc}
                width={WIDTH} height={HEIGHT} dimmed={false} class={classes!("burnup")}
                table={table_of(dates, &points, &geo, lang)} tip={None::<super::chart_frame::Tip>}>
                { draw(&geo, lang) }
            </ChartFrame>
        } else {
            <p class="chart-hint">{ s.trend_pick_unit }</p>
        }
    </> }
}
