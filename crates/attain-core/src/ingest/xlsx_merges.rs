//! The merged regions of an xlsx's sheets, read from the end of each sheet part.
//!
//! calamine finds a sheet's merged regions by parsing the whole sheet's XML a second time
//! (they come after the cells): for a 100,000-row sheet that doubled the reading time. Here
//! the part is inflated once more but only searched, for the end of its cells (`</sheetData>`,
//! which no cell text can contain, `<` being escaped there), and only what follows is parsed.
//! Where the workbook's own lists do not lead to a sheet's part unambiguously, the caller asks
//! calamine as before.

use super::package::part_key;
use crate::model::Merge;
use quick_xml::escape::unescape;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most bytes after a sheet's cells that are parsed here (merged regions, formats,
/// validations); a longer tail goes to calamine.
const MAX_TAIL_BYTES: usize = 16 * 1024 * 1024;

/// The zip part of each sheet, by sheet name, from the workbook part and its relationships;
/// `None` when they cannot be read or do not name exactly one part per sheet.
pub(super) fn sheet_parts(bytes: &[u8], parts: &[String]) -> Option<HashMap<String, String>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let find = |path: &str| -> Option<String> {
        let wanted = part_key(path);
        let mut found = parts.iter().filter(|p| part_key(p) == wanted);
        match (found.next(), found.next()) {
            (Some(p), None) => Some(p.clone()),
            _ => None,
        }
    };
    // The workbook part, as the package's relationships name it.
    let root_rels = read_small(&mut zip, &find("_rels/.rels")?)?;
    let workbook = relationships(&root_rels)?
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, _, target)| target)?;
    let workbook = resolve("", &workbook);
    let dir = workbook.rsplit_once('/').map_or("", |(d, _)| d);
    let file = workbook.rsplit_once('/').map_or(&workbook[..], |(_, f)| f);
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let targets: HashMap<String, String> =
        relationships(&read_small(&mut zip, &find(&rels_path)?)?)?
            .into_iter()
            .map(|(id, _, target)| (id, target))
            .collect();
    let mut out = HashMap::new();
    for (name, id) in sheets(&read_small(&mut zip, &find(&workbook)?)?)? {
        let part = find(&resolve(dir, targets.get(&id)?))?;
        if out.insert(name, part).is_some() {
            return None;
        }
    }
    Some(out)
}

/// The merged regions of one sheet part; `None` when the part cannot be read here.
pub(super) fn merges(bytes: &[u8], part: &str) -> Option<Vec<Merge>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entry = zip.by_name(part).ok()?;
    let end = memchr::memmem::Finder::new(b"sheetData>");
    let mut buf = vec![0u8; 256 * 1024];
    // The bytes kept from the previous read, so that a match across two reads is seen.
    let mut carry = 0;
    let mut tail: Option<Vec<u8>> = None;
    loop {
        let n = entry.read(&mut buf[carry..]).ok()?;
        if n == 0 {
            break;
        }
        let filled = carry + n;
        if let Some(t) = tail.as_mut() {
            t.extend_from_slice(&buf[..filled]);
            if t.len() > MAX_TAIL_BYTES {
                return None;
            }
            carry = 0;
            continue;
        }
        let window = &buf[..filled];
        let mut found = None;
        for at in end.find_iter(window) {
            if closes_sheet_data(&window[..at]) {
                found = Some(at + b"sheetData>".len());
            }
        }
        if let Some(after) = found {
            tail = Some(window[after..].to_vec());
            carry = 0;
        } else {
            // Keep enough to see `</prefix:sheetData>` split across reads.
            let keep = filled.min(64);
            buf.copy_within(filled - keep..filled, 0);
            carry = keep;
        }
    }
    // A sheet without a cell list has no merged regions either.
    let Some(tail) = tail else {
        return Some(Vec::new());
    };
    merges_in(&tail)
}

/// True when the text before `sheetData>` makes it a closing tag: `</` or `</prefix:`.
fn closes_sheet_data(before: &[u8]) -> bool {
    let Some(lt) = before.iter().rposition(|b| *b == b'<') else {
        return false;
    };
    let tag = &before[lt + 1..];
    tag.first() == Some(&b'/')
        && (tag.len() == 1
            || (tag.last() == Some(&b':')
                && tag[1..tag.len() - 1]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))))
}

/// The `mergeCell ref="A1:C2"` elements of the XML after a sheet's cells.
fn merges_in(tail: &[u8]) -> Option<Vec<Merge>> {
    let mut reader = quick_xml::Reader::from_reader(tail);
    // The tail starts inside the sheet's element, whose end tag closes nothing here.
    reader.config_mut().allow_unmatched_ends = true;
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "mergeCell" => {
                for attr in e.attributes() {
                    let attr = attr.ok()?;
                    if attr.key.local_name().as_ref() == "ref" {
                        out.push(range(&unescape(&attr.value).ok()?)?);
                    }
                }
            }
            Ok(Event::Eof) => return Some(out),
            Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// "B2:D3" (or a single "B2") as a region.
fn range(text: &str) -> Option<Merge> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    let (first_row, first_col) = cell_ref(a)?;
    let (last_row, last_col) = cell_ref(b)?;
    (last_row >= first_row && last_col >= first_col).then_some(Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    })
}

/// "AB12" as 0-based (row, column), within Excel's limits.
fn cell_ref(text: &str) -> Option<(usize, usize)> {
    let text = text.trim().trim_start_matches('$');
    let split = text.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = text.split_at(split);
    let digits = digits.trim_start_matches('$');
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let col = letters.bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    }) - 1;
    let row: usize = digits.parse().ok()?;
    ((1..=super::limits::MAX_ROWS).contains(&row) && col < super::limits::MAX_COLUMNS)
        .then(|| (row - 1, col))
}

/// A small XML part (relationships, the workbook's sheet list) as bytes, at most 8 MB.
fn read_small(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let entry = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(8 * 1024 * 1024).read_to_end(&mut out).ok()?;
    Some(out)
}

/// (Id, Type, Target) of each relationship in a `.rels` part.
fn relationships(xml: &[u8]) -> Option<Vec<(String, String, String)>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let (mut id, mut kind, mut target) = (None, None, None);
                for attr in e.attributes() {
                    let attr = attr.ok()?;
                    let value = unescape(&attr.value).ok()?.into_owned();
                    match attr.key.local_name().as_ref() {
                        "Id" => id = Some(value),
                        "Type" => kind = Some(value),
                        "Target" => target = Some(value),
                        _ => {}
                    }
                }
                out.push((id?, kind.unwrap_or_default(), target?));
            }
            Event::Eof => return Some(out),
            _ => {}
        }
    }
}

/// (name, relationship id) of each `<sheet>` of the workbook part.
fn sheets(xml: &[u8]) -> Option<Vec<(String, String)>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let (mut name, mut id) = (None, None);
                for attr in e.attributes() {
                    let attr = attr.ok()?;
                    match attr.key.local_name().as_ref() {
                        "name" => name = Some(unescape(&attr.value).ok()?.into_owned()),
                        // `r:id`; `sheetId` has another local name.
                        "id" => id = Some(unescape(&attr.value).ok()?.into_owned()),
                        _ => {}
                    }
                }
                out.push((name?, id?));
            }
            Event::Eof => return Some(out),
            _ => {}
        }
    }
}

/// A relationship target as a package path: absolute ("/xl/worksheets/sheet1.xml") or
/// relative to the folder of the part that names it, with `..` resolved.
fn resolve(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut path: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        path.extend(dir.split('/').filter(|s| !s.is_empty()));
    }
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            p => path.push(p),
        }
    }
    path.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_from_references() {
        assert_eq!(
            range("B2:D3"),
            Some(Merge {
                first_row: 1,
                first_col: 1,
                last_row: 2,
                last_col: 3
            })
        );
        assert_eq!(
            range("$AA$10").map(|m| (m.first_row, m.first_col)),
            Some((9, 26))
        );
        assert_eq!(range("D3:B2"), None);
        assert_eq!(range("XFE1:XFE2"), None);
        assert_eq!(range("A0:B1"), None);
        assert_eq!(range("12"), None);
    }

    #[test]
    fn only_a_closing_tag_ends_the_cells() {
        assert!(closes_sheet_data(b"<row/></"));
        assert!(closes_sheet_data(b"</x:"));
        assert!(!closes_sheet_data(b"<"));
        assert!(!closes_sheet_data(b"</x:y z"));
        assert!(!closes_sheet_data(b"no tag"));
    }

    #[test]
    fn merges_after_the_cells_with_or_without_a_prefix() {
        let tail = br#"<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A2:A3"/></mergeCells><pageMargins left="0.7"/></worksheet>"#;
        assert_eq!(merges_in(tail).map(|m| m.len()), Some(2));
        let tail = br#"<x:mergeCells><x:mergeCell ref="B1:B2"></x:mergeCell></x:mergeCells></x:worksheet>"#;
        assert_eq!(
            merges_in(tail),
            Some(vec![Merge {
                first_row: 0,
                first_col: 1,
                last_row: 1,
                last_col: 1
            }])
        );
    }

    /// Every xlsx the tests have (the hostile ones are read through the caps in
    /// `tests/hostile.rs`): where this reader finds a sheet's part, its merged regions
    /// are calamine's, in the same order.
    #[test]
    fn the_same_regions_as_calamine_on_every_fixture() {
        use calamine::{Reader, Xlsx};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with("hostile") {
                        dirs.push(path);
                    }
                } else if path.extension().is_some_and(|e| e == "xlsx") {
                    files.push(path);
                }
            }
        }
        let (mut compared, mut with_merges) = (0, 0);
        for path in files {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(mut wb) = Xlsx::new(Cursor::new(&bytes[..])) else {
                continue;
            };
            let parts: Vec<String> = match zip::ZipArchive::new(Cursor::new(&bytes[..])) {
                Ok(z) => z.file_names().flatten().map(|n| n.to_string()).collect(),
                Err(_) => continue,
            };
            let Some(map) = sheet_parts(&bytes, &parts) else {
                continue;
            };
            for name in wb.sheet_names() {
                let Ok(theirs) = wb.merge_cells_by_sheet_name(&name) else {
                    continue;
                };
                let ours = map.get(&name).and_then(|p| merges(&bytes, p));
                assert_eq!(
                    ours,
                    Some(super::super::excel::merges_of(&theirs)),
                    "{} {name}",
                    path.display()
                );
                compared += 1;
                with_merges += usize::from(!theirs.is_empty());
            }
        }
        assert!(
            compared >= 12 && with_merges >= 8,
            "{compared} {with_merges}"
        );
    }

    #[test]
    fn targets_resolve_against_the_naming_part() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/sub", "../worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }
}
