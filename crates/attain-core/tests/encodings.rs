//! Every text encoding these offices' CSV files come in reads back to the text that was
//! written: UTF-8 (with and without BOM), UTF-16 LE ("Unicode Text"), Windows-1258 as
//! Vietnamese Windows writes it (tone marks as combining characters) and with the code page's
//! precomposed vowels, and text typed in the TCVN3 and VNI fonts. Only the last two are
//! reported as converted from a legacy font.

use attain_core::legacy::{decode as from_font, encode_tcvn3, encode_vni, Legacy};
use attain_core::model::{CellRef, SourceFormat};
use attain_core::read_workbook;
use encoding_rs::WINDOWS_1258;
use proptest::prelude::*;

mod common;
use common::{BEN_TRE_DISTRICTS, PROVINCES};
use unicode_normalization::UnicodeNormalization;

/// Names besides the 63 provinces before 1-7-2025 and Bến Tre's districts: the provinces
/// after it (most names are the same), district and commune names, and the words of report
/// headers and totals rows.
const OTHER_NAMES: &[&str] = &[
    // Provinces after 1-7-2025 not named above.
    "Huế",
    "Thành phố Huế",
    "Thành phố Hà Nội",
    "Thành phố Hải Phòng",
    "Thành phố Đà Nẵng",
    "Thành phố Cần Thơ",
    "Tỉnh Tuyên Quang",
    "Tỉnh Đồng Tháp",
    // Districts and communes.
    "Phước Long",
    "Chơn Thành",
    "Bù Đăng",
    "Bù Gia Mập",
    "Đồng Xoài",
    "Thới Bình",
    "Thị trấn Thới Bình",
    "Xã Thới Bình",
    "Xã Hòa Nghĩa",
    "Xã An Bình",
    "Phường 1",
    "Thị trấn Ba Tri",
    "Huyện Krông Búk",
    "Xã Ea Kly",
    "Phú Quý",
    "Xã Quới Sơn",
    "Phường Nguyễn Thái Bình",
    "Xã Tân Xuân",
    "Xã Mỹ Hưng",
    "Xã Ô Môn",
    "Huyện Ý Yên",
    "Xã Ứng Hòa",
    "Phường Ỷ La",
    "XÃ AN BÌNH",
    "Quận Hoàn Kiếm",
    "Xã Nghĩa Hưng",
    "Phường Quyết Thắng",
    "Xã Hoà Thuận",
    "Xã Qui Đức",
    // Header and totals words.
    "Đơn vị",
    "Chỉ tiêu",
    "Chỉ tiêu được giao",
    "Thu nhận",
    "Kích hoạt",
    "Tổng cộng",
    "Toàn tỉnh",
    "Cộng huyện",
    "Đã kích hoạt",
    "Tỷ lệ (%)",
    "Còn lại",
];

/// Every name a file's rows take theirs from.
static NAMES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| [PROVINCES, BEN_TRE_DISTRICTS, OTHER_NAMES].concat());

const HEADER: [&str; 4] = ["Đơn vị", "Chỉ tiêu được giao", "Thu nhận", "Kích hoạt"];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    /// Windows-1258 as Vietnamese Windows writes it: every tone mark combining.
    Cp1258Windows,
    /// Windows-1258 with the code page's precomposed vowels where it has them (à, á, é…).
    Cp1258Precomposed,
    Tcvn3,
    Vni,
}

const ENCODINGS: [Encoding; 7] = [
    Encoding::Utf8,
    Encoding::Utf8Bom,
    Encoding::Utf16Le,
    Encoding::Cp1258Windows,
    Encoding::Cp1258Precomposed,
    Encoding::Tcvn3,
    Encoding::Vni,
];

/// The byte of a Windows-1258 combining tone mark.
fn tone_byte(mark: char) -> Option<u8> {
    match mark {
        '\u{300}' => Some(0xCC),
        '\u{309}' => Some(0xD2),
        '\u{303}' => Some(0xDE),
        '\u{301}' => Some(0xEC),
        '\u{323}' => Some(0xF2),
        _ => None,
    }
}

/// One character in Windows-1258: precomposed when asked and the code page has it; otherwise
/// its letter with the shape marks (â ă ê ô ơ ư) precomposed, then the tone mark combining.
fn cp1258_char(c: char, precomposed: bool, out: &mut Vec<u8>) {
    let single = |s: &str| -> Option<Vec<u8>> {
        let (bytes, _, errors) = WINDOWS_1258.encode(s);
        (!errors).then(|| bytes.into_owned())
    };
    if c.is_ascii() || precomposed {
        if let Some(b) = single(&c.to_string()) {
            out.extend(b);
            return;
        }
    }
    let decomposed: String = c.to_string().nfd().collect();
    let tone = decomposed.chars().find_map(tone_byte);
    let letter: String = decomposed
        .chars()
        .filter(|m| tone_byte(*m).is_none())
        .collect::<String>()
        .nfc()
        .collect();
    out.extend(single(&letter).unwrap_or_else(|| panic!("{c} has no Windows-1258 letter")));
    out.extend(tone);
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    // The font's codes are the bytes; signs such as the en dash are Windows-1252's.
    let western = |s: String| -> Vec<u8> {
        let (bytes, _, errors) = encoding_rs::WINDOWS_1252.encode(&s);
        assert!(!errors, "{s} has a character Windows-1252 lacks");
        bytes.into_owned()
    };
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Cp1258Windows | Encoding::Cp1258Precomposed => {
            let mut out = Vec::new();
            for c in text.chars() {
                cp1258_char(c, encoding == Encoding::Cp1258Precomposed, &mut out);
            }
            out
        }
        Encoding::Tcvn3 => western(encode_tcvn3(text)),
        Encoding::Vni => western(encode_vni(text)),
    }
}

/// Names the encoding can write: TCVN3 (the ".VnTime" fonts) has no capitals with a tone mark
/// ("Ý", "Ứ", "Ỷ"), so those names are left out of its files.
fn writable(name: &str, encoding: Encoding) -> bool {
    encoding != Encoding::Tcvn3 || from_font(&encode_tcvn3(name), Legacy::Tcvn3) == name
}

/// The file: the header, then one line per unit (name, target, received, activated).
fn csv_text(
    rows: &[(usize, u32, u32)],
    encoding: Encoding,
    delimiter: char,
    crlf: bool,
) -> (String, Vec<Vec<String>>) {
    let mut lines: Vec<Vec<String>> = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for (i, (name, target, received)) in rows.iter().enumerate() {
        let mut k = *name;
        while !writable(NAMES[k], encoding) {
            k = (k + 1) % NAMES.len();
        }
        lines.push(vec![
            NAMES[k].to_string(),
            target.to_string(),
            received.to_string(),
            (received / 2 + i as u32).to_string(),
        ]);
    }
    let newline = if crlf { "\r\n" } else { "\n" };
    let text = lines
        .iter()
        .map(|l| l.join(&delimiter.to_string()))
        .collect::<Vec<_>>()
        .join(newline)
        + newline;
    (text, lines)
}

fn text_of(cell: CellRef<'_>) -> String {
    match cell {
        CellRef::Text(t) => t.to_string(),
        other => other.display(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Each file reads back to the text written, in NFC, with the separator found; only the
    /// TCVN3 and VNI files report a conversion from a legacy font.
    #[test]
    fn every_encoding_reads_back(
        rows in proptest::collection::vec((0..NAMES.len(), 1u32..2_000_000, 0u32..2_000_000), 1..200),
        encoding in proptest::sample::select(ENCODINGS.to_vec()),
        delimiter in proptest::sample::select(vec![',', ';', '\t']),
        crlf in any::<bool>(),
    ) {
        let (text, lines) = csv_text(&rows, encoding, delimiter, crlf);
        let bytes = encode(&text, encoding);
        let wb = read_workbook("bao-cao.csv", &bytes).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let sheet = &wb.sheets[0];
        let read: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(text_of).collect()).collect();
        let expected: Vec<Vec<String>> = lines
            .iter()
            .map(|l| l.iter().map(|c| c.nfc().collect()).collect())
            .collect();
        prop_assert_eq!(&read, &expected, "{:?} with {:?}", encoding, delimiter);
        let SourceFormat::Text { delimiter: found, .. } = &wb.format else {
            return Err(TestCaseError::fail("not read as text"));
        };
        prop_assert_eq!(*found, delimiter);
        let legacy = matches!(encoding, Encoding::Tcvn3 | Encoding::Vni);
        prop_assert_eq!(!sheet.legacy.is_empty(), legacy, "{:?}: {:?}", encoding, sheet.legacy);
        let wanted = match encoding {
            Encoding::Tcvn3 => Some(Legacy::Tcvn3),
            Encoding::Vni => Some(Legacy::Vni),
            _ => None,
        };
        prop_assert!(sheet.legacy.iter().all(|c| Some(c.encoding) == wanted));
    }
}

/// The file a new user tried: ten comma-separated lines from Vietnamese Windows, code page
/// 1258, CRLF. It was read as Windows-1252 and "converted from VNI" ("ThaÌnh phơì Bêìn Tre").
#[test]
fn a_short_comma_separated_windows_1258_file_is_not_a_legacy_font() {
    let path = format!(
        "{}/../../tests/fixtures/ben-tre-cp1258-comma.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("fixture");
    let wb = read_workbook("ben-tre-cp1258-comma.csv", &bytes).expect("readable");
    assert_eq!(
        wb.format,
        SourceFormat::Text {
            encoding: "windows-1258".into(),
            delimiter: ','
        }
    );
    let sheet = &wb.sheets[0];
    assert!(sheet.legacy.is_empty(), "{:?}", sheet.legacy);
    let column = |c: usize| -> Vec<String> { sheet.rows().map(|r| text_of(r.get(c))).collect() };
    assert_eq!(column(0)[0], "Đơn vị");
    assert_eq!(&column(0)[1..], BEN_TRE_DISTRICTS);
    assert_eq!(sheet.cell(0, 3), CellRef::Text("Kích hoạt"));
    let table = attain_core::Table::from_sheet(sheet).expect("a table");
    let mapping = attain_core::analysis::suggest(&table)
        .expect("a mapping")
        .mapping;
    let analysis = attain_core::analysis::analyze(&table, &mapping).expect("results");
    let received = &analysis.indicators[0];
    assert_eq!(
        (received.total.achieved, received.total.target),
        (822_139.0, 930_767.0)
    );
}
