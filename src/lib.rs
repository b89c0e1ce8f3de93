//! PEEL Explorer: explore HMICFRS PEEL inspection grades of the 43 police forces of
//! England and Wales.
//!
//! [`core`] holds everything that is not drawing (data, import, filters, aggregates);
//! [`cli`] is the command line over it; [`gui`] the window.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
/// The core, a crate of its own (`crates/peel-core`): no egui, no threads.
pub use peel_core as core;
pub mod gui;
