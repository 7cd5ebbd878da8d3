//! The sheet and the three columns the results come from. A guess is preselected; any change
//! updates the results at once.

use super::AppContext;
use crate::i18n::strings;
use crate::state::Action;
use attain_core::analysis::Mapping;
use attain_core::table::ColumnKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Clone, Copy)]
enum Role {
    Unit,
    Target,
    Achieved,
}

#[function_component(MappingBar)]
pub fn mapping_bar() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let s = strings(state.lang);
    let Some(loaded) = &state.loaded else {
        return html! {};
    };
    let sheets = &loaded.workbook.sheets;
    let sheet_select = if sheets.len() > 1 {
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                st.dispatch(Action::SelectSheet(i));
            }
        });
        html! {
            <label class="field">
                <span>{ s.sheet }</span>
                <select data-testid="sheet-select" {onchange}>
                    { for sheets.iter().enumerate().map(|(i, sh)| html! {
                        <option value={i.to_string()} selected={i == state.sheet}>
                            { if sh.hidden { format!("{} ({})", sh.name, s.hidden) } else { sh.name.clone() } }
                        </option>
                    }) }
                </select>
            </label>
        }
    } else {
        html! {}
    };
    let Some(Ok(table)) = &state.table else {
        return html! { <div class="mapping">{ sheet_select }</div> };
    };
    let current = state.mapping;
    let select = |role: Role, label: &'static str, testid: &'static str| {
        let selected = current.map(|m| match role {
            Role::Unit => m.unit,
            Role::Target => m.target,
            Role::Achieved => m.achieved,
        });
        let numeric = !matches!(role, Role::Unit);
        let st = state.clone();
        let columns = table.columns.len();
        let onchange = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Ok(i) = select.value().parse::<usize>() else {
                return;
            };
            let base = st.mapping.unwrap_or(Mapping {
                unit: 0,
                target: 1.min(columns.saturating_sub(1)),
                achieved: 2.min(columns.saturating_sub(1)),
            });
            let m = match role {
                Role::Unit => Mapping { unit: i, ..base },
                Role::Target => Mapping { target: i, ..base },
                Role::Achieved => Mapping {
                    achieved: i,
                    ..base
                },
            };
            st.dispatch(Action::SetMapping(m));
        });
        let options = table.columns.iter().filter(|c| {
            if numeric {
                matches!(c.kind, ColumnKind::Number | ColumnKind::Percent)
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
            { select(Role::Unit, s.unit_column, "unit-select") }
            { select(Role::Target, s.target_column, "target-select") }
            { select(Role::Achieved, s.achieved_column, "achieved-select") }
        </div>
    }
}
