//! BIFF records straight to the .xls reader: the input is a workbook stream, wrapped here in a
//! well-formed compound file, so that mutations reach the records (formulas, strings, cells)
//! instead of breaking the container. Nothing may panic, abort or allocate without bound.
#![no_main]

use attain_core::table::best_sheet;
use attain_core::{read_workbook, Table};
use libfuzzer_sys::fuzz_target;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const FATSECT: u32 = 0xFFFF_FFFD;

/// A version-3 compound file (512-byte sectors) holding `stream` as "Workbook", padded to the
/// mini-stream cut-off so it sits in regular sectors.
fn compound(stream: &[u8]) -> Vec<u8> {
    const S: usize = 512;
    let mut data = stream.to_vec();
    let declared = data.len().max(4096);
    data.resize(declared.div_ceil(S) * S, 0);
    let n = data.len() / S;
    let mut fats = 1;
    while n + fats + 1 > fats * (S / 4) {
        fats += 1;
    }
    let dir = n + fats;
    let mut out = vec![0u8; (dir + 2) * S];
    let put = |out: &mut Vec<u8>, at: usize, v: &[u8]| out[at..at + v.len()].copy_from_slice(v);
    put(&mut out, 0, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put(&mut out, 24, &0x3Eu16.to_le_bytes());
    put(&mut out, 26, &3u16.to_le_bytes());
    put(&mut out, 28, &0xFFFEu16.to_le_bytes());
    put(&mut out, 30, &9u16.to_le_bytes());
    put(&mut out, 32, &6u16.to_le_bytes());
    put(&mut out, 44, &(fats as u32).to_le_bytes());
    put(&mut out, 48, &(dir as u32).to_le_bytes());
    put(&mut out, 56, &4096u32.to_le_bytes());
    put(&mut out, 60, &ENDOFCHAIN.to_le_bytes());
    put(&mut out, 68, &ENDOFCHAIN.to_le_bytes());
    for i in 0..109 {
        let id = if i < fats { (n + i) as u32 } else { FREESECT };
        put(&mut out, 76 + 4 * i, &id.to_le_bytes());
    }
    put(&mut out, S, &data);
    for id in 0..fats * (S / 4) {
        let next = if id + 1 < n {
            (id + 1) as u32
        } else if id + 1 == n || id == dir {
            ENDOFCHAIN
        } else if (n..dir).contains(&id) {
            FATSECT
        } else {
            FREESECT
        };
        put(&mut out, (n + 1) * S + 4 * id, &next.to_le_bytes());
    }
    let d = (dir + 1) * S;
    for (i, (name, kind, size)) in [("Root Entry", 5u8, 0usize), ("Workbook", 2, declared)]
        .into_iter()
        .enumerate()
    {
        let at = d + 128 * i;
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        put(&mut out, at, &units);
        put(&mut out, at + 64, &((units.len() + 2) as u16).to_le_bytes());
        out[at + 66] = kind;
        put(&mut out, at + 116, &0u32.to_le_bytes());
        put(&mut out, at + 120, &(size as u32).to_le_bytes());
    }
    out
}

fuzz_target!(|stream: &[u8]| {
    if let Ok(wb) = read_workbook("f.xls", &compound(stream)) {
        let _ = Table::from_sheet(&wb.sheets[best_sheet(&wb)]);
    }
});
