//! The page's side of reading off the UI thread: one worker at a time, started once the page
//! is up (or on first use), replaced when it fails or the user cancels. Where no worker can
//! start, the file is read on the page itself after the loading message has been drawn.

use crate::worker::{prepare, Prepared, Request};
use attain_core::{ReadError, ReadOptions};

/// What the reader reports back.
pub enum Event {
    /// A fraction of the work done.
    Progress(f64),
    /// The reading worker's memory after the read, in bytes (its peak: wasm memory only grows).
    WorkerMemory(f64),
    /// The file was read, or why not.
    Done(Box<Result<Prepared, ReadError>>),
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use crate::worker::{add_piece, add_rows, assemble, decode_first, decode_reply, request_text};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    type Listener = Rc<dyn Fn(Event)>;

    struct Job {
        id: f64,
        request: String,
        bytes: js_sys::Uint8Array,
        listener: Listener,
    }

    #[derive(Default)]
    struct Reader {
        worker: Option<web_sys::Worker>,
        ready: bool,
        waiting: Option<Job>,
        current: Option<(f64, Listener)>,
        next_id: f64,
        /// The worker's memory as it last reported it (bytes).
        memory: f64,
    }

    thread_local! {
        static READER: RefCell<Reader> = RefCell::new(Reader::default());
    }

    /// The most memory (bytes) a reading worker may keep between files.
    const KEEP_WORKER_BELOW: f64 = 256.0 * 1024.0 * 1024.0;

    fn get(data: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// The worker: a blob worker from the glue the single-file build carries, else worker.js.
    fn spawn() -> Option<web_sys::Worker> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let window = web_sys::window()?;
        let document = window.document()?;
        let worker = match document.get_element_by_id("attain-worker-glue") {
            Some(glue) => {
                // A classic worker: a page opened from disk cannot start a module worker.
                let options = web_sys::WorkerOptions::new();
                let module = js_sys::Reflect::get(&window, &"__attainWasmModule".into()).ok()?;
                let parts = js_sys::Array::of1(&glue.text_content()?.into());
                let bag = web_sys::BlobPropertyBag::new();
                bag.set_type("text/javascript");
                let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).ok()?;
                let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
                let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
                let init = js_sys::Object::new();
                js_sys::Reflect::set(&init, &"module".into(), &module).ok()?;
                worker.post_message(&init).ok()?;
                worker
            }
            None => web_sys::Worker::new_with_options("./worker.js", &options).ok()?,
        };
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
                let data = e.data();
                if get(&data, "ready").is_truthy() {
                    READER.with(|r| {
                        let mut r = r.borrow_mut();
                        r.ready = true;
                        if let Some(job) = r.waiting.take() {
                            send(&mut r, job);
                        }
                    });
                    return;
                }
                let id = get(&data, "id").as_f64().unwrap_or(-1.0);
                let listener = READER.with(|r| {
                    r.borrow()
                        .current
                        .as_ref()
                        .filter(|(cid, _)| *cid == id)
                        .map(|(_, l)| l.clone())
                });
                let Some(listener) = listener else { return };
                if let Some(p) = get(&data, "progress").as_f64() {
                    listener(Event::Progress(p));
                }
                if let Some(m) = get(&data, "memory").as_f64() {
                    READER.with(|r| r.borrow_mut().memory = m);
                    listener(Event::WorkerMemory(m));
                }
                let reply = get(&data, "reply");
                if !reply.is_undefined() {
                    // A worker's memory only grows: after a large file, let it go (the next
                    // file starts a new one) rather than keep its peak for the page's life.
                    READER.with(|r| {
                        let mut r = r.borrow_mut();
                        r.current = None;
                        if r.memory > KEEP_WORKER_BELOW {
                            r.memory = 0.0;
                            if let Some(w) = r.worker.take() {
                                w.terminate();
                            }
                            r.ready = false;
                            // A fresh one gets ready for the next file meanwhile.
                            r.worker = spawn();
                        }
                    });
                    let reply = js_sys::Uint8Array::new(&reply).to_vec();
                    let parts_of = |key: &str| -> Vec<js_sys::Uint8Array> {
                        js_sys::Array::from(&get(&data, key))
                            .iter()
                            .map(|part| js_sys::Uint8Array::new(&part))
                            .collect()
                    };
                    let (rows, first) = (parts_of("rows"), parts_of("first"));
                    // The cells stay a JavaScript buffer until the page needs them.
                    let cells = js_sys::Uint8Array::new(&get(&data, "cells"));
                    // The table and the analysis are decoded in tasks of their own, so that
                    // the page can draw in between; a newer file drops this one.
                    yew::platform::spawn_local(async move {
                        let mut reply = decode_reply(&reply);
                        if !still_wanted(id).await {
                            return;
                        }
                        // The suggestion, then the table's rows and each indicator's results
                        // in pieces, each in a task of its own (a million units took a second
                        // to decode in one).
                        let mut parts = first.into_iter();
                        let mut decoded =
                            decode_first(&parts.next().map(|p| p.to_vec()).unwrap_or_default());
                        let mut whole = true;
                        if let Some(Ok(r)) = reply.as_mut() {
                            for part in rows {
                                if !still_wanted(id).await {
                                    return;
                                }
                                whole &= add_rows(&mut r.table, &part.to_vec());
                            }
                        }
                        for part in parts {
                            if !still_wanted(id).await {
                                return;
                            }
                            add_piece(&mut decoded, &part.to_vec());
                        }
                        let mismatch = || ReadError::ReaderMismatch {
                            detail: "the reader's answer could not be decoded".into(),
                        };
                        let result = match reply {
                            Some(Ok(reply)) if whole => {
                                Ok(assemble(reply, decoded, move || cells.to_vec()))
                            }
                            Some(Err(e)) => Err(e),
                            _ => Err(mismatch()),
                        };
                        if !still_wanted(id).await {
                            return;
                        }
                        listener(Event::Done(Box::new(result)));
                    });
                }
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
            e.prevent_default();
            failed();
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        Some(worker)
    }

    /// Lets the page draw, then says whether job `id` is still the one wanted (a newer file or
    /// a cancel drops it).
    async fn still_wanted(id: f64) -> bool {
        gloo::timers::future::TimeoutFuture::new(0).await;
        READER.with(|r| r.borrow().next_id) == id
    }

    /// The worker died (a panic or an abort inside a reader): tell the job, start afresh.
    fn failed() {
        let listener = READER.with(|r| {
            let mut r = r.borrow_mut();
            if let Some(w) = r.worker.take() {
                w.terminate();
            }
            r.ready = false;
            let waiting = r.waiting.take().map(|j| j.listener);
            r.current.take().map(|(_, l)| l).or(waiting)
        });
        if let Some(listener) = listener {
            listener(Event::Done(Box::new(Err(ReadError::ReaderStopped))));
        }
    }

    fn send(r: &mut Reader, job: Job) {
        let Some(worker) = &r.worker else { return };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &job.id.into());
        let _ = js_sys::Reflect::set(&msg, &"request".into(), &job.request.into());
        let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &job.bytes);
        let transfer = js_sys::Array::of1(&job.bytes.buffer());
        if worker.post_message_with_transfer(&msg, &transfer).is_ok() {
            r.current = Some((job.id, job.listener));
        }
    }

    pub fn read(
        name: String,
        bytes: Rc<Vec<u8>>,
        options: ReadOptions,
        listener: impl Fn(Event) + 'static,
    ) {
        let listener: Listener = Rc::new(listener);
        let request = Request { name, options };
        let started = READER.with(|r| {
            let mut r = r.borrow_mut();
            // One file at a time: a new one replaces a file still being read.
            if r.current.is_some() {
                if let Some(w) = r.worker.take() {
                    w.terminate();
                }
                r.ready = false;
                r.current = None;
            }
            if r.worker.is_none() {
                r.worker = spawn();
            }
            if r.worker.is_none() {
                return false;
            }
            r.next_id += 1.0;
            let job = Job {
                id: r.next_id,
                request: request_text(&request),
                bytes: js_sys::Uint8Array::from(bytes.as_slice()),
                listener: listener.clone(),
            };
            if r.ready {
                send(&mut r, job);
            } else {
                r.waiting = Some(job);
            }
            true
        });
        if !started {
            // No worker here: read on the page, after the loading message is drawn.
            yew::platform::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(30).await;
                listener(Event::Done(Box::new(prepare(&request, &bytes))));
            });
        }
    }

    pub fn warm() {
        READER.with(|r| {
            let mut r = r.borrow_mut();
            if r.worker.is_none() {
                r.worker = spawn();
            }
        });
    }

    pub fn cancel() {
        READER.with(|r| {
            let mut r = r.borrow_mut();
            // An answer still being decoded belongs to the cancelled job: it is dropped.
            r.next_id += 1.0;
            if r.current.is_some() || r.waiting.is_some() {
                if let Some(w) = r.worker.take() {
                    w.terminate();
                }
                r.ready = false;
                r.current = None;
                r.waiting = None;
            }
        });
    }
}

/// Reads a file off the UI thread; `listener` hears the progress and the result.
pub fn read(
    name: String,
    bytes: std::rc::Rc<Vec<u8>>,
    options: ReadOptions,
    listener: impl Fn(Event) + 'static,
) {
    #[cfg(target_arch = "wasm32")]
    imp::read(name, bytes, options, listener);
    #[cfg(not(target_arch = "wasm32"))]
    listener(Event::Done(Box::new(prepare(
        &Request { name, options },
        &bytes,
    ))));
}

/// Starts the reading worker before the first file: its script and module load while the
/// person picks a file, not after.
pub fn warm() {
    #[cfg(target_arch = "wasm32")]
    imp::warm();
}

/// Stops reading the current file, if any.
pub fn cancel() {
    #[cfg(target_arch = "wasm32")]
    imp::cancel();
}
