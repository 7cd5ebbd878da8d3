//! Golden tests of the analysis on report-shaped fixtures (tests/fixtures/analysis, see
//! EXPECTED.md there): several indicators with their own targets, the long layout, composition
//! parts, a three-level hierarchy with the sheet's own subtotals (and two deliberate errors),
//! and two reporting dates with names written differently. Every figure of DOMAIN.md's table.

use attain_core::analysis::series::{compare, outlook, Dated, MatchFix, OutlookStatus};
use attain_core::analysis::{guess_mapping, suggest, Role, TargetSource, Warning};
use attain_core::dates::Date;
use attain_core::report::csv::results_csv;
use attain_core::report::messages::warning;
use attain_core::report::summary::{summary, Context};
use attain_core::report::{format, Lang};
use attain_core::table::best_table;
use attain_core::{analyze, read_workbook, Analysis, Table};

mod common;
use common::load_analysis as load;

fn vi(r: Option<f64>) -> String {
    format::rate(r, Lang::Vi)
}

fn unit<'a>(a: &'a Analysis, indicator: usize, name: &str) -> &'a attain_core::UnitResult {
    a.indicators[indicator]
        .units
        .iter()
        .find(|u| *u.unit == *name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn binh_phuoc_wide_with_a_target_per_indicator() {
    let (_, a, as_of) = load("binh-phuoc-2024-07-03.xlsx");
    assert_eq!(as_of, Date::new(2024, 7, 3));
    let names: Vec<&str> = a.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Căn cước công dân",
            "Định danh điện tử",
            "Điện thoại thông minh 4G",
            "SIM chính chủ"
        ]
    );
    // Each indicator against its own group's target.
    let targets: Vec<&str> = a
        .indicators
        .iter()
        .map(|i| i.target_name.as_str())
        .collect();
    assert_eq!(targets[0], "Căn cước công dân \u{203a} Chỉ tiêu");
    assert_eq!(targets[3], "SIM chính chủ \u{203a} Chỉ tiêu");
    assert!(a.indicators.iter().all(|i| i.units.len() == 11));
    // The four indicators of a row share one copy of its name, parents and row number.
    for i in 0..11 {
        let row = &a.indicators[0].units[i].row;
        assert!(a.indicators[1..]
            .iter()
            .all(|ind| std::sync::Arc::ptr_eq(&ind.units[i].row, row)));
    }
    let phuoc_long = unit(&a, 0, "Phước Long");
    assert_eq!(
        (phuoc_long.achieved.get(), phuoc_long.target.get()),
        (Some(579.0), Some(837.0))
    );
    assert_eq!(vi(phuoc_long.rate()), "69,18%");
    assert_eq!(vi(unit(&a, 1, "Chơn Thành").rate()), "60,80%");
    let bu_dang = unit(&a, 2, "Bù Đăng");
    assert_eq!(format::rate(bu_dang.rate(), Lang::En), "191.03%");
    assert_eq!(bu_dang.rank.get(), Some(1));
    assert_eq!(bu_dang.gap(), Some(-1_076.0));
    let g4 = &a.indicators[2].total;
    assert_eq!((g4.achieved, g4.target), (22_471.0, 22_095.0));
    assert_eq!(format::rate(g4.rate(), Lang::En), "101.70%");
    let sim = &a.indicators[3].total;
    assert_eq!((sim.achieved, sim.target), (251_743.0, 374_443.0));
    assert_eq!(format!("{:.1}%", sim.rate().unwrap() * 100.0), "67.2%");
    // The totals row above the units and every rate cell agree with ours.
    assert_eq!(a.warnings, vec![]);
    assert_eq!(a.whole_label.as_deref(), Some("Tổng cộng"));
    // The whole's gap is Σtarget − Σachieved; a unit's share counts only open gaps.
    let ind = &a.indicators[2];
    assert_eq!(ind.total.gap(), 22_095.0 - 22_471.0);
    assert_eq!(ind.share_of_gap(bu_dang), Some(0.0));
    let shares: f64 = ind.units.iter().filter_map(|u| ind.share_of_gap(u)).sum();
    assert!((shares - 1.0).abs() < 1e-12);
    let d = ind.distance_pp(bu_dang).unwrap();
    assert_eq!(format!("{d:.2}"), "89.33");
}

#[test]
fn binh_thuan_long_layout() {
    let (table, a, as_of) = load("binh-thuan-2023-06-19-long.csv");
    assert_eq!(as_of, Date::new(2023, 6, 19));
    let s = suggest(&table).unwrap();
    // "Chỉ tiêu" over text is the indicator's name, never a target.
    assert_eq!(s.mapping.indicator_column, Some(2));
    assert_eq!(
        s.mapping.indicators[0].target,
        Some(TargetSource::Column(3))
    );
    assert_eq!(s.mapping.indicators[0].achieved, 4);
    assert!(s.confident(), "{s:?}");
    assert_eq!(
        a.indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        [
            "Thu nhận hồ sơ định danh điện tử",
            "Kích hoạt tài khoản định danh điện tử"
        ]
    );
    let received = &a.indicators[0].total;
    assert_eq!((received.achieved, received.target), (699_634.0, 637_607.0));
    assert_eq!(format::rate(received.rate(), Lang::En), "109.73%");
    assert_eq!(a.indicators[1].total.achieved, 395_176.0);
    assert_eq!(a.indicators[1].units.len(), 10);
    // Each "Toàn tỉnh" row is checked against its own indicator; the sheet's rates agree.
    assert_eq!(a.warnings, vec![]);
}

#[test]
fn composition_parts_add_up_to_the_target() {
    let (_, a, _) = load("ben-tre-composition-2023-11-14.xlsx");
    assert_eq!(a.indicators.len(), 1);
    let ind = &a.indicators[0];
    assert_eq!(ind.name, "Đã kích hoạt");
    assert_eq!(
        ind.part_names,
        [
            "Kết quả \u{203a} Đã kích hoạt",
            "Kết quả \u{203a} Đang xử lý",
            "Kết quả \u{203a} Không có nhu cầu"
        ]
    );
    assert_eq!(ind.total.target, 357_048.0);
    assert_eq!(ind.total.parts, vec![164_232.0, 102_039.0, 90_777.0]);
    assert_eq!(ind.total.achieved, 164_232.0);
    assert_eq!(vi(ind.total.rate()), "46,00%");
    assert_eq!(a.warnings, vec![]);
}

#[test]
fn ca_mau_three_levels_with_the_sheets_subtotals_checked() {
    let (table, a, _) = load("ca-mau-2024-03-20.xlsx");
    let m = guess_mapping(&table).unwrap();
    assert_eq!((m.unit, m.parents.clone()), (2, vec![1]));
    assert_eq!(a.parent_levels, ["Huyện"]);
    let ind = &a.indicators[0];
    assert_eq!(ind.name, "Tài khoản mức 1 và 2");
    assert_eq!(ind.units.len(), 22);
    let names: Vec<&str> = ind.groups.iter().map(|g| g.name()).collect();
    assert_eq!(names, ["Thới Bình", "U Minh", "Trần Văn Thời"]);
    let thoi_binh = &ind.groups[0].total;
    assert_eq!((thoi_binh.achieved, thoi_binh.target), (40_000.0, 73_000.0));
    assert_eq!(vi(thoi_binh.rate()), "54,79%");
    assert_eq!(thoi_binh.units, 12);
    // A rollup's rate is Σ/Σ of its units, never a mean of rates.
    let tvt = &ind.groups[2].total;
    assert_eq!((tvt.achieved, tvt.target), (28_350.0, 51_445.0));
    assert_eq!(
        (ind.total.achieved, ind.total.target),
        (87_607.0, 161_390.0)
    );
    assert_eq!(vi(ind.total.rate()), "54,28%");
    // The two deliberate errors of the sheet, named by row and cell; nothing else.
    assert_eq!(
        a.warnings,
        vec![
            Warning::RateMismatch {
                unit: "Khánh Lâm".into(),
                cell: "F25".into(),
                stated: a
                    .warnings
                    .iter()
                    .find_map(|w| match w {
                        Warning::RateMismatch { cell, stated, .. } if cell == "F25" =>
                            Some(*stated),
                        _ => None,
                    })
                    .unwrap(),
                computed: 4_512.0 / 8_870.0,
            },
            Warning::TotalMismatch {
                label: "Cộng huyện Trần Văn Thời".into(),
                cell: "E34".into(),
                column: "Kết quả \u{203a} Tài khoản mức 1 và 2".into(),
                stated: 28_450.0,
                computed: 28_350.0,
            },
            Warning::RateMismatch {
                unit: "Cộng huyện Trần Văn Thời".into(),
                cell: "F34".into(),
                stated: a
                    .warnings
                    .iter()
                    .find_map(|w| match w {
                        Warning::RateMismatch { cell, stated, .. } if cell == "F34" =>
                            Some(*stated),
                        _ => None,
                    })
                    .unwrap(),
                computed: 28_350.0 / 51_445.0,
            },
        ]
    );
    assert_eq!(
        warning(Lang::Vi, &a.warnings[1]),
        "Ô E34 (“Cộng huyện Trần Văn Thời”, cột “Kết quả › Tài khoản mức 1 và 2”) ghi 28.450, nhưng các đơn vị cộng lại được 28.350 (lệch 100)."
    );
    assert_eq!(
        warning(Lang::En, &a.warnings[0]),
        "Cell F25 (Khánh Lâm) states a rate of 55.87%, but achieved / target is 50.87%."
    );
    // The export has a row per district, level = the grouping column's name.
    let csv = results_csv(&a);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 1 + 3 + 22 + 1);
    assert_eq!(
        lines[1],
        format!(
            "Huyện,Thới Bình,,Tài khoản mức 1 và 2,40000,73000,{},33000",
            40_000.0f64 / 73_000.0
        )
    );
    assert!(lines[2].starts_with("unit,Thị trấn Thới Bình,Thới Bình,"));
    assert!(lines[14].starts_with("Huyện,U Minh,,"));
}

#[test]
fn two_reporting_dates_and_the_deadline() {
    let (_, before, d1) = load("ben-tre-2023-11-07.xlsx");
    let (_, now, d2) = load("ben-tre-2023-11-14.xlsx");
    let (d1, d2) = (d1.unwrap(), d2.unwrap());
    assert_eq!(
        (d1, d2),
        (
            Date::new(2023, 11, 7).unwrap(),
            Date::new(2023, 11, 14).unwrap()
        )
    );
    assert_eq!(before.warnings, vec![]);
    let c = compare(
        Dated {
            as_of: d1,
            analysis: &before,
        },
        Dated {
            as_of: d2,
            analysis: &now,
        },
        &[],
    );
    assert_eq!(c.indicators.len(), 2);
    let received = &c.indicators[0];
    let by = |name: &str| received.units.iter().find(|u| *u.unit == *name).unwrap();
    assert_eq!(
        by("Thành phố Bến Tre").previous_name.as_deref(),
        Some("TP. Bến Tre")
    );
    assert_eq!(by("Ba Tri").previous_name.as_deref(), Some("Huyện Ba Tri"));
    assert_eq!(
        by("Thạnh Phú").previous_name.as_deref(),
        Some("huyện Thạnh Phú")
    );
    assert_eq!(by("Châu Thành").change.delta(), Some(4_738.0));
    assert_eq!(by("Mỏ Cày Nam").change.delta(), Some(3_293.0));
    assert_eq!(
        format!("{:.2}", by("Chợ Lách").change.delta_pp().unwrap()),
        "4.51"
    );
    assert_eq!(by("Thành phố Bến Tre").change.pace(), Some(3_814.0 / 7.0));
    assert_eq!(by("Bình Đại").previous_name, None);
    assert_eq!(c.missing.len(), 1);
    assert_eq!(c.missing[0].unit, "Bình Đại");
    // Like for like: the 8 units in both reports.
    assert_eq!(received.total.delta(), Some(30_287.0));
    assert_eq!(format!("{:.2}", received.total.delta_pp().unwrap()), "3.63");
    assert_eq!(c.indicators[1].total.delta(), Some(28_870.0));
    // A match the user fixes wins over the names.
    let fixed = compare(
        Dated {
            as_of: d1,
            analysis: &before,
        },
        Dated {
            as_of: d2,
            analysis: &now,
        },
        &[MatchFix {
            previous: "CHÂU THÀNH".into(),
            current: "Chợ Lách".into(),
        }],
    );
    let cho_lach = fixed.indicators[0]
        .units
        .iter()
        .find(|u| &*u.unit == "Chợ Lách")
        .unwrap();
    assert_eq!(cho_lach.previous_name.as_deref(), Some("CHÂU THÀNH"));

    // The deadline: 267.153 remain over 31 days, about 8.618 a day.
    let deadline = Date::new(2023, 12, 15).unwrap();
    let act = &now.indicators[1].total;
    let o = outlook(
        act.achieved,
        act.target,
        d2,
        deadline,
        c.indicators[1].total.pace(),
    );
    assert_eq!((o.remaining, o.days_left), (267_153.0, 31));
    assert_eq!(
        format::count(o.needed_per_day.unwrap().round(), Lang::Vi),
        "8.618"
    );
    // 28.870 in 7 days is about 4.124 a day: not enough.
    assert_eq!(o.status, OutlookStatus::AtRisk);

    let ctx = Context {
        as_of: Some(d2),
        comparison: Some(&c),
        deadline: Some(deadline),
    };
    let text = summary(&now, ctx, Lang::Vi);
    assert!(
        text.starts_with("Tính đến ngày 14-11-2023, tổng cộng: Thu nhận 822.139/930.767, đạt tỷ lệ 88,33%; Kích hoạt 663.614/930.767, đạt tỷ lệ 71,30%."),
        "{text}"
    );
    assert!(
        text.contains("đơn vị có tỷ lệ thấp như Thạnh Phú (83,88%; 64,64%)"),
        "{text}"
    );
    assert!(
        text.contains("So với ngày 07-11-2023, Thu nhận tăng 30.287 (+3,63 điểm %)"),
        "{text}"
    );
    assert!(text.contains("Để Kích hoạt đạt chỉ tiêu trước ngày 15-12-2023, còn 267.153, cần khoảng 8.618 mỗi ngày trong 31 ngày còn lại"), "{text}");
    let en = summary(&now, ctx, Lang::En);
    assert!(
        en.starts_with(
            "As of 14 Nov 2023, all units together: Thu nhận 822,139/930,767, a rate of 88.33%"
        ),
        "{en}"
    );
    assert!(
        en.contains("about 8,618 a day over the 31 days left"),
        "{en}"
    );
}

#[test]
fn every_role_has_a_guess_with_a_reason() {
    let path = format!(
        "{}/../../tests/fixtures/reports/ben-tre-report.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let wb = read_workbook("ben-tre-report.xlsx", &std::fs::read(path).unwrap()).unwrap();
    let table = best_table(&wb).1.unwrap();
    let s = suggest(&table).unwrap();
    let roles: Vec<Role> = s.roles.iter().map(|r| r.role).collect();
    assert_eq!(
        roles,
        [
            Role::Ignored,
            Role::Unit,
            Role::Target,
            Role::Achieved,
            Role::SourceRate,
            Role::Achieved,
            Role::SourceRate,
            Role::Ignored
        ]
    );
    assert!(s.confident());
}

/// The same Cà Mau report with the districts as heading rows (STT I, II, III) instead of a
/// column: the same rollups, the heading rows never counted as units, their figures checked.
#[test]
fn heading_rows_are_parents_and_their_figures_subtotals() {
    let (table, a, as_of) = load("ca-mau-headings-2024-03-20.csv");
    assert_eq!(as_of, Date::new(2024, 3, 20));
    assert_eq!(guess_mapping(&table).unwrap().headings, Some(0));
    // "I", "II", "III" in the STT column are not unreadable figures.
    assert!(table.unreadable.is_empty(), "{:?}", table.unreadable);
    assert_eq!(a.parent_levels, ["Huyện"]);
    let ind = &a.indicators[0];
    assert_eq!(ind.units.len(), 22);
    let groups: Vec<(&str, f64, f64)> = ind
        .groups
        .iter()
        .map(|g| (g.name(), g.total.achieved, g.total.target))
        .collect();
    assert_eq!(
        groups,
        [
            ("Huyện Thới Bình", 40_000.0, 73_000.0),
            ("Huyện U Minh", 19_257.0, 36_945.0),
            ("Huyện Trần Văn Thời", 28_350.0, 51_445.0)
        ]
    );
    assert_eq!(
        (ind.total.achieved, ind.total.target),
        (87_607.0, 161_390.0)
    );
    assert_eq!(a.warnings, vec![]);
    assert_eq!(a.skipped.len(), 3);

    // A heading row whose subtotal is off by 100 is named by its cell.
    let path = format!(
        "{}/../../tests/fixtures/analysis/ca-mau-headings-2024-03-20.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap().replace(
        "I;Huyện Thới Bình;73.000;40.000",
        "I;Huyện Thới Bình;73.000;40.100",
    );
    let wb = read_workbook("ca-mau-headings-2024-03-20.csv", text.as_bytes()).unwrap();
    let t = best_table(&wb).1.unwrap();
    let a = analyze(&t, &guess_mapping(&t).unwrap()).unwrap();
    assert!(
        a.warnings.iter().any(
            |w| matches!(w, Warning::TotalMismatch { cell, stated, computed, .. }
            if cell == "D6" && *stated == 40_100.0 && *computed == 40_000.0)
        ),
        "{:?}",
        a.warnings
    );
}

/// A unit written twice (in other letter case) is one warning naming both rows; a unit that
/// appears once, or whose name only starts the same, is none.
/// The units named as written twice, with their rows.
fn duplicates_of(a: &Analysis) -> Vec<(String, Vec<usize>)> {
    a.warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Duplicate { unit, rows } => Some((unit.clone(), rows.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_unit_written_twice_is_named_with_both_rows() {
    let csv = "Đơn vị;Chỉ tiêu;Thu nhận\nBa Tri;100;90\nBình Đại;100;80\nBA TRI;50;40\nBa Tri 2;10;5\nGiồng Trôm;100;70\nbình đại;10;10\nBình Đại;20;10\n";
    let wb = read_workbook("dup.csv", csv.as_bytes()).unwrap();
    let table = Table::from_sheet(&wb.sheets[0]).unwrap();
    let mapping = guess_mapping(&table).unwrap();
    let a = analyze(&table, &mapping).unwrap();
    let dups = duplicates_of(&a);
    assert_eq!(
        dups,
        vec![
            ("Ba Tri".to_string(), vec![2, 4]),
            ("Bình Đại".to_string(), vec![3, 7, 8]),
        ]
    );
}

#[test]
fn a_unit_twice_under_one_indicator_of_a_long_layout_is_named_and_others_are_not() {
    // Long: one row per commune and indicator. "Tân Lập" twice under one indicator of one
    // district is a duplicate; the same name in another district, or under the other
    // indicator, is not.
    let csv = "Huyện;Xã;Chỉ tiêu;Kế hoạch;Thực hiện\n\
               Ba Tri;Tân Lập;Căn cước;100;90\n\
               Ba Tri;Tân Lập;Định danh;100;60\n\
               Ba Tri;An Hòa;Căn cước;100;80\n\
               Chợ Lách;Tân Lập;Căn cước;100;70\n\
               Ba Tri;TÂN LẬP;Căn cước;50;40\n\
               Chợ Lách;An Hòa;Định danh;100;50\n";
    let wb = read_workbook("long.csv", csv.as_bytes()).unwrap();
    let table = Table::from_sheet(&wb.sheets[0]).unwrap();
    let mut mapping = guess_mapping(&table).unwrap();
    mapping.indicator_column = Some(2);
    mapping.parents = vec![0];
    mapping.unit = 1;
    mapping.indicators.truncate(1);
    mapping.indicators[0].achieved = 4;
    mapping.indicators[0].target = Some(attain_core::analysis::TargetSource::Column(3));
    let a = analyze(&table, &mapping).unwrap();
    assert_eq!(a.indicators.len(), 2);
    let dups = duplicates_of(&a);
    assert_eq!(dups, vec![("Tân Lập".to_string(), vec![2, 6])]);
}
