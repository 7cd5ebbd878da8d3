//! The results as CSV: UTF-8 with a BOM (so Excel shows Vietnamese), comma-separated, header
//! `level,unit,parent,indicator,achieved,target,rate,gap`, plain numbers with `.` decimals.

use super::format::plain_number;
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
}

/// The rows of the export, per indicator: each parent's rollup followed by what is under it
/// (tree order), units without parents in source order, and the whole last.
pub fn result_rows(analysis: &Analysis) -> Vec<ResultRow> {
    let mut out = Vec::new();
    for ind in &analysis.indicators {
        let levels = analysis.parent_levels.len();
        let unit_row = |u: &crate::analysis::UnitResult| ResultRow {
            level: "unit".into(),
            unit: u.unit.clone(),
            parent: u
                .parents
                .iter()
                .rev()
                .find(|p| !p.is_empty())
                .cloned()
                .unwrap_or_default(),
            indicator: ind.name.clone(),
            achieved: u.achieved,
            target: u.target,
            rate: u.rate(),
            gap: u.gap(),
        };
        let group_row = |g: &crate::analysis::Group| ResultRow {
            level: analysis
                .parent_levels
                .get(g.level)
                .cloned()
                .unwrap_or_default(),
            unit: g.name().to_string(),
            parent: if g.path.len() > 1 {
                g.path[g.path.len() - 2].clone()
            } else {
                String::new()
            },
            indicator: ind.name.clone(),
            achieved: Some(g.total.achieved),
            target: Some(g.total.target),
            rate: g.total.rate(),
            gap: Some(g.total.gap()),
        };
        if levels == 0 {
            out.extend(ind.units.iter().map(unit_row));
        } else {
            // A unit sits under its deepest named parent.
            let home = |u: &crate::analysis::UnitResult| -> Vec<String> {
                let named = u.parents.iter().take_while(|p| !p.is_empty()).count();
                u.parents[..named].to_vec()
            };
            let homes: Vec<Vec<String>> = ind.units.iter().map(home).collect();
            let mut written = vec![false; ind.units.len()];
            for g in &ind.groups {
                out.push(group_row(g));
                for (i, u) in ind.units.iter().enumerate() {
                    if !written[i] && homes[i] == g.path {
                        written[i] = true;
                        out.push(unit_row(u));
                    }
                }
            }
            for (i, u) in ind.units.iter().enumerate() {
                if !written[i] {
                    out.push(unit_row(u));
                }
            }
        }
        let t = &ind.total;
        out.push(ResultRow {
            level: "total".into(),
            unit: "total".into(),
            parent: String::new(),
            indicator: ind.name.clone(),
            achieved: Some(t.achieved),
            target: Some(t.target),
            rate: t.rate(),
            gap: Some(t.gap()),
        });
    }
    out
}

/// The export: every row of [`result_rows`].
pub fn results_csv(analysis: &Analysis) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(HEADER);
    for r in result_rows(analysis) {
        let _ = w.write_record([
            neutralise(&r.level),
            neutralise(&r.unit),
            neutralise(&r.parent),
            neutralise(&r.indicator),
            opt(r.achieved),
            opt(r.target),
            opt(r.rate),
            opt(r.gap),
        ]);
    }
    let body = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&body));
    out
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
