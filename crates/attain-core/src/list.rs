//! Lists of citizens or cases: a sheet with one row per person or case (a unit column, maybe
//! parent columns, a status column, and no figure per unit) is recognised as a list and counted
//! per unit: each status value becomes a count column (the value that means done first), with
//! the unit's rows beside them. The counts make a report of their own, which the usual
//! detection, suggestion and analysis read: a list gives exactly what the equivalent count
//! report gives.

use crate::analysis::guess::{Reason, RoleGuess};
use crate::analysis::{IndicatorMapping, Mapping, Role, Suggestion};
use crate::model::{Cell, Sheet};
use crate::table::{ColumnKind, Table, ValueRef};
use crate::text::{fold, quick_hash, HashedSet};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which columns of a list are what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListShape {
    /// The unit each row belongs to.
    pub unit: usize,
    /// Its parents' columns, outermost first.
    pub parents: Vec<usize>,
    /// The status or category of each row, if any.
    pub status: Option<usize>,
}

/// What counting a list found, for the page and the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListInfo {
    /// Rows of the list.
    pub rows: usize,
    /// Units they were counted under.
    pub units: usize,
    /// The unit column's header.
    pub unit_column: String,
    /// The status column's header, if any.
    pub status_column: Option<String>,
    /// The status values, in the order of the count columns.
    pub statuses: Vec<String>,
    /// The value that means done, when one does.
    pub done: Option<String>,
    /// Rows set aside for want of a unit name: how many, and the first few row numbers.
    pub without_unit: usize,
    /// The first of those rows (1-based, as the sheet numbers them).
    pub without_unit_rows: Vec<usize>,
}

/// The header of the rows' count when the list has a status column.
pub const ROWS_HEADER: &str = "Tổng số dòng";
/// The header of the rows' count of a list without a status column: a result.
pub const ROWS_DONE_HEADER: &str = "Đã ghi nhận (số dòng)";
/// The status of a row whose status cell is empty.
pub const BLANK_STATUS: &str = "(trống)";

/// A list needs at least this many rows.
const MIN_ROWS: usize = 8;
/// A status column has at most this many values.
const MAX_STATUSES: usize = 12;

/// Distinct texts of a column and how many cells are filled.
struct TextStats {
    index: usize,
    distinct: usize,
    filled: usize,
}

/// The shape of a list, when the table is one: no figure column (numbers only in the STT, in
/// identifiers that never repeat, in dates), and a text column whose values repeat (several
/// rows per unit).
pub fn shape(table: &Table) -> Option<ListShape> {
    let body = &table.body;
    let n = body.len();
    if n < MIN_ROWS {
        return None;
    }
    for c in &table.columns {
        match c.kind {
            ColumnKind::Percent => return None,
            ColumnKind::Number if !c.ordinal && !identifiers(table, c.index) => return None,
            _ => {}
        }
    }
    let text_of = |r: usize, c: usize| match body.get(r, c) {
        ValueRef::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    };
    let stats: Vec<TextStats> = table
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Text)
        .map(|c| {
            let mut set = HashedSet::default();
            let mut filled = 0;
            for r in 0..n {
                if let Some(t) = text_of(r, c.index) {
                    filled += 1;
                    set.insert(quick_hash(t.as_bytes()));
                }
            }
            TextStats {
                index: c.index,
                distinct: set.len(),
                filled,
            }
        })
        .collect();
    // Units: filled in most rows, at least two, three rows each on average; never a person's
    // name, number or address, even when names repeat.
    let repeating: Vec<&TextStats> = stats
        .iter()
        .filter(|s| s.filled * 2 >= n && s.distinct >= 2 && s.distinct * 3 <= s.filled)
        .filter(|s| {
            let h = header(table, s.index);
            !says(&h, PERSON_WORDS) || says(&h, PLACE_WORDS)
        })
        .collect();
    let place = |s: &&&TextStats| says(&header(table, s.index), PLACE_WORDS);
    // Whether each value of `a` goes with one value of `b` (a commune in one district).
    let determines = |a: usize, b: usize| {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        (0..n).all(|r| match (text_of(r, a), text_of(r, b)) {
            (Some(x), Some(y)) => *seen.entry(x).or_insert(y) == y,
            _ => true,
        })
    };
    // The unit: the column named by a level ("Xã", "Ấp", "Đơn vị") with the most values, else
    // the column with the most values.
    let most =
        |a: &&&TextStats, b: &&&TextStats| a.distinct.cmp(&b.distinct).then(b.index.cmp(&a.index));
    let unit = repeating
        .iter()
        .filter(place)
        .max_by(most)
        .or_else(|| {
            repeating
                .iter()
                .filter(|s| s.distinct > MAX_STATUSES || repeating.len() == 1)
                .max_by(most)
        })
        .or_else(|| repeating.iter().max_by_key(|s| s.distinct))?;
    // Parents: fewer values than the unit, left of it (a commune's name may be found in two
    // districts) or going with one value per unit; a status: few values, right of the unit.
    let mut parents: Vec<usize> = Vec::new();
    let mut status = None;
    for s in &repeating {
        if s.index == unit.index {
            continue;
        }
        let fewer = s.distinct < unit.distinct;
        if fewer && (s.index < unit.index || determines(unit.index, s.index)) {
            parents.push(s.index);
        } else if status.is_none() && s.distinct <= MAX_STATUSES {
            status = Some(s.index);
        }
    }
    // A column of few values that is not filled in most rows is a status too ("Ghi chú" aside).
    if status.is_none() {
        status = stats
            .iter()
            .filter(|s| s.index != unit.index && !parents.contains(&s.index))
            .filter(|s| (2..=MAX_STATUSES).contains(&s.distinct) && s.filled * 4 >= n)
            .filter(|s| !determines(unit.index, s.index))
            .map(|s| s.index)
            .next();
    }
    parents.sort_unstable();
    Some(ListShape {
        unit: unit.index,
        parents,
        status,
    })
}

/// Headers of a place: a unit of the list.
const PLACE_WORDS: &[&str] = &[
    "xa",
    "phuong",
    "thi tran",
    "huyen",
    "quan",
    "thi xa",
    "tinh",
    "thanh pho",
    "ap",
    "thon",
    "khom",
    "khu pho",
    "to dan pho",
    "don vi",
    "dia ban",
    "dia phuong",
    "commune",
    "ward",
    "district",
    "province",
    "village",
    "hamlet",
    "unit",
];
/// Headers of what belongs to a person, never a unit.
const PERSON_WORDS: &[&str] = &[
    "ho va ten",
    "ho ten",
    "ten cong dan",
    "nguoi",
    "cong dan",
    "full name",
    "name",
    "cccd",
    "cmnd",
    "dinh danh",
    "dien thoai",
    "sdt",
    "ngay sinh",
    "nam sinh",
    "dia chi",
    "noi o",
    "ghi chu",
    "address",
    "phone",
    "note",
];

/// Whether a header holds one of the words, as whole words (case, marks and punctuation
/// folded): "Xã, phường" says "xa", "Tên xã" does too, "Xác nhận" does not.
fn says(header: &str, words: &[&str]) -> bool {
    let f: String = fold(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let f = format!(" {} ", f.split_whitespace().collect::<Vec<_>>().join(" "));
    words.iter().any(|w| f.contains(&format!(" {w} ")))
}

/// Whether a numeric column holds identifiers (citizen numbers, phone numbers): whole numbers
/// of six digits or more, none repeated.
fn identifiers(table: &Table, column: usize) -> bool {
    let mut seen = HashedSet::default();
    for r in 0..table.body.len() {
        match table.body.get(r, column) {
            ValueRef::Number(x) => {
                // Hashed: the set takes its keys as hashes, and a whole number's low bits
                // are all zero.
                let key = quick_hash(&x.to_bits().to_le_bytes());
                if x < 100_000.0 || x.fract() != 0.0 || !seen.insert(key) {
                    return false;
                }
            }
            ValueRef::Text(_) | ValueRef::Empty => {}
        }
    }
    true
}

/// Whether a status value means done ("Đã kích hoạt", "Hoàn thành", "Đạt", "Đã cấp", "done"),
/// and not its negation ("Chưa kích hoạt", "Không đạt").
pub fn means_done(value: &str) -> bool {
    let f = fold(value);
    const NOT: &[&str] = &["chua", "khong", "not ", "un", "in ", "dang ", "cho "];
    const DONE: &[&str] = &[
        "da ",
        "hoan thanh",
        "dat",
        "xong",
        "done",
        "complete",
        "activated",
        "issued",
        "approved",
        "yes",
        "co",
    ];
    // Whole words only: "có" is done, "công an" is not.
    !NOT.iter().any(|w| f.starts_with(w))
        && DONE
            .iter()
            .map(|w| w.trim_end())
            .any(|w| f == w || f.starts_with(&format!("{w} ")) || f.ends_with(&format!(" {w}")))
}

/// Counts a list per unit: a sheet of counts (the parents and the unit, the rows, one column per
/// status, the done value first), its units in the order of their parents' and their own first
/// rows; and what counting found.
pub fn count(table: &Table, shape: &ListShape, name: &str) -> (Sheet, ListInfo) {
    let body = &table.body;
    let text_of = |r: usize, c: usize| match body.get(r, c) {
        ValueRef::Text(t) => t.trim(),
        ValueRef::Number(_) | ValueRef::Empty => "",
    };
    let mut keys: Vec<Vec<&str>> = Vec::new();
    let mut index: HashMap<Vec<&str>, usize> = HashMap::new();
    let mut statuses: Vec<&str> = Vec::new();
    let mut status_index: HashMap<&str, usize> = HashMap::new();
    let mut counts: Vec<Vec<u32>> = Vec::new();
    let mut info = ListInfo {
        rows: body.len(),
        unit_column: header(table, shape.unit),
        status_column: shape.status.map(|s| header(table, s)),
        ..ListInfo::default()
    };
    // Parents of merged cells are written once over their rows: carried down.
    let mut above: Vec<&str> = vec![""; shape.parents.len()];
    let mut key: Vec<&str> = Vec::with_capacity(shape.parents.len() + 1);
    for r in 0..body.len() {
        for (k, p) in shape.parents.iter().enumerate() {
            let v = text_of(r, *p);
            if !v.is_empty() {
                above[k] = v;
            }
        }
        let unit = text_of(r, shape.unit);
        if unit.is_empty() {
            info.without_unit += 1;
            if info.without_unit_rows.len() < 20 {
                info.without_unit_rows.push(body.source_row(r));
            }
            continue;
        }
        key.clear();
        key.extend(&above);
        key.push(unit);
        let u = match index.get(&key) {
            Some(u) => *u,
            None => {
                index.insert(key.clone(), keys.len());
                keys.push(key.clone());
                counts.push(vec![0; statuses.len()]);
                keys.len() - 1
            }
        };
        if let Some(sc) = shape.status {
            let v = text_of(r, sc);
            let v = if v.is_empty() { BLANK_STATUS } else { v };
            let s = match status_index.get(v) {
                Some(s) => *s,
                None => {
                    status_index.insert(v, statuses.len());
                    statuses.push(v);
                    statuses.len() - 1
                }
            };
            let row = &mut counts[u];
            if row.len() <= s {
                row.resize(s + 1, 0);
            }
            row[s] += 1;
        } else {
            if counts[u].is_empty() {
                counts[u].push(0);
            }
            counts[u][0] += 1;
        }
    }
    // The done value first (the suggestion takes the first result column as achieved), then
    // the others as they came.
    let mut order: Vec<usize> = (0..statuses.len()).collect();
    let done = order.iter().position(|s| means_done(statuses[*s]));
    if let Some(d) = done {
        let s = order.remove(d);
        order.insert(0, s);
    }
    info.done = done.map(|_| statuses[order[0]].to_string());
    info.statuses = order.iter().map(|s| statuses[*s].to_string()).collect();
    info.units = keys.len();
    // Units under the same parents together, in the order the parents came.
    let mut first: HashMap<&[&str], usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        for depth in 1..k.len() {
            first.entry(&k[..depth]).or_insert(i);
        }
    }
    let mut units: Vec<usize> = (0..keys.len()).collect();
    units.sort_by_key(|i| {
        let k = &keys[*i];
        let mut at: Vec<usize> = (1..k.len())
            .map(|d| first.get(&k[..d]).copied().unwrap_or(0))
            .collect();
        at.push(*i);
        at
    });
    let mut header_row: Vec<Cell> = shape
        .parents
        .iter()
        .chain(std::iter::once(&shape.unit))
        .map(|c| Cell::Text(header(table, *c)))
        .collect();
    if shape.status.is_some() {
        header_row.push(Cell::Text(ROWS_HEADER.into()));
        header_row.extend(info.statuses.iter().map(|s| Cell::Text(s.clone())));
    } else {
        header_row.push(Cell::Text(ROWS_DONE_HEADER.into()));
    }
    let mut rows = vec![header_row];
    for u in units {
        let mut row: Vec<Cell> = keys[u].iter().map(|t| Cell::Text(t.to_string())).collect();
        let c = &counts[u];
        let total: u32 = c.iter().sum();
        row.push(Cell::Number(f64::from(total)));
        if shape.status.is_some() {
            row.extend(
                order
                    .iter()
                    .map(|s| Cell::Number(f64::from(c.get(*s).copied().unwrap_or(0)))),
            );
        }
        rows.push(row);
    }
    (Sheet::from_rows(name, &rows), info)
}

/// The mapping of a list's counts ([`count`]'s sheet read as a table): its unit and parents;
/// one indicator whose achieved is the done value's count (else the rows'), every status a
/// part (the parts add up to the unit's rows), and no target (a targets file, or a column the
/// user picks, gives it).
pub fn suggestion(table: &Table, info: &ListInfo, parents: usize) -> Suggestion {
    let unit = parents;
    let rows = parents + 1;
    let statuses: Vec<usize> = (rows + 1..table.columns.len()).collect();
    let achieved = if info.done.is_some() { rows + 1 } else { rows };
    let parts = if info.done.is_some() {
        statuses.clone()
    } else {
        Vec::new()
    };
    let name = table
        .columns
        .get(achieved)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let guess = |column: usize, role: Role, reason: Reason| RoleGuess {
        column,
        role,
        confidence: 0.9,
        reason,
    };
    let mut roles: Vec<RoleGuess> = (0..parents)
        .map(|c| guess(c, Role::Parent, Reason::Blocks))
        .collect();
    roles.push(guess(unit, Role::Unit, Reason::MostDistinct));
    for c in rows..table.columns.len() {
        roles.push(if c == achieved {
            guess(c, Role::Achieved, Reason::PartsAddUp)
        } else if parts.contains(&c) {
            guess(c, Role::Part, Reason::PartsAddUp)
        } else {
            guess(c, Role::Ignored, Reason::NotUsed)
        });
    }
    Suggestion {
        mapping: Mapping {
            unit,
            parents: (0..parents).collect(),
            indicator_column: None,
            headings: None,
            indicators: vec![IndicatorMapping {
                name,
                achieved,
                target: None,
                source_rate: None,
                parts,
            }],
        },
        roles,
        confidence: 0.9,
    }
}

/// A column's header.
fn header(table: &Table, column: usize) -> String {
    table
        .columns
        .get(column)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_places_and_of_persons() {
        for h in [
            "Xã, phường",
            "Tên xã",
            "Ấp",
            "Đơn vị",
            "Commune name",
            "HUYỆN",
        ] {
            assert!(says(h, PLACE_WORDS), "{h}");
        }
        for h in ["Xác nhận", "Trạng thái", "Họ và tên", "Số CCCD"] {
            assert!(!says(h, PLACE_WORDS), "{h}");
        }
        for h in [
            "Họ và tên",
            "HỌ TÊN",
            "Số CCCD",
            "Ngày sinh",
            "Địa chỉ",
            "Full name",
        ] {
            assert!(says(h, PERSON_WORDS), "{h}");
        }
    }

    #[test]
    fn done_values_and_their_negations() {
        for v in [
            "Đã kích hoạt",
            "đã kích hoạt",
            "Hoàn thành",
            "Đạt",
            "Đã cấp",
            "done",
            "Activated",
        ] {
            assert!(means_done(v), "{v}");
        }
        for v in [
            "Chưa kích hoạt",
            "Không đạt",
            "Đang xử lý",
            "Chờ duyệt",
            "not done",
            "Inactive",
            "Từ chối",
            "Công an xã",
        ] {
            assert!(!means_done(v), "{v}");
        }
    }
}
