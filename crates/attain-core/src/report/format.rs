//! Numbers as each language writes them: Vietnamese `822.139` and `88,33%`, English `822,139`
//! and `88.33%`. Every number the app shows goes through here, so all views agree.

use serde::{Deserialize, Serialize};

/// The user interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The language's code: `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language for a code, if known.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" => Some(Lang::Vi),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    fn marks(self) -> (char, char) {
        match self {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        }
    }
}

/// A date as the reports write it: `14-11-2023` in Vietnamese, `14 Nov 2023` in English (where
/// `14-11-2023` could be read either way).
pub fn date(d: crate::dates::Date, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Vi => d.dmy(),
        Lang::En => format!(
            "{} {} {}",
            d.day,
            MONTHS[(d.month.clamp(1, 12) - 1) as usize],
            d.year
        ),
    }
}

pub use crate::num::plain_number;

/// A number with thousands grouped and `decimals` digits after the mark, in the language's style.
pub fn number(n: f64, decimals: usize, lang: Lang) -> String {
    let (group, decimal) = lang.marks();
    let text = format!("{:.*}", decimals, n.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    let negative = n < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        out.push('-');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac_part {
        out.push(decimal);
        out.push_str(f);
    }
    out
}

/// A count: whole numbers without decimals, others with up to two.
pub fn count(n: f64, lang: Lang) -> String {
    if n.fract() == 0.0 {
        number(n, 0, lang)
    } else {
        let s = number(n, 2, lang);
        let (_, decimal) = lang.marks();
        s.trim_end_matches('0')
            .trim_end_matches(decimal)
            .to_string()
    }
}

/// A rate given as a fraction, as a percentage with two decimals: 0.88329 → `88,33%`.
/// Undefined rates show as `—`.
pub fn rate(rate: Option<f64>, lang: Lang) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{}%", number(r * 100.0, 2, lang)),
        _ => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_figures_in_both_languages() {
        assert_eq!(count(822_139.0, Lang::Vi), "822.139");
        assert_eq!(count(822_139.0, Lang::En), "822,139");
        assert_eq!(rate(Some(822_139.0 / 930_767.0), Lang::Vi), "88,33%");
        assert_eq!(rate(Some(699_634.0 / 637_607.0), Lang::En), "109.73%");
        assert_eq!(rate(Some(2_258.0 / 1_182.0), Lang::En), "191.03%");
        assert_eq!(rate(None, Lang::Vi), "—");
        assert_eq!(count(-1_234.5, Lang::Vi), "-1.234,5");
        assert_eq!(count(0.0, Lang::En), "0");
        assert_eq!(number(-0.001, 2, Lang::En), "0.00");
    }

    #[test]
    fn plain_numbers_for_exports() {
        assert_eq!(plain_number(822_139.0), "822139");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(0.25), "0.25");
    }
}
