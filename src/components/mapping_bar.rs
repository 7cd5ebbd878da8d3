//! The sheet and the three columns the results come from. A guess is preselected; any change
//! updates the results at once.

use super::file_drop::reread;
use super::{PrefsContext, ReportContext};
use crate::i18n::strings;
use crate::state::PrefsAction;
use attain_core::analysis::{Role as MapRole, TargetSource};
use attain_core::dates::{AsOfSource, Date};
use attain_core::ingest::{DELIMITERS, ENCODINGS};
use attain_core::session::Command;
use attain_core::table::ColumnKind;
use attain_core::{Quote, ReadOptions, SourceFormat};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, Copy)]
enum Role {
    Unit,
    Target,
    Achieved,
}

#[function_component(MappingBar)]
pub fn mapping_bar() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let Some(loaded) = &state.loaded else {
        return html! {};
    };
    let sheets = &loaded.info.sheets;
    let sheet_select = if sheets.len() > 1 {
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                super::command(&st, Command::SelectSheet(i));
            }
        });
        html! {
            <label class="field">
                <span>{ s.sheet }</span>
                <select data-testid="sheet-select" {onchange}>
                    { for sheets.iter().enumerate().map(|(i, sh)| {
                        let size = format!("{} × {}", sh.rows, sh.width);
                        html! {
                            <option value={i.to_string()} selected={i == state.sheet}>
                                { if sh.hidden { format!("{} ({}, {})", sh.name, size, s.hidden) } else { format!("{} ({})", sh.name, size) } }
                            </option>
                        }
                    }) }
                </select>
            </label>
        }
    } else {
        html! {}
    };
    let text_options = match &loaded.info.format {
        SourceFormat::Text {
            encoding,
            delimiter,
        } => {
            let st = state.clone();
            let options = loaded.options.clone();
            let on_encoding = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                let v = select.value();
                reread(
                    &st,
                    ReadOptions {
                        encoding: (!v.is_empty()).then_some(v),
                        ..options.clone()
                    },
                );
            });
            let st = state.clone();
            let options = loaded.options.clone();
            let on_delimiter = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                reread(
                    &st,
                    ReadOptions {
                        delimiter: select.value().chars().next(),
                        ..options.clone()
                    },
                );
            });
            let st = state.clone();
            let options = loaded.options.clone();
            let on_quote = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                let quote = match select.value().as_str() {
                    "single" => Quote::Single,
                    "none" => Quote::None,
                    _ => Quote::Double,
                };
                reread(
                    &st,
                    ReadOptions {
                        quote,
                        ..options.clone()
                    },
                );
            });
            let quote = loaded.options.quote;
            let forced_encoding = loaded.options.encoding.clone();
            let forced_delimiter = loaded.options.delimiter;
            let delimiter_label = |d: char| match d {
                '\t' => s.tab.to_string(),
                other => format!("“{other}”"),
            };
            html! {
                <>
                    <label class="field">
                        <span>{ s.encoding }</span>
                        <select data-testid="encoding-select" onchange={on_encoding}>
                            <option value="" selected={forced_encoding.is_none()}>
                                { format!("{} ({})", s.auto, encoding) }
                            </option>
                            { for ENCODINGS.iter().map(|e| html! {
                                <option value={*e} selected={forced_encoding.as_deref() == Some(*e)}>{ *e }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <span>{ s.delimiter }</span>
                        <select data-testid="delimiter-select" onchange={on_delimiter}>
                            <option value="" selected={forced_delimiter.is_none()}>
                                { format!("{} ({})", s.auto, delimiter_label(*delimiter)) }
                            </option>
                            { for DELIMITERS.iter().map(|d| html! {
                                <option value={d.to_string()} selected={forced_delimiter == Some(*d)}>{ delimiter_label(*d) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <span>{ s.quote }</span>
                        <select data-testid="quote-select" onchange={on_quote}>
                            <option value="double" selected={quote == Quote::Double}>{ s.quote_double }</option>
                            <option value="single" selected={quote == Quote::Single}>{ s.quote_single }</option>
                            <option value="none" selected={quote == Quote::None}>{ s.quote_none }</option>
                        </select>
                    </label>
                </>
            }
        }
        _ => html! {},
    };
    let as_of = {
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            super::command(
                &st,
                Command::SetAsOf(st.current, Date::parse_iso(&input.value())),
            );
        });
        let value = state.as_of_date().map(|d| d.iso()).unwrap_or_default();
        let source = match (&state.as_of_override, &state.as_of) {
            (Some(_), _) => String::new(),
            (None, Some(a)) => match a.source {
                AsOfSource::Sheet(row) => format!("{} {row}", s.as_of_from_sheet),
                AsOfSource::FileName => s.as_of_from_name.to_string(),
            },
            (None, None) => s.as_of_none.to_string(),
        };
        html! {
            <label class="field">
                <span>{ s.as_of }</span>
                <input type="date" data-testid="as-of" {value} {onchange} />
                <small data-testid="as-of-source">{ source }</small>
            </label>
        }
    };
    let Some(Ok(table)) = &state.table else {
        return html! { <div class="mapping">{ sheet_select }{ text_options }</div> };
    };
    let current = state.mapping.clone();
    let indicator = prefs.indicator;
    let select = |role: Role, label: &'static str, testid: &'static str| {
        let ind = current.as_ref().and_then(|m| m.indicators.get(indicator));
        let selected = match role {
            Role::Unit => current.as_ref().map(|m| m.unit),
            Role::Target => match ind.and_then(|i| i.target) {
                Some(TargetSource::Column(t)) => Some(t),
                _ => None,
            },
            Role::Achieved => ind.map(|i| i.achieved),
        };
        let numeric = !matches!(role, Role::Unit);
        let st = state.clone();
        let pf = prefs.clone();
        let table_rc = table.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Ok(i) = select.value().parse::<usize>() else {
                return;
            };
            match role {
                Role::Unit => super::command(
                    &st,
                    Command::SetRole {
                        column: i,
                        role: MapRole::Unit,
                        indicator,
                    },
                ),
                Role::Target => super::command(
                    &st,
                    Command::SetTarget(indicator, Some(TargetSource::Column(i))),
                ),
                Role::Achieved => {
                    let Some(mut m) = st.mapping.clone() else {
                        super::command(
                            &st,
                            Command::SetRole {
                                column: i,
                                role: MapRole::Achieved,
                                indicator,
                            },
                        );
                        return;
                    };
                    // A column that already is an indicator: show that one.
                    if let Some(k) = m.indicators.iter().position(|x| x.achieved == i) {
                        pf.dispatch(PrefsAction::SetIndicator(k));
                        return;
                    }
                    if let Some(ind) = m.indicators.get_mut(indicator) {
                        ind.achieved = i;
                        ind.name = table_rc
                            .columns
                            .get(i)
                            .and_then(|c| c.path.last().cloned())
                            .unwrap_or_default();
                        ind.parts.clear();
                        ind.source_rate = None;
                    }
                    super::command(&st, Command::SetMapping(m));
                }
            }
        });
        let options = table.columns.iter().filter(|c| {
            if numeric {
                matches!(c.kind, ColumnKind::Number | ColumnKind::Percent) && !c.ordinal
            } else {
                c.kind != ColumnKind::Empty
            }
        });
        html! {
            <label class="field">
                <span>{ label }</span>
                <select data-testid={testid} {onchange}>
                    if selected.is_none() {
                        <option value="" selected=true disabled=true>{ "—" }</option>
                    }
                    { for options.map(|c| html! {
                        <option value={c.index.to_string()} selected={Some(c.index) == selected}>
                            { format!("{} · {}", attain_core::table::column_letter(c.index), c.name) }
                        </option>
                    }) }
                </select>
            </label>
        }
    };
    html! {
        <div class="mapping">
            { sheet_select }
            { text_options }
            { as_of }
            { select(Role::Unit, s.unit_column, "unit-select") }
            { select(Role::Target, s.target_column, "target-select") }
            { select(Role::Achieved, s.achieved_column, "achieved-select") }
        </div>
    }
}
