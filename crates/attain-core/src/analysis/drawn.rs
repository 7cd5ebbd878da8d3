//! What the page's charts draw of an indicator: the units each chart picks (the top and the
//! bottom of the ranking, the largest gaps, the first bullets, the largest targets of the
//! scatter, the first stacked bars) and the counts they state over all units. The report in
//! the worker sends the page only these units, so that a million units cost the page what a
//! few thousand do; the charts pick the same units from them and say the same counts.

use super::{IndicatorResult, UnitResult};
use serde::{Deserialize, Serialize};

/// Bars of the ranked chart (and of each small multiple): all units up to this many, else
/// the first and the last half of it.
pub const RANK_BARS: usize = 60;
/// Bars of the gap chart: the largest gaps.
pub const GAP_BARS: usize = 30;
/// Rows of the bullet chart: the first in rank order.
pub const BULLET_ROWS: usize = 40;
/// Dots of the scatter: beyond this many, the units with the largest targets.
pub const SCATTER_DOTS: usize = 1_500;
/// Rows of the stacked parts: the first units with a target, in the report's order.
pub const STACK_ROWS: usize = 40;

/// Rows of the dumbbell between two dates: the highest rates now among the units with a rate
/// at both dates.
pub const DUMBBELL_ROWS: usize = 40;
/// Units in one report only that the page lists (with a fix for each): the first this many.
pub const MISSING_SHOWN: usize = 100;
/// Names of the earlier date's unmatched units offered to each match fix: the first this many.
pub const MATCH_CHOICES: usize = 1_000;

/// A unit the dumbbell can draw: a rate at both dates.
pub fn paired(u: &super::series::UnitChange) -> bool {
    matches!((u.change.rate_before, u.change.rate), (Some(a), Some(b)) if a.is_finite() && b.is_finite())
}

/// What the page draws of a comparison: per indicator the units of the dumbbell (all of them up
/// to [`DUMBBELL_ROWS`], else the [`DUMBBELL_ROWS`] highest rates now among those with a rate
/// at both dates, ties to the earlier unit, in the report's order), every group and the whole; the first
/// [`MISSING_SHOWN`] units in one report only, half from each date, and the names of the
/// earlier date's unmatched units for the match fixes (up to [`MATCH_CHOICES`]). The counts over all units stay
/// (`IndicatorComparison::paired`, `Comparison::missing_total`). The results table's changes
/// are asked of the worker, which compares the two dates in whole for them.
pub fn comparison_digest(c: &super::series::Comparison) -> super::series::Comparison {
    let indicators = c
        .indicators
        .iter()
        .map(|ind| {
            let mut order: Vec<usize> = (0..ind.units.len())
                .filter(|&i| ind.units.len() <= DUMBBELL_ROWS || paired(&ind.units[i]))
                .collect();
            if order.len() > DUMBBELL_ROWS {
                let rate_now = |i: usize| ind.units[i].change.rate.unwrap_or(f64::NAN);
                // The highest rates now, found without sorting every unit.
                order.select_nth_unstable_by(DUMBBELL_ROWS - 1, |&a, &b| {
                    rate_now(b).total_cmp(&rate_now(a)).then(a.cmp(&b))
                });
                order.truncate(DUMBBELL_ROWS);
                order.sort_unstable();
            }
            super::series::IndicatorComparison {
                name: ind.name.clone(),
                units: order.iter().map(|&i| ind.units[i].clone()).collect(),
                groups: ind.groups.clone(),
                total: ind.total.clone(),
                paired: ind.paired,
            }
        })
        .collect();
    super::series::Comparison {
        from: c.from,
        to: c.to,
        indicators,
        missing: missing_shown(c),
        missing_total: c.missing_total.max(c.missing.len()),
        unmatched_before: c
            .missing
            .iter()
            .filter(|m| m.present == c.from)
            .take(MATCH_CHOICES)
            .map(|m| m.unit.clone())
            .collect(),
        reform: c.reform.clone(),
    }
}

/// The units in one report only that the page lists: up to [`MISSING_SHOWN`], half of them
/// from each date when both have more (a unit of this date is matched by hand with a name of
/// the other's), in their order.
fn missing_shown(c: &super::series::Comparison) -> Vec<super::series::Missing> {
    let now = c.missing.iter().filter(|m| m.present == c.to).count();
    let before = c.missing.len() - now;
    let half = MISSING_SHOWN / 2;
    let keep_now = now.min(half.max(MISSING_SHOWN.saturating_sub(before)));
    let keep_before = before.min(MISSING_SHOWN - keep_now);
    let (mut n, mut b) = (0, 0);
    c.missing
        .iter()
        .filter(|m| {
            let (seen, keep) = if m.present == c.to {
                (&mut n, keep_now)
            } else {
                (&mut b, keep_before)
            };
            *seen += 1;
            *seen <= keep
        })
        .cloned()
        .collect()
}

/// Counts over all the units of an indicator, which the charts state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Units in all.
    pub units: usize,
    /// Units below their target (a positive gap).
    pub open: usize,
    /// Units at or past their target.
    pub reached: usize,
    /// Units a bullet can be drawn for (achieved and a positive target).
    pub bullets: usize,
    /// Units with a target and a rate (the scatter's dots before the cut).
    pub dots: usize,
}

impl Tally {
    /// The counts of a list of units.
    pub fn of(units: &[UnitResult]) -> Tally {
        let mut t = Tally {
            units: units.len(),
            ..Tally::default()
        };
        for u in units {
            match u.gap() {
                Some(g) if g > 0.0 => t.open += 1,
                Some(_) => t.reached += 1,
                None => {}
            }
            t.bullets += usize::from(bullet(u));
            t.dots += usize::from(u.target.get().is_some() && u.rate().is_some());
        }
        t
    }
}

/// A unit the bullet chart can draw.
pub fn bullet(u: &UnitResult) -> bool {
    match (u.achieved.get(), u.target.get()) {
        (Some(a), Some(t)) => a.is_finite() && t.is_finite() && t > 0.0,
        _ => false,
    }
}

/// The units any chart draws, as indices into `units`, ascending. The scatter's and the gap
/// chart's ties fall to the earlier unit, as in the charts.
pub fn drawn(ind: &IndicatorResult) -> Vec<usize> {
    let n = ind.units.len();
    let mut keep = vec![false; n];
    let order = ind.rank_order();
    // The ranking: all, or its top and bottom, and the last unit with a rate (named in the
    // chart's description).
    if order.len() <= RANK_BARS {
        order.iter().for_each(|&i| keep[i] = true);
    } else {
        let half = RANK_BARS / 2;
        order[..half].iter().for_each(|&i| keep[i] = true);
        order[order.len() - half..]
            .iter()
            .for_each(|&i| keep[i] = true);
    }
    if let Some(&i) = order.iter().rev().find(|&&i| ind.units[i].rate().is_some()) {
        keep[i] = true;
    }
    // The bullets: the first in rank order.
    order
        .iter()
        .filter(|&&i| bullet(&ind.units[i]))
        .take(BULLET_ROWS)
        .for_each(|&i| keep[i] = true);
    // The largest gaps.
    let mut gaps: Vec<(usize, f64)> = ind
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.gap().filter(|g| *g > 0.0).map(|g| (i, g)))
        .collect();
    let largest = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if gaps.len() > GAP_BARS {
        gaps.select_nth_unstable_by(GAP_BARS - 1, largest);
        gaps.truncate(GAP_BARS);
    }
    gaps.iter().for_each(|(i, _)| keep[*i] = true);
    // The scatter's dots: all, or the largest targets.
    let mut dots: Vec<(usize, f64)> = ind
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((i, u.target.get()?)).filter(|_| u.rate().is_some()))
        .collect();
    if dots.len() > SCATTER_DOTS {
        dots.select_nth_unstable_by(SCATTER_DOTS - 1, largest);
        dots.truncate(SCATTER_DOTS);
    }
    dots.iter().for_each(|(i, _)| keep[*i] = true);
    // The stacked parts: the first units with a target.
    if ind.part_names.len() >= 2 {
        ind.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.target.get().is_some_and(|t| t > 0.0))
            .take(STACK_ROWS)
            .for_each(|(i, _)| keep[i] = true);
    }
    (0..n).filter(|&i| keep[i]).collect()
}

/// The indicator with only the units at `kept` (ascending indices), its rank order in their
/// new places; everything else as it was (the totals, the rollups, the counts).
pub fn only(ind: &IndicatorResult, kept: &[usize]) -> IndicatorResult {
    let mut place = vec![usize::MAX; ind.units.len()];
    for (new, &old) in kept.iter().enumerate() {
        place[old] = new;
    }
    IndicatorResult {
        name: ind.name.clone(),
        target_name: ind.target_name.clone(),
        part_names: ind.part_names.clone(),
        units: kept.iter().map(|&i| ind.units[i].clone()).collect(),
        groups: ind.groups.clone(),
        total: ind.total.clone(),
        open: ind.open,
        order: ind
            .rank_order()
            .iter()
            .map(|&i| place[i])
            .filter(|&p| p != usize::MAX)
            .collect(),
        all: ind.all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::IndicatorResult;
    use std::sync::Arc;

    fn unit(name: &str, achieved: Option<f64>, target: Option<f64>) -> UnitResult {
        let row = crate::analysis::UnitRow {
            unit: Arc::from(name),
            parents: Arc::from(Vec::<String>::new()),
            source_row: 1,
            file: 0,
        };
        UnitResult::new(Arc::new(row), achieved, target, Box::new([]), None)
    }

    #[test]
    fn a_small_indicator_keeps_every_unit_and_counts_them() {
        let units = vec![
            unit("Ba Tri", Some(80.0), Some(100.0)),
            unit("Bình Đại", Some(120.0), Some(100.0)),
            unit("Chợ Lách", Some(50.0), None),
            unit("Giồng Trôm", Some(100.0), Some(100.0)),
        ];
        let t = Tally::of(&units);
        assert_eq!(
            t,
            Tally {
                units: 4,
                open: 1,
                reached: 2,
                bullets: 3,
                dots: 3
            }
        );
        let ind = IndicatorResult {
            name: "Kích hoạt".into(),
            target_name: String::new(),
            part_names: vec![],
            units,
            groups: vec![],
            total: Default::default(),
            open: 20.0,
            order: vec![],
            all: t,
        };
        assert_eq!(drawn(&ind), [0, 1, 2, 3]);
        // Two units kept: their rank order in their new places.
        let two = only(&ind, &[1, 3]);
        assert_eq!(two.units.len(), 2);
        assert_eq!(two.order, [0, 1]);
        assert_eq!((two.all, two.open), (t, 20.0));
    }
}
