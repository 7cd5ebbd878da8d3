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

/// One row per unit (`level` = `unit`) and one for the overall total (`level` = `total`).
pub fn results_csv(analysis: &Analysis) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let indicator = neutralise(&analysis.indicator);
    // Writing to a Vec cannot fail.
    let _ = w.write_record(HEADER);
    for u in &analysis.units {
        let _ = w.write_record([
            "unit".to_string(),
            neutralise(&u.unit),
            String::new(),
            indicator.clone(),
            opt(u.achieved),
            opt(u.target),
            opt(u.rate()),
            opt(u.gap()),
        ]);
    }
    let t = &analysis.total;
    let _ = w.write_record([
        "total".to_string(),
        "total".to_string(),
        String::new(),
        indicator,
        plain_number(t.achieved),
        plain_number(t.target),
        opt(t.rate()),
        plain_number(t.gap()),
    ]);
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
