//! Geometry of the gap chart: what remains per unit (target − achieved), largest first, each
//! bar labelled with its share of everything that remains. Units that reached their target
//! have no bar.

use super::rank::{Tick, BAR_HEIGHT, BOTTOM, LABEL_WIDTH, ROW_HEIGHT, TOP, WIDTH};
use super::scale::Linear;

/// Room right of the bars for "15.869 (14,6%)".
pub const VALUE_WIDTH: f64 = 130.0;
/// The most bars drawn (the largest gaps).
pub const MAX_BARS: usize = attain_core::analysis::drawn::GAP_BARS;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct GapBar {
    /// Index of the unit in the indicator's units.
    pub unit: usize,
    pub y: f64,
    pub width: f64,
    /// What remains.
    pub gap: f64,
    /// Its share of everything that remains (0 to 1).
    pub share: f64,
}

/// Everything needed to draw the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct GapLayout {
    pub width: f64,
    pub height: f64,
    pub x0: f64,
    pub bars: Vec<GapBar>,
    pub ticks: Vec<Tick>,
    /// Units with a gap not drawn (beyond [`MAX_BARS`]).
    pub left_out: usize,
}

/// Lays out the gaps `(unit index, gap)`: positive gaps only, largest first (ties in the
/// order given), at most [`MAX_BARS`].
/// Each unit's gap `(unit index, gap)`, surpluses included, in the units' order.
pub fn gaps_of(ind: &attain_core::analysis::IndicatorResult) -> Vec<(usize, f64)> {
    ind.units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.gap().map(|g| (i, g)))
        .collect()
}

/// `open`: what remains over all the units below their target, and how many they are (the
/// page holds only the units the charts draw; the shares and the count left out are of all).
pub fn layout(gaps: &[(usize, f64)], open: (f64, usize)) -> GapLayout {
    let (open_total, open_units) = open;
    // (position given, unit, gap): the position breaks ties, so that picking the largest
    // without sorting them all gives the same bars as a stable sort would.
    let mut open: Vec<(usize, usize, f64)> = gaps
        .iter()
        .enumerate()
        .filter(|(_, (_, g))| *g > 0.0)
        .map(|(k, (u, g))| (k, *u, *g))
        .collect();
    let total: f64 = open_total.max(open.iter().map(|(_, _, g)| g).sum());
    let largest_first =
        |a: &(usize, usize, f64), b: &(usize, usize, f64)| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0));
    let left_out = open_units.max(open.len()).saturating_sub(MAX_BARS);
    if open.len() > MAX_BARS {
        open.select_nth_unstable_by(MAX_BARS - 1, largest_first);
        open.truncate(MAX_BARS);
    }
    open.sort_by(largest_first);
    let open: Vec<(usize, f64)> = open.into_iter().map(|(_, u, g)| (u, g)).collect();
    let max = open.first().map(|(_, g)| *g).unwrap_or(1.0);
    let x0 = LABEL_WIDTH;
    let (scale, ticks) = Linear::from_zero(max, 4, (x0, WIDTH - VALUE_WIDTH));
    let bars = open
        .iter()
        .enumerate()
        .map(|(i, (unit, gap))| GapBar {
            unit: *unit,
            y: TOP + i as f64 * ROW_HEIGHT,
            width: scale.map(*gap) - x0,
            gap: *gap,
            share: if total > 0.0 { gap / total } else { 0.0 },
        })
        .collect();
    GapLayout {
        width: WIDTH,
        height: TOP + open.len().max(1) as f64 * ROW_HEIGHT + BOTTOM,
        x0,
        bars,
        ticks,
        left_out,
    }
}

/// The bar's height, centred in its row.
pub fn bar_top(bar: &GapBar) -> f64 {
    bar.y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_first_with_shares_and_no_surplus() {
        let g = layout(
            &[(0, 100.0), (1, -50.0), (2, 300.0), (3, 0.0), (4, 100.0)],
            (0.0, 0),
        );
        let order: Vec<usize> = g.bars.iter().map(|b| b.unit).collect();
        assert_eq!(order, vec![2, 0, 4]);
        assert_eq!(g.bars[0].share, 0.6);
        assert_eq!(g.bars[1].share, 0.2);
        // Widths in proportion to the gaps.
        assert!((g.bars[0].width / g.bars[1].width - 3.0).abs() < 1e-9);
        assert_eq!(g.left_out, 0);
        let many: Vec<(usize, f64)> = (0..40).map(|i| (i, 1.0 + i as f64)).collect();
        let g = layout(&many, (0.0, 0));
        assert_eq!((g.bars.len(), g.left_out), (MAX_BARS, 10));
        assert_eq!(g.bars[0].unit, 39);
        // Only the largest gaps at hand, with what remains over all the units: the shares and
        // the count left out are of all of them.
        let g = layout(&many[10..], (820.0, 40));
        assert_eq!((g.bars.len(), g.left_out), (MAX_BARS, 10));
        assert_eq!(g.bars[0].share, 40.0 / 820.0);
    }
}
