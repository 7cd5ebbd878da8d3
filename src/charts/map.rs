//! The map's geometry: the report's units as dots at their centres in the register (a plain
//! projection scaled to the units' own extent, each dot's area by its target), or, for a
//! report of provinces, a tile grid of the 34 provinces (each tile near its centre's place,
//! none on top of another). No boundary is drawn.

/// The drawing's width, in its own units.
pub const WIDTH: f64 = 560.0;
/// The dots' area's height at most.
pub const MAX_HEIGHT: f64 = 560.0;
/// Room around the dots.
pub const PAD: f64 = 24.0;
/// The largest dot's radius (less for many units: [`largest`]).
pub const R_MAX: f64 = 16.0;
/// The smallest dot's radius (a unit without a target too).
pub const R_MIN: f64 = 3.0;

/// A dot.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    /// The unit's index in the points given.
    pub index: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

/// The dots and the drawing's size; the largest dots first, so that small ones stay on top.
#[derive(Clone, Debug, PartialEq)]
pub struct Dots {
    pub dots: Vec<Dot>,
    pub width: f64,
    pub height: f64,
}

/// Places points (latitude, longitude) with their targets. Longitudes are shortened by the
/// cosine of the middle latitude, so that distances look as they are; the extent is at least
/// a fifth of a degree, so that a few units close together are not spread over the page.
pub fn dots(points: &[((f64, f64), Option<f64>)]) -> Dots {
    if points.is_empty() {
        return Dots {
            dots: Vec::new(),
            width: WIDTH,
            height: 2.0 * PAD,
        };
    }
    let lat = |i: usize| points[i].0 .0;
    let lon = |i: usize| points[i].0 .1;
    let fold = |f: &dyn Fn(usize) -> f64, min: bool| {
        (0..points.len())
            .map(f)
            .fold(if min { f64::MAX } else { f64::MIN }, |a, b| {
                if min {
                    a.min(b)
                } else {
                    a.max(b)
                }
            })
    };
    let (lat0, lat1) = (fold(&lat, true), fold(&lat, false));
    let (lon0, lon1) = (fold(&lon, true), fold(&lon, false));
    let k = ((lat0 + lat1) / 2.0).to_radians().cos();
    let span_x = ((lon1 - lon0) * k).max(0.2);
    let span_y = (lat1 - lat0).max(0.2);
    // One scale for both directions: as wide as the drawing, or as tall as it may be.
    let scale = ((WIDTH - 2.0 * PAD) / span_x).min((MAX_HEIGHT - 2.0 * PAD) / span_y);
    let width = WIDTH;
    let height = span_y * scale + 2.0 * PAD;
    let x_mid = (lon0 + lon1) / 2.0;
    let y_mid = (lat0 + lat1) / 2.0;
    let most = points
        .iter()
        .filter_map(|p| p.1)
        .filter(|t| *t > 0.0)
        .fold(0.0f64, f64::max);
    let r_max = largest(points.len());
    let mut dots: Vec<Dot> = points
        .iter()
        .enumerate()
        .map(|(index, ((la, lo), target))| {
            let r = match target {
                Some(t) if *t > 0.0 && most > 0.0 => (r_max * (t / most).sqrt()).max(R_MIN),
                _ => R_MIN,
            };
            Dot {
                index,
                x: width / 2.0 + (lo - x_mid) * k * scale,
                y: height / 2.0 - (la - y_mid) * scale,
                r,
            }
        })
        .collect();
    dots.sort_by(|a, b| b.r.total_cmp(&a.r).then(a.index.cmp(&b.index)));
    Dots {
        dots,
        width,
        height,
    }
}

/// The largest dot's radius for `n` units: smaller as there are more, so that the dots of a
/// province's hundred communes overlap less.
pub fn largest(n: usize) -> f64 {
    (110.0 / (n.max(1) as f64).sqrt()).clamp(R_MIN * 2.0, R_MAX)
}

/// A tile's size.
pub const TILE_W: f64 = 64.0;
pub const TILE_H: f64 = 40.0;
/// A degree of latitude or longitude per cell of the grid.
const CELL_DEGREES: f64 = 1.0;

/// A tile: the province's index in the list given, its column and row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tile {
    pub index: usize,
    pub col: i32,
    pub row: i32,
}

/// A tile grid of the provinces at their centres: each province takes the free cell nearest
/// its centre's place, the northernmost first; the grid starts at column and row 0.
pub fn tiles(centres: &[(f64, f64)]) -> Vec<Tile> {
    if centres.is_empty() {
        return Vec::new();
    }
    let north = centres.iter().map(|c| c.0).fold(f64::MIN, f64::max);
    let west = centres.iter().map(|c| c.1).fold(f64::MAX, f64::min);
    let mut order: Vec<usize> = (0..centres.len()).collect();
    order.sort_by(|a, b| centres[*b].0.total_cmp(&centres[*a].0).then(a.cmp(b)));
    let mut taken: Vec<Tile> = Vec::new();
    for i in order {
        let fx = (centres[i].1 - west) / CELL_DEGREES * 1.4;
        let fy = (north - centres[i].0) / CELL_DEGREES * 1.1;
        let mut best: Option<(f64, i32, i32)> = None;
        let (cx, cy) = (fx.round() as i32, fy.round() as i32);
        for dy in -3..=3 {
            for dx in -3..=3 {
                let (col, row) = (cx + dx, cy + dy);
                if col < 0 || row < 0 || taken.iter().any(|t| (t.col, t.row) == (col, row)) {
                    continue;
                }
                let d = (col as f64 - fx).powi(2) + (row as f64 - fy).powi(2);
                if best.is_none_or(|(b, _, _)| d < b) {
                    best = Some((d, col, row));
                }
            }
        }
        if let Some((_, col, row)) = best {
            taken.push(Tile { index: i, col, row });
        }
    }
    let (c0, r0) = (
        taken.iter().map(|t| t.col).min().unwrap_or(0),
        taken.iter().map(|t| t.row).min().unwrap_or(0),
    );
    for t in taken.iter_mut() {
        t.col -= c0;
        t.row -= r0;
    }
    taken.sort_by_key(|t| (t.row, t.col));
    taken
}

/// A province's name on its tile: without "Tỉnh" or "Thành phố", in at most two lines.
pub fn tile_label(name: &str) -> (String, Option<String>) {
    let short = name
        .strip_prefix("Tỉnh ")
        .or_else(|| name.strip_prefix("Thành phố "))
        .unwrap_or(name);
    let words: Vec<&str> = short.split_whitespace().collect();
    if short.chars().count() <= 10 || words.len() < 2 {
        return (short.to_string(), None);
    }
    let half = words.len().div_ceil(2);
    (words[..half].join(" "), Some(words[half..].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_keep_their_places_and_their_targets_size() {
        // Three communes of Cà Mau: Nguyễn Phích, U Minh, Đất Mũi (the southern tip).
        let g = dots(&[
            ((9.46, 105.00), Some(9_000.0)),
            ((9.41, 104.98), Some(2_250.0)),
            ((8.62, 104.73), None),
        ]);
        let by = |i: usize| g.dots.iter().find(|d| d.index == i).unwrap().clone();
        let (a, b, c) = (by(0), by(1), by(2));
        // North is up, east is right.
        assert!(c.y > a.y && c.y > b.y);
        assert!(a.x > c.x);
        // Area by target: a quarter of the target, half the radius.
        assert!((a.r - R_MAX).abs() < 1e-9);
        assert!((b.r - R_MAX / 2.0).abs() < 1e-9);
        assert!(largest(100) < R_MAX && largest(10_000) == R_MIN * 2.0);
        assert_eq!(c.r, R_MIN);
        // The largest is drawn first.
        assert_eq!(g.dots[0].index, 0);
        // Everything inside the drawing.
        for d in &g.dots {
            assert!(d.x >= PAD - 1e-9 && d.x <= g.width - PAD + 1e-9);
            assert!(d.y >= PAD - 1e-9 && d.y <= g.height - PAD + 1e-9);
        }
    }

    #[test]
    fn one_unit_sits_in_the_middle() {
        let g = dots(&[((10.0, 106.0), Some(5.0))]);
        assert_eq!(g.dots.len(), 1);
        assert!((g.dots[0].x - WIDTH / 2.0).abs() < 1e-9);
        assert!((g.dots[0].y - g.height / 2.0).abs() < 1e-9);
    }

    #[test]
    fn tiles_never_overlap_and_keep_north_up() {
        // Hà Nội, Hải Phòng, Huế, Đà Nẵng, Hồ Chí Minh, Cà Mau, and two close together.
        let centres = [
            (21.0, 105.7),
            (20.8, 106.6),
            (16.4, 107.5),
            (16.0, 108.1),
            (10.8, 106.7),
            (9.1, 105.1),
            (10.8, 106.6),
            (10.9, 106.8),
        ];
        let t = tiles(&centres);
        assert_eq!(t.len(), centres.len());
        for (i, a) in t.iter().enumerate() {
            for b in &t[i + 1..] {
                assert_ne!((a.col, a.row), (b.col, b.row));
            }
        }
        let row = |i: usize| t.iter().find(|x| x.index == i).unwrap().row;
        assert!(row(0) < row(2) && row(2) < row(4) && row(4) < row(5));
    }

    #[test]
    fn tile_labels_drop_the_level_and_wrap() {
        assert_eq!(tile_label("Tỉnh Cà Mau"), ("Cà Mau".into(), None));
        assert_eq!(
            tile_label("Thành phố Hồ Chí Minh"),
            ("Hồ Chí".into(), Some("Minh".into()))
        );
    }
}
