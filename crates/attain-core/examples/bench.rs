//! Engine benchmark: prints figures, asserts nothing about time.
//!
//! ```text
//! cargo run --release -p attain-core --example bench
//! cargo run --release -p attain-core --example bench -- --rows 100000 --only xlsx --runs 3 --profile
//! ```
//!
//! Options: `--rows 10000,500000` (data rows per file; default 10k, 100k and 1M),
//! `--runs N` (default 5, 3 from 500k rows), `--only TEXT` (files whose label contains it),
//! `--profile` (also time the sub-steps of each step), `--write DIR` (also save the generated
//! files there, e.g. /tmp/attain-bench, for a browser comparison; never into the repository),
//! `--file PATH` (measure a file from disk instead, e.g. the peer bench's
//! `rows_1m.csv`: its figures are printed, not checked against generated totals).
//!
//! It generates report-shaped files in memory: a title block, a two-level header, the row of
//! column numbers, N unit rows × 8 columns (STT, unit "Xã Tân Phú 12345", district, target,
//! received, rate, activated, note), a totals row and a footer, as xlsx (up to 100k rows) and
//! as CSV in two styles: `,` with English numbers (`"822,139"`, `88.33%`) and `;` with
//! Vietnamese numbers (`822.139`, `88,33%`); from 100k rows also a list of citizens (`list`:
//! one row each — STT, name, citizen number, birth date, district, commune, status — counted
//! per commune, as an office sends it instead of counts). For each file it times, over several runs (the
//! median is shown), the app's pipeline: read (`read_workbook`), detect (`best_table`, what
//! the app's worker runs: `Table::from_sheet` on each sheet, the best one's table kept) and
//! analyze (`guess_mapping` + `analyze`; a list counted per unit first), and measures memory two
//! ways: the peak heap above the step's start, from a counting global allocator, and the
//! process's peak RSS (VmHWM, reset through /proc/self/clear_refs before each run).
//!
//! The release profile is the workspace's (opt-level 3, fat LTO), the one the wasm build
//! uses; the browser adds its own overhead, so these native figures are a lower bound.

use attain_core::analysis::{analyze, guess_mapping, Analysis};
use attain_core::ingest::numbers::{
    is_placeholder, parse_number, NumberClass, NumberStyle, StyleVotes,
};
use attain_core::table::{best_table, detect, kinds, RowKind};
use attain_core::vocab::{is_footer_label, is_total_label};
use attain_core::{read_workbook, Cell, CellRef, Table, Workbook};
use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

// ------------------------------------------------------------------------------------------
// A global allocator that counts the bytes in use and their peak.
// ------------------------------------------------------------------------------------------

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

fn shrank(n: usize) {
    CURRENT.fetch_sub(n, Relaxed);
}

// SAFETY: every call is passed straight to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: AllocLayout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What one step cost.
#[derive(Clone, Copy, Debug, Default)]
struct Step {
    /// Wall time (ms).
    ms: f64,
    /// CPU time of this thread (ms): on a busy machine, close to the wall time on an idle one.
    cpu: f64,
    /// Heap in use at the start of the step (bytes).
    base: usize,
    /// Peak heap above `base` during the step (bytes).
    peak: usize,
    /// Heap still in use after the step, above `base`: what the step's result holds.
    kept: isize,
}

/// Runs `f`, timing it and measuring the heap.
fn step<T>(f: impl FnOnce() -> T) -> (T, Step) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    let out = black_box(f());
    let ms = start.elapsed().as_secs_f64() * 1e3;
    let cpu = thread_cpu_ns().saturating_sub(cpu0) as f64 / 1e6;
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    let kept = CURRENT.load(Relaxed) as isize - base as isize;
    (
        out,
        Step {
            ms,
            cpu,
            base,
            peak,
            kept,
        },
    )
}

/// The CPU time `f` takes on this thread (ms), for sub-steps: on a machine shared with other
/// work it varies far less than the wall time.
fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = thread_cpu_ns();
    let out = black_box(f());
    (out, thread_cpu_ns().saturating_sub(start) as f64 / 1e6)
}

/// Nanoseconds this thread has run on a CPU (/proc/thread-self/schedstat), 0 where unknown.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// A field of /proc/self/status in bytes (VmRSS, VmHWM), 0 where there is none.
fn proc_status(field: &str) -> usize {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Resets VmHWM to the current RSS (Linux: write 5 to clear_refs). False where not allowed.
fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn mb(bytes: f64) -> f64 {
    bytes / 1e6
}

// ------------------------------------------------------------------------------------------
// The generated reports.
// ------------------------------------------------------------------------------------------

const COMMUNES: &[&str] = &[
    "Tân Phú",
    "An Hòa",
    "Phú Lợi",
    "Mỹ Thạnh",
    "Bình Đông",
    "Long Hồ",
    "Tân Thành",
    "Hòa Lộc",
    "Phước Long",
    "Thạnh Mỹ",
    "Quới Sơn",
    "Hữu Định",
];
const PREFIXES: &[&str] = &["Xã", "Phường", "Thị trấn"];
const DISTRICTS: &[&str] = &[
    "Thành phố Bến Tre",
    "Huyện Châu Thành",
    "Huyện Chợ Lách",
    "Huyện Mỏ Cày Nam",
    "Huyện Mỏ Cày Bắc",
    "Huyện Giồng Trôm",
    "Huyện Bình Đại",
    "Huyện Ba Tri",
    "Huyện Thạnh Phú",
    "Thị xã Bình Minh",
];
const NOTES: &[&str] = &["Đạt chỉ tiêu", "Chưa báo cáo đủ", "Số liệu tạm tính"];

/// One unit row.
struct Unit {
    name: String,
    district: &'static str,
    target: u64,
    received: u64,
    activated: u64,
    note: Option<&'static str>,
}

/// A deterministic hash of the row number (splitmix64).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The unit of row `i` (0-based): the same in every file.
fn unit(i: usize) -> Unit {
    let h = mix(i as u64);
    let target = 1_000 + h % 999_000;
    // Received 50–110% of the target, activated 70–95% of received.
    let received = target * (500 + (h >> 20) % 601) / 1000;
    let activated = received * (700 + (h >> 32) % 251) / 1000;
    Unit {
        name: format!(
            "{} {} {}",
            PREFIXES[(h >> 8) as usize % PREFIXES.len()],
            COMMUNES[(h >> 12) as usize % COMMUNES.len()],
            i + 1
        ),
        district: DISTRICTS[(h >> 16) as usize % DISTRICTS.len()],
        target,
        received,
        activated,
        note: (h >> 40)
            .is_multiple_of(30)
            .then(|| NOTES[(h >> 44) as usize % NOTES.len()]),
    }
}

const HEADER_1: [&str; 8] = [
    "STT",
    "Đơn vị",
    "Huyện",
    "Chỉ tiêu được giao",
    "Thu nhận",
    "",
    "Kích hoạt",
    "Ghi chú",
];
const HEADER_2: [&str; 8] = ["", "", "", "", "Số lượng", "Tỷ lệ (%)", "", ""];
const COLUMN_NUMBERS: [&str; 8] = [
    "(1)",
    "(2)",
    "(3)",
    "(4)",
    "(5)",
    "(6)=(5)/(4)",
    "(7)",
    "(8)",
];
const TITLE_LEFT: [&str; 2] = ["CÔNG AN TỈNH BẾN TRE", "PHÒNG CẢNH SÁT QLHC VỀ TTXH"];
const TITLE_RIGHT: [&str; 2] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
];
const TITLE: &str = "BÁO CÁO KẾT QUẢ THU NHẬN, KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC ĐỘ 2";
const AS_OF: &str = "(Số liệu tính đến ngày 14/11/2023)";
const FOOTER: [&str; 3] = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."];
const SIGNATURE: [&str; 2] = ["NGƯỜI LẬP BIỂU", "Nguyễn Văn An"];

/// A generated file and what its analysis must give.
struct Generated {
    label: String,
    name: String,
    bytes: Vec<u8>,
    rows: usize,
    target: f64,
    received: f64,
    /// A list of citizens (one row each), counted per unit: its rows are the check.
    list: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    English,
    Vietnamese,
}

/// 822139 → "822,139" or "822.139".
fn grouped(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

/// 0.8833 → "88.33%" or "88,33%".
fn percent(fraction: f64, style: Style) -> String {
    let s = format!("{:.2}%", fraction * 100.0);
    match style {
        Style::English => s,
        Style::Vietnamese => s.replace('.', ","),
    }
}

/// Appends one CSV line, quoting the fields that need it.
fn csv_line(out: &mut String, fields: &[&str], delimiter: char) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        if f.contains([delimiter, '"', '\n']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

fn csv_report(rows: usize, style: Style) -> Generated {
    let (delimiter, group) = match style {
        Style::English => (',', ','),
        Style::Vietnamese => (';', '.'),
    };
    let mut out = String::with_capacity(rows * 80 + 4096);
    // Vietnamese-locale Excel's "CSV UTF-8" starts with a BOM; the English file has none, so
    // the reader validates it as UTF-8 first.
    if style == Style::Vietnamese {
        out.push('\u{feff}');
    }
    let empty = [""; 8];
    for k in 0..2 {
        csv_line(
            &mut out,
            &[TITLE_LEFT[k], "", "", "", TITLE_RIGHT[k], "", "", ""],
            delimiter,
        );
    }
    csv_line(&mut out, &empty, delimiter);
    csv_line(&mut out, &[TITLE, "", "", "", "", "", "", ""], delimiter);
    csv_line(&mut out, &[AS_OF, "", "", "", "", "", "", ""], delimiter);
    csv_line(&mut out, &empty, delimiter);
    csv_line(&mut out, &HEADER_1, delimiter);
    csv_line(&mut out, &HEADER_2, delimiter);
    csv_line(&mut out, &COLUMN_NUMBERS, delimiter);
    let (mut tt, mut tr, mut ta) = (0u64, 0u64, 0u64);
    for i in 0..rows {
        let u = unit(i);
        tt += u.target;
        tr += u.received;
        ta += u.activated;
        csv_line(
            &mut out,
            &[
                &(i + 1).to_string(),
                &u.name,
                u.district,
                &grouped(u.target, group),
                &grouped(u.received, group),
                &percent(u.received as f64 / u.target as f64, style),
                &grouped(u.activated, group),
                u.note.unwrap_or(""),
            ],
            delimiter,
        );
    }
    csv_line(
        &mut out,
        &[
            "",
            "Tổng cộng",
            "",
            &grouped(tt, group),
            &grouped(tr, group),
            &percent(tr as f64 / tt as f64, style),
            &grouped(ta, group),
            "",
        ],
        delimiter,
    );
    csv_line(&mut out, &empty, delimiter);
    csv_line(
        &mut out,
        &[FOOTER[0], "", "", "", "", SIGNATURE[0], "", ""],
        delimiter,
    );
    for f in &FOOTER[1..] {
        csv_line(&mut out, &[f, "", "", "", "", "", "", ""], delimiter);
    }
    csv_line(&mut out, &empty, delimiter);
    csv_line(
        &mut out,
        &["", "", "", "", "", SIGNATURE[1], "", ""],
        delimiter,
    );
    let (tag, ext) = match style {
        Style::English => ("csv-en", "csv"),
        Style::Vietnamese => ("csv-vi", "csv"),
    };
    Generated {
        label: format!("{tag} {}", rows_label(rows)),
        name: format!("bao-cao-{tag}-{rows}.{ext}"),
        bytes: out.into_bytes(),
        rows,
        target: tt as f64,
        received: tr as f64,
        list: false,
    }
}

const STATUSES: [&str; 3] = ["Đã kích hoạt", "Chưa kích hoạt", "Đang xử lý"];
const FAMILY: [&str; 8] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng",
];
const GIVEN: [&str; 8] = ["An", "Bình", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Yến"];

/// A list of citizens, one row each (STT, name, citizen number, birth date, district,
/// commune, status), in the order the dossiers came: what an office sends instead of counts.
fn csv_list(rows: usize) -> Generated {
    let mut out = String::with_capacity(rows * 90 + 1024);
    out.push('\u{feff}');
    for line in [
        "UBND TỈNH BẾN TRE;;;;;;",
        "DANH SÁCH CÔNG DÂN ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ;;;;;;",
        "(Số liệu tính đến ngày 14/11/2023);;;;;;",
        "STT;Họ và tên;Số CCCD;Ngày sinh;Huyện;Xã;Trạng thái",
    ] {
        out.push_str(line);
        out.push_str("\r\n");
    }
    for i in 0..rows {
        let h = mix(i as u64);
        let district = DISTRICTS[h as usize % DISTRICTS.len()];
        let commune = format!(
            "{} {}",
            PREFIXES[(h >> 8) as usize % PREFIXES.len()],
            COMMUNES[(h >> 12) as usize % COMMUNES.len()]
        );
        let status = match (h >> 20) % 10 {
            0..=6 => STATUSES[0],
            7 | 8 => STATUSES[1],
            _ => STATUSES[2],
        };
        let _ = write!(
            out,
            "{};{} Văn {};0830{:08};{:02}/{:02}/{};{district};{commune};{status}\r\n",
            i + 1,
            FAMILY[(h >> 24) as usize % 8],
            GIVEN[(h >> 28) as usize % 8],
            i,
            (h >> 32) % 28 + 1,
            (h >> 40) % 12 + 1,
            1950 + (h >> 44) % 55,
        );
    }
    Generated {
        label: format!("list {}", rows_label(rows)),
        name: format!("danh-sach-{rows}.csv"),
        bytes: out.into_bytes(),
        rows,
        target: 0.0,
        received: rows as f64,
        list: true,
    }
}

fn xlsx_report(rows: usize) -> Result<Generated, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook as XlsxWorkbook};
    let mut wb = XlsxWorkbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Báo cáo")?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let plain = Format::new();
    let count = Format::new().set_num_format("#,##0");
    let rate = Format::new().set_num_format("0.00%");
    for k in 0..2u32 {
        ws.merge_range(k, 0, k, 2, TITLE_LEFT[k as usize], &bold)?;
        ws.merge_range(k, 4, k, 7, TITLE_RIGHT[k as usize], &bold)?;
    }
    ws.merge_range(3, 0, 3, 7, TITLE, &bold)?;
    ws.merge_range(4, 0, 4, 7, AS_OF, &plain)?;
    // Two-level header: every column merged down over rows 7–8 but "Thu nhận" across E7:F7.
    for (c, h) in HEADER_1.iter().enumerate() {
        let c = c as u16;
        match c {
            4 => {
                ws.merge_range(6, 4, 6, 5, h, &bold)?;
            }
            5 => {}
            _ => {
                ws.merge_range(6, c, 7, c, h, &bold)?;
            }
        }
    }
    ws.write_string_with_format(7, 4, HEADER_2[4], &bold)?;
    ws.write_string_with_format(7, 5, HEADER_2[5], &bold)?;
    for (c, h) in COLUMN_NUMBERS.iter().enumerate() {
        ws.write_string(8, c as u16, *h)?;
    }
    let (mut tt, mut tr, mut ta) = (0u64, 0u64, 0u64);
    let first = 9u32;
    for i in 0..rows {
        let u = unit(i);
        tt += u.target;
        tr += u.received;
        ta += u.activated;
        let r = first + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, u.name)?;
        ws.write_string(r, 2, u.district)?;
        ws.write_number_with_format(r, 3, u.target as f64, &count)?;
        ws.write_number_with_format(r, 4, u.received as f64, &count)?;
        ws.write_number_with_format(r, 5, u.received as f64 / u.target as f64, &rate)?;
        ws.write_number_with_format(r, 6, u.activated as f64, &count)?;
        if let Some(note) = u.note {
            ws.write_string(r, 7, note)?;
        }
    }
    let total = first + rows as u32;
    ws.write_string_with_format(total, 1, "Tổng cộng", &bold)?;
    ws.write_number_with_format(total, 3, tt as f64, &count)?;
    ws.write_number_with_format(total, 4, tr as f64, &count)?;
    ws.write_number_with_format(total, 5, tr as f64 / tt as f64, &rate)?;
    ws.write_number_with_format(total, 6, ta as f64, &count)?;
    ws.write_string(total + 2, 0, FOOTER[0])?;
    ws.merge_range(total + 2, 5, total + 2, 7, SIGNATURE[0], &bold)?;
    ws.write_string(total + 3, 0, FOOTER[1])?;
    ws.write_string(total + 4, 0, FOOTER[2])?;
    ws.merge_range(total + 7, 5, total + 7, 7, SIGNATURE[1], &bold)?;
    Ok(Generated {
        label: format!("xlsx {}", rows_label(rows)),
        name: format!("bao-cao-{rows}.xlsx"),
        bytes: wb.save_to_buffer()?,
        rows,
        target: tt as f64,
        received: tr as f64,
        list: false,
    })
}

fn rows_label(rows: usize) -> String {
    if rows >= 1_000_000 && rows.is_multiple_of(1_000_000) {
        format!("{}M", rows / 1_000_000)
    } else if rows >= 1_000 && rows.is_multiple_of(1_000) {
        format!("{}k", rows / 1_000)
    } else {
        rows.to_string()
    }
}

// ------------------------------------------------------------------------------------------
// The pipeline, measured.
// ------------------------------------------------------------------------------------------

/// One run of the app's pipeline on one file.
#[derive(Default)]
struct Run {
    read: Step,
    detect: Step,
    analyze: Step,
    /// Peak heap above the run's start, over the three steps.
    heap_peak: usize,
    /// Peak RSS of the process during the run, and its RSS at the start.
    rss_peak: usize,
    rss_before: usize,
    /// The error that stopped the pipeline, if one did.
    error: Option<String>,
    /// The analysis gave the generated units and sums.
    check: bool,
    /// Cells the workbook holds (rows × stored cells).
    stored_cells: usize,
}

fn run_once(file: &Generated) -> Run {
    let mut run = Run::default();
    let hwm = reset_hwm();
    run.rss_before = proc_status("VmRSS");
    let start_heap = CURRENT.load(Relaxed);
    let (workbook, read) = step(|| read_workbook(&file.name, &file.bytes));
    run.read = read;
    let mut peak = read.base + read.peak;
    let finish = |run: &mut Run, peak: usize| {
        run.heap_peak = peak.saturating_sub(start_heap);
        run.rss_peak = if hwm { proc_status("VmHWM") } else { 0 };
    };
    let workbook: Workbook = match workbook {
        Ok(w) => w,
        Err(e) => {
            run.error = Some(format!("read: {e}"));
            finish(&mut run, peak);
            return run;
        }
    };
    run.stored_cells = workbook
        .sheets
        .iter()
        .flat_map(|s| s.rows())
        .map(|r| r.len())
        .sum();
    let (table, detect) = step(|| best_table(&workbook).1);
    run.detect = detect;
    peak = peak.max(detect.base + detect.peak);
    let table = match table {
        Ok(t) => t,
        Err(e) => {
            run.error = Some(format!("detect: {e}"));
            finish(&mut run, peak);
            return run;
        }
    };
    // A list is counted per unit first, as the session does.
    let (analysis, an) = step(|| match attain_core::list::shape(&table) {
        Some(shape) => {
            let (counts, info) = attain_core::list::count(&table, &shape, "list");
            let counted = Table::from_sheet(&counts).ok()?;
            let s = attain_core::list::suggestion(&counted, &info, shape.parents.len());
            Some(analyze(&counted, &s.mapping))
        }
        None => guess_mapping(&table).map(|m| analyze(&table, &m)),
    });
    run.analyze = an;
    peak = peak.max(an.base + an.peak);
    finish(&mut run, peak);
    match analysis {
        Some(Ok(a)) => run.check = checks(&a, file),
        Some(Err(e)) => run.error = Some(format!("analyze: {e}")),
        None => run.error = Some("analyze: no mapping guessed".into()),
    }
    drop(table);
    drop(workbook);
    run
}

fn checks(a: &Analysis, file: &Generated) -> bool {
    if file.rows == 0 {
        // A file from disk: read and analysed is all there is to check.
        return !a.indicators.is_empty();
    }
    if file.list {
        // Every row counted in one of the statuses.
        return a
            .indicators
            .first()
            .is_some_and(|i| i.total.parts.iter().sum::<f64>() == file.received);
    }
    a.indicators.first().is_some_and(|i| {
        i.units.len() == file.rows
            && i.total.target == file.target
            && i.total.achieved == file.received
    }) && a.skipped.is_empty()
}

/// The medians of a file's runs.
struct Summary {
    label: String,
    bytes: usize,
    rows: usize,
    runs: usize,
    read: f64,
    detect: f64,
    analyze: f64,
    total: f64,
    cpu: f64,
    read_cpu: f64,
    detect_cpu: f64,
    analyze_cpu: f64,
    heap_read: usize,
    heap_detect: usize,
    heap_analyze: usize,
    heap_peak: usize,
    workbook_kept: isize,
    table_kept: isize,
    rss_peak: usize,
    rss_extra: usize,
    stored_cells: usize,
    error: Option<String>,
    check: bool,
}

fn measure(file: &Generated, runs: usize) -> Summary {
    let all: Vec<Run> = (0..runs).map(|_| run_once(file)).collect();
    let med = |f: &dyn Fn(&Run) -> f64| median(&mut all.iter().map(f).collect::<Vec<_>>());
    let max = |f: &dyn Fn(&Run) -> usize| all.iter().map(f).max().unwrap_or(0);
    let last = all.last();
    Summary {
        label: file.label.clone(),
        bytes: file.bytes.len(),
        rows: file.rows,
        runs,
        read: med(&|r| r.read.ms),
        detect: med(&|r| r.detect.ms),
        analyze: med(&|r| r.analyze.ms),
        total: med(&|r| r.read.ms + r.detect.ms + r.analyze.ms),
        cpu: med(&|r| r.read.cpu + r.detect.cpu + r.analyze.cpu),
        read_cpu: med(&|r| r.read.cpu),
        detect_cpu: med(&|r| r.detect.cpu),
        analyze_cpu: med(&|r| r.analyze.cpu),
        heap_read: max(&|r| r.read.peak),
        heap_detect: max(&|r| r.detect.peak),
        heap_analyze: max(&|r| r.analyze.peak),
        heap_peak: max(&|r| r.heap_peak),
        workbook_kept: last.map_or(0, |r| r.read.kept),
        table_kept: last.map_or(0, |r| r.detect.kept),
        rss_peak: max(&|r| r.rss_peak),
        rss_extra: max(&|r| r.rss_peak.saturating_sub(r.rss_before)),
        stored_cells: last.map_or(0, |r| r.stored_cells),
        error: last.and_then(|r| r.error.clone()),
        check: all.iter().all(|r| r.check),
    }
}

fn print_tables(summaries: &[Summary]) {
    println!();
    println!(
        "Time (median wall ms of the runs; cpu = this thread's CPU time; cells = data rows × 8; \
         MB = 10^6 bytes; MB/s and cells/s from the wall total)"
    );
    println!(
        "{:<14} {:>8} {:>9} {:>4} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9}  result",
        "file",
        "size MB",
        "rows",
        "runs",
        "read",
        "detect",
        "analyze",
        "total",
        "cpu",
        "MB/s",
        "Mcells/s"
    );
    for s in summaries {
        let cells = (s.rows * 8) as f64;
        let result = match &s.error {
            Some(e) => e.clone(),
            None if s.check => "ok: units and Σ as generated".into(),
            None => "MISMATCH: units or Σ differ from the generated ones".into(),
        };
        let step = |ms: f64| {
            if s.error.is_none() {
                format!("{ms:.1}")
            } else {
                "-".to_string()
            }
        };
        println!(
            "{:<14} {:>8.2} {:>9} {:>4} {:>9.1} {:>9} {:>9} {:>9.1} {:>9.1} {:>7.1} {:>9.2}  {}",
            s.label,
            mb(s.bytes as f64),
            s.rows,
            s.runs,
            s.read,
            step(s.detect),
            step(s.analyze),
            s.total,
            s.cpu,
            mb(s.bytes as f64) / (s.total / 1e3),
            cells / 1e6 / (s.total / 1e3),
            result
        );
    }
    println!();
    println!(
        "Memory (MB; heap = peak above the step's start, counting allocator; kept = what the \
         result holds; RSS from /proc/self/status, max over runs)"
    );
    println!(
        "{:<14} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9} {:>9}",
        "file",
        "heap read",
        "detect",
        "analyze",
        "pipeline",
        "Workbook",
        "B/cell",
        "Table kept",
        "RSS peak",
        "RSS +"
    );
    for s in summaries {
        // After a failed read there is no workbook, table or analysis to measure.
        let figure = |bytes: f64, ok: bool| {
            if ok {
                format!("{:.1}", mb(bytes))
            } else {
                "-".to_string()
            }
        };
        let read = s.stored_cells > 0;
        let per_cell = if read {
            format!("{:.1}", s.workbook_kept as f64 / s.stored_cells as f64)
        } else {
            "-".into()
        };
        println!(
            "{:<14} {:>9.1} {:>9} {:>9} {:>9.1} {:>9} {:>9} {:>10} {:>9.1} {:>9.1}",
            s.label,
            mb(s.heap_read as f64),
            figure(s.heap_detect as f64, read),
            figure(s.heap_analyze as f64, read),
            mb(s.heap_peak as f64),
            figure(s.workbook_kept as f64, read),
            per_cell,
            figure(s.table_kept as f64, read),
            mb(s.rss_peak as f64),
            mb(s.rss_extra as f64),
        );
    }
    println!(
        "(B/cell: the workbook's heap per stored cell, 64-bit; RSS +: peak RSS above the run's \
         start, 0 when pages freed by an earlier file are reused; the heap columns are exact)"
    );
    println!();
    println!("Targets (for the browser; native figures are a lower bound):");
    let find = |prefix: &str, rows: usize| {
        summaries
            .iter()
            .filter(|s| s.label.starts_with(prefix) && s.rows == rows)
            .collect::<Vec<_>>()
    };
    for (prefix, rows, target, reference) in [
        (
            "xlsx",
            100_000,
            1000.0,
            "SheetJS in Chromium: ~2.0 s, ~220 MB extra for 4.6 MB",
        ),
        ("csv", 100_000, 150.0, ""),
        (
            "csv",
            1_000_000,
            1000.0,
            "PapaParse / DuckDB-WASM: ~2 s for 60 MB",
        ),
    ] {
        for s in find(prefix, rows) {
            let verdict = match &s.error {
                Some(e) => format!("not read: {e}"),
                None if s.total < target => format!("{:.0} ms, under the target", s.total),
                None => format!("{:.0} ms, OVER the target", s.total),
            };
            let reference = if reference.is_empty() {
                String::new()
            } else {
                format!("  (reference: {reference})")
            };
            println!(
                "  {:<14} < {:>5.0} ms: {verdict}; heap peak {:.0} MB{reference}",
                s.label,
                target,
                mb(s.heap_peak as f64)
            );
        }
    }
}

// ------------------------------------------------------------------------------------------
// Sub-steps, to see where the time goes (--profile).
// ------------------------------------------------------------------------------------------

/// Sub-step timings: name, median ms, and the step it belongs to.
struct Profile {
    lines: Vec<(String, f64, &'static str)>,
}

impl Profile {
    fn add(&mut self, name: &str, ms: &mut [f64], step: &'static str) {
        self.lines.push((name.to_string(), median(ms), step));
    }
}

fn repeat(runs: usize, mut f: impl FnMut() -> f64) -> Vec<f64> {
    (0..runs).map(|_| f()).collect()
}

fn profile(file: &Generated, summary: &Summary, runs: usize) -> Option<Profile> {
    let mut p = Profile { lines: Vec::new() };
    if file.name.ends_with(".xlsx") {
        profile_xlsx(file, runs, &mut p);
    } else {
        profile_csv(file, runs, &mut p);
    }
    let workbook = read_workbook(&file.name, &file.bytes).ok()?;
    profile_detect(&workbook, runs, &mut p);
    let table = best_table(&workbook).1.ok()?;
    let mapping = guess_mapping(&table)?;
    p.add(
        "guess_mapping",
        &mut repeat(runs, || time(|| guess_mapping(&table)).1),
        "analyze",
    );
    p.add(
        "  is_total_label on every unit label (fold = NFD + lower case)",
        &mut repeat(runs, || {
            time(|| {
                (0..table.body.len())
                    .filter(|r| is_total_label(&table.body.get(*r, mapping.unit).label()))
                    .count()
            })
            .1
        }),
        "analyze",
    );
    println!();
    println!(
        "Profile of {} (median CPU ms of {runs} runs; share = of the step's median CPU time: \
         read {:.1}, detect {:.1}, analyze {:.1} ms)",
        file.label, summary.read_cpu, summary.detect_cpu, summary.analyze_cpu
    );
    for (name, ms, stepname) in &p.lines {
        let whole = match *stepname {
            "read" => summary.read_cpu,
            "detect" => summary.detect_cpu,
            _ => summary.analyze_cpu,
        };
        println!(
            "  {stepname:<8} {name:<72} {ms:>9.1} ms {:>5.0}%",
            ms / whole * 100.0
        );
    }
    Some(p)
}

fn profile_xlsx(file: &Generated, runs: usize, p: &mut Profile) {
    use calamine::{DataRef, Reader, Xlsx};
    // Inflating the parts alone.
    p.add(
        "inflate every zip part (zip crate, no parsing)",
        &mut repeat(runs, || {
            time(|| -> usize {
                let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(&file.bytes)) else {
                    return 0;
                };
                let mut total = 0;
                for i in 0..zip.len() {
                    let mut buf = Vec::new();
                    if let Ok(mut entry) = zip.by_index(i) {
                        total += entry.read_to_end(&mut buf).unwrap_or(0);
                    }
                }
                total
            })
            .1
        }),
        "read",
    );
    p.add(
        "calamine Xlsx::new (workbook, styles, shared strings)",
        &mut repeat(runs, || {
            time(|| Xlsx::<_>::new(Cursor::new(&file.bytes)).is_ok()).1
        }),
        "read",
    );
    let cells_loop = |keep: &mut Vec<String>| -> usize {
        let Ok(mut wb) = Xlsx::<_>::new(Cursor::new(&file.bytes)) else {
            return 0;
        };
        let names = wb.sheet_names();
        let mut n = 0;
        for name in names {
            let Ok(mut reader) = wb.worksheet_cells_reader(&name) else {
                continue;
            };
            while let Ok(Some(cell)) = reader.next_cell() {
                n += 1;
                match cell.get_value() {
                    DataRef::String(s) => keep.push(s.clone()),
                    DataRef::SharedString(s) => keep.push(s.to_string()),
                    _ => {}
                }
            }
        }
        n
    };
    p.add(
        "calamine open + cells reader over the sheet (XML parse, no conversion)",
        &mut repeat(runs, || {
            let mut sink = Vec::new();
            let start = thread_cpu_ns();
            let Ok(mut wb) = Xlsx::<_>::new(Cursor::new(&file.bytes)) else {
                return 0.0;
            };
            for name in wb.sheet_names() {
                if let Ok(mut reader) = wb.worksheet_cells_reader(&name) {
                    while let Ok(Some(cell)) = reader.next_cell() {
                        sink.push(matches!(cell.get_value(), DataRef::Empty));
                    }
                }
            }
            black_box(&sink);
            thread_cpu_ns().saturating_sub(start) as f64 / 1e6
        }),
        "read",
    );
    p.add(
        "calamine merge_cells_by_sheet_name (inflates and scans the sheet's XML again)",
        &mut repeat(runs, || {
            let Ok(mut wb) = Xlsx::<_>::new(Cursor::new(&file.bytes)) else {
                return 0.0;
            };
            let names = wb.sheet_names();
            time(|| {
                names
                    .iter()
                    .map(|n| wb.merge_cells_by_sheet_name(n).map_or(0, |m| m.len()))
                    .sum::<usize>()
            })
            .1
        }),
        "read",
    );
    let mut strings = Vec::new();
    cells_loop(&mut strings);
    string_costs(&strings, runs, p, "read");
}

/// What turning the text cells into `Cell::Text` costs: a plain copy against NFC.
fn string_costs(strings: &[String], runs: usize, p: &mut Profile, stepname: &'static str) {
    p.add(
        &format!(
            "  copy each of the {} text cells (String::from)",
            strings.len()
        ),
        &mut repeat(runs, || {
            time(|| strings.iter().map(|s| s.to_string()).collect::<Vec<_>>()).1
        }),
        stepname,
    );
    p.add(
        "  NFC each text cell (attain_core::text::nfc)",
        &mut repeat(runs, || {
            time(|| {
                strings
                    .iter()
                    .map(|s| attain_core::text::nfc(s))
                    .collect::<Vec<_>>()
            })
            .1
        }),
        stepname,
    );
    p.add(
        "  is_nfc_quick check then copy (what a fast path would cost)",
        &mut repeat(runs, || {
            time(|| {
                strings
                    .iter()
                    .map(|s| match unicode_normalization::is_nfc_quick(s.chars()) {
                        unicode_normalization::IsNormalized::Yes => s.to_string(),
                        _ => attain_core::text::nfc(s),
                    })
                    .collect::<Vec<_>>()
            })
            .1
        }),
        stepname,
    );
}

fn profile_csv(file: &Generated, runs: usize, p: &mut Profile) {
    let bytes = &file.bytes;
    p.add(
        "decode: BOM, else UTF-8 check; then encoding_rs decode (validates again)",
        &mut repeat(runs, || {
            time(|| {
                let bom = encoding_rs::Encoding::for_bom(bytes).is_some();
                let ok = bom || std::str::from_utf8(bytes).is_ok();
                let (text, _) = encoding_rs::UTF_8.decode_with_bom_removal(bytes);
                (ok, text.len())
            })
            .1
        }),
        "read",
    );
    let (text, _) = encoding_rs::UTF_8.decode_with_bom_removal(bytes);
    p.add(
        "NFC of the whole text (attain_core::text::nfc)",
        &mut repeat(runs, || time(|| attain_core::text::nfc(&text).len()).1),
        "read",
    );
    p.add(
        "  is_nfc_quick over the whole text (a fast path for text already NFC)",
        &mut repeat(runs, || {
            time(|| unicode_normalization::is_nfc_quick(text.chars())).1
        }),
        "read",
    );
    let delimiter = if file.label.starts_with("csv-vi") {
        b';'
    } else {
        b','
    };
    let builder = || {
        let mut b = csv::ReaderBuilder::new();
        b.delimiter(delimiter).has_headers(false).flexible(true);
        b
    };
    p.add(
        "csv crate: StringRecord per line (as read_text), no Cells",
        &mut repeat(runs, || {
            time(|| {
                let mut fields = 0;
                for record in builder().from_reader(text.as_bytes()).records().flatten() {
                    fields += record.len();
                }
                fields
            })
            .1
        }),
        "read",
    );
    p.add(
        "  csv crate: one reused ByteRecord (no per-line allocation)",
        &mut repeat(runs, || {
            time(|| {
                let mut reader = builder().from_reader(text.as_bytes());
                let mut record = csv::ByteRecord::new();
                let mut fields = 0;
                while reader.read_byte_record(&mut record).unwrap_or(false) {
                    fields += record.len();
                }
                fields
            })
            .1
        }),
        "read",
    );
    let mut strings = Vec::new();
    for record in builder().from_reader(text.as_bytes()).records().flatten() {
        strings.extend(
            record
                .iter()
                .filter(|f| !f.trim().is_empty())
                .map(str::to_string),
        );
    }
    p.add(
        &format!(
            "  Cell::Text for each of the {} non-empty fields",
            strings.len()
        ),
        &mut repeat(runs, || {
            time(|| {
                strings
                    .iter()
                    .map(|s| Cell::Text(s.as_str().into()))
                    .collect::<Vec<_>>()
            })
            .1
        }),
        "read",
    );
}

fn profile_detect(workbook: &Workbook, runs: usize, p: &mut Profile) {
    let sheet = &workbook.sheets[best_table(workbook).0];
    p.add(
        "Table::from_sheet on the chosen sheet (best_table runs it on every sheet)",
        &mut repeat(runs, || time(|| Table::from_sheet(sheet).is_ok()).1),
        "detect",
    );
    let Some(layout) = detect(sheet) else {
        return;
    };
    let detect_ms = median(&mut repeat(runs, || time(|| detect(sheet)).1));
    p.lines.push((
        "  table::detect: the facts of every row, then the layout".into(),
        detect_ms,
        "detect",
    ));
    p.add(
        "  (table::kinds: the facts of every row again, then the kinds)",
        &mut repeat(runs, || time(|| kinds(sheet, &layout)).1),
        "detect",
    );
    let with_layout = median(&mut repeat(runs, || {
        time(|| Table::with_layout(sheet, layout).is_ok()).1
    }));
    p.lines.push((
        "  with_layout minus detect: kinds and the columns (types, values, sums)".into(),
        with_layout - detect_ms,
        "detect",
    ));
    let texts: Vec<&str> = sheet
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| c.text())
        .collect();
    p.add(
        &format!(
            "    per facts pass: NumberClass::of and its vote (number test and style vote) on {} texts",
            texts.len()
        ),
        &mut repeat(runs, || {
            time(|| {
                let mut votes = StyleVotes::default();
                texts
                    .iter()
                    .filter(|t| {
                        let class = NumberClass::of(t);
                        votes.add_class(class);
                        class.is_number()
                    })
                    .count()
            })
            .1
        }),
        "detect",
    );
    // The texts `facts` folds: per row, the first three that are neither numbers nor
    // placeholders; all three go through is_total_label, the first through is_footer_label.
    let leading: Vec<Vec<&str>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .filter_map(|c| match c {
                    CellRef::Text(t)
                        if !t.trim().is_empty()
                            && !is_placeholder(t)
                            && parse_number(t, NumberStyle::Vietnamese).is_none()
                            && parse_number(t, NumberStyle::English).is_none() =>
                    {
                        Some(t)
                    }
                    _ => None,
                })
                .take(3)
                .collect()
        })
        .collect();
    p.add(
        &format!(
            "    per facts pass: is_total_label + is_footer_label on {} leading texts",
            leading.iter().map(Vec::len).sum::<usize>()
        ),
        &mut repeat(runs, || {
            time(|| {
                let mut hits = 0;
                for row in &leading {
                    for (i, t) in row.iter().enumerate() {
                        hits += usize::from(is_total_label(t));
                        hits += usize::from(i == 0 && is_footer_label(t));
                    }
                }
                hits
            })
            .1
        }),
        "detect",
    );
    // The reading of the values as the table does it, row by row: every text cell of the
    // body parsed in its column's style (the styles were voted in the facts pass).
    let Ok(table) = Table::with_layout(sheet, layout) else {
        return;
    };
    let body: Vec<usize> = table
        .kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| **k == RowKind::Data)
        .map(|(i, _)| i)
        .collect();
    let width = sheet.width();
    p.add(
        "    row by row: parse_number of every text cell in its column's style",
        &mut repeat(runs, || {
            time(|| {
                let styles: Vec<NumberStyle> = (0..width)
                    .map(|c| table.columns.get(c).and_then(|k| k.number_style))
                    .map(|s| s.unwrap_or(NumberStyle::Vietnamese))
                    .collect();
                let mut sum = 0.0;
                for &r in &body {
                    for (c, cell) in sheet.row(r).iter().enumerate() {
                        if let CellRef::Text(t) = cell {
                            sum += parse_number(t, styles[c]).map_or(0.0, |n| n.value);
                        }
                    }
                }
                sum
            })
            .1
        }),
        "detect",
    );
}

// ------------------------------------------------------------------------------------------

struct Options {
    rows: Vec<usize>,
    runs: Option<usize>,
    only: Option<String>,
    profile: bool,
    write: Option<String>,
    files: Vec<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        rows: vec![10_000, 100_000, 1_000_000],
        runs: None,
        only: None,
        profile: false,
        write: None,
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--rows" => {
                o.rows = value()?
                    .split(',')
                    .map(|r| r.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--rows: {e}"))?
            }
            "--runs" => {
                o.runs = Some(value()?.parse().map_err(|e| format!("--runs: {e}"))?);
            }
            "--only" => o.only = Some(value()?),
            "--write" => o.write = Some(value()?),
            "--file" => o.files.push(value()?),
            "--profile" => o.profile = true,
            "--help" | "-h" => {
                return Err(
                    "usage: bench [--rows 10000,100000] [--runs N] [--only TEXT] \
                            [--profile] [--write DIR] [--file PATH]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other}; try --help")),
        }
    }
    Ok(o)
}

/// Measures a file over its runs, and profiles its steps when asked.
fn measure_and_profile(file: &Generated, runs: usize, with_profile: bool) -> Summary {
    eprintln!(
        "measuring {} ({:.1} MB, {runs} runs)…",
        file.label,
        mb(file.bytes.len() as f64)
    );
    let summary = measure(file, runs);
    if with_profile && summary.error.is_none() {
        profile(file, &summary, runs);
    }
    summary
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "attain-core bench: {} build, {} core(s); heap counted by a global allocator",
        if cfg!(debug_assertions) {
            "DEBUG (use --release)"
        } else {
            "release"
        },
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let wanted = |label: &str| o.only.as_deref().is_none_or(|w| label.contains(w));
    let mut summaries = Vec::new();
    let mut log = String::new();
    let from_disk = !o.files.is_empty();
    for path in &o.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        // Not generated: no totals to check it against (rows 0 says so).
        let file = Generated {
            label: name.clone(),
            name,
            bytes,
            rows: 0,
            target: 0.0,
            received: 0.0,
            list: false,
        };
        summaries.push(measure_and_profile(&file, o.runs.unwrap_or(3), o.profile));
    }
    for &rows in o.rows.iter().filter(|_| !from_disk) {
        let runs = o.runs.unwrap_or(if rows >= 500_000 { 3 } else { 5 });
        let mut files = Vec::new();
        if rows <= 100_000 && wanted(&format!("xlsx {}", rows_label(rows))) {
            let (file, ms) = time(|| xlsx_report(rows));
            match file {
                Ok(f) => {
                    let _ = writeln!(log, "generated {} in {ms:.0} ms (CPU)", f.name);
                    files.push(f);
                }
                Err(e) => eprintln!("xlsx {rows}: {e}"),
            }
        }
        for style in [Style::English, Style::Vietnamese] {
            let tag = if style == Style::English {
                "csv-en"
            } else {
                "csv-vi"
            };
            if wanted(&format!("{tag} {}", rows_label(rows))) {
                let (f, ms) = time(|| csv_report(rows, style));
                let _ = writeln!(log, "generated {} in {ms:.0} ms (CPU)", f.name);
                files.push(f);
            }
        }
        if rows >= 100_000 && wanted(&format!("list {}", rows_label(rows))) {
            let (f, ms) = time(|| csv_list(rows));
            let _ = writeln!(log, "generated {} in {ms:.0} ms (CPU)", f.name);
            files.push(f);
        }
        for file in files {
            if let Some(dir) = &o.write {
                let path = std::path::Path::new(dir).join(&file.name);
                let saved =
                    std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, &file.bytes));
                if let Err(e) = saved {
                    eprintln!("{}: {e}", path.display());
                }
            }
            summaries.push(measure_and_profile(&file, runs, o.profile));
        }
    }
    eprint!("{log}");
    print_tables(&summaries);
}
