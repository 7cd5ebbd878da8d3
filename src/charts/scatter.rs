//! Geometry of the scatter of target size against rate: one dot per unit, the 100% line and
//! the whole's rate as a dashed line; the big units below the whole's rate are the ones to look
//! at, and get their names written.

use super::scale::{ticks_from_zero, Linear};

pub const WIDTH: f64 = 760.0;
pub const HEIGHT: f64 = 380.0;
pub const LEFT: f64 = 64.0;
pub const RIGHT: f64 = 24.0;
pub const TOP: f64 = 16.0;
pub const BOTTOM: f64 = 40.0;
/// Names written beside the dots of at most this many big, lagging units.
pub const LABELLED: usize = 5;

/// One dot.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    pub unit: usize,
    pub x: f64,
    pub y: f64,
    pub target: f64,
    pub rate: f64,
    /// A big unit below the whole's rate: its name is written.
    pub labelled: bool,
    /// Where its name goes (moved down when names would overlap).
    pub label_y: f64,
}

/// The least vertical room between two written names.
pub const LABEL_GAP: f64 = 14.0;

/// Everything needed to draw the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterLayout {
    pub dots: Vec<Dot>,
    /// (x, target value) ticks.
    pub x_ticks: Vec<(f64, f64)>,
    /// (y, rate) ticks.
    pub y_ticks: Vec<(f64, f64)>,
    /// y of 100%.
    pub target_y: f64,
    /// y of the whole's rate.
    pub whole_y: Option<f64>,
}

/// The dots to lay out, `(unit, target, rate)`: a dot per unit with both, up to `max`; beyond
/// (of `all` units with both: the page holds only those the charts draw), the units with the
/// largest targets (those that weigh most on the whole), largest first, ties in the units'
/// order, picked without sorting them all.
pub fn points_of(
    ind: &attain_core::analysis::IndicatorResult,
    max: usize,
) -> (Vec<(usize, f64, f64)>, usize) {
    let mut points: Vec<(usize, f64, f64)> = ind
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((i, u.target.get()?, u.rate()?)))
        .collect();
    let all = ind.all.dots.max(points.len());
    if all > max {
        let largest =
            |x: &(usize, f64, f64), y: &(usize, f64, f64)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        if points.len() > max {
            points.select_nth_unstable_by(max - 1, largest);
            points.truncate(max);
        }
        points.sort_by(largest);
    }
    (points, all)
}

/// Lays out `(unit, target, rate)` for units with both; `whole`: the whole's rate.
pub fn layout(points: &[(usize, f64, f64)], whole: Option<f64>) -> ScatterLayout {
    let pts: Vec<(usize, f64, f64)> = points
        .iter()
        .copied()
        .filter(|(_, t, r)| *t > 0.0 && r.is_finite())
        .collect();
    let max_t = pts.iter().map(|p| p.1).fold(1.0f64, f64::max);
    let max_r = pts.iter().map(|p| p.2).fold(1.0f64, f64::max);
    let min_r = pts
        .iter()
        .map(|p| p.2)
        .fold(f64::INFINITY, f64::min)
        .max(0.0);
    let xt = ticks_from_zero(max_t, 5);
    // Rates start a step below the lowest one (not at 0), so that close rates spread out.
    let span = (max_r - min_r).max(0.1);
    let step = super::scale::nice_step(span, 5);
    let low = ((min_r / step).floor() * step - step).max(0.0);
    let yt: Vec<f64> = (0..)
        .map(|k| low + k as f64 * step)
        .take_while(|v| *v <= max_r + step - 1e-9)
        .take(40)
        .collect();
    let x = Linear {
        domain: (0.0, xt.last().copied().unwrap_or(max_t).max(max_t)),
        range: (LEFT, WIDTH - RIGHT),
    };
    let y = Linear {
        domain: (low, yt.last().copied().unwrap_or(max_r).max(max_r)),
        range: (HEIGHT - BOTTOM, TOP),
    };
    // The biggest targets among the units below the whole's rate.
    let mut lagging: Vec<&(usize, f64, f64)> = pts
        .iter()
        .filter(|p| whole.is_some_and(|w| p.2 < w))
        .collect();
    lagging.sort_by(|a, b| b.1.total_cmp(&a.1));
    let named: Vec<usize> = lagging.iter().take(LABELLED).map(|p| p.0).collect();
    let mut dots: Vec<Dot> = pts
        .iter()
        .map(|(u, t, r)| Dot {
            unit: *u,
            x: x.map(*t),
            y: y.map(r.max(0.0)),
            target: *t,
            rate: *r,
            labelled: named.contains(u),
            label_y: y.map(r.max(0.0)),
        })
        .collect();
    // Written names top to bottom, each at least LABEL_GAP under the one above.
    let mut order: Vec<usize> = (0..dots.len()).filter(|i| dots[*i].labelled).collect();
    order.sort_by(|a, b| dots[*a].y.total_cmp(&dots[*b].y));
    let mut last = f64::NEG_INFINITY;
    for i in order {
        let y = dots[i].label_y.max(last + LABEL_GAP);
        dots[i].label_y = y;
        last = y;
    }
    ScatterLayout {
        dots,
        x_ticks: xt.iter().map(|v| (x.map(*v), *v)).collect(),
        y_ticks: yt.iter().map(|v| (y.map(*v), *v)).collect(),
        target_y: y.map(1.0),
        whole_y: whole.map(|w| y.map(w.max(0.0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_laggards_are_named() {
        let pts = [
            (0, 100.0, 0.5),
            (1, 1_000.0, 0.6),
            (2, 900.0, 0.95),
            (3, 50.0, 1.9),
            (4, 10.0, f64::NAN),
        ];
        let g = layout(&pts, Some(0.8));
        assert_eq!(g.dots.len(), 4);
        let named: Vec<usize> = g
            .dots
            .iter()
            .filter(|d| d.labelled)
            .map(|d| d.unit)
            .collect();
        assert_eq!(named, vec![0, 1]);
        // Bigger target further right; higher rate higher up (smaller y).
        assert!(g.dots[1].x > g.dots[0].x);
        assert!(g.dots[3].y < g.dots[2].y);
        assert!(g.whole_y.unwrap() > g.target_y);
        // Names never closer than LABEL_GAP.
        let mut ys: Vec<f64> = g
            .dots
            .iter()
            .filter(|d| d.labelled)
            .map(|d| d.label_y)
            .collect();
        ys.sort_by(f64::total_cmp);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= LABEL_GAP - 1e-9));
    }
}
