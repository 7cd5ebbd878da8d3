//! Hostile files (tests/fixtures/hostile/, written by tests/fixtures/make_hostile.py): each
//! is read as the app reads a dropped file, and must either read within the caps (then the
//! table detection runs on its best sheet) or be refused with the expected `ReadError`. None
//! may panic, abort or allocate without bound.

use attain_core::ingest::MAX_CELLS;
use attain_core::ingest::{Found, Limit, Part};
use attain_core::table::best_sheet;
use attain_core::{read_workbook, CellRef, ReadError, Table, Workbook};

/// Excel's grid, the most any reader may hand back.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;

fn hostile(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run make_hostile.py)"))
}

/// Reads the file; when it reads, checks the caps and runs the table detection.
fn read(name: &str) -> Result<Workbook, ReadError> {
    let result = read_workbook(name, &hostile(name));
    if let Ok(wb) = &result {
        for sheet in &wb.sheets {
            let cells: usize = sheet.rows().map(|r| r.len()).sum();
            assert!(cells <= MAX_CELLS, "{name}: {cells} cells");
            assert!(
                sheet.row_count() <= MAX_ROWS,
                "{name}: {} rows",
                sheet.row_count()
            );
            assert!(
                sheet.rows().all(|r| r.len() <= MAX_COLUMNS),
                "{name}: a row wider than {MAX_COLUMNS}"
            );
        }
        let _ = Table::from_sheet(&wb.sheets[best_sheet(wb)]);
    }
    result
}

fn too_large(name: &str) -> Limit {
    match read(name) {
        Err(ReadError::TooLarge(limit)) => limit,
        other => panic!("{name}: expected TooLarge, got {other:?}"),
    }
}

/// The damaged part and the low-level cause.
fn damaged(name: &str) -> (Part, String) {
    match read(name) {
        Err(ReadError::Damaged { part, detail }) => (part, detail),
        other => panic!("{name}: expected Damaged, got {other:?}"),
    }
}

#[test]
fn the_valid_base_reads() {
    let wb = read("valid.xlsx").unwrap();
    let table = Table::from_sheet(&wb.sheets[best_sheet(&wb)]).unwrap();
    assert_eq!(table.body.len(), 3);
    assert_eq!(table.columns.len(), 3);
}

#[test]
fn a_zip_bomb_is_refused_before_inflating() {
    // Declares its > 1 GB sheet in the zip directory.
    assert_eq!(
        too_large("zip-bomb.xlsx"),
        Limit::Inflated {
            max: 512 * 1024 * 1024
        }
    );
    // Declares 4 KB and inflates past it: the zip reader stops at the declared size.
    for name in ["zip-bomb-lying-size.xlsx", "zip-bomb-lying-rows.xlsx"] {
        let (part, why) = damaged(name);
        assert!(why.contains("declared uncompressed size"), "{name}: {why}");
        // Found while the sheet's cells stream out of its part.
        assert_eq!(part, Part::Sheet("Bao cao".into()), "{name}");
    }
}

#[test]
fn a_far_cell_reads_within_the_caps() {
    // A1 and XFD100000: 100,000 rows, of which two hold cells.
    let wb = read("far-cell.xlsx").unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.row_count(), 100_000);
    assert_eq!(sheet.row(99_999).len(), MAX_COLUMNS);
    assert_eq!(sheet.cell(99_999, MAX_COLUMNS - 1), CellRef::Number(1.0));
    assert!((1..99_999).all(|r| sheet.row(r).is_empty()));
}

#[test]
fn a_declared_dimension_or_merge_allocates_nothing() {
    for name in ["dimension-whole-grid.xlsx", "merge-whole-grid.xlsx"] {
        let wb = read(name).unwrap();
        let sheet = &wb.sheets[0];
        assert_eq!(sheet.row_count(), 2, "{name}");
        assert_eq!(sheet.rows().map(|r| r.len()).sum::<usize>(), 4, "{name}");
    }
}

#[test]
fn four_billion_shared_strings_are_refused_however_declared() {
    for name in [
        "shared-strings-4e9.xlsx",
        // The declaration past the first 4 KB, after a decoy in a comment.
        "shared-strings-4e9-late.xlsx",
        // Single quotes and spaces around '='.
        "shared-strings-4e9-quotes.xlsx",
    ] {
        assert_eq!(
            too_large(name),
            Limit::SharedStrings {
                declared: 4_000_000_000,
                max: 2_000_000
            },
            "{name}"
        );
    }
}

#[test]
fn deep_nesting_is_walked_without_recursion() {
    let wb = read("nested-100k.xlsx").unwrap();
    assert_eq!(wb.sheets[0].cell(0, 0), CellRef::Text("Đơn vị"));
    assert_eq!(wb.sheets[0].cell(1, 0), CellRef::Number(1.0));
    // Nesting inside the cell's inline string: nothing readable in it.
    assert_eq!(read("nested-100k-cell.xlsx"), Err(ReadError::NoData));
}

#[test]
fn a_cell_of_32767_characters_reads() {
    let wb = read("long-cell-32767.xlsx").unwrap();
    let row = wb.sheets[0].row(1);
    for cell in [row.get(0), row.get(1)] {
        let CellRef::Text(t) = cell else {
            panic!("{cell:?}")
        };
        assert_eq!(t.chars().count(), 32_767);
        assert!(t.starts_with("Thành phố Bến Tre"));
    }
}

#[test]
fn damaged_and_foreign_files_say_what_they_are() {
    let (part, why) = damaged("truncated.xlsx");
    assert_eq!(part, Part::Package);
    assert!(why.contains("Zip"), "{why}");
    assert_eq!(
        read("docx-like.xlsx"),
        Err(ReadError::Unsupported(Found::ZipWithoutWorkbook))
    );
    assert_eq!(
        read("image.png"),
        Err(ReadError::Unsupported(Found::Binary))
    );
    for name in [
        "image-renamed.xlsx",
        "random.xls",
        "random.ods",
        "random.xlsx",
    ] {
        let extension = name.rsplit_once('.').unwrap().1.to_string();
        assert_eq!(
            read(name),
            Err(ReadError::NotAWorkbook { extension }),
            "{name}"
        );
    }
    // Binary bytes named .csv: the text reader decides; whatever it says, it is no panic and
    // within the caps (checked by `read`).
    for name in ["image-renamed.csv", "random.csv"] {
        let _ = read(name);
    }
}

#[test]
fn ods_repeats_are_refused_before_calamine_expands_them() {
    // A row of a billion cells repeated a billion times (calamine refuses it itself, past its
    // cap of 100 million cells).
    let repeats = Limit::Cells {
        sheet: None,
        declared: None,
        max: 10_000_000,
    };
    assert_eq!(too_large("ods-repeated-grid.ods"), repeats);
    // 16,384 cells × 6,000 rows: under calamine's cap, it expanded them (6 GB, 38 s).
    assert_eq!(too_large("ods-repeated-98m.ods"), repeats);
}

#[test]
fn legacy_xls_is_checked_before_calamine_trusts_it() {
    // Half a compound file: sectors past the end.
    let (part, why) = damaged("xls-truncated.xls");
    assert_eq!(part, Part::CompoundFile, "{why}");
    // Last row before the first: calamine's `last - first + 1` overflowed.
    let (part, why) = damaged("xls-dimensions-inverted.xls");
    assert_eq!(part, Part::Workbook);
    assert!(why.contains("dimensions"), "{why}");
    // A CodePage record of no bytes: calamine sliced two bytes out of it and panicked.
    // A FILEPASS record: protected by a password.
    assert_eq!(read("xls-encrypted.xls"), Err(ReadError::Encrypted));
    let (part, why) = damaged("xls-short-record.xls");
    assert_eq!(part, Part::Workbook);
    assert!(why.contains("too short"), "{why}");
    // A cell at row and column 65,535: calamine allocated 2^32 cells and aborted.
    assert!(matches!(
        too_large("xls-far-cell.xls"),
        Limit::Cells { declared: Some(span), .. } if span > 10_000_000
    ));
}

/// The inputs the fuzzer found (crates/attain-core/fuzz/regressions/, each a first byte that
/// picks the file name, then the file): none may panic.
#[test]
fn fuzz_regressions_read_without_panic() {
    const NAMES: [&str; 4] = ["f.xlsx", "f.xls", "f.ods", "f.csv"];
    let dir = format!("{}/fuzz/regressions", env!("CARGO_MANIFEST_DIR"));
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    for path in entries {
        let data = std::fs::read(&path).unwrap();
        let Some((first, bytes)) = data.split_first() else {
            continue;
        };
        if let Ok(wb) = read_workbook(NAMES[usize::from(*first) % 4], bytes) {
            let _ = Table::from_sheet(&wb.sheets[best_sheet(&wb)]);
        }
    }
}

#[test]
fn an_xlsb_record_longer_than_its_part_is_refused_before_calamine_sizes_a_buffer() {
    let (part, why) = damaged("xlsb-huge-record.xlsb");
    assert_eq!(part, Part::Workbook);
    assert!(why.contains("claims 268435455 bytes"), "{why}");
}

#[test]
fn a_workbook_outside_xl_or_with_backslashes_reads() {
    for name in ["relocated-workbook.xlsx", "backslash-paths.xlsx"] {
        let wb = read(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let table = Table::from_sheet(&wb.sheets[best_sheet(&wb)]).unwrap();
        assert_eq!(table.body.len(), 3, "{name}");
    }
}

/// A CSV far beyond the cell cap is refused before it is parsed, with the limit in the message.
#[test]
fn a_huge_csv_is_refused_before_parsing() {
    let mut csv = String::from("STT;Xã;Chỉ tiêu;Thu nhận\n");
    for i in 0..2_600_000 {
        csv.push_str(&format!("{i};Xã {i};1.000;900\n"));
    }
    let started = std::time::Instant::now();
    let err = attain_core::read_workbook("big.csv", csv.as_bytes()).unwrap_err();
    assert!(
        matches!(
            &err,
            attain_core::ReadError::TooLarge(Limit::Cells { sheet: None, declared: Some(d), max: 10_000_000 })
                if *d > 10_000_000
        ),
        "{err}"
    );
    // Printed, not asserted: the refusal comes before the parse.
    eprintln!("refused in {:?}", started.elapsed());
}
