//! A report's units found in the register ([`crate::register`]): each unit's code and level,
//! the side of the 2025 reform the report is on (its as-of date and its names), the names the
//! register does not know, the register's units missing from a report of one province (or,
//! before the reform, one district), and a pre-reform report rolled up into the new units so
//! that a series across 1 July 2025 compares like with like.
//!
//! Names are matched as across reporting dates ([`crate::text::name_key`]: case, marks, the
//! administrative prefix and "y"/"i" folded), within the unit's parents when the report gives
//! them, else within the province (or district) most of the report's units are in; a prefix
//! written ("Thị trấn Thới Bình", "Xã Thới Bình") tells apart the units whose names fold alike.

use crate::analysis::{Analysis, IndicatorResult, UnitResult, UnitRow, Unreported};
use crate::dates::Date;
use crate::register::Register;
use crate::text::{fold, name_key};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// More distinct units than the country has communes: not a report of the register's units
/// (a list of villages, of people): not looked up.
pub const MOST_UNITS: usize = 12_000;

/// The side of the reform a report's units are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Era {
    /// The 63 provinces, their districts and communes (before 1 July 2025).
    Before,
    /// The 34 provinces and their communes (from 1 July 2025).
    After,
}

/// A unit's level in the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// A province or centrally-run city.
    Province,
    /// A district (before the reform).
    District,
    /// A commune, ward, town or special zone.
    Commune,
}

/// A unit of the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Its code in the register of its side of the reform ("32065").
    pub code: String,
    /// Its name in the register ("Xã Thới Bình").
    pub name: String,
    /// Its level.
    pub level: Level,
    /// Its side of the reform.
    pub era: Era,
    /// Its centre (latitude, longitude); before the reform, its default new commune's (for a
    /// district or a province, the mean of its communes').
    pub centre: Option<(f64, f64)>,
}

/// The register with the lookups the matching needs, built once.
#[derive(Debug)]
pub struct Known {
    /// The register.
    pub register: Register,
    provinces: HashMap<String, Vec<usize>>,
    old_provinces: HashMap<String, Vec<usize>>,
    districts: HashMap<String, Vec<usize>>,
    communes: HashMap<String, Vec<usize>>,
    old_communes: HashMap<String, Vec<usize>>,
    commune_at: HashMap<String, usize>,
    province_at: HashMap<String, usize>,
    old_province_at: HashMap<String, usize>,
    district_at: HashMap<String, usize>,
    old_commune_at: HashMap<String, usize>,
    /// Each old province's new one (by its communes' default new communes).
    province_became: HashMap<String, String>,
    /// The centre of each district and old province (by code): the mean of its communes'
    /// default new communes' centres.
    old_centres: HashMap<(Level, String), (f64, f64)>,
    /// Names as keys and kinds folded, by index: worked out once, not at each look-up.
    keys: Keys,
}

/// The register's names as keys and its kinds folded, in the register's order.
#[derive(Debug, Default)]
struct Keys {
    provinces: Vec<String>,
    old_provinces: Vec<String>,
    districts: Vec<String>,
    commune_kinds: Vec<String>,
    old_commune_kinds: Vec<String>,
    district_kinds: Vec<String>,
}

fn by_key<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in names.enumerate() {
        m.entry(name_key(n)).or_default().push(i);
    }
    m
}

fn by_code<'a>(codes: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    codes.enumerate().map(|(i, c)| (c.to_string(), i)).collect()
}

impl Known {
    /// The lookups of a register.
    pub fn new(register: Register) -> Known {
        let r = &register;
        let mut k = Known {
            provinces: by_key(r.provinces.iter().map(|p| p.name.as_str())),
            old_provinces: by_key(r.old_provinces.iter().map(|p| p.name.as_str())),
            districts: by_key(r.districts.iter().map(|d| d.name.as_str())),
            communes: by_key(r.communes.iter().map(|c| c.name.as_str())),
            old_communes: by_key(r.old_communes.iter().map(|c| c.name.as_str())),
            commune_at: by_code(r.communes.iter().map(|c| c.code.as_str())),
            province_at: by_code(r.provinces.iter().map(|p| p.code.as_str())),
            old_province_at: by_code(r.old_provinces.iter().map(|p| p.code.as_str())),
            district_at: by_code(r.districts.iter().map(|d| d.code.as_str())),
            old_commune_at: by_code(r.old_communes.iter().map(|c| c.code.as_str())),
            province_became: HashMap::new(),
            old_centres: HashMap::new(),
            keys: Keys {
                provinces: r.provinces.iter().map(|p| name_key(&p.name)).collect(),
                old_provinces: r.old_provinces.iter().map(|p| name_key(&p.name)).collect(),
                districts: r.districts.iter().map(|d| name_key(&d.name)).collect(),
                commune_kinds: r.communes.iter().map(|c| fold(&c.kind)).collect(),
                old_commune_kinds: r.old_communes.iter().map(|c| fold(&c.kind)).collect(),
                district_kinds: r.districts.iter().map(|d| fold(&d.kind)).collect(),
            },
            register: Register::default(),
        };
        let mut sums: HashMap<(Level, String), (f64, f64, f64)> = HashMap::new();
        for c in &r.old_communes {
            let (Some(d), Some(new)) = (k.district_at.get(&c.district), c.became.first()) else {
                continue;
            };
            let Some(w) = k.commune_at.get(new) else {
                continue;
            };
            let district = &r.districts[*d];
            k.province_became
                .entry(district.province.clone())
                .or_insert_with(|| r.communes[*w].province.clone());
            let (lat, lon) = r.communes[*w].centre;
            for key in [
                (Level::District, district.code.clone()),
                (Level::Province, district.province.clone()),
            ] {
                let s = sums.entry(key).or_default();
                *s = (s.0 + lat, s.1 + lon, s.2 + 1.0);
            }
        }
        k.old_centres = sums
            .into_iter()
            .map(|(key, (lat, lon, n))| (key, (lat / n, lon / n)))
            .collect();
        k.register = register;
        k
    }

    /// The register's version: the date its new units are in force.
    pub fn version(&self) -> Option<Date> {
        self.register.valid_from
    }

    /// A candidate's name in the register.
    fn name_of(&self, era: Era, level: Level, i: usize) -> &str {
        let r = &self.register;
        match (era, level) {
            (Era::After, Level::Province) => &r.provinces[i].name,
            (Era::After, _) => &r.communes[i].name,
            (Era::Before, Level::Province) => &r.old_provinces[i].name,
            (Era::Before, Level::District) => &r.districts[i].name,
            (Era::Before, Level::Commune) => &r.old_communes[i].name,
        }
    }

    fn place(&self, era: Era, level: Level, i: usize) -> Place {
        let r = &self.register;
        let new_centre = |code: &str| self.commune_at.get(code).map(|w| r.communes[*w].centre);
        let old_centre =
            |level: Level, code: &str| self.old_centres.get(&(level, code.to_string())).copied();
        match (era, level) {
            (Era::After, Level::Province) => Place {
                code: r.provinces[i].code.clone(),
                name: r.provinces[i].name.clone(),
                level,
                era,
                centre: Some(r.provinces[i].centre),
            },
            (Era::After, _) => Place {
                code: r.communes[i].code.clone(),
                name: r.communes[i].name.clone(),
                level: Level::Commune,
                era,
                centre: Some(r.communes[i].centre),
            },
            (Era::Before, Level::Province) => {
                let p = &r.old_provinces[i];
                Place {
                    code: p.code.clone(),
                    name: p.name.clone(),
                    level,
                    era,
                    centre: old_centre(level, &p.code),
                }
            }
            (Era::Before, Level::District) => Place {
                code: r.districts[i].code.clone(),
                name: r.districts[i].name.clone(),
                level,
                era,
                centre: old_centre(level, &r.districts[i].code),
            },
            (Era::Before, Level::Commune) => {
                let c = &r.old_communes[i];
                Place {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    level,
                    era,
                    centre: c.became.first().and_then(|n| new_centre(n)),
                }
            }
        }
    }

    /// The keys of the units above a candidate (its province; before the reform its district
    /// and province).
    fn above(&self, era: Era, level: Level, i: usize) -> [Option<&str>; 2] {
        fn key<'a>(keys: &'a [String], at: &HashMap<String, usize>, code: &str) -> Option<&'a str> {
            at.get(code).and_then(|p| keys.get(*p)).map(String::as_str)
        }
        let r = &self.register;
        match (era, level) {
            (_, Level::Province) => [None, None],
            (Era::After, _) => [
                key(
                    &self.keys.provinces,
                    &self.province_at,
                    &r.communes[i].province,
                ),
                None,
            ],
            (Era::Before, Level::District) => [
                key(
                    &self.keys.old_provinces,
                    &self.old_province_at,
                    &r.districts[i].province,
                ),
                None,
            ],
            (Era::Before, Level::Commune) => {
                let Some(d) = self.district_at.get(&r.old_communes[i].district) else {
                    return [None, None];
                };
                [
                    self.keys.districts.get(*d).map(String::as_str),
                    key(
                        &self.keys.old_provinces,
                        &self.old_province_at,
                        &r.districts[*d].province,
                    ),
                ]
            }
        }
    }

    /// The unit directly above a candidate: its province after the reform, its district
    /// (or, for a district, its province) before; as (level, code).
    fn home_of(&self, era: Era, level: Level, i: usize) -> Option<(Level, String)> {
        let r = &self.register;
        match (era, level) {
            (_, Level::Province) => None,
            (Era::After, _) => Some((Level::Province, r.communes[i].province.clone())),
            (Era::Before, Level::District) => {
                Some((Level::Province, r.districts[i].province.clone()))
            }
            (Era::Before, Level::Commune) => {
                Some((Level::District, r.old_communes[i].district.clone()))
            }
        }
    }

    /// The province a candidate is in (itself for a province), by code of its side.
    fn province_code(&self, era: Era, level: Level, i: usize) -> Option<String> {
        let r = &self.register;
        match (era, level) {
            (Era::After, Level::Province) => Some(r.provinces[i].code.clone()),
            (Era::Before, Level::Province) => Some(r.old_provinces[i].code.clone()),
            (Era::Before, Level::Commune) => self
                .district_at
                .get(&r.old_communes[i].district)
                .map(|d| r.districts[*d].province.clone()),
            _ => self.home_of(era, level, i).map(|h| h.1),
        }
    }

    fn kind_of(&self, era: Era, level: Level, i: usize) -> &str {
        let kinds = match (era, level) {
            (Era::After, Level::Commune) => &self.keys.commune_kinds,
            (Era::Before, Level::Commune) => &self.keys.old_commune_kinds,
            (Era::Before, Level::District) => &self.keys.district_kinds,
            _ => return "",
        };
        kinds.get(i).map_or("", String::as_str)
    }

    /// The units a code column's value names on one side: a code written as text is looked
    /// up as it is; one read as a number (its leading zeros lost) at every width it fits
    /// (provinces 2 digits, districts 3, communes 5).
    fn by_code(&self, era: Era, code: &str) -> Vec<(Level, usize)> {
        let maps: [(Level, &HashMap<String, usize>, usize); 3] = match era {
            Era::After => [
                (Level::Commune, &self.commune_at, 5),
                (Level::Province, &self.province_at, 2),
                (Level::District, &EMPTY_CODES, 3),
            ],
            Era::Before => [
                (Level::Commune, &self.old_commune_at, 5),
                (Level::District, &self.district_at, 3),
                (Level::Province, &self.old_province_at, 2),
            ],
        };
        maps.iter()
            .filter(|(_, _, width)| code.len() <= *width)
            .filter_map(|(level, m, width)| {
                m.get(&format!("{code:0>width$}")).map(|i| (*level, *i))
            })
            .collect()
    }

    fn candidates(&self, era: Era, key: &str) -> Vec<(Level, usize)> {
        let lists: [(Level, &HashMap<String, Vec<usize>>); 3] = match era {
            Era::After => [
                (Level::Commune, &self.communes),
                (Level::Province, &self.provinces),
                (Level::District, &EMPTY),
            ],
            Era::Before => [
                (Level::Commune, &self.old_communes),
                (Level::District, &self.districts),
                (Level::Province, &self.old_provinces),
            ],
        };
        lists
            .iter()
            .flat_map(|(level, m)| {
                m.get(key)
                    .into_iter()
                    .flatten()
                    .filter(|i| {
                        era == Era::After
                            || *level != Level::Commune
                            || !self.register.old_communes[**i].code.is_empty()
                    })
                    .map(move |i| (*level, *i))
            })
            .collect()
    }

    /// A home's name ("Tỉnh Cà Mau", "Huyện Thới Bình").
    fn home_name(&self, era: Era, level: Level, code: &str) -> Option<String> {
        let r = &self.register;
        match (era, level) {
            (Era::After, Level::Province) => self
                .province_at
                .get(code)
                .map(|p| r.provinces[*p].name.clone()),
            (Era::Before, Level::Province) => self
                .old_province_at
                .get(code)
                .map(|p| r.old_provinces[*p].name.clone()),
            (Era::Before, Level::District) => self
                .district_at
                .get(code)
                .map(|d| r.districts[*d].name.clone()),
            _ => None,
        }
    }

    /// The register's units directly under a home, at `level`, as (index, name).
    fn under(&self, era: Era, home: &Home, level: Level) -> Vec<(usize, String)> {
        let r = &self.register;
        match (era, home.level, level) {
            (Era::After, Level::Province, Level::Commune) => r
                .communes
                .iter()
                .enumerate()
                .filter(|(_, c)| c.province == home.code)
                .map(|(i, c)| (i, c.name.clone()))
                .collect(),
            (Era::Before, Level::District, Level::Commune) => r
                .old_communes
                .iter()
                .enumerate()
                .filter(|(_, c)| c.district == home.code && !c.code.is_empty())
                .map(|(i, c)| (i, c.name.clone()))
                .collect(),
            (Era::Before, Level::Province, Level::District) => r
                .districts
                .iter()
                .enumerate()
                .filter(|(_, d)| d.province == home.code)
                .map(|(i, d)| (i, d.name.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

static EMPTY: std::sync::LazyLock<HashMap<String, Vec<usize>>> =
    std::sync::LazyLock::new(HashMap::new);
static EMPTY_CODES: std::sync::LazyLock<HashMap<String, usize>> =
    std::sync::LazyLock::new(HashMap::new);

/// The codes of a report's code column ("Mã xã", "Mã ĐVHC": [`crate::vocab::is_code_header`]),
/// by the sheet's row: digits, as written (a text keeps its leading zeros).
pub fn codes_of(table: &crate::table::Table) -> HashMap<usize, String> {
    let Some(col) = table
        .columns
        .iter()
        .find(|c| crate::vocab::is_code_header(&c.name))
        .map(|c| c.index)
    else {
        return HashMap::new();
    };
    let body = &table.body;
    (0..body.len())
        .filter_map(|r| {
            let code = match body.get(r, col) {
                crate::table::ValueRef::Number(n) if n >= 0.0 && n.fract() == 0.0 && n < 1e6 => {
                    format!("{n:.0}")
                }
                crate::table::ValueRef::Text(t) => t.trim().to_string(),
                _ => return None,
            };
            (!code.is_empty() && code.len() <= 5 && code.bytes().all(|b| b.is_ascii_digit()))
                .then(|| (body.source_row(r), code))
        })
        .collect()
}

/// The unit every unit of a report is in: a province, or before the reform a district.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Home {
    /// Its level.
    pub level: Level,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// A unit row's place, keyed by its file and row.
pub type RowKey = (u32, usize);

/// A report's units in the register.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The register's version (the date its new units are in force).
    pub version: Option<Date>,
    /// The side of the reform the report is on; `None` when no unit was found.
    pub era: Option<Era>,
    /// The level of its units.
    pub level: Option<Level>,
    /// The one province (or district) its units are in, when they are in one.
    pub home: Option<Home>,
    /// How many distinct units the report has.
    pub units: usize,
    /// The places found, each once.
    pub places: Vec<Place>,
    /// Each unit row's place: its (file, row) and an index into `places`.
    pub at: Vec<(RowKey, u32)>,
    /// Names the register does not know (or knows more than once where nothing tells them
    /// apart), with their parents.
    pub unknown: Vec<Unreported>,
    /// The home's units the report has no row for: who has not reported, by the register.
    pub missing: Vec<Unreported>,
    /// Too many units to be the register's: not looked up.
    pub too_many: bool,
}

impl Placement {
    /// A unit row's place.
    pub fn of(&self, row: &UnitRow) -> Option<&Place> {
        let key = (row.file, row.source_row);
        let i = self.at.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
        self.places.get(self.at[i].1 as usize)
    }

    /// How many distinct units were found.
    pub fn found(&self) -> usize {
        self.units.saturating_sub(self.unknown.len())
    }
}

/// How many names not found the page is given ([`PlacesView::unknown`]).
pub const UNKNOWN_SHOWN: usize = 50;

/// What the page shows of a report's placement: no unit's place (the results table's rows
/// carry their codes).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlacesView {
    /// The register's version.
    pub version: Option<Date>,
    /// The side of the reform.
    pub era: Option<Era>,
    /// The units' level.
    pub level: Option<Level>,
    /// The one province (or district) the units are in.
    pub home: Option<Home>,
    /// Distinct units in the report.
    pub units: usize,
    /// Of which found in the register.
    pub found: usize,
    /// The first names not found.
    pub unknown: Vec<Unreported>,
    /// How many names were not found.
    pub unknown_total: usize,
    /// The home's units without a row.
    pub missing: Vec<Unreported>,
    /// Too many units to be the register's.
    pub too_many: bool,
}

impl Placement {
    /// What the page shows of it.
    pub fn view(&self) -> PlacesView {
        PlacesView {
            version: self.version,
            era: self.era,
            level: self.level,
            home: self.home.clone(),
            units: self.units,
            found: self.found(),
            unknown: self.unknown.iter().take(UNKNOWN_SHOWN).cloned().collect(),
            unknown_total: self.unknown.len(),
            missing: self.missing.clone(),
            too_many: self.too_many,
        }
    }
}

/// The administrative word a name is written with, folded ("xa", "phuong", "thi tran"…).
fn written_kind(name: &str) -> Option<&'static str> {
    let f = fold(name);
    let f = f.trim_start();
    const KINDS: &[(&str, &str)] = &[
        ("thi tran ", "thi tran"),
        ("tt. ", "thi tran"),
        ("tt.", "thi tran"),
        ("tt ", "thi tran"),
        ("phuong ", "phuong"),
        ("p. ", "phuong"),
        ("xa ", "xa"),
        ("x. ", "xa"),
        ("dac khu ", "dac khu"),
        ("huyen ", "huyen"),
        ("quan ", "quan"),
        ("thi xa ", "thi xa"),
    ];
    KINDS
        .iter()
        .find(|(p, _)| f.starts_with(p))
        .map(|(_, k)| *k)
}

/// The length of a register name without its kind's words ("Thị trấn Thới Bình", kind "thi
/// tran": "Thới Bình").
fn bare_len(name: &str, kind: &str) -> usize {
    if kind.is_empty() {
        return name.len();
    }
    let words = kind.split(' ').count();
    name.splitn(words + 1, ' ')
        .nth(words)
        .map_or(name.len(), str::len)
}

/// The distinct unit rows of a report, in order.
fn rows_of(analysis: &Analysis) -> Vec<&Arc<UnitRow>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for ind in &analysis.indicators {
        for u in &ind.units {
            if seen.insert((u.row.file, u.row.source_row)) {
                out.push(&u.row);
            }
        }
    }
    out
}

/// One era's candidates for every row: (level, index) lists.
fn all_candidates(
    known: &Known,
    era: Era,
    rows: &[&Arc<UnitRow>],
    codes: &HashMap<RowKey, String>,
) -> Vec<Vec<(Level, usize)>> {
    // Parent keys that name a unit of this era above the units.
    let mut parent_known: HashMap<String, bool> = HashMap::new();
    rows.iter()
        .map(|row| {
            // A code column names the unit: its name is not looked at.
            if let Some(code) = codes.get(&(row.file, row.source_row)) {
                let c = known.by_code(era, code);
                if !c.is_empty() {
                    return c;
                }
            }
            let key = name_key(&row.unit);
            let kind = written_kind(&row.unit);
            let mut c = known.candidates(era, &key);
            if let Some(kind) = kind {
                let same: Vec<_> = c
                    .iter()
                    .copied()
                    .filter(|(l, i)| known.kind_of(era, *l, *i) == kind)
                    .collect();
                if !same.is_empty() {
                    c = same;
                }
            }
            let parents: Vec<String> = row
                .parents
                .iter()
                .map(|p| name_key(p))
                .filter(|p| {
                    *parent_known.entry(p.clone()).or_insert_with(|| {
                        known
                            .candidates(era, p)
                            .iter()
                            .any(|(l, _)| *l != Level::Commune)
                    })
                })
                .collect();
            if !parents.is_empty() {
                c.retain(|(l, i)| {
                    let above = known.above(era, *l, *i);
                    parents.iter().all(|p| above.contains(&Some(p.as_str())))
                });
            }
            c
        })
        .collect()
}

/// More units than the register's (counted without gathering them): not looked up.
pub fn too_many(analysis: &Analysis) -> bool {
    analysis
        .indicators
        .iter()
        .any(|i| i.units.len() > MOST_UNITS)
}

/// What a placement is worked out from: the report's unit rows (file, row, name, parents), its
/// as-of date and its codes, as one number; equal numbers, the same placement.
pub fn fingerprint(
    analysis: &Analysis,
    as_of: Option<Date>,
    codes: &HashMap<RowKey, String>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    as_of.map(|d| d.days()).hash(&mut h);
    for ind in &analysis.indicators {
        ind.units.len().hash(&mut h);
        for u in &ind.units {
            (u.row.file, u.row.source_row, &*u.row.unit, &*u.row.parents).hash(&mut h);
        }
    }
    let mut c: Vec<(&RowKey, &String)> = codes.iter().collect();
    c.sort_unstable();
    c.hash(&mut h);
    h.finish()
}

/// Finds a report's units in the register, by their codes (`codes`: by file and row, from a
/// code column: [`codes_of`]) or their names. `as_of` places it before or after the reform
/// unless its units fit the other side far better.
pub fn place(
    analysis: &Analysis,
    as_of: Option<Date>,
    known: &Known,
    codes: &HashMap<RowKey, String>,
) -> Placement {
    let mut out = Placement {
        version: known.version(),
        ..Placement::default()
    };
    // Counted before the distinct rows are: a million units are not gathered to be refused.
    let most = analysis.indicators.iter().map(|i| i.units.len()).max();
    if most.unwrap_or(0) > MOST_UNITS {
        out.units = most.unwrap_or(0);
        out.too_many = true;
        return out;
    }
    let rows = rows_of(analysis);
    out.units = rows.len();
    let reform = known.version();
    let score = |c: &[Vec<(Level, usize)>]| c.iter().filter(|c| !c.is_empty()).count();
    let after = all_candidates(known, Era::After, &rows, codes);
    let before = all_candidates(known, Era::Before, &rows, codes);
    let (sa, sb) = (score(&after), score(&before));
    let by_date = match (as_of, reform) {
        (Some(d), Some(r)) => Some(if d < r { Era::Before } else { Era::After }),
        _ => None,
    };
    let era = match by_date {
        Some(Era::Before) if sb * 2 >= sa => Era::Before,
        Some(Era::After) if sa * 2 >= sb => Era::After,
        _ if sa >= sb => Era::After,
        _ => Era::Before,
    };
    if sa.max(sb) == 0 {
        out.unknown = rows.iter().map(|r| unreported(r)).collect();
        return out;
    }
    let cands = if era == Era::After { after } else { before };
    // The level: the one most units have a candidate at.
    let mut levels: BTreeMap<u8, (usize, Level)> = BTreeMap::new();
    for c in &cands {
        let mut seen = Vec::new();
        for (l, _) in c {
            if !seen.contains(l) {
                seen.push(*l);
                levels.entry(*l as u8).or_insert((0, *l)).0 += 1;
            }
        }
    }
    let level = levels
        .values()
        .max_by_key(|(n, l)| (*n, std::cmp::Reverse(*l as u8)))
        .map(|(_, l)| *l)
        .unwrap_or(Level::Commune);
    // The province, then the home, most units could be in, each unit's vote shared among
    // its candidates: a name found in several provinces (or districts) is the one there.
    let vote = |cands: &[Vec<(Level, usize)>], of: &dyn Fn(Level, usize) -> Option<String>| {
        let mut votes: HashMap<String, f64> = HashMap::new();
        for c in cands {
            let homes: Vec<String> = c.iter().filter_map(|(l, i)| of(*l, *i)).collect();
            for h in &homes {
                *votes.entry(h.clone()).or_default() += 1.0 / homes.len() as f64;
            }
        }
        votes
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(c, _)| c)
    };
    let prefer = |c: &mut Vec<(Level, usize)>,
                  best: &Option<String>,
                  of: &dyn Fn(Level, usize) -> Option<String>| {
        if c.len() > 1 {
            let inside: Vec<_> = c
                .iter()
                .copied()
                .filter(|(l, i)| of(*l, *i) == *best)
                .collect();
            if !inside.is_empty() {
                *c = inside;
            }
        }
    };
    let province_of = |l: Level, i: usize| known.province_code(era, l, i);
    let home_of = |l: Level, i: usize| known.home_of(era, l, i).map(|h| h.1);
    let mut cands: Vec<Vec<(Level, usize)>> = cands
        .into_iter()
        .map(|c| c.into_iter().filter(|(l, _)| *l == level).collect())
        .collect();
    let province = vote(&cands, &province_of);
    for c in cands.iter_mut() {
        prefer(c, &province, &province_of);
    }
    let home_code = vote(&cands, &home_of);
    let mut index: HashMap<(Level, usize), u32> = HashMap::new();
    let mut homes_found = std::collections::BTreeSet::new();
    for (row, mut c) in rows.iter().zip(cands) {
        prefer(&mut c, &home_code, &home_of);
        if c.len() > 1 {
            // Names that fold alike but for their marks ("Văn Lang", "Văn Lăng"): the one
            // written with the report's marks.
            let written = crate::text::nfc(&row.unit).to_lowercase();
            let same: Vec<_> = c
                .iter()
                .copied()
                .filter(|(l, i)| {
                    let name = known.name_of(era, *l, *i).to_lowercase();
                    let kind = known.kind_of(era, *l, *i);
                    let bare = &name[name.len() - bare_len(&name, kind)..];
                    written == name || written.ends_with(&format!(" {bare}")) || written == bare
                })
                .collect();
            if same.len() == 1 {
                c = same;
            }
        }
        match c.as_slice() {
            [(l, i)] => {
                let n = index.len() as u32;
                let at = *index.entry((*l, *i)).or_insert(n);
                if at == n {
                    out.places.push(known.place(era, *l, *i));
                }
                homes_found.insert(known.home_of(era, *l, *i).map(|h| h.1));
                out.at.push(((row.file, row.source_row), at));
            }
            _ => out.unknown.push(unreported(row)),
        }
    }
    out.at.sort_unstable();
    out.era = Some(era);
    out.level = Some(level);
    // One home for every unit found: the register's units under it that the report lacks,
    // when the report holds at least half of them (a few communes of a province are a part
    // of it, not a province's report with most units missing).
    if homes_found.len() == 1 {
        if let Some(Some(code)) = homes_found.into_iter().next() {
            let home_level = match (era, level) {
                (Era::Before, Level::Commune) => Level::District,
                _ => Level::Province,
            };
            if let Some(name) = known.home_name(era, home_level, &code) {
                let home = Home {
                    level: home_level,
                    code,
                    name,
                };
                let under = known.under(era, &home, level);
                if index.len() * 2 >= under.len() {
                    out.missing = under
                        .into_iter()
                        .filter(|(i, _)| !index.contains_key(&(level, *i)))
                        .map(|(_, name)| Unreported {
                            unit: name,
                            parents: vec![home.name.clone()],
                        })
                        .collect();
                }
                out.home = Some(home);
            }
        }
    }
    out
}

fn unreported(row: &UnitRow) -> Unreported {
    Unreported {
        unit: row.unit.to_string(),
        parents: row.parents.to_vec(),
    }
}

/// A unit on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// Its name, as in the report.
    pub unit: String,
    /// Its parents, as in the report.
    pub parents: Vec<String>,
    /// Its code in the register.
    pub code: String,
    /// Its centre (latitude, longitude).
    pub centre: (f64, f64),
    /// Its target.
    pub target: Option<f64>,
    /// What it achieved.
    pub achieved: Option<f64>,
    /// achieved / target.
    pub rate: Option<f64>,
    /// The rate against the thresholds.
    pub status: crate::analysis::Status,
}

/// A province of the register, for the tile grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceTile {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its centre.
    pub centre: (f64, f64),
}

/// The most units the map draws (the country has 3,321 communes): those with the largest
/// targets; the others are counted ([`MapView::left_out`]).
pub const MAP_MOST: usize = 3_500;

/// An indicator's units on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// The units' level.
    pub level: Level,
    /// The side of the reform.
    pub era: Era,
    /// The units found with a centre, in the report's order.
    pub points: Vec<MapPoint>,
    /// Every province after the reform, for a report of provinces (a tile each).
    pub provinces: Vec<ProvinceTile>,
    /// Units not on the map (not found, or without a centre).
    pub unplaced: usize,
    /// Units found but not drawn: more than [`MAP_MOST`], the smallest targets.
    #[serde(default)]
    pub left_out: usize,
}

/// An indicator's units at their centres.
pub fn map(
    analysis: &Analysis,
    placement: &Placement,
    indicator: usize,
    thresholds: crate::analysis::Thresholds,
    known: &Known,
) -> Option<MapView> {
    let ind = analysis.indicators.get(indicator)?;
    let mut points = Vec::new();
    let mut unplaced = 0;
    for u in &ind.units {
        match placement.of(&u.row).and_then(|p| Some((p, p.centre?))) {
            Some((p, centre)) => points.push(MapPoint {
                unit: u.unit.to_string(),
                parents: u.parents.to_vec(),
                code: p.code.clone(),
                centre,
                target: u.target.get(),
                achieved: u.achieved.get(),
                rate: u.rate(),
                status: thresholds.status(u.rate()),
            }),
            None => unplaced += 1,
        }
    }
    // The largest targets first when there are too many to draw; then the report's order.
    let mut left_out = 0;
    if points.len() > MAP_MOST {
        let mut order: Vec<usize> = (0..points.len()).collect();
        order.sort_by(|a, b| {
            let t = |i: usize| points[i].target.unwrap_or(0.0);
            t(*b).total_cmp(&t(*a)).then(a.cmp(b))
        });
        let mut keep = vec![false; points.len()];
        for i in order.into_iter().take(MAP_MOST) {
            keep[i] = true;
        }
        left_out = points.len() - MAP_MOST;
        let mut k = keep.into_iter();
        points.retain(|_| k.next().unwrap_or(false));
    }
    let (era, level) = (placement.era?, placement.level?);
    let provinces = if (era, level) == (Era::After, Level::Province) {
        known
            .register
            .provinces
            .iter()
            .map(|p| ProvinceTile {
                code: p.code.clone(),
                name: p.name.clone(),
                centre: p.centre,
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(MapView {
        level,
        era,
        points,
        provinces,
        unplaced,
        left_out,
    })
}

/// An old unit that went into several new ones: its figures went to the default one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    /// The old unit's name, as in the earlier report.
    pub old: String,
    /// The new unit its figures went to (as in the later report).
    pub into: String,
    /// The other new units it went into, by the register's names.
    pub also: Vec<String>,
}

/// A new unit and the old ones it absorbed, as the earlier report names them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Absorbed {
    /// The new unit's code.
    pub code: String,
    /// Its name, as in the later report (or the register's).
    pub unit: String,
    /// The old units' names.
    pub from: Vec<String>,
}

/// A comparison across the reform: how the earlier report's units were rolled up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Across {
    /// The register's version.
    pub version: Option<Date>,
    /// Each new unit the earlier report had units of, and those units.
    pub absorbed: Vec<Absorbed>,
    /// The old units that were split: the comparison is approximate for the new units
    /// they went into.
    pub splits: Vec<Split>,
    /// The earlier report's units not found in the register: left as they are (in one
    /// report only).
    pub unplaced: Vec<String>,
}

impl Across {
    /// The change of these units is approximate (a split old unit went into it).
    pub fn approximate(&self) -> bool {
        !self.splits.is_empty()
    }
}

/// The earlier report (before the reform) in the units of the later one (after it): each old
/// unit's figures added to the new unit it went into (a split one's to its default new unit),
/// named and placed under the parents as the later report has them; old units not found stay
/// as they are. `None` unless the reports are on each side of the reform at the same level
/// (communes, or provinces).
pub fn roll_up(
    earlier: &Analysis,
    earlier_at: &Placement,
    later: &Analysis,
    later_at: &Placement,
    known: &Known,
) -> Option<(Analysis, Across)> {
    if earlier_at.era != Some(Era::Before) || later_at.era != Some(Era::After) {
        return None;
    }
    let level = earlier_at.level?;
    if level == Level::District || later_at.level != Some(level) {
        return None;
    }
    let r = &known.register;
    // The later report's row for each new code.
    let mut later_rows: HashMap<&str, &Arc<UnitRow>> = HashMap::new();
    for row in rows_of(later) {
        if let Some(p) = later_at.of(row) {
            later_rows.entry(p.code.as_str()).or_insert(row);
        }
    }
    let new_name = |code: &str| -> String {
        match level {
            Level::Province => known
                .province_at
                .get(code)
                .map(|p| r.provinces[*p].name.clone()),
            _ => known
                .commune_at
                .get(code)
                .map(|w| r.communes[*w].name.clone()),
        }
        .unwrap_or_else(|| code.to_string())
    };
    let mut across = Across {
        version: known.version(),
        ..Across::default()
    };
    // Each old row's new code (and whether it was split), decided once for every indicator.
    let mut rolled_rows: HashMap<String, Arc<UnitRow>> = HashMap::new();
    let mut absorbed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut target_of: HashMap<RowKey, Option<String>> = HashMap::new();
    let no_parents: Arc<[String]> = Arc::from(Vec::new());
    for row in rows_of(earlier) {
        let new = earlier_at.of(row).and_then(|p| match level {
            Level::Province => known.province_became.get(&p.code).cloned(),
            _ => {
                let c = &r.old_communes[*known.old_commune_at.get(&p.code)?];
                if c.split() {
                    let into = c.became[0].clone();
                    across.splits.push(Split {
                        old: row.unit.to_string(),
                        into: later_rows
                            .get(into.as_str())
                            .map_or_else(|| new_name(&into), |l| l.unit.to_string()),
                        also: c.became[1..].iter().map(|n| new_name(n)).collect(),
                    });
                }
                c.became.first().cloned()
            }
        });
        match &new {
            Some(code) => {
                absorbed
                    .entry(code.clone())
                    .or_default()
                    .push(row.unit.to_string());
                rolled_rows.entry(code.clone()).or_insert_with(|| {
                    Arc::new(match later_rows.get(code.as_str()) {
                        Some(l) => UnitRow {
                            unit: l.unit.clone(),
                            parents: l.parents.clone(),
                            source_row: row.source_row,
                            file: row.file,
                        },
                        None => UnitRow {
                            unit: Arc::from(new_name(code)),
                            parents: no_parents.clone(),
                            source_row: row.source_row,
                            file: row.file,
                        },
                    })
                });
            }
            None => across.unplaced.push(row.unit.to_string()),
        }
        target_of.insert((row.file, row.source_row), new);
    }
    across.absorbed = absorbed
        .into_iter()
        .map(|(code, from)| Absorbed {
            unit: rolled_rows
                .get(&code)
                .map_or_else(String::new, |r| r.unit.to_string()),
            code,
            from,
        })
        .collect();
    let levels = later.parent_levels.len();
    let indicators = earlier
        .indicators
        .iter()
        .map(|ind| roll_indicator(ind, &target_of, &rolled_rows, levels))
        .collect();
    Some((
        Analysis {
            unit_level: later.unit_level.clone(),
            parent_levels: later.parent_levels.clone(),
            indicators,
            skipped: Vec::new(),
            warnings: Vec::new(),
            whole_label: earlier.whole_label.clone(),
            files: earlier.files.clone(),
            unreported: Vec::new(),
        },
        across,
    ))
}

/// One indicator's units added up by their new unit (units without one kept as they are).
fn roll_indicator(
    ind: &IndicatorResult,
    target_of: &HashMap<RowKey, Option<String>>,
    rolled_rows: &HashMap<String, Arc<UnitRow>>,
    levels: usize,
) -> IndicatorResult {
    let mut units: Vec<UnitResult> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for u in &ind.units {
        let code = target_of
            .get(&(u.row.file, u.row.source_row))
            .and_then(|c| c.as_deref());
        let Some(code) = code else {
            let mut kept = u.clone();
            kept.row = Arc::new(UnitRow {
                parents: Arc::from(Vec::new()),
                ..(*u.row).clone()
            });
            units.push(kept);
            continue;
        };
        match slot.get(code) {
            Some(&i) => units[i].add(u),
            None => {
                let Some(row) = rolled_rows.get(code) else {
                    continue;
                };
                slot.insert(code, units.len());
                units.push(UnitResult::new(
                    row.clone(),
                    u.achieved.get(),
                    u.target.get(),
                    u.parts.clone(),
                    None,
                ));
            }
        }
    }
    IndicatorResult::of_units(
        ind.name.clone(),
        ind.target_name.clone(),
        ind.part_names.clone(),
        units,
        levels,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_word_tells_the_kind() {
        assert_eq!(written_kind("Thị trấn Thới Bình"), Some("thi tran"));
        assert_eq!(written_kind("TT. Thới Bình"), Some("thi tran"));
        assert_eq!(written_kind("Xã Thới Bình"), Some("xa"));
        assert_eq!(written_kind("Thới Bình"), None);
    }
}
