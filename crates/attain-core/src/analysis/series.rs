//! Reporting dates: the same report at several as-of dates. Units are matched across dates by
//! name ([`crate::text::name_key`]: NFC, case and marks folded, "Huyện", "TP.", "Thị xã", "Xã",
//! "Phường", "TT." dropped), under the same parents; the user can fix a match. Per unit, parent
//! and the whole: the change in achieved and in rate since the previous date and the pace per
//! day; with a deadline, the pace needed, the projected date and the outlook.

use super::{Analysis, IndicatorResult, PerParents, UnitResult};
use crate::dates::Date;
use crate::text::{fold, name_key, HashedKey};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
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
    /// Its parents where it is present, outermost first.
    #[serde(default)]
    pub parents: Vec<String>,
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
    /// The earlier report was before the 2025 reform and the later one after it: how the
    /// earlier report's units were rolled up into the new ones.
    #[serde(default)]
    pub reform: Option<crate::places::Across>,
}

/// A unit's key: its parents' keys (one copy for the units under the same parents) and its own.
type UnitKey = (Arc<[String]>, String);

/// Keys that match a unit across reports; names that fold to the same key within one report
/// ("Thị trấn Thới Bình" and "Xã Thới Bình") keep their prefixes.
fn keys(units: &[UnitResult]) -> Vec<UnitKey> {
    // The parents' keys are made once for each run of units under the same parents.
    let mut parent_keys = PerParents::new();
    let short: Vec<UnitKey> = units
        .iter()
        .map(|u| {
            let parents = parent_keys
                .get((), &u.parents, |ps| {
                    ps.iter().map(|p| name_key(p)).collect::<Arc<[String]>>()
                })
                .clone();
            (parents, name_key(&u.unit))
        })
        .collect();
    // Counted by the keys' quick hashes: a table of a million text keys is a cache miss per
    // string compared. A collision (one chance in ten million for a million names) only makes
    // two names use their longer keys.
    let hashes: Vec<u64> = short.iter().map(key_hash).collect();
    let mut count: HashMap<u64, usize, BuildHasherDefault<HashedKey>> = HashMap::default();
    for h in &hashes {
        *count.entry(*h).or_default() += 1;
    }
    short
        .iter()
        .zip(units)
        .zip(&hashes)
        .map(|((k, u), h)| {
            if count.get(h).is_some_and(|n| *n > 1) {
                (k.0.clone(), fold(&u.unit))
            } else {
                k.clone()
            }
        })
        .collect()
}

/// A unit key's quick hash.
fn key_hash(key: &UnitKey) -> u64 {
    let mut h = HashedKey::default();
    for p in key.0.iter() {
        h.write(p.as_bytes());
    }
    h.write(key.1.as_bytes());
    h.finish()
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

/// True when two lists hold the same units' rows (the indicators of one wide layout).
fn same_rows(a: &[UnitResult], b: &[UnitResult]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(&x.row, &y.row))
}

/// Each unit of `now`'s match among `before` (the user's fixes first, then the keys).
fn match_units(
    before: &[UnitResult],
    now: &[UnitResult],
    fixes: &[MatchFix],
) -> Vec<Option<usize>> {
    // Units found by their keys' quick hashes, each match checked against the key itself.
    let before_keys = keys(before);
    let mut index: HashMap<u64, usize, BuildHasherDefault<HashedKey>> = HashMap::default();
    for (i, k) in before_keys.iter().enumerate() {
        index.entry(key_hash(k)).or_insert(i);
    }
    now.iter()
        .zip(keys(now))
        .map(|(u, k)| {
            let fixed = fixes
                .iter()
                .find(|f| *f.current == *u.unit)
                .and_then(|f| before.iter().position(|b| *b.unit == *f.previous));
            fixed.or_else(|| {
                index
                    .get(&key_hash(&k))
                    .copied()
                    .filter(|i| before_keys[*i] == k)
            })
        })
        .collect()
}

/// Compares a report with an earlier one of the same kind.
pub fn compare(previous: Dated, current: Dated, fixes: &[MatchFix]) -> Comparison {
    let days = previous.as_of.days_until(current.as_of);
    let mut indicators = Vec::new();
    let mut missing = Vec::new();
    type Matched<'a> = (&'a [UnitResult], &'a [UnitResult], Vec<Option<usize>>);
    let mut last: Option<Matched> = None;
    for (pos, ind) in current.analysis.indicators.iter().enumerate() {
        let Some(before) = find_indicator(&previous.analysis.indicators, ind, pos) else {
            continue;
        };
        // The indicators of a wide layout share their rows: their units are matched once.
        let same = last
            .as_ref()
            .is_some_and(|(b, n, _)| same_rows(b, &before.units) && same_rows(n, &ind.units));
        if !same {
            last = Some((
                &before.units,
                &ind.units,
                match_units(&before.units, &ind.units, fixes),
            ));
        }
        let Some((_, _, matched)) = &last else {
            continue;
        };
        let mut used = vec![false; before.units.len()];
        let mut units = Vec::with_capacity(ind.units.len());
        for (u, found) in ind.units.iter().zip(matched.iter().copied()) {
            if let Some(i) = found {
                used[i] = true;
            }
            let b = found.map(|i| &before.units[i]);
            if b.is_none() && pos == 0 {
                missing.push(Missing {
                    unit: u.unit.to_string(),
                    present: current.as_of,
                    missing: previous.as_of,
                    parents: u.parents.to_vec(),
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
                        parents: b.parents.to_vec(),
                    });
                }
            }
        }
        // Like for like: only units found at both dates count in a rollup's change, so a
        // unit that joins the report is not mistaken for progress. One pass over the units:
        // each unit found at both dates adds its figures to the whole and to every group
        // above it, in the units' order (a pass per group took minutes for a million units).
        let group_of: HashMap<&[String], usize> = ind
            .groups
            .iter()
            .enumerate()
            .rev()
            .map(|(i, g)| (g.path.as_slice(), i))
            .collect();
        let mut sums = vec![[0.0f64; 4]; ind.groups.len()];
        let mut whole = [0.0f64; 4];
        // The groups above each run of units under the same parents.
        let mut above = PerParents::new();
        for (u, m) in ind.units.iter().zip(matched) {
            let Some(b) = m.map(|i| &before.units[i]) else {
                continue;
            };
            let figures = [
                b.achieved.get().unwrap_or(0.0),
                b.target.get().unwrap_or(0.0),
                u.achieved.get().unwrap_or(0.0),
                u.target.get().unwrap_or(0.0),
            ];
            let groups: &Vec<usize> = above.get((), &u.parents, |ps| {
                (0..=ps.len())
                    .filter_map(|n| group_of.get(&ps[..n]).copied())
                    .collect()
            });
            let add = |sum: &mut [f64; 4]| {
                for (s, f) in sum.iter_mut().zip(figures) {
                    *s += f;
                }
            };
            for g in groups {
                add(&mut sums[*g]);
            }
            add(&mut whole);
        }
        let change = |[ab, tb, an, tn]: [f64; 4]| {
            Change::of(Some((Some(ab), Some(tb))), (Some(an), Some(tn)), days)
        };
        let groups = ind
            .groups
            .iter()
            .map(|g| {
                let sum = group_of
                    .get(g.path.as_slice())
                    .map_or([0.0; 4], |i| sums[*i]);
                (g.path.clone(), change(sum))
            })
            .collect();
        let total = change(whole);
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
        reform: None,
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
