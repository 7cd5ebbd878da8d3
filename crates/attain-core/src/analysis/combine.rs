//! Several offices' reports of one date put together into one report: each file's units
//! under its office (when the files carry no parent column), indicators matched across files
//! by name, the same unit in two files flagged with both sources, every file's own warnings
//! kept with its name, and the rollups and the whole worked out again as Σ/Σ.

use super::{Analysis, IndicatorResult, Rank, SkippedRow, UnitResult, UnitRow, Warning};
use crate::office::Office;
use crate::text::{fold, name_key};
use std::collections::HashMap;
use std::sync::Arc;

/// One file's results, as a part of a combined report.
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    /// The file's name.
    pub file: &'a str,
    /// The office its title block names, if any.
    pub office: Option<&'a Office>,
    /// Its results.
    pub analysis: &'a Analysis,
    /// Its indicators the user keeps apart from the other files' (never matched by name).
    pub apart: &'a [String],
}

/// The name of the parent level the offices make when they are not all of one level.
pub const OFFICE_LEVEL: &str = "Đơn vị báo cáo";

/// A file's name without its extension: the office's name when its title block names none.
pub fn file_label(file: &str) -> &str {
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 4 => stem,
        _ => file,
    }
}

/// Whether the words of `short` stand, in order, among the words of `long`.
fn words_within(short: &str, long: &str) -> bool {
    !short.is_empty() && format!(" {long} ").contains(&format!(" {short} "))
}

/// One indicator of the combined report, as it is built.
struct Building {
    name: String,
    key: String,
    target_name: String,
    /// The composition parts' names, `None` once two files disagree on them.
    part_names: Option<Vec<String>>,
    units: Vec<UnitResult>,
    /// The last part that gave it an indicator (a part gives each at most one).
    last_part: Option<usize>,
}

/// Puts the parts together, in their order. With one part it gives that part's results
/// again, with its file named.
pub fn combine(parts: &[Part]) -> Analysis {
    // The offices make a parent level when some file has none of its own.
    let add_office = parts.iter().any(|p| p.analysis.parent_levels.is_empty());
    let mut parent_levels = parts
        .iter()
        .map(|p| &p.analysis.parent_levels)
        .max_by_key(|l| l.len())
        .cloned()
        .unwrap_or_default();
    if add_office {
        let mut levels = parts.iter().map(|p| p.office.map(|o| o.level.as_str()));
        let first = levels.next().flatten();
        let level = match first {
            Some(l) if levels.all(|x| x == Some(l)) => l,
            _ => OFFICE_LEVEL,
        };
        parent_levels.insert(0, level.to_string());
    }
    let levels = parent_levels.len();
    let mut built: Vec<Building> = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    let single = parts.iter().all(|p| p.analysis.indicators.len() == 1);
    for (fi, p) in parts.iter().enumerate() {
        let file = u32::try_from(fi).unwrap_or(u32::MAX);
        let office = p
            .office
            .map(|o| o.name.as_str())
            .unwrap_or_else(|| file_label(p.file));
        // Each row once, shared again by the indicators of a wide layout; each list of
        // parents once per run of units under it.
        let mut rows: HashMap<*const UnitRow, Arc<UnitRow>> = HashMap::new();
        let mut last_parents: Option<(*const String, Arc<[String]>)> = None;
        for ind in &p.analysis.indicators {
            let key = fold(&ind.name);
            let free = |b: &Building| b.last_part != Some(fi);
            let exact = built.iter().position(|b| b.key == key && free(b));
            let near = || {
                let found: Vec<usize> = (0..built.len())
                    .filter(|i| {
                        free(&built[*i])
                            && (words_within(&built[*i].key, &key)
                                || words_within(&key, &built[*i].key))
                    })
                    .collect();
                match found[..] {
                    [one] => Some(one),
                    // One indicator in every file: the same, whatever each file calls it.
                    _ if single && built.len() == 1 && free(&built[0]) => Some(0),
                    _ => None,
                }
            };
            // Kept apart by the user: an indicator of its own.
            let apart = p.apart.contains(&ind.name);
            let found = if apart { None } else { exact.or_else(near) };
            let k = match found {
                Some(k) => {
                    if built[k].key != key {
                        warnings.push(Warning::IndicatorMatched {
                            file: p.file.to_string(),
                            name: ind.name.clone(),
                            as_name: built[k].name.clone(),
                        });
                    }
                    k
                }
                None => {
                    built.push(Building {
                        name: ind.name.clone(),
                        key,
                        target_name: String::new(),
                        part_names: Some(ind.part_names.clone()),
                        units: Vec::new(),
                        last_part: None,
                    });
                    built.len() - 1
                }
            };
            let b = &mut built[k];
            b.last_part = Some(fi);
            if b.target_name.is_empty() {
                b.target_name = ind.target_name.clone();
            }
            if b.part_names.as_ref().is_some_and(|n| {
                n.len() != ind.part_names.len()
                    || n.iter()
                        .zip(&ind.part_names)
                        .any(|(a, b)| fold(a) != fold(b))
            }) {
                b.part_names = None;
            }
            b.units.reserve(ind.units.len());
            for u in &ind.units {
                let row = rows.entry(Arc::as_ptr(&u.row)).or_insert_with(|| {
                    let at = Arc::as_ptr(&u.parents) as *const String;
                    let parents = match &last_parents {
                        Some((p, shared)) if *p == at => shared.clone(),
                        _ => {
                            let mut names: Vec<String> = Vec::with_capacity(levels);
                            if add_office {
                                names.push(office.to_string());
                            }
                            names.extend(u.parents.iter().cloned());
                            let shared: Arc<[String]> = Arc::from(names);
                            last_parents = Some((at, shared.clone()));
                            shared
                        }
                    };
                    Arc::new(UnitRow {
                        unit: u.row.unit.clone(),
                        parents,
                        source_row: u.row.source_row,
                        file,
                    })
                });
                b.units.push(UnitResult {
                    row: row.clone(),
                    rank: Rank::default(),
                    ..u.clone()
                });
            }
        }
        warnings.extend(p.analysis.warnings.iter().map(|w| Warning::InFile {
            file: p.file.to_string(),
            warning: Box::new(w.clone()),
        }));
        skipped.extend(
            p.analysis
                .skipped
                .iter()
                .map(|s| SkippedRow { file, ..s.clone() }),
        );
    }
    let files: Vec<String> = parts.iter().map(|p| p.file.to_string()).collect();
    if let Some(first) = built.first() {
        warnings.extend(same_units(&first.units, &files));
    }
    let indicators = built
        .into_iter()
        .map(|b| {
            let mut units = b.units;
            let part_names = match b.part_names {
                Some(n) => n,
                None => {
                    for u in &mut units {
                        u.parts = Box::new([]);
                    }
                    Vec::new()
                }
            };
            IndicatorResult::of_units(b.name, b.target_name, part_names, units, levels)
        })
        .collect();
    let unit_level = parts
        .first()
        .map(|p| p.analysis.unit_level.clone())
        .unwrap_or_default();
    Analysis {
        unit_level,
        parent_levels,
        indicators,
        skipped,
        warnings,
        whole_label: None,
        files,
        unreported: Vec::new(),
    }
}

/// The units met in more than one file (the same name under the same parents, compared by
/// their keys), with the files and, when they differ, what each gives as achieved.
fn same_units(units: &[UnitResult], files: &[String]) -> Vec<Warning> {
    let mut seen: HashMap<(Vec<String>, String), Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let key = (
            u.parents.iter().map(|p| name_key(p)).collect(),
            name_key(&u.unit),
        );
        let at = seen.entry(key).or_default();
        if at.len() == 1 {
            order.push(at[0]);
        }
        at.push(i);
    }
    let mut out = Vec::new();
    for first in order {
        let u = &units[first];
        let key = (
            u.parents.iter().map(|p| name_key(p)).collect(),
            name_key(&u.unit),
        );
        let Some(all) = seen.get(&key) else { continue };
        let mut in_files: Vec<u32> = all.iter().map(|i| units[*i].file).collect();
        in_files.dedup();
        if in_files.len() < 2 {
            // Twice in one file: that file's own check says so.
            continue;
        }
        let achieved: Vec<Option<f64>> = all.iter().map(|i| units[*i].achieved.get()).collect();
        let differ = achieved.windows(2).any(|w| w[0] != w[1]);
        out.push(Warning::SameUnitInFiles {
            unit: u.unit.to_string(),
            parents: u.parents.to_vec(),
            files: all
                .iter()
                .filter_map(|i| files.get(units[*i].file as usize).cloned())
                .collect(),
            achieved: if differ { achieved } else { Vec::new() },
        });
    }
    out
}
