//! Properties that hold for any input, not just the fixtures.

use attain_core::analysis::{analyze, Mapping};
use attain_core::ingest::numbers::{decide_style, parse_number, NumberStyle};
use attain_core::model::{Cell, Sheet};
use attain_core::report::{format, Lang};
use attain_core::Table;
use proptest::prelude::*;

fn style_of(lang: Lang) -> NumberStyle {
    match lang {
        Lang::Vi => NumberStyle::Vietnamese,
        Lang::En => NumberStyle::English,
    }
}

proptest! {
    /// A count formatted in either language reads back to itself in that style.
    #[test]
    fn formatted_numbers_read_back(n in -10_000_000_000i64..10_000_000_000i64, cents in 0u32..100, vi in any::<bool>()) {
        let lang = if vi { Lang::Vi } else { Lang::En };
        let value = n as f64 + f64::from(cents) / 100.0 * n.signum() as f64;
        let text = format::number(value, 2, lang);
        let back = parse_number(&text, style_of(lang)).map(|p| p.value);
        prop_assert!(back.is_some_and(|b| (b - value).abs() < 1e-6), "{text} -> {back:?}");
        // A column of whole numbers with one value that shows the decimal mark is read in the
        // style it was written in.
        let whole = format::count(n as f64, lang);
        let example = format::number(1_234.5, 1, lang);
        let style = decide_style([whole.as_str(), example.as_str()]);
        prop_assert_eq!(style, style_of(lang));
        prop_assert_eq!(parse_number(&whole, style).map(|p| p.value), Some(n as f64));
    }

    /// The total is Σachieved / Σtarget over the units, whatever their order.
    #[test]
    fn total_is_sum_over_sum(rows in proptest::collection::vec((0u32..1_000_000, 1u32..1_000_000), 1..40)) {
        let mut sheet_rows = vec![vec![
            Cell::Text("Đơn vị".into()),
            Cell::Text("Chỉ tiêu".into()),
            Cell::Text("Thu nhận".into()),
        ]];
        for (i, (achieved, target)) in rows.iter().enumerate() {
            sheet_rows.push(vec![
                Cell::Text(format!("Xã {i}")),
                Cell::Number(f64::from(*target)),
                Cell::Number(f64::from(*achieved)),
            ]);
        }
        let table = Table::from_sheet(&Sheet { name: "s".into(), rows: sheet_rows, ..Default::default() }).unwrap();
        let a = analyze(&table, &Mapping::simple(0, 1, 2)).unwrap();
        let a = &a.indicators[0];
        let sa: f64 = rows.iter().map(|r| f64::from(r.0)).sum();
        let st: f64 = rows.iter().map(|r| f64::from(r.1)).sum();
        prop_assert_eq!(a.units.len(), rows.len());
        prop_assert_eq!(a.total.achieved, sa);
        prop_assert_eq!(a.total.target, st);
        prop_assert_eq!(a.total.rate(), Some(sa / st));
        let gaps: f64 = a.units.iter().filter_map(|u| u.gap()).sum();
        prop_assert_eq!(gaps, a.total.gap());
    }
}

fn report_sheet() -> Sheet {
    let path = format!(
        "{}/../../tests/fixtures/reports/ben-tre-report.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("fixture");
    let wb = attain_core::read_workbook("ben-tre-report.xlsx", &bytes).expect("readable");
    wb.sheets[0].clone()
}

/// The sheet moved down by `rows` empty rows and right by `cols` empty columns.
fn shifted(sheet: &Sheet, rows: usize, cols: usize) -> Sheet {
    let mut out = Sheet {
        name: sheet.name.clone(),
        hidden: sheet.hidden,
        rows: vec![Vec::new(); rows],
        merges: sheet
            .merges
            .iter()
            .map(|m| attain_core::model::Merge {
                first_row: m.first_row + rows,
                last_row: m.last_row + rows,
                first_col: m.first_col + cols,
                last_col: m.last_col + cols,
            })
            .collect(),
    };
    for r in &sheet.rows {
        let mut row = vec![Cell::Empty; if r.is_empty() { 0 } else { cols }];
        row.extend(r.iter().cloned());
        out.rows.push(row);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Extra empty rows above and empty columns left of a report change nothing but positions.
    #[test]
    fn detection_ignores_empty_margins(rows in 0usize..6, cols in 0usize..4) {
        let base = report_sheet();
        let t0 = Table::from_sheet(&base).unwrap();
        let t = Table::from_sheet(&shifted(&base, rows, cols)).unwrap();
        prop_assert_eq!(&t.kinds[rows..], &t0.kinds[..]);
        prop_assert!(t.kinds[..rows].iter().all(|k| *k == attain_core::table::RowKind::Empty));
        let names0: Vec<&str> = t0.columns.iter().map(|c| c.name.as_str()).collect();
        let names: Vec<&str> = t.columns[cols..].iter().map(|c| c.name.as_str()).collect();
        prop_assert_eq!(names, names0);
        prop_assert_eq!(t.rows.len(), t0.rows.len());
        let m = attain_core::analysis::guess_mapping(&t).unwrap();
        let a = analyze(&t, &m).unwrap();
        let a = &a.indicators[0];
        prop_assert_eq!((a.total.achieved, a.total.target), (822_139.0, 930_767.0));
    }
}
