//! Mapping → results. A [`Mapping`] says which column is the unit, which are its parent levels,
//! and which columns make each indicator (achieved, target, the sheet's own rate, composition
//! parts); [`analyze`] turns every body row into a unit (or a skipped row with its reason) and
//! computes, per indicator, each unit's figures, the rollup of every parent level and the whole
//! as Σachieved/Σtarget, then checks the sheet's own totals and rates ([`checks`]).
//! [`series`] compares reporting dates and looks ahead to a deadline.

pub mod checks;
pub mod combine;
pub mod drawn;
pub mod guess;
pub mod rows;
pub mod series;
pub mod targets;
pub mod trend;

use crate::table::{ColumnKind, Table, ValueRef};
use crate::text::fold;
pub use crate::vocab::is_total_label;
pub use guess::{guess_mapping, suggest, Confidence, RoleGuess, Suggestion};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// Where an indicator's target comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TargetSource {
    /// A column of the table (index).
    Column(usize),
    /// One figure for every unit, typed by the user.
    Fixed(f64),
}

/// The columns that make one indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorMapping {
    /// The indicator's name ("Thu nhận"). In the long layout, the names come from the rows.
    pub name: String,
    /// Column index of the achieved counts.
    pub achieved: usize,
    /// The target: a column (possibly shared with other indicators) or a fixed figure.
    pub target: Option<TargetSource>,
    /// The sheet's own rate column, kept only to cross-check ours.
    pub source_rate: Option<usize>,
    /// Composition: columns whose figures add up to the target (activated / in processing /
    /// not in need). Empty when the indicator has no parts.
    pub parts: Vec<usize>,
}

impl IndicatorMapping {
    /// Its count columns: achieved, the target column (if any), the other parts.
    pub fn figure_columns(&self) -> Vec<usize> {
        let mut v = vec![self.achieved];
        if let Some(TargetSource::Column(t)) = self.target {
            v.push(t);
        }
        v.extend(self.parts.iter().filter(|p| **p != self.achieved));
        v
    }
}

/// How the columns of a table map to units and indicators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// Column index of the unit names.
    pub unit: usize,
    /// Columns of the parent levels, outermost first (province > district). Any depth.
    pub parents: Vec<usize>,
    /// Long layout: the column naming the indicator of each row. `indicators` then holds one
    /// entry whose columns apply to every indicator.
    pub indicator_column: Option<usize>,
    /// The indicators (wide layout: one per column group).
    pub indicators: Vec<IndicatorMapping>,
    /// The STT column when it numbers heading rows with Roman numerals or letters ("I Huyện
    /// Thới Bình", then its communes 1, 2, 3): such a row names a parent of the rows under it
    /// (one level below the parent columns) and is not a unit.
    pub headings: Option<usize>,
}

impl Mapping {
    /// One indicator, its target in a column, no parent levels.
    pub fn simple(unit: usize, target: usize, achieved: usize) -> Mapping {
        Mapping {
            unit,
            parents: Vec::new(),
            indicator_column: None,
            headings: None,
            indicators: vec![IndicatorMapping {
                name: String::new(),
                achieved,
                target: Some(TargetSource::Column(target)),
                source_rate: None,
                parts: Vec::new(),
            }],
        }
    }

    /// The columns that make result indicator `i` (in the long layout one set serves all).
    pub fn indicator_for(&self, i: usize) -> Option<&IndicatorMapping> {
        match self.indicator_column {
            Some(_) => self.indicators.first(),
            None => self.indicators.get(i),
        }
    }

    /// Every column the mapping uses, with its role.
    pub fn roles(&self) -> Vec<(usize, Role)> {
        let mut out = vec![(self.unit, Role::Unit)];
        out.extend(self.parents.iter().map(|p| (*p, Role::Parent)));
        if let Some(c) = self.indicator_column {
            out.push((c, Role::IndicatorName));
        }
        for ind in &self.indicators {
            out.push((ind.achieved, Role::Achieved));
            if let Some(TargetSource::Column(t)) = ind.target {
                out.push((t, Role::Target));
            }
            if let Some(r) = ind.source_rate {
                out.push((r, Role::SourceRate));
            }
            out.extend(
                ind.parts
                    .iter()
                    .filter(|p| **p != ind.achieved)
                    .map(|p| (*p, Role::Part)),
            );
        }
        out
    }

    /// The role of a column (the first, if it has several).
    pub fn role_of(&self, column: usize) -> Role {
        self.roles()
            .into_iter()
            .find(|(c, _)| *c == column)
            .map(|(_, r)| r)
            .unwrap_or(Role::Ignored)
    }
}

impl Mapping {
    /// This mapping with a column given a new role, as the mapping panel does it: the column
    /// leaves its old roles; `Achieved` adds an indicator (with the current indicator's target);
    /// `Target`, `SourceRate` and `Part` apply to the indicator at `current`; `Ignored` drops
    /// the column (and an indicator whose achieved column it was).
    pub fn with_role(&self, table: &Table, column: usize, role: Role, current: usize) -> Mapping {
        let mut m = self.clone();
        let current = current.min(m.indicators.len().saturating_sub(1));
        let shared_target = m.indicators.get(current).and_then(|i| i.target);
        // Leave every old role.
        m.parents.retain(|p| *p != column);
        if m.indicator_column == Some(column) {
            m.indicator_column = None;
        }
        m.indicators
            .retain(|i| i.achieved != column || role == Role::Achieved);
        for ind in &mut m.indicators {
            if ind.target == Some(TargetSource::Column(column)) {
                ind.target = None;
            }
            if ind.source_rate == Some(column) {
                ind.source_rate = None;
            }
            ind.parts.retain(|p| *p != column);
        }
        let name = |c: usize| {
            table
                .columns
                .get(c)
                .and_then(|c| c.path.last().cloned())
                .unwrap_or_default()
        };
        let current = current.min(m.indicators.len().saturating_sub(1));
        match role {
            Role::Unit => {
                if m.unit != column {
                    m.unit = column;
                }
            }
            Role::Parent => {
                if m.unit != column {
                    m.parents.push(column);
                    m.parents.sort_unstable();
                }
            }
            Role::IndicatorName => {
                if m.unit != column {
                    m.indicator_column = Some(column);
                    m.indicators.truncate(1);
                }
            }
            Role::Achieved => {
                if !m.indicators.iter().any(|i| i.achieved == column) {
                    m.indicators.push(IndicatorMapping {
                        name: name(column),
                        achieved: column,
                        target: shared_target.filter(|t| *t != TargetSource::Column(column)),
                        source_rate: None,
                        parts: Vec::new(),
                    });
                }
            }
            Role::Target => {
                if let Some(ind) = m.indicators.get_mut(current) {
                    ind.target = Some(TargetSource::Column(column));
                }
            }
            Role::SourceRate => {
                if let Some(ind) = m.indicators.get_mut(current) {
                    ind.source_rate = Some(column);
                }
            }
            Role::Part => {
                if let Some(ind) = m.indicators.get_mut(current) {
                    if ind.parts.is_empty() {
                        ind.parts.push(ind.achieved);
                    }
                    ind.parts.push(column);
                }
            }
            Role::Ignored => {}
        }
        m
    }

    /// This mapping with the target of one indicator changed.
    pub fn with_target(&self, indicator: usize, target: Option<TargetSource>) -> Mapping {
        let mut m = self.clone();
        if let Some(ind) = m.indicators.get_mut(indicator) {
            ind.target = target;
        }
        m
    }
}

/// A mapping the user asked to remember, for the next file with the same header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// The header signature it applies to ([`header_signature`]).
    pub signature: String,
    /// The file it was made on, to show in the list.
    pub file: String,
    /// The mapping.
    pub mapping: Mapping,
}

/// What identifies a report's layout: its column headers, folded, in order. Next month's file
/// from the same office has the same signature.
pub fn header_signature(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|c| crate::text::fold(&c.name))
        .collect::<Vec<_>>()
        .join("|")
}

/// The remembered mapping for a table, when one fits it (every column it names exists and the
/// analysis accepts it).
pub fn template_for<'a>(templates: &'a [Template], table: &Table) -> Option<&'a Template> {
    let signature = header_signature(table);
    templates
        .iter()
        .find(|t| t.signature == signature)
        .filter(|t| analyze(table, &t.mapping).is_ok())
}

/// What a column is to the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// The unit's name.
    Unit,
    /// A parent level's name (district of a commune).
    Parent,
    /// Long layout: the indicator's name.
    IndicatorName,
    /// What a unit achieved.
    Achieved,
    /// Its target.
    Target,
    /// The sheet's own rate, kept to cross-check.
    SourceRate,
    /// A composition part.
    Part,
    /// Not used (STT, notes, anything else).
    Ignored,
}

/// Why a mapping cannot be applied. Worded by [`crate::report::messages::mapping_error`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MappingError {
    /// A column index outside the table.
    NoSuchColumn(usize),
    /// The same column (its name) chosen for two roles that exclude each other.
    SameColumn(String),
    /// A figure role given a column (its name) with no numbers.
    NotNumeric(String),
    /// No indicator mapped.
    NoIndicator,
}

/// In English, as [`crate::report::messages::mapping_error`] words it.
impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::report::messages::mapping_error(crate::report::Lang::En, self);
        f.write_str(&text)
    }
}

impl std::error::Error for MappingError {}

/// A unit's row of the report: its name, parents and row, one copy shared by every
/// indicator of the row (a wide layout's four indicators hold one `Arc` of it each).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    /// The unit's name as in the report.
    pub unit: Arc<str>,
    /// Its parents' names, outermost first (empty without parent levels); one copy shared
    /// by the units under the same parents.
    pub parents: Arc<[String]>,
    /// 1-based row number in the sheet.
    pub source_row: usize,
    /// The file it comes from, in a report combined from several: an index into
    /// [`Analysis::files`] (0 in a report of one file).
    #[serde(default)]
    pub file: u32,
}

/// The figures of one unit for one indicator. Its name, parents and row are its
/// [`UnitRow`]'s, read through it (`u.unit`, `u.parents`, `u.source_row`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    /// The unit's row, shared by the indicators of a wide layout.
    pub row: Arc<UnitRow>,
    /// What it achieved, when given.
    pub achieved: crate::num::Figure,
    /// Its target, when given.
    pub target: crate::num::Figure,
    /// The sheet's own rate, when mapped.
    pub source_rate: crate::num::Figure,
    /// Rank by rate, 1 = highest; ties share a rank; none without a rate.
    pub rank: Rank,
    /// The composition parts, in the order of [`IndicatorResult::part_names`].
    pub parts: Box<[Option<f64>]>,
}

// Four indicators of a million units are four million of these: on wasm32 a unit is 40 bytes
// (its row's pointer, three figures, the rank, the parts' pointer and length), 8 less than with
// an `Option<u32>` rank.
const _: () = assert!(std::mem::size_of::<usize>() != 4 || std::mem::size_of::<UnitResult>() <= 40);

/// A unit's rank by rate (1 = highest; ties share a rank), or none without a rate: 0 stands
/// for none, so that it takes 4 bytes where an `Option<u32>` takes 8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Option<u32>", into = "Option<u32>")]
pub struct Rank(u32);

impl Rank {
    /// The rank, or `None` without a rate.
    pub fn get(self) -> Option<u32> {
        (self.0 > 0).then_some(self.0)
    }
}

impl From<Option<u32>> for Rank {
    fn from(r: Option<u32>) -> Rank {
        Rank(r.unwrap_or(0))
    }
}

impl From<Rank> for Option<u32> {
    fn from(r: Rank) -> Option<u32> {
        r.get()
    }
}

impl std::ops::Deref for UnitResult {
    type Target = UnitRow;
    fn deref(&self) -> &UnitRow {
        &self.row
    }
}

impl UnitResult {
    /// A unit with its figures, unranked.
    pub fn new(
        row: Arc<UnitRow>,
        achieved: Option<f64>,
        target: Option<f64>,
        parts: Box<[Option<f64>]>,
        source_rate: Option<f64>,
    ) -> UnitResult {
        UnitResult {
            row,
            achieved: achieved.into(),
            target: target.into(),
            source_rate: source_rate.into(),
            rank: Rank::default(),
            parts,
        }
    }

    /// achieved / target; `None` when either is missing or the target is 0.
    pub fn rate(&self) -> Option<f64> {
        rate(self.achieved.get(), self.target.get())
    }

    /// Adds another unit's figures (achieved, target, parts) to this one's: two rows of one
    /// unit, or old units rolled up into the new one; the sheet's own rate no longer holds.
    pub fn add(&mut self, other: &UnitResult) {
        let add = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        };
        self.achieved = add(self.achieved.get(), other.achieved.get()).into();
        self.target = add(self.target.get(), other.target.get()).into();
        self.source_rate = None.into();
        for (k, p) in other.parts.iter().enumerate() {
            if let Some(slot) = self.parts.get_mut(k) {
                *slot = add(*slot, *p);
            }
        }
    }

    /// target − achieved (what remains; negative is a surplus); `None` when either is missing.
    pub fn gap(&self) -> Option<f64> {
        Some(self.target.get()? - self.achieved.get()?)
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

    /// Thresholds from percentages typed by the user; `None` unless 0 ≤ low ≤ high ≤ 100.
    pub fn from_percent(low: f64, high: f64) -> Option<Thresholds> {
        (low.is_finite() && high.is_finite() && 0.0 <= low && low <= high && high <= 100.0).then(
            || Thresholds {
                low: low / 100.0,
                high: high / 100.0,
            },
        )
    }
}

/// Σachieved and Σtarget over some units, and the rate of those sums.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Total {
    /// Σ achieved over the units that give it.
    pub achieved: f64,
    /// Σ target over the units that give it.
    pub target: f64,
    /// Σ of each composition part.
    pub parts: Vec<f64>,
    /// How many units it covers.
    pub units: usize,
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

    fn add(&mut self, u: &UnitResult) {
        self.achieved += u.achieved.get().unwrap_or(0.0);
        self.target += u.target.get().unwrap_or(0.0);
        if self.parts.len() < u.parts.len() {
            self.parts.resize(u.parts.len(), 0.0);
        }
        for (s, p) in self.parts.iter_mut().zip(&u.parts) {
            *s += p.unwrap_or(0.0);
        }
        self.units += 1;
    }
}

/// The rollup of one parent (a district, with every commune under it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The parent level: 0 is the outermost parent column.
    pub level: usize,
    /// The names from the outermost parent down to this one.
    pub path: Vec<String>,
    /// Σ over every unit under it.
    pub total: Total,
}

impl Group {
    /// The parent's own name.
    pub fn name(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }
}

/// Every result of one indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// The indicator's name.
    pub name: String,
    /// Where its target comes from, for display ("Chỉ tiêu được giao", or the fixed figure).
    pub target_name: String,
    /// The names of the composition parts.
    pub part_names: Vec<String>,
    /// The units in source order.
    pub units: Vec<UnitResult>,
    /// The rollups of every parent level, in tree order (a parent before its children).
    pub groups: Vec<Group>,
    /// The whole.
    pub total: Total,
    /// What remains over the units below their target (surpluses do not offset it): the
    /// denominator of every unit's share of the gap, kept so that a share costs nothing.
    pub open: f64,
    /// Indices into `units` in rank order (see [`IndicatorResult::ranked`]), kept from the
    /// ranking: every chart and the summary need it, and a million units cost a sort each.
    pub order: Vec<usize>,
    /// Counts over all its units, which the charts state (the page holds only the units
    /// they draw: [`drawn`]).
    #[serde(default)]
    pub all: drawn::Tally,
}

/// What remains over the units below their target.
fn open_gap_of(units: &[UnitResult]) -> f64 {
    units
        .iter()
        .filter_map(UnitResult::gap)
        .filter(|g| *g > 0.0)
        .sum()
}

impl IndicatorResult {
    /// An indicator's results from its units (in source order): their ranks, the rollups of
    /// `levels` parent levels, the whole.
    pub fn of_units(
        name: String,
        target_name: String,
        part_names: Vec<String>,
        mut units: Vec<UnitResult>,
        levels: usize,
    ) -> IndicatorResult {
        let order = rank_units(&mut units);
        let mut total = Total {
            parts: vec![0.0; part_names.len()],
            ..Total::default()
        };
        for u in &units {
            total.add(u);
        }
        let groups = rollups(&units, levels, part_names.len());
        IndicatorResult {
            open: open_gap_of(&units),
            all: drawn::Tally::of(&units),
            target_name,
            part_names,
            name,
            units,
            groups,
            total,
            order,
        }
    }

    /// Indices into `units`, ranked by rate, highest first; units without a rate last, in
    /// source order.
    pub fn ranked(&self) -> Vec<usize> {
        self.rank_order().into_owned()
    }

    /// [`IndicatorResult::ranked`] without a copy when the order is at hand (a million units
    /// drawn as their top and bottom need not be copied first).
    pub fn rank_order(&self) -> std::borrow::Cow<'_, [usize]> {
        if self.order.len() == self.units.len() {
            return std::borrow::Cow::Borrowed(&self.order);
        }
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by(|a, b| {
            let (ra, rb) = (self.units[*a].rate(), self.units[*b].rate());
            match (ra, rb) {
                (Some(x), Some(y)) => y.total_cmp(&x).then(a.cmp(b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(b),
            }
        });
        std::borrow::Cow::Owned(order)
    }

    /// The sum of what remains over the units that still have a gap (surpluses do not offset
    /// other units' gaps).
    pub fn open_gap(&self) -> f64 {
        self.open
    }

    /// A unit's share of what remains overall (0 for a unit that reached its target).
    pub fn share_of_gap(&self, unit: &UnitResult) -> Option<f64> {
        let open = self.open;
        let g = unit.gap()?;
        (open > 0.0).then(|| g.max(0.0) / open)
    }

    /// A unit's distance from the whole's rate, in percentage points.
    pub fn distance_pp(&self, unit: &UnitResult) -> Option<f64> {
        Some((unit.rate()? - self.total.rate()?) * 100.0)
    }

    /// The units under a group (or all units for an empty path).
    pub fn units_under<'a>(&'a self, path: &'a [String]) -> impl Iterator<Item = &'a UnitResult> {
        self.units
            .iter()
            .filter(move |u| u.parents.len() >= path.len() && u.parents[..path.len()] == *path)
    }

    /// The same results with units of the same name (under the same parents) merged into one:
    /// their figures added, the first row kept.
    pub fn merged(&self) -> IndicatorResult {
        let mut out = IndicatorResult {
            units: Vec::new(),
            ..self.clone()
        };
        let mut seen: HashMap<(Vec<String>, String), usize> = HashMap::new();
        for u in &self.units {
            let key = (u.parents.iter().map(|p| fold(p)).collect(), fold(&u.unit));
            match seen.get(&key) {
                Some(&i) => out.units[i].add(u),
                None => {
                    seen.insert(key, out.units.len());
                    out.units.push(u.clone());
                }
            }
        }
        out.order = rank_units(&mut out.units);
        out.open = open_gap_of(&out.units);
        out.all = drawn::Tally::of(&out.units);
        out
    }
}

/// Why a body row is not counted as a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// A totals or subtotal row of the report ("Tổng cộng", "Toàn tỉnh", "Cộng").
    TotalsRow(String),
    /// Figures but no unit name.
    NoUnitName,
    /// A label but no figure in any mapped column (a heading, a note, a signature).
    NoFigures(String),
    /// A heading row (STT "I", "II"): a parent of the rows under it, its figures checked as
    /// a subtotal.
    Heading(String),
}

/// A body row that is not a unit, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// 1-based row number in the sheet.
    pub source_row: usize,
    /// Why it was set aside.
    pub reason: SkipReason,
    /// The file it comes from, in a report combined from several ([`Analysis::files`]).
    #[serde(default)]
    pub file: u32,
}

/// A warning about the data, shown beside the results. Messages: [`crate::report::messages`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Warning {
    /// A unit without a target, or with a target of 0: its rate is undefined.
    NoTarget {
        /// The indicator.
        indicator: String,
        /// The unit.
        unit: String,
        /// 1-based row number.
        source_row: usize,
    },
    /// A cell of a figure column that is not a number.
    Unreadable {
        /// The unit.
        unit: String,
        /// The cell ("D12").
        cell: String,
        /// The column's header.
        column: String,
        /// The text found.
        text: String,
    },
    /// A negative count.
    Negative {
        /// The unit.
        unit: String,
        /// The cell.
        cell: String,
        /// The figure.
        value: f64,
    },
    /// Achieved far above target: more than [`checks::FAR_ABOVE`] times, likely a typo.
    FarAbove {
        /// The indicator.
        indicator: String,
        /// The unit.
        unit: String,
        /// 1-based row number.
        source_row: usize,
        /// Our rate.
        rate: f64,
    },
    /// The same unit name more than once under the same parent.
    Duplicate {
        /// The name.
        unit: String,
        /// Its rows.
        rows: Vec<usize>,
    },
    /// A totals or subtotal cell of the sheet that disagrees with the sum of its units.
    TotalMismatch {
        /// The row's label ("Cộng huyện Trần Văn Thời").
        label: String,
        /// The cell ("E27").
        cell: String,
        /// The column's header.
        column: String,
        /// What the sheet states.
        stated: f64,
        /// What its units add up to.
        computed: f64,
    },
    /// A rate cell of the sheet that disagrees with achieved / target beyond its rounding.
    RateMismatch {
        /// The unit or totals label.
        unit: String,
        /// The cell.
        cell: String,
        /// The sheet's rate (fraction).
        stated: f64,
        /// Ours (fraction).
        computed: f64,
    },
    /// Composition parts that do not add up to the target.
    PartsMismatch {
        /// The indicator.
        indicator: String,
        /// The unit.
        unit: String,
        /// 1-based row number.
        source_row: usize,
        /// Σ parts.
        parts: f64,
        /// The target.
        target: f64,
    },
    /// A totals row whose scope could not be found (neither the whole nor a mapped parent).
    UncheckedTotal {
        /// The row's label.
        label: String,
        /// 1-based row number.
        source_row: usize,
    },
    /// A warning about one file of a report combined from several.
    InFile {
        /// The file.
        file: String,
        /// The warning, as that file's own analysis gave it.
        warning: Box<Warning>,
    },
    /// The same unit (its name under the same parents) in several files of one report: each
    /// row counts, and the user leaves a file out when it was sent twice.
    SameUnitInFiles {
        /// The unit's name, as the first file writes it.
        unit: String,
        /// Its parents, outermost first.
        parents: Vec<String>,
        /// The files, in the order of the report.
        files: Vec<String>,
        /// What each file gives as achieved, for the first indicator, when the figures differ;
        /// empty when they agree.
        achieved: Vec<Option<f64>>,
    },
    /// A file's indicator counted as an indicator of another name in the other files ("Số hồ
    /// sơ đã thu nhận" as "Thu nhận"): shown so that the user can check it.
    IndicatorMatched {
        /// The file.
        file: String,
        /// Its indicator's name.
        name: String,
        /// The name it is counted under.
        as_name: String,
    },
}

/// A unit that was expected in the report (it has a target, or it was in the report of an
/// earlier date) and has no row in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreported {
    /// Its name, as the list it was expected from writes it.
    pub unit: String,
    /// Its parents, outermost first.
    pub parents: Vec<String>,
}

/// Every result of one mapping applied to one table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The unit column's header ("Đơn vị", "Xã, phường, thị trấn").
    pub unit_level: String,
    /// The parent columns' headers, outermost first ("Huyện").
    pub parent_levels: Vec<String>,
    /// One result per indicator, in the mapping's order (long layout: order of appearance).
    pub indicators: Vec<IndicatorResult>,
    /// Body rows that are not units.
    pub skipped: Vec<SkippedRow>,
    /// Things the user should look at.
    pub warnings: Vec<Warning>,
    /// The label of the sheet's grand totals row, when it has one ("Toàn tỉnh", "Tổng cộng").
    pub whole_label: Option<String>,
    /// The files of a report combined from several, in order ([`UnitRow::file`] indexes
    /// them); empty for a report of one file.
    #[serde(default)]
    pub files: Vec<String>,
    /// The units expected and missing (from the targets' list): who has not reported.
    #[serde(default)]
    pub unreported: Vec<Unreported>,
}

impl Analysis {
    /// The first indicator (the one a single-indicator report has).
    pub fn primary(&self) -> Option<&IndicatorResult> {
        self.indicators.first()
    }
}

/// Competition ranking by rate: 1, 2, 2, 4. Units without a rate get none.
/// Gives each unit with a rate its rank (equal rates share one) and returns the units in rank
/// order: highest rate first, equal rates and then the units without a rate in source order.
fn rank_units(units: &mut [UnitResult]) -> Vec<usize> {
    // Each rate as a key that sorts ascending as the rates sort descending, with its unit's
    // index: equal rates keep their source order.
    let mut keyed: Vec<(u64, u32)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((descending_key(u.rate()?), u32::try_from(i).ok()?)))
        .collect();
    sort_keyed(&mut keyed);
    // Ranks in rank order, each written to its unit's place in a list of ranks (0: none),
    // then to the units in their order: the rates come back from the keys, and a million
    // units are never read or written in random order.
    let mut rank_of = vec![0u32; units.len()];
    let mut prev: Option<(f64, u32)> = None;
    for (pos, (key, i)) in keyed.iter().enumerate() {
        let r = rate_of_key(*key);
        let rank = match prev {
            Some((pr, rank)) if (pr - r).abs() <= 1e-12 => rank,
            _ => u32::try_from(pos + 1).unwrap_or(u32::MAX),
        };
        rank_of[*i as usize] = rank;
        prev = Some((r, rank));
    }
    for (u, r) in units.iter_mut().zip(&rank_of) {
        u.rank = Rank(*r);
    }
    let mut order: Vec<usize> = keyed.iter().map(|(_, i)| *i as usize).collect();
    order.extend((0..units.len()).filter(|i| rank_of[*i] == 0));
    order
}

/// The rate a [`descending_key`] was made from.
fn rate_of_key(key: u64) -> f64 {
    let ascending = !key;
    f64::from_bits(if ascending >> 63 == 1 {
        ascending & !(1 << 63)
    } else {
        !ascending
    })
}

/// A rate as a key whose ascending order is the rates' descending order (`f64::total_cmp`).
fn descending_key(rate: f64) -> u64 {
    let bits = rate.to_bits();
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    !ascending
}

/// A value worked out once for each run of units under the same parents: the units of one
/// parent share one list of parents, so the list's address tells a run (and a pass over a
/// million units makes a few thousand values, not a million). `K` adds to the address what
/// else the value depends on.
pub(crate) struct PerParents<K, T> {
    last: Option<(K, *const String, T)>,
}

impl<K: PartialEq, T> PerParents<K, T> {
    pub(crate) fn new() -> Self {
        PerParents { last: None }
    }

    /// The value for these parents (and `key`), made by `make` when the run changes.
    pub(crate) fn get(
        &mut self,
        key: K,
        parents: &Arc<[String]>,
        make: impl FnOnce(&[String]) -> T,
    ) -> &T {
        let at = Arc::as_ptr(parents) as *const String;
        if !matches!(&self.last, Some((k, p, _)) if *k == key && *p == at) {
            self.last = None;
        }
        &self.last.get_or_insert_with(|| (key, at, make(parents))).2
    }
}

/// Sorts keys with their indices (unique, so the order is the same whatever the method): a
/// radix sort a byte at a time for many (a million units sorted with comparisons took a
/// tenth of a second per indicator in WebAssembly), comparisons for few.
pub(crate) fn sort_keyed(v: &mut Vec<(u64, u32)>) {
    if v.len() < 1 << 12 {
        v.sort_unstable();
        return;
    }
    let mut out = vec![(0u64, 0u32); v.len()];
    for shift in (0..64).step_by(8) {
        let mut counts = [0usize; 256];
        for (k, _) in v.iter() {
            counts[((k >> shift) & 0xFF) as usize] += 1;
        }
        // Every key has this byte: nothing moves.
        if counts.contains(&v.len()) {
            continue;
        }
        let mut at = [0usize; 256];
        let mut sum = 0;
        for (a, c) in at.iter_mut().zip(counts) {
            *a = sum;
            sum += c;
        }
        // Stable: keys equal so far keep their order.
        for &e in v.iter() {
            let d = ((e.0 >> shift) & 0xFF) as usize;
            out[at[d]] = e;
            at[d] += 1;
        }
        std::mem::swap(v, &mut out);
    }
}

/// The cell name of a column and row: "D12".
pub fn cell_ref(table: &Table, column: usize, source_row: usize) -> String {
    let index = table.columns.get(column).map(|c| c.index).unwrap_or(column);
    format!("{}{}", crate::table::column_letter(index), source_row)
}

fn validate(table: &Table, mapping: &Mapping) -> Result<(), MappingError> {
    let column = |i: usize| table.columns.get(i).ok_or(MappingError::NoSuchColumn(i));
    if mapping.indicators.is_empty() {
        return Err(MappingError::NoIndicator);
    }
    let mut labels = vec![mapping.unit];
    labels.extend(&mapping.parents);
    labels.extend(mapping.indicator_column);
    for &l in &labels {
        column(l)?;
    }
    for (i, a) in labels.iter().enumerate() {
        if labels[i + 1..].contains(a) {
            return Err(MappingError::SameColumn(column(*a)?.name.clone()));
        }
    }
    let numeric = |i: usize| -> Result<(), MappingError> {
        let c = column(i)?;
        if labels.contains(&i) {
            return Err(MappingError::SameColumn(c.name.clone()));
        }
        match c.kind {
            ColumnKind::Number | ColumnKind::Percent => Ok(()),
            _ => Err(MappingError::NotNumeric(c.name.clone())),
        }
    };
    for ind in &mapping.indicators {
        numeric(ind.achieved)?;
        if let Some(TargetSource::Column(t)) = ind.target {
            numeric(t)?;
            if t == ind.achieved {
                return Err(MappingError::SameColumn(column(t)?.name.clone()));
            }
        }
        if let Some(r) = ind.source_rate {
            numeric(r)?;
        }
        for p in &ind.parts {
            numeric(*p)?;
        }
    }
    Ok(())
}

/// An indicator as applied: its name and columns.
struct Applied<'a> {
    name: String,
    map: &'a IndicatorMapping,
    units: Vec<UnitResult>,
}

/// Applies a mapping: every body row becomes a unit (of one indicator in the long layout, of
/// every indicator in the wide one) or a skipped row with its reason; then rollups and checks.
pub fn analyze(table: &Table, mapping: &Mapping) -> Result<Analysis, MappingError> {
    validate(table, mapping)?;
    let col_name = |i: usize| {
        table
            .columns
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let mut applied: Vec<Applied> = if mapping.indicator_column.is_some() {
        Vec::new()
    } else {
        mapping
            .indicators
            .iter()
            .map(|m| Applied {
                name: if m.name.trim().is_empty() {
                    col_name(m.achieved)
                } else {
                    m.name.clone()
                },
                map: m,
                units: Vec::with_capacity(table.body.len()),
            })
            .collect()
    };
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    // A cell shared by several indicators (one target column) is warned about once.
    let mut warned: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let targets: Vec<usize> = mapping
        .indicators
        .iter()
        .flat_map(IndicatorMapping::figure_columns)
        .collect();
    // Parents of merged cells are written once over their children: carry them down. Heading
    // rows add one level under the parent columns.
    let levels = mapping.parents.len() + usize::from(mapping.headings.is_some());
    let mut parents_above: Vec<String> = vec![String::new(); levels];
    let mut shared_parents: Arc<[String]> = Arc::from(parents_above.as_slice());
    let mut heading_rows: Vec<(usize, Vec<String>)> = Vec::new();
    let body = &table.body;
    for row_index in 0..body.len() {
        let source_row = body.source_row(row_index);
        let get = |i: usize| body.get(row_index, i);
        let label = get(mapping.unit).label();
        let label = label.trim();
        if let Some(h) = mapping.headings {
            if let ValueRef::Text(mark) = get(h) {
                if crate::vocab::is_heading_mark(mark) && !label.is_empty() {
                    let k = levels - 1;
                    parents_above[k] = label.to_string();
                    heading_rows.push((row_index, parents_above.clone()));
                    skipped.push(SkippedRow {
                        source_row,
                        reason: SkipReason::Heading(label.to_string()),
                        file: 0,
                    });
                    continue;
                }
            }
        }
        for (k, p) in mapping.parents.iter().enumerate() {
            let v = get(*p).label();
            let v = v.trim();
            // Most rows repeat the parent of the row above: nothing is copied then.
            if !v.is_empty() && parents_above[k] != v {
                // A new parent resets the levels under it.
                for below in parents_above.iter_mut().skip(k + 1) {
                    below.clear();
                }
                parents_above[k] = v.to_string();
            }
        }
        let skip = |reason| SkippedRow {
            source_row,
            reason,
            file: 0,
        };
        let has_figures = targets.iter().any(|c| get(*c) != ValueRef::Empty);
        if label.is_empty() {
            if has_figures {
                skipped.push(skip(SkipReason::NoUnitName));
            } else {
                skipped.push(skip(SkipReason::NoFigures(String::new())));
            }
            continue;
        }
        if is_total_label(label) {
            skipped.push(skip(SkipReason::TotalsRow(label.to_string())));
            continue;
        }
        if !has_figures {
            skipped.push(skip(SkipReason::NoFigures(label.to_string())));
            continue;
        }
        let index = match mapping.indicator_column {
            Some(c) => {
                let name = get(c).label();
                let name = name.trim();
                match applied.iter().position(|a| a.name == name) {
                    Some(i) => i,
                    None => {
                        applied.push(Applied {
                            name: name.to_string(),
                            map: &mapping.indicators[0],
                            units: Vec::new(),
                        });
                        applied.len() - 1
                    }
                }
            }
            None => usize::MAX,
        };
        let range = if index == usize::MAX {
            0..applied.len()
        } else {
            index..index + 1
        };
        // One copy of the name for the row's indicators, one of the parents for the rows under
        // the same parents.
        let unit: Arc<str> = match body.text_arc(row_index, mapping.unit) {
            // The table's own copy, when the name is its text as it stands.
            Some(name) if name.len() == label.len() => name.clone(),
            _ => Arc::from(label),
        };
        if *shared_parents != *parents_above {
            shared_parents = Arc::from(parents_above.as_slice());
        }
        let unit_row = Arc::new(UnitRow {
            unit,
            parents: shared_parents.clone(),
            source_row,
            file: 0,
        });
        for a in &mut applied[range] {
            let m = a.map;
            let mut figure = |c: usize, warnings: &mut Vec<Warning>| -> Option<f64> {
                match get(c) {
                    ValueRef::Number(n) => {
                        if n < 0.0 && warned.insert((c, source_row)) {
                            warnings.push(Warning::Negative {
                                unit: label.to_string(),
                                cell: cell_ref(table, c, source_row),
                                value: n,
                            });
                        }
                        Some(n)
                    }
                    ValueRef::Text(t) => {
                        if !warned.insert((c, source_row)) {
                            return None;
                        }
                        warnings.push(Warning::Unreadable {
                            unit: label.to_string(),
                            cell: cell_ref(table, c, source_row),
                            column: col_name(c),
                            text: t.to_string(),
                        });
                        None
                    }
                    ValueRef::Empty => None,
                }
            };
            let achieved = figure(m.achieved, &mut warnings);
            let target = match m.target {
                Some(TargetSource::Column(t)) => figure(t, &mut warnings),
                Some(TargetSource::Fixed(f)) => Some(f),
                None => None,
            };
            let parts = m
                .parts
                .iter()
                .map(|p| {
                    if *p == m.achieved {
                        achieved
                    } else {
                        figure(*p, &mut warnings)
                    }
                })
                .collect();
            let source_rate = m.source_rate.and_then(|r| get(r).number());
            a.units.push(UnitResult::new(
                unit_row.clone(),
                achieved,
                target,
                parts,
                source_rate,
            ));
        }
    }
    let mut indicators: Vec<IndicatorResult> = applied
        .into_iter()
        .map(|a| {
            let target_name = match a.map.target {
                Some(TargetSource::Column(t)) => col_name(t),
                Some(TargetSource::Fixed(f)) => crate::report::format::plain_number(f),
                None => String::new(),
            };
            let part_names = a.map.parts.iter().map(|p| col_name(*p)).collect();
            IndicatorResult::of_units(a.name, target_name, part_names, a.units, levels)
        })
        .collect();
    indicators.retain(|i| !i.units.is_empty() || mapping.indicator_column.is_none());
    let mut parent_levels: Vec<String> = mapping.parents.iter().map(|p| col_name(*p)).collect();
    if mapping.headings.is_some() {
        parent_levels.push(heading_level_name(&heading_rows));
    }
    let mut analysis = Analysis {
        unit_level: col_name(mapping.unit),
        parent_levels,
        indicators,
        skipped,
        warnings,
        whole_label: None,
        files: Vec::new(),
        unreported: Vec::new(),
    };
    checks::run(table, mapping, &mut analysis, &heading_rows);
    Ok(analysis)
}

/// What the heading rows are: their common first word when it is an administrative level
/// ("Huyện Thới Bình" → "Huyện"), else "Nhóm" (group).
fn heading_level_name(headings: &[(usize, Vec<String>)]) -> String {
    const LEVELS: &[&str] = &[
        "Tỉnh",
        "Thành phố",
        "Huyện",
        "Quận",
        "Thị xã",
        "Xã",
        "Phường",
        "Thị trấn",
    ];
    let first = |name: &str| {
        LEVELS
            .iter()
            .find(|l| crate::text::fold(name).starts_with(&crate::text::fold(l)))
            .copied()
    };
    let names: Vec<Option<&str>> = headings
        .iter()
        .map(|(_, p)| p.last().map(String::as_str).and_then(first))
        .collect();
    match names.first() {
        Some(Some(l)) if names.iter().all(|n| n == &Some(*l)) => l.to_string(),
        _ => "Nhóm".to_string(),
    }
}

/// Σ per parent at every level, a parent before the parents under it, in order of appearance.
fn rollups(units: &[UnitResult], levels: usize, parts: usize) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<Vec<String>, usize, BuildHasherDefault<crate::text::HashedKey>> =
        HashMap::default();
    // The groups of the unit before: the units under the same parents share one copy of
    // them, and most follow one another, so their groups are not looked up again.
    let mut last: Option<(&Arc<[String]>, Vec<usize>)> = None;
    for u in units {
        if let Some((parents, found)) = &last {
            if Arc::ptr_eq(parents, &u.parents) {
                for &i in found {
                    groups[i].total.add(u);
                }
                continue;
            }
        }
        let mut found = Vec::with_capacity(levels);
        for level in 0..levels.min(u.parents.len()) {
            let path = &u.parents[..=level];
            if path.last().is_some_and(|p| p.is_empty()) {
                break;
            }
            // Looked up by the unit's own names: a path is copied once, for a new parent.
            let i = match index.get(path) {
                Some(i) => *i,
                None => {
                    groups.push(Group {
                        level,
                        path: path.to_vec(),
                        total: Total {
                            parts: vec![0.0; parts],
                            ..Total::default()
                        },
                    });
                    index.insert(path.to_vec(), groups.len() - 1);
                    groups.len() - 1
                }
            };
            groups[i].total.add(u);
            found.push(i);
        }
        last = Some((&u.parents, found));
    }
    // Tree order: sort by the position of each ancestor's first appearance.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_cached_key(|&g| {
        let p = &groups[g].path;
        (1..=p.len())
            .map(|k| index.get(&p[..k]).copied().unwrap_or(0))
            .collect::<Vec<_>>()
    });
    order.into_iter().map(|g| groups[g].clone()).collect()
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
        assert_eq!(Thresholds::from_percent(80.0, 50.0), None);
        assert_eq!(
            Thresholds::from_percent(40.0, 90.0),
            Some(Thresholds {
                low: 0.4,
                high: 0.9
            })
        );
    }

    #[test]
    fn rate_is_undefined_without_a_target() {
        assert_eq!(rate(Some(5.0), Some(0.0)), None);
        assert_eq!(rate(Some(5.0), None), None);
        assert_eq!(rate(None, Some(5.0)), None);
        assert_eq!(rate(Some(0.0), Some(0.0)), None);
        assert_eq!(rate(Some(3.0), Some(4.0)), Some(0.75));
    }

    fn unit(name: &str, achieved: f64, target: f64) -> UnitResult {
        let row = UnitRow {
            unit: name.into(),
            parents: Arc::from(Vec::new()),
            source_row: 1,
            file: 0,
        };
        UnitResult::new(
            Arc::new(row),
            Some(achieved),
            Some(target),
            Box::new([]),
            None,
        )
    }

    #[test]
    fn roles_move_between_columns() {
        let wb =
            crate::read_workbook(crate::sample::FILE_NAME, crate::sample::CSV.as_bytes()).unwrap();
        let t = Table::from_sheet(&wb.sheets[0]).unwrap();
        let m = guess::guess_mapping(&t).unwrap();
        assert_eq!(m.indicators.len(), 2);
        // Dropping "Kích hoạt" leaves one indicator; adding it back shares the target.
        let one = m.with_role(&t, 4, Role::Ignored, 0);
        assert_eq!(one.indicators.len(), 1);
        let two = one.with_role(&t, 4, Role::Achieved, 0);
        assert_eq!(two.indicators[1].target, Some(TargetSource::Column(2)));
        assert_eq!(two.indicators[1].name, "Kích hoạt");
        // A fixed target typed by the user.
        let fixed = two.with_target(1, Some(TargetSource::Fixed(100_000.0)));
        let a = analyze(&t, &fixed).unwrap();
        assert_eq!(a.indicators[1].total.target, 900_000.0);
        // The target column made an achieved one: it leaves the target role.
        let swapped = m.with_role(&t, 2, Role::Achieved, 0);
        assert_eq!(swapped.indicators[0].target, None);
        assert!(analyze(&t, &swapped).is_ok());
        assert_eq!(m.role_of(1), Role::Unit);
        assert_eq!(m.role_of(0), Role::Ignored);
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// The radix sort gives the order of the comparisons: rates descending, equal rates
        /// in source order, negative rates and many ties included.
        #[test]
        fn keys_sort_as_the_rates_do(
            rates in proptest::collection::vec(
                prop_oneof![
                    (-3i32..40).prop_map(|x| f64::from(x) / 8.0),
                    -1e6f64..1e6,
                    Just(0.0f64),
                    Just(-0.0f64),
                ],
                0..6000,
            )
        ) {
            let mut keyed: Vec<(u64, u32)> =
                rates.iter().enumerate().map(|(i, r)| (descending_key(*r), i as u32)).collect();
            for ((key, _), r) in keyed.iter().zip(&rates) {
                prop_assert_eq!(rate_of_key(*key).to_bits(), r.to_bits());
            }
            sort_keyed(&mut keyed);
            let mut want: Vec<(usize, f64)> = rates.iter().copied().enumerate().collect();
            want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let got: Vec<usize> = keyed.iter().map(|(_, i)| *i as usize).collect();
            let want: Vec<usize> = want.iter().map(|(i, _)| *i).collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn ties_share_a_rank() {
        let mut u = vec![
            unit("a", 1.0, 2.0),
            unit("b", 3.0, 4.0),
            unit("c", 2.0, 4.0),
            unit("d", 1.0, 0.0),
            unit("e", 1.0, 10.0),
        ];
        let order = rank_units(&mut u);
        let ranks: Vec<Option<u32>> = u.iter().map(|u| u.rank.get()).collect();
        assert_eq!(ranks, vec![Some(2), Some(1), Some(2), None, Some(4)]);
        // Rank order: ties in source order, the unit without a rate last.
        assert_eq!(order, vec![1, 0, 2, 4, 3]);
    }
}
