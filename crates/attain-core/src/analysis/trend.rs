//! The trend towards the deadline: every reporting date up to the one shown, the whole's and
//! each unit's achieved and target at each, for the burn-up chart, the results table's
//! sparklines and the dates × units sheet of the exports. Units are found across dates by
//! their name key under their nearest parent's key ([`crate::text::name_key`]), as the
//! comparison of two dates finds them.

use super::series::Dated;
use super::Analysis;
use crate::dates::Date;
use crate::text::name_key;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What one line (the whole, a parent or a unit) had at one date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Achieved; none where the line has no row at that date.
    pub achieved: Option<f64>,
    /// Target.
    pub target: Option<f64>,
}

impl Point {
    /// Achieved / target, when both are known and the target is not zero.
    pub fn rate(&self) -> Option<f64> {
        match (self.achieved, self.target) {
            (Some(a), Some(t)) if t != 0.0 => Some(a / t),
            _ => None,
        }
    }
}

/// One indicator of the whole over the dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The indicator's name, as in the report shown.
    pub name: String,
    /// Its figures at each date of [`Trend::dates`].
    pub points: Vec<Point>,
}

/// The whole at every reporting date up to the one shown, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// The reporting dates, oldest first; the last is the report shown.
    pub dates: Vec<Date>,
    /// Per indicator of the report shown.
    pub whole: Vec<Line>,
}

/// Where a unit or a parent is found across dates: its name key under its nearest parent's.
fn key(parents: &[String], name: &str) -> Key {
    let parent = parents
        .iter()
        .rev()
        .find(|p| !p.is_empty())
        .map(|p| name_key(p))
        .unwrap_or_default();
    (parent, name_key(name))
}

/// A line's place across dates: its name key under its nearest parent's.
type Key = (String, String);

/// Every line's figures at every date: the whole's, each parent's and each unit's, per
/// indicator (by name).
#[derive(Clone, Debug, Default)]
pub struct History {
    /// The dates, oldest first.
    pub dates: Vec<Date>,
    whole: HashMap<String, Vec<Point>>,
    units: HashMap<String, HashMap<Key, Vec<Point>>>,
    groups: HashMap<String, HashMap<Key, Vec<Point>>>,
}

impl History {
    /// The history of `reports` (any order; each with its date), the last date the report
    /// shown.
    pub fn of(reports: &[Dated]) -> History {
        let mut reports = reports.to_vec();
        reports.sort_by_key(|r| r.as_of);
        let n = reports.len();
        let mut h = History {
            dates: reports.iter().map(|r| r.as_of).collect(),
            ..History::default()
        };
        let fresh = || vec![Point::default(); n];
        for (d, r) in reports.iter().enumerate() {
            for ind in &r.analysis.indicators {
                h.whole.entry(ind.name.clone()).or_insert_with(fresh)[d] = Point {
                    achieved: Some(ind.total.achieved),
                    target: Some(ind.total.target).filter(|t| *t != 0.0),
                };
                let units = h.units.entry(ind.name.clone()).or_default();
                for u in &ind.units {
                    units
                        .entry(key(&u.row.parents, &u.row.unit))
                        .or_insert_with(fresh)[d] = Point {
                        achieved: u.achieved.get(),
                        target: u.target.get(),
                    };
                }
                let groups = h.groups.entry(ind.name.clone()).or_default();
                for g in &ind.groups {
                    let Some((name, parents)) = g.path.split_last() else {
                        continue;
                    };
                    groups.entry(key(parents, name)).or_insert_with(fresh)[d] = Point {
                        achieved: Some(g.total.achieved),
                        target: Some(g.total.target).filter(|t| *t != 0.0),
                    };
                }
            }
        }
        h
    }

    /// The whole of every indicator of `shown` (the report at the last date).
    pub fn trend(&self, shown: &Analysis) -> Trend {
        Trend {
            dates: self.dates.clone(),
            whole: shown
                .indicators
                .iter()
                .map(|i| Line {
                    name: i.name.clone(),
                    points: self.whole.get(&i.name).cloned().unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// A unit's figures at every date.
    pub fn unit(&self, indicator: &str, parents: &[String], unit: &str) -> Option<&[Point]> {
        self.units
            .get(indicator)?
            .get(&key(parents, unit))
            .map(Vec::as_slice)
    }

    /// A parent's figures at every date (`path`: from the outermost parent down to it).
    pub fn group(&self, indicator: &str, path: &[String]) -> Option<&[Point]> {
        let (name, parents) = path.split_last()?;
        self.groups
            .get(indicator)?
            .get(&key(parents, name))
            .map(Vec::as_slice)
    }

    /// The whole of an indicator at every date.
    pub fn whole(&self, indicator: &str) -> Option<&[Point]> {
        self.whole.get(indicator).map(Vec::as_slice)
    }
}
