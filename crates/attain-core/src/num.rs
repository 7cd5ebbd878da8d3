//! Numbers as plain text: a leaf module, imported by the model and the exports alike.

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
