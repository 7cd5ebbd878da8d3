//! Numbers as plain text: a leaf module, imported by the model and the exports alike.

use serde::{Deserialize, Serialize};

/// A number with `.` decimals and no grouping, as short as round-trips: for exports.
pub fn plain_number(n: f64) -> String {
    if n == 0.0 {
        // Avoid "-0".
        return "0".into();
    }
    // Whole counts (most figures) are written as integers, the same digits far faster.
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return (n as i64).to_string();
    }
    format!("{n}")
}

/// A figure that may be missing, in the room of an `f64` (an `Option<f64>` takes twice that):
/// a unit's achieved, target and sheet rate, kept for a million units per indicator. Missing is
/// one NaN pattern no parsed figure has; [`Figure::get`] gives the `Option`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Option<f64>", into = "Option<f64>")]
pub struct Figure(u64);

impl Figure {
    const NONE: u64 = 0x7ff8_dead_beef_0001;

    /// The figure, or `None` when missing.
    pub fn get(self) -> Option<f64> {
        (self.0 != Self::NONE).then(|| f64::from_bits(self.0))
    }
}

impl From<Option<f64>> for Figure {
    fn from(v: Option<f64>) -> Figure {
        Figure(v.map_or(Self::NONE, f64::to_bits))
    }
}

impl From<Figure> for Option<f64> {
    fn from(f: Figure) -> Option<f64> {
        f.get()
    }
}
