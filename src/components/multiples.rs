//! Small multiples: one small ranked chart per indicator, side by side, each with its 100%
//! line, so that a unit's place can be compared across indicators; clicking one's name shows
//! it in full.

use super::chart_frame::{mark_events, ChartFrame, ChartTable, Tip};
use super::results_table::status_class;
use crate::charts::rank::{self, layout_with_gap, top_and_bottom_of, truncate};
use crate::i18n::strings;
use crate::shared::Shared;
use crate::state::{Prefs, PrefsAction};
use attain_core::analysis::{Analysis, Thresholds};
use attain_core::report::{format, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MultiplesProps {
    pub analysis: Shared<Analysis>,
    pub thresholds: Thresholds,
    pub highlight: Option<String>,
    /// The indicator shown in full.
    pub indicator: usize,
    /// The language of the page.
    pub lang: Lang,
    /// Where the chart's clicks go (a unit highlighted, another indicator shown).
    pub dispatch: UseReducerDispatcher<Prefs>,
}

#[function_component(Multiples)]
pub fn multiples(props: &MultiplesProps) -> Html {
    let a = &props.analysis;
    if a.indicators.len() < 2 {
        return html! {};
    }
    let s = strings(props.lang);
    html! {
        <section class="multiples" data-testid="multiples" aria-label={s.multiples_title}>
            <h2>{ s.multiples_title }</h2>
            <div class="multiples-grid">
                { for (0..a.indicators.len()).map(|k| html! {
                    <Small analysis={a.clone()} indicator={k} current={k == props.indicator}
                        lang={props.lang} dispatch={props.dispatch.clone()}
                        thresholds={props.thresholds} highlight={props.highlight.clone()} />
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SmallProps {
    analysis: Shared<Analysis>,
    indicator: usize,
    current: bool,
    thresholds: Thresholds,
    highlight: Option<String>,
    lang: Lang,
    dispatch: UseReducerDispatcher<Prefs>,
}

/// One indicator's small ranked chart.
#[function_component(Small)]
fn small(props: &SmallProps) -> Html {
    let focus = use_state(|| None::<usize>);
    let Some(ind) = props.analysis.indicators.get(props.indicator) else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let k = props.indicator;
    let (shown, left_out) =
        top_and_bottom_of(&ind.rank_order(), ind.all.units, |i| ind.units[i].rate());
    let geo = layout_with_gap(&shown, left_out.map(|_| rank::MAX_BARS / 2 - 1));
    let st = props.dispatch.clone();
    let pick = Callback::from(move |_| st.dispatch(PrefsAction::SetIndicator(k)));
    let mid = rank::ROW_HEIGHT / 2.0;
    let total = format::rate(ind.total.rate(), lang);
    let caption = html! { <>
        <button type="button" class="link" onclick={pick}>{ &ind.name }</button>
        { format!(" · {total}") }
    </> };
    let tip = (*focus)
        .and_then(|u| geo.bars.iter().find(|b| b.unit == u))
        .map(|b| Tip {
            x: geo.x0 + 4.0,
            top: b.y,
            bottom: b.y + rank::ROW_HEIGHT,
            text: format!("{}: {}", ind.units[b.unit].unit, format::rate(b.rate, lang)),
        });
    let table = ChartTable {
        head: vec![s.col_unit.to_string(), s.col_rate.to_string()],
        rows: geo
            .bars
            .iter()
            .map(|b| {
                vec![
                    ind.units[b.unit].unit.to_string(),
                    format::rate(b.rate, lang),
                ]
            })
            .collect(),
        note: None,
    };
    html! {
        <ChartFrame lang={props.lang} id={format!("chart-multiple-{k}")} testid="multiple"
            class={classes!("small", props.current.then_some("current"))}
            title={format!("{} · {total}", ind.name)} {caption}
            desc={format!("{}: {}", s.multiples_title, ind.name)}
            width={geo.width} height={geo.height} dimmed={props.highlight.is_some()}
            {table} {tip}>
                { for geo.bars.iter().map(|b| {
                    let u = &ind.units[b.unit];
                    let lit = props.highlight.as_deref() == Some(u.unit.as_ref());
                    let status = status_class(props.thresholds.status(b.rate));
                    let ev = mark_events(&props.dispatch, &focus, b.unit, &u.unit);
                    html! {
                        <g class={classes!("bar", status, lit.then_some("highlight"))} data-unit={u.unit.to_string()}
                            onclick={ev.click} onmouseenter={ev.enter} onmouseleave={ev.leave}>
                            <title>{ format!("{}: {}", u.unit, format::rate(b.rate, lang)) }</title>
                            <text class="label" x={(geo.x0 - 8.0).to_string()} y={(b.y + mid).to_string()}
                                text-anchor="end" dominant-baseline="middle">{ truncate(&u.unit, 20) }</text>
                            <rect x={geo.x0.to_string()} y={(b.y + (rank::ROW_HEIGHT - rank::BAR_HEIGHT) / 2.0).to_string()}
                                width={format!("{:.2}", b.width)} height={rank::BAR_HEIGHT.to_string()} rx="2" />
                        </g>
                    }
                }) }
                <g class="target-line">
                    <line x1={geo.target_x.to_string()} x2={geo.target_x.to_string()}
                        y1={(rank::TOP - 6.0).to_string()} y2={(geo.height - rank::BOTTOM).to_string()} />
                </g>
        </ChartFrame>
    }
}
