//! The trend to the deadline: three reporting dates or more (at any spacing) give the whole's
//! figures at each date (the burn-up chart), each row's rates (the sparklines), a unit's figures
//! on request and the dates × units sheet of the Excel export.

use attain_core::analysis::rows::{ResultsQuery, RowKind};
use attain_core::analysis::Thresholds;
use attain_core::dates::Date;
use attain_core::ingest::ReadOptions;
use attain_core::report::Lang;
use attain_core::session::{Answer, Command, ExportKind, Query, Reply, Session, WindowQuery};

/// A district's communes at one date: (commune, target, achieved) under districts A and B.
fn report(rows: &[(&str, &str, u32, u32)]) -> Vec<u8> {
    let mut out = String::from("Huyện,Xã,Chỉ tiêu,Kích hoạt\n");
    for (d, c, t, a) in rows {
        out.push_str(&format!("{d},{c},{t},{a}\n"));
    }
    out.into_bytes()
}

fn dates(s: &mut Session, files: &[(&str, Vec<u8>)]) -> Answer {
    let (first, rest) = files.split_first().unwrap();
    let mut answer = s
        .run(
            Command::Open {
                name: first.0.into(),
                options: ReadOptions::default(),
                templates: Vec::new(),
            },
            first.1.clone(),
        )
        .unwrap();
    for (name, bytes) in rest {
        answer = s
            .run(
                Command::AddDate {
                    name: (*name).into(),
                    options: ReadOptions::default(),
                },
                bytes.clone(),
            )
            .unwrap();
    }
    answer
}

fn three_dates() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "xa-2024-01-05.csv",
            report(&[
                ("A", "Xã Một", 100, 40),
                ("A", "Xã Hai", 200, 50),
                ("B", "Xã Ba", 300, 90),
            ]),
        ),
        (
            // A week later; the commune written with its prefix in another case.
            "xa-2024-01-12.csv",
            report(&[
                ("A", "XÃ MỘT", 100, 60),
                ("A", "Xã Hai", 200, 80),
                ("B", "Xã Ba", 300, 120),
            ]),
        ),
        (
            // A month after that.
            "xa-2024-02-14.csv",
            report(&[
                ("A", "Xã Một", 100, 75),
                ("A", "Xã Hai", 200, 110),
                ("B", "Xã Ba", 300, 145),
            ]),
        ),
    ]
}

#[test]
fn three_dates_give_the_whole_each_row_and_a_unit_over_time() {
    let mut s = Session::new();
    // Added out of order: the dates sort themselves.
    let mut files = three_dates();
    files.swap(0, 2);
    let answer = dates(&mut s, &files);
    let trend = answer.trend.expect("a trend with three dates");
    assert_eq!(
        trend.dates,
        [
            Date::new(2024, 1, 5).unwrap(),
            Date::new(2024, 1, 12).unwrap(),
            Date::new(2024, 2, 14).unwrap()
        ]
    );
    let whole = &trend.whole[0];
    assert_eq!(whole.name, "Kích hoạt");
    let achieved: Vec<Option<f64>> = whole.points.iter().map(|p| p.achieved).collect();
    assert_eq!(achieved, [Some(180.0), Some(260.0), Some(330.0)]);
    assert!(whole.points.iter().all(|p| p.target == Some(600.0)));

    // The results table of the last date: each row's rate at every date.
    let Reply::Window(Some(w)) = s.query(&Query::Window(WindowQuery {
        results: ResultsQuery {
            indicator: 0,
            limit: 100,
            ..Default::default()
        },
        thresholds: Thresholds::default(),
        deadline: None,
        total_name: "Tổng".into(),
    })) else {
        panic!("a window");
    };
    let row = |name: &str| w.rows.iter().find(|r| r.name == name).unwrap();
    assert_eq!(row("Xã Một").history, [Some(0.4), Some(0.6), Some(0.75)]);
    assert_eq!(
        row("Xã Ba").history,
        [Some(0.3), Some(0.4), Some(145.0 / 300.0)]
    );
    assert!(matches!(row("A").kind, RowKind::Group { .. }));
    assert_eq!(
        row("A").history,
        [Some(0.3), Some(140.0 / 300.0), Some(185.0 / 300.0)]
    );
    assert_eq!(
        w.total.history,
        [Some(0.3), Some(260.0 / 600.0), Some(0.55)]
    );

    // A unit's figures, for its burn-up.
    let Reply::Trend(Some(points)) = s.query(&Query::Trend {
        indicator: "Kích hoạt".into(),
        unit: "Xã Hai".into(),
    }) else {
        panic!("the unit's trend");
    };
    let hai: Vec<Option<f64>> = points.iter().map(|p| p.achieved).collect();
    assert_eq!(hai, [Some(50.0), Some(80.0), Some(110.0)]);
    assert_eq!(
        s.query(&Query::Trend {
            indicator: "Kích hoạt".into(),
            unit: "Xã Không Có".into(),
        }),
        Reply::Trend(None)
    );

    // The Excel export has the dates × units sheet.
    let Reply::Workbook(book) = s.query(&Query::Export {
        kind: ExportKind::Xlsx,
        indicator: 0,
        lang: Lang::En,
        deadline: None,
        file_name: "xa.csv".into(),
        charts: Vec::new(),
        letterhead: Default::default(),
        dated: None,
        picture: None,
    }) else {
        panic!("a workbook");
    };
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Results", "By date", "Warnings", "Summary"]);
    let bytes = attain_core::report::xlsx::write(&book).unwrap();
    let back = attain_core::read_workbook("x.xlsx", &bytes).unwrap();
    let sheet = &back.sheets[1];
    let text = |r: usize, c: usize| match sheet.cell(r, c) {
        attain_core::model::CellRef::Text(t) => t.to_string(),
        other => format!("{other:?}"),
    };
    assert_eq!(text(0, 4), "achieved 2024-01-05");
    assert_eq!(text(0, 9), "rate 2024-02-14");
    let mot = (1..sheet.row_count())
        .find(|&r| text(r, 1) == "Xã Một")
        .unwrap();
    assert_eq!(
        sheet.cell(mot, 4),
        attain_core::model::CellRef::Number(40.0)
    );
    assert_eq!(
        sheet.cell(mot, 9),
        attain_core::model::CellRef::Number(0.75)
    );
}

#[test]
fn two_dates_are_a_comparison_not_a_trend() {
    let mut s = Session::new();
    let files = three_dates();
    let answer = dates(&mut s, &files[..2]);
    assert!(answer.trend.is_none());
    assert!(answer.comparison.is_some());
}
