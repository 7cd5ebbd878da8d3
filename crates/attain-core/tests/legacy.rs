//! Detection and conversion of text typed in the legacy TCVN3 and VNI fonts, on real-looking
//! unit lists: the 63 provinces before 2025 and Bến Tre's districts, each as a column in
//! Unicode, in TCVN3 and in VNI; English and other Latin text must never be converted.
//! The false-positive and false-negative counts are printed (`cargo test --test legacy --
//! --nocapture`) and asserted to be zero.

use attain_core::legacy::{convert_sheet, decode, encode_tcvn3, encode_vni, Choice, Legacy};
use attain_core::model::{Cell, Sheet};

const PROVINCES: &[&str] = &[
    "An Giang",
    "Bà Rịa – Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lạng Sơn",
    "Lào Cai",
    "Lâm Đồng",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "TP. Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

const BEN_TRE: &[&str] = &[
    "Thành phố Bến Tre",
    "Châu Thành",
    "Chợ Lách",
    "Mỏ Cày Nam",
    "Mỏ Cày Bắc",
    "Giồng Trôm",
    "Bình Đại",
    "Ba Tri",
    "Thạnh Phú",
    "Tổng cộng",
];

const OTHER_LATIN: &[&str] = &[
    "Total",
    "District 1",
    "North Zone",
    "Café Müller",
    "São Paulo",
    "Zürich",
    "naïve",
    "Ørsted",
    "Straße",
    "Malmö",
    "Ångström",
    "Curaçao",
    "El Niño",
    "Björk",
    "Gdańsk",
    "Señor",
    "Crème brûlée",
    "Français",
    "Øresund",
    "Düsseldorf",
    "50 ± 2",
    "12 × 3",
    "© 2023",
    "½ kg",
    "Nguyen Van An",
    "Ben Tre",
    "Hoa Binh",
    "Phu Rieng",
];

fn column(cells: &[String]) -> Sheet {
    Sheet {
        name: "s".into(),
        rows: cells.iter().map(|c| vec![Cell::Text(c.clone())]).collect(),
        ..Default::default()
    }
}

fn texts(sheet: &Sheet) -> Vec<String> {
    sheet
        .rows
        .iter()
        .map(|r| match &r[0] {
            Cell::Text(t) => t.clone(),
            _ => String::new(),
        })
        .collect()
}

/// Converts a column and counts: false negatives (a legacy cell not brought back to its
/// Unicode text) and false positives (a cell changed that should not have been).
fn run(original: &[&str], stored: &[String], hint: Option<Legacy>) -> (usize, usize, Vec<String>) {
    let mut sheet = column(stored);
    convert_sheet(&mut sheet, &[], hint);
    let out = texts(&sheet);
    let (mut fneg, mut fpos) = (0, 0);
    let mut wrong = Vec::new();
    for ((o, s), got) in original.iter().zip(stored).zip(&out) {
        let legacy = s != o;
        if got != o {
            if legacy {
                fneg += 1;
            } else {
                fpos += 1;
            }
            wrong.push(format!("{s:?} → {got:?} (want {o:?})"));
        }
    }
    (fneg, fpos, wrong)
}

#[test]
fn unit_lists_in_every_encoding() {
    let mut report = Vec::new();
    for (name, list) in [("63 provinces", PROVINCES), ("Bến Tre", BEN_TRE)] {
        let unicode: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        let tcvn3: Vec<String> = list.iter().map(|s| encode_tcvn3(s)).collect();
        let vni: Vec<String> = list.iter().map(|s| encode_vni(s)).collect();
        for (enc, stored) in [("Unicode", &unicode), ("TCVN3", &tcvn3), ("VNI", &vni)] {
            let (fneg, fpos, wrong) = run(list, stored, None);
            report.push(format!(
                "{name} in {enc}: {} cells, {fneg} false negatives, {fpos} false positives",
                list.len()
            ));
            assert_eq!((fneg, fpos), (0, 0), "{name} in {enc}: {wrong:#?}");
        }
    }
    let latin: Vec<String> = OTHER_LATIN.iter().map(|s| s.to_string()).collect();
    let (_, fpos, wrong) = run(OTHER_LATIN, &latin, None);
    report.push(format!(
        "English and other Latin text: {} cells, {fpos} false positives",
        latin.len()
    ));
    assert_eq!(fpos, 0, "{wrong:#?}");
    // Even with a workbook whose fonts say TCVN3, Unicode and English stay as they are.
    let mixed: Vec<&str> = PROVINCES.iter().chain(OTHER_LATIN).copied().collect();
    let stored: Vec<String> = mixed.iter().map(|s| s.to_string()).collect();
    let (_, fpos, wrong) = run(&mixed, &stored, Some(Legacy::Tcvn3));
    assert_eq!(fpos, 0, "{wrong:#?}");
    // Cell by cell, without the column's help: how many legacy cells show evidence alone.
    for (enc, f) in [
        ("TCVN3", encode_tcvn3 as fn(&str) -> String),
        ("VNI", encode_vni),
    ] {
        let cells: Vec<String> = PROVINCES
            .iter()
            .map(|p| f(p))
            .filter(|c| !c.is_ascii())
            .collect();
        let alone = cells
            .iter()
            .filter(|c| {
                let e = attain_core::legacy::evidence(&[c.as_str()]);
                e.tcvn3 + e.vni > 0
            })
            .count();
        report.push(format!(
            "cell by cell, {enc}: {alone} of {} non-ASCII province cells are evidence on their own",
            cells.len()
        ));
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn a_column_that_mixes_converts_only_its_legacy_cells() {
    let list: Vec<&str> = PROVINCES.iter().take(20).copied().collect();
    let stored: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i % 2 == 1 {
                encode_tcvn3(s)
            } else {
                s.to_string()
            }
        })
        .collect();
    let (fneg, fpos, wrong) = run(&list, &stored, None);
    // A TCVN3 cell made only of letters Unicode shares ("Hà Nam" is "Hµ Nam": not shared) is
    // converted; the Unicode cells stay.
    assert_eq!((fneg, fpos), (0, 0), "{wrong:#?}");
}

#[test]
fn the_user_switches_a_column_off_or_forces_it() {
    let stored = vec![encode_tcvn3("Thạnh Phú"), encode_tcvn3("Ba Tri")];
    let mut sheet = column(&stored);
    convert_sheet(&mut sheet, &[], None);
    assert_eq!(texts(&sheet)[0], "Thạnh Phú");
    assert_eq!(sheet.legacy[0].encoding, Legacy::Tcvn3);
    assert_eq!(sheet.legacy[0].cells, 1);
    // Off: the file's text comes back.
    convert_sheet(&mut sheet, &[(0, Choice::Off)], None);
    assert_eq!(texts(&sheet), stored);
    assert!(sheet.legacy.is_empty());
    // Forced as VNI on text that is not: the user's choice, converted where it changes.
    convert_sheet(&mut sheet, &[(0, Choice::Force(Legacy::Tcvn3))], None);
    assert_eq!(texts(&sheet)[0], "Thạnh Phú");
    assert!(sheet.legacy[0].forced);
    assert_eq!(decode(&encode_vni("Giồng Trôm"), Legacy::Vni), "Giồng Trôm");
}
