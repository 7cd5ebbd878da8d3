//! Legacy workbooks (.xls): the compound file read with checked indexing and bounded chains,
//! the BIFF records calamine trusts checked, and a clean compound file written for calamine.

use super::{Found, Limit, Part, ReadError, MAX_CELLS};

const MAXREGSECT: u32 = 0xFFFF_FFFA;
const FATSECT: u32 = 0xFFFF_FFFD;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
/// Streams shorter than this live in the mini stream (calamine's cut-off, the format's).
const MINI_CUTOFF: usize = 4096;
/// The sector size of the compound file written for calamine.
const OUT_SECTOR: usize = 4096;

fn damaged(what: &str) -> ReadError {
    ReadError::damaged(Part::CompoundFile, what)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    /// Sectors in the file (the last may be short).
    sectors: usize,
    fat: Vec<u32>,
}

impl Compound<'_> {
    fn sector(&self, id: u32) -> Result<&[u8], ReadError> {
        // Checked: on wasm32 a sector id times the sector size overflows usize.
        let start = (id as usize)
            .checked_add(1)
            .and_then(|k| k.checked_mul(self.sector))
            .unwrap_or(usize::MAX);
        let end = start.saturating_add(self.sector).min(self.bytes.len());
        self.bytes
            .get(start..end)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| damaged("a sector lies past the end of the file"))
    }

    /// The bytes of a chain of sectors, at most `max` of them. Each step is checked; a
    /// chain longer than the file has sectors is a loop.
    fn chain(&self, mut id: u32, max: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut steps = 0;
        while id != ENDOFCHAIN && out.len() < max {
            if id > MAXREGSECT {
                return Err(damaged("a sector chain is broken"));
            }
            steps += 1;
            if steps > self.sectors {
                return Err(damaged("a sector chain loops"));
            }
            let s = self.sector(id)?;
            out.extend_from_slice(&s[..s.len().min(max - out.len())]);
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| damaged("a sector lies outside the allocation table"))?;
        }
        Ok(out)
    }
}

struct Entry {
    name: String,
    start: u32,
    size: u64,
}

/// The workbook stream ("Workbook", or "Book" for Excel 5/95) of a compound file.
pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    if bytes.len() < 512 {
        return Err(damaged("shorter than its header"));
    }
    let sector = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err(damaged("unknown sector size")),
    };
    let major = u16_at(bytes, 26).unwrap_or(3);
    let field = |at| u32_at(bytes, at).unwrap_or(ENDOFCHAIN);
    let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
        (field(48), field(60), field(64), field(68));
    let sectors = bytes.len().saturating_sub(sector).div_ceil(sector);
    let mut file = Compound {
        bytes,
        sector,
        sectors,
        fat: Vec::new(),
    };

    // The allocation table's own sectors: 109 in the header, then a chain of DIFAT sectors.
    let mut fat_sectors: Vec<u32> = u32s(&bytes[76..512]).collect();
    let mut id = difat_start;
    let mut steps = 0;
    while id < MAXREGSECT {
        steps += 1;
        if steps > sectors {
            return Err(damaged("the DIFAT chain loops"));
        }
        let s = file.sector(id)?;
        let mut ids: Vec<u32> = u32s(s).collect();
        id = ids.pop().unwrap_or(ENDOFCHAIN);
        fat_sectors.extend(ids);
    }
    let fat_sectors: Vec<u32> = fat_sectors
        .into_iter()
        .filter(|id| *id <= MAXREGSECT)
        .collect();
    if fat_sectors.len() > sectors {
        return Err(damaged("more allocation sectors than the file has"));
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
    for id in fat_sectors {
        fat.extend(u32s(file.sector(id)?));
    }
    file.fat = fat;

    let dir = file.chain(dir_start, usize::MAX)?;
    let entries: Vec<Entry> = dir
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            let size = if major == 3 {
                u64::from(u32_at(e, 120).unwrap_or(0))
            } else {
                u32_at(e, 120).map_or(0, u64::from)
                    | u32_at(e, 124).map_or(0, |h| u64::from(h) << 32)
            };
            Entry {
                name: String::from_utf16_lossy(&units),
                start: u32_at(e, 116).unwrap_or(ENDOFCHAIN),
                size,
            }
        })
        .collect();
    let Some(root) = entries.first() else {
        return Err(damaged("no directory"));
    };

    let read = |entry: &Entry| -> Result<Vec<u8>, ReadError> {
        // No stream holds more than the file.
        let size = usize::try_from(entry.size)
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        if size >= MINI_CUTOFF {
            return file.chain(entry.start, size);
        }
        let ministream = file.chain(
            root.start,
            usize::try_from(root.size)
                .unwrap_or(usize::MAX)
                .min(bytes.len()),
        )?;
        let minifat: Vec<u32> = u32s(
            &file.chain(
                mini_fat_start,
                (mini_fat_len as usize)
                    .saturating_mul(sector)
                    .min(bytes.len()),
            )?,
        )
        .collect();
        let mut out = Vec::with_capacity(size);
        let mut id = entry.start;
        let mut steps = 0;
        while id != ENDOFCHAIN && out.len() < size {
            steps += 1;
            if steps > ministream.len() / 64 + 1 {
                return Err(damaged("a mini sector chain loops"));
            }
            let start = (id as usize).saturating_mul(64);
            let chunk = ministream
                .get(start..start.saturating_add(64).min(ministream.len()))
                .filter(|c| !c.is_empty())
                .ok_or_else(|| damaged("a mini sector lies past the mini stream"))?;
            out.extend_from_slice(&chunk[..chunk.len().min(size - out.len())]);
            id = *minifat
                .get(id as usize)
                .ok_or_else(|| damaged("a mini sector lies outside its table"))?;
        }
        Ok(out)
    };
    let named = |name: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(name));
    match (named("Workbook"), named("Book")) {
        (Some(w), book) => read(w).or_else(|e| book.map_or(Err(e), read)),
        (None, Some(b)) => read(b),
        (None, None) => Err(ReadError::Unsupported(Found::OfficeWithoutWorkbook)),
    }
}

/// A BIFF record: where its header starts in the stream, its type, its data and the data
/// of the CONTINUE records after it (merged into it, as calamine does).
struct Rec<'a> {
    start: usize,
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// The records of the stream from `from` on, as calamine's record iterator reads them.
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Rec<'_>> {
    let mut at = from;
    std::iter::from_fn(move || {
        let s = stream.get(at..)?;
        let typ = u16_at(s, 0)?;
        let len = usize::from(u16_at(s, 2)?);
        let data = s.get(4..4 + len)?;
        let start = at;
        at += 4 + len;
        let mut cont = Vec::new();
        while stream.len() - at > 4 && u16_at(stream, at) == Some(0x003C) {
            let len = usize::from(u16_at(stream, at + 2)?);
            cont.push(stream.get(at + 4..at + 4 + len)?);
            at += 4 + len;
        }
        Some(Rec {
            start,
            typ,
            data,
            cont,
        })
    })
}

/// Whether calamine's reading of the shared string table (SST) stays in bounds: the
/// optional run count and extension size it reads without checking, and the flags byte of
/// each CONTINUE a string goes on in.
fn sst_in_bounds<'a>(rec: &Rec<'a>) -> bool {
    let Some(mut data) = rec.data.get(8..) else {
        return true; // calamine says the record is too short
    };
    let mut cont = rec.cont.iter();
    let mut next = |data: &mut &'a [u8]| match cont.next() {
        Some(c) => {
            *data = c;
            true
        }
        None => false,
    };
    while !data.is_empty() || next(&mut data) {
        if data.is_empty() {
            continue; // an empty string, nothing read
        }
        if data.len() < 3 {
            return true; // calamine's own error
        }
        let mut len = usize::from(u16_at(data, 0).unwrap_or(0));
        let flags = data[2];
        data = &data[3..];
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let Some(runs) = u16_at(data, 0) else {
                return false;
            };
            skip = usize::from(runs) * 4;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(ext) = u32_at(data, 0) else {
                return false;
            };
            skip = skip.saturating_add(ext as i32 as usize);
            data = &data[4..];
        }
        let mut wide = flags & 0x1 != 0;
        while len > 0 {
            let n = if wide {
                (data.len() / 2).min(len)
            } else {
                data.len().min(len)
            };
            data = &data[if wide { 2 * n } else { n }..];
            len -= n;
            if len > 0 {
                if !next(&mut data) {
                    return true; // calamine's own error
                }
                let Some(&flag) = data.first() else {
                    return false;
                };
                wide = flag & 0x1 != 0;
                data = &data[1..];
            }
        }
        while skip > 0 {
            if data.is_empty() && !next(&mut data) {
                return true; // calamine's own error
            }
            let n = skip.min(data.len());
            data = &data[n..];
            skip -= n;
        }
    }
    true
}

fn broken(what: &str) -> ReadError {
    ReadError::damaged(Part::Workbook, what)
}

/// A sheet of more cells than accepted.
fn too_many_cells(span: u64) -> ReadError {
    ReadError::TooLarge(Limit::Cells {
        sheet: None,
        declared: Some(span),
        max: MAX_CELLS as u64,
    })
}

/// Checks what calamine would trust in the workbook stream and returns the stream as
/// calamine gets it. Checked: the sheets' offsets, the records it reads without checking
/// their length, the shared strings, each sheet's declared dimensions (it reserves rows ×
/// columns from them, and an inverted range overflows) and the span of its cells (it
/// allocates the whole rectangle). Emptied: the formulas of cells and defined names, which
/// calamine parses token by token without bounds checks and Attain never uses (a cell's
/// value is stored beside its formula).
pub(super) fn check_biff(stream: &[u8]) -> Result<Vec<u8>, ReadError> {
    let edits = scan(stream)?;
    if edits.is_empty() {
        return Ok(stream.to_vec());
    }
    let mut out = stream.to_vec();
    for (at, value) in edits {
        out[at..at + 2].copy_from_slice(&value.to_le_bytes());
    }
    // Records read from two offsets may overlap: the edited stream must need no more.
    if !scan(&out)?.is_empty() {
        return Err(broken("its records overlap"));
    }
    Ok(out)
}

/// The checks of [`check_biff`], and the 16-bit writes that empty the formulas.
fn scan(stream: &[u8]) -> Result<Vec<(usize, u16)>, ReadError> {
    let mut edits = Vec::new();
    let mut sheets = Vec::new();
    // BIFF8 unless a BOF says otherwise (calamine's default and reading of BOF).
    let mut biff8 = true;
    for rec in records(stream, 0) {
        let data = rec.data;
        match rec.typ {
            // FilePass: encrypted or XOR-obfuscated with a password; the records after it are
            // ciphertext.
            0x002F => return Err(ReadError::Encrypted),
            // Records calamine reads a 16-bit value from without checking their length: BOF,
            // CodePage, DateMode, and ExternSheet in BIFF8.
            0x0809 | 0x0042 | 0x0022 if data.len() < 2 => {
                return Err(broken("a record is too short"))
            }
            0x0017 if biff8 && data.len() < 2 => return Err(broken("a record is too short")),
            0x0809 => {
                let version = u16_at(data, 0).unwrap_or(0);
                let kind = u16_at(data, 2).unwrap_or(0);
                biff8 = match version {
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                    0 => kind != 0x1000,
                    _ => true,
                };
            }
            // BoundSheet8: offset (4), state (1), type (1), then the name.
            0x0085 if data.len() < 6 => return Err(broken("a sheet record is too short")),
            0x0085 => sheets.push(u32_at(data, 0).unwrap_or(0) as usize),
            // Lbl (a defined name): becomes a record calamine skips.
            0x0018 => edits.push((rec.start, 0)),
            // SST: the shared strings.
            0x00FC if !sst_in_bounds(&rec) => {
                return Err(broken("the shared strings run past their records"))
            }
            0x000A => break,
            _ => {}
        }
    }
    for pos in sheets {
        if pos > stream.len() {
            return Err(broken("a sheet lies past the end of the workbook"));
        }
        let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
        let mut cell = |r: u32, c0: u32, c1: u32| {
            rows = (rows.0.min(r), rows.1.max(r));
            cols = (cols.0.min(c0.min(c1)), cols.1.max(c0.max(c1)));
        };
        let (mut seen_bof, mut depth) = (false, 0usize);
        for rec in records(stream, pos) {
            let (typ, data) = (rec.typ, rec.data);
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let at = |i| u16_at(data, i).map_or(0, u32::from);
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (at(0), at(2), at(4), at(6)),
                        14 | 16 => (
                            u32_at(data, 0).unwrap_or(0),
                            u32_at(data, 4).unwrap_or(0),
                            at(8),
                            at(10),
                        ),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    if rl >= 1 && cl >= 1 {
                        let (last_row, last_col) = (rl - 1, cl - 1);
                        if last_row < rf || last_col < cf {
                            return Err(broken("a sheet's dimensions are inverted"));
                        }
                        let span = (u64::from(last_row - rf) + 1)
                            .saturating_mul(u64::from(last_col - cf) + 1);
                        if span > MAX_CELLS as u64 {
                            return Err(too_many_cells(span));
                        }
                    }
                }
                // Formula: row, column, format, value (8), flags, cache, then the formula's
                // length and tokens. Its length set to 0; too short for one, skipped.
                0x0006 if (20..22).contains(&data.len()) => edits.push((rec.start, 0)),
                0x0006 if data.len() >= 22 => {
                    cell(at(0), at(2), at(2));
                    if at(20) != 0 {
                        edits.push((rec.start + 4 + 20, 0));
                    }
                }
                // Cells: row and column first.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                    cell(at(0), at(2), at(2))
                }
                // MulRk: row, first column, …, last column.
                0x00BD if data.len() >= 6 => {
                    if at(data.len() - 2) < at(2) {
                        return Err(broken("a row of numbers ends before it starts"));
                    }
                    cell(at(0), at(2), at(data.len() - 2))
                }
                // MergeCells: a count, then 8 bytes for each region.
                0x00E5 if data.len() < 2 + 8 * at(0) as usize => {
                    return Err(broken("a merged-cells record is too short"))
                }
                _ => {}
            }
        }
        if rows.0 <= rows.1 {
            let span =
                (u64::from(rows.1 - rows.0) + 1).saturating_mul(u64::from(cols.1 - cols.0) + 1);
            if span > MAX_CELLS as u64 {
                return Err(too_many_cells(span));
            }
        }
    }
    Ok(edits)
}

/// A compound file (version 4, 4096-byte sectors) holding only the workbook stream, at
/// least as long as the mini-stream cut-off so that it sits in regular sectors.
pub(super) fn rebuild(stream: &[u8]) -> Result<Vec<u8>, ReadError> {
    let declared = stream.len().max(MINI_CUTOFF);
    let data_sectors = declared.div_ceil(OUT_SECTOR);
    let per_fat = OUT_SECTOR / 4;
    let mut fat_sectors = 1;
    while data_sectors + fat_sectors + 1 > fat_sectors * per_fat {
        fat_sectors += 1;
    }
    if fat_sectors > 109 {
        return Err(ReadError::TooLarge(Limit::WorkbookStream));
    }
    let dir_sector = data_sectors + fat_sectors;
    let total = (1 + dir_sector + 1) * OUT_SECTOR;
    let mut out = vec![0u8; total];
    let put16 =
        |out: &mut [u8], at: usize, v: u16| out[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |out: &mut [u8], at: usize, v: u32| out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    // Header.
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut out, 24, 0x003E);
    put16(&mut out, 26, 4);
    put16(&mut out, 28, 0xFFFE);
    put16(&mut out, 30, 12);
    put16(&mut out, 32, 6);
    put32(&mut out, 40, 1);
    put32(&mut out, 44, fat_sectors as u32);
    put32(&mut out, 48, dir_sector as u32);
    put32(&mut out, 56, MINI_CUTOFF as u32);
    put32(&mut out, 60, ENDOFCHAIN);
    put32(&mut out, 64, 0);
    put32(&mut out, 68, ENDOFCHAIN);
    put32(&mut out, 72, 0);
    for i in 0..109 {
        let id = if i < fat_sectors {
            (data_sectors + i) as u32
        } else {
            FREESECT
        };
        put32(&mut out, 76 + 4 * i, id);
    }
    let offset = |id: usize| (id + 1) * OUT_SECTOR;
    // The stream, zero-padded.
    out[offset(0)..offset(0) + stream.len()].copy_from_slice(stream);
    // The allocation table.
    for id in 0..fat_sectors * per_fat {
        let next = if id + 1 < data_sectors {
            (id + 1) as u32
        } else if id + 1 == data_sectors || id == dir_sector {
            ENDOFCHAIN
        } else if id >= data_sectors && id < dir_sector {
            FATSECT
        } else {
            FREESECT
        };
        put32(&mut out, offset(data_sectors) + 4 * id, next);
    }
    // The directory: the root, then the workbook stream.
    let dir = offset(dir_sector);
    let mut entry = |index: usize, name: &str, kind: u8, start: u32, size: u64| {
        let at = dir + 128 * index;
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            put16(&mut out, at + 2 * i, *u);
        }
        put16(&mut out, at + 64, (2 * units.len() + 2) as u16);
        out[at + 66] = kind;
        out[at + 67] = 1;
        for link in [68, 72, 76] {
            put32(&mut out, at + link, FREESECT);
        }
        put32(&mut out, at + 116, start);
        out[at + 120..at + 128].copy_from_slice(&size.to_le_bytes());
    };
    entry(0, "Root Entry", 5, 0, 0);
    entry(1, "Workbook", 2, 0, declared as u64);
    put32(&mut out, dir + 76, 1);
    for index in 2..OUT_SECTOR / 128 {
        let at = dir + 128 * index;
        for link in [68, 72, 76] {
            put32(&mut out, at + link, FREESECT);
        }
        put32(&mut out, at + 116, ENDOFCHAIN);
    }
    Ok(out)
}
