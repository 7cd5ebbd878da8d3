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

/// True when the page is served over http(s), not opened from disk.
pub fn is_hosted() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "http:" || p == "https:")
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

/// Registers the service worker that keeps the bundle for offline use (only when the page is
/// served over http(s); the single-file build opened from disk has none). `on_update` runs
/// when a new release has been downloaded and waits for the user to switch to it.
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    if !is_hosted() {
        return;
    }
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let on_update: Rc<dyn Fn()> = Rc::new(on_update);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) =
            wasm_bindgen_futures::JsFuture::from(container.register("./sw.js")).await
        else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        // A new release already downloaded on an earlier visit.
        if registration.waiting().is_some() && container.controller().is_some() {
            on_update();
        }
        let reg = registration.clone();
        let found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_update = on_update.clone();
            let state_changed = Closure::<dyn FnMut()>::new(move || {
                let controlled = web_sys::window()
                    .map(|w| w.navigator().service_worker().controller().is_some())
                    .unwrap_or(false);
                // Installed while another version controls the page: an update is waiting.
                if worker.state() == web_sys::ServiceWorkerState::Installed && controlled {
                    on_update();
                }
            });
            installing.set_onstatechange(Some(state_changed.as_ref().unchecked_ref()));
            state_changed.forget();
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
}

/// Switches to the waiting release: the new service worker takes over and the page reloads,
/// so old and new files are never mixed.
pub fn apply_update() {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let reload = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) =
            wasm_bindgen_futures::JsFuture::from(container.get_registration()).await
        else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&"skipWaiting".into());
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    });
}

/// Calls `on_text` with the plain text of every paste into the page, except pastes into a
/// text field. The listener lives as long as the returned value.
pub fn on_paste(on_text: impl Fn(String) + 'static) -> Option<gloo::events::EventListener> {
    let document = web_sys::window()?.document()?;
    Some(gloo::events::EventListener::new(
        &document,
        "paste",
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let in_field = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                });
            if in_field {
                return;
            }
            let text = event
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            if !text.trim().is_empty() {
                event.prevent_default();
                on_text(text);
            }
        },
    ))
}

/// Copies text to the clipboard; false when the browser refuses (no secure context, no
/// permission).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    // Older browsers have no clipboard object at all.
    if clipboard.is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Puts one item of several kinds on the clipboard (each a MIME type and its bytes: an HTML
/// table with its text, or a PNG picture); false when the browser refuses or has no
/// `ClipboardItem` (then the caller says so and offers the download).
pub async fn copy_items(items: &[(&str, &[u8])]) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    let Some(ctor) = js_sys::Reflect::get(&js_sys::global(), &"ClipboardItem".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let parts = js_sys::Object::new();
    for (mime, bytes) in items {
        let blob = gloo::file::Blob::new_with_options(*bytes, Some(mime));
        let blob: &web_sys::Blob = blob.as_ref();
        if js_sys::Reflect::set(&parts, &(*mime).into(), blob).is_err() {
            return false;
        }
    }
    let Ok(item) = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&parts)) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write(&js_sys::Array::of1(&item)))
        .await
        .is_ok()
}

/// A PNG's bytes from its `data:` URL.
pub fn png_of_data_url(data: &str) -> Option<Vec<u8>> {
    let base64 = data.split(',').nth(1)?;
    let binary = web_sys::window()?.atob(base64).ok()?;
    Some(binary.chars().map(|c| c as u32 as u8).collect())
}

/// Selects the text of an element, so the user can copy it with Ctrl+C.
pub fn select_contents(node: &yew::NodeRef) {
    let Some(el) = node.get() else { return };
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(Some(selection)), Some(doc)) = (window.get_selection(), window.document()) else {
        return;
    };
    if let Ok(range) = doc.create_range() {
        if range.select_node_contents(&el).is_ok() {
            let _ = selection.remove_all_ranges();
            let _ = selection.add_range(&range);
        }
    }
}

/// The markup of the first element matching a CSS selector (the chart's SVG, for the HTML
/// report), if any.
pub fn outer_html(selector: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    Some(document.query_selector(selector).ok()??.outer_html())
}

/// Every chart on the page, in the page's order: its caption and its SVG as drawn.
pub fn chart_svgs() -> Vec<(String, String)> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(figures) = document.query_selector_all("figure.chart") else {
        return Vec::new();
    };
    (0..figures.length())
        .filter_map(|i| figures.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|f| {
            let caption = f.query_selector("figcaption").ok()??.text_content()?;
            let svg = f.query_selector("svg").ok()??.outer_html();
            Some((caption.trim().to_string(), svg))
        })
        .collect()
}

/// The letterhead the user asked to remember (agency, title, place, signers).
pub fn load_letterhead() -> Option<attain_core::report::official::Letterhead> {
    load_kept(LETTERHEAD_KEY)
}

/// Keeps the letterhead in the browser's storage (`None`: forgets it).
pub fn save_letterhead(l: Option<&attain_core::report::official::Letterhead>) {
    save_kept(LETTERHEAD_KEY, l);
}

/// Today by the browser's clock: the day a report is written.
pub fn today() -> Option<attain_core::dates::Date> {
    let d = js_sys::Date::new_0();
    attain_core::dates::Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// The first chart on the page (the main one) as a PNG picture, for the Word report.
pub async fn main_chart_png() -> Option<attain_core::report::docx::Picture> {
    let (_, svg) = chart_svgs().into_iter().next()?;
    let svg = attain_core::report::html::standalone_svg(&svg)?;
    // Its size from its viewBox ("0 0 W H").
    let at = svg.find("viewBox=\"")? + 9;
    let view: Vec<f64> = svg[at..]
        .split('"')
        .next()?
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let (w, h) = (*view.get(2)?, *view.get(3)?);
    let png = png_of_data_url(&svg_to_png(&svg, w, h).await?)?;
    // Drawn at twice its size.
    Some(attain_core::report::docx::Picture {
        png,
        width: (w * 2.0).ceil() as u32,
        height: (h * 2.0).ceil() as u32,
    })
}

const TEMPLATES_KEY: &str = "attain.templates.v1";
const LETTERHEAD_KEY: &str = "attain.letterhead.v1";
const TARGETS_KEY: &str = "attain.targets.v1";

/// A value kept in the browser's storage as postcard bytes in hex.
fn load_kept<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten())?;
    let hex = storage.get_item(key).ok().flatten()?;
    let bytes: Option<Vec<u8>> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect();
    postcard::from_bytes(&bytes?).ok()
}

/// Keeps a value in the browser's storage (`None`: removes it).
fn save_kept<T: serde::Serialize + ?Sized>(key: &str, value: Option<&T>) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    match value.and_then(|v| postcard::to_allocvec(v).ok()) {
        Some(bytes) => {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let _ = storage.set_item(key, &hex);
        }
        None => {
            let _ = storage.remove_item(key);
        }
    }
}

/// The target assignment the user asked to remember (units, parents and target figures).
pub fn load_assignment() -> Option<attain_core::analysis::targets::Assignment> {
    load_kept(TARGETS_KEY)
}

/// Keeps the target assignment the user asked to remember (`None`: forgets it).
pub fn save_assignment(a: Option<&attain_core::analysis::targets::Assignment>) {
    save_kept(TARGETS_KEY, a);
}

/// The remembered mapping templates (column roles per header signature; no figures).
pub fn load_templates() -> Vec<attain_core::analysis::Template> {
    load_kept(TEMPLATES_KEY).unwrap_or_default()
}

/// Keeps the templates in the browser's storage (only what the user asked to remember).
pub fn save_templates(list: &[attain_core::analysis::Template]) {
    save_kept(TEMPLATES_KEY, (!list.is_empty()).then_some(list));
}

/// The URL's `#…` (the view a link carries), without the `#`.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Puts the view in the URL's `#…` without adding a history entry or reloading.
pub fn replace_hash(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().hash().ok().as_deref() == Some(&format!("#{hash}")) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{hash}")),
        );
    }
}

/// Starts a download of a URL (a `data:` URL from a canvas) under a file name.
pub fn download_url(file_name: &str, url: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body()?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    Some(())
}

/// A standalone SVG drawn by the browser onto a canvas at twice its size, as a PNG `data:` URL.
pub async fn svg_to_png(svg: &str, width: f64, height: f64) -> Option<String> {
    let blob = gloo::file::Blob::new_with_options(svg.as_bytes(), Some("image/svg+xml"));
    let url = gloo::file::ObjectUrl::from(blob);
    let img = web_sys::HtmlImageElement::new().ok()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    img.set_src(&url);
    wasm_bindgen_futures::JsFuture::from(loaded).await.ok()?;
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    let scale = 2.0;
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, width * scale, height * scale);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        width * scale,
        height * scale,
    )
    .ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}

thread_local! {
    /// The register's text, once loaded.
    static REGISTER: std::cell::RefCell<Option<std::rc::Rc<str>>> = const { std::cell::RefCell::new(None) };
}

/// The register of units' text, loaded once by the page's loader (`attainRegister`, written
/// by `scripts/post-build.mjs`: fetched beside the page, or inflated from the single file);
/// `None` where it could not be had (the report is then matched by name alone).
pub async fn register_text() -> Option<std::rc::Rc<str>> {
    if let Some(t) = REGISTER.with(|r| r.borrow().clone()) {
        return Some(t);
    }
    let load = js_sys::Reflect::get(&js_sys::global(), &"attainRegister".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = load
        .call0(&wasm_bindgen::JsValue::NULL)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let text: std::rc::Rc<str> = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()?
        .into();
    REGISTER.with(|r| *r.borrow_mut() = Some(text.clone()));
    Some(text)
}
