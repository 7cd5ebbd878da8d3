//! The top of the page (name, tagline, language), the banner of a waiting release, and the footer.

use super::{PrefsContext, StatusContext};
use crate::i18n::strings;
use crate::state::PrefsAction;
use crate::web;
use attain_core::report::Lang;
use yew::prelude::*;

#[function_component(Header)]
pub(super) fn header() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let button = |lang: Lang, label: &'static str| {
        let st = prefs.clone();
        let onclick = Callback::from(move |_| st.dispatch(PrefsAction::SetLang(lang)));
        html! {
            <button type="button" class="lang" aria-pressed={(prefs.lang == lang).to_string()}
                {onclick}>{ label }</button>
        }
    };
    html! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "◔" }</span>
                <span class="name">{ "Attain" }</span>
                <span class="tagline">{ s.tagline }</span>
            </div>
            <div class="langs" role="group" aria-label={s.language}>
                { button(Lang::Vi, "Tiếng Việt") }
                { button(Lang::En, "English") }
            </div>
        </header>
    }
}

/// Says when a new release is downloaded; the reload switches every file at once.
#[function_component(UpdateBanner)]
pub(super) fn update_banner() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(status) = use_context::<StatusContext>() else {
        return html! {};
    };
    if !status.update_ready {
        return html! {};
    }
    let s = strings(prefs.lang);
    html! {
        <div class="update" role="status" data-testid="update-ready">
            <span>{ s.update_ready }</span>
            <button type="button" class="button primary" data-testid="update-reload"
                onclick={Callback::from(|_| web::apply_update())}>{ s.update_reload }</button>
        </div>
    }
}

/// The privacy promise, and on the hosted page the single-file build to take offline.
#[function_component(Footer)]
pub(super) fn footer() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    html! {
        <footer class="foot">
            <p>{ s.privacy }</p>
            if web::is_hosted() {
                <p>
                    <a href="attain.html" download="attain.html" data-testid="single-file-link">{ s.single_file }</a>
                    { " " }{ s.single_file_hint }
                </p>
            }
        </footer>
    }
}
