//! What every chart has around its marks: the title and the description the screen reader
//! reads, the SVG with its tooltip, the legend with the SVG/PNG download, and the same figures
//! as a table (folded away until asked for). Each chart draws only its marks and says what the
//! tooltip and the table hold.

use super::export::ChartExport;
use crate::charts::rank::Tick;
use crate::i18n::strings;
use crate::shared::Shared;
use crate::state::Prefs;
use attain_core::analysis::{Analysis, Thresholds};
use attain_core::report::Lang;
use web_sys::{FocusEvent, KeyboardEvent, MouseEvent};
use yew::functional::UseReducerDispatcher;
use yew::prelude::*;

/// What the charts of one indicator draw from (ranked, gap, bullet, scatter, parts).
#[derive(Properties, PartialEq)]
pub struct IndicatorChartProps {
    pub analysis: Shared<Analysis>,
    /// The indicator drawn.
    pub indicator: usize,
    pub thresholds: Thresholds,
    /// The unit highlighted everywhere.
    pub highlight: Option<String>,
    /// The language of the page.
    pub lang: Lang,
    /// Where the chart's clicks go (a unit highlighted, another indicator shown).
    pub dispatch: UseReducerDispatcher<Prefs>,
}

/// The vertical grid lines of a horizontal axis from `top` to `bottom`, each tick's value
/// written above the plot by `label`.
pub fn x_axis(ticks: &[Tick], top: f64, bottom: f64, label: impl Fn(f64) -> String) -> Html {
    html! {
        <g class="axis">
            { for ticks.iter().map(|t| html! {
                <g>
                    <line class="grid" x1={t.x.to_string()} x2={t.x.to_string()}
                        y1={(top - 6.0).to_string()} y2={bottom.to_string()} />
                    <text class="tick" x={t.x.to_string()} y={(top - 10.0).to_string()}
                        text-anchor="middle">{ label(t.value) }</text>
                </g>
            }) }
        </g>
    }
}

/// The tooltip of the mark under the pointer or the keyboard focus: where the mark is (in the
/// SVG's own units) and what it says.
#[derive(Clone, PartialEq, Debug)]
pub struct Tip {
    pub x: f64,
    /// The top and bottom of the mark: the tooltip goes below it, or above when there is no
    /// room below.
    pub top: f64,
    pub bottom: f64,
    pub text: String,
}

/// The chart's figures as a table: what a screen reader, a keyboard user or a person who
/// wants the exact numbers reads instead of the picture.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct ChartTable {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Said under the table (which rows it holds when not all).
    pub note: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct ChartFrameProps {
    /// The figure's element id: its title and description ids and its export derive from it.
    pub id: AttrValue,
    pub testid: AttrValue,
    pub title: AttrValue,
    /// Replaces the plain title in the caption (small multiples put a button there).
    #[prop_or_default]
    pub caption: Option<Html>,
    pub desc: AttrValue,
    pub width: f64,
    pub height: f64,
    /// A unit is highlighted: the other marks are dimmed.
    pub dimmed: bool,
    #[prop_or_default]
    pub class: Classes,
    /// The marks, axes and lines: the SVG's content.
    pub children: Html,
    #[prop_or_default]
    pub legend: Html,
    pub table: ChartTable,
    pub tip: Option<Tip>,
    /// The language of the page.
    pub lang: Lang,
}

/// Characters' average width at the tooltip's 12 px, for sizing its box.
const TIP_CHAR: f64 = 6.9;
const TIP_HEIGHT: f64 = 22.0;

#[function_component(ChartFrame)]
pub fn chart_frame(p: &ChartFrameProps) -> Html {
    // The table's rows are drawn once it is opened: folded, they would only add to the first
    // draw of a large report (up to 200 rows per chart) and nobody would see them.
    let table_open = use_state(|| false);
    let ontoggle = {
        let open = table_open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let s = strings(p.lang);
    let title_id = format!("{}-title", p.id);
    let desc_id = format!("{}-desc", p.id);
    let tip = p.tip.as_ref().map(|t| {
        let width = 16.0 + t.text.chars().count() as f64 * TIP_CHAR;
        let x = t.x.min(p.width - width - 2.0).max(2.0);
        let y = if t.bottom + 4.0 + TIP_HEIGHT <= p.height {
            t.bottom + 4.0
        } else {
            (t.top - 4.0 - TIP_HEIGHT).max(0.0)
        };
        html! {
            <g class="tooltip" data-testid="chart-tooltip" aria-hidden="true" pointer-events="none">
                <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={format!("{width:.0}")} height={TIP_HEIGHT.to_string()} rx="4" />
                <text x={format!("{:.1}", x + 8.0)} y={format!("{:.1}", y + TIP_HEIGHT / 2.0)} dominant-baseline="middle">{ &t.text }</text>
            </g>
        }
    });
    html! {
        <figure id={p.id.clone()} class={classes!("chart", p.class.clone())} data-testid={p.testid.clone()}>
            <figcaption id={title_id.clone()}>
                if let Some(c) = &p.caption { { c.clone() } } else { { &p.title } }
            </figcaption>
            <svg class={classes!(p.dimmed.then_some("dimmed"))}
                viewBox={format!("0 0 {} {}", p.width, p.height)} width="100%"
                role="img" aria-labelledby={format!("{title_id} {desc_id}")}
                preserveAspectRatio="xMinYMin meet">
                <desc id={desc_id}>{ &p.desc }</desc>
                { p.children.clone() }
                { tip.unwrap_or_default() }
            </svg>
            <p class="legend">
                <ChartExport chart={p.id.clone()} file={format!("attain-{}", p.id.trim_start_matches("chart-"))}
                    width={p.width} height={p.height} lang={p.lang} />
                { p.legend.clone() }
            </p>
            if !p.table.rows.is_empty() {
                <details class="chart-data" data-testid="chart-data" {ontoggle}>
                    <summary>{ s.chart_data }</summary>
                    <table>
                        <caption class="visually-hidden">{ &p.title }</caption>
                        <thead><tr>{ for p.table.head.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                        <tbody>
                            { for p.table.rows.iter().take(if *table_open { usize::MAX } else { 0 }).map(|r| html! {
                                <tr>{ for r.iter().enumerate().map(|(k, c)| if k == 0 {
                                    html! { <th scope="row">{ c }</th> }
                                } else {
                                    html! { <td>{ c }</td> }
                                }) }</tr>
                            }) }
                        </tbody>
                    </table>
                    if let Some(n) = &p.table.note { <p class="note">{ n }</p> }
                </details>
            }
        </figure>
    }
}

/// What a chart mark does: a click or Enter/Space highlights its unit everywhere (again
/// clears it); hovering or focusing it shows its tooltip.
pub struct MarkEvents {
    pub click: Callback<MouseEvent>,
    pub key: Callback<KeyboardEvent>,
    pub focus: Callback<FocusEvent>,
    pub blur: Callback<FocusEvent>,
    pub enter: Callback<MouseEvent>,
    pub leave: Callback<MouseEvent>,
}

/// The events of the mark of unit `unit` (its index `index` in the chart's own list).
pub fn mark_events(
    prefs: &UseReducerDispatcher<Prefs>,
    focus: &UseStateHandle<Option<usize>>,
    index: usize,
    unit: &str,
) -> MarkEvents {
    let (click, key) = super::highlight_handlers(prefs, unit);
    let set = |value: Option<usize>| {
        let f = focus.clone();
        move || f.set(value)
    };
    let (on, off, on2, off2) = (set(Some(index)), set(None), set(Some(index)), set(None));
    MarkEvents {
        click,
        key,
        focus: Callback::from(move |_: FocusEvent| on()),
        blur: Callback::from(move |_: FocusEvent| off()),
        enter: Callback::from(move |_: MouseEvent| on2()),
        leave: Callback::from(move |_: MouseEvent| off2()),
    }
}
