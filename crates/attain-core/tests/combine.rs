//! Several offices' reports of one date combined into one report, targets from an assignment
//! file, and who has not reported: on tests/fixtures/combine/ (see its EXPECTED.md), and
//! properties over generated reports.

use attain_core::analysis::targets::TargetFix;
use attain_core::analysis::{Analysis, Warning};
use attain_core::report::csv::results_csv;
use attain_core::report::messages::warning;
use attain_core::report::Lang;
use attain_core::session::{Command, Session, Sheets, SourceError};
use proptest::prelude::*;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/combine/");
const REPORTS: [&str; 3] = [
    "chau-thanh-2023-11-14.xlsx",
    "cho-lach-2023-11-14.csv",
    "mo-cay-nam-2023-11-14.xlsx",
];
const TARGETS: &str = "giao-chi-tieu-2023.xlsx";

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).unwrap()
}

fn session_of(files: &[&str]) -> Session {
    let mut s = Session::new();
    for f in files {
        s.add_file(f, &bytes(f), &Default::default(), &Sheets::Best)
            .unwrap();
    }
    s
}

fn report(s: &Session) -> &Analysis {
    let latest = s.series().unwrap().latest;
    s.report_of(latest).unwrap()
}

/// (achieved, target) of a rollup by name, of the indicator at `i`.
fn group(a: &Analysis, i: usize, name: &str) -> (f64, f64) {
    let g = a.indicators[i]
        .groups
        .iter()
        .find(|g| g.name() == name)
        .unwrap_or_else(|| panic!("no group {name}"));
    (g.total.achieved, g.total.target)
}

#[test]
fn three_district_reports_of_one_date_are_one_report() {
    let s = session_of(&REPORTS);
    assert_eq!(s.reports().len(), 1, "one date, one report");
    let a = report(&s);
    assert_eq!(a.files, REPORTS.map(String::from).to_vec());
    // Each file's office (its title block) is the parent level.
    assert_eq!(a.parent_levels, vec!["Huyện".to_string()]);
    let names: Vec<&str> = a.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["Thu nhận", "Kích hoạt"]);
    // No target in any report: the received count is not taken as the activated's target.
    assert!(a.indicators.iter().all(|i| i.total.target == 0.0));
    assert_eq!(a.indicators[0].units.len(), 21 + 10 + 16);
    assert_eq!(group(&a.clone(), 0, "Châu Thành").0, 105_723.0);
    assert_eq!(group(a, 0, "Chợ Lách").0, 66_565.0);
    assert_eq!(group(a, 1, "Mỏ Cày Nam").0, 74_770.0);
    assert_eq!(a.indicators[0].total.achieved, 263_753.0);
    assert_eq!(a.indicators[1].total.achieved, 215_145.0);
    // Every unit row keeps its file.
    let hoa = a.indicators[0]
        .units
        .iter()
        .find(|u| &*u.unit == "Xã Sơn Định")
        .unwrap();
    assert_eq!(a.files[hoa.file as usize], "cho-lach-2023-11-14.csv");
    assert_eq!(&hoa.parents[..], ["Chợ Lách".to_string()]);
    // Indicators matched across templates by name, and said so.
    let said: Vec<String> = a.warnings.iter().map(|w| warning(Lang::Vi, w)).collect();
    assert!(said
        .iter()
        .any(|w| w.contains("“Số hồ sơ đã thu nhận” được cộng vào “Thu nhận”")));
    assert!(said
        .iter()
        .any(|w| w.contains("“Kích hoạt tài khoản” được cộng vào “Kích hoạt”")));
}

#[test]
fn targets_from_the_assignment_and_who_has_not_reported() {
    let mut s = session_of(&REPORTS);
    s.set_targets(TARGETS, &bytes(TARGETS), &Default::default())
        .unwrap();
    let joined = s.reports()[0].joined.clone().unwrap();
    // Every name matched by its key ("TT. Chợ Lách", "Sơn Hoà", "XÃ AN HOÁ") but one.
    assert_eq!(joined.matched, 46);
    let unmatched: Vec<&str> = joined.unmatched.iter().map(|u| u.unit.as_str()).collect();
    assert_eq!(unmatched, vec!["Xã Tân Thiềng"]);
    let unclaimed: Vec<&str> = joined
        .unclaimed
        .iter()
        .map(|(_, u)| u.unit.as_str())
        .collect();
    assert_eq!(unclaimed, vec!["Xã Hòa Nghĩa", "Xã Tân Thiền"]);
    // The user's fix: the report's Tân Thiềng is the assignment's Tân Thiền.
    let (at, _) = joined.unclaimed[1].clone();
    s.run(
        Command::FixTarget(TargetFix {
            unit: "Xã Tân Thiềng".into(),
            parents: vec!["Chợ Lách".into()],
            assigned: Some(at),
        }),
        Vec::new(),
    )
    .unwrap();
    let joined = s.reports()[0].joined.clone().unwrap();
    assert_eq!(joined.fixed.len(), 1);
    assert_eq!(joined.fixed[0].2.unit, "Xã Tân Thiền");
    let a = report(&s);
    // Each district's Σ/Σ (EXPECTED.md), and the whole.
    assert_eq!(group(a, 0, "Châu Thành"), (105_723.0, 117_340.0));
    assert_eq!(group(a, 0, "Chợ Lách"), (66_565.0, 72_218.0));
    assert_eq!(group(a, 1, "Mỏ Cày Nam"), (74_770.0, 102_424.0));
    let whole = &a.indicators[0].total;
    assert_eq!((whole.achieved, whole.target), (263_753.0, 291_982.0));
    assert_eq!(
        format!("{:.4}", whole.rate().unwrap()),
        format!("{:.4}", 263_753.0 / 291_982.0)
    );
    assert_eq!(a.indicators[1].total.achieved, 215_145.0);
    // The missing commune, named with its district, in the summary and the export.
    let names: Vec<(String, Vec<String>)> = a
        .unreported
        .iter()
        .map(|u| (u.unit.clone(), u.parents.clone()))
        .collect();
    assert_eq!(
        names,
        vec![("Xã Hòa Nghĩa".to_string(), vec!["Chợ Lách".to_string()])]
    );
    let summary = attain_core::report::summary::summary(a, Default::default(), Lang::Vi);
    assert!(
        summary.contains("Chưa báo cáo (1): Xã Hòa Nghĩa (Chợ Lách)."),
        "{summary}"
    );
    let csv = results_csv(a);
    assert!(
        csv.starts_with("\u{feff}level,unit,parent,indicator,achieved,target,rate,gap,file\r\n")
    );
    assert!(
        csv.contains("\r\nnot_reported,Xã Hòa Nghĩa,Chợ Lách,,,,,,\r\n"),
        "{csv}"
    );
    assert!(csv.contains("\r\nunit,Xã Sơn Định,Chợ Lách,Thu nhận,"));
    assert!(csv.contains(",cho-lach-2023-11-14.csv\r\n"));
}

#[test]
fn a_targets_file_with_nothing_in_common_says_so_with_names_of_both() {
    let mut s = session_of(&REPORTS);
    // Bình Phước's districts are no commune of these reports.
    let other = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/binh-phuoc-4g-2024-07-03.csv"
    ))
    .unwrap();
    let e = s
        .set_targets("binh-phuoc-4g-2024-07-03.csv", &other, &Default::default())
        .unwrap_err();
    let SourceError::NothingInCommon {
        report, targets, ..
    } = &e
    else {
        panic!("{e:?}");
    };
    assert_eq!(report.len(), 3);
    assert_eq!(targets, &["Đồng Xoài", "Bình Long", "Phước Long"]);
    let text = attain_core::report::messages::source_error(Lang::En, &e);
    assert!(
        text.starts_with("The targets file “binh-phuoc-4g-2024-07-03.csv” has no unit in common"),
        "{text}"
    );
    // The report is as it was.
    assert!(s.reports()[0].joined.is_none());
}

#[test]
fn a_file_given_twice_counts_once_and_the_same_unit_in_two_files_is_flagged() {
    let mut s = session_of(&REPORTS);
    let again = s
        .add_file(
            REPORTS[1],
            &bytes(REPORTS[1]),
            &Default::default(),
            &Sheets::Best,
        )
        .unwrap();
    assert_eq!(again, 0);
    assert_eq!(report(&s).indicators[0].total.achieved, 263_753.0);
    // The same district's report under another name: each of its communes flagged with both
    // files (same figures).
    s.add_file(
        "cho-lach-ban-sua.csv",
        &bytes(REPORTS[1]),
        &Default::default(),
        &Sheets::Best,
    )
    .unwrap();
    let a = report(&s);
    let flagged: Vec<&Warning> = a
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::SameUnitInFiles { .. }))
        .collect();
    assert_eq!(flagged.len(), 10);
    let text = warning(Lang::Vi, flagged[0]);
    assert_eq!(
        text,
        "Thị trấn Chợ Lách (Chợ Lách) có trong 2 tệp: “cho-lach-2023-11-14.csv”, “cho-lach-ban-sua.csv”, cùng số liệu; cả hai dòng đều được tính, hãy bỏ bớt một tệp nếu gửi trùng."
    );
}

#[test]
fn a_file_left_out_leaves_the_report() {
    let mut s = Session::new();
    let first = REPORTS[0];
    s.run(
        Command::Open {
            name: first.into(),
            options: Default::default(),
            templates: Vec::new(),
        },
        bytes(first),
    )
    .unwrap();
    for f in &REPORTS[1..] {
        let answer = s
            .run(
                Command::AddDate {
                    name: f.to_string(),
                    options: Default::default(),
                },
                bytes(f),
            )
            .unwrap();
        assert_eq!(answer.error, None);
    }
    let answer = s.run(Command::LeaveOut(2, true), Vec::new()).unwrap();
    let group: Vec<(usize, bool)> = answer
        .group
        .iter()
        .map(|m| (m.source, m.left_out))
        .collect();
    assert_eq!(group, vec![(0, false), (1, false), (2, true)]);
    assert_eq!(
        answer.group[1].office.as_deref(),
        Some("Chợ Lách"),
        "the office from the title block"
    );
    let a = s.report_of(s.series().unwrap().latest).unwrap();
    assert_eq!(a.indicators[0].total.achieved, 105_723.0 + 66_565.0);
}

/// A report of communes under districts, as CSV rows.
fn csv_of(rows: &[(usize, usize, u32, u32)]) -> String {
    let mut out = String::from("Huyện,Xã,Chỉ tiêu,Thu nhận\n");
    for (d, c, t, a) in rows {
        out.push_str(&format!("Huyện số {d},Xã số {d}-{c},{t},{a}\n"));
    }
    out
}

/// The figures of an analysis, in an order that does not depend on the rows': every unit and
/// group by name, and the whole.
fn figures(a: &Analysis) -> Vec<String> {
    let ind = &a.indicators[0];
    let mut out: Vec<String> = ind
        .units
        .iter()
        .map(|u| {
            format!(
                "{:?} {} {:?} {:?}",
                u.parents,
                u.unit,
                u.achieved.get(),
                u.target.get()
            )
        })
        .collect();
    out.extend(
        ind.groups
            .iter()
            .map(|g| format!("{:?} {} {}", g.path, g.total.achieved, g.total.target)),
    );
    out.sort();
    out.push(format!("{} {}", ind.total.achieved, ind.total.target));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A report split into files by district and combined gives the original's results, in
    /// whatever order the files come.
    #[test]
    fn a_report_split_by_parent_and_combined_is_the_original(
        sizes in proptest::collection::vec(2usize..6, 1..5),
        seed in 0u32..1000,
        rotate in 0usize..5,
    ) {
        let mut rows = Vec::new();
        for (d, n) in sizes.iter().enumerate() {
            for c in 0..*n {
                let t = 100 + (seed * 7 + (d * 13 + c * 31) as u32) % 900;
                let a = (seed * 11 + (d * 17 + c * 5) as u32) % 1200;
                rows.push((d + 1, c + 1, t, a));
            }
        }
        let whole = session_of_texts(&[("tinh.csv".to_string(), csv_of(&rows))]);
        let mut parts: Vec<(String, String)> = (1..=sizes.len())
            .map(|d| {
                let mine: Vec<_> = rows.iter().copied().filter(|r| r.0 == d).collect();
                (format!("huyen-{d}.csv"), csv_of(&mine))
            })
            .collect();
        let n = parts.len();
        parts.rotate_left(rotate % n);
        let split = session_of_texts(&parts);
        prop_assert_eq!(figures(report(&split)), figures(report(&whole)));
        // Another order of the same files: the same export, byte for byte.
        parts.reverse();
        let reversed = session_of_texts(&parts);
        prop_assert_eq!(results_csv(report(&reversed)), results_csv(report(&split)));
    }
}

fn session_of_texts(files: &[(String, String)]) -> Session {
    let mut s = Session::new();
    for (name, text) in files {
        s.add_file(name, text.as_bytes(), &Default::default(), &Sheets::Best)
            .unwrap();
    }
    s
}

#[test]
fn a_list_of_citizens_gives_the_figures_of_the_count_report() {
    let list = session_of(&["hoa-nghia-danh-sach-2023-11-14.csv"]);
    let report_file = session_of(&["hoa-nghia-2023-11-14.xlsx"]);
    let info = list.sources()[0].list.clone().expect("read as a list");
    assert_eq!((info.rows, info.units, info.without_unit), (1847, 6, 0));
    assert_eq!(info.unit_column, "Ấp");
    assert_eq!(info.status_column.as_deref(), Some("Trạng thái"));
    assert_eq!(
        info.statuses,
        vec!["Đã kích hoạt", "Chưa kích hoạt", "Đang xử lý"]
    );
    assert_eq!(info.done.as_deref(), Some("Đã kích hoạt"));
    assert_eq!(
        report_file.sources()[0].list,
        None,
        "a count report is no list"
    );
    let l = &report(&list).indicators[0];
    let r = report(&report_file);
    assert_eq!(l.name, "Đã kích hoạt");
    assert_eq!(
        l.part_names,
        vec!["Đã kích hoạt", "Chưa kích hoạt", "Đang xử lý"]
    );
    // Per hamlet: the done rows are the report's activated, all rows its received.
    let (received, activated) = (&r.indicators[0], &r.indicators[1]);
    assert_eq!(l.units.len(), 6);
    for (u, (rec, act)) in l
        .units
        .iter()
        .zip(received.units.iter().zip(&activated.units))
    {
        assert_eq!(u.unit, rec.unit);
        assert_eq!(u.achieved.get(), act.achieved.get(), "{}", u.unit);
        let rows: f64 = u.parts.iter().map(|p| p.unwrap_or(0.0)).sum();
        assert_eq!(Some(rows), rec.achieved.get(), "{}", u.unit);
        assert_eq!(u.target.get(), None, "no target until one is given");
    }
    assert_eq!(l.total.achieved, 1412.0);
    assert_eq!(l.total.parts, vec![1412.0, 343.0, 92.0]);
}

/// A list's rows: (district, commune, status) with the status's index.
fn list_csv(rows: &[(usize, usize, usize)]) -> String {
    const STATUS: [&str; 3] = ["Đã kích hoạt", "Chưa kích hoạt", "Đang xử lý"];
    let mut out = String::from("STT,Họ và tên,Huyện,Xã,Trạng thái\n");
    for (i, (d, c, s)) in rows.iter().enumerate() {
        out.push_str(&format!(
            "{},Người số {i},Huyện số {d},Xã số {d}-{c},{}\n",
            i + 1,
            STATUS[*s]
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A list counted per unit gives what the count report of the same figures gives, with
    /// the same columns mapped.
    #[test]
    fn a_list_counted_is_its_count_report(
        rows in proptest::collection::vec((1usize..4, 1usize..5, 0usize..3), 40..160),
    ) {
        // Every status and several communes present, so that the list is one.
        let mut rows = rows;
        rows.extend([(1, 1, 0), (1, 2, 1), (2, 1, 2), (1, 1, 0), (2, 1, 1), (1, 2, 0)]);
        let list = session_of_texts(&[("danh-sach.csv".into(), list_csv(&rows))]);
        let source = &list.sources()[0];
        prop_assert!(source.list.is_some());
        let mapping = source.mapping.clone().unwrap();
        // The count report, written by hand from the same rows, in the list's order of units.
        let a = report(&list);
        let ind = &a.indicators[0];
        let mut csv = String::from("Huyện,Xã,Tổng số dòng");
        for p in &ind.part_names {
            csv.push(',');
            csv.push_str(p);
        }
        csv.push('\n');
        const STATUS: [&str; 3] = ["Đã kích hoạt", "Chưa kích hoạt", "Đang xử lý"];
        for u in &ind.units {
            let mine: Vec<_> = rows
                .iter()
                .filter(|(d, c, _)| format!("Xã số {d}-{c}") == *u.unit)
                .collect();
            csv.push_str(&format!("{},{},{}", u.parents[0], u.unit, mine.len()));
            for p in &ind.part_names {
                let k = STATUS.iter().position(|s| s == p).unwrap();
                csv.push_str(&format!(",{}", mine.iter().filter(|r| r.2 == k).count()));
            }
            csv.push('\n');
        }
        let mut counts = session_of_texts(&[("bao-cao.csv".into(), csv)]);
        prop_assert!(counts.sources()[0].list.is_none());
        counts.set_mapping(0, mapping).unwrap();
        prop_assert_eq!(figures(report(&counts)), figures(a));
        prop_assert_eq!(&report(&counts).indicators[0].total.parts, &ind.total.parts);
    }
}

#[test]
fn without_targets_the_units_of_the_date_before_say_who_has_not_reported() {
    let before = "Huyện,Xã,Chỉ tiêu,Thu nhận\nChợ Lách,Xã Hòa Nghĩa,100,40\nChợ Lách,Xã Long Thới,200,90\nChợ Lách,Xã Phú Sơn,150,70\n";
    let now =
        "Huyện,Xã,Chỉ tiêu,Thu nhận\nChợ Lách,Xã Long Thới,200,120\nChợ Lách,Xã Phú Sơn,150,95\n";
    let mut s = Session::new();
    s.run(
        Command::Open {
            name: "cho-lach-2023-11-07.csv".into(),
            options: Default::default(),
            templates: Vec::new(),
        },
        before.as_bytes().to_vec(),
    )
    .unwrap();
    let answer = s
        .run(
            Command::AddDate {
                name: "cho-lach-2023-11-14.csv".into(),
                options: Default::default(),
            },
            now.as_bytes().to_vec(),
        )
        .unwrap();
    let named: Vec<(String, Vec<String>)> = answer
        .unreported
        .iter()
        .map(|u| (u.unit.clone(), u.parents.clone()))
        .collect();
    assert_eq!(
        named,
        vec![("Xã Hòa Nghĩa".to_string(), vec!["Chợ Lách".to_string()])]
    );
    let reply = s.query(&attain_core::session::Query::Summary {
        lang: Lang::Vi,
        deadline: None,
    });
    let attain_core::session::Reply::Summary(Some(text)) = reply else {
        panic!("{reply:?}");
    };
    assert!(
        text.contains("Chưa báo cáo (1): Xã Hòa Nghĩa (Chợ Lách). Số liệu trên chỉ tính các đơn vị đã báo cáo."),
        "{text}"
    );
}

#[test]
fn a_file_that_is_no_report_among_several_gets_its_message_and_the_others_combine() {
    let mut s = Session::new();
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bao-cao.pdf"
    ))
    .unwrap();
    let first = s.run(
        Command::Open {
            name: "bao-cao.pdf".into(),
            options: Default::default(),
            templates: Vec::new(),
        },
        pdf,
    );
    assert!(first.is_err(), "a PDF is refused with its message");
    let mut last = None;
    for f in REPORTS {
        last = Some(
            s.run(
                Command::AddToBatch {
                    name: f.to_string(),
                    options: Default::default(),
                },
                bytes(f),
            )
            .unwrap(),
        );
    }
    let answer = last.unwrap();
    assert_eq!(answer.group.len(), 3);
    assert_eq!(report(&s).indicators[0].total.achieved, 263_753.0);
}

#[test]
fn the_users_office_name_and_an_undone_fix() {
    let mut s = session_of(&REPORTS);
    s.set_targets(TARGETS, &bytes(TARGETS), &Default::default())
        .unwrap();
    let at = s.reports()[0].joined.clone().unwrap().unclaimed[1].0;
    let fix = |assigned| {
        Command::FixTarget(TargetFix {
            unit: "Xã Tân Thiềng".into(),
            parents: vec!["Chợ Lách".into()],
            assigned,
        })
    };
    s.run(fix(Some(at)), Vec::new()).unwrap();
    assert_eq!(report(&s).unreported.len(), 1);
    s.run(fix(None), Vec::new()).unwrap();
    assert_eq!(report(&s).unreported.len(), 2, "the fix undone");
    // Source 2 is Mỏ Cày Nam's file: renamed, its units come under the new name.
    s.run(
        Command::SetOffice(2, " Mỏ Cày Nam (CA huyện) ".into()),
        Vec::new(),
    )
    .unwrap();
    let a = report(&s);
    assert_eq!(group(a, 0, "Mỏ Cày Nam (CA huyện)").0, 91_465.0);
    assert_eq!(a.parent_levels, vec!["Huyện".to_string()]);
    s.run(Command::SetOffice(2, String::new()), Vec::new())
        .unwrap();
    assert_eq!(group(report(&s), 0, "Mỏ Cày Nam").0, 91_465.0);
}

#[test]
fn an_indicator_kept_apart_by_the_user_is_not_matched_by_name() {
    let mut s = session_of(&REPORTS);
    s.run(
        Command::KeepApart(2, "Kích hoạt tài khoản".into(), true),
        Vec::new(),
    )
    .unwrap();
    let a = report(&s);
    let names: Vec<&str> = a.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["Thu nhận", "Kích hoạt", "Kích hoạt tài khoản"]);
    assert_eq!(a.indicators[1].total.achieved, 87_418.0 + 52_957.0);
    assert_eq!(a.indicators[2].total.achieved, 74_770.0);
    s.run(
        Command::KeepApart(2, "Kích hoạt tài khoản".into(), false),
        Vec::new(),
    )
    .unwrap();
    assert_eq!(report(&s).indicators[1].total.achieved, 215_145.0);
}
