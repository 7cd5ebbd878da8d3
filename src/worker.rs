//! The worker's side. The page's one WebAssembly module also runs in a Web Worker (`worker.js`,
//! written by scripts/post-build.mjs, or a blob worker in the single-file build): there it
//! holds the report (the engine's `Session`), runs each command the page sends (and answers
//! each query: a window of the results table, the summary, an export's bytes), and answers
//! with postcard bytes in transferred buffers (the answer, then a new analysis' indicators and
//! units in pieces), which the page decodes in tasks of their own. A panic or an abort costs
//! only the worker: the page sees it fail, tells the user, and rebuilds the report in a new one.

#[cfg(target_arch = "wasm32")]
mod entry {
    use crate::wire::{command_of, encode, encode_reply, query_of};
    use attain_core::session::{Command, Session};
    use attain_core::ReadError;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        // The worker keeps the user's files (handles to them) and reads one again for
        // `Reread`: the session keeps no copy of their bytes.
        static SESSION: RefCell<Session> = RefCell::new(Session::with_files_from_host());
        /// The files of the open report, each under the read that made its source
        /// (`Source::read`).
        static FILES: RefCell<Vec<(u64, web_sys::Blob)>> = const { RefCell::new(Vec::new()) };
    }

    fn post(scope: &web_sys::DedicatedWorkerGlobalScope, id: f64, key: &str, value: &JsValue) {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(&msg, &key.into(), value);
        let _ = scope.post_message(&msg);
    }

    /// How much of a file is read into the browser's memory at a time.
    const CHUNK: f64 = 8.0 * 1024.0 * 1024.0;

    /// The file's bytes, copied into the module's memory a piece at a time: the browser's
    /// pieces are small, where one copy of the whole file would stand beside ours until the
    /// worker's garbage is collected. A file past the engine's cap is refused unread.
    fn read_file(file: &web_sys::Blob) -> Result<Vec<u8>, ReadError> {
        let size = file.size();
        if size > attain_core::ingest::MAX_BYTES as f64 {
            return Err(ReadError::TooLarge(attain_core::ingest::Limit::FileSize {
                bytes: size as u64,
                max: attain_core::ingest::MAX_BYTES as u64,
            }));
        }
        let refused = |e: JsValue| ReadError::BrowserRefused {
            detail: format!("{e:?}"),
        };
        let reader = web_sys::FileReaderSync::new().map_err(refused)?;
        let mut out = Vec::with_capacity(size as usize);
        let mut at = 0.0;
        while at < size {
            let end = (at + CHUNK).min(size);
            let piece = file
                .slice_with_f64_and_f64(at, end)
                .and_then(|part| reader.read_as_array_buffer(&part))
                .map_err(refused)?;
            let array = js_sys::Uint8Array::new(&piece);
            let start = out.len();
            out.resize(start + array.length() as usize, 0);
            array.copy_to(&mut out[start..]);
            at = end;
        }
        Ok(out)
    }

    /// Starts answering the page's commands. Called by the worker's bootstrap script.
    #[wasm_bindgen]
    pub fn attain_worker_start() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let s = scope.clone();
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let get =
                    |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
                let id = get("id").as_f64().unwrap_or(0.0);
                // A query (a window of the results table, the summary, an export): answered
                // from the report, nothing changed.
                if let Some(text) = get("query").as_string() {
                    let s = s.clone();
                    let send = move |reply: Vec<u8>| {
                        let bytes = js_sys::Uint8Array::from(reply.as_slice());
                        let msg = js_sys::Object::new();
                        let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
                        let _ = js_sys::Reflect::set(&msg, &"reply".into(), &bytes);
                        let _ = s
                            .post_message_with_transfer(&msg, &js_sys::Array::of1(&bytes.buffer()));
                    };
                    match query_of(&text) {
                        // An Excel export is laid out here and written by the export module.
                        Some(q) => crate::writer::finish(
                            SESSION.with(|h| h.borrow().query(&q)),
                            move |reply| send(encode_reply(&reply)),
                        ),
                        None => send(Vec::new()),
                    }
                    return;
                }
                let command = get("command").as_string().and_then(|c| command_of(&c));
                let encoded = SESSION.with(|h| {
                    let mut host = h.borrow_mut();
                    let answer = match command {
                        Some(command) => {
                            let reads = command.reads();
                            if reads {
                                post(&s, id, "progress", &0.2.into());
                            }
                            let mut file = get("file");
                            if let Some(read) = host.file_needed(&command) {
                                // The file the report shown was read from, read again (for
                                // another encoding, or for the cells the session let go).
                                let kept = FILES.with(|f| {
                                    f.borrow()
                                        .iter()
                                        .find(|(r, _)| *r == read)
                                        .map(|(_, b)| b.clone())
                                });
                                if let Some(blob) = kept {
                                    file = blob.into();
                                }
                            }
                            let open = matches!(command, Command::Open { .. });
                            let before = host.last_read();
                            // The file the user picked, read here: the page never copies it.
                            let bytes = if file.is_undefined() {
                                Ok(Vec::new())
                            } else {
                                read_file(file.unchecked_ref())
                            };
                            let answer = bytes.and_then(|b| host.run(command, b));
                            // A file that became a source is kept under its read; the files
                            // no source comes from any more are let go. A file refused
                            // changes nothing.
                            let read = host.last_read();
                            FILES.with(|f| {
                                let mut f = f.borrow_mut();
                                if answer.is_ok() && read != before && host.holds_read(read) {
                                    if open {
                                        f.clear();
                                    }
                                    if !file.is_undefined() {
                                        f.push((read, file.clone().unchecked_into()));
                                    }
                                }
                                f.retain(|(r, _)| host.holds_read(*r));
                            });
                            if reads {
                                post(&s, id, "progress", &0.9.into());
                            }
                            answer
                        }
                        None => Err(ReadError::ReaderMismatch {
                            detail: "the page sent an unreadable command".into(),
                        }),
                    };
                    encode(&host, answer)
                });
                // The worker's memory: wasm memory only grows, so this is its peak.
                let memory = wasm_bindgen::memory()
                    .dyn_into::<js_sys::WebAssembly::Memory>()
                    .map(|m| {
                        m.buffer()
                            .unchecked_into::<js_sys::ArrayBuffer>()
                            .byte_length()
                    })
                    .unwrap_or(0);
                post(&s, id, "memory", &f64::from(memory).into());
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
                let transfer = js_sys::Array::new();
                let answer = js_sys::Uint8Array::from(encoded.answer.as_slice());
                let _ = js_sys::Reflect::set(&msg, &"answer".into(), &answer);
                transfer.push(&answer.buffer());
                let pieces = js_sys::Array::new();
                for bytes in &encoded.pieces {
                    let array = js_sys::Uint8Array::from(bytes.as_slice());
                    transfer.push(&array.buffer());
                    pieces.push(&array);
                }
                let _ = js_sys::Reflect::set(&msg, &"pieces".into(), &pieces);
                drop(encoded);
                let _ = s.post_message_with_transfer(&msg, &transfer);
            });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let ready = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&ready, &"ready".into(), &true.into());
        let _ = scope.post_message(&ready);
    }
}
