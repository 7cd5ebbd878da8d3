//! The engine on the report-shaped files in tests/fixtures, checked against the figures
//! published in real reports (../shared/DOMAIN.md).

use attain_core::analysis::{
    guess_mapping, IndicatorResult, SkippedRow, TargetSource, Total, UnitResult, Warning,
};
use attain_core::report::csv::results_csv;
use attain_core::report::{format, Lang};
use attain_core::table::{Bucket, RowKind, Value};
use attain_core::{analyze, read_workbook, Analysis, ReadError, SourceFormat, Table};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first indicator's results with the analysis' skipped rows and warnings.
struct First {
    indicator: String,
    units: Vec<UnitResult>,
    total: Total,
    skipped: Vec<SkippedRow>,
    warnings: Vec<Warning>,
    all: Analysis,
}

fn first(all: Analysis) -> First {
    let i: IndicatorResult = all.indicators[0].clone();
    First {
        indicator: i.name,
        units: i.units,
        total: i.total,
        skipped: all.skipped.clone(),
        warnings: all.warnings.clone(),
        all,
    }
}

fn analyse(name: &str) -> (Table, First) {
    let wb = read_workbook(name, &fixture(name)).expect("readable");
    let table = Table::from_sheet(&wb.sheets[wb.first_sheet_with_data()]).expect("a table");
    let mapping = guess_mapping(&table).expect("a mapping");
    let analysis = analyze(&table, &mapping).expect("analysis");
    (table, first(analysis))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn ben_tre_xlsx_reproduces_the_published_rates() {
    let wb = read_workbook(
        "ben-tre-2023-11-14.xlsx",
        &fixture("ben-tre-2023-11-14.xlsx"),
    )
    .unwrap();
    assert_eq!(wb.format, SourceFormat::Xlsx);
    assert_eq!(
        wb.sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Bao cao", "Ghi chú"]
    );
    let (table, received) = analyse("ben-tre-2023-11-14.xlsx");
    // Units in column B, target C, received D; rate columns are never guessed as counts.
    let mapping = guess_mapping(&table).unwrap();
    assert_eq!(mapping.unit, 1);
    assert_eq!(mapping.indicators[0].achieved, 3);
    assert_eq!(mapping.indicators[0].target, Some(TargetSource::Column(2)));
    assert_eq!(received.indicator, "Thu nhận");
    assert_eq!(received.units.len(), 9);
    assert_eq!(received.total.achieved, 822_139.0);
    assert_eq!(received.total.target, 930_767.0);
    let rate = received.total.rate().unwrap();
    assert!(close(rate, 822_139.0 / 930_767.0));
    assert_eq!(format!("{rate:.5}"), "0.88329");
    assert_eq!(format::rate(Some(rate), Lang::Vi), "88,33%");
    assert_eq!(received.total.gap(), 108_628.0);
    // The totals row of the sheet is set aside, not counted as a unit.
    assert!(received.skipped.is_empty());
    assert_eq!(table.rows_of(RowKind::Total), vec![11]);
    // One target, two indicators: activated against the same 930.767.
    let activated = &received.all.indicators[1];
    assert_eq!(activated.total.achieved, 663_614.0);
    assert_eq!(format::rate(activated.total.rate(), Lang::Vi), "71,30%");
    let thanh_phu = received
        .units
        .iter()
        .find(|u| *u.unit == *"Thạnh Phú")
        .unwrap();
    assert!(close(thanh_phu.rate().unwrap(), 82_578.0 / 98_447.0));
    assert_eq!(thanh_phu.gap(), Some(15_869.0));
}

#[test]
fn binh_phuoc_windows_1258_csv_with_over_achievement() {
    let wb = read_workbook(
        "binh-phuoc-4g-2024-07-03.csv",
        &fixture("binh-phuoc-4g-2024-07-03.csv"),
    )
    .unwrap();
    assert_eq!(
        wb.format,
        SourceFormat::Text {
            encoding: "windows-1258".into(),
            delimiter: ';'
        }
    );
    let (table, a) = analyse("binh-phuoc-4g-2024-07-03.csv");
    assert_eq!(a.indicator, "Đã bàn giao");
    assert_eq!(a.units.len(), 11);
    // Names are NFC after decoding, so they compare equal to typed Vietnamese.
    let bu_dang = a
        .units
        .iter()
        .find(|u| *u.unit == *"Bù Đăng")
        .expect("Bù Đăng");
    assert_eq!(
        (bu_dang.achieved.get(), bu_dang.target.get()),
        (Some(2_258.0), Some(1_182.0))
    );
    assert_eq!(format::rate(bu_dang.rate(), Lang::En), "191.03%");
    assert_eq!(bu_dang.gap(), Some(-1_076.0), "a surplus is a negative gap");
    assert_eq!((a.total.achieved, a.total.target), (22_471.0, 22_095.0));
    assert_eq!(format!("{:.1}%", a.total.rate().unwrap() * 100.0), "101.7%");
    assert!(a.skipped.is_empty());
    assert_eq!(table.rows_of(RowKind::Total), vec![13]);
}

#[test]
fn binh_thuan_english_csv() {
    let (_, a) = analyse("binh-thuan-2023-06-19.csv");
    assert_eq!(a.indicator, "Received");
    assert_eq!(a.units.len(), 10);
    assert_eq!((a.total.achieved, a.total.target), (699_634.0, 637_607.0));
    assert_eq!(format::rate(a.total.rate(), Lang::En), "109.73%");
}

#[test]
fn edge_cases_target_zero_missing_surplus_and_unreadable() {
    let (table, a) = analyse("edge-cases.csv");
    let by = |name: &str| a.units.iter().find(|u| *u.unit == *name).unwrap().clone();
    // Target 0 and a missing target: rate undefined, never infinite.
    assert_eq!(by("Xã An Hòa").rate(), None);
    assert_eq!(by("Xã Cộng Hòa").target, None.into());
    assert_eq!(by("Xã Cộng Hòa").rate(), None);
    // Surplus.
    assert_eq!(by("Phường 1").rate(), Some(1.25));
    assert_eq!(by("Phường 1").gap(), Some(-250.0));
    // "-" is empty, not zero.
    assert_eq!(by("Phường 2").achieved, None.into());
    // Text in a numeric column is listed, not zeroed.
    assert_eq!(by("Thị trấn Ba Tri").achieved, None.into());
    assert!(a.warnings.contains(&Warning::Unreadable {
        unit: "Thị trấn Ba Tri".into(),
        cell: "C6".into(),
        column: "Thực hiện".into(),
        text: "chưa báo cáo".into()
    }));
    assert_eq!(table.unreadable.len(), 1);
    // "Xã Cộng Hòa" is a unit; "Cộng" alone is the totals row, kept aside.
    assert_eq!(a.units.len(), 6);
    assert_eq!(a.skipped.len(), 0);
    assert_eq!(table.rows_of(RowKind::Total), vec![8]);
    assert_eq!(table.totals[0].values[2], Value::Number(1_542.0));
    // Every source row accounted for, in exactly one bucket.
    assert_eq!(
        table.bucket_count(Bucket::Data),
        a.units.len() + a.skipped.len()
    );
    assert_eq!(
        table.source_rows(),
        [
            Bucket::Header,
            Bucket::Data,
            Bucket::Total,
            Bucket::TitleFooter,
            Bucket::Empty
        ]
        .iter()
        .map(|b| table.bucket_count(*b))
        .sum::<usize>()
    );
    // Totals are Σ/Σ, not a mean of rates: (12+30+1250+250) / (0+1000+2000+1500+500).
    assert_eq!(a.total.achieved, 1_542.0);
    assert_eq!(a.total.target, 5_000.0);
    assert!(close(a.total.rate().unwrap(), 1_542.0 / 5_000.0));
}

#[test]
fn results_csv_follows_the_contract() {
    let (_, a) = analyse("ben-tre-2023-11-14.xlsx");
    let csv = results_csv(&a.all);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "level,unit,parent,indicator,achieved,target,rate,gap"
    );
    // Both indicators, each with its units and the whole.
    assert_eq!(lines.len(), 1 + 2 * (9 + 1));
    assert_eq!(
        lines[9],
        format!(
            "unit,Thạnh Phú,,Thu nhận,82578,98447,{},15869",
            82_578.0f64 / 98_447.0
        )
    );
    assert_eq!(
        lines[10],
        format!(
            "total,total,,Thu nhận,822139,930767,{},108628",
            822_139.0f64 / 930_767.0
        )
    );
    assert_eq!(
        lines[20],
        format!(
            "total,total,,Kích hoạt,663614,930767,{},267153",
            663_614.0f64 / 930_767.0
        )
    );
}

#[test]
fn bad_files_say_why() {
    assert_eq!(
        read_workbook("broken.xlsx", &fixture("broken.xlsx")),
        Err(ReadError::NotAWorkbook {
            extension: "xlsx".into()
        })
    );
    assert_eq!(
        read_workbook("empty.csv", &fixture("empty.csv")),
        Err(ReadError::Empty)
    );
    assert_eq!(
        read_workbook("bao-cao.pdf", &fixture("bao-cao.pdf")),
        Err(ReadError::Pdf)
    );
}
