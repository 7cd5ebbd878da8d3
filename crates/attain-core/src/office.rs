//! The office a report comes from, read from its title block ("UBND HUYỆN CHỢ LÁCH", "CÔNG AN
//! XÃ HÒA NGHĨA"): when several offices' files of one date are combined and carry no parent
//! column, the office becomes the parent of its units.

use crate::model::Sheet;
use crate::table::{RowKind, Table};
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// An office: its level and its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// The administrative level, as a report writes it ("Huyện", "Xã", "Tỉnh").
    pub level: String,
    /// The unit's name ("Chợ Lách"), capitalised word by word when the title is in capitals.
    pub name: String,
}

/// The words an agency's line starts with, folded and split into words.
const AGENCIES: &[&[&str]] = &[
    &["ubnd"],
    &["uy", "ban", "nhan", "dan"],
    &["cong", "an"],
    &["ban", "chi", "dao", "de", "an", "06"],
    &["ban", "chi", "dao"],
    &["to", "cong", "tac", "de", "an", "06"],
];

/// The administrative levels (folded words) and how a report writes them, the lowest last.
const LEVELS: &[(&[&str], &str)] = &[
    (&["tinh"], "Tỉnh"),
    (&["thanh", "pho"], "Thành phố"),
    (&["tp."], "Thành phố"),
    (&["tp"], "Thành phố"),
    (&["huyen"], "Huyện"),
    (&["quan"], "Quận"),
    (&["thi", "xa"], "Thị xã"),
    (&["thi", "tran"], "Thị trấn"),
    (&["xa"], "Xã"),
    (&["phuong"], "Phường"),
];

/// The office named in one line of a title block, if it names one.
pub fn office_in(line: &str) -> Option<Office> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let starts = |at: usize, seq: &[&str]| {
        seq.len() <= folded.len().saturating_sub(at)
            && seq.iter().zip(&folded[at..]).all(|(a, b)| a == b)
    };
    let agency = AGENCIES.iter().find(|a| starts(0, a))?.len();
    let (level_words, level) = LEVELS.iter().find(|(l, _)| starts(agency, l))?;
    let name_words = &words[agency + level_words.len()..];
    if name_words.is_empty() {
        return None;
    }
    let name = name_words.join(" ");
    let capitals = name.chars().any(char::is_alphabetic)
        && !name.chars().any(|c| c.is_alphabetic() && c.is_lowercase());
    Some(Office {
        level: level.to_string(),
        name: if capitals { title_case(&name) } else { name },
    })
}

/// Each word with a capital first letter and the rest in small letters: "CHỢ LÁCH" → "Chợ
/// Lách".
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The office a report's title block names: the last one named in it (a district's office
/// under its province's line), read cell by cell in the title rows above the table.
pub fn office_of(sheet: &Sheet, table: &Table) -> Option<Office> {
    let title_rows = (0..table.kinds.len()).filter(|i| table.kinds[*i] == RowKind::Title);
    let mut found = None;
    for r in title_rows {
        for cell in sheet.row(r).iter() {
            if let Some(text) = cell.text() {
                if let Some(o) = office_in(text) {
                    found = Some(o);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_in_title_lines() {
        let o = office_in("UBND HUYỆN CHỢ LÁCH").unwrap();
        assert_eq!((o.level.as_str(), o.name.as_str()), ("Huyện", "Chợ Lách"));
        let o = office_in("CÔNG AN XÃ HÒA NGHĨA").unwrap();
        assert_eq!((o.level.as_str(), o.name.as_str()), ("Xã", "Hòa Nghĩa"));
        let o = office_in("Ủy ban nhân dân thị trấn Chợ Lách").unwrap();
        assert_eq!(
            (o.level.as_str(), o.name.as_str()),
            ("Thị trấn", "Chợ Lách")
        );
        let o = office_in("UBND TP. BẾN TRE").unwrap();
        assert_eq!(
            (o.level.as_str(), o.name.as_str()),
            ("Thành phố", "Bến Tre")
        );
        for not in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "UBND",
            "BÁO CÁO KẾT QUẢ THU NHẬN HỒ SƠ",
            "Xã An Bình",
        ] {
            assert_eq!(office_in(not), None, "{not}");
        }
    }
}
