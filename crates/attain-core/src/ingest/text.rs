//! Delimited text: decode the bytes (BOM, UTF-8, else Windows-1258), normalise to NFC, sniff
//! the separator, and parse with the csv crate.

use super::{Found, Limit, Part, ReadError, MAX_CELLS};
use crate::legacy::{plausible_word, Legacy};
use crate::model::{GridBuilder, Sheet, SourceFormat, Workbook};
use crate::text::{is_nfc, nfc};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1258};
use std::borrow::Cow;

/// Decodes text bytes: a BOM decides; otherwise UTF-16 when every other byte is zero; UTF-8
/// when the bytes are valid UTF-8; otherwise Windows-1252 when the text reads as typed in a
/// legacy font (TCVN3, VNI: see [`font_reading`]), else the legacy code page chardetng finds
/// most likely, told the text is Vietnamese so that Windows-1258 wins its ties. The result is
/// NFC, with the legacy font the whole text reads as, if any.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> (Cow<'a, str>, &'static Encoding, Option<Legacy>) {
    let (encoding, font) = match forced {
        Some(e) => (e, None),
        None => detect_encoding(bytes),
    };
    // Strips a BOM of the encoding it uses, and only that one.
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    // UTF-8 already in NFC (most files) is read where it lies: no copy of a 60 MB file.
    let text = match text {
        Cow::Borrowed(t) if is_nfc(t) => Cow::Borrowed(t),
        t => Cow::Owned(nfc(&t)),
    };
    (text, encoding, font)
}

/// The encoding of text bytes, detected, and the legacy font its text is typed in, if any.
pub(crate) fn detect_encoding(bytes: &[u8]) -> (&'static Encoding, Option<Legacy>) {
    match Encoding::for_bom(bytes) {
        Some((enc, _)) => (enc, None),
        None if looks_utf16(bytes, true) => (UTF_16LE, None),
        None if looks_utf16(bytes, false) => (UTF_16BE, None),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, None),
        None => {
            let sample = &bytes[..bytes.len().min(256 * 1024)];
            // Text typed in a TCVN3 or VNI font and saved as CSV: its bytes are the font's
            // codes, read as Windows-1252 so the converter sees them as the sheet shows them
            // (Windows-1258 would join some of them to the letter before as tone marks).
            if let Some(font) = font_reading(sample) {
                return (encoding_rs::WINDOWS_1252, Some(font));
            }
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(sample, bytes.len() == sample.len());
            let guess = detector.guess(Some(b"vn"), chardetng::Utf8Detection::Deny);
            // Western code pages read Vietnamese as mojibake; when the guess is one of them,
            // Windows-1258 is the better reading for these users' files.
            if guess == encoding_rs::WINDOWS_1252 {
                (WINDOWS_1258, None)
            } else {
                (guess, None)
            }
        }
    }
}

/// The combining tone marks of Windows-1258: grave, hook above, tilde, acute, dot below.
const TONE_BYTES: [u8; 5] = [0xCC, 0xD2, 0xDE, 0xEC, 0xF2];

/// A vowel in Windows-1258 that a tone mark can follow: ASCII vowels and â ă ê ô ơ ư (either
/// case), and the precomposed vowels the code page has (à á è é í ó ú and capitals).
fn vowel_1258(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
    ) || matches!(
        b,
        0xC0 | 0xC1
            | 0xC2
            | 0xC3
            | 0xC8
            | 0xC9
            | 0xCA
            | 0xCD
            | 0xD3
            | 0xD4
            | 0xD5
            | 0xD9
            | 0xDA
            | 0xDD
            | 0xE0
            | 0xE1
            | 0xE2
            | 0xE3
            | 0xE8
            | 0xE9
            | 0xEA
            | 0xED
            | 0xF3
            | 0xF4
            | 0xF5
            | 0xF9
            | 0xFA
            | 0xFD
    )
}

/// The legacy font (TCVN3 or VNI, read through Windows-1252) the bytes (not UTF-8, no BOM)
/// read better as than as Windows-1258, if any. The sample is weighed word by word (up
/// to 5,000 words; a word: the bytes between ASCII spaces, digits and signs, one of them above
/// ASCII): each reading scores the words it turns into plausible Vietnamese syllables, and a
/// word whose Windows-1258 reading is one and stores its tone as a combining mark after a vowel
/// (as Windows writes it; no font encoding puts those codes there) counts twice for
/// Windows-1258. A font encoding must explain more words than Windows-1258 does: a tie goes to
/// Windows-1258, the most common legacy file these offices have; between the two fonts, the
/// one explaining more words (TCVN3 on a tie, as the per-column decision does).
fn font_reading(sample: &[u8]) -> Option<Legacy> {
    use crate::legacy::decode as from_font;
    let (mut cp1258, mut tcvn3, mut vni) = (0usize, 0usize, 0usize);
    let words = sample
        .split(|b| b.is_ascii() && !b.is_ascii_alphabetic())
        .filter(|w| !w.is_ascii())
        .take(5_000);
    for word in words {
        let (as_1258, _) = WINDOWS_1258.decode_without_bom_handling(word);
        if plausible_word(&nfc(&as_1258)) {
            let combining = word
                .windows(2)
                .any(|p| TONE_BYTES.contains(&p[1]) && vowel_1258(p[0]));
            cp1258 += 1 + usize::from(combining);
        }
        let (western, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(word);
        let converts = |encoding| {
            let converted = from_font(&western, encoding);
            converted != western && plausible_word(&converted)
        };
        tcvn3 += usize::from(converts(Legacy::Tcvn3));
        vni += usize::from(converts(Legacy::Vni));
    }
    if tcvn3.max(vni) <= cp1258 {
        None
    } else if vni > tcvn3 {
        Some(Legacy::Vni)
    } else {
        Some(Legacy::Tcvn3)
    }
}

/// UTF-16 without a BOM: every other byte zero in ASCII-heavy text.
fn looks_utf16(bytes: &[u8], little_endian: bool) -> bool {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return false;
    }
    let zero_at = if little_endian { 1 } else { 0 };
    let zeros = sample.chunks(2).filter(|c| c[zero_at] == 0).count();
    zeros * 10 >= sample.len() / 2 * 9
}

/// True when the text holds control characters no report would: the bytes are binary.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(8192).collect();
    let controls = sample
        .iter()
        .filter(|c| (**c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || **c == '\u{fffd}')
        .count();
    controls * 20 > sample.len().max(1)
}

/// Picks the field separator that splits the first lines most consistently into more than one
/// field: `;` (Vietnamese-locale Excel), `,`, tab (copied ranges, "Unicode Text") or `|`.
/// Separators inside quotes (the file's quote character; `None`: no quoting) do not count.
pub(crate) fn sniff_delimiter(text: &str, quote: Option<u8>) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (b',', 0usize);
    for delim in [b'\t', b';', b',', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delim, quote))
            .collect();
        // The most common non-zero count, and how many lines share it.
        let mut freq = std::collections::BTreeMap::new();
        for c in counts.iter().filter(|c| **c > 0) {
            *freq.entry(*c).or_insert(0usize) += 1;
        }
        let score = freq
            .iter()
            .map(|(fields, lines)| lines * 1000 + fields)
            .max()
            .unwrap_or(0);
        if score > best.1 {
            best = (delim, score);
        }
    }
    best.0
}

fn memchr_count(bytes: &[u8], needle: u8) -> usize {
    bytes.iter().filter(|b| **b == needle).count()
}

fn count_outside_quotes(line: &str, delim: u8, quote: Option<u8>) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if Some(b) == quote {
            quoted = !quoted;
        } else if b == delim && !quoted {
            n += 1;
        }
    }
    n
}

/// A text file of more cells than accepted (`declared`: the lines times the usual width).
fn too_many_cells(declared: Option<u64>) -> ReadError {
    ReadError::TooLarge(Limit::Cells {
        sheet: None,
        declared,
        max: MAX_CELLS as u64,
    })
}

pub(super) fn read_text(
    file_name: &str,
    bytes: &[u8],
    options: &super::ReadOptions,
) -> Result<Workbook, ReadError> {
    let forced = options
        .encoding
        .as_deref()
        .and_then(|label| Encoding::for_label(label.as_bytes()));
    let (text, encoding, font) = decode(bytes, forced);
    if looks_binary(&text) {
        return Err(ReadError::Unsupported(Found::Binary));
    }
    let quote = options.quote.byte();
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() => d as u8,
        _ => sniff_delimiter(&text, quote),
    };
    // Refuse a file far beyond the cap before parsing it: lines times the usual width.
    let lines = memchr_count(text.as_bytes(), b'\n') + 1;
    let mut widths: Vec<usize> = text
        .lines()
        .take(200)
        .map(|l| count_outside_quotes(l, delimiter, quote) + 1)
        .collect();
    widths.sort_unstable();
    let usual = widths.get(widths.len() / 2).copied().unwrap_or(1);
    if lines.saturating_mul(usual) > MAX_CELLS {
        return Err(too_many_cells(Some(lines.saturating_mul(usual) as u64)));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(quote.unwrap_or(b'"'))
        .quoting(quote.is_some())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Room for as many rows as the text has lines (counted, not declared; blank lines make
    // no row), and one record reused for every line: each field goes into the sheet's grid as
    // it is read (a slot per cell, its text in the grid's arena), nothing allocated per cell.
    let cells = lines.min(1 << 20) * usual;
    let mut grid = GridBuilder::with_capacity(lines.min(1 << 20), cells);
    grid.reserve_texts(cells, text.len());
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    while reader
        .read_record(&mut record)
        .map_err(|e| ReadError::damaged(Part::Text, e))?
    {
        grid.put_texts(row, record.iter())
            .map_err(|_| too_many_cells(None))?;
        if grid.cells() > MAX_CELLS {
            return Err(too_many_cells(None));
        }
        row += 1;
    }
    let cells = grid.finish().map_err(|_| too_many_cells(None))?;
    let name = file_name
        .rsplit_once('.')
        .map(|(stem, _)| stem)
        .unwrap_or(file_name);
    Ok(Workbook {
        file_name: file_name.to_string(),
        format: SourceFormat::Text {
            encoding: encoding.name().to_string(),
            delimiter: delimiter as char,
        },
        sheets: vec![Sheet {
            name: name.to_string(),
            cells,
            ..Default::default()
        }],
        legacy_hint: font,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_utf8_and_windows_1258() {
        let decode = |bytes: &[u8], forced| {
            let (t, e, _) = decode(bytes, forced);
            (t.into_owned(), e)
        };
        let (t, e) = decode("\u{feff}Bến Tre".as_bytes(), None);
        assert_eq!((t.as_str(), e), ("Bến Tre", UTF_8));
        // "Bến Tre" in Windows-1258: ê (0xEA) then the combining acute (0xEC).
        let (t, e) = decode(&[b'B', 0xEA, 0xEC, b'n', b' ', b'T', b'r', b'e'], None);
        assert_eq!((t.as_str(), e), ("Bến Tre", WINDOWS_1258));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Đơn vị\tChỉ tiêu".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (t, e) = decode(&utf16, None);
        assert_eq!((t.as_str(), e), ("Đơn vị\tChỉ tiêu", UTF_16LE));
    }

    #[test]
    fn sniffs_the_separator() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n", Some(b'\"')), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n", Some(b'\"')), b',');
        assert_eq!(
            sniff_delimiter("a\tb\tc\n\"1,5\"\t2\t3\n", Some(b'\"')),
            b'\t'
        );
        assert_eq!(
            sniff_delimiter("Đơn vị;Thu nhận\n\"Ba Tri\";\"1.234,5\"\n", Some(b'\"')),
            b';'
        );
    }

    #[test]
    fn the_quoting_can_be_chosen() {
        use super::super::{Quote, ReadOptions};
        let read = |text: &str, quote: Quote| {
            let opts = ReadOptions {
                quote,
                ..Default::default()
            };
            let wb = read_text("x.csv", text.as_bytes(), &opts).unwrap();
            wb.sheets[0]
                .row(1)
                .iter()
                .map(|c| c.display())
                .collect::<Vec<_>>()
        };
        // Single quotes keep the comma inside the unit's name.
        let single = "Đơn vị,Chỉ tiêu,Thu nhận\n'Ba Tri, Bến Tre',100,50\n'Chợ Lách',200,150\n";
        assert_eq!(
            read(single, Quote::Single),
            ["Ba Tri, Bến Tre", "100", "50"]
        );
        assert_eq!(
            read(single, Quote::Double),
            ["'Ba Tri", "Bến Tre'", "100", "50"]
        );
        // No quoting: a double quote is part of the text (inches, a nickname).
        let none = "Loại;Số lượng\nMàn hình 5\" HD;12\nMàn hình 7\";8\n";
        assert_eq!(read(none, Quote::None), ["Màn hình 5\" HD", "12"]);
        // A name that opens a quote it never closes swallows the rest of the file when quotes
        // are read; without quoting every line stays a row.
        let open = "Ấp;Số lượng\n\"Ấp 3;12\nẤp 4;8\n";
        assert_eq!(read(open, Quote::None), ["\"Ấp 3", "12"]);
        assert_eq!(read(open, Quote::Double).len(), 1);
    }

    #[test]
    fn random_bytes_are_not_text() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(
            read_text("x.csv", &bytes, &Default::default()),
            Err(ReadError::Unsupported(Found::Binary))
        ));
    }
}
