//! Text helpers shared by reading and matching: NFC normalisation and folding for comparisons.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The text in Unicode NFC form (Windows-1258 and some Mac files store tone marks as separate
/// combining characters; after this, equal-looking names compare equal).
pub fn nfc(s: &str) -> String {
    // Most text is NFC already; checking is several times cheaper than normalising.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// The first letter of a text without its marks, in lower case ('Đ' gives 'd'), for cheap
/// tests before a full [`fold`].
pub fn first_letter(s: &str) -> Option<char> {
    let c = s.trim_start().chars().next()?;
    let base = match c {
        'đ' | 'Đ' => 'd',
        c if c.is_ascii() => c,
        c => c.nfd().next().unwrap_or(c),
    };
    base.to_lowercase().next()
}

/// A key for loose comparison: lower case, tone and vowel marks removed, `đ` as `d`, runs of
/// white space collapsed. "Thạnh Phú" and "THANH  PHU" give the same key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Administrative prefixes dropped when unit names are matched: "Huyện Ba Tri", "TP. Bến Tre"
/// and "Ba Tri", "Bến Tre" are the same units. Folded, longest first.
const ADMIN_PREFIXES: &[&str] = &[
    "thanh pho",
    "thi tran",
    "thi xa",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "tp.",
    "tp ",
    "tx.",
    "tx ",
    "tt.",
    "tt ",
    "xa",
    "h.",
    "q.",
    "p.",
    "x.",
];

/// A key for matching unit names across files: NFC, case and marks folded, administrative
/// prefixes ("Huyện", "TP.", "Thị xã", "Xã", "Phường", "TT.") removed, punctuation at the
/// ends dropped. "TP. Bến Tre", "Thành phố Bến Tre" and "BẾN TRE" give the same key; a name
/// that is only a prefix word ("Thị Trấn") keeps it.
pub fn name_key(s: &str) -> String {
    let f = fold(s);
    let mut rest = f.trim_matches(|c: char| c.is_whitespace() || ".,;:-*".contains(c));
    // Numbered wards ("Phường 1") keep their number: the prefix is dropped only before a name.
    for p in ADMIN_PREFIXES {
        if let Some(r) = rest.strip_prefix(p) {
            let next = r.chars().next();
            if p.ends_with(['.', ' ']) || next == Some(' ') {
                let r = r.trim_start();
                if !r.is_empty() {
                    rest = r;
                }
                break;
            }
        }
    }
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_joins_separate_tone_marks() {
        // "Bến Tre" with the tone mark stored separately, as Windows-1258 does.
        let decomposed = "Be\u{302}\u{301}n Tre";
        assert_eq!(nfc(decomposed), "Bến Tre");
    }

    #[test]
    fn fold_ignores_case_marks_and_spacing() {
        assert_eq!(fold("Thạnh Phú"), "thanh phu");
        assert_eq!(fold("  THẠNH   PHÚ "), "thanh phu");
        assert_eq!(fold("Đồng Xoài"), "dong xoai");
    }

    #[test]
    fn name_keys_match_across_reports() {
        for (a, b) in [
            ("TP. Bến Tre", "Thành phố Bến Tre"),
            ("Huyện Ba Tri", "Ba Tri"),
            ("huyện Thạnh Phú", "Thạnh Phú"),
            ("CHÂU THÀNH", "Châu Thành"),
            ("Mo\u{309} Ca\u{300}y Nam", "Mỏ Cày Nam"),
            ("Thị xã Bình Long", "Bình Long"),
            ("TT. Thới Bình", "Thị trấn Thới Bình"),
            ("Xã Tân Lộc", "Tân Lộc"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_ne!(name_key("Phường 1"), name_key("Phường 2"));
        assert_eq!(name_key("Thị Trấn"), "thi tran");
    }
}
