//! The report's as-of date: from the title block ("Số liệu tính đến ngày 14/11/2023", "đến 17h
//! ngày 20/4/2023", "ngày 14 tháng 11 năm 2023", "as of 14 Nov 2023") or, failing that, from
//! the file name ("2023-11-14", "14-11-2023", "14.11.2023").

use crate::model::Sheet;
use crate::table::{RowKind, Table};
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// The year (2023).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None` (31 February, month 13).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2200).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// ISO form, `2023-11-14`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, when within the years dates may have.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// Days from this date to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: Date) -> i64 {
        later.days() - self.days()
    }

    /// `14-11-2023`, as the reports write dates.
    pub fn dmy(&self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }
}

/// Where the as-of date was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AsOfSource {
    /// In a title or footer row of the sheet (1-based row number).
    Sheet(usize),
    /// In the file's name.
    FileName,
}

/// The as-of date and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOf {
    /// The date.
    pub date: Date,
    /// Where it was found.
    pub source: AsOfSource,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Dates written in a text, with the position where each starts (in the folded text).
fn dates_in(folded: &str) -> Vec<(usize, Date)> {
    let chars: Vec<char> = folded.chars().collect();
    let mut found = Vec::new();
    let number_at = |i: usize| -> Option<(u32, usize)> {
        let len = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > 4 {
            return None;
        }
        let n: String = chars[i..i + len].iter().collect();
        Some((n.parse().ok()?, len))
    };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let Some((a, la)) = number_at(i) else {
            i += 1;
            continue;
        };
        let mut j = i + la;
        // d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy-mm-dd
        if j < chars.len() && matches!(chars[j], '/' | '-' | '.') {
            let sep = chars[j];
            if let Some((b, lb)) = chars.get(j + 1).and_then(|_| number_at(j + 1)) {
                let k = j + 1 + lb;
                if chars.get(k) == Some(&sep) {
                    if let Some((c, lc)) = number_at(k + 1) {
                        let date = if la == 4 {
                            Date::new(a as i32, b, c)
                        } else if lc == 4 {
                            Date::new(c as i32, b, a)
                        } else {
                            None
                        };
                        if let Some(d) = date {
                            found.push((i, d));
                            i = k + 1 + lc;
                            continue;
                        }
                    }
                }
            }
        }
        // "14 thang 11 nam 2023", "14 nov 2023", "14 november 2023"
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let rest: String = chars[j..].iter().take(24).collect();
        if let Some(after) = rest.strip_prefix("thang ") {
            let mut parts = after.split_whitespace();
            let month = parts.next().and_then(|m| m.parse().ok());
            let year = (parts.next() == Some("nam"))
                .then(|| parts.next())
                .flatten()
                .and_then(|y| {
                    y.trim_end_matches(|c: char| !c.is_ascii_digit())
                        .parse()
                        .ok()
                });
            if let (Some(m), Some(y)) = (month, year) {
                if let Some(d) = Date::new(y, m, a) {
                    found.push((i, d));
                }
            }
        } else if let Some(m) = MONTHS.iter().position(|m| rest.starts_with(m)) {
            let year = rest.split_whitespace().nth(1).and_then(|y| {
                y.trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .ok()
            });
            if let Some(d) = year.and_then(|y| Date::new(y, m as u32 + 1, a)) {
                found.push((i, d));
            }
        }
        // ISO without separators in file names: 20231114
        if la == 4 && j < chars.len() {
            // handled by the separator branch above
        }
        i = j.max(i + 1);
    }
    found
}

/// The as-of date written in one line of text, preferring a date after "đến ngày", "tính
/// đến", "as of" over any other date in it.
pub fn as_of_in_text(text: &str) -> Option<Date> {
    let f = fold(text);
    let dates = dates_in(&f);
    let marked = dates.iter().find(|(pos, _)| {
        let before: String = f[..f
            .char_indices()
            .nth(*pos)
            .map(|(b, _)| b)
            .unwrap_or(f.len())]
            .chars()
            .rev()
            .take(24)
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        before.contains("den") || before.contains("as of") || before.contains("as at")
    });
    marked.or(dates.first()).map(|(_, d)| *d)
}

/// The report's as-of date: a date after "đến ngày" / "as of" in the title block, else any
/// date in the title block, else a date in the file name.
pub fn find_as_of(sheet: &Sheet, table: Option<&Table>, file_name: &str) -> Option<AsOf> {
    let title_rows: Vec<usize> = match table {
        Some(t) => (0..t.kinds.len())
            .filter(|i| t.kinds[*i] == RowKind::Title)
            .collect(),
        None => (0..sheet.row_count().min(12)).collect(),
    };
    let line = |r: usize| -> String {
        sheet
            .row(r)
            .iter()
            .map(|c| c.display())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let marked = |text: &str| {
        let f = fold(text);
        f.contains("den ngay")
            || f.contains("tinh den")
            || f.contains("as of")
            || f.contains("den ")
    };
    let mut fallback = None;
    for &r in &title_rows {
        let text = line(r);
        if let Some(d) = as_of_in_text(&text) {
            if marked(&text) {
                return Some(AsOf {
                    date: d,
                    source: AsOfSource::Sheet(r + 1),
                });
            }
            fallback.get_or_insert(AsOf {
                date: d,
                source: AsOfSource::Sheet(r + 1),
            });
        }
    }
    if fallback.is_some() {
        return fallback;
    }
    let stem = file_name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(file_name);
    dates_in(&fold(&stem.replace('_', " ")))
        .first()
        .map(|(_, d)| AsOf {
            date: *d,
            source: AsOfSource::FileName,
        })
        .or_else(|| {
            compact_date(stem).map(|date| AsOf {
                date,
                source: AsOfSource::FileName,
            })
        })
}

/// `20231114` in a file name.
fn compact_date(stem: &str) -> Option<Date> {
    let bytes: Vec<char> = stem.chars().collect();
    (0..bytes.len().saturating_sub(7)).find_map(|i| {
        let w: String = bytes[i..i + 8].iter().collect();
        let boundary = |k: Option<&char>| k.is_none_or(|c| !c.is_ascii_digit());
        if !w.chars().all(|c| c.is_ascii_digit())
            || !boundary(i.checked_sub(1).and_then(|k| bytes.get(k)))
            || !boundary(bytes.get(i + 8))
        {
            return None;
        }
        Date::new(
            w[..4].parse().ok()?,
            w[4..6].parse().ok()?,
            w[6..].parse().ok()?,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic() {
        let a = Date::new(2023, 11, 14).unwrap();
        let b = Date::new(2023, 12, 15).unwrap();
        assert_eq!(a.days_until(b), 31);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::from_days(a.days() + 31), Some(b));
        assert_eq!(
            Date::from_days(Date::new(2024, 2, 29).unwrap().days()),
            Date::new(2024, 2, 29)
        );
        assert_eq!(a.dmy(), "14-11-2023");
    }

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn dates_in_titles() {
        assert_eq!(
            as_of_in_text("(Số liệu tính đến ngày 14/11/2023)"),
            d(2023, 11, 14)
        );
        assert_eq!(
            as_of_in_text("Số liệu đến 17h ngày 20/4/2023"),
            d(2023, 4, 20)
        );
        assert_eq!(
            as_of_in_text("Tính đến ngày 14 tháng 11 năm 2023"),
            d(2023, 11, 14)
        );
        assert_eq!(as_of_in_text("Data as of 14 Nov 2023"), d(2023, 11, 14));
        assert_eq!(as_of_in_text("as of 2023-11-14"), d(2023, 11, 14));
        assert_eq!(
            as_of_in_text("Kế hoạch 15-12-2023, số liệu đến 03.07.2024"),
            d(2024, 7, 3)
        );
        assert_eq!(as_of_in_text("ngày 31/02/2023"), None);
        assert_eq!(as_of_in_text("822.139"), None);
    }

    #[test]
    fn dates_in_file_names() {
        let empty = Sheet::default();
        let of = |name: &str| find_as_of(&empty, None, name).map(|a| a.date);
        assert_eq!(of("bao-cao-2023-11-14.xlsx"), d(2023, 11, 14));
        assert_eq!(of("BC 14-11-2023.xls"), d(2023, 11, 14));
        assert_eq!(of("bc_14.11.2023.csv"), d(2023, 11, 14));
        assert_eq!(of("bao_cao_20231114.xlsx"), d(2023, 11, 14));
        assert_eq!(of("bao-cao.xlsx"), None);
    }
}
