//! The burn-up chart's geometry: what was achieved at each reporting date (at any spacing:
//! weekly, the 14th of each month, irregular) against the target, and, with a deadline, the
//! pace needed from the last date to reach the target by then and where the recent pace
//! leads (the projection).

use super::scale::{Linear, Tick};
use attain_core::dates::Date;

pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 300.0;
pub const LEFT: f64 = 72.0;
pub const RIGHT: f64 = 96.0;
pub const TOP: f64 = 16.0;
pub const BOTTOM: f64 = 40.0;
/// The least room between two date labels across.
pub const TICK_GAP: f64 = 72.0;

/// One reporting date's mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub date: Date,
    pub achieved: f64,
    pub target: Option<f64>,
}

/// A straight line of the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// The chart laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct Burnup {
    /// Achieved at each date that has a figure, oldest first.
    pub marks: Vec<Mark>,
    /// The latest target, and the height of its line.
    pub target: Option<(f64, f64)>,
    /// The deadline and where it is across.
    pub deadline: Option<(Date, f64)>,
    /// From the last date's mark to the target at the deadline, with the pace per day it
    /// takes (none when the target is reached, or without a deadline after the last date).
    pub needed: Option<(Segment, f64)>,
    /// From the last date's mark at the pace between the last two dates, to the deadline
    /// (or, without one, as far across as the dates go), with that pace per day and the
    /// figure it reaches there.
    pub projection: Option<(Segment, f64, f64)>,
    /// The dates' ticks across, and the deadline's.
    pub x_ticks: Vec<(f64, Date)>,
    /// The figures' ticks up.
    pub y_ticks: Vec<Tick>,
}

/// The burn-up of one line: `points` are (achieved, target) at each of `dates` (oldest
/// first); none without two dates with an achieved figure.
pub fn layout(
    dates: &[Date],
    points: &[(Option<f64>, Option<f64>)],
    deadline: Option<Date>,
) -> Option<Burnup> {
    let known: Vec<(Date, f64, Option<f64>)> = dates
        .iter()
        .zip(points)
        .filter_map(|(d, (a, t))| Some((*d, (*a)?, *t)))
        .collect();
    if known.len() < 2 {
        return None;
    }
    let (first, _, _) = known[0];
    let (last, last_achieved, _) = known[known.len() - 1];
    let target = known.iter().rev().find_map(|k| k.2).filter(|t| *t > 0.0);
    let deadline = deadline.filter(|d| *d > first);
    let end = deadline.map_or(last, |d| d.max(last));
    // The pace between the last two dates.
    let (before, before_achieved, _) = known[known.len() - 2];
    let pace = (last_achieved - before_achieved) / before.days_until(last).max(1) as f64;
    let horizon = deadline.filter(|d| *d > last);
    let projected = horizon.map(|d| last_achieved + pace * last.days_until(d) as f64);
    let top = known
        .iter()
        .map(|k| k.1)
        .chain(target)
        .chain(projected)
        .fold(0.0_f64, f64::max);
    let (y, y_ticks) = Linear::from_zero(top.max(1.0), 4, (HEIGHT - BOTTOM, TOP));
    let x = Linear {
        domain: (first.days() as f64, end.days().max(first.days() + 1) as f64),
        range: (LEFT, WIDTH - RIGHT),
    };
    let xd = |d: Date| x.map(d.days() as f64);
    let marks: Vec<Mark> = known
        .iter()
        .map(|&(date, achieved, target)| Mark {
            x: xd(date),
            y: y.map(achieved),
            date,
            achieved,
            target,
        })
        .collect();
    let tail = marks.last()?;
    let needed = match (horizon, target) {
        (Some(d), Some(t)) if t > last_achieved => Some((
            Segment {
                x1: tail.x,
                y1: tail.y,
                x2: xd(d),
                y2: y.map(t),
            },
            (t - last_achieved) / last.days_until(d).max(1) as f64,
        )),
        _ => None,
    };
    let projection = match (horizon, projected) {
        (Some(d), Some(p)) => Some((
            Segment {
                x1: tail.x,
                y1: tail.y,
                x2: xd(d),
                y2: y.map(p.max(0.0)),
            },
            pace,
            p,
        )),
        _ => None,
    };
    let mut all: Vec<(f64, Date)> = marks.iter().map(|m| (m.x, m.date)).collect();
    if let Some(d) = deadline.filter(|d| *d > last) {
        all.push((xd(d), d));
    }
    // Dates too close to the one before to be read apart keep their mark, not their label;
    // the last (the deadline, or the latest date) always has its label.
    let mut x_ticks: Vec<(f64, Date)> = Vec::new();
    for (i, t) in all.iter().enumerate() {
        let is_last = i + 1 == all.len();
        while is_last && x_ticks.last().is_some_and(|p| t.0 - p.0 < TICK_GAP) {
            x_ticks.pop();
        }
        if is_last || x_ticks.last().is_none_or(|p| t.0 - p.0 >= TICK_GAP) {
            x_ticks.push(*t);
        }
    }
    Some(Burnup {
        target: target.map(|t| (t, y.map(t))),
        deadline: deadline.map(|d| (d, xd(d))),
        marks,
        needed,
        projection,
        x_ticks,
        y_ticks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn three_weekly_dates_and_a_deadline() {
        let dates = [d(2023, 11, 1), d(2023, 11, 8), d(2023, 11, 15)];
        let points = [
            (Some(600.0), Some(1000.0)),
            (Some(700.0), Some(1000.0)),
            (Some(770.0), Some(1000.0)),
        ];
        let b = layout(&dates, &points, Some(d(2023, 12, 15))).unwrap();
        assert_eq!(b.marks.len(), 3);
        // Across: the first date at the left, the deadline at the right, by days.
        assert_eq!(b.marks[0].x, LEFT);
        let (_, deadline_x) = b.deadline.unwrap();
        assert_eq!(deadline_x, WIDTH - RIGHT);
        let per_day = (deadline_x - LEFT) / 44.0;
        assert!((b.marks[1].x - (LEFT + 7.0 * per_day)).abs() < 1e-9);
        // Up: more achieved is higher.
        assert!(b.marks[2].y < b.marks[1].y && b.marks[1].y < b.marks[0].y);
        // The target line, and the pace needed: 230 left in 30 days.
        let (target, ty) = b.target.unwrap();
        assert_eq!(target, 1000.0);
        let (seg, needed) = b.needed.unwrap();
        assert!((needed - 230.0 / 30.0).abs() < 1e-9);
        assert_eq!((seg.x1, seg.y1), (b.marks[2].x, b.marks[2].y));
        assert_eq!((seg.x2, seg.y2), (deadline_x, ty));
        // The recent pace, 10 a day, reaches 1,070 by the deadline: above the target line.
        let (proj, pace, reached) = b.projection.unwrap();
        assert_eq!(pace, 10.0);
        assert_eq!(reached, 1070.0);
        assert_eq!(proj.x2, deadline_x);
        assert!(proj.y2 < ty);
        // Ticks: each date and the deadline.
        assert_eq!(b.x_ticks.len(), 4);
        assert!(b.x_ticks.windows(2).all(|w| w[1].0 - w[0].0 >= TICK_GAP));
    }

    #[test]
    fn ten_irregular_dates_keep_their_spacing() {
        let days = [0, 3, 14, 20, 45, 46, 60, 75, 90, 120];
        let start = d(2024, 1, 1);
        let dates: Vec<Date> = days
            .iter()
            .map(|k| Date::from_days(start.days() + k).unwrap())
            .collect();
        let points: Vec<(Option<f64>, Option<f64>)> = days
            .iter()
            .map(|k| (Some(100.0 + *k as f64 * 2.0), Some(500.0)))
            .collect();
        let b = layout(&dates, &points, Some(d(2024, 6, 30))).unwrap();
        assert_eq!(b.marks.len(), 10);
        let (_, end) = b.deadline.unwrap();
        let per_day = (end - LEFT) / start.days_until(d(2024, 6, 30)) as f64;
        for (m, k) in b.marks.iter().zip(days) {
            assert!((m.x - (LEFT + k as f64 * per_day)).abs() < 1e-9);
        }
        // Labels only where they can be read apart, the first and the deadline's kept.
        assert!(b.x_ticks.len() < 11);
        assert!(b.x_ticks.windows(2).all(|w| w[1].0 - w[0].0 >= TICK_GAP));
        assert_eq!(b.x_ticks.first().unwrap().1, start);
        assert_eq!(b.x_ticks.last().unwrap().1, d(2024, 6, 30));
        // Two a day from day 90 to 120.
        let (_, pace, _) = b.projection.unwrap();
        assert_eq!(pace, 2.0);
        // The axis reaches above every figure.
        let top = b.y_ticks.last().unwrap().value;
        assert!(top >= 500.0);
    }

    #[test]
    fn without_a_deadline_or_past_the_target_no_pace_is_drawn() {
        let dates = [d(2023, 11, 1), d(2023, 11, 8), d(2023, 11, 15)];
        let points = [
            (Some(900.0), Some(1000.0)),
            (Some(1010.0), Some(1000.0)),
            (Some(1100.0), Some(1000.0)),
        ];
        let b = layout(&dates, &points, None).unwrap();
        assert!(b.needed.is_none() && b.projection.is_none() && b.deadline.is_none());
        // Above its target: the target line is under the last mark, nothing is clipped.
        let (_, ty) = b.target.unwrap();
        assert!(b.marks[2].y < ty);
        let reached = layout(&dates, &points, Some(d(2023, 12, 15))).unwrap();
        assert!(reached.needed.is_none());
        assert!(reached.projection.is_some());
        // One date with a figure draws nothing.
        assert!(layout(
            &dates,
            &[(None, None), (None, None), (Some(5.0), None)],
            None
        )
        .is_none());
    }
}
