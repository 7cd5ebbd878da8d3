//! Targets from another file: a target assignment ("Quyết định giao chỉ tiêu": a list of
//! units with one or more target columns) joined to a report's units by name key (prefixes,
//! case and marks folded, spelling variants), within the parent where names repeat; the
//! user's fixes for names no key matches; each indicator given a target column by name or by
//! the user. The assignment's units that the report lacks are who has not reported.

use super::{
    analyze, Analysis, IndicatorMapping, IndicatorResult, Mapping, UnitResult, Unreported,
};
use crate::table::{ColumnKind, Table};
use crate::text::{fold, name_key};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One unit of an assignment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assigned {
    /// Its name, as the assignment writes it.
    pub unit: String,
    /// Its parents, outermost first.
    pub parents: Vec<String>,
    /// Its figure in each target column (`None`: the cell is empty).
    pub targets: Vec<Option<f64>>,
}

/// A target assignment as read from its file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The file's name.
    pub file: String,
    /// The names of its target columns.
    pub columns: Vec<String>,
    /// Its units, in the file's order.
    pub units: Vec<Assigned>,
}

/// Why a file gives no assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentError {
    /// No column of unit names with a column of figures beside it.
    NoUnitsAndFigures,
}

/// Reads an assignment from a table: the unit and parent columns the suggestion finds, and
/// every column of figures (not the STT) as a target column; totals rows and rows without a
/// figure are left out, as in a report.
pub fn assignment(table: &Table, file: &str) -> Result<Assignment, AssignmentError> {
    let names = super::guess::names(table).ok_or(AssignmentError::NoUnitsAndFigures)?;
    let mut labels = vec![names.unit];
    labels.extend(&names.parents);
    labels.extend(names.indicator_column);
    let figures: Vec<usize> = (0..table.columns.len())
        .filter(|c| {
            let col = &table.columns[*c];
            col.kind == ColumnKind::Number && !col.ordinal && !labels.contains(c)
        })
        .collect();
    if figures.is_empty() {
        return Err(AssignmentError::NoUnitsAndFigures);
    }
    let mapping = Mapping {
        unit: names.unit,
        parents: names.parents,
        indicator_column: None,
        headings: None,
        indicators: figures
            .iter()
            .map(|c| IndicatorMapping {
                name: table.columns[*c].name.clone(),
                achieved: *c,
                target: None,
                source_rate: None,
                parts: Vec::new(),
            })
            .collect(),
    };
    let a = analyze(table, &mapping).map_err(|_| AssignmentError::NoUnitsAndFigures)?;
    let Some(first) = a.indicators.first() else {
        return Err(AssignmentError::NoUnitsAndFigures);
    };
    let units = (0..first.units.len())
        .map(|i| Assigned {
            unit: first.units[i].unit.to_string(),
            parents: first.units[i]
                .parents
                .iter()
                .filter(|p| !p.is_empty())
                .cloned()
                .collect(),
            targets: a
                .indicators
                .iter()
                .map(|ind| ind.units.get(i).and_then(|u| u.achieved.get()))
                .collect(),
        })
        .collect();
    Ok(Assignment {
        file: file.to_string(),
        columns: a.indicators.iter().map(|i| i.name.clone()).collect(),
        units,
    })
}

/// The user's pairing of a report's unit with an assignment's unit that no key matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFix {
    /// The report's unit.
    pub unit: String,
    /// Its parents.
    pub parents: Vec<String>,
    /// The assignment's unit (index into [`Assignment::units`]); `None` undoes the fix.
    pub assigned: Option<usize>,
}

/// How an assignment met a report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    /// The assignment's file.
    pub file: String,
    /// Its target columns' names.
    pub columns: Vec<String>,
    /// Per indicator of the report (by name): the target column it takes, if any.
    pub indicator_columns: Vec<(String, Option<usize>)>,
    /// Report units given a target from the assignment.
    pub matched: usize,
    /// The report's units no assignment unit matched: they keep the target they had.
    pub unmatched: Vec<Unreported>,
    /// The assignment's units no report unit matched, with their index (for the fixes).
    pub unclaimed: Vec<(usize, Unreported)>,
    /// The report's units matched by the user's fixes: the unit, and the assignment's unit
    /// (its index and name) it was paired with.
    #[serde(default)]
    pub fixed: Vec<(Unreported, usize, Unreported)>,
}

/// Whether the words of `short` stand, in order, among the words of `long`.
fn words_within(short: &str, long: &str) -> bool {
    !short.is_empty() && format!(" {long} ").contains(&format!(" {short} "))
}

/// The target column of an indicator: the user's choice, else the only column, else the one
/// whose name holds the indicator's (or the other way round) when one only does.
fn column_for(name: &str, columns: &[String], chosen: &[(String, Option<usize>)]) -> Option<usize> {
    if let Some((_, c)) = chosen.iter().find(|(n, _)| n == name) {
        return c.filter(|c| *c < columns.len());
    }
    if columns.len() == 1 {
        return Some(0);
    }
    let key = fold(name);
    let keys: Vec<String> = columns.iter().map(|c| fold(c)).collect();
    if let Some(i) = keys.iter().position(|k| *k == key) {
        return Some(i);
    }
    let found: Vec<usize> = (0..keys.len())
        .filter(|i| words_within(&key, &keys[*i]) || words_within(&keys[*i], &key))
        .collect();
    match found[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// The report with the assignment's targets: each unit matched to an assignment unit takes
/// its figure in the column of its indicator (over a target of its own); the rollups and the
/// whole are worked out again; the assignment's units that no unit matched are the report's
/// `unreported`.
pub fn apply(
    report: &Analysis,
    a: &Assignment,
    chosen: &[(String, Option<usize>)],
    fixes: &[TargetFix],
) -> (Analysis, Joined) {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let parent_keys: Vec<HashSet<String>> = a
        .units
        .iter()
        .map(|u| u.parents.iter().map(|p| name_key(p)).collect())
        .collect();
    let all_parents: HashSet<&String> = parent_keys.iter().flatten().collect();
    for (i, u) in a.units.iter().enumerate() {
        by_key.entry(name_key(&u.unit)).or_default().push(i);
    }
    let fixed: HashMap<(&str, &[String]), Option<usize>> = fixes
        .iter()
        .map(|f| ((f.unit.as_str(), f.parents.as_slice()), f.assigned))
        .collect();
    let find = |u: &UnitResult| -> Option<usize> {
        if let Some(fix) = fixed.get(&(&*u.unit, &u.parents[..])) {
            return fix.filter(|i| *i < a.units.len());
        }
        let candidates = by_key.get(&name_key(&u.unit))?;
        let mine: HashSet<String> = u
            .parents
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| name_key(p))
            .collect();
        let within: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|i| parent_keys[*i].iter().any(|k| mine.contains(k)))
            .collect();
        match (candidates.len(), within.len()) {
            (_, 1) => Some(within[0]),
            // One of the name; its parent is not the unit's, though the assignment knows the
            // unit's parent: another unit of the same name.
            (1, 0) if !mine.iter().any(|k| all_parents.contains(k)) => Some(candidates[0]),
            (1, 0) if parent_keys[candidates[0]].is_empty() => Some(candidates[0]),
            _ => None,
        }
    };
    let mut out = report.clone();
    let mut joined = Joined {
        file: a.file.clone(),
        columns: a.columns.clone(),
        ..Joined::default()
    };
    let mut claimed = vec![false; a.units.len()];
    let mut unmatched_seen: HashSet<(String, Vec<String>)> = HashSet::new();
    let mut fixed_seen: HashSet<(String, Vec<String>)> = HashSet::new();
    let levels = report.parent_levels.len();
    out.indicators = report
        .indicators
        .iter()
        .map(|ind| {
            let column = column_for(&ind.name, &a.columns, chosen);
            joined.indicator_columns.push((ind.name.clone(), column));
            let mut units = ind.units.clone();
            for u in &mut units {
                match find(u) {
                    Some(i) => {
                        claimed[i] = true;
                        let by_hand = fixed.contains_key(&(&*u.unit, &u.parents[..]));
                        if by_hand && fixed_seen.insert((u.unit.to_string(), u.parents.to_vec())) {
                            let named = |unit: &str, parents: &[String]| Unreported {
                                unit: unit.to_string(),
                                parents: parents.to_vec(),
                            };
                            joined.fixed.push((
                                named(&u.unit, &u.parents),
                                i,
                                named(&a.units[i].unit, &a.units[i].parents),
                            ));
                        }
                        if let Some(c) = column {
                            u.target = a.units[i].targets.get(c).copied().flatten().into();
                        }
                    }
                    None => {
                        if unmatched_seen.insert((u.unit.to_string(), u.parents.to_vec())) {
                            joined.unmatched.push(Unreported {
                                unit: u.unit.to_string(),
                                parents: u.parents.to_vec(),
                            });
                        }
                    }
                }
            }
            let target_name = match column {
                Some(c) => a.columns[c].clone(),
                None => ind.target_name.clone(),
            };
            IndicatorResult::of_units(
                ind.name.clone(),
                target_name,
                ind.part_names.clone(),
                units,
                levels,
            )
        })
        .collect();
    joined.matched = claimed.iter().filter(|c| **c).count();
    joined.unclaimed = (0..a.units.len())
        .filter(|i| !claimed[*i])
        .map(|i| {
            (
                i,
                Unreported {
                    unit: a.units[i].unit.clone(),
                    parents: a.units[i].parents.clone(),
                },
            )
        })
        .collect();
    out.unreported = joined.unclaimed.iter().map(|(_, u)| u.clone()).collect();
    (out, joined)
}
