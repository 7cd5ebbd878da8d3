//! Text helpers shared by reading and matching: NFC normalisation and folding for comparisons.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The text in Unicode NFC form (Windows-1258 and some Mac files store tone marks as separate
/// combining characters; after this, equal-looking names compare equal).
pub fn nfc(s: &str) -> String {
    // Most text is NFC already; checking is several times cheaper than normalising.
    if is_nfc(s) {
        return s.to_string();
    }
    s.nfc().collect()
}

/// True when the text is NFC by the quick check (a "maybe" counts as not).
///
/// Vietnamese text in NFC is ASCII, the Latin letters below U+0300 (đ, ơ, ư, ă, â, …) and the
/// precomposed letters of U+1E00–U+1EFF (ệ, ấ, ử, …): none of them can make a text other
/// than NFC (each is its own composition, of combining class 0), and they are told apart by
/// their bytes. The check of every character's class, slow in WebAssembly (a third of a
/// second for a 60 MB file), runs from the first other character on.
pub fn is_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time.
        if let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        match b[i] {
            0x00..=0x7F => i += 1,
            // U+0080–U+02FF.
            0xC2..=0xCB => i += 2,
            // U+1E00–U+1EFF.
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            _ => break,
        }
    }
    // Everything before `i` is of class 0: the check starts afresh there (`i` is always at a
    // character's start; were it not, the whole text is checked).
    let rest = s.get(i..).unwrap_or(s);
    unicode_normalization::is_nfc_quick(rest.chars()) == unicode_normalization::IsNormalized::Yes
}

/// A key for loose comparison: lower case, tone and vowel marks removed, `đ` as `d`, runs of
/// white space collapsed. "Thạnh Phú" and "THANH  PHU" give the same key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            space = !out.is_empty();
            return;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    };
    for c in s.chars() {
        // ASCII and the Latin letters with marks (Vietnamese among them) from a table; other
        // characters through their canonical decomposition.
        if c.is_ascii() {
            push(c, &mut out);
        } else if let Some(base) = folded_latin(c) {
            push(base, &mut out);
        } else {
            for d in std::iter::once(c).nfd() {
                if is_combining_mark(d) {
                    continue;
                }
                push(if matches!(d, 'đ' | 'Đ') { 'd' } else { d }, &mut out);
            }
        }
    }
    out
}

/// The first and last characters of the table of [`folded_latin`]: Latin-1 letters to the end
/// of Latin Extended Additional, where every Vietnamese letter is.
const LATIN_FIRST: u32 = 0xC0;
const LATIN_LAST: u32 = 0x1EFF;

/// A letter with marks as [`fold`] keeps it: its base letter in lower case (`Ạ` gives `a`,
/// `Đ` gives `d`), from a table made once from the canonical decompositions. `None` for a
/// character the table does not hold or that does not fold to one letter.
fn folded_latin(c: char) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let code = u32::from(c);
    if !(LATIN_FIRST..=LATIN_LAST).contains(&code) {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        (LATIN_FIRST..=LATIN_LAST)
            .map(|code| {
                let Some(c) = char::from_u32(code) else {
                    return '\0';
                };
                let mut bases = std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d));
                let (Some(base), None) = (bases.next(), bases.next()) else {
                    return '\0';
                };
                let base = if matches!(base, 'đ' | 'Đ') {
                    'd'
                } else {
                    base
                };
                let mut lower = base.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if !l.is_whitespace() => l,
                    _ => '\0',
                }
            })
            .collect()
    });
    let folded = *table.get((code - LATIN_FIRST) as usize)?;
    (folded != '\0').then_some(folded)
}

/// Whether the first word of `s`, folded as [`fold`] would fold it, is one of `words` (lower-case
/// ASCII, at most 16 letters each): `Some(true)` or `Some(false)`, or `None` when a character
/// outside the Latin letters leaves it unknown (the caller then folds the whole text). The
/// word is the run of ASCII letters and digits the folded text starts with. It allocates
/// nothing: the vocabulary tests run it on every label of a sheet, and almost every label is
/// ruled out by it.
pub fn leading_word_in(s: &str, words: &[&str]) -> Option<bool> {
    let mut buf = [0u8; 16];
    let mut len = 0;
    for c in s.trim_start().chars() {
        let base = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if c.is_whitespace() {
            break;
        } else {
            folded_latin(c)?
        };
        if !base.is_ascii_alphanumeric() {
            break;
        }
        if len == buf.len() {
            return Some(false);
        }
        buf[len] = base as u8;
        len += 1;
    }
    let word = &buf[..len];
    Some(words.iter().any(|w| w.as_bytes() == word))
}

/// A quick 64-bit hash of bytes (FNV-1a, then mixed so that every bit depends on every byte),
/// for grouping a million names in memory; the keyed hashers of `std` cost several times more.
pub fn quick_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    // The finaliser of SplitMix64.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A hasher for keys that are [`quick_hash`]es already (the key is its own hash), and a fast
/// one for short text keys such as a unit's parents (their bytes go through [`quick_hash`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct HashedKey(u64);

impl std::hash::Hasher for HashedKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = quick_hash(bytes) ^ self.0.rotate_left(5);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of [`quick_hash`]es.
pub type HashedSet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<HashedKey>>;

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

/// True when `name` is an administrative level's word written in full ("Huyện", "Thị xã",
/// "Phường"; not an abbreviation like "TP.").
pub fn is_level_word(name: &str) -> bool {
    let f = fold(name);
    let f = f.trim();
    ADMIN_PREFIXES
        .iter()
        .any(|p| !p.ends_with(['.', ' ']) && *p == f)
}

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
    final_y_as_i(rest)
}

/// A folded name with a syllable's final "y" after a consonant written "i": "Quy Nhơn" and
/// "Qui Nhơn", "Kỳ Anh" and "Kì Anh", "Mỹ Tho" and "Mĩ Tho", "Lý Nhân" and "Lí Nhân" are the
/// same names spelled the older and the newer way. A "y" after a vowel ("Thủy", "Tây") is
/// another sound and stays.
fn final_y_as_i(folded: &str) -> String {
    if !folded.contains('y') {
        return folded.to_string();
    }
    let mut out = String::with_capacity(folded.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let head = word.strip_suffix('y').unwrap_or("");
        let consonants = head.strip_prefix("qu").unwrap_or(head);
        if !head.is_empty() && consonants.bytes().all(|b| b"bcdghklmnprstvx".contains(&b)) {
            out.push_str(head);
            out.push('i');
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in folded.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The Vietnamese alphabet's order of base letters: "Đ" after "D", "Ă" and "Â" after "A".
const VI_ORDER: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// A key that sorts names the Vietnamese way: letters in the Vietnamese alphabet's order
/// (a ă â b c d đ e ê … o ô ơ … u ư …), then, between names equal but for their tone marks,
/// no tone before huyền, hỏi, ngã, sắc, nặng; case last. Digits and other characters keep their
/// code order before letters.
pub fn vi_sort_key(s: &str) -> (Vec<u32>, Vec<u8>, String) {
    let mut bases: Vec<char> = Vec::with_capacity(s.len());
    let mut tones: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.nfd() {
        let tone = match c {
            '\u{300}' => Some(1), // huyền
            '\u{309}' => Some(2), // hỏi
            '\u{303}' => Some(3), // ngã
            '\u{301}' => Some(4), // sắc
            '\u{323}' => Some(5), // nặng
            _ => None,
        };
        if let Some(t) = tone {
            if let Some(last) = tones.last_mut() {
                *last = t;
            }
            continue;
        }
        // Vowel marks (breve, circumflex, horn) make another base letter.
        if matches!(c, '\u{306}' | '\u{302}' | '\u{31b}') {
            if let Some(last) = bases.last_mut() {
                *last = match (*last, c) {
                    ('a', '\u{306}') => 'ă',
                    ('a', '\u{302}') => 'â',
                    ('e', '\u{302}') => 'ê',
                    ('o', '\u{302}') => 'ô',
                    ('o', '\u{31b}') => 'ơ',
                    ('u', '\u{31b}') => 'ư',
                    (b, _) => b,
                };
            }
            continue;
        }
        bases.push(match c {
            'Đ' => 'đ',
            c => c.to_lowercase().next().unwrap_or(c),
        });
        tones.push(0);
    }
    (bases.into_iter().map(rank).collect(), tones, s.to_string())
}

/// Letters rank by the Vietnamese alphabet after every other character.
fn rank(c: char) -> u32 {
    match VI_ORDER.chars().position(|x| x == c) {
        Some(p) => 0x11_0000 + p as u32,
        None => c as u32,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The byte test agrees with the full check on any text, Vietnamese letters precomposed
        /// or decomposed, combining marks in any order, and other scripts.
        #[test]
        fn the_quick_nfc_test_agrees_with_the_full_check(
            s in proptest::collection::vec(prop_oneof![
                proptest::char::range('\u{0}', '\u{7f}'),
                proptest::char::range('\u{80}', '\u{36f}'),
                proptest::char::range('\u{1e00}', '\u{1eff}'),
                proptest::char::range('\u{1f00}', '\u{1fff}'),
                Just('\u{0301}'), Just('\u{0323}'), Just('\u{0340}'), Just('\u{2126}'),
                any::<char>(),
            ], 0..24).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            let full = unicode_normalization::is_nfc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes;
            prop_assert_eq!(super::is_nfc(&s), full);
        }
    }

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

    /// Folding through the whole string's canonical decomposition: what the table must agree
    /// with for every character.
    fn fold_by_decomposition(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            let c = if matches!(c, 'đ' | 'Đ') { 'd' } else { c };
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

    #[test]
    fn the_fold_table_agrees_with_the_decomposition_for_every_character() {
        for code in 0..0x3000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = format!("A{c}b {c}");
            assert_eq!(fold(&s), fold_by_decomposition(&s), "U+{code:04X}");
        }
        for s in [
            "Be\u{302}\u{301}n Tre",
            "  TỔNG CỘNG:\u{a0}toàn tỉnh ",
            "İstanbul ǅ ǈ ẞ",
            "Huyện\tThạnh\nPhú",
        ] {
            assert_eq!(fold(s), fold_by_decomposition(s), "{s}");
        }
    }

    #[test]
    fn leading_words_fold_without_allocating() {
        let words = ["tong", "cong", "kt", ""];
        assert_eq!(leading_word_in("  TỔNG CỘNG", &words), Some(true));
        assert_eq!(leading_word_in("Cộng:", &words), Some(true));
        assert_eq!(leading_word_in("KT. GIÁM ĐỐC", &words), Some(true));
        assert_eq!(leading_word_in("- Lưu VT", &words), Some(true));
        assert_eq!(leading_word_in("Cộng Hòa", &words), Some(true));
        assert_eq!(leading_word_in("Thạnh Phú", &words), Some(false));
        assert_eq!(
            leading_word_in("Tổngcộngxãphườngthịtrấn", &words),
            Some(false)
        );
        assert_eq!(leading_word_in("Đồng Khởi", &words), Some(false));
        // Outside the Latin letters the fold decides: the caller folds the whole text.
        assert_eq!(leading_word_in("合計", &words), None);
    }

    #[test]
    fn vietnamese_order() {
        let mut names = vec![
            "Đồng Xoài",
            "Dương Minh Châu",
            "Bình Long",
            "Bù Đăng",
            "Ấp Bắc",
            "An Giang",
            "Ă",
            "Á",
            "À",
            "A",
            "Ba Tri",
            "Bà Rịa",
        ];
        names.sort_by_key(|n| vi_sort_key(n));
        assert_eq!(
            names,
            [
                "A",
                "À",
                "Á",
                "An Giang",
                "Ă",
                "Ấp Bắc",
                "Bà Rịa",
                "Ba Tri",
                "Bình Long",
                "Bù Đăng",
                "Dương Minh Châu",
                "Đồng Xoài"
            ]
        );
    }

    #[test]
    fn level_words() {
        assert!(is_level_word("Huyện"));
        assert!(is_level_word("Thị xã"));
        assert!(is_level_word("XÃ"));
        assert!(!is_level_word("TP."));
        assert!(!is_level_word("Nhóm"));
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
            // The same syllable spelled the older and the newer way.
            ("TP. Quy Nhơn", "Thành phố Qui Nhơn"),
            ("Thị xã Kỳ Anh", "Kì Anh"),
            ("Mỹ Tho", "Mĩ Tho"),
            ("Huyện Lý Nhân", "Lí Nhân"),
            ("Hoà Bình", "Hòa Bình"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_ne!(name_key("Phường 1"), name_key("Phường 2"));
        assert_eq!(name_key("Thị Trấn"), "thi tran");
        // A "y" after a vowel is another sound.
        assert_eq!(name_key("Thủy Nguyên"), "thuy nguyen");
        assert_ne!(name_key("Tây Ninh"), name_key("Tai Ninh"));
        assert_eq!(name_key("Xã Ý Yên"), "y yen");
    }
}
