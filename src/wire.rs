//! The messages between the page and the worker that holds the report (the engine's
//! [`Session`]): a command as postcard bytes in hex, an answer as postcard bytes, and a new
//! analysis' indicators and units in pieces, each decoded by the page in a task of its own.

use attain_core::analysis::{IndicatorResult, UnitResult};
use attain_core::session::{Analysed, Answer, Command, Session};
use attain_core::ReadError;
use serde::{Deserialize, Serialize};

/// The most units of an indicator in one piece of an answer: the page decodes each piece in a
/// task of its own (a million units took a second in one).
pub const PIECE: usize = 50_000;

/// A piece of a new analysis after the answer: an indicator without its units, or some of
/// its units.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Piece {
    Indicator(IndicatorResult),
    Units(Vec<UnitResult>),
}

/// [`Piece`] as written from the host's own analysis, without copying it.
#[derive(Serialize)]
enum PieceRef<'a> {
    Indicator(&'a IndicatorResult),
    Units(&'a [UnitResult]),
}

/// An answer as bytes: the answer, then a new analysis' indicators and units in pieces.
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    pub answer: Vec<u8>,
    pub pieces: Vec<Vec<u8>>,
}

/// Encodes a command's outcome for the page.
pub fn encode(session: &Session, answer: Result<Answer, ReadError>) -> Encoded {
    let mut pieces = Vec::new();
    let new = answer
        .as_ref()
        .is_ok_and(|a| matches!(a.analysis, Analysed::New(_)));
    if let Some(a) = session.new_analysis().filter(|_| new) {
        for indicator in &a.indicators {
            let head = IndicatorResult {
                name: indicator.name.clone(),
                target_name: indicator.target_name.clone(),
                part_names: indicator.part_names.clone(),
                units: Vec::new(),
                groups: indicator.groups.clone(),
                total: indicator.total.clone(),
                open: indicator.open,
                order: indicator.order.clone(),
            };
            pieces.push(postcard::to_allocvec(&PieceRef::Indicator(&head)).unwrap_or_default());
            for chunk in indicator.units.chunks(PIECE) {
                pieces.push(postcard::to_allocvec(&PieceRef::Units(chunk)).unwrap_or_default());
            }
        }
    }
    Encoded {
        answer: postcard::to_allocvec(&answer).unwrap_or_default(),
        pieces,
    }
}

/// Decodes an answer; `None` when the bytes are not one.
pub fn decode_answer(bytes: &[u8]) -> Option<Result<Answer, ReadError>> {
    postcard::from_bytes(bytes).ok()
}

/// Adds a piece of a new analysis to the answer; `false` when it does not decode (the answer
/// is then refused: its analysis would be incomplete).
pub fn add_piece(answer: &mut Answer, part: &[u8]) -> bool {
    let Analysed::New(a) = &mut answer.analysis else {
        return false;
    };
    match postcard::from_bytes(part) {
        Ok(Piece::Indicator(mut indicator)) => {
            // Its units follow in pieces: room for all of them at once (growing a million
            // units piece by piece copied them again and again).
            indicator.units.reserve_exact(indicator.order.len());
            a.indicators.push(indicator);
            true
        }
        Ok(Piece::Units(units)) => match a.indicators.last_mut() {
            Some(ind) => {
                ind.units.extend(units);
                true
            }
            None => false,
        },
        Err(_) => false,
    }
}

/// A command as the text the page posts: postcard bytes in hex (no JSON crate in the bundle).
pub fn command_text(command: &Command) -> String {
    postcard::to_allocvec(command)
        .unwrap_or_default()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// [`command_text`] read back.
pub fn command_of(hex: &str) -> Option<Command> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    postcard::from_bytes(&bytes?).ok()
}

/// [`encode`] then [`decode_answer`] and [`add_piece`], as the page does them (for tests).
#[cfg(test)]
pub fn round_trip(
    session: &Session,
    answer: Result<Answer, ReadError>,
) -> Result<Answer, ReadError> {
    let encoded = encode(session, answer);
    let mut back = decode_answer(&encoded.answer).expect("an answer");
    if let Ok(a) = back.as_mut() {
        for p in &encoded.pieces {
            assert!(add_piece(a, p));
        }
    }
    back
}
