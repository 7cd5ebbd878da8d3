//! The rate of each unit at the previous reporting date and now, joined by a line: who moved,
//! and how far.

use super::AppContext;
use crate::charts::dumbbell::layout;
use crate::charts::rank::{truncate, BOTTOM, TOP};
use crate::i18n::strings;
use attain_core::analysis::series::Comparison;
use attain_core::report::format;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct DumbbellChartProps {
    pub comparison: Rc<Comparison>,
    /// The indicator's name (the comparison's indicators are matched by name).
    pub indicator: AttrValue,
    pub highlight: Option<String>,
}

impl PartialEq for DumbbellChartProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.comparison, &o.comparison)
            && self.indicator == o.indicator
            && self.highlight == o.highlight
    }
}

#[function_component(DumbbellChart)]
pub fn dumbbell_chart(props: &DumbbellChartProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let Some(ind) = props
        .comparison
        .indicators
        .iter()
        .find(|i| i.name == props.indicator.as_str())
    else {
        return html! {};
    };
    let lang = state.lang;
    let s = strings(lang);
    let pairs: Vec<(usize, f64, f64)> = ind
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((i, u.change.rate_before?, u.change.rate?)))
        .collect();
    if pairs.is_empty() {
        return html! {};
    }
    let geo = layout(&pairs);
    let c = &props.comparison;
    let title = s
        .dumbbell_title
        .replace("{ind}", &ind.name)
        .replace("{from}", &c.from.dmy())
        .replace("{to}", &c.to.dmy());
    html! {
        <figure class="chart" data-testid="dumbbell-chart">
            <figcaption id="dumbbell-title">{ &title }</figcaption>
            <svg class={classes!(props.highlight.is_some().then_some("dimmed"))}
                viewBox={format!("0 0 {} {}", geo.width, geo.height)} width="100%" role="img"
                aria-labelledby="dumbbell-title dumbbell-desc" preserveAspectRatio="xMinYMin meet">
                <desc id="dumbbell-desc">{ s.dumbbell_desc.replace("{from}", &c.from.dmy()).replace("{to}", &c.to.dmy()) }</desc>
                <g class="axis">
                    { for geo.ticks.iter().map(|t| html! {
                        <g>
                            <line class="grid" x1={t.x.to_string()} x2={t.x.to_string()}
                                y1={(TOP - 6.0).to_string()} y2={(geo.height - BOTTOM).to_string()} />
                            <text class="tick" x={t.x.to_string()} y={(TOP - 10.0).to_string()} text-anchor="middle">
                                { format!("{}%", format::number(t.value * 100.0, 0, lang)) }
                            </text>
                        </g>
                    }) }
                </g>
                <g class="target-line">
                    <line x1={geo.target_x.to_string()} x2={geo.target_x.to_string()}
                        y1={(TOP - 6.0).to_string()} y2={(geo.height - BOTTOM).to_string()} />
                </g>
                { for geo.bells.iter().map(|b| {
                    let u = &ind.units[b.unit];
                    let lit = props.highlight.as_deref() == Some(u.unit.as_str());
                    let (onclick, onkeydown) = super::highlight_handlers(&state, &u.unit);
                    let change = format!("{}{}", if b.change_pp > 0.0 { "+" } else { "" }, format::number(b.change_pp, 2, lang));
                    let tip = format!("{}: {} → {} ({change})", u.unit,
                        format::rate(u.change.rate_before, lang), format::rate(u.change.rate, lang));
                    html! {
                        <g class={classes!("bell", lit.then_some("highlight"), (b.change_pp < 0.0).then_some("down"))}
                            tabindex="0" role="button" aria-pressed={lit.to_string()} data-unit={u.unit.clone()} {onclick} {onkeydown}>
                            <title>{ tip }</title>
                            <text class="label" x={(geo.x0 - 8.0).to_string()} y={b.y.to_string()} text-anchor="end" dominant-baseline="middle">
                                { truncate(&u.unit, 24) }
                            </text>
                            <line class="link" x1={format!("{:.1}", b.x_before)} x2={format!("{:.1}", b.x_now)} y1={b.y.to_string()} y2={b.y.to_string()} />
                            <circle class="before" cx={format!("{:.1}", b.x_before)} cy={b.y.to_string()} r="5" />
                            <circle class="now" cx={format!("{:.1}", b.x_now)} cy={b.y.to_string()} r="5" />
                            <text class="value" x={format!("{:.1}", b.x_now.max(b.x_before) + 10.0)} y={b.y.to_string()} dominant-baseline="middle">{ change }</text>
                        </g>
                    }
                }) }
            </svg>
            <p class="legend">
                <span class="key before">{ c.from.dmy() }</span>
                <span class="key now">{ c.to.dmy() }</span>
                <span>{ s.dumbbell_note }</span>
            </p>
        </figure>
    }
}
