//! `attain`: the engine on the command line, sharing every line of reading and analysis code
//! with the app.
//!
//! - `attain inspect FILE… [--lang vi|en]` prints, as JSON, what the engine read from each file:
//!   its sheets, the chosen sheet's detected layout (header rows and paths, column types, the
//!   row buckets with counts and row numbers), the legacy font conversions, the suggested
//!   mapping and the warnings of its results, the as-of date, or the error.
//! - `attain analyze FILE…|FOLDER [--targets FILE] [--sheet NAME | --each-sheet]
//!   [--deadline YYYY-MM-DD] [--format csv|json|xlsx] [--lang vi|en]` prints the results of
//!   the latest date as the app's CSV export (the same rows, the same schema), or as JSON with
//!   the warnings, the reports and their files, the targets' matching, the units that have not
//!   reported, the comparison with the previous reporting date, the outlook against the
//!   deadline and the summary paragraph. Files of one as-of date are combined into one report;
//!   files (or, with `--each-sheet`, the sheets of a workbook) of other dates are reporting
//!   dates of the same report, ordered by their as-of dates. A folder stands for the
//!   spreadsheets under it; `--targets` takes the targets from an assignment file.
//! - `attain report FILE…|FOLDER --out OUT.xlsx|OUT.docx|OUT.html [--deadline] [--targets]
//!   [--agency-above, --agency, --title, --place, --preparer, --signer-title, --signer TEXT]
//!   [--lang vi|en]` writes the report of the latest date in the layout offices send upward
//!   (`report::official`): the Excel sheet with the motto, merged headers, formulas and the
//!   signature block, the Word report, or the HTML report.

use attain_core::analysis::{Role, TargetSource, Unreported, Warning};
use attain_core::dates::{AsOfSource, Date};
use attain_core::report::csv::{result_rows, results_csv};
use attain_core::report::messages::{self, missing, outlook_status, warning};
use attain_core::report::official::Letterhead;
use attain_core::report::summary::{summary, Context};
use attain_core::report::Lang;
use attain_core::session::{Command, Session, Sheets, SourceError};
use attain_core::table::{column_letter, Bucket, RowKind};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::process::ExitCode;

mod tidy;

/// Why the command could not go on: a sentence in the user's language, and the low-level
/// cause apart.
struct Failure {
    message: String,
    detail: Option<String>,
}

impl Failure {
    fn new(message: String) -> Self {
        Failure {
            message,
            detail: None,
        }
    }

    fn of_source(lang: Lang, e: &SourceError) -> Self {
        let detail = match e {
            SourceError::Read { error, .. } => error.detail().map(str::to_string),
            _ => None,
        };
        Failure {
            message: messages::source_error(lang, e),
            detail,
        }
    }

    /// The message, then the cause after "Chi tiết:" / "Details:".
    fn lines(&self, lang: Lang) -> String {
        match &self.detail {
            Some(d) => format!("{}\n{}: {d}", self.message, messages::details_label(lang)),
            None => self.message.clone(),
        }
    }
}

/// A file's bytes and its name without the folders.
fn bytes_of(path: &str, lang: Lang) -> Result<(String, Vec<u8>), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure {
        message: messages::cannot_open(lang, path),
        detail: Some(e.to_string()),
    })?;
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    Ok((name, bytes))
}

/// A file opened in a session of its own, as the app opens it: its best sheet, table,
/// suggested mapping and results.
fn open(path: &str, lang: Lang) -> Result<(String, Session), Failure> {
    let (name, bytes) = bytes_of(path, lang)?;
    let mut session = Session::new();
    let command = Command::Open {
        name: name.clone(),
        options: Default::default(),
        templates: Vec::new(),
    };
    session.run(command, bytes).map_err(|error| {
        Failure::of_source(
            lang,
            &SourceError::Read {
                file: name.clone(),
                error,
            },
        )
    })?;
    Ok((name, session))
}

fn inspect(path: &str, lang: Lang) -> (Json, bool) {
    let (name, session) = match open(path, lang) {
        Ok(x) => x,
        Err(f) => {
            return (
                json!({ "file": path, "error": f.message, "error_detail": f.detail }),
                false,
            )
        }
    };
    let Some(source) = session.sources().first() else {
        return (json!({ "file": path }), false);
    };
    let Some(workbook) = source.cells() else {
        return (json!({ "file": path }), false);
    };
    let sheets: Vec<Json> = workbook
        .sheets
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "hidden": s.hidden,
                "rows": s.row_count(),
                "columns": s.width(),
                "filled_cells": s.filled_cells(),
                "merged_regions": s.merges.len(),
            })
        })
        .collect();
    let Some(sheet) = workbook.sheets.get(source.sheet) else {
        return (json!({ "file": name }), false);
    };
    let mut out = json!({
        "file": name,
        "format": workbook.format,
        "sheets": sheets,
        "sheet": sheet.name,
    });
    let table = match &source.table {
        Ok(t) => t,
        Err(error) => {
            let e = SourceError::Table {
                file: name.clone(),
                error: error.clone(),
            };
            out["error"] = json!(messages::source_error(lang, &e));
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
    let as_of = source.found_as_of.as_ref().map(|a| {
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
    // A list of citizens or cases: counted per unit.
    out["list"] = json!(source.list.as_ref().map(|l| json!({
        "rows": l.rows,
        "units": l.units,
        "unit_column": l.unit_column,
        "status_column": l.status_column,
        "statuses": l.statuses,
        "done": l.done,
        "without_unit": l.without_unit,
        "notice": messages::list_counted(lang, l),
    })));
    // Columns typed in a legacy font (TCVN3, VNI), converted on reading.
    let header_of = |i: usize| table.columns.get(i).map(|col| col.name.clone());
    out["legacy"] = json!({
        "font_hint": workbook.legacy_hint.map(|h| h.label()),
        "columns": sheet.legacy.iter().map(|c| json!({
            "column": column_letter(c.column),
            "header": header_of(c.column),
            "encoding": c.encoding.label(),
            "cells": c.cells,
            "samples": c.samples,
            "notice": messages::legacy_column(
                lang,
                &format!("{} ({})", column_letter(c.column), header_of(c.column).unwrap_or_default()),
                Some((c.encoding, c.cells)),
            ),
        })).collect::<Vec<_>>(),
    });
    let name_of = |i: usize| {
        table
            .columns
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let suggestion = source.suggestion.as_ref();
    // The warnings of the results the suggested mapping gives, and the rows set aside.
    match &source.analysis {
        Some(Ok(a)) => {
            out["warnings"] = json!(a
                .warnings
                .iter()
                .map(|w| warning(lang, w))
                .collect::<Vec<_>>());
            out["set_aside"] = json!(a
                .skipped
                .iter()
                .map(|r| json!({ "row": r.source_row, "reason": messages::skip_reason(lang, &r.reason) }))
                .collect::<Vec<_>>());
        }
        Some(Err(error)) => {
            let e = SourceError::Mapping {
                file: name.clone(),
                error: error.clone(),
            };
            out["warnings"] = json!([messages::source_error(lang, &e)]);
        }
        None => {
            let e = SourceError::NoMapping { file: name.clone() };
            out["warnings"] = json!([messages::source_error(lang, &e)]);
        }
    }
    out["mapping_guess"] = json!(suggestion.map(|s| {
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
    parquet: bool,
    targets: Option<String>,
}

/// The language asked for with `--lang`, wherever it stands, so that even an error in the
/// other options is worded in it; Vietnamese by default.
fn lang_of(args: &[String]) -> Result<Lang, String> {
    match args.iter().position(|a| a == "--lang") {
        None => Ok(Lang::Vi),
        Some(i) => {
            let v = args.get(i + 1).map(String::as_str).unwrap_or_default();
            Lang::from_code(v).ok_or_else(|| {
                format!(
                    "--lang {v}: dùng vi hoặc en / use vi or en\n{}",
                    usage(Lang::Vi)
                )
            })
        }
    }
}

/// An option the command line does not understand, worded in the language asked for.
fn option_error(lang: Lang, option: &str, value: Option<&str>) -> String {
    let v = value.unwrap_or_default();
    let text = match (lang, option, value) {
        (Lang::Vi, _, None) => format!("{option} cần một giá trị"),
        (Lang::En, _, None) => format!("{option} needs a value"),
        (Lang::Vi, "--deadline", _) => format!("--deadline {v}: cần một ngày dạng 2023-12-15"),
        (Lang::En, "--deadline", _) => format!("--deadline {v}: not a date like 2023-12-15"),
        (Lang::Vi, "--format", _) => format!("--format {v}: dùng csv, json, xlsx hoặc parquet"),
        (Lang::En, "--format", _) => format!("--format {v}: use csv, json, xlsx or parquet"),
        (Lang::Vi, "--out", _) => {
            format!("--out {v}: tên tệp cần kết thúc bằng .xlsx, .docx hoặc .html")
        }
        (Lang::En, "--out", _) => format!("--out {v}: name a file ending in .xlsx, .docx or .html"),
        (Lang::Vi, _, _) => format!("không có tùy chọn {option}"),
        (Lang::En, _, _) => format!("unknown option {option}"),
    };
    format!("{text}\n{}", usage(lang))
}

fn parse_analyze(args: &[String]) -> Result<AnalyzeArgs, String> {
    let lang = lang_of(args)?;
    let mut out = AnalyzeArgs {
        files: Vec::new(),
        sheet: None,
        deadline: None,
        json: false,
        lang,
        each_sheet: false,
        xlsx: false,
        parquet: false,
        targets: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| option_error(lang, flag, None))
        };
        match a.as_str() {
            "--sheet" => out.sheet = Some(value("--sheet")?),
            "--targets" => out.targets = Some(value("--targets")?),
            "--each-sheet" => out.each_sheet = true,
            "--deadline" => {
                let v = value("--deadline")?;
                out.deadline = Some(
                    Date::parse_iso(&v)
                        .ok_or_else(|| option_error(lang, "--deadline", Some(&v)))?,
                );
            }
            "--format" => match value("--format")?.as_str() {
                "csv" => out.json = false,
                "json" => out.json = true,
                "xlsx" => out.xlsx = true,
                "parquet" => out.parquet = true,
                v => return Err(option_error(lang, "--format", Some(v))),
            },
            "--lang" => {
                value("--lang")?;
            }
            f if f.starts_with("--") => return Err(option_error(lang, f, Some(""))),
            f => out.files.push(f.to_string()),
        }
    }
    if out.files.is_empty() {
        return Err(usage(lang));
    }
    Ok(out)
}

fn opt(n: Option<f64>) -> Json {
    n.filter(|x| x.is_finite()).map_or(Json::Null, |x| json!(x))
}

/// A session with every file of the command line added (one that is not a report among
/// many gets its message on stderr; the others go on), the targets and the deadline set.
fn open_session(args: &AnalyzeArgs) -> Result<Session, Failure> {
    let lang = args.lang;
    let mut session = Session::new();
    // The register is built in: every report's units are found in it.
    if let Ok(register) = attain_core::register::Register::of_2025() {
        session.set_register(std::sync::Arc::new(attain_core::places::Known::new(
            register,
        )));
    }
    let sheets = match (&args.sheet, args.each_sheet) {
        // Every sheet with a table is a reporting date of its own.
        (_, true) => Sheets::Each,
        (Some(name), false) => Sheets::Named(name.clone()),
        (None, false) => Sheets::Best,
    };
    let files = expand_folders(&args.files, lang)?;
    let mut first_error = None;
    for path in &files {
        let (name, bytes) = bytes_of(path, lang)?;
        match session.add_file(&name, &bytes, &Default::default(), &sheets) {
            Ok(0) => eprintln!("{}", messages::same_file_twice(lang, &name)),
            Ok(_) => {}
            Err(e) if files.len() > 1 => {
                eprintln!("{}", Failure::of_source(lang, &e).lines(lang));
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(Failure::of_source(lang, &e)),
        }
    }
    if session.sources().is_empty() {
        return Err(match first_error {
            Some(e) => Failure::of_source(lang, &e),
            None => Failure::new(usage(lang)),
        });
    }
    if let Some(path) = &args.targets {
        let (name, bytes) = bytes_of(path, lang)?;
        session
            .set_targets(&name, &bytes, &Default::default())
            .map_err(|e| Failure::of_source(lang, &e))?;
    }
    session.set_deadline(args.deadline);
    Ok(session)
}

fn analyze_files(args: &[String]) -> Result<Vec<u8>, Failure> {
    let args = parse_analyze(args).map_err(Failure::new)?;
    let lang = args.lang;
    let session = open_session(&args)?;
    let Some(report) = session.series() else {
        return Err(Failure::new(usage(lang)));
    };
    let sources = session.sources();
    let latest = &sources[report.latest];
    // Every source the command line adds gives results (add_file refuses one that does not).
    let Some(analysis) = session.report_of(report.latest) else {
        return Err(Failure::new(usage(lang)));
    };
    let shown = session.report_with(report.latest);
    let context = Context {
        as_of: latest.as_of(),
        comparison: report.comparison.as_ref(),
        deadline: args.deadline,
    };
    if args.parquet {
        // Every reporting date, each unit with its date, parents and file.
        let dated: Vec<tidy::Dated> = session
            .reports()
            .iter()
            .filter_map(|r| {
                Some(tidy::Dated {
                    as_of: r.as_of,
                    analysis: session.analysis_of(r)?,
                    file: sources
                        .get(*r.members.first()?)
                        .map_or("", |s| s.name.as_str()),
                })
            })
            .collect();
        return tidy::write(&dated).map_err(|e| Failure {
            message: messages::export_failed(lang).to_string(),
            detail: Some(e.to_string()),
        });
    }
    if args.xlsx {
        let text = summary(analysis, context, args.lang);
        let mut book = attain_core::report::xlsx::plan(analysis, &text, args.lang);
        // The dates × units sheet, with three reporting dates or more.
        if let Some(h) = session.history_of(report.latest) {
            book.sheets.insert(
                1,
                attain_core::report::xlsx::by_date(analysis, &h, args.lang),
            );
        }
        return attain_core::report::xlsx::write(&book).map_err(|e| Failure {
            message: messages::export_failed(lang).to_string(),
            detail: Some(e.detail),
        });
    }
    if !args.json {
        return Ok(results_csv(analysis)
            .trim_start_matches('\u{feff}')
            .as_bytes()
            .to_vec());
    }
    let placement = shown.and_then(|r| r.placement.as_ref());
    // Each unit's code in the register, by its name and deepest named parent.
    let codes: std::collections::HashMap<(String, String), String> = placement
        .map(|p| {
            analysis
                .indicators
                .iter()
                .flat_map(|ind| &ind.units)
                .filter_map(|u| {
                    let parent = u.parents.iter().rev().find(|p| !p.is_empty());
                    Some((
                        (u.unit.to_string(), parent.cloned().unwrap_or_default()),
                        p.of(&u.row)?.code.clone(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let rows: Vec<Json> = result_rows(analysis)
        .into_iter()
        .map(|r| {
            let mut row = json!({
                "level": r.level, "unit": r.unit, "parent": r.parent, "indicator": r.indicator,
                "achieved": opt(r.achieved), "target": opt(r.target),
                "rate": opt(r.rate), "gap": opt(r.gap),
            });
            if r.level == "unit" {
                if let Some(code) = codes.get(&(r.unit.clone(), r.parent.clone())) {
                    row["code"] = json!(code);
                }
            }
            if !r.file.is_empty() {
                row["file"] = json!(r.file);
            }
            row
        })
        .collect();
    let named = |u: &Unreported| json!({ "unit": u.unit, "parents": u.parents });
    let register = placement.map(|p| {
        json!({
            "version": p.version.map(|d| d.iso()),
            "side": p.era.map(|e| match e {
                attain_core::places::Era::Before => "before 2025 reform",
                attain_core::places::Era::After => "after 2025 reform",
            }),
            "level": p.level.map(|l| format!("{l:?}").to_lowercase()),
            "home": p.home.as_ref().map(|h| json!({ "code": h.code, "name": h.name })),
            "units": p.units,
            "found": p.found(),
            "not_found": p.unknown.iter().map(named).collect::<Vec<_>>(),
            "not_in_report": p.missing.iter().map(named).collect::<Vec<_>>(),
        })
    });
    let duplicates: Vec<Json> = analysis
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::SameUnitInFiles {
                unit,
                parents,
                files,
                achieved,
            } => Some(json!({
                "unit": unit, "parents": parents, "files": files,
                "achieved": achieved.iter().map(|a| opt(*a)).collect::<Vec<_>>(),
                "message": warning(lang, w),
            })),
            _ => None,
        })
        .collect();
    let reports: Vec<Json> = session
        .reports()
        .iter()
        .map(|r| {
            json!({
                "as_of": r.as_of.map(|d| d.iso()),
                "files": r.members.iter().filter_map(|i| sources.get(*i)).map(|s| json!({
                    "file": s.name,
                    "office": s.office.as_ref().map(|o| format!("{} {}", o.level, o.name)),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let targets = shown.and_then(|r| r.joined.as_ref()).map(|j| {
        json!({
            "file": j.file,
            "columns": j.columns,
            "indicators": j.indicator_columns.iter().map(|(name, c)| json!({
                "indicator": name,
                "column": c.and_then(|c| j.columns.get(c)),
            })).collect::<Vec<_>>(),
            "matched": j.matched,
            "unmatched_in_report": j.unmatched.iter().map(named).collect::<Vec<_>>(),
            "unmatched_in_targets": j.unclaimed.iter().map(|(_, u)| named(u)).collect::<Vec<_>>(),
        })
    });
    let mut warnings: Vec<String> = analysis.warnings.iter().map(|w| warning(lang, w)).collect();
    if let Some(c) = &report.comparison {
        warnings.extend(c.missing.iter().map(|m| missing(lang, m)));
    }
    let reform = report.comparison.as_ref().and_then(|c| c.reform.as_ref());
    let changes: Vec<Json> = report
        .comparison
        .iter()
        .flat_map(|c| {
            c.indicators.iter().flat_map(move |ind| {
                let unit_rows = ind.units.iter().map(move |u| {
                    let mut row = json!({
                        "level": "unit", "unit": u.unit, "previous_name": u.previous_name,
                        "indicator": ind.name, "achieved_before": opt(u.change.achieved_before),
                        "achieved": opt(u.change.achieved), "change": opt(u.change.delta()),
                        "change_pp": opt(u.change.delta_pp()), "per_day": opt(u.change.pace()),
                    });
                    // Across the reform: the old units the before is the sum of.
                    if let Some(r) = reform {
                        let absorbed = r.absorbed.iter().find(|a| *a.unit == *u.unit);
                        row["previous_name"] = Json::Null;
                        row["code"] = json!(absorbed.map(|a| &a.code));
                        row["absorbed"] = json!(absorbed.map(|a| &a.from));
                        row["approximate"] = json!(r.splits.iter().any(|s| {
                            s.into == *u.unit || s.also.iter().any(|n| *n == *u.unit)
                        }));
                    }
                    row
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
    let text = summary(analysis, context, lang);
    let out = json!({
        "files": sources.iter().map(|d| json!({
            "file": d.name,
            "sheet": d.info.sheets.get(d.sheet).map(|s| s.name.clone()),
            "as_of": d.as_of().map(|a| a.iso()),
        })).collect::<Vec<_>>(),
        "latest": latest.name,
        "reports": reports,
        "targets": targets,
        "not_reported": analysis.unreported.iter().map(|u| json!({
            "unit": u.unit, "parents": u.parents,
        })).collect::<Vec<_>>(),
        "duplicates": duplicates,
        "compared_with": report.comparison.as_ref().map(|c| c.from.iso()),
        "register": register,
        // A comparison across the 2025 reform: the earlier report rolled up into the new units.
        "reform": reform.map(|r| json!({
            "version": r.version.map(|d| d.iso()),
            "approximate": r.approximate(),
            "splits": r.splits.iter().map(|s| json!({
                "old": s.old, "into": s.into, "also": s.also,
            })).collect::<Vec<_>>(),
            "not_found": r.unplaced,
        })),
        "deadline": args.deadline.map(|d| d.iso()),
        "rows": rows,
        "warnings": warnings,
        "changes": changes,
        "outlook": outlooks,
        "summary": text,
        // The whole at every reporting date up to the latest, with three dates or more.
        "trend": session.history_of(report.latest).map(|h| {
            let t = h.trend(analysis);
            json!({
                "dates": t.dates.iter().map(|d| d.iso()).collect::<Vec<_>>(),
                "whole": t.whole.iter().map(|l| json!({
                    "indicator": l.name,
                    "points": l.points.iter().map(|p| json!({
                        "achieved": opt(p.achieved), "target": opt(p.target), "rate": opt(p.rate()),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        }),
    });
    Ok(format!(
        "{}\n",
        serde_json::to_string_pretty(&out).unwrap_or_default()
    )
    .into_bytes())
}

/// The files given, each folder replaced by the spreadsheets and text files under it (at any
/// depth, in the order of their paths).
fn expand_folders(paths: &[String], lang: Lang) -> Result<Vec<String>, Failure> {
    const KINDS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];
    let mut out = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if !path.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut found = Vec::new();
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|e| Failure {
                message: messages::cannot_open(lang, &dir.to_string_lossy()),
                detail: Some(e.to_string()),
            })?;
            for entry in entries.flatten() {
                let p = entry.path();
                let hidden = p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(['.', '~']));
                if hidden {
                    continue;
                }
                if p.is_dir() {
                    stack.push(p);
                } else if p
                    .extension()
                    .is_some_and(|e| KINDS.contains(&e.to_string_lossy().to_lowercase().as_str()))
                {
                    found.push(p.to_string_lossy().into_owned());
                }
            }
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// `attain report`: the report of the latest date in the official layout, written to `--out`
/// (.xlsx, .docx or .html by its extension), with the letterhead the options give.
fn report_files(args: &[String]) -> Result<(), Failure> {
    let lang = lang_of(args).map_err(Failure::new)?;
    let mut letterhead = Letterhead::default();
    let mut out = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let field = match a.as_str() {
            "--out" => {
                out = Some(
                    it.next()
                        .cloned()
                        .ok_or_else(|| Failure::new(option_error(lang, a, None)))?,
                );
                continue;
            }
            "--agency-above" => &mut letterhead.agency_above,
            "--agency" => &mut letterhead.agency,
            "--title" => &mut letterhead.title,
            "--place" => &mut letterhead.place,
            "--preparer" => &mut letterhead.preparer,
            "--signer-title" => &mut letterhead.signer_title,
            "--signer" => &mut letterhead.signer,
            _ => {
                rest.push(a.clone());
                continue;
            }
        };
        *field = it
            .next()
            .cloned()
            .ok_or_else(|| Failure::new(option_error(lang, a, None)))?;
    }
    let Some(out) = out else {
        return Err(Failure::new(option_error(lang, "--out", None)));
    };
    let kind = std::path::Path::new(&out)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(kind.as_str(), "xlsx" | "docx" | "html") {
        return Err(Failure::new(option_error(lang, "--out", Some(&out))));
    }
    let args = parse_analyze(&rest).map_err(Failure::new)?;
    let session = open_session(&args)?;
    let Some(series) = session.series() else {
        return Err(Failure::new(usage(lang)));
    };
    let Some(analysis) = session.report_of(series.latest) else {
        return Err(Failure::new(usage(lang)));
    };
    let source = &session.sources()[series.latest];
    let as_of = source.as_of();
    let context = Context {
        as_of,
        comparison: series.comparison.as_ref(),
        deadline: args.deadline,
    };
    let text = summary(analysis, context, lang);
    let failed = |detail: String| Failure {
        message: messages::export_failed(lang).to_string(),
        detail: Some(detail),
    };
    let table = attain_core::report::official::table(analysis);
    let bytes = match kind.as_str() {
        "xlsx" => {
            let book =
                attain_core::report::official::plan(&table, &letterhead, as_of, today(), lang);
            attain_core::report::xlsx::write(&book).map_err(|e| failed(e.detail))?
        }
        "docx" => {
            let doc = attain_core::report::docx::Document {
                letterhead,
                as_of,
                dated: today(),
                lang,
                summary: text.clone(),
                table,
                // The charts are drawn by the page; the command line has none to show.
                picture: None,
            };
            attain_core::report::docx::write(&doc).map_err(|e| failed(e.detail))?
        }
        _ => attain_core::report::html::standalone_html(
            analysis,
            0,
            &source.name,
            as_of,
            &text,
            &[],
            session.history_of(series.latest).as_ref(),
            lang,
        )
        .into_bytes(),
    };
    std::fs::write(&out, bytes).map_err(|e| Failure {
        message: messages::cannot_write(lang, &out),
        detail: Some(e.to_string()),
    })
}

/// Today, by this machine's clock (the day the report is signed).
fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_days((secs / 86_400) as i64)
}

fn usage(lang: Lang) -> String {
    let (title, file, name, folder) = match lang {
        Lang::Vi => ("cách dùng", "TỆP", "TÊN", "THƯ_MỤC"),
        Lang::En => ("usage", "FILE", "NAME", "FOLDER"),
    };
    format!(
        "{title}: attain inspect {file}… [--lang vi|en]\n       attain analyze {file}…|{folder} [--targets {file}] [--sheet {name} | --each-sheet] [--deadline YYYY-MM-DD] [--format csv|json|xlsx|parquet] [--lang vi|en]\n       attain report {file}…|{folder} --out OUT.xlsx|OUT.docx|OUT.html [--targets {file}] [--deadline YYYY-MM-DD] [--agency-above, --agency, --title, --place, --preparer, --signer-title, --signer {name}] [--lang vi|en]"
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inspect") if args.len() > 1 => {
            let lang = match lang_of(&args[1..]) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let mut files = Vec::new();
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--lang" => {
                        it.next();
                    }
                    f if f.starts_with("--") => {
                        eprintln!("{}", option_error(lang, f, Some("")));
                        return ExitCode::from(2);
                    }
                    f => files.push(f),
                }
            }
            if files.is_empty() {
                eprintln!("{}", usage(lang));
                return ExitCode::from(2);
            }
            let mut all_ok = true;
            let reports: Vec<Json> = files
                .iter()
                .map(|p| {
                    let (j, ok) = inspect(p, lang);
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
            Err(f) => {
                eprintln!("{}", f.lines(lang_of(&args[1..]).unwrap_or(Lang::Vi)));
                ExitCode::FAILURE
            }
        },
        Some("report") => match report_files(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => {
                eprintln!("{}", f.lines(lang_of(&args[1..]).unwrap_or(Lang::Vi)));
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{}", usage(lang_of(&args).unwrap_or(Lang::Vi)));
            ExitCode::from(2)
        }
    }
}
