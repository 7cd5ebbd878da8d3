//! The view bar: the indicator shown, the status thresholds and the deadline.

use super::file_drop::{DatePicker, TargetsPicker};
use super::{PrefsContext, ReportContext};
use crate::i18n::strings;
use crate::state::PrefsAction;
use attain_core::report::format;
use attain_core::session::Command;
use yew::prelude::*;

/// The indicator switcher, the thresholds and the deadline.
#[function_component(ViewBar)]
pub(super) fn view_bar() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let Some(Ok(a)) = &state.analysis else {
        return html! {};
    };
    let tabs = if a.indicators.len() > 1 {
        html! {
            <div class="tabs" role="tablist" aria-label={s.indicator_switch} data-testid="indicator-tabs">
                { for a.indicators.iter().enumerate().map(|(i, ind)| {
                    let st = prefs.clone();
                    let onclick = Callback::from(move |_| st.dispatch(PrefsAction::SetIndicator(i)));
                    let selected = i == prefs.indicator;
                    html! {
                        <button type="button" role="tab" class={classes!("tab", selected.then_some("selected"))}
                            aria-selected={selected.to_string()} data-testid="indicator-tab" {onclick}>
                            { &ind.name }
                        </button>
                    }
                }) }
            </div>
        }
    } else {
        html! {}
    };
    let t = prefs.thresholds;
    let threshold = |low: bool| {
        let st = prefs.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Ok(v) = input.value().trim().replace(',', ".").parse::<f64>() else {
                return;
            };
            let cur = st.thresholds;
            let (l, h) = if low {
                (v, cur.high * 100.0)
            } else {
                (cur.low * 100.0, v)
            };
            if let Some(t) = attain_core::analysis::Thresholds::from_percent(l, h) {
                st.dispatch(PrefsAction::SetThresholds(t));
            }
        });
        let value =
            format::plain_number(((if low { t.low } else { t.high }) * 10_000.0).round() / 100.0);
        html! {
            <label class="field small">
                <span>{ if low { s.threshold_low } else { s.threshold_high } }</span>
                <input type="number" min="0" max="100" step="1" {value} {onchange}
                    data-testid={if low { "threshold-low" } else { "threshold-high" }} />
            </label>
        }
    };
    let deadline = {
        let st = prefs.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            st.dispatch(PrefsAction::SetDeadline(
                attain_core::dates::Date::parse_iso(&input.value()),
            ));
        });
        let value = prefs.deadline.map(|d| d.iso()).unwrap_or_default();
        html! {
            <label class="field">
                <span>{ s.deadline }</span>
                <input type="date" data-testid="deadline" {value} {onchange} />
            </label>
        }
    };
    // Other sheets of the workbook can be reporting dates too.
    let sheet_dates = match &state.loaded {
        Some(l) if l.info.sheets.len() > 1 => {
            let st = state.clone();
            let onchange = Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Ok(i) = select.value().parse::<usize>() {
                    super::command(&st, Command::AddSheetDate(i));
                }
                select.set_value("");
            });
            html! {
                <label class="field">
                    <span>{ s.add_sheet_date }</span>
                    <select data-testid="add-sheet-date" {onchange}>
                        <option value="" selected=true>{ "—" }</option>
                        { for l.info.sheets.iter().enumerate().filter(|(i, _)| *i != state.sheet).map(|(i, sh)| html! {
                            <option value={i.to_string()}>{ &sh.name }</option>
                        }) }
                    </select>
                </label>
            }
        }
        _ => html! {},
    };
    html! {
        <div class="view-bar">
            { tabs }
            <fieldset class="thresholds">
                <legend>{ s.thresholds }</legend>
                { threshold(true) }
                { threshold(false) }
            </fieldset>
            { deadline }
            <DatePicker />
            <TargetsPicker />
            { sheet_dates }
        </div>
    }
}
