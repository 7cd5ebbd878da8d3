//! The report's units in the register: how many were found, at what level, on which side of
//! the 2025 reform and in which province (or district); the names the register does not know;
//! the register's units the report has no row for; and, when the date before is on the other
//! side of the reform, how its units were rolled up into the new ones (the split communes
//! that make the comparison approximate).

use super::ReportContext;
use crate::i18n::strings;
use crate::shared::Shared;
use attain_core::analysis::series::Comparison;
use attain_core::places::{Era, Level};
use attain_core::report::messages::unit_with_parents;
use attain_core::report::{format, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct PlacesProps {
    pub(super) lang: Lang,
    pub(super) comparison: Option<Shared<Comparison>>,
}

/// Names in a list, the first `n` of them.
fn names(list: &[attain_core::analysis::Unreported], n: usize) -> String {
    let mut out: Vec<String> = list
        .iter()
        .take(n)
        .map(|u| unit_with_parents(&u.unit, &u.parents))
        .collect();
    if list.len() > n {
        out.push("…".into());
    }
    out.join(", ")
}

#[function_component(Places)]
pub(super) fn places(props: &PlacesProps) -> Html {
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let Some(p) = state.places.as_ref() else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let version = p.version.map_or(String::new(), |d| format::date(d, lang));
    if p.too_many {
        return html! {
            <section class="places" data-testid="places" aria-label={s.places_heading}>
                <h2>{ s.places_heading }</h2>
                <p>{ s.places_too_many.replace("{n}", &format::count(p.units as f64, lang)) }</p>
            </section>
        };
    }
    let side = match p.era {
        Some(Era::Before) => s.places_before,
        Some(Era::After) => s.places_after,
        None => "",
    };
    let level = match p.level {
        Some(Level::Province) => s.places_level_province,
        Some(Level::District) => s.places_level_district,
        Some(Level::Commune) => s.places_level_commune,
        None => "",
    };
    let line = s
        .places_line
        .replace("{v}", &version)
        .replace("{found}", &format::count(p.found as f64, lang))
        .replace("{units}", &format::count(p.units as f64, lang))
        .replace("{level}", level)
        .replace("{side}", side);
    let home = p.home.as_ref().map(|h| h.name.clone());
    let reform = props.comparison.as_ref().and_then(|c| {
        let r = c.reform.as_ref()?;
        Some((c.from, r.clone()))
    });
    html! {
        <section class="places" data-testid="places" aria-label={s.places_heading}>
            <h2>{ s.places_heading }</h2>
            <p data-testid="places-line">
                { line }
                if let Some(home) = home {
                    { format!(" · {home}") }
                }
            </p>
            if p.era.is_none() {
                <p>{ s.places_none }</p>
            }
            if p.unknown_total > 0 && p.era.is_some() {
                <p data-testid="places-unknown">{ s.places_unknown
                    .replace("{n}", &p.unknown_total.to_string())
                    .replace("{names}", &names(&p.unknown, 20)) }</p>
            }
            if !p.missing.is_empty() {
                <p data-testid="places-missing">{ s.places_missing
                    .replace("{n}", &p.missing.len().to_string())
                    .replace("{names}", &names(&p.missing, 40)) }</p>
            }
            if let Some((from, r)) = reform {
                <div class="reform" data-testid="reform">
                    <p>{ s.reform_line.replace("{date}", &format::date(from, lang)) }</p>
                    if r.approximate() {
                        <p class="approximate" data-testid="reform-approximate">
                            <strong>{ s.reform_approximate_head }</strong>
                            { format!(" {}", s.reform_approximate.replace("{n}", &r.splits.len().to_string())) }
                        </p>
                        <ul>
                            { for r.splits.iter().map(|x| html! {
                                <li>{ s.reform_split
                                    .replace("{old}", &x.old)
                                    .replace("{into}", &x.into)
                                    .replace("{also}", &x.also.join(", ")) }</li>
                            }) }
                        </ul>
                    }
                    if !r.unplaced.is_empty() {
                        <p>{ s.reform_unplaced
                            .replace("{n}", &r.unplaced.len().to_string())
                            .replace("{names}", &r.unplaced.join(", ")) }</p>
                    }
                </div>
            }
        </section>
    }
}
