//! Text typed in a legacy font (TCVN3, VNI), converted on reading: which columns, how many
//! cells, a before-and-after sample, and per column the choice to switch the conversion off or
//! force one encoding.

use super::ReportContext;
use crate::i18n::strings;
use attain_core::legacy::{Choice, Legacy};
use attain_core::report::Lang;
use attain_core::session::Command;
use attain_core::table::column_letter;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn choice_code(c: Choice) -> &'static str {
    match c {
        Choice::Auto => "auto",
        Choice::Off => "off",
        Choice::Force(Legacy::Tcvn3) => "tcvn3",
        Choice::Force(Legacy::Vni) => "vni",
    }
}

#[derive(Properties, PartialEq)]
pub struct LegacyNoticeProps {
    pub lang: Lang,
}

#[function_component(LegacyNotice)]
pub fn legacy_notice(props: &LegacyNoticeProps) -> Html {
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let Some(loaded) = &state.loaded else {
        return html! {};
    };
    let Some(sheet) = loaded.info.sheets.get(state.sheet) else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    // Columns with text beyond ASCII can be converted; show them when something was converted
    // or the user chose something.
    if sheet.legacy.is_empty() && state.legacy_choices.is_empty() {
        return html! {};
    }
    let header = |col: usize| -> String {
        match &state.table {
            Some(Ok(t)) => t
                .columns
                .get(col)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            _ => String::new(),
        }
    };
    let candidates: Vec<usize> = (0..sheet.width)
        .filter(|c| {
            sheet.legacy.iter().any(|l| l.column == *c)
                || state.legacy_choices.iter().any(|(x, _)| x == c)
                || sheet.non_ascii.contains(c)
        })
        .collect();
    let rows = candidates.iter().map(|&col| {
        let conversion = sheet.legacy.iter().find(|l| l.column == col);
        let choice = state
            .legacy_choices
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, ch)| *ch)
            .unwrap_or(Choice::Auto);
        let st = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let choice = match select.value().as_str() {
                "off" => Choice::Off,
                "tcvn3" => Choice::Force(Legacy::Tcvn3),
                "vni" => Choice::Force(Legacy::Vni),
                _ => Choice::Auto,
            };
            super::command(&st, Command::SetLegacy(col, choice));
        });
        let letter = column_letter(col);
        let summary = attain_core::report::messages::legacy_column(
            lang,
            &format!("{letter} ({})", header(col)),
            conversion.map(|c| (c.encoding, c.cells)),
        );
        html! {
            <li data-testid="legacy-column" data-column={letter.clone()}>
                <span>{ summary }</span>
                if let Some(c) = conversion {
                    <ul class="samples">
                        { for c.samples.iter().map(|(before, after)| html! {
                            <li><span class="before">{ before }</span>{ " → " }<span class="after">{ after }</span></li>
                        }) }
                    </ul>
                }
                <select aria-label={format!("{}: {letter}", s.legacy_heading)} data-testid={format!("legacy-{letter}")} {onchange}>
                    { for [Choice::Auto, Choice::Off, Choice::Force(Legacy::Tcvn3), Choice::Force(Legacy::Vni)].into_iter().map(|c| {
                        let label = match c {
                            Choice::Auto => s.legacy_auto.to_string(),
                            Choice::Off => s.legacy_off.to_string(),
                            Choice::Force(e) => format!("{} {}", s.legacy_force, e.label()),
                        };
                        html! { <option value={choice_code(c)} selected={c == choice}>{ label }</option> }
                    }) }
                </select>
            </li>
        }
    });
    let encodings: Vec<&str> = {
        let mut v: Vec<&str> = sheet.legacy.iter().map(|c| c.encoding.label()).collect();
        v.dedup();
        v
    };
    let cells: usize = sheet.legacy.iter().map(|c| c.cells).sum();
    let headline = attain_core::report::messages::legacy_summary(
        lang,
        sheet.legacy.len(),
        &encodings.join(", "),
        cells,
    );
    html! {
        <details class="legacy" data-testid="legacy-notice">
            <summary>{ format!("{}: {}", s.legacy_heading, headline) }</summary>
            <p class="hint">{ s.legacy_hint }</p>
            <ul>{ for rows }</ul>
        </details>
    }
}
