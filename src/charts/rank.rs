//! Layout of the ranked horizontal bar chart of rates: one row per unit, highest rate first,
//! a 100% line, bars beyond 100% drawn in full (the scale grows to fit them).

use super::scale::Linear;
pub use super::scale::Tick;

/// Pixel sizes of the chart.
pub const WIDTH: f64 = 760.0;
pub const LABEL_WIDTH: f64 = 180.0;
pub const VALUE_WIDTH: f64 = 72.0;
pub const ROW_HEIGHT: f64 = 26.0;
pub const BAR_HEIGHT: f64 = 18.0;
pub const TOP: f64 = 28.0;
pub const BOTTOM: f64 = 8.0;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Index of the unit in the analysis.
    pub unit: usize,
    /// Top of the row.
    pub y: f64,
    /// Width of the bar (0 when the rate is undefined).
    pub width: f64,
    /// The rate, when defined.
    pub rate: Option<f64>,
}

/// Everything needed to draw the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct RankLayout {
    pub width: f64,
    pub height: f64,
    /// Left edge of the plot (bars start here).
    pub x0: f64,
    /// Right edge of the plot.
    pub x1: f64,
    /// Position of the 100% line.
    pub target_x: f64,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
}

/// The most bars drawn; beyond it the chart shows the top and the bottom halves.
pub const MAX_BARS: usize = attain_core::analysis::drawn::RANK_BARS;

/// The bars to draw for units in rank order (`rate` of a unit), `all` units in all (the
/// page holds only those the charts draw: the top and the bottom of the ranking among them):
/// all of them, or the first and last `MAX_BARS / 2` with the number left out between them.
pub fn top_and_bottom_of(
    order: &[usize],
    all: usize,
    rate: impl Fn(usize) -> Option<f64>,
) -> (Vec<(usize, Option<f64>)>, Option<usize>) {
    let pick = |s: &[usize]| s.iter().map(|&i| (i, rate(i))).collect::<Vec<_>>();
    let all = all.max(order.len());
    if all <= MAX_BARS {
        return (pick(order), None);
    }
    let half = (MAX_BARS / 2).min(order.len() / 2);
    let mut shown = pick(&order[..half]);
    shown.extend(pick(&order[order.len() - half..]));
    (shown, Some(all - 2 * half))
}

/// Lays out bars for units already in rank order: `(unit index, rate)`.
pub fn layout(ranked: &[(usize, Option<f64>)]) -> RankLayout {
    layout_with_gap(ranked, None)
}

/// Lays out bars, leaving one empty row after bar `gap_after` (for "… units in between").
pub fn layout_with_gap(ranked: &[(usize, Option<f64>)], gap_after: Option<usize>) -> RankLayout {
    let max = ranked.iter().filter_map(|(_, r)| *r).fold(1.0f64, f64::max);
    let x0 = LABEL_WIDTH;
    let x1 = WIDTH - VALUE_WIDTH;
    let (scale, ticks) = Linear::from_zero(max, 5, (x0, x1));
    let bars = ranked
        .iter()
        .enumerate()
        .map(|(i, (unit, rate))| Bar {
            unit: *unit,
            y: TOP + (i + usize::from(gap_after.is_some_and(|g| i > g))) as f64 * ROW_HEIGHT,
            // Negative rates (negative counts in the source) draw as empty bars.
            width: rate.map(|r| scale.map(r.max(0.0)) - x0).unwrap_or(0.0),
            rate: *rate,
        })
        .collect();
    RankLayout {
        width: WIDTH,
        height: TOP
            + (ranked.len() + usize::from(gap_after.is_some())) as f64 * ROW_HEIGHT
            + BOTTOM,
        x0,
        x1,
        target_x: scale.map(1.0),
        ticks,
        bars,
    }
}

/// Shortens a label to `max` characters with an ellipsis; the full name goes in a tooltip.
pub fn truncate(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_achievement_is_drawn_in_full() {
        let l = layout(&[(3, Some(1.9103)), (0, Some(0.6918)), (1, None)]);
        assert_eq!(l.bars.len(), 3);
        // The longest bar fits in the plot, and is longer than the 100% line.
        assert!(l.x0 + l.bars[0].width <= l.x1 + 1e-9);
        assert!(l.x0 + l.bars[0].width > l.target_x);
        // Proportional to the rate.
        let ratio = l.bars[1].width / l.bars[0].width;
        assert!((ratio - 0.6918 / 1.9103).abs() < 1e-9);
        assert_eq!(l.bars[2].width, 0.0);
        assert_eq!(l.bars[1].y - l.bars[0].y, ROW_HEIGHT);
    }

    #[test]
    fn the_100_percent_line_sits_at_the_end_when_no_unit_exceeds_it() {
        let l = layout(&[(0, Some(0.9)), (1, Some(0.5))]);
        assert!((l.target_x - l.x1).abs() < 1e-9);
    }

    #[test]
    fn many_units_show_the_top_and_the_bottom() {
        let order: Vec<usize> = (0..1000).collect();
        let rate = |i: usize| Some(1.0 - i as f64 / 1000.0);
        let (shown, left_out) = top_and_bottom_of(&order, order.len(), rate);
        assert_eq!(shown.len(), MAX_BARS);
        assert_eq!(left_out, Some(1000 - MAX_BARS));
        assert_eq!(shown[0].0, 0);
        assert_eq!(shown[MAX_BARS - 1].0, 999);
        let l = layout_with_gap(&shown, Some(MAX_BARS / 2 - 1));
        assert_eq!(
            l.bars[MAX_BARS / 2].y - l.bars[MAX_BARS / 2 - 1].y,
            2.0 * ROW_HEIGHT
        );
        assert_eq!(top_and_bottom_of(&order[..10], 10, rate).1, None);
        assert_eq!(top_and_bottom_of(&order[..10], 10, rate).0[9], (9, rate(9)));
    }

    #[test]
    fn truncates_long_names() {
        assert_eq!(truncate("Thạnh Phú", 20), "Thạnh Phú");
        assert_eq!(
            truncate("Thành phố Bến Tre và vùng lân cận", 12),
            "Thành phố B…"
        );
    }
}
