//! `peel-explorer.com`, the command line on Windows.
//!
//! `peel-explorer.exe` is a windowed program, so that starting it from Explorer or the
//! Start menu opens no console window. But cmd and PowerShell neither wait for a windowed
//! program nor show what it prints. Typed in a console, `peel-explorer` finds this
//! program first (PATHEXT lists .COM before .EXE): it runs the `peel-explorer.exe` beside
//! it with the same arguments and this console's input and output, waits for it, and
//! returns its exit code. The packaging script renames the built `peel-explorer-console.exe`
//! to `peel-explorer.com`.
#![forbid(unsafe_code)]

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("peel-explorer{}", std::env::consts::EXE_SUFFIX)),
        Err(err) => {
            eprintln!("error: could not find where this program is: {err}");
            return ExitCode::FAILURE;
        }
    };
    match Command::new(&exe)
        .args(std::env::args_os().skip(1))
        .status()
    {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => ExitCode::FAILURE,
        },
        Err(err) => {
            eprintln!("error: could not start {}: {err}", exe.display());
            ExitCode::FAILURE
        }
    }
}
