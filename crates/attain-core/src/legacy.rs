//! Vietnamese typed in the legacy font encodings: TCVN3 (ABC: ".VnTime", ".VnArial"; upper case
//! with the ".VnTimeH" fonts) and VNI Windows ("VNI-Times", "VNI-Helve"). The file stores the
//! font's private codes as if they were Latin-1 letters, so "Việt Nam" reads "ViÖt Nam"
//! (TCVN3) or "Vieät Nam" (VNI). This module converts such text to Unicode NFC.
//!
//! Detection, per cell and per column of a sheet:
//! - a cell with any character above U+00FF (ạ, ơ, ư, đ…) is Unicode and is never touched, and
//!   a column holding such cells converts only its cells that are clearly legacy;
//! - a cell is legacy evidence when it holds characters that are not Vietnamese letters in
//!   Unicode (µ ¶ ¸ ¾ Ö ø ï ë ñ…) and its conversion gives only valid Vietnamese syllables
//!   (initial consonant, vowel nucleus, final, at most one tone mark) for every word it
//!   changes; plain English or German ("Müller") fails that test and stays as it is;
//! - a column is converted with the encoding most of its evidence cells agree on; cells made
//!   only of letters both encodings share with Unicode ("Bình") are converted only in a
//!   column with evidence and no Unicode cell;
//! - in TCVN3, an all-capitals cell (".VnTimeH" text such as "VIÖT NAM") converts to capitals.
//!
//! A workbook whose styles name a ".Vn…" or "VNI-…" font lowers the evidence needed to one cell.

use crate::model::{CellRef, Sheet};
pub use crate::model::{Conversion, Legacy};
use crate::text::{nfc, HashedKey};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// TCVN3 codes of the Vietnamese lower-case letters, and the upper-case letters the encoding
/// has (Ă Â Ê Ô Ơ Ư Đ). The codes are Latin-1 characters (the byte the font draws).
const TCVN3: &[(char, u8)] = &[
    ('Ă', 0xA1),
    ('Â', 0xA2),
    ('Ê', 0xA3),
    ('Ô', 0xA4),
    ('Ơ', 0xA5),
    ('Ư', 0xA6),
    ('Đ', 0xA7),
    ('ă', 0xA8),
    ('â', 0xA9),
    ('ê', 0xAA),
    ('ô', 0xAB),
    ('ơ', 0xAC),
    ('ư', 0xAD),
    ('đ', 0xAE),
    ('à', 0xB5),
    ('ả', 0xB6),
    ('ã', 0xB7),
    ('á', 0xB8),
    ('ạ', 0xB9),
    ('ằ', 0xBB),
    ('ẳ', 0xBC),
    ('ẵ', 0xBD),
    ('ắ', 0xBE),
    ('ặ', 0xC6),
    ('ầ', 0xC7),
    ('ẩ', 0xC8),
    ('ẫ', 0xC9),
    ('ấ', 0xCA),
    ('ậ', 0xCB),
    ('è', 0xCC),
    ('ẻ', 0xCE),
    ('ẽ', 0xCF),
    ('é', 0xD0),
    ('ẹ', 0xD1),
    ('ề', 0xD2),
    ('ể', 0xD3),
    ('ễ', 0xD4),
    ('ế', 0xD5),
    ('ệ', 0xD6),
    ('ì', 0xD7),
    ('ỉ', 0xD8),
    ('ĩ', 0xDC),
    ('í', 0xDD),
    ('ị', 0xDE),
    ('ò', 0xDF),
    ('ỏ', 0xE1),
    ('õ', 0xE2),
    ('ó', 0xE3),
    ('ọ', 0xE4),
    ('ồ', 0xE5),
    ('ổ', 0xE6),
    ('ỗ', 0xE7),
    ('ố', 0xE8),
    ('ộ', 0xE9),
    ('ờ', 0xEA),
    ('ở', 0xEB),
    ('ỡ', 0xEC),
    ('ớ', 0xED),
    ('ợ', 0xEE),
    ('ù', 0xEF),
    ('ủ', 0xF1),
    ('ũ', 0xF2),
    ('ú', 0xF3),
    ('ụ', 0xF4),
    ('ừ', 0xF5),
    ('ử', 0xF6),
    ('ữ', 0xF7),
    ('ứ', 0xF8),
    ('ự', 0xF9),
    ('ỳ', 0xFA),
    ('ỷ', 0xFB),
    ('ỹ', 0xFC),
    ('ý', 0xFD),
    ('ỵ', 0xFE),
];

/// VNI Windows: a base letter and a mark code, or one code, per Vietnamese letter.
const VNI: &[(char, &str)] = &[
    ('à', "aø"),
    ('á', "aù"),
    ('ả', "aû"),
    ('ã', "aõ"),
    ('ạ', "aï"),
    ('â', "aâ"),
    ('ầ', "aà"),
    ('ấ', "aá"),
    ('ẩ', "aå"),
    ('ẫ', "aã"),
    ('ậ', "aä"),
    ('ă', "aê"),
    ('ằ', "aè"),
    ('ắ', "aé"),
    ('ẳ', "aú"),
    ('ẵ', "aü"),
    ('ặ', "aë"),
    ('è', "eø"),
    ('é', "eù"),
    ('ẻ', "eû"),
    ('ẽ', "eõ"),
    ('ẹ', "eï"),
    ('ê', "eâ"),
    ('ề', "eà"),
    ('ế', "eá"),
    ('ể', "eå"),
    ('ễ', "eã"),
    ('ệ', "eä"),
    ('ì', "ì"),
    ('í', "í"),
    ('ỉ', "æ"),
    ('ĩ', "ó"),
    ('ị', "ò"),
    ('ò', "oø"),
    ('ó', "où"),
    ('ỏ', "oû"),
    ('õ', "oõ"),
    ('ọ', "oï"),
    ('ô', "oâ"),
    ('ồ', "oà"),
    ('ố', "oá"),
    ('ổ', "oå"),
    ('ỗ', "oã"),
    ('ộ', "oä"),
    ('ơ', "ô"),
    ('ờ', "ôø"),
    ('ớ', "ôù"),
    ('ở', "ôû"),
    ('ỡ', "ôõ"),
    ('ợ', "ôï"),
    ('ù', "uø"),
    ('ú', "uù"),
    ('ủ', "uû"),
    ('ũ', "uõ"),
    ('ụ', "uï"),
    ('ư', "ö"),
    ('ừ', "öø"),
    ('ứ', "öù"),
    ('ử', "öû"),
    ('ữ', "öõ"),
    ('ự', "öï"),
    ('ỳ', "yø"),
    ('ý', "yù"),
    ('ỷ', "yû"),
    ('ỹ', "yõ"),
    ('ỵ', "î"),
    ('đ', "ñ"),
    ('À', "AØ"),
    ('Á', "AÙ"),
    ('Ả', "AÛ"),
    ('Ã', "AÕ"),
    ('Ạ', "AÏ"),
    ('Â', "AÂ"),
    ('Ầ', "AÀ"),
    ('Ấ', "AÁ"),
    ('Ẩ', "AÅ"),
    ('Ẫ', "AÃ"),
    ('Ậ', "AÄ"),
    ('Ă', "AÊ"),
    ('Ằ', "AÈ"),
    ('Ắ', "AÉ"),
    ('Ẳ', "AÚ"),
    ('Ẵ', "AÜ"),
    ('Ặ', "AË"),
    ('È', "EØ"),
    ('É', "EÙ"),
    ('Ẻ', "EÛ"),
    ('Ẽ', "EÕ"),
    ('Ẹ', "EÏ"),
    ('Ê', "EÂ"),
    ('Ề', "EÀ"),
    ('Ế', "EÁ"),
    ('Ể', "EÅ"),
    ('Ễ', "EÃ"),
    ('Ệ', "EÄ"),
    ('Ì', "Ì"),
    ('Í', "Í"),
    ('Ỉ', "Æ"),
    ('Ĩ', "Ó"),
    ('Ị', "Ò"),
    ('Ò', "OØ"),
    ('Ó', "OÙ"),
    ('Ỏ', "OÛ"),
    ('Õ', "OÕ"),
    ('Ọ', "OÏ"),
    ('Ô', "OÂ"),
    ('Ồ', "OÀ"),
    ('Ố', "OÁ"),
    ('Ổ', "OÅ"),
    ('Ỗ', "OÃ"),
    ('Ộ', "OÄ"),
    ('Ơ', "Ô"),
    ('Ờ', "ÔØ"),
    ('Ớ', "ÔÙ"),
    ('Ở', "ÔÛ"),
    ('Ỡ', "ÔÕ"),
    ('Ợ', "ÔÏ"),
    ('Ù', "UØ"),
    ('Ú', "UÙ"),
    ('Ủ', "UÛ"),
    ('Ũ', "UÕ"),
    ('Ụ', "UÏ"),
    ('Ư', "Ö"),
    ('Ừ', "ÖØ"),
    ('Ứ', "ÖÙ"),
    ('Ử', "ÖÛ"),
    ('Ữ', "ÖÕ"),
    ('Ự', "ÖÏ"),
    ('Ỳ', "YØ"),
    ('Ý', "YÙ"),
    ('Ỷ', "YÛ"),
    ('Ỹ', "YÕ"),
    ('Ỵ', "Î"),
    ('Đ', "Ñ"),
];

/// Every Vietnamese letter with its marks, lower case then upper case: the alphabet the
/// tables must cover.
pub const ALPHABET: &str =
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";

fn tcvn3_decoder() -> &'static HashMap<char, char> {
    static MAP: std::sync::OnceLock<HashMap<char, char>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| TCVN3.iter().map(|(u, b)| (char::from(*b), *u)).collect())
}

fn vni_decoder() -> &'static HashMap<&'static str, char> {
    static MAP: std::sync::OnceLock<HashMap<&'static str, char>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| VNI.iter().map(|(u, s)| (*s, *u)).collect())
}

/// Unicode → TCVN3 (for tests and fixtures). Capitals without a TCVN3 code are written with
/// the lower-case code, as in the ".VnTimeH" fonts that draw every code in capitals.
pub fn encode_tcvn3(text: &str) -> String {
    let lower: HashMap<char, u8> = TCVN3.iter().map(|(u, b)| (*u, *b)).collect();
    text.chars()
        .map(|c| {
            if let Some(b) = lower.get(&c) {
                return char::from(*b);
            }
            let l = c.to_lowercase().next().unwrap_or(c);
            match lower.get(&l) {
                Some(b) if !c.is_ascii() => char::from(*b),
                _ => c,
            }
        })
        .collect()
}

/// Unicode → VNI (for tests and fixtures).
pub fn encode_vni(text: &str) -> String {
    let map: HashMap<char, &str> = VNI.iter().map(|(u, s)| (*u, *s)).collect();
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match map.get(&c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// TCVN3 → Unicode. `capitals`: the text is in a ".VnTimeH" font (all capitals).
pub fn decode_tcvn3(text: &str, capitals: bool) -> String {
    let map = tcvn3_decoder();
    let out: String = text
        .chars()
        .map(|c| map.get(&c).copied().unwrap_or(c))
        .collect();
    let out = if capitals { out.to_uppercase() } else { out };
    nfc(&out)
}

/// VNI → Unicode.
pub fn decode_vni(text: &str) -> String {
    let map = vni_decoder();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut buf = [0u8; 8];
    while i < chars.len() {
        if i + 1 < chars.len() {
            let mut pair = String::new();
            pair.push(chars[i]);
            pair.push(chars[i + 1]);
            if let Some(u) = map.get(pair.as_str()) {
                out.push(*u);
                i += 2;
                continue;
            }
        }
        let one: &str = chars[i].encode_utf8(&mut buf);
        match map.get(one) {
            // A lone code: ơ, ư, đ, ì, í, ỉ, ĩ, ị, ỵ (and capitals).
            Some(u) => out.push(*u),
            None => out.push(chars[i]),
        }
        i += 1;
    }
    nfc(&out)
}

/// Converts text from a legacy encoding.
pub fn decode(text: &str, encoding: Legacy) -> String {
    match encoding {
        Legacy::Tcvn3 => decode_tcvn3(text, all_capitals(text)),
        Legacy::Vni => decode_vni(text),
    }
}

/// A ".VnTimeH" cell: its ASCII letters are all capitals (two at least).
fn all_capitals(text: &str) -> bool {
    let letters = text.chars().filter(char::is_ascii_alphabetic);
    let (mut n, mut upper) = (0, true);
    for c in letters {
        n += 1;
        upper &= c.is_ascii_uppercase();
    }
    n >= 2 && upper
}

/// Latin-1 letters that are also Vietnamese letters in Unicode (à, é, ô…): text made of these
/// alone may well be proper Unicode.
fn vietnamese_latin1(c: char) -> bool {
    "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(c)
}

/// A Latin-1 character above ASCII that is not a Vietnamese letter: a sign of a legacy font
/// (or of another language).
fn foreign(c: char) -> bool {
    ('\u{a1}'..='\u{ff}').contains(&c) && !vietnamese_latin1(c) && c != '\u{d7}' && c != '\u{f7}'
}

/// Above Latin-1: proper Unicode (ạ, ơ, ư, đ, and the like).
fn unicode_letter(c: char) -> bool {
    c as u32 > 0xff && c.is_alphabetic()
}

/// The vowel nuclei of Vietnamese syllables, without tone marks.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "ueo",
];
// With the "kr", "dr" and final "k" of Central Highlands names (Krông Búk, Đắk Lắk).
const INITIALS: &[&str] = &[
    "ngh", "kr", "dr", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
    "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
const FINALS: &[&str] = &[
    "ng", "nh", "ch", "c", "k", "m", "n", "p", "t", "i", "y", "o", "u",
];

/// The base letter and tone of a Vietnamese letter: 'ệ' → ('ê', true). From a table built
/// once (this runs for every word of every cell that could be legacy text).
fn untone(c: char) -> (char, bool) {
    if c.is_ascii() {
        return (c, false);
    }
    static MAP: std::sync::OnceLock<HashMap<char, (char, bool)>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        use unicode_normalization::UnicodeNormalization;
        let mut m = HashMap::new();
        let upper = ALPHABET.to_uppercase();
        for c in ALPHABET.chars().chain(upper.chars()) {
            let mut base = String::new();
            let mut tone = false;
            for d in c.to_string().nfd() {
                match d {
                    // grave, acute, hook, tilde, dot below
                    '\u{300}' | '\u{301}' | '\u{309}' | '\u{303}' | '\u{323}' => tone = true,
                    _ => base.push(d),
                }
            }
            let base: String = base.nfc().collect();
            m.insert(c, (base.chars().next().unwrap_or(c), tone));
        }
        m
    });
    map.get(&c).copied().unwrap_or((c, false))
}

/// True when a word is a possible Vietnamese syllable: initial consonant, vowel nucleus,
/// final, and at most one tone mark.
pub fn valid_syllable(word: &str) -> bool {
    let mut tones = 0;
    let base: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            let (b, t) = untone(c);
            tones += usize::from(t);
            b
        })
        .collect();
    if tones > 1 || base.is_empty() {
        return false;
    }
    let mut rest = base.as_str();
    if let Some(i) = INITIALS.iter().find(|i| rest.starts_with(*i)) {
        // "gi" before a vowel is an initial; "gi" alone is g + i.
        if rest.len() > i.len() {
            rest = &rest[i.len()..];
        } else if *i == "gi" {
            rest = "i";
        } else {
            return false;
        }
    }
    if NUCLEI.contains(&rest) {
        return true;
    }
    FINALS.iter().any(|f| {
        rest.strip_suffix(*f)
            .is_some_and(|n| !n.is_empty() && NUCLEI.contains(&n))
    })
}

/// How a cell reads in each encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellKind {
    /// ASCII, numbers, or nothing to convert.
    Plain,
    /// Proper Unicode Vietnamese (a letter above U+00FF).
    Unicode,
    /// Only letters Unicode and the legacy encodings share: undecided.
    Ambiguous,
    /// Foreign characters that the encoding turns into valid Vietnamese.
    Evidence(Option<Legacy>, Option<Legacy>),
    /// Foreign characters no encoding explains (another language).
    Foreign,
}

/// A character of a word, in Unicode or in a legacy font (whose codes include signs such as
/// "¹", "×" and the soft hyphen).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{a1}'..='\u{ff}').contains(&c)
}

fn words(s: &str) -> Vec<&str> {
    // A token of signs alone ("×", "½") is not a word.
    s.split(|c: char| !word_char(c))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// A capital with a mark inside a word in lower case ("BÕn", "ChÝ"): Unicode Vietnamese never
/// writes that; TCVN3 does, its codes for ế and í being the Latin-1 capitals Õ and Ý.
fn odd_case(text: &str) -> bool {
    words(text).iter().any(|w| {
        let has_lower = w.chars().any(char::is_lowercase);
        has_lower && w.chars().skip(1).any(|c| !c.is_ascii() && c.is_uppercase())
    })
}

/// A word as Vietnamese writes it: a valid syllable, and no capital with a mark inside it when it
/// is in lower case ("Bến", "BẾN"; never "BƠn", which is how TCVN3's "BÕn" reads in
/// Windows-1258). The text reader weighs its readings of a file with it.
pub(crate) fn plausible_word(word: &str) -> bool {
    valid_syllable(word) && !odd_case(word)
}

/// True when every word the conversion changed is a Vietnamese syllable (and something changed).
fn converts_cleanly(before: &str, after: &str) -> bool {
    // Every token, signs alone included: a one-letter word whose code is a sign ("¤" for "Ô"
    // in TCVN3) is a word after the conversion.
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| !word_char(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (split(before), split(after));
    if a.len() != b.len() || after.chars().any(foreign) {
        return false;
    }
    let changed: Vec<&String> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(_, y)| y)
        .collect();
    !changed.is_empty() && changed.iter().all(|w| valid_syllable(w))
}

fn classify(text: &str) -> CellKind {
    if text.is_ascii() {
        return CellKind::Plain;
    }
    if text.chars().any(unicode_letter) {
        return CellKind::Unicode;
    }
    if !text.chars().any(foreign) && !odd_case(text) {
        // Letters Unicode shares: still evidence when, read as Unicode, a word is no
        // Vietnamese syllable ("Beán") while the conversion gives one ("Bến").
        let reads_as_unicode = words(text)
            .iter()
            .filter(|w| !w.is_ascii())
            .all(|w| valid_syllable(w));
        if reads_as_unicode {
            return CellKind::Ambiguous;
        }
    }
    let t = converts_cleanly(text, &decode(text, Legacy::Tcvn3)).then_some(Legacy::Tcvn3);
    let v = converts_cleanly(text, &decode(text, Legacy::Vni)).then_some(Legacy::Vni);
    if t.is_none() && v.is_none() {
        CellKind::Foreign
    } else {
        CellKind::Evidence(t, v)
    }
}

/// What the user chose for a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    /// Detect.
    Auto,
    /// Leave the column as it is.
    Off,
    /// Convert from this encoding.
    Force(Legacy),
}

/// What the detection found in a column, converted or not (for the command line and tests).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnEvidence {
    /// Cells that convert cleanly from TCVN3.
    pub tcvn3: usize,
    /// Cells that convert cleanly from VNI.
    pub vni: usize,
    /// Cells of proper Unicode Vietnamese.
    pub unicode: usize,
    /// Cells with foreign letters no encoding explains.
    pub foreign: usize,
    /// Cells made of letters shared by Unicode and the legacy encodings.
    pub ambiguous: usize,
}

impl ColumnEvidence {
    fn count(&mut self, kind: CellKind) {
        match kind {
            CellKind::Plain => {}
            CellKind::Unicode => self.unicode += 1,
            CellKind::Ambiguous => self.ambiguous += 1,
            CellKind::Foreign => self.foreign += 1,
            CellKind::Evidence(t, v) => {
                self.tcvn3 += usize::from(t.is_some());
                self.vni += usize::from(v.is_some());
            }
        }
    }
}

/// The evidence of one column.
pub fn evidence(texts: &[&str]) -> ColumnEvidence {
    let mut e = ColumnEvidence::default();
    for t in texts {
        e.count(classify(t));
    }
    e
}

/// The encoding a column's evidence points to, if any. `hint`: the workbook's fonts name one.
/// One cell is enough in a column with nothing else non-ASCII, or with a font hint; two are
/// needed beside Unicode or shared-letter cells. Evidence must outweigh the cells of another
/// language it cannot explain.
pub fn decide(e: &ColumnEvidence, hint: Option<Legacy>) -> Option<Legacy> {
    let best = match e.tcvn3.cmp(&e.vni) {
        std::cmp::Ordering::Greater => Legacy::Tcvn3,
        std::cmp::Ordering::Less => Legacy::Vni,
        std::cmp::Ordering::Equal => hint.unwrap_or(Legacy::Tcvn3),
    };
    let count = match best {
        Legacy::Tcvn3 => e.tcvn3,
        Legacy::Vni => e.vni,
    };
    if count == 0 || count * 4 < e.foreign * 3 {
        return None;
    }
    let needed = if hint.is_some() || e.unicode + e.ambiguous == 0 {
        1
    } else {
        2
    };
    (count >= needed).then_some(best)
}

/// A column's conversion before it is applied: column, encoding, forced, and per cell the
/// row, the text before and after.
type ColumnChanges = (usize, Legacy, bool, Vec<(usize, String, String)>);

/// Converts the text columns of a sheet: detected ones (`Choice::Auto`) and the user's choices.
/// Columns already converted are first restored, so a new choice starts from the file's text.
pub fn convert_sheet(sheet: &mut Sheet, choices: &[(usize, Choice)], hint: Option<Legacy>) {
    restore(sheet);
    let width = sheet.width();
    // One pass over the rows (row by row, as they are stored): each non-ASCII text cell
    // classified (once for a run of the same text: parent columns repeat the row above),
    // counted in its column's evidence, and listed when it might be converted.
    let mut evidence = vec![ColumnEvidence::default(); width];
    let mut columns: Vec<Vec<(usize, CellKind)>> = vec![Vec::new(); width];
    let mut last: Vec<Option<(&str, CellKind)>> = vec![None; width];
    // Names numbered in a series ("Xã 12", "Khu phố 3", "Tổ 105") classify as one: no step of
    // the classification looks at which digit a digit is, so a text is looked up with its
    // digits written as 0.
    let mut numbered: HashMap<String, CellKind> = HashMap::new();
    let mut key = String::new();
    // Each distinct text of a column is classified once: the grid gives the same text of a
    // column the same number.
    let mut known: HashMap<u32, CellKind, BuildHasherDefault<HashedKey>> = HashMap::default();
    for (r, row) in sheet.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let CellRef::Text(t) = cell else { continue };
            if t.is_ascii() {
                continue;
            }
            let kind = match last[c] {
                Some((before, kind)) if before == t => kind,
                _ => {
                    let kind = if t.bytes().any(|b| b.is_ascii_digit()) {
                        key.clear();
                        key.extend(
                            t.chars()
                                .map(|ch| if ch.is_ascii_digit() { '0' } else { ch }),
                        );
                        match numbered.get(key.as_str()) {
                            Some(kind) => *kind,
                            None => {
                                let kind = classify(t);
                                numbered.insert(key.clone(), kind);
                                kind
                            }
                        }
                    } else {
                        let id = row.text_id(c);
                        match id.and_then(|id| known.get(&id)) {
                            Some(kind) => *kind,
                            None => {
                                let kind = classify(t);
                                if let Some(id) = id {
                                    known.insert(id, kind);
                                }
                                kind
                            }
                        }
                    };
                    last[c] = Some((t, kind));
                    kind
                }
            };
            evidence[c].count(kind);
            if !matches!(kind, CellKind::Unicode | CellKind::Plain) {
                columns[c].push((r, kind));
            }
        }
    }
    drop(last);
    let text_at = |sheet: &Sheet, r: usize, c: usize| -> Option<String> {
        sheet.cell(r, c).text().map(str::to_string)
    };
    let mut all_changes: Vec<ColumnChanges> = Vec::new();
    for (col, cells) in columns.iter().enumerate() {
        let choice = choices
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, ch)| *ch)
            .unwrap_or(Choice::Auto);
        // A column of Unicode and ASCII only has nothing to convert.
        if choice == Choice::Off || cells.is_empty() {
            continue;
        }
        let e = &evidence[col];
        let (encoding, forced) = match choice {
            Choice::Force(enc) => (enc, true),
            _ => match decide(e, hint) {
                Some(enc) => (enc, false),
                None => continue,
            },
        };
        // Shared-letter cells follow the column only when no cell in it is proper Unicode.
        let convert_ambiguous = forced || e.unicode == 0;
        let mut changes = Vec::new();
        for (r, kind) in cells {
            let convert = match kind {
                CellKind::Evidence(a, b) => *a == Some(encoding) || *b == Some(encoding) || forced,
                CellKind::Ambiguous => convert_ambiguous,
                CellKind::Foreign => forced,
                CellKind::Unicode | CellKind::Plain => false,
            };
            if !convert {
                continue;
            }
            if let Some(t) = text_at(sheet, *r, col) {
                let after = decode(&t, encoding);
                if after != t {
                    changes.push((*r, t, after));
                }
            }
        }
        if !changes.is_empty() {
            all_changes.push((col, encoding, forced, changes));
        }
    }
    let mut conversions = Vec::new();
    for (col, encoding, forced, changes) in all_changes {
        let mut conversion = Conversion {
            column: col,
            encoding,
            cells: changes.len(),
            forced,
            samples: Vec::new(),
            originals: Vec::with_capacity(changes.len()),
        };
        for (r, before, after) in changes {
            if conversion.samples.len() < 3 {
                conversion.samples.push((before.clone(), after.clone()));
            }
            sheet.set_text(r, col, &after);
            conversion.originals.push((r, before));
        }
        conversions.push(conversion);
    }
    // The sheet's other columns: a column whose every non-ASCII cell reads both ways ("Ghi
    // chó" is "Ghi chú" in TCVN3) follows the encoding the rest of the sheet is typed in, when
    // that is clear (two converted columns, or one and the workbook's fonts).
    let encodings: Vec<Legacy> = conversions.iter().map(|c| c.encoding).collect();
    let sheet_encoding = match encodings.first() {
        Some(e)
            if encodings.iter().all(|x| x == e) && (encodings.len() >= 2 || hint == Some(*e)) =>
        {
            Some(*e)
        }
        _ => None,
    };
    if let Some(encoding) = sheet_encoding {
        for col in 0..width {
            let decided = conversions.iter().any(|c| c.column == col)
                || choices
                    .iter()
                    .any(|(c, ch)| *c == col && *ch != Choice::Auto);
            if decided {
                continue;
            }
            let texts: Vec<(usize, String)> = sheet
                .rows()
                .enumerate()
                .filter_map(|(r, row)| match row.get(col) {
                    CellRef::Text(t) if !t.is_ascii() => Some((r, t.to_string())),
                    _ => None,
                })
                .collect();
            let all_shared = !texts.is_empty()
                && texts.iter().all(|(_, t)| {
                    matches!(classify(t), CellKind::Ambiguous)
                        && words(&decode(t, encoding))
                            .iter()
                            .filter(|w| !w.is_ascii())
                            .all(|w| valid_syllable(w))
                });
            if !all_shared {
                continue;
            }
            let mut conversion = Conversion {
                column: col,
                encoding,
                cells: 0,
                forced: false,
                samples: Vec::new(),
                originals: Vec::new(),
            };
            for (r, before) in texts {
                let after = decode(&before, encoding);
                if after == before {
                    continue;
                }
                if conversion.samples.len() < 3 {
                    conversion.samples.push((before.clone(), after.clone()));
                }
                sheet.set_text(r, col, &after);
                conversion.originals.push((r, before));
                conversion.cells += 1;
            }
            if conversion.cells > 0 {
                conversions.push(conversion);
            }
        }
        conversions.sort_by_key(|c| c.column);
    }
    sheet.legacy = conversions;
}

/// Puts back the text of every converted cell.
pub fn restore(sheet: &mut Sheet) {
    for conv in std::mem::take(&mut sheet.legacy) {
        for (r, text) in conv.originals {
            sheet.set_text(r, conv.column, &text);
        }
    }
}

/// The encoding a workbook's font names point to (".VnTime" → TCVN3, "VNI-Times" → VNI).
pub fn font_hint<'a>(fonts: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let (mut t, mut v) = (0, 0);
    for f in fonts {
        let f = f.trim().to_ascii_lowercase();
        if f.starts_with(".vn") {
            t += 1;
        } else if f.starts_with("vni-") || f.starts_with("vni ") {
            v += 1;
        }
    }
    match (t, v) {
        (0, 0) => None,
        (t, v) if t >= v => Some(Legacy::Tcvn3),
        _ => Some(Legacy::Vni),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_alphabet_round_trips() {
        for c in ALPHABET.chars() {
            let s = c.to_string();
            assert_eq!(decode_tcvn3(&encode_tcvn3(&s), false), s, "TCVN3 {c}");
            assert_eq!(decode_vni(&encode_vni(&s)), s, "VNI {c}");
            let up = s.to_uppercase();
            assert_eq!(decode_vni(&encode_vni(&up)), up, "VNI {up}");
            // Capitals in TCVN3 are written in a ".VnTimeH" font: whole words in capitals.
            let word = format!("X{up}");
            assert_eq!(
                decode_tcvn3(&encode_tcvn3(&word), true),
                word,
                "TCVN3 {word}"
            );
        }
        assert_eq!(ALPHABET.chars().count(), 89);
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(encode_tcvn3("Việt Nam"), "ViÖt Nam");
        assert_eq!(encode_vni("Việt Nam"), "Vieät Nam");
        assert_eq!(decode("ViÖt Nam", Legacy::Tcvn3), "Việt Nam");
        assert_eq!(decode("Vieät Nam", Legacy::Vni), "Việt Nam");
        assert_eq!(decode("VIÖT NAM", Legacy::Tcvn3), "VIỆT NAM");
        assert_eq!(decode("B¶o Th¾ng", Legacy::Tcvn3), "Bảo Thắng");
    }

    #[test]
    fn syllables() {
        for w in [
            "việt",
            "nam",
            "thành",
            "phố",
            "nguyễn",
            "khuya",
            "gì",
            "giữa",
            "quyển",
            "thường",
            "ngoằn",
        ] {
            assert!(valid_syllable(w), "{w}");
        }
        for w in [
            "müller", "straße", "total", "zürich", "mỹller", "thànhh", "viiệt",
        ] {
            assert!(!valid_syllable(w), "{w}");
        }
    }

    #[test]
    fn never_converts_unicode_or_english() {
        for t in [
            "Hòa Bình",
            "Bà Rịa – Vũng Tàu",
            "Total",
            "Café Müller",
            "São Paulo",
            "Zürich",
            "naïve",
            "Ørsted",
            "50 ± 2",
            "12 × 3",
        ] {
            let k = classify(t);
            assert!(!matches!(k, CellKind::Evidence(..)), "{t}: {k:?}");
        }
    }

    proptest::proptest! {
        /// Which digit a digit is changes no text's kind: the sheet's conversion looks names
        /// numbered in a series up once, with their digits written as 0.
        #[test]
        fn digits_do_not_change_a_text_kind(
            t in "[A-Za-z0-9 .,ãâáàÕÝ¸¹µ©ªÊÔÖ×ØÙÚÛÜÝÞßãäåæçèéêìíîïðñòóôõ÷øùúûüýþÿĩộ]{1,14}",
            d in "[0-9]",
        ) {
            let other: String = t
                .chars()
                .map(|c| if c.is_ascii_digit() { d.chars().next().unwrap_or('0') } else { c })
                .collect();
            proptest::prop_assert_eq!(classify(&t), classify(&other), "{:?} / {:?}", t, other);
        }
    }
}
