#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use peel_explorer::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => peel_explorer::gui::run(args.files),
    }
}
