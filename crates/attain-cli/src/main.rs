//! `attain`: the engine on the command line, sharing every line of reading and analysis code
//! with the app.
//!
//! - `attain inspect FILE…` prints, as JSON, what the engine read from each file: its sheets,
//!   the chosen sheet's detected layout (header rows and paths, column types, the row buckets
//!   with counts and row numbers), warnings, the as-of date, or the error.
//! - `attain analyze FILE [SHEET]` prints the per-unit results as the app's CSV export.

use attain_core::analysis::guess_mapping;
use attain_core::dates::{find_as_of, AsOfSource};
use attain_core::report::csv::results_csv;
use attain_core::table::{best_sheet, column_letter, Bucket, RowKind};
use attain_core::{analyze, read_workbook, Table, Workbook};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::process::ExitCode;

fn load(path: &str) -> Result<(String, Workbook), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let workbook = read_workbook(&name, &bytes).map_err(|e| format!("{name}: {e}"))?;
    Ok((name, workbook))
}

fn inspect(path: &str) -> (Json, bool) {
    let (name, workbook) = match load(path) {
        Ok(x) => x,
        Err(e) => return (json!({ "file": path, "error": e }), false),
    };
    let sheets: Vec<Json> = workbook
        .sheets
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "hidden": s.hidden,
                "rows": s.rows.len(),
                "columns": s.width(),
                "filled_cells": s.filled_cells(),
                "merged_regions": s.merges.len(),
            })
        })
        .collect();
    let chosen = best_sheet(&workbook);
    let sheet = &workbook.sheets[chosen];
    let mut out = json!({
        "file": name,
        "format": workbook.format,
        "sheets": sheets,
        "sheet": sheet.name,
    });
    let table = match Table::from_sheet(sheet) {
        Ok(t) => t,
        Err(e) => {
            out["error"] = json!(format!("{name}: {e}"));
            return (out, false);
        }
    };
    let bucket = |b: Bucket| -> Json {
        let rows: Vec<usize> = (0..table.kinds.len())
            .filter(|i| table.kinds[*i].bucket() == b)
            .map(|i| i + 1)
            .collect();
        json!({ "count": rows.len(), "rows": rows })
    };
    let columns: Vec<Json> = table
        .columns
        .iter()
        .map(|c| {
            json!({
                "column": column_letter(c.index),
                "path": c.path,
                "name": c.name,
                "kind": c.kind,
                "number_style": c.number_style,
                "percent_scale": c.percent_scale,
                "ordinal": c.ordinal,
            })
        })
        .collect();
    let cell = |u: &attain_core::table::UnreadableCell| json!({ "cell": format!("{}{}", column_letter(u.column), u.source_row), "text": u.text });
    let as_of = find_as_of(sheet, Some(&table), &name).map(|a| {
        json!({
            "date": a.date.iso(),
            "from": match a.source {
                AsOfSource::Sheet(row) => format!("row {row}"),
                AsOfSource::FileName => "file name".to_string(),
            }
        })
    });
    out["table"] = json!({
        "header_rows": table.rows_of(RowKind::Header),
        "column_number_rows": table.rows_of(RowKind::ColumnNumbers),
        "columns": columns,
        "buckets": {
            "header": bucket(Bucket::Header),
            "data": bucket(Bucket::Data),
            "total": bucket(Bucket::Total),
            "title_footer": bucket(Bucket::TitleFooter),
            "empty": bucket(Bucket::Empty),
        },
        "source_rows": table.source_rows(),
        "unreadable_cells": table.unreadable.iter().map(cell).collect::<Vec<_>>(),
        "error_cells": table.errors.iter().map(cell).collect::<Vec<_>>(),
    });
    out["as_of"] = json!(as_of);
    out["mapping_guess"] = json!(guess_mapping(&table).map(|m| json!({
        "unit": table.columns[m.unit].name,
        "target": table.columns[m.target].name,
        "achieved": table.columns[m.achieved].name,
    })));
    (out, true)
}

fn analyze_file(args: &[String]) -> Result<String, String> {
    let path = args.first().ok_or_else(usage)?;
    let (name, workbook) = load(path)?;
    let sheet_index = match args.get(1) {
        Some(s) => workbook
            .sheets
            .iter()
            .position(|sh| sh.name == *s)
            .ok_or_else(|| format!("{name}: no sheet named {s}"))?,
        None => best_sheet(&workbook),
    };
    let table =
        Table::from_sheet(&workbook.sheets[sheet_index]).map_err(|e| format!("{name}: {e}"))?;
    let mapping = guess_mapping(&table)
        .ok_or_else(|| format!("{name}: no unit column and two numeric columns found"))?;
    let analysis = analyze(&table, mapping).map_err(|e| format!("{name}: {e}"))?;
    Ok(results_csv(&analysis)
        .trim_start_matches('\u{feff}')
        .to_string())
}

fn usage() -> String {
    "usage: attain inspect FILE…\n       attain analyze FILE [SHEET]".into()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inspect") if args.len() > 1 => {
            let mut all_ok = true;
            let reports: Vec<Json> = args[1..]
                .iter()
                .map(|p| {
                    let (j, ok) = inspect(p);
                    all_ok &= ok;
                    j
                })
                .collect();
            let out = if reports.len() == 1 {
                reports.into_iter().next().unwrap_or_default()
            } else {
                Json::Array(reports)
            };
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                serde_json::to_string_pretty(&out).unwrap_or_default()
            );
            if all_ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some("analyze") => match analyze_file(&args[1..]) {
            Ok(out) => {
                let _ = write!(std::io::stdout(), "{out}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{}", usage());
            ExitCode::from(2)
        }
    }
}
