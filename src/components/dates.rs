//! The reporting dates: the open report and the others, each with its as-of date, and the units
//! that did not match between two dates.

use super::ReportContext;
use crate::i18n::strings;
use crate::shared::Shared;
use attain_core::analysis::series::Comparison;
use attain_core::report::{format, Lang};
use attain_core::session::Command;
use yew::prelude::*;

/// The reporting dates: the open report and the others, with the units that did not match.
#[derive(Properties, PartialEq)]
pub(super) struct DatesProps {
    pub(super) comparison: Option<Shared<Comparison>>,
    pub(super) lang: Lang,
}

#[function_component(Dates)]
pub(super) fn dates(props: &DatesProps) -> Html {
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    // The files of the date shown are listed with the report they are combined in.
    let others: Vec<&attain_core::session::DateInfo> = state
        .dates
        .iter()
        .filter(|d| !state.group.iter().any(|m| m.source == d.source))
        .collect();
    if others.is_empty() && props.comparison.is_none() {
        return html! {};
    }
    let lang = props.lang;
    let s = strings(lang);
    let date_text = |d: Option<attain_core::dates::Date>| {
        d.map(|d| format::date(d, lang))
            .unwrap_or_else(|| s.no_date.to_string())
    };
    let file = state
        .loaded
        .as_ref()
        .map(|l| l.file_name().to_string())
        .unwrap_or_default();
    // Units of this date with no match in the previous one (those listed), and the previous
    // one's left over (all of them, up to the engine's limit, even beyond those listed).
    let (unmatched, leftover): (Vec<&String>, &[String]) = match &props.comparison {
        Some(c) => (
            c.missing
                .iter()
                .filter(|m| m.present == c.to)
                .map(|m| &m.unit)
                .collect(),
            &c.unmatched_before,
        ),
        None => (Vec::new(), &[]),
    };
    // A match is offered only where there is one to pick (or one the user made to undo).
    let unmatched = if leftover.is_empty() && state.fixes.is_empty() {
        Vec::new()
    } else {
        unmatched
    };
    html! {
        <section class="dates" data-testid="dates" aria-label={s.dates_heading}>
            <h2>{ s.dates_heading }</h2>
            <ul>
                <li data-testid="date-current">{ format!("{} · {} ({})", date_text(state.as_of_date()), file, s.this_report) }</li>
                { for others.iter().map(|d| {
                    let source = d.source;
                    let st = state.clone();
                    let remove = Callback::from(move |_| super::command(&st, Command::RemoveDate(source)));
                    let st = state.clone();
                    let set_date = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        super::command(&st, Command::SetAsOf(source, attain_core::dates::Date::parse_iso(&input.value())));
                    });
                    html! {
                        <li data-testid="date-other">
                            { format!("{} · {}", date_text(d.as_of), d.file_name) }
                            <input type="date" aria-label={s.as_of} data-testid="date-other-as-of"
                                value={d.as_of.map(|x| x.iso()).unwrap_or_default()} onchange={set_date} />
                            <button type="button" class="link" onclick={remove}>{ s.remove }</button>
                        </li>
                    }
                }) }
            </ul>
            if let Some(c) = &props.comparison {
                if !c.missing.is_empty() {
                    <ul class="warnings" data-testid="date-warnings">
                        { for c.missing.iter().map(|m| html! { <li>{ attain_core::report::messages::missing(lang, m) }</li> }) }
                        if c.missing_total > c.missing.len() {
                            <li data-testid="missing-more">
                                { s.missing_more.replace("{n}", &format::count((c.missing_total - c.missing.len()) as f64, lang)) }
                            </li>
                        }
                    </ul>
                }
                { for unmatched.iter().map(|u| {
                    let st = state.clone();
                    let current = (*u).clone();
                    let onchange = Callback::from(move |e: Event| {
                        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                        super::command(&st, Command::FixMatch(attain_core::analysis::series::MatchFix {
                            previous: select.value(),
                            current: current.clone(),
                        }));
                    });
                    let fixed = state.fixes.iter().find(|f| &f.current == *u).map(|f| f.previous.clone());
                    html! {
                        <label class="field">
                            <span>{ format!("{}: {}", u, s.match_fix) }</span>
                            <select data-testid="match-fix" {onchange}>
                                <option value="" selected={fixed.is_none()}>{ s.match_none }</option>
                                { for leftover.iter().chain(fixed.iter()).map(|p| html! {
                                    <option value={p.clone()} selected={fixed.as_ref() == Some(p)}>{ p }</option>
                                }) }
                            </select>
                        </label>
                    }
                }) }
            }
        </section>
    }
}
