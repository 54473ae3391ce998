//! The `spheres-map` command: parse, run, and on failure print one line and exit non-zero:
//! 2 for a usage error (as clap does), 1 for anything else.
#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse_args();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `{:#}` prints the whole cause chain on one line.
            eprintln!("spheres-map: error: {err:#}");
            let usage = matches!(
                err.downcast_ref::<spheres_map::Error>(),
                Some(spheres_map::Error::Usage(_))
            );
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
