//! The report in the layout offices send upward: the agency lines and the national motto, the
//! title and "(Số liệu tính đến ngày dd/mm/yyyy)", a table with STT, the unit and, per
//! indicator, Chỉ tiêu | Đã đạt | Tỷ lệ | Còn lại under the indicator's name, the column-number
//! row, the total first, each parent's subtotal row above its units (STT I, II, … as the
//! reports write them), and the signature block.
//!
//! [`table`] puts the results in that order with every figure (the engine's: this module
//! computes none); [`plan`] lays it out as an Excel sheet whose subtotals, totals, rates and
//! what remains are formulas over the cells (their cached values the engine's figures, so a
//! reader that does not calculate, Attain included, reads the same numbers), A4 landscape,
//! the header rows printed on every page, the panes frozen under them. The Word report
//! (`docx.rs`) lays the same table out.

use super::csv::neutralise;
use super::format::Lang;
use super::xlsx::{Book, Look, Merge, Page, PlanSheet, Style, Value};
use crate::analysis::rows::{all_rows, RowKind};
use crate::analysis::{Analysis, Unreported};
use crate::dates::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the user writes on the report: the agency, the title, the place and the signers.
/// Empty fields take the defaults (a dotted line where only the user can know).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// The governing body, upper case ("UBND TỈNH BẾN TRE").
    pub agency_above: String,
    /// The office that reports ("CÔNG AN TỈNH"), bold.
    pub agency: String,
    /// The report's title ("BÁO CÁO KẾT QUẢ …").
    pub title: String,
    /// The place written before the date ("Bến Tre").
    pub place: String,
    /// Who made the table, under "NGƯỜI LẬP BIỂU".
    pub preparer: String,
    /// The signer's title ("THỦ TRƯỞNG ĐƠN VỊ", "GIÁM ĐỐC").
    pub signer_title: String,
    /// The signer's name.
    pub signer: String,
}

/// The figures of one line for one indicator, as the engine worked them out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// The target.
    pub target: Option<f64>,
    /// What was achieved.
    pub achieved: Option<f64>,
    /// Achieved / target.
    pub rate: Option<f64>,
    /// Target − achieved (negative: a surplus).
    pub gap: Option<f64>,
}

/// What a line of the table is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    /// The whole, first.
    Total,
    /// A parent's subtotal, at its level (0 = outermost).
    Group(usize),
    /// A unit.
    Unit,
}

/// One line of the official table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Total, subtotal or unit.
    pub kind: LineKind,
    /// The STT cell: "I", "II" for the outermost parents, 1, 2, 3 for units (from 1 under
    /// each parent); empty for the total.
    pub stt: String,
    /// The name.
    pub name: String,
    /// Its figures, per indicator (none where the indicator has no row for it).
    pub figures: Vec<Option<Figures>>,
    /// The lines right under it (indices into [`OfficialTable::lines`]): what its figures
    /// add up.
    pub children: Vec<usize>,
}

impl Line {
    /// Its four figures of indicator `i` as the reports write them in `lang` (target,
    /// achieved, rate, what remains); empty where there is none.
    pub fn shown(&self, i: usize, lang: Lang) -> [String; 4] {
        use super::format::{count, rate};
        let f = self.figures.get(i).copied().flatten().unwrap_or_default();
        let num = |v: Option<f64>| {
            v.filter(|v| v.is_finite())
                .map_or(String::new(), |v| count(v, lang))
        };
        let shown_rate = if f.rate.is_some() {
            rate(f.rate, lang)
        } else {
            String::new()
        };
        [num(f.target), num(f.achieved), shown_rate, num(f.gap)]
    }
}

/// The results in the official order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficialTable {
    /// The indicators' names, in order.
    pub indicators: Vec<String>,
    /// The total first, then each parent above its units.
    pub lines: Vec<Line>,
    /// The units expected and not in the report.
    pub unreported: Vec<Unreported>,
}

/// The words of the layout in one language.
pub struct Words {
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub motto: &'static str,
    /// "Độc lập - Tự do - Hạnh phúc".
    pub motto_below: &'static str,
    /// The title when the user gives none.
    pub title: &'static str,
    /// "STT".
    pub stt: &'static str,
    /// "Đơn vị".
    pub unit: &'static str,
    /// Target, achieved, rate, remaining.
    pub columns: [&'static str; 4],
    /// "Tổng cộng".
    pub total: &'static str,
    /// "NGƯỜI LẬP BIỂU".
    pub preparer: &'static str,
    /// "THỦ TRƯỞNG ĐƠN VỊ".
    pub signer_title: &'static str,
    /// "(Ký, ghi rõ họ tên)".
    pub sign_here: &'static str,
}

/// The layout's words in `lang`.
pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            motto: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            motto_below: "Độc lập - Tự do - Hạnh phúc",
            title: "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
            stt: "STT",
            unit: "Đơn vị",
            columns: ["Chỉ tiêu", "Đã đạt", "Tỷ lệ", "Còn lại"],
            total: "Tổng cộng",
            preparer: "NGƯỜI LẬP BIỂU",
            signer_title: "THỦ TRƯỞNG ĐƠN VỊ",
            sign_here: "(Ký, ghi rõ họ tên)",
        },
        Lang::En => Words {
            motto: "SOCIALIST REPUBLIC OF VIETNAM",
            motto_below: "Independence - Freedom - Happiness",
            title: "REPORT ON RESULTS AGAINST TARGETS",
            stt: "No.",
            unit: "Unit",
            columns: ["Target", "Achieved", "Rate", "Remaining"],
            total: "Total",
            preparer: "PREPARED BY",
            signer_title: "HEAD OF OFFICE",
            sign_here: "(Signature, full name)",
        },
    }
}

/// The lines above the table, in order: the agency's two lines, the motto's two lines, the
/// place and date, the title and the as-of line.
pub struct Heading {
    /// Left block, line 1 (the governing body; may be empty).
    pub agency_above: String,
    /// Left block, line 2 (the office, bold).
    pub agency: String,
    /// "Bến Tre, ngày 15 tháng 11 năm 2023".
    pub place_date: String,
    /// The title, upper case.
    pub title: String,
    /// "(Số liệu tính đến ngày 14/11/2023)", empty without an as-of date.
    pub as_of: String,
}

const DOTS: &str = "……………";

/// The heading's lines from the user's letterhead, the report's as-of date and the day it is
/// written.
pub fn heading(
    letterhead: &Letterhead,
    as_of: Option<Date>,
    dated: Option<Date>,
    lang: Lang,
) -> Heading {
    let or_dots = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            DOTS.to_string()
        } else {
            s.to_uppercase()
        }
    };
    let place = match letterhead.place.trim() {
        "" => DOTS,
        p => p,
    };
    let place_date = match (lang, dated) {
        (Lang::Vi, Some(d)) => format!("{place}, ngày {} tháng {} năm {}", d.day, d.month, d.year),
        (Lang::Vi, None) => format!("{place}, ngày …… tháng …… năm ……"),
        (Lang::En, Some(d)) => format!("{place}, {}", super::format::date(d, lang)),
        (Lang::En, None) => format!("{place}, …… …… ……"),
    };
    let title = match letterhead.title.trim() {
        "" => words(lang).title.to_string(),
        t => t.to_uppercase(),
    };
    let as_of = match (lang, as_of) {
        (Lang::Vi, Some(d)) => format!(
            "(Số liệu tính đến ngày {:02}/{:02}/{:04})",
            d.day, d.month, d.year
        ),
        (Lang::En, Some(d)) => format!("(Figures as of {})", super::format::date(d, lang)),
        (_, None) => String::new(),
    };
    Heading {
        agency_above: letterhead.agency_above.trim().to_uppercase(),
        agency: or_dots(&letterhead.agency),
        place_date,
        title,
        as_of,
    }
}

/// A line's place while the table is put together.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Group(Vec<String>),
    Unit(Vec<String>, String, u32),
}

/// The results in the official order: the total, then each parent's subtotal above what is
/// under it, units in the report's order, every indicator on the same line.
pub fn table(analysis: &Analysis) -> OfficialTable {
    let n = analysis.indicators.len();
    let mut lines = vec![Line {
        kind: LineKind::Total,
        stt: String::new(),
        name: String::new(),
        figures: vec![None; n],
        children: Vec::new(),
    }];
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut place = |lines: &mut Vec<Line>, key: Key, parent: usize, kind: LineKind, name: &str| {
        *index.entry(key).or_insert_with(|| {
            lines.push(Line {
                kind,
                stt: String::new(),
                name: name.to_string(),
                figures: vec![None; n],
                children: Vec::new(),
            });
            let at = lines.len() - 1;
            lines[parent].children.push(at);
            at
        })
    };
    for (i, ind) in analysis.indicators.iter().enumerate() {
        let Some(w) = all_rows(analysis, i, "") else {
            continue;
        };
        let figures = |r: &crate::analysis::rows::ResultRow| Figures {
            target: r.target,
            achieved: r.achieved,
            rate: r.rate,
            gap: r.gap,
        };
        lines[0].figures[i] = Some(figures(&w.total));
        // The parents above the row being placed: its rollups came before it.
        let mut stack: Vec<(Vec<String>, usize)> = Vec::new();
        for r in &w.rows {
            let at = match &r.kind {
                RowKind::Group {
                    path,
                    level,
                    level_name,
                    ..
                } => {
                    while stack
                        .last()
                        .is_some_and(|(p, _)| p.len() >= path.len() || !path.starts_with(p))
                    {
                        stack.pop();
                    }
                    let parent = stack.last().map_or(0, |s| s.1);
                    let at = place(
                        &mut lines,
                        Key::Group(path.clone()),
                        parent,
                        LineKind::Group(*level),
                        &with_level(level_name, &r.name),
                    );
                    stack.push((path.clone(), at));
                    at
                }
                RowKind::Unit { index: u, .. } => {
                    let Some(unit) = ind.units.get(*u) else {
                        continue;
                    };
                    let parents = unit.row.parents.to_vec();
                    while stack.last().is_some_and(|(p, _)| !parents.starts_with(p)) {
                        stack.pop();
                    }
                    let parent = stack.last().map_or(0, |s| s.1);
                    let key = Key::Unit(parents, unit.row.unit.to_string(), unit.row.file);
                    place(&mut lines, key, parent, LineKind::Unit, &r.name)
                }
                RowKind::Total => continue,
            };
            lines[at].figures[i] = Some(figures(r));
        }
    }
    // Print order: depth first from the total; STT numbered as the reports do.
    let deep = lines
        .iter()
        .any(|l| matches!(l.kind, LineKind::Group(level) if level > 0));
    let mut order = Vec::with_capacity(lines.len());
    let mut stt = vec![String::new(); lines.len()];
    let mut todo = vec![0usize];
    while let Some(at) = todo.pop() {
        order.push(at);
        let (mut groups, mut units) = (0usize, 0usize);
        for &c in &lines[at].children {
            stt[c] = match lines[c].kind {
                LineKind::Group(level) => {
                    groups += 1;
                    if deep && level == 0 {
                        letter(groups)
                    } else {
                        roman(groups)
                    }
                }
                _ => {
                    units += 1;
                    units.to_string()
                }
            };
        }
        todo.extend(lines[at].children.iter().rev());
    }
    let mut new_place = vec![0usize; lines.len()];
    for (k, &old) in order.iter().enumerate() {
        new_place[old] = k;
    }
    let mut ordered: Vec<Line> = Vec::with_capacity(lines.len());
    for &old in &order {
        let mut line = std::mem::replace(
            &mut lines[old],
            Line {
                kind: LineKind::Unit,
                stt: String::new(),
                name: String::new(),
                figures: Vec::new(),
                children: Vec::new(),
            },
        );
        line.stt = std::mem::take(&mut stt[old]);
        for c in &mut line.children {
            *c = new_place[*c];
        }
        ordered.push(line);
    }
    OfficialTable {
        indicators: analysis.indicators.iter().map(|i| i.name.clone()).collect(),
        lines: ordered,
        unreported: analysis.unreported.clone(),
    }
}

/// The table for the clipboard, as HTML (two header rows, the total first, subtotals bold: what
/// Word, Excel and mail keep as a table) and as tab-separated text (one header row naming each
/// indicator's column, figures in the language's style: what a chat or a plain editor keeps).
pub fn clipboard(table: &OfficialTable, lang: Lang) -> (String, String) {
    let w = words(lang);
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let tsv_cell = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    // Attributes, not styles: the page's Content-Security-Policy forbids inline styles, and
    // the browser parses what it copies in the page.
    let mut html =
        String::from("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><thead><tr>");
    html.push_str(&format!(
        "<th rowspan=\"2\">{}</th><th rowspan=\"2\">{}</th>",
        esc(w.stt),
        esc(w.unit)
    ));
    let mut text = vec![w.stt.to_string(), w.unit.to_string()];
    for name in &table.indicators {
        html.push_str(&format!("<th colspan=\"4\">{}</th>", esc(name)));
        text.extend(w.columns.iter().map(|c| tsv_cell(&format!("{name} – {c}"))));
    }
    html.push_str("</tr><tr>");
    for _ in &table.indicators {
        for c in w.columns {
            html.push_str(&format!("<th>{}</th>", esc(c)));
        }
    }
    html.push_str("</tr></thead><tbody>");
    let mut lines = vec![text.join("\t")];
    for line in &table.lines {
        let name = match line.kind {
            LineKind::Total => w.total,
            _ => line.name.as_str(),
        };
        let bold = line.kind != LineKind::Unit;
        let mut cells = vec![line.stt.clone(), name.to_string()];
        for i in 0..table.indicators.len() {
            cells.extend(line.shown(i, lang));
        }
        html.push_str("<tr>");
        for (k, c) in cells.iter().enumerate() {
            let align = if k >= 2 { " align=\"right\"" } else { "" };
            let (open, close) = if bold { ("<b>", "</b>") } else { ("", "") };
            html.push_str(&format!("<td{align}>{open}{}{close}</td>", esc(c)));
        }
        html.push_str("</tr>");
        lines.push(
            cells
                .iter()
                .map(|c| tsv_cell(c))
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    html.push_str("</tbody></table>");
    (html, lines.join("\n") + "\n")
}

/// A parent's name with the word of its level when that is an administrative level the name
/// leaves out ("Huyện" and "Châu Thành" → "Huyện Châu Thành"), as the reports write their
/// subtotal rows, so that the sheet read again knows the level.
fn with_level(level_name: &str, name: &str) -> String {
    let level = level_name.trim();
    let prefixed = crate::text::fold(name).starts_with(&format!("{} ", crate::text::fold(level)));
    if crate::text::is_level_word(level) && !prefixed {
        format!("{level} {name}")
    } else {
        name.to_string()
    }
}

/// 1 → "I", 4 → "IV", 14 → "XIV".
fn roman(mut n: usize) -> String {
    const PARTS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in PARTS {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// 1 → "A", 26 → "Z", then "AA".
fn letter(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// An Excel column's letters: 0 → "A", 27 → "AB".
fn column(c: usize) -> String {
    letter(c + 1)
}

/// The cells of one column at these 0-based rows, as the argument of SUM: runs of rows as
/// ranges ("C12:C20,C25"); none when there would be too many pieces for one formula.
fn cells(col: &str, rows: &[u32]) -> Option<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let start = rows[k];
        let mut end = start;
        while k + 1 < rows.len() && rows[k + 1] == end + 1 {
            k += 1;
            end = rows[k];
        }
        pieces.push(if start == end {
            format!("{col}{}", start + 1)
        } else {
            format!("{col}{}:{col}{}", start + 1, end + 1)
        });
        k += 1;
    }
    (!pieces.is_empty() && pieces.len() <= 200).then(|| pieces.join(","))
}

const FONT: &str = "Times New Roman";

/// The looks of the sheet, in the order of these indices (1-based in `cell_looks`).
#[derive(Clone, Copy)]
enum L {
    Agency = 1,
    AgencyBold,
    Motto,
    MottoBelow,
    PlaceDate,
    Title,
    AsOf,
    Header,
    ColumnNumber,
    TotalName,
    TotalCount,
    TotalRate,
    GroupName,
    GroupCount,
    GroupRate,
    UnitStt,
    UnitName,
    UnitCount,
    UnitRate,
    Note,
    SignTitle,
    SignHere,
    SignName,
}

fn looks() -> Vec<Look> {
    let font = Some((FONT.to_string(), 12.0));
    let base = Look {
        font: font.clone(),
        ..Look::default()
    };
    let cell = Look {
        border: true,
        ..base.clone()
    };
    let center = |l: &Look| Look {
        center: true,
        ..l.clone()
    };
    let bold = |l: &Look| Look {
        bold: true,
        ..l.clone()
    };
    let count = |l: &Look| Look {
        number: Style::Count,
        ..l.clone()
    };
    let rate = |l: &Look| Look {
        number: Style::Percent,
        ..l.clone()
    };
    vec![
        center(&base),
        bold(&center(&base)),
        bold(&center(&base)),
        Look {
            underline: true,
            ..bold(&center(&base))
        },
        Look {
            italic: true,
            ..center(&base)
        },
        Look {
            font: Some((FONT.to_string(), 14.0)),
            ..bold(&center(&base))
        },
        Look {
            italic: true,
            ..center(&base)
        },
        Look {
            wrap: true,
            ..bold(&center(&cell))
        },
        Look {
            italic: true,
            ..center(&cell)
        },
        bold(&center(&cell)),
        bold(&count(&cell)),
        bold(&rate(&cell)),
        bold(&cell),
        bold(&count(&cell)),
        bold(&rate(&cell)),
        center(&cell),
        cell.clone(),
        count(&cell),
        rate(&cell),
        Look {
            italic: true,
            ..base.clone()
        },
        bold(&center(&base)),
        Look {
            italic: true,
            ..center(&base)
        },
        bold(&center(&base)),
    ]
}

/// A sheet being laid out: its cells and their looks, row by row.
struct Grid {
    rows: Vec<Vec<Value>>,
    looks: Vec<Vec<u8>>,
    merges: Vec<Merge>,
    width: usize,
}

impl Grid {
    fn row(&mut self) -> u32 {
        self.rows.push(vec![Value::Empty; self.width]);
        self.looks.push(vec![0; self.width]);
        (self.rows.len() - 1) as u32
    }

    fn put(&mut self, row: u32, col: usize, value: Value, look: L) {
        if let (Some(r), Some(l)) = (
            self.rows.get_mut(row as usize),
            self.looks.get_mut(row as usize),
        ) {
            if col < r.len() {
                r[col] = value;
                l[col] = look as u8;
            }
        }
    }

    /// Text across columns `first..=last` of a row, merged when it spans more than one.
    fn span(&mut self, row: u32, first: usize, last: usize, text: &str, look: L) {
        for c in first..=last {
            self.put(row, c, Value::Empty, look);
        }
        self.put(row, first, Value::Text(neutralise(text)), look);
        if last > first {
            self.merges.push(Merge {
                first_row: row,
                first_col: first as u16,
                last_row: row,
                last_col: last as u16,
            });
        }
    }
}

/// The official table laid out as an Excel workbook of one sheet.
pub fn plan(
    table: &OfficialTable,
    letterhead: &Letterhead,
    as_of: Option<Date>,
    dated: Option<Date>,
    lang: Lang,
) -> Book {
    let w = words(lang);
    let head = heading(letterhead, as_of, dated, lang);
    let n = table.indicators.len();
    let width = 2 + 4 * n.max(1);
    let last = width - 1;
    let mut g = Grid {
        rows: Vec::new(),
        looks: Vec::new(),
        merges: Vec::new(),
        width,
    };
    // The agency on the left, the motto on the right.
    let split = if width <= 6 { 2 } else { 3 };
    let r = g.row();
    g.span(r, 0, split - 1, &head.agency_above, L::Agency);
    g.span(r, split, last, w.motto, L::Motto);
    let r = g.row();
    g.span(r, 0, split - 1, &head.agency, L::AgencyBold);
    g.span(r, split, last, w.motto_below, L::MottoBelow);
    let r = g.row();
    g.span(r, split, last, &head.place_date, L::PlaceDate);
    g.row();
    let r = g.row();
    g.span(r, 0, last, &head.title, L::Title);
    if !head.as_of.is_empty() {
        let r = g.row();
        g.span(r, 0, last, &head.as_of, L::AsOf);
    }
    g.row();
    // Two header rows: STT and the unit over both, each indicator over its four columns.
    let h1 = g.row();
    let h2 = g.row();
    for (c, text) in [(0, w.stt), (1, w.unit)] {
        g.put(h1, c, Value::Text(text.into()), L::Header);
        g.put(h2, c, Value::Empty, L::Header);
        g.merges.push(Merge {
            first_row: h1,
            first_col: c as u16,
            last_row: h2,
            last_col: c as u16,
        });
    }
    for (i, name) in table.indicators.iter().enumerate() {
        let first = 2 + 4 * i;
        g.span(h1, first, first + 3, name, L::Header);
        for (k, text) in w.columns.iter().enumerate() {
            g.put(h2, first + k, Value::Text((*text).into()), L::Header);
        }
    }
    // The column numbers, the rate and what remains with how they are worked out.
    let numbers = g.row();
    for c in 0..width {
        let text = match (c, (c + 2) % 4) {
            (0 | 1, _) => format!("({})", c + 1),
            (_, 2) => format!("({})=({})/({})", c + 1, c, c - 1),
            (_, 3) => format!("({})=({})-({})", c + 1, c - 2, c - 1),
            _ => format!("({})", c + 1),
        };
        g.put(numbers, c, Value::Text(text), L::ColumnNumber);
    }
    // Every line's row, known before any formula names it.
    let first_line = numbers + 1;
    let row_of = |k: usize| first_line + k as u32;
    for (k, line) in table.lines.iter().enumerate() {
        let r = g.row();
        debug_assert_eq!(r, row_of(k));
        let (name, stt_look, name_look, count_look, rate_look) = match line.kind {
            LineKind::Total => (
                w.total,
                L::TotalName,
                L::TotalName,
                L::TotalCount,
                L::TotalRate,
            ),
            LineKind::Group(_) => (
                line.name.as_str(),
                L::TotalName,
                L::GroupName,
                L::GroupCount,
                L::GroupRate,
            ),
            LineKind::Unit => (
                line.name.as_str(),
                L::UnitStt,
                L::UnitName,
                L::UnitCount,
                L::UnitRate,
            ),
        };
        let stt = match line.stt.parse::<f64>() {
            Ok(v) => Value::Number(v),
            Err(_) if line.stt.is_empty() => Value::Empty,
            Err(_) => Value::Text(line.stt.clone()),
        };
        g.put(r, 0, stt, stt_look);
        g.put(r, 1, Value::Text(neutralise(name)), name_look);
        let children: Vec<u32> = line.children.iter().map(|&c| row_of(c)).collect();
        for i in 0..n {
            let f = line.figures.get(i).copied().flatten().unwrap_or_default();
            let first = 2 + 4 * i;
            let (tc, ac) = (column(first), column(first + 1));
            let here = r + 1;
            let figure = |v: Option<f64>| {
                v.filter(|v| v.is_finite())
                    .map_or(Value::Empty, Value::Number)
            };
            let sum = |col: &str, v: Option<f64>| match cells(col, &children) {
                Some(args) => Value::Formula(format!("SUM({args})"), v.or(Some(0.0))),
                None => figure(v),
            };
            let (target, achieved) = match line.kind {
                LineKind::Unit => (figure(f.target), figure(f.achieved)),
                _ => (sum(&tc, f.target), sum(&ac, f.achieved)),
            };
            g.put(r, first, target, count_look);
            g.put(r, first + 1, achieved, count_look);
            let has = |v: &Value| !matches!(v, Value::Empty);
            let both = has(&g.rows[r as usize][first]) && has(&g.rows[r as usize][first + 1]);
            let (rate, gap) = if both {
                (
                    Value::Formula(
                        format!("IF(N({tc}{here})>0,{ac}{here}/{tc}{here},\"\")"),
                        f.rate,
                    ),
                    Value::Formula(format!("{tc}{here}-{ac}{here}"), f.gap),
                )
            } else {
                (Value::Empty, Value::Empty)
            };
            g.put(r, first + 2, rate, rate_look);
            g.put(r, first + 3, gap, count_look);
        }
    }
    g.row();
    if !table.unreported.is_empty() {
        let r = g.row();
        let text = super::messages::unreported(lang, &table.unreported, 50);
        g.span(r, 0, last, &text, L::Note);
        g.row();
    }
    // The signature block: who made the table on the left, the head of the office on the right.
    let left_end = split - 1;
    let r = g.row();
    g.span(r, 0, left_end, w.preparer, L::SignTitle);
    let signer_title = match letterhead.signer_title.trim() {
        "" => w.signer_title.to_string(),
        t => t.to_uppercase(),
    };
    g.span(r, split, last, &signer_title, L::SignTitle);
    let r = g.row();
    g.span(r, 0, left_end, w.sign_here, L::SignHere);
    g.span(r, split, last, w.sign_here, L::SignHere);
    for _ in 0..3 {
        g.row();
    }
    let r = g.row();
    g.span(r, 0, left_end, letterhead.preparer.trim(), L::SignName);
    g.span(r, split, last, letterhead.signer.trim(), L::SignName);
    // Widths: STT, the unit, then per indicator target, achieved, rate, remaining.
    let mut widths = vec![6.0, 30.0];
    for _ in 0..n.max(1) {
        widths.extend([12.0, 12.0, 9.0, 12.0]);
    }
    let sheet_name = match lang {
        Lang::Vi => "Báo cáo",
        Lang::En => "Report",
    };
    Book {
        sheets: vec![PlanSheet {
            name: sheet_name.into(),
            widths,
            header: false,
            styles: Vec::new(),
            rows: g.rows,
            looks: looks(),
            cell_looks: g.looks,
            merges: g.merges,
            heights: vec![(h1, 30.0), (h2, 30.0)],
            page: Some(Page {
                landscape_a4: true,
                repeat_rows: Some((h1, numbers)),
                fit_width: true,
                freeze: (numbers + 1, 2),
            }),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(1), "A");
        assert_eq!(letter(26), "Z");
        assert_eq!(letter(27), "AA");
        assert_eq!(column(0), "A");
        assert_eq!(column(27), "AB");
    }

    #[test]
    fn subtotal_rows_name_their_level() {
        assert_eq!(with_level("Huyện", "Châu Thành"), "Huyện Châu Thành");
        assert_eq!(with_level("Huyện", "Huyện Châu Thành"), "Huyện Châu Thành");
        assert_eq!(with_level("Nhóm", "Châu Thành"), "Châu Thành");
    }

    #[test]
    fn the_clipboard_has_the_table_as_html_and_as_tabs() {
        let table = OfficialTable {
            indicators: vec!["Kích hoạt".into()],
            lines: vec![
                Line {
                    kind: LineKind::Total,
                    stt: String::new(),
                    name: String::new(),
                    figures: vec![Some(Figures {
                        target: Some(930_767.0),
                        achieved: Some(822_139.0),
                        rate: Some(822_139.0 / 930_767.0),
                        gap: Some(108_628.0),
                    })],
                    children: vec![1],
                },
                Line {
                    kind: LineKind::Unit,
                    stt: "1".into(),
                    name: "Xã <A> & B".into(),
                    figures: vec![None],
                    children: vec![],
                },
            ],
            unreported: vec![],
        };
        let (html, text) = clipboard(&table, Lang::Vi);
        assert_eq!(
            text,
            "STT\tĐơn vị\tKích hoạt – Chỉ tiêu\tKích hoạt – Đã đạt\tKích hoạt – Tỷ lệ\tKích hoạt – Còn lại\n\
             \tTổng cộng\t930.767\t822.139\t88,33%\t108.628\n\
             1\tXã <A> & B\t\t\t\t\n"
        );
        assert!(html.contains("<th colspan=\"4\">Kích hoạt</th>"));
        assert!(html.contains("<td align=\"right\"><b>88,33%</b></td>"));
        assert!(!html.contains("style"));
        assert!(html.contains("<td>Xã &lt;A&gt; &amp; B</td>"));
    }

    #[test]
    fn ranges_of_cells() {
        assert_eq!(
            cells("C", &[11, 12, 13, 20]).as_deref(),
            Some("C12:C14,C21")
        );
        assert_eq!(cells("C", &[]), None);
    }
}
