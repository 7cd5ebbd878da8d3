//! Geometry of the stacked composition: per unit, its parts (activated / in processing / not
//! in need) as segments of one bar whose full length is the unit's target.

use super::rank::{BOTTOM, LABEL_WIDTH, ROW_HEIGHT, TOP, WIDTH};

/// Room right of the bars.
pub const VALUE_WIDTH: f64 = 60.0;
/// The most rows drawn.
pub const MAX_ROWS: usize = attain_core::analysis::drawn::STACK_ROWS;

/// One segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Which part (index into the part names).
    pub part: usize,
    pub x: f64,
    pub width: f64,
    /// The part's share of the target.
    pub share: f64,
}

/// One unit's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    pub unit: usize,
    pub y: f64,
    pub segments: Vec<Segment>,
}

/// Lays out `(unit, target, parts)`; the scale is 100% of each unit's own target, so parts
/// that add up to the target fill the bar exactly. Units in the order given.
pub fn layout(units: &[(usize, f64, Vec<f64>)]) -> (Vec<Stack>, f64) {
    let x0 = LABEL_WIDTH;
    let full = WIDTH - VALUE_WIDTH - x0;
    let stacks: Vec<Stack> = units
        .iter()
        .filter(|(_, t, _)| *t > 0.0)
        .take(MAX_ROWS)
        .enumerate()
        .map(|(i, (unit, target, parts))| {
            let mut x = x0;
            let segments = parts
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let share = (p.max(0.0) / target).min(2.0);
                    let seg = Segment {
                        part: k,
                        x,
                        width: share * full,
                        share,
                    };
                    x += seg.width;
                    seg
                })
                .collect();
            Stack {
                unit: *unit,
                y: TOP + i as f64 * ROW_HEIGHT,
                segments,
            }
        })
        .collect();
    let height = TOP + stacks.len().max(1) as f64 * ROW_HEIGHT + BOTTOM;
    (stacks, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_that_add_up_fill_the_bar() {
        let (s, _) = layout(&[(0, 100.0, vec![50.0, 30.0, 20.0]), (1, 0.0, vec![1.0])]);
        assert_eq!(s.len(), 1);
        let full = WIDTH - VALUE_WIDTH - LABEL_WIDTH;
        let total: f64 = s[0].segments.iter().map(|g| g.width).sum();
        assert!((total - full).abs() < 1e-9);
        assert_eq!(s[0].segments[1].share, 0.3);
        assert!((s[0].segments[2].x - (LABEL_WIDTH + 0.8 * full)).abs() < 1e-9);
    }
}
