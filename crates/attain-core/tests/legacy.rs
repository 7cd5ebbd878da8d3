//! Detection and conversion of text typed in the legacy TCVN3 and VNI fonts, on real-looking
//! unit lists: the 63 provinces before 2025 and Bến Tre's districts, each as a column in
//! Unicode, in TCVN3 and in VNI; English and other Latin text must never be converted.
//! The false-positive and false-negative counts are printed (`cargo test --test legacy --
//! --nocapture`) and asserted to be zero.

use attain_core::legacy::{convert_sheet, decode, encode_tcvn3, encode_vni, Choice, Legacy};
use attain_core::model::{Cell, Sheet};

mod common;
use common::{BEN_TRE_DISTRICTS, PROVINCES};

/// Bến Tre's districts and its totals row.
static BEN_TRE: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| [BEN_TRE_DISTRICTS, &["Tổng cộng"]].concat());

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
        cells: attain_core::model::Grid::from_rows(
            &cells
                .iter()
                .map(|c| vec![Cell::Text(c.as_str().into())])
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        ..Default::default()
    }
}

fn texts(sheet: &Sheet) -> Vec<String> {
    sheet
        .rows()
        .map(|r| r.get(0).text().unwrap_or_default().to_string())
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
    for (name, list) in [("63 provinces", PROVINCES), ("Bến Tre", &BEN_TRE[..])] {
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

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture read by a session of its own: the best sheet, the suggested mapping.
fn dataset(name: &str) -> attain_core::session::Source {
    let file = name.rsplit('/').next().unwrap_or(name);
    let mut session = attain_core::session::Session::new();
    session
        .add_file(
            file,
            &fixture(name),
            &Default::default(),
            &Default::default(),
        )
        .unwrap();
    session.sources()[0].clone()
}

#[test]
fn reports_typed_in_legacy_fonts_read_as_unicode() {
    for (name, units) in [
        ("legacy/ben-tre-vni-2023-11-14.xlsx", 9),
        ("legacy/ben-tre-tcvn3-2023-11-14.csv", 9),
        ("legacy/ben-tre-tcvn3-2023-11-07.xlsx", 8),
    ] {
        let d = dataset(name);
        let received = &d.results().unwrap().indicators[0];
        assert_eq!(received.name, "Thu nhận", "{name}");
        assert_eq!(
            d.results().unwrap().indicators[1].name,
            "Kích hoạt",
            "{name}"
        );
        let names: Vec<&str> = received.units.iter().map(|u| &*u.unit).collect();
        let want: Vec<&str> = BEN_TRE_DISTRICTS
            .iter()
            .copied()
            .filter(|u| units == 9 || *u != "Bình Đại")
            .collect();
        assert_eq!(names, want, "{name}");
        // "Tổng cộng" is recognised once converted: the sheet's totals check out.
        assert_eq!(
            d.results().unwrap().whole_label.as_deref(),
            Some("Tổng cộng"),
            "{name}"
        );
        assert_eq!(d.results().unwrap().warnings, vec![], "{name}");
        assert!(d.as_of().is_some(), "{name}");
    }
    let vni = dataset("legacy/ben-tre-vni-2023-11-14.xlsx");
    let t = &vni.results().unwrap().indicators[0].total;
    assert_eq!((t.achieved, t.target), (822_139.0, 930_767.0));
    let wb = attain_core::read_workbook(
        "ben-tre-vni-2023-11-14.xlsx",
        &fixture("legacy/ben-tre-vni-2023-11-14.xlsx"),
    )
    .unwrap();
    assert_eq!(wb.legacy_hint, Some(Legacy::Vni));
    let sheet = &wb.sheets[0];
    let unit_column = sheet.legacy.iter().find(|c| c.column == 1).unwrap();
    assert_eq!(unit_column.encoding, Legacy::Vni);
    assert_eq!(unit_column.cells, 10);
}

#[test]
fn a_column_mixing_tcvn3_and_unicode_converts_only_the_tcvn3_cells() {
    let wb = attain_core::read_workbook("mixed-column.xlsx", &fixture("legacy/mixed-column.xlsx"))
        .unwrap();
    let sheet = &wb.sheets[0];
    let conv = &sheet.legacy;
    assert_eq!(conv.len(), 1);
    let rows: Vec<usize> = conv[0].originals.iter().map(|(r, _)| r + 1).collect();
    assert_eq!(rows, vec![3, 5, 7, 9, 11]);
    let text = |r: usize| sheet.cell(r - 1, 0).text().unwrap_or_default().to_string();
    assert_eq!(text(3), "Giồng Trôm");
    for (r, want) in [(12, "District 1"), (13, "North Zone"), (14, "Müller")] {
        assert_eq!(text(r), want);
    }
}

/// The 07-11 report typed in TCVN3 and the 14-11 one in Unicode: the units match (and the
/// change adds up) only once the names are converted.
#[test]
fn two_dates_match_once_the_names_are_converted() {
    let before = dataset("legacy/ben-tre-tcvn3-2023-11-07.xlsx");
    let now = dataset("analysis/ben-tre-2023-11-14.xlsx");
    let compare = |b: &attain_core::Analysis| {
        attain_core::analysis::series::compare(
            attain_core::analysis::series::Dated {
                as_of: before.as_of().unwrap(),
                analysis: b,
            },
            attain_core::analysis::series::Dated {
                as_of: now.as_of().unwrap(),
                analysis: now.results().unwrap(),
            },
            &[],
        )
    };
    let c = compare(before.results().unwrap());
    assert_eq!(c.missing.len(), 1, "{:?}", c.missing);
    assert_eq!(c.missing[0].unit, "Bình Đại");
    assert_eq!(c.indicators[0].total.delta(), Some(30_287.0));
    assert_eq!(c.indicators[1].total.delta(), Some(28_870.0));
    // Without the conversion nothing with a mark matches.
    let mut wb = attain_core::read_workbook(
        "ben-tre-tcvn3-2023-11-07.xlsx",
        &fixture("legacy/ben-tre-tcvn3-2023-11-07.xlsx"),
    )
    .unwrap();
    let off: Vec<(usize, Choice)> = (0..8).map(|c| (c, Choice::Off)).collect();
    convert_sheet(&mut wb.sheets[0], &off, None);
    let raw = attain_core::Table::from_sheet(&wb.sheets[0]).unwrap();
    let raw =
        attain_core::analyze(&raw, &attain_core::analysis::guess_mapping(&raw).unwrap()).unwrap();
    let c = compare(&raw);
    let matched = c.indicators[0]
        .units
        .iter()
        .filter(|u| u.previous_name.is_some())
        .count();
    assert!(matched < 2, "{matched} matched without conversion");
}
