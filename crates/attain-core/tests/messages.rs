//! Every error, warning and notice the engine words, in each language: never empty, and never
//! a word of the other language. A Vietnamese message is made of Vietnamese syllables (and the
//! names of formats and programs); an English one has no Vietnamese letter. The samples are
//! built by exhaustive matches, so a new variant does not compile until it has one here.

use attain_core::analysis::series::{Missing, OutlookStatus};
use attain_core::analysis::{MappingError, SkipReason, Unreported, Warning};
use attain_core::dates::Date;
use attain_core::ingest::{Found, Limit, Part};
use attain_core::legacy::valid_syllable;
use attain_core::report::messages::*;
use attain_core::report::Lang;
use attain_core::session::SourceError;
use attain_core::table::TableError;
use attain_core::ReadError;

/// The data a message quotes (a unit, a column, a file), in the language under test, so that
/// quoted data is not taken for a word of the other language.
struct Data {
    unit: &'static str,
    column: &'static str,
    file: &'static str,
    sheet: &'static str,
    label: &'static str,
}

const VI: Data = Data {
    unit: "Xã An Bình",
    column: "Thu nhận",
    file: "bao-cao.xlsx",
    sheet: "Trang tính 1",
    label: "Tổng cộng",
};

const EN: Data = Data {
    unit: "Ward 1",
    column: "Received",
    file: "report.xlsx",
    sheet: "Sheet 1",
    label: "Total",
};

fn read_errors(d: &Data) -> Vec<ReadError> {
    let sheet = || d.sheet.to_string();
    let parts = [
        Part::Package,
        Part::CompoundFile,
        Part::Workbook,
        Part::Sheet(sheet()),
        Part::Text,
    ];
    let limits = [
        Limit::FileSize {
            bytes: 300 << 20,
            max: 256 << 20,
        },
        Limit::Inflated { max: 512 << 20 },
        Limit::SharedStrings {
            declared: 4_000_000_000,
            max: 2_000_000,
        },
        Limit::Cells {
            sheet: Some(sheet()),
            declared: None,
            max: 10_000_000,
        },
        Limit::Cells {
            sheet: None,
            declared: Some(26_000_000),
            max: 10_000_000,
        },
        Limit::Grid {
            sheet: sheet(),
            rows: 1_048_576,
            columns: 16_384,
        },
        Limit::CellText {
            sheet: sheet(),
            bytes: 300 << 10,
            max: 256 << 10,
        },
        Limit::Element { max: 1 << 20 },
        Limit::WorkbookStream,
    ];
    let mut out = vec![
        ReadError::Empty,
        ReadError::Pdf,
        ReadError::NotAWorkbook {
            extension: "xlsx".into(),
        },
        ReadError::Encrypted,
        ReadError::NoData,
        ReadError::ReaderStopped,
        ReadError::ReaderMismatch {
            detail: "postcard: unexpected end".into(),
        },
        ReadError::BrowserRefused {
            detail: "NotReadableError".into(),
        },
    ];
    for found in [
        Found::ZipWithoutWorkbook,
        Found::OfficeWithoutWorkbook,
        Found::Binary,
    ] {
        out.push(ReadError::Unsupported(found));
    }
    for part in parts {
        out.push(ReadError::Damaged {
            part,
            detail: "invalid Zip archive: Could not find EOCD".into(),
        });
    }
    out.extend(limits.into_iter().map(ReadError::TooLarge));
    // Every variant has a sample above: this match breaks the build when one is added.
    for e in &out {
        match e {
            ReadError::Empty
            | ReadError::Pdf
            | ReadError::Unsupported(_)
            | ReadError::NotAWorkbook { .. }
            | ReadError::Damaged { .. }
            | ReadError::Encrypted
            | ReadError::NoData
            | ReadError::ReaderStopped
            | ReadError::ReaderMismatch { .. }
            | ReadError::BrowserRefused { .. }
            | ReadError::TooLarge(_) => {}
        }
    }
    out
}

fn warnings(d: &Data) -> Vec<Warning> {
    let s = |x: &str| x.to_string();
    let out = vec![
        Warning::NoTarget {
            indicator: s(d.column),
            unit: s(d.unit),
            source_row: 7,
        },
        Warning::Unreadable {
            unit: s(d.unit),
            cell: s("D7"),
            column: s(d.column),
            text: s("-"),
        },
        Warning::Negative {
            unit: s(d.unit),
            cell: s("D7"),
            value: -12.0,
        },
        Warning::FarAbove {
            indicator: s(d.column),
            unit: s(d.unit),
            source_row: 7,
            rate: 4.2,
        },
        Warning::Duplicate {
            unit: s(d.unit),
            rows: vec![7, 9],
        },
        Warning::TotalMismatch {
            label: s(d.label),
            cell: s("D16"),
            column: s(d.column),
            stated: 822_140.0,
            computed: 822_139.0,
        },
        Warning::RateMismatch {
            unit: s(d.unit),
            cell: s("E7"),
            stated: 0.9,
            computed: 0.8833,
        },
        Warning::PartsMismatch {
            indicator: s(d.column),
            unit: s(d.unit),
            source_row: 7,
            parts: 99.0,
            target: 100.0,
        },
        Warning::UncheckedTotal {
            label: s(d.label),
            source_row: 16,
        },
        Warning::InFile {
            file: s(d.file),
            warning: Box::new(Warning::Duplicate {
                unit: s(d.unit),
                rows: vec![7, 9],
            }),
        },
        Warning::SameUnitInFiles {
            unit: s(d.unit),
            parents: vec![s(d.label)],
            files: vec![s(d.file), s(d.sheet)],
            achieved: Vec::new(),
        },
        Warning::SameUnitInFiles {
            unit: s(d.unit),
            parents: Vec::new(),
            files: vec![s(d.file), s(d.sheet)],
            achieved: vec![Some(12.0), None],
        },
        Warning::IndicatorMatched {
            file: s(d.file),
            name: s(d.column),
            as_name: s(d.label),
        },
    ];
    for w in &out {
        match w {
            Warning::NoTarget { .. }
            | Warning::Unreadable { .. }
            | Warning::Negative { .. }
            | Warning::FarAbove { .. }
            | Warning::Duplicate { .. }
            | Warning::TotalMismatch { .. }
            | Warning::RateMismatch { .. }
            | Warning::PartsMismatch { .. }
            | Warning::UncheckedTotal { .. }
            | Warning::InFile { .. }
            | Warning::SameUnitInFiles { .. }
            | Warning::IndicatorMatched { .. } => {}
        }
    }
    out
}

/// Every message of the engine in a language.
fn every_message(lang: Lang, d: &Data) -> Vec<String> {
    let s = |x: &str| x.to_string();
    let mut out: Vec<String> = read_errors(d)
        .iter()
        .map(|e| read_failed(lang, d.file, e))
        .collect();
    let tables = [
        TableError::EmptySheet(s(d.sheet)),
        TableError::NoRows(s(d.sheet)),
    ];
    let mappings = [
        MappingError::NoSuchColumn(4),
        MappingError::SameColumn(s(d.column)),
        MappingError::NotNumeric(s(d.column)),
        MappingError::NoIndicator,
    ];
    for e in &tables {
        match e {
            TableError::EmptySheet(_) | TableError::NoRows(_) => {}
        }
        out.push(table_error(lang, e));
    }
    for e in &mappings {
        match e {
            MappingError::NoSuchColumn(_)
            | MappingError::SameColumn(_)
            | MappingError::NotNumeric(_)
            | MappingError::NoIndicator => {}
        }
        out.push(mapping_error(lang, e));
    }
    let file = || s(d.file);
    let datasets = [
        SourceError::Read {
            file: file(),
            error: ReadError::Encrypted,
        },
        SourceError::NoSuchSheet {
            file: file(),
            sheet: s(d.sheet),
        },
        SourceError::Table {
            file: file(),
            error: tables[1].clone(),
        },
        SourceError::NoMapping { file: file() },
        SourceError::Mapping {
            file: file(),
            error: MappingError::NoIndicator,
        },
        SourceError::NoSheetWithTable { file: file() },
        SourceError::NoAssignment { file: file() },
        SourceError::NothingInCommon {
            file: file(),
            report: vec![s(d.unit)],
            targets: vec![s(d.label), s(d.unit)],
        },
    ];
    for e in &datasets {
        match e {
            SourceError::Read { .. }
            | SourceError::NoSuchSheet { .. }
            | SourceError::Table { .. }
            | SourceError::NoMapping { .. }
            | SourceError::Mapping { .. }
            | SourceError::NoSheetWithTable { .. }
            | SourceError::NoAssignment { .. }
            | SourceError::NothingInCommon { .. } => {}
        }
        out.push(source_error(lang, e));
    }
    for r in [
        SkipReason::TotalsRow(s(d.label)),
        SkipReason::NoUnitName,
        SkipReason::NoFigures(s(d.unit)),
        SkipReason::Heading(s(d.unit)),
    ] {
        match r {
            SkipReason::TotalsRow(_)
            | SkipReason::NoUnitName
            | SkipReason::NoFigures(_)
            | SkipReason::Heading(_) => {}
        }
        out.push(skip_reason(lang, &r));
    }
    out.extend(warnings(d).iter().map(|w| warning(lang, w)));
    let (a, b) = (
        Date::new(2023, 11, 7).unwrap(),
        Date::new(2023, 11, 14).unwrap(),
    );
    out.push(missing(
        lang,
        &Missing {
            unit: s(d.unit),
            present: a,
            missing: b,
            parents: Vec::new(),
        },
    ));
    for o in [
        OutlookStatus::Reached,
        OutlookStatus::OnTrack,
        OutlookStatus::AtRisk,
        OutlookStatus::Unknown,
    ] {
        out.push(outlook_status(lang, o).to_string());
    }
    out.push(export_failed(lang).to_string());
    out.push(legacy_summary(lang, 3, "TCVN3", 29));
    let column = format!("B ({})", d.column);
    out.push(legacy_column(
        lang,
        &column,
        Some((attain_core::legacy::Legacy::Vni, 10)),
    ));
    out.push(legacy_column(lang, &column, None));
    out.push(cannot_open(lang, d.file));
    out.push(same_file_twice(lang, d.file));
    out.push(list_counted(
        lang,
        &attain_core::list::ListInfo {
            rows: 1847,
            units: 6,
            unit_column: s(d.label),
            status_column: Some(s(d.column)),
            statuses: vec![s(d.unit), s(d.label)],
            done: Some(s(d.unit)),
            without_unit: 2,
            without_unit_rows: vec![12, 40],
        },
    ));
    let units = [Unreported {
        unit: s(d.unit),
        parents: vec![s(d.label)],
    }];
    out.push(unreported(lang, &units, 1));
    out.push(unreported(lang, &units, 0));
    out.push(details_label(lang).to_string());
    out
}

/// Names of formats and programs, the same in both languages.
const NAMES: &[&str] = &[
    "Attain",
    "Excel",
    "PDF",
    "OpenDocument",
    "Word",
    "Office",
    "xlsx",
    "xls",
    "xlsb",
    "ods",
    "csv",
    "CSV",
    "TCVN3",
    "VNI",
    "Unicode",
    "tsv",
    "txt",
    "docx",
    "doc",
    "ppt",
    "MB",
    "KB",
    "B",
    "D7",
    "D16",
    "E7",
];

/// English words that happen to be Vietnamese syllables too, and that Vietnamese text would
/// not hold ("to", "so", "no" and "an" are Vietnamese words as well: "to", "so sánh", "no",
/// "An Bình").
const ENGLISH_SYLLABLES: &[&str] = &[
    "a", "at", "be", "by", "can", "cut", "do", "get", "go", "he", "hot", "in", "it", "let", "man",
    "me", "my", "net", "not", "on", "set", "ten", "that", "the", "then", "them", "than", "thin",
    "up", "we", "yet",
];

/// Vietnamese words written without marks, as they might slip into English.
const VIETNAMESE_ASCII: &[&str] = &[
    "khong", "tep", "cua", "cac", "duoc", "trang", "tinh", "bang", "dong", "cot", "hay", "va",
    "la", "chi", "tieu", "don", "vi",
];

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn every_message_in_vietnamese_is_vietnamese() {
    for m in every_message(Lang::Vi, &VI) {
        assert!(!m.trim().is_empty());
        for w in words(&m) {
            let lower = w.to_lowercase();
            let ok = NAMES.contains(&w)
                || (valid_syllable(&lower) && !ENGLISH_SYLLABLES.contains(&lower.as_str()));
            assert!(ok, "“{w}” is not Vietnamese, in: {m}");
        }
    }
}

#[test]
fn every_message_in_english_is_english() {
    for m in every_message(Lang::En, &EN) {
        assert!(!m.trim().is_empty());
        assert!(
            !m.chars().any(|c| c.is_alphabetic() && !c.is_ascii()),
            "a Vietnamese letter in: {m}"
        );
        for w in words(&m) {
            let lower = w.to_lowercase();
            assert!(!VIETNAMESE_ASCII.contains(&lower.as_str()), "“{w}” in: {m}");
        }
    }
}

/// The low-level cause is kept for "details", never in the sentence.
#[test]
fn the_cause_a_library_gives_stays_behind_details() {
    let e = ReadError::Damaged {
        part: Part::Package,
        detail: "invalid Zip archive: Could not find EOCD".into(),
    };
    for lang in [Lang::Vi, Lang::En] {
        assert!(!read_failed(lang, "bao-cao.xlsx", &e).contains("EOCD"));
    }
    assert_eq!(e.detail(), Some("invalid Zip archive: Could not find EOCD"));
    assert_eq!(
        read_failed(Lang::Vi, "bao-cao.xlsx", &e),
        "Không đọc được tệp “bao-cao.xlsx”: gói nén của sổ làm việc bị hỏng (có thể tệp chưa được tải về hoặc chép hết); hãy mở tệp bằng Excel và lưu lại."
    );
    assert_eq!(
        read_failed(Lang::En, "report.xlsx", &ReadError::TooLarge(Limit::FileSize { bytes: 300 << 20, max: 256 << 20 })),
        "Could not read “report.xlsx”: the file is too large to read here (300 MB, the limit is 256 MB); split the report or remove unused sheets."
    );
}
