//! Any bytes, read as the app reads a dropped file: `read_workbook` under one of four names
//! (chosen by the first byte, so the fuzzer can reach every reader's name hint), then the table
//! detection on the best sheet. Nothing may panic, abort or allocate without bound.
#![no_main]

use attain_core::table::best_sheet;
use attain_core::{read_workbook, Table};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["f.xlsx", "f.xls", "f.ods", "f.csv"];

fuzz_target!(|data: &[u8]| {
    let Some((first, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(*first) % NAMES.len()];
    if let Ok(wb) = read_workbook(name, bytes) {
        let sheet = &wb.sheets[best_sheet(&wb)];
        let _ = Table::from_sheet(sheet);
    }
});
