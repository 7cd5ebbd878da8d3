//! Numbers typed as text, in the two styles these reports mix: Vietnamese `822.139` and
//! `88,33%` (dot groups thousands, comma is the decimal mark) and English `699,634` and
//! `109.73%`. A lone `2.258` could be either; the column decides, from all its values.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Which mark separates the decimals in a column of numbers typed as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberStyle {
    /// `1.234.567,89`: dot groups thousands, comma is the decimal mark.
    Vietnamese,
    /// `1,234,567.89`: comma groups thousands, dot is the decimal mark.
    English,
}

/// What a single text value says about the column's style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// No separator at all, or nothing numeric.
    None,
    /// Only fits the Vietnamese style (`1,5`, `1.234,5`, `1.234.567`).
    Vietnamese,
    /// Only fits the English style (`1.5`, `1,234.5`, `1,234,567`).
    English,
    /// Fits both: a single separator followed by exactly three digits (`2.258`, `1,182`).
    Ambiguous(char),
}

/// A number read from text, and whether it was written as a percentage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParsedNumber {
    /// The value; a percentage is divided by 100 (`88,33%` gives 0.8833).
    pub value: f64,
    /// The text ended with `%`.
    pub percent: bool,
}

/// Text that means "no value" in these reports: a dash or an empty cell.
pub fn is_placeholder(text: &str) -> bool {
    // The longest placeholder is three bytes: a longer text that starts with a letter or a
    // digit is none, without trimming.
    if text.len() > 3 && text.as_bytes()[0].is_ascii_alphanumeric() {
        return false;
    }
    matches!(text.trim(), "" | "-" | "–" | "—" | "x" | "X")
}

/// The value of a text of plain digits and nothing else (`3068`), the form most figures of a
/// CSV take: exact up to 15 digits, and saying nothing about the column's style. `None` for
/// any other text, which the full reading then takes.
fn plain_digits(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut v: u64 = 0;
    for &d in b {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(d - b'0');
    }
    // Below 10^15 < 2^53: exact.
    Some(v as f64)
}

/// Splits a numeric text into sign, digits-and-separators and percent flag, or `None` when the
/// text is not shaped like a number. Spaces (normal and non-breaking) inside are grouping.
/// Allocates only when the text has such spaces.
fn strip(text: &str) -> Option<(bool, Cow<'_, str>, bool)> {
    let t = text.trim();
    // Names and words are ruled out at the first character, before anything else.
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '(' | '-' | '+' | '\u{2212}')) {
        return None;
    }
    const SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];
    // The first byte of each space (U+00A0 is C2 A0, U+202F and U+2009 start with E2): most
    // numbers have none, and bytes are quicker to look at than characters.
    let may_have_spaces = t.bytes().any(|b| matches!(b, b' ' | 0xC2 | 0xE2));
    if may_have_spaces && t.contains(SPACES) {
        let owned: String = t.chars().filter(|c| !SPACES.contains(c)).collect();
        let (negative, core, percent) = core(&owned)?;
        Some((negative, Cow::Owned(core.to_string()), percent))
    } else {
        let (negative, core, percent) = core(t)?;
        Some((negative, Cow::Borrowed(core), percent))
    }
}

/// The sign, the digits-and-separators and the percent flag of a number without spaces.
fn core(s: &str) -> Option<(bool, &str, bool)> {
    let mut s = s;
    let mut negative = false;
    if s.len() > 2 && s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = &s[1..s.len() - 1];
    }
    let percent = s.ends_with('%');
    if percent {
        s = &s[..s.len() - 1];
    }
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        negative = !negative;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    let bytes = s.as_bytes();
    let ok = bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'.' || *b == b',');
    ok.then_some((negative, s, percent))
}

/// Powers of ten that are exact as `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of integer digits (with group marks to skip) and fraction digits, exactly as a
/// decimal parse would give it: an integer below 2^53 divided by an exact power of ten is
/// correctly rounded. `None` beyond that; the caller then parses text.
fn exact_value(int_part: &str, group: u8, frac: &str) -> Option<f64> {
    let mut m: u64 = 0;
    for b in int_part.bytes().filter(|b| *b != group).chain(frac.bytes()) {
        m = m
            .checked_mul(10)?
            .checked_add(u64::from(b.checked_sub(b'0')?))?;
    }
    let scale = *POW10.get(frac.len())?;
    (m < (1u64 << 53)).then(|| m as f64 / scale)
}

/// True when `s` is digit groups of three separated by `sep`, with a first group of one to three
/// digits that does not start with 0: `2.258`, `1.234.567`.
fn is_grouped(s: &str, sep: char) -> bool {
    // Byte by byte: `sep` is ASCII, and a byte that is an ASCII digit is a digit character.
    let sep = sep as u8;
    let mut parts = s.as_bytes().split(|b| *b == sep);
    let Some(first) = parts.next() else {
        return false;
    };
    if first.is_empty() || first.len() > 3 || first[0] == b'0' {
        return false;
    }
    let mut count = 0;
    for p in parts {
        if p.len() != 3 || !p.iter().all(u8::is_ascii_digit) {
            return false;
        }
        count += 1;
    }
    count > 0
}

fn evidence(s: &str) -> Evidence {
    let dots = s.bytes().filter(|b| *b == b'.').count();
    let commas = s.bytes().filter(|b| *b == b',').count();
    match (dots, commas) {
        (0, 0) => Evidence::None,
        (_, 0) => {
            if is_grouped(s, '.') {
                if dots == 1 {
                    Evidence::Ambiguous('.')
                } else {
                    Evidence::Vietnamese
                }
            } else {
                Evidence::English
            }
        }
        (0, _) => {
            if is_grouped(s, ',') {
                if commas == 1 {
                    Evidence::Ambiguous(',')
                } else {
                    Evidence::English
                }
            } else {
                Evidence::Vietnamese
            }
        }
        _ => {
            // Both marks: the last one is the decimal mark.
            let last_dot = s.rfind('.');
            let last_comma = s.rfind(',');
            if last_comma > last_dot {
                Evidence::Vietnamese
            } else {
                Evidence::English
            }
        }
    }
}

/// Decides the style of a column from all of its text values. Unambiguous values vote; when
/// every value is ambiguous (`2.258`, `1,182`), the separator is read as thousands grouping,
/// because these columns count people, cards and accounts.
pub fn decide_style<'a>(values: impl IntoIterator<Item = &'a str>) -> NumberStyle {
    let mut votes = StyleVotes::default();
    for v in values {
        votes.add(v);
    }
    votes.style()
}

/// The votes of a column's text values for its number style, gathered one value at a time
/// (the table reads a sheet row by row); [`StyleVotes::style`] decides as [`decide_style`].
#[derive(Clone, Copy, Debug, Default)]
pub struct StyleVotes {
    none: usize,
    vi: usize,
    en: usize,
    ambiguous_dot: usize,
    ambiguous_comma: usize,
}

impl StyleVotes {
    /// Counts what one text value says.
    pub fn add(&mut self, value: &str) {
        self.add_class(NumberClass::of(value));
    }

    /// Counts a value by what [`NumberClass::of`] found in it (the table finds it once per
    /// distinct text and counts it for every cell).
    pub fn add_class(&mut self, class: NumberClass) {
        if let Some(n) = self.counter_of(class) {
            *n += 1;
        }
    }

    /// Takes back what [`StyleVotes::add_class`] counted.
    pub fn remove_class(&mut self, class: NumberClass) {
        if let Some(n) = self.counter_of(class) {
            *n = n.saturating_sub(1);
        }
    }

    fn counter_of(&mut self, class: NumberClass) -> Option<&mut usize> {
        Some(match class.0 & NumberClass::VOTE {
            NumberClass::NONE => &mut self.none,
            NumberClass::VI => &mut self.vi,
            NumberClass::EN => &mut self.en,
            NumberClass::DOT => &mut self.ambiguous_dot,
            NumberClass::COMMA => &mut self.ambiguous_comma,
            _ => return None,
        })
    }

    /// The style the votes decide.
    pub fn style(&self) -> NumberStyle {
        if self.vi != self.en {
            return if self.vi > self.en {
                NumberStyle::Vietnamese
            } else {
                NumberStyle::English
            };
        }
        if self.ambiguous_comma > self.ambiguous_dot {
            NumberStyle::English
        } else {
            NumberStyle::Vietnamese
        }
    }
}

/// What a text says about its column's number style, and whether it is a number in either
/// style, in one byte: the table works it out once per distinct text of a sheet and counts it
/// for every cell that holds the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberClass(u8);

impl NumberClass {
    const VOTE: u8 = 0b111;
    const NONE: u8 = 0;
    const VI: u8 = 1;
    const EN: u8 = 2;
    const DOT: u8 = 3;
    const COMMA: u8 = 4;
    /// Not shaped like a number: no vote.
    const NO_VOTE: u8 = 5;
    const NUMBER: u8 = 0b1000;

    /// The class of a text.
    pub fn of(value: &str) -> NumberClass {
        if plain_digits(value).is_some() {
            return NumberClass(Self::NONE | Self::NUMBER);
        }
        let Some((_, s, _)) = strip(value) else {
            return NumberClass(Self::NO_VOTE);
        };
        let vote = match evidence(&s) {
            Evidence::None => Self::NONE,
            Evidence::Vietnamese => Self::VI,
            Evidence::English => Self::EN,
            Evidence::Ambiguous('.') => Self::DOT,
            Evidence::Ambiguous(_) => Self::COMMA,
        };
        let number = if number_shape(value, &s) {
            Self::NUMBER
        } else {
            0
        };
        NumberClass(vote | number)
    }

    /// A number in either style, as [`is_number_text`] says.
    pub fn is_number(self) -> bool {
        self.0 & Self::NUMBER != 0
    }

    /// The class as a byte (below 16), to keep many of them.
    pub fn to_byte(self) -> u8 {
        self.0
    }

    /// The class from [`NumberClass::to_byte`].
    pub fn from_byte(b: u8) -> NumberClass {
        NumberClass(b & 0b1111)
    }
}

/// True when a text is a number in either style: what [`parse_number`] reads in one style or
/// the other, found without working out the value ([`NumberClass::is_number`] agrees with it).
pub fn is_number_text(text: &str) -> bool {
    plain_digits(text).is_some() || strip(text).is_some_and(|(_, s, _)| number_shape(text, &s))
}

/// [`is_number_text`] of `text`, whose digits and separators `strip` gave as `s`.
fn number_shape(text: &str, s: &str) -> bool {
    // Past about 300 digits the value is no longer finite: only the parse can tell.
    if s.len() > 300 {
        return parse_number(text, NumberStyle::Vietnamese).is_some()
            || parse_number(text, NumberStyle::English).is_some();
    }
    fits(s, '.', ',').is_some() || fits(s, ',', '.').is_some()
}

/// Digits and separators (as `strip` leaves them) split into the integer part and the
/// fraction, when they fit the style whose marks are given: one decimal mark at most, with
/// digits after it, and group marks only between groups of three in the integer part.
fn fits(s: &str, group: char, decimal: char) -> Option<(&str, Option<&str>)> {
    // `s` is ASCII (digits, dots and commas): its bytes are its characters.
    let (g, d) = (group as u8, decimal as u8);
    let (int_part, frac_part) = match s.bytes().rposition(|b| b == d) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if frac_part.is_some_and(|f| f.is_empty() || f.bytes().any(|b| b == g)) {
        return None;
    }
    if int_part.bytes().any(|b| b == d) {
        return None;
    }
    if int_part.bytes().any(|b| b == g) && !is_grouped(int_part, group) {
        return None;
    }
    Some((int_part, frac_part))
}

/// Reads a number typed as text in the given style. `None` when the text is not a number or
/// does not fit the style (`1.5` in a Vietnamese column where `.` only groups thousands).
pub fn parse_number(text: &str, style: NumberStyle) -> Option<ParsedNumber> {
    if let Some(value) = plain_digits(text) {
        return Some(ParsedNumber {
            value,
            percent: false,
        });
    }
    let (negative, s, percent) = strip(text)?;
    let (group, decimal) = match style {
        NumberStyle::Vietnamese => ('.', ','),
        NumberStyle::English => (',', '.'),
    };
    let (int_part, frac_part) = fits(&s, group, decimal)?;
    let mut value = match exact_value(int_part, group as u8, frac_part.unwrap_or("")) {
        Some(v) => v,
        None => {
            let mut plain: String = int_part.chars().filter(|c| *c != group).collect();
            if let Some(f) = frac_part {
                plain.push('.');
                plain.push_str(f);
            }
            plain.parse().ok()?
        }
    };
    if negative {
        value = -value;
    }
    if percent {
        value /= 100.0;
    }
    value.is_finite().then_some(ParsedNumber { value, percent })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Plain digits read on the quick path give what a decimal parse gives, and count as
        /// no evidence of a style, as the full reading would.
        #[test]
        fn plain_digits_read_as_a_decimal_parse(t in "[0-9]{1,15}") {
            prop_assert_eq!(plain_digits(&t), t.parse::<f64>().ok());
            let (_, s, _) = strip(&t).unwrap_or_default();
            prop_assert_eq!(evidence(&s), Evidence::None);
        }

        /// The quick test agrees with parsing in either style, on texts made of what numbers
        /// in these reports are made of, and on anything else.
        #[test]
        fn the_quick_test_agrees_with_the_parse(
            t in "[ (+\\-]{0,2}[0-9.,]{0,12}[%)]{0,2}|[0-9]{1,4}([.,][0-9]{1,4}){0,4}%?|.{0,8}"
        ) {
            let parsed = parse_number(&t, NumberStyle::Vietnamese).is_some()
                || parse_number(&t, NumberStyle::English).is_some();
            prop_assert_eq!(is_number_text(&t), parsed, "{:?}", t);
            let class = NumberClass::of(&t);
            prop_assert_eq!(class.is_number(), parsed);
            let mut votes = StyleVotes::default();
            votes.add_class(class);
            let mut counted = StyleVotes::default();
            counted.add(&t);
            prop_assert_eq!(format!("{votes:?}"), format!("{counted:?}"));
            votes.remove_class(class);
            prop_assert_eq!(format!("{votes:?}"), format!("{:?}", StyleVotes::default()));
        }
    }

    fn vi(t: &str) -> Option<f64> {
        parse_number(t, NumberStyle::Vietnamese).map(|p| p.value)
    }
    fn en(t: &str) -> Option<f64> {
        parse_number(t, NumberStyle::English).map(|p| p.value)
    }

    #[test]
    fn reads_both_styles_from_domain_figures() {
        assert_eq!(vi("822.139"), Some(822_139.0));
        assert_eq!(vi("930.767"), Some(930_767.0));
        assert_eq!(en("699,634"), Some(699_634.0));
        let r = parse_number("88,33%", NumberStyle::Vietnamese).unwrap();
        assert!((r.value - 0.8833).abs() < 1e-12 && r.percent);
        let r = parse_number("109.73%", NumberStyle::English).unwrap();
        assert!((r.value - 1.0973).abs() < 1e-12 && r.percent);
    }

    #[test]
    fn spaces_parentheses_and_signs() {
        assert_eq!(vi("822 139"), Some(822_139.0));
        assert_eq!(vi("822\u{a0}139"), Some(822_139.0));
        // The narrow and thin spaces some systems group with.
        assert_eq!(vi("822\u{202f}139"), Some(822_139.0));
        assert_eq!(en("1\u{2009}234.5"), Some(1_234.5));
        assert_eq!(vi("(1.234)"), Some(-1_234.0));
        assert_eq!(en("-1,234.5"), Some(-1_234.5));
        assert_eq!(vi("abc"), None);
        assert_eq!(vi("1.5"), None);
        assert_eq!(en("1,5"), None);
        assert_eq!(vi("12.34.5"), None);
    }

    #[test]
    fn column_decides_the_ambiguous_values() {
        // Alone, 2.258 is ambiguous; it is read as grouping unless the column says otherwise.
        assert_eq!(decide_style(["2.258", "1.182"]), NumberStyle::Vietnamese);
        assert_eq!(decide_style(["2.258", "12.5"]), NumberStyle::English);
        assert_eq!(decide_style(["2.258", "1,5"]), NumberStyle::Vietnamese);
        assert_eq!(decide_style(["1,182", "699,634"]), NumberStyle::English);
        assert_eq!(decide_style(["0.883", "1.182"]), NumberStyle::English);
        assert_eq!(
            decide_style(["22,471", "22.095,5"]),
            NumberStyle::Vietnamese
        );
    }

    #[test]
    fn exact_values_match_a_decimal_parse() {
        for t in [
            "0,1",
            "88,33",
            "1.234.567,891",
            "0,0000001",
            "9.007.199.254.740.993",
        ] {
            let plain = t.replace('.', "").replace(',', ".");
            assert_eq!(vi(t), plain.parse::<f64>().ok(), "{t}");
        }
    }

    #[test]
    fn placeholders_mean_empty() {
        assert!(is_placeholder("-"));
        assert!(is_placeholder("  "));
        assert!(!is_placeholder("0"));
    }
}
