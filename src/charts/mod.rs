//! Chart geometry as pure functions (scales, ticks, layout), tested natively. The components
//! in `components/` only turn this geometry into SVG elements.

pub mod bullet;
pub mod burnup;
pub mod dumbbell;
pub mod gap;
pub mod map;
pub mod rank;
pub mod scale;
pub mod scatter;
pub mod stack;
