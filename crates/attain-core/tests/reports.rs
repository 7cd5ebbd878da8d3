//! Golden tests on report-shaped fixtures (tests/fixtures/reports, see EXPECTED.md there): the
//! same Bến Tre report as xlsx, xls and ods written by LibreOffice, Excel 95 (BIFF5, code page
//! 1258) written by Gnumeric, xlsb written by SheetJS (cells in the short form), numbers typed as text, a
//! multi-sheet workbook, and CSV/TXT in UTF-8, UTF-16 and Windows-1258, Vietnamese and English.

use attain_core::analysis::{guess_mapping, TargetSource};
use attain_core::dates::{find_as_of, AsOfSource, Date};
use attain_core::report::{format, Lang};
use attain_core::table::{best_sheet, ColumnKind, RowKind, Value};
use attain_core::{analyze, read_workbook, SourceFormat, Table};

const REPORTS: &[&str] = &[
    "ben-tre-report.xlsx",
    "ben-tre-report.xls",
    "ben-tre-report.ods",
    "ben-tre-report-biff5.xls",
    "ben-tre-report.xlsb",
    "ben-tre-report-text-numbers.xlsx",
    "ben-tre-multi.xlsx",
    "ben-tre-report-utf8bom-semicolon.csv",
    "ben-tre-report-utf16.txt",
    "ben-tre-report-cp1258.csv",
    "ben-tre-report-en.csv",
];

fn bytes(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/reports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rows(list: &[usize]) -> Vec<usize> {
    list.to_vec()
}

#[test]
fn every_report_reads_the_same() {
    for name in REPORTS {
        let wb = read_workbook(name, &bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let sheet_index = best_sheet(&wb);
        let sheet = &wb.sheets[sheet_index];
        let t = Table::from_sheet(sheet).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            t.rows_of(RowKind::Title),
            rows(&[1, 2, 4, 5]),
            "{name}: title"
        );
        assert_eq!(t.rows_of(RowKind::Header), rows(&[7, 8]), "{name}: header");
        assert_eq!(
            t.rows_of(RowKind::ColumnNumbers),
            rows(&[9]),
            "{name}: column numbers"
        );
        assert_eq!(
            t.rows_of(RowKind::Data),
            (10..=18).collect::<Vec<_>>(),
            "{name}: body"
        );
        assert_eq!(t.rows_of(RowKind::Total), rows(&[19]), "{name}: totals");
        assert_eq!(
            t.rows_of(RowKind::Footer),
            rows(&[21, 22, 23, 26]),
            "{name}: footer"
        );
        assert_eq!(
            t.rows_of(RowKind::Empty),
            rows(&[3, 6, 20, 24, 25]),
            "{name}: empty"
        );
        let paths: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            paths,
            [
                "STT",
                "Đơn vị",
                "Chỉ tiêu được giao",
                "Thu nhận › Số lượng",
                "Thu nhận › Tỷ lệ (%)",
                "Kích hoạt › Số lượng",
                "Kích hoạt › Tỷ lệ (%)",
                "Ghi chú"
            ],
            "{name}: header paths"
        );
        assert!(t.columns[0].ordinal, "{name}: STT");
        assert_eq!(t.columns[1].kind, ColumnKind::Text, "{name}");
        for c in [2, 3, 5] {
            assert_eq!(t.columns[c].kind, ColumnKind::Number, "{name}: column {c}");
        }
        for c in [4, 6] {
            assert_eq!(t.columns[c].kind, ColumnKind::Percent, "{name}: column {c}");
        }
        // Thạnh Phú, row 18: 82.578 of 98.447, the sheet's own rate 83,88%.
        let i = (0..t.body.len())
            .find(|r| t.body.source_row(*r) == 18)
            .unwrap();
        let thanh_phu = t.body.row(i);
        assert_eq!(
            thanh_phu.values[1],
            Value::Text("Thạnh Phú".into()),
            "{name}"
        );
        assert_eq!(thanh_phu.values[3], Value::Number(82_578.0), "{name}");
        let own_rate = thanh_phu.values[4].number().unwrap();
        assert!(
            (own_rate - 82_578.0 / 98_447.0).abs() < 5e-5,
            "{name}: {own_rate}"
        );

        let mapping = guess_mapping(&t).unwrap();
        assert_eq!(mapping.unit, 1, "{name}");
        assert_eq!(
            mapping
                .indicators
                .iter()
                .map(|i| (i.achieved, i.target, i.source_rate))
                .collect::<Vec<_>>(),
            vec![
                (3, Some(TargetSource::Column(2)), Some(4)),
                (5, Some(TargetSource::Column(2)), Some(6))
            ],
            "{name}"
        );
        let all = analyze(&t, &mapping).unwrap();
        // The sheet's totals row and rates agree with ours.
        assert_eq!(all.warnings, vec![], "{name}");
        assert_eq!(
            all.indicators
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>(),
            ["Thu nhận", "Kích hoạt"],
            "{name}"
        );
        assert_eq!(
            format::rate(all.indicators[1].total.rate(), Lang::Vi),
            "71,30%",
            "{name}"
        );
        let a = &all.indicators[0];
        assert_eq!(a.units.len(), 9, "{name}");
        assert_eq!(
            (a.total.achieved, a.total.target),
            (822_139.0, 930_767.0),
            "{name}"
        );
        assert_eq!(format::rate(a.total.rate(), Lang::Vi), "88,33%", "{name}");
        // The sheet's own totals row is kept for cross-checks.
        assert_eq!(t.totals[0].values[3], Value::Number(822_139.0), "{name}");

        let as_of = find_as_of(sheet, Some(&t), name).expect("as-of date");
        assert_eq!(as_of.date, Date::new(2023, 11, 14).unwrap(), "{name}");
        assert_eq!(as_of.source, AsOfSource::Sheet(5), "{name}");
    }
}

#[test]
fn formats_and_encodings_are_told_apart() {
    let format = |name: &str| read_workbook(name, &bytes(name)).unwrap().format;
    assert_eq!(format("ben-tre-report.xls"), SourceFormat::Xls);
    assert_eq!(format("ben-tre-report.ods"), SourceFormat::Ods);
    assert_eq!(format("ben-tre-report-biff5.xls"), SourceFormat::Xls);
    assert_eq!(format("ben-tre-report.xlsb"), SourceFormat::Xlsb);
    let text = |enc: &str, d: char| SourceFormat::Text {
        encoding: enc.into(),
        delimiter: d,
    };
    assert_eq!(format("ben-tre-report-utf16.txt"), text("UTF-16LE", '\t'));
    assert_eq!(
        format("ben-tre-report-cp1258.csv"),
        text("windows-1258", ';')
    );
    assert_eq!(
        format("ben-tre-report-utf8bom-semicolon.csv"),
        text("UTF-8", ';')
    );
    assert_eq!(format("ben-tre-report-en.csv"), text("UTF-8", ','));
}

#[test]
fn the_report_sheet_is_preselected_among_others() {
    let wb = read_workbook("ben-tre-multi.xlsx", &bytes("ben-tre-multi.xlsx")).unwrap();
    let sheets: Vec<(&str, bool)> = wb
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.hidden))
        .collect();
    assert_eq!(
        sheets,
        [
            ("Hướng dẫn", false),
            ("Số liệu cũ", true),
            ("BC 14-11", false)
        ]
    );
    assert_eq!(best_sheet(&wb), 2);
}

#[test]
fn merged_regions_are_read_from_xlsx_and_xls() {
    for name in [
        "ben-tre-report.xlsx",
        "ben-tre-report.xls",
        "ben-tre-report-biff5.xls",
    ] {
        let wb = read_workbook(name, &bytes(name)).unwrap();
        assert_eq!(wb.sheets[0].merges.len(), 14, "{name}");
    }
}

#[test]
fn the_user_can_override_encoding_and_separator() {
    use attain_core::{read_workbook_with, ReadOptions};
    let name = "ben-tre-report-cp1258.csv";
    let unit = |opts: &ReadOptions| {
        let wb = read_workbook_with(name, &bytes(name), opts).unwrap();
        wb.sheets[0].cell(9, 1).display()
    };
    assert_eq!(unit(&ReadOptions::default()), "Thành phố Bến Tre");
    let western = ReadOptions {
        encoding: Some("windows-1252".into()),
        ..Default::default()
    };
    assert_ne!(unit(&western), "Thành phố Bến Tre");
    // Forcing "," on a ";" file keeps the semicolons inside the fields.
    let comma = ReadOptions {
        delimiter: Some(','),
        ..Default::default()
    };
    let wb = read_workbook_with(name, &bytes(name), &comma).unwrap();
    assert!(wb.sheets[0]
        .cell(9, 0)
        .display()
        .starts_with("1;Thành phố Bến Tre;"));
}
