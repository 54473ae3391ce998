//! The `spheres-map` command: parse, run, and on failure print one line and exit non-zero.

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `{:#}` prints the whole cause chain on one line.
            eprintln!("spheres-map: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
