//! Reads every spreadsheet or text file under a folder the way the app does (`read_workbook`,
//! then `best_sheet` and `Table::from_sheet`) and counts what happened: read, refused with a
//! clean error (by `ReadError` kind), or panicked. A robustness check on corpora of real files;
//! nothing here is committed but the tool.
//!
//! ```text
//! cargo run -p attain-core --example read_corpus --profile corpus -- DIR        # in one process
//! cargo run -p attain-core --example read_corpus --profile corpus -- --isolate DIR  # one child per file
//! cargo run -p attain-core --example read_corpus --profile corpus -- FILE       # one file, verbose
//! ```
//!
//! A panic is caught and counted only where panics unwind (the workspace's release profile
//! aborts, so build with `--config 'profile.corpus.inherits="release"' --config
//! 'profile.corpus.panic="unwind"'`). An abort (allocation failure, stack overflow) kills the
//! process; `--isolate` runs each file in its own child process (under `timeout 120`) and
//! reports those files.

use attain_core::table::best_sheet;
use attain_core::{read_workbook, ReadError, Table};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

thread_local! {
    /// Where the last panic was raised (file:line), set by the panic hook.
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];

/// What reading one file came to.
enum Outcome {
    /// Read; the detected table (or why none), and the sheet's size.
    Ok(String),
    /// A clean error: its kind and message.
    Error(&'static str, String),
    /// A panic, with its message.
    Panic(String),
}

/// The variant's name, from its `Debug` form (so new variants need no change here).
fn kind(e: &ReadError) -> &'static str {
    let debug = format!("{e:?}");
    let name = debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_string();
    Box::leak(name.into_boxed_str())
}

fn read_one(path: &Path) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Outcome::Error("io", e.to_string()),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = catch_unwind(AssertUnwindSafe(|| match read_workbook(&name, &bytes) {
        Ok(wb) => {
            let i = best_sheet(&wb);
            let sheet = &wb.sheets[i];
            let cells: usize = sheet.rows().map(|r| r.len()).sum();
            let table = match Table::from_sheet(sheet) {
                Ok(t) => format!(
                    "table of {} rows × {} columns",
                    t.body.len(),
                    t.columns.len()
                ),
                Err(e) => format!("no table ({e})"),
            };
            Outcome::Ok(format!(
                "{} sheet(s); best “{}”: {} rows, {} cells; {table}",
                wb.sheets.len(),
                sheet.name,
                sheet.row_count(),
                cells
            ))
        }
        Err(e) => Outcome::Error(kind(&e), e.to_string()),
    }));
    result.unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "non-text panic".into());
        let at = PANIC_AT.with(|p| p.borrow().clone());
        Outcome::Panic(format!("{msg} (at {at})"))
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

#[derive(Default)]
struct Counts {
    files: usize,
    ok: usize,
    errors: BTreeMap<String, usize>,
    panics: Vec<(PathBuf, String)>,
    aborts: Vec<(PathBuf, String)>,
    times: Vec<(Duration, PathBuf)>,
}

impl Counts {
    fn add(&mut self, path: PathBuf, elapsed: Duration, outcome: Outcome) {
        self.files += 1;
        match outcome {
            Outcome::Ok(_) => self.ok += 1,
            Outcome::Error(k, _) => *self.errors.entry(k.to_string()).or_default() += 1,
            Outcome::Panic(m) => self.panics.push((path.clone(), m)),
        }
        self.times.push((elapsed, path));
    }

    fn print(mut self) {
        println!("files: {}", self.files);
        println!("read ok: {}", self.ok);
        let clean: usize = self.errors.values().sum();
        println!("clean errors: {clean}");
        for (k, n) in &self.errors {
            println!("  {k}: {n}");
        }
        println!("panics: {}", self.panics.len());
        for (p, m) in &self.panics {
            println!("  {}: {m}", p.display());
        }
        println!("aborts: {}", self.aborts.len());
        for (p, m) in &self.aborts {
            println!("  {}: {m}", p.display());
        }
        self.times.sort_by_key(|t| std::cmp::Reverse(t.0));
        println!("slowest:");
        for (t, p) in self.times.iter().take(10) {
            println!("  {:>9.3} s  {}", t.as_secs_f64(), p.display());
        }
    }
}

/// Runs one file in a child process (this program, one-file mode) and reads its verdict line.
fn isolated(exe: &Path, path: &Path, counts: &mut Counts) {
    let start = Instant::now();
    // `timeout` (coreutils) ends a child that hangs; its status then says so.
    let out = Command::new("timeout")
        .arg("120")
        .arg(exe)
        .arg("--verdict")
        .arg(path)
        .output();
    let elapsed = start.elapsed();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            counts.files += 1;
            counts
                .aborts
                .push((path.to_path_buf(), format!("spawn: {e}")));
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let verdict = stdout.lines().last().unwrap_or("");
    let outcome = if let Some(rest) = verdict.strip_prefix("OK ") {
        Outcome::Ok(rest.to_string())
    } else if let Some(rest) = verdict.strip_prefix("ERROR ") {
        let (k, m) = rest.split_once(' ').unwrap_or((rest, ""));
        let k: &'static str = Box::leak(k.to_string().into_boxed_str());
        Outcome::Error(k, m.to_string())
    } else if let Some(rest) = verdict.strip_prefix("PANIC ") {
        Outcome::Panic(rest.to_string())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        counts.files += 1;
        counts.times.push((elapsed, path.to_path_buf()));
        counts
            .aborts
            .push((path.to_path_buf(), format!("{} — {last}", out.status)));
        return;
    };
    counts.add(path.to_path_buf(), elapsed, outcome);
}

fn main() {
    // Keep panic messages out of the output; they are reported with the file name and the
    // place they were raised.
    std::panic::set_hook(Box::new(|info| {
        if let Some(l) = info.location() {
            PANIC_AT.with(|p| *p.borrow_mut() = format!("{}:{}", l.file(), l.line()));
        }
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (isolate, verdict, target) = match args.as_slice() {
        [flag, path] if flag == "--isolate" => (true, false, PathBuf::from(path)),
        [flag, path] if flag == "--verdict" => (false, true, PathBuf::from(path)),
        [path] => (false, false, PathBuf::from(path)),
        _ => {
            eprintln!("usage: read_corpus [--isolate] DIR | read_corpus FILE");
            std::process::exit(2);
        }
    };
    if target.is_file() {
        let start = Instant::now();
        let outcome = read_one(&target);
        let elapsed = start.elapsed();
        let line = match &outcome {
            Outcome::Ok(s) => format!("OK {s}"),
            Outcome::Error(k, m) => format!("ERROR {k} {m}"),
            Outcome::Panic(m) => format!("PANIC {}", m.replace('\n', " ")),
        };
        if !verdict {
            println!("{} ({:.3} s)", target.display(), elapsed.as_secs_f64());
        }
        println!("{line}");
        return;
    }
    let mut files = Vec::new();
    walk(&target, &mut files);
    let mut counts = Counts::default();
    let exe = std::env::current_exe().expect("own path");
    for path in files {
        if isolate {
            isolated(&exe, &path, &mut counts);
        } else {
            let start = Instant::now();
            let outcome = read_one(&path);
            counts.add(path, start.elapsed(), outcome);
        }
    }
    counts.print();
}
