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
        let table = Table::from_sheet(&Sheet { name: "s".into(), cells: attain_core::model::Grid::from_rows(&sheet_rows).unwrap(), ..Default::default() }).unwrap();
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
    let down = rows;
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); down];
    for r in sheet.rows() {
        let mut row = vec![Cell::Empty; if r.is_empty() { 0 } else { cols }];
        row.extend(r.iter().map(|c| c.to_cell()));
        rows.push(row);
    }
    let out = Sheet {
        name: sheet.name.clone(),
        hidden: sheet.hidden,
        cells: attain_core::model::Grid::from_rows(&rows).unwrap(),
        merges: sheet
            .merges
            .iter()
            .map(|m| attain_core::model::Merge {
                first_row: m.first_row + down,
                last_row: m.last_row + down,
                first_col: m.first_col + cols,
                last_col: m.last_col + cols,
            })
            .collect(),
        legacy: Vec::new(),
    };
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
        prop_assert_eq!(t.body.len(), t0.body.len());
        let m = attain_core::analysis::guess_mapping(&t).unwrap();
        let a = analyze(&t, &m).unwrap();
        let a = &a.indicators[0];
        prop_assert_eq!((a.total.achieved, a.total.target), (822_139.0, 930_767.0));
    }
}

/// A unit's name and figures, for comparing results.
type Figures = Vec<(String, Option<f64>, Option<f64>, Option<u32>)>;

/// A three-level report: districts over communes, each commune (achieved, target).
fn hierarchy_sheet(rows: &[(usize, String, u32, u32)]) -> Sheet {
    let mut sheet_rows = vec![vec![
        Cell::Text("Huyện".into()),
        Cell::Text("Xã".into()),
        Cell::Text("Chỉ tiêu".into()),
        Cell::Text("Thực hiện".into()),
    ]];
    for (district, commune, achieved, target) in rows {
        sheet_rows.push(vec![
            Cell::Text(format!("Huyện {district}")),
            Cell::Text(commune.as_str().into()),
            Cell::Number(f64::from(*target)),
            Cell::Number(f64::from(*achieved)),
        ]);
    }
    Sheet {
        name: "s".into(),
        cells: attain_core::model::Grid::from_rows(&sheet_rows).unwrap(),
        ..Default::default()
    }
}

fn hierarchy_mapping() -> Mapping {
    Mapping {
        parents: vec![0],
        ..Mapping::simple(1, 2, 3)
    }
}

fn analyse_rows(rows: &[(usize, String, u32, u32)]) -> attain_core::analysis::IndicatorResult {
    let t = Table::from_sheet(&hierarchy_sheet(rows)).unwrap();
    analyze(&t, &hierarchy_mapping())
        .unwrap()
        .indicators
        .remove(0)
}

/// Communes grouped by district (each district's communes in one block, as reports are).
fn communes() -> impl Strategy<Value = Vec<(usize, String, u32, u32)>> {
    proptest::collection::vec(
        proptest::collection::vec((0u32..100_000, 1u32..100_000), 1..8),
        1..5,
    )
    .prop_map(|districts| {
        districts
            .into_iter()
            .enumerate()
            .flat_map(|(d, cs)| {
                cs.into_iter()
                    .enumerate()
                    .map(move |(c, (a, t))| (d, format!("Xã {d}-{c}"), a, t))
            })
            .collect()
    })
}

fn sorted_groups(i: &attain_core::analysis::IndicatorResult) -> Vec<(Vec<String>, f64, f64)> {
    let mut g: Vec<(Vec<String>, f64, f64)> = i
        .groups
        .iter()
        .map(|g| (g.path.clone(), g.total.achieved, g.total.target))
        .collect();
    g.sort_by(|a, b| a.0.cmp(&b.0));
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// At every level Σgap = Σtarget − Σachieved, and a rollup's rate is Σ/Σ of its children.
    #[test]
    fn rollups_are_sums_at_every_level(rows in communes()) {
        let ind = analyse_rows(&rows);
        prop_assert_eq!(ind.units.len(), rows.len());
        for g in &ind.groups {
            let under: Vec<_> = ind.units_under(&g.path).collect();
            let (a, t): (f64, f64) = (under.iter().filter_map(|u| u.achieved.get()).sum(), under.iter().filter_map(|u| u.target.get()).sum());
            prop_assert_eq!((g.total.achieved, g.total.target), (a, t));
            prop_assert_eq!(g.total.rate(), Some(a / t));
            let gaps: f64 = under.iter().filter_map(|u| u.gap()).sum();
            prop_assert_eq!(gaps, g.total.gap());
        }
        let (ga, gt): (f64, f64) = (ind.groups.iter().map(|g| g.total.achieved).sum(), ind.groups.iter().map(|g| g.total.target).sum());
        prop_assert_eq!((ind.total.achieved, ind.total.target), (ga, gt));
        prop_assert_eq!(ind.total.rate(), Some(ga / gt));
        let gaps: f64 = ind.units.iter().filter_map(|u| u.gap()).sum();
        prop_assert_eq!(gaps, ind.total.target - ind.total.achieved);
        // The rank order kept from the ranking is the one a sort by rate gives.
        let mut unsorted = ind.clone();
        unsorted.order.clear();
        prop_assert_eq!(unsorted.ranked(), ind.ranked());
    }

    /// Reordering the rows (parents written on every row) changes no result.
    #[test]
    fn order_changes_nothing(rows in communes().prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle()))) {
        let (rows, shuffled) = rows;
        let (a, b) = (analyse_rows(&rows), analyse_rows(&shuffled));
        prop_assert_eq!((a.total.achieved, a.total.target), (b.total.achieved, b.total.target));
        prop_assert_eq!(sorted_groups(&a), sorted_groups(&b));
        let key = |i: &attain_core::analysis::IndicatorResult| {
            let mut v: Figures =
                i.units.iter().map(|u| (u.unit.to_string(), u.achieved.get(), u.target.get(), u.rank.get())).collect();
            v.sort_by(|x, y| x.0.cmp(&y.0));
            v
        };
        prop_assert_eq!(key(&a), key(&b));
    }

    /// Splitting a unit's row in two rows of the same name and merging them back changes no
    /// result; the split itself changes no rollup.
    #[test]
    fn duplicating_then_merging_changes_nothing(rows in communes(), pick in any::<prop::sample::Index>(), share in 0u32..=100) {
        let i = pick.index(rows.len());
        let (d, name, a, t) = rows[i].clone();
        let (a1, t1) = (a * share / 100, t * share / 100);
        let mut split = rows.clone();
        split[i] = (d, name.clone(), a1, t1);
        split.insert(i + 1, (d, name, a - a1, t - t1));
        let (orig, twice) = (analyse_rows(&rows), analyse_rows(&split));
        prop_assert_eq!(sorted_groups(&orig), sorted_groups(&twice));
        prop_assert_eq!((orig.total.achieved, orig.total.target), (twice.total.achieved, twice.total.target));
        let merged = twice.merged();
        let figures = |x: &attain_core::analysis::IndicatorResult| -> Figures {
            x.units.iter().map(|u| (u.unit.to_string(), u.achieved.get(), u.target.get(), u.rank.get())).collect()
        };
        prop_assert_eq!(figures(&merged), figures(&orig));
    }
}
