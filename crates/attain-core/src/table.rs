//! The table inside a sheet. For now the header is the first non-empty row and every row
//! under it is a body row; each column's type and number style are decided from all its values.

use crate::ingest::numbers::{decide_style, is_placeholder, parse_number, NumberStyle};
use crate::model::{Cell, Sheet};
use serde::{Deserialize, Serialize};

/// A value of the table, after the column's type has been decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Nothing, or a placeholder such as `-`.
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
        match self {
            Value::Empty => String::new(),
            Value::Number(n) => crate::report::format::plain_number(*n),
            Value::Text(t) => t.clone(),
        }
    }
}

/// What a column holds, decided from all its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Mostly text: names, notes.
    Text,
    /// Mostly numbers.
    Number,
    /// Mostly numbers written as percentages.
    Percent,
    /// Nothing in any body row.
    Empty,
}

/// One column of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Position in the sheet (0 = column A).
    pub index: usize,
    /// The header text, or "Column C" when the header cell is empty.
    pub name: String,
    /// What the column holds.
    pub kind: ColumnKind,
    /// The style its numbers typed as text were read in, when it has any.
    pub number_style: Option<NumberStyle>,
    /// Sum of its numbers, to help guess which column is the target.
    pub sum: f64,
}

/// A body row: its row number in the sheet and one value per column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based row number in the sheet, as the spreadsheet shows it.
    pub source_row: usize,
    /// One value per column of the table.
    pub values: Vec<Value>,
}

/// A cell of a numeric column that holds text which is not a number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnreadableCell {
    /// 1-based row number in the sheet.
    pub source_row: usize,
    /// The column's index.
    pub column: usize,
    /// The text as found.
    pub text: String,
}

/// The table found in a sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The sheet's name.
    pub sheet: String,
    /// 1-based row number of the header row.
    pub header_row: usize,
    /// 1-based row numbers of the empty rows above the header.
    pub rows_above_header: Vec<usize>,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The non-empty rows under the header.
    pub rows: Vec<Row>,
    /// 1-based row numbers of the empty rows under the header.
    pub empty_rows: Vec<usize>,
    /// Cells of numeric columns that could not be read as numbers.
    pub unreadable: Vec<UnreadableCell>,
}

/// Why no table could be found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// The sheet holds nothing.
    #[error("the sheet \u{201c}{0}\u{201d} is empty")]
    EmptySheet(String),
    /// Only a header, no rows under it.
    #[error("the sheet \u{201c}{0}\u{201d} has a header row but no rows under it")]
    NoRows(String),
}

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

impl Table {
    /// Finds the table in a sheet: header on the first non-empty row, body under it.
    pub fn from_sheet(sheet: &Sheet) -> Result<Table, TableError> {
        let header_index = sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.is_blank()))
            .ok_or_else(|| TableError::EmptySheet(sheet.name.clone()))?;
        let header = &sheet.rows[header_index];
        let body: Vec<(usize, &Vec<Cell>)> = sheet
            .rows
            .iter()
            .enumerate()
            .skip(header_index + 1)
            .collect();
        let width = sheet.width();
        let mut empty_rows = Vec::new();
        let mut kept: Vec<(usize, &Vec<Cell>)> = Vec::new();
        for (i, row) in body {
            if row.iter().all(Cell::is_blank) {
                empty_rows.push(i + 1);
            } else {
                kept.push((i, row));
            }
        }
        if kept.is_empty() {
            return Err(TableError::NoRows(sheet.name.clone()));
        }
        let mut columns = Vec::with_capacity(width);
        let mut unreadable = Vec::new();
        let mut values: Vec<Vec<Value>> = vec![Vec::with_capacity(width); kept.len()];
        for col in 0..width {
            let cells: Vec<&Cell> = kept
                .iter()
                .map(|(_, r)| r.get(col).unwrap_or(&Cell::Empty))
                .collect();
            let style = decide_style(cells.iter().filter_map(|c| match c {
                Cell::Text(t) => Some(t.as_str()),
                _ => None,
            }));
            let (mut numbers, mut percents, mut texts, mut sum) = (0usize, 0usize, 0usize, 0.0);
            let mut column_values = Vec::with_capacity(cells.len());
            for cell in &cells {
                let v = match cell {
                    Cell::Empty => Value::Empty,
                    Cell::Number(n) => {
                        numbers += 1;
                        Value::Number(*n)
                    }
                    Cell::Text(t) if is_placeholder(t) => Value::Empty,
                    Cell::Text(t) => match parse_number(t, style) {
                        Some(p) => {
                            numbers += 1;
                            percents += usize::from(p.percent);
                            Value::Number(p.value)
                        }
                        None => {
                            texts += 1;
                            Value::Text(t.trim().to_string())
                        }
                    },
                    Cell::Error(_) => Value::Empty,
                    other => {
                        texts += 1;
                        Value::Text(other.display())
                    }
                };
                if let Value::Number(n) = v {
                    sum += n;
                }
                column_values.push(v);
            }
            let kind = if numbers == 0 && texts == 0 {
                ColumnKind::Empty
            } else if numbers > texts {
                if percents * 2 > numbers {
                    ColumnKind::Percent
                } else {
                    ColumnKind::Number
                }
            } else {
                ColumnKind::Text
            };
            if matches!(kind, ColumnKind::Number | ColumnKind::Percent) {
                for ((i, _), v) in kept.iter().zip(&column_values) {
                    if let Value::Text(t) = v {
                        unreadable.push(UnreadableCell {
                            source_row: i + 1,
                            column: col,
                            text: t.clone(),
                        });
                    }
                }
            }
            for (row, v) in values.iter_mut().zip(column_values) {
                row.push(v);
            }
            let name = header
                .get(col)
                .map(Cell::display)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("Column {}", column_letter(col)));
            columns.push(Column {
                index: col,
                name,
                kind,
                number_style: (numbers > 0).then_some(style),
                sum,
            });
        }
        unreadable.sort_by_key(|u| (u.source_row, u.column));
        Ok(Table {
            sheet: sheet.name.clone(),
            header_row: header_index + 1,
            rows_above_header: (1..=header_index).collect(),
            columns,
            rows: kept
                .iter()
                .zip(values)
                .map(|((i, _), values)| Row {
                    source_row: i + 1,
                    values,
                })
                .collect(),
            empty_rows,
            unreadable,
        })
    }

    /// The number of rows of the sheet this table accounts for.
    pub fn source_rows(&self) -> usize {
        self.rows_above_header.len() + 1 + self.rows.len() + self.empty_rows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
    }

    #[test]
    fn types_and_styles_per_column() {
        let sheet = Sheet {
            name: "s".into(),
            rows: vec![
                vec![],
                vec![text("Đơn vị"), text("Chỉ tiêu"), text("Tỷ lệ")],
                vec![text("Bù Đăng"), text("1.182"), text("191,03%")],
                vec![],
                vec![text("Phước Long"), text("837"), text("69,18%")],
                vec![text("Lộc Ninh"), text("không rõ"), text("-")],
            ],
            ..Default::default()
        };
        let t = Table::from_sheet(&sheet).unwrap();
        assert_eq!(t.header_row, 2);
        assert_eq!(t.rows_above_header, vec![1]);
        assert_eq!(t.empty_rows, vec![4]);
        assert_eq!(t.source_rows(), 6);
        assert_eq!(t.columns[0].kind, ColumnKind::Text);
        assert_eq!(t.columns[1].kind, ColumnKind::Number);
        assert_eq!(t.columns[2].kind, ColumnKind::Percent);
        assert_eq!(t.rows[0].values[1], Value::Number(1182.0));
        assert!((t.rows[0].values[2].number().unwrap() - 1.9103).abs() < 1e-12);
        assert_eq!(t.rows[2].values[2], Value::Empty);
        assert_eq!(
            t.unreadable,
            vec![UnreadableCell {
                source_row: 6,
                column: 1,
                text: "không rõ".into()
            }]
        );
    }
}
