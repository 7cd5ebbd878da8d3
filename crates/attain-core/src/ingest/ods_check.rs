//! OpenDocument spreadsheets: calamine expands repeated rows and cells (up to its own cap of
//! 100 million cells, gigabytes) before a cell reaches us, so content.xml is scanned first, as
//! a stream, for what that expansion would come to.

use super::{Limit, Part, ReadError, MAX_CELLS};
use std::io::Read;

/// The longest tag read whole (a tag of attributes longer than this is refused).
const MAX_TAG: usize = 1024 * 1024;
const MAX_ROWS: u64 = super::MAX_ROWS as u64;
const MAX_COLUMNS: u64 = super::MAX_COLUMNS as u64;

/// Calls `on_tag` with the inside of each tag (between `<` and `>`), comments, processing
/// instructions, CDATA and declarations skipped; quoted `>` do not end a tag.
fn scan_tags(
    mut xml: impl Read,
    mut on_tag: impl FnMut(&[u8]) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    #[derive(PartialEq)]
    enum State {
        Text,
        Tag(Option<u8>),
        Skip(&'static [u8]),
    }
    let mut state = State::Text;
    let mut tag = Vec::new();
    let mut tail = [0u8; 3];
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match xml.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::damaged(Part::Package, e)),
        };
        for &b in &buf[..n] {
            match &mut state {
                State::Text => {
                    if b == b'<' {
                        tag.clear();
                        state = State::Tag(None);
                    }
                }
                State::Skip(end) => {
                    tail.copy_within(1.., 0);
                    tail[2] = b;
                    if tail.ends_with(end) {
                        state = State::Text;
                    }
                }
                State::Tag(quote) => {
                    match (*quote, b) {
                        (None, b'>') => {
                            on_tag(&tag)?;
                            state = State::Text;
                            continue;
                        }
                        (None, b'"' | b'\'') => *quote = Some(b),
                        (Some(q), _) if q == b => *quote = None,
                        _ => {}
                    }
                    tag.push(b);
                    if tag.len() > MAX_TAG {
                        return Err(ReadError::TooLarge(Limit::Element {
                            max: MAX_TAG as u64,
                        }));
                    }
                    let skip: Option<&'static [u8]> = match tag.as_slice() {
                        b"!--" => Some(b"-->"),
                        b"?" => Some(b"?>"),
                        b"![CDATA[" => Some(b"]]>"),
                        _ => None,
                    };
                    if let Some(end) = skip {
                        tail = [0; 3];
                        state = State::Skip(end);
                    }
                }
            }
        }
    }
}

/// The local name of a tag and whether it closes (`</x>`) or is empty (`<x/>`).
fn name_of(tag: &[u8]) -> (&[u8], bool, bool) {
    let closing = tag.first() == Some(&b'/');
    let body = if closing { &tag[1..] } else { tag };
    let end = body
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(body.len());
    let name = &body[..end];
    let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
    (local, closing, tag.last() == Some(&b'/'))
}

/// The value of the first attribute with this local name.
fn attr<'a>(tag: &'a [u8], local: &[u8]) -> Option<&'a [u8]> {
    let mut rest = tag;
    // Skip the element name.
    let start = rest.iter().position(|b| b.is_ascii_whitespace())?;
    rest = &rest[start..];
    loop {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest = &rest[start..];
        let eq = rest.iter().position(|b| *b == b'=')?;
        let name = rest[..eq].trim_ascii();
        rest = rest[eq + 1..].trim_ascii_start();
        let quote = *rest.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let close = rest[1..].iter().position(|b| *b == quote)? + 1;
        let value = &rest[1..close];
        rest = &rest[close + 1..];
        let name_local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if name_local == local {
            return Some(value);
        }
    }
}

/// A repeat count as calamine takes it (at least 1), saturating.
fn repeats(tag: &[u8], local: &[u8]) -> u64 {
    attr(tag, local)
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

#[derive(Default)]
struct TableCount {
    /// Rows so far (repeats counted, capped like calamine at the grid's height).
    rows: u64,
    /// Cells calamine keeps before expanding rows: per row, up to its last non-empty cell.
    stored: u64,
    /// Rows from the first non-empty row to the last one, repeats counted.
    span_rows: u64,
    /// Empty rows since the last non-empty one (counted into the span if one follows).
    pending_empty: u64,
    /// The widest row, up to its last non-empty cell.
    width: u64,
    seen: bool,
}

impl TableCount {
    fn check(&self) -> Result<(), ReadError> {
        let span = self.span_rows.saturating_mul(self.width);
        if self.stored > MAX_CELLS as u64 || span > MAX_CELLS as u64 {
            return Err(ReadError::TooLarge(Limit::Cells {
                sheet: None,
                declared: None,
                max: MAX_CELLS as u64,
            }));
        }
        Ok(())
    }
}

/// Refuses content.xml whose repeated rows and cells would expand past [`MAX_CELLS`] in a
/// table. A cell counts as filled when it has a value or formula attribute or any content,
/// so the count is never below calamine's.
pub(super) fn check_content(xml: impl Read) -> Result<(), ReadError> {
    let mut table = TableCount::default();
    // The row being read: its repeat count, its width so far, up to its last filled cell.
    let mut row: Option<(u64, u64, u64)> = None;
    scan_tags(xml, |tag| {
        let (name, closing, empty) = name_of(tag);
        match (name, closing) {
            (b"table", false) => table = TableCount::default(),
            (b"table-row", false) => {
                let n = repeats(tag, b"number-rows-repeated");
                let n = n.min(MAX_ROWS.saturating_sub(table.rows));
                table.rows += n;
                row = Some((n, 0, 0));
                if empty {
                    // Expanded into a start and an end: an empty row.
                    table.pending_empty = table.pending_empty.saturating_add(n);
                    row = None;
                }
            }
            (b"table-cell" | b"covered-table-cell", false) => {
                if let Some((_, width, filled)) = &mut row {
                    let n = repeats(tag, b"number-columns-repeated");
                    *width = width.saturating_add(n).min(MAX_COLUMNS);
                    let has_value = [
                        &b"value-type"[..],
                        b"value",
                        b"formula",
                        b"date-value",
                        b"time-value",
                        b"boolean-value",
                        b"string-value",
                    ]
                    .iter()
                    .any(|a| attr(tag, a).is_some());
                    if has_value || !empty {
                        *filled = *width;
                    }
                }
            }
            (b"table-row", true) => {
                if let Some((n, _, filled)) = row.take() {
                    if filled > 0 {
                        table.stored = table.stored.saturating_add(filled);
                        table.span_rows = if table.seen {
                            table
                                .span_rows
                                .saturating_add(table.pending_empty)
                                .saturating_add(n)
                        } else {
                            n
                        };
                        table.seen = true;
                        table.pending_empty = 0;
                        table.width = table.width.max(filled);
                    } else if table.seen {
                        table.pending_empty = table.pending_empty.saturating_add(n);
                    }
                    table.check()?;
                }
            }
            _ => {}
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rows: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><!-- <table:table-row> --><office:document-content>\
             <table:table table:name=\"a>b\">{rows}</table:table></office:document-content>"
        )
    }

    #[test]
    fn repeats_are_counted_as_calamine_expands_them() {
        let cell = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;
        let wide = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float"/></table:table-row>"#;
        assert!(matches!(
            check_content(content(wide).as_bytes()),
            Err(ReadError::TooLarge(_))
        ));
        // Empty rows between two filled ones are expanded too.
        let gap = format!(
            r#"<table:table-row>{cell}<table:table-cell table:number-columns-repeated="999"/>{cell}</table:table-row><table:table-row table:number-rows-repeated="12000"><table:table-cell/></table:table-row><table:table-row>{cell}</table:table-row>"#
        );
        assert!(matches!(
            check_content(content(&gap).as_bytes()),
            Err(ReadError::TooLarge(_))
        ));
        // LibreOffice's trailing fill (empty rows and cells to the grid's end) is not.
        let fill = format!(
            r#"<table:table-row>{cell}{cell}</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        );
        assert_eq!(check_content(content(&fill).as_bytes()), Ok(()));
    }
}
