//! The export module's side: an Excel or Word export comes from the session laid out
//! ([`Reply::Workbook`], [`Reply::Document`]); this turns it into the file's bytes. In the browser the writer is a
//! WebAssembly module of its own (`crates/attain-writer`), fetched on the first export by the
//! `attainWriter` function that `scripts/post-build.mjs` gives the worker and the page, so the
//! first load does not carry it. Natively the engine's writer is called directly.

use attain_core::report::Plan;
use attain_core::session::Reply;

/// Hands `done` the reply with a laid-out workbook or document written; any other reply as
/// it is.
pub fn finish(reply: Reply, done: impl FnOnce(Reply) + 'static) {
    let plan = match reply {
        Reply::Workbook(book) => Plan::Workbook(*book),
        Reply::Document(doc) => Plan::Document(doc),
        other => return done(other),
    };
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        done(Reply::Export(write_in_module(plan).await));
    });
    #[cfg(not(target_arch = "wasm32"))]
    done(Reply::Export(
        attain_core::report::write(&plan).map_err(|e| e.detail),
    ));
}

/// The export module's answer for a plan: its bytes, or the cause of a failure.
#[cfg(target_arch = "wasm32")]
async fn write_in_module(plan: Plan) -> Result<Vec<u8>, String> {
    use wasm_bindgen::{JsCast, JsValue};
    let writer = js_sys::Reflect::get(&js_sys::global(), &"attainWriter".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("the export module is not part of this page")?;
    // The layout and its bytes go before the module works: only the JavaScript copy stays.
    let bytes = postcard::to_allocvec(&plan).map_err(|e| e.to_string())?;
    drop(plan);
    let plan = js_sys::Uint8Array::from(bytes.as_slice());
    drop(bytes);
    let promise = writer
        .call1(&JsValue::NULL, &plan)
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<js_sys::Promise>()
        .map_err(|e| format!("{e:?}"))?;
    let bytes = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
    bytes
        .dyn_into::<js_sys::Uint8Array>()
        .map(|b| b.to_vec())
        .map_err(|_| "the export module answered no bytes".to_string())
}
