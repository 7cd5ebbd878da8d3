//! The results table's rows as the engine gives them (`analysis::rows::results_window`): the
//! tree of parents and units in the report's order, folding, sorting, search and status
//! filter, pages, and every figure of a row (rate, gap, status, rank, share of what remains,
//! distance, change, pace, outlook) on the analysis fixtures.

use attain_core::analysis::rows::{results_window, ResultsQuery, ResultsWindow, RowKind, SortKey};
use attain_core::analysis::series::{compare, Comparison, Dated, OutlookStatus};
use attain_core::analysis::{Status, Thresholds};
use attain_core::dates::Date;
use attain_core::Analysis;

mod common;

fn load(name: &str) -> (Analysis, Option<Date>) {
    let (_, analysis, as_of) = common::load_analysis(name);
    (analysis, as_of)
}

fn window(a: &Analysis, query: &ResultsQuery) -> ResultsWindow {
    results_window(
        a,
        None,
        Thresholds::default(),
        None,
        None,
        query,
        "Tổng cộng",
    )
    .unwrap()
}

fn all() -> ResultsQuery {
    ResultsQuery {
        limit: 1000,
        ..Default::default()
    }
}

fn names(w: &ResultsWindow) -> Vec<&str> {
    w.rows.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn in_the_reports_order_each_parent_heads_its_units_and_folds() {
    let (a, _) = load("ca-mau-2024-03-20.xlsx");
    let w = window(&a, &all());
    assert_eq!((w.total_rows, w.rows.len(), w.units_found), (25, 25, 22));
    let first = &w.rows[0];
    assert_eq!(first.name, "Thới Bình");
    assert!(
        matches!(&first.kind, RowKind::Group { level: 0, level_name, expanded: true, .. } if level_name == "Huyện")
    );
    assert_eq!(
        (first.achieved, first.target),
        (Some(40_000.0), Some(73_000.0))
    );
    assert_eq!(first.rate, Some(40_000.0 / 73_000.0));
    assert_eq!(first.gap, Some(33_000.0));
    assert_eq!(first.status, Status::Medium);
    assert_eq!(first.rank, None);
    // Its units follow it, one level down.
    assert!(w.rows[1..13]
        .iter()
        .all(|r| matches!(r.kind, RowKind::Unit { depth: 1, .. })));
    assert!(matches!(w.rows[13].kind, RowKind::Group { .. }));
    assert_eq!(w.rows[13].name, "U Minh");
    // The whole: Σachieved / Σtarget; its distance from itself is 0 and it is all that remains.
    let t = &w.total;
    assert_eq!(t.kind, RowKind::Total);
    assert_eq!((t.achieved, t.target), (Some(87_607.0), Some(161_390.0)));
    assert_eq!(t.rate, Some(87_607.0 / 161_390.0));
    assert_eq!(t.distance, Some(0.0));
    // A parent's distance: its rate against the whole's, in points.
    let d = first.distance.unwrap();
    assert!((d - (40_000.0 / 73_000.0 - 87_607.0 / 161_390.0) * 100.0).abs() < 1e-9);
    // The shares of what remains add up to the whole's over the units.
    let shares: f64 = w
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Unit { .. }))
        .filter_map(|r| r.share)
        .sum();
    assert!((shares - t.share.unwrap()).abs() < 1e-9, "{shares}");

    // Folding Thới Bình keeps its row and hides its 12 communes.
    let folded = ResultsQuery {
        collapsed: vec![vec!["Thới Bình".into()]],
        ..all()
    };
    let w = window(&a, &folded);
    assert_eq!(w.total_rows, 13);
    assert_eq!(names(&w)[..2], ["Thới Bình", "U Minh"]);
    assert!(matches!(
        w.rows[0].kind,
        RowKind::Group {
            expanded: false,
            ..
        }
    ));
    assert_eq!(w.total.achieved, Some(87_607.0));
}

#[test]
fn sorted_searched_filtered_and_paged() {
    let (a, _) = load("ca-mau-2024-03-20.xlsx");
    // Sorted by rate, highest first: units only, no parent rows, ranks in order.
    let by_rate = ResultsQuery {
        sort: SortKey::Rate,
        descending: true,
        ..all()
    };
    let w = window(&a, &by_rate);
    assert_eq!(w.total_rows, 22);
    assert!(w
        .rows
        .iter()
        .all(|r| matches!(r.kind, RowKind::Unit { depth: 0, .. })));
    let rates: Vec<f64> = w.rows.iter().map(|r| r.rate.unwrap()).collect();
    assert!(rates.windows(2).all(|p| p[0] >= p[1]), "{rates:?}");
    assert_eq!(w.rows[0].rank, Some(1));
    // A page of 5 from the 6th, and a page past the end shows the last one.
    let page = window(
        &a,
        &ResultsQuery {
            offset: 5,
            limit: 5,
            ..by_rate.clone()
        },
    );
    assert_eq!((page.offset, page.rows.len()), (5, 5));
    assert_eq!(page.rows[0], w.rows[5]);
    let past = window(
        &a,
        &ResultsQuery {
            offset: 40,
            limit: 5,
            ..by_rate.clone()
        },
    );
    assert_eq!((past.offset, past.rows.len()), (20, 2));
    // Search ignores case and marks; the total stays the whole's.
    let found = window(
        &a,
        &ResultsQuery {
            search: "thoi binh".into(),
            ..all()
        },
    );
    assert!(found.filtering);
    assert!(found.units_found >= 1);
    assert!(found
        .rows
        .iter()
        .all(|r| attain_core::text::fold(&r.name).contains("thoi binh")));
    assert_eq!(found.total.achieved, Some(87_607.0));
    // The status filter.
    let low = window(
        &a,
        &ResultsQuery {
            status: Some(Status::Low),
            ..all()
        },
    );
    assert!(low.rows.iter().all(|r| r.status == Status::Low));
    assert_eq!(low.units_found, low.rows.len());
}

#[test]
fn over_achievement_is_shown_in_full_and_leaves_nothing_to_share() {
    let (a, _) = load("binh-phuoc-2024-07-03.xlsx");
    let smartphones = a
        .indicators
        .iter()
        .position(|i| i.name == "Điện thoại thông minh 4G")
        .unwrap();
    let w = window(
        &a,
        &ResultsQuery {
            indicator: smartphones,
            ..all()
        },
    );
    let bu_dang = w.rows.iter().find(|r| r.name == "Bù Đăng").unwrap();
    assert_eq!(
        (bu_dang.achieved, bu_dang.target),
        (Some(2_258.0), Some(1_182.0))
    );
    assert_eq!(format!("{:.4}", bu_dang.rate.unwrap()), "1.9103");
    assert_eq!(bu_dang.gap, Some(-1_076.0));
    assert_eq!(bu_dang.status, Status::Reached);
    assert_eq!(bu_dang.share, Some(0.0));
    assert_eq!(format!("{:.4}", w.total.rate.unwrap()), "1.0170");
    assert!(results_window(
        &a,
        None,
        Thresholds::default(),
        None,
        None,
        &ResultsQuery {
            indicator: 9,
            ..all()
        },
        "Tổng cộng"
    )
    .is_none());
}

#[test]
fn changes_since_the_previous_date_and_the_outlook() {
    let (before, d1) = load("ben-tre-2023-11-07.xlsx");
    let (now, d2) = load("ben-tre-2023-11-14.xlsx");
    let c: Comparison = compare(
        Dated {
            as_of: d1.unwrap(),
            analysis: &before,
        },
        Dated {
            as_of: d2.unwrap(),
            analysis: &now,
        },
        &[],
    );
    let deadline = Date::new(2023, 12, 15);
    let w = results_window(
        &now,
        Some(&c),
        Thresholds::default(),
        d2,
        deadline,
        &all(),
        "Tổng cộng",
    )
    .unwrap();
    assert!(w.compared && w.with_outlook);
    let chau_thanh = w.rows.iter().find(|r| r.name == "Châu Thành").unwrap();
    assert_eq!(chau_thanh.change.unwrap().delta, Some(4_738.0));
    let tp = w
        .rows
        .iter()
        .find(|r| r.name == "Thành phố Bến Tre")
        .unwrap();
    assert_eq!(tp.change.unwrap().pace, Some(3_814.0 / 7.0));
    // The whole, received: 822.139 of 930.767 on 14-11, 31 days to 15-12.
    let t = &w.total;
    assert_eq!(t.change.unwrap().delta, Some(30_287.0));
    let o = t.outlook.as_ref().unwrap();
    assert_eq!(o.remaining, 930_767.0 - 822_139.0);
    assert_eq!(o.days_left, 31);
    assert_eq!(o.needed_per_day, Some((930_767.0 - 822_139.0) / 31.0));
    assert_eq!(o.status, OutlookStatus::OnTrack);
    // Unit rows carry it too.
    assert!(w.rows.iter().all(|r| r.outlook.is_some()));
}
