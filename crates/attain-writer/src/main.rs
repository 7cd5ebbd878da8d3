//! Attain's export module: the file writers the first load does without (rust_xlsxwriter,
//! docx-rs). The reading worker lays an export out (an `attain_core::report::Plan`: a workbook
//! or a Word document) and, on the first export, fetches this module and hands it the plan as
//! postcard bytes; it answers with the file's bytes.
//! Built by Trunk beside the app (`index.html`), inlined in `attain.html` by
//! `scripts/post-build.mjs`.

use attain_core::report::{write, Plan};
use wasm_bindgen::prelude::*;

/// The file of a laid-out export (postcard bytes of a `Plan`).
#[wasm_bindgen]
pub fn attain_write(plan: &[u8]) -> Result<Vec<u8>, String> {
    write_plan(plan)
}

fn write_plan(plan: &[u8]) -> Result<Vec<u8>, String> {
    let plan: Plan = postcard::from_bytes(plan)
        .map_err(|e| format!("the export's layout could not be decoded: {e}"))?;
    write(&plan).map_err(|e| e.detail)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;
    use attain_core::report::xlsx::{Book, PlanSheet, Value};

    /// A plan through the bytes the worker sends gives the workbook the engine reads back.
    #[test]
    fn a_plan_is_written() {
        let book = Book {
            sheets: vec![PlanSheet {
                name: "Kết quả".into(),
                rows: vec![vec![Value::Text("Xã A".into()), Value::Number(3.0)]],
                ..PlanSheet::default()
            }],
        };
        let bytes = write_plan(&postcard::to_allocvec(&Plan::Workbook(book)).unwrap()).unwrap();
        let back = attain_core::read_workbook("x.xlsx", &bytes).unwrap();
        assert_eq!(back.sheets[0].name, "Kết quả");
        assert_eq!(
            back.sheets[0].cell(0, 1),
            attain_core::model::CellRef::Number(3.0)
        );
    }

    #[test]
    fn bytes_that_are_no_plan_say_so() {
        let e = write_plan(&[0xff, 0xff, 0xff]).unwrap_err();
        assert!(e.contains("could not be decoded"), "{e}");
    }
}
