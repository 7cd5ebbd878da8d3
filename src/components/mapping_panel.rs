//! The mapping panel: every column of the table with its role (unit, parent level, indicator
//! name, achieved, target, the sheet's rate, part, not used), the suggestion's confidence, and
//! each indicator's target (a column or a fixed figure). Open by itself when the suggestion is
//! unsure; any change updates the results at once.

use super::{PrefsContext, ReportContext};
use crate::i18n::strings;
use crate::state::Action;
use attain_core::analysis::{Role, TargetSource};
use attain_core::report::format;
use attain_core::session::Command;
use attain_core::table::{column_letter, ColumnKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

const ROLES: [Role; 8] = [
    Role::Unit,
    Role::Parent,
    Role::IndicatorName,
    Role::Achieved,
    Role::Target,
    Role::SourceRate,
    Role::Part,
    Role::Ignored,
];

fn role_code(r: Role) -> &'static str {
    match r {
        Role::Unit => "unit",
        Role::Parent => "parent",
        Role::IndicatorName => "indicator-name",
        Role::Achieved => "achieved",
        Role::Target => "target",
        Role::SourceRate => "source-rate",
        Role::Part => "part",
        Role::Ignored => "ignored",
    }
}

#[function_component(MappingPanel)]
pub fn mapping_panel() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let (Some(Ok(table)), Some(mapping)) = (&state.table, &state.mapping) else {
        return html! {};
    };
    let lang = prefs.lang;
    let indicator = prefs.indicator;
    let s = strings(lang);
    let role_name = |r: Role| match r {
        Role::Unit => s.role_unit,
        Role::Parent => s.role_parent,
        Role::IndicatorName => s.role_indicator_name,
        Role::Achieved => s.role_achieved,
        Role::Target => s.role_target,
        Role::SourceRate => s.role_source_rate,
        Role::Part => s.role_part,
        Role::Ignored => s.role_ignored,
    };
    let confidence = state
        .suggestion
        .as_ref()
        .map(|g| g.confidence)
        .unwrap_or(0.0);
    let confident = state.suggestion.as_ref().is_some_and(|g| g.confident());
    let percent = format!("{}%", format::number((confidence * 100.0).round(), 0, lang));
    let note = if confident {
        s.mapping_confident
    } else {
        s.mapping_unsure
    }
    .replace("{p}", &percent);
    let rows = table
        .columns
        .iter()
        .filter(|c| c.kind != ColumnKind::Empty)
        .map(|c| {
            let current = mapping.role_of(c.index);
            let text = c.kind == ColumnKind::Text;
            let st = state.clone();
            let index = c.index;
            let onchange = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                let v = select.value();
                if let Some(r) = ROLES.iter().find(|r| role_code(**r) == v) {
                    super::command(&st, Command::SetRole { column: index, role: *r, indicator });
                }
            });
            let kind = match c.kind {
                ColumnKind::Text => s.kind_text,
                ColumnKind::Number => s.kind_number,
                ColumnKind::Percent => s.kind_percent,
                ColumnKind::Date => s.kind_date,
                ColumnKind::Empty => s.kind_none,
            };
            // Names are text; figures are numbers: a text column is never a target.
            let allowed = ROLES.iter().filter(|r| match r {
                Role::Unit | Role::Parent | Role::IndicatorName => text,
                Role::Achieved | Role::Target | Role::SourceRate | Role::Part => {
                    matches!(c.kind, ColumnKind::Number | ColumnKind::Percent)
                }
                Role::Ignored => true,
            });
            let letter = column_letter(c.index);
            html! {
                <tr data-column={letter.clone()}>
                    <th scope="row">{ format!("{letter} · {}", c.name) }</th>
                    <td>{ kind }</td>
                    <td>
                        <select data-testid={format!("role-{letter}")} aria-label={format!("{}: {}", s.col_role, c.name)} {onchange}>
                            { for allowed.map(|r| html! {
                                <option value={role_code(*r)} selected={*r == current}>{ role_name(*r) }</option>
                            }) }
                        </select>
                    </td>
                </tr>
            }
        });
    let numeric: Vec<(usize, String)> = table
        .columns
        .iter()
        .filter(|c| matches!(c.kind, ColumnKind::Number | ColumnKind::Percent) && !c.ordinal)
        .map(|c| (c.index, format!("{} · {}", column_letter(c.index), c.name)))
        .collect();
    let indicators = mapping.indicators.iter().enumerate().map(|(i, ind)| {
        let st = state.clone();
        let on_target = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            let target = match v.as_str() {
                "" => None,
                "fixed" => Some(TargetSource::Fixed(0.0)),
                n => n.parse().ok().map(TargetSource::Column),
            };
            super::command(&st, Command::SetTarget(i, target));
        });
        let st = state.clone();
        let on_fixed = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().trim().parse::<f64>() {
                if v.is_finite() {
                    super::command(&st, Command::SetTarget(i, Some(TargetSource::Fixed(v))));
                }
            }
        });
        let name = if mapping.indicator_column.is_some() {
            s.indicators_heading.to_string()
        } else if ind.name.is_empty() {
            table.columns.get(ind.achieved).map(|c| c.name.clone()).unwrap_or_default()
        } else {
            ind.name.clone()
        };
        html! {
            <li>
                <span class="indicator-name">{ name }</span>
                <label class="field">
                    <span>{ s.col_target }</span>
                    <select data-testid={format!("indicator-target-{i}")} onchange={on_target}>
                        <option value="" selected={ind.target.is_none()}>{ s.no_target }</option>
                        { for numeric.iter().map(|(c, label)| html! {
                            <option value={c.to_string()} selected={ind.target == Some(TargetSource::Column(*c))}>{ label }</option>
                        }) }
                        <option value="fixed" selected={matches!(ind.target, Some(TargetSource::Fixed(_)))}>{ s.fixed_target }</option>
                    </select>
                </label>
                if let Some(TargetSource::Fixed(v)) = ind.target {
                    <input type="number" min="0" step="any" data-testid={format!("indicator-fixed-{i}")}
                        aria-label={s.fixed_target} value={format::plain_number(v)} onchange={on_fixed} />
                }
            </li>
        }
    });
    // Heading rows (STT I, II, III) as parents: shown when the suggestion found them.
    let headings_toggle = match state.suggestion.as_ref().and_then(|g| g.mapping.headings) {
        Some(column) => {
            let st = state.clone();
            let on = mapping.headings.is_some();
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                if let Some(m) = st.mapping.clone() {
                    super::command(
                        &st,
                        Command::SetMapping(attain_core::analysis::Mapping {
                            headings: input.checked().then_some(column),
                            ..m
                        }),
                    );
                }
            });
            html! {
                <label class="check">
                    <input type="checkbox" data-testid="headings-toggle" checked={on} {onchange} />
                    { s.headings_toggle.replace("{col}", &column_letter(column)) }
                </label>
            }
        }
        None => html! {},
    };
    let remember = {
        let st = state.clone();
        Callback::from(move |_| st.dispatch(Action::RememberMapping))
    };
    let templates = state.templates.iter().map(|t| {
        let st = state.clone();
        let signature = t.signature.clone();
        let forget = Callback::from(move |_| st.dispatch(Action::ForgetTemplate(signature.clone())));
        html! {
            <li data-testid="template">
                { &t.file }
                <button type="button" class="link" data-testid="forget-template" onclick={forget}>{ s.forget }</button>
            </li>
        }
    });
    let confident = confident || state.template_used;
    html! {
        <details class="mapping-panel" data-testid="mapping-panel" open={!confident}>
            <summary>{ s.mapping_heading }</summary>
            if state.template_used {
                <p class="note" data-testid="template-used">{ s.template_used }</p>
            } else {
                <p class={classes!("note", (!confident).then_some("unsure"))} data-testid="mapping-confidence">{ note }</p>
            }
            <div class="table-wrap">
                <table class="roles">
                    <thead>
                        <tr><th scope="col">{ s.col_column }</th><th scope="col">{ s.col_kind }</th><th scope="col">{ s.col_role }</th></tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { headings_toggle }
            <h3>{ s.indicators_heading }</h3>
            <ul class="indicator-targets">{ for indicators }</ul>
            <div class="templates">
                <button type="button" class="button" data-testid="remember-mapping" onclick={remember}>{ s.remember_mapping }</button>
                <small>{ s.remember_hint }</small>
                if !state.templates.is_empty() {
                    <h3>{ s.templates_heading }</h3>
                    <ul>{ for templates }</ul>
                }
            </div>
        </details>
    }
}
