//! Checks against the source and of the data itself: the sheet's totals and subtotal rows
//! against our sums, the sheet's rate columns against our rates (allowing for its rounding),
//! composition parts against the target, duplicates, negative counts, missing or zero targets
//! and achieved figures so far above target that they are likely typos.

use super::{
    cell_ref, Analysis, IndicatorResult, Mapping, TargetSource, Total, UnitResult, Warning,
};
use crate::table::{Row, Table, Value};
use crate::text::name_key;
use crate::vocab::total_scope;

/// Achieved above this many times the target is flagged as a likely typo (over 100% itself is
/// normal: 191,03% was published).
pub const FAR_ABOVE: f64 = 3.0;

/// A count of the sheet agrees with ours within half a unit.
fn count_agrees(stated: f64, computed: f64) -> bool {
    (stated - computed).abs() <= 0.5 + 1e-9 * computed.abs()
}

/// A rate of the sheet agrees with ours when they differ by less than the sheet's rounding:
/// a rate shown as 67,2% covers 67,15% to 67,25%; an unrounded one must agree closely.
pub fn rate_agrees(stated: f64, computed: f64) -> bool {
    let (p, c) = (stated * 100.0, computed * 100.0);
    let mut tolerance = 1e-4;
    for decimals in 0..=4 {
        let m = 10f64.powi(decimals);
        if ((p * m).round() - p * m).abs() < 1e-6 {
            tolerance = 0.5 / m + 1e-9;
            break;
        }
    }
    (p - c).abs() <= tolerance
}

/// Runs every check and appends the warnings to the analysis. `headings`: the heading rows
/// (index into the table's rows, and the parent path they name), checked as subtotals.
pub fn run(
    table: &Table,
    mapping: &Mapping,
    analysis: &mut Analysis,
    headings: &[(usize, Vec<String>)],
) {
    let mut warnings = Vec::new();
    for (k, ind) in analysis.indicators.iter().enumerate() {
        let Some(map) = mapping.indicator_for(k) else {
            continue;
        };
        // An indicator without any target (an office's report, its targets in another file)
        // is not warned about unit by unit.
        let has_target = map.target.is_some();
        for u in &ind.units {
            unit_checks(table, ind, map.source_rate, has_target, u, &mut warnings);
        }
    }
    duplicates(analysis, mapping.indicator_column.is_some(), &mut warnings);
    let mut totals = Vec::new();
    analysis.whole_label = totals_rows(table, mapping, analysis, &mut totals);
    warnings.extend(totals);
    // A heading row's figures are its group's subtotal.
    for (index, path) in headings {
        if *index >= table.body.len() {
            continue;
        }
        let row = &table.body.row(*index);
        let label = path.last().cloned().unwrap_or_default();
        for (i, ind) in analysis.indicators.iter().enumerate() {
            let Some(map) = mapping.indicator_for(i) else {
                continue;
            };
            let columns = map.figure_columns();
            if let Some(sums) = sums_of(ind, &Scope::Group(path.clone())) {
                for w in compare(table, row, &label, map, &columns, &sums) {
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
            }
        }
    }
    analysis.warnings.extend(warnings);
}

fn unit_checks(
    table: &Table,
    ind: &IndicatorResult,
    rate_column: Option<usize>,
    has_target: bool,
    u: &UnitResult,
    warnings: &mut Vec<Warning>,
) {
    if has_target && u.target.get().unwrap_or(0.0) == 0.0 {
        warnings.push(Warning::NoTarget {
            indicator: ind.name.clone(),
            unit: u.unit.to_string(),
            source_row: u.source_row,
        });
    }
    if let Some(r) = u.rate().filter(|r| *r > FAR_ABOVE) {
        warnings.push(Warning::FarAbove {
            indicator: ind.name.clone(),
            unit: u.unit.to_string(),
            source_row: u.source_row,
            rate: r,
        });
    }
    if !u.parts.is_empty() {
        if let Some(t) = u.target.get() {
            let sum: f64 = u.parts.iter().map(|p| p.unwrap_or(0.0)).sum();
            if !count_agrees(sum, t) {
                warnings.push(Warning::PartsMismatch {
                    indicator: ind.name.clone(),
                    unit: u.unit.to_string(),
                    source_row: u.source_row,
                    parts: sum,
                    target: t,
                });
            }
        }
    }
    if let (Some(stated), Some(ours), Some(col)) = (u.source_rate.get(), u.rate(), rate_column) {
        if !rate_agrees(stated, ours) {
            warnings.push(Warning::RateMismatch {
                unit: u.unit.to_string(),
                cell: cell_ref(table, col, u.source_row),
                stated,
                computed: ours,
            });
        }
    }
}

fn duplicates(analysis: &Analysis, long: bool, warnings: &mut Vec<Warning>) {
    // The same units are in every indicator of a wide layout (one look is enough); in a long
    // one each indicator has its own rows. Names compare in lower case (they are NFC already).
    let lists = if long {
        &analysis.indicators[..]
    } else {
        &analysis.indicators[..analysis.indicators.len().min(1)]
    };
    // Hashed from one reused buffer: a name per row is lower-cased into it, never kept; the
    // parents, shared by the rows under them, are lower-cased once for the run of those rows.
    let mut buffer = String::new();
    // Whose parents the buffer starts with (indicator, parents), and where they end.
    let mut parents_of = super::PerParents::new();
    let lower = |name: &str, buffer: &mut String| {
        for c in name.chars() {
            if c.is_ascii() {
                buffer.push(c.to_ascii_lowercase());
            } else {
                buffer.extend(c.to_lowercase());
            }
        }
        buffer.push('\u{1f}');
    };
    let mut key = |k: usize, u: &UnitResult| {
        // The indicator and the parents, lower-cased once per run of units under them.
        let len = *parents_of.get(k, &u.parents, |ps| {
            buffer.clear();
            buffer.push(char::from(b'0' + (k % 10) as u8));
            for name in ps {
                lower(name, &mut buffer);
            }
            buffer.len()
        });
        buffer.truncate(len);
        lower(&u.unit, &mut buffer);
        crate::text::quick_hash(buffer.as_bytes()) ^ (k as u64)
    };
    // Every unit's key with its place in the lists, sorted: the units of one name sit
    // together, the first seen first (sorting a million keys costs less than a hash map of
    // them, and allocates once).
    let starts: Vec<usize> = lists
        .iter()
        .scan(0, |at, l| {
            let start = *at;
            *at += l.units.len();
            Some(start)
        })
        .collect();
    let unit_at = |place: u32| {
        let place = place as usize;
        let k = starts.partition_point(|s| *s <= place).saturating_sub(1);
        &lists[k].units[place - starts[k]]
    };
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(lists.iter().map(|l| l.units.len()).sum());
    for (k, ind) in lists.iter().enumerate() {
        for (i, u) in ind.units.iter().enumerate() {
            if let Ok(place) = u32::try_from(starts[k] + i) {
                keys.push((key(k, u), place));
            }
        }
    }
    super::sort_keyed(&mut keys);
    let mut found: Vec<(&str, Vec<usize>)> = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        let [(_, place), rest @ ..] = group else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let first = unit_at(*place);
        let mut rows = vec![first.source_row];
        for (_, place) in rest {
            let u = unit_at(*place);
            // A hash collision between different names is not a duplicate.
            let same = first.unit.to_lowercase() == u.unit.to_lowercase();
            if same && !rows.contains(&u.source_row) {
                rows.push(u.source_row);
            }
        }
        if rows.len() > 1 {
            found.push((&*first.unit, rows));
        }
    }
    found.sort_by_key(|(_, rows)| rows[0]);
    found.dedup_by(|a, b| a.1 == b.1);
    for (unit, rows) in found {
        warnings.push(Warning::Duplicate {
            unit: unit.to_string(),
            rows,
        });
    }
}

/// The units a totals row may cover.
enum Scope {
    Whole,
    Group(Vec<String>),
    Rows(usize, usize),
}

fn label_of(row: &Row, mapping: &Mapping) -> Option<String> {
    let unit = row.values.get(mapping.unit).map(Value::label);
    let in_unit = unit.filter(|l| total_scope(l).is_some());
    in_unit.or_else(|| {
        row.values.iter().find_map(|v| match v {
            Value::Text(t) if total_scope(t).is_some() => Some(t.trim().to_string()),
            _ => None,
        })
    })
}

/// Compares each totals row with the units it covers; returns the whole's label.
fn totals_rows(
    table: &Table,
    mapping: &Mapping,
    analysis: &Analysis,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let mut whole_label = None;
    let rows_of_totals: Vec<usize> = table.totals.iter().map(|r| r.source_row).collect();
    for (k, row) in table.totals.iter().enumerate() {
        let Some(label) = label_of(row, mapping) else {
            continue;
        };
        let Some(scope) = total_scope(&label) else {
            continue;
        };
        let before = if k == 0 { 0 } else { rows_of_totals[k - 1] };
        let after = rows_of_totals.get(k + 1).copied().unwrap_or(usize::MAX);
        let candidates: Vec<Scope> = if scope.is_empty() {
            if whole_label.is_none() {
                whole_label = Some(label.clone());
            }
            vec![
                Scope::Whole,
                Scope::Rows(before, row.source_row),
                Scope::Rows(row.source_row, after),
            ]
        } else {
            let group = analysis.indicators.first().and_then(|ind| {
                ind.groups
                    .iter()
                    .find(|g| name_key(g.name()) == scope)
                    .map(|g| g.path.clone())
            });
            match group {
                Some(path) => vec![Scope::Group(path)],
                None => vec![
                    Scope::Rows(before, row.source_row),
                    Scope::Rows(row.source_row, after),
                ],
            }
        };
        let of_row = mapping
            .indicator_column
            .and_then(|c| row.values.get(c))
            .map(|v| v.label().trim().to_string());
        let mut checked = false;
        for (i, ind) in analysis.indicators.iter().enumerate() {
            if of_row.as_ref().is_some_and(|name| *name != ind.name) {
                continue;
            }
            let Some(map) = mapping.indicator_for(i) else {
                continue;
            };
            let columns = map.figure_columns();
            let mut first_problems: Option<Vec<Warning>> = None;
            for candidate in &candidates {
                let Some(sums) = sums_of(ind, candidate) else {
                    continue;
                };
                checked = true;
                let problems = compare(table, row, &label, map, &columns, &sums);
                if problems.is_empty() {
                    first_problems = Some(Vec::new());
                    break;
                }
                first_problems.get_or_insert(problems);
            }
            warnings.extend(first_problems.unwrap_or_default());
        }
        if !checked {
            warnings.push(Warning::UncheckedTotal {
                label,
                source_row: row.source_row,
            });
        }
    }
    dedup(warnings);
    whole_label
}

fn dedup(warnings: &mut Vec<Warning>) {
    let mut out: Vec<Warning> = Vec::with_capacity(warnings.len());
    for w in warnings.drain(..) {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    *warnings = out;
}

fn sums_of(ind: &IndicatorResult, scope: &Scope) -> Option<Total> {
    let units: Vec<&UnitResult> = match scope {
        Scope::Whole => return Some(ind.total.clone()),
        Scope::Group(path) => {
            return ind
                .groups
                .iter()
                .find(|g| g.path == *path)
                .map(|g| g.total.clone())
        }
        Scope::Rows(from, to) => ind
            .units
            .iter()
            .filter(|u| u.source_row > *from && u.source_row < *to)
            .collect(),
    };
    if units.is_empty() {
        return None;
    }
    let mut t = Total {
        parts: vec![0.0; ind.part_names.len()],
        ..Total::default()
    };
    for u in units {
        t.add(u);
    }
    Some(t)
}

fn compare(
    table: &Table,
    row: &Row,
    label: &str,
    map: &super::IndicatorMapping,
    columns: &[usize],
    sums: &Total,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for &c in columns {
        let computed = if c == map.achieved {
            sums.achieved
        } else if Some(TargetSource::Column(c)) == map.target {
            sums.target
        } else {
            match map.parts.iter().position(|p| *p == c) {
                Some(k) => sums.parts.get(k).copied().unwrap_or(0.0),
                None => continue,
            }
        };
        if let Some(stated) = row.values.get(c).and_then(Value::number) {
            if !count_agrees(stated, computed) {
                out.push(Warning::TotalMismatch {
                    label: label.to_string(),
                    cell: cell_ref(table, c, row.source_row),
                    column: table
                        .columns
                        .get(c)
                        .map(|col| col.name.clone())
                        .unwrap_or_default(),
                    stated,
                    computed,
                });
            }
        }
    }
    if let (Some(col), Some(ours)) = (map.source_rate, sums.rate()) {
        if let Some(stated) = row.values.get(col).and_then(Value::number) {
            if !rate_agrees(stated, ours) {
                out.push(Warning::RateMismatch {
                    unit: label.to_string(),
                    cell: cell_ref(table, col, row.source_row),
                    stated,
                    computed: ours,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_agree_within_the_sheets_rounding() {
        let published = 251_743.0 / 374_443.0;
        assert!(rate_agrees(0.672, published));
        assert!(rate_agrees(0.6723, published));
        assert!(!rate_agrees(0.6823, published));
        assert!(rate_agrees(0.55, 40_000.0 / 73_000.0));
        assert!(!rate_agrees(0.54, 40_000.0 / 73_000.0));
        assert!(rate_agrees(published, published));
        assert!(rate_agrees(1.9103, 2_258.0 / 1_182.0));
    }
}
