//! Geometry of the bullet chart: per unit, what it achieved as a bar over its own target (a
//! lighter bar with a mark at its end), on one count scale, so that sizes compare too; units in
//! the order given (rank order), at most [`MAX_ROWS`].

use super::rank::{Tick, BOTTOM, LABEL_WIDTH, ROW_HEIGHT, TOP, WIDTH};
use super::scale::Linear;

/// Room right of the bars for "còn 15.869".
pub const VALUE_WIDTH: f64 = 120.0;
/// The most rows drawn.
pub const MAX_ROWS: usize = attain_core::analysis::drawn::BULLET_ROWS;

/// One unit's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Bullet {
    pub unit: usize,
    pub y: f64,
    /// Width of the target bar (and x of its mark, from `x0`).
    pub target_w: f64,
    /// Width of the achieved bar.
    pub achieved_w: f64,
    /// target − achieved.
    pub gap: f64,
}

/// Everything needed to draw the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct BulletLayout {
    pub width: f64,
    pub height: f64,
    pub x0: f64,
    pub bullets: Vec<Bullet>,
    pub ticks: Vec<Tick>,
    pub left_out: usize,
}

/// Lays out `(unit, achieved, target)` in the order given.
pub fn layout(rows: &[(usize, f64, f64)]) -> BulletLayout {
    let kept: Vec<(usize, f64, f64)> = rows
        .iter()
        .copied()
        .filter(|(_, a, t)| a.is_finite() && t.is_finite() && *t > 0.0)
        .collect();
    let left_out = kept.len().saturating_sub(MAX_ROWS);
    let kept = &kept[..kept.len().min(MAX_ROWS)];
    let max = kept
        .iter()
        .map(|(_, a, t)| a.max(*t))
        .fold(1.0f64, f64::max);
    let x0 = LABEL_WIDTH;
    let (scale, ticks) = Linear::from_zero(max, 5, (x0, WIDTH - VALUE_WIDTH));
    BulletLayout {
        width: WIDTH,
        height: TOP + kept.len().max(1) as f64 * ROW_HEIGHT + BOTTOM,
        x0,
        bullets: kept
            .iter()
            .enumerate()
            .map(|(i, (u, a, t))| Bullet {
                unit: *u,
                y: TOP + i as f64 * ROW_HEIGHT,
                target_w: scale.map(*t) - x0,
                achieved_w: scale.map(a.max(0.0)) - x0,
                gap: t - a,
            })
            .collect(),
        ticks,
        left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn achieved_against_its_own_target_on_one_scale() {
        let g = layout(&[(0, 50.0, 100.0), (1, 300.0, 200.0), (2, 1.0, 0.0)]);
        assert_eq!(g.bullets.len(), 2);
        assert!((g.bullets[0].achieved_w * 2.0 - g.bullets[0].target_w).abs() < 1e-9);
        // Over-achievement runs past its own target mark.
        assert!(g.bullets[1].achieved_w > g.bullets[1].target_w);
        assert_eq!(g.bullets[1].gap, -100.0);
        // One scale: a target twice as big is twice as long.
        assert!((g.bullets[1].target_w - 2.0 * g.bullets[0].target_w).abs() < 1e-9);
    }
}
