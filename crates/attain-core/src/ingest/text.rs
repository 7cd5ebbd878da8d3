//! Delimited text: decode the bytes (BOM, UTF-8, else Windows-1258), normalise to NFC, sniff
//! the separator, and parse with the csv crate.

use super::{ReadError, MAX_CELLS};
use crate::model::{Cell, Sheet, SourceFormat, Workbook};
use crate::text::nfc;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1258};

/// Decodes text bytes: a BOM decides; otherwise UTF-16 when every other byte is zero; UTF-8
/// when the bytes are valid UTF-8; otherwise the legacy code page chardetng finds most likely,
/// told the text is Vietnamese so that Windows-1258 wins its ties. The result is NFC.
pub(crate) fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> (String, &'static Encoding) {
    let encoding = forced.unwrap_or_else(|| detect_encoding(bytes));
    // Strips a BOM of the encoding it uses, and only that one.
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    (nfc(&text), encoding)
}

/// The encoding of text bytes, detected.
pub(crate) fn detect_encoding(bytes: &[u8]) -> &'static Encoding {
    match Encoding::for_bom(bytes) {
        Some((enc, _)) => enc,
        None if looks_utf16(bytes, true) => UTF_16LE,
        None if looks_utf16(bytes, false) => UTF_16BE,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(
                &bytes[..bytes.len().min(256 * 1024)],
                bytes.len() <= 256 * 1024,
            );
            let guess = detector.guess(Some(b"vn"), chardetng::Utf8Detection::Deny);
            // Text typed in a TCVN3 or VNI font and saved as CSV: its bytes are the font's
            // codes, read as Windows-1252 so the converter sees them as the sheet shows them
            // (Windows-1258 would join some of them to the letter before as tone marks).
            let sample = &bytes[..bytes.len().min(256 * 1024)];
            let (western, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(sample);
            if crate::legacy::looks_legacy(&western).is_some() {
                return encoding_rs::WINDOWS_1252;
            }
            // Western code pages read Vietnamese legacy text as mojibake; when the guess is
            // one of them, Windows-1258 is the better reading for these users' files.
            if guess == encoding_rs::WINDOWS_1252 {
                WINDOWS_1258
            } else {
                guess
            }
        }
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

pub(super) fn read_text(
    file_name: &str,
    bytes: &[u8],
    options: &super::ReadOptions,
) -> Result<Workbook, ReadError> {
    let forced = options
        .encoding
        .as_deref()
        .and_then(|label| Encoding::for_label(label.as_bytes()));
    let (text, encoding) = decode(bytes, forced);
    if looks_binary(&text) {
        return Err(ReadError::Unsupported(
            "its bytes are not text and not a known workbook format".into(),
        ));
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
        return Err(ReadError::TooLarge(format!(
            "about {lines} rows × {usual} columns, more than {MAX_CELLS} cells"
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(quote.unwrap_or(b'"'))
        .quoting(quote.is_some())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Room for as many rows as the text has lines (counted, not declared; blank lines make
    // no row, so at most about a million, 24 MB, ahead), and one record reused for every line.
    let mut rows = Vec::with_capacity(lines.min(1 << 20));
    let mut cells = 0usize;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| ReadError::Damaged(e.to_string()))?
    {
        cells += record.len();
        if cells > MAX_CELLS {
            return Err(ReadError::TooLarge(format!("more than {MAX_CELLS} cells")));
        }
        let mut row: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        while row.last().is_some_and(Cell::is_blank) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
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
            rows,
            ..Default::default()
        }],
        legacy_hint: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_utf8_and_windows_1258() {
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
            wb.sheets[0].rows[1]
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
            Err(ReadError::Unsupported(_))
        ));
    }
}
