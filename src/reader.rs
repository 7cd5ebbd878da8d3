//! The page's side of the report held in the worker: commands go to one worker in order and
//! their answers come back in order. The page keeps the commands of the open report (with the
//! files) so that a worker that dies, or is stopped by a cancel, is replaced and
//! the report rebuilt in the new one. Where no worker can start, the same session runs on the
//! page after the loading message has been drawn.

use attain_core::session::{Answer, Command, Query, Reply};
use attain_core::ReadError;
use std::rc::Rc;

/// What the page hears about a command.
pub enum Event {
    /// A fraction of the work done (reading a file).
    Progress(f64),
    /// The worker's memory after the command, in bytes (its peak: wasm memory only grows).
    WorkerMemory(f64),
    /// The answer, or why there is none.
    Done(Box<Result<Answer, ReadError>>),
}

/// A file's bytes as the page hands them over: bytes it has (a paste, the sample), or a file
/// the user picked, which the worker reads itself (the page never copies it).
#[derive(Clone)]
pub enum Bytes {
    Data(Rc<Vec<u8>>),
    File(web_sys::Blob),
}

thread_local! {
    /// The report held on the page where no worker runs (and natively).
    static HERE: std::cell::RefCell<attain_core::session::Session> = Default::default();
}

/// What the report held on the page answers.
fn ask_here(query: &Query) -> Reply {
    HERE.with(|h| h.borrow().query(query))
}

/// Runs a command on a host of the page's own (no worker): natively, and where none starts.
fn run_here(command: Command, bytes: Option<Rc<Vec<u8>>>) -> Result<Answer, ReadError> {
    HERE.with(|h| {
        let mut host = h.borrow_mut();
        let bytes = bytes.map(|b| b.to_vec()).unwrap_or_default();
        let answer = host.run(command, bytes);
        // Through the bytes, as the worker's answer comes.
        let encoded = crate::wire::encode(&host, answer);
        let mut back =
            crate::wire::decode_answer(&encoded.answer).unwrap_or(Err(ReadError::ReaderMismatch {
                detail: "an answer could not be decoded".into(),
            }));
        if let Ok(a) = back.as_mut() {
            let mut shared = crate::wire::SharedNames::default();
            for p in &encoded.pieces {
                crate::wire::add_piece(a, &mut shared, p);
            }
        }
        back
    })
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use crate::wire::{add_piece, command_text, decode_answer};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    type Listener = Rc<dyn Fn(Event)>;

    /// A command kept to rebuild the report: its text and its file (a `File` the user picked
    /// is a handle to the file on disk, not a copy).
    #[derive(Clone)]
    struct Entry {
        command: String,
        file: Option<web_sys::Blob>,
    }

    /// Bytes the page has, as a file.
    fn blob_of(bytes: &[u8]) -> Option<web_sys::Blob> {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
    }

    struct Job {
        id: f64,
        entry: Entry,
        listener: Listener,
        /// A command of the user's (not one replayed to rebuild the report).
        new: bool,
    }

    #[derive(Default)]
    struct Client {
        worker: Option<web_sys::Worker>,
        ready: bool,
        /// Jobs waiting for the worker to be ready, in order.
        waiting: Vec<Job>,
        /// Jobs sent, in order, and whether each is the user's; answers come in that order.
        sent: Vec<(f64, Listener, bool)>,
        next_id: f64,
        /// The commands of the open report, from its `Open`.
        journal: Vec<Entry>,
        /// The report before an `Open` still running, restored when it fails or is cancelled,
        /// and whether the worker must rebuild it (it was replaced for the `Open`).
        fallback: Option<(Vec<Entry>, bool)>,
        /// The worker's memory as it last reported it (bytes).
        memory: f64,
        /// No worker can start here.
        no_worker: bool,
        /// Answers arrived and answers handed on: they are handed on in the order they came.
        arrived: u64,
        delivered: u64,
        /// Answers to commands below this id belong to a worker let go: not handed on.
        dropped_below: f64,
        /// Queries of the results table not yet answered: id, text, reply, and whether the
        /// worker there now has it (a worker let go takes its queries with it: they go again
        /// to the next, after the report is rebuilt there).
        queries: Vec<(f64, String, Replier, bool)>,
    }

    type Replier = Rc<dyn Fn(Option<Reply>)>;

    /// Posts the queries the worker does not have yet, once it is ready.
    fn post_queries(c: &mut Client) {
        if !c.ready {
            return;
        }
        let Some(worker) = c.worker.clone() else {
            return;
        };
        for (id, text, _, sent) in c.queries.iter_mut().filter(|q| !q.3) {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"id".into(), &(*id).into());
            let _ = js_sys::Reflect::set(&msg, &"query".into(), &text.as_str().into());
            *sent = worker.post_message(&msg).is_ok();
        }
    }

    pub fn ask(query: Query, reply: impl Fn(Option<Reply>) + 'static) {
        let reply: Replier = Rc::new(reply);
        let here = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.no_worker || c.worker.is_none() {
                return true;
            }
            c.next_id += 1.0;
            let id = c.next_id;
            c.queries
                .push((id, crate::wire::query_text(&query), reply.clone(), false));
            post_queries(&mut c);
            false
        });
        if here {
            crate::writer::finish(ask_here(&query), move |r| reply(Some(r)));
        }
    }

    thread_local! {
        static CLIENT: RefCell<Client> = RefCell::new(Client::default());
    }

    /// A new report starts in a new worker when the last one grew past this (bytes): wasm
    /// memory only grows, and the old report goes anyway.
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
                // The export module, as base64: the worker decodes it on the first export.
                let writer = document
                    .get_element_by_id("attain-writer-wasm")
                    .and_then(|w| w.text_content())
                    .unwrap_or_default();
                js_sys::Reflect::set(&init, &"writer".into(), &writer.into()).ok()?;
                worker.post_message(&init).ok()?;
                worker
            }
            None => web_sys::Worker::new_with_options("./worker.js", &options).ok()?,
        };
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
                on_message(e.data())
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

    fn on_message(data: JsValue) {
        if get(&data, "ready").is_truthy() {
            CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                c.ready = true;
                for job in std::mem::take(&mut c.waiting) {
                    post(&mut c, job);
                }
                post_queries(&mut c);
            });
            return;
        }
        if let Some(bytes) = get(&data, "reply").dyn_ref::<js_sys::Uint8Array>() {
            let id = get(&data, "id").as_f64().unwrap_or(-1.0);
            let reply = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                let at = c.queries.iter().position(|q| q.0 == id)?;
                Some(c.queries.remove(at).2)
            });
            if let Some(reply) = reply {
                reply(crate::wire::decode_reply(&bytes.to_vec()));
            }
            return;
        }
        let id = get(&data, "id").as_f64().unwrap_or(-1.0);
        let listener = CLIENT.with(|c| {
            let c = c.borrow();
            c.sent
                .iter()
                .find(|(x, _, _)| *x == id)
                .map(|(_, l, _)| l.clone())
        });
        if let Some(m) = get(&data, "memory").as_f64() {
            CLIENT.with(|c| c.borrow_mut().memory = m);
            if let Some(l) = &listener {
                l(Event::WorkerMemory(m));
            }
        }
        if let (Some(p), Some(l)) = (get(&data, "progress").as_f64(), &listener) {
            l(Event::Progress(p));
        }
        let answer = get(&data, "answer");
        if answer.is_undefined() {
            return;
        }
        let seq = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            c.sent.retain(|(x, _, _)| *x != id);
            c.arrived += 1;
            c.arrived
        });
        let listener = listener.unwrap_or_else(|| Rc::new(|_| {}));
        // The worker's bytes as they came (`Uint8Array::new` on one would copy it).
        let answer = answer.unchecked_into::<js_sys::Uint8Array>().to_vec();
        let pieces: Vec<js_sys::Uint8Array> = js_sys::Array::from(&get(&data, "pieces"))
            .iter()
            .map(|p| p.unchecked_into::<js_sys::Uint8Array>())
            .collect();
        // The answer, then each piece of a new analysis, in tasks of their own so that the
        // page can draw in between (a million units took a second to decode in one).
        yew::platform::spawn_local(async move {
            let mismatch = || ReadError::ReaderMismatch {
                detail: "the reader's answer could not be decoded".into(),
            };
            let mut answer = decode_answer(&answer).unwrap_or_else(|| Err(mismatch()));
            let mut shared = crate::wire::SharedNames::default();
            for piece in pieces {
                gloo::timers::future::TimeoutFuture::new(0).await;
                if let Ok(a) = answer.as_mut() {
                    if !add_piece(a, &mut shared, &piece.to_vec()) {
                        answer = Err(mismatch());
                    }
                }
            }
            // Handed on in the order they came (a short answer must not overtake a long one).
            while CLIENT.with(|c| c.borrow().delivered + 1 != seq) {
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
            let wanted = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                c.delivered = seq;
                id >= c.dropped_below
            });
            if !wanted {
                return;
            }
            CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                match (&answer, c.fallback.take()) {
                    // A new report read: the one before it is gone.
                    (Ok(_), _) | (Err(_), None) => {}
                    // It could not be read: the report before it stays.
                    (Err(_), Some((previous, replay))) => {
                        c.journal = previous;
                        if replay {
                            rebuild(&mut c);
                        }
                    }
                }
            });
            listener(Event::Done(Box::new(answer)));
        });
    }

    /// Sends a job, or keeps it until the worker is ready.
    fn post(c: &mut Client, job: Job) {
        if !c.ready {
            c.waiting.push(job);
            return;
        }
        let Some(worker) = &c.worker else { return };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &job.id.into());
        let _ = js_sys::Reflect::set(&msg, &"command".into(), &job.entry.command.as_str().into());
        if let Some(file) = &job.entry.file {
            // The worker reads the file itself.
            let _ = js_sys::Reflect::set(&msg, &"file".into(), file);
        }
        if worker.post_message(&msg).is_ok() {
            c.sent.push((job.id, job.listener, job.new));
        }
    }

    /// A new worker with the open report rebuilt in it; the answers of the rebuild are not
    /// heard (the page already shows them).
    fn rebuild(c: &mut Client) {
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        c.ready = false;
        c.memory = 0.0;
        c.sent.clear();
        c.waiting.clear();
        c.dropped_below = c.next_id + 1.0;
        for q in &mut c.queries {
            q.3 = false;
        }
        c.worker = spawn();
        let quiet: Listener = Rc::new(|_| {});
        for entry in c.journal.clone() {
            c.next_id += 1.0;
            let job = Job {
                id: c.next_id,
                entry,
                listener: quiet.clone(),
                new: false,
            };
            post(c, job);
        }
    }

    /// The user's commands still out: they leave the journal (the worker that ran them is
    /// gone), and the report before an `Open` among them comes back.
    fn drop_out(c: &mut Client) -> Vec<Listener> {
        let mut out = Vec::new();
        for (_, l, new) in c.sent.drain(..) {
            if new {
                out.push(l);
            }
        }
        for j in c.waiting.drain(..) {
            if j.new {
                out.push(j.listener);
            }
        }
        let keep = c.journal.len().saturating_sub(out.len());
        c.journal.truncate(keep);
        if let Some((previous, _)) = c.fallback.take() {
            c.journal = previous;
        }
        out
    }

    /// The worker died (a panic or an abort inside a reader): every command still out is told,
    /// those commands leave the journal, and the report is rebuilt in a new worker.
    fn failed() {
        let listeners = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            let out = drop_out(&mut c);
            rebuild(&mut c);
            out
        });
        for l in listeners {
            l(Event::Done(Box::new(Err(ReadError::ReaderStopped))));
        }
    }

    pub fn send(command: Command, bytes: Option<Bytes>, listener: impl Fn(Event) + 'static) {
        let listener: Listener = Rc::new(listener);
        let here = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.no_worker {
                return true;
            }
            let entry = Entry {
                command: command_text(&command),
                file: match &bytes {
                    Some(Bytes::Data(b)) => blob_of(b),
                    Some(Bytes::File(f)) => Some(f.clone()),
                    None => None,
                },
            };
            if matches!(command, Command::Open { .. }) {
                // A new report: a file still being read is dropped, and a worker that grew
                // large on the last report is let go.
                let reading = !c.sent.is_empty() || !c.waiting.is_empty();
                let fresh = reading || c.memory > KEEP_WORKER_BELOW || c.worker.is_none();
                let previous = std::mem::take(&mut c.journal);
                let before = match c.fallback.take() {
                    // The report before the `Open` still running.
                    Some((older, _)) if reading => older,
                    _ => previous,
                };
                c.fallback = Some((before, fresh));
                if fresh {
                    rebuild(&mut c);
                }
            }
            if matches!(command, Command::AddToBatch { .. }) {
                // The files given with an `Open` go on when its file cannot be read (the next
                // one opens the report): the report before the batch does not come back.
                c.fallback = None;
            }
            c.journal.push(entry.clone());
            if c.worker.is_none() {
                c.worker = spawn();
            }
            if c.worker.is_none() {
                c.no_worker = true;
                return true;
            }
            c.next_id += 1.0;
            let job = Job {
                id: c.next_id,
                entry,
                listener: listener.clone(),
                new: true,
            };
            post(&mut c, job);
            false
        });
        if here {
            // No worker here: the page runs the command after the loading message is drawn.
            yew::platform::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(30).await;
                let bytes = match bytes {
                    Some(Bytes::Data(b)) => Some(b),
                    Some(Bytes::File(f)) => {
                        let file = gloo::file::Blob::from(f);
                        match gloo::file::futures::read_as_bytes(&file).await {
                            Ok(b) => Some(Rc::new(b)),
                            Err(e) => {
                                let error = ReadError::BrowserRefused {
                                    detail: e.to_string(),
                                };
                                listener(Event::Done(Box::new(Err(error))));
                                return;
                            }
                        }
                    }
                    None => None,
                };
                listener(Event::Done(Box::new(run_here(command, bytes))));
            });
        }
    }

    pub fn warm() {
        CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.worker.is_none() && !c.no_worker {
                c.worker = spawn();
                if c.worker.is_none() {
                    c.no_worker = true;
                }
            }
        });
    }

    pub fn cancel() {
        CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.sent.is_empty() && c.waiting.is_empty() {
                return;
            }
            // The commands out are dropped with the worker; the report before them is rebuilt.
            drop_out(&mut c);
            rebuild(&mut c);
        });
    }
}

/// Sends a command (with the file for `Open` and `AddDate`); `listener` hears the progress
/// and the answer.
pub fn send(command: Command, bytes: Option<Bytes>, listener: impl Fn(Event) + 'static) {
    #[cfg(target_arch = "wasm32")]
    imp::send(command, bytes, listener);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let bytes = match bytes {
            Some(Bytes::Data(b)) => Some(b),
            // Natively there is no browser file to read.
            Some(Bytes::File(_)) => {
                let error = ReadError::BrowserRefused {
                    detail: "no browser here".into(),
                };
                return listener(Event::Done(Box::new(Err(error))));
            }
            None => None,
        };
        listener(Event::Done(Box::new(run_here(command, bytes))));
    }
}

/// Asks the report something without changing it (a window of the results table, the summary,
/// an export); `reply` hears the answer (`None` when the worker's reply does not decode).
/// Queries go in order with the commands, after those sent before.
pub fn ask(query: Query, reply: impl Fn(Option<Reply>) + 'static) {
    #[cfg(target_arch = "wasm32")]
    imp::ask(query, reply);
    #[cfg(not(target_arch = "wasm32"))]
    crate::writer::finish(ask_here(&query), move |r| reply(Some(r)));
}

/// Starts the worker before the first file: its script and module load while the person
/// picks a file, not after.
pub fn warm() {
    #[cfg(target_arch = "wasm32")]
    imp::warm();
}

/// Stops the command running (a file being read), if any; the report before it stays.
pub fn cancel() {
    #[cfg(target_arch = "wasm32")]
    imp::cancel();
}
