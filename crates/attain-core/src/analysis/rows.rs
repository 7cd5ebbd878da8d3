//! The results as the table shows them: a window of rows (units, and in the report's order the
//! rollup row of each parent above its units) sorted, searched, filtered, with groups folded,
//! and the total, each row carrying every figure the table draws: rate, gap, status, rank,
//! share of what remains, distance from the whole's rate, change since the previous date,
//! pace, and the outlook against the deadline. The page draws these rows and computes none of
//! their figures.

use super::series::{outlook, Change, Comparison, IndicatorComparison, Outlook};
use super::{rate, Analysis, IndicatorResult, Status, Thresholds, Total};
use crate::dates::Date;
use crate::text::{fold, vi_sort_key};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The column the results are sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortKey {
    /// The report's order (and its hierarchy).
    #[default]
    Source,
    /// The unit's name, in Vietnamese alphabetical order.
    Unit,
    /// What it achieved.
    Achieved,
    /// Its target.
    Target,
    /// Its rate.
    Rate,
    /// What remains.
    Gap,
    /// The change since the previous reporting date.
    Change,
}

/// What the results table asks for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultsQuery {
    /// The indicator shown.
    pub indicator: usize,
    /// The sort column.
    pub sort: SortKey,
    /// Largest first.
    pub descending: bool,
    /// Units whose name contains this, case and marks ignored ("thanh phu" finds "Thạnh Phú").
    pub search: String,
    /// Units of this status only.
    pub status: Option<Status>,
    /// Parents folded (their paths): their rows stay, what is under them goes.
    pub collapsed: Vec<Vec<String>>,
    /// The first row of the window.
    pub offset: usize,
    /// The most rows in the window.
    pub limit: usize,
}

/// What a row stands for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RowKind {
    /// A unit: its index in the indicator's units and its depth under named parents (0 when
    /// the rows are not shown as a tree).
    Unit {
        /// Index in [`IndicatorResult::units`].
        index: usize,
        /// Named parents above it in the tree.
        depth: usize,
    },
    /// A parent's rollup.
    Group {
        /// Its path, outermost first.
        path: Vec<String>,
        /// Its parent level (0 = outermost).
        level: usize,
        /// The name of its level (the parent column's header).
        level_name: String,
        /// Its units are shown.
        expanded: bool,
    },
    /// The whole.
    Total,
}

/// The change since the previous reporting date, as shown.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowChange {
    /// Achieved now minus achieved then.
    pub delta: Option<f64>,
    /// Rate now minus rate then, in percentage points.
    pub delta_pp: Option<f64>,
    /// Achieved per day between the dates.
    pub pace: Option<f64>,
}

/// One row of the results, with every figure the table shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// Unit, parent or total.
    pub kind: RowKind,
    /// The name shown.
    pub name: String,
    /// Achieved.
    pub achieved: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Achieved / target (above 1 when over-achieved); none without a target.
    pub rate: Option<f64>,
    /// Target − achieved (negative: a surplus).
    pub gap: Option<f64>,
    /// The rate against the thresholds.
    pub status: Status,
    /// Rank by rate among the units (units only).
    pub rank: Option<usize>,
    /// Share of what remains overall (surpluses count as nothing remaining).
    pub share: Option<f64>,
    /// Rate minus the whole's rate, in percentage points.
    pub distance: Option<f64>,
    /// Since the previous reporting date, when there is one.
    pub change: Option<RowChange>,
    /// Against the deadline, when there is one and an as-of date.
    pub outlook: Option<Outlook>,
    /// The file a unit comes from, in a report combined from several files.
    #[serde(default)]
    pub file: Option<String>,
    /// Its rate at every reporting date up to this one, oldest first (with three dates or
    /// more; for the sparkline).
    #[serde(default)]
    pub history: Vec<Option<f64>>,
    /// A unit's code in the register, once the session has one and found it.
    #[serde(default)]
    pub code: Option<String>,
}

/// A window of the results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsWindow {
    /// The rows from `offset`, at most `limit` of them.
    pub rows: Vec<ResultRow>,
    /// The first row's place in the whole list.
    pub offset: usize,
    /// Rows in the whole list (for the pager).
    pub total_rows: usize,
    /// Units that pass the search and the status filter.
    pub units_found: usize,
    /// A search or a status filter is on.
    pub filtering: bool,
    /// There is a previous date to compare with.
    pub compared: bool,
    /// There is a deadline and an as-of date.
    pub with_outlook: bool,
    /// The whole.
    pub total: ResultRow,
}

/// What every row needs besides its own figures.
struct Context<'a> {
    indicator: &'a IndicatorResult,
    thresholds: Thresholds,
    when: Option<(Date, Date)>,
}

impl Context<'_> {
    fn row(
        &self,
        kind: RowKind,
        name: &str,
        figures: (Option<f64>, Option<f64>),
        rank: Option<usize>,
        change: Option<&Change>,
    ) -> ResultRow {
        let (achieved, target) = figures;
        let r = rate(achieved, target);
        let gap = achieved.zip(target).map(|(a, t)| t - a);
        let open = self.indicator.open_gap();
        let share = gap
            .filter(|_| open > 0.0)
            .map(|g| g.max(0.0).min(open) / open);
        let distance = r
            .zip(self.indicator.total.rate())
            .map(|(r, whole)| (r - whole) * 100.0);
        let outlook = self.when.and_then(|(as_of, deadline)| {
            let pace = change.and_then(Change::pace);
            Some(outlook(achieved?, target?, as_of, deadline, pace))
        });
        ResultRow {
            kind,
            name: name.to_string(),
            achieved,
            target,
            rate: r,
            gap,
            status: self.thresholds.status(r),
            rank,
            share,
            distance,
            change: change.map(|c| RowChange {
                delta: c.delta(),
                delta_pp: c.delta_pp(),
                pace: c.pace(),
            }),
            outlook,
            file: None,
            history: Vec::new(),
            code: None,
        }
    }
}

/// The total or a parent's rollup as a row.
fn rollup(
    cx: &Context,
    kind: RowKind,
    name: &str,
    t: &Total,
    change: Option<&Change>,
) -> ResultRow {
    cx.row(kind, name, (Some(t.achieved), Some(t.target)), None, change)
}

fn cmp_opt(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Every row of indicator `i` in the report's order (each parent's rollup above what is under
/// it), with nothing compared, the default thresholds and no deadline: what the exports list.
pub fn all_rows(analysis: &Analysis, i: usize, total_name: &str) -> Option<ResultsWindow> {
    let query = ResultsQuery {
        indicator: i,
        limit: usize::MAX,
        ..Default::default()
    };
    results_window(
        analysis,
        None,
        Thresholds::default(),
        None,
        None,
        &query,
        total_name,
    )
}

/// The window of results `query` asks for; `None` when the indicator is not in the analysis.
/// `as_of` and `deadline` give the outlook; `comparison` the changes since the previous date.
pub fn results_window(
    analysis: &Analysis,
    comparison: Option<&Comparison>,
    thresholds: Thresholds,
    as_of: Option<Date>,
    deadline: Option<Date>,
    query: &ResultsQuery,
    total_name: &str,
) -> Option<ResultsWindow> {
    let a = analysis.indicators.get(query.indicator)?;
    let changes: Option<&IndicatorComparison> =
        comparison.and_then(|c| c.indicators.iter().find(|i| i.name == a.name));
    let unit_change = |i: usize| changes.and_then(|c| c.units.get(i)).map(|u| &u.change);
    let cx = Context {
        indicator: a,
        thresholds,
        when: as_of.zip(deadline),
    };
    let needle = fold(query.search.trim());
    let filtering = !needle.is_empty() || query.status.is_some();
    let tree = query.sort == SortKey::Source && !a.groups.is_empty() && !filtering;
    // The tree keeps the report's order: nothing to filter or sort then.
    let mut order: Vec<usize> = (0..if tree { 0 } else { a.units.len() })
        .filter(|&i| {
            let u = &a.units[i];
            (needle.is_empty() || fold(&u.unit).contains(&needle))
                && query
                    .status
                    .is_none_or(|f| thresholds.status(u.rate()) == f)
        })
        .collect();
    let sort_keys: Vec<_> = if query.sort == SortKey::Unit {
        a.units.iter().map(|u| vi_sort_key(&u.unit)).collect()
    } else {
        Vec::new()
    };
    order.sort_by(|&i, &j| {
        let (u, v) = (&a.units[i], &a.units[j]);
        let o = match query.sort {
            SortKey::Source => i.cmp(&j),
            SortKey::Unit => sort_keys[i].cmp(&sort_keys[j]),
            SortKey::Achieved => cmp_opt(u.achieved.get(), v.achieved.get()),
            SortKey::Target => cmp_opt(u.target.get(), v.target.get()),
            SortKey::Rate => cmp_opt(u.rate(), v.rate()),
            SortKey::Gap => cmp_opt(u.gap(), v.gap()),
            SortKey::Change => cmp_opt(
                unit_change(i).and_then(Change::delta),
                unit_change(j).and_then(Change::delta),
            ),
        };
        let o = if query.descending { o.reverse() } else { o };
        o.then(i.cmp(&j))
    });
    // Rows in order: in tree mode each parent's rollup, then the units right under it.
    enum Ref {
        Group(usize),
        Unit(usize),
    }
    let mut refs: Vec<Ref> = Vec::new();
    if tree {
        // Each unit under its nearest named parent, found once (not per group).
        // Units under the same parents share one list of names: a run of them is looked up
        // once.
        let mut under: std::collections::HashMap<
            &[String],
            Vec<usize>,
            std::hash::BuildHasherDefault<crate::text::HashedKey>,
        > = Default::default();
        let mut i = 0;
        while i < a.units.len() {
            let parents = &a.units[i].parents;
            let mut end = i + 1;
            while end < a.units.len() && std::sync::Arc::ptr_eq(&a.units[end].parents, parents) {
                end += 1;
            }
            let named = parents.iter().take_while(|p| !p.is_empty()).count();
            under.entry(&parents[..named]).or_default().extend(i..end);
            i = end;
        }
        let hidden = |path: &[String]| {
            (1..path.len()).any(|k| query.collapsed.iter().any(|c| c[..] == path[..k]))
        };
        for (gi, g) in a.groups.iter().enumerate() {
            if hidden(&g.path) {
                continue;
            }
            refs.push(Ref::Group(gi));
            if query.collapsed.contains(&g.path) {
                continue;
            }
            if let Some(units) = under.remove(&g.path[..]) {
                refs.extend(units.into_iter().map(Ref::Unit));
            }
        }
        if let Some(units) = under.remove(&[][..]) {
            refs.extend(units.into_iter().map(Ref::Unit));
        }
    } else {
        refs.extend(order.iter().map(|i| Ref::Unit(*i)));
    }
    // Past the end (the rows shrank under a search): the last page.
    let offset = if query.offset >= refs.len() {
        refs.len().saturating_sub(1) / query.limit.max(1) * query.limit.max(1)
    } else {
        query.offset
    };
    let rows = refs[offset..]
        .iter()
        .take(query.limit)
        .map(|r| match r {
            Ref::Unit(i) => {
                let u = &a.units[*i];
                let depth = if tree {
                    u.parents.iter().filter(|p| !p.is_empty()).count()
                } else {
                    0
                };
                let mut row = cx.row(
                    RowKind::Unit { index: *i, depth },
                    &u.unit,
                    (u.achieved.get(), u.target.get()),
                    u.rank.get().map(|r| r as usize),
                    unit_change(*i),
                );
                row.file = analysis.files.get(u.file as usize).cloned();
                row
            }
            Ref::Group(gi) => {
                let g = &a.groups[*gi];
                let change = changes
                    .and_then(|c| c.groups.iter().find(|(p, _)| *p == g.path))
                    .map(|(_, c)| c);
                let kind = RowKind::Group {
                    path: g.path.clone(),
                    level: g.level,
                    level_name: analysis
                        .parent_levels
                        .get(g.level)
                        .cloned()
                        .unwrap_or_default(),
                    expanded: !query.collapsed.contains(&g.path),
                };
                rollup(&cx, kind, g.name(), &g.total, change)
            }
        })
        .collect();
    Some(ResultsWindow {
        rows,
        offset,
        total_rows: refs.len(),
        units_found: if tree { a.units.len() } else { order.len() },
        filtering,
        compared: changes.is_some(),
        with_outlook: cx.when.is_some(),
        total: rollup(
            &cx,
            RowKind::Total,
            total_name,
            &a.total,
            changes.map(|c| &c.total),
        ),
    })
}
