//! Unit names the integration tests share.
#![allow(dead_code)]

/// The 63 provinces before 1-7-2025.
pub const PROVINCES: &[&str] = &[
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

/// Bến Tre's nine districts (2023).
pub const BEN_TRE_DISTRICTS: &[&str] = &[
    "Thành phố Bến Tre",
    "Châu Thành",
    "Chợ Lách",
    "Mỏ Cày Nam",
    "Mỏ Cày Bắc",
    "Giồng Trôm",
    "Bình Đại",
    "Ba Tri",
    "Thạnh Phú",
];

/// A fixture of `tests/fixtures/analysis` read as the app reads it: the best sheet, its table,
/// the guessed mapping's analysis, and the as-of date.
pub fn load_analysis(
    name: &str,
) -> (
    attain_core::Table,
    attain_core::Analysis,
    Option<attain_core::dates::Date>,
) {
    let path = format!(
        "{}/../../tests/fixtures/analysis/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let wb = attain_core::read_workbook(name, &bytes).unwrap();
    let (sheet, table) = attain_core::table::best_table(&wb);
    let table = table.unwrap();
    let mapping = attain_core::analysis::guess_mapping(&table).unwrap();
    let analysis = attain_core::analyze(&table, &mapping).unwrap();
    let as_of =
        attain_core::dates::find_as_of(&wb.sheets[sheet], Some(&table), name).map(|a| a.date);
    (table, analysis, as_of)
}
