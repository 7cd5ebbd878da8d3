//! Geometry of the dumbbell between two reporting dates: per unit, its rate at the earlier date
//! and now, joined by a line; units in order of their rate now.

use super::rank::{Tick, BOTTOM, LABEL_WIDTH, ROW_HEIGHT, TOP, WIDTH};
use super::scale::Linear;

/// Room right of the plot for "+3,63".
pub const VALUE_WIDTH: f64 = 90.0;
/// The most rows drawn (the engine sends the page these units of a larger comparison).
pub const MAX_ROWS: usize = attain_core::analysis::drawn::DUMBBELL_ROWS;

/// One unit's two rates.
#[derive(Clone, Debug, PartialEq)]
pub struct Bell {
    pub unit: usize,
    /// Middle of the row.
    pub y: f64,
    pub x_before: f64,
    pub x_now: f64,
    /// Change in percentage points.
    pub change_pp: f64,
}

/// Everything needed to draw the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct DumbbellLayout {
    pub width: f64,
    pub height: f64,
    pub x0: f64,
    pub target_x: f64,
    pub bells: Vec<Bell>,
    pub ticks: Vec<Tick>,
}

/// The units of an indicator's comparison the chart can draw: `(index, rate before, rate now)`
/// of those with a rate at both dates.
pub fn pairs_of(
    ind: &attain_core::analysis::series::IndicatorComparison,
) -> Vec<(usize, f64, f64)> {
    ind.units
        .iter()
        .enumerate()
        .filter(|(_, u)| attain_core::analysis::drawn::paired(u))
        .filter_map(|(i, u)| Some((i, u.change.rate_before?, u.change.rate?)))
        .collect()
}

/// Lays out `(unit, rate before, rate now)`, highest rate now first, at most [`MAX_ROWS`].
pub fn layout(pairs: &[(usize, f64, f64)]) -> DumbbellLayout {
    let mut rows: Vec<(usize, f64, f64)> = pairs
        .iter()
        .copied()
        .filter(|(_, a, b)| a.is_finite() && b.is_finite())
        .collect();
    rows.sort_by(|a, b| b.2.total_cmp(&a.2));
    rows.truncate(MAX_ROWS);
    let max = rows.iter().map(|r| r.1.max(r.2)).fold(1.0f64, f64::max);
    let x0 = LABEL_WIDTH;
    let (scale, ticks) = Linear::from_zero(max, 5, (x0, WIDTH - VALUE_WIDTH));
    DumbbellLayout {
        width: WIDTH,
        height: TOP + rows.len().max(1) as f64 * ROW_HEIGHT + BOTTOM,
        x0,
        target_x: scale.map(1.0),
        bells: rows
            .iter()
            .enumerate()
            .map(|(i, (u, before, now))| Bell {
                unit: *u,
                y: TOP + i as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0,
                x_before: scale.map(before.max(0.0)),
                x_now: scale.map(now.max(0.0)),
                change_pp: (now - before) * 100.0,
            })
            .collect(),
        ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_now_first_with_changes() {
        let g = layout(&[
            (0, 0.5, 0.6),
            (1, 0.8, 0.85),
            (2, 0.9, 0.7),
            (3, f64::NAN, 0.9),
        ]);
        let order: Vec<usize> = g.bells.iter().map(|b| b.unit).collect();
        assert_eq!(order, vec![1, 2, 0]);
        assert!((g.bells[0].change_pp - 5.0).abs() < 1e-9);
        assert!(g.bells[1].x_now < g.bells[1].x_before);
        assert!(g.bells[2].y > g.bells[0].y);
    }
}
