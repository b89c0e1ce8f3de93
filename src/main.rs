#![forbid(unsafe_code)]
// On Windows a windowed program: no console window opens when it is started from Explorer.
// In cmd or PowerShell, `peel-explorer.com` (packaging/windows/console.rs) runs it with the
// console's input and output.
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use clap::{CommandFactory, FromArgMatches};
#[cfg(not(target_arch = "wasm32"))]
use peel_explorer::cli::{self, Cli};

/// In the browser (`scripts/package.sh web`): the app on the page's canvas.
#[cfg(target_arch = "wasm32")]
fn main() {
    peel_explorer::gui::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    // Help and errors name the program as it is typed, `peel-explorer`, on every system
    // (not `peel-explorer.exe`).
    let matches = Cli::command().bin_name("peel-explorer").get_matches();
    let args = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    match args.command {
        Some(command) => cli::run(command),
        None => peel_explorer::gui::run(args.files),
    }
}
