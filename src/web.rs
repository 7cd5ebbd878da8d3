//! The few things that touch the browser directly: the language choice, downloads and the
//! panic message.

use attain_core::report::Lang;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "attain.lang";

/// The UI language: `?lang=vi|en` first, then the remembered choice, then the browser's
/// language; Vietnamese when nothing says otherwise.
pub fn initial_lang() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::Vi;
    };
    let from_query = window
        .location()
        .search()
        .ok()
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get("lang"))
        .and_then(|c| Lang::from_code(&c));
    let remembered = || {
        window
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
            .and_then(|c| Lang::from_code(&c))
    };
    let browser = || {
        window.navigator().language().map(|l| {
            if l.starts_with("vi") {
                Lang::Vi
            } else {
                Lang::En
            }
        })
    };
    from_query
        .or_else(remembered)
        .or_else(browser)
        .unwrap_or(Lang::Vi)
}

/// Remembers the language and sets the document's `lang`.
pub fn apply_lang(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Offers `bytes` as a download named `file_name`. The object URL is returned so the caller
/// keeps it alive past the click.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Option<gloo::file::ObjectUrl> {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body()?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    Some(url)
}

/// Shows a message over the page when the app panics, so the page never goes blank and
/// silent. Every panic is a bug; the message asks for a reload.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(el) = document.get_element_by_id("fatal") {
            if let Some(detail) = document.get_element_by_id("fatal-detail") {
                detail.set_text_content(Some(&info.to_string()));
            }
            let _ = el.remove_attribute("hidden");
        }
    }));
}
