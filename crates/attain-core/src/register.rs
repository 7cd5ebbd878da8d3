//! The register of Vietnam's administrative units: the 34 provinces and 3,321 communes in force
//! from 1 July 2025 (codes, type, centre), the 63 provinces, their districts and communes before
//! that date, and which new commune(s) each old commune went into. Read from a data file made
//! by `scripts/make_register.py` from PyPI `vietnamadminunits` 1.0.4 (MIT); a later change of
//! units comes as a new dated file, and codes are read with their file's date, since old codes
//! were reused for other units.

use crate::dates::Date;

/// The register in force from 1 July 2025, with the units before it.
pub const DATA_2025: &str = include_str!("../data/register-2025-07-01.tsv");

/// A province after the reform.
#[derive(Clone, Debug, PartialEq)]
pub struct Province {
    /// Its code ("96").
    pub code: String,
    /// Its name ("Tỉnh Cà Mau").
    pub name: String,
    /// Its centre, latitude and longitude.
    pub centre: (f64, f64),
}

/// A commune, ward or special zone after the reform.
#[derive(Clone, Debug, PartialEq)]
pub struct Commune {
    /// Its province's code.
    pub province: String,
    /// Its code ("32065").
    pub code: String,
    /// Its name ("Xã Thới Bình").
    pub name: String,
    /// "Xã", "Phường" or "Đặc khu".
    pub kind: String,
    /// Its centre, latitude and longitude.
    pub centre: (f64, f64),
}

/// A province before the reform.
#[derive(Clone, Debug, PartialEq)]
pub struct OldProvince {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// A district before the reform.
#[derive(Clone, Debug, PartialEq)]
pub struct District {
    /// Its province's code.
    pub province: String,
    /// Its code.
    pub code: String,
    /// Its name ("Huyện Thới Bình").
    pub name: String,
    /// "Huyện", "Quận", "Thị xã", "Thành phố".
    pub kind: String,
}

/// A commune before the reform, and where it went.
#[derive(Clone, Debug, PartialEq)]
pub struct OldCommune {
    /// Its district's code.
    pub district: String,
    /// Its code (empty for an island district without communes).
    pub code: String,
    /// Its name.
    pub name: String,
    /// "Xã", "Phường", "Thị trấn".
    pub kind: String,
    /// The code(s) of the new commune(s) it went into, the default first; more than one when
    /// it was split.
    pub became: Vec<String>,
}

impl OldCommune {
    /// It was split between new communes: a figure of it goes to the default one, and a
    /// comparison across the reform is approximate.
    pub fn split(&self) -> bool {
        self.became.len() > 1
    }
}

/// The units of one register file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Register {
    /// The date the new units are in force.
    pub valid_from: Option<Date>,
    /// The provinces after the reform.
    pub provinces: Vec<Province>,
    /// The communes after the reform.
    pub communes: Vec<Commune>,
    /// The provinces before the reform.
    pub old_provinces: Vec<OldProvince>,
    /// The districts before the reform.
    pub districts: Vec<District>,
    /// The communes before the reform.
    pub old_communes: Vec<OldCommune>,
}

/// A line of a register file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterError {
    /// Its number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub why: String,
}

impl Register {
    /// The register of 1 July 2025.
    pub fn of_2025() -> Result<Register, RegisterError> {
        Register::parse(DATA_2025)
    }

    /// Reads a register file (see `scripts/make_register.py` for its records).
    pub fn parse(text: &str) -> Result<Register, RegisterError> {
        let mut r = Register::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |why: &str| RegisterError {
                line: i + 1,
                why: why.to_string(),
            };
            let field = |k: usize| f.get(k).copied().ok_or_else(|| bad("a field is missing"));
            let number = |k: usize| {
                field(k)?
                    .parse::<f64>()
                    .map_err(|_| bad("a coordinate is not a number"))
            };
            match f[0] {
                "V" => {
                    r.valid_from =
                        Some(Date::parse_iso(field(1)?).ok_or_else(|| bad("not a date"))?)
                }
                "P" => r.provinces.push(Province {
                    code: field(1)?.into(),
                    name: field(2)?.into(),
                    centre: (number(3)?, number(4)?),
                }),
                "W" => r.communes.push(Commune {
                    province: field(1)?.into(),
                    code: field(2)?.into(),
                    name: field(3)?.into(),
                    kind: field(4)?.into(),
                    centre: (number(5)?, number(6)?),
                }),
                "p" => r.old_provinces.push(OldProvince {
                    code: field(1)?.into(),
                    name: field(2)?.into(),
                }),
                "d" => r.districts.push(District {
                    province: field(1)?.into(),
                    code: field(2)?.into(),
                    name: field(3)?.into(),
                    kind: field(4)?.into(),
                }),
                "w" => r.old_communes.push(OldCommune {
                    district: field(1)?.into(),
                    code: field(2)?.into(),
                    name: field(3)?.into(),
                    kind: field(4)?.into(),
                    became: field(5)?
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect(),
                }),
                _ => return Err(bad("unknown record")),
            }
        }
        Ok(r)
    }

    /// Reads a register file unless it is `held`'s own (same date in force, same counts):
    /// `None` then.
    pub fn parse_if_new(
        text: &str,
        held: Option<&Register>,
    ) -> Result<Option<Register>, RegisterError> {
        if let Some(held) = held {
            // The version line comes first: the same date, and the same number of records.
            let date = text
                .lines()
                .find(|l| l.starts_with("V\t"))
                .and_then(|l| Date::parse_iso(l.get(2..)?));
            let records = text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .count();
            let held_records = 1
                + held.provinces.len()
                + held.communes.len()
                + held.old_provinces.len()
                + held.districts.len()
                + held.old_communes.len();
            if date == held.valid_from && records == held_records {
                return Ok(None);
            }
        }
        Register::parse(text).map(Some)
    }

    /// A new commune by its code.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.communes.iter().find(|c| c.code == code)
    }

    /// A district before the reform by its code.
    pub fn district(&self, code: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named() {
        let e = Register::parse("V\t2025-07-01\nP\t01\tHà Nội\tx\t105.8\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.why, "a coordinate is not a number");
        assert_eq!(Register::parse("Q\t1\n").unwrap_err().why, "unknown record");
    }
}
