//! The map: the report's units as dots at their centres in the register (area by target,
//! colour by status), or a tile grid of the 34 provinces for a report of provinces; asked of
//! the worker once the register has placed the units. No boundary is drawn: none can be
//! shipped under a licence the page may carry.

use super::chart_frame::{mark_events, ChartFrame, ChartTable, Tip};
use super::results_table::status_class;
use crate::charts::map::{dots, tile_label, tiles, PAD, R_MAX, TILE_H, TILE_W};
use crate::i18n::strings;
use crate::shared::Shared;
use attain_core::analysis::Thresholds;
use attain_core::places::{MapPoint, MapView, PlacesView};
use attain_core::report::{format, Lang};
use attain_core::session::{Query, Reply};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MapChartProps {
    /// The units found in the register (the map is asked again when they change).
    pub places: Shared<PlacesView>,
    /// The report shown (the map is asked again for another).
    pub analysis: Shared<attain_core::Analysis>,
    /// The indicator drawn.
    pub indicator: usize,
    pub thresholds: Thresholds,
    /// The unit highlighted everywhere.
    pub highlight: Option<String>,
    pub lang: Lang,
    pub dispatch: yew::functional::UseReducerDispatcher<crate::state::Prefs>,
}

fn tip_text(p: &MapPoint, lang: Lang) -> String {
    let s = strings(lang);
    format!(
        "{} ({}): {} {} / {} ({})",
        p.unit,
        p.code,
        s.col_achieved.to_lowercase(),
        p.achieved.map_or("—".into(), |v| format::count(v, lang)),
        p.target.map_or("—".into(), |v| format::count(v, lang)),
        format::rate(p.rate, lang),
    )
}

fn table_of(map: &MapView, lang: Lang) -> ChartTable {
    let s = strings(lang);
    ChartTable {
        head: vec![
            s.col_unit.to_string(),
            s.map_code.to_string(),
            s.col_achieved.to_string(),
            s.col_target.to_string(),
            s.col_rate.to_string(),
        ],
        rows: map
            .points
            .iter()
            .map(|p| {
                vec![
                    p.unit.clone(),
                    p.code.clone(),
                    p.achieved.map_or("—".into(), |v| format::count(v, lang)),
                    p.target.map_or("—".into(), |v| format::count(v, lang)),
                    format::rate(p.rate, lang),
                ]
            })
            .collect(),
        note: None,
    }
}

/// A unit's mark (a dot or a tile): its status' colour, the highlight, the tooltip on focus or
/// hover, a click or Enter to highlight it everywhere.
fn mark(
    props: &MapChartProps,
    focus: &UseStateHandle<Option<usize>>,
    p: &MapPoint,
    i: usize,
    kind: &'static str,
    shape: Html,
) -> Html {
    let ev = mark_events(&props.dispatch, focus, i, &p.unit);
    let on = props.highlight.as_deref() == Some(p.unit.as_str());
    html! {
        <g class={classes!(kind, status_class(p.status), on.then_some("highlight"))}
            tabindex="0" role="button" aria-pressed={on.to_string()} data-unit={p.unit.clone()}
            data-code={p.code.clone()}
            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
            onmouseenter={ev.enter} onmouseleave={ev.leave}>
            <title>{ tip_text(p, props.lang) }</title>
            { shape }
        </g>
    }
}

#[function_component(MapChart)]
pub fn map_chart(props: &MapChartProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let map = use_state(|| None::<Rc<MapView>>);
    {
        let map = map.clone();
        let key = (
            props.places.id(),
            props.analysis.id(),
            props.indicator,
            props.thresholds,
        );
        use_effect_with(key, move |(_, _, indicator, thresholds)| {
            let query = Query::Map {
                indicator: *indicator,
                thresholds: *thresholds,
            };
            crate::reader::ask(query, move |reply| match reply {
                Some(Reply::Map(Some(m))) => map.set(Some(Rc::from(m))),
                _ => map.set(None),
            });
        });
    }
    let lang = props.lang;
    let s = strings(lang);
    let Some(m) = (*map).clone() else {
        return html! {};
    };
    if m.points.is_empty() {
        return html! {};
    }
    let name = props
        .analysis
        .indicators
        .get(props.indicator)
        .map_or("", |i| i.name.as_str());
    let title = s.map_title.replace("{ind}", name);
    let desc = s
        .map_desc
        .replace("{n}", &m.points.len().to_string())
        .replace(
            "{v}",
            &props
                .places
                .version
                .map_or(String::new(), |d| format::date(d, lang)),
        );
    let legend = html! { <>
        <span class="key reached">{ s.status_reached }</span>
        <span class="key high">{ s.status_high }</span>
        <span class="key medium">{ s.status_medium }</span>
        <span class="key low">{ s.status_low }</span>
        <span>{ if m.provinces.is_empty() { s.map_size } else { s.map_tiles } }</span>
        if m.left_out > 0 {
            <span data-testid="map-left-out">{ s.map_left_out
                .replace("{n}", &format::count(m.left_out as f64, lang))
                .replace("{max}", &format::count(attain_core::places::MAP_MOST as f64, lang)) }</span>
        }
        if m.unplaced > 0 {
            <span data-testid="map-unplaced">{ s.map_unplaced.replace("{n}", &m.unplaced.to_string()) }</span>
        }
        <span>{ s.map_no_borders }</span>
    </> };
    let table = table_of(&m, lang);
    let n = |v: f64| format!("{v:.1}");
    let lit = |p: &MapPoint| props.highlight.as_deref() == Some(p.unit.as_str());
    if !m.provinces.is_empty() {
        // A tile per province, those of the report coloured by status.
        let centres: Vec<(f64, f64)> = m.provinces.iter().map(|p| p.centre).collect();
        let grid = tiles(&centres);
        let cols = grid.iter().map(|t| t.col).max().unwrap_or(0) + 1;
        let rows = grid.iter().map(|t| t.row).max().unwrap_or(0) + 1;
        let (width, height) = (
            f64::from(cols) * TILE_W + 2.0 * PAD,
            f64::from(rows) * TILE_H + 2.0 * PAD,
        );
        let point_of = |code: &str| m.points.iter().position(|p| p.code == code);
        let tip = (*focus).and_then(|i| {
            let p = m.points.get(i)?;
            let t = grid.iter().find(|t| m.provinces[t.index].code == p.code)?;
            let y = PAD + f64::from(t.row) * TILE_H;
            Some(Tip {
                x: PAD + f64::from(t.col) * TILE_W + TILE_W / 2.0,
                top: y,
                bottom: y + TILE_H,
                text: tip_text(p, lang),
            })
        });
        return html! {
            <ChartFrame {lang} id="chart-map" testid="map-chart" {title} {desc} {width} {height}
                dimmed={props.highlight.is_some()} class={classes!("map")} {legend} {table} {tip}>
                { for grid.iter().map(|t| {
                    let province = &m.provinces[t.index];
                    let (x, y) = (PAD + f64::from(t.col) * TILE_W, PAD + f64::from(t.row) * TILE_H);
                    let (l1, l2) = tile_label(&province.name);
                    let label = html! { <>
                        <text class="tile-name" x={n(x + TILE_W / 2.0)} y={n(y + if l2.is_some() { 12.0 } else { 16.0 })} text-anchor="middle">{ l1 }</text>
                        if let Some(l2) = l2 {
                            <text class="tile-name" x={n(x + TILE_W / 2.0)} y={n(y + 22.0)} text-anchor="middle">{ l2 }</text>
                        }
                    </> };
                    match point_of(&province.code) {
                        Some(i) => mark(props, &focus, &m.points[i], i, "tile", html! { <>
                            <rect x={n(x + 1.0)} y={n(y + 1.0)} width={n(TILE_W - 2.0)} height={n(TILE_H - 2.0)} rx="3" />
                            { label }
                            <text class="tile-rate" x={n(x + TILE_W / 2.0)} y={n(y + TILE_H - 5.0)} text-anchor="middle">{ format::rate(m.points[i].rate, lang) }</text>
                        </> }),
                        None => html! {
                            <g class="tile absent" data-code={province.code.clone()}>
                                <title>{ format!("{}: {}", province.name, s.map_absent) }</title>
                                <rect x={n(x + 1.0)} y={n(y + 1.0)} width={n(TILE_W - 2.0)} height={n(TILE_H - 2.0)} rx="3" />
                                { label }
                            </g>
                        },
                    }
                }) }
            </ChartFrame>
        };
    }
    let input: Vec<((f64, f64), Option<f64>)> =
        m.points.iter().map(|p| (p.centre, p.target)).collect();
    let geo = dots(&input);
    let tip = (*focus).and_then(|i| {
        let d = geo.dots.iter().find(|d| d.index == i)?;
        Some(Tip {
            x: d.x,
            top: d.y - d.r,
            bottom: d.y + d.r,
            text: tip_text(&m.points[i], lang),
        })
    });
    // The highlighted unit's name beside its dot.
    let named = geo
        .dots
        .iter()
        .find(|d| lit(&m.points[d.index]))
        .map(|d| (d.clone(), m.points[d.index].unit.clone()));
    html! {
        <ChartFrame {lang} id="chart-map" testid="map-chart" {title} {desc} width={geo.width} height={geo.height}
            dimmed={props.highlight.is_some()} class={classes!("map")} {legend} {table} {tip}>
            { for geo.dots.iter().map(|d| mark(props, &focus, &m.points[d.index], d.index, "dot",
                html! { <circle cx={n(d.x)} cy={n(d.y)} r={n(d.r)} /> })) }
            if let Some((d, name)) = named {
                <text class="label" x={n(d.x + d.r.max(R_MAX / 4.0) + 4.0)} y={n(d.y)} dominant-baseline="middle">{ name }</text>
            }
        </ChartFrame>
    }
}
