//! Warnings in words, Vietnamese and English, shared by the app and the command line.

use super::format::{count, rate, Lang};
use crate::analysis::series::{Missing, OutlookStatus};
use crate::analysis::Warning;

/// A warning about the data, as a sentence.
pub fn warning(lang: Lang, w: &Warning) -> String {
    let r = |x: f64| rate(Some(x), lang);
    let n = |x: f64| count(x, lang);
    match (lang, w) {
        (Lang::Vi, Warning::NoTarget { indicator, unit, source_row }) => format!(
            "Dòng {source_row}, {unit} ({indicator}): không có chỉ tiêu hoặc chỉ tiêu bằng 0, nên chưa tính được tỷ lệ."
        ),
        (Lang::En, Warning::NoTarget { indicator, unit, source_row }) => format!(
            "Row {source_row}, {unit} ({indicator}): no target, or a target of 0, so no rate."
        ),
        (Lang::Vi, Warning::Unreadable { unit, cell, column, text }) => format!(
            "Ô {cell} ({unit}, cột “{column}”) ghi “{text}”, không phải số; để trống, không coi là 0."
        ),
        (Lang::En, Warning::Unreadable { unit, cell, column, text }) => format!(
            "Cell {cell} ({unit}, “{column}”) holds “{text}”, not a number; left empty, not zero."
        ),
        (Lang::Vi, Warning::Negative { unit, cell, value }) => {
            format!("Ô {cell} ({unit}) là số âm: {}.", n(*value))
        }
        (Lang::En, Warning::Negative { unit, cell, value }) => {
            format!("Cell {cell} ({unit}) is negative: {}.", n(*value))
        }
        (Lang::Vi, Warning::FarAbove { indicator, unit, source_row, rate: x }) => format!(
            "Dòng {source_row}, {unit} ({indicator}): đạt {} chỉ tiêu, cao bất thường; có thể nhập nhầm số.",
            r(*x)
        ),
        (Lang::En, Warning::FarAbove { indicator, unit, source_row, rate: x }) => format!(
            "Row {source_row}, {unit} ({indicator}): {} of target, unusually high; possibly a typing error.",
            r(*x)
        ),
        (Lang::Vi, Warning::Duplicate { unit, rows }) => {
            format!("Đơn vị “{unit}” xuất hiện nhiều lần: dòng {}.", list(rows))
        }
        (Lang::En, Warning::Duplicate { unit, rows }) => {
            format!("The unit “{unit}” appears more than once: rows {}.", list(rows))
        }
        (Lang::Vi, Warning::TotalMismatch { label, cell, column, stated, computed }) => format!(
            "Ô {cell} (“{label}”, cột “{column}”) ghi {}, nhưng các đơn vị cộng lại được {} (lệch {}).",
            n(*stated),
            n(*computed),
            n(stated - computed)
        ),
        (Lang::En, Warning::TotalMismatch { label, cell, column, stated, computed }) => format!(
            "Cell {cell} (“{label}”, “{column}”) states {}, but its units add up to {} (off by {}).",
            n(*stated),
            n(*computed),
            n(stated - computed)
        ),
        (Lang::Vi, Warning::RateMismatch { unit, cell, stated, computed }) => format!(
            "Ô {cell} ({unit}) ghi tỷ lệ {}, nhưng số đạt chia chỉ tiêu là {}.",
            r(*stated),
            r(*computed)
        ),
        (Lang::En, Warning::RateMismatch { unit, cell, stated, computed }) => format!(
            "Cell {cell} ({unit}) states a rate of {}, but achieved / target is {}.",
            r(*stated),
            r(*computed)
        ),
        (Lang::Vi, Warning::PartsMismatch { indicator, unit, source_row, parts, target }) => format!(
            "Dòng {source_row}, {unit} ({indicator}): các phần cộng lại {}, khác chỉ tiêu {}.",
            n(*parts),
            n(*target)
        ),
        (Lang::En, Warning::PartsMismatch { indicator, unit, source_row, parts, target }) => format!(
            "Row {source_row}, {unit} ({indicator}): the parts add up to {}, not the target {}.",
            n(*parts),
            n(*target)
        ),
        (Lang::Vi, Warning::UncheckedTotal { label, source_row }) => format!(
            "Dòng {source_row} (“{label}”): không xác định được dòng tổng này cộng những đơn vị nào, nên chưa đối chiếu."
        ),
        (Lang::En, Warning::UncheckedTotal { label, source_row }) => format!(
            "Row {source_row} (“{label}”): could not tell which units this totals row covers, so it was not checked."
        ),
    }
}

/// A unit in one reporting date only.
pub fn missing(lang: Lang, m: &Missing) -> String {
    match lang {
        Lang::Vi => format!(
            "“{}” có trong báo cáo ngày {} nhưng không có trong báo cáo ngày {}.",
            m.unit,
            super::format::date(m.present, lang),
            super::format::date(m.missing, lang)
        ),
        Lang::En => format!(
            "“{}” is in the report of {} but not in the report of {}.",
            m.unit,
            super::format::date(m.present, lang),
            super::format::date(m.missing, lang)
        ),
    }
}

/// The outlook against the deadline, in a word or two.
pub fn outlook_status(lang: Lang, s: OutlookStatus) -> &'static str {
    match (lang, s) {
        (Lang::Vi, OutlookStatus::Reached) => "Đã đạt",
        (Lang::Vi, OutlookStatus::OnTrack) => "Kịp tiến độ",
        (Lang::Vi, OutlookStatus::AtRisk) => "Có nguy cơ trễ",
        (Lang::Vi, OutlookStatus::Unknown) => "Chưa đủ số liệu",
        (Lang::En, OutlookStatus::Reached) => "Reached",
        (Lang::En, OutlookStatus::OnTrack) => "On track",
        (Lang::En, OutlookStatus::AtRisk) => "At risk",
        (Lang::En, OutlookStatus::Unknown) => "Not enough data",
    }
}

fn list(rows: &[usize]) -> String {
    rows.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
