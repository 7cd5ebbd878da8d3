//! Attain's browser app: holds the state and draws it. Every number it shows comes from the
//! engine (`attain_core`); the app never computes a rate itself.

pub mod charts;
pub mod components;
pub mod i18n;
pub mod reader;
pub mod shared;
pub mod state;
pub mod web;
pub mod wire;
pub mod worker;
pub mod writer;

pub use components::app::App;
