//! The suggested mapping, from header paths, column types and values, with a confidence for
//! every role. The rules, in order:
//!
//! 1. The ordinal column (STT), notes ("Ghi chú") and empty columns are ignored.
//! 2. Text columns are the only candidates for names: the unit is the text column with the most
//!    distinct values (filled in at least half the rows); a text column whose values repeat
//!    across units while each (unit, value) pair is unique is the indicator name of a long
//!    layout; text columns left of the unit whose values form one block per value (a district
//!    over its communes, merged or repeated) are parent levels, outermost first.
//! 3. Numbers are never names, and text is never a figure ("Chỉ tiêu" over text is the indicator
//!    name, over numbers the target). A numeric column is a rate when it is a percent column or
//!    its header says rate (tỷ lệ, %), remaining when its header says so (còn lại, chưa), a target
//!    when its header says target (chỉ tiêu, kế hoạch, được giao, phải, target, plan), and
//!    otherwise a count.
//! 4. Columns are grouped by their header path without its last level ("Thu nhận › Số lượng" is
//!    in group "Thu nhận"). Each group's counts are paired with the group's own target, else
//!    with the nearest target column to their left (one target shared by several indicators).
//!    When a group holds several counts that add up to the target in (nearly) every row, they
//!    are composition parts of one indicator, the first one that says achieved (đã, kích hoạt).
//!    The rate column of the group is kept to cross-check.
//! 5. Without any target column the count with the largest sum is taken as the target, with a
//!    low confidence (the app then asks the user to check), unless its header says it is a
//!    result ("Thu nhận", "Đã kích hoạt"): then every count is an indicator without a target,
//!    as in an office's report whose targets were assigned in another file.

use super::{IndicatorMapping, Mapping, Role, TargetSource};
use crate::table::{ColumnKind, Table};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A suggestion is applied without asking from this confidence on.
pub const CONFIDENT: f64 = 0.6;

/// How sure a guess is, 0 to 1.
pub type Confidence = f64;

/// Why a column got its role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// Its header has a word of the role ("chỉ tiêu").
    HeaderWord(String),
    /// The text column with the most distinct names.
    MostDistinct,
    /// Its values form one block per name, over the unit column.
    Blocks,
    /// Its few values repeat for every unit (long layout).
    RepeatsPerUnit,
    /// A count column next to a target.
    Count,
    /// No column says target: the count with the largest sum.
    LargestSum,
    /// The counts of its group add up to the target in every row.
    PartsAddUp,
    /// STT, notes, a remaining column, or nothing in it.
    NotUsed,
}

/// The guess for one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleGuess {
    /// Column index.
    pub column: usize,
    /// The role given.
    pub role: Role,
    /// How sure.
    pub confidence: Confidence,
    /// Why.
    pub reason: Reason,
}

/// A suggested mapping and how sure each part of it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The mapping.
    pub mapping: Mapping,
    /// One guess per column of the table.
    pub roles: Vec<RoleGuess>,
    /// The least sure of the unit, target and achieved guesses.
    pub confidence: Confidence,
}

impl Suggestion {
    /// Sure enough to apply without asking.
    pub fn confident(&self) -> bool {
        self.confidence >= CONFIDENT
    }
}

const TARGET_WORDS: &[&str] = &[
    "chi tieu",
    "ke hoach",
    "duoc giao",
    "phai",
    "can dat",
    "target",
    "plan",
    "goal",
    "quota",
];
const ACHIEVED_WORDS: &[&str] = &[
    "thu nhan",
    "kich hoat",
    "da ",
    "thuc hien",
    "ban giao",
    "hoan thanh",
    "ket qua",
    "dat",
    "achieved",
    "received",
    "activated",
    "actual",
    "done",
    "result",
];
const REMAINING_WORDS: &[&str] = &[
    "con lai",
    "chua",
    "con thieu",
    "remaining",
    "gap",
    "outstanding",
    "so voi",
    "tang",
    "giam",
    "change",
];
const UNIT_WORDS: &[&str] = &[
    "don vi",
    "dia phuong",
    "dia ban",
    "ten",
    "tinh",
    "huyen",
    "quan",
    "xa",
    "phuong",
    "unit",
    "province",
    "district",
    "commune",
    "ward",
    "locality",
    "name",
];
const INDICATOR_WORDS: &[&str] = &[
    "chi tieu",
    "noi dung",
    "chi so",
    "hang muc",
    "loai",
    "indicator",
    "measure",
    "metric",
    "item",
];
const NOTE_WORDS: &[&str] = &["ghi chu", "note", "remark", "comment"];

fn says(header: &str, words: &[&str]) -> Option<String> {
    let f = format!("{} ", fold(header));
    words
        .iter()
        .find(|w| {
            // Whole words only: "xa" must not match "xác".
            f.match_indices(*w).any(|(i, _)| {
                let before = f[..i].chars().last();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && (w.ends_with(' ')
                        || f[i + w.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric()))
            })
        })
        .map(|w| w.trim().to_string())
}

fn push(
    roles: &mut Vec<RoleGuess>,
    column: usize,
    role: Role,
    confidence: Confidence,
    reason: Reason,
) {
    roles.push(RoleGuess {
        column,
        role,
        confidence,
        reason,
    });
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Figure {
    Rate,
    Remaining,
    Target,
    Count,
}

/// A first guess at the mapping (the [`suggest`]ed one), `None` when the table has no text
/// column or no count.
pub fn guess_mapping(table: &Table) -> Option<Mapping> {
    suggest(table).map(|s| s.mapping)
}

/// The name columns a table's suggestion starts from: the unit, the long layout's indicator
/// column, the parent levels, with their guesses.
pub(crate) struct Names {
    /// The unit column.
    pub unit: usize,
    /// How sure the unit guess is.
    pub unit_conf: Confidence,
    /// The long layout's indicator column.
    pub indicator_column: Option<usize>,
    /// The parent columns, outermost first.
    pub parents: Vec<usize>,
    /// The guesses made for them.
    pub roles: Vec<RoleGuess>,
}

/// The name columns of a table ([`Names`]); `None` without a text column.
pub(crate) fn names(table: &Table) -> Option<Names> {
    let body = &table.body;
    let rows = || 0..body.len();
    let n = body.len().max(1);
    // Borrowed, exact (trimmed) texts: counting distinct names needs no allocation.
    let text_of = |r: usize, c: usize| -> Option<&str> {
        body.get(r, c)
            .text()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    let mut roles: Vec<RoleGuess> = Vec::new();
    // Name columns.
    struct TextCol {
        index: usize,
        distinct: usize,
        filled: usize,
    }
    let texts: Vec<TextCol> = table
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Text && says(&c.name, NOTE_WORDS).is_none())
        .map(|c| {
            // Names counted by their quick hashes (a collision among a million names is
            // about one chance in ten million, and would only lower the count by one).
            let mut set = crate::text::HashedSet::default();
            let mut filled = 0;
            for v in rows().filter_map(|r| text_of(r, c.index)) {
                filled += 1;
                set.insert(crate::text::quick_hash(v.as_bytes()));
            }
            TextCol {
                index: c.index,
                distinct: set.len(),
                filled,
            }
        })
        .filter(|t| t.filled > 0)
        .collect();
    let unit = texts
        .iter()
        .filter(|t| t.filled * 2 >= n)
        .max_by(|a, b| a.distinct.cmp(&b.distinct).then(b.index.cmp(&a.index)))
        .or_else(|| texts.iter().max_by_key(|t| t.distinct))?;
    let unit_header = &table.columns[unit.index].name;
    let unit_conf = if says(unit_header, UNIT_WORDS).is_some() {
        0.9
    } else {
        0.7
    };
    push(
        &mut roles,
        unit.index,
        Role::Unit,
        unit_conf,
        says(unit_header, UNIT_WORDS).map_or(Reason::MostDistinct, Reason::HeaderWord),
    );
    // Long layout: units repeat, once per indicator.
    let unit_values: Vec<Option<&str>> = rows().map(|r| text_of(r, unit.index)).collect();
    let repeats = unit.filled > unit.distinct;
    let mut indicator_column = None;
    if repeats {
        for t in texts.iter().filter(|t| t.index != unit.index) {
            if !(2..=30).contains(&t.distinct) {
                continue;
            }
            // A column headed by a level's word ("Huyện", "Quận/Huyện", "Tỉnh") holds the
            // units' parents, even where its values repeat per unit name (the same commune
            // name in two districts).
            let header = crate::text::fold(&table.columns[t.index].name);
            if header
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "huyen" | "quan" | "tinh"))
            {
                continue;
            }
            let pairs: HashSet<(&str, &str)> = rows()
                .zip(&unit_values)
                .filter_map(|(r, u)| Some(((*u)?, text_of(r, t.index)?)))
                .collect();
            if pairs.len() > unit.distinct {
                let header = &table.columns[t.index].name;
                let word = says(header, INDICATOR_WORDS);
                push(
                    &mut roles,
                    t.index,
                    Role::IndicatorName,
                    if word.is_some() { 0.9 } else { 0.7 },
                    word.map_or(Reason::RepeatsPerUnit, Reason::HeaderWord),
                );
                indicator_column = Some(t.index);
                break;
            }
        }
    }
    // Parent levels: left of the unit, one block per value.
    let mut parents = Vec::new();
    for t in texts
        .iter()
        .filter(|t| t.index < unit.index && Some(t.index) != indicator_column)
    {
        if t.distinct >= unit.distinct {
            continue;
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut current: Option<&str> = None;
        let mut blocks = true;
        for r in rows() {
            if let Some(v) = text_of(r, t.index) {
                if current != Some(v) {
                    if !seen.insert(v) {
                        blocks = false;
                        break;
                    }
                    current = Some(v);
                }
            }
        }
        if blocks {
            let word = says(&table.columns[t.index].name, UNIT_WORDS);
            push(
                &mut roles,
                t.index,
                Role::Parent,
                if word.is_some() { 0.9 } else { 0.75 },
                word.map_or(Reason::Blocks, Reason::HeaderWord),
            );
            parents.push(t.index);
        }
    }
    Some(Names {
        unit: unit.index,
        unit_conf,
        indicator_column,
        parents,
        roles,
    })
}

/// The suggested mapping with its confidences; `None` when the table has no text column or no
/// count.
pub fn suggest(table: &Table) -> Option<Suggestion> {
    let body = &table.body;
    let rows = || 0..body.len();
    let Names {
        unit,
        unit_conf,
        indicator_column,
        parents,
        mut roles,
    } = names(table)?;
    // Figures.
    let figures: Vec<(usize, Figure)> = table
        .columns
        .iter()
        .filter(|c| {
            matches!(c.kind, ColumnKind::Number | ColumnKind::Percent)
                && !c.ordinal
                && !crate::vocab::is_code_header(&c.name)
        })
        .map(|c| {
            let kind = if c.kind == ColumnKind::Percent || crate::vocab::is_rate_header(&c.name) {
                Figure::Rate
            } else if says(&c.name, REMAINING_WORDS).is_some() {
                Figure::Remaining
            } else if says(&c.name, TARGET_WORDS).is_some() {
                Figure::Target
            } else {
                Figure::Count
            };
            (c.index, kind)
        })
        .collect();
    let group_of = |i: usize| -> Vec<String> {
        let p = &table.columns[i].path;
        p[..p.len().saturating_sub(1)].to_vec()
    };
    let mut targets: Vec<usize> = figures
        .iter()
        .filter(|(_, k)| *k == Figure::Target)
        .map(|(i, _)| *i)
        .collect();
    let mut counts: Vec<usize> = figures
        .iter()
        .filter(|(_, k)| *k == Figure::Count)
        .map(|(i, _)| *i)
        .collect();
    let mut target_conf: f64 = 0.95;
    if targets.is_empty() {
        // No header says target: the largest count is the likeliest, unless its header says
        // it is a result ("Thu nhận", "Đã kích hoạt"): then the report has no target (an
        // office's report, its targets assigned in another file).
        let largest = counts
            .iter()
            .copied()
            .max_by(|a, b| table.columns[*a].sum.total_cmp(&table.columns[*b].sum))?;
        if says(&table.columns[largest].name, ACHIEVED_WORDS).is_none() {
            targets.push(largest);
            counts.retain(|c| *c != largest);
            target_conf = 0.35;
        } else {
            // Sure enough: the report has results only, and says so.
            target_conf = CONFIDENT;
        }
    }
    if counts.is_empty() {
        return None;
    }
    let rates: Vec<usize> = figures
        .iter()
        .filter(|(_, k)| *k == Figure::Rate)
        .map(|(i, _)| *i)
        .collect();
    // Groups of counts in order of appearance.
    let mut groups: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for c in &counts {
        let g = group_of(*c);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(*c),
            None => groups.push((g, vec![*c])),
        }
    }
    let number = |r: usize, c: usize| body.get(r, c).number();
    let mut indicators = Vec::new();
    let mut used_targets: Vec<usize> = Vec::new();
    for (group, cols) in &groups {
        let own = targets.iter().copied().find(|t| group_of(*t) == *group);
        let first = cols[0];
        let (target, conf) = match own {
            Some(t) if !group.is_empty() => (Some(t), target_conf),
            _ => {
                let left = targets.iter().copied().filter(|t| *t < first).max();
                match left.or(own).or_else(|| targets.first().copied()) {
                    Some(t) => (Some(t), target_conf.min(0.85)),
                    // No target in the report: each count an indicator without one.
                    None => (None, target_conf),
                }
            }
        };
        used_targets.extend(target);
        let group_rates: Vec<usize> = rates
            .iter()
            .copied()
            .filter(|r| group_of(*r) == *group)
            .collect();
        // Composition: the group's counts add up to the target.
        let adds_up = cols.len() >= 2
            && target.is_some_and(|target| {
                let (mut checked, mut ok) = (0usize, 0usize);
                for r in rows() {
                    let t = number(r, target);
                    let parts: Option<f64> = cols.iter().map(|c| number(r, *c)).sum();
                    if let (Some(t), Some(p)) = (t, parts) {
                        checked += 1;
                        if (t - p).abs() <= 0.5 {
                            ok += 1;
                        }
                    }
                }
                checked > 0 && ok * 10 >= checked * 8
            });
        if adds_up {
            let achieved = cols
                .iter()
                .copied()
                .find(|c| says(&table.columns[*c].name, ACHIEVED_WORDS).is_some())
                .unwrap_or(first);
            if let Some(target) = target {
                push(&mut roles, target, Role::Target, conf, Reason::PartsAddUp);
            }
            push(
                &mut roles,
                achieved,
                Role::Achieved,
                0.85,
                Reason::PartsAddUp,
            );
            for c in cols.iter().filter(|c| **c != achieved) {
                push(&mut roles, *c, Role::Part, 0.85, Reason::PartsAddUp);
            }
            indicators.push(IndicatorMapping {
                name: table.columns[achieved]
                    .path
                    .last()
                    .cloned()
                    .unwrap_or_default(),
                achieved,
                target: target.map(TargetSource::Column),
                source_rate: group_rates.first().copied(),
                parts: cols.clone(),
            });
            continue;
        }
        for c in cols {
            let header = &table.columns[*c].name;
            let word = says(header, ACHIEVED_WORDS);
            // A group named by its indicator ("Thu nhận" over "Số lượng | Tỷ lệ") gives the
            // name; a generic one ("Kết quả", "Thực hiện") leaves it to the column.
            let generic = group.last().is_some_and(|g| {
                matches!(
                    fold(g).as_str(),
                    "ket qua" | "thuc hien" | "so lieu" | "result" | "results" | "actual"
                )
            });
            let name = if cols.len() == 1 && !group.is_empty() && !generic {
                group.join(" \u{203a} ")
            } else if generic || cols.len() == 1 {
                table.columns[*c]
                    .path
                    .last()
                    .cloned()
                    .unwrap_or_else(|| header.clone())
            } else {
                header.clone()
            };
            // The rate beside the count: the group's only rate, or the next column right.
            let source_rate = if cols.len() == 1 {
                group_rates.first().copied()
            } else {
                group_rates.iter().copied().find(|r| *r == c + 1)
            };
            push(
                &mut roles,
                *c,
                Role::Achieved,
                if word.is_some() { 0.9 } else { 0.75 },
                word.map_or(Reason::Count, Reason::HeaderWord),
            );
            if let Some(r) = source_rate {
                push(
                    &mut roles,
                    r,
                    Role::SourceRate,
                    0.8,
                    Reason::HeaderWord("tỷ lệ".into()),
                );
            }
            indicators.push(IndicatorMapping {
                name,
                achieved: *c,
                target: target.map(TargetSource::Column),
                source_rate,
                parts: Vec::new(),
            });
        }
    }
    if indicators.is_empty() {
        return None;
    }
    used_targets.sort_unstable();
    used_targets.dedup();
    for t in &used_targets {
        if !roles.iter().any(|r| r.column == *t) {
            let word = says(&table.columns[*t].name, TARGET_WORDS);
            push(
                &mut roles,
                *t,
                Role::Target,
                target_conf,
                word.map_or(Reason::LargestSum, Reason::HeaderWord),
            );
        }
    }
    if indicator_column.is_some() {
        // Long layout: one set of columns serves every indicator.
        indicators.truncate(1);
        indicators[0].name = String::new();
        roles.retain(|r| {
            !matches!(
                r.role,
                Role::Achieved | Role::Target | Role::SourceRate | Role::Part
            ) || r.column == indicators[0].achieved
                || Some(TargetSource::Column(r.column)) == indicators[0].target
                || Some(r.column) == indicators[0].source_rate
        });
    }
    for c in &table.columns {
        if !roles.iter().any(|r| r.column == c.index) {
            push(&mut roles, c.index, Role::Ignored, 0.9, Reason::NotUsed);
        }
    }
    roles.sort_by_key(|r| r.column);
    let achieved_conf = roles
        .iter()
        .filter(|r| r.role == Role::Achieved)
        .map(|r| r.confidence)
        .fold(1.0, f64::min);
    let confidence = unit_conf.min(target_conf).min(achieved_conf);
    // STT "I", "II" on some rows and 1, 2, 3 on others: the lettered rows are headings.
    let headings = table
        .columns
        .iter()
        .find(|c| c.ordinal)
        .map(|c| c.index)
        .filter(|&h| {
            let marks = rows()
                .filter(|r| {
                    body.get(*r, h)
                        .text()
                        .is_some_and(crate::vocab::is_heading_mark)
                })
                .count();
            let numbers = rows()
                .filter(|r| body.get(*r, h).number().is_some())
                .count();
            marks >= 1 && numbers >= 2
        });
    let mapping = Mapping {
        headings,
        unit,
        parents,
        indicator_column,
        indicators,
    };
    Some(Suggestion {
        mapping,
        roles,
        confidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(says("Xã, phường", UNIT_WORDS), Some("xa".into()));
        assert_eq!(says("Xác minh", UNIT_WORDS), None);
        assert_eq!(says("Đã chuyển đổi", ACHIEVED_WORDS), Some("da".into()));
        assert_eq!(says("Đạt", ACHIEVED_WORDS), Some("dat".into()));
        assert_eq!(
            says("Chỉ tiêu được giao", TARGET_WORDS),
            Some("chi tieu".into())
        );
        assert_eq!(
            says("Số công dân phải kích hoạt", TARGET_WORDS),
            Some("phai".into())
        );
        assert_eq!(
            says("Tăng so với kỳ trước", REMAINING_WORDS),
            Some("so voi".into())
        );
        assert_eq!(says("Số lượng", TARGET_WORDS), None);
    }
}
