//! The root: the three slices of the state (report, view, status), each its own reducer shared
//! through a context, the page frame, and the screen for the current step (start, or the
//! results of a loaded report).

use super::file_drop::{load_bytes, FileDrop};
use super::header::{Footer, Header, UpdateBanner};
use super::start::{Alert, Loading, Start};
use super::workspace::Workspace;
use super::{PrefsContext, ReportContext, StatusContext};
use crate::i18n::strings;
use crate::shared::Shared;
use crate::state::{Prefs, PrefsAction, Report, Status, StatusAction, View};
use crate::web;
use attain_core::session::Command;
use std::rc::Rc;
use yew::prelude::*;
use yew::Reducible;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| Report {
        templates: Shared::new(web::load_templates()),
        remembered_targets: web::load_assignment().map(Shared::new),
        ..Report::default()
    });
    let prefs = use_reducer_eq(|| {
        // A link's view (indicator, thresholds, sort, language) in its `#…`.
        Rc::new(Prefs::new(web::initial_lang()))
            .reduce(PrefsAction::ApplyView(View::parse(&web::location_hash())))
            .as_ref()
            .clone()
    });
    super::keep_prefs(prefs.dispatcher());
    // The status in a state of its own; equal states draw nothing again.
    let status = use_reducer_eq(Status::default);
    super::keep_status(status.dispatcher());
    {
        // The view goes back into the URL, so copying the link shares it (never any data).
        let hash = View::of(&prefs);
        use_effect_with(hash, |h| web::replace_hash(h));
    }
    {
        // Remembered templates go to storage whenever the user changes them.
        let templates = state.templates.clone();
        use_effect_with((templates.id(), templates.len()), move |_| {
            web::save_templates(&templates);
            // The worker picks a remembered mapping for each new table.
            crate::reader::send(Command::SetTemplates((*templates).clone()), None, |_| {});
        });
    }
    {
        // The remembered target assignment goes to storage whenever the user changes it.
        let kept = state.remembered_targets.clone();
        use_effect_with(kept.as_ref().map(Shared::id), move |_| {
            web::save_assignment(kept.as_deref());
        });
    }
    use_effect_with(prefs.lang, |lang| web::apply_lang(*lang));
    use_effect_with((), move |_| {
        web::register_service_worker(|| super::status(StatusAction::UpdateReady));
        // The reading worker loads while the person picks a file.
        crate::reader::warm();
    });
    {
        // Ctrl+V of a range copied from Excel or LibreOffice loads it like a file. The listener
        // is renewed with the language, so the pasted data is named in the current one.
        let state = state.clone();
        use_effect_with(prefs.lang, move |lang| {
            let lang = *lang;
            let listener = web::on_paste(move |text| {
                let name = strings(lang).pasted_name.to_string();
                load_bytes(&state, name, text.into_bytes(), false);
            });
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<ReportContext> context={state.clone()}>
        <ContextProvider<PrefsContext> context={prefs.clone()}>
        <ContextProvider<StatusContext> context={status.clone()}>
            <FileDrop>
                <Header />
                <UpdateBanner />
                <main id="main" class="main">
                    <Alert />
                    if status.loading.is_some() {
                        <Loading />
                    }
                    if state.loaded.is_some() {
                        <Workspace />
                    } else {
                        <Start />
                    }
                </main>
                <Footer />
            </FileDrop>
        </ContextProvider<StatusContext>>
        </ContextProvider<PrefsContext>>
        </ContextProvider<ReportContext>>
    }
}
