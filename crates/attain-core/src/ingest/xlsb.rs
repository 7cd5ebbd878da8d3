//! The binary parts of an .xlsb, walked before calamine reads them.
//!
//! Two things are done here. Every record header is checked against what is left of its part
//! (calamine sizes its buffer from the header, up to 256 MB, before reading). And cells written
//! in the short record form are rewritten in the full form: [MS-XLSB] has a second form of each
//! cell record (`BrtShortRk`, `BrtShortIsst`, …) that leaves out the column, which is then the
//! previous cell's plus one. SheetJS writes every cell after the first of a row that way;
//! calamine reads only the full form, so without this a sheet would come back one column wide,
//! with no error.

use super::package::damaged;
use super::{Part, ReadError};
use std::io::{Cursor, Read};

/// `BrtRowHdr`: a row starts.
const ROW_HEADER: u32 = 0x00;
/// The full cell records `BrtCellBlank` … `BrtFmlaError` (column, then style).
const FULL_CELLS: std::ops::RangeInclusive<u32> = 0x01..=0x0B;
/// The short cell records `BrtShortBlank` … `BrtShortIsst`: `BrtCellBlank` … `BrtCellIsst`
/// without the column.
const SHORT_CELLS: std::ops::RangeInclusive<u32> = 0x0C..=0x12;
/// From a short cell record's type to its full form's.
const SHORT_TO_FULL: u32 = 0x0B;

/// Checks the binary parts calamine reads (workbook, styles, shared strings and the sheets in a
/// worksheets folder) and refuses a record longer than what is left of its part. When a sheet
/// holds short cell records, returns the package rebuilt with those sheets rewritten in the full
/// form (the other parts copied as they are, still compressed); `None` when nothing needs it.
pub(super) fn check_and_expand(
    bytes: &[u8],
    parts: &[String],
) -> Result<Option<Vec<u8>>, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut rewritten: Vec<(usize, Vec<u8>)> = Vec::new();
    for (i, name) in parts.iter().enumerate() {
        let lower = super::package::part_key(name);
        let file = lower.rsplit('/').next().unwrap_or(&lower);
        let sheet = lower.contains("worksheets/") && lower.ends_with(".bin");
        if !(sheet || matches!(file, "workbook.bin" | "styles.bin" | "sharedstrings.bin")) {
            continue;
        }
        let part = zip.by_index(i).map_err(|e| damaged(&e))?;
        let size = part.size();
        let mut part = std::io::BufReader::new(part);
        if sheet {
            if let Some(full) = expand(&mut part, size, name)? {
                rewritten.push((i, full));
            }
        } else {
            walk(&mut part, size, name, |_, _| Ok(()))?;
        }
    }
    if rewritten.is_empty() {
        return Ok(None);
    }
    let mut out = Package::with_capacity(bytes.len());
    for i in 0..zip.len() {
        match rewritten.iter().position(|(k, _)| *k == i) {
            Some(p) => {
                let name = zip
                    .by_index_raw(i)
                    .map_err(|e| damaged(&e))?
                    .name_raw()
                    .to_vec();
                out.add_stored(&name, &rewritten[p].1)?;
            }
            None => {
                let mut entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
                // Copied as it is stored, with its method's number (APPNOTE 4.4.5).
                #[allow(deprecated)]
                let method = match entry.compression() {
                    zip::CompressionMethod::Stored => Some(0),
                    zip::CompressionMethod::Deflated => Some(8),
                    // The methods this build of the zip crate cannot inflate keep their number.
                    zip::CompressionMethod::Unsupported(m) => Some(m),
                    _ => None,
                };
                let name = entry.name_raw().to_vec();
                match method {
                    Some(method) => {
                        let (crc, size) = (entry.crc32(), entry.size());
                        let mut data = Vec::new();
                        entry.read_to_end(&mut data).map_err(|e| damaged(&e))?;
                        out.add(&name, method, crc, size, &data)?;
                    }
                    // Another method: copied inflated.
                    None => {
                        drop(entry);
                        let mut data = Vec::new();
                        zip.by_index(i)
                            .map_err(|e| damaged(&e))?
                            .read_to_end(&mut data)
                            .map_err(|e| damaged(&e))?;
                        out.add_stored(&name, &data)?;
                    }
                }
            }
        }
    }
    out.finish().map(Some)
}

/// A zip package written as calamine reads it: each part's local header and data, then the
/// central directory. Parts are stored, or copied still compressed (deflate) from the package
/// read; no zip64 (the package is within the caps, far below 4 GB and 65,535 parts). Written
/// here rather than with the zip crate's writer, whose compressors the app would otherwise
/// carry in its first load for this one use.
struct Package {
    out: Vec<u8>,
    directory: Vec<u8>,
    parts: u16,
}

impl Package {
    fn with_capacity(n: usize) -> Package {
        Package {
            out: Vec::with_capacity(n),
            directory: Vec::new(),
            parts: 0,
        }
    }

    fn add_stored(&mut self, name: &[u8], data: &[u8]) -> Result<(), ReadError> {
        self.add(name, 0, crc32fast::hash(data), data.len() as u64, data)
    }

    /// A part: its name, compression method (0 stored, 8 deflate), the CRC-32 and size of its
    /// content, and its data as stored.
    fn add(
        &mut self,
        name: &[u8],
        method: u16,
        crc: u32,
        size: u64,
        data: &[u8],
    ) -> Result<(), ReadError> {
        let too_big = || damaged(&"a part too large to write back");
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let stored = u32::try_from(data.len()).map_err(|_| too_big())?;
        let size = u32::try_from(size).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        self.parts = self.parts.checked_add(1).ok_or_else(too_big)?;
        // Bit 11: the name is UTF-8 (said only of a name that needs it and is). Date
        // 1980-01-01, time 00:00.
        let utf8 = !name.is_ascii() && std::str::from_utf8(name).is_ok();
        let (flags, time, date) = (u16::from(utf8) << 11, 0u16, 0x21u16);
        let common = |v: &mut Vec<u8>| {
            for x in [20u16, flags, method, time, date] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            for x in [crc, stored, size] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name);
        self.out.extend_from_slice(data);
        let d = &mut self.directory;
        d.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        d.extend_from_slice(&20u16.to_le_bytes());
        common(d);
        // Comment length, disk, internal and external attributes, then where the part starts.
        d.extend_from_slice(&[0; 10]);
        d.extend_from_slice(&offset.to_le_bytes());
        d.extend_from_slice(name);
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, ReadError> {
        let too_big = || damaged(&"a package too large to write back");
        let start = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(self.directory.len()).map_err(|_| too_big())?;
        self.out.extend_from_slice(&self.directory);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]);
        self.out.extend_from_slice(&self.parts.to_le_bytes());
        self.out.extend_from_slice(&self.parts.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        Ok(self.out)
    }
}

/// Walks the records of a part, calling `each(type, body reader)` for every record; `each`
/// must consume exactly the record's body or leave it for the walk to skip (it returns how
/// much it read through the `Take`).
fn walk<R: Read>(
    part: &mut R,
    size: u64,
    name: &str,
    mut each: impl FnMut(u32, &mut std::io::Take<&mut R>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut left = size;
    let cut = || ReadError::damaged(Part::Workbook, format!("a record in {name} is cut short"));
    // Type: one byte, or two when the first has its high bit set.
    while let Some(b) = read_byte(part)? {
        let mut header = 1;
        let mut typ = u32::from(b & 0x7F);
        if b & 0x80 != 0 {
            let b2 = read_byte(part)?.ok_or_else(cut)?;
            typ |= u32::from(b2 & 0x7F) << 7;
            header += 1;
        }
        // Length: up to four bytes of seven bits.
        let mut len: u64 = 0;
        for k in 0..4 {
            let b = read_byte(part)?.ok_or_else(cut)?;
            header += 1;
            len |= u64::from(b & 0x7F) << (7 * k);
            if b & 0x80 == 0 {
                break;
            }
        }
        left = left.saturating_sub(header);
        if len > left {
            return Err(ReadError::damaged(
                Part::Workbook,
                format!("a record in {name} claims {len} bytes, more than the {left} left in it"),
            ));
        }
        left -= len;
        let mut body = (&mut *part).take(len);
        each(typ, &mut body)?;
        // What `each` left of the body is skipped.
        let rest = body.limit();
        let skipped = std::io::copy(&mut body, &mut std::io::sink()).map_err(|e| damaged(&e))?;
        if skipped != rest {
            return Err(cut());
        }
    }
    Ok(())
}

/// A sheet part with its short cell records in the full form, or `None` when it has none.
/// The part's records are copied one by one; the size is the part's, already within the caps.
fn expand<R: Read>(part: &mut R, size: u64, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
    let mut out = Vec::new();
    let mut short = false;
    // The column of the row's last cell; a row's first short cell is in column 0.
    let mut last: Option<u32> = None;
    walk(part, size, name, |typ, body| {
        let mut data = Vec::new();
        body.read_to_end(&mut data).map_err(|e| damaged(&e))?;
        let mut typ = typ;
        if typ == ROW_HEADER {
            last = None;
        } else if FULL_CELLS.contains(&typ) && data.len() >= 4 {
            last = Some(u32::from_le_bytes([data[0], data[1], data[2], data[3]]));
        } else if SHORT_CELLS.contains(&typ) {
            short = true;
            let col = last.map_or(0, |c| c.saturating_add(1));
            last = Some(col);
            typ -= SHORT_TO_FULL;
            data.splice(0..0, col.to_le_bytes());
        }
        write_record(&mut out, typ, &data);
        Ok(())
    })?;
    Ok(short.then_some(out))
}

/// Appends one record: its type and length as [MS-XLSB] encodes them, then its body.
fn write_record(out: &mut Vec<u8>, typ: u32, body: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push(((typ >> 7) & 0x7F) as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
}

fn read_byte(r: &mut impl Read) -> Result<Option<u8>, ReadError> {
    let mut b = [0u8];
    loop {
        return match r.read(&mut b) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(b[0])),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => Err(damaged(&e)),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(bytes: &[u8]) -> Vec<(u32, Vec<u8>)> {
        let mut got = Vec::new();
        walk(
            &mut Cursor::new(bytes),
            bytes.len() as u64,
            "sheet1.bin",
            |t, b| {
                let mut d = Vec::new();
                b.read_to_end(&mut d).map_err(|e| damaged(&e))?;
                got.push((t, d));
                Ok(())
            },
        )
        .unwrap();
        got
    }

    /// A package written back reads as the zip crate reads any: the parts copied compressed and
    /// the part stored anew, names in UTF-8, every CRC checked on reading.
    #[test]
    fn a_package_written_back_reads_whole() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/workbook.bin", deflated).unwrap();
        w.write_all(&[7u8; 5000]).unwrap();
        w.start_file("xl/worksheets/sheet1.bin", deflated).unwrap();
        w.write_all(b"short").unwrap();
        let source = w.finish().unwrap().into_inner();
        let mut zip = zip::ZipArchive::new(Cursor::new(&source)).unwrap();
        let mut out = Package::with_capacity(0);
        let mut entry = zip.by_index_raw(0).unwrap();
        let (name, crc, size) = (entry.name_raw().to_vec(), entry.crc32(), entry.size());
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        assert!(data.len() < 5000, "copied still compressed");
        out.add(&name, 8, crc, size, &data).unwrap();
        out.add_stored("xl/worksheets/sheet1.bin".as_bytes(), b"full form")
            .unwrap();
        out.add_stored("xl/tên.bin".as_bytes(), b"").unwrap();
        let back = out.finish().unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(back)).unwrap();
        let mut read = |i: usize| {
            let mut f = zip.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().to_string(), v)
        };
        assert_eq!(read(0), ("xl/workbook.bin".into(), vec![7u8; 5000]));
        assert_eq!(
            read(1),
            ("xl/worksheets/sheet1.bin".into(), b"full form".to_vec())
        );
        assert_eq!(read(2), ("xl/tên.bin".into(), vec![]));
    }

    #[test]
    fn short_cells_get_the_column_after_the_previous_cell() {
        let mut sheet = Vec::new();
        write_record(&mut sheet, ROW_HEADER, &[0; 17]);
        // BrtCellRk in column 2, then BrtShortReal and BrtShortIsst.
        write_record(&mut sheet, 0x02, &[2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
        write_record(&mut sheet, 0x10, &[0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
        write_record(&mut sheet, 0x12, &[0, 0, 0, 0, 9, 0, 0, 0]);
        // A new row whose first cell is short: column 0.
        write_record(&mut sheet, ROW_HEADER, &[0; 17]);
        write_record(&mut sheet, 0x0D, &[0, 0, 0, 0, 3, 0, 0, 0]);
        let full = expand(&mut Cursor::new(&sheet), sheet.len() as u64, "sheet1.bin")
            .unwrap()
            .unwrap();
        let got = records(&full);
        let cells: Vec<(u32, u32)> = got
            .iter()
            .filter(|(t, _)| *t != ROW_HEADER)
            .map(|(t, d)| (*t, u32::from_le_bytes([d[0], d[1], d[2], d[3]])))
            .collect();
        assert_eq!(cells, vec![(0x02, 2), (0x05, 3), (0x07, 4), (0x02, 0)]);
        // The bodies follow the column unchanged.
        assert_eq!(&got[2].1[4..], &[0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn a_sheet_without_short_cells_is_left_alone() {
        let mut sheet = Vec::new();
        write_record(&mut sheet, ROW_HEADER, &[0; 17]);
        write_record(&mut sheet, 0x02, &[0; 12]);
        assert_eq!(
            expand(&mut Cursor::new(&sheet), sheet.len() as u64, "s").unwrap(),
            None
        );
    }

    #[test]
    fn a_long_record_keeps_its_length_encoding() {
        let mut out = Vec::new();
        write_record(&mut out, 0x94, &[7; 300]);
        assert_eq!(&out[..4], &[0x94, 0x01, 0xAC, 0x02]);
        assert_eq!(records(&out), vec![(0x94, vec![7; 300])]);
    }

    #[test]
    fn a_record_longer_than_its_part_is_damaged() {
        let bytes = [0x02, 0x7F, 0, 0];
        let err = walk(&mut Cursor::new(&bytes), 4, "sheet1.bin", |_, _| Ok(())).unwrap_err();
        assert!(
            matches!(err, ReadError::Damaged { part: Part::Workbook, detail } if detail.contains("claims 127 bytes"))
        );
    }
}
