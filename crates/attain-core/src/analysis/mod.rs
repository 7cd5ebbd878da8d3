//! Mapping → per-unit results: achieved, target, rate, gap, and the total as Σachieved/Σtarget.

use crate::table::{ColumnKind, Table, Value};
use crate::text::fold;
pub use crate::vocab::is_total_label;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Which columns hold the unit's name, its target and what it achieved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Column index of the unit names.
    pub unit: usize,
    /// Column index of the targets.
    pub target: usize,
    /// Column index of the achieved counts.
    pub achieved: usize,
}

/// Why a mapping cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MappingError {
    /// A column index outside the table.
    #[error("column {0} is not in the table")]
    NoSuchColumn(usize),
    /// The same column chosen for two roles.
    #[error("the unit, target and achieved columns must be three different columns")]
    SameColumn,
    /// A role given a column with no numbers.
    #[error("the column \u{201c}{0}\u{201d} holds no numbers")]
    NotNumeric(String),
}

/// The result for one unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    /// The unit's name as in the report.
    pub unit: String,
    /// 1-based row number in the sheet.
    pub source_row: usize,
    /// What it achieved, when given.
    pub achieved: Option<f64>,
    /// Its target, when given.
    pub target: Option<f64>,
}

impl UnitResult {
    /// achieved / target; `None` when either is missing or the target is 0.
    pub fn rate(&self) -> Option<f64> {
        rate(self.achieved, self.target)
    }

    /// target − achieved (what remains; negative is a surplus); `None` when either is missing.
    pub fn gap(&self) -> Option<f64> {
        Some(self.target? - self.achieved?)
    }
}

/// achieved / target, undefined (never infinite or NaN) when the target is 0 or missing.
pub fn rate(achieved: Option<f64>, target: Option<f64>) -> Option<f64> {
    let (a, t) = (achieved?, target?);
    (t != 0.0).then(|| a / t).filter(|r| r.is_finite())
}

/// Where a rate stands against the thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Below the low threshold (default 50%).
    Low,
    /// From the low threshold up to the high one (default 50–80%).
    Medium,
    /// From the high threshold up to 100% (default 80–100%).
    High,
    /// 100% or more: the target is reached.
    Reached,
    /// No rate: the target is 0 or missing.
    Unknown,
}

/// The rates that divide the statuses, as fractions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Below this is [`Status::Low`]. Default 0.5.
    pub low: f64,
    /// Below this (and at or above `low`) is [`Status::Medium`]. Default 0.8.
    pub high: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            low: 0.5,
            high: 0.8,
        }
    }
}

impl Thresholds {
    /// The status of a rate.
    pub fn status(&self, rate: Option<f64>) -> Status {
        match rate {
            None => Status::Unknown,
            Some(r) if r >= 1.0 => Status::Reached,
            Some(r) if r >= self.high => Status::High,
            Some(r) if r >= self.low => Status::Medium,
            Some(_) => Status::Low,
        }
    }
}

/// The whole: Σachieved and Σtarget over the units, and the rate of those sums.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Total {
    /// Σ achieved over the units that give it.
    pub achieved: f64,
    /// Σ target over the units that give it.
    pub target: f64,
}

impl Total {
    /// Σachieved / Σtarget — never the mean of the units' rates.
    pub fn rate(&self) -> Option<f64> {
        rate(Some(self.achieved), Some(self.target))
    }

    /// Σtarget − Σachieved.
    pub fn gap(&self) -> f64 {
        self.target - self.achieved
    }
}

/// Why a body row is not counted as a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// A totals or subtotal row of the report ("Tổng cộng", "Toàn tỉnh", "Cộng").
    TotalsRow(String),
    /// Figures but no unit name.
    NoUnitName,
    /// A label but neither a target nor an achieved figure (a heading, a note, a signature).
    NoFigures(String),
}

/// A body row that is not a unit, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// 1-based row number in the sheet.
    pub source_row: usize,
    /// Why it was set aside.
    pub reason: SkipReason,
}

/// A warning about the data, shown beside the results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Warning {
    /// A unit without a target, or with a target of 0: its rate is undefined.
    NoTarget {
        /// The unit.
        unit: String,
        /// 1-based row number.
        source_row: usize,
    },
    /// A cell of the target or achieved column that is not a number.
    Unreadable {
        /// The unit.
        unit: String,
        /// 1-based row number.
        source_row: usize,
        /// The column's header.
        column: String,
        /// The text found.
        text: String,
    },
}

/// Every result of one mapping applied to one table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The indicator's name: the achieved column's header.
    pub indicator: String,
    /// The target column's header.
    pub target_name: String,
    /// The units in source order.
    pub units: Vec<UnitResult>,
    /// The whole.
    pub total: Total,
    /// Body rows that are not units.
    pub skipped: Vec<SkippedRow>,
    /// Things the user should look at.
    pub warnings: Vec<Warning>,
}

impl Analysis {
    /// Indices into `units`, ranked by rate, highest first; units without a rate last, in
    /// source order.
    pub fn ranked(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by(|a, b| {
            let (ra, rb) = (self.units[*a].rate(), self.units[*b].rate());
            match (ra, rb) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(b),
            }
        });
        order
    }
}

const TARGET_WORDS: &[&str] = &[
    "chi tieu",
    "ke hoach",
    "duoc giao",
    "target",
    "plan",
    "goal",
];
const ACHIEVED_WORDS: &[&str] = &[
    "thu nhan",
    "kich hoat",
    "da cap",
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
];
const NOT_ACHIEVED_WORDS: &[&str] = &[
    "ty le",
    "rate",
    "%",
    "con lai",
    "chua",
    "remaining",
    "gap",
    "stt",
];

/// A first guess at the mapping: the unit column is the first text column; the target is the
/// numeric column whose header says target (chỉ tiêu, kế hoạch, target), else the numeric column
/// with the largest sum; achieved is the first other count column whose header says achieved
/// (thu nhận, kích hoạt, đạt), else the first other count column. Rate and remaining columns are
/// never guessed as counts. `None` when the table has no text column or fewer than two counts.
pub fn guess_mapping(table: &Table) -> Option<Mapping> {
    let unit = table
        .columns
        .iter()
        .find(|c| c.kind == ColumnKind::Text)?
        .index;
    let counts: Vec<&crate::table::Column> = table
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Number && !c.ordinal)
        .filter(|c| {
            let f = fold(&c.name);
            !NOT_ACHIEVED_WORDS.iter().any(|w| f.contains(w))
        })
        .collect();
    let says = |name: &str, words: &[&str]| {
        let f = fold(name);
        words.iter().any(|w| f.contains(w))
    };
    let target = counts
        .iter()
        .find(|c| says(&c.name, TARGET_WORDS))
        .or_else(|| counts.iter().max_by(|a, b| a.sum.total_cmp(&b.sum)))?
        .index;
    let others: Vec<&&crate::table::Column> = counts.iter().filter(|c| c.index != target).collect();
    let achieved = others
        .iter()
        .find(|c| says(&c.name, ACHIEVED_WORDS) && !says(&c.name, TARGET_WORDS))
        .or_else(|| others.first())?
        .index;
    Some(Mapping {
        unit,
        target,
        achieved,
    })
}

/// Applies a mapping: every body row becomes a unit or a skipped row with its reason.
pub fn analyze(table: &Table, mapping: Mapping) -> Result<Analysis, MappingError> {
    let column = |i: usize| table.columns.get(i).ok_or(MappingError::NoSuchColumn(i));
    column(mapping.unit)?;
    let (target_col, achieved_col) = (column(mapping.target)?, column(mapping.achieved)?);
    if mapping.unit == mapping.target
        || mapping.unit == mapping.achieved
        || mapping.target == mapping.achieved
    {
        return Err(MappingError::SameColumn);
    }
    for c in [target_col, achieved_col] {
        if !matches!(c.kind, ColumnKind::Number | ColumnKind::Percent) {
            return Err(MappingError::NotNumeric(c.name.clone()));
        }
    }
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut total = Total {
        achieved: 0.0,
        target: 0.0,
    };
    for row in &table.rows {
        let get = |i: usize| row.values.get(i).unwrap_or(&Value::Empty);
        let label = get(mapping.unit).label();
        let (target, achieved) = (get(mapping.target), get(mapping.achieved));
        let skip = |reason| SkippedRow {
            source_row: row.source_row,
            reason,
        };
        let has_figures = !matches!(target, Value::Empty) || !matches!(achieved, Value::Empty);
        if label.trim().is_empty() {
            skipped.push(skip(SkipReason::NoUnitName));
            continue;
        }
        if is_total_label(&label) {
            skipped.push(skip(SkipReason::TotalsRow(label)));
            continue;
        }
        if !has_figures {
            skipped.push(skip(SkipReason::NoFigures(label)));
            continue;
        }
        for (value, col) in [(target, target_col), (achieved, achieved_col)] {
            if let Value::Text(t) = value {
                warnings.push(Warning::Unreadable {
                    unit: label.clone(),
                    source_row: row.source_row,
                    column: col.name.clone(),
                    text: t.clone(),
                });
            }
        }
        let result = UnitResult {
            unit: label,
            source_row: row.source_row,
            achieved: achieved.number(),
            target: target.number(),
        };
        if result.target.unwrap_or(0.0) == 0.0 {
            warnings.push(Warning::NoTarget {
                unit: result.unit.clone(),
                source_row: row.source_row,
            });
        }
        total.achieved += result.achieved.unwrap_or(0.0);
        total.target += result.target.unwrap_or(0.0);
        units.push(result);
    }
    Ok(Analysis {
        indicator: achieved_col.name.clone(),
        target_name: target_col.name.clone(),
        units,
        total,
        skipped,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_labels() {
        for l in [
            "Tổng cộng",
            "TỔNG CỘNG",
            "Toàn tỉnh",
            "Cộng",
            "Cộng huyện Ba Tri",
            "Total",
            "Tổng:",
        ] {
            assert!(is_total_label(l), "{l}");
        }
        for l in [
            "Cộng Hòa",
            "Xã Cộng Hòa",
            "Tổng Đội",
            "Ba Tri",
            "Totalville",
            "Chợ Lách",
        ] {
            assert!(!is_total_label(l), "{l}");
        }
    }

    #[test]
    fn statuses_at_the_default_thresholds() {
        let t = Thresholds::default();
        assert_eq!(t.status(Some(0.4999)), Status::Low);
        assert_eq!(t.status(Some(0.5)), Status::Medium);
        assert_eq!(t.status(Some(0.8833)), Status::High);
        assert_eq!(t.status(Some(1.0)), Status::Reached);
        assert_eq!(t.status(Some(1.9103)), Status::Reached);
        assert_eq!(t.status(None), Status::Unknown);
    }

    #[test]
    fn rate_is_undefined_without_a_target() {
        assert_eq!(rate(Some(5.0), Some(0.0)), None);
        assert_eq!(rate(Some(5.0), None), None);
        assert_eq!(rate(None, Some(5.0)), None);
        assert_eq!(rate(Some(0.0), Some(0.0)), None);
        assert_eq!(rate(Some(3.0), Some(4.0)), Some(0.75));
    }
}
