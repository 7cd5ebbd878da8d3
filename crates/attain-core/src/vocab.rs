//! The words of these reports that tell a row or a column what it is, in Vietnamese and
//! English. Everything is compared folded (lower case, no tone marks: see [`crate::text::fold`]).

use crate::text::{fold, leading_word_in};

/// Labels that are a totals row on their own.
const TOTAL_LABELS: &[&str] = &[
    "tong",
    "cong",
    "sum",
    "tong cong",
    "tong so",
    "total",
    "grand total",
];

/// The first words of [`TOTAL_LABELS`] and [`TOTAL_PREFIXES`].
const TOTAL_WORDS: &[&str] = &["tong", "cong", "sum", "total", "grand", "toan", "subtotal"];

/// Starts of totals and subtotal labels; a name such as "xã Cộng Hòa" must not match, so
/// "cộng" only counts when a level word follows it.
const TOTAL_PREFIXES: &[&str] = &[
    "tong cong",
    "tong so",
    "toan tinh",
    "toan huyen",
    "toan thanh pho",
    "toan thi xa",
    "toan quan",
    "cong huyen",
    "cong thi xa",
    "cong thanh pho",
    "cong quan",
    "cong xa",
    "cong phuong",
    "total",
    "subtotal",
    "grand total",
];

/// True when a label names a totals or subtotal row ("Tổng cộng", "Toàn tỉnh", "Cộng",
/// "Cộng huyện Ba Tri").
pub fn is_total_label(label: &str) -> bool {
    // Most labels are ruled out by their first word, without folding the whole text.
    if label.len() > 120 || leading_word_in(label, TOTAL_WORDS) == Some(false) {
        return false;
    }
    let f = fold(label);
    let f = f.trim_end_matches([':', '.']).trim();
    TOTAL_LABELS.contains(&f)
        || TOTAL_PREFIXES.iter().any(|p| {
            f == *p
                || f.strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with([' ', ':', '(', '-']))
        })
}

/// What a totals label covers, folded: "" for the whole ("Tổng cộng", "Toàn tỉnh", "Cộng"),
/// else the name after the totals words ("Cộng huyện Ba Tri" gives "ba tri"). `None` when the
/// label is not a totals label.
pub fn total_scope(label: &str) -> Option<String> {
    if !is_total_label(label) {
        return None;
    }
    let f = fold(label);
    let f = f.trim_end_matches([':', '.']).trim();
    if TOTAL_LABELS.contains(&f) {
        return Some(String::new());
    }
    let prefix = TOTAL_PREFIXES
        .iter()
        .filter(|p| f.starts_with(*p))
        .max_by_key(|p| p.len())?;
    if prefix.starts_with("toan ") {
        return Some(String::new());
    }
    let rest = f[prefix.len()..]
        .trim_matches(|c: char| c.is_whitespace() || ":()-".contains(c))
        .to_string();
    if rest.starts_with("toan ") || rest == "toan" {
        return Some(String::new());
    }
    Some(crate::text::name_key(&rest))
}

/// Starts of footer lines: recipients, signatures, notes.
const FOOTER_PREFIXES: &[&str] = &[
    "noi nhan",
    "nguoi lap",
    "nguoi bao cao",
    "nguoi tong hop",
    "thu truong",
    "giam doc",
    "pho giam doc",
    "truong phong",
    "truong cong an",
    "chu tich",
    "kt.",
    "kt ",
    "tm.",
    "tm ",
    "ghi chu:",
    "luu:",
    "luu vt",
    "- luu",
    "- nhu tren",
    "nhu tren",
    "prepared by",
    "approved by",
    "note:",
    "notes:",
    "source:",
    "nguon:",
    "nguon so lieu",
];

/// The first words of [`FOOTER_PREFIXES`] ("" for those that start with a dash).
const FOOTER_WORDS: &[&str] = &[
    "noi", "nguoi", "thu", "giam", "pho", "truong", "chu", "kt", "tm", "ghi", "luu", "", "nhu",
    "prepared", "approved", "note", "notes", "source", "nguon",
];

/// True when a label starts a footer ("Nơi nhận:", "NGƯỜI LẬP BIỂU", "KT. GIÁM ĐỐC").
pub fn is_footer_label(label: &str) -> bool {
    if leading_word_in(label, FOOTER_WORDS) == Some(false) {
        return false;
    }
    // The footer words are all at the start: fold only that.
    let head: String = label.trim_start().chars().take(24).collect();
    let f = fold(&head);
    let f = f.trim();
    FOOTER_PREFIXES.iter().any(|p| f.starts_with(p))
}

/// True when a header names the ordinal column ("STT", "TT", "Số TT", "No.").
pub fn is_ordinal_header(header: &str) -> bool {
    let f = fold(header);
    matches!(
        f.trim().trim_end_matches('.'),
        "stt" | "tt" | "so tt" | "so thu tu" | "no" | "#" | "s.t.t"
    )
}

/// True when an STT cell marks a heading row rather than a unit: a Roman numeral ("I", "IV",
/// "XII") or a single capital letter ("A", "B"), possibly with a dot.
pub fn is_heading_mark(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() || t.len() > 6 {
        return false;
    }
    let single_letter = t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase());
    single_letter || t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// True for the header of a unit's code column ("Mã xã", "Mã ĐVHC", "Mã số", "code"): an
/// identifier, never a figure.
pub fn is_code_header(header: &str) -> bool {
    let f = fold(header);
    let f = f.trim();
    f.split_whitespace().next() == Some("ma")
        || f == "code"
        || f.ends_with(" code")
        || f.starts_with("code ")
}

/// True for the header of a rate column ("Tỷ lệ", "%", "rate").
pub fn is_rate_header(header: &str) -> bool {
    let f = fold(header);
    ["ty le", "ti le", "%", "rate", "percent"]
        .iter()
        .any(|w| f.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers() {
        for l in [
            "Nơi nhận:",
            "NGƯỜI LẬP BIỂU",
            "KT. GIÁM ĐỐC",
            "- Lưu: VT.",
            "- Như trên;",
        ] {
            assert!(is_footer_label(l), "{l}");
        }
        for l in ["Ba Tri", "Thạnh Phú", "Tổng cộng", "Kích hoạt"] {
            assert!(!is_footer_label(l), "{l}");
        }
    }

    #[test]
    fn heading_marks() {
        for t in ["I", "II", "IV", "XII", "A", "B.", " III "] {
            assert!(is_heading_mark(t), "{t}");
        }
        for t in ["1", "Ia", "ab", "", "IIIIIII", "Xã"] {
            assert!(!is_heading_mark(t), "{t}");
        }
    }

    #[test]
    fn the_first_word_lists_cover_every_phrase() {
        for p in TOTAL_LABELS.iter().chain(TOTAL_PREFIXES) {
            assert_eq!(leading_word_in(p, TOTAL_WORDS), Some(true), "{p}");
        }
        for p in FOOTER_PREFIXES {
            assert_eq!(leading_word_in(p, FOOTER_WORDS), Some(true), "{p}");
        }
    }

    #[test]
    fn total_scopes() {
        assert_eq!(total_scope("Tổng cộng").as_deref(), Some(""));
        assert_eq!(total_scope("TOÀN TỈNH").as_deref(), Some(""));
        assert_eq!(total_scope("Cộng").as_deref(), Some(""));
        assert_eq!(total_scope("Cộng huyện Ba Tri").as_deref(), Some("ba tri"));
        assert_eq!(
            total_scope("Tổng cộng huyện Thới Bình").as_deref(),
            Some("thoi binh")
        );
        assert_eq!(total_scope("Tổng cộng (toàn tỉnh)").as_deref(), Some(""));
        assert_eq!(total_scope("Ba Tri"), None);
    }

    #[test]
    fn column_words() {
        assert!(is_ordinal_header("STT"));
        assert!(is_ordinal_header("Số TT"));
        assert!(!is_ordinal_header("Đơn vị"));
        assert!(is_rate_header("Thu nhận › Tỷ lệ (%)"));
        assert!(!is_rate_header("Thu nhận › Số lượng"));
    }
}
