//! Delimited text: decode the bytes (BOM, UTF-8, else Windows-1258), normalise to NFC, sniff
//! the separator, and parse with the csv crate.

use super::{ReadError, MAX_CELLS};
use crate::model::{Cell, Sheet, SourceFormat, Workbook};
use crate::text::nfc;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1258};

/// Decodes text bytes: a BOM decides; otherwise UTF-8 when the bytes are valid UTF-8; otherwise
/// Windows-1258, the code page of Vietnamese-locale Windows. The result is NFC.
pub(crate) fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let encoding = match Encoding::for_bom(bytes) {
        Some((enc, _)) => enc,
        None if looks_utf16(bytes, true) => UTF_16LE,
        None if looks_utf16(bytes, false) => UTF_16BE,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1258,
    };
    // `decode` strips a BOM of the encoding it uses.
    let (text, _, _) = encoding.decode(bytes);
    (nfc(&text), encoding)
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
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (b',', 0usize);
    for delim in [b'\t', b';', b',', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delim))
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

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delim && !quoted {
            n += 1;
        }
    }
    n
}

pub(super) fn read_text(file_name: &str, bytes: &[u8]) -> Result<Workbook, ReadError> {
    let (text, encoding) = decode(bytes);
    if looks_binary(&text) {
        return Err(ReadError::Unsupported(
            "its bytes are not text and not a known workbook format".into(),
        ));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Damaged(e.to_string()))?;
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_utf8_and_windows_1258() {
        let (t, e) = decode("\u{feff}Bến Tre".as_bytes());
        assert_eq!((t.as_str(), e), ("Bến Tre", UTF_8));
        // "Bến Tre" in Windows-1258: ê (0xEA) then the combining acute (0xEC).
        let (t, e) = decode(&[b'B', 0xEA, 0xEC, b'n', b' ', b'T', b'r', b'e']);
        assert_eq!((t.as_str(), e), ("Bến Tre", WINDOWS_1258));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Đơn vị\tChỉ tiêu".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (t, e) = decode(&utf16);
        assert_eq!((t.as_str(), e), ("Đơn vị\tChỉ tiêu", UTF_16LE));
    }

    #[test]
    fn sniffs_the_separator() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n\"1,5\"\t2\t3\n"), b'\t');
        assert_eq!(
            sniff_delimiter("Đơn vị;Thu nhận\n\"Ba Tri\";\"1.234,5\"\n"),
            b';'
        );
    }

    #[test]
    fn random_bytes_are_not_text() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(
            read_text("x.csv", &bytes),
            Err(ReadError::Unsupported(_))
        ));
    }
}
