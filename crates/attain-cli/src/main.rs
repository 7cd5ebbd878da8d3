//! `attain analyze FILE [SHEET]`: the engine on the command line. Reads a report, guesses the
//! unit, target and achieved columns, and prints per-unit rates and gaps as the app's CSV.

use attain_core::analysis::guess_mapping;
use attain_core::report::csv::results_csv;
use attain_core::{analyze, read_workbook, Table};
use std::process::ExitCode;

fn run(args: &[String]) -> Result<String, String> {
    let (command, path) = match args {
        [c, p, ..] => (c.as_str(), p.as_str()),
        _ => return Err(usage()),
    };
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let workbook = read_workbook(&name, &bytes).map_err(|e| format!("{name}: {e}"))?;
    let sheet_index = match args.get(2) {
        Some(s) => workbook
            .sheets
            .iter()
            .position(|sh| sh.name == *s)
            .ok_or_else(|| format!("{name}: no sheet named {s}"))?,
        None => workbook.first_sheet_with_data(),
    };
    let sheet = &workbook.sheets[sheet_index];
    let table = Table::from_sheet(sheet).map_err(|e| format!("{name}: {e}"))?;
    match command {
        "inspect" => {
            let mut out = format!(
                "{name}: {:?}, {} sheet(s); sheet {:?}, header on row {}, {} body rows\n",
                workbook.format,
                workbook.sheets.len(),
                sheet.name,
                table.header_row,
                table.rows.len()
            );
            for c in &table.columns {
                out.push_str(&format!("  {:>3}  {:<10?} {}\n", c.index, c.kind, c.name));
            }
            Ok(out)
        }
        "analyze" => {
            let mapping = guess_mapping(&table)
                .ok_or_else(|| format!("{name}: no unit column and two numeric columns found"))?;
            let analysis = analyze(&table, mapping).map_err(|e| format!("{name}: {e}"))?;
            Ok(results_csv(&analysis)
                .trim_start_matches('\u{feff}')
                .to_string())
        }
        _ => Err(usage()),
    }
}

fn usage() -> String {
    "usage: attain inspect|analyze FILE [SHEET]".into()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
