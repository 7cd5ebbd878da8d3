//! `attain`: the engine on the command line, sharing every line of reading and analysis code
//! with the app.
//!
//! - `attain inspect FILE…` prints, as JSON, what the engine read from each file: its sheets,
//!   the chosen sheet's detected layout (header rows and paths, column types, the row buckets
//!   with counts and row numbers), warnings, the as-of date, or the error.
//! - `attain analyze FILE… [--sheet NAME | --each-sheet] [--deadline YYYY-MM-DD]
//!   [--format csv|json|xlsx] [--lang vi|en]` prints the results of the latest file as the app's CSV export (the same
//!   rows, the same schema), or as JSON with the warnings, the comparison with the previous
//!   reporting date, the outlook against the deadline and the summary paragraph. Several files
//!   (or, with `--each-sheet`, the sheets of a workbook) are reporting dates of the same
//!   report, ordered by their as-of dates.

use attain_core::analysis::{suggest, Role, TargetSource};
use attain_core::dates::{find_as_of, AsOfSource, Date};
use attain_core::pipeline::{dataset, series};
use attain_core::report::csv::{result_rows, results_csv};
use attain_core::report::messages::{missing, outlook_status, warning};
use attain_core::report::summary::{summary, Context};
use attain_core::report::Lang;
use attain_core::table::{best_sheet, column_letter, Bucket, RowKind};
use attain_core::{read_workbook, Table, Workbook};
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
    // Columns typed in a legacy font (TCVN3, VNI), converted on reading.
    out["legacy"] = json!({
        "font_hint": workbook.legacy_hint.map(|h| h.label()),
        "columns": sheet.legacy.iter().map(|c| json!({
            "column": column_letter(c.column),
            "header": table.columns.get(c.column).map(|col| col.name.clone()),
            "encoding": c.encoding.label(),
            "cells": c.cells,
            "samples": c.samples,
        })).collect::<Vec<_>>(),
    });
    let name_of = |i: usize| {
        table
            .columns
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    out["mapping_guess"] = json!(suggest(&table).map(|s| {
        let m = &s.mapping;
        json!({
            "confidence": s.confidence,
            "confident": s.confident(),
            "unit": name_of(m.unit),
            "parents": m.parents.iter().map(|p| name_of(*p)).collect::<Vec<_>>(),
            "indicator_column": m.indicator_column.map(name_of),
            "indicators": m.indicators.iter().map(|i| json!({
                "name": i.name,
                "achieved": name_of(i.achieved),
                "target": match i.target {
                    Some(TargetSource::Column(t)) => json!(name_of(t)),
                    Some(TargetSource::Fixed(f)) => json!(f),
                    None => Json::Null,
                },
                "source_rate": i.source_rate.map(name_of),
                "parts": i.parts.iter().map(|p| name_of(*p)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "roles": s.roles.iter().filter(|r| r.role != Role::Ignored || r.column < table.columns.len()).map(|r| json!({
                "column": name_of(r.column),
                "role": r.role,
                "confidence": r.confidence,
                "reason": r.reason,
            })).collect::<Vec<_>>(),
        })
    }));
    (out, true)
}

/// Options of `analyze`.
struct AnalyzeArgs {
    files: Vec<String>,
    sheet: Option<String>,
    deadline: Option<Date>,
    json: bool,
    lang: Lang,
    each_sheet: bool,
    xlsx: bool,
}

fn parse_analyze(args: &[String]) -> Result<AnalyzeArgs, String> {
    let mut out = AnalyzeArgs {
        files: Vec::new(),
        sheet: None,
        deadline: None,
        json: false,
        lang: Lang::Vi,
        each_sheet: false,
        xlsx: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{}", usage()))
        };
        match a.as_str() {
            "--sheet" => out.sheet = Some(value("--sheet")?),
            "--each-sheet" => out.each_sheet = true,
            "--deadline" => {
                let v = value("--deadline")?;
                out.deadline = Some(
                    Date::parse_iso(&v)
                        .ok_or_else(|| format!("--deadline {v}: not a date like 2023-12-15"))?,
                );
            }
            "--format" => match value("--format")?.as_str() {
                "csv" => out.json = false,
                "json" => out.json = true,
                "xlsx" => out.xlsx = true,
                v => return Err(format!("--format {v}: use csv, json or xlsx")),
            },
            "--lang" => {
                let v = value("--lang")?;
                out.lang =
                    Lang::from_code(&v).ok_or_else(|| format!("--lang {v}: use vi or en"))?;
            }
            f if f.starts_with("--") => return Err(format!("unknown option {f}\n{}", usage())),
            f => out.files.push(f.to_string()),
        }
    }
    if out.files.is_empty() {
        return Err(usage());
    }
    Ok(out)
}

fn opt(n: Option<f64>) -> Json {
    n.filter(|x| x.is_finite()).map_or(Json::Null, |x| json!(x))
}

fn analyze_files(args: &[String]) -> Result<Vec<u8>, String> {
    let args = parse_analyze(args)?;
    let mut datasets = Vec::new();
    for path in &args.files {
        let (name, workbook) = load(path)?;
        if args.each_sheet {
            // Every sheet with a table is a reporting date of its own.
            let before = datasets.len();
            for sheet in &workbook.sheets {
                if let Ok(d) = dataset(
                    &format!("{name} \u{203a} {}", sheet.name),
                    &workbook,
                    Some(&sheet.name),
                ) {
                    datasets.push(d);
                }
            }
            if datasets.len() == before {
                return Err(format!(
                    "{name}: no sheet holds a table of units and figures"
                ));
            }
        } else {
            datasets.push(dataset(&name, &workbook, args.sheet.as_deref())?);
        }
    }
    let report = series(&datasets, args.deadline, &[]);
    let latest = &datasets[report.latest];
    let context = Context {
        as_of: latest.as_of,
        comparison: report.comparison.as_ref(),
        deadline: args.deadline,
    };
    if args.xlsx {
        let text = summary(&latest.analysis, context, args.lang);
        return attain_core::report::xlsx::results_xlsx(&latest.analysis, &text, args.lang);
    }
    if !args.json {
        return Ok(results_csv(&latest.analysis)
            .trim_start_matches('\u{feff}')
            .as_bytes()
            .to_vec());
    }
    let lang = args.lang;
    let rows: Vec<Json> = result_rows(&latest.analysis)
        .into_iter()
        .map(|r| {
            json!({
                "level": r.level, "unit": r.unit, "parent": r.parent, "indicator": r.indicator,
                "achieved": opt(r.achieved), "target": opt(r.target),
                "rate": opt(r.rate), "gap": opt(r.gap),
            })
        })
        .collect();
    let mut warnings: Vec<String> = latest
        .analysis
        .warnings
        .iter()
        .map(|w| warning(lang, w))
        .collect();
    if let Some(c) = &report.comparison {
        warnings.extend(c.missing.iter().map(|m| missing(lang, m)));
    }
    let changes: Vec<Json> = report
        .comparison
        .iter()
        .flat_map(|c| {
            c.indicators.iter().flat_map(move |ind| {
                let unit_rows = ind.units.iter().map(move |u| {
                    json!({
                        "level": "unit", "unit": u.unit, "previous_name": u.previous_name,
                        "indicator": ind.name, "achieved_before": opt(u.change.achieved_before),
                        "achieved": opt(u.change.achieved), "change": opt(u.change.delta()),
                        "change_pp": opt(u.change.delta_pp()), "per_day": opt(u.change.pace()),
                    })
                });
                let total = std::iter::once(json!({
                    "level": "total", "unit": "total", "indicator": ind.name,
                    "achieved_before": opt(ind.total.achieved_before),
                    "achieved": opt(ind.total.achieved), "change": opt(ind.total.delta()),
                    "change_pp": opt(ind.total.delta_pp()), "per_day": opt(ind.total.pace()),
                }));
                unit_rows.chain(total)
            })
        })
        .collect();
    let outlooks: Vec<Json> = report
        .outlooks
        .iter()
        .map(|(name, o)| {
            json!({
                "indicator": name, "remaining": o.remaining, "days_left": o.days_left,
                "needed_per_day": opt(o.needed_per_day),
                "projected": o.projected.map(|d| d.iso()),
                "status": outlook_status(lang, o.status),
            })
        })
        .collect();
    let text = summary(&latest.analysis, context, lang);
    let out = json!({
        "files": datasets.iter().map(|d| json!({
            "file": d.file, "sheet": d.sheet, "as_of": d.as_of.map(|a| a.iso()),
        })).collect::<Vec<_>>(),
        "latest": latest.file,
        "compared_with": report.comparison.as_ref().map(|c| c.from.iso()),
        "deadline": args.deadline.map(|d| d.iso()),
        "rows": rows,
        "warnings": warnings,
        "changes": changes,
        "outlook": outlooks,
        "summary": text,
    });
    Ok(format!(
        "{}\n",
        serde_json::to_string_pretty(&out).unwrap_or_default()
    )
    .into_bytes())
}

fn usage() -> String {
    "usage: attain inspect FILE…\n       attain analyze FILE… [--sheet NAME | --each-sheet] [--deadline YYYY-MM-DD] [--format csv|json|xlsx] [--lang vi|en]".into()
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
        Some("analyze") => match analyze_files(&args[1..]) {
            Ok(out) => {
                let _ = std::io::stdout().write_all(&out);
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
