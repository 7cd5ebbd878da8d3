//! Reading off the UI thread. The page's one WebAssembly module also runs in a Web Worker
//! (`worker.js`, written by scripts/post-build.mjs, or a blob worker in the single-file build):
//! there it reads the file, picks the sheet, detects the table, suggests the mapping and
//! analyses the table with it, and sends the result back as postcard bytes in transferred
//! buffers (the reply; the suggestion with the analysis, each indicator apart; the workbook's
//! cells), which the page decodes in separate tasks, the cells only when needed. A panic or an
//! abort costs only the worker: the page sees it fail, tells the user, and starts a new one.

use crate::book::{Book, BookInfo};
use attain_core::analysis::{analyze, suggest, Analysis, IndicatorResult, Suggestion, UnitResult};
use attain_core::table::{best_table, Row, TableError};
use attain_core::{read_workbook_with, ReadError, ReadOptions, Table, Workbook};
use serde::{Deserialize, Serialize};

/// A file to read, as the page sends it (the bytes travel beside it).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub name: String,
    pub options: ReadOptions,
}

/// What was found in a file, as the page holds it.
#[derive(Debug)]
pub struct Prepared {
    /// The workbook; from the worker, its cells still bytes until something needs them.
    pub workbook: Book,
    /// The sheet that looks most like a report.
    pub sheet: usize,
    /// Its table, or why there is none.
    pub table: Result<Table, TableError>,
    /// The mapping suggested for the table and the analysis with it, done by the reader so
    /// that the page does not: used when the page keeps the suggestion (no remembered
    /// template, no mapping carried over).
    pub first: First,
}

/// What the reader found: the reply, the suggestion with its analysis, and the workbook.
#[derive(Clone, Debug)]
pub struct Found {
    pub workbook: Workbook,
    pub reply: Reply,
    pub first: First,
}

/// What the worker sends back first. The suggestion with its analysis and the workbook's cells
/// travel as bytes of their own: the page decodes them in separate tasks (the analysis) or
/// when needed (the cells), so that no one task holds the page for all of it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reply {
    pub info: BookInfo,
    pub sheet: usize,
    pub table: Result<Table, TableError>,
}

/// The three parts of the worker's answer, as bytes. The suggestion with its analysis is
/// itself in pieces: the suggestion and the analysis without its indicators, then each
/// indicator's results (a million units are a second of decoding each, in a task of its own).
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    pub reply: Vec<u8>,
    /// The table's rows, in pieces (`Vec<Row>` each).
    pub rows: Vec<Vec<u8>>,
    pub first: Vec<Vec<u8>>,
    pub cells: Vec<u8>,
}

/// The most rows of the table, or units of an indicator, in one piece of the answer: the page
/// decodes each piece in a task of its own (a million units took a second in one).
pub const PIECE: usize = 50_000;

/// A piece of the analysis after its head (the suggestion and the analysis without its
/// indicators): an indicator without its units, or some of its units.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Piece {
    /// An indicator's results, its units to follow.
    Indicator(IndicatorResult),
    /// Units of the last indicator, in order.
    Units(Vec<UnitResult>),
}

/// Encodes `items` in pieces of at most [`PIECE`], each made by `wrap`.
/// Each item is moved once (splitting off the rest would move what remains again per piece).
fn pieces<T, P: Serialize>(items: Vec<T>, wrap: impl Fn(Vec<T>) -> P, out: &mut Vec<Vec<u8>>) {
    let mut items = items.into_iter();
    loop {
        let piece: Vec<T> = items.by_ref().take(PIECE).collect();
        if piece.is_empty() {
            break;
        }
        out.push(postcard::to_allocvec(&wrap(piece)).unwrap_or_default());
    }
}

/// The suggestion and its analysis, computed in the worker.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct First {
    pub suggestion: Option<Suggestion>,
    pub analysis: Option<Analysis>,
}

impl First {
    /// The suggestion for a table and the analysis with its mapping.
    pub fn of(table: &Result<Table, TableError>) -> First {
        let Ok(t) = table else {
            return First::default();
        };
        let suggestion = suggest(t);
        let analysis = suggestion
            .as_ref()
            .and_then(|g| analyze(t, &g.mapping).ok());
        First {
            suggestion,
            analysis,
        }
    }
}

/// Reads, chooses the sheet, detects the table, suggests the mapping and analyses: the work
/// the reader does for one file. The workbook comes back beside what the page needs at once.
pub fn read(request: &Request, bytes: &[u8]) -> Result<Found, ReadError> {
    let workbook = read_workbook_with(&request.name, bytes, &request.options)?;
    let (sheet, table) = best_table(&workbook);
    let first = First::of(&table);
    let info = BookInfo::of(&workbook, sheet, table.as_ref().ok());
    Ok(Found {
        workbook,
        reply: Reply { info, sheet, table },
        first,
    })
}

/// [`read`] for the page itself (no worker): the workbook already decoded.
pub fn prepare(request: &Request, bytes: &[u8]) -> Result<Prepared, ReadError> {
    let Found {
        workbook,
        reply,
        first,
    } = read(request, bytes)?;
    Ok(Prepared {
        workbook: Book::ready(workbook, reply.sheet, reply.table.as_ref().ok()),
        sheet: reply.sheet,
        table: reply.table,
        first,
    })
}

/// Encodes what the worker found for the page, in its three parts; each part is let go once
/// it is bytes, so the worker never holds everything twice.
pub fn encode(found: Result<Found, ReadError>) -> Encoded {
    match found {
        Ok(Found {
            workbook,
            mut reply,
            mut first,
        }) => {
            let cells = postcard::to_allocvec(&workbook).unwrap_or_default();
            drop(workbook);
            let indicators = first
                .analysis
                .as_mut()
                .map(|a| std::mem::take(&mut a.indicators))
                .unwrap_or_default();
            let mut parts = vec![postcard::to_allocvec(&first).unwrap_or_default()];
            drop(first);
            // The table's rows travel in pieces of their own; each indicator, then its units
            // in pieces, after the head.
            let mut rows = Vec::new();
            let table_rows = reply
                .table
                .as_mut()
                .map(|t| std::mem::take(&mut t.rows))
                .unwrap_or_default();
            pieces(table_rows, |r: Vec<Row>| r, &mut rows);
            for mut indicator in indicators {
                let units = std::mem::take(&mut indicator.units);
                parts.push(postcard::to_allocvec(&Piece::Indicator(indicator)).unwrap_or_default());
                pieces(units, Piece::Units, &mut parts);
            }
            let first = parts;
            let reply = postcard::to_allocvec(&Ok::<_, ReadError>(reply)).unwrap_or_default();
            Encoded {
                reply,
                rows,
                first,
                cells,
            }
        }
        Err(e) => Encoded {
            reply: postcard::to_allocvec(&Err::<Reply, _>(e)).unwrap_or_default(),
            ..Encoded::default()
        },
    }
}

/// Decodes the first part of the worker's answer; `None` when it is not one.
pub fn decode_reply(reply: &[u8]) -> Option<Result<Reply, ReadError>> {
    postcard::from_bytes(reply).ok()
}

/// The page's whole view of a file from the parts: the reply, the suggestion with its analysis
/// (bytes that do not decode leave the page to suggest and analyse itself), and `cells`, which
/// gives the workbook's bytes when they are first needed.
pub fn assemble(reply: Reply, first: First, cells: impl FnOnce() -> Vec<u8> + 'static) -> Prepared {
    Prepared {
        workbook: Book::later(reply.info, move || postcard::from_bytes(&cells()).ok()),
        sheet: reply.sheet,
        table: reply.table,
        first,
    }
}

/// The first piece of the suggestion with its analysis: the suggestion, and the analysis
/// without its indicators (bytes that do not decode give neither).
pub fn decode_first(head: &[u8]) -> First {
    postcard::from_bytes(head).unwrap_or_default()
}

/// Adds a piece of the analysis: an indicator, or units of the last one. A piece that does
/// not decode drops the analysis (the page then analyses the table itself).
pub fn add_piece(first: &mut First, part: &[u8]) {
    match postcard::from_bytes(part) {
        Ok(Piece::Indicator(indicator)) => {
            if let Some(a) = first.analysis.as_mut() {
                a.indicators.push(indicator);
            }
        }
        Ok(Piece::Units(units)) => {
            match first
                .analysis
                .as_mut()
                .and_then(|a| a.indicators.last_mut())
            {
                Some(ind) => ind.units.extend(units),
                None => first.analysis = None,
            }
        }
        Err(_) => first.analysis = None,
    }
}

/// Adds a piece of the table's rows; `false` when it does not decode (the table would be
/// incomplete: the answer is refused).
pub fn add_rows(table: &mut Result<Table, TableError>, part: &[u8]) -> bool {
    match (table, postcard::from_bytes::<Vec<Row>>(part)) {
        (Ok(t), Ok(rows)) => {
            t.rows.extend(rows);
            true
        }
        _ => false,
    }
}

/// [`decode_reply`], [`add_rows`], [`decode_first`], [`add_piece`] and [`assemble`] at once,
/// as the page does them in tasks of their own (for tests).
#[cfg(test)]
pub fn decode(encoded: Encoded) -> Option<Result<Prepared, ReadError>> {
    let Encoded {
        reply,
        rows,
        first,
        cells,
    } = encoded;
    let mut reply = decode_reply(&reply)?;
    if let Ok(r) = reply.as_mut() {
        for part in &rows {
            if !add_rows(&mut r.table, part) {
                return None;
            }
        }
    }
    let mut parts = first.iter();
    let mut decoded = decode_first(parts.next().map_or(&[][..], Vec::as_slice));
    for part in parts {
        add_piece(&mut decoded, part);
    }
    Some(reply.map(|r| assemble(r, decoded, move || cells)))
}

#[cfg(target_arch = "wasm32")]
mod entry {
    use super::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn post(scope: &web_sys::DedicatedWorkerGlobalScope, id: f64, key: &str, value: &JsValue) {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(&msg, &key.into(), value);
        if let Some(buffer) = value.dyn_ref::<js_sys::Uint8Array>().map(|a| a.buffer()) {
            let _ = scope.post_message_with_transfer(&msg, &js_sys::Array::of1(&buffer));
        } else {
            let _ = scope.post_message(&msg);
        }
    }

    /// Starts answering the page's requests. Called by the worker's bootstrap script.
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
                let request: Option<Request> =
                    get("request").as_string().and_then(|r| serde_json_lite(&r));
                let found = match request {
                    Some(request) => {
                        post(&s, id, "progress", &0.2.into());
                        let bytes = js_sys::Uint8Array::new(&get("bytes")).to_vec();
                        read(&request, &bytes)
                    }
                    None => Err(ReadError::ReaderMismatch {
                        detail: "the page sent an unreadable request".into(),
                    }),
                };
                post(&s, id, "progress", &0.9.into());
                let encoded = encode(found);
                // The worker's memory after reading and encoding: wasm memory only grows, so this is
                // its peak.
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
                for (key, bytes) in [("reply", &encoded.reply), ("cells", &encoded.cells)] {
                    let array = js_sys::Uint8Array::from(bytes.as_slice());
                    let _ = js_sys::Reflect::set(&msg, &key.into(), &array);
                    transfer.push(&array.buffer());
                }
                for (key, list) in [("rows", &encoded.rows), ("first", &encoded.first)] {
                    let parts = js_sys::Array::new();
                    for bytes in list {
                        let array = js_sys::Uint8Array::from(bytes.as_slice());
                        transfer.push(&array.buffer());
                        parts.push(&array);
                    }
                    let _ = js_sys::Reflect::set(&msg, &key.into(), &parts);
                }
                drop(encoded);
                let _ = s.post_message_with_transfer(&msg, &transfer);
            });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let ready = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&ready, &"ready".into(), &true.into());
        let _ = scope.post_message(&ready);
    }

    /// The request travels as postcard bytes in hex: small, and no JSON crate in the bundle.
    fn serde_json_lite(hex: &str) -> Option<Request> {
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        postcard::from_bytes(&bytes?).ok()
    }
}

/// A request as the text the page posts: postcard bytes in hex.
pub fn request_text(request: &Request) -> String {
    postcard::to_allocvec(request)
        .unwrap_or_default()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use attain_core::sample;

    #[test]
    fn a_reply_survives_the_trip() {
        let request = Request {
            name: sample::FILE_NAME.into(),
            options: ReadOptions::default(),
        };
        let back = decode(encode(read(&request, sample::CSV.as_bytes())))
            .unwrap()
            .unwrap();
        assert!(back.first.analysis.is_some());
        assert!(!back.workbook.decoded());
        assert_eq!(back.workbook.info().sheets[0].rows, 17);
        let t = back.table.unwrap();
        assert_eq!(t.rows.len(), 9);
        assert_eq!(back.workbook.cells().sheets[0].rows.len(), 17);
        // A failure travels too.
        let failed = encode(read(&request, b""));
        assert!(failed.cells.is_empty());
        assert_eq!(decode(failed).unwrap().unwrap_err(), ReadError::Empty);
        assert!(request_text(&request)
            .chars()
            .all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn each_indicator_travels_apart_and_a_bad_piece_drops_only_the_analysis() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/analysis/binh-phuoc-2024-07-03.xlsx"
        );
        let bytes = std::fs::read(path).unwrap();
        let request = Request {
            name: "binh-phuoc-2024-07-03.xlsx".into(),
            options: ReadOptions::default(),
        };
        let direct = read(&request, &bytes).unwrap().first;
        let encoded = encode(read(&request, &bytes));
        // The suggestion with the analysis' head, then each indicator (four) and its units.
        assert_eq!(encoded.first.len(), 9);
        assert_eq!(encoded.rows.len(), 1);
        let back = decode(encoded.clone()).unwrap().unwrap();
        assert_eq!(back.first.analysis, direct.analysis);
        assert_eq!(back.first.analysis.unwrap().indicators.len(), 4);
        let mut damaged = encoded.clone();
        damaged.first[2] = vec![0xff; 3];
        let back = decode(damaged).unwrap().unwrap();
        assert!(back.first.analysis.is_none());
        assert!(back.first.suggestion.is_some());
        assert_eq!(back.table.unwrap().rows.len(), 11);
        // Rows that do not decode refuse the answer: the table would be incomplete.
        let mut damaged = encoded;
        damaged.rows[0] = vec![0xff; 3];
        assert!(decode(damaged).is_none());
    }

    #[test]
    fn a_large_table_and_its_units_travel_in_pieces() {
        let mut csv = String::from("Xã;Chỉ tiêu;Thu nhận\n");
        let n = PIECE * 2 + 7;
        for i in 0..n {
            csv.push_str(&format!("Xã {i};{};{}\n", 1000 + i % 97, 500 + i % 89));
        }
        let request = Request {
            name: "xa.csv".into(),
            options: ReadOptions::default(),
        };
        let direct = read(&request, csv.as_bytes()).unwrap();
        let encoded = encode(read(&request, csv.as_bytes()));
        assert_eq!(encoded.rows.len(), 3);
        // The head, the indicator, its units in three pieces.
        assert_eq!(encoded.first.len(), 5);
        let back = decode(encoded).unwrap().unwrap();
        assert_eq!(back.table.as_ref().ok(), direct.reply.table.as_ref().ok());
        assert_eq!(back.table.unwrap().rows.len(), n);
        let a = back.first.analysis.unwrap();
        assert_eq!(Some(&a), direct.first.analysis.as_ref());
        assert_eq!(a.indicators[0].units.len(), n);
    }
}
