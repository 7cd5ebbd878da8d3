//! The files of the as-of date shown, combined into one report (each with its office, its
//! units, a way to leave it out, move it to another date or edit its columns), the targets
//! file with the names it did not match, and the units that have not reported.

use super::ReportContext;
use crate::i18n::strings;
use attain_core::analysis::combine::file_label;
use attain_core::analysis::targets::TargetFix;
use attain_core::analysis::{Unreported, Warning};
use attain_core::report::messages::{source_error, unit_with_parents};
use attain_core::report::{format, Lang};
use attain_core::session::Command;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct CombinedProps {
    pub(super) lang: Lang,
}

/// The files combined into the report shown, when there are several.
#[function_component(Combined)]
pub(super) fn combined(props: &CombinedProps) -> Html {
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    if state.group.len() < 2 {
        return html! {};
    }
    let lang = props.lang;
    let s = strings(lang);
    let used: Vec<_> = state.group.iter().filter(|m| !m.left_out).collect();
    let units: usize = used.iter().filter_map(|m| m.units).sum();
    let offices: Vec<String> = used
        .iter()
        .map(|m| {
            m.office
                .clone()
                .unwrap_or_else(|| file_label(&m.file_name).to_string())
        })
        .collect();
    let date = state
        .as_of_date()
        .map(|d| format::date(d, lang))
        .unwrap_or_else(|| s.no_date.to_string());
    let line = s
        .group_line
        .replace("{files}", &used.len().to_string())
        .replace("{date}", &date)
        .replace("{units}", &format::count(units as f64, lang))
        .replace("{offices}", &offices.join(", "));
    // Files of other dates given with them go to the series: said here too.
    let others: Vec<String> = state
        .dates
        .iter()
        .filter(|d| !state.group.iter().any(|m| m.source == d.source))
        .map(|d| {
            let date = d
                .as_of
                .map(|x| format::date(x, lang))
                .unwrap_or_else(|| s.no_date.to_string());
            format!("{} ({date})", d.file_name)
        })
        .collect();
    html! {
        <section class="group" data-testid="group" aria-label={s.group_heading}>
            <h2>{ s.group_heading }</h2>
            <p data-testid="group-line">{ line }</p>
            if !others.is_empty() {
                <p class="muted" data-testid="group-other-dates">{ s.group_other_dates.replace("{files}", &others.join(", ")) }</p>
            }
            <ul>
                { for state.group.iter().map(|m| {
                    let source = m.source;
                    let st = state.clone();
                    let leave = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        super::command(&st, Command::LeaveOut(source, input.checked()));
                    });
                    let st = state.clone();
                    let edit = Callback::from(move |_| super::command(&st, Command::SelectSource(source)));
                    let st = state.clone();
                    let set_date = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        super::command(&st, Command::SetAsOf(source, attain_core::dates::Date::parse_iso(&input.value())));
                    });
                    let about = match (&m.units, &m.error) {
                        (Some(n), _) => s.units_found.replace("{n}", &format::count(*n as f64, lang)),
                        (None, Some(e)) => crate::i18n::mapping_error(lang, e),
                        (None, None) => s.no_mapping.to_string(),
                    };
                    // This file's indicators counted under another name, and those kept apart:
                    // each one checkbox from the other.
                    let matched: Vec<(String, Option<String>)> = match &state.analysis {
                        Some(Ok(a)) => a.warnings.iter().filter_map(|w| match w {
                            Warning::IndicatorMatched { file, name, as_name } if *file == m.file_name => {
                                Some((name.clone(), Some(as_name.clone())))
                            }
                            _ => None,
                        }).collect(),
                        _ => Vec::new(),
                    };
                    let choices = matched.into_iter().chain(m.apart.iter().map(|n| (n.clone(), None))).map(|(name, as_name)| {
                        let st = state.clone();
                        let n = name.clone();
                        let onchange = Callback::from(move |e: Event| {
                            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                            super::command(&st, Command::KeepApart(source, n.clone(), input.checked()));
                        });
                        let text = match &as_name {
                            Some(a) => s.keep_apart.replace("{name}", &name).replace("{as}", a),
                            None => s.kept_apart.replace("{name}", &name),
                        };
                        html! {
                            <label class="check">
                                <input type="checkbox" data-testid="indicator-apart" data-name={name.clone()}
                                    checked={as_name.is_none()} {onchange} />
                                { text }
                            </label>
                        }
                    }).collect::<Vec<Html>>();
                    let st = state.clone();
                    let set_office = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        super::command(&st, Command::SetOffice(source, input.value()));
                    });
                    html! {
                        <li key={source} data-testid="group-file" data-source={source.to_string()} class={classes!(m.left_out.then_some("left-out"))}>
                            <span>{ format!("{} · {about}", m.file_name) }</span>
                            <input type="text" class="office" aria-label={s.office_name} data-testid="group-office"
                                value={m.office.clone().unwrap_or_default()}
                                placeholder={file_label(&m.file_name).to_string()} onchange={set_office} />
                            if source == state.current {
                                <span class="muted">{ format!(" ({})", s.editing_file) }</span>
                            } else {
                                <button type="button" class="link" data-testid="group-edit" onclick={edit}>{ s.edit_file }</button>
                            }
                            <label class="check">
                                <input type="checkbox" data-testid="group-leave-out" checked={m.left_out} onchange={leave} />
                                { s.leave_out }
                            </label>
                            <input type="date" aria-label={s.as_of} data-testid="group-as-of"
                                value={state.as_of_date().map(|x| x.iso()).unwrap_or_default()} onchange={set_date} />
                            { for choices }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// The targets file: how many units it matched, a choice for each name it did not, the target
/// column of each indicator when it has several; or why it was refused.
#[function_component(Targets)]
pub(super) fn targets(props: &CombinedProps) -> Html {
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let error = state.target_error.as_ref().map(|e| {
        html! { <p class="notice" role="alert" data-testid="targets-error">{ source_error(lang, e) }</p> }
    });
    let Some(j) = &state.targets else {
        return html! { <>{ for error }</> };
    };
    let st = state.clone();
    let remove = Callback::from(move |_| super::command(&st, Command::ClearTargets));
    // Remembered with the user's consent, like a mapping: the next reports take it.
    let remembered = state.remembered_targets.as_ref().map(|r| r.file.clone());
    let remember = match (&state.assignment, &remembered) {
        (Some(a), r) if r.as_deref() != Some(a.file.as_str()) => {
            let st = state.clone();
            let onclick =
                Callback::from(move |_| st.dispatch(crate::state::Action::RememberTargets(true)));
            Some(html! {
                <button type="button" class="link" data-testid="remember-targets" {onclick}>{ s.targets_remember }</button>
            })
        }
        (_, Some(file)) if *file == j.file => {
            let st = state.clone();
            let onclick =
                Callback::from(move |_| st.dispatch(crate::state::Action::RememberTargets(false)));
            Some(html! {
                <>
                    <span class="muted" data-testid="targets-remembered">{ format!(" {} ", s.targets_remembered) }</span>
                    <button type="button" class="link" data-testid="forget-targets" {onclick}>{ s.targets_forget }</button>
                </>
            })
        }
        _ => None,
    };
    let named = |u: &Unreported| unit_with_parents(&u.unit, &u.parents);
    let columns = (j.columns.len() > 1).then(|| {
        html! {
            { for j.indicator_columns.iter().map(|(ind, chosen)| {
                let st = state.clone();
                let name = ind.clone();
                let onchange = Callback::from(move |e: Event| {
                    let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                    let column = select.value().parse::<usize>().ok();
                    super::command(&st, Command::SetTargetColumn(name.clone(), column));
                });
                html! {
                    <label class="field">
                        <span>{ s.targets_column.replace("{ind}", ind) }</span>
                        <select data-testid="target-column" {onchange}>
                            <option value="" selected={chosen.is_none()}>{ s.no_target }</option>
                            { for j.columns.iter().enumerate().map(|(c, name)| html! {
                                <option value={c.to_string()} selected={*chosen == Some(c)}>{ name }</option>
                            }) }
                        </select>
                    </label>
                }
            }) }
        }
    });
    // A report unit's choice of the assignment's unit: `chosen`, the one it was paired with.
    let fix = |u: &Unreported, chosen: Option<(usize, &Unreported)>| {
        let st = state.clone();
        let (unit, parents) = (u.unit.clone(), u.parents.clone());
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            super::command(
                &st,
                Command::FixTarget(TargetFix {
                    unit: unit.clone(),
                    parents: parents.clone(),
                    assigned: select.value().parse::<usize>().ok(),
                }),
            );
        });
        let testid = if chosen.is_some() {
            "target-fixed"
        } else {
            "target-fix"
        };
        html! {
            <label class="field">
                <span>{ s.targets_fix.replace("{unit}", &named(u)) }</span>
                <select data-testid={testid} data-unit={u.unit.clone()} {onchange}>
                    <option value="" selected={chosen.is_none()}>{ s.match_none }</option>
                    { for chosen.map(|(at, a)| html! {
                        <option value={at.to_string()} selected=true>{ named(a) }</option>
                    }) }
                    { for j.unclaimed.iter().map(|(i, a)| html! {
                        <option value={i.to_string()}>{ named(a) }</option>
                    }) }
                </select>
            </label>
        }
    };
    html! {
        <section class="targets" data-testid="targets" aria-label={s.targets_add}>
            { for error }
            <p data-testid="targets-line">
                { s.targets_heading.replace("{file}", &j.file).replace("{n}", &format::count(j.matched as f64, lang)) }
                { " " }
                <button type="button" class="link" data-testid="targets-remove" onclick={remove}>{ s.targets_remove }</button>
                { " " }
                { for remember }
            </p>
            { for columns }
            // The pairs fixed by hand, each one choice away from another unit or none; then
            // the names not matched.
            { for j.fixed.iter().map(|(u, at, assigned)| fix(u, Some((*at, assigned)))) }
            { for j.unmatched.iter().map(|u| fix(u, None)) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct UnreportedProps {
    pub(super) units: Vec<Unreported>,
    pub(super) lang: Lang,
}

/// The units expected (they have a target) with no row in the report.
#[function_component(NotReported)]
pub(super) fn not_reported(props: &UnreportedProps) -> Html {
    if props.units.is_empty() {
        return html! {};
    }
    html! {
        <p class="notice not-reported" role="status" data-testid="not-reported">
            { attain_core::report::messages::unreported(props.lang, &props.units, 30) }
        </p>
    }
}
