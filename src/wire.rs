//! The messages between the page and the worker that holds the report (the engine's
//! [`Session`]): a command or a query as postcard bytes in hex, an answer or a reply as
//! postcard bytes, and a new analysis' indicators and the units its charts draw in pieces,
//! each decoded by the page in a task of its own.

use attain_core::analysis::drawn::{drawn, only};
use attain_core::analysis::{IndicatorResult, UnitResult, UnitRow};
use attain_core::session::{Analysed, Answer, Command, Query, Reply, Session};
use attain_core::text::HashedKey;
use attain_core::ReadError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// The most units of an indicator in one piece of an answer: the page decodes each piece in a
/// task of its own (a million units took a second in one).
pub const PIECE: usize = 50_000;

/// A piece of a new analysis after the answer: an indicator without its units, or some of
/// its units, with the names first met in them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Piece {
    Indicator(IndicatorResult),
    Units(Units),
}

/// Units as they travel: each unit's row (name, parents, row number) and each distinct list of
/// parents is written once for the whole answer (the indicators of a wide layout share their
/// rows, and the rows under the same parents share those), then referred to by its number.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Units {
    /// Rows first met in this piece, numbered on from those of the pieces before.
    rows: Vec<WireRow>,
    /// Lists of parents first met in this piece, numbered likewise.
    parents: Vec<Vec<String>>,
    units: Vec<WireUnit>,
}

/// A [`attain_core::analysis::UnitRow`] with its parents by number.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct WireRow {
    name: String,
    parents: u32,
    source_row: usize,
    file: u32,
}

/// A [`UnitResult`] with its row by number.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct WireUnit {
    row: u32,
    achieved: Option<f64>,
    target: Option<f64>,
    parts: Vec<Option<f64>>,
    source_rate: Option<f64>,
    rank: Option<u32>,
}

/// [`Piece`] as written from the host's own analysis, without copying its indicators.
#[derive(Serialize)]
enum PieceRef<'a> {
    Indicator(&'a IndicatorResult),
    Units(Units),
}

/// An answer as bytes: the answer, then a new analysis' indicators and units in pieces.
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    pub answer: Vec<u8>,
    pub pieces: Vec<Vec<u8>>,
}

/// Numbers for shared values, by the address of their one copy.
#[derive(Default)]
struct Numbering {
    seen: HashMap<usize, u32, BuildHasherDefault<HashedKey>>,
    /// The last value numbered: runs of the same value are not looked up.
    last: Option<(usize, u32)>,
}

impl Numbering {
    /// The number of the value at `address`, and whether it is new.
    fn number(&mut self, address: usize) -> (u32, bool) {
        if let Some((_, n)) = self.last.filter(|(a, _)| *a == address) {
            return (n, false);
        }
        let next = self.seen.len() as u32;
        let n = *self.seen.entry(address).or_insert(next);
        self.last = Some((address, n));
        (n, n == next)
    }
}

/// Encodes a command's outcome for the page.
pub fn encode(session: &Session, answer: Result<Answer, ReadError>) -> Encoded {
    let mut pieces = Vec::new();
    let new = answer
        .as_ref()
        .is_ok_and(|a| matches!(a.analysis, Analysed::New(_)));
    if let Some(a) = session.new_analysis().filter(|_| new) {
        let (mut rows, mut parents) = (Numbering::default(), Numbering::default());
        for indicator in &a.indicators {
            // Only the units the charts draw go (the counts over all of them with the head);
            // the rows of the table, the summary and the exports are asked of the worker.
            let mut drawn = only(indicator, &drawn(indicator));
            let units = std::mem::take(&mut drawn.units);
            pieces.push(postcard::to_allocvec(&PieceRef::Indicator(&drawn)).unwrap_or_default());
            for chunk in units.chunks(PIECE) {
                let mut piece = Units {
                    units: Vec::with_capacity(chunk.len()),
                    ..Units::default()
                };
                for u in chunk {
                    let (row, new_row) = rows.number(Arc::as_ptr(&u.row) as usize);
                    if new_row {
                        let (up, new_parents) =
                            parents.number(Arc::as_ptr(&u.parents) as *const String as usize);
                        if new_parents {
                            piece.parents.push(u.parents.to_vec());
                        }
                        piece.rows.push(WireRow {
                            name: u.unit.to_string(),
                            parents: up,
                            source_row: u.source_row,
                            file: u.file,
                        });
                    }
                    piece.units.push(WireUnit {
                        row,
                        achieved: u.achieved.get(),
                        target: u.target.get(),
                        parts: u.parts.to_vec(),
                        source_rate: u.source_rate.get(),
                        rank: u.rank.get(),
                    });
                }
                pieces.push(postcard::to_allocvec(&PieceRef::Units(piece)).unwrap_or_default());
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

/// The rows and parents of an answer's pieces decoded so far: one copy of each, shared by
/// every unit that has it.
#[derive(Default)]
pub struct SharedNames {
    rows: Vec<Arc<UnitRow>>,
    parents: Vec<Arc<[String]>>,
}

/// Adds a piece of a new analysis to the answer; `false` when it does not decode (the answer
/// is then refused: its analysis would be incomplete).
pub fn add_piece(answer: &mut Answer, shared: &mut SharedNames, part: &[u8]) -> bool {
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
        Ok(Piece::Units(piece)) => {
            let Some(ind) = a.indicators.last_mut() else {
                return false;
            };
            shared
                .parents
                .extend(piece.parents.into_iter().map(Arc::<[String]>::from));
            for r in piece.rows {
                let Some(parents) = shared.parents.get(r.parents as usize) else {
                    return false;
                };
                shared.rows.push(Arc::new(UnitRow {
                    unit: Arc::from(r.name),
                    parents: parents.clone(),
                    source_row: r.source_row,
                    file: r.file,
                }));
            }
            for u in piece.units {
                let Some(row) = shared.rows.get(u.row as usize) else {
                    return false;
                };
                let mut unit = UnitResult::new(
                    row.clone(),
                    u.achieved,
                    u.target,
                    u.parts.into(),
                    u.source_rate,
                );
                unit.rank = u.rank.into();
                ind.units.push(unit);
            }
            true
        }
        Err(_) => false,
    }
}

/// A command as the text the page posts: postcard bytes in hex (no JSON crate in the bundle).
pub fn command_text(command: &Command) -> String {
    hex(&postcard::to_allocvec(command).unwrap_or_default())
}

/// [`command_text`] read back.
pub fn command_of(text: &str) -> Option<Command> {
    postcard::from_bytes(&unhex(text)?).ok()
}

/// A query (a window of the results table, the summary, an export) as the text the page
/// posts, as a command is.
pub fn query_text(query: &Query) -> String {
    hex(&postcard::to_allocvec(query).unwrap_or_default())
}

/// [`query_text`] read back.
pub fn query_of(text: &str) -> Option<Query> {
    postcard::from_bytes(&unhex(text)?).ok()
}

/// The worker's reply to a query, as bytes.
pub fn encode_reply(reply: &Reply) -> Vec<u8> {
    postcard::to_allocvec(reply).unwrap_or_default()
}

/// [`encode_reply`] read back; `None` when the bytes are not a reply.
pub fn decode_reply(bytes: &[u8]) -> Option<Reply> {
    postcard::from_bytes(bytes).ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
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
        let mut shared = SharedNames::default();
        for p in &encoded.pieces {
            assert!(add_piece(a, &mut shared, p));
        }
    }
    back
}

#[cfg(test)]
mod tests {
    use super::*;
    use attain_core::analysis::Analysis;
    use attain_core::session::Command;
    use attain_core::ReadOptions;

    /// A fixture opened in a host and its answer decoded as the page does it: the analysis
    /// that arrived, the host's, and the bytes.
    fn through_the_wire(name: &str) -> (Analysis, Analysis, Encoded) {
        let path = format!(
            "{}/tests/fixtures/analysis/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).expect("the fixture");
        let mut host = Session::new();
        let open = Command::Open {
            name: name.into(),
            options: ReadOptions::default(),
            templates: vec![],
        };
        let answer = host.run(open, bytes);
        let encoded = encode(&host, answer.clone());
        let back = round_trip(&host, answer).expect("an answer");
        let Analysed::New(got) = back.analysis else {
            panic!("a new analysis");
        };
        let want = host.new_analysis().expect("an analysis").clone();
        (got, want, encoded)
    }

    #[test]
    fn units_arrive_whole_with_each_name_and_list_of_parents_once() {
        // Communes under their districts: the units of one district share its parents.
        let (got, want, encoded) = through_the_wire("ca-mau-2024-03-20.xlsx");
        assert_eq!(got.indicators, want.indicators);
        let units = &got.indicators[0].units;
        assert!(units.len() > 10);
        let same_district = units
            .iter()
            .skip(1)
            .find(|u| u.parents == units[0].parents)
            .expect("two communes of one district");
        assert!(Arc::ptr_eq(&units[0].parents, &same_district.parents));
        // A piece out of order (units before their indicator) is refused.
        let mut a = decode_answer(&encoded.answer).unwrap().unwrap();
        assert!(!add_piece(
            &mut a,
            &mut SharedNames::default(),
            &encoded.pieces[1]
        ));
        // Four indicators of one row share its row (name, parents, row number), which travels
        // once.
        let (got, want, encoded) = through_the_wire("binh-phuoc-2024-07-03.xlsx");
        assert_eq!(got.indicators, want.indicators);
        assert_eq!(got.indicators.len(), 4);
        let (first, last) = (&got.indicators[0].units[0], &got.indicators[3].units[0]);
        assert!(Arc::ptr_eq(&first.row, &last.row));
        let rows: usize = encoded
            .pieces
            .iter()
            .filter_map(|p| match postcard::from_bytes(p) {
                Ok(Piece::Units(u)) => Some(u.rows.len()),
                _ => None,
            })
            .sum();
        assert_eq!(rows, got.indicators[0].units.len());
    }

    /// What each chart picks, by name: the ranked bars (and how many are left out), the gap
    /// bars with their shares, the bullets, the scatter's dots in drawing order.
    fn picks(ind: &attain_core::analysis::IndicatorResult) -> Vec<String> {
        use crate::charts::{bullet, gap, rank};
        let name = |i: usize| ind.units[i].unit.to_string();
        let mut out = Vec::new();
        let (shown, left_out) =
            rank::top_and_bottom_of(&ind.rank_order(), ind.all.units, |i| ind.units[i].rate());
        out.push(format!("rank left out {left_out:?}"));
        // The chart's description names the last unit with a rate.
        let order = ind.rank_order();
        let worst = order.iter().rev().find(|&&i| ind.units[i].rate().is_some());
        out.push(format!("worst {:?}", worst.map(|&i| name(i))));
        out.extend(
            shown
                .iter()
                .map(|(i, r)| format!("rank {} {r:?}", name(*i))),
        );
        let g = gap::layout(&gap::gaps_of(ind), (ind.open, ind.all.open));
        out.push(format!("gap left out {}", g.left_out));
        out.extend(
            g.bars
                .iter()
                .map(|b| format!("gap {} {} {}", name(b.unit), b.gap, b.share)),
        );
        let rows: Vec<(usize, f64, f64)> = ind
            .rank_order()
            .iter()
            .filter(|&&i| attain_core::analysis::drawn::bullet(&ind.units[i]))
            .take(bullet::MAX_ROWS)
            .map(|&i| {
                (
                    i,
                    ind.units[i].achieved.get().unwrap(),
                    ind.units[i].target.get().unwrap(),
                )
            })
            .collect();
        out.extend(
            bullet::layout(&rows)
                .bullets
                .iter()
                .map(|b| format!("bullet {}", name(b.unit))),
        );
        let (points, _) =
            crate::charts::scatter::points_of(ind, crate::components::scatter_chart::MAX_DOTS);
        let dots = crate::charts::scatter::layout(&points, ind.total.rate()).dots;
        out.extend(
            dots.iter()
                .map(|d| format!("dot {} {} {}", name(d.unit), d.x, d.labelled)),
        );
        out
    }

    /// A report of 4,000 communes (some without a target, some past it): the page gets a few
    /// hundred of them, and every chart picks the same units, shares and counts from those as
    /// from all.
    #[test]
    fn the_page_gets_the_units_the_charts_draw_and_they_pick_the_same() {
        let mut csv = String::from("Huyện,Xã,Chỉ tiêu,Đã kích hoạt\n");
        for i in 0..4_000u64 {
            let target = 500 + (i * 7_919) % 4_000;
            let done = (target * (40 + (i * 31) % 75)) / 100;
            let target = if i % 97 == 0 {
                String::new()
            } else {
                target.to_string()
            };
            csv.push_str(&format!("Huyện {},Xã {i:04},{target},{done}\n", i / 100));
        }
        let mut host = Session::new();
        let open = Command::Open {
            name: "xa.csv".into(),
            options: ReadOptions::default(),
            templates: vec![],
        };
        let answer = host.run(open, csv.into_bytes());
        let back = round_trip(&host, answer).expect("an answer");
        let Analysed::New(got) = back.analysis else {
            panic!("a new analysis");
        };
        let full = &host.new_analysis().expect("an analysis").indicators[0];
        let page = &got.indicators[0];
        assert_eq!(full.units.len(), 4_000);
        assert!(page.units.len() < 1_700, "{}", page.units.len());
        assert_eq!(page.all, full.all);
        assert_eq!((page.all.units, page.all.dots), (4_000, 4_000 - 42));
        assert_eq!(
            (page.total.clone(), page.open, page.groups.len()),
            (full.total.clone(), full.open, 40)
        );
        assert_eq!(picks(page), picks(full));
    }
    /// Two dates of 4,000 communes: the page gets the dumbbell's 40 units, picks the same
    /// bells as from every unit, and the first 100 units in one report only with the count.
    #[test]
    fn the_page_gets_the_comparison_it_draws() {
        let report = |shift: u64, range: std::ops::Range<u64>| {
            let mut csv = String::from("Huyện,Xã,Chỉ tiêu,Đã kích hoạt\n");
            for i in range {
                let target = 500 + (i * 7_919) % 4_000;
                let done = (target * (40 + (i * 31 + shift) % 75)) / 100;
                csv.push_str(&format!("Huyện {},Xã {i:04},{target},{done}\n", i / 100));
            }
            csv.into_bytes()
        };
        let mut host = Session::new();
        let open = Command::Open {
            name: "xa-2024-02-01.csv".into(),
            options: ReadOptions::default(),
            templates: vec![],
        };
        let _ = host.run(open, report(9, 150..4_150));
        let add = Command::AddDate {
            name: "xa-2024-01-01.csv".into(),
            options: ReadOptions::default(),
        };
        let answer = host.run(add, report(0, 30..4_030));
        let page = round_trip(&host, answer)
            .expect("an answer")
            .comparison
            .expect("a comparison");
        let full = host
            .series()
            .and_then(|s| s.comparison)
            .expect("a comparison");
        let (p, f) = (&page.indicators[0], &full.indicators[0]);
        assert_eq!(f.units.len(), 4_000);
        assert_eq!(p.units.len(), crate::charts::dumbbell::MAX_ROWS);
        assert_eq!((p.paired, f.paired), (3_880, 3_880));
        assert_eq!((&p.total, &p.groups), (&f.total, &f.groups));
        let bells = |c: &attain_core::analysis::series::IndicatorComparison| {
            let geo = crate::charts::dumbbell::layout(&crate::charts::dumbbell::pairs_of(c));
            let names: Vec<std::sync::Arc<str>> = geo
                .bells
                .iter()
                .map(|b| c.units[b.unit].unit.clone())
                .collect();
            (names, geo.ticks, geo.target_x)
        };
        assert_eq!(bells(p), bells(f));
        // 120 communes of the earlier date only, 120 of the later date only.
        assert_eq!((full.missing.len(), page.missing_total), (240, 240));
        // Half of those listed from each date, so that each can be matched by hand.
        assert_eq!(page.missing.len(), 100);
        assert_eq!(page.missing[..50], full.missing[..50]);
        assert_eq!(page.missing[50..], full.missing[120..170]);
        assert!(page.missing[50..].iter().all(|m| m.present == full.from));
        // Every name left over from the earlier date is offered to the match fixes.
        assert_eq!(page.unmatched_before.len(), 120);
        assert_eq!(page.unmatched_before[0], full.missing[120].unit);
    }
}
