//! The table inside a report sheet. [`detect`] finds the layout under a title block: the header
//! rows (flattened through merged cells into paths like "Thu nhận › Số lượng"), the row of
//! column numbers, the body, totals and subtotal rows, and the footer. Every row of the sheet
//! gets exactly one [`RowKind`]. The column types and number styles are then decided from all
//! the values of each column.

use crate::ingest::numbers::{
    is_placeholder, parse_number, NumberClass, NumberStyle, ParsedNumber, StyleVotes,
};
use crate::model::{CellRef, RowRef, Sheet};
use crate::vocab::{
    is_footer_label, is_heading_mark, is_ordinal_header, is_rate_header, is_total_label,
};
use serde::{Deserialize, Serialize};

/// A value of the table, after the column's type has been decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Nothing, a placeholder such as `-`, or a spreadsheet error.
    Empty,
    /// A number; percentages as fractions (`88,33%` is 0.8833).
    Number(f64),
    /// Text, or a cell of a numeric column that could not be read as a number.
    Text(String),
}

impl Value {
    /// The number, when this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as the user would read it, for labels.
    pub fn label(&self) -> String {
        self.label_str().into_owned()
    }

    /// [`Value::label`] without copying a text.
    pub fn label_str(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Value::Empty => std::borrow::Cow::Borrowed(""),
            Value::Number(n) => std::borrow::Cow::Owned(crate::report::format::plain_number(*n)),
            Value::Text(t) => std::borrow::Cow::Borrowed(t),
        }
    }
}

/// A value of the table's body, borrowed from its columns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    /// Nothing, a placeholder such as `-`, or a spreadsheet error.
    Empty,
    /// A number; percentages as fractions.
    Number(f64),
    /// Text, trimmed; or a cell of a numeric column that could not be read as a number.
    Text(&'a str),
}

impl<'a> ValueRef<'a> {
    /// The number, when this is one.
    pub fn number(self) -> Option<f64> {
        match self {
            ValueRef::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The text, when this is one.
    pub fn text(self) -> Option<&'a str> {
        match self {
            ValueRef::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as the user would read it, for labels.
    pub fn label(self) -> std::borrow::Cow<'a, str> {
        match self {
            ValueRef::Empty => std::borrow::Cow::Borrowed(""),
            ValueRef::Number(n) => std::borrow::Cow::Owned(crate::report::format::plain_number(n)),
            ValueRef::Text(t) => std::borrow::Cow::Borrowed(t),
        }
    }

    /// An owned copy.
    pub fn to_value(self) -> Value {
        match self {
            ValueRef::Empty => Value::Empty,
            ValueRef::Number(n) => Value::Number(n),
            ValueRef::Text(t) => Value::Text(t.to_string()),
        }
    }
}

/// The body rows of a table, column by column: no allocation per cell. Each column keeps a
/// code per row (empty, a number, or a text of its dictionary, where each distinct text is
/// stored once and shared, so a unit's name costs nothing more in the analysis) and, when it
/// holds any number, the numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// 1-based row numbers in the sheet, one per body row.
    source_rows: Vec<usize>,
    columns: Vec<BodyColumn>,
}

/// A column of the body. `codes[r]`: [`EMPTY`], [`NUMBER`] (the value in `numbers[r]`) or
/// [`FIRST_TEXT`] + the index of its text in `texts`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct BodyColumn {
    codes: Vec<u32>,
    /// One per row once the column holds a number (0 where the row has none); else empty.
    numbers: Vec<f64>,
    texts: Vec<std::sync::Arc<str>>,
}

const EMPTY: u32 = 0;
const NUMBER: u32 = 1;
const FIRST_TEXT: u32 = 2;

impl Body {
    /// The number of body rows.
    pub fn len(&self) -> usize {
        self.source_rows.len()
    }

    /// True without body rows.
    pub fn is_empty(&self) -> bool {
        self.source_rows.is_empty()
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// The 1-based row number in the sheet of body row `row`.
    pub fn source_row(&self, row: usize) -> usize {
        self.source_rows.get(row).copied().unwrap_or(0)
    }

    /// The value of body row `row` in column `col` (empty outside the table).
    pub fn get(&self, row: usize, col: usize) -> ValueRef<'_> {
        let Some(c) = self.columns.get(col) else {
            return ValueRef::Empty;
        };
        match c.codes.get(row).copied().unwrap_or(EMPTY) {
            EMPTY => ValueRef::Empty,
            NUMBER => ValueRef::Number(c.numbers.get(row).copied().unwrap_or(0.0)),
            code => ValueRef::Text(&c.texts[(code - FIRST_TEXT) as usize]),
        }
    }

    /// The shared copy of a text value (a unit's name kept by the analysis).
    pub fn text_arc(&self, row: usize, col: usize) -> Option<&std::sync::Arc<str>> {
        let c = self.columns.get(col)?;
        let code = *c.codes.get(row)?;
        (code >= FIRST_TEXT).then(|| &c.texts[(code - FIRST_TEXT) as usize])
    }

    /// The body rows of a column that hold text, with the text.
    pub fn texts_of(&self, col: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
        let c = self.columns.get(col);
        c.into_iter().flat_map(|c| {
            c.codes
                .iter()
                .enumerate()
                .filter(|(_, code)| **code >= FIRST_TEXT)
                .map(|(r, code)| (r, &*c.texts[(code - FIRST_TEXT) as usize]))
        })
    }

    /// The numbers of a column, one per body row.
    pub fn numbers(&self, col: usize) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        (0..self.len()).map(move |r| self.get(r, col).number())
    }

    /// One body row as an owned [`Row`] (for the few rows a message quotes).
    pub fn row(&self, row: usize) -> Row {
        Row {
            source_row: self.source_row(row),
            values: (0..self.width())
                .map(|c| self.get(row, c).to_value())
                .collect(),
        }
    }

    /// Divides the numbers of a column by 100, except where `keep(row)`.
    fn scale_down(&mut self, col: usize, keep: impl Fn(usize) -> bool) {
        let Some(c) = self.columns.get_mut(col) else {
            return;
        };
        for (r, (code, x)) in c.codes.iter().zip(c.numbers.iter_mut()).enumerate() {
            if *code == NUMBER && !keep(r) {
                *x /= 100.0;
            }
        }
    }
}

/// Builds a [`Body`] a row at a time, each distinct text of a column stored once.
struct BodyBuilder {
    body: Body,
    dictionaries: Vec<
        std::collections::HashMap<
            std::sync::Arc<str>,
            u32,
            std::hash::BuildHasherDefault<crate::text::HashedKey>,
        >,
    >,
    /// Whether a column's texts are still looked up in its dictionary.
    distinct: Vec<bool>,
}

impl BodyBuilder {
    fn new(rows: usize, width: usize) -> BodyBuilder {
        BodyBuilder {
            body: Body {
                source_rows: Vec::with_capacity(rows),
                columns: (0..width)
                    .map(|_| BodyColumn {
                        codes: Vec::with_capacity(rows),
                        ..BodyColumn::default()
                    })
                    .collect(),
            },
            dictionaries: vec![Default::default(); width],
            distinct: vec![true; width],
        }
    }

    fn start_row(&mut self, source_row: usize) {
        self.body.source_rows.push(source_row);
    }

    fn push_empty(&mut self, col: usize) {
        self.body.columns[col].codes.push(EMPTY);
    }

    fn push_number(&mut self, col: usize, x: f64) {
        let c = &mut self.body.columns[col];
        if c.numbers.is_empty() {
            c.numbers.reserve_exact(c.codes.capacity());
        }
        c.numbers.resize(c.codes.len(), 0.0);
        c.numbers.push(x);
        c.codes.push(NUMBER);
    }

    fn push_text(&mut self, col: usize, t: &str) {
        let c = &mut self.body.columns[col];
        // The row above's text again (parent columns repeat it): no lookup.
        if let Some(&code) = c.codes.last().filter(|code| **code >= FIRST_TEXT) {
            if &*c.texts[(code - FIRST_TEXT) as usize] == t {
                c.codes.push(code);
                return;
            }
        }
        let dictionary = &mut self.dictionaries[col];
        // A column of names that hardly repeat (a unit per row) is not looked up: each text
        // is stored as it comes, which costs less than the lookups would save.
        if c.codes.len() % 4096 == 4095 && dictionary.len() * 4 > c.codes.len() * 3 {
            *dictionary = Default::default();
            self.distinct[col] = false;
        }
        if !self.distinct[col] {
            c.codes.push(FIRST_TEXT + c.texts.len() as u32);
            c.texts.push(t.into());
            return;
        }
        let code = match dictionary.get(t) {
            Some(code) => *code,
            None => {
                let code = FIRST_TEXT + c.texts.len() as u32;
                let text: std::sync::Arc<str> = t.into();
                c.texts.push(text.clone());
                dictionary.insert(text, code);
                code
            }
        };
        c.codes.push(code);
    }

    fn finish(mut self) -> Body {
        for c in &mut self.body.columns {
            if !c.numbers.is_empty() {
                c.numbers.resize(c.codes.len(), 0.0);
            }
            c.texts.shrink_to_fit();
        }
        self.body
    }
}

/// What a column holds, decided from all its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Mostly text: names, notes.
    Text,
    /// Mostly numbers.
    Number,
    /// Rates: numbers written as percentages, or numbers under a rate header.
    Percent,
    /// Mostly dates.
    Date,
    /// Nothing in any body row.
    Empty,
}

/// How a rate column wrote its rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PercentScale {
    /// As fractions (0.8833 shown as 88,33% by a format) or as text with `%`.
    Fraction,
    /// As numbers of percent (88.33); divided by 100 when read.
    Hundred,
}

/// One column of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Position in the sheet (0 = column A).
    pub index: usize,
    /// The header path ("Thu nhận › Số lượng"), or "Column C" when the header is empty.
    pub name: String,
    /// The header's levels, top to bottom, repeats removed.
    pub path: Vec<String>,
    /// What the column holds.
    pub kind: ColumnKind,
    /// The style its numbers typed as text were read in, when it has any.
    pub number_style: Option<NumberStyle>,
    /// For rate columns, how the rates were written.
    pub percent_scale: Option<PercentScale>,
    /// The ordinal column ("STT"): numbers, but never a figure.
    pub ordinal: bool,
    /// Sum of its numbers, to help guess which column is the target.
    pub sum: f64,
}

/// A body or totals row: its row number in the sheet and one value per column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based row number in the sheet, as the spreadsheet shows it.
    pub source_row: usize,
    /// One value per column of the table.
    pub values: Vec<Value>,
}

/// A cell of a numeric column that holds text which is not a number, or an error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnreadableCell {
    /// 1-based row number in the sheet.
    pub source_row: usize,
    /// The column's index.
    pub column: usize,
    /// The text as found (`#DIV/0!` for an error).
    pub text: String,
}

/// What a row of the sheet is. Every row gets exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RowKind {
    /// Above the header: agency names, the report's title, the as-of date.
    Title,
    /// A header row.
    Header,
    /// The row of column numbers under the header: "(1) (2) (5)=(4)/(3)".
    ColumnNumbers,
    /// A body row: a unit, or a heading or note inside the body.
    Data,
    /// A totals or subtotal row ("Tổng cộng", "Cộng huyện …"), kept for cross-checks.
    Total,
    /// Under the body: recipients, signatures, notes.
    Footer,
    /// Nothing in it.
    Empty,
}

/// The buckets every source row ends in, for the row account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bucket {
    /// Header rows and the column-number row.
    Header,
    /// Body rows.
    Data,
    /// Totals and subtotal rows.
    Total,
    /// Title block and footer.
    TitleFooter,
    /// Empty rows.
    Empty,
}

impl RowKind {
    /// The bucket of the row account this kind falls in.
    pub fn bucket(self) -> Bucket {
        match self {
            RowKind::Header | RowKind::ColumnNumbers => Bucket::Header,
            RowKind::Data => Bucket::Data,
            RowKind::Total => Bucket::Total,
            RowKind::Title | RowKind::Footer => Bucket::TitleFooter,
            RowKind::Empty => Bucket::Empty,
        }
    }
}

/// Where the table sits in the sheet (0-based row indices). Detected, or set by the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// First header row.
    pub header_start: usize,
    /// One past the last header row (equal to `header_start` when there is no header).
    pub header_end: usize,
    /// One past the last body row; the footer starts here.
    pub body_end: usize,
}

/// The table found in a sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The sheet's name.
    pub sheet: String,
    /// Where the table sits.
    pub layout: Layout,
    /// What each row of the sheet is, `kinds[i]` for the sheet's row `i + 1`.
    pub kinds: Vec<RowKind>,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The body rows ([`RowKind::Data`]), column by column.
    pub body: Body,
    /// The totals and subtotal rows, read like the body, for cross-checks.
    pub totals: Vec<Row>,
    /// Cells of numeric columns that could not be read as numbers.
    pub unreadable: Vec<UnreadableCell>,
    /// Spreadsheet errors (`#DIV/0!`, `#N/A`) in the body, read as empty.
    pub errors: Vec<UnreadableCell>,
}

/// Why no table could be found. Worded by [`crate::report::messages::table_error`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableError {
    /// The sheet holds nothing.
    EmptySheet(String),
    /// Only a header, no rows under it.
    NoRows(String),
}

/// In English, as [`crate::report::messages::table_error`] words it.
impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::report::messages::table_error(crate::report::Lang::En, self);
        f.write_str(&text)
    }
}

impl std::error::Error for TableError {}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell of the column-number row: "(1)", "1", "(5)=(4)/(3)", "5=4/3", "A", "B".
fn is_column_number(t: &str) -> bool {
    let t = t.trim();
    // Names and words are ruled out at the first character.
    if !t
        .bytes()
        .next()
        .is_some_and(|b| b == b'(' || b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return false;
    }
    let head = &t[..t.find(['=', ' ']).unwrap_or(t.len())];
    let inner = head.trim_start_matches('(').trim_end_matches(')');
    let short_number =
        !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit());
    let letter = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_uppercase());
    (short_number || letter)
        && (t.len() == head.len() || t[head.len()..].trim_start().starts_with('='))
}

/// Per-row facts the detection works from.
#[derive(Clone, Copy, Debug, Default)]
struct RowFacts {
    filled: usize,
    numbers: usize,
    texts: usize,
    column_numbers: bool,
    total: bool,
    footer: bool,
}

/// A column's last leading text and whether it is a totals label and a footer label: the
/// parent columns repeat the row above's text, which is then not weighed again.
type LastLabel<'a> = Option<(&'a str, bool, bool)>;

/// Each distinct text's [`NumberClass`] (a byte), by its number in the sheet's grid, found
/// once: `KNOWN` marks a text classified, `REPEATED` one met in more than one cell (whose
/// reading as a number the table then keeps too).
struct TextClasses(Vec<u8>);

const KNOWN: u8 = 0x80;
const REPEATED: u8 = 0x40;

impl TextClasses {
    fn of(sheet: &Sheet) -> TextClasses {
        TextClasses(vec![0; sheet.cells.texts()])
    }

    /// The class of a text cell, worked out the first time its text is met.
    fn class(&mut self, id: Option<u32>, t: &str) -> NumberClass {
        let Some(b) = id.and_then(|id| self.0.get_mut(id as usize)) else {
            return NumberClass::of(t);
        };
        if *b & KNOWN != 0 {
            *b |= REPEATED;
            return NumberClass::from_byte(*b);
        }
        let class = NumberClass::of(t);
        *b = class.to_byte() | KNOWN;
        class
    }

    fn repeated(&self, id: u32) -> bool {
        self.0.get(id as usize).is_some_and(|b| b & REPEATED != 0)
    }
}

/// The facts of row `i`; the number style votes of its text cells are added to `votes` (one
/// per column, grown as needed); `last` keeps each column's last leading text.
fn facts<'a>(
    sheet: &'a Sheet,
    i: usize,
    votes: &mut Vec<StyleVotes>,
    last: &mut Vec<LastLabel<'a>>,
    classes: &mut TextClasses,
) -> RowFacts {
    let row = sheet.row(i);
    if votes.len() < row.len() {
        votes.resize(row.len(), StyleVotes::default());
    }
    if last.len() < row.len() {
        last.resize(row.len(), None);
    }
    let mut f = RowFacts::default();
    let mut column_number_cells = 0;
    let mut leading_texts = 0;
    for (((cell, id), votes), last) in row
        .iter_with_ids()
        .zip(votes.iter_mut())
        .zip(last.iter_mut())
    {
        match cell {
            c if c.is_blank() => {}
            CellRef::Number(_) => {
                f.filled += 1;
                f.numbers += 1;
            }
            CellRef::Text(t) => {
                f.filled += 1;
                if is_column_number(t) {
                    column_number_cells += 1;
                }
                let class = classes.class(id, t);
                votes.add_class(class);
                if class.is_number() {
                    f.numbers += 1;
                } else if !is_placeholder(t) {
                    f.texts += 1;
                    if leading_texts < 3 {
                        leading_texts += 1;
                        let (total, footer) = match *last {
                            Some((text, total, footer)) if text == t => (total, footer),
                            _ => {
                                let found = (is_total_label(t), is_footer_label(t));
                                *last = Some((t, found.0, found.1));
                                found
                            }
                        };
                        f.total |= total;
                        f.footer |= leading_texts == 1 && footer;
                    }
                }
            }
            _ => f.filled += 1,
        }
    }
    f.column_numbers =
        f.filled >= 2 && column_number_cells * 10 >= f.filled * 8 && column_numbers_row(row);
    f
}

/// The column-number row proper: its numbers run upwards from a small one ("(1) (2) (3)"), or
/// it writes them the way only such a row does ("(5)=(4)/(3)", letters "A B C").
fn column_numbers_row(row: RowRef<'_>) -> bool {
    let texts: Vec<&str> = row
        .iter()
        .filter_map(|c| match c {
            CellRef::Text(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        })
        .collect();
    if texts.iter().any(|t| t.starts_with('(') || t.contains('=')) {
        return true;
    }
    let leading: Vec<u32> = texts
        .iter()
        .filter_map(|t| t.split('=').next()?.trim().parse().ok())
        .collect();
    let letters = texts
        .iter()
        .all(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()));
    letters
        || (leading.len() == texts.len()
            && leading.first().is_some_and(|f| *f <= 2)
            && leading.windows(2).all(|w| w[1] == w[0] + 1))
}

fn data_like(f: &RowFacts) -> bool {
    !f.column_numbers && (f.numbers >= 2 || (f.numbers >= 1 && f.texts >= 1))
}

/// Finds where the table sits in a sheet. `None` when the sheet is empty.
pub fn detect(sheet: &Sheet) -> Option<Layout> {
    detect_with(sheet, &all_facts(sheet))
}

fn all_facts(sheet: &Sheet) -> Vec<RowFacts> {
    facts_and_votes(sheet).0
}

/// The facts of every row, each column's number style votes over the whole sheet (the table
/// takes back those of the rows outside its body: far fewer than a second pass), and the
/// class of each distinct text.
fn facts_and_votes(sheet: &Sheet) -> (Vec<RowFacts>, Vec<StyleVotes>, TextClasses) {
    let mut votes = Vec::new();
    let mut last = Vec::new();
    let mut classes = TextClasses::of(sheet);
    let facts = (0..sheet.row_count())
        .map(|i| facts(sheet, i, &mut votes, &mut last, &mut classes))
        .collect();
    (facts, votes, classes)
}

fn detect_with(sheet: &Sheet, facts: &[RowFacts]) -> Option<Layout> {
    let n = sheet.row_count();
    let non_empty: Vec<usize> = (0..n).filter(|i| facts[*i].filled > 0).collect();
    let first = *non_empty.first()?;
    // The body starts at the first data-like row that most of the next rows agree with.
    let body_start = non_empty
        .iter()
        .position(|&i| {
            data_like(&facts[i]) && !facts[i].total && {
                let next: Vec<usize> = non_empty
                    .iter()
                    .copied()
                    .filter(|&j| j >= i)
                    .take(6)
                    .collect();
                let agree = next.iter().filter(|&&j| data_like(&facts[j])).count();
                agree * 10 >= next.len() * 6
            }
        })
        .map(|p| non_empty[p]);
    let Some(body_start) = body_start else {
        // No numbers anywhere: the first non-empty row is the header, the rest the body.
        return Some(Layout {
            header_start: first,
            header_end: first + 1,
            body_end: n,
        });
    };
    // The header: the rows right above the body (skipping the column numbers, empty rows, and
    // a totals row that many reports put first, above the units).
    let mut j = body_start;
    while j > 0
        && (facts[j - 1].filled == 0
            || facts[j - 1].column_numbers
            || (facts[j - 1].total && data_like(&facts[j - 1])))
    {
        j -= 1;
    }
    let header_end = j;
    let mut header_start = j;
    while header_start > 0 && header_end - header_start < 4 {
        let k = header_start - 1;
        let f = &facts[k];
        if f.filled == 0 || data_like(f) {
            break;
        }
        // A header row has several cells, or a cell merged down into the rows under it.
        let merged_down = sheet
            .merges
            .iter()
            .any(|m| m.first_row <= k && m.last_row >= header_start && m.last_row < header_end);
        let several = f.filled >= 2 && !is_title_row(sheet, k);
        if !(several || merged_down) {
            break;
        }
        header_start = k;
    }
    // The body ends after its last row that looks like one (figures, a total, or several
    // cells: a unit whose figures are missing), or where a footer starts.
    let mut body_end = body_start + 1;
    for (i, f) in facts.iter().enumerate().skip(body_start) {
        if f.footer {
            break;
        }
        if data_like(f) || f.total || f.filled >= 2 {
            body_end = i + 1;
        }
    }
    Some(Layout {
        header_start,
        header_end,
        body_end,
    })
}

/// A title line: one text spread over the width by a merge ("CỘNG HÒA XÃ HỘI …" beside the
/// agency name counts too: two merged cells side by side, no other cell).
fn is_title_row(sheet: &Sheet, k: usize) -> bool {
    let filled: Vec<usize> = sheet
        .row(k)
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .map(|(i, _)| i)
        .collect();
    filled.len() <= 2
        && filled.iter().all(|&c| {
            sheet.merges.iter().any(|m| {
                m.first_row == k && m.last_row == k && m.first_col == c && m.last_col >= c + 2
            })
        })
}

/// What each row is, for a layout.
pub fn kinds(sheet: &Sheet, layout: &Layout) -> Vec<RowKind> {
    kinds_with(sheet, layout, &all_facts(sheet))
}

fn kinds_with(sheet: &Sheet, layout: &Layout, facts: &[RowFacts]) -> Vec<RowKind> {
    let mut kinds = plain_kinds(layout, facts);
    repeated_headers(sheet, layout, facts, &mut kinds);
    kinds
}

/// A header repeated inside the body (a report printed over several pages and typed or copied
/// back) is a header row, not a unit: a body row without numbers whose text cells repeat at
/// least 60% (and two) of the last header row's names, column for column.
fn repeated_headers(sheet: &Sheet, layout: &Layout, facts: &[RowFacts], kinds: &mut [RowKind]) {
    if layout.header_end <= layout.header_start {
        return;
    }
    let h = layout.header_end - 1;
    let head: Vec<String> = (0..sheet.width())
        .map(|c| sheet.shown(h, c).display())
        .collect();
    let named = head.iter().filter(|t| !t.is_empty()).count();
    if named < 2 {
        return;
    }
    for i in layout.header_end..layout.body_end.min(kinds.len()) {
        if kinds[i] != RowKind::Data || facts[i].numbers > 0 {
            continue;
        }
        let same = sheet
            .row(i)
            .iter()
            .zip(&head)
            .filter(|(cell, name)| {
                !name.is_empty() && matches!(cell, CellRef::Text(t) if t.trim() == name.as_str())
            })
            .count();
        if same >= 2 && same * 5 >= named * 3 {
            kinds[i] = RowKind::Header;
        }
    }
}

fn plain_kinds(layout: &Layout, facts: &[RowFacts]) -> Vec<RowKind> {
    (0..facts.len())
        .map(|i| {
            let f = facts[i];
            if f.filled == 0 {
                RowKind::Empty
            } else if i < layout.header_start {
                RowKind::Title
            } else if i < layout.header_end {
                RowKind::Header
            } else if i >= layout.body_end {
                RowKind::Footer
            } else if f.column_numbers && !data_like(&f) {
                RowKind::ColumnNumbers
            } else if f.total {
                RowKind::Total
            } else {
                RowKind::Data
            }
        })
        .collect()
}

/// The header path of a column: the shown value of each header row (a merged region's value
/// shows in all its cells), with the blanks that CSV exports leave right of a merged group
/// header filled from the left, repeats removed.
fn header_path(sheet: &Sheet, layout: &Layout, col: usize) -> Vec<String> {
    let mut path: Vec<String> = Vec::new();
    let clean = |c: CellRef<'_>| c.display().split_whitespace().collect::<Vec<_>>().join(" ");
    for r in layout.header_start..layout.header_end {
        let mut text = clean(sheet.shown(r, col));
        if text.is_empty() && r + 1 < layout.header_end && !sheet.shown(r + 1, col).is_blank() {
            // Walk left over blanks to a group header that has sub-headers under it.
            let mut c = col;
            while c > 0 && sheet.shown(r, c - 1).is_blank() && !sheet.shown(r + 1, c - 1).is_blank()
            {
                c -= 1;
            }
            if c > 0 && !sheet.shown(r + 1, c - 1).is_blank() {
                text = clean(sheet.shown(r, c - 1));
            }
        }
        if !text.is_empty() && path.last() != Some(&text) {
            path.push(text);
        }
    }
    path
}

impl Table {
    /// Finds the table in a sheet and reads it.
    pub fn from_sheet(sheet: &Sheet) -> Result<Table, TableError> {
        let (facts, votes, mut classes) = facts_and_votes(sheet);
        let layout =
            detect_with(sheet, &facts).ok_or_else(|| TableError::EmptySheet(sheet.name.clone()))?;
        Table::build(sheet, layout, &facts, votes, &mut classes)
    }

    /// Reads the table of a sheet with a given layout (the detected one, or the user's).
    pub fn with_layout(sheet: &Sheet, layout: Layout) -> Result<Table, TableError> {
        let (facts, votes, mut classes) = facts_and_votes(sheet);
        Table::build(sheet, layout, &facts, votes, &mut classes)
    }

    fn build(
        sheet: &Sheet,
        layout: Layout,
        facts: &[RowFacts],
        mut votes: Vec<StyleVotes>,
        classes: &mut TextClasses,
    ) -> Result<Table, TableError> {
        let n = sheet.row_count();
        let layout = Layout {
            header_start: layout.header_start.min(n),
            header_end: layout.header_end.clamp(layout.header_start.min(n), n),
            body_end: layout.body_end.clamp(layout.header_end.min(n), n),
        };
        let kinds = kinds_with(sheet, &layout, facts);
        let body: Vec<usize> = (0..n).filter(|i| kinds[*i] == RowKind::Data).collect();
        let totals: Vec<usize> = (0..n).filter(|i| kinds[*i] == RowKind::Total).collect();
        if body.is_empty() {
            return Err(if sheet.is_blank() {
                TableError::EmptySheet(sheet.name.clone())
            } else {
                TableError::NoRows(sheet.name.clone())
            });
        }
        let width = (layout.header_start..layout.body_end.max(layout.header_end))
            .map(|r| sheet.row(r).len())
            .max()
            .unwrap_or(0);
        // The sheet is stored row by row: every pass below reads it that way (a column at a
        // time would jump across memory once per cell).
        let cells_of = |r: usize| {
            let row = sheet.row(r);
            (0..width).map(move |c| row.get(c))
        };
        // Each column's number style, from all its text cells in the body: the sheet's votes
        // less those of the other rows.
        for (r, row) in sheet.rows().enumerate() {
            if kinds[r] == RowKind::Data {
                continue;
            }
            for (c, (cell, votes)) in row.iter().zip(votes.iter_mut()).enumerate() {
                if let CellRef::Text(t) = cell {
                    votes.remove_class(classes.class(row.text_id(c), t));
                }
            }
        }
        votes.resize(width.max(votes.len()), StyleVotes::default());
        let styles: Vec<NumberStyle> = votes[..width].iter().map(StyleVotes::style).collect();
        // The values, and what each column holds.
        let mut counts = vec![Counts::default(); width];
        // A rate column's largest value not written with `%`.
        let mut plain_max = vec![0.0f64; width];
        // Which values were written with `%` (row-major, body rows then totals rows).
        let mut written_percent: Vec<bool> =
            Vec::with_capacity((body.len() + totals.len()) * width);
        let mut builder = BodyBuilder::new(body.len(), width);
        // A text met in several cells (a status, a figure that repeats) is read as a number
        // once per column.
        let mut parsed: std::collections::HashMap<
            u64,
            Option<ParsedNumber>,
            std::hash::BuildHasherDefault<crate::text::HashedKey>,
        > = Default::default();
        // Spreadsheet errors, met on the way.
        let mut errors = Vec::new();
        for &r in &body {
            builder.start_row(r + 1);
            let row = sheet.row(r);
            for c in 0..width {
                let cell = row.get(c);
                if let CellRef::Error(e) = cell {
                    errors.push(UnreadableCell {
                        source_row: r + 1,
                        column: c,
                        text: e.to_string(),
                    });
                }
                let (v, pct) = match (cell, row.text_id(c)) {
                    (CellRef::Text(t), Some(id)) if classes.repeated(id) && !is_placeholder(t) => {
                        // The key's bits spread for the table (the hasher takes it as it is).
                        let key =
                            ((c as u64) << 32 | u64::from(id)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                        let p = *parsed
                            .entry(key)
                            .or_insert_with(|| parse_number(t, styles[c]));
                        read_text(t, p, &mut counts[c])
                    }
                    _ => read_cell(cell, styles[c], &mut counts[c]),
                };
                match v {
                    ValueRef::Empty => builder.push_empty(c),
                    ValueRef::Number(x) => {
                        if !pct {
                            plain_max[c] = plain_max[c].max(x.abs());
                        }
                        builder.push_number(c, x)
                    }
                    ValueRef::Text(t) => builder.push_text(c, t),
                }
                written_percent.push(pct);
            }
        }
        let mut body_values = builder.finish();
        let mut total_values: Vec<Vec<Value>> = totals
            .iter()
            .map(|&r| {
                cells_of(r)
                    .enumerate()
                    .map(|(c, cell)| {
                        let (v, pct) = read_cell(cell, styles[c], &mut counts[c]);
                        written_percent.push(pct);
                        v.to_value()
                    })
                    .collect()
            })
            .collect();
        let mut columns = Vec::with_capacity(width);
        for col in 0..width {
            let path = header_path(sheet, &layout, col);
            let name = if path.is_empty() {
                format!("Column {}", column_letter(col))
            } else {
                path.join(" \u{203a} ")
            };
            let Counts {
                numbers,
                percents,
                texts,
                dates,
            } = counts[col];
            let kind = if numbers == 0 && texts == 0 && dates == 0 {
                ColumnKind::Empty
            } else if dates > numbers && dates > texts {
                ColumnKind::Date
            } else if numbers > texts {
                if percents * 2 > numbers || is_rate_header(&name) {
                    ColumnKind::Percent
                } else {
                    ColumnKind::Number
                }
            } else {
                ColumnKind::Text
            };
            // Rates stored as plain numbers (88.33) rather than fractions (0.8833): a rate
            // above 500% is not a report's, so a value past 5 means the column is in percent.
            let percent_scale = (kind == ColumnKind::Percent).then(|| {
                if plain_max[col] > 5.0 {
                    PercentScale::Hundred
                } else {
                    PercentScale::Fraction
                }
            });
            if percent_scale == Some(PercentScale::Hundred) {
                body_values.scale_down(col, |r| written_percent[r * width + col]);
                let rows = body_values.len();
                for (i, row) in total_values.iter_mut().enumerate() {
                    if let (Value::Number(x), false) =
                        (&row[col], written_percent[(rows + i) * width + col])
                    {
                        row[col] = Value::Number(*x / 100.0);
                    }
                }
            }
            let ordinal = matches!(kind, ColumnKind::Number)
                && (path.last().is_some_and(|h| is_ordinal_header(h))
                    || (path.is_empty() && is_sequence(body_values.numbers(col))));
            let sum = body_values.numbers(col).flatten().sum();
            columns.push(Column {
                index: col,
                name,
                path,
                kind,
                number_style: (numbers > 0).then_some(styles[col]),
                percent_scale,
                ordinal,
                sum,
            });
        }
        // Text where a number column expects a figure, read from the body's columns.
        let mut unreadable = Vec::new();
        for column in &columns {
            if !matches!(column.kind, ColumnKind::Number | ColumnKind::Percent) {
                continue;
            }
            let c = column.index;
            for (i, t) in body_values.texts_of(c) {
                // "I", "II" in the STT column number heading rows: not figures.
                if column.ordinal && is_heading_mark(t) {
                    continue;
                }
                unreadable.push(UnreadableCell {
                    source_row: body_values.source_row(i),
                    column: c,
                    text: t.to_string(),
                });
            }
        }
        unreadable.sort_by_key(|u| (u.source_row, u.column));
        errors.sort_by_key(|u| (u.source_row, u.column));
        Ok(Table {
            sheet: sheet.name.clone(),
            layout,
            body: body_values,
            totals: totals
                .iter()
                .zip(total_values)
                .map(|(&r, values)| Row {
                    source_row: r + 1,
                    values,
                })
                .collect(),
            kinds,
            columns,
            unreadable,
            errors,
        })
    }

    /// The number of rows of the sheet this table accounts for.
    pub fn source_rows(&self) -> usize {
        self.kinds.len()
    }

    /// 1-based numbers of the rows of a kind.
    pub fn rows_of(&self, kind: RowKind) -> Vec<usize> {
        (0..self.kinds.len())
            .filter(|i| self.kinds[*i] == kind)
            .map(|i| i + 1)
            .collect()
    }

    /// How many rows fall in a bucket.
    pub fn bucket_count(&self, bucket: Bucket) -> usize {
        self.kinds.iter().filter(|k| k.bucket() == bucket).count()
    }
}

/// 1, 2, 3, … in order: an unlabelled ordinal column.
fn is_sequence(values: impl ExactSizeIterator<Item = Option<f64>>) -> bool {
    let all = values.len();
    let numbers: Vec<f64> = values.flatten().collect();
    numbers.len() >= 3
        && numbers.len() * 10 >= all * 8
        && numbers
            .iter()
            .enumerate()
            .all(|(i, n)| *n == (i + 1) as f64)
}

/// What a column holds: how many numbers (of which written with `%`), texts and dates.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    numbers: usize,
    percents: usize,
    texts: usize,
    dates: usize,
}

/// A cell of the table read in its column's number style, and whether it was written with `%`.
fn read_cell<'a>(
    cell: CellRef<'a>,
    style: NumberStyle,
    counts: &mut Counts,
) -> (ValueRef<'a>, bool) {
    match cell {
        CellRef::Empty | CellRef::Error(_) => (ValueRef::Empty, false),
        CellRef::Number(n) => {
            counts.numbers += 1;
            (ValueRef::Number(n), false)
        }
        CellRef::Text(t) if is_placeholder(t) => (ValueRef::Empty, false),
        CellRef::Text(t) => read_text(t, parse_number(t, style), counts),
        CellRef::Date(d) => {
            counts.dates += 1;
            (ValueRef::Text(d), false)
        }
        CellRef::Bool(b) => {
            counts.texts += 1;
            (ValueRef::Text(if b { "true" } else { "false" }), false)
        }
    }
}

/// A text cell's value, given its reading as a number (none: it stays text).
fn read_text<'a>(
    t: &'a str,
    parsed: Option<ParsedNumber>,
    counts: &mut Counts,
) -> (ValueRef<'a>, bool) {
    match parsed {
        Some(p) => {
            counts.numbers += 1;
            counts.percents += usize::from(p.percent);
            (ValueRef::Number(p.value), p.percent)
        }
        None => {
            counts.texts += 1;
            (ValueRef::Text(t.trim()), false)
        }
    }
}

/// The sheet that looks most like a report: the most body rows times numeric columns,
/// visible sheets first.
pub fn best_sheet(workbook: &crate::model::Workbook) -> usize {
    best_table(workbook).0
}

/// The sheet that looks most like a report, and its table (each sheet is detected once).
pub fn best_table(workbook: &crate::model::Workbook) -> (usize, Result<Table, TableError>) {
    let score = |s: &Sheet, t: &Result<Table, TableError>| -> usize {
        let Ok(t) = t else {
            return 0;
        };
        let numeric = t
            .columns
            .iter()
            .filter(|c| matches!(c.kind, ColumnKind::Number | ColumnKind::Percent) && !c.ordinal)
            .count();
        let base = t.body.len() * numeric;
        if s.hidden {
            base / 10
        } else {
            base
        }
    };
    let mut best: Option<(usize, usize, Result<Table, TableError>)> = None;
    for (i, s) in workbook.sheets.iter().enumerate() {
        let t = Table::from_sheet(s);
        let sc = score(s, &t);
        if sc > 0 && best.as_ref().is_none_or(|b| sc > b.1) {
            best = Some((i, sc, t));
        }
    }
    match best {
        Some((i, _, t)) => (i, t),
        None => {
            let i = workbook.first_sheet_with_data();
            let t = workbook
                .sheets
                .get(i)
                .map(Table::from_sheet)
                .unwrap_or_else(|| Err(TableError::EmptySheet(String::new())));
            (i, t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Merge};

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn num(n: f64) -> Cell {
        Cell::Number(n)
    }

    #[test]
    fn a_header_repeated_inside_the_body_is_a_header_row() {
        // A CSV (every cell text) printed over two pages: the header again before row 4.
        let csv = "STT;Đơn vị;Chỉ tiêu;Thu nhận\n1;Ba Tri;127.284;111.883\n2;Bình Đại;97.452;84.004\n\
                   STT;Đơn vị;Chỉ tiêu;Thu nhận\n3;Chợ Lách;82.536;72.136\nTổng cộng;;307.272;268.023\n";
        let wb = crate::read_workbook("bc.csv", csv.as_bytes()).unwrap();
        let t = Table::from_sheet(&wb.sheets[0]).unwrap();
        assert_eq!(t.kinds[3], RowKind::Header);
        assert_eq!(t.bucket_count(Bucket::Header), 2);
        assert_eq!(t.bucket_count(Bucket::Data), 3);
        assert_eq!(t.body.len(), 3);
        // A unit whose name happens to be a header word is still a unit.
        let csv = "STT;Đơn vị;Chỉ tiêu;Thu nhận\n1;Đơn vị;10;5\n2;Ba Tri;20;10\n";
        let wb = crate::read_workbook("bc.csv", csv.as_bytes()).unwrap();
        let t = Table::from_sheet(&wb.sheets[0]).unwrap();
        assert_eq!(t.body.len(), 2);
    }

    #[test]
    fn a_column_s_number_style_comes_from_its_body_only() {
        // Above the table, English-looking figures in the number column's place; in the body,
        // Vietnamese ones ("1,5" only reads as one and a half in the Vietnamese style). The
        // rows outside the body, counted in the sheet's votes, are taken back out.
        let csv = ";1.5\n;2.5\n;3.5\n;4.5\n\
                   Đơn vị;Chỉ tiêu\nBa Tri;1,5\nBình Đại;2,5\nChợ Lách;3,5\n";
        let wb = crate::read_workbook("bc.csv", csv.as_bytes()).unwrap();
        let t = Table::from_sheet(&wb.sheets[0]).unwrap();
        assert_eq!(t.body.len(), 3);
        assert_eq!(t.columns[1].number_style, Some(NumberStyle::Vietnamese));
        assert_eq!(t.body.get(0, 1), ValueRef::Number(1.5));
        assert!((t.columns[1].sum - 7.5).abs() < 1e-12);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
    }

    #[test]
    fn column_number_cells() {
        for t in ["(1)", "1", "(5)=(4)/(3)", "5=4/3", "(12)", "A"] {
            assert!(is_column_number(t), "{t}");
        }
        for t in ["822.139", "Ba Tri", "(1.234)", "2023", "Tỷ lệ"] {
            assert!(!is_column_number(t), "{t}");
        }
    }

    #[test]
    fn a_repeated_text_votes_for_the_style_once_per_cell() {
        // Three cells of one Vietnamese figure outvote two English ones: the style is worked
        // out once per distinct text but counted for every cell that holds it.
        let mut rows = vec![vec![text("Đơn vị"), text("Số lượng")]];
        for (unit, figure) in [
            ("A", "1.234,5"),
            ("B", "1,234.5"),
            ("C", "1.234,5"),
            ("D", "2,345.5"),
            ("E", "1.234,5"),
        ] {
            rows.push(vec![text(unit), text(figure)]);
        }
        let t = Table::from_sheet(&Sheet::from_rows("s", &rows)).unwrap();
        assert_eq!(t.columns[1].number_style, Some(NumberStyle::Vietnamese));
        let read: Vec<ValueRef> = (0..5).map(|r| t.body.get(r, 1)).collect();
        assert_eq!(read[0], ValueRef::Number(1234.5));
        assert_eq!(read[2], ValueRef::Number(1234.5));
        assert_eq!(read[4], ValueRef::Number(1234.5));
        assert_eq!(read[1], ValueRef::Text("1,234.5"));
        assert_eq!(t.unreadable.len(), 2);
    }

    #[test]
    fn types_and_styles_per_column() {
        let sheet = Sheet {
            name: "s".into(),
            cells: crate::model::Grid::from_rows(&[
                vec![],
                vec![text("Đơn vị"), text("Chỉ tiêu"), text("Tỷ lệ")],
                vec![text("Bù Đăng"), text("1.182"), text("191,03%")],
                vec![],
                vec![text("Phước Long"), text("837"), text("69,18%")],
                vec![text("Lộc Ninh"), text("không rõ"), text("-")],
            ])
            .unwrap(),
            ..Default::default()
        };
        let t = Table::from_sheet(&sheet).unwrap();
        assert_eq!(t.layout.header_start, 1);
        assert_eq!(t.rows_of(RowKind::Empty), vec![1, 4]);
        assert_eq!(t.source_rows(), 6);
        assert_eq!(t.columns[0].kind, ColumnKind::Text);
        assert_eq!(t.columns[1].kind, ColumnKind::Number);
        assert_eq!(t.columns[2].kind, ColumnKind::Percent);
        assert_eq!(t.body.get(0, 1), ValueRef::Number(1182.0));
        assert!((t.body.get(0, 2).number().unwrap() - 1.9103).abs() < 1e-12);
        assert_eq!(t.body.get(2, 2), ValueRef::Empty);
        assert_eq!(
            t.unreadable,
            vec![UnreadableCell {
                source_row: 6,
                column: 1,
                text: "không rõ".into()
            }]
        );
    }

    /// The report shape of DOMAIN.md: title block, two-level merged header, column numbers,
    /// body, totals, footer.
    fn report() -> Sheet {
        let m = |r0, c0, r1, c1| Merge {
            first_row: r0,
            first_col: c0,
            last_row: r1,
            last_col: c1,
        };
        Sheet {
            name: "BC".into(),
            cells: crate::model::Grid::from_rows(&[
                vec![
                    text("CÔNG AN TỈNH BẾN TRE"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                ],
                vec![],
                vec![text("BÁO CÁO KẾT QUẢ THU NHẬN")],
                vec![text("(Số liệu tính đến ngày 14/11/2023)")],
                vec![
                    text("STT"),
                    text("Đơn vị"),
                    text("Chỉ tiêu"),
                    text("Thu nhận"),
                    Cell::Empty,
                    text("Ghi chú"),
                ],
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    text("Số lượng"),
                    text("Tỷ lệ (%)"),
                ],
                vec![
                    text("(1)"),
                    text("(2)"),
                    text("(3)"),
                    text("(4)"),
                    text("(5)=(4)/(3)"),
                    text("(6)"),
                ],
                vec![
                    num(1.0),
                    text("Ba Tri"),
                    num(127_284.0),
                    num(111_883.0),
                    num(0.879),
                ],
                vec![
                    num(2.0),
                    text("Thạnh Phú"),
                    num(98_447.0),
                    num(82_578.0),
                    num(0.8388),
                ],
                vec![
                    num(3.0),
                    text("Chợ Lách"),
                    num(82_536.0),
                    num(72_136.0),
                    Cell::Error("#DIV/0!".into()),
                ],
                vec![
                    Cell::Empty,
                    text("Tổng cộng"),
                    num(308_267.0),
                    num(266_597.0),
                    num(0.8648),
                ],
                vec![],
                vec![
                    text("Nơi nhận:"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    text("NGƯỜI LẬP BIỂU"),
                ],
                vec![text("- Như trên;")],
            ])
            .unwrap(),
            merges: vec![
                m(0, 0, 0, 3),
                m(0, 4, 0, 7),
                m(2, 0, 2, 7),
                m(3, 0, 3, 7),
                m(4, 0, 5, 0),
                m(4, 1, 5, 1),
                m(4, 2, 5, 2),
                m(4, 3, 4, 4),
                m(4, 5, 5, 5),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn finds_the_table_in_a_report_sheet() {
        let t = Table::from_sheet(&report()).unwrap();
        use RowKind::*;
        assert_eq!(
            t.kinds,
            vec![
                Title,
                Empty,
                Title,
                Title,
                Header,
                Header,
                ColumnNumbers,
                Data,
                Data,
                Data,
                Total,
                Empty,
                Footer,
                Footer
            ]
        );
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "STT",
                "Đơn vị",
                "Chỉ tiêu",
                "Thu nhận › Số lượng",
                "Thu nhận › Tỷ lệ (%)",
                "Ghi chú"
            ]
        );
        assert!(t.columns[0].ordinal);
        assert_eq!(t.columns[4].kind, ColumnKind::Percent);
        assert_eq!(t.columns[4].percent_scale, Some(PercentScale::Fraction));
        assert_eq!(t.body.len(), 3);
        assert_eq!(t.totals.len(), 1);
        assert_eq!(t.totals[0].values[3], Value::Number(266_597.0));
        assert_eq!(
            t.errors,
            vec![UnreadableCell {
                source_row: 10,
                column: 4,
                text: "#DIV/0!".into()
            }]
        );
        assert_eq!(t.bucket_count(Bucket::Header), 3);
        assert_eq!(t.bucket_count(Bucket::TitleFooter), 5);
    }

    #[test]
    fn csv_headers_without_merges_fill_group_headers_to_the_right() {
        let mut s = report();
        s.merges.clear();
        let t = Table::from_sheet(&s).unwrap();
        assert_eq!(t.columns[4].name, "Thu nhận › Tỷ lệ (%)");
        assert_eq!(t.columns[3].name, "Thu nhận › Số lượng");
        assert_eq!(t.columns[1].name, "Đơn vị");
    }

    #[test]
    fn rates_written_as_percent_numbers_are_scaled() {
        let sheet = Sheet {
            name: "s".into(),
            cells: crate::model::Grid::from_rows(&[
                vec![
                    text("Đơn vị"),
                    text("Chỉ tiêu"),
                    text("Đạt"),
                    text("Tỷ lệ (%)"),
                ],
                vec![text("Ba Tri"), num(200.0), num(150.0), num(75.0)],
                vec![text("Chợ Lách"), num(100.0), num(120.0), num(120.0)],
            ])
            .unwrap(),
            ..Default::default()
        };
        let t = Table::from_sheet(&sheet).unwrap();
        assert_eq!(t.columns[3].percent_scale, Some(PercentScale::Hundred));
        assert_eq!(t.body.get(0, 3), ValueRef::Number(0.75));
    }

    #[test]
    fn the_body_keeps_each_distinct_text_once_and_its_values_in_columns() {
        let sheet = Sheet {
            name: "s".into(),
            cells: crate::model::Grid::from_rows(&[
                vec![text("Huyện"), text("Xã"), text("Chỉ tiêu"), text("Đạt")],
                vec![
                    text(" Ba Tri "),
                    text("An Bình Tây"),
                    num(200.0),
                    text("150"),
                ],
                vec![text("Ba Tri"), text("An Đức"), num(100.0), text("-")],
                vec![
                    text("Chợ Lách"),
                    text("Hòa Nghĩa"),
                    num(80.0),
                    text("chưa có"),
                ],
            ])
            .unwrap(),
            ..Default::default()
        };
        let t = Table::from_sheet(&sheet).unwrap();
        let b = &t.body;
        assert_eq!((b.len(), b.width()), (3, 4));
        assert_eq!(
            (0..3).map(|r| b.source_row(r)).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        // Trimmed, and one copy for the two rows of Ba Tri.
        assert_eq!(b.get(0, 0), ValueRef::Text("Ba Tri"));
        let (first, second) = (b.text_arc(0, 0).unwrap(), b.text_arc(1, 0).unwrap());
        assert!(std::sync::Arc::ptr_eq(first, second));
        assert!(!std::sync::Arc::ptr_eq(first, b.text_arc(2, 0).unwrap()));
        // Numbers typed as text, a placeholder, and text where a figure belongs.
        assert_eq!(b.get(0, 3), ValueRef::Number(150.0));
        assert_eq!(b.get(1, 3), ValueRef::Empty);
        assert_eq!(b.get(2, 3), ValueRef::Text("chưa có"));
        assert_eq!(
            b.numbers(2).collect::<Vec<_>>(),
            [Some(200.0), Some(100.0), Some(80.0)]
        );
        assert_eq!(b.text_arc(0, 2), None);
        assert_eq!(b.get(5, 9), ValueRef::Empty);
        assert_eq!(
            b.row(2),
            Row {
                source_row: 4,
                values: vec![
                    Value::Text("Chợ Lách".into()),
                    Value::Text("Hòa Nghĩa".into()),
                    Value::Number(80.0),
                    Value::Text("chưa có".into())
                ]
            }
        );
        assert_eq!(t.columns[3].sum, 150.0);
    }
}
