//! Linear scales and readable tick values.

/// Maps a domain interval onto a pixel interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    /// The pixel position of a value.
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return r0;
        }
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }

    /// A scale from 0 to a nice value at or above `max` over `range`, and about `count` ticks
    /// placed on it: the horizontal axis of every bar chart.
    pub fn from_zero(max: f64, count: usize, range: (f64, f64)) -> (Linear, Vec<Tick>) {
        let values = ticks_from_zero(max, count);
        let top = values.last().copied().unwrap_or(max).max(max);
        let scale = Linear {
            domain: (0.0, top),
            range,
        };
        let ticks = scale.ticks(values);
        (scale, ticks)
    }

    /// Tick values placed on the scale.
    pub fn ticks(&self, values: Vec<f64>) -> Vec<Tick> {
        values
            .into_iter()
            .map(|value| Tick {
                x: self.map(value),
                value,
            })
            .collect()
    }
}

/// One tick of an axis: where it is and the value it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub value: f64,
}

/// A "nice" step near `span / count`: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_step(span: f64, count: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) || count == 0 {
        return 1.0;
    }
    let raw = span / count as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Ticks from 0 to the first step at or above `max`, about `count` of them.
pub fn ticks_from_zero(max: f64, count: usize) -> Vec<f64> {
    let step = nice_step(max, count);
    let n = (max / step).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_nice() {
        assert_eq!(nice_step(1.0, 5), 0.2);
        assert_eq!(nice_step(2.0, 5), 0.5);
        assert_eq!(nice_step(930_767.0, 5), 200_000.0);
        assert_eq!(nice_step(0.0, 5), 1.0);
    }

    #[test]
    fn ticks_cover_the_maximum() {
        let t = ticks_from_zero(1.9103, 5);
        assert_eq!(t.first(), Some(&0.0));
        assert!(*t.last().unwrap() >= 1.9103);
        assert!(t.len() <= 7);
        let t = ticks_from_zero(1.0, 5);
        assert_eq!(t.len(), 6);
        assert!((t[5] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn linear_maps_ends() {
        let s = Linear {
            domain: (0.0, 2.0),
            range: (100.0, 500.0),
        };
        assert_eq!(s.map(0.0), 100.0);
        assert_eq!(s.map(1.0), 300.0);
        assert_eq!(s.map(2.0), 500.0);
    }
}
