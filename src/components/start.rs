//! Before the results: the start screen with the sample, the loading message with its progress and
//! cancel, and the alert of a file that could not be read.

use super::details::Details;
use super::file_drop::{load_bytes, FilePicker};
use super::{PrefsContext, ReportContext, StatusContext};
use crate::i18n::{self, strings};
use crate::state::StatusAction;
use attain_core::sample;
use yew::prelude::*;

/// The file being read, how far along, and a way to stop.
#[function_component(Loading)]
pub(super) fn loading() -> Html {
    let (Some(prefs), Some(status)) = (
        use_context::<PrefsContext>(),
        use_context::<StatusContext>(),
    ) else {
        return html! {};
    };
    let Some(name) = &status.loading else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let st = status.clone();
    let cancel = Callback::from(move |_| {
        crate::reader::cancel();
        st.dispatch(StatusAction::Cancelled);
    });
    html! {
        <div class="loading" role="status" data-testid="loading">
            <span>{ i18n::loading(prefs.lang, name) }</span>
            <progress max="1" value={status.progress.to_string()}></progress>
            <button type="button" class="button" data-testid="cancel-loading" onclick={cancel}>{ s.cancel }</button>
        </div>
    }
}

#[function_component(Alert)]
pub(super) fn alert() -> Html {
    let (Some(prefs), Some(status)) = (
        use_context::<PrefsContext>(),
        use_context::<StatusContext>(),
    ) else {
        return html! {};
    };
    let Some(err) = &status.error else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let st = status.clone();
    let dismiss = Callback::from(move |_| st.dispatch(StatusAction::DismissError));
    html! {
        <div class="alert" role="alert" data-testid="read-error">
            <span>{ i18n::read_failed(prefs.lang, &err.file_name, &err.error) }</span>
            <button type="button" class="link" onclick={dismiss}>{ s.dismiss }</button>
            if let Some(detail) = err.error.detail() {
                <Details lang={prefs.lang} detail={detail.to_string()} />
            }
        </div>
    }
}

#[function_component(Start)]
pub(super) fn start() -> Html {
    let Some(prefs) = use_context::<PrefsContext>() else {
        return html! {};
    };
    let Some(state) = use_context::<ReportContext>() else {
        return html! {};
    };
    let s = strings(prefs.lang);
    let st = state.clone();
    let load_sample = Callback::from(move |_| {
        load_bytes(
            &st,
            sample::FILE_NAME.to_string(),
            sample::CSV.as_bytes().to_vec(),
            true,
        )
    });
    html! {
        <section class="start" aria-labelledby="start-title">
            <div class="dropzone">
                <h1 id="start-title">{ s.drop_title }</h1>
                <p class="formats">{ s.formats }</p>
                <div class="start-actions">
                    <FilePicker primary=true />
                    <span class="or">{ s.or }</span>
                    <button type="button" class="button" data-testid="load-sample"
                        onclick={load_sample}>{ s.try_sample }</button>
                </div>
                <p class="paste-hint">{ s.paste_hint }</p>
            </div>
        </section>
    }
}
