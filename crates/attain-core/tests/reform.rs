//! Reports across the 2025 reform, found in the register: on tests/fixtures/reform/ (made by
//! make_reform_fixtures.py from the register's own names and old → new table; figures made
//! up). Huyện U Minh's communes on 15-05-2025 and Tỉnh Cà Mau's new communes on 15-09-2025.

use attain_core::analysis::series::UnitChange;
use attain_core::places::{Era, Known, Level};
use attain_core::register::Register;
use attain_core::session::{Command, Session, Sheets};
use std::sync::Arc;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/reform/");
const BEFORE: &str = "u-minh-2025-05-15.csv";
const AFTER: &str = "ca-mau-2025-09-15.csv";

fn known() -> Arc<Known> {
    Arc::new(Known::new(Register::of_2025().unwrap()))
}

fn session_of(files: &[&str], register: bool) -> Session {
    let mut s = Session::new();
    if register {
        s.set_register(known());
    }
    for f in files {
        let bytes = std::fs::read(format!("{DIR}{f}")).unwrap();
        s.add_file(f, &bytes, &Default::default(), &Sheets::Best)
            .unwrap();
    }
    s
}

fn unit<'a>(units: &'a [UnitChange], name: &str) -> &'a UnitChange {
    units
        .iter()
        .find(|u| &*u.unit == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
}

#[test]
fn each_report_is_placed_on_its_side_of_the_reform() {
    let s = session_of(&[BEFORE, AFTER], true);
    let placed: Vec<_> = s
        .reports()
        .iter()
        .map(|r| r.placement.clone().unwrap())
        .collect();
    let before = placed.iter().find(|p| p.era == Some(Era::Before)).unwrap();
    let after = placed.iter().find(|p| p.era == Some(Era::After)).unwrap();
    assert_eq!(before.level, Some(Level::Commune));
    assert_eq!((before.units, before.found()), (8, 8));
    assert_eq!(before.home.as_ref().unwrap().name, "Huyện U Minh");
    assert!(
        before.missing.is_empty(),
        "every commune of U Minh reported"
    );
    assert_eq!((after.units, after.found()), (63, 63));
    assert_eq!(after.home.as_ref().unwrap().name, "Tỉnh Cà Mau");
    // Who has not reported, by the register.
    let missing: Vec<&str> = after.missing.iter().map(|m| m.unit.as_str()).collect();
    assert_eq!(missing, vec!["Xã Đất Mũi"]);
    // Codes are read with their side: 32044 was Thị trấn U Minh and is now Xã Nguyễn Phích.
    let a = s.report_of(s.series().unwrap().latest).unwrap();
    let np = a.indicators[0]
        .units
        .iter()
        .find(|u| &*u.unit == "Xã Nguyễn Phích")
        .unwrap();
    let place = after.of(&np.row).unwrap();
    assert_eq!((place.code.as_str(), place.era), ("32044", Era::After));
    let reform = attain_core::dates::Date::new(2025, 7, 1).unwrap();
    let old = s
        .reports()
        .iter()
        .find(|r| r.as_of.unwrap() < reform)
        .unwrap();
    let old_a = s.analysis_of(old).unwrap();
    let tt = old_a.indicators[0]
        .units
        .iter()
        .find(|u| &*u.unit == "Thị trấn U Minh")
        .unwrap();
    let p = before.of(&tt.row).unwrap();
    assert_eq!(
        (p.code.as_str(), p.name.as_str()),
        ("32044", "Thị trấn U Minh")
    );
}

#[test]
fn each_new_commune_is_compared_with_the_old_ones_it_absorbed() {
    let s = session_of(&[BEFORE, AFTER], true);
    let c = s.series().unwrap().comparison.unwrap();
    let across = c
        .reform
        .as_ref()
        .expect("the comparison is across the reform");
    let ind = &c.indicators[0];
    // Xã Nguyễn Phích = Thị trấn U Minh + Xã Khánh Thuận (split) + Xã Nguyễn Phích (split):
    // 1.500 + 1.880 + 2.260 = 5.640 before, 7.189 now.
    let np = unit(&ind.units, "Xã Nguyễn Phích");
    assert_eq!(np.change.achieved_before, Some(5_640.0));
    assert_eq!(np.change.achieved, Some(7_189.0));
    assert_eq!(np.change.delta(), Some(1_549.0));
    // Xã U Minh = Xã Khánh Hòa + Xã Khánh Tiến (not the old town of the same name).
    let um = unit(&ind.units, "Xã U Minh");
    assert_eq!(um.change.achieved_before, Some(1_690.0 + 2_070.0));
    assert_eq!(um.change.delta(), Some(7_230.0 - 3_760.0));
    assert_eq!(
        unit(&ind.units, "Xã Khánh An").change.achieved_before,
        Some(2_640.0)
    );
    let kl = unit(&ind.units, "Xã Khánh Lâm");
    assert_eq!(kl.change.achieved_before, Some(2_450.0 + 2_830.0));
    // The rate before is Σachieved/Σtarget of the absorbed units.
    let rate = np.change.rate_before.unwrap();
    assert!((rate - 5_640.0 / 10_500.0).abs() < 1e-12, "{rate}");
    // The whole, like for like: the four new communes at both dates.
    assert_eq!(ind.total.achieved_before, Some(17_320.0));
    assert_eq!(
        ind.total.achieved,
        Some(7_189.0 + 7_230.0 + 7_271.0 + 7_312.0)
    );
    // The split communes are listed: the comparison is approximate.
    assert!(across.approximate());
    let mut split: Vec<(&str, &str)> = across
        .splits
        .iter()
        .map(|s| (s.old.as_str(), s.into.as_str()))
        .collect();
    split.sort();
    assert_eq!(
        split,
        vec![
            ("Xã Khánh Lâm", "Xã Khánh Lâm"),
            ("Xã Khánh Thuận", "Xã Nguyễn Phích"),
            ("Xã Nguyễn Phích", "Xã Nguyễn Phích"),
        ]
    );
    let absorbed = across.absorbed.iter().find(|a| a.code == "32044").unwrap();
    assert_eq!(
        absorbed.from,
        vec!["Thị trấn U Minh", "Xã Khánh Thuận", "Xã Nguyễn Phích"]
    );
    assert!(across.unplaced.is_empty());
    // The other 59 new communes are in the later report only.
    assert_eq!(c.missing_total, 59);
}

#[test]
fn without_the_register_names_are_matched_as_before() {
    let s = session_of(&[BEFORE, AFTER], false);
    let c = s.series().unwrap().comparison.unwrap();
    assert!(c.reform.is_none());
    // By name alone the new Xã Nguyễn Phích meets the old commune of that name only.
    let np = unit(&c.indicators[0].units, "Xã Nguyễn Phích");
    assert_eq!(np.change.achieved_before, Some(2_260.0));
}

#[test]
fn the_register_given_later_places_the_open_report() {
    let mut s = session_of(&[], false);
    let bytes = std::fs::read(format!("{DIR}{AFTER}")).unwrap();
    s.run(
        Command::Open {
            name: AFTER.into(),
            options: Default::default(),
            templates: Vec::new(),
        },
        bytes,
    )
    .unwrap();
    let answer = s
        .run(
            Command::UseRegister(attain_core::register::DATA_2025.into()),
            Vec::new(),
        )
        .unwrap();
    let places = answer.places.unwrap();
    assert_eq!((places.units, places.found), (63, 63));
    assert_eq!(places.era, Some(Era::After));
    assert_eq!(places.missing.len(), 1);
}

#[test]
fn the_map_has_every_unit_found_at_its_centre_and_the_table_its_code() {
    use attain_core::analysis::Thresholds;
    use attain_core::session::{Query, Reply};
    let s = session_of(&[BEFORE, AFTER], true);
    let Reply::Map(Some(map)) = s.query(&Query::Map {
        indicator: 0,
        thresholds: Thresholds::default(),
    }) else {
        panic!("no map")
    };
    assert_eq!((map.era, map.level), (Era::After, Level::Commune));
    assert_eq!((map.points.len(), map.unplaced), (63, 0));
    assert!(map.provinces.is_empty(), "communes are dots, not tiles");
    // Cà Mau lies between 8.5° and 9.7° N, 104.6° and 105.8° E.
    for p in &map.points {
        assert!(
            (8.5..9.7).contains(&p.centre.0),
            "{} {:?}",
            p.unit,
            p.centre
        );
        assert!(
            (104.6..105.8).contains(&p.centre.1),
            "{} {:?}",
            p.unit,
            p.centre
        );
    }
    let np = map
        .points
        .iter()
        .find(|p| p.unit == "Xã Nguyễn Phích")
        .unwrap();
    assert_eq!(
        (np.code.as_str(), np.achieved, np.target),
        ("32044", Some(7_189.0), Some(9_073.0))
    );
    let w = s
        .window(&attain_core::session::WindowQuery {
            results: attain_core::analysis::rows::ResultsQuery {
                limit: 10,
                ..Default::default()
            },
            thresholds: Thresholds::default(),
            deadline: None,
            total_name: "Tổng".into(),
        })
        .unwrap();
    let codes: Vec<Option<&str>> = w.rows.iter().take(2).map(|r| r.code.as_deref()).collect();
    assert_eq!(codes, vec![Some("31825"), Some("31834")]);
}

#[test]
fn a_code_column_names_the_units_and_is_no_figure() {
    // The codes decide, whatever the names say: "00004" (as text) is Phường Ba Đình, 97 (a
    // number, its zeros lost) is the new Phường Hồng Hà (00097) of Hà Nội.
    let csv = "STT,Mã xã,Xã,Chỉ tiêu,Đã kích hoạt\n1,\"00004\",Sai Tên,10,5\n2,97,Tên Khác,10,6\n";
    let mut s = Session::new();
    s.set_register(known());
    s.add_file(
        "ha-noi.csv",
        csv.as_bytes(),
        &Default::default(),
        &Sheets::Best,
    )
    .unwrap();
    let a = s.report_of(0).unwrap();
    let names: Vec<&str> = a.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Đã kích hoạt"],
        "the code column is not an indicator"
    );
    let p = s.reports()[0].placement.clone().unwrap();
    let codes: Vec<String> = a.indicators[0]
        .units
        .iter()
        .map(|u| p.of(&u.row).unwrap().name.clone())
        .collect();
    assert_eq!(codes, vec!["Phường Ba Đình", "Phường Hồng Hà"]);
    assert_eq!(p.era, Some(Era::After));
    // Two of Hà Nội's 126 communes: a part of the city, not its report with most missing.
    assert!(p.missing.is_empty());
}

#[test]
fn the_trend_rolls_every_earlier_date_up_into_the_new_units() {
    // A second report of U Minh a month later, then Cà Mau after the reform.
    let june = std::fs::read_to_string(format!("{DIR}{BEFORE}"))
        .unwrap()
        .replace("15/05/2025", "16/06/2025")
        .replace(";1.500\r\n", ";1.600\r\n");
    let mut s = session_of(&[BEFORE, AFTER], true);
    s.add_file(
        "u-minh-2025-06-16.csv",
        june.as_bytes(),
        &Default::default(),
        &Sheets::Best,
    )
    .unwrap();
    let latest = s.series().unwrap().latest;
    let h = s.history_of(latest).unwrap();
    let indicator = "Số tài khoản đã kích hoạt";
    let achieved = |p: &[attain_core::analysis::trend::Point]| -> Vec<Option<f64>> {
        p.iter().map(|x| x.achieved).collect()
    };
    // Xã Nguyễn Phích at each date: the sum of its old units, then its own figure.
    assert_eq!(
        achieved(h.unit(indicator, &[], "Xã Nguyễn Phích").unwrap()),
        vec![Some(5_640.0), Some(5_740.0), Some(7_189.0)]
    );
}

#[test]
fn provinces_are_rolled_up_exactly() {
    // Bến Tre, Trà Vinh and Vĩnh Long became the new Tỉnh Vĩnh Long (Resolution 202/2025/QH15).
    let before = "Tỉnh,Chỉ tiêu,Đã kích hoạt\nTỉnh Bến Tre,100,60\nTỉnh Trà Vinh,200,120\nTỉnh Vĩnh Long,300,150\nThành phố Cần Thơ,400,300\n";
    let after = "Tỉnh,Chỉ tiêu,Đã kích hoạt\nTỉnh Vĩnh Long,600,500\nThành phố Cần Thơ,900,800\n";
    let mut s = Session::new();
    s.set_register(known());
    s.add_file(
        "tinh-2025-06-30.csv",
        before.as_bytes(),
        &Default::default(),
        &Sheets::Best,
    )
    .unwrap();
    s.add_file(
        "tinh-2025-07-31.csv",
        after.as_bytes(),
        &Default::default(),
        &Sheets::Best,
    )
    .unwrap();
    let c = s.series().unwrap().comparison.unwrap();
    let r = c.reform.as_ref().expect("across the reform");
    assert!(!r.approximate(), "provinces were never split");
    let vl = unit(&c.indicators[0].units, "Tỉnh Vĩnh Long");
    assert_eq!(vl.change.achieved_before, Some(330.0));
    assert_eq!(vl.change.delta(), Some(170.0));
    let absorbed = r
        .absorbed
        .iter()
        .find(|a| a.unit == "Tỉnh Vĩnh Long")
        .unwrap();
    assert_eq!(
        absorbed.from,
        vec!["Tỉnh Bến Tre", "Tỉnh Trà Vinh", "Tỉnh Vĩnh Long"]
    );
}

#[test]
fn names_alike_but_for_their_marks_are_told_apart_and_a_district_column_is_a_parent() {
    // Thái Nguyên has both a Xã Văn Lang and a Xã Văn Lăng; Hà Nội's old districts each have
    // their own Phường Quang Trung (Đống Đa, Hà Đông) or Xã Tân Minh (Sóc Sơn, Thường Tín).
    let after = "Tỉnh,Xã,Chỉ tiêu,Đã kích hoạt\nTỉnh Thái Nguyên,Xã Văn Lang,10,5\nTỉnh Thái Nguyên,Xã Văn Lăng,10,6\n";
    let before = "Tỉnh,Huyện,Xã,Chỉ tiêu,Đã kích hoạt\n\
        Thành phố Hà Nội,Quận Hai Bà Trưng,Phường Quỳnh Mai,10,5\n\
        Thành phố Hà Nội,Quận Đống Đa,Phường Quang Trung,10,5\n\
        Thành phố Hà Nội,Quận Đống Đa,Phường Cát Linh,10,5\n\
        Thành phố Hà Nội,Quận Đống Đa,Phường Láng Thượng,10,5\n\
        Thành phố Hà Nội,Quận Hà Đông,Phường Quang Trung,10,6\n\
        Thành phố Hà Nội,Thị xã Sơn Tây,Phường Ngô Quyền,10,5\n\
        Thành phố Hà Nội,Huyện Sóc Sơn,Xã Tân Minh,10,7\n\
        Thành phố Hà Nội,Huyện Sóc Sơn,Xã Bắc Sơn,10,5\n\
        Thành phố Hà Nội,Huyện Thường Tín,Xã Tân Minh,10,8\n\
        Thành phố Hà Nội,Huyện Thường Tín,Xã Ninh Sở,10,5\n";
    for (file, csv, expected) in [
        ("thai-nguyen-2025-09-01.csv", after, 2),
        ("ha-noi-2025-05-01.csv", before, 10),
    ] {
        let mut s = Session::new();
        s.set_register(known());
        s.add_file(file, csv.as_bytes(), &Default::default(), &Sheets::Best)
            .unwrap();
        let a = s.report_of(0).unwrap();
        let p = s.reports()[0].placement.clone().unwrap();
        assert_eq!(
            (p.found(), p.units),
            (expected, expected),
            "{file}: {:?}",
            p.unknown
        );
        let mut codes: Vec<&str> = a.indicators[0]
            .units
            .iter()
            .map(|u| {
                let place = p.of(&u.row).unwrap();
                assert_eq!(place.name, *u.unit, "{file}");
                place.code.as_str()
            })
            .collect();
        codes.dedup();
        assert_eq!(codes.len(), expected, "{file}: each unit its own code");
        if file.starts_with("ha-noi") {
            assert_eq!(
                a.parent_levels,
                vec!["Tỉnh".to_string(), "Huyện".to_string()]
            );
        }
    }
}

#[test]
fn the_same_register_again_keeps_the_placements() {
    let mut s = session_of(&[AFTER], true);
    let before = s.reports()[0].placement.clone().unwrap();
    // Given again (the page does after each new report): not read again, units not placed
    // again.
    let answer = s
        .run(
            Command::UseRegister(attain_core::register::DATA_2025.into()),
            Vec::new(),
        )
        .unwrap();
    assert!(!answer.register_wanted);
    let after = s.reports()[0].placement.clone().unwrap();
    assert!(Arc::ptr_eq(&before, &after));
    let held = &s.register().unwrap().register;
    let again = Register::parse_if_new(attain_core::register::DATA_2025, Some(held)).unwrap();
    assert!(again.is_none());
    let other = "V\t2026-01-01\nP\t01\tThành phố Hà Nội\t21.0\t105.7\n";
    assert!(Register::parse_if_new(other, Some(held)).unwrap().is_some());
}
