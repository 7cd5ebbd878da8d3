//! The results as CSV: UTF-8 with a BOM (so Excel shows Vietnamese), comma-separated, header
//! `level,unit,parent,indicator,achieved,target,rate,gap` (and `file` for a report combined
//! from several files), plain numbers with `.` decimals; the units that have not reported
//! last, with the level `not_reported` and no figures.

use super::format::plain_number;
use crate::analysis::rows::{all_rows, RowKind};
use crate::analysis::Analysis;

/// The CSV header, a stable contract with the users' own tools.
pub const HEADER: [&str; 8] = [
    "level",
    "unit",
    "parent",
    "indicator",
    "achieved",
    "target",
    "rate",
    "gap",
];

/// Text that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn opt(n: Option<f64>) -> String {
    n.filter(|v| v.is_finite())
        .map(plain_number)
        .unwrap_or_default()
}

/// One CSV row: the contract's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// `unit` for a unit, `total` for the whole, else the grouping column's name ("Huyện").
    pub level: String,
    /// The unit's or parent's name (`total` for the whole).
    pub unit: String,
    /// The name of the parent it is under, if any.
    pub parent: String,
    /// The indicator's name.
    pub indicator: String,
    /// Achieved.
    pub achieved: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// achieved / target.
    pub rate: Option<f64>,
    /// target − achieved.
    pub gap: Option<f64>,
    /// The file a unit comes from, in a report combined from several (else empty).
    pub file: String,
}

/// The rows of the export, per indicator: each parent's rollup followed by what is under it
/// (tree order), units without parents in source order, and the whole last. The same rows and
/// figures as the results table (`analysis::rows::results_window`, in the report's order).
pub fn result_rows(analysis: &Analysis) -> Vec<ResultRow> {
    let mut out = Vec::new();
    for (i, ind) in analysis.indicators.iter().enumerate() {
        let Some(w) = all_rows(analysis, i, "total") else {
            continue;
        };
        for r in w.rows.iter().chain(std::iter::once(&w.total)) {
            let mut file = String::new();
            let (level, parent) = match &r.kind {
                RowKind::Unit { index, .. } => {
                    // The deepest named parent it is under.
                    let unit = ind.units.get(*index);
                    if let Some(f) = unit.and_then(|u| analysis.files.get(u.file as usize)) {
                        file.clone_from(f);
                    }
                    let parents = unit.map(|u| &u.parents[..]).unwrap_or(&[]);
                    let parent = parents.iter().rev().find(|p| !p.is_empty());
                    ("unit".to_string(), parent.cloned().unwrap_or_default())
                }
                RowKind::Group {
                    path, level_name, ..
                } => {
                    let parent = path.len().checked_sub(2).map(|k| path[k].clone());
                    (level_name.clone(), parent.unwrap_or_default())
                }
                RowKind::Total => ("total".to_string(), String::new()),
            };
            out.push(ResultRow {
                level,
                unit: r.name.clone(),
                parent,
                indicator: ind.name.clone(),
                achieved: r.achieved,
                target: r.target,
                rate: r.rate,
                gap: r.gap,
                file,
            });
        }
    }
    // Who has not reported: named, without figures.
    for u in &analysis.unreported {
        out.push(ResultRow {
            level: NOT_REPORTED.to_string(),
            unit: u.unit.clone(),
            parent: u.parents.last().cloned().unwrap_or_default(),
            indicator: String::new(),
            achieved: None,
            target: None,
            rate: None,
            gap: None,
            file: String::new(),
        });
    }
    out
}

/// The `level` of a unit expected in the report (it has a target) that has not reported.
pub const NOT_REPORTED: &str = "not_reported";

/// The export: every row of [`result_rows`].
pub fn results_csv(analysis: &Analysis) -> String {
    // The BOM first, so that Excel reads the file as UTF-8.
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    // Writing to a Vec cannot fail. A report of several files names each unit's file in a
    // last column.
    let files = !analysis.files.is_empty();
    let mut header = HEADER.to_vec();
    if files {
        header.push("file");
    }
    let _ = w.write_record(header);
    for r in result_rows(analysis) {
        let mut record = vec![
            neutralise(&r.level),
            neutralise(&r.unit),
            neutralise(&r.parent),
            neutralise(&r.indicator),
            opt(r.achieved),
            opt(r.target),
            opt(r.rate),
            opt(r.gap),
        ];
        if files {
            record.push(neutralise(&r.file));
        }
        let _ = w.write_record(record);
    }
    let body = w.into_inner().unwrap_or_default();
    // Every field was a str: the bytes are UTF-8 (checked, not copied).
    String::from_utf8(body).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_only() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Ba Tri"), "Ba Tri");
    }
}
