//! Where the target's parts are mapped (activated / in processing / not in need): each unit's
//! target as one bar split into its parts.

use super::chart_frame::{mark_events, ChartFrame, ChartTable, IndicatorChartProps, Tip};
use crate::charts::rank::{truncate, BAR_HEIGHT, ROW_HEIGHT, TOP, WIDTH};
use crate::charts::stack::layout;
use crate::i18n::strings;
use attain_core::report::format;
use yew::prelude::*;

/// The part's last header level: "Kết quả › Đang xử lý" → "Đang xử lý".
fn short(name: &str) -> &str {
    name.rsplit(" \u{203a} ").next().unwrap_or(name)
}

#[function_component(StackChart)]
pub fn stack_chart(props: &IndicatorChartProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let Some(a) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    if a.part_names.len() < 2 {
        return html! {};
    }
    let lang = props.lang;
    let s = strings(lang);
    let units: Vec<(usize, f64, Vec<f64>)> = a
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            Some((
                i,
                u.target.get()?,
                u.parts.iter().map(|p| p.unwrap_or(0.0)).collect(),
            ))
        })
        .collect();
    let (stacks, height) = layout(&units);
    let x0 = crate::charts::rank::LABEL_WIDTH;
    let title = s.stack_title.replace("{ind}", &a.target_name);
    let tip_text = |st: &crate::charts::stack::Stack| {
        let u = &a.units[st.unit];
        let parts = st
            .segments
            .iter()
            .map(|g| {
                format!(
                    "{} {}",
                    short(&a.part_names[g.part]),
                    format::rate(Some(g.share), lang)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        format!("{}: {parts}", u.unit)
    };
    let tip = (*focus)
        .and_then(|u| stacks.iter().find(|st| st.unit == u))
        .map(|st| Tip {
            x: x0 + 4.0,
            top: st.y,
            bottom: st.y + ROW_HEIGHT,
            text: tip_text(st),
        });
    let mut head = vec![s.col_unit.to_string(), s.col_target.to_string()];
    head.extend(a.part_names.iter().map(|p| short(p).to_string()));
    let table = ChartTable {
        head,
        rows: stacks
            .iter()
            .map(|st| {
                let u = &a.units[st.unit];
                let mut row = vec![
                    u.unit.to_string(),
                    u.target
                        .get()
                        .map(|v| format::count(v, lang))
                        .unwrap_or_default(),
                ];
                row.extend(u.parts.iter().map(|p| {
                    p.map(|v| format::count(v, lang))
                        .unwrap_or_else(|| "—".into())
                }));
                row
            })
            .collect(),
        note: None,
    };
    let legend = html! { <>
        { for a.part_names.iter().enumerate().map(|(k, p)| html! {
            <span class={format!("key part-{}", k.min(5))}>{ format!("{} {}", short(p), format::rate(a.total.parts.get(k).map(|v| v / a.total.target).filter(|x| x.is_finite()), lang)) }</span>
        }) }
    </> };
    let desc = s.stack_desc.replace(
        "{parts}",
        &a.part_names
            .iter()
            .map(|p| short(p))
            .collect::<Vec<_>>()
            .join(", "),
    );
    html! {
        <ChartFrame lang={props.lang} id="chart-stack" testid="stack-chart" {title} {desc}
            width={WIDTH} height={height} dimmed={props.highlight.is_some()}
            {legend} {table} {tip}>
                { for stacks.iter().map(|st| {
                    let u = &a.units[st.unit];
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let ev = mark_events(&props.dispatch, &focus, st.unit, &u.unit);
                    html! {
                        <g class={classes!("stack", lit.then_some("highlight"))} tabindex="0" role="button"
                            aria-pressed={lit.to_string()} data-unit={u.unit.to_string()}
                            onclick={ev.click} onkeydown={ev.key} onfocus={ev.focus} onblur={ev.blur}
                            onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <title>{ tip_text(st) }</title>
                            <text class="label" x={(x0 - 8.0).to_string()} y={(st.y + ROW_HEIGHT / 2.0).to_string()}
                                text-anchor="end" dominant-baseline="middle">{ truncate(&u.unit, 24) }</text>
                            { for st.segments.iter().map(|g| html! {
                                <rect class={format!("part part-{}", g.part.min(5))} x={format!("{:.2}", g.x)}
                                    y={(st.y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0).to_string()}
                                    width={format!("{:.2}", g.width)} height={BAR_HEIGHT.to_string()} />
                            }) }
                        </g>
                    }
                }) }
                <text class="tick" x={x0.to_string()} y={(TOP - 10.0).to_string()}>{ "0%" }</text>
                <text class="tick" x={(WIDTH - crate::charts::stack::VALUE_WIDTH).to_string()} y={(TOP - 10.0).to_string()} text-anchor="end">{ "100%" }</text>
        </ChartFrame>
    }
}
