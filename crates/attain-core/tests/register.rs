//! The register of units (crates/attain-core/data/register-2025-07-01.tsv, made by
//! scripts/make_register.py from PyPI vietnamadminunits 1.0.4): its counts, every new commune
//! with a centre and a province, every old commune mapped to a new one, and the 34 provinces'
//! old → new table of Resolution 202/2025/QH15.

use attain_core::register::Register;
use attain_core::text::name_key;
use std::collections::{BTreeMap, BTreeSet};

/// Resolution 202/2025/QH15: each new province and the old provinces it took in (the 11 kept
/// whole take only themselves).
const RESOLUTION: [(&str, &[&str]); 34] = [
    ("Hà Nội", &["Hà Nội"]),
    // Thừa Thiên Huế became the city of Huế on 1 January 2025, before the reform.
    ("Huế", &["Huế"]),
    ("Lai Châu", &["Lai Châu"]),
    ("Điện Biên", &["Điện Biên"]),
    ("Sơn La", &["Sơn La"]),
    ("Lạng Sơn", &["Lạng Sơn"]),
    ("Quảng Ninh", &["Quảng Ninh"]),
    ("Thanh Hóa", &["Thanh Hóa"]),
    ("Nghệ An", &["Nghệ An"]),
    ("Hà Tĩnh", &["Hà Tĩnh"]),
    ("Cao Bằng", &["Cao Bằng"]),
    ("Tuyên Quang", &["Tuyên Quang", "Hà Giang"]),
    ("Lào Cai", &["Lào Cai", "Yên Bái"]),
    ("Thái Nguyên", &["Thái Nguyên", "Bắc Kạn"]),
    ("Phú Thọ", &["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"]),
    ("Bắc Ninh", &["Bắc Ninh", "Bắc Giang"]),
    ("Hưng Yên", &["Hưng Yên", "Thái Bình"]),
    ("Hải Phòng", &["Hải Phòng", "Hải Dương"]),
    ("Ninh Bình", &["Ninh Bình", "Hà Nam", "Nam Định"]),
    ("Quảng Trị", &["Quảng Trị", "Quảng Bình"]),
    ("Đà Nẵng", &["Đà Nẵng", "Quảng Nam"]),
    ("Quảng Ngãi", &["Quảng Ngãi", "Kon Tum"]),
    ("Gia Lai", &["Gia Lai", "Bình Định"]),
    ("Khánh Hòa", &["Khánh Hòa", "Ninh Thuận"]),
    ("Lâm Đồng", &["Lâm Đồng", "Đắk Nông", "Bình Thuận"]),
    ("Đắk Lắk", &["Đắk Lắk", "Phú Yên"]),
    (
        "Hồ Chí Minh",
        &["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    ),
    ("Đồng Nai", &["Đồng Nai", "Bình Phước"]),
    ("Tây Ninh", &["Tây Ninh", "Long An"]),
    ("Cần Thơ", &["Cần Thơ", "Sóc Trăng", "Hậu Giang"]),
    ("Vĩnh Long", &["Vĩnh Long", "Bến Tre", "Trà Vinh"]),
    ("Đồng Tháp", &["Đồng Tháp", "Tiền Giang"]),
    ("Cà Mau", &["Cà Mau", "Bạc Liêu"]),
    ("An Giang", &["An Giang", "Kiên Giang"]),
];

/// A province's name as a key: "Thành phố Hồ Chí Minh" and "Hồ Chí Minh" alike, dashes and
/// spaces folded.
fn key(name: &str) -> String {
    name_key(name).replace(['-', ' '], "")
}

#[test]
fn the_register_has_every_unit_with_its_centre_and_province() {
    let r = Register::of_2025().unwrap();
    assert_eq!(r.valid_from.map(|d| d.iso()), Some("2025-07-01".into()));
    assert_eq!(r.provinces.len(), 34);
    assert_eq!(r.communes.len(), 3_321);
    assert_eq!(r.old_provinces.len(), 63);
    assert_eq!(r.old_communes.len(), 10_040);
    let provinces: BTreeSet<&str> = r.provinces.iter().map(|p| p.code.as_str()).collect();
    let codes: BTreeSet<&str> = r.communes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes.len(), 3_321, "new codes are unique");
    for c in &r.communes {
        assert!(provinces.contains(c.province.as_str()), "{}", c.name);
        let (lat, lon) = c.centre;
        // Within Vietnam, the islands included.
        assert!(
            (6.0..24.0).contains(&lat) && (102.0..118.0).contains(&lon),
            "{} {lat} {lon}",
            c.name
        );
        assert!(
            ["Xã", "Phường", "Đặc khu"].contains(&c.kind.as_str()),
            "{}",
            c.kind
        );
    }
    // Every old commune went into new ones that exist; a few were split.
    for o in &r.old_communes {
        assert!(!o.became.is_empty(), "{}", o.name);
        assert!(
            o.became.iter().all(|c| codes.contains(c.as_str())),
            "{}",
            o.name
        );
        assert!(r.district(&o.district).is_some(), "{}", o.name);
    }
    let split = r.old_communes.iter().filter(|o| o.split()).count();
    assert!((100..1_000).contains(&split), "{split} split");
    // Cà Mau's new Xã Thới Bình is the old town and commune of that name together (the new
    // code is the old town's, reused).
    let new = r
        .communes
        .iter()
        .find(|c| c.name == "Xã Thới Bình")
        .unwrap();
    let into: Vec<&str> = r
        .old_communes
        .iter()
        .filter(|o| o.became.first() == Some(&new.code))
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(into, ["Thị trấn Thới Bình", "Xã Thới Bình"]);
}

#[test]
fn the_provinces_merge_as_the_resolution_says() {
    let r = Register::of_2025().unwrap();
    let new_name: BTreeMap<&str, &str> = r
        .provinces
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    let province_of: BTreeMap<&str, &str> = r
        .communes
        .iter()
        .map(|c| (c.code.as_str(), c.province.as_str()))
        .collect();
    // Each old province, by its communes' default new communes: one new province, whole.
    let mut went: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for o in &r.old_communes {
        let district = r.district(&o.district).unwrap();
        let old = r
            .old_provinces
            .iter()
            .find(|p| p.code == district.province)
            .unwrap();
        let new = province_of[o.became[0].as_str()];
        went.entry(key(new_name[new]))
            .or_default()
            .insert(key(&old.name));
    }
    let expected: BTreeMap<String, BTreeSet<String>> = RESOLUTION
        .iter()
        .map(|(new, olds)| (key(new), olds.iter().map(|o| key(o)).collect()))
        .collect();
    assert_eq!(went, expected);
}
