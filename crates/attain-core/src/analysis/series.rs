//! Reporting dates: the same report at several as-of dates. Units are matched across dates by
//! name ([`crate::text::name_key`]: NFC, case and marks folded, "Huyện", "TP.", "Thị xã", "Xã",
//! "Phường", "TT." dropped), under the same parents; the user can fix a match. Per unit, parent
//! and the whole: the change in achieved and in rate since the previous date and the pace per
//! day; with a deadline, the pace needed, the projected date and the outlook.

use super::{Analysis, IndicatorResult, UnitResult};
use crate::dates::Date;
use crate::text::{fold, name_key};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// One report at its as-of date.
#[derive(Clone, Copy, Debug)]
pub struct Dated<'a> {
    /// The as-of date.
    pub as_of: Date,
    /// Its results.
    pub analysis: &'a Analysis,
}

/// A match the user fixed: this name in the earlier report is that unit in the later one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchFix {
    /// The name in the earlier report.
    pub previous: String,
    /// The name in the later report.
    pub current: String,
}

/// Figures at two dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Achieved at the earlier date.
    pub achieved_before: Option<f64>,
    /// Achieved at the later date.
    pub achieved: Option<f64>,
    /// Rate at the earlier date.
    pub rate_before: Option<f64>,
    /// Rate at the later date.
    pub rate: Option<f64>,
    /// Days between the dates.
    pub days: i64,
}

impl Change {
    fn of(
        before: Option<(Option<f64>, Option<f64>)>,
        now: (Option<f64>, Option<f64>),
        days: i64,
    ) -> Change {
        let (ab, tb) = before.unwrap_or((None, None));
        Change {
            achieved_before: ab,
            achieved: now.0,
            rate_before: super::rate(ab, tb),
            rate: super::rate(now.0, now.1),
            days,
        }
    }

    /// The change in achieved.
    pub fn delta(&self) -> Option<f64> {
        Some(self.achieved? - self.achieved_before?)
    }

    /// The change in rate, in percentage points.
    pub fn delta_pp(&self) -> Option<f64> {
        Some((self.rate? - self.rate_before?) * 100.0)
    }

    /// Achieved per day between the dates.
    pub fn pace(&self) -> Option<f64> {
        (self.days > 0).then(|| self.delta().map(|d| d / self.days as f64))?
    }
}

/// A unit's change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitChange {
    /// Its name at the later date (the analysis' one copy, shared).
    pub unit: Arc<str>,
    /// Its parents at the later date (shared likewise).
    pub parents: Arc<[String]>,
    /// Its name at the earlier date, when it was there (the earlier analysis' copy).
    pub previous_name: Option<Arc<str>>,
    /// The figures.
    pub change: Change,
}

/// One indicator across two dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorComparison {
    /// The indicator's name (at the later date).
    pub name: String,
    /// Per unit of the later date, in its order.
    pub units: Vec<UnitChange>,
    /// Per parent of the later date: its path and change.
    pub groups: Vec<(Vec<String>, Change)>,
    /// The whole.
    pub total: Change,
    /// Units with a rate at both dates (the dumbbell's rows before its cut), over all units
    /// even where `units` holds only those drawn ([`super::drawn::comparison_digest`]).
    #[serde(default)]
    pub paired: usize,
}

/// A unit present at one date and missing at the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// The unit's name where it is present.
    pub unit: String,
    /// The date it is in.
    pub present: Date,
    /// The date it is missing from.
    pub missing: Date,
}

/// Two reporting dates compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The earlier date.
    pub from: Date,
    /// The later date.
    pub to: Date,
    /// Per indicator found at both dates.
    pub indicators: Vec<IndicatorComparison>,
    /// Units in one report only.
    pub missing: Vec<Missing>,
    /// How many units are in one report only, even where `missing` lists only the first.
    #[serde(default)]
    pub missing_total: usize,
    /// The names of the earlier date's units without a match, up to
    /// [`super::drawn::MATCH_CHOICES`], for matching by hand; filled by the page's digest only
    /// (`missing` has them all otherwise).
    #[serde(default)]
    pub unmatched_before: Vec<String>,
}

/// Keys that match a unit across reports; names that fold to the same key within one report
/// ("Thị trấn Thới Bình" and "Xã Thới Bình") keep their prefixes.
fn keys(units: &[UnitResult]) -> Vec<(Vec<String>, String)> {
    let short: Vec<(Vec<String>, String)> = units
        .iter()
        .map(|u| {
            (
                u.parents.iter().map(|p| name_key(p)).collect(),
                name_key(&u.unit),
            )
        })
        .collect();
    let mut count: HashMap<&(Vec<String>, String), usize> = HashMap::new();
    for k in &short {
        *count.entry(k).or_default() += 1;
    }
    short
        .iter()
        .zip(units)
        .map(|(k, u)| {
            if count[k] > 1 {
                (k.0.clone(), fold(&u.unit))
            } else {
                k.clone()
            }
        })
        .collect()
}

fn find_indicator<'a>(
    list: &'a [IndicatorResult],
    ind: &IndicatorResult,
    position: usize,
) -> Option<&'a IndicatorResult> {
    let key = fold(&ind.name);
    list.iter()
        .find(|i| fold(&i.name) == key)
        .or_else(|| (list.len() == 1).then(|| &list[0]))
        .or_else(|| list.get(position))
}

/// Compares a report with an earlier one of the same kind.
pub fn compare(previous: Dated, current: Dated, fixes: &[MatchFix]) -> Comparison {
    let days = previous.as_of.days_until(current.as_of);
    let mut indicators = Vec::new();
    let mut missing = Vec::new();
    for (pos, ind) in current.analysis.indicators.iter().enumerate() {
        let Some(before) = find_indicator(&previous.analysis.indicators, ind, pos) else {
            continue;
        };
        let before_keys = keys(&before.units);
        let mut index: HashMap<&(Vec<String>, String), usize> = HashMap::new();
        for (i, k) in before_keys.iter().enumerate() {
            index.entry(k).or_insert(i);
        }
        let now_keys = keys(&ind.units);
        let mut used = vec![false; before.units.len()];
        let mut units = Vec::with_capacity(ind.units.len());
        let mut matched: Vec<Option<usize>> = Vec::with_capacity(ind.units.len());
        for (u, k) in ind.units.iter().zip(&now_keys) {
            let fixed = fixes
                .iter()
                .find(|f| *f.current == *u.unit)
                .and_then(|f| before.units.iter().position(|b| *b.unit == *f.previous));
            let found = fixed.or_else(|| index.get(k).copied());
            if let Some(i) = found {
                used[i] = true;
            }
            matched.push(found);
            let b = found.map(|i| &before.units[i]);
            if b.is_none() && pos == 0 {
                missing.push(Missing {
                    unit: u.unit.to_string(),
                    present: current.as_of,
                    missing: previous.as_of,
                });
            }
            units.push(UnitChange {
                unit: u.unit.clone(),
                parents: u.parents.clone(),
                previous_name: b.map(|b| b.unit.clone()),
                change: Change::of(
                    b.map(|b| (b.achieved.get(), b.target.get())),
                    (u.achieved.get(), u.target.get()),
                    days,
                ),
            });
        }
        if pos == 0 {
            for (i, b) in before.units.iter().enumerate() {
                if !used[i] {
                    missing.push(Missing {
                        unit: b.unit.to_string(),
                        present: previous.as_of,
                        missing: current.as_of,
                    });
                }
            }
        }
        // Like for like: only units found at both dates count in a rollup's change, so a
        // unit that joins the report is not mistaken for progress.
        let like_for_like = |path: &[String]| -> Change {
            let (mut ab, mut tb, mut an, mut tn) = (0.0, 0.0, 0.0, 0.0);
            for (u, m) in ind.units.iter().zip(&matched) {
                let inside = u.parents.len() >= path.len() && u.parents[..path.len()] == *path;
                if !inside {
                    continue;
                }
                if let Some(b) = m.map(|i| &before.units[i]) {
                    ab += b.achieved.get().unwrap_or(0.0);
                    tb += b.target.get().unwrap_or(0.0);
                    an += u.achieved.get().unwrap_or(0.0);
                    tn += u.target.get().unwrap_or(0.0);
                }
            }
            Change::of(Some((Some(ab), Some(tb))), (Some(an), Some(tn)), days)
        };
        let groups = ind
            .groups
            .iter()
            .map(|g| (g.path.clone(), like_for_like(&g.path)))
            .collect();
        let total = like_for_like(&[]);
        let paired = units.iter().filter(|u| super::drawn::paired(u)).count();
        indicators.push(IndicatorComparison {
            name: ind.name.clone(),
            units,
            groups,
            total,
            paired,
        });
    }
    Comparison {
        from: previous.as_of,
        to: current.as_of,
        indicators,
        missing_total: missing.len(),
        missing,
        unmatched_before: Vec::new(),
    }
}

/// Where a unit stands against the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutlookStatus {
    /// The target is reached.
    Reached,
    /// At the current pace the target is reached by the deadline.
    OnTrack,
    /// At the current pace it is not (or the deadline has passed).
    AtRisk,
    /// No earlier date to measure the pace.
    Unknown,
}

/// What the deadline asks of a unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outlook {
    /// What remains (target − achieved, never below 0).
    pub remaining: f64,
    /// Days from the as-of date to the deadline.
    pub days_left: i64,
    /// Achieved per day needed to reach the target by the deadline.
    pub needed_per_day: Option<f64>,
    /// The date the target is reached at the current pace.
    pub projected: Option<Date>,
    /// On track, at risk, reached.
    pub status: OutlookStatus,
}

/// The outlook of figures at `as_of` against a deadline, at a pace per day when known.
/// Bến Tre on 14-11-2023, 663.614 of 930.767 activated, deadline 15-12-2023: 267.153 remain
/// over 31 days, about 8.618 a day.
pub fn outlook(
    achieved: f64,
    target: f64,
    as_of: Date,
    deadline: Date,
    pace: Option<f64>,
) -> Outlook {
    let remaining = (target - achieved).max(0.0);
    let days_left = as_of.days_until(deadline);
    let needed_per_day = (remaining > 0.0 && days_left > 0).then(|| remaining / days_left as f64);
    let projected = match pace {
        Some(p) if p > 0.0 && remaining > 0.0 => {
            let days = (remaining / p).ceil();
            (days < 365.0 * 100.0)
                .then(|| Date::from_days(as_of.days() + days as i64))
                .flatten()
        }
        _ => None,
    };
    let status = if remaining <= 0.0 {
        OutlookStatus::Reached
    } else if days_left <= 0 {
        OutlookStatus::AtRisk
    } else {
        match (pace, projected) {
            (None, _) => OutlookStatus::Unknown,
            (Some(_), Some(d)) if d <= deadline => OutlookStatus::OnTrack,
            _ => OutlookStatus::AtRisk,
        }
    };
    Outlook {
        remaining,
        days_left,
        needed_per_day,
        projected,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ben_tre_deadline() {
        let as_of = Date::new(2023, 11, 14).unwrap();
        let deadline = Date::new(2023, 12, 15).unwrap();
        let o = outlook(663_614.0, 930_767.0, as_of, deadline, None);
        assert_eq!(o.remaining, 267_153.0);
        assert_eq!(o.days_left, 31);
        assert_eq!(o.needed_per_day.map(|n| n.round()), Some(8_618.0));
        assert_eq!(o.status, OutlookStatus::Unknown);
        let on = outlook(663_614.0, 930_767.0, as_of, deadline, Some(9_000.0));
        assert_eq!(on.status, OutlookStatus::OnTrack);
        assert_eq!(on.projected, Date::new(2023, 12, 14));
        let slow = outlook(663_614.0, 930_767.0, as_of, deadline, Some(5_000.0));
        assert_eq!(slow.status, OutlookStatus::AtRisk);
        let done = outlook(2_258.0, 1_182.0, as_of, deadline, None);
        assert_eq!(done.status, OutlookStatus::Reached);
        assert_eq!(done.needed_per_day, None);
    }
}
